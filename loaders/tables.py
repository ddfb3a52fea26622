"""The small tables: budget lines, stated totals, donors, staff, tier ranges and the Plan sheet.

Each parser takes a grid and one header, and returns canonical rows plus the issues it found, located
in spreadsheet coordinates. They are small (tens of rows), so plain loops keep them readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd

from loaders.detect import Header, body
from loaders.model import (
    FONDOS_PROPIOS,
    NIVELES,
    TOTAL_DONACIONES,
    TOTAL_EGRESOS,
    TOTAL_GENERAL,
    TOTAL_INGRESOS,
    Issue,
)
from loaders.text import fold, parse_amount, parse_date, parse_int, parse_percent
from loaders.xlsx import Grid


@dataclass
class Parsed:
    """Rows of one canonical table from one header, with the issues and stated totals met on the way."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    totals: list[tuple[str, Decimal, Issue]] = field(default_factory=list)  # concepto, amount, where
    meta: dict[str, str] = field(default_factory=dict)


def issue(code: str, message: str, grid: Grid, row: int, header: Header | None = None,
          col: int | None = None, severity: str = "error") -> Issue:
    """An issue at a grid cell: Excel row = grid row + 1, column named by its header and letter."""
    column = header.label(col) if header is not None and col is not None else None
    return Issue(code=code, message=message, sheet=grid.name, row=row + 1, column=column, severity=severity)


def _cells(grid: Grid, header: Header) -> list[tuple[int, dict[str, str], pd.Series]]:
    """(grid row, {field: stripped text}, the raw row) for each body row with text under a field."""
    out = []
    for row, values in body(grid, header).iterrows():
        texts = {f: str(values[c]).strip() for f, c in header.columns.items()
                 if c in values.index and isinstance(values[c], str) and values[c].strip()}
        if texts:
            out.append((int(row), texts, values))
    return out


_NOTE = re.compile(r"^(nota|fuente|elaborad|observaci)", re.IGNORECASE)
_SUMMARY = {"opamss": FONDOS_PROPIOS, "fondos propios": FONDOS_PROPIOS, "fondos propios opamss": FONDOS_PROPIOS,
            "donaciones": TOTAL_DONACIONES, "total donaciones": TOTAL_DONACIONES, "total": TOTAL_GENERAL,
            "total general": TOTAL_GENERAL, "total presupuesto": TOTAL_GENERAL}


def _amount_or_issue(text: str | None, grid: Grid, row: int, header: Header, col: int,
                     what: str, out: Parsed) -> Decimal | None:
    if text is None:
        out.issues.append(issue("monto_vacio", f"Falta el monto de {what}: se esperaba una cantidad en dólares "
                                "como «$ 2,370,715.00»; la celda está vacía.", grid, row, header, col))
        return None
    value = parse_amount(text)
    if value is None:
        out.issues.append(issue("monto_invalido", f"El monto de {what} no es una cantidad: se esperaba algo "
                                f"como «$ 2,370,715.00» y se encontró «{text}».", grid, row, header, col))
    elif value < 0:
        out.issues.append(issue("monto_negativo", f"El monto de {what} es negativo ({text}); un presupuesto "
                                "no lleva montos negativos.", grid, row, header, col))
        return None
    return value


def parse_budget(grid: Grid, header: Header, kind: str) -> Parsed:
    """Income or expense lines; rows labelled 'Total…' are stated totals, not lines."""
    out = Parsed()
    label_col, amount_col = header.columns["clasificacion"], header.columns["monto"]
    stated = TOTAL_INGRESOS if kind == "ingresos" else TOTAL_EGRESOS
    for row, cells, _ in _cells(grid, header):
        label, amount = cells.get("clasificacion"), cells.get("monto")
        if label is None:
            out.issues.append(issue("clasificacion_vacia", f"Hay un monto ({amount}) sin clasificación: escriba "
                                    "el nombre de la clasificación presupuestaria.", grid, row, header, label_col))
            continue
        if _NOTE.match(label) and amount is None:
            continue
        key = fold(label).rstrip(": ")
        if key.startswith("total"):
            value = _amount_or_issue(amount, grid, row, header, amount_col, f"«{label}»", out)
            if value is not None:
                where = issue("total", label, grid, row, header, amount_col, severity="warning")
                concept = _SUMMARY.get(key, stated) if key in ("total general", "total presupuesto") else stated
                out.totals.append((concept, value, where))
            continue
        value = _amount_or_issue(amount, grid, row, header, amount_col, f"«{label}»", out)
        if value is not None:
            out.rows.append({"clasificacion": label, "monto": float(value), "_row": row, "_exact": value})
    return out


def parse_donations(grid: Grid, header: Header, plan_year: int | None) -> Parsed:
    """Donors with amount and end date; 'Total' and the 'OPAMSS: / DONACIONES: / TOTAL:' lines are totals."""
    out = Parsed()
    cols = header.columns
    date_col = cols.get("fecha_finalizacion")
    if date_col is None:
        out.issues.append(issue("columna_faltante", "La tabla de donaciones no tiene la columna «Fecha "
                                "Finalización»: sin ella no se puede saber cuándo terminan los fondos.",
                                grid, header.row, severity="warning"))
    # Summary lines sit below the table in the first two columns, whatever the header says there.
    first_col = min(cols.values())
    for row, texts, values in _cells(grid, header):
        donor = texts.get("donante")
        label_key = fold(donor).rstrip(": ") if donor else ""
        if donor and label_key in _SUMMARY:
            amount_text = texts.get("importe") or _next_text(values, first_col)
            value = _amount_or_issue(amount_text, grid, row, header, cols["importe"], f"«{donor}»", out)
            if value is not None:
                where = issue("total", donor, grid, row, header, cols["importe"], severity="warning")
                concept = TOTAL_DONACIONES if label_key == "total" else _SUMMARY[label_key]
                # The grand total follows the donations total ("TOTAL:" after "DONACIONES:").
                if label_key == "total" and any(c == TOTAL_DONACIONES for c, _, _ in out.totals):
                    concept = TOTAL_GENERAL
                out.totals.append((concept, value, where))
            continue
        if donor is None:
            found = "; ".join(f"{header.labels.get(cols[f], f)}: «{t}»" for f, t in texts.items())
            out.issues.append(issue("donante_vacio", f"La fila tiene datos ({found}) pero no tiene donante: "
                                    "escriba el nombre del donante o borre la fila.", grid, row, header,
                                    cols["donante"]))
            continue
        value = _amount_or_issue(texts.get("importe"), grid, row, header, cols["importe"], f"«{donor}»", out)
        end: date | None = None
        if date_col is not None:
            raw = texts.get("fecha_finalizacion")
            end = parse_date(raw) if raw else None
            if raw is None:
                out.issues.append(issue("fecha_vacia", f"Falta la fecha de finalización de «{donor}»: se "
                                        "esperaba una fecha como «31/12/2016».", grid, row, header, date_col,
                                        severity="warning"))
            elif end is None:
                out.issues.append(issue("fecha_invalida", f"La fecha de finalización de «{donor}» no es una "
                                        f"fecha: se esperaba algo como «31/12/2016» o «31/Dic/2016» y se "
                                        f"encontró «{raw}».", grid, row, header, date_col))
        if value is not None:
            out.rows.append({"donante": donor, "importe": float(value), "fecha_finalizacion": end,
                             "_row": row, "_exact": value})
    return out


def _next_text(values: Any, after_col: int) -> str | None:
    """The first non-empty cell to the right of a summary label ('OPAMSS: | $ 6,818,481.04')."""
    for col, value in values.items():
        if int(col) > after_col and isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _nivel(text: str) -> str | None:
    key = fold(text)
    for nivel in NIVELES:
        if key == nivel or key.startswith(f"nivel {nivel}") or key.startswith(nivel):
            return nivel
    return None


def parse_staff(grid: Grid, header: Header) -> Parsed:
    """Headcount per tier and, where given, per unit; a 'Total' row is skipped."""
    out = Parsed()
    cols = header.columns
    for row, cells, _ in _cells(grid, header):
        raw_nivel = cells.get("nivel", "")
        if fold(raw_nivel).startswith("total"):
            continue
        nivel = _nivel(raw_nivel) if raw_nivel else None
        if nivel is None:
            out.issues.append(issue("nivel_invalido", "El nivel debe ser directivo, apoyo, asesor u operativo; "
                                    f"se encontró «{raw_nivel}».", grid, row, header, cols["nivel"]))
            continue
        raw = cells.get("plazas")
        plazas = parse_int(raw) if raw else None
        if plazas is None or plazas < 0:
            found = f"«{raw}»" if raw else "una celda vacía"
            out.issues.append(issue("plazas_invalidas", "Las plazas deben ser un número entero de 0 o más; "
                                    f"se encontró {found}.", grid, row, header, cols["plazas"]))
            continue
        out.rows.append({"nivel": nivel, "unidad": cells.get("unidad", ""), "plazas": plazas, "_row": row})
    return out


def parse_ranges(grid: Grid, header: Header) -> Parsed:
    """Target share ranges per tier, in percent points (a workbook may override the plan's)."""
    out = Parsed()
    cols = header.columns
    for row, cells, _ in _cells(grid, header):
        nivel = _nivel(cells.get("nivel", ""))
        low = parse_percent(cells.get("minimo", ""))
        high = parse_percent(cells.get("maximo", ""))
        if nivel is None or low is None or high is None or not 0 <= low <= high <= 100:
            out.issues.append(issue("rango_invalido", "Cada rango necesita un nivel (apoyo, asesor, operativo…) "
                                    "y un mínimo y un máximo en porcentaje, con 0 ≤ mínimo ≤ máximo ≤ 100; se "
                                    f"encontró «{cells.get('nivel', '')}», «{cells.get('minimo', '')}», "
                                    f"«{cells.get('maximo', '')}».", grid, row, header, cols["nivel"],
                                    severity="warning"))
            continue
        out.rows.append({"nivel": nivel, "minimo": low, "maximo": high})
    return out


def parse_plan(grid: Grid, header: Header) -> Parsed:
    """The Plan sheet's key/value rows: Año, Título, notes."""
    out = Parsed()
    for _row, cells, _ in _cells(grid, header):
        if "campo" in cells and "valor" in cells:
            out.meta[fold(cells["campo"]).rstrip(": ")] = cells["valor"]
    return out



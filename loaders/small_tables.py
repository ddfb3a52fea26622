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

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from domain.catalogue import issue
from domain.fmt import fecha, join_names, money
from domain.folding import fold
from domain.issues import Issue
from domain.places import Place
from domain.schema import (
    FONDOS_PROPIOS,
    MAX_AMOUNT,
    MAX_HEADCOUNT,
    NIVEL_STEMS,
    NIVELES,
    TOTAL_DONACIONES,
    TOTAL_EGRESOS,
    TOTAL_GENERAL,
    TOTAL_INGRESOS,
)
from loaders.budget_lines import (
    Layout,
    Line,
    breakdown,
    budget_layout,
    group_lines,
    leaves,
    read_money,
    source_note,
)
from loaders.budget_lines import labels as line_labels
from loaders.detect import TABLES, Header, arrow_chunks, body, form_end
from loaders.grid import Grid
from loaders.text import parse_amount, parse_date, parse_int, parse_percent


@dataclass
class Parsed:
    """Rows of one canonical table from one header, with the issues and stated totals met on the way."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    totals: list[tuple[str, Decimal, Place]] = field(default_factory=list)  # concepto, amount, where stated
    meta: dict[str, str] = field(default_factory=dict)
    # A budget report's lines, grouped with the other reports of its kind; its totals add up across reports.
    report: Report | None = None


def _cells(grid: Grid, header: Header) -> list[tuple[int, dict[str, str], pd.Series]]:
    """(grid row, {field: stripped text}, the raw row) for each body row with text under a field.

    Empty rows are dropped in one vectorised step first: a sheet may run to row 1,048,576 with a handful of
    lines, and these tables are walked row by row.
    """
    frame = body(grid, header)
    fields = [c for c in header.columns.values() if c in frame.columns]
    if not fields or frame.empty:
        return []
    filled = np.zeros(len(frame), dtype=bool)
    for col in fields:
        text = pa.chunked_array([c.cast(pa.string()) for c in arrow_chunks(frame[col])], pa.string())
        filled |= np.asarray(pc.fill_null(pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(text)), 0),
                                          False).to_numpy(zero_copy_only=False), dtype=bool)
    out = []
    for row, values in frame[filled].iterrows():
        texts = {f: str(values[c]).strip() for f, c in header.columns.items()
                 if c in values.index and isinstance(values[c], str) and values[c].strip()}
        if texts:
            out.append((int(row), texts, values))
    return out


_NOTE = re.compile(r"^(nota|fuente|elaborad|observaci)", re.IGNORECASE)
_SUMMARY = {"opamss": FONDOS_PROPIOS, "fondos propios": FONDOS_PROPIOS, "fondos propios opamss": FONDOS_PROPIOS,
            "donaciones": TOTAL_DONACIONES, "total donaciones": TOTAL_DONACIONES, "total": TOTAL_GENERAL,
            "total general": TOTAL_GENERAL, "total presupuesto": TOTAL_GENERAL}


def _amount_or_issue(text: str | None, place: Place, what: str, table: str, out: Parsed) -> Decimal | None:
    if text is None:
        out.issues.append(issue("monto_vacio", place, table=table, what=what))
        return None
    read = read_money(text)
    value = read.value
    if read.currency:
        out.meta.setdefault("moneda", read.currency)
        out.meta.setdefault("moneda_ejemplo", text)
    if value is None:
        out.issues.append(issue("monto_invalido", place, table=table, what=what, found=text))
    elif value < 0:
        out.issues.append(issue("monto_negativo", place, table=table, what=what, found=text))
        return None
    elif value > MAX_AMOUNT:
        out.issues.append(issue("monto_fuera_de_rango", place, table=table, what=what, found=text,
                                limit=money(MAX_AMOUNT)))
        return None
    return value


def parse_budget(grid: Grid, header: Header, kind: str) -> Parsed:
    """Income or expense lines; rows labelled 'Total…' are stated totals, not lines.

    A plan's 'Clasificación | Monto' table is read as it always was; a budget report (stages, execution,
    levels, one classification per unit) goes through `_parse_report`.
    """
    layout = budget_layout(header.columns, header.labels, kind)
    out = _parse_plain(grid, header, kind) if layout.plain else _parse_report(grid, header, kind, layout)
    if "moneda" in out.meta:
        out.issues.append(issue("moneda_supuesta", header.place(header.row, layout.monto), table=kind,
                                name=kind, currency=out.meta["moneda"], example=out.meta["moneda_ejemplo"]))
    return out


def _parse_plain(grid: Grid, header: Header, kind: str) -> Parsed:
    """A plan's own budget table: one line per row, 'Total…' rows are stated totals."""
    out = Parsed()
    label_col, amount_col = header.columns["clasificacion"], header.columns["monto"]
    stated = TOTAL_INGRESOS if kind == "ingresos" else TOTAL_EGRESOS
    for row, cells, _ in _cells(grid, header):
        label, amount = cells.get("clasificacion"), cells.get("monto")
        if label is None:
            out.issues.append(issue("clasificacion_vacia", header.place(row, label_col), table=kind, amount=amount))
            continue
        if _NOTE.match(label) and amount is None:
            continue
        key = fold(label).rstrip(": ")
        place = header.place(row, amount_col)
        if key.startswith("total"):
            value = _amount_or_issue(amount, place, f"«{label}»", kind, out)
            if value is not None:
                concept = _SUMMARY.get(key, stated) if key in ("total general", "total presupuesto") else stated
                out.totals.append((concept, value, place))
            continue
        value = _amount_or_issue(amount, place, f"«{label}»", kind, out)
        if value is not None:
            out.rows.append({"clasificacion": label, "monto": float(value)})
    return out


def _row_texts(grid: Grid, header: Header, cols: tuple[int, ...]) -> list[tuple[int, dict[int, str]]]:
    """(grid row, {grid column: stripped text}) for the body rows with text in any of `cols`.

    A report's columns may lie outside the span detect matched (a unit column on the left), so they are read
    from the grid itself.
    """
    frame = grid.frame.iloc[header.row + 1 : header.end]
    frame = frame[[c for c in cols if c in frame.columns]]
    out = []
    for row, values in zip(frame.index, frame.to_numpy(dtype=object, na_value=None).tolist(), strict=True):
        texts = {int(c): str(v).strip() for c, v in zip(frame.columns, values, strict=True)
                 if isinstance(v, str) and v.strip()}
        if texts:
            out.append((int(row), texts))
    return out


def _executed(text: str | None, place: Place, label: str, kind: str, out: Parsed) -> Decimal | None:
    """The executed amount of a line: none when the cell is empty, zero for a dash."""
    if text is None:
        return None
    if text.strip() in ("-", "—", "–"):
        return Decimal("0.00")
    return _amount_or_issue(text, place, f"lo ejecutado de «{label}»", kind, out)


def _report_line(header: Header, layout: Layout, row: int, texts: dict[int, str], kind: str,
                 out: Parsed) -> Line | None:
    """One row of a budget report as a line; a total row becomes a stated total and gives no line."""
    path = tuple(texts.get(c, "") for c in layout.levels)
    amount = texts.get(layout.monto)
    if not any(path):
        if amount is not None or (layout.ejecutado is not None and layout.ejecutado in texts):
            out.issues.append(issue("clasificacion_vacia", header.place(row, layout.levels[-1]), table=kind,
                                    amount=amount or texts.get(layout.ejecutado or -1)))
        return None
    label = next(p for p in reversed(path) if p)
    key = fold(label).rstrip(": ")
    place = header.place(row, layout.monto)
    if (_NOTE.match(label) and amount is None) or key.endswith(" total"):  # a note, or a pivot's subtotal
        return None
    if amount is not None and amount == label and parse_amount(amount) is None:
        return None  # one text merged across the row: a heading ('UNIDAD FINANCIERA', 'TOTAL'), no amount
    if key.startswith("total") and amount is None:
        return None  # 'TOTAL' with its amount in another column (a task's subtotal)
    value = _amount_or_issue(amount, place, f"«{label}»", kind, out)
    if key.startswith("total"):  # 'Total', 'Total general': the table's own stated total
        if value is not None:
            out.totals.append((TOTAL_INGRESOS if kind == "ingresos" else TOTAL_EGRESOS, value, place))
        return None
    if value is None:
        return None
    executed = None if layout.ejecutado is None else _executed(
        texts.get(layout.ejecutado), header.place(row, layout.ejecutado), label, kind, out)
    return Line(path, value, executed, row, texts.get(layout.breakdown, "") if layout.breakdown is not None else "")


def _form_body(grid: Grid, header: Header, layout: Layout) -> list[tuple[int, dict[int, str]]]:
    """A report's rows, up to where the title or preamble above its header comes back (a form printed once
    per unit: the next unit's form starts there, and its header ends this one)."""
    stop = form_end(grid, header)
    return [(row, texts) for row, texts in _row_texts(grid, header, layout.columns) if row < stop]


def _parse_report(grid: Grid, header: Header, kind: str, layout: Layout) -> Parsed:
    """A budget report: stage columns, execution, levels summed without double counting, repeats grouped."""
    out = Parsed()
    out.issues.append(issue("columnas_presupuesto", header.place(header.row, layout.monto), table=kind, name=kind,
                            note=source_note(layout)))
    lines = [line for row, texts in _form_body(grid, header, layout)
             if (line := _report_line(header, layout, row, texts, kind, out)) is not None]
    kept, which = leaves(lines, len(layout.levels))
    if which:
        names = " / ".join(f"«{layout.labels.get(c, '')}»" for c in layout.levels) if len(layout.levels) > 1 \
            else "los códigos de la clasificación"
        out.issues.append(issue("jerarquia_presupuesto", header.place(header.row, layout.levels[0]), table=kind,
                                name=kind, levels=names, kept=which, count=len(lines) - len(kept)))
    by = f"«{layout.labels[layout.breakdown]}»" if layout.breakdown is not None else "fila"
    out.report = Report(kept, by, layout.ejecutado is not None, header.place(header.row, layout.levels[-1]))
    out.rows, grouped = report_rows(kind, [out.report])  # this table alone (the workbook regroups its reports)
    out.issues.extend(grouped)
    return out


@dataclass
class Report:
    """A budget report's lines before grouping: the reports of one kind are grouped together, so a
    classification repeated per unit, per programme or per printed form is one line."""

    lines: list[Line]
    by: str  # what a repeated classification is broken down by («UNIDAD EJECUTORA», or «fila»)
    executed: bool
    place: Place


def report_rows(kind: str, reports: list[Report]) -> tuple[list[dict[str, Any]], list[Issue]]:
    """The canonical rows of every report of one kind, each classification once, and what was grouped."""
    kept = [line for report in reports for line in report.lines]
    grouped = group_lines(kept)
    issues = []
    if len(grouped) < len(kept):
        issues.append(issue("lineas_agrupadas", reports[0].place, table=kind, lines=len(kept), groups=len(grouped),
                            by=reports[0].by))
    executed = any(report.executed for report in reports)
    rows = []
    for line, name in zip(grouped, line_labels(grouped), strict=True):
        row: dict[str, Any] = {"clasificacion": name, "monto": float(line.monto)}
        if executed:
            row["ejecutado"] = None if line.ejecutado is None else float(line.ejecutado)
        if len(grouped) < len(kept):
            row["desglose"] = breakdown(line)
        rows.append(row)
    return rows, issues


def parse_donations(grid: Grid, header: Header, window: tuple[date, date]) -> Parsed:
    """Donors with amount and end date; 'Total' and the 'OPAMSS: / DONACIONES: / TOTAL:' lines are totals."""
    out = Parsed()
    cols = header.columns
    date_col = cols.get("fecha_finalizacion")
    if date_col is None:
        column = TABLES["donaciones"].column("fecha_finalizacion")
        out.issues.append(issue("columna_faltante", header.place(header.row), name="donaciones",
                                column=column.template_header,
                                why="sin ella no se puede saber cuándo terminan los fondos"))
    # Summary lines sit below the table in the first two columns, whatever the header says there.
    first_col = min(cols.values())
    for row, texts, values in _cells(grid, header):
        donor = texts.get("donante")
        label_key = fold(donor).rstrip(": ") if donor else ""
        place = header.place(row, cols["importe"])
        if donor and label_key in _SUMMARY:
            amount_text = texts.get("importe") or _next_text(values, first_col)
            value = _amount_or_issue(amount_text, place, f"«{donor}»", "donaciones", out)
            if value is not None:
                concept = TOTAL_DONACIONES if label_key == "total" else _SUMMARY[label_key]
                # The grand total follows the donations total ("TOTAL:" after "DONACIONES:").
                if label_key == "total" and any(c == TOTAL_DONACIONES for c, _, _ in out.totals):
                    concept = TOTAL_GENERAL
                out.totals.append((concept, value, place))
            continue
        if donor is None:
            found = "; ".join(f"{header.labels.get(cols[f], f)}: «{t}»" for f, t in texts.items())
            out.issues.append(issue("donante_vacio", header.place(row, cols["donante"]), table="donaciones",
                                    found=found))
            continue
        value = _amount_or_issue(texts.get("importe"), place, f"«{donor}»", "donaciones", out)
        end = _end_date(texts.get("fecha_finalizacion"), donor, header.place(row, date_col), window, out) \
            if date_col is not None else None
        if value is not None:
            out.rows.append({"donante": donor, "importe": float(value), "fecha_finalizacion": end})
    return out


def _end_date(raw: str | None, donor: str, place: Place, window: tuple[date, date], out: Parsed) -> date | None:
    if raw is None:
        out.issues.append(issue("fecha_vacia", place, table="donaciones", donor=donor))
        return None
    end = parse_date(raw)
    if end is None:
        out.issues.append(issue("fecha_donacion_invalida", place, table="donaciones", donor=donor, found=raw))
    elif not window[0] <= end <= window[1]:
        out.issues.append(out_of_window(place, end, window))
        return None
    return end


def out_of_window(place: Place, when: date, window: tuple[date, date]) -> Issue:
    """The warning for a date outside the plan's plausible window (domain.calendar.plausible)."""
    return issue("fecha_fuera_de_rango", place, found=fecha(when), years=(window[1].year - window[0].year) // 2,
                 first=window[0].year, last=window[1].year)


def _next_text(values: Any, after_col: int) -> str | None:
    """The first non-empty cell to the right of a summary label ('OPAMSS: | $ 6,818,481.04')."""
    for col, value in values.items():
        if int(col) > after_col and isinstance(value, str) and value.strip():
            return value.strip()
    return None


_TIER_FILLER = re.compile(r"^(?:(?:nivel|niveles|personal|puestos?|cargos?|de|del|la|el)\b[\s:.\-]*)+")


def _nivel(text: str) -> str | None:
    """The tier a label names, as plans write it: 'Nivel de apoyo', 'De apoyo', 'Operativa', 'Asesoría'.

    Filler words go first ('nivel', 'de', 'personal'), then the word's stem decides (schema.NIVEL_STEMS), so
    gender and number ('Directiva', 'Asesores') do not matter.
    """
    key = _TIER_FILLER.sub("", fold(text)).strip()
    for nivel in NIVELES:
        if key == nivel or key.startswith(NIVEL_STEMS[nivel]):
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
            out.issues.append(issue("nivel_invalido", header.place(row, cols["nivel"]), table="personal",
                                    choices=join_names(list(NIVELES), "u"), found=raw_nivel))
            continue
        raw = cells.get("plazas")
        plazas = parse_int(raw) if raw else None
        if plazas is None or not 0 <= plazas <= MAX_HEADCOUNT:
            out.issues.append(issue("plazas_invalidas", header.place(row, cols["plazas"]), table="personal",
                                    found=f"«{raw}»" if raw else "una celda vacía", limit=f"{MAX_HEADCOUNT:,}"))
            continue
        out.rows.append({"nivel": nivel, "unidad": cells.get("unidad", ""), "plazas": plazas})
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
            out.issues.append(issue("rango_invalido", header.place(row, cols["nivel"]),
                                    choices=join_names(list(NIVELES[1:]), "u"), nivel=cells.get("nivel", ""),
                                    low=cells.get("minimo", ""), high=cells.get("maximo", "")))
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

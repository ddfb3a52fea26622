"""POA matrices -> the `actividades` table, vectorised over the rows.

A POA body mixes activity rows with rows that set context for the rows below them: "ÁREA: …",
"OBJETIVO ESTRATÉGICO n: …" and "OBJETIVO ESPECÍFICO n: …" (often merged across the table). Results,
indicators and verification sources are often merged down over several activities; the grid reader
has already copied them into every covered cell. Timing texts repeat a lot, so each distinct text is
parsed once and mapped back.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from loaders.detect import Header, body
from loaders.model import COLUMNS, Issue, Issues
from loaders.text import MONTH_ABBR, month_end, parse_date, parse_tiempo
from loaders.xlsx import Grid

_OE = r"^\W*objetivo\s+estrat[eé]gico"
_OESP = r"^\W*objetivo\s+espec[ií]fico"
_AREA = r"^\W*[áa]rea\s*:"
_GENERIC_SHEETS = ("poa", "hoja", "sheet", "plan", "actividades", "matriz")
_MONTH_LABELS = tuple(m.capitalize() for m in MONTH_ABBR)


def _clean(series: pd.Series) -> pd.Series:
    """Trimmed text with empty cells as NA."""
    stripped = series.str.strip()
    return stripped.where(stripped.str.len() > 0)


def _lead(frame: pd.DataFrame, columns: list[int]) -> pd.Series:
    """Each row's first non-empty cell within the table's columns."""
    lead = _clean(frame[columns[0]])
    for col in columns[1:]:
        missing = lead.isna()
        if not missing.any():
            break
        lead = lead.where(~missing, _clean(frame[col]))
    return lead


def area_from_sheet(name: str) -> str | None:
    """A sheet named after its area ('Planificación') names the activities' area; 'POA' or 'Hoja1' do not."""
    key = name.strip().lower()
    return None if not key or key.startswith(_GENERIC_SHEETS) else name.strip()


def _area_above(grid: Grid, header: Header, rows: int = 5) -> str | None:
    """An 'ÁREA: …' title in the few rows above the header."""
    block = grid.frame.iloc[max(0, header.row - rows) : header.row]
    for value in reversed(block.to_numpy().ravel().tolist()):
        if isinstance(value, str) and re.match(_AREA, value, flags=re.IGNORECASE):
            return re.sub(_AREA, "", value, flags=re.IGNORECASE).strip() or None
    return None


def parse_poa(grid: Grid, header: Header, plan_year: int | None, issues: Issues) -> pd.DataFrame:
    """The activities under one POA header, with every problem located by sheet, row and column."""
    cols = header.columns
    frame = body(grid, header)
    table_cols = sorted(set(cols.values()) | set(header.months))
    table_cols = [c for c in table_cols if c in frame.columns]
    if frame.empty or not table_cols:
        return pd.DataFrame(columns=list(COLUMNS["actividades"]))
    lead = _lead(frame, table_cols)
    is_oe = lead.str.contains(_OE, case=False, regex=True).fillna(False).astype(bool)
    is_oesp = lead.str.contains(_OESP, case=False, regex=True).fillna(False).astype(bool)
    is_area = lead.str.contains(_AREA, case=False, regex=True).fillna(False).astype(bool)
    context = is_oe | is_oesp | is_area

    def field(name: str) -> pd.Series:
        col = cols.get(name)
        if col is None or col not in frame.columns:
            return pd.Series(pd.NA, index=frame.index, dtype="str")
        return _clean(frame[col])

    out = pd.DataFrame(index=frame.index)
    sheet_area = area_from_sheet(grid.name)
    area_rows = lead.where(is_area).str.replace(_AREA, "", case=False, regex=True).str.strip()
    area = area_rows.ffill()
    if "area" in cols:
        area = field("area").fillna(area)
    titled = _area_above(grid, header)
    area = area.fillna(titled) if titled else area
    out["area"] = area.fillna(sheet_area) if sheet_area else area
    # An objective row starts a new block: the specific objective resets under a new strategic one.
    oe_text = lead.where(is_oe).ffill()
    oesp_block = (is_oe | is_oesp).cumsum()
    oesp_text = lead.where(is_oesp).groupby(oesp_block).ffill()
    out["objetivo_estrategico"] = field("objetivo_estrategico").fillna(oe_text) if "objetivo_estrategico" in cols \
        else oe_text
    out["objetivo_especifico"] = field("objetivo_especifico").fillna(oesp_text) if "objetivo_especifico" in cols \
        else oesp_text
    for name in ("resultado", "indicador", "fuente_verificacion", "actividad", "responsable",
                 "fuente_financiamiento", "riesgo"):
        out[name] = field(name)
    out["tiempo"] = field("tiempo")

    content = pd.Series(False, index=frame.index)
    for col in table_cols:
        content |= frame[col].notna() & (frame[col].str.strip().str.len() > 0)
    is_activity = ~context & out["actividad"].notna()
    orphan = ~context & content & out["actividad"].isna()
    act_col = cols["actividad"]
    issues.add_rows("actividad_vacia", orphan.index[orphan], lambda row: _issue(
        "actividad_vacia", "La fila tiene datos pero no tiene actividad: escriba la actividad o borre la fila "
        "(no se cargó).", grid, row, header, act_col, "warning"))
    out = out[is_activity]
    if out.empty:
        return pd.DataFrame(columns=list(COLUMNS["actividades"]))

    inicio, fin = _timing(grid, header, frame.loc[out.index], out, plan_year, issues)
    out["inicio"], out["fin"] = inicio, fin
    bad = out["inicio"].notna() & out["fin"].notna()
    bad &= np.array([f < i if isinstance(i, date) and isinstance(f, date) else False
                     for i, f in zip(out["inicio"], out["fin"], strict=True)], dtype=bool)
    time_col = cols.get("fin", cols.get("tiempo", act_col))
    issues.add_rows("fin_antes_de_inicio", out.index[bad], lambda row: _issue(
        "fin_antes_de_inicio", f"La actividad termina ({out.at[row, 'fin']:%d/%m/%Y}) antes de empezar "
        f"({out.at[row, 'inicio']:%d/%m/%Y}): corrija el inicio o el fin.", grid, row, header, time_col, "error"))
    if "area" not in cols and out["area"].isna().any():
        row = int(out.index[out["area"].isna()][0])
        issues.add(_issue("area_desconocida", f"No se sabe a qué área pertenecen las actividades de la hoja "
                             f"«{grid.name}»: ponga el nombre del área a la hoja, una fila «ÁREA: …» sobre la "
                             "tabla o una columna «Área».", grid, row, header, None, "warning"))
    out.index = out.index + 1  # Excel rows, for callers that need to point back at the sheet
    return out[list(COLUMNS["actividades"])]


def _issue(code: str, message: str, grid: Grid, row: int, header: Header, col: int | None,
           severity: str) -> Issue:
    column = header.label(col) if col is not None else None
    return Issue(code=code, message=message, sheet=grid.name, row=int(row) + 1, column=column, severity=severity)


def _found(text: object) -> str:
    return f"«{text}»" if isinstance(text, str) else "una celda vacía"


def _timing(grid: Grid, header: Header, frame: pd.DataFrame, out: pd.DataFrame, plan_year: int | None,
            issues: Issues) -> tuple[pd.Series, pd.Series]:
    """inicio/fin from Inicio/Fin dates, else from month marks, else from the Tiempo text."""
    cols = header.columns
    inicio = pd.Series(None, index=out.index, dtype=object)
    fin = pd.Series(None, index=out.index, dtype=object)
    for name, target in (("inicio", inicio), ("fin", fin)):
        if name in cols and cols[name] in frame.columns:
            raw = _clean(frame[cols[name]])
            parsed = raw.map(parse_date, na_action="ignore")
            target[:] = parsed.where(parsed.notna(), None)
            bad = raw.notna() & parsed.isna()
            issues.add_rows("fecha_invalida", raw.index[bad], lambda row, raw=raw, name=name: _issue(
                "fecha_invalida", f"«{raw[row]}» no es una fecha: se esperaba algo como «15/02/2016».",
                grid, row, header, cols[name], "warning"))
    if header.months:
        _months(grid, header, frame, out, plan_year, inicio, fin, issues)
    need = inicio.isna() | fin.isna()
    if not need.any():
        return inicio, fin
    texts = out["tiempo"].where(need)
    distinct = texts.dropna().unique()
    parsed = {t: parse_tiempo(t, plan_year) for t in distinct}
    starts = texts.map(lambda t: parsed[t][0], na_action="ignore")
    ends = texts.map(lambda t: parsed[t][1], na_action="ignore")
    inicio = inicio.where(~need | starts.isna(), starts)
    fin = fin.where(~need | ends.isna(), ends)
    missing = inicio.isna() | fin.isna()
    col = cols.get("tiempo", cols.get("inicio", cols["actividad"]))
    texts = out["tiempo"]
    no_year = missing & texts.map(lambda t: parsed.get(t, (None, None, None))[2] == "sin_anio").astype(bool)
    issues.add_rows("anio_desconocido", out.index[no_year], lambda row: _issue(
        "anio_desconocido", f"«{texts[row]}» necesita el año del plan para ser una fecha y el libro no lo dice: "
        "añada una hoja «Plan» con «Año», un título «PLAN DE ACCIÓN 2016» o indique el año al cargar.",
        grid, row, header, col, "error"))
    issues.add_rows("tiempo_no_reconocido", out.index[missing & ~no_year], lambda row: _issue(
        "tiempo_no_reconocido", "No se reconoce el tiempo de la actividad: se encontró "
        f"{_found(texts[row])}; se esperaba algo como «Marzo», «Enero - Marzo», «I Trimestre» o «Permanente». "
        "La actividad se cargó sin fechas.", grid, row, header, col, "warning"))
    return inicio, fin


def _months(grid: Grid, header: Header, frame: pd.DataFrame, out: pd.DataFrame, plan_year: int | None,
            inicio: pd.Series, fin: pd.Series, issues: Issues) -> None:
    """Twelve month columns marked with any text or only with a fill: first and last marked month."""
    marks = np.zeros((len(frame), 12), dtype=bool)
    for i, col in enumerate(header.months):
        if col in frame.columns:
            marks[:, i] = (frame[col].fillna("").str.strip().str.len() > 0).to_numpy()
    if not marks.any() and grid.filled_cells:
        rows = {r: k for k, r in enumerate(frame.index)}
        for r, c in grid.filled_cells:
            if r in rows and c in header.months:
                marks[rows[r], header.months.index(c)] = True
    has = marks.any(axis=1)
    if not has.any():
        return
    if plan_year is None:
        issues.add(_issue("anio_desconocido", "Los meses marcados necesitan el año del plan y el libro no lo "
                             "dice: añada una hoja «Plan» con «Año» o un título «PLAN DE ACCIÓN 2016».", grid,
                             header.row, header, header.months[0], "error"))
        return
    first = marks.argmax(axis=1)
    last = 11 - marks[:, ::-1].argmax(axis=1)
    for k, row in enumerate(out.index):
        if not has[k]:
            continue
        inicio[row] = date(plan_year, int(first[k]) + 1, 1)
        fin[row] = month_end(plan_year, int(last[k]) + 1)
        if not isinstance(out.at[row, "tiempo"], str):
            out.at[row, "tiempo"] = ", ".join(_MONTH_LABELS[m] for m in np.flatnonzero(marks[k]))

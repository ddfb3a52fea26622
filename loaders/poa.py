"""POA matrices -> the `actividades` table, vectorised over the rows.

A POA body mixes activity rows with rows that set context for the rows below them: "ÁREA: …",
"OBJETIVO ESTRATÉGICO n: …" and "OBJETIVO ESPECÍFICO n: …" (often merged across the table). Results,
indicators and verification sources are often merged down over several activities; the grid reader
has already copied them into every covered cell. Timing texts repeat a lot, so each distinct text is
parsed once and mapped back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from domain.calendar import MONTHS_SHORT, month_end
from domain.catalogue import issue
from domain.fmt import fecha
from domain.issues import Issues
from domain.schema import COLUMNS
from loaders.detect import Header, arrow_chunks, body
from loaders.grid import Grid
from loaders.small_tables import out_of_window
from loaders.text import parse_date, parse_tiempo

_OE = r"^\W*objetivo\s+estrat[eé]gico"
_OESP = r"^\W*objetivo\s+espec[ií]fico"
_AREA = r"^\W*(?i:[áa]rea)\s*:"  # inline flag: the same pattern serves RE2 (Arrow) and Python re
_GENERIC_SHEETS = ("poa", "hoja", "sheet", "plan", "actividades", "matriz")


def _clean(series: pd.Series | None, n: int) -> pa.ChunkedArray:
    """A text column, trimmed, with empty cells as null (Arrow, no Python per cell)."""
    if series is None:
        return pa.chunked_array([pa.nulls(n, pa.string())])
    chunks = [c.cast(pa.string()) for c in arrow_chunks(series)]
    trimmed = pc.utf8_trim_whitespace(pa.chunked_array(chunks, pa.string()))
    return pc.if_else(pc.equal(pc.utf8_length(trimmed), 0), pa.scalar(None, pa.string()), trimmed)


def _flag(array: pa.ChunkedArray, pattern: str) -> pa.ChunkedArray:
    return pc.fill_null(pc.match_substring_regex(array, pattern, ignore_case=True), False)


def _ffill_within(values: pa.ChunkedArray, reset: pa.ChunkedArray) -> pa.ChunkedArray:
    """Forward-fill `values`, but not across rows where `reset` is true."""
    marked = pc.if_else(pc.and_(reset, pc.is_null(values)), pa.scalar("\x00"), values)
    filled = pc.fill_null_forward(marked)
    return pc.if_else(pc.equal(filled, "\x00"), pa.scalar(None, pa.string()), filled)


def area_from_sheet(name: str) -> str | None:
    """A sheet named after its area ('Planificación') names the activities' area; 'POA' or 'Hoja1' do not."""
    key = name.strip().lower()
    return None if not key or key.startswith(_GENERIC_SHEETS) else name.strip()


def _area_above(grid: Grid, header: Header, rows: int = 5) -> str | None:
    """An 'ÁREA: …' title in the few rows above the header."""
    block = grid.frame.iloc[max(0, header.row - rows) : header.row]
    for value in reversed(block.to_numpy().ravel().tolist()):
        if isinstance(value, str) and re.match(_AREA, value):
            return re.sub(_AREA, "", value).strip() or None
    return None


@dataclass
class _Body:
    """A POA table's body as Arrow columns: trimmed text per grid column, and the first text of each row."""

    frame: pd.DataFrame
    cells: dict[int, pa.ChunkedArray]
    lead: pa.ChunkedArray
    columns: dict[str, int]

    def field(self, name: str) -> pa.ChunkedArray:
        col = self.columns.get(name)
        return self.cells[col] if col in self.cells else _clean(None, len(self.frame))


def _read_body(grid: Grid, header: Header) -> _Body | None:
    frame = body(grid, header)
    table_cols = [c for c in sorted(set(header.columns.values()) | set(header.months)) if c in frame.columns]
    if not len(frame) or not table_cols:
        return None
    cells = {c: _clean(frame[c], len(frame)) for c in table_cols}
    lead = pc.coalesce(*cells.values()) if len(cells) > 1 else next(iter(cells.values()))
    return _Body(frame, cells, lead, header.columns)


def _context(grid: Grid, header: Header, rows: _Body) -> tuple[dict[str, pa.ChunkedArray], pa.ChunkedArray]:
    """Area and objectives for every row, from 'ÁREA:' / 'OBJETIVO …' rows above it (or their own columns),
    and which rows are such context rows rather than activities."""
    lead, null = rows.lead, pa.scalar(None, pa.string())
    is_oe, is_oesp, is_area = _flag(lead, _OE), _flag(lead, _OESP), _flag(lead, _AREA)
    area = pc.fill_null_forward(pc.utf8_trim_whitespace(pc.replace_substring_regex(
        pc.if_else(is_area, lead, null), _AREA, "")))
    for fallback in (_area_above(grid, header), area_from_sheet(grid.name)):
        if fallback:
            area = pc.fill_null(area, fallback)
    found = {"area": area, "objetivo_estrategico": pc.fill_null_forward(pc.if_else(is_oe, lead, null)),
             "objetivo_especifico": _ffill_within(pc.if_else(is_oesp, lead, null), is_oe)}
    for name in found:
        if name in rows.columns:
            found[name] = pc.coalesce(rows.field(name), found[name])
    return found, pc.or_(pc.or_(is_oe, is_oesp), is_area)


def parse_poa(grid: Grid, header: Header, plan_year: int | None, issues: Issues,
              window: tuple[date, date]) -> pd.DataFrame:
    """The activities under one POA header, with every problem located by sheet, row and column."""
    empty = pd.DataFrame(columns=list(COLUMNS["actividades"]))
    rows = _read_body(grid, header)
    if rows is None:
        return empty
    context, is_context = _context(grid, header, rows)
    actividad = rows.field("actividad")
    keep = pc.and_(pc.invert(is_context), pc.invert(pc.is_null(actividad)))
    orphan = pc.and_(pc.and_(pc.invert(is_context), pc.invert(pc.is_null(rows.lead))), pc.is_null(actividad))
    grid_rows = rows.frame.index.to_numpy()
    act_col = header.columns["actividad"]
    issues.add_rows(grid_rows[_mask(orphan)], lambda row: issue("actividad_vacia", header.place(row, act_col),
                                                                table="actividades"))
    picked = _mask(keep)
    if not picked.any():
        return empty
    keep_arr = pa.array(picked)
    text = {**context, **{name: rows.field(name) for name in (
        "resultado", "indicador", "fuente_verificacion", "actividad", "tiempo", "responsable",
        "fuente_financiamiento", "riesgo")}}
    text = {k: pc.filter(v, keep_arr) for k, v in text.items()}
    excel_rows = grid_rows[picked]
    marks = {c: pc.filter(rows.cells[c], keep_arr) for c in header.months if c in rows.cells}
    inicio, fin, text["tiempo"] = _timing(grid, header, rows.frame, picked, excel_rows, text["tiempo"], marks,
                                          plan_year, issues)
    inicio, fin = _within(header, excel_rows, inicio, fin, window, issues)
    _check(grid, header, excel_rows, inicio, fin, text["area"], issues)
    data: dict[str, pd.Series] = {k: _text_series(v) for k, v in text.items()}
    data["inicio"] = pd.Series(pd.arrays.ArrowExtensionArray(inicio))
    data["fin"] = pd.Series(pd.arrays.ArrowExtensionArray(fin))
    return pd.DataFrame(data)[list(COLUMNS["actividades"])]


def _within(header: Header, excel_rows: np.ndarray, inicio: pa.Array, fin: pa.Array, window: tuple[date, date],
            issues: Issues) -> tuple[pa.Array, pa.Array]:
    """Dates outside the plan's plausible window are warned about and dropped (the activity becomes undated)."""
    low, high = pa.scalar(window[0], pa.date32()), pa.scalar(window[1], pa.date32())

    def outside(dates: pa.Array) -> np.ndarray:
        return _mask(pc.or_(pc.less(dates, low), pc.greater(dates, high)))

    bad_start, bad_end = outside(inicio), outside(fin)
    bad = bad_start | bad_end
    if not bad.any():
        return inicio, fin
    cols = header.columns
    col = cols.get("fin", cols.get("inicio", cols.get("tiempo", cols["actividad"])))
    issues.add_rows(np.flatnonzero(bad), lambda k: out_of_window(
        header.place(excel_rows[k], cols.get("inicio", col) if bad_start[k] else col),
        (inicio if bad_start[k] else fin)[int(k)].as_py(), window))
    keep = pa.array(~bad)
    none = pa.scalar(None, pa.date32())
    return pc.if_else(keep, inicio, none), pc.if_else(keep, fin, none)


def _check(grid: Grid, header: Header, excel_rows: np.ndarray, inicio: pa.Array, fin: pa.Array,
           area: pa.ChunkedArray, issues: Issues) -> None:
    """An activity ending before it starts is an error on its row; activities of no known area, a warning."""
    cols = header.columns
    time_col = cols.get("fin", cols.get("tiempo", cols["actividad"]))
    issues.add_rows(np.flatnonzero(_mask(pc.less(fin, inicio))), lambda k: issue(
        "fin_antes_de_inicio", header.place(excel_rows[k], time_col), table="actividades",
        fin=fecha(fin[int(k)].as_py()), inicio=fecha(inicio[int(k)].as_py())))
    if pc.any(pc.is_null(area)).as_py():
        first = int(excel_rows[_mask(pc.is_null(area))][0])
        issues.add(issue("area_desconocida", header.place(first), sheet=grid.name))


def _mask(array: pa.ChunkedArray | pa.Array) -> np.ndarray:
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


def _text_series(array: pa.ChunkedArray) -> pd.Series:
    return pd.Series(pd.arrays.ArrowStringArray(pc.cast(array, pa.string())))


def _found(text: object) -> str:
    return f"«{text}»" if isinstance(text, str) else "una celda vacía"


def _by_distinct(texts: pa.ChunkedArray, parse: Callable[[str], tuple]) -> tuple[pa.Array, pa.Array, pa.Array]:
    """Parse each distinct text once, then map (start, end, problem) back to every row with Arrow takes."""
    distinct = pc.unique(texts).drop_null()
    results = [parse(t) for t in distinct.to_pylist()]
    index = pc.index_in(texts, value_set=distinct)
    starts = pc.take(pa.array([r[0] for r in results], pa.date32()), index)
    ends = pc.take(pa.array([r[1] for r in results], pa.date32()), index)
    problems = pc.take(pa.array([r[2] for r in results], pa.string()), index)
    return starts, ends, problems


def _timing(grid: Grid, header: Header, frame: pd.DataFrame, picked: np.ndarray, excel_rows: np.ndarray,
            tiempo: pa.ChunkedArray, marks: dict[int, pa.ChunkedArray], plan_year: int | None,
            issues: Issues) -> tuple[pa.Array, pa.Array, pa.ChunkedArray]:
    """inicio/fin from Inicio/Fin dates, else from month marks, else from the Tiempo text."""
    cols = header.columns
    n = len(excel_rows)
    inicio = pa.nulls(n, pa.date32())
    fin = pa.nulls(n, pa.date32())
    keep = pa.array(picked)
    for name in ("inicio", "fin"):
        if name not in cols or cols[name] not in frame.columns:
            continue
        raw = pc.filter(_clean(frame[cols[name]], len(frame)), keep)
        parsed, _, _ = _by_distinct(raw, lambda t: (parse_date(t), None, None))
        bad = _mask(pc.and_(pc.invert(pc.is_null(raw)), pc.is_null(parsed)))
        issues.add_rows(np.flatnonzero(bad), lambda k, raw=raw, name=name: issue(
            "fecha_actividad_invalida", header.place(excel_rows[k], cols[name]), found=raw[int(k)].as_py()))
        if name == "inicio":
            inicio = parsed
        else:
            fin = parsed
    if marks:
        inicio, fin, tiempo = _months(grid, header, picked, excel_rows, marks, tiempo, plan_year, inicio, fin,
                                      issues)
    need = pc.or_(pc.is_null(inicio), pc.is_null(fin))
    if not pc.any(need).as_py():
        return inicio, fin, tiempo
    # Where Inicio/Fin or the marks left a gap, a Tiempo text that parses gives both dates.
    starts, ends, problems = _by_distinct(tiempo, lambda t: parse_tiempo(t, plan_year))
    use = pc.and_(need, pc.invert(pc.or_(pc.is_null(starts), pc.is_null(ends))))
    inicio = pc.if_else(use, starts, inicio)
    fin = pc.if_else(use, ends, fin)
    missing = _mask(pc.or_(pc.is_null(inicio), pc.is_null(fin)))
    if not missing.any():
        return inicio, fin, tiempo
    col = cols.get("tiempo", cols.get("inicio", cols["actividad"]))
    no_year = missing & _mask(pc.equal(problems, "sin_anio"))

    def text(k: int) -> object:  # built only for the rows whose issue is listed
        return tiempo[int(k)].as_py()

    issues.add_rows(np.flatnonzero(no_year), lambda k: issue(
        "anio_desconocido", header.place(excel_rows[k], col), table="actividades", what=_found(text(k))))
    issues.add_rows(np.flatnonzero(missing & ~no_year), lambda k: issue(
        "tiempo_no_reconocido", header.place(excel_rows[k], col), found=_found(text(k))))
    return inicio, fin, tiempo


def _months(grid: Grid, header: Header, picked: np.ndarray, excel_rows: np.ndarray,
            marks: dict[int, pa.ChunkedArray], tiempo: pa.ChunkedArray, plan_year: int | None,
            inicio: pa.Array, fin: pa.Array, issues: Issues) -> tuple[pa.Array, pa.Array, pa.ChunkedArray]:
    """Twelve month columns marked with any text or only with a fill: first and last marked month."""
    n = len(excel_rows)
    matrix = np.zeros((n, 12), dtype=bool)
    for i, col in enumerate(header.months):
        if col in marks:
            matrix[:, i] = ~_mask(pc.is_null(marks[col]))
    fills = grid.filled_cells if not matrix.any() else set()
    if fills is None:
        issues.add(issue("colores_ilegibles", header.place(header.row, header.months[0])))
    elif fills:
        position = {int(r): k for k, r in enumerate(excel_rows)}
        for r, c in fills:
            if r in position and c in header.months:
                matrix[position[r], header.months.index(c)] = True
    has = matrix.any(axis=1)
    if not has.any():
        return inicio, fin, tiempo
    if plan_year is None:
        issues.add(issue("anio_desconocido", header.place(header.row, header.months[0]), table="actividades",
                         what="los meses marcados"))
        return inicio, fin, tiempo
    first = matrix.argmax(axis=1)
    last = 11 - matrix[:, ::-1].argmax(axis=1)
    starts = [date(plan_year, int(f) + 1, 1) if h else None for f, h in zip(first, has, strict=True)]
    ends = [month_end(plan_year, int(e) + 1) if h else None for e, h in zip(last, has, strict=True)]
    labels = [", ".join(MONTHS_SHORT[m] for m in np.flatnonzero(row)) if h else None
              for row, h in zip(matrix, has, strict=True)]
    tiempo = pc.coalesce(tiempo, pa.array(labels, pa.string()))
    return pa.array(starts, pa.date32()), pa.array(ends, pa.date32()), tiempo

"""POA matrices -> the `actividades` table, vectorised over the rows.

A POA body mixes activity rows with rows that set context for the rows below them: "ÁREA: …",
"OBJETIVO ESTRATÉGICO n: …" and "OBJETIVO ESPECÍFICO n: …" (often merged across the table). Results,
indicators and verification sources are often merged down over several activities; the grid reader
has already copied them into every covered cell. Timing texts repeat a lot, so each distinct text is
parsed once and mapped back.

Real workbooks add rows that are no activities: totals, section rows ("RESULTADO 2 :", "COMPONENTE …", which
set context like the OBJETIVO rows), legends, the title and preamble of a form printed once per unit (whose
"UNIDAD ORGANIZACIONAL | …" rows name the area), and a task's budget sub-lines. They are left aside and each
kind is reported once with its count. A follow-up's "% avance" becomes the optional `avance` column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from domain.calendar import MONTHS_SHORT, month_end
from domain.catalogue import issue
from domain.fmt import count, fecha, shorten
from domain.folding import fold
from domain.issues import Issues
from domain.places import Place
from domain.schema import COLUMNS
from loaders.detect import Header, arrow_chunks, body, form_titles, rows_above
from loaders.grid import Grid
from loaders.small_tables import out_of_window
from loaders.text import cash_grid, is_mark, parse_date, parse_tiempo

_OE = r"^\W*objetivo\s+estrat[eé]gico"
_OESP = r"^\W*objetivo\s+espec[ií]fico"
_AREA = r"^\W*(?i:[áa]rea)\s*:"  # inline flag: the same pattern serves RE2 (Arrow) and Python re
_GENERIC_SHEETS = ("poa", "hoja", "sheet", "actividades", "matriz")
# Words that make a sheet name a tool default, a form or a workflow copy rather than an area (folded).
_NOT_AREA_WORDS = frozenset((
    "poa", "hoja", "sheet", "worksheet", "plan", "matriz", "formulario", "form", "cuadro", "tabla", "resumen",
    "seguimiento", "copia", "datos", "anexo", "libro", "reporte", "informe", "consolidado", "cronograma", "ruta",
    "certificacion", "certificaciones", "modificacion", "modificaciones", "notas", "instrucciones", "metadatos",
    "meta", "grafico", "graficos", "presupuesto", "ingresos", "egresos", "personal", "donaciones", "rangos"))
_MIXED_CODE = re.compile(r"\d.*[a-z]|[a-z].*\d|\d[.\-/]\d", re.IGNORECASE)  # 'Hoja1', 'F05', '03.01'
# Rows that are not activities, tried on a row's first text (accent- and case-tolerant, RE2 and Python re).
_ROW_KINDS: dict[str, str] = {
    "total": r"^\W*(?:sub\s*)?total(?:es)?\b|^\W*(?:presupuesto|suma|monto)\s+total\b",
    "seccion": (r"^\W*(?:resultado|componente|programa|subprograma|proyecto|eje|l[ií]nea\s+estrat[eé]gica|"
                r"l[ií]nea\s+de\s+acci[oó]n|producto)(?:\s+(?:n\W*|no\.?\s*)?[0-9ivxIVX.]+)?\s*[:.\-–]"),
    "leyenda": (r"^\W*(?:leyenda|simbolog[ií]a|convenciones|notas?\s*:|fuente\s*:|elaborado\s+por|revisado\s+por|"
                r"aprobado\s+por|firma)"),
}
_ANY_KIND = "|".join(f"(?:{p})" for p in _ROW_KINDS.values())
_OUTCOME = re.compile(r"^\W*(?:resultado|producto)", re.IGNORECASE)
# A label whose value sits in the next cell: 'UNIDAD ORGANIZACIONAL | Dirección …'.
_UNIT_HEAD = (r"^\W*(?:unidad(?:\s+(?:organizacional|organizativa|ejecutora|responsable|administrativa))?|"
              r"dependencia|(?:nombre\s+)?centro\s+gestor|organismo|gerencia|[áa]rea|departamento)")
_UNIT_LABEL = _UNIT_HEAD + r"\W*$"
_ANY_LABEL = f"{_ANY_KIND}|(?:{_UNIT_LABEL})"  # every row a label can make a non-activity, in one pass
_NAMES_UNIT = re.compile(_UNIT_HEAD + r"\b", re.IGNORECASE)  # 'ÁREA DE SALUD' names an area
_AREA_ANYWHERE = re.compile(r"\b(?:[áa]rea|unidad\s+organizacional|dependencia)\s*:\s*(\S.*)$", re.IGNORECASE)
_NOT_APPLICABLE = ("n/a", "na", "n.a.", "n. a.", "no aplica", "-", "--", "nd", "n/d")
_MDY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


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
    """A sheet named after its area ('Planificación') names its activities' area. Tool defaults ('Hoja1',
    'Worksheet'), form codes ('MEDE01.03.01.P01.F05') and titles or copies ('7 POA 2022', 'Certificaciones')
    do not: taking them as areas would invent an area per sheet."""
    text = name.strip()
    key = fold(text)
    words = re.findall(r"[a-z]+", key)
    if not text or key.startswith(_GENERIC_SHEETS) or not any(len(w) >= 3 for w in words):
        return None
    if any(w in _NOT_AREA_WORDS for w in words) or any(_MIXED_CODE.search(t) for t in key.split()):
        return None
    return text


def _unit_value(values: list[object]) -> str | None:
    """The area a title row names: 'ÁREA: X' anywhere in a cell, or a unit label followed by its value."""
    texts = [v.strip() for v in values if isinstance(v, str) and v.strip()]
    for i, text in enumerate(texts):
        if m := _AREA_ANYWHERE.search(text):
            return m[1].strip() or None
        if re.match(_UNIT_LABEL, text, re.IGNORECASE):
            rest = [t for t in texts[i + 1 :] if t != text]
            return rest[0] if rest else None
    return None


def _area_above(above: list[list[str]], rows: int = 12) -> str | None:
    """The area the rows above the header name, nearest first ('ÁREA: …', 'UNIDAD ORGANIZACIONAL | …')."""
    for texts in reversed(above[-rows:]):
        if found := _unit_value(texts):
            return found
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


@dataclass
class _Skipped:
    """Body rows that are not activities: by kind, the rows (positions in the body), and context they set."""

    kinds: dict[str, np.ndarray]
    rows: np.ndarray  # every skipped row, as a mask over the body
    context: dict[str, pa.Array | None]  # field -> value at the rows that set it, else null (None: no such row)
    above: list[list[str]]  # the distinct texts of each row above the header, top to bottom


def _first_text(grid: Grid, header: Header, rows: _Body) -> pa.ChunkedArray:
    """Each row's first text from the sheet's first column to the table's last: labels left of the table count."""
    low = header.span[0]
    start, stop = int(rows.frame.index[0]), int(rows.frame.index[-1]) + 1
    left = [_clean(grid.frame[c].iloc[start:stop], stop - start) for c in grid.frame.columns if c < low]
    return pc.coalesce(*left, rows.lead) if left else rows.lead


def _row_texts(grid: Grid, header: Header, grid_row: int) -> list[str]:
    """The distinct texts of one grid row up to the table's end, in order (merged cells repeat their text)."""
    values = grid.frame.iloc[grid_row, : header.span[1] + 1].tolist()
    texts = [v.strip() for v in values if isinstance(v, str) and v.strip()]
    return [t for i, t in enumerate(texts) if t not in texts[:i]]


def _skipped(grid: Grid, header: Header, rows: _Body, first: pa.ChunkedArray) -> _Skipped:
    """Totals, sections, legends, repeated titles and a task's budget sub-lines: rows that never become activities.

    A vectorised prefilter keeps the Python work to the few candidate rows, so a 100,000-row POA pays a few regex
    passes and a set lookup."""
    n = len(rows.frame)
    actividad = rows.field("actividad")
    no_act = _mask(pc.is_null(actividad))
    kinds = {k: np.zeros(n, dtype=bool) for k in (*_ROW_KINDS, "titulo", "sublinea")}
    context: dict[str, dict[int, str]] = {k: {} for k in ("area", "resultado", "objetivo_estrategico")}
    above = rows_above(grid, header)
    same = _same_as_neighbour(rows, actividad)
    labels = _where(no_act | same | _mask(pc.equal(actividad, first)), first, _ANY_LABEL)
    _label_rows(grid, header, rows, first, labels, kinds, context)
    kinds["titulo"] |= _titles(header, above, actividad, first) & ~kinds["total"] & ~kinds["seccion"]
    _unit_rows(grid, header, rows, first, labels, kinds, context)
    _headings(rows, same, kinds, context)
    taken = np.logical_or.reduce(list(kinds.values()))
    kinds["leyenda"] |= _symbol_legend(grid, header, rows, first, ~taken)
    kinds["sublinea"] = _sub_lines(rows, no_act & ~taken & ~kinds["leyenda"] & _mask(pc.is_valid(rows.lead)))
    every = np.logical_or.reduce(list(kinds.values()))
    return _Skipped(kinds, every, {k: _sparse(v, n) for k, v in context.items()}, above)


def _sparse(values: dict[int, str], n: int) -> pa.Array | None:
    """A text column of `n` rows holding `values` at their rows (the few context rows), null elsewhere."""
    if not values:
        return None
    column = np.full(n, None, dtype=object)
    column[list(values)] = list(values.values())
    return pa.array(column, pa.string())


def _label_rows(grid: Grid, header: Header, rows: _Body, first: pa.ChunkedArray, labels: np.ndarray,
                kinds: dict[str, np.ndarray], context: dict[str, dict[int, str]]) -> None:
    """Totals, sections and legends, by their first text; a section's whole text becomes the context below it."""
    actividad = rows.field("actividad")
    grid_rows = rows.frame.index.to_numpy()
    for k in np.flatnonzero(labels):
        text, act, row = first[int(k)].as_py(), actividad[int(k)].as_py(), int(grid_rows[k])
        if not re.search(_ANY_KIND, text, re.IGNORECASE):
            continue
        if act == text and len(text.split()) > 4 and not _merged_across(grid, header, row, text):
            continue  # an activity that starts like a label ('Total de permisos revisados en el año')
        kind = next(name for name, pattern in _ROW_KINDS.items() if re.search(pattern, text, re.IGNORECASE))
        kinds[kind][k] = True
        if kind == "seccion":
            field_name = "resultado" if _OUTCOME.match(text) else "objetivo_estrategico"
            context[field_name][int(k)] = " ".join(_row_texts(grid, header, row))


def _merged_across(grid: Grid, header: Header, grid_row: int, text: str) -> bool:
    """The text fills several cells of its row: a title or total merged across the table, not an activity."""
    values = grid.frame.iloc[grid_row, : header.span[1] + 1].tolist()
    return sum(1 for v in values if isinstance(v, str) and v.strip() == text) >= 2


def _titles(header: Header, above: list[list[str]], actividad: pa.ChunkedArray, first: pa.ChunkedArray) -> np.ndarray:
    """Rows that repeat the header, or start like the title and preamble rows above it (a form printed once per
    unit repeats them); short codes and numbers above the header are not taken as titles."""
    label = (header.labels.get(header.columns["actividad"]) or "").strip()
    repeated = _mask(pc.equal(actividad, label)) if label else np.zeros(len(actividad), dtype=bool)
    titles = form_titles(above)
    if not titles:
        return repeated
    return repeated | _mask(pc.is_in(first, value_set=pa.array(sorted(titles), pa.string())))


def _unit_rows(grid: Grid, header: Header, rows: _Body, first: pa.ChunkedArray, labels: np.ndarray,
               kinds: dict[str, np.ndarray], context: dict[str, dict[int, str]]) -> None:
    """'UNIDAD ORGANIZACIONAL | Dirección …' rows inside the body: the area of the rows below (also when the value
    is merged over the activity column)."""
    actividad = rows.field("actividad")
    grid_rows = rows.frame.index.to_numpy()
    for k in np.flatnonzero(labels):
        if not re.search(_UNIT_LABEL, first[int(k)].as_py(), re.IGNORECASE):
            continue
        value = _unit_value(_row_texts(grid, header, int(grid_rows[k])))
        act = actividad[int(k)].as_py()
        if value is not None and act in (None, value):
            context["area"][int(k)] = value
            kinds["titulo"][k] = True


def _same_as_neighbour(rows: _Body, actividad: pa.ChunkedArray) -> np.ndarray:
    """Rows whose activity cell holds the same text as a cell beside it: a text merged across the table."""
    col, n = rows.columns["actividad"], len(rows.frame)
    same = np.zeros(n, dtype=bool)
    for near in (col - 1, col + 1):
        if near in rows.frame.columns:
            other = rows.cells.get(near)
            other = other if other is not None else _clean(rows.frame[near], n)
            same |= _mask(pc.equal(actividad, other))
    return same


def _where(candidates: np.ndarray, texts: pa.ChunkedArray, pattern: str) -> np.ndarray:
    """`pattern` matched only on the candidate rows (rows with no activity, or whose activity is a text merged
    across the row): a label never sits on a plain activity row, and a regex pass over 100,000 rows is dear."""
    if candidates.mean() > 0.5:
        return candidates & _mask(_flag(texts, pattern))
    found = np.zeros(len(candidates), dtype=bool)
    idx = np.flatnonzero(candidates)
    if len(idx):
        found[idx] = _mask(_flag(pc.take(texts, pa.array(idx)), pattern))
    return found


def _headings(rows: _Body, same: np.ndarray, kinds: dict[str, np.ndarray],
              context: dict[str, dict[int, str]]) -> None:
    """A row whose one text is merged across the activity column and its neighbours ('ÁREA DE SALUD') heads the
    rows below: a section (an area when it names one), not an activity. OBJETIVO and ÁREA rows are left to
    _context. Vectorised down to the rows that are such headings."""
    actividad = rows.field("actividad")
    idx = np.flatnonzero(same & ~np.logical_or.reduce(list(kinds.values())))
    if len(idx):
        lead = pc.take(rows.lead, pa.array(idx))
        idx = idx[~_mask(pc.or_(pc.or_(_flag(lead, _OE), _flag(lead, _OESP)), _flag(lead, _AREA)))]
    if not len(idx):
        return
    at = pa.array(idx)
    text = pc.take(actividad, at)
    alone = np.ones(len(idx), dtype=bool)
    for cells in rows.cells.values():
        got = pc.take(cells, at)
        alone &= _mask(pc.or_kleene(pc.is_null(got), pc.fill_null(pc.equal(got, text), False)))
    for j in np.flatnonzero(alone):
        heading = text[int(j)].as_py()
        kinds["seccion"][idx[j]] = True
        context["area" if _NAMES_UNIT.match(heading) else "objetivo_estrategico"][int(idx[j])] = heading


def _symbol_legend(grid: Grid, header: Header, rows: _Body, first: pa.ChunkedArray, free: np.ndarray) -> np.ndarray:
    """'R | REALIZADO', 'EP | EN PROCESO': a short symbol and a few words, alone on their row, explain the marks."""
    legend = np.zeros(len(rows.frame), dtype=bool)
    short = free & _mask(pc.less_equal(pc.utf8_length(first), 5))
    if not short.any():
        return legend
    idx = np.flatnonzero(short)
    filled = np.zeros(len(idx), dtype=np.int64)
    for cells in rows.cells.values():
        filled += _mask(pc.is_valid(pc.take(cells, pa.array(idx))))
    grid_rows = rows.frame.index.to_numpy()
    for k in idx[filled <= 2]:
        texts = _row_texts(grid, header, int(grid_rows[k]))
        legend[k] = (len(texts) == 2 and texts[0].isalpha() and texts[0].isupper()
                     and len(texts[1].split()) <= 3 and not any(ch.isdigit() for ch in texts[1]))
    return legend


def _sub_lines(rows: _Body, orphans: np.ndarray) -> np.ndarray:
    """Rows without an activity whose other fields repeat the row above: a task's budget sub-lines, not gaps."""
    found = np.zeros(len(rows.frame), dtype=bool)
    idx = np.flatnonzero(orphans)
    idx = idx[idx > 0]
    if not len(idx):
        return found
    same = np.ones(len(idx), dtype=bool)
    here, above = pa.array(idx), pa.array(idx - 1)
    for col, cells in rows.cells.items():
        if col == rows.columns["actividad"]:
            continue
        now, before = pc.take(cells, here), pc.take(cells, above)
        same &= _mask(pc.or_kleene(pc.is_null(now), pc.fill_null(pc.equal(now, before), False)))
    found[idx[same]] = True
    return found


def _context(grid: Grid, header: Header, rows: _Body,
             skipped: _Skipped) -> tuple[dict[str, pa.ChunkedArray], pa.ChunkedArray]:
    """Area and objectives for every row, from 'ÁREA:' / 'OBJETIVO …' / section / unit rows above it (or their
    own columns), and which rows are such context rows rather than activities."""
    lead, null = rows.lead, pa.scalar(None, pa.string())
    is_oe, is_oesp, is_area = _flag(lead, _OE), _flag(lead, _OESP), _flag(lead, _AREA)
    area = _or(pc.utf8_trim_whitespace(pc.replace_substring_regex(pc.if_else(is_area, lead, null), _AREA, "")),
               skipped.context["area"])
    area = pc.fill_null_forward(area)
    for fallback in (_area_above(skipped.above), _unit_column(rows, header), _merged_first_column(grid, header, rows),
                     area_from_sheet(grid.name)):
        if fallback is not None:
            area = pc.coalesce(area, pa.scalar(fallback) if isinstance(fallback, str) else fallback)
    found = {"area": area,
             "objetivo_estrategico": pc.fill_null_forward(_or(pc.if_else(is_oe, lead, null),
                                                              skipped.context["objetivo_estrategico"])),
             "objetivo_especifico": _ffill_within(pc.if_else(is_oesp, lead, null), is_oe)}
    if skipped.context["resultado"] is not None:
        found["resultado"] = pc.fill_null_forward(skipped.context["resultado"])
    for name in found:
        if name in rows.columns:
            found[name] = pc.coalesce(rows.field(name), found[name])
    return found, pc.or_(pc.or_(is_oe, is_oesp), is_area)


def _or(values: pa.ChunkedArray, extra: pa.Array | None) -> pa.ChunkedArray:
    """`values`, with `extra` where they are null (no pass over the rows when there is nothing to add)."""
    return values if extra is None else pc.coalesce(values, extra)


def _unit_column(rows: _Body, header: Header) -> pa.ChunkedArray | None:
    """A responsible column headed as a unit ('Unidad responsable', 'Dependencia') names the area too."""
    col = rows.columns.get("responsable")
    heading = fold(header.labels.get(col, "")) if col is not None else ""
    return rows.field("responsable") if re.match(r"^\W*(unidad|dependencia|centro gestor)", heading) else None


def _merged_first_column(grid: Grid, header: Header, rows: _Body) -> pa.ChunkedArray | None:
    """A column left of the table, with no header, merged down over each unit's rows: its names are the areas.
    It must read like names (letters, no numbers or dates) and repeat (a merge covers several rows)."""
    start, stop = int(rows.frame.index[0]), int(rows.frame.index[-1]) + 1
    for col in (c for c in grid.frame.columns if c < header.span[0]):
        values = _clean(grid.frame[col].iloc[start:stop], stop - start)
        present = values.drop_null()
        if len(present) < max(2, len(values) // 2):
            continue
        named = pc.match_substring_regex(present, r"^[^\d]*[^\W\d_]{3}[^\d]*$")
        if pc.all(named).as_py() and len(pc.unique(present)) < len(present):
            return values
    return None


@dataclass
class RowTally:
    """Rows left aside over every POA table of a workbook, per kind, reported once per kind at the end: a form
    printed once per unit must not say "1 fila de total" thirty times."""

    counts: dict[str, int] = field(default_factory=dict)
    first: dict[str, tuple[Place, str]] = field(default_factory=dict)
    # Activities with no timing written at all, split by whether their table has a timing column.
    blank: dict[bool, int] = field(default_factory=dict)
    blank_first: dict[bool, Place] = field(default_factory=dict)

    def undated(self, header: Header, excel_rows: np.ndarray, *, has_timing: bool) -> None:
        if len(excel_rows):
            self.blank[has_timing] = self.blank.get(has_timing, 0) + len(excel_rows)
            self.blank_first.setdefault(has_timing, header.place(int(excel_rows[0]), header.columns["actividad"]))

    def take(self, header: Header, grid_rows: np.ndarray, first: pa.ChunkedArray, skipped: _Skipped) -> None:
        for kind, mask in skipped.kinds.items():
            found = np.flatnonzero(mask)
            if len(found):
                self.counts[kind] = self.counts.get(kind, 0) + len(found)
                k = int(found[0])
                self.first.setdefault(kind, (header.place(grid_rows[k]), shorten(first[k].as_py() or "", 60)))

    def report(self, issues: Issues) -> None:
        for kind in _SKIPPED_WORDS:
            if kind in self.counts:
                place, example = self.first[kind]
                issues.add(issue("filas_no_actividades", place, table="actividades",
                                 what=_SKIPPED_WORDS[kind](self.counts[kind]), example=example))
        for has_timing, n in self.blank.items():
            what = (count(n, "actividad no tiene", "actividades no tienen") + " tiempo, fechas ni meses marcados"
                    if has_timing else count(n, "actividad está en una tabla", "actividades están en tablas")
                    + " sin columna de tiempo, fechas ni meses")
            issues.add(issue("actividades_sin_fechas", self.blank_first[has_timing], table="actividades", what=what))


_SKIPPED_WORDS: dict[str, Callable[[int], str]] = {
    "total": lambda n: count(n, "fila de total", "filas de totales"),
    "seccion": lambda n: count(n, "fila de sección (resultado, componente, programa…), que da contexto a las "
                                  "actividades de abajo,", "filas de sección (resultado, componente, programa…), que "
                                  "dan contexto a las actividades de abajo,"),
    "leyenda": lambda n: count(n, "fila de leyenda o nota", "filas de leyenda o notas"),
    "titulo": lambda n: count(n, "fila de título, preámbulo o encabezado repetido",
                              "filas de títulos, preámbulos o encabezados repetidos"),
    "sublinea": lambda n: count(n, "sub-línea de presupuesto de una tarea", "sub-líneas de presupuesto de tareas"),
}


def parse_poa(grid: Grid, header: Header, plan_year: int | None, issues: Issues,
              window: tuple[date, date], tally: RowTally | None = None) -> pd.DataFrame:
    """The activities under one POA header, with every problem located by sheet, row and column. Rows left
    aside are counted in `tally` (reported by the caller once all tables are read), else reported here."""
    empty = pd.DataFrame(columns=list(COLUMNS["actividades"]))
    rows = _read_body(grid, header)
    if rows is None:
        return empty
    first = _first_text(grid, header, rows)
    skipped = _skipped(grid, header, rows, first)
    context, is_context = _context(grid, header, rows, skipped)
    is_context = pc.or_(is_context, pa.array(skipped.rows))
    actividad = rows.field("actividad")
    keep = pc.and_(pc.invert(is_context), pc.invert(pc.is_null(actividad)))
    orphan = pc.and_(pc.and_(pc.invert(is_context), pc.invert(pc.is_null(rows.lead))), pc.is_null(actividad))
    grid_rows = rows.frame.index.to_numpy()
    own = tally is None
    tally = RowTally() if tally is None else tally
    tally.take(header, grid_rows, first, skipped)
    act_col = header.columns["actividad"]
    issues.add_rows(grid_rows[_mask(orphan)], lambda row: issue("actividad_vacia", header.place(row, act_col),
                                                                table="actividades"))
    picked = _mask(keep)
    if not picked.any():
        return empty
    keep_arr = pa.array(picked)
    text = {**{name: rows.field(name) for name in (
        "resultado", "indicador", "fuente_verificacion", "actividad", "tiempo", "responsable",
        "fuente_financiamiento", "riesgo")}, **context}
    text = {k: pc.filter(v, keep_arr) for k, v in text.items()}
    text["actividad"] = _squash(text["actividad"])
    excel_rows = grid_rows[picked]
    marks = {c: pc.filter(rows.cells[c], keep_arr) for c in header.months if c in rows.cells}
    frame = _readable_dates(header, rows.frame, picked, issues)
    inicio, fin, text["tiempo"], blank = _timing(grid, header, frame, picked, excel_rows, text["tiempo"], marks,
                                                 plan_year, issues)
    tally.undated(header, excel_rows[blank], has_timing=_has_timing(header))
    inicio, fin = _within(header, excel_rows, inicio, fin, window, issues)
    _check(grid, header, excel_rows, inicio, fin, text["area"], issues)
    data: dict[str, pd.Series] = {k: _text_series(v) for k, v in text.items()}
    data["inicio"] = pd.Series(pd.arrays.ArrowExtensionArray(inicio))
    data["fin"] = pd.Series(pd.arrays.ArrowExtensionArray(fin))
    names = list(COLUMNS["actividades"])
    if "avance" in header.columns:
        data["avance"] = _avance(header, pc.filter(rows.field("avance"), keep_arr), excel_rows, issues)
        names.append("avance")
    if own:
        tally.report(issues)
    return pd.DataFrame(data)[names]


def _squash(values: pa.ChunkedArray) -> pa.ChunkedArray:
    """Non-breaking spaces as spaces, and each run of spaces as one ('1.\xa0\xa0\xa0 Visita' -> '1. Visita'), only
    in columns that have one: a scan of the data buffers for the byte 0xA0 (which 'à' also holds: then the
    column is just squashed for nothing) costs far less than a regular expression per value."""
    if not any(_has_a0(chunk) for chunk in values.chunks):
        return values
    return pc.replace_substring_regex(values, "[\\s\u00a0]+", " ")


def _has_a0(chunk: pa.Array) -> bool:
    if chunk.type != pa.string():
        return True
    data = chunk.buffers()[2]
    return data is not None and bool((np.frombuffer(data, np.uint8) == 0xA0).any())


def _has_timing(header: Header) -> bool:
    """Whether a POA table has anywhere to write when an activity happens."""
    return bool(header.months) or any(n in header.columns for n in ("tiempo", "inicio", "fin"))


def _readable_dates(header: Header, frame: pd.DataFrame, picked: np.ndarray, issues: Issues) -> pd.DataFrame:
    """Inicio/Fin cells as the date reader can take them: 'N/A' means no date, and a date only readable as
    month/day/year ('1/13/2025') is turned round; each gets one summary line, not one per cell."""
    cols = [header.columns[n] for n in ("inicio", "fin") if header.columns.get(n) in frame.columns]
    found: dict[str, list[str]] = {"na": [], "swap": []}
    for col in cols:
        values = frame[col][picked]
        fixes = _date_fixes(v for v in values.dropna().unique().tolist() if isinstance(v, str))
        if not fixes:
            continue
        hits = values[values.isin(list(fixes))].tolist()
        for text in hits:
            found["na" if fixes[text] is None else "swap"].append(text.strip())
        frame = frame.copy(deep=False)  # the body is the grid's: fixed in a copy
        frame[col] = frame[col].astype(object).where(~frame[col].isin(list(fixes)), frame[col].map(fixes))
    if found["na"]:
        issues.add(issue("fecha_no_aplica", header.place(), table="actividades", found=found["na"][0],
                         what=count(len(found["na"]), "fecha de actividad dice", "fechas de actividades dicen")))
    if found["swap"]:
        issues.add(issue("fecha_mes_dia", header.place(), table="actividades", found=found["swap"][0],
                         what=count(len(found["swap"]), "fecha solo se puede leer", "fechas solo se pueden leer")))
    return frame


def _date_fixes(texts: Iterable[str]) -> dict[str, str | None]:
    """For each date text that needs it: None for 'N/A' (no date), day/month/year for a month-first date."""
    fixes: dict[str, str | None] = {}
    for text in texts:
        if fold(text).strip() in _NOT_APPLICABLE:
            fixes[text] = None
        elif (m := _MDY.match(text)) and int(m[2]) > 12 >= int(m[1]):
            fixes[text] = f"{m[2]}/{m[1]}/{m[3]}"
    return fixes


def _avance(header: Header, raw: pa.ChunkedArray, excel_rows: np.ndarray, issues: Issues) -> pd.Series:
    """Progress as a percentage 0–100: '50 %', '50', or 0.5 when the whole column holds fractions (a cell
    formatted as a percentage is read as its fraction). Anything else is warned about and left empty."""
    values = raw.to_pylist()
    numbers = [_percent_number(v) for v in values]
    plain = [x for v, x in zip(values, numbers, strict=True) if x is not None and "%" not in v]
    scale = 100.0 if plain and max(plain) <= 1 else 1.0
    out = [None if x is None else (x if "%" in v else x * scale) for v, x in zip(values, numbers, strict=True)]
    bad = [k for k, (v, x) in enumerate(zip(values, out, strict=True))
           if v is not None and (x is None or not 0 <= x <= 100)
           and fold(v).strip() not in _NOT_APPLICABLE]
    col = header.columns["avance"]
    issues.add_rows(bad, lambda k: issue("avance_invalido", header.place(excel_rows[k], col), table="actividades",
                                         found=values[k]))
    clean = [x if x is not None and 0 <= x <= 100 else None for x in out]
    return pd.Series(np.array([np.nan if x is None else x for x in clean], dtype="float64"))


def _percent_number(text: str | None) -> float | None:
    """'50 %' -> 50.0, '0.5' -> 0.5, '50,5' -> 50.5; None when it is no number."""
    if text is None:
        return None
    raw = text.replace("%", "").replace(",", ".").strip()
    try:
        return float(raw)
    except ValueError:
        return None


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
            issues: Issues) -> tuple[pa.Array, pa.Array, pa.ChunkedArray, np.ndarray]:
    """inicio/fin from Inicio/Fin dates, else from month marks, else from the Tiempo text; and the rows with no
    timing written at all."""
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
    undated = np.zeros(n, dtype=bool)  # months marked, but no plan year to date them (said once, above)
    if marks:
        inicio, fin, tiempo, undated = _months(grid, header, picked, excel_rows, marks, tiempo, plan_year, inicio,
                                               fin, issues)
    blank = np.zeros(n, dtype=bool)
    need = pc.or_(pc.is_null(inicio), pc.is_null(fin))
    if not pc.any(need).as_py():
        return inicio, fin, tiempo, blank
    # Where Inicio/Fin or the marks left a gap, a Tiempo text that parses gives both dates.
    starts, ends, problems = _by_distinct(tiempo, lambda t: parse_tiempo(t, plan_year))
    use = pc.and_(need, pc.invert(pc.or_(pc.is_null(starts), pc.is_null(ends))))
    inicio = pc.if_else(use, starts, inicio)
    fin = pc.if_else(use, ends, fin)
    missing = _mask(pc.or_(pc.is_null(inicio), pc.is_null(fin))) & ~undated
    if not missing.any():
        return inicio, fin, tiempo, blank
    col = cols.get("tiempo", cols.get("inicio", cols["actividad"]))
    # Nothing written at all (no Tiempo, no date, no mark): counted once for the workbook by the caller.
    blank = missing & _mask(pc.is_null(tiempo)) & ~_mask(_any_text(frame, picked, cols))
    missing &= ~blank
    no_year = missing & _mask(pc.equal(problems, "sin_anio"))

    def text(k: int) -> object:  # built only for the rows whose issue is listed
        return tiempo[int(k)].as_py()

    issues.add_rows(np.flatnonzero(no_year), lambda k: issue(
        "anio_desconocido", header.place(excel_rows[k], col), table="actividades", what=_found(text(k))))
    once = _mask(pc.equal(problems, "una_vez"))  # 'Único': understood, it just has no dates to show
    issues.add_rows(np.flatnonzero(missing & ~no_year & ~once), lambda k: issue(
        "tiempo_no_reconocido", header.place(excel_rows[k], col), found=_found(text(k))))
    return inicio, fin, tiempo, blank


def _any_text(frame: pd.DataFrame, picked: np.ndarray, cols: dict[str, int]) -> pa.Array:
    """Per picked row, whether an Inicio or Fin cell holds anything (a date that did not read is warned about
    on its own)."""
    written = np.zeros(int(picked.sum()), dtype=bool)
    for name in ("inicio", "fin"):
        if cols.get(name) in frame.columns:
            written |= ~pc.is_null(_clean(frame[cols[name]], len(frame))).to_numpy(zero_copy_only=False)[picked]
    return pa.array(written)


def _months(grid: Grid, header: Header, picked: np.ndarray, excel_rows: np.ndarray,
            marks: dict[int, pa.ChunkedArray], tiempo: pa.ChunkedArray, plan_year: int | None,
            inicio: pa.Array, fin: pa.Array, issues: Issues
            ) -> tuple[pa.Array, pa.Array, pa.ChunkedArray, np.ndarray]:
    """A month grid (months, weeks, quarters, 'Programado' sub-columns) marked by text, by fill or both:
    first and last planned month. A grid of money is cash programming, warned about and not read as months.
    Without a plan year the marked months are kept as Tiempo text, and those rows are returned as undated."""
    dated = np.zeros(len(excel_rows), dtype=bool)  # no row is left undated for want of a year
    if _is_cash(header, marks):
        issues.add(issue("programacion_financiera", header.place(header.row, header.months[0]), table="actividades"))
        return inicio, fin, tiempo, dated
    matrix = _mark_matrix(header.periods, marks, len(excel_rows))
    _add_fills(grid, header, excel_rows, marks, matrix, issues)
    has = matrix.any(axis=1)
    if not has.any():
        return inicio, fin, tiempo, dated
    if plan_year is None:
        issues.add(issue("anio_desconocido", header.place(header.row, header.months[0]), table="actividades",
                         what="los meses marcados"))
        return inicio, fin, pc.coalesce(tiempo, _month_labels(matrix, has)), has
    first = matrix.argmax(axis=1)
    last = 11 - matrix[:, ::-1].argmax(axis=1)
    month_starts = pa.array([date(plan_year, m, 1) for m in range(1, 13)], pa.date32())
    month_ends = pa.array([month_end(plan_year, m) for m in range(1, 13)], pa.date32())
    none = pa.array(~has)
    starts = pc.if_else(none, pa.scalar(None, pa.date32()), pc.take(month_starts, pa.array(first)))
    ends = pc.if_else(none, pa.scalar(None, pa.date32()), pc.take(month_ends, pa.array(last)))
    return starts, ends, pc.coalesce(tiempo, _month_labels(matrix, has)), dated


def _month_labels(matrix: np.ndarray, has: np.ndarray) -> pa.Array:
    """'Ene, Feb, Mar' per row: each distinct pattern of marked months is written once."""
    codes = matrix.astype(np.int64) @ (1 << np.arange(12))
    distinct, index = np.unique(codes, return_inverse=True)
    texts = [", ".join(MONTHS_SHORT[m] for m in range(12) if code >> m & 1) or None for code in distinct.tolist()]
    labels = pc.take(pa.array(texts, pa.string()), pa.array(index.ravel()))
    return pc.if_else(pa.array(has), labels, pa.scalar(None, pa.string()))


def _marked(values: pa.ChunkedArray) -> np.ndarray:
    """Which cells of a grid column mark their period: each distinct text judged once ('X', '1' are marks;
    '0', '0.00', '-', 'N/A', 'No aplica' are not)."""
    distinct = pc.unique(values).drop_null()
    yes = [t for t in distinct.to_pylist() if is_mark(t)]
    if not yes:
        return np.zeros(len(values), dtype=bool)
    return _mask(pc.is_in(values, value_set=pa.array(yes, pa.string())))


def _mark_matrix(periods: dict[int, tuple[int, int]], marks: dict[int, pa.ChunkedArray], n: int) -> np.ndarray:
    """Rows × 12 months: True where a column of the grid that covers the month is marked."""
    matrix = np.zeros((n, 12), dtype=bool)
    for col, (first, last) in periods.items():
        if col in marks:
            matrix[:, first - 1 : last] |= _marked(marks[col])[:, None]
    return matrix


def month_marks(header: Header, marks: dict[int, pa.ChunkedArray], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per body row, how many months were programmed and how many of those were realised (by text marks).

    The plan is what a follow-up programs; what it realised is progress: realised / programmed is the share
    done (an `avance`). Rows of a grid with no 'Realizado' columns realise nothing; fills are not counted.
    """
    planned = _mark_matrix(header.periods, marks, n)
    done = _mark_matrix(header.realised, marks, n) & planned
    return planned.sum(axis=1), done.sum(axis=1)


def _is_cash(header: Header, marks: dict[int, pa.ChunkedArray]) -> bool:
    """The grid holds money (a memo's monthly cash programming), judged on a sample of its cells."""
    sample: list[str] = []
    for col in header.periods:
        if col in marks:
            sample.extend(v for v in marks[col].slice(0, 200).to_pylist() if v)
    return bool(re.search(r"\d", "".join(sample))) and cash_grid(sample)  # 'X' marks hold no digit


def _add_fills(grid: Grid, header: Header, excel_rows: np.ndarray, marks: dict[int, pa.ChunkedArray],
               matrix: np.ndarray, issues: Issues) -> None:
    """Add the months marked by fill colour alone. Read when some row has no text mark (reading the colours
    costs a pass over the sheet's XML); a grid coloured all over is a design, not marks."""
    if matrix.any(axis=1).all():
        return
    fills = grid.filled_cells
    if fills is None:
        issues.add(issue("colores_ilegibles", header.place(header.row, header.months[0])))
        return
    position = {int(r): k for k, r in enumerate(excel_rows)}
    hits = [(position[r], c) for r, c in fills if c in header.periods and r in position]
    if not hits or len(hits) >= 0.95 * len(position) * len(header.periods) > 4:
        return
    blank = {c: _mask(pc.is_null(marks[c])) for c in header.periods if c in marks}  # a filled '0' is no mark
    for k, c in hits:
        if c not in blank or blank[c][k]:
            first, last = header.periods[c]
            matrix[k, first - 1 : last] = True

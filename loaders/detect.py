"""Find tables by their header row, anywhere in any sheet, whatever the header's spelling.

A header row is recognised by the fields its cells name (the aliases of domain/schema.py, compared through
`header_key`, so case, accents, spacing, stop words, plurals, numbering and references do not matter). In a
row of short labels a cell also names a field by its head words ('ACTIVIDAD DEL POA⏎DESCRIPCIÓN', 'Nombre
Centro Gestor'); next to long texts only exact aliases count. A header written over two or three rows (a band
over the months, 'Programado | Realizado' under each) is one header, and its month grid (months, weeks,
quarters, numbered months, part of a year) is read from the whole band. Scanning every cell of a
100,000-row sheet in Python would dominate the load, so a vectorised prefilter first keeps only rows with
at least two cells made solely of header vocabulary (or one cell that names a table on its own); the exact
matching runs on those few rows.

A row that matches most of a table's header but lacks a required column, or has it misspelt, is a
`NearMiss`: the orchestrator reports it as an error instead of silently finding no table.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from domain.calendar import MONTH_ABBR, MONTH_INITIALS, MONTHS
from domain.catalogue import issue
from domain.folding import fold
from domain.issues import Issue
from domain.places import Place, column_letter
from domain.schema import HEADER_TABLES, Table
from loaders.grid import Grid
from loaders.text import (
    cash_grid,
    head_keys,
    header_key,
    is_amount,
    is_code,
    month_label,
    parse_amount,
    quarter_label,
    sub_label,
)

TABLES: dict[str, Table] = {t.name: t for t in HEADER_TABLES}
# The kinds of header a budget table may open: income, expense, or a generic one decided later.
BUDGET_KINDS = frozenset({"ingresos", "egresos", "presupuesto"})
MONTH_HEADERS: tuple[tuple[str, ...], ...] = (
    tuple(m.lower() for m in MONTH_INITIALS), MONTH_ABBR, MONTHS,
)
_MONTH_ALIASES = {"set": "sep", "sept": "sep", "setiembre": "septiembre"}

# kind -> {header key -> field}
_KEYS: dict[str, dict[str, str]] = {
    t.name: {header_key(a): c.name for c in t.columns for a in c.aliases} for t in HEADER_TABLES
}


def _strong_keys() -> dict[str, tuple[str, str]]:
    """Header keys that name one table on their own: a multi-word alias of a required column, used by no
    other table ('Clasificación presupuestaria egresos', 'Número de plazas'). key -> (kind, field)."""
    owners: dict[str, set[str]] = {}
    for kind, keys in _KEYS.items():
        for key in keys:
            owners.setdefault(key, set()).add(kind)
    strong = {}
    for table in HEADER_TABLES:
        for col in table.columns:
            for alias in col.aliases:
                key = header_key(alias)
                if col.required and len(key.split()) >= 2 and owners[key] == {table.name}:
                    strong[key] = (table.name, col.name)
    return strong


STRONG_KEYS = _strong_keys()
_ALL_KEYS = frozenset(key for keys in _KEYS.values() for key in keys)


def _word_alternation(aliases: list[str]) -> str:
    """One regex alternative per word of `aliases` (any case, accents, plural), longest first."""
    words: set[str] = set()
    for alias in aliases:
        words.update(re.sub(r"[^a-z0-9]+", " ", fold(alias)).split())
    accents = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uúü]", "n": "[nñ]"}
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        stem = "".join(accents.get(ch, re.escape(ch)) for ch in word)
        alternatives.append(stem + "(?:es|s)?")
    return "(?:" + "|".join(alternatives) + ")"


def _word_regex(aliases: list[str]) -> str:
    """A regex matching a cell made only of the words of `aliases` (any case, accents, plural) and punctuation."""
    word_re = _word_alternation(aliases)
    sep = r"[\s/.:°()%$#,\-]*"
    return rf"^{sep}{word_re}(?:{sep}{word_re})*{sep}$"


def _head_regex(aliases: list[str]) -> str:
    """A regex matching a cell whose head word is header vocabulary, after numbering and a qualifier:
    '6.  ACTIVIDAD', 'Nombre Actividad', 'Descripción de la actividad', 'Actividad/Tareas(4)'."""
    qualifier = (r"(?:(?:nombre|descripci[oó]n|denominaci[oó]n|detalle)\s+(?:(?:de|del)\s+)?"
                 r"(?:(?:la|el|los|las)\s+)?)?")
    firsts = [w for a in aliases if len(w := re.sub(r"[^a-z0-9]+", " ", fold(a)).split()[0]) >= 3]
    return rf"^[\s\d.)(:°#\-]*{qualifier}{_word_alternation(firsts)}(?:[^a-z0-9áéíóúñü]|$)"


_ALIASES = [a for t in HEADER_TABLES for c in t.columns for a in c.aliases]
_VOCAB_RE = _word_regex(_ALIASES)
_HEAD_RE = _head_regex(_ALIASES)
# A month header cell ('E', 'Ene', 'Enero.'); month names are kept out of the vocabulary above, since a
# data row's Tiempo cell ("Marzo") must not make it look like a header.
_ENGLISH = ("jan", "apr", "aug", "dec", "january", "february", "march", "april", "june", "july", "august",
            "september", "october", "november", "december")
_MONTH_RE = "^\\s*(?:" + "|".join(sorted({m for ms in MONTH_HEADERS for m in ms} | set(_MONTH_ALIASES) | set(_ENGLISH),
                                          key=len, reverse=True)) + ")\\.?\\s*$"
# A quarter header cell: 'T1', 'Q2', 'Trimestre I', 'II Trimestre', '(Q3) TRIMESTRE 3'.
_QUARTER_RE = r"^\s*(?:\(?q[1-4]\)?\s*)?(?:t\s?[1-4]|q[1-4]|trimestre\s+\w+|\w+\s+trimestre)\s*$"
# Month numbers as header cells ('1' … '12'); a list, not an Arrow array: allocating Arrow memory at import
# would reserve the allocator's address space in every reader process before its memory limit applies.
_NUMBERS = [str(n) for n in range(1, 13)]


@dataclass
class Header:
    """A header row found in a sheet: which table it opens and which column holds each field."""

    kind: str
    sheet: str
    row: int  # 0-based grid row
    columns: dict[str, int]  # field -> 0-based grid column
    labels: dict[int, str]  # grid column -> header text as written
    months: list[int] = field(default_factory=list)  # the grid columns of a month grid (planned and realised)
    end: int = 0  # first grid row after the table body
    # A month grid: column -> (first month, last month) it plans (a month, a week of it, a quarter), and the
    # columns that record what was realised ('Realizado' under each month of a follow-up).
    periods: dict[int, tuple[int, int]] = field(default_factory=dict)
    realised: dict[int, tuple[int, int]] = field(default_factory=dict)
    top: int = -1  # first row of a header written over several rows (-1: `row` alone)
    candidates: dict[str, list[int]] = field(default_factory=dict)  # field -> every column whose label names it
    # Another table the same header band opens (a budget band folded under a POA's month grid): read instead
    # when the POA turns out to hold no activity names (a memoria de cálculo).
    alternate: Header | None = None

    @property
    def span(self) -> tuple[int, int]:
        """First and last grid column of the table."""
        cols = [*self.columns.values(), *self.months]
        return min(cols), max(cols)

    def label(self, col: int) -> str:
        """'Tiempo (E)': the header text and the column letter, for messages."""
        text = self.labels.get(col, "")
        return f"{text} ({column_letter(col)})" if text else column_letter(col)

    def place(self, grid_row: int | None = None, col: int | None = None) -> Place:
        """A cell of this table in spreadsheet coordinates: Excel row = grid row + 1."""
        return Place(sheet=self.sheet, row=None if grid_row is None else int(grid_row) + 1, col=col,
                     label=None if col is None else (self.labels.get(col) or None))


@dataclass
class NearMiss:
    """A row that reads like a table's header but lacks a required column (or has it misspelt)."""

    kind: str
    sheet: str
    row: int  # 0-based grid row
    found: dict[str, int]  # field -> grid column
    missing: list[str]  # required fields not found
    labels: dict[int, str]  # grid column -> header text as written
    misspelt: dict[str, tuple[int, str]] = field(default_factory=dict)  # missing field -> (column, alias)

    @property
    def span(self) -> tuple[int, int]:
        cols = [*self.found.values(), *(c for c, _ in self.misspelt.values())]
        return min(cols), max(cols)


def arrow_chunks(series: pd.Series) -> list[pa.Array]:
    """The Arrow chunks behind a text column, without copying when it is Arrow-backed already."""
    native = getattr(series.array, "_pa_array", None)
    if native is None:
        return [pa.array(series.astype(object), type=pa.string())]
    return list(native.chunks) if isinstance(native, pa.ChunkedArray) else [native]


def _mask(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


_FEW_TEXTS = 20_000


_HEADS_RE = f"(?:{_VOCAB_RE})|(?:{_HEAD_RE})"
_PERIODS_RE = f"(?:{_MONTH_RE})|(?:{_QUARTER_RE})"


@lru_cache(maxsize=16)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def candidate_rows(grid: Grid) -> np.ndarray:
    """Rows that may hold a header: two cells of header vocabulary (or headed by it), two periods (months,
    quarters), six month numbers, or one table-naming cell."""
    frame = grid.frame
    if frame.empty:
        return np.array([], dtype=np.int64)
    # One regex evaluation for the whole sheet: the pattern is compiled once per call.
    cells = pa.chunked_array([chunk.cast(pa.string()) for c in frame.columns for chunk in arrow_chunks(frame[c])],
                             type=pa.string())
    # The regexes run on distinct short texts only; one index_in maps every cell to its distinct text, and
    # each verdict is then a NumPy lookup (-1: a long text or an empty cell, never a header word).
    distinct = pc.unique(cells)
    distinct = pc.filter(distinct, pc.less_equal(pc.utf8_length(distinct), 60))
    lowered = pc.utf8_lower(distinct)
    shape = (len(frame.columns), len(frame))
    index = pc.fill_null(pc.index_in(cells, value_set=distinct), -1).to_numpy(zero_copy_only=False)

    def count(flags: np.ndarray) -> np.ndarray:
        return np.append(flags, False)[index].reshape(shape).sum(axis=0, dtype=np.int16)

    small = len(distinct) <= _FEW_TEXTS
    texts_lowered = lowered.to_pylist() if small else []

    def matching(pattern: str) -> np.ndarray:
        if small:  # Arrow compiles the pattern at every call: for a few texts Python's cached regex is faster
            search = _compiled(pattern).search
            return np.fromiter((search(t) is not None for t in texts_lowered), dtype=bool, count=len(texts_lowered))
        return _mask(pc.match_substring_regex(lowered, pattern))

    heads = matching(_HEADS_RE)  # one pass each: a regex pass over a sheet's distinct texts is what costs
    periods = matching(_PERIODS_RE)
    texts = distinct.to_pylist() if heads.any() else []
    keys = {i: header_key(texts[i]) for i in np.flatnonzero(heads)}
    # A row with a long text is data unless one of its cells is spelt as an alias (`classify` says the same).
    long_cell = (index < 0) & ~_mask(pc.is_null(cells))
    exact, strong = np.zeros(len(distinct), dtype=bool), np.zeros(len(distinct), dtype=bool)
    for i, key in keys.items():
        exact[i], strong[i] = key in _ALL_KEYS, key in STRONG_KEYS
    labelled = ~long_cell.reshape(shape).any(axis=0) | (count(exact) >= 1)
    numbers = _mask(pc.is_in(distinct, value_set=pa.array(_NUMBERS, pa.string())))
    rows = ((count(heads) >= 2) & labelled) | (count(periods) >= 2) | (count(numbers) >= 6)
    # Table-naming cells are few and rarely met in data.
    if strong.any():
        rows |= count(strong) >= 1
    return np.flatnonzero(rows)


def _month_run(keys: list[tuple[int, str]]) -> list[int]:
    """Twelve consecutive cells naming the months in order (initials 'E F M A …' included): their columns."""
    folded = [(c, _MONTH_ALIASES.get(k, k)) for c, k in keys]
    for start in range(len(folded) - 11):
        window = folded[start : start + 12]
        cols = [c for c, _ in window]
        if cols != list(range(cols[0], cols[0] + 12)):
            continue
        names = tuple(k for _, k in window)
        if any(names == months for months in MONTH_HEADERS):
            return cols
    return []


def _ordered(found: dict[int, tuple[int, int]], least: int) -> dict[int, tuple[int, int]]:
    """Period cells that run forward left to right (a merged month repeats), at least `least` distinct."""
    cols = sorted(found)
    if len({found[c] for c in cols}) < least:
        return {}
    if any(found[a][0] > found[b][0] for a, b in itertools.pairwise(cols)):
        return {}
    return found


def _numbered(cells: list[tuple[int, str]]) -> dict[int, tuple[int, int]]:
    """Months numbered 1, 2, 3 … in order (at least six of them, from 1): column -> (month, month)."""
    found: dict[int, tuple[int, int]] = {}
    for col, text in cells:
        if text.strip() == str(len(found) + 1) and len(found) < 12:
            found[col] = (len(found) + 1,) * 2
    return found if len(found) >= 6 else {}


def row_periods(cells: list[tuple[int, str]]) -> dict[int, tuple[int, int]]:
    """The month grid a row of header cells names (see `_row_periods`): a fresh dict, cached by the cells."""
    return dict(_row_periods(tuple(cells)))


@lru_cache(maxsize=1024)
def _row_periods(cells: tuple[tuple[int, str], ...]) -> dict[int, tuple[int, int]]:
    """The month grid a row of header cells names: column -> (first month, last month).

    Months by name (Spanish or English, full or short, part of a year: three at least, in order), the twelve
    initials, months numbered 1–12, or quarters ('T1', 'Trimestre I'). Empty when the row names no grid.
    """
    cells = tuple((c, t) for c, t in cells if len(t) <= 30)  # a period's label is short; a long text is none
    run = _month_run([(c, fold(text).strip(" .")) for c, text in cells])
    if run:
        return {c: (i + 1, i + 1) for i, c in enumerate(run)}
    named = {c: (m, m) for c, text in cells if (m := month_label(text))}
    if grid := _ordered(named, 3):
        return grid
    if grid := _numbered(cells):
        return grid
    return _ordered({c: q for c, text in cells if (q := quarter_label(text))}, 2)


@lru_cache(maxsize=16384)
def _field(kind: str, key: str) -> tuple[str, bool] | None:
    """The field of `kind` a header key names, and whether it names it exactly: an alias, else the label's
    head words ('actividad poa descripcion' -> actividad; 'nombr centro gestor' -> area)."""
    aliases = _KEYS[kind]
    for candidate in head_keys(key):
        if candidate in aliases:
            return aliases[candidate], candidate == key
    return None


def names_field(kind: str, text: str) -> str | None:
    """The field of `kind` a header text names, if any ('Cód centro gestor' -> area of actividades)."""
    hit = _field(kind, header_key(text))
    return None if hit is None else hit[0]


def _matches(kind: str, keys: list[tuple[int, str]], months: list[int] | set[int] | dict[int, tuple[int, int]],
             candidates: dict[str, list[int]] | None = None, *, exact_only: bool = False,
             exact: set[str] | None = None) -> dict[str, int]:
    """field -> column for the cells of a row that name a field of `kind`: an exact alias beats head words,
    else the first cell wins. `candidates` collects every column that names each field."""
    columns: dict[str, int] = {}
    exact = set() if exact is None else exact
    for col, key in keys:
        hit = _field(kind, key) if col not in months else None
        if hit is None:
            continue
        fieldname, is_exact = hit
        if exact_only and not is_exact:
            continue
        if candidates is not None:
            candidates.setdefault(fieldname, []).append(col)
        if fieldname not in columns or (is_exact and fieldname not in exact):
            columns[fieldname] = col
            if is_exact:
                exact.add(fieldname)
    return columns


def _score(kind: str, columns: dict[str, int], months: list[int] | dict[int, tuple[int, int]]) -> int:
    return len(columns) + (2 if kind == "actividades" and months else 0)


def _best(grid: Grid, row: int, cells: list[tuple[int, str]]) -> Header | None:
    """The table these header cells open, if any: the kind with most matched fields wins.

    A month grid with no other label over it (months over an unlabelled list of activities) opens a POA whose
    activity column is found later, in the body (`_implicit_activity`).
    """
    keys = [(c, header_key(text)) for c, text in cells]
    periods = row_periods(cells)
    # Head words count only in a row of labels: a data row's 'Presupuesto 2016 ejecutado…' or 'Monto (B)' start
    # with header words too, but sit next to long texts.
    labels_only = all(len(t) <= 60 for _, t in cells)
    best, best_score = None, -1
    for kind, table in TABLES.items():
        candidates: dict[str, list[int]] = {}
        columns = _matches(kind, keys, periods, candidates, exact_only=not labels_only)
        if not all(f in columns for f in table.required):
            continue
        score = _score(kind, columns, periods)
        if score >= table.min_fields and score > best_score:
            grid_periods = periods if kind == "actividades" else {}
            best, best_score = Header(kind=kind, sheet=grid.name, row=row, columns=columns, labels=dict(cells),
                                      months=sorted(grid_periods), periods=dict(grid_periods),
                                      candidates=candidates), score
    if best is None and len(periods) >= 3 and all(c in periods for c, _ in cells):
        best = Header(kind="actividades", sheet=grid.name, row=row, columns={}, labels=dict(cells),
                      months=sorted(periods), periods=dict(periods))
    return best


@lru_cache(maxsize=65536)
def _distance(a: str, b: str) -> int:
    """Edit distance with adjacent transpositions ('impotre' is one step from 'importe')."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _misspelt(kind: str, fieldname: str, keys: list[tuple[int, str]], used: set[int]) -> tuple[int, str] | None:
    """The unused cell closest to an alias of `fieldname` (one or two typos away), and that alias."""
    column = TABLES[kind].column(fieldname)
    best = None
    for col, key in keys:
        if col in used or not key or len(key) > _LONGEST_KEY:
            continue
        for alias in column.aliases:
            target = header_key(alias)
            # Lengths further apart than the allowed typos cannot meet: skipping them keeps a long cell from
            # costing a full edit-distance table per alias (the quadratic cost of long title rows).
            if abs(len(key) - len(target)) > 2:
                continue
            distance = _distance(key, target)
            if 0 < distance <= (1 if len(target) <= 5 else 2) and (best is None or distance < best[0]):
                best = (distance, col, alias)
    return None if best is None else (best[1], best[2])


# No alias key is longer than this (plus two typos): a longer cell cannot be a misspelt alias.
_LONGEST_KEY = max(len(header_key(a)) for a in _ALIASES) + 2


# Matched columns that make a row read as a table's header even with a required column missing: a POA has
# many optional columns, so two of them (say «Tiempo | Responsable») are not enough on their own.
_NEAR_MISS_FIELDS = {"actividades": 3}


def _near_miss(grid: Grid, row: int, cells: list[tuple[int, str]]) -> NearMiss | None:
    """The table these (non-header) cells almost open: a required column missing or misspelt."""
    keys = [(c, header_key(text)) for c, text in cells]
    months = sorted(row_periods(cells))
    # Typos are looked for in rows of labels only: a row holding a long text is data, and comparing its many
    # distinct values with every alias would cost a distance table each.
    labels_only = all(len(t) <= 60 for _, t in cells)
    best: NearMiss | None = None
    for kind, table in TABLES.items():
        # Head words complete a header but do not make one: a near miss needs labels spelt as aliases (a data
        # row's 'Personas del ecosistema…' is not a staff header missing its tier).
        found = _matches(kind, keys, months, exact_only=True)
        missing = [f for f in table.required if f not in found]
        if not found or not missing:
            continue
        misspelt = {f: hit for f in missing if labels_only and (hit := _misspelt(kind, f, keys, set(found.values())))}
        strong = any(STRONG_KEYS.get(header_key(dict(cells)[c])) == (kind, f) for f, c in found.items())
        if not (misspelt or strong or _score(kind, found, months) >= _NEAR_MISS_FIELDS.get(kind, 2)):
            continue
        candidate = NearMiss(kind=kind, sheet=grid.name, row=row, found=found, missing=missing,
                             labels=dict(cells), misspelt=misspelt)
        if best is None or len(found) + len(misspelt) > len(best.found) + len(best.misspelt):
            best = candidate
    return best


def classify(grid: Grid, row: int, values: list[object] | None = None) -> tuple[list[Header], NearMiss | None]:
    """The tables a row is the header of (several may stand side by side), and what is left that almost is one."""
    if values is None:
        values = grid.frame.iloc[row].tolist()
    cells = [(int(c), str(v).strip()) for c, v in zip(grid.frame.columns, values, strict=True)
             if isinstance(v, str) and v.strip()]
    if len({t for _, t in cells}) < 2:  # one text merged across the row (a title, 'TOTAL') heads no table
        return [], None
    if not all(len(t) <= 60 for _, t in cells) and not any(
            len(t) <= 60 and header_key(t) in _ALL_KEYS for _, t in cells):
        return [], None  # a data row: head words do not count next to long texts, and no label is spelt out
    found: list[Header] = []
    while len(cells) >= 2 and (header := _best(grid, row, cells)) is not None:
        found.append(header)
        low, high = header.span
        cells = [(c, t) for c, t in cells if not low <= c <= high]
    return found, (_near_miss(grid, row, cells) if cells else None)


def _compatible(a: str, b: str) -> bool:
    return a == b or (a in BUDGET_KINDS and b in BUDGET_KINDS)


@dataclass
class Detection:
    """What a sheet holds: its table headers, the rows that almost are one, and warnings about the headers
    themselves (an activity column of codes, a month grid of money) to report once each."""

    headers: list[Header]
    misses: list[NearMiss]
    notes: list[Issue] = field(default_factory=list)


def find_headers(grid: Grid) -> tuple[list[Header], list[NearMiss]]:
    """Every table header in a sheet, and the rows that almost are one (see `find_tables`)."""
    found = find_tables(grid)
    return found.headers, found.misses


def find_tables(grid: Grid) -> Detection:
    """Every table header in a sheet, the rows that almost are one, and what to warn about them.

    A header written over two or three rows is one header, whose body starts under its last row. A body
    ends at the next header, or near miss, over the same columns: the rows under a broken header are not read
    as the table above it. A near miss just above a header of the same table is that table's title, not a
    broken header, and is not reported.
    """
    rows = candidate_rows(grid)
    block = grid.frame.iloc[rows].to_numpy(dtype=object, na_value=None).tolist() if len(rows) else []
    headers: list[Header] = []
    misses: list[NearMiss] = []
    for r, values in zip(rows, block, strict=True):
        found, miss = classify(grid, int(r), values)
        headers.extend(found)
        if miss is not None:
            misses.append(miss)
    headers = _merge_bands(headers)
    for header in headers:
        _extend_down(grid, header)
        _band_grid(grid, header)
    misses = [m for m in misses if not any(_is_title(m, h) or _in_band(m, h) for h in headers)]
    bounds = sorted([(h.row, h.span) for h in headers] + [(m.row, m.span) for m in misses])
    for current in headers:
        low, high = current.span
        current.end = next((row for row, (lo, hi) in bounds if row > current.row and lo <= high and hi >= low),
                           len(grid.frame))
    notes: list[Issue] = []
    kept: list[Header] = []
    for header in headers:
        if header.kind != "actividades" or _settle_activity(grid, header, notes):
            kept.append(header)
        elif (other := header.alternate) is not None:  # a band that is a budget, not a POA
            other.end = header.end
            kept.append(other)
    for header in kept:
        if header.kind in BUDGET_KINDS:
            _settle_budget(grid, header)
    return Detection(kept, misses, notes)


# ---------------------------------------------------------------- headers over several rows


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _merge_bands(headers: list[Header]) -> list[Header]:
    """Headers on consecutive rows over the same columns are one header written over several rows: the
    one that matches most (a month grid counts) keeps its kind; its body starts under the last row."""
    merged: list[Header] = []
    for header in sorted(headers, key=lambda h: h.row):
        above = [m for m in merged if 0 < header.row - m.row <= 2 and _overlap(m.span, header.span)]
        for prev in above:
            merged.remove(prev)
            header = _fold(prev, header)
        merged.append(header)
    return merged


def _fold(prev: Header, header: Header) -> Header:
    """One header from a header row and one a row or two above it."""
    keep, other = ((prev, header) if _score(prev.kind, prev.columns, prev.periods)
                   > _score(header.kind, header.columns, header.periods) else (header, prev))
    if keep.kind == other.kind:
        for name, col in other.columns.items():
            keep.columns.setdefault(name, col)
    keep.top = min(t for t in (prev.top, prev.row, header.top, header.row) if t >= 0)
    keep.labels = _stack(prev.labels, header.labels)
    keep.row = header.row
    if keep.kind != other.kind and keep.alternate is None:
        other.top, other.row, other.labels = keep.top, keep.row, keep.labels
        keep.alternate = other
    return keep


def _stack(upper: dict[int, str], lower: dict[int, str]) -> dict[int, str]:
    """Labels of a header band, column by column, top to bottom ('PROGRAMACIÓN MENSUAL ENERO'); a label
    merged down over several rows is written once."""
    stacked = dict(upper)
    for col, text in lower.items():
        above = stacked.get(col)
        stacked[col] = text if not above or above == text else f"{above} {text}"
    return stacked


def _row_cells(grid: Grid, row: int) -> list[tuple[int, str]]:
    values = grid.frame.iloc[row].tolist()
    return [(int(c), str(v).strip()) for c, v in zip(grid.frame.columns, values, strict=True)
            if isinstance(v, str) and v.strip()]


def _extend_down(grid: Grid, header: Header) -> None:
    """Take in the sub-header rows under a header ('Programado | Realizado' under each month, weeks I–IV):
    rows whose field cells are empty or repeat their label and that name sub-columns or periods."""
    for _ in range(2):
        below = header.row + 1
        if below >= len(grid.frame):
            return
        cells = _row_cells(grid, below)
        fields = set(header.columns.values())
        if not cells or any(len(t) > 80 for _, t in cells):
            return
        if any(c in fields and t != header.labels.get(c) for c, t in cells):
            return
        if not any(sub_label(t) or month_label(t) or quarter_label(t) for _, t in cells) and not all(
                header.labels.get(c) == t for c, t in cells):
            return
        header.top = header.top if header.top >= 0 else header.row
        header.labels = _stack(header.labels, dict(cells))
        header.row = below


def _band_grid(grid: Grid, header: Header) -> None:
    """The month grid of a header band: the row that names most periods, and the sub-columns under each
    (what was programmed, what was realised, its weeks)."""
    if header.kind != "actividades":
        return
    band = [_row_cells(grid, r) for r in range(header.top if header.top >= 0 else header.row, header.row + 1)]
    found = [row_periods(cells) for cells in band]
    best = max(range(len(band)), key=lambda i: (len(found[i]), -i))
    periods = found[best]
    if not periods:
        return
    realised: dict[int, tuple[int, int]] = {}
    if best + 1 < len(band):
        subs = {c: sub_label(t) for c, t in band[best + 1]}
        spread = _spread(periods, subs)
        realised = {c: p for c, p in spread.items() if subs.get(c) == "realizado"}
        for kind in ("programado", "semana"):
            if chosen := {c: p for c, p in spread.items() if subs.get(c) == kind}:
                periods = chosen
                break
        inside = set(spread)
    else:
        inside = set(periods)
    header.columns = {f: c for f, c in header.columns.items() if c not in inside}
    header.periods, header.realised = periods, realised
    header.months = sorted({*periods, *realised})


def _spread(periods: dict[int, tuple[int, int]], subs: dict[int, str | None]) -> dict[int, tuple[int, int]]:
    """Each period label over its sub-columns: a month written once above 'Programado | Realizado | …' covers
    the columns up to the next month (the last one as wide as the one before it)."""
    cols = sorted(periods)
    spread: dict[int, tuple[int, int]] = {}
    for i, col in enumerate(cols):
        width = cols[i + 1] - col if i + 1 < len(cols) else (col - cols[i - 1] if i else 1)
        for k in range(col, col + max(width, 1)):
            if k == col or (k in subs and k not in periods):
                spread[k] = periods[col]
    return spread


def _in_band(miss: NearMiss, header: Header) -> bool:
    """A near miss on a row of a header band is part of that header."""
    top = header.top if header.top >= 0 else header.row
    return top <= miss.row <= header.row and _overlap(miss.span, header.span)


# ---------------------------------------------------------------- which column holds the activities


def _sample(grid: Grid, header: Header, col: int, size: int = 300, stop: int | None = None) -> list[str]:
    """Up to `size` non-empty texts of one column of a table's body (up to `stop`)."""
    if col not in grid.frame.columns:
        return []
    end = header.end if stop is None else stop
    values = grid.frame[col].array[header.row + 1 : min(end, header.row + 1 + size)].tolist()
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


_WORD = re.compile(r"[^\W\d_]{3}")  # three letters in a row: a word


def _text_share(values: list[str]) -> float:
    """The share of values that are names (words), not codes or numbers."""
    if not values:
        return 0.0
    return sum(not is_code(v) and _WORD.search(v) is not None for v in values) / len(values)


def _settle_activity(grid: Grid, header: Header, notes: list[Issue]) -> bool:
    """Point `actividad` at the column that holds the activities' names; False when no column does.

    Of the columns whose label names the activity, the one that holds text wins; with no label over it (months
    over a bare list), the nearest column left of the grid that holds text. A labelled column of short codes
    ('001', '01') is never the activity name: it is warned about, and with no text column beside it the table
    is not read as activities (a month grid of money is then warned about too).
    """
    labelled = header.columns.get("actividad")
    options = list(dict.fromkeys(c for c in header.candidates.get("actividad", [labelled]) if c is not None
                                 and c not in header.months))
    if labelled is None and header.months:
        options = list(range(min(header.months) - 1, max(-1, min(header.months) - 4), -1))
    if labelled is not None and not _sample(grid, header, labelled):
        return True  # an empty table: nothing to tell its columns by
    shares = {c: _text_share(_sample(grid, header, c)) for c in options}
    best = max(options, key=lambda c: shares[c], default=None)
    if labelled is not None and shares.get(labelled, 1.0) < 0.5 and _sample(grid, header, labelled):
        example = next((v for v in _sample(grid, header, labelled, 50) if is_code(v)), "")
        chosen = best if best is not None and shares[best] >= 0.5 else None
        what = (f"se tomó «{header.labels.get(chosen) or column_letter(chosen)}» ({column_letter(chosen)}) como "
                "actividad" if chosen is not None else "la tabla no se leyó como actividades")
        notes.append(issue("actividad_con_codigos", header.place(header.row, labelled), table="actividades",
                           column=header.label(labelled), example=example, what=what))
    if best is None or shares[best] < 0.5:
        if labelled is not None and header.months and cash_grid(
                [v for c in header.months for v in _sample(grid, header, c, 100)]):
            notes.append(issue("programacion_financiera", header.place(header.row, header.months[0]),
                               table="actividades"))
        return False
    header.columns["actividad"] = best
    _latest_progress(grid, header)
    return True


def _latest_progress(grid: Grid, header: Header) -> None:
    """A follow-up's progress is its latest period: of the columns headed like the progress column but for
    another quarter ('% de Avance Actividad Trimestre I … IV'), the rightmost that holds any value."""
    chosen = header.columns.get("avance")
    if chosen is None:
        return
    def stem(col: int) -> str:
        return re.split(r"\b(?:trimestre|semestre|t[1-4])\b", fold(header.labels.get(col, "")))[0].strip()
    same = [c for c in header.candidates.get("avance", []) if c > chosen and stem(c) == stem(chosen)]
    filled = [c for c in same if _sample(grid, header, c, 50)]
    if filled:
        header.columns["avance"] = filled[-1]


_PADDED = re.compile(r"0\d+")  # '01', '001': a code, though it reads as a number


def _amount_share(values: list[str]) -> float:
    """The share of values that are amounts (not zero-padded codes)."""
    if not values:
        return 0.0
    def amount(text: str) -> float:  # written as money counts fully; a bare number (a code?) by half
        if parse_amount(text) is None or _PADDED.fullmatch(text):
            return 0.0
        return 1.0 if is_amount(text) else 0.5
    return sum(amount(v) for v in values) / len(values)


def _settle_budget(grid: Grid, header: Header) -> None:
    """Point a budget's amount at a column of amounts and its classification at a column of names, when the
    first column labelled so holds codes ('PRESUPUESTOS | PROGRAMA' over '01'; 'PARTIDA DE GASTO' over '31120'
    beside 'DESCRIPCIÓN')."""
    stop = form_end(grid, header)
    for name, share in (("monto", _amount_share), ("clasificacion", _text_share)):
        chosen = header.columns.get(name)
        options = [c for c in header.candidates.get(name, []) if c != chosen and c not in header.columns.values()]
        if chosen is None or not options:
            continue
        shares = {c: share(_sample(grid, header, c, stop=stop)) for c in (chosen, *options)}
        best = max(options, key=lambda c: shares[c])
        if shares[chosen] < 0.5 and shares[best] >= 0.5 and shares[best] > shares[chosen] + 0.25:
            header.columns[name] = best


def form_end(grid: Grid, header: Header) -> int:
    """Where a table's body really ends: at its end, or earlier where the title or preamble above its header
    comes back (a form printed once per unit: the next unit's form starts there)."""
    titles = form_titles(rows_above(grid, header, rows=20))
    if not titles:
        return header.end
    high = header.span[1]
    cols = [c for c in grid.frame.columns if c <= high]
    columns = [cells_of(grid.frame[c], header.row + 1, header.end) for c in cols]
    for offset, values in enumerate(zip(*columns, strict=True)):
        first = next((v.strip() for v in values if isinstance(v, str) and v.strip()), None)
        if first in titles:
            return header.row + 1 + offset
    return header.end


def _is_title(miss: NearMiss, header: Header) -> bool:
    """A near miss a few rows above a header of the same table, over its columns, is the table's title."""
    low, high = header.span
    return (_compatible(header.kind, miss.kind) and 0 < header.row - miss.row <= 5
            and miss.span[0] <= high and miss.span[1] >= low)


def title_above(grid: Grid, header: Header | NearMiss, *, rows: int = 4) -> str:
    """The text of the few non-empty rows above a header (a table's title), folded."""
    return fold(" ".join(texts_between(grid, max(0, header.row - rows), header.row)))


def texts_between(grid: Grid, start: int, stop: int) -> list[str]:
    """The texts of a few rows, row by row, read column by column from Arrow (converting the rows to a NumPy
    block would copy every column of the sheet each time: a cost per table that grows with the sheet)."""
    if stop <= start:
        return []
    columns = [cells_of(grid.frame[c], start, stop) for c in grid.frame.columns]
    return [v for r in range(stop - start) for col in columns if r < len(col) and isinstance(v := col[r], str)]


def rows_above(grid: Grid, header: Header, rows: int = 15) -> list[list[str]]:
    """The distinct texts of each of the rows above the header, up to the table's last column, top to bottom."""
    start = max(0, header.row - rows)
    columns = [cells_of(grid.frame[c], start, header.row) for c in grid.frame.columns if c <= header.span[1]]
    return [list(dict.fromkeys(v.strip() for v in values if isinstance(v, str) and v.strip()))
            for values in zip(*columns, strict=True)] if columns else []


def cells_of(series: pd.Series, start: int, stop: int) -> list[object]:
    """A few cells of a column, sliced in Arrow (pandas' own slicing costs ten times more on a wide sheet)."""
    out: list[object] = []
    offset = 0
    for chunk in arrow_chunks(series):
        low, high = max(start - offset, 0), min(stop - offset, len(chunk))
        if low < high:
            out.extend(chunk.slice(low, high - low).to_pylist())
        offset += len(chunk)
        if offset >= stop:
            break
    return out


def preamble(above: list[list[str]]) -> set[str]:
    """The first texts of the title and label/value rows above the header: a form printed once per unit repeats
    them in its body. Rows with more texts are another table's rows, never a preamble."""
    return {texts[0] for texts in above if 0 < len(texts) <= 3}


def form_titles(above: list[list[str]]) -> set[str]:
    """The preamble's words (short codes and numbers above a header are not titles)."""
    return {t for t in preamble(above) if len(t) >= 4 and _WORD.search(t) and not fold(t).startswith("total")}


def body(grid: Grid, header: Header) -> pd.DataFrame:
    """The rows under a header, up to its end, over the table's columns: raw text, index = grid row."""
    low, high = header.span
    return grid.frame.iloc[header.row + 1 : header.end][[c for c in grid.frame.columns if low <= c <= high]]

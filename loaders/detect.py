"""Find tables by their header row, anywhere in any sheet, whatever the header's spelling.

A header row is recognised by the fields its cells name (the aliases of domain/schema.py, compared through
`header_key`, so case, accents, spacing, stop words and plurals do not matter). Scanning every cell of a
100,000-row sheet in Python would dominate the load, so a vectorised prefilter first keeps only rows with
at least two cells made solely of header vocabulary (or one cell that names a table on its own); the exact
matching runs on those few rows.

A row that matches most of a table's header but lacks a required column, or has it misspelt, is a
`NearMiss`: the orchestrator reports it as an error instead of silently finding no table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from domain.calendar import MONTH_ABBR, MONTH_INITIALS, MONTHS
from domain.folding import fold
from domain.places import Place, column_letter
from domain.schema import HEADER_TABLES, Table
from loaders.grid import Grid
from loaders.text import header_key

TABLES: dict[str, Table] = {t.name: t for t in HEADER_TABLES}
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


def _word_regex(aliases: list[str]) -> str:
    """A regex matching a cell made only of the words of `aliases` (any case, accents, plural) and punctuation."""
    words: set[str] = set()
    for alias in aliases:
        words.update(re.sub(r"[^a-z0-9]+", " ", fold(alias)).split())
    accents = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uúü]", "n": "[nñ]"}
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        stem = "".join(accents.get(ch, re.escape(ch)) for ch in word)
        alternatives.append(stem + "(?:es|s)?")
    word_re = "(?:" + "|".join(alternatives) + ")"
    sep = r"[\s/.:°()%$#,\-]*"
    return rf"^{sep}{word_re}(?:{sep}{word_re})*{sep}$"


_VOCAB_RE = _word_regex([a for t in HEADER_TABLES for c in t.columns for a in c.aliases])
# A month header cell ('E', 'Ene', 'Enero.'); month names are kept out of the vocabulary above, since a
# data row's Tiempo cell ("Marzo") must not make it look like a header.
_MONTH_RE = "^\\s*(?:" + "|".join(sorted({m for ms in MONTH_HEADERS for m in ms} | set(_MONTH_ALIASES),
                                          key=len, reverse=True)) + ")\\.?\\s*$"


@dataclass
class Header:
    """A header row found in a sheet: which table it opens and which column holds each field."""

    kind: str
    sheet: str
    row: int  # 0-based grid row
    columns: dict[str, int]  # field -> 0-based grid column
    labels: dict[int, str]  # grid column -> header text as written
    months: list[int] = field(default_factory=list)  # 12 grid columns, when months are marked
    end: int = 0  # first grid row after the table body

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


def candidate_rows(grid: Grid) -> np.ndarray:
    """Rows that may hold a header: two cells of header vocabulary, twelve months, or one table-naming cell."""
    frame = grid.frame
    if frame.empty:
        return np.array([], dtype=np.int64)
    # One regex evaluation for the whole sheet: the pattern is compiled once per call.
    cells = pa.chunked_array([chunk.cast(pa.string()) for c in frame.columns for chunk in arrow_chunks(frame[c])],
                             type=pa.string())
    # The regex runs on distinct short texts only; is_in maps the verdict back to every cell.
    distinct = pc.unique(cells)
    distinct = pc.filter(distinct, pc.less_equal(pc.utf8_length(distinct), 60))
    lowered = pc.utf8_lower(distinct)
    shape = (len(frame.columns), len(frame))

    def count(matching: pa.Array) -> np.ndarray:
        flags = pc.is_in(cells, value_set=matching).to_numpy(zero_copy_only=False)
        return flags.astype(np.int16).reshape(shape).sum(axis=0)

    vocabulary = pc.filter(distinct, pc.match_substring_regex(lowered, _VOCAB_RE))
    rows = (count(vocabulary) >= 2) | (count(pc.filter(distinct, pc.match_substring_regex(lowered, _MONTH_RE))) >= 12)
    # Table-naming cells are few and rarely met in data, so they cost a pass only when a sheet has one.
    strong = [v for v in vocabulary.to_pylist() if header_key(v) in STRONG_KEYS]
    if strong:
        rows |= count(pa.array(strong, pa.string())) >= 1
    return np.flatnonzero(rows)


def _month_run(keys: list[tuple[int, str]]) -> list[int]:
    """Twelve consecutive cells naming the months in order: their columns, else []."""
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


def _matches(kind: str, keys: list[tuple[int, str]], months: list[int]) -> dict[str, int]:
    """field -> column for the cells of a row that name a field of `kind` (first cell wins)."""
    aliases = _KEYS[kind]
    columns: dict[str, int] = {}
    for col, key in keys:
        fieldname = aliases.get(key)
        if fieldname and fieldname not in columns and col not in months:
            columns[fieldname] = col
    return columns


def _score(kind: str, columns: dict[str, int], months: list[int]) -> int:
    return len(columns) + (2 if kind == "actividades" and months else 0)


def _best(grid: Grid, row: int, cells: list[tuple[int, str]]) -> Header | None:
    """The table these header cells open, if any: the kind with most matched fields wins."""
    keys = [(c, header_key(text)) for c, text in cells]
    months = _month_run([(c, fold(text).strip(" .")) for c, text in cells])
    best, best_score = None, -1
    for kind, table in TABLES.items():
        columns = _matches(kind, keys, months)
        if not all(f in columns for f in table.required):
            continue
        score = _score(kind, columns, months)
        if score >= table.min_fields and score > best_score:
            best, best_score = Header(kind=kind, sheet=grid.name, row=row, columns=columns, labels=dict(cells),
                                      months=months if kind == "actividades" else []), score
    return best


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
        if col in used or not key:
            continue
        for alias in column.aliases:
            target = header_key(alias)
            distance = _distance(key, target)
            if 0 < distance <= (1 if len(target) <= 5 else 2) and (best is None or distance < best[0]):
                best = (distance, col, alias)
    return None if best is None else (best[1], best[2])


# Matched columns that make a row read as a table's header even with a required column missing: a POA has
# many optional columns, so two of them (say «Tiempo | Responsable») are not enough on their own.
_NEAR_MISS_FIELDS = {"actividades": 3}


def _near_miss(grid: Grid, row: int, cells: list[tuple[int, str]]) -> NearMiss | None:
    """The table these (non-header) cells almost open: a required column missing or misspelt."""
    keys = [(c, header_key(text)) for c, text in cells]
    months = _month_run([(c, fold(text).strip(" .")) for c, text in cells])
    best: NearMiss | None = None
    for kind, table in TABLES.items():
        found = _matches(kind, keys, months)
        missing = [f for f in table.required if f not in found]
        if not found or not missing:
            continue
        misspelt = {f: hit for f in missing if (hit := _misspelt(kind, f, keys, set(found.values())))}
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
    found: list[Header] = []
    while len(cells) >= 2 and (header := _best(grid, row, cells)) is not None:
        found.append(header)
        low, high = header.span
        cells = [(c, t) for c, t in cells if not low <= c <= high]
    return found, (_near_miss(grid, row, cells) if cells else None)


def _compatible(a: str, b: str) -> bool:
    budget = {"ingresos", "egresos", "presupuesto"}
    return a == b or (a in budget and b in budget)


def find_headers(grid: Grid) -> tuple[list[Header], list[NearMiss]]:
    """Every table header in a sheet, and the rows that almost are one.

    A body ends at the next header, or near miss, over the same columns: the rows under a broken header are
    not read as the table above it. A near miss just above a header of the same table is that table's
    title, not a broken header, and is not reported.
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
    misses = [m for m in misses if not any(_is_title(m, h) for h in headers)]
    bounds = sorted([(h.row, h.span) for h in headers] + [(m.row, m.span) for m in misses])
    for current in headers:
        low, high = current.span
        current.end = next((row for row, (lo, hi) in bounds if row > current.row and lo <= high and hi >= low),
                           len(grid.frame))
    return headers, misses


def _is_title(miss: NearMiss, header: Header) -> bool:
    """A near miss a few rows above a header of the same table, over its columns, is the table's title."""
    low, high = header.span
    return (_compatible(header.kind, miss.kind) and 0 < header.row - miss.row <= 5
            and miss.span[0] <= high and miss.span[1] >= low)


def title_above(grid: Grid, header: Header | NearMiss, *, rows: int = 4) -> str:
    """The text of the few non-empty rows above a header (a table's title), folded."""
    start = max(0, header.row - rows)
    block = grid.frame.iloc[start : header.row]
    texts = [str(v) for v in block.to_numpy().ravel() if isinstance(v, str)]
    return fold(" ".join(texts))


def body(grid: Grid, header: Header) -> pd.DataFrame:
    """The rows under a header, up to its end, over the table's columns: raw text, index = grid row."""
    low, high = header.span
    return grid.frame.iloc[header.row + 1 : header.end][[c for c in grid.frame.columns if low <= c <= high]]

"""Find tables by their header row, anywhere in any sheet, whatever the header's spelling.

A header row is recognised by the fields its cells name (aliases compared through `header_key`, so
case, accents, spacing, stop words and plurals do not matter). Scanning every cell of a 100,000-row
sheet in Python would dominate the load, so a vectorised prefilter first keeps only rows with at
least two cells made solely of header vocabulary; the exact matching runs on those few rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders.text import fold, header_key
from loaders.xlsx import Grid, column_letter

# field -> header aliases, per table kind. Keys are canonical column names where one exists.
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "actividades": {
        "area": ("Área", "Área responsable del POA", "Unidad / Área"),
        "objetivo_estrategico": ("Objetivo estratégico", "OE"),
        "objetivo_especifico": ("Objetivo específico",),
        "resultado": ("Resultados", "Resultado esperado", "Productos"),
        "indicador": ("Indicadores", "Indicador de logro", "Metas / Indicadores"),
        "fuente_verificacion": ("Fuente de verificación", "Medio de verificación", "Verificación",
                                "Fuentes y medios de verificación"),
        "actividad": ("Actividades", "Acciones", "Actividad principal"),
        "tiempo": ("Tiempo", "Periodo", "Período de ejecución", "Plazo", "Cronograma", "Calendarización",
                   "Tiempo de ejecución"),
        "inicio": ("Inicio", "Fecha de inicio", "Fecha inicio"),
        "fin": ("Fin", "Fecha fin", "Fecha de finalización", "Fecha final", "Fecha de término"),
        "responsable": ("Responsable", "Unidad responsable", "Responsables de ejecución"),
        "fuente_financiamiento": ("Fuente de financiamiento", "Financiamiento", "Fuente de fondos",
                                  "Fondos", "Fuente de recursos"),
        "riesgo": ("Riesgos", "Supuestos / Riesgos", "Supuestos", "Supuestos y riesgos"),
    },
    "donaciones": {
        "donante": ("Donante", "Cooperante", "Organismo donante", "Fuente de cooperación"),
        "importe": ("Importe", "Monto", "Total", "Valor", "Monto USD"),
        "fecha_finalizacion": ("Fecha Finalización", "Fecha de finalización", "Finalización",
                               "Fecha fin", "Vigencia", "Vigencia hasta", "Fecha de vencimiento"),
    },
    "ingresos": {
        "clasificacion": ("Clasificación presupuestaria ingresos", "Ingresos", "Clasificación de ingresos",
                          "Rubro de ingresos", "Concepto de ingresos", "Clasificación ingresos"),
        "monto": ("Total", "Monto", "Importe", "Valor", "Presupuesto", "Monto USD", "Total USD"),
    },
    "egresos": {
        "clasificacion": ("Clasificación presupuestaria egresos", "Egresos", "Clasificación de egresos",
                          "Rubro de egresos", "Concepto de egresos", "Clasificación egresos", "Gastos"),
        "monto": ("Total", "Monto", "Importe", "Valor", "Presupuesto", "Monto USD", "Total USD"),
    },
    "presupuesto": {  # a generic budget header: ingresos or egresos by its sheet name or title
        "clasificacion": ("Clasificación", "Clasificación presupuestaria", "Concepto", "Rubro", "Descripción"),
        "monto": ("Total", "Monto", "Importe", "Valor", "Presupuesto", "Monto USD", "Total USD"),
    },
    "personal": {
        "nivel": ("Nivel", "Nivel organizativo", "Nivel jerárquico"),
        "unidad": ("Unidad", "Unidad organizativa", "Dependencia"),
        "plazas": ("Plazas", "Número de plazas", "Personal", "Cantidad", "Empleados", "Personas",
                   "N° de plazas", "No. de plazas"),
    },
    "rangos": {
        "nivel": ("Nivel", "Nivel organizativo"),
        "minimo": ("Mínimo %", "Mínimo", "Rango mínimo", "Rango mínimo %", "Mín"),
        "maximo": ("Máximo %", "Máximo", "Rango máximo", "Rango máximo %", "Máx"),
    },
    "plan": {
        "campo": ("Campo", "Dato", "Parámetro"),
        "valor": ("Valor",),
    },
}
# Fields without which a header is not one of that table; at least `MIN_FIELDS` fields overall.
REQUIRED: dict[str, tuple[str, ...]] = {
    "actividades": ("actividad",),
    "donaciones": ("donante", "importe"),
    "ingresos": ("clasificacion", "monto"),
    "egresos": ("clasificacion", "monto"),
    "presupuesto": ("clasificacion", "monto"),
    "personal": ("nivel", "plazas"),
    "rangos": ("nivel", "minimo", "maximo"),
    "plan": ("campo", "valor"),
}
MIN_FIELDS = {"actividades": 3}
# A header label for each field, for messages when the header itself is missing a column.
FIELD_LABELS: dict[str, str] = {f: aliases[0] for fields in FIELDS.values() for f, aliases in fields.items()}

MONTH_HEADERS: tuple[tuple[str, ...], ...] = (
    ("e", "f", "m", "a", "m", "j", "j", "a", "s", "o", "n", "d"),
    ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
    ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
     "noviembre", "diciembre"),
)
_MONTH_ALIASES = {"set": "sep", "sept": "sep", "setiembre": "septiembre"}

_KEYS: dict[str, dict[str, str]] = {
    kind: {header_key(a): f for f, aliases in fields.items() for a in aliases} for kind, fields in FIELDS.items()
}


def _vocabulary_regex() -> str:
    """A regex matching a cell made only of header words (any case, accents, plural) and punctuation."""
    words: set[str] = set()
    for fields in FIELDS.values():
        for aliases in fields.values():
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


_VOCAB_RE = _vocabulary_regex()
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


def arrow_chunks(series: pd.Series) -> list[pa.Array]:
    """The Arrow chunks behind a text column, without copying when it is Arrow-backed already."""
    native = getattr(series.array, "_pa_array", None)
    if native is None:
        return [pa.array(series.astype(object), type=pa.string())]
    return list(native.chunks) if isinstance(native, pa.ChunkedArray) else [native]


def candidate_rows(grid: Grid) -> np.ndarray:
    """Rows with at least two cells made only of header vocabulary (vectorised over the sheet)."""
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

    def count(pattern: str) -> np.ndarray:
        matching = pc.filter(distinct, pc.match_substring_regex(lowered, pattern))
        flags = pc.is_in(cells, value_set=matching).to_numpy(zero_copy_only=False)
        return flags.astype(np.int16).reshape(shape).sum(axis=0)

    return np.flatnonzero((count(_VOCAB_RE) >= 2) | (count(_MONTH_RE) >= 12))


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


def _best(grid: Grid, row: int, cells: list[tuple[int, str]]) -> Header | None:
    """The table these header cells open, if any: the kind with most matched fields wins."""
    labels = dict(cells)
    keys = [(c, header_key(text)) for c, text in cells]
    months = _month_run([(c, fold(text).strip(" .")) for c, text in cells])
    best: Header | None = None
    for kind, aliases in _KEYS.items():
        columns: dict[str, int] = {}
        for col, key in keys:
            fieldname = aliases.get(key)
            if fieldname and fieldname not in columns and col not in months:
                columns[fieldname] = col
        if not all(f in columns for f in REQUIRED[kind]):
            continue
        score = len(columns) + (2 if kind == "actividades" and months else 0)
        if score < MIN_FIELDS.get(kind, 2):
            continue
        if best is None or score > len(best.columns) + (2 if best.months else 0):
            best = Header(kind=kind, sheet=grid.name, row=row, columns=columns, labels=labels,
                          months=months if kind == "actividades" else [])
    return best


def classify(grid: Grid, row: int, values: list[object] | None = None) -> list[Header]:
    """The tables a row is the header of: several tables may stand side by side on one row."""
    if values is None:
        values = grid.frame.iloc[row].tolist()
    cells = [(int(c), str(v).strip()) for c, v in zip(grid.frame.columns, values, strict=True)
             if isinstance(v, str) and v.strip()]
    found: list[Header] = []
    while len(cells) >= 2 and (header := _best(grid, row, cells)) is not None:
        found.append(header)
        low, high = header.span
        cells = [(c, t) for c, t in cells if not low <= c <= high]
    return found


def find_headers(grid: Grid) -> list[Header]:
    """Every table header in a sheet; each body ends at the next header over the same columns."""
    rows = candidate_rows(grid)
    block = grid.frame.iloc[rows].to_numpy(dtype=object, na_value=None).tolist() if len(rows) else []
    headers = [h for r, values in zip(rows, block, strict=True) for h in classify(grid, int(r), values)]
    for i, current in enumerate(headers):
        low, high = current.span
        current.end = next((h.row for h in headers[i + 1 :] if h.row > current.row
                            and h.span[0] <= high and h.span[1] >= low), len(grid.frame))
    return headers


def title_above(grid: Grid, header: Header, *, rows: int = 4) -> str:
    """The text of the few non-empty rows above a header (a table's title), folded."""
    start = max(0, header.row - rows)
    block = grid.frame.iloc[start : header.row]
    texts = [str(v) for v in block.to_numpy().ravel() if isinstance(v, str)]
    return fold(" ".join(texts))


def body(grid: Grid, header: Header) -> pd.DataFrame:
    """The rows under a header, up to its end, over the table's columns: raw text, index = grid row."""
    low, high = header.span
    return grid.frame.iloc[header.row + 1 : header.end][[c for c in grid.frame.columns if low <= c <= high]]

"""The cut-off date of a follow-up ('Acumulado Junio 2025', 'al 31 de marzo', 'Fecha de corte: 30/06/2016').

A follow-up states what was executed up to a date; the pages say "al corte del 30/06/2016". The date is read
only from what a person sees first: title rows, sheet names and the file name, never from body cells.
Pure functions: loaders/orchestrator.py hands the texts over and stores the ISO date in the plan's notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from domain.calendar import MONTH_NUMBER, month_end
from domain.folding import fold
from loaders.detect import texts_between

if TYPE_CHECKING:
    from loaders.detect import Header
    from loaders.grid import Grid

_MONTH = "(?P<month>" + "|".join(sorted(MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# Words that say a date is a cut-off, not a schedule: "al", "hasta el", "corte", "acumulado", "a". In a long text
# (a note, a sentence) only the strong ones count: "A diciembre de 2023 se cubre…" is a goal, not a cut-off.
_STRONG = r"fecha\s+de\s+corte|corte|acumulad[oa]s?|hasta"
_WEAK = _STRONG + r"|ejecucion|al|a"
_SEP = r"[\s\-_/.]*(?:de[l]?\s+)?"
_LONG_TEXT = 12  # words: beyond this a text is a sentence, not a title
_QUARTERS = {"i": 3, "ii": 6, "iii": 9, "iv": 12, "primer": 3, "segundo": 6, "tercer": 9, "cuarto": 12,
             "1": 3, "2": 6, "3": 9, "4": 12}
_QUARTER = re.compile(r"^(?:seguimiento\s+(?:al?\s+)?)?(?P<q>iv|iii|ii|i|primer|segundo|tercer|cuarto|[1-4])"
                      rf"(?:er|do|ro|to|o)?\s+trimestre{_SEP}{_YEAR}$")


def _patterns(cues: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Day-month-year in digits, day and month name, month name alone: each after one of `cues`."""
    cue = rf"(?:\b(?:{cues})\b)[\s:\-_]*(?:(?:el|al|del|a)\s+)?"
    return (re.compile(rf"{cue}(?P<day>\d{{1,2}})[/.\-](?P<mnum>\d{{1,2}})[/.\-]{_YEAR}\b"),
            re.compile(rf"{cue}(?P<day>\d{{1,2}}){_SEP}{_MONTH}(?:{_SEP}{_YEAR})?\b"),
            re.compile(rf"{cue}(?:mes\s+de\s+)?{_MONTH}(?:{_SEP}{_YEAR})?\b"))


_TITLE, _SENTENCE = _patterns(_WEAK), _patterns(_STRONG)
_FILE_MONTH = re.compile(rf"\b{_MONTH}{_SEP}{_YEAR}\b")  # 'recursos_junio_2025.xlsx'


def _safe(year: int | None, month: int, day: int | None) -> date | None:
    if year is None:
        return None
    try:
        return month_end(year, month) if day is None else date(year, month, day)
    except ValueError:
        return None


_RANGE_END = re.compile(rf"{_MONTH}\s*$")


def cutoff_in(text: str, anio: int | None, *, filename: bool = False) -> date | None:
    """The cut-off one text states, with the plan year when the text gives none; None when it states none.

    A month alone means its last day ('Acumulado Junio 2025' is 30/06/2025), a quarter its last month's
    ('II TRIMESTRE 2025' is 30/06/2025). 'de marzo a junio' is a period, not a cut-off. A file name needs no
    cue word: a month and a year in it are the report's period.
    """
    folded = fold(text).replace("_", " ")
    numeric, day_month, month_year = _SENTENCE if len(folded.split()) > _LONG_TEXT else _TITLE
    for match in month_year.finditer(folded):
        if _RANGE_END.search(folded[: match.start()]):
            return None
    if match := numeric.search(folded):
        return _safe(int(match["year"]), int(match["mnum"]), int(match["day"]))
    if match := day_month.search(folded):
        year = int(match["year"]) if match["year"] else anio
        return _safe(year, MONTH_NUMBER[match["month"]], int(match["day"]))
    if (match := month_year.search(folded)) or (filename and (match := _FILE_MONTH.search(folded))):
        year = int(match["year"]) if match["year"] else anio
        return _safe(year, MONTH_NUMBER[match["month"]], None)
    if match := _QUARTER.match(folded.strip(" .:")):
        return _safe(int(match["year"]), _QUARTERS[match["q"]], None)
    return None


def cutoff_date(texts: Iterable[str], anio: int | None) -> date | None:
    """The first cut-off stated by `texts`, in the order given (titles, then sheet names, then the file name)."""
    for text in texts:
        if isinstance(text, str) and (found := cutoff_in(text, anio)) is not None:
            return found
    return None


def title_texts(grid: Grid, first_header: int | None, rows: int = 10) -> list[str]:
    """The texts above a sheet's first table (its titles and notes), row by row."""
    stop = min(len(grid.frame), rows) if first_header is None else min(first_header, rows)
    return [v for v in texts_between(grid, 0, stop) if v.strip()]


def cutoff_notes(found: dict[Grid, list[Header]], filename: str | None, anio: int | None,
                 meta: dict[str, str]) -> dict[str, str]:
    """{'fecha_corte': ISO date} when the Plan sheet, a title, a sheet name or the file name states a cut-off."""
    texts = [meta[k] for k in ("fecha de corte", "fecha corte", "corte", "fecha_corte") if k in meta]
    texts = [f"corte {t}" for t in texts]
    for grid, headers in found.items():
        texts.extend(title_texts(grid, min((h.row for h in headers), default=None)))
    texts.extend(grid.name for grid in found)
    corte = cutoff_date(texts, anio) or (cutoff_in(filename, anio, filename=True) if filename else None)
    return {} if corte is None else {"fecha_corte": corte.isoformat()}

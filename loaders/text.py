"""Coercion of one raw cell text into what it means: header keys, amounts, dates, timings.

The grid reader hands every cell over as text (numbers as their decimal text, dates as ISO text), so
these functions decide what a dirty cell means, not a reader's type guess.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from domain.calendar import MONTH_NUMBER, month_end
from domain.folding import fold
from domain.money import CENT

_STOPWORDS = frozenset({"de", "del", "la", "las", "el", "los", "y", "e", "o", "u", "en", "a", "por", "para"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_STEM = re.compile(r"e?s?$")


@lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """A header's identity whatever its case, accents, spacing, stop words and singular/plural.

    Each word loses a final 's' and then a final 'e', on both sides of a comparison, so that
    'Indicadores', 'indicador', 'RESPONSABLES' and 'Responsable' meet.
    """
    words = _NON_ALNUM.sub(" ", fold(text)).split()
    return " ".join(_STEM.sub("", w) or w for w in words if w not in _STOPWORDS)


# ---------------------------------------------------------------- amounts

_AMOUNT = re.compile(r"^\(?-?\$?\s*-?\s*[0-9][0-9,]*(\.[0-9]+)?\s*\)?$")
_GROUPED = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")


def parse_amount(text: str) -> Decimal | None:
    """'$ 2,370,715.00', '2370715', '$2,370,715', '790917.12000000002' -> Decimal rounded to cents.

    Comma is the thousands separator and dot the decimal one (as in El Salvador); a comma that is not
    a thousands separator ('2,5') is refused rather than guessed. Returns None when it is no amount.
    """
    raw = text.strip().replace("\u00a0", " ").replace("US$", "$").replace("USD", "")
    if not raw or not _AMOUNT.match(raw):
        return None
    negative = (raw.startswith("(") and raw.endswith(")")) or "-" in raw
    digits = raw.strip("()").replace("$", "").replace("-", "").replace(" ", "")
    if "," in digits and not _GROUPED.match(digits):
        return None
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None
    if value.adjusted() < 20:  # beyond that no plan's amount is meant; the caller's bounds will say so
        value = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return -value if negative else value


def parse_int(text: str) -> int | None:
    """A whole count written as '54', '54.0' or '54,000'; None for anything else (fractions too)."""
    value = parse_amount(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def parse_percent(text: str) -> float | None:
    """'20', '20 %', '0.2' (a cell formatted as percent, read as its fraction) -> 20.0 percent points."""
    raw = text.strip().replace("%", "").replace(",", "").strip()
    try:
        number = float(raw)
    except ValueError:
        return None
    return number * 100 if 0 < number <= 1 and "%" not in text else number


# ---------------------------------------------------------------- dates and months

_MONTH_ALT = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$")
_D_MON_Y = re.compile(rf"^(\d{{1,2}})\s*[/.\- ]\s*(?:de\s+)?({_MONTH_ALT})\.?\s*[/.\- ]\s*(?:de\s+|del\s+)?(\d{{4}})$")
_EXCEL_EPOCH = date(1899, 12, 30)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def parse_date(text: str) -> date | None:
    """A date written as an Excel date (ISO text from the reader), '31/12/2016', '31/Dic/2016',
    '31 de diciembre de 2016', or an Excel serial number. None when it is no date."""
    raw = fold(text)
    if not raw:
        return None
    if m := _ISO.match(raw):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.match(raw):
        year = int(m[3])
        year = year + 2000 if year < 100 else year
        return _safe_date(year, int(m[2]), int(m[1]))
    if m := _D_MON_Y.match(raw):
        return _safe_date(int(m[3]), MONTH_NUMBER[m[2]], int(m[1]))
    if re.fullmatch(r"\d{5}(\.0+)?", raw):  # a serial number left unformatted
        serial = int(float(raw))
        if 20000 < serial < 80000:
            return _EXCEL_EPOCH + timedelta(days=serial)
    return None


# ---------------------------------------------------------------- timing ("Tiempo")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ORDINAL = {"primer": 1, "primero": 1, "1er": 1, "1ro": 1, "1o": 1, "1": 1,
            "segundo": 2, "2do": 2, "2o": 2, "2": 2,
            "tercer": 3, "tercero": 3, "3er": 3, "3ro": 3, "3o": 3, "3": 3,
            "cuarto": 4, "4to": 4, "4o": 4, "4": 4}
_WHOLE_YEAR = frozenset({"permanente", "todo el ano", "anual", "todo el periodo", "continuo", "continua",
                         "durante todo el ano", "todo el año"})
_YEAR_SUFFIX = re.compile(r"\s+(?:de\s+|del\s+)?((?:19|20)\d{2})$")
_RANGE_SEP = re.compile(r"^(?:de\s+|del\s+)?(.+?)\s*(?:\s-\s|-|–|—|\sa\s|\sal\s|\shasta\s)\s*(.+)$")
_PERIOD = re.compile(r"^(?:el\s+)?(\w+)\s+(trimestre|semestre)$")
_PERIOD_T = re.compile(r"^([ts])\s*([1-4])$")


def _period(text: str) -> tuple[int, int] | None:
    """'I Trimestre', 'tercer trimestre', 'T2', 'Segundo semestre', 'S1' -> (first month, last month)."""
    if m := _PERIOD_T.match(text):
        kind, n = ("trimestre" if m[1] == "t" else "semestre"), int(m[2])
    elif m := _PERIOD.match(text):
        kind = m[2]
        n = _ROMAN.get(m[1]) or _ORDINAL.get(m[1])
        if n is None:
            return None
    else:
        return None
    size = 3 if kind == "trimestre" else 6
    if n > 12 // size:
        return None
    return (n - 1) * size + 1, n * size


def _months(text: str) -> tuple[int, int] | None:
    """A month, a period or a month range, with no year: -> (first month, last month)."""
    if (one := MONTH_NUMBER.get(text.strip(". "))) is not None:
        return one, one
    if period := _period(text):
        return period
    if m := _RANGE_SEP.match(text):
        first, last = _months(m[1].strip()), _months(m[2].strip())
        if first and last:
            return first[0], last[1]
    return None


@lru_cache(maxsize=8192)
def parse_tiempo(text: str, year: int | None) -> tuple[date | None, date | None, str | None]:
    """Timing text -> (inicio, fin, problem). `problem` is None when the text was understood.

    Returns a problem code instead of raising: 'sin_anio' when months need a year that is unknown,
    'no_reconocido' when the text is not a timing at all ('Por definir', '').
    """
    raw = fold(text).strip(" .")
    if not raw:
        return None, None, "no_reconocido"
    explicit_year = None
    if m := _YEAR_SUFFIX.search(raw):
        explicit_year, raw = int(m[1]), raw[: m.start()].strip(" ,")
    if m := re.match(r"^(.+?)\s*(?:\s-\s|–|—|\sal?\s|\shasta\s)\s*(.+)$", raw):
        first, last = parse_date(m[1]), parse_date(m[2])
        if first and last:
            return first, last, None
    if single := parse_date(raw):
        return single, single, None
    if raw in _WHOLE_YEAR:
        months: tuple[int, int] | None = (1, 12)
    else:
        months = _months(raw)
    if months is None:
        return None, None, "no_reconocido"
    y = explicit_year or year
    if y is None:
        return None, None, "sin_anio"
    return date(y, months[0], 1), month_end(y, months[1]), None


YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def year_in(text: str) -> int | None:
    """A four-digit year written in a text ('PLAN DE ACCIÓN 2016', 'plan_2016.xlsx')."""
    m = YEAR_IN_TEXT.search(text)
    return int(m[1]) if m else None

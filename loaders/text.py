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
    # Numbering ('6.  ACTIVIDAD', '4.PROYECTOS') and references ('Actividad/Tareas(4)') are not the label.
    while words and words[0].isdigit():
        words = words[1:]
    while words and words[-1].isdigit():
        words = words[:-1]
    return " ".join(_STEM.sub("", w) or w for w in words if w not in _STOPWORDS)


# Words people put before a label's head without changing what the column holds ('Nombre Actividad',
# 'Descripción de la actividad', 'Nombre Centro Gestor').
QUALIFIERS = frozenset(_STEM.sub("", w) for w in ("nombre", "descripcion", "denominacion", "detalle"))
# A header label is short: beyond these many key words a cell is a value (an activity that starts with
# 'Actividades de…'), not a label with qualifiers.
MAX_LABEL_WORDS = 5


def head_keys(key: str) -> list[str]:
    """The keys a header label may mean, most specific first: the whole key, then its head words (the key
    without its trailing qualifiers, word by word), then the same without a leading qualifier word.

    'actividad poa descripcion' -> ['actividad poa descripcion', 'actividad poa', 'actividad'];
    'nombre centro gestor' -> [..., 'centro gestor', 'centro'].
    """
    words = key.split()
    if not words or len(words) > MAX_LABEL_WORDS or any(w.isdigit() for w in words):
        return [key] if words else []  # a sentence or a value with a number inside ('Presupuesto 2016 …')
    found = [" ".join(words[:n]) for n in range(len(words), 0, -1)]
    if words[0] in QUALIFIERS and len(words) > 1:
        found += [" ".join(words[1:n]) for n in range(len(words), 1, -1)]
    return found


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
# A task repeated through the year ('Mensual', 'Trimestralmente', 'Cada semestre') runs the whole year.
_RECURRING = re.compile(r"^(?:(?:de\s+)?forma\s+|en\s+forma\s+)?(?:diari[oa]s?|semanal|quincenal|mensual|bimestral|"
                        r"trimestral|cuatrimestral|semestral|anual)(?:es|mente)?$|^cada\s+(?:dia|semana|quincena|mes|"
                        r"bimestre|trimestre|cuatrimestre|semestre)$|^todos\s+los\s+(?:dias|meses)$")
# A one-off task whose timing does not say when ('Único', 'Una vez'): understood, but without dates.
_ONCE = frozenset({"unico", "unica", "unica vez", "una vez", "una sola vez", "por unica vez", "evento unico"})
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
    'una_vez' for a one-off task that does not say when ('Único'), 'no_reconocido' when the text is not a
    timing at all ('Por definir', '').
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
    if raw in _ONCE:
        return None, None, "una_vez"
    if raw in _WHOLE_YEAR or _RECURRING.match(raw):
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


# ---------------------------------------------------------------- month grids (header cells and marks)

# English month names a template may keep ('AUG' among 'MAY … OCT'); Spanish ones come from MONTH_NUMBER.
_ENGLISH_MONTHS = {name: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_QUARTER = re.compile(r"^(?:\(?q[1-4]\)?\s*)?(?:(?P<a>[1-4]|i{1,3}|iv|primer|segundo|tercer|cuarto)"
                      r"(?:er|do|ro|to|o)?\s+trimestre|trimestre\s+(?P<b>[1-4]|i{1,3}|iv)|t\s?(?P<c>[1-4])|"
                      r"q(?P<d>[1-4]))$")
_QUARTER_WORDS = {"primer": 1, "segundo": 2, "tercer": 3, "cuarto": 4, **_ROMAN}


def _label(text: str) -> str:
    return re.sub(r"[^a-z0-9() ]+", " ", fold(text)).strip()


@lru_cache(maxsize=4096)
def month_label(text: str) -> int | None:
    """The month a grid's header cell names ('ENE', 'Enero.', 'SEPTIEMBRE ', 'AUG'), else None."""
    label = _label(text).replace(" ", "")
    return MONTH_NUMBER.get(label) or _ENGLISH_MONTHS.get(label)


@lru_cache(maxsize=4096)
def quarter_label(text: str) -> tuple[int, int] | None:
    """The months of a quarter column ('T1', 'Trimestre I', 'II Trimestre', '(Q3) TRIMESTRE 3'), else None."""
    m = _QUARTER.match(" ".join(_label(text).split()))
    if not m:
        return None
    token = next(g for g in m.groups() if g)
    n = int(token) if token.isdigit() else _QUARTER_WORDS[token]
    return 3 * n - 2, 3 * n


# Sub-columns of a month: what was planned, what was done, and the weeks of a weekly Gantt.
_PROGRAMMED = frozenset({"programado", "programada", "programacion", "planificado", "planificada", "plan",
                         "meta", "p", "prog"})
_REALISED = frozenset({"realizado", "realizada", "ejecutado", "ejecutada", "ejecucion", "logrado", "logro", "r",
                       "real", "avance"})
_WEEK = re.compile(r"^(?:(?:semana|sem|s)\s*)?(?:[1-5]|i{1,3}|iv|v)$")


@lru_cache(maxsize=4096)
def sub_label(text: str) -> str | None:
    """What a sub-column under a month holds: 'programado', 'realizado' or 'semana'; None for anything else
    ('Cumplimiento', 'Medio de verificación')."""
    label = " ".join(_label(text).split())
    if label in _PROGRAMMED:
        return "programado"
    if label in _REALISED:
        return "realizado"
    return "semana" if _WEEK.match(label) else None


# Cells of a month grid that say "nothing here" ('0', '0.00', '-', 'N/A', 'No aplica'): not a mark.
_NO_MARK = frozenset({"-", "--", "n/a", "na", "n a", "no aplica", "no", "ninguno", "ninguna", "nada", "x0", "."})


@lru_cache(maxsize=8192)
def is_mark(text: str) -> bool:
    """A grid cell that marks its period ('X', '1', '✓', a quantity): not empty, not a zero, not 'N/A'."""
    label = fold(text).strip()
    if not label or label in _NO_MARK:
        return False
    value = parse_amount(label)
    return value is None or value != 0


@lru_cache(maxsize=8192)
def is_amount(text: str) -> bool:
    """A grid cell written as money ('10,000.00', '0.00', '1250.5'): the grid is cash programming."""
    raw = text.strip()
    return bool(re.fullmatch(r"-?\$?\s*[0-9][0-9,]*\.[0-9]{2}", raw) or ("," in raw and parse_amount(raw) is not None))


def cash_grid(values: list[str]) -> bool:
    """A month grid whose cells are money ('10,000.00', '0.00'), not marks: cash programming, not a schedule.

    Most of its non-empty cells are amounts written with cents or thousands separators, or its non-zero
    values are large (a quantity marked under a month is a handful; a month's money is hundreds or more).
    """
    texts = [v.strip() for v in values if v and v.strip()]
    if not texts:
        return False
    if sum(is_amount(t) for t in texts) * 2 > len(texts):
        return True
    numbers = [n for t in texts if (n := parse_amount(t)) is not None and n != 0]
    return len(numbers) * 2 > len(texts) and sorted(numbers)[len(numbers) // 2] >= 100


_CODE = re.compile(r"^[A-Z]{0,4}[.\-]?\d[\d.\-/]*[A-Z]?$")  # no spaces, no lower case: 'BP26005', '4.1.2'


@lru_cache(maxsize=8192)
def is_code(text: str) -> bool:
    """A short code ('001', '01', '4.1.2', 'BP26005375') rather than a name: no activity is called that."""
    raw = text.strip()
    return bool(raw) and len(raw) <= 24 and bool(_CODE.match(raw))

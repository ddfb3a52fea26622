"""Months in Spanish, the plan year's bounds, and the rules about dates that several pages and the loaders share."""

from __future__ import annotations

import calendar
from datetime import date

MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre")
MONTH_ABBR = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
MONTHS_SHORT = tuple(m.capitalize() for m in MONTH_ABBR)  # Ene … Dic, for labels
MONTH_INITIALS = tuple(m[0].upper() for m in MONTHS)  # E F M A M J J A S O N D
# Every spelling of a month a text may use -> its number.
MONTH_NUMBER: dict[str, int] = {
    **{name: i for i, name in enumerate(MONTHS, start=1)},
    **{abbr: i for i, abbr in enumerate(MONTH_ABBR, start=1)},
    "setiembre": 9, "sept": 9, "set": 9,
}


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def plan_start(anio: int) -> date:
    return date(anio, 1, 1)


def plan_end(anio: int) -> date:
    """The plan year's last day: funds that last until then cover the whole plan."""
    return date(anio, 12, 31)


def plausible(anio: int | None, years: int) -> tuple[date, date]:
    """The dates a plan can mean: `years` either side of its year (1950–2100 when the year is unknown).

    A date outside is a typo or an attack (31/12/9999 overflows every chart): the loaders warn and drop it.
    """
    if anio is None:
        return date(1950, 1, 1), date(2100, 12, 31)
    return date(max(1, anio - years), 1, 1), date(min(9999, anio + years), 12, 31)


def donor_ends_in_plan(end: object, anio: int | None) -> bool:
    """A donor's funds end during the plan year, before its last day (so they do not cover the whole plan).

    The one rule for the Inicio card and its amount, the headline, the Gantt marks, the donor timeline's
    colours, the fund-cliff list and the loader's warning. Funds ending on 31/12 cover the whole year.
    """
    return isinstance(end, date) and anio is not None and plan_start(anio) <= end < plan_end(anio)


def runs_past_funds(fin: object, end: object) -> bool:
    """An activity scheduled to finish after its donor's funds end."""
    return isinstance(fin, date) and isinstance(end, date) and fin > end

"""domain/calendar.py: the one rule for donors whose funds end during the plan, and the months."""

from datetime import date

import pytest

from domain.calendar import MONTH_NUMBER, MONTHS_SHORT, donor_ends_in_plan, month_end, runs_past_funds


@pytest.mark.parametrize(("end", "ends"), [
    (date(2016, 7, 31), True),  # AMB and the EU: mid-plan
    (date(2016, 1, 1), True),
    (date(2016, 12, 30), True),
    (date(2016, 12, 31), False),  # AACID: the plan's last day, so its funds cover the whole year
    (date(2017, 3, 31), False),
    (date(2015, 12, 31), False),  # before the plan: not "during" it
    (None, False), ("31/07/2016", False),
])
def test_donor_ends_in_plan(end, ends: bool) -> None:
    assert donor_ends_in_plan(end, 2016) is ends
    assert donor_ends_in_plan(end, None) is False


def test_months() -> None:
    assert MONTH_NUMBER["setiembre"] == MONTH_NUMBER["sep"] == 9 and MONTHS_SHORT[0] == "Ene"
    assert month_end(2016, 2) == date(2016, 2, 29)
    assert runs_past_funds(date(2016, 9, 30), date(2016, 7, 31)) and not runs_past_funds(None, date(2016, 7, 31))

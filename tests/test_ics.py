"""The activities and the donors' end dates as an iCalendar file (exports/calendar.py), parsed back with icalendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pyarrow.compute as pc
from icalendar import Calendar

from charts import activities as acts
from charts import blocks
from charts.prepared import Prepared
from exports.calendar import calendar

PUBLISHED = datetime(2016, 3, 12, 9, 30)


def _events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def _view(prepared: Prepared, **chosen: tuple[str, ...]) -> acts.ActivityView:
    return blocks.activity_view(prepared, acts.Filters(**chosen))


def test_every_dated_activity_and_every_donor_end_is_an_event(prepared: Prepared) -> None:
    view = _view(prepared)
    donors = blocks.donor_ends(prepared, date(2026, 11, 25)).table
    events = _events(calendar(view.dated, donors, title="Plan de Acción 2016", version=3, published=PUBLISHED))
    ends = [e for e in events if str(e["summary"]).startswith("Fin de los fondos de ")]
    activities = [e for e in events if e not in ends]
    assert len(ends) == 3 and len(activities) == view.dated.num_rows > 0
    aacid = next(e for e in ends if "AACID" in str(e["summary"]))
    assert aacid.decoded("dtstart") == date(2016, 12, 31) and aacid.decoded("dtend") == date(2017, 1, 1)
    assert "$883,217.30" in str(aacid["description"]) and "versión 3" in str(aacid["description"])
    first = view.dated.slice(0, 1).to_pylist()[0]
    event = next(e for e in activities if str(e["summary"]) == first["actividad"])
    start, end = first["inicio"], first["fin"]
    assert event.decoded("dtstart") == (start.date() if isinstance(start, datetime) else start)
    assert event.decoded("dtend") == (end.date() if isinstance(end, datetime) else end) + timedelta(days=1)
    description = str(event["description"])
    assert f"Área: {first['area']}" in description and f"Responsable: {first['responsable']}" in description
    assert "Fuente de financiamiento: " in description
    assert len({str(e["uid"]) for e in events}) == len(events), "one UID per event"


def test_a_unit_gets_only_its_activities_and_the_same_uids_in_a_later_version(prepared: Prepared) -> None:
    everything = _view(prepared)
    unit = everything.dated.column("responsable")[0].as_py()
    mine = _view(prepared, responsable=(unit,))
    events = _events(calendar(mine.dated, None, title="x", version=3, published=PUBLISHED))
    assert len(events) == int(pc.sum(pc.equal(everything.dated.column("responsable"), unit)).as_py()) > 0
    assert all(f"Responsable: {unit}" in str(e["description"]) for e in events)
    later = _events(calendar(mine.dated, None, title="x", version=4, published=PUBLISHED))
    assert [str(e["uid"]) for e in later] == [str(e["uid"]) for e in events]  # re-importing updates, never doubles


def test_text_from_the_workbook_stays_text(prepared: Prepared) -> None:
    import pyarrow as pa

    table = pa.table({"actividad": ["=HYPERLINK(\"http://malo.test\");\nBEGIN:VEVENT"], "area": ["A, B; C"],
                      "responsable": ["\\x"], "fuente_financiamiento": [None],
                      "inicio": [date(2016, 1, 4)], "fin": [date(2016, 1, 8)]})
    data = calendar(table, None, title="x", version=1, published=PUBLISHED)
    (event,) = _events(data)
    assert str(event["summary"]) == "=HYPERLINK(\"http://malo.test\");\nBEGIN:VEVENT"
    assert data.split(b"\r\n").count(b"BEGIN:VEVENT") == 1  # the newline is escaped inside the summary

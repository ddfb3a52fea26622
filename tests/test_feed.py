"""The calendar feed (ui/feed.py) over a real store, on SQLite and PostgreSQL: what a subscribed calendar app gets
for a unit, that it follows the published version (same events updated, not doubled), that an unchanged feed
costs a 304, and that a wrong address says what is wrong in Spanish instead of serving an empty calendar."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar
from openpyxl import load_workbook as open_workbook
from starlette.requests import Request

import publishing
from charts import activities as acts
from domain.plan import LoadResult
from loaders import load_workbook
from store import Store
from tests.factories import BUNDLED
from ui import feed, source

UNIT = "Unidad Jurídica"


def read(data: bytes, filename: str) -> LoadResult:
    return load_workbook(data, filename=filename)


@pytest.fixture
def store(db: Store, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The store the dashboard (and so the feed) opens, empty."""
    monkeypatch.setenv("PLAN_DB_URL", db_url)
    return db


@pytest.fixture
def seeded(store: Store) -> Store:
    publishing.seed(store, read, BUNDLED)
    return store


def parsed(answer: feed.Answer) -> Calendar:
    assert answer.status == 200, answer.body.decode("utf-8")
    assert answer.headers["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(answer.body)


def events(cal: Calendar) -> dict[str, tuple[date, date, str]]:
    """UID -> (start, exclusive end, summary)."""
    return {str(e["uid"]): (e.decoded("dtstart"), e.decoded("dtend"), str(e["summary"])) for e in cal.walk("VEVENT")}


def unit_of(event) -> str:
    return str(event["description"]).split("\n")[1].removeprefix("Responsable: ")


def test_a_units_feed_holds_its_dated_activities_and_every_donors_end(seeded: Store, bundled_plan) -> None:
    cal = parsed(feed.answer([("responsable", UNIT)]))
    poa = bundled_plan.tables["actividades"]
    mine = poa[(poa["responsable"] == UNIT) & poa["inicio"].notna() & poa["fin"].notna()]
    donors = bundled_plan.tables["donaciones"]["fecha_finalizacion"].notna().sum()
    kinds = Counter("Donaciones" in str(e.get("categories", "")) and "fondos" in str(e["summary"])
                    for e in cal.walk("VEVENT"))
    assert (kinds[False], kinds[True]) == (len(mine), donors) and len(mine) > 0
    assert {unit_of(e) for e in cal.walk("VEVENT") if "Responsable:" in str(e["description"])} == {UNIT}
    assert str(cal["x-wr-calname"]) == f"Plan de Acción 2016 (Responsable: {UNIT})"
    assert "Versión 1 del plan" in str(cal["x-wr-caldesc"])
    assert cal["method"] == "PUBLISH" and cal.refresh_interval.total_seconds() == 6 * 3600  # apps poll again
    first = mine.iloc[0]
    start, end, _ = next(v for v in events(cal).values() if v[2] == first["actividad"])
    assert (start, end) == (first["inicio"], first["fin"] + timedelta(days=1))  # DTEND: exclusive


def test_the_feed_is_the_pages_download_for_the_same_filters(seeded: Store) -> None:
    """One file: what the Actividades page downloads for a filter is what the feed serves for it."""
    filters = acts.Filters(area=("Unidad Jurídica",), query="contratos")
    answer = feed.answer(filters.params())
    shown = source.version(1)
    assert answer.body == feed.activities_ics(shown, acts.view(shown.prepared.activities, filters))
    assert acts.Filters.from_params({k: [v] for k, v in filters.params()}) == filters


def test_an_unchanged_feed_costs_a_304_and_a_new_version_updates_the_same_events(seeded: Store) -> None:
    first = feed.answer([("responsable", UNIT)])
    etag = first.headers["ETag"]
    assert feed.answer([("responsable", UNIT)], etag).status == 304
    assert feed.answer([("responsable", UNIT)], f'"otro", {etag}').status == 304
    assert feed.answer([("responsable", UNIT)], f"W/{etag}").status == 304  # as nginx hands it out once gzipped
    assert feed.answer([("responsable", UNIT)], '"otro"').status == 200
    before = events(parsed(first))

    moved = _moved_workbook(UNIT, date(2016, 11, 30))
    candidate = publishing.check(seeded, read, moved, "julio.xlsx", "ana",
                                 published=(source.version(1).version, source.version(1).plan))
    assert candidate.publishable, candidate.result.issues if candidate.result else candidate.refusal
    publishing.publish(seeded, candidate, "ana")

    second = feed.answer([("responsable", UNIT)], etag)  # the calendar app asks again with its ETag
    assert second.status == 200 and second.headers["ETag"] != etag
    cal = parsed(second)
    after = events(cal)
    assert "Versión 2 del plan" in str(cal["x-wr-caldesc"])
    assert after.keys() == before.keys()  # the same events, updated in place: no copies in the unit's calendar
    changed = {uid for uid in after if after[uid] != before[uid]}
    assert len(changed) == 1 and after[changed.pop()][1] == date(2016, 12, 1)


def _moved_workbook(unit: str, end: date) -> bytes:
    """The bundled workbook with the unit's first activity ending on `end` (its «Tiempo» said to match)."""
    wb = open_workbook(BUNDLED)
    ws = wb["POA"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) for name in ("Responsable", "Fin", "Tiempo", "Inicio")}
    row = next(r for r in ws.iter_rows(min_row=2) if r[col["Responsable"]].value == unit)
    row[col["Fin"]].value = datetime(end.year, end.month, end.day)
    row[col["Tiempo"]].value = None
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("pairs", "status", "says"), [
    ([("unidad", UNIT)], 400, "El calendario no conoce el parámetro «unidad»"),
    ([("responsable", "Unidad que no existe")], 404, "Responsable: «Unidad que no existe» no está en la versión 1"),
    ([("area", "Informática"), ("fuente", "Donante inventado")], 404, "«Donante inventado» no está"),
])
def test_a_wrong_address_says_what_is_wrong_instead_of_an_empty_calendar(seeded: Store, pairs, status,
                                                                        says: str) -> None:
    answer = feed.answer(pairs)
    assert answer.status == status and answer.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert says in answer.body.decode("utf-8") and b"BEGIN:VCALENDAR" not in answer.body


def test_nothing_published_yet_is_said(store: Store) -> None:
    answer = feed.answer([])
    assert answer.status == 404 and "Todavía no hay una versión publicada" in answer.body.decode("utf-8")


def test_the_feeds_address_follows_the_browsers_and_the_filters() -> None:
    filters = acts.Filters(responsable=(UNIT,), query="agua potable")
    address = feed.url("https://plan.opamss.org.sv/actividades", filters)
    assert address == "https://plan.opamss.org.sv/calendario.ics?responsable=Unidad+Jur%C3%ADdica&buscar=agua+potable"
    assert feed.webcal(address).startswith("webcal://plan.opamss.org.sv/calendario.ics?")
    assert feed.url(None, acts.Filters()) == "/calendario.ics"


def _request(query: bytes) -> Request:
    return Request({"type": "http", "method": "GET", "path": feed.PATH, "query_string": query, "headers": []})


def test_the_route_refuses_a_long_address_and_hides_a_failure_behind_one_sentence(
        store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    long = feed._endpoint(_request(b"buscar=" + b"a" * feed.MAX_QUERY_BYTES))
    assert long.status_code == 414 and "demasiado larga" in long.body.decode("utf-8")

    def broken(*_: object) -> None:
        raise RuntimeError("la base se cayó /srv/secreto")

    monkeypatch.setattr(feed.versions, "published", broken)
    failed = feed._endpoint(_request(b"responsable=x"))
    assert failed.status_code == 500 and failed.headers["content-type"] == feed.TEXT_MIME
    assert failed.body.decode("utf-8").startswith("El calendario no se pudo preparar")
    assert "secreto" not in failed.body.decode("utf-8") and "RuntimeError" in caplog.text  # the log has it

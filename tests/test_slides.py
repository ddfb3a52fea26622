"""Presentation mode (ui/slides.py, app_pages/presentacion.py): the deck in the address, navigation in AppTest."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

from streamlit.testing.v1 import AppTest

from charts import activities as acts
from tests.browser_support import REPO_ROOT
from ui import slides

DASHBOARD = str(REPO_ROOT / "dashboard.py")


def _params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


class _Shown:
    """What deck_from reads of a version: which tables it has and its summary."""

    def __init__(self, tables: set[str], execution: bool = False) -> None:
        self.plan = type("Plan", (), {"tables": dict.fromkeys(tables)})()
        self.summary = type("Summary", (), {"donaciones_total": 1, "fondos_propios": None, "personal_total": 94,
                                            "has_execution": execution})()


def test_a_deck_round_trips_through_its_address() -> None:
    deck = slides.Deck(("carga", "resumen", "flujo"), acts.Filters(area=("Área A", "Área B"), fuente=("AMB",)))
    shown = _Shown({"ingresos", "egresos", "donaciones", "actividades"})
    assert slides.deck_from(_params(deck.url(2)), shown) == deck
    assert slides.slide_number(_params(deck.url(2)), 3) == 2
    assert deck.url().startswith("presentacion?diapositivas=carga%2Cresumen%2Cflujo&n=1&area=")


def test_unknown_or_unavailable_slides_are_left_out_and_the_slide_stays_in_the_deck() -> None:
    shown = _Shown({"ingresos", "egresos"})  # no activities, no donations, no follow-up
    deck = slides.deck_from({"diapositivas": ["flujo,actividades,<script>,ejecucion,flujo"]}, shown)
    assert deck is not None and deck.slides == ("flujo",)
    assert slides.deck_from({}, shown) is None
    assert slides.slide_number({"n": ["99"]}, 4) == 4 and slides.slide_number({"n": ["x"]}, 4) == 1
    assert slides.slide_number({"n": ["-3"]}, 4) == 1


def test_next_and_previous_move_the_slide_in_the_address() -> None:
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["diapositivas"] = "resumen,presupuesto,personal"
    at.switch_page("app_pages/presentacion.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["El plan de un vistazo"]
    assert at.button(key="diapositiva_anterior").disabled
    at.button(key="diapositiva_siguiente").click().run()
    assert at.query_params["n"] == "2"
    assert [t.value for t in at.title] == ["Ingresos y egresos"]
    assert len(at.get("plotly_chart")) == 2  # income and expense on one slide
    at.button(key="diapositiva_siguiente").click().run()
    assert [t.value for t in at.title] == ["Personal por nivel y sus rangos"]
    assert at.button(key="diapositiva_siguiente").disabled
    assert "Diapositiva 3 de 3" in at.caption[-1].value
    assert "Versión 1 del plan" in at.caption[-1].value


def test_without_a_deck_the_page_prepares_one() -> None:
    at = AppTest.from_file(DASHBOARD, default_timeout=60).switch_page("app_pages/presentacion.py").run()
    assert not at.exception
    chosen = at.multiselect(key="preparar_diapositivas")
    assert chosen.value[:3] == ["resumen", "presupuesto", "flujo"] and "ejecucion" not in chosen.options


class _Version:
    """What the slide builders read of a version: its prepared plan and the cache key."""

    def __init__(self, prepared) -> None:
        self.prepared, self.key = prepared, f"test#{id(prepared)}"
        self.plan, self.summary = prepared.plan, prepared.summary


def test_every_slide_of_the_plan_fits_a_projector_and_the_briefing_keeps_the_pages_charts(prepared) -> None:
    """On a 1920x1080 slide names go beside the calendar's bars and the heatmap's cells and wrap wider; the whole
    plan's 87 calendar rows become one row per area, with a note saying how to see an area's activities. The
    briefing, which opens on phones too, keeps the pages' charts (names above the bars)."""
    shown, today = _Version(prepared), date(2026, 11, 25)
    one = acts.Filters(area=("Subdirección de Planificación e Investigación",))
    for filters in (acts.Filters(), one):
        for key in ("presupuesto", "flujo", "actividades", "carga"):
            for block in slides.SLIDES[key].blocks(shown, filters, today, True):
                assert block.figure.layout.height <= slides.SLIDE_CHART_PX, (key, filters)
    (whole,) = slides.SLIDES["actividades"].blocks(shown, acts.Filters(), today, True)
    assert set(whole.table["kind"]) == {"area"} and whole.note == slides.AREAS_ONLY_NOTE
    (area,) = slides.SLIDES["actividades"].blocks(shown, one, today, True)
    assert list(area.table["kind"]).count("actividad") == 5 and area.note == ""
    names = [a for a in area.figure.layout.annotations if a.xref == "paper" and a.x == 0]
    assert names and {a.xanchor for a in names} == {"right"} and area.figure.layout.margin.l > 500
    (document,) = slides.SLIDES["actividades"].blocks(shown, acts.Filters(), today, False)
    assert len(document.table) == 87 and document.figure.layout.margin.l < 50  # the page's calendar, every row

"""Presentation mode: the slides a presenter can show, a deck in the address, and the keyboard.

A deck is the list of slide keys in the order chosen (`?diapositivas=resumen,flujo,personal`), the current slide
(`&n=2`, from 1) and the filters that narrow the activity slides (`&area=…&fuente=…`, as many as wanted): one link
reopens the same deck on the same slide. Each slide is one chart or one set of key figures, with its headline,
the filters and the version shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from charts import activities as acts
from charts import blocks, headlines
from charts.blocks import Block
from charts.theme import figure_json, plotly_js
from exports.briefing import BriefSlide, briefing
from ui.cache import memo
from ui.source import Shown, on_host, version_line

DECK_PARAM, SLIDE_PARAM = "diapositivas", "n"
PAGE = "presentacion"


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    # (version, filters, today, projector) -> the blocks; None: the key figures. `projector` is True on the
    # 1920x1080 slide, whose width is known; False for the briefing, which opens on phones too (the pages' charts).
    blocks: Callable[[Shown, acts.Filters, date, bool], list[Block]] | None
    available: Callable[[Shown], bool] = lambda shown: True
    filtered: bool = False  # the activity filters narrow it


def _view(shown: Shown, filters: acts.Filters) -> acts.ActivityView:
    return memo(blocks.activity_view, shown, filters)


# A slide is one 1920x1080 screen: its title, a two-line headline, the footer and the buttons take about 365 px
# (measured in Chromium), which leaves this much for a chart (the browser suite checks the buttons stay on screen).
SLIDE_CHART_PX = 710
AREAS_ONLY_NOTE = "Una fila por área: para ver sus actividades, prepare la presentación con un área"
# Names on a slide wrap at what its width holds (pages wrap at a phone's): beside a calendar's bars or a month
# heatmap's cells (a third of the slide), above the bars of half a slide, and beside the flow's nodes.
SLIDE_NAME_CHARS, SLIDE_HALF_CHARS, SLIDE_FLOW_CHARS = 72, 70, 44


def _wide(projector: bool, chars: int) -> tuple[int, ...]:
    """The wrap width to pass on a projector; nothing elsewhere, so the briefing shares the pages' cached charts."""
    return (chars,) if projector else ()


def _calendar(shown: Shown, filters: acts.Filters, today: date, projector: bool) -> Block:
    """The activities of the deck's filters. On a projector: names beside the bars, every area open when that
    fits on the slide, otherwise one row per area (the whole plan: 87 rows would be ten screens tall)."""
    view = _view(shown, filters)
    block = memo(blocks.calendar, shown, view, acts.ALL_AREAS, today, *_wide(projector, SLIDE_NAME_CHARS))
    if not projector:
        return block
    if block.figure.layout.height <= SLIDE_CHART_PX:
        return block
    areas = memo(blocks.calendar, shown, view, acts.ONLY_AREAS, today, SLIDE_NAME_CHARS)
    return replace(areas, note=AREAS_ONLY_NOTE)


def _has(*tables: str) -> Callable[[Shown], bool]:
    return lambda shown: all(t in shown.plan.tables for t in tables)


SLIDES: dict[str, Slide] = {s.key: s for s in (
    Slide("resumen", "El plan de un vistazo", None),
    Slide("presupuesto", "Ingresos y egresos",
          lambda sh, f, t, wide: [memo(blocks.budget_side, sh, side, False, *_wide(wide, SLIDE_HALF_CHARS))
                                  for side in ("Ingresos", "Egresos")],
          _has("ingresos", "egresos")),
    Slide("flujo", "Del ingreso al gasto",
          lambda sh, f, t, wide: [memo(blocks.budget_flow, sh, *_wide(wide, SLIDE_FLOW_CHARS))],
          _has("ingresos", "egresos")),
    Slide("financiamiento", "Donaciones y fondos propios", lambda sh, f, t, wide: [memo(blocks.funding, sh)],
          lambda sh: sh.summary.donaciones_total is not None or sh.summary.fondos_propios is not None),
    Slide("donantes", "Fin de los fondos de cada donante",
          lambda sh, f, t, wide: [memo(blocks.donor_ends, sh, t), memo(blocks.fund_cliff, sh)], _has("donaciones")),
    Slide("personal", "Personal por nivel y sus rangos", lambda sh, f, t, wide: [memo(blocks.staff, sh)],
          lambda sh: bool(sh.summary.personal_total)),
    Slide("actividades", "Actividades por área", lambda sh, f, t, wide: [_calendar(sh, f, t, wide)],
          _has("actividades"), filtered=True),
    Slide("carga", "Carga de trabajo por mes",
          lambda sh, f, t, wide: [memo(blocks.month_load, sh, _view(sh, f), *_wide(wide, SLIDE_NAME_CHARS))],
          _has("actividades"), filtered=True),
    Slide("ejecucion", "Ejecución del presupuesto",
          lambda sh, f, t, wide: [b for b in (memo(blocks.budget_execution, sh, side)
                                              for side in ("Egresos", "Ingresos")) if not b.table.empty],
          lambda sh: sh.summary.has_execution),
)}


def available(shown: Shown) -> list[str]:
    """The slides this version can show, in the standard order."""
    return [key for key, slide in SLIDES.items() if slide.available(shown)]


@dataclass(frozen=True)
class Deck:
    slides: tuple[str, ...]
    filters: acts.Filters

    def _query(self, number: int) -> str:
        return urlencode([(DECK_PARAM, ",".join(self.slides)), (SLIDE_PARAM, str(number)), *self.filters.params()])

    def url(self, number: int = 1) -> str:
        """The address that opens this deck on slide `number` (relative to the dashboard)."""
        return f"{PAGE}?{self._query(number)}"

    def address(self, base: str | None, number: int = 1) -> str:
        """`url` in full, on the dashboard at `base` (the address the presenter's browser uses)."""
        return on_host(base, f"/{PAGE}", self._query(number))


def deck_from(params: dict[str, list[str]], shown: Shown) -> Deck | None:
    """The deck an address asks for (unknown or unavailable slides left out), or None when it names none."""
    raw = ",".join(params.get(DECK_PARAM, []))
    if not raw:
        return None
    can = set(available(shown))
    slides = tuple(dict.fromkeys(k for k in raw.split(",") if k in can))
    return Deck(slides or tuple(available(shown)), acts.Filters.from_params(params))


def slide_number(params: dict[str, list[str]], total: int) -> int:
    """The current slide, from 1, kept within the deck."""
    try:
        number = int((params.get(SLIDE_PARAM) or ["1"])[0])
    except ValueError:
        number = 1
    return min(max(number, 1), max(total, 1))


# Only the slide: no sidebar, no header, no toolbar, no page padding; larger type for a projector. The arrow
# keys (and Page Up/Down, the space bar, what a presenter's clicker sends) press the previous and next buttons.
STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.5rem 3rem 1rem 3rem; max-width: 100%; }
.st-key-diapositiva h1 { font-size: 3rem; }
.st-key-diapositiva p, .st-key-diapositiva li { font-size: 1.5rem; }
.st-key-diapositiva [data-testid="stMetricValue"], .st-key-diapositiva [data-testid="stMetricValue"] * {
  font-size: 3.2rem !important; }
.st-key-diapositiva [data-testid="stMetricLabel"] p { font-size: 1.5rem; }
.st-key-diapositiva_anterior button, .st-key-diapositiva_siguiente button { min-height: 3.2rem; }
.st-key-diapositiva_anterior button p, .st-key-diapositiva_siguiente button p { font-size: 1.4rem; }
</style>"""
KEYS = """<script>
(() => {
  if (window.__planSlideKeys) return;
  window.__planSlideKeys = true;
  const press = (key) => {
    const button = document.querySelector(".st-key-" + key + " button");
    if (button && !button.disabled) button.click();
  };
  document.addEventListener("keydown", (event) => {
    if (!location.pathname.endsWith("/presentacion")) return;
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (["ArrowRight", "PageDown", " "].includes(event.key)) { event.preventDefault(); press("diapositiva_siguiente"); }
    if (["ArrowLeft", "PageUp"].includes(event.key)) { event.preventDefault(); press("diapositiva_anterior"); }
  });
})();
</script>"""


def key_figures(shown: Shown) -> tuple[list[tuple[str, str]], str]:
    """The plan at a glance: the home page's six figures and the funding headline."""
    s = shown.summary
    return headlines.key_figures(s, shown.plan.anio), headlines.funding(s.fondos_propios, s.donaciones_total,
                                                                        s.presupuesto)


def briefing_html(shown: Shown, deck: Deck, today: date, config: dict) -> bytes:
    """The deck as one offline HTML file (exports/briefing.py)."""
    out = []
    for key in deck.slides:
        slide = SLIDES[key]
        if slide.blocks is None:
            cells, sentence = key_figures(shown)
            out.append(BriefSlide(slide.title, [sentence] if sentence else [], figures_text=cells))
            continue
        built = slide.blocks(shown, deck.filters, today, False)
        out.append(BriefSlide(slide.title, [b.headline for b in built],
                              [figure_json(b.figure) for b in built if b.figure is not None]))
    title = f"Plan de Acción {shown.plan.anio or ''}".strip()
    return briefing(out, title=title, version_line=version_line(shown), filters=deck.filters.words(),
                    plotly_js=plotly_js(), config=config)


def chrome() -> None:
    st.html(STYLE + KEYS, unsafe_allow_javascript=True)

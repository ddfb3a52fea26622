"""The offline briefing (exports/briefing.py through ui/slides.py): one self-contained HTML file."""

from __future__ import annotations

from html.parser import HTMLParser

from charts.theme import figure_json
from exports.briefing import BriefSlide, briefing

PAYLOAD = "<img src=x onerror=alert(1)> </script><script>alert(2)</script>"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("src", "href")]


def _parse(data: bytes) -> _Links:
    parser = _Links()
    parser.feed(data.decode("utf-8"))
    return parser


def test_a_briefing_is_self_contained_with_one_chart_per_chart_and_the_totals(prepared) -> None:
    from charts import blocks

    flow, staff = blocks.budget_flow(prepared), blocks.staff(prepared)
    slides = [BriefSlide("El plan de un vistazo", ["Las donaciones financian el 13.3 %."],
                         figures_text=[("Presupuesto total", "$7,868,489.38")]),
              BriefSlide("Del ingreso al gasto", [flow.headline], [figure_json(flow.figure)]),
              BriefSlide("Personal", [staff.headline], [figure_json(staff.figure)])]
    data = briefing(slides, title="Plan de Acción 2016", version_line="Versión 3 del plan, publicada el 12/03/2016",
                    filters="", plotly_js="/* plotly.js */ window.Plotly = {newPlot() {}};", config={})
    parsed = _parse(data)
    assert parsed.urls == [], "nothing may be loaded from anywhere"
    text = data.decode("utf-8")
    assert "$7,868,489.38" in text and text.count("class='chart'") == 2 and text.count("<section") == 3
    assert text.count("Versión 3 del plan, publicada el 12/03/2016") == 4  # the header and every slide
    assert "@media print" in text and "size: A4 landscape" in text


def test_workbook_text_in_a_briefing_is_text() -> None:
    data = briefing([BriefSlide(PAYLOAD, [PAYLOAD], figures_text=[(PAYLOAD, PAYLOAD)])], title=PAYLOAD,
                    version_line=PAYLOAD, filters=PAYLOAD, plotly_js="", config={})
    parsed = _parse(data)
    assert "img" not in parsed.tags and parsed.tags.count("script") == 2  # plotly.js and the charts' own
    assert "&lt;img src=x onerror=alert(1)&gt;" in data.decode("utf-8")


def test_the_pdf_handout_has_one_landscape_page_per_slide_and_the_version_on_the_first(prepared) -> None:
    import io
    from datetime import date

    from pypdf import PdfReader

    from charts import activities as acts
    from charts import blocks
    from charts.theme import plotly_js
    from exports import handout
    from tests import browser_support as bs

    bs.require_chromium()  # the handout is printed by Debian's chromium, as in CI
    view = blocks.activity_view(prepared, acts.Filters())
    built = [blocks.budget_flow(prepared), blocks.staff(prepared),
             blocks.calendar(prepared, view, acts.ALL_AREAS, date(2026, 11, 25)), blocks.month_load(prepared, view)]
    slides = [BriefSlide("El plan de un vistazo", [], figures_text=[("Presupuesto total", "$7,868,489.38")])]
    slides += [BriefSlide(b.key, [b.headline], [figure_json(b.figure)]) for b in built]
    data = briefing(slides, title="Plan de Acción 2016", version_line="Versión 3 del plan, publicada el 12/03/2016",
                    filters="Área: Dirección Ejecutiva", plotly_js=plotly_js(), config={})
    pdf = PdfReader(io.BytesIO(handout.pdf(data)))
    assert len(pdf.pages) == len(slides)  # the 72-activity calendar shrunk to its page too
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert width > height, "landscape"
    first = pdf.pages[0].extract_text()
    assert "Versión 3 del plan, publicada el 12/03/2016" in first and "Área: Dirección Ejecutiva" in first
    assert "$7,868,489.38" in first
    assert "actividades_gantt" in pdf.pages[3].extract_text()

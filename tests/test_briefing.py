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

"""The offline briefing: one self-contained HTML file with the chosen slides, for a laptop or a phone.

Nothing is loaded from the network: plotly.js is written into the file once, and each slide's chart is drawn from
its own JSON by it. Each slide has its title, its headline, its key figures or its charts (interactive), and
says which version and date it shows; a print stylesheet puts one slide per landscape page. Every text is
escaped: what comes from a workbook is data, never markup.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class BriefSlide:
    title: str
    headlines: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)  # plotly figures as JSON
    figures_text: list[tuple[str, str]] = field(default_factory=list)  # key figures: (label, value)


STYLE = """
body { font-family: "Source Sans Pro", Arial, sans-serif; margin: 0; color: #262730; }
header, section { padding: 1.5rem 2rem; }
header { border-bottom: 1px solid #ddd; }
h1 { font-size: 2rem; margin: 0 0 .4rem 0; } h2 { font-size: 1.6rem; margin: 0 0 .6rem 0; }
.meta { color: #555; } .headline { font-weight: 600; font-size: 1.15rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
.figure .label { color: #555; } .figure .value { font-size: 2rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 36rem), 1fr)); gap: 1rem; }
section { border-bottom: 1px solid #eee; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  header { page-break-after: avoid; border: none; padding-bottom: 0; }
  section { page-break-before: always; break-before: page; border: none; }
  section:first-of-type { page-break-before: avoid; break-before: avoid; }
  .chart { page-break-inside: avoid; }
}
"""


# Printing (the PDF handout opens the file with #imprimir): once drawn, each slide is shrunk to one landscape page,
# the first one together with the header that names the version, the date and the filters.
PAGE_PX = 700  # an A4 landscape page's height inside its margins, in CSS pixels (186 mm)
FIT = """if (location.hash === "#imprimir") {
  const header = document.querySelector("header");
  document.querySelectorAll("section").forEach((section, i) => {
    const room = PAGE_PX - (i === 0 ? header.offsetHeight : 0) - 8;
    const fit = room / section.scrollHeight;
    if (fit < 1) section.style.zoom = fit;
  });
  document.body.dataset.ajustado = "sí";
}""".replace("PAGE_PX", str(PAGE_PX))


def briefing(slides: list[BriefSlide], *, title: str, version_line: str, filters: str, plotly_js: str,
             config: dict) -> bytes:
    """The HTML file: a header (title, version and date, filters), then one section per slide."""
    esc = html.escape
    script = plotly_js.replace("</script", "<\\/script")  # "</script" inside it would end the element early
    parts = ["<!DOCTYPE html>", '<html lang="es"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{esc(title)}</title><style>{STYLE}</style>",
             f"<script>{script}</script></head><body>",  # plotly.js, inline
             f"<header><h1>{esc(title)}</h1><p class='meta'>{esc(version_line)}</p>",
             f"<p class='meta'>Filtros: {esc(filters or 'ninguno')}</p></header>"]
    charts: list[tuple[str, str]] = []
    for number, slide in enumerate(slides, start=1):
        parts.append(f"<section id='diapositiva-{number}'><h2>{esc(slide.title)}</h2>")
        parts += [f"<p class='headline'>{esc(h)}</p>" for h in slide.headlines]
        if slide.figures_text:
            parts.append("<div class='figures'>" + "".join(
                f"<div class='figure'><div class='label'>{esc(label)}</div><div class='value'>{esc(value)}</div>"
                "</div>" for label, value in slide.figures_text) + "</div>")
        if slide.figures:
            parts.append("<div class='charts'>")
            for figure in slide.figures:
                chart_id = f"grafico-{len(charts) + 1}"
                charts.append((chart_id, figure))
                parts.append(f"<div class='chart' id='{chart_id}'></div>")
            parts.append("</div>")
        parts.append(f"<p class='meta'>{esc(version_line)} · Diapositiva {number} de {len(slides)}</p></section>")
    data = json.dumps({chart_id: json.loads(figure) for chart_id, figure in charts}, ensure_ascii=False)
    parts.append("<script>const FIGURES = " + data.replace("</", "<\\/") + ";\nconst CONFIG = "
                 + json.dumps(config, ensure_ascii=False) + ";\nfor (const [id, fig] of Object.entries(FIGURES)) "
                 "Plotly.newPlot(id, fig.data, fig.layout, CONFIG);\n" + FIT + "</script></body></html>")
    return "\n".join(parts).encode("utf-8")

"""One theme for every chart: a colour-blind-safe palette and El Salvador's number format.

Builders write plain plotly specs (dicts) and wrap them once with `figure()`, which skips plotly's
property validation: validating a Gantt of 100 bars costs about 30 ms, wrapping it about 1 ms, and a page
rerun must stay under 50 ms. The tests validate every builder's output in full instead (tests/test_charts.py).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable
from typing import Any

import plotly.graph_objects as go

from domain.fmt import distinct_labels, money_unit, shorten, trim_number, wrap_lines

# The smallest text of any chart (ticks, labels, marks, the flow's nodes, names), on every screen: legible on a
# projector at 1920x1080 and the size of a phone's own body text. Every dimension that holds text follows from it.
TEXT_PX = 18
LINE_PX = math.ceil(TEXT_PX * 1.3)  # one line of chart text: plotly sets lines 1.3 em apart
# Characters of chart text that fit across a 390 px phone's chart (about 338 px inside Streamlit's padding and the
# chart's margins), at a generous half em per character: the wrap width of names that span the chart.
CHAR_PX = 0.55 * TEXT_PX  # one character of chart text, generously
PHONE_CHARS = int(338 / CHAR_PX)

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
INCOME, EXPENSE, OWN, DONATION = PALETTE[0], PALETTE[1], PALETTE[0], PALETTE[2]
FONT = "Source Sans Pro, Arial, sans-serif"
MONEY_HOVER = "$%{x:,.2f}"


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """A copy of `base` with `extra` merged in, nested dicts merged key by key."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def base_layout(*, title: str, height: int, cartesian: bool = True) -> dict[str, Any]:
    """The shared look: es-SV separators (1,234.56), readable fonts, compact margins, legend above the plot."""
    layout: dict[str, Any] = {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "font": {"family": FONT, "size": TEXT_PX},
        "separators": ".,",  # decimal point, thousands comma: $7,868,489.38
        "colorway": list(PALETTE),
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 90, "b": 10},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        # Above the plot, in trace order: never over an axis title, same reading order as the bars.
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
        "hoverlabel": {"font": {"family": FONT}},
        "uniformtext": {"minsize": TEXT_PX, "mode": "hide"},  # a label that does not fit is hidden, never rotated
    }
    if cartesian:  # room for tick labels and the axis title, whatever the width
        layout["xaxis"] = {"automargin": True, "gridcolor": "#E5E5E5"}
        layout["yaxis"] = {"automargin": True, "gridcolor": "#E5E5E5"}
    return layout


class SharedFigure(go.Figure):
    """A figure that is built once and then only read (ui.memo shares it between reruns and sessions).

    Streamlit turns a figure into a dict on every rerun (a deep copy: about 6 ms for a 100-bar Gantt) before
    writing its JSON; this figure makes that dict once, on first use, and hands the same one back after.
    Builders may still change it before it is first drawn (charts.blocks marks an incomplete title).
    """

    def to_dict(self) -> dict[str, Any]:
        cached = self.__dict__.get("_shared_dict")
        if cached is None:
            cached = super().to_dict()
            self.__dict__["_shared_dict"] = cached
        return cached


def figure(data: list[dict[str, Any]], layout: dict[str, Any], *, title: str, height: int,
           cartesian: bool = True) -> go.Figure:
    """Wrap a spec in a Figure without plotly's (slow) validation; the shared theme goes underneath."""
    spec = {"data": data, "layout": merge(base_layout(title=title, height=height, cartesian=cartesian), layout)}
    return SharedFigure(spec, _validate=False)


def empty_figure(message: str, *, title: str = "") -> go.Figure:
    """An explicit empty chart that says why it is empty, instead of an exception or a blank box."""
    return figure([], {
        "annotations": [{"text": message, "showarrow": False, "x": 0.5, "y": 0.5, "xref": "paper",
                         "yref": "paper", "font": {"size": TEXT_PX}}],
        "xaxis": {"visible": False}, "yaxis": {"visible": False},
    }, title=title, height=240)


def plain(text: object) -> str:
    """Workbook text for plotly, which reads a little HTML in labels and hovers (links among it): `&`, `<` and
    `>` become entities, so the text shows as written and builds nothing. Our own `<br>` and `<b>` go around
    escaped text, never inside it."""
    return html.escape(str(text), quote=False)


def short_label(text: object, width: int) -> str:
    """One line of at most `width` characters, escaped for plotly."""
    return plain(shorten(str(text), width))


def wrapped_label(text: object, width: int) -> str:
    """At most two lines of `width` characters, each escaped for plotly, joined by <br>."""
    return "<br>".join(plain(line) for line in wrap_lines(str(text), width))


# A name is cut only past this many lines: a plan's classification is whole in three or four, and a workbook's
# 300-character label still cannot take over the chart.
NAME_LINES = 4


def name_label(text: object, width: int) -> str:
    """The whole name, wrapped at words into lines of `width` (cut only past NAME_LINES lines)."""
    return "<br>".join(plain(line) for line in wrap_lines(str(text), width, NAME_LINES))


def categories(values: Iterable[object]) -> list[str]:
    """Category identities for an axis: the full values, numbered only where two are exactly equal.

    Plotly folds equal categories into one row, so identity must be the full value; only the displayed
    text (category_axis) is ever shortened.
    """
    return distinct_labels([plain(v) for v in values], 10**9, lambda v, _: v)


def category_axis(rows: list[str], width: int, style: Callable[[str, int], str]) -> dict[str, Any]:
    """Axis ticks that show each category shortened to `width` by `style` (short_label or wrapped_label),
    never two alike; `rows` are categories() (escaped), so they are unescaped before shortening."""
    return {"tickmode": "array", "tickvals": rows,
            "ticktext": distinct_labels([html.unescape(r) for r in rows], width, style)}


_STEPS = (1, 2, 2.5, 5)


def money_axis(top: float, *, ticks: int = 5) -> dict[str, Any]:
    """A money axis from 0 to `top`: round steps written as plain numbers in the unit its title names in words
    ('1', '2', '3' under «Millones de dólares (US$)»)."""
    top = max(float(top), 1.0)
    size, unit = money_unit(top)
    raw = top / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next((k * magnitude for k in _STEPS if k * magnitude >= raw), 10 * magnitude)
    values = [i * step for i in range(int(top // step) + 1)]
    return {"tickmode": "array", "tickvals": values, "ticktext": [trim_number(v / size) for v in values],
            "title": {"text": unit}}


BAR_PX = LINE_PX + 6  # a bar of a named row: thick enough to hold its label inside
GAP_PX = LINE_PX // 2  # between a row's bar and the next row's name


def named_rows(texts: list[str], *, bars: int = 1) -> tuple[dict[str, Any], list[dict[str, Any]],
                                                             list[dict[str, float]], int]:
    """Category rows whose names (`texts`, drawn as given, lines joined by <br>) sit on lines of their own above
    their bars, so that the bars keep the chart's whole width: a name beside its bar would leave the bar a third
    of a phone's width and push its amount out of the chart.

    Returns the y axis (categories in order, top to bottom), the names' annotations, the width and offset of each
    of a row's `bars` (in category units, for the traces' `width` and `offset`) and the rows' height in pixels.
    """
    lines = max((t.count("<br>") + 1 for t in texts), default=1)
    pitch = lines * LINE_PX + bars * BAR_PX + GAP_PX + 4
    width, gap = BAR_PX / pitch, GAP_PX / pitch
    top = 0.5 - gap - bars * width  # the top of a row's bars, from the row's centre (the axis is reversed)
    axis = {"type": "category", "autorange": False, "range": [len(texts) - 0.5, -0.5], "showticklabels": False,
            "showgrid": False, "ticks": "", "zeroline": False, "title": {"text": None}, "fixedrange": True}
    names = [{"x": 0, "xref": "paper", "xanchor": "left", "y": i + top, "yref": "y", "yanchor": "bottom",
              "align": "left", "text": text, "showarrow": False, "font": {"size": TEXT_PX, "color": "#222222"}}
             for i, text in enumerate(texts)]
    shapes = [{"width": width, "offset": top + k * width} for k in range(bars)]
    return axis, names, shapes, pitch * len(texts)


def figure_json(fig: go.Figure) -> str:
    """A figure as plotly JSON, to be drawn by plotly.js elsewhere (the offline briefing)."""
    return fig.to_json(validate=False)


def plotly_js() -> str:
    """plotly.js itself (about 4.7 MB), to write into a file that must work without a network."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()

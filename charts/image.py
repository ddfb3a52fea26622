"""A chart as a PNG from the server (kaleido 1.x driving Debian's Chromium), with its headline and source on it.

One renderer stays alive for the process (kaleido's sync server): the first image starts Chromium (about 3 s),
the next take a fraction of a second. Chromium is `BROWSER_PATH`, else Debian's `chromium`; without one,
`available()` says so and the page says it in one sentence instead of offering the button.
"""

from __future__ import annotations

import atexit
import copy
import os
import threading
from typing import Any

import plotly.graph_objects as go

from charts.theme import TEXT_PX, plain
from domain.browser import chromium
from domain.fmt import wrap_lines

WIDTH_PX = 1600  # a projector slide's width: the image is as legible as the chart on the screen
NO_CHROMIUM = ("La imagen se hace en el servidor con Chromium, que no está instalado: use el botón de cámara del "
               "gráfico.")
_LOCK = threading.Lock()
_STARTED = False


def available() -> bool:
    return chromium() is not None


def _start() -> None:
    """Kaleido's renderer, once per process (kept alive: later images skip Chromium's start)."""
    global _STARTED
    if _STARTED:
        return
    import kaleido

    os.environ.setdefault("BROWSER_PATH", chromium() or "")
    kaleido.start_sync_server(silence_warnings=True)
    atexit.register(kaleido.stop_sync_server, silence_warnings=True)
    _STARTED = True


def annotated(fig: go.Figure, *, headline: str, source: str) -> dict[str, Any]:
    """The figure's spec with the headline as its title and the source under it; both escaped (plotly reads a
    few HTML tags in its text, and a headline can quote a workbook)."""
    spec = copy.deepcopy(fig.to_dict())
    layout = spec.setdefault("layout", {})
    own = (layout.get("title") or {}).get("text") or ""  # the chart's own title (already plotly text)
    title = "<br>".join([f"<b>{own}</b>"] * bool(own) + [plain(line) for line in wrap_lines(headline, 110, lines=3)])
    height = int(layout.get("height") or 500)
    extra_top, extra_bottom = 40 + 24 * title.count("<br>"), 60
    margin = dict(layout.get("margin") or {})
    margin["t"], margin["b"] = int(margin.get("t", 90)) + extra_top, int(margin.get("b", 10)) + extra_bottom
    layout.update(height=height + extra_top + extra_bottom, width=WIDTH_PX, margin=margin,
                  title={"text": title, "x": 0, "xanchor": "left", "font": {"size": TEXT_PX + 2}})
    layout["annotations"] = [*layout.get("annotations", []), {
        "text": plain(source), "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yanchor": "top", "yshift": -40,
        "showarrow": False, "align": "left", "font": {"size": TEXT_PX - 4, "color": "#555555"}}]
    return spec


def png(fig: go.Figure, *, headline: str, source: str) -> bytes:
    """The chart as a PNG with its headline and source, from the process's one renderer."""
    import kaleido

    spec = annotated(fig, headline=headline, source=source)
    size = {"width": spec["layout"]["width"], "height": spec["layout"]["height"]}
    with _LOCK:
        _start()
        return kaleido.calc_fig_sync(spec, opts={"format": "png", "scale": 1, **size})

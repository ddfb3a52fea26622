"""A chart as a PNG from the server (charts/image.py): `python -m bench.bench_png`.

In one fresh process: the first image (kaleido starts Debian's Chromium), then `--repeat` images of each chart
with the renderer kept alive, and as the baseline in the same run, a one-bar figure. Medians in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date

import plotly.graph_objects as go

from charts import activities as acts
from charts import blocks, image
from charts.prepared import prepare
from loaders import load_workbook
from tests.factories import BUNDLED

SOURCE = "Fuente: Plan de Acción 2016, Versión 1 del plan."


def _ms(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_png", description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)
    if not image.available():
        print(image.NO_CHROMIUM)
        return 1
    p = prepare(load_workbook(BUNDLED), date(2026, 11, 25))
    view = blocks.activity_view(p, acts.Filters())
    charts = {"Del ingreso al gasto (Sankey)": blocks.budget_flow(p), "Personal por nivel": blocks.staff(p),
              "Calendario (72 actividades)": blocks.calendar(p, view, acts.ALL_AREAS, date(2026, 11, 25))}
    bar = go.Figure(go.Bar(x=["a"], y=[1]))
    first = _ms(lambda: image.png(bar, headline="x", source=SOURCE))
    base = statistics.median(_ms(lambda: image.png(bar, headline="x", source=SOURCE)) for _ in range(args.repeat))
    print(f"Primera imagen del proceso (arranca Chromium): {first:,.0f} ms")
    print(f"Línea base, una barra con el renderizador vivo: {base:,.0f} ms (mediana de {args.repeat})\n")
    print("| gráfico | mediana | × línea base |")
    print("|---|---:|---:|")
    for name, block in charts.items():
        ms = statistics.median(_ms(lambda b=block: image.png(b.figure, headline=b.headline, source=SOURCE))
                               for _ in range(args.repeat))
        print(f"| {name} | {ms:,.0f} ms | {ms / base:.1f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

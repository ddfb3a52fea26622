"""Server time of the dashboard's pages, measured with Streamlit's AppTest (no browser, no network).

    .venv/bin/python -m bench.bench_pages [--repeat N] [--sizes 10000] [--json]

For the bundled 2016 workbook and for the bundled plan with an N-activity POA (tests/factories.py,
`plan_with_poa`), in one process and one run:

* cold load: caches cleared (the workbook is read again), then the page's first run;
* first load: a new session on a warm server (the workbook already cached), the page's first run;
* rerun after a filter change: the Actividades page with the area filter switched between two areas, and
  the Presupuesto page with the amounts/percent toggle switched. Each is timed twice: to a state never
  seen (the figure cache, `ui.cache._memo`, cleared before the run) and back to a state already seen.

Two clocks: "AppTest", around `AppTest.run()` (what a test sees, AppTest's own polling included), and
"script", the server's time in the script thread (ScriptRunner._run_script: the page's code, building
and serialising every element). The baseline, measured in the same run, is a one-widget script rerun
after a widget change. Figures are medians of `--repeat` runs; the targets (rerun ≤ 50 ms, first load
≤ 1 s) are reported, not enforced.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

from tests.factories import BUNDLED, plan_with_poa
from ui.cache import _memo

REPO_ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = str(REPO_ROOT / "dashboard.py")
PAGES = ("inicio", "presupuesto", "financiamiento", "personal", "actividades")
TARGET_RERUN_MS = 50.0
TARGET_FIRST_S = 1.0

BASELINE_SCRIPT = """
import streamlit as st
choice = st.selectbox("x", ["a", "b"], key="x")
st.write(choice)
"""


SCRIPT_TIMES: list[float] = []


def _instrument() -> None:
    """Record how long each script run takes in the script thread (the server's own time)."""
    original = script_runner.ScriptRunner._run_script

    def timed(self, rerun_data):
        start = time.perf_counter()
        try:
            return original(self, rerun_data)
        finally:
            SCRIPT_TIMES.append(time.perf_counter() - start)

    script_runner.ScriptRunner._run_script = timed


def _open(page: str) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    return at.switch_page(f"app_pages/{page}.py") if page != "inicio" else at


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _check(at: AppTest, what: str) -> None:
    if at.exception:
        raise SystemExit(f"{what}: the page raised {at.exception[0].value}")


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_workbook(label: str, path: Path, repeat: int) -> dict:
    os.environ["PLAN_WORKBOOK"] = str(path)
    out: dict = {"workbook": label, "pages": {}}
    for page in PAGES:
        cold, first = [], []
        for _ in range(max(1, repeat // 3)):
            st.cache_resource.clear()
            at = _open(page)
            cold.append(_timed(at.run))
            _check(at, f"{label} {page} (cold)")
        for _ in range(repeat):
            at = _open(page)
            first.append(_timed(at.run))
            _check(at, f"{label} {page}")
        out["pages"][page] = {"cold_ms": median_ms(cold), "first_ms": median_ms(first)}

    at = _open("actividades").run()
    areas = at.multiselect(key="actividades_area").options
    out["rerun_actividades"] = _reruns(
        at, lambda i: at.multiselect(key="actividades_area").set_value([areas[i % 2]]), repeat, label)
    at = _open("presupuesto").run()
    out["rerun_presupuesto"] = _reruns(
        at, lambda i: at.segmented_control(key="presupuesto_vista").set_value(("Porcentajes", "Montos")[i % 2]),
        repeat, label)
    return out


def _reruns(at: AppTest, change: Callable[[int], object], repeat: int, label: str) -> dict[str, float]:
    """Median AppTest and script times of reruns to a new state (memo cleared) and to a state already seen."""
    times: dict[str, list[float]] = {"new_apptest": [], "new_script": [], "seen_apptest": [], "seen_script": []}
    for i in range(repeat * 2):
        _memo.clear()  # a state never seen: every figure and view is built
        change(i)
        SCRIPT_TIMES.clear()
        times["new_apptest"].append(_timed(at.run))
        times["new_script"].append(SCRIPT_TIMES[-1])
        _check(at, f"{label} rerun")
        change(i + 1)  # away (untimed), then back to the state just drawn, now in the cache
        at.run()
        change(i)
        SCRIPT_TIMES.clear()
        times["seen_apptest"].append(_timed(at.run))
        times["seen_script"].append(SCRIPT_TIMES[-1])
        _check(at, f"{label} rerun")
    return {k: median_ms(v) for k, v in times.items()}


def baseline(repeat: int) -> float:
    at = AppTest.from_string(BASELINE_SCRIPT).run()
    samples = []
    for i in range(repeat * 2):
        at.selectbox(key="x").set_value("ab"[i % 2])
        samples.append(_timed(at.run))
    return median_ms(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_pages", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--sizes", default="10000", help="POA sizes besides the bundled workbook (comma separated)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    # As in .streamlit/config.toml, which AppTest does not read when started from another folder.
    st.config.set_option("runner.magicEnabled", False)

    _instrument()
    results = {"baseline_rerun_ms": baseline(args.repeat), "workbooks": []}
    with tempfile.TemporaryDirectory() as tmp:
        workbooks = [("incluido (72 actividades)", BUNDLED)]
        for size in (int(s) for s in args.sizes.split(",") if s):
            path = Path(tmp) / f"plan_poa_{size}.xlsx"
            path.write_bytes(plan_with_poa(size))
            workbooks.append((f"plan + POA de {size:,} actividades", path))
        for label, path in workbooks:
            results["workbooks"].append(bench_workbook(label, path, args.repeat))
    os.environ.pop("PLAN_WORKBOOK", None)

    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    base = results["baseline_rerun_ms"]
    print(f"Baseline (AppTest rerun of a one-widget script): {base:.1f} ms; medians of {args.repeat} runs.\n")
    print("| libro | página | carga en frío | primera carga | objetivo ≤ 1 s |")
    print("|---|---|---|---|---|")
    for wb in results["workbooks"]:
        for page, r in wb["pages"].items():
            ok = "sí" if r["first_ms"] <= TARGET_FIRST_S * 1000 else "no"
            print(f"| {wb['workbook']} | {page} | {r['cold_ms']:.0f} ms | {r['first_ms']:.0f} ms | {ok} |")
    print("\n| libro | rerun tras un cambio | estado nuevo: AppTest / script | estado ya visto: AppTest / script "
          "| × línea base (nuevo, AppTest) | objetivo ≤ 50 ms |")
    print("|---|---|---|---|---|---|")
    for wb in results["workbooks"]:
        for what, key in (("Actividades: filtro de área", "rerun_actividades"),
                          ("Presupuesto: montos/%", "rerun_presupuesto")):
            r = wb[key]
            ok = "sí" if r["new_apptest"] <= TARGET_RERUN_MS else "no"
            print(f"| {wb['workbook']} | {what} | {r['new_apptest']:.1f} / {r['new_script']:.1f} ms "
                  f"| {r['seen_apptest']:.1f} / {r['seen_script']:.1f} ms | {r['new_apptest'] / base:.1f}× | {ok} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

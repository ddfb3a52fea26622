"""A phone on a slow line, through nginx: `python -m bench.bench_phone` (also `make bench-phone`).

Chromium (Debian's, through Playwright) emulates a phone (390×844) on a slow 3G line as Lighthouse does:
1.6 Mbps down, 750 kbps up, 150 ms round trip (DevTools network emulation, which also paces the websocket)
and a CPU 4× slower. Each visit times, from the navigation to the first drawn plotly chart:

* cold: a new browser profile (empty cache);
* warm: the same profile opening the page again (Streamlit's hashed files come from the cache).

Measured in the same run:
* the floor: a bare Streamlit app with one plotly chart (bench/floor_app.py), served by Streamlit alone
  (uncompressed, as the issue measured it) and through the same nginx setup as the dashboard;
* every page of the dashboard through `deploy.serve` (nginx, two instances, the bundled 2016 workbook).

Targets (issue 11): through the proxy, first chart within 20 s cold and 5 s warm, and every page within 1.3×
the floor through the proxy. Medians of `--repeat` visits.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from deploy import serve
from tests import browser_support as bs

PAGES = ("", "presupuesto", "financiamiento", "personal", "actividades")
SLOW_3G = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4
TARGET_COLD_S, TARGET_WARM_S, TARGET_RATIO = 20.0, 5.0, 1.3
TIMEOUT_MS = 180_000
PHONE = bs.VIEWPORTS["phone"]


def _visit(context, url: str) -> float:
    """Seconds from the navigation to the first drawn chart, on a throttled tab of `context`."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    page.wait_for_selector(bs.PLOTLY_SVG, state="visible", timeout=TIMEOUT_MS)
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def measure(browser: Browser, url: str, repeat: int) -> tuple[float, float]:
    """(cold, warm) medians for one address."""
    cold, warm = [], []
    for _ in range(repeat):
        context = browser.new_context(**PHONE)
        try:
            cold.append(_visit(context, url))
            warm.append(_visit(context, url))
        finally:
            context.close()
    return statistics.median(cold), statistics.median(warm)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_phone", description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    args = parser.parse_args(argv)
    bs.require_chromium()
    serve.require_tools()
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = bs.launch_chromium(playwright)
        root = Path(tmp)
        floor = bs.StreamlitServer(log_path=root / "floor.log", script="bench/floor_app.py")
        floor.start()
        try:
            direct = measure(browser, floor.url, args.repeat)
            rows.append(("Suelo: una gráfica, Streamlit solo (sin comprimir)", *direct))
        finally:
            floor.stop()
        with serve.running(port=bs.free_port(), host="127.0.0.1", app="bench/floor_app.py", instances=1,
                           runtime=root / "floor-run") as proxied:
            rows.append(("Suelo: una gráfica, con nginx", *measure(browser, proxied.url, args.repeat)))
        floor_cold, floor_warm = rows[-1][1], rows[-1][2]
        with serve.running(port=bs.free_port(), host="127.0.0.1", runtime=root / "run",
                           env={"PLAN_DB_URL": f"sqlite:///{root / 'plan.db'}"}) as deployment:
            for path in args.pages:
                rows.append((f"/{path}", *measure(browser, f"{deployment.url}/{path}", args.repeat)))
        browser.close()
    print("| visita | fría (s) | tibia (s) | fría / suelo | tibia / suelo |")
    print("|---|---:|---:|---:|---:|")
    met = True
    for i, (label, cold, warm) in enumerate(rows):
        ratio = f"{cold / floor_cold:.2f}× | {warm / floor_warm:.2f}×" if i >= 2 else "— | —"
        print(f"| {label} | {cold:.1f} | {warm:.1f} | {ratio} |")
        if i >= 2:
            met &= cold <= TARGET_COLD_S and warm <= TARGET_WARM_S
            met &= cold <= TARGET_RATIO * floor_cold and warm <= TARGET_RATIO * floor_warm
    print(f"\nMedianas de {args.repeat} visitas; metas: fría ≤ {TARGET_COLD_S:.0f} s, tibia ≤ {TARGET_WARM_S:.0f} s, "
          f"cada página ≤ {TARGET_RATIO}× el suelo con nginx. {'Cumplidas.' if met else 'NO cumplidas.'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

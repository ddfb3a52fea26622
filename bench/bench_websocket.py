"""Bytes each page sends over the websocket, in a real browser: `python -m bench.bench_websocket`.

For the bundled 2016 workbook (72 activities) and the bundled plan with a 10,000-activity POA
(tests/factories.py, `plan_with_poa`), a dashboard server of its own (its own SQLite store, seeded from the
workbook) and Debian's Chromium through Playwright: each page is opened in a fresh tab and, once the app has
finished running and its charts are drawn, the frames the server sent on the websocket are summed. The
target (issue 11) is about 500 KB per page, whatever the plan's size; the figure for a page of nothing but a
title (the floor: Streamlit's own messages) is measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests import browser_support as bs
from tests.factories import BUNDLED, plan_with_poa

PAGES = ("", "presupuesto", "financiamiento", "personal", "actividades", "revision", "historial")
TARGET_KB = 500


def _page_bytes(browser, url: str) -> int:
    """Bytes received on the websocket until the page has run and drawn its charts."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    received: list[int] = []

    def on_socket(socket) -> None:
        socket.on("framereceived", lambda payload: received.append(
            len(payload) if isinstance(payload, bytes | str) else len(str(payload))))
    page.on("websocket", on_socket)
    page.goto(url)
    bs.wait_until_app_finished(page)
    if page.locator(".js-plotly-plot").count():
        bs.wait_for_charts(page)
    page.wait_for_timeout(500)
    page.close()
    return sum(received)


def measure(workbook: Path, label: str, browser, repeat: int, workdir: Path) -> dict[str, float]:
    import os

    os.environ["PLAN_WORKBOOK"] = str(workbook)
    server = bs.StreamlitServer(db_url=f"sqlite:///{workdir / (label + '.db')}", log_path=workdir / f"{label}.log")
    server.start()
    try:
        sizes = {}
        for path in PAGES:
            _page_bytes(browser, f"{server.url}/{path}")  # warm: the workbook read and the charts cached
            sizes[path or "inicio"] = statistics.median(
                _page_bytes(browser, f"{server.url}/{path}") for _ in range(repeat)) / 1024
        return sizes
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_websocket", description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--activities", type=int, default=10_000)
    args = parser.parse_args(argv)
    bs.require_chromium()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        workdir = Path(tmp)
        big = workdir / f"poa_{args.activities}.xlsx"
        big.write_bytes(plan_with_poa(args.activities))
        browser = bs.launch_chromium(playwright)
        results = {"72": measure(BUNDLED, "bundled", browser, args.repeat, workdir),
                   f"{args.activities:,}": measure(big, "big", browser, args.repeat, workdir)}
        browser.close()
    print(f"| página | 72 actividades (KB) | {args.activities:,} actividades (KB) |")
    print("|---|---:|---:|")
    worst = 0.0
    for page in results["72"]:
        small, large = results["72"][page], results[f"{args.activities:,}"][page]
        worst = max(worst, small, large)
        print(f"| {page} | {small:,.0f} | {large:,.0f} |")
    print(f"\nMayor página: {worst:,.0f} KB (meta: unos {TARGET_KB} KB); medianas de {args.repeat} aperturas.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The calendar feed over HTTP (ui/feed.py, served by app.py): `python -m bench.bench_feed`.

For the bundled plan (72 activities) and a generated one (10,000), a real `streamlit run app.py` on a store of
its own with the plan published: the first request (the server reads and prepares the version), then, with the
version in the cache, the whole plan, one unit, and an unchanged feed asked again with its ETag (304). The
baseline, in the same run, is Streamlit's own `/_stcore/health` on the same server. Medians in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import publishing
from domain.plan import LoadResult
from loaders import load_workbook
from settings import Settings
from store import Store
from tests import browser_support as bs
from tests.factories import BUNDLED, plan_with_poa


def _read(data: bytes, filename: str) -> LoadResult:
    return load_workbook(data, filename=filename)


def _get(url: str, etag: str | None = None) -> tuple[int, bytes, str]:
    request = urllib.request.Request(url, headers={"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read(), response.headers.get("ETag", "")
    except urllib.error.HTTPError as error:
        return error.code, b"", error.headers.get("ETag", "")


def _ms(url: str, etag: str | None = None) -> tuple[float, int, int]:
    start = time.perf_counter()
    status, body, _ = _get(url, etag)
    return (time.perf_counter() - start) * 1000, status, len(body)


def _median(url: str, repeat: int, etag: str | None = None) -> tuple[float, int, int]:
    runs = [_ms(url, etag) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), runs[-1][1], runs[-1][2]


def measure(name: str, workbook: Path, repeat: int, root: Path) -> list[str]:
    url = f"sqlite:///{root / (workbook.stem + '.db')}"
    store = Store(url, settings=Settings())
    store.migrate()
    publishing.seed(store, _read, workbook)
    plan = _read(workbook.read_bytes(), workbook.name)
    unit = str(plan.tables["actividades"]["responsable"].dropna().iloc[0])
    store.dispose()
    server = bs.StreamlitServer(db_url=url, log_path=root / f"{workbook.stem}.log")
    server.start()
    try:
        feed = f"{server.url}/calendario.ics"
        first, status, size = _ms(feed)
        assert status == 200, status
        base, _, _ = _median(f"{server.url}/_stcore/health", repeat)
        whole, _, _ = _median(feed, repeat)
        mine, _, mine_size = _median(f"{feed}?{urllib.parse.urlencode({'responsable': unit})}", repeat)
        etag = _get(feed)[2]
        same, status_304, _ = _median(feed, repeat, etag)
        assert status_304 == 304, status_304
    finally:
        server.stop()
    return [f"| {name} | primera petición (lee y prepara la versión) | {first:,.0f} ms | {size / 1024:,.0f} KB | "
            f"{first / base:,.0f}× |",
            f"| {name} | todo el plan | {whole:,.1f} ms | {size / 1024:,.0f} KB | {whole / base:.1f}× |",
            f"| {name} | una unidad | {mine:,.1f} ms | {mine_size / 1024:,.1f} KB | {mine / base:.1f}× |",
            f"| {name} | sin cambios (304) | {same:,.1f} ms | 0 KB | {same / base:.1f}× |",
            f"| {name} | línea base: /_stcore/health | {base:,.1f} ms | – | 1.0× |"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_feed", description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        big = root / "poa_10000.xlsx"
        big.write_bytes(plan_with_poa(10_000))
        rows = ["| plan | petición | mediana | tamaño | × línea base |", "|---|---|---:|---:|---:|"]
        rows += measure("72 actividades", BUNDLED, args.repeat, root)
        rows += measure("10,000 actividades", big, args.repeat, root)
    print(f"Medianas de {args.repeat} (la primera petición, una vez), HTTP a 127.0.0.1 sin nginx.\n")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

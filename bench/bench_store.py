"""What the version store costs a page and a clerk, with baselines measured in the same run.

    .venv/bin/python -m bench.bench_store [--repeat 9] [--pg URL]

1. A rerun asks which version is published: `store.versions.published` (one indexed query through the ORM)
   on a store with 500 versions, against `SELECT 1` on the same engine (what any query costs). Target: at
   most 2 ms on SQLite. With --pg (or PLAN_TEST_PG_URL), PostgreSQL too.
2. Upload to report and «¿Qué cambia?»: `publishing.check` as /cargar calls it (isolated read, the upload
   kept, composed over and compared with the published version), against reading the same bytes with the
   isolated reader alone. Targets: at most 1 s for the bundled workbook and 2 s for a 10,000-activity plan.
3. The same, as the whole rerun of /cargar that puts the report and the diff on screen (AppTest).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import sqlalchemy

import publishing
from loaders.isolation import IsolatedReader
from settings import Settings
from store import Store, versions
from tests.builders import revised_budget
from tests.factories import BUNDLED, plan_with_poa


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def _filled(url: str, versions_count: int) -> Store:
    store = Store(url, settings=Settings())
    store.migrate()
    upload = versions.save_upload(store, b"libro", "plan.xlsx", "bench", status="valido", report={},
                                  tables={"ingresos": 1}).id
    for _ in range(versions_count):
        versions.publish(store, upload, "bench")
    return store


def published_query(url: str, label: str, repeat: int) -> None:
    store = _filled(url, 500)
    with store.engine.connect() as connection:
        def select_one() -> None:
            connection.execute(sqlalchemy.text("SELECT 1")).scalar()
        base = _median_ms(select_one, repeat * 200)
    asked = _median_ms(lambda: versions.published(store), repeat * 200)
    print(f"| {label} | {asked:.3f} ms | {base:.3f} ms | {asked / base:.1f}× |", flush=True)
    store.dispose()


def upload_to_report(url: str, repeat: int) -> None:
    reader = IsolatedReader(workers=2)

    def read(data: bytes, name: str):
        return reader.load(data, filename=name)

    store = Store(url, settings=Settings())
    store.migrate()
    publishing.seed(store, read, BUNDLED)
    version = versions.published(store)
    base = publishing.plan_of(store, version, lambda u: read(versions.content(store, u.id), u.filename))
    cases = {"incluido, revisión del presupuesto (sin POA)": revised_budget(),
             "incluido, libro completo": BUNDLED.read_bytes(),
             "POA de 10,000 actividades": plan_with_poa(10_000)}
    for label, data in cases.items():
        def alone(data: bytes = data) -> None:
            read(data, "x.xlsx")

        def checked(data: bytes = data) -> None:
            publishing.check(store, read, data, "x.xlsx", "bench", published=(version, base))

        alone()
        a, b = [], []
        for _ in range(repeat):
            time.sleep(1.0)  # let the pool replace the worker just used: a server's pace, not a burst
            a.append(_median_ms(alone, 1))
            time.sleep(1.0)
            b.append(_median_ms(checked, 1))
        lone, full = statistics.median(a), statistics.median(b)
        print(f"| {label} | {full:.0f} ms | {lone:.0f} ms | +{full - lone:.0f} ms ({full / lone:.2f}×) |", flush=True)
    reader.close()
    store.dispose()


def page_with_report(folder: Path, repeat: int) -> None:
    """The whole rerun of /cargar that shows the report and «¿Qué cambia?» (AppTest.run: the check plus the page
    built and serialised), against a rerun of the same page before any file is chosen."""
    from streamlit.testing.v1 import AppTest

    from store import editors

    url = f"sqlite:///{folder / 'p.db'}"
    os.environ["PLAN_DB_URL"] = url
    store = Store(url, settings=Settings())
    store.migrate()
    editors.add(store, "bench", "una clave larga de prueba", by="bench")
    dashboard = str(Path(__file__).parents[1] / "dashboard.py")
    cases = {"incluido, libro completo": BUNDLED.read_bytes(), "POA de 10,000 actividades": plan_with_poa(10_000)}
    for label, data in cases.items():
        empty, full = [], []
        for _ in range(repeat):
            at = AppTest.from_file(dashboard, default_timeout=120).switch_page("app_pages/cargar.py").run()
            at.text_input[0].input("bench")
            at.text_input[1].input("una clave larga de prueba")
            at = at.button[0].click().run()
            start = time.perf_counter()
            at.run()
            empty.append(time.perf_counter() - start)
            time.sleep(1.0)
            at.file_uploader[0].set_value(("x.xlsx", data, "application/octet-stream"))
            start = time.perf_counter()
            at.run()
            full.append(time.perf_counter() - start)
            assert not at.exception
        a, b = statistics.median(empty) * 1000, statistics.median(full) * 1000
        print(f"| {label} | {b:.0f} ms | {a:.0f} ms | +{b - a:.0f} ms |", flush=True)
    store.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_store", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--pg", default=os.environ.get("PLAN_TEST_PG_URL", ""))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        print("¿Qué versión está publicada? (cada recarga de página lo pregunta; 500 versiones)\n")
        print("| base | `published()` | `SELECT 1` (línea base) | razón |")
        print("|---|---:|---:|---:|")
        published_query(f"sqlite:///{Path(folder) / 'q.db'}", "SQLite (archivo, WAL)", args.repeat)
        if args.pg:
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            admin = sqlalchemy.create_engine(args.pg)
            with admin.begin() as c:
                c.execute(sqlalchemy.text(f"CREATE SCHEMA {schema}"))
            try:
                published_query(f"{args.pg}?options=-csearch_path%3D{schema}", "PostgreSQL (127.0.0.1)", args.repeat)
            finally:
                with admin.begin() as c:
                    c.execute(sqlalchemy.text(f"DROP SCHEMA {schema} CASCADE"))
                admin.dispose()
        print("\nDe subir un libro a tener el informe y «¿Qué cambia?» (tiempo del servidor, SQLite)\n")
        print("| libro | `publishing.check` | solo la lectura aislada (línea base) | diferencia |")
        print("|---|---:|---:|---:|")
        upload_to_report(f"sqlite:///{Path(folder) / 'u.db'}", max(3, args.repeat // 2))
        print("\nLa página /cargar entera con el informe y «¿Qué cambia?» (AppTest.run)\n")
        print("| libro | con el libro | sin libro elegido (línea base) | diferencia |")
        print("|---|---:|---:|---:|")
        page_with_report(Path(folder), max(3, args.repeat // 3))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

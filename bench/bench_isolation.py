"""What reading a workbook in an isolated worker costs, against reading it in process, in the same run.

    .venv/bin/python -m bench.bench_isolation [--repeat 9]

For the bundled plan and the plan with a 10,000-activity POA: the median of `load_workbook` in this process,
and of `IsolatedReader.load` (a pre-started worker reads it and sends the tables back as Arrow), and the
difference. Also how long a worker takes to become ready from scratch (what a pre-started pool hides).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from loaders import load_workbook
from loaders.isolation import IsolatedReader
from tests.factories import BUNDLED, plan_with_poa


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_isolation", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)
    reader = IsolatedReader(workers=2)
    workbooks = {"incluido (72 actividades)": BUNDLED.read_bytes(),
                 "POA de 10,000 actividades": plan_with_poa(10_000)}
    print("| libro | en el proceso | en un proceso aislado | diferencia |")
    print("|---|---:|---:|---:|")
    for label, data in workbooks.items():
        load_workbook(data)
        here, there = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            load_workbook(data)
            here.append(time.perf_counter() - start)
            time.sleep(1.5)  # let the pool replace the worker just used: a server's pace, not a burst
            start = time.perf_counter()
            reader.load(data)
            there.append(time.perf_counter() - start)
        a, b = _median_ms(here), _median_ms(there)
        print(f"| {label} | {a:.0f} ms | {b:.0f} ms | +{b - a:.0f} ms ({b / a:.2f}×) |", flush=True)
    reader.close()
    starts = []
    for _ in range(max(3, args.repeat // 3)):
        start = time.perf_counter()
        cold = IsolatedReader(workers=1)
        cold.load(BUNDLED.read_bytes())
        starts.append(time.perf_counter() - start)
        cold.close()
    print(f"\nUn lector sin arrancar de antemano (arranque + lectura del libro incluido): {_median_ms(starts):.0f} ms "
          f"(mediana de {len(starts)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

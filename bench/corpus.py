"""What the loaders find in real workbooks: `make corpus` (or `python -m bench.corpus [FOLDER]`).

Reads every .xlsx of ../shared/real-workbooks/ (when the folder exists; nothing of it is copied into the
repository) in process, and prints per file: the time, the tables found with their rows, the plan year and
cut-off date, the issues by code (with counts), and a few activity names and areas, so that a wrong column
(budget codes as activity names) shows at once.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from loaders import UnreadableWorkbook, load_workbook

FOLDER = Path(__file__).resolve().parents[2] / "shared" / "real-workbooks"


def describe(path: Path, *, samples: int = 3) -> list[str]:
    start = time.perf_counter()
    try:
        result = load_workbook(path)
    except UnreadableWorkbook as error:
        return [f"{path.name}: ilegible ({error.issue.code}) en {time.perf_counter() - start:.2f} s"]
    took = time.perf_counter() - start
    tables = ", ".join(f"{name} {len(frame):,}" for name, frame in result.tables.items()) or "ninguna"
    lines = [f"{path.name}: {took:.2f} s · año {result.anio} · tablas: {tables}"]
    for key in ("fecha_corte",):
        if key in result.notas:
            lines.append(f"  {key}: {result.notas[key]}")
    codes = Counter(i.code for i in [*result.errors, *result.warnings])
    for item in result.omitted:
        codes[item.code] += item.count
    if codes:
        lines.append("  problemas: " + ", ".join(f"{code} {n}" for code, n in codes.most_common()))
    activities = result.tables.get("actividades")
    if activities is not None and len(activities):
        names = [str(a)[:60] for a in activities["actividad"].head(samples)]
        areas = activities["area"].dropna().astype(str).unique()[:samples]
        dated = int(activities["inicio"].notna().sum())
        lines.append(f"  actividades: {names} · áreas ({activities['area'].nunique()}): {list(areas)} · "
                     f"con fechas: {dated:,}")
    for kind in ("ingresos", "egresos"):
        frame = result.tables.get(kind)
        if frame is not None and len(frame):
            lines.append(f"  {kind}: {list(frame['clasificacion'].head(samples))} · columnas {list(frame.columns)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=FOLDER)
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"No existe {args.folder}: nada que leer.")
        return 0
    for path in sorted(args.folder.glob("*.xlsx")):
        print("\n".join(describe(path)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

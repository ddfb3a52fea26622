"""Benchmark of `loaders.load_workbook` against two baselines, on workbooks generated in the same run.

    .venv/bin/python -m bench.bench_loaders [--sizes 1000,10000,100000] [--repeat N] [--json]

For each size a POA workbook (document layout by default, see tests/factories.py) is generated once and
written to a temporary file. Then, with `time.perf_counter`, the median of:

* pandas.read_excel(path, sheet_name=None) with its default engine, no cleaning at all;
* inflating the file's XML: zipfile.ZipFile(path) and read() of every member ending in .xml;
* ours: the file's bytes read and passed to loaders.load_workbook (both inside the timed region).

The first call of ours is an untimed warm-up that also checks the result (row count, no errors). Peak
memory is measured by one load in a fresh subprocess. The output is a Markdown table for the README; the
script reports the targets (≥5× faster than pandas, ≤3× the inflate time) but does not enforce them.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from tests.factories import poa_document_layout, template_layout_poa

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = (1_000, 10_000, 100_000)
LARGE = 100_000  # sizes from here on get fewer default repetitions
TARGET_SPEEDUP = 5.0  # ours must be at least this many times faster than pandas.read_excel
TARGET_INFLATE_RATIO = 3.0  # ours must take at most this many times the inflate-only time

LAYOUTS: dict[str, Callable[[int], bytes]] = {
    "document": lambda n: poa_document_layout(n),
    "months": lambda n: poa_document_layout(n, month_marks=True),
    "template": template_layout_poa,
}
LAYOUT_DESCRIPTIONS: dict[str, str] = {
    "document": "POA in document layout (10 area sheets, titles, objective rows and result cells merged)",
    "months": "POA in document layout with twelve month-mark columns instead of Tiempo",
    "template": "POA in template layout (one flat POA sheet plus a Plan sheet)",
}

# One load in a fresh interpreter; prints its peak RSS (whole process, imports included) as JSON.
# On Linux ru_maxrss is inherited across fork/exec: a child spawned by this (large) benchmark process starts
# with the parent's peak, so the script prefers VmHWM from /proc/self/status, which is reset at exec and is
# what ru_maxrss reports for a process started from a small shell. ru_maxrss is kept in the JSON output.
_MEMORY_SCRIPT = """
import json, resource, sys
from pathlib import Path

def ru_maxrss_mb():
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024

def peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return ru_maxrss_mb()

from loaders import load_workbook
data = Path(sys.argv[1]).read_bytes()
before = peak_mb()
result = load_workbook(data)
peak = peak_mb()
rows = len(result.tables["actividades"]) if "actividades" in result.tables else None
print(json.dumps({"before_mb": before, "peak_mb": peak, "ru_maxrss_mb": ru_maxrss_mb(), "rows": rows,
                  "errors": len(result.errors)}))
"""


@dataclass
class SizeResult:
    """Raw measurements for one workbook size (seconds and MB)."""

    n_activities: int
    layout: str
    file_mb: float
    generate_s: float
    pandas_runs: list[float] = field(default_factory=list)
    inflate_runs: list[float] = field(default_factory=list)
    ours_runs: list[float] = field(default_factory=list)
    ours_warnings: int | None = None
    peak_rss_mb: float | None = None
    rss_before_mb: float | None = None
    ru_maxrss_mb: float | None = None  # as reported in the child; inflated by the parent's peak on Linux
    failure: str | None = None

    @property
    def pandas_s(self) -> float | None:
        return statistics.median(self.pandas_runs) if self.pandas_runs else None

    @property
    def inflate_s(self) -> float | None:
        return statistics.median(self.inflate_runs) if self.inflate_runs else None

    @property
    def ours_s(self) -> float | None:
        return statistics.median(self.ours_runs) if self.ours_runs else None

    @property
    def speedup(self) -> float | None:
        if self.pandas_s is None or not self.ours_s:
            return None
        return self.pandas_s / self.ours_s

    @property
    def inflate_ratio(self) -> float | None:
        if self.ours_s is None or not self.inflate_s:
            return None
        return self.ours_s / self.inflate_s

    @property
    def rss_delta_mb(self) -> float | None:
        if self.peak_rss_mb is None or self.rss_before_mb is None:
            return None
        return self.peak_rss_mb - self.rss_before_mb

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("pandas_s", "inflate_s", "ours_s", "speedup", "inflate_ratio", "rss_delta_mb"):
            data[name] = getattr(self, name)
        return data


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--sizes expects integers separated by commas: {text!r}") from exc
    if not sizes or any(size <= 0 for size in sizes):
        raise argparse.ArgumentTypeError("--sizes expects positive integers")
    return sizes


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_loaders", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES),
                        help="numbers of activities, comma separated (default: 1000,10000,100000)")
    parser.add_argument("--repeat", type=int, default=None,
                        help=f"timed runs of ours and of the inflate baseline (default: 5, 3 from {LARGE:,})")
    parser.add_argument("--baseline-repeat", type=int, default=None,
                        help=f"timed runs of pandas.read_excel (default: 3, 1 from {LARGE:,})")
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default="document",
                        help="workbook layout: document (pasted plan, merged cells; default), "
                             "months (document with month-mark columns), template (flat POA sheet)")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory subprocess")
    parser.add_argument("--json", action="store_true",
                        help="print the raw numbers as JSON instead of Markdown")
    args = parser.parse_args(argv)
    for name in ("repeat", "baseline_repeat"):
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def timed_runs(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of `repeat` calls of fn, each after a garbage collection."""
    runs = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
        del result
    return runs


def baseline_pandas(path: Path) -> object:
    import pandas as pd

    return pd.read_excel(path, sheet_name=None)


def baseline_inflate(path: Path) -> int:
    total = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                total += len(archive.read(name))
    return total


def check_result(result: Any, n_activities: int) -> str | None:
    """Why the loader's result is wrong for a workbook of n_activities, or None when it is right."""
    problems = []
    tables = getattr(result, "tables", None)
    if not isinstance(tables, dict) or "actividades" not in tables:
        found = sorted(tables) if isinstance(tables, dict) else type(tables).__name__
        problems.append(f"no 'actividades' table (tables: {found})")
    elif len(tables["actividades"]) != n_activities:
        problems.append(f"'actividades' has {len(tables['actividades']):,} rows, expected {n_activities:,}")
    errors = list(getattr(result, "errors", []) or [])
    if errors:
        lines = [f"{len(errors)} error(s):"]
        for issue in errors[:10]:
            place = issue.place() if hasattr(issue, "place") else ""
            code = getattr(issue, "code", "?")
            lines.append(f"    [{code}] {place}: {getattr(issue, 'message', issue)}")
        if len(errors) > 10:
            lines.append(f"    ... and {len(errors) - 10} more")
        problems.append("\n".join(lines))
    return "; ".join(problems) if problems else None


def measure_memory(path: Path) -> dict[str, Any]:
    """Peak RSS of one load in a fresh interpreter (run from the repository root)."""
    proc = subprocess.run([sys.executable, "-c", _MEMORY_SCRIPT, str(path)], cwd=REPO_ROOT,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"memory subprocess exited with {proc.returncode}:\n{tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure_size(n: int, args: argparse.Namespace, workdir: Path) -> SizeResult:
    repeat = args.repeat or (3 if n >= LARGE else 5)
    baseline_repeat = args.baseline_repeat or (1 if n >= LARGE else 3)

    log(f"[{n:,}] generating {args.layout} workbook ...")
    start = time.perf_counter()
    data = LAYOUTS[args.layout](n)
    generate_s = time.perf_counter() - start
    path = workdir / f"poa_{args.layout}_{n}.xlsx"
    path.write_bytes(data)
    del data
    res = SizeResult(n_activities=n, layout=args.layout, file_mb=path.stat().st_size / 1e6,
                     generate_s=generate_s)
    log(f"[{n:,}] {res.file_mb:.2f} MB written in {generate_s:.1f} s")

    log(f"[{n:,}] pandas.read_excel x{baseline_repeat} ...")
    res.pandas_runs = timed_runs(lambda: baseline_pandas(path), baseline_repeat)
    log(f"[{n:,}] inflate XML x{repeat} ...")
    res.inflate_runs = timed_runs(lambda: baseline_inflate(path), repeat)

    log(f"[{n:,}] ours: warm-up and check ...")
    try:
        from loaders import load_workbook
    except Exception as exc:  # noqa: BLE001 - any import problem is reported, not raised
        res.failure = f"cannot import load_workbook from loaders: {type(exc).__name__}: {exc}"
        return res

    def ours() -> object:
        return load_workbook(path.read_bytes())

    try:
        result = ours()
    except Exception as exc:  # noqa: BLE001 - a crashing loader is a benchmark failure, reported
        res.failure = f"load_workbook raised {type(exc).__name__}: {exc}"
        return res
    problem = check_result(result, n)
    res.ours_warnings = len(getattr(result, "warnings", []) or [])
    del result
    if problem:
        res.failure = f"load_workbook returned a wrong result: {problem}"
        return res

    log(f"[{n:,}] ours x{repeat} ...")
    res.ours_runs = timed_runs(ours, repeat)

    if not args.no_memory:
        log(f"[{n:,}] peak memory (subprocess) ...")
        try:
            memory = measure_memory(path)
        except (RuntimeError, ValueError) as exc:
            log(f"[{n:,}] peak memory not measured: {exc}")
        else:
            res.peak_rss_mb = memory["peak_mb"]
            res.rss_before_mb = memory["before_mb"]
            res.ru_maxrss_mb = memory["ru_maxrss_mb"]
    return res


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def environment() -> dict[str, Any]:
    import pandas as pd

    reader = pd.get_option("io.excel.xlsx.reader")
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "pandas": pd.__version__,
        "pandas_xlsx_reader": "openpyxl" if reader == "auto" else reader,
        "openpyxl": package_version("openpyxl"),
        "fastexcel": package_version("fastexcel"),
        "python-calamine": package_version("python-calamine"),
        "cpu_count": os.cpu_count(),
    }


def fmt(value: float | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def markdown(results: list[SizeResult], env: dict[str, Any]) -> str:
    lines = [
        f"Python {env['python']} ({env['implementation']}), pandas {env['pandas']} "
        f"(xlsx reader: {env['pandas_xlsx_reader']} {env['openpyxl']}), fastexcel {env['fastexcel']}, "
        f"{env['cpu_count']} CPUs, {env['platform']}",
        "",
        "| size | file MB | pandas.read_excel (s) | inflate XML (s) | ours (s) | speed-up vs pandas (×) "
        "| ours / inflate (×) | peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        rss = "n/a" if r.peak_rss_mb is None else f"{r.peak_rss_mb:.0f} (+{r.rss_delta_mb:.0f})"
        lines.append(
            f"| {r.n_activities:,} | {r.file_mb:.2f} | {fmt(r.pandas_s, '.3f')} | {fmt(r.inflate_s, '.3f')} "
            f"| {fmt(r.ours_s, '.3f')} | {fmt(r.speedup, '.1f')} | {fmt(r.inflate_ratio, '.2f')} | {rss} |"
        )
    runs = "; ".join(
        f"{r.n_activities:,}: pandas ×{len(r.pandas_runs)}, inflate ×{len(r.inflate_runs)}, "
        f"ours ×{len(r.ours_runs)}"
        for r in results
    )
    layout = results[0].layout if results else "document"
    lines += [
        "",
        f"Medians of wall-clock runs ({runs}). Workbook: {LAYOUT_DESCRIPTIONS[layout]}, from "
        "tests/factories.py. Peak RSS: whole process of one load in a fresh interpreter (VmHWM), imports "
        "included; in parentheses, the growth during the load_workbook call.",
    ]
    return "\n".join(lines)


def targets_line(results: list[SizeResult]) -> str:
    measured = [r for r in results if r.ours_s is not None]
    if not measured:
        return "targets: not measured (ours did not run)"
    largest = max(measured, key=lambda r: r.n_activities)
    speed_ok = largest.speedup is not None and largest.speedup >= TARGET_SPEEDUP
    inflate_ok = largest.inflate_ratio is not None and largest.inflate_ratio <= TARGET_INFLATE_RATIO
    return (f"targets ({largest.n_activities:,} activities): ≥{TARGET_SPEEDUP:g}× vs pandas: "
            f"{'yes' if speed_ok else 'no'}; "
            f"≤{TARGET_INFLATE_RATIO:g}× inflate: {'yes' if inflate_ok else 'no'}")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    import openpyxl  # noqa: F401 - imported up front so pandas' first call does not pay for it
    # pandas 3 announces its default xlsx engine will change; the baseline is today's default.
    warnings.filterwarnings("ignore", message="The default engine for reading 'xlsx' files")

    env = environment()
    results: list[SizeResult] = []
    failure: str | None = None
    with tempfile.TemporaryDirectory(prefix="bench_loaders_") as tmp:
        for n in sorted(args.sizes):
            res = measure_size(n, args, Path(tmp))
            results.append(res)
            if res.failure:
                failure = f"FAILURE at {n:,} activities: {res.failure}"
                break

    if args.json:
        print(json.dumps({"environment": env, "results": [r.to_json() for r in results],
                          "failure": failure}, indent=2, ensure_ascii=False))
    else:
        print(markdown(results, env))
        print()
        print(targets_line(results))
    if failure:
        print(failure, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Before and after, in the same run: load the same generated workbooks with this tree's loaders and with a
git revision's, alternating, and print the medians and their ratio.

    .venv/bin/python -m bench.compare_ref REF [--sizes 1000,10000,100000] [--rounds 5] [--layout document]

REF is exported with `git archive` into a temporary folder (no worktree is left behind). Each measurement is
a fresh interpreter started in one of the two trees: it loads the workbook once untimed (warm-up), then
times `--per-process` loads and prints them. Rounds alternate which tree goes first, so drift on a busy
machine falls on both. Workbooks come from tests/factories.py of *this* tree, so both read identical bytes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from bench.bench_loaders import LAYOUTS, parse_sizes

ROOT = Path(__file__).resolve().parents[1]
_TIMER = """
import gc, json, sys, time
from pathlib import Path
from loaders import load_workbook
data = Path(sys.argv[1]).read_bytes()
load_workbook(data)
runs = []
for _ in range(int(sys.argv[2])):
    gc.collect()
    start = time.perf_counter()
    load_workbook(data)
    runs.append(time.perf_counter() - start)
print(json.dumps(runs))
"""


def export(ref: str, into: Path) -> Path:
    """The tree of `ref`, written into `into` with git archive."""
    archive = subprocess.run(["git", "archive", "--format=tar", ref], cwd=ROOT, capture_output=True, check=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def measure(tree: Path, workbook: Path, per_process: int) -> list[float]:
    done = subprocess.run([sys.executable, "-c", _TIMER, str(workbook), str(per_process)], cwd=tree,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compare_ref", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ref", help="git revision to compare against (a commit, a branch, HEAD~3)")
    parser.add_argument("--sizes", type=parse_sizes, default=[1_000, 10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=5, help="interpreters per tree and size (default 5)")
    parser.add_argument("--per-process", type=int, default=3, help="timed loads per interpreter (default 3)")
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default="document")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        before = export(args.ref, Path(tmp) / "before")
        trees = {"before": before, "after": ROOT}
        print(f"| actividades | antes ({args.ref[:10]}) s | después s | después / antes |")
        print("|---:|---:|---:|---:|")
        for size in args.sizes:
            workbook = Path(tmp) / f"poa_{size}.xlsx"
            workbook.write_bytes(LAYOUTS[args.layout](size))
            runs: dict[str, list[float]] = {"before": [], "after": []}
            for i in range(args.rounds):
                for name in (("before", "after") if i % 2 == 0 else ("after", "before")):
                    runs[name].extend(measure(trees[name], workbook, args.per_process))
            old, new = statistics.median(runs["before"]), statistics.median(runs["after"])
            print(f"| {size:,} | {old:.3f} | {new:.3f} | {new / old:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The README's two commands as make runs them (dry run: what would be executed, nothing installed)."""

from __future__ import annotations

import os
import re
import subprocess

from tests.browser_support import REPO_ROOT


def dry_run(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PORT", "SERVE_PORT")}  # the Makefile's defaults
    done = subprocess.run(["make", "-n", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=True, env=env)
    return done.stdout


def test_make_run_starts_streamlit_on_port_8501_or_the_given_port() -> None:
    assert re.search(r"streamlit run app\.py --server\.port 8501 ", dry_run("run"))  # the dashboard and its feed
    assert "--server.port 8600 " in dry_run("run", "PORT=8600")


def test_every_target_is_phony_so_a_folder_of_the_same_name_never_hides_it() -> None:
    # bench/ is a folder: without .PHONY, `make bench` would answer "is up to date" and run nothing.
    assert "bench.bench_loaders" in dry_run("bench")
    assert "deploy.serve --port 8080" in dry_run("serve")
    assert "bench.bench_phone" in dry_run("bench-phone")

"""Shared fixtures: the bundled plan loaded once, and generated workbooks written once per session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from charts.prepared import Prepared, prepare
from domain.plan import LoadResult
from loaders import load_workbook
from tests.factories import BUNDLED, plan_with_poa

TODAY = date(2026, 11, 25)  # a fixed "today" for charts that mark it


@pytest.fixture(scope="session")
def bundled_plan() -> LoadResult:
    """The bundled 2016 workbook, loaded once: tests read it, never mutate it."""
    return load_workbook(BUNDLED)


@pytest.fixture(scope="session")
def prepared(bundled_plan: LoadResult) -> Prepared:
    return prepare(bundled_plan, TODAY)


@pytest.fixture(scope="session")
def budget_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled plan's budget sheets only (no donations, staff or POA)."""
    path = tmp_path_factory.mktemp("wb") / "solo_presupuesto.xlsx"
    path.write_bytes(plan_with_poa(0, budget=False))
    return path


@pytest.fixture(scope="session")
def poa_1000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled plan with 1,000 generated activities, 3 of them undated."""
    path = tmp_path_factory.mktemp("wb") / "poa_1000.xlsx"
    path.write_bytes(plan_with_poa(1000, undated=3))
    return path


@pytest.fixture(scope="session")
def plan_1000(poa_1000: Path) -> LoadResult:
    return load_workbook(poa_1000)


@pytest.fixture(scope="session")
def section7_plan() -> LoadResult:
    """Section 7 of the plan pasted as text: title rows, three tables on one sheet, the one-cent gap."""
    from tests.builders import section7, workbook

    return load_workbook(workbook(("Presupuesto", section7)))

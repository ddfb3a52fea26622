"""Shared fixtures: the bundled plan loaded once, and generated workbooks written once per session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy
from playwright.sync_api import Browser, sync_playwright

from charts.prepared import Prepared, prepare
from domain.plan import LoadResult
from loaders import load_workbook
from settings import Settings
from store import Store
from tests import browser_support as bs
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


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser | None]:
    """One headless Chromium for every browser test (Playwright's sync API allows one instance per thread).
    None when /usr/bin/chromium is missing: the test itself then fails (FAILED, not ERROR or SKIPPED)."""
    if not bs.chromium_available():
        yield None
        return
    with sync_playwright() as playwright:
        browser = bs.launch_chromium(playwright)
        yield browser
        browser.close()


# ------------------------------------------------------------------ the version store, on SQLite and PostgreSQL

PG_REASON = ("PostgreSQL: PLAN_TEST_PG_URL no está definida; `eval \"$(.ci/postgres)\"` arranca un servidor "
             "en 127.0.0.1 (CI lo hace siempre)")


@pytest.fixture(autouse=True)
def dashboard_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test that runs the dashboard (AppTest, or a server it starts) gets a new database of its own,
    seeded on first use from PLAN_WORKBOOK or the bundled plan; var/plan.db is never touched."""
    url = f"sqlite:///{tmp_path / 'dashboard.db'}"
    monkeypatch.setenv("PLAN_DB_URL", url)
    return url


@contextmanager
def scratch_database(kind: str, folder: Path) -> Iterator[str]:
    """A new, empty database: an SQLite file in `folder`, or a schema of its own on the test PostgreSQL server.

    Locally the PostgreSQL runs skip when PLAN_TEST_PG_URL is unset; CI sets PLAN_TEST_REQUIRE_PG, and then
    a missing server fails instead of skipping.
    """
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'plan.db'}"
        return
    base = os.environ.get("PLAN_TEST_PG_URL")
    if not base:
        if os.environ.get("PLAN_TEST_REQUIRE_PG"):
            pytest.fail("PLAN_TEST_REQUIRE_PG está definida pero PLAN_TEST_PG_URL no")
        pytest.skip(PG_REASON)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(base)
    with admin.begin() as connection:
        connection.execute(sqlalchemy.text(f"CREATE SCHEMA {schema}"))
    yield f"{base}?options=-csearch_path%3D{schema}"
    with admin.begin() as connection:  # the test server's scratch schema, not a store: tests may drop it
        connection.execute(sqlalchemy.text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database on each of the store's engines (`scratch_database`)."""
    with scratch_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def db(db_url: str) -> Iterator[Store]:
    """A store at the latest revision, with the default settings."""
    store = Store(db_url, settings=Settings())
    store.migrate()
    yield store
    store.dispose()

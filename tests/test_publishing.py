"""Upload → check → what changes → publish, with real workbooks, on SQLite and PostgreSQL: refusals keep no
bytes and change nothing, a workbook with errors never publishes, a partial workbook keeps the tables it
lacks, a restore shows the old plan again, and the history's figures come from the stored reports."""

from __future__ import annotations

from decimal import Decimal

import pytest

import publishing
from domain.plan import LoadResult
from domain.summary import summarise
from loaders import load_workbook
from store import Store, versions
from store.records import REFUSED, SYSTEM, VALID, WITH_ERRORS, Upload
from store.versions import StoreError
from tests import hostile_files
from tests.builders import revised_budget
from tests.factories import BUNDLED, plan_with_error, plan_with_poa


def read(data: bytes, filename: str) -> LoadResult:
    return load_workbook(data, filename=filename)


def load(db: Store):
    def from_store(upload: Upload) -> LoadResult:
        return read(versions.content(db, upload.id), upload.filename)
    return from_store


@pytest.fixture
def seeded(db: Store) -> Store:
    publishing.seed(db, read, BUNDLED)
    return db


def published(db: Store) -> tuple:
    version = versions.published(db)
    return version, publishing.plan_of(db, version, load(db))


def test_the_first_run_publishes_the_bundled_workbook_as_version_1_by_sistema(seeded: Store) -> None:
    v1 = versions.published(seeded)
    assert (v1.number, v1.published_by, v1.origin) == (1, SYSTEM, "seed")
    assert set(v1.provenance) == {"ingresos", "egresos", "donaciones", "personal", "actividades"}
    assert publishing.seed(seeded, read, BUNDLED) is None  # a second start, or a second instance
    assert len(versions.history(seeded)) == 1


def test_a_valid_upload_is_kept_compared_and_publishable(seeded: Store) -> None:
    data = revised_budget()
    candidate = publishing.check(seeded, read, data, "revision julio.xlsx", "ana", published=published(seeded))
    assert candidate.publishable and candidate.refusal is None
    assert candidate.upload.status == VALID and versions.content(seeded, candidate.upload.id) == data
    kept = candidate.upload.report
    assert "tables" not in kept and kept["summary"]["ingresos_total"] == 7968489.38
    assert candidate.upload.tables == {"ingresos": 7, "egresos": 6, "donaciones": 3}
    changes = candidate.changes
    assert not changes.empty
    ingresos = changes.lines_table("ingresos")
    assert len(ingresos) == 1 and ingresos.iloc[0].tolist()[1:4] == ["Tasas y derechos", 2370715.0, 2470715.0]
    assert summarise(candidate.composed).actividades == 72  # the POA it lacks comes from version 1


def test_publishing_a_partial_workbook_keeps_the_tables_it_lacks(seeded: Store) -> None:
    candidate = publishing.check(seeded, read, revised_budget(), "revision.xlsx", "ana", published=published(seeded))
    v2 = publishing.publish(seeded, candidate, "ana", "  Revisión de julio  ")
    assert (v2.number, v2.note, v2.replaces) == (2, "Revisión de julio", 1)
    assert v2.provenance == {"ingresos": 2, "egresos": 2, "donaciones": 2, "personal": 1, "actividades": 1}
    _, plan = published(seeded)
    summary = summarise(plan)
    assert summary.ingresos_total == Decimal("7968489.38") and summary.egresos_total == Decimal("7968489.37")
    assert summary.actividades == 72 and summary.personal_total == 94
    assert plan.actividades_ilustrativas  # the flag follows the table it qualifies


def test_a_refused_file_is_recorded_without_bytes_and_changes_nothing(seeded: Store) -> None:
    before = versions.published(seeded)
    for name, data in (("bomba.xlsx", hostile_files.bomb_honest()), ("texto.xlsx", b"no soy un libro"),
                       ("grande.xlsx", hostile_files.too_large_21mb())):
        candidate = publishing.check(seeded, read, data, name, "ana", published=published(seeded))
        assert candidate.refusal is not None and not candidate.publishable, name
        assert candidate.upload.status == REFUSED and candidate.upload.reason == candidate.refusal.message
        with pytest.raises(StoreError):
            versions.content(seeded, candidate.upload.id)
        with pytest.raises(StoreError):
            publishing.publish(seeded, candidate, "ana")
    assert versions.published(seeded) == before


def test_a_workbook_with_errors_is_reported_and_never_published(seeded: Store) -> None:
    candidate = publishing.check(seeded, read, plan_with_error(), "con error.xlsx", "ana", published=published(seeded))
    assert not candidate.publishable and candidate.upload.status == WITH_ERRORS
    assert candidate.result.errors[0].place.cell == "B3"
    with pytest.raises(StoreError, match="errores"):
        publishing.publish(seeded, candidate, "ana")
    assert versions.published(seeded).number == 1


def test_restoring_shows_the_old_plan_again(seeded: Store) -> None:
    full = publishing.check(seeded, read, plan_with_poa(40), "poa.xlsx", "ana", published=published(seeded))
    publishing.publish(seeded, full, "ana")
    assert summarise(published(seeded)[1]).actividades == 40
    v3 = publishing.restore(seeded, 1, "luis", "volver")
    assert (v3.number, v3.restored_from) == (3, 1)
    assert summarise(published(seeded)[1]).actividades == 72


def test_the_history_gives_each_version_its_figures_from_the_stored_reports(seeded: Store) -> None:
    candidate = publishing.check(seeded, read, revised_budget(), "revision.xlsx", "ana", published=published(seeded))
    publishing.publish(seeded, candidate, "ana", "julio")
    publishing.restore(seeded, 1, "luis")
    rows = publishing.history(seeded)
    assert [(r.version.number, r.origin) for r in rows] == [(3, "Restauración de la versión 1"), (2, "Carga"),
                                                            (1, "Libro inicial")]
    assert [r.figures["Ingresos"] for r in rows] == [7868489.38, 7968489.38, 7868489.38]
    assert [r.figures["Actividades"] for r in rows] == [72, 72, 72]  # version 2 kept version 1's POA
    assert rows[1].filename == "revision.xlsx"

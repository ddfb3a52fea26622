"""The version store on SQLite and PostgreSQL: uploads, versions, publish, restore, partial workbooks,
concurrent publications, migrations, the audit trail, and that nothing is ever deleted."""

from __future__ import annotations

import hashlib
import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from settings import Settings
from store import Store, audit, versions
from store.models import Base
from store.records import REFUSED, RESTORE, SEED, VALID, WITH_ERRORS
from store.versions import StoreError

FULL = {"ingresos": 10, "egresos": 9, "donaciones": 3, "personal": 4, "actividades": 70, "totales_declarados": 5}
BUDGET = {"ingresos": 10, "egresos": 9, "totales_declarados": 2}


def upload(db: Store, body: bytes = b"libro", *, tables: dict[str, int] = FULL, status: str = VALID,
           name: str = "plan.xlsx", by: str = "ana") -> int:
    return versions.save_upload(db, body, name, by, status=status, report={"ok": status == VALID},
                                tables=tables).id


@contextmanager
def statements(db: Store) -> Iterator[list[str]]:
    """Every SQL statement the store sends while the block runs."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many) -> None:
        seen.append(statement)

    sqlalchemy.event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sqlalchemy.event.remove(db.engine, "before_cursor_execute", record)


def test_an_empty_database_upgrades_to_the_latest_revision(db_url: str) -> None:
    store = Store(db_url, settings=Settings())
    assert store.revision() is None
    store.migrate()
    assert store.revision() == "0002"
    store.migrate()  # on every start: a no-op when up to date
    assert store.revision() == "0002"
    store.dispose()


def test_a_database_at_the_first_revision_upgrades_and_keeps_its_versions(db_url: str) -> None:
    """A database that stopped at 0001 (written as 0001 wrote it, in its own SQL) upgrades with its data."""
    store = Store(db_url, settings=Settings())
    store.migrate("0001")
    assert store.revision() == "0001"
    with store.engine.begin() as connection:
        run = connection.execute
        run(sqlalchemy.text("INSERT INTO blobs (sha256, content) VALUES (:s, :c)"), {"s": "ab" * 32, "c": b"libro"})
        run(sqlalchemy.text(
            "INSERT INTO uploads (filename, size, sha256, blob_sha256, uploaded_by, uploaded_at, status, report, "
            "tables) VALUES ('plan.xlsx', 5, :s, :s, 'sistema', :t, 'valido', '{}', '{\"ingresos\": 10}')"),
            {"s": "ab" * 32, "t": "2016-03-12 16:15:00"})
        run(sqlalchemy.text(
            "INSERT INTO versions (upload_id, published_by, published_at, note, origin, provenance) "
            "VALUES (1, 'sistema', :t, '', 'seed', '{\"ingresos\": 1}')"), {"t": "2016-03-12 16:15:00"})
    store.migrate()
    assert store.revision() == "0002"
    kept = versions.published(store)
    assert (kept.number, kept.published_by, kept.provenance) == (1, "sistema", {"ingresos": 1})
    assert kept.published_at.year == 2016
    assert versions.content(store, 1) == b"libro"
    assert versions.publish(store, 1, "ana").number == 2  # the new tables work on the old data
    store.dispose()


def test_the_models_and_the_migrations_agree(db: Store) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []


def test_an_upload_keeps_its_bytes_name_hash_size_author_and_report(db: Store) -> None:
    body = b"PK\x03\x04 un libro"
    kept = versions.save_upload(db, body, "plan revisado.xlsx", "ana", status=WITH_ERRORS,
                                report={"ok": False, "counts": {"errors": 1}}, tables=BUDGET)
    again = versions.uploads(db, {kept.id})[kept.id]
    assert again == kept
    assert (again.filename, again.size, again.sha256) == ("plan revisado.xlsx", len(body),
                                                          hashlib.sha256(body).hexdigest())
    assert (again.uploaded_by, again.status, again.report["counts"]) == ("ana", WITH_ERRORS, {"errors": 1})
    assert again.uploaded_at.tzinfo is not None
    assert versions.content(db, kept.id) == body


def test_the_same_bytes_uploaded_twice_are_two_uploads_and_one_copy(db: Store) -> None:
    a, b = upload(db, b"igual"), upload(db, b"igual", name="copia.xlsx")
    assert a != b
    with db.engine.connect() as connection:
        assert connection.execute(sqlalchemy.text("SELECT count(*) FROM blobs")).scalar() == 1


def test_a_refused_file_is_recorded_without_its_bytes(db: Store) -> None:
    refused = versions.record_refusal(db, "bomba.xlsx", 123_456, "ab" * 32, "ana", "Es una bomba zip.")
    row = versions.uploads(db, {refused.id})[refused.id]
    assert (row.status, row.reason, row.size, row.uploaded_by) == (REFUSED, "Es una bomba zip.", 123_456, "ana")
    assert not row.kept
    with pytest.raises(StoreError):
        versions.content(db, refused.id)
    with pytest.raises(StoreError):
        versions.publish(db, refused.id, "ana")
    with db.engine.connect() as connection:
        assert connection.execute(sqlalchemy.text("SELECT count(*) FROM blobs")).scalar() == 0


def test_publishing_is_an_event_and_the_latest_is_published(db: Store) -> None:
    assert versions.published(db) is None
    v1 = versions.publish(db, upload(db, b"uno", by="sistema"), "sistema", origin=SEED)
    v2 = versions.publish(db, upload(db, b"dos"), "ana", "  revisión de marzo")
    assert (v1.number, v2.number) == (1, 2)
    assert versions.published(db) == v2
    assert (v2.published_by, v2.note, v2.origin, v2.replaces) == ("ana", "  revisión de marzo", "upload", 1)
    assert [v.number for v in versions.history(db)] == [2, 1]


def test_a_workbook_with_errors_is_never_published_but_the_seed_is(db: Store) -> None:
    broken = upload(db, b"roto", status=WITH_ERRORS)
    with pytest.raises(StoreError, match="errores"):
        versions.publish(db, broken, "ana")
    assert versions.published(db) is None
    assert versions.publish(db, broken, "sistema", origin=SEED).number == 1


def test_seeding_twice_publishes_once(db: Store) -> None:
    first = versions.publish(db, upload(db), "sistema", origin=SEED, only_if_empty=True)
    assert first is not None
    assert versions.publish(db, upload(db, b"otro"), "sistema", origin=SEED, only_if_empty=True) is None
    assert [v.number for v in versions.history(db)] == [1]


def test_a_partial_workbook_takes_the_missing_tables_from_the_version_it_replaces(db: Store) -> None:
    v1 = versions.publish(db, upload(db, b"completo"), "sistema", origin=SEED)
    v2 = versions.publish(db, upload(db, b"presupuesto", tables=BUDGET), "ana", "solo presupuesto")
    assert v2.provenance == {"ingresos": 2, "egresos": 2, "totales_declarados": 2, "donaciones": 1, "personal": 1,
                             "actividades": 1}
    v3 = versions.publish(db, upload(db, b"poa", tables={"actividades": 80}), "luis")
    assert v3.provenance["actividades"] == 3 and v3.provenance["ingresos"] == 2 and v3.provenance["personal"] == 1
    by_table = versions.sources(db, v3)
    assert by_table["actividades"] == v3 and by_table["ingresos"] == v2 and by_table["donaciones"] == v1


def test_restoring_publishes_the_old_content_again_as_a_new_version(db: Store) -> None:
    versions.publish(db, upload(db, b"uno"), "sistema", origin=SEED)
    v2 = versions.publish(db, upload(db, b"presupuesto", tables=BUDGET), "ana")
    v3 = versions.restore(db, 1, "luis", "volver al plan aprobado")
    assert (v3.number, v3.origin, v3.restored_from, v3.replaces, v3.note) == (3, RESTORE, 1, 2,
                                                                              "volver al plan aprobado")
    assert v3.upload_id == versions.version(db, 1).upload_id
    assert v3.provenance == versions.version(db, 1).provenance
    assert versions.published(db) == v3
    assert versions.version(db, 2) == v2  # the restored-over version is still there
    with pytest.raises(StoreError, match="No existe la versión 9"):
        versions.restore(db, 9, "luis")


def test_two_editors_publishing_at_the_same_moment_both_get_a_version_in_a_clear_order(db: Store) -> None:
    """Eight threads publish at once, half of them partial: every publication is kept, numbered in the order
    it happened, and each composes over the one really published before it."""
    versions.publish(db, upload(db, b"base"), "sistema", origin=SEED)
    ids = [upload(db, f"libro {i}".encode(), tables=BUDGET if i % 2 else {"actividades": i}) for i in range(8)]
    start, errors = threading.Barrier(8), []

    def go(upload_id: int) -> None:
        try:
            start.wait()
            versions.publish(db, upload_id, f"editor {upload_id}")
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=go, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    chain = list(reversed(versions.history(db)))
    assert [v.number for v in chain] == list(range(1, 10))
    assert sorted(v.upload_id for v in chain[1:]) == ids
    for before, after in itertools.pairwise(chain):
        assert after.replaces == before.number
        tables = versions.uploads(db, {after.upload_id})[after.upload_id].tables
        expected = {**before.provenance, **dict.fromkeys(tables, after.number)}
        assert after.provenance == expected


def test_every_action_goes_to_the_audit_trail(db: Store) -> None:
    u = upload(db)
    versions.record_refusal(db, "x.xlsx", 1, "00" * 32, "ana", "no es un libro")
    versions.publish(db, u, "ana", "nota")
    versions.restore(db, 1, "luis")
    actions = [(e.actor, e.action) for e in reversed(audit.entries(db))]
    assert actions == [("ana", audit.UPLOAD), ("ana", audit.REFUSAL), ("ana", audit.PUBLISH),
                       ("luis", audit.RESTORE)]
    published = audit.entries(db, action=audit.PUBLISH)[0]
    assert published.detail == {"version": 1, "upload": u, "origin": "upload", "note": "nota"}


def test_nothing_is_ever_deleted_or_overwritten(db: Store) -> None:
    """A whole working life of the store sends no DELETE, DROP or TRUNCATE, and rewrites no version."""
    with statements(db) as sent:
        v1 = versions.publish(db, upload(db), "sistema", origin=SEED)
        versions.record_refusal(db, "x.xlsx", 1, "00" * 32, "ana", "no es un libro")
        versions.publish(db, upload(db, b"dos", tables=BUDGET), "ana")
        versions.restore(db, 1, "ana")
        versions.history(db)
    words = {s.split()[0].upper() for s in sent}
    assert words <= {"SELECT", "INSERT", "UPDATE"}
    updates = [s for s in sent if s.upper().startswith("UPDATE")]
    assert all(s.split()[1].strip('"') in {"publish_lock", "versions"} for s in updates)
    assert versions.version(db, 1) == v1  # the provenance written at publication is the only update of a version


def test_the_published_version_is_one_indexed_query(db: Store) -> None:
    for i in range(5):
        versions.publish(db, upload(db, f"{i}".encode()), "ana", origin=SEED)
    with statements(db) as sent:
        assert versions.published(db).number == 5
    assert len(sent) == 1
    assert "ORDER BY versions.id DESC" in sent[0] and "LIMIT" in sent[0]

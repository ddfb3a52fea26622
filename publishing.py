"""Upload → check → what changes → publish: the one place that joins the loaders, the domain and the store.

Pages on /cargar and /historial call these functions; the store never sees a loader, and the loaders never
see the store. Reading a workbook goes through a `Reader` (the isolated worker pool in the app, the plain
loader in some tests): anything a hostile file does stays in the reader.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from domain.compose import compose
from domain.diff import PlanDiff, diff
from domain.issues import Issue
from domain.plan import LoadResult
from domain.schema import EXPECTED_TABLES
from loaders.guard import UnreadableWorkbook, too_large
from loaders.report import to_json
from store import versions
from store.db import Store
from store.records import RESTORE, SEED, SYSTEM, UPLOAD, VALID, WITH_ERRORS, Upload, Version

Reader = Callable[[bytes, str], LoadResult]  # raises UnreadableWorkbook


@dataclass(frozen=True, eq=False)
class Candidate:
    """An upload checked against the published version: its report, what it would change, whether it may go."""

    upload: Upload  # what the store kept: name, size, sha256, status (a refused one without bytes)
    result: LoadResult | None  # None when the file was refused
    refusal: Issue | None
    composed: LoadResult | None  # the plan everyone would see: the upload over the published version
    changes: PlanDiff | None  # against the published version (None when nothing is published yet)

    @property
    def filename(self) -> str:
        return self.upload.filename

    @property
    def publishable(self) -> bool:
        return self.result is not None and self.result.ok


def report(result: LoadResult) -> dict[str, Any]:
    """The loaders' JSON as the store keeps it: every issue and the summary, not the table rows."""
    return to_json(result, rows=False)


def present_tables(result: LoadResult) -> dict[str, int]:
    """The plan's tables a workbook holds, with their rows: what a version takes from its upload (the stated
    totals follow the tables they state, domain.compose)."""
    return {name: len(result.tables[name]) for name in EXPECTED_TABLES if name in result.tables}


def _keep(store: Store, data: bytes, filename: str, by: str, result: LoadResult) -> Upload:
    """Keep a workbook that was read: its bytes, its status and report, and the tables it holds."""
    return versions.save_upload(store, data, filename, by, status=VALID if result.ok else WITH_ERRORS,
                                report=report(result), tables=present_tables(result))


def check(store: Store, read: Reader, data: bytes, filename: str, by: str, *,
          published: tuple[Version, LoadResult] | None) -> Candidate:
    """Read an upload in isolation, keep it (or its refusal) in the store, and compare it with `published`."""
    try:
        if error := too_large(len(data), store.settings):
            raise error
        result = read(data, filename)
    except UnreadableWorkbook as error:
        sha256 = hashlib.sha256(data).hexdigest()
        upload = versions.record_refusal(store, filename, len(data), sha256, by, error.issue.message)
        return Candidate(upload, None, error.issue, None, None)
    upload = _keep(store, data, filename, by, result)
    if published is None:
        return Candidate(upload, result, None, result, None)
    version, base = published
    composed, _ = compose(result, base, 0, version.provenance)
    return Candidate(upload, result, None, composed, diff(base, composed))


def publish(store: Store, candidate: Candidate, by: str, note: str = "") -> Version:
    """Publish a checked upload (the store refuses one with errors)."""
    return versions.publish(store, candidate.upload.id, by, note.strip())


def restore(store: Store, number: int, by: str, note: str = "") -> Version:
    return versions.restore(store, number, by, note.strip())


def seed(store: Store, read: Reader, path: Path) -> Version | None:
    """On a new database, publish the server's workbook as version 1, by «sistema». Several instances starting
    at once seed once: the others find a version already there."""
    if versions.published(store) is not None:
        return None
    data = path.read_bytes()
    upload = _keep(store, data, path.name, SYSTEM, read(data, path.name))
    return versions.publish(store, upload.id, SYSTEM, "Libro inicial del servidor.", origin=SEED,
                            only_if_empty=True)


# Each figure of the history comes from the upload that supplied its table.
HISTORY_FIGURES = (("ingresos", "ingresos_total", "Ingresos", "money"),
                   ("egresos", "egresos_total", "Egresos", "money"),
                   ("donaciones", "donaciones_total", "Donaciones", "money"),
                   ("personal", "personal_total", "Plazas", "int"),
                   ("actividades", "actividades", "Actividades", "int"))
ORIGINS = {SEED: "Libro inicial", UPLOAD: "Carga", RESTORE: "Restauración"}


@dataclass(frozen=True)
class HistoryRow:
    version: Version
    filename: str
    figures: dict[str, float | int | None]  # label -> figure (None when the version has no such table)

    @property
    def origin(self) -> str:
        v = self.version
        return f"Restauración de la versión {v.restored_from}" if v.origin == RESTORE else ORIGINS[v.origin]


def history(store: Store) -> list[HistoryRow]:
    """Every version, the latest first, with its figures read from the stored reports (no workbook is parsed)."""
    rows = versions.history(store)
    by_number = {v.number: v for v in rows}
    uploads = versions.uploads(store, {v.upload_id for v in rows})
    out = []
    for v in rows:
        figures: dict[str, float | int | None] = {}
        for table, key, label, _ in HISTORY_FIGURES:
            source = v.provenance.get(table)
            summary = uploads[by_number[source].upload_id].report.get("summary", {}) if source else {}
            figures[label] = summary.get(key)
        out.append(HistoryRow(v, uploads[v.upload_id].filename, figures))
    return out


def content(store: Store, upload_id: int) -> bytes:
    """A kept upload's bytes, exactly as handed in (the published workbook's download)."""
    return versions.content(store, upload_id)


def plan_of(store: Store, version: Version, load: Callable[[Upload], LoadResult]) -> LoadResult:
    """The plan a version shows: its own upload, completed table by table from the uploads that supplied the
    tables it lacks (`load` reads an upload, cached by content).

    A table's source is the latest version in the chain whose upload had it, so taking the sources from the
    newest down completes each missing table from the right one.
    """
    by_table = versions.sources(store, version)
    donors = {v.number: v for v in by_table.values() if v.number != version.number}
    uploads = versions.uploads(store, {v.upload_id for v in donors.values()} | {version.upload_id})
    plan = load(uploads[version.upload_id])
    for number in sorted(donors, reverse=True):
        plan, _ = compose(plan, load(uploads[donors[number].upload_id]), version.number, None, base_id=number)
    return plan

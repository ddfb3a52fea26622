"""The plan everyone sees: the published version of the store, asked on every rerun, read once per version.

Each rerun asks the database which version is published (one indexed query), so a publication on any
instance reaches every session at its next interaction. What a version shows never changes, so its parsed
plan is cached by (database, version number), never by time; each upload is read once per content.
`?version=N` in the address shows an older version, read-only, under a banner.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import streamlit as st

import publishing
from charts.prepared import Prepared, prepare
from domain.diff import PlanDiff, diff
from domain.fmt import fecha
from domain.plan import LoadResult
from domain.schema import EXPECTED_TABLES, TABLE_LABELS
from domain.summary import Summary
from loaders import UnreadableWorkbook
from loaders.guard import too_large
from loaders.isolation import IsolatedReader
from settings import get_settings
from store import Store, Upload, Version, configured_url, versions
from ui import text
from ui.issues import show_missing, show_unreadable

BUNDLED = Path(__file__).parents[1] / "data" / "plan_accion_2016.xlsx"
TZ = ZoneInfo("America/El_Salvador")
VERSION_PARAM = "version"


def on_host(base: str | None, path: str, query: str = "") -> str:
    """`path?query` on the dashboard's host as the reader's browser reaches it (`base`: st.context.url, which
    proxies do not change); the bare path where no browser says (AppTest)."""
    parts = urlsplit(base or "")
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def today() -> date:
    return datetime.now(TZ).date()


def local(moment: datetime) -> datetime:
    return moment.astimezone(TZ)


def when(moment: datetime) -> str:
    """'12/03/2016 a las 10:15', in El Salvador's time."""
    moment = local(moment)
    return f"{fecha(moment.date())} a las {moment:%H:%M}"


@dataclass(frozen=True, eq=False)
class Shown:
    """A version of the plan, what was derived from it, and where each of its tables came from."""

    prepared: Prepared
    version: Version
    filename: str
    sources: dict[str, Version]  # table -> the version whose upload supplied it
    key: str  # (database, version): what caches of derived work are keyed on
    current: bool = True  # whether it is the published version (False for ?version=N of an older one)

    @property
    def plan(self) -> LoadResult:
        return self.prepared.plan

    @property
    def summary(self) -> Summary:
        return self.prepared.summary

    @property
    def number(self) -> int:
        return self.version.number

    def sentence(self) -> str:
        v = self.version
        return (f"Se muestra la versión {v.number}, publicada por {v.published_by} el {when(v.published_at)} "
                f"(libro «{self.filename}»).")

    def kept(self, present: dict[str, int]) -> list[str]:
        """For a partial upload over this version: which tables it lacks and which version they are kept from."""
        return [f"{TABLE_LABELS[table]}: el libro no la trae; se conserva la de {_of(source)}."
                for table, source in self.sources.items() if table not in present and table in EXPECTED_TABLES]

    def borrowed(self) -> list[str]:
        """One line per table that came from an earlier version: 'Actividades: de la versión 3 del 12/03/2016'."""
        return [f"{TABLE_LABELS[table]}: de {_of(source)}."
                for table, source in self.sources.items() if source.number != self.number]


def _of(source: Version) -> str:
    """'la versión 3 del 12/03/2016'."""
    return f"la versión {source.number} del {fecha(published_on(source))}"


@st.cache_resource(show_spinner=False)  # once per server; never «Running _reader()» in English
def _reader() -> IsolatedReader:
    """The server's workbook readers: worker processes with a memory and a time limit (loaders/isolation.py)."""
    return IsolatedReader()


def read(data: bytes, filename: str) -> LoadResult:
    """Read untrusted bytes in an isolated worker (publishing.Reader)."""
    return _reader().load(data, filename=filename)


@st.cache_resource(show_spinner=False)
def _open(url: str) -> Store:
    """One engine per database per server process, its schema brought to the latest revision on start."""
    store = Store(url)
    store.migrate()
    return store


def store() -> Store:
    return _open(configured_url(get_settings()))


@st.cache_resource(show_spinner="Leyendo el libro…", max_entries=16)
def _parse(sha256: str, filename: str, _data: Callable[[], bytes]) -> LoadResult:
    """A workbook's plan, read once per content and name (the underscore keeps Streamlit from hashing bytes)."""
    return read(_data(), filename)


def read_once(data: bytes, filename: str) -> LoadResult:
    """`read`, cached by content: the seed and the version it becomes share one read."""
    return _parse(hashlib.sha256(data).hexdigest(), filename, lambda: data)


def _load(upload: Upload) -> LoadResult:
    return _parse(upload.sha256, upload.filename, lambda: versions.content(store(), upload.id))


@st.cache_resource(show_spinner="Preparando la versión…", max_entries=8)
def _version(url: str, number: int, _store: Store) -> Shown:
    version = versions.version(_store, number)
    plan = publishing.plan_of(_store, version, _load)
    upload = versions.uploads(_store, {version.upload_id})[version.upload_id]
    return Shown(prepared=prepare(plan, today()), version=version, filename=upload.filename,
                 sources=versions.sources(_store, version), key=f"{url}#{number}")


def version(number: int) -> Shown:
    """A stored version (the caller knows it exists), from the cache when already read."""
    db = store()
    return _version(db.url, number, db)


@st.cache_resource(show_spinner="Comparando…", max_entries=16)
def _compare(url: str, old: int, new: int, _store: Store) -> PlanDiff:
    return diff(_version(url, old, _store).plan, _version(url, new, _store).plan)


def compare(old: int, new: int) -> PlanDiff:
    """«¿Qué cambia?» from version `old` to version `new` (both immutable, so cached by their numbers)."""
    db = store()
    return _compare(db.url, old, new, db)


def _seed(db: Store) -> bool:
    """A new database publishes the server's workbook as version 1; False (and the page says why) if it can't."""
    settings = get_settings()
    path = Path(settings.workbook) if settings.workbook else BUNDLED
    try:
        if error := too_large(path.stat().st_size, settings):
            raise error  # never read whole
        publishing.seed(db, read_once, path)
        return True
    except OSError:
        show_missing(path.name)
    except UnreadableWorkbook as error:
        show_unreadable(error, path.name)
    return False


def requested_version() -> int | None:
    raw = st.query_params.get(VERSION_PARAM)
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else None


def active(*, requested: bool = True) -> Shown | None:
    """The version this page shows: the published one, or `?version=N` (unless `requested` is False: /cargar
    always compares with what everyone sees). None when there is nothing to show."""
    db = store()
    current = versions.published(db)
    if current is None:
        if not _seed(db):
            return None
        current = versions.published(db)
    number = (requested_version() if requested else None) or current.number
    if number != current.number and versions.version(db, number) is None:
        text.alert("warning", f"No existe la versión {number}: se muestra la publicada.")
        number = current.number
    shown = _version(db.url, number, db)
    return shown if number == current.number else replace(shown, current=False)


def published_on(version: Version) -> date:
    """The day a version was published, in El Salvador."""
    return local(version.published_at).date()


def version_line(shown: Shown) -> str:
    """'Versión 3 del plan, publicada el 12/03/2016': what a slide, an image or a file says it shows."""
    return f"Versión {shown.version.number} del plan, publicada el {fecha(published_on(shown.version))}"

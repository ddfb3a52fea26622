"""The workbook everyone sees: PLAN_WORKBOOK when set, else the bundled 2016 plan; read once per content.

The cache holds shared objects (st.cache_resource) that nobody mutates: a rerun copies nothing. It is keyed
on the workbook's sha256, so a changed file is read again and an unchanged one never is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import streamlit as st

from charts.prepared import Prepared, prepare
from domain.fmt import fecha
from domain.plan import LoadResult
from domain.summary import Summary
from loaders import UnreadableWorkbook
from loaders.guard import too_large
from loaders.isolation import IsolatedReader
from settings import get_settings
from ui.issues import show_missing, show_unreadable

BUNDLED = Path(__file__).parents[1] / "data" / "plan_accion_2016.xlsx"
TZ = ZoneInfo("America/El_Salvador")


def today() -> date:
    return datetime.now(TZ).date()


@dataclass(frozen=True, eq=False)
class Shown:
    """The workbook everyone sees, what was derived from it, where it came from and when it was read."""

    prepared: Prepared
    name: str
    sha256: str
    loaded_at: datetime
    bundled: bool

    @property
    def plan(self) -> LoadResult:
        return self.prepared.plan

    @property
    def summary(self) -> Summary:
        return self.prepared.summary

    @property
    def version(self) -> str:
        return self.sha256[:8]

    def sentence(self) -> str:
        origin = "el libro incluido en el proyecto" if self.bundled else "el libro configurado en el servidor"
        return (f"Se muestra «{self.name}» ({origin}, versión {self.version}), leído el "
                f"{fecha(self.loaded_at.date())} a las {self.loaded_at:%H:%M}.")


@st.cache_resource
def _reader() -> IsolatedReader:
    """The server's workbook readers: worker processes with a memory and a time limit (loaders/isolation.py)."""
    return IsolatedReader()


@st.cache_resource(show_spinner="Leyendo el libro…", max_entries=8)
def _load_cached(sha256: str, _data: bytes, filename: str, bundled: bool) -> Shown:
    """Keyed on the workbook's sha256 (the underscore keeps Streamlit from hashing the bytes)."""
    plan = _reader().load(_data, filename=filename)
    return Shown(prepared=prepare(plan, today()), name=filename, sha256=sha256, loaded_at=datetime.now(TZ),
                 bundled=bundled)


@st.cache_resource(max_entries=8)
def _read(path: str, mtime_ns: int, size: int) -> tuple[str, bytes]:
    """A file's bytes and sha256, read again only when its modification time or size changes."""
    data = Path(path).read_bytes()
    return hashlib.sha256(data).hexdigest(), data


def active() -> Shown | None:
    """The workbook shown to everyone. None when it cannot be read at all; the page then says so and stops."""
    settings = get_settings()
    path = Path(settings.workbook) if settings.workbook else BUNDLED
    try:
        stat = path.stat()
        if error := too_large(stat.st_size, settings):
            raise error  # never read whole, never cached
        sha256, data = _read(str(path), stat.st_mtime_ns, stat.st_size)
        return _load_cached(sha256, data, path.name, path.resolve() == BUNDLED.resolve())
    except OSError:
        show_missing(path.name)
    except UnreadableWorkbook as error:
        show_unreadable(error, path.name)
    return None

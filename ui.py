"""The one shared Streamlit module: cached loading, number formatting, issue rendering.

Pages import this; loaders/ never import streamlit. Caches are keyed on the workbook's sha256.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import streamlit as st

from loaders import Issue, LoadResult, UnreadableWorkbook, checks, load_workbook
from loaders.report import summary

BUNDLED = Path(__file__).parent / "data" / "plan_accion_2016.xlsx"


def money(value: float | Decimal | None) -> str:
    """$7,868,489.38 (El Salvador); a dash when there is no figure."""
    return "—" if value is None else checks.money(value)


def fecha(value: date | None) -> str:
    """31/12/2016."""
    return "—" if value is None else f"{value:%d/%m/%Y}"


def percent(value: float) -> str:
    return f"{value:,.1f} %"


@st.cache_data(show_spinner="Leyendo el libro…", max_entries=8)
def _load_cached(sha256: str, _data: bytes, filename: str) -> LoadResult:
    """Keyed on the workbook's sha256 (and name): the leading underscore keeps Streamlit from hashing the bytes."""
    return load_workbook(_data, filename=filename)


def load_bytes(data: bytes, filename: str) -> LoadResult:
    return _load_cached(hashlib.sha256(data).hexdigest(), data, filename)


def active_plan() -> tuple[LoadResult, str]:
    """The workbook shown to everyone: for now the bundled 2016 plan."""
    return load_bytes(BUNDLED.read_bytes(), BUNDLED.name), BUNDLED.name


def show_issue(issue: Issue) -> None:
    place = issue.place()
    text = f"**{place}:** {issue.message}" if place else issue.message
    (st.error if issue.severity == "error" else st.warning)(text)


def show_unreadable(error: UnreadableWorkbook) -> None:
    st.error(f"No se puede leer el archivo: {error.issue.message}")


__all__ = ["active_plan", "fecha", "load_bytes", "money", "percent", "show_issue", "show_unreadable", "summary"]

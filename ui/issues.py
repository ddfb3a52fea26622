"""How problems are shown: one banner for a workbook with errors, the review table, an unreadable file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from charts import headlines
from charts.views import problems
from domain.fmt import MISSING
from domain.plan import LoadResult
from domain.schema import PROBLEMAS
from loaders import UnreadableWorkbook
from ui import text

if TYPE_CHECKING:
    from ui.source import Shown

REVIEW_PAGE = "app_pages/revision.py"


def show_unreadable(error: UnreadableWorkbook, name: str) -> None:
    text.alert("error", f"No se puede leer el libro «{name}»: {error.issue.message}")


def show_missing(name: str) -> None:
    """The configured workbook is not there: say so without the server's path, and whom to tell."""
    text.alert("error", f"No se encuentra el libro «{name}» que el servidor tiene configurado. Avise a quien "
               "administra el tablero (variable PLAN_WORKBOOK).")


def workbook_banner(shown: Shown, *, link: bool = True) -> None:
    """At the top of every page: the workbook shown has errors, and where to read them."""
    errors = shown.plan.error_count
    if errors:
        text.alert("error", headlines.workbook_errors(errors), icon=":material/error:")
        if link:
            st.page_link(REVIEW_PAGE, label="Ver la revisión del libro", icon=":material/fact_check:")


def review_table(plan: LoadResult) -> None:
    """Every listed problem, one per row; the message column is wide and wraps over three lines."""
    frame = problems(plan)
    config = {c.name: st.column_config.TextColumn(c.label, width="large" if c.name == "mensaje" else None)
              for c in PROBLEMAS.columns if c.kind == "text"}
    config["fila"] = st.column_config.NumberColumn("Fila", format="%d")
    st.dataframe(frame, hide_index=True, column_config=config, row_height=72, placeholder=MISSING,
                 height=min(38 + 72 * len(frame), 640))

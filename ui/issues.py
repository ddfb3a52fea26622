"""How problems are shown: one banner for a workbook with errors, the review table, an unreadable file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from charts import headlines
from charts.views import problems
from domain.schema import PROBLEMAS
from loaders import UnreadableWorkbook

if TYPE_CHECKING:
    from ui.source import Shown

REVIEW_PAGE = "app_pages/revision.py"


def show_unreadable(error: UnreadableWorkbook, name: str) -> None:
    st.error(f"No se puede leer el libro «{name}»: {error.issue.message}")


def workbook_banner(shown: Shown) -> None:
    """At the top of every page: the workbook shown has errors, and where to read them."""
    errors = shown.plan.error_count
    if errors:
        st.error(headlines.workbook_errors(errors), icon=":material/error:")
        st.page_link(REVIEW_PAGE, label="Ver la revisión del libro", icon=":material/fact_check:")


def review_table(shown: Shown) -> None:
    from ui.render import table

    table(problems(shown.plan), PROBLEMAS, height=420)

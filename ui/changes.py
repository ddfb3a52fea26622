"""«¿Qué cambia?»: one view of a PlanDiff, for an upload against the published version and for two versions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.diff import LINE_VIEWS, PlanDiff
from domain.fmt import MISSING, count
from domain.schema import CAMBIOS_ACTIVIDADES, CAMBIOS_PERSONAL, CAMBIOS_TOTALES, Table
from ui import text
from ui.render import column_config

LINE_TABLES = (("ingresos", "Ingresos"), ("egresos", "Egresos"), ("donaciones", "Donaciones"))  # the order shown


def _frame(frame: pd.DataFrame, view: Table, key: str) -> None:
    """A diff table headed by its view's labels: numbers stay numbers (so they sort), each in its declared format."""
    config = {c.label: column_config(c) for c in view.columns}
    st.dataframe(frame, hide_index=True, column_config=config, key=key, placeholder=MISSING)


def show(changes: PlanDiff, *, key: str) -> None:
    """The sentence, then totals, lines, staff and activities, each only when it has something to say."""
    text.markdown(changes.sentence(), bold=True)
    if changes.empty:
        return
    st.markdown("**Totales antes y después**")
    _frame(changes.totals_table(), CAMBIOS_TOTALES, f"{key}_totales")
    for kind, label in LINE_TABLES:
        lines = changes.lines_table(kind)
        if len(lines):
            with text.expander(f"{label}: {count(len(lines), 'línea cambia', 'líneas cambian')}",
                               expanded=len(lines) <= 10):
                _frame(lines, LINE_VIEWS[kind], f"{key}_{kind}")
    if changes.staff.changed:
        with text.expander("Personal por nivel, antes y después", expanded=True):
            _frame(changes.staff_table(), CAMBIOS_PERSONAL, f"{key}_personal")
    activities = changes.activities_table()
    if len(activities):
        with text.expander(f"Actividades: {count(len(activities), 'cambio', 'cambios')}",
                           expanded=len(activities) <= 10):
            _frame(activities, CAMBIOS_ACTIVIDADES, f"{key}_actividades")

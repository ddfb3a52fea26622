"""Personal: staff by tier, as headcount and share, each against its target range."""

import streamlit as st

import ui
from charts import blocks
from domain.fmt import count

shown = ui.require(ui.active(), "personal", what="la página de personal")
ui.page_header("Personal", shown, lead="Las plazas de la oficina por nivel organizativo y el rango meta de cada "
               "nivel (sección 5 del plan).")
ui.notes(shown, staff=True)

ui.text.metric("Plazas en total", count(shown.summary.personal_total or 0, "plaza", "plazas"))
ui.render(ui.memo(blocks.staff, shown), shown)

st.subheader("Por unidad")
units = ui.memo(blocks.staff_units, shown)
ui.render(units, shown)
if len(units.table):
    ui.table(units.table, units.schema)
    ui.downloads(units.table, units.schema, shown, key=units.key)

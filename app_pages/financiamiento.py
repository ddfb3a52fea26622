"""Financiamiento: own funds vs donations, each donor's share and end date, and the fund cliff."""

import streamlit as st

import ui
from charts import blocks, headlines
from charts.views import donor_groups

shown = ui.require(ui.active(), "donaciones", what="la página de financiamiento")
ui.page_header("Financiamiento", shown,
               lead="Cuánto del presupuesto ponen los fondos propios de OPAMSS y cuánto los donantes, y hasta "
               "cuándo hay fondos de cada donante.")

ui.render(ui.memo(blocks.funding, shown), shown)
if note := headlines.own_funds_note(shown.summary.fondos_propios):
    ui.text.caption(note)
ui.render(ui.memo(blocks.donor_ends, shown, ui.today()), shown)

st.subheader("Actividades financiadas por cada donante")
actividades = shown.plan.tables.get("actividades")
if actividades is None or actividades.empty:
    st.info("El libro no trae actividades (POA): no se puede saber qué actividades financia cada donante.")
    st.stop()
cliff = ui.memo(blocks.fund_cliff, shown)
ui.render(cliff, shown)
if shown.plan.actividades_ilustrativas:
    st.caption("Las actividades del POA son ilustrativas (el plan no trae filas de POA); las fechas y montos "
               "de los donantes sí son del plan.")
for number, group in enumerate(donor_groups(cliff.table), start=1):
    with ui.text.expander(group.title, expanded=bool(group.late)):
        ui.paged_table(group.table, cliff.schema, shown, key=f"financiamiento_donante_{number}",
                       columns=["actividad", "estado", "area", "tiempo", "inicio", "fin"])

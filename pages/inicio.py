"""Inicio: the plan at a glance (placeholder until the dashboard pages land)."""

import streamlit as st

import ui

plan, name = ui.active_plan()
s = ui.summary(plan)
st.title(plan.titulo or "Plan de Acción")
st.caption(f"Libro mostrado: {name} (incluido en el proyecto) · año {plan.anio or 'no indicado'}.")

cols = st.columns(4)
cols[0].metric("Presupuesto (ingresos)", ui.money(s["ingresos_total"]))
cols[1].metric("Fondos propios OPAMSS", ui.money(s["fondos_propios"]))
cols[2].metric("Donaciones", ui.money(s["donaciones_total"]))
cols[3].metric("Personal", f"{s['personal_total'] or 0} plazas")
st.metric("Actividades del POA", f"{s['actividades']} en {s['areas']} áreas")
if plan.actividades_ilustrativas:
    st.info(plan.notas.get("nota poa") or "Las actividades del POA son **ilustrativas**: el texto del plan no "
            "trae filas de POA.")
if plan.personal_derivado:
    st.info(plan.notas.get("nota personal") or "Las plazas por nivel se **derivan** de los porcentajes del plan.")

st.subheader("Revisión del libro")
if not plan.errors and not plan.warnings:
    st.success("El libro no tiene errores ni advertencias.")
for issue in plan.errors + plan.warnings:
    ui.show_issue(issue)

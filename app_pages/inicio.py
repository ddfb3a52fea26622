"""Inicio: the plan at a glance; every figure links to the page that explains it."""

import streamlit as st

import ui
from charts import blocks, headlines
from domain.fmt import count, fecha, percent
from domain.money import share
from ui.chrome import CHART_PARAM

shown = ui.require(ui.active())
plan, s = shown.plan, shown.summary
ui.page_header(plan.titulo or "Plan de Acción", shown,
               lead="El plan anual de COAMSS/OPAMSS en una página: presupuesto, financiamiento, personal y "
               "actividades.")


def card(column, label: str, value: str, detail: str, page: str, link: str, chart: str) -> None:
    """A figure, its sentence, and a link to the chart it summarises (ui/chrome.py brings that chart into view)."""
    with column.container(border=True):
        ui.text.metric(label, value)
        ui.text.caption(detail)
        ui.text.page_link(page, link, icon=":material/arrow_forward:", query_params={CHART_PARAM: chart})


def of_budget(amount) -> str:
    return f"{percent(share(amount, s.presupuesto))} del presupuesto"


own = s.fondos_propios
figures = headlines.key_figures(s, plan.anio)  # (label, value), shared with the presentation's first slide
row1 = st.columns(3)
card(row1[0], *figures[0],
     headlines.budget_flow(s.ingresos_total, s.egresos_total, len(plan.tables.get("egresos", [])))
     if s.ingresos_total is not None else "El libro no trae ingresos.",
     "app_pages/presupuesto.py", "Ver presupuesto", "presupuesto_flujo")
card(row1[1], *figures[1],
     (f"{of_budget(own.amount)}." + (" " + headlines.own_funds_note(own) if own.derived else ""))
     if own is not None and s.presupuesto else "Sin dato de fondos propios.",
     "app_pages/financiamiento.py", "Ver financiamiento", "financiamiento_reparto")
card(row1[2], *figures[2],
     f"{of_budget(s.donaciones_total)}, {count(s.donantes, 'donante', 'donantes')}"
     if s.presupuesto and s.donaciones_total is not None else "El libro no trae donaciones.",
     "app_pages/financiamiento.py", "Ver donantes", "financiamiento_reparto")

row2 = st.columns(3)
card(row2[0], *figures[3],
     headlines.ending(s),
     "app_pages/financiamiento.py", "Ver fechas de fin", "financiamiento_fechas")
staff = ui.memo(blocks.staff, shown)
card(row2[1], *figures[4],
     (staff.headline + (" Plazas derivadas de los porcentajes del plan." if plan.personal_derivado else ""))
     if s.personal_total else "El libro no trae personal.", "app_pages/personal.py", "Ver personal", "personal_rangos")
card(row2[2], *figures[5],
     f"En {count(s.areas, 'área', 'áreas')}." + (" Ilustrativas: el plan no trae filas de POA."
                                                 if plan.actividades_ilustrativas else "")
     if s.actividades else "El libro no trae actividades.", "app_pages/actividades.py", "Ver actividades",
     "actividades_gantt")

if s.has_execution:  # a follow-up: one card for the execution, on the side that has it (expenses first)
    side = "Egresos" if s.ejecucion_egresos is not None else "Ingresos"
    done = s.ejecucion_egresos or s.ejecucion_ingresos
    execution = ui.memo(blocks.budget_execution, shown, side)
    card(st.columns(3)[0], "Ejecución" + (f" al {fecha(s.fecha_corte)}" if s.fecha_corte else ""),
         percent(done.rate) if done is not None else "—", execution.headline, "app_pages/presupuesto.py",
         "Ver la ejecución", execution.key)

if own is not None or s.donaciones_total is not None:
    ui.render(ui.memo(blocks.funding, shown), shown)

st.subheader("¿Cuadran los totales?")
ui.text.markdown(headlines.reconciliation(s.checks), bold=True)
for check in s.checks:
    if check.balanced is None:
        continue
    line = headlines.reconciliation_line(check)
    if check.balanced:
        ui.text.alert("success", line, icon=":material/check_circle:")
    else:
        ui.text.alert("warning", line, icon=":material/error:")
st.page_link("app_pages/presupuesto.py", label="Ver el detalle en Presupuesto", icon=":material/arrow_forward:")

st.subheader("Revisión del libro")
ui.text.markdown(headlines.review(plan.error_count, plan.warning_count))
st.page_link("app_pages/revision.py", label="Ver la revisión del libro", icon=":material/fact_check:")
ui.notes(shown, poa=True, staff=True)

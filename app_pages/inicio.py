"""Inicio: the plan at a glance; every figure links to the page that explains it."""

import streamlit as st

import ui
from charts import funding_split, headlines
from charts.fmt import count, fecha, join_names, money, percent
from loaders.checks import exact_sum

shown = ui.active()
if shown is None:
    st.stop()
plan, d = shown.plan, shown.derived
s = ui.summary(plan)
ui.page_header(plan.titulo or "Plan de Acción", shown,
               lead="El plan anual de COAMSS/OPAMSS en una página: presupuesto, financiamiento, personal y "
               "actividades.")


def card(column, label: str, value: str, detail: str, page: str, link: str) -> None:
    with column.container(border=True):
        st.metric(label, value)
        st.caption(detail)
        st.page_link(page, label=link, icon=":material/arrow_forward:")


row1 = st.columns(3)
card(row1[0], "Presupuesto total", money(d.presupuesto),
     headlines.budget_flow(d.ingresos_total, d.egresos_total, len(plan.tables.get("egresos", [])))
     if d.ingresos_total is not None else "El libro no trae ingresos.",
     "app_pages/presupuesto.py", "Ver presupuesto")
base = float(d.presupuesto) if d.presupuesto else None
card(row1[1], "Fondos propios OPAMSS", money(d.fondos_propios),
     f"{percent(float(d.fondos_propios) / base * 100)} del presupuesto" if base and d.fondos_propios is not None
     else "Sin dato de fondos propios.", "app_pages/financiamiento.py", "Ver financiamiento")
card(row1[2], "Donaciones", money(d.donaciones_total),
     f"{percent(float(d.donaciones_total) / base * 100)} del presupuesto, "
     f"{count(len(d.donors), 'donante', 'donantes')}" if base and d.donaciones_total is not None
     else "El libro no trae donaciones.", "app_pages/financiamiento.py", "Ver donantes")

row2 = st.columns(3)
ending = d.donors.loc[d.donors["termina_en_el_plan"]] if len(d.donors) else d.donors
if len(ending):
    soonest = min(ending["fecha_finalizacion"])
    first = list(ending.loc[ending["fecha_finalizacion"] == soonest, "donante"])
    detail = (f"{count(len(ending), 'donante termina', 'donantes terminan')} en {plan.anio}; "
              f"{join_names(first)} el {fecha(soonest)}.")
    value = money(exact_sum(ending, "importe"))  # Decimal cents, never a float sum
else:
    detail, value = "Ninguna donación termina durante el año del plan.", money(0) if len(d.donors) else "—"
card(row2[0], f"Donaciones que terminan en {plan.anio or 'el año'}", value, detail, "app_pages/financiamiento.py",
     "Ver fechas de fin")
staff_detail = (headlines.staff(d.staff) + (" Plazas derivadas de los porcentajes del plan."
                                            if plan.personal_derivado else "")) if len(d.staff) else ""
card(row2[1], "Personal", count(s["personal_total"] or 0, "plaza", "plazas") if s["personal_total"] else "—",
     staff_detail or "El libro no trae personal.", "app_pages/personal.py", "Ver personal")
card(row2[2], "Actividades del POA", f"{s['actividades']:,}",
     f"En {count(s['areas'], 'área', 'áreas')}." + (" Ilustrativas: el plan no trae filas de POA."
                                                   if plan.actividades_ilustrativas else "")
     if s["actividades"] else "El libro no trae actividades.", "app_pages/actividades.py", "Ver actividades")

if d.fondos_propios is not None or d.donaciones_total is not None:
    own = float(d.fondos_propios) if d.fondos_propios is not None else None
    ui.chart(ui.memo("financiamiento_reparto", shown, (),
                     lambda: funding_split(plan.tables.get("donaciones"), own)),
             headlines.funding(d.fondos_propios, d.donaciones_total, d.presupuesto), key="inicio_reparto")

st.subheader("¿Cuadran los totales?")
st.markdown(f"**{headlines.reconciliation(d.checks)}**")
for c in d.checks:
    if c.cuadra is None:
        continue
    text = (f"{c.concepto}: declarado {money(c.declarado)}, suma de líneas {money(c.lineas)}")
    if c.cuadra:
        st.success(f"{text} — cuadra al centavo.", icon=":material/check_circle:")
    else:
        st.warning(f"{text} — diferencia de **{money(abs(c.diferencia))}** "
                   f"({'de más' if c.diferencia > 0 else 'de menos'} en las líneas).", icon=":material/error:")
st.page_link("app_pages/presupuesto.py", label="Ver el detalle en Presupuesto", icon=":material/arrow_forward:")

with st.expander(f"Revisión del libro: {count(len(plan.errors), 'error', 'errores')}, "
                 f"{count(len(plan.warnings), 'advertencia', 'advertencias')}"):
    if not plan.errors and not plan.warnings:
        st.success("El libro no tiene errores ni advertencias.")
    for issue in plan.errors + plan.warnings:
        ui.show_issue(issue)
ui.notes(shown, poa=True, staff=True)

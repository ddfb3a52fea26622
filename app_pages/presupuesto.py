"""Presupuesto: income vs expense by classification, the flow between them, and whether the totals add up."""

import streamlit as st

import ui
from charts import blocks
from domain.fmt import fecha

shown = ui.require(ui.active(), "ingresos", "egresos", what="la página de presupuesto")
ui.page_header(f"Presupuesto {shown.plan.anio or ''}".strip(), shown,
               lead="De dónde vienen los fondos (ingresos) y en qué se gastan (egresos), por clasificación.")

if currency := shown.plan.notas.get("moneda"):  # read from the amounts' own marks (loaders/budget_lines)
    ui.text.caption(f"Montos en {currency}, la moneda que indican las cifras del libro.")

view = st.segmented_control("Ver como", ["Montos", "Porcentajes"], default="Montos", required=True,
                            key="presupuesto_vista", bind="query-params")
as_percent = view == "Porcentajes"
left, right = st.columns(2)
with left:
    ui.render(ui.memo(blocks.budget_side, shown, "Ingresos", as_percent))
with right:
    ui.render(ui.memo(blocks.budget_side, shown, "Egresos", as_percent))

if shown.summary.has_execution:  # a follow-up: what was executed and collected, against the budget
    corte = shown.summary.fecha_corte
    st.subheader("Ejecución del presupuesto")
    if corte:
        ui.text.caption(f"Al corte del {fecha(corte)}, según el libro.")
    for side in ("Egresos", "Ingresos"):
        block = ui.memo(blocks.budget_execution, shown, side)
        if not block.table.empty:
            ui.render(block)
    st.caption("Cada tasa es lo ejecutado (o recaudado) entre lo previsto de esa clasificación, en centavos exactos; "
               "solo cuentan las líneas que traen su ejecución.")

ui.render(ui.memo(blocks.budget_flow, shown))
st.caption("El plan no dice qué ingreso paga qué gasto: por eso todo el flujo pasa por el presupuesto del año, "
           "sin inventar vínculos entre clasificaciones.")

st.subheader("Totales declarados frente a la suma de las líneas")
totals = ui.memo(blocks.reconciliation, shown)
ui.render(totals)
ui.table(totals.table, totals.schema)
st.caption("Las sumas se hacen en centavos exactos: una diferencia de $0.01 se muestra, nunca se redondea.")

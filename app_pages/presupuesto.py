"""Presupuesto: income vs expense by classification, the flow between them, and whether the totals add up."""

import streamlit as st

import ui
from charts import blocks
from domain.fmt import fecha

shown = ui.require(ui.active())
ui.page_header(f"Presupuesto {shown.plan.anio or ''}".strip(), shown,
               lead="De dónde vienen los fondos (ingresos) y en qué se gastan (egresos), por clasificación.")
# Degrade by table, not by page: each side is drawn when the workbook has it.
missing = ui.missing_tables(shown, "ingresos", "egresos")
sides = [side for side in ("Ingresos", "Egresos") if side.lower() not in missing]
if missing:
    ui.missing_line(missing, f"se muestran solo los {sides[0].lower()}" if sides else "no hay presupuesto que mostrar")
if not sides:
    st.stop()

if currency := shown.plan.notas.get("moneda"):  # read from the amounts' own marks (loaders/budget_lines)
    ui.text.caption(f"Montos en {currency}, la moneda que indican las cifras del libro.")

view = st.segmented_control("Ver como", ["Montos", "Porcentajes"], default="Montos", required=True,
                            key="presupuesto_vista", bind="query-params")
as_percent = view == "Porcentajes"
for column, side in zip(st.columns(len(sides)), sides, strict=True):
    with column:
        ui.render(ui.memo(blocks.budget_side, shown, side, as_percent), shown)

if shown.summary.has_execution:  # a follow-up: what was executed and collected, against the budget
    corte = shown.summary.fecha_corte
    st.subheader("Ejecución del presupuesto")
    if corte:
        ui.text.caption(f"Al corte del {fecha(corte)}, según el libro.")
    for side in ("Egresos", "Ingresos"):
        block = ui.memo(blocks.budget_execution, shown, side)
        if not block.table.empty:
            ui.render(block, shown)
    st.caption("Cada tasa es lo ejecutado (o recaudado) entre lo previsto de esa clasificación, en centavos exactos; "
               "solo cuentan las líneas que traen su ejecución.")

if not missing:  # the flow needs both sides
    ui.render(ui.memo(blocks.budget_flow, shown), shown)
    st.caption("El plan no dice qué ingreso paga qué gasto: por eso todo el flujo pasa por el presupuesto del año, "
               "sin inventar vínculos entre clasificaciones.")

st.subheader("Totales declarados frente a la suma de las líneas")
totals = ui.memo(blocks.reconciliation, shown)
ui.render(totals, shown)
ui.table(totals.table, totals.schema)
ui.downloads(totals.table, totals.schema, shown, key=totals.key)
st.caption("Las sumas se hacen en centavos exactos: una diferencia de $0.01 se muestra, nunca se redondea.")

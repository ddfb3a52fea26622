"""Presupuesto: income vs expense by classification, the flow between them, and whether the totals add up."""

import pandas as pd
import streamlit as st

import ui
from charts import budget_flow, classification_bars, headlines
from charts.derive import shares
from charts.fmt import money

shown = ui.require(ui.active(), "ingresos", "egresos", what="la página de presupuesto")
plan, d = shown.plan, shown.derived
ui.page_header(f"Presupuesto {plan.anio or ''}".strip(), shown,
               lead="De dónde vienen los fondos (ingresos) y en qué se gastan (egresos), por clasificación.")

view = st.segmented_control("Ver como", ["Montos", "Porcentajes"], default="Montos", required=True,
                            key="presupuesto_vista", bind="query-params")
as_percent = view == "Porcentajes"
ingresos, egresos = plan.tables["ingresos"], plan.tables["egresos"]
# One scale for both sides, so that equal lengths mean equal amounts (or equal shares).
xmax = float(max(shares(ingresos, "monto").max(), shares(egresos, "monto").max()) if as_percent
             else max(ingresos["monto"].max(), egresos["monto"].max()))


def side_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Clasificación": frame["clasificacion"], "Monto": frame["monto"],
                         "% del total": shares(frame, "monto")})


table_config = {"Monto": ui.money_column("Monto"), "% del total": ui.percent_column("% del total")}
left, right = st.columns(2)
with left:
    ui.chart(ui.memo("presupuesto_ingresos", shown, (as_percent,),
                     lambda: classification_bars(ingresos, side="Ingresos", percent=as_percent, xmax=xmax)),
             headlines.budget_side(ingresos, "Ingresos", d.ingresos_total), key="presupuesto_ingresos",
             table=side_table(ingresos), column_config=table_config)
with right:
    ui.chart(ui.memo("presupuesto_egresos", shown, (as_percent,),
                     lambda: classification_bars(egresos, side="Egresos", percent=as_percent, xmax=xmax)),
             headlines.budget_side(egresos, "Egresos", d.egresos_total), key="presupuesto_egresos",
             table=side_table(egresos), column_config=table_config)

flows = pd.concat([
    pd.DataFrame({"De": ingresos["clasificacion"], "A": f"Presupuesto {plan.anio or ''}".strip(),
                  "Monto": ingresos["monto"]}),
    pd.DataFrame({"De": f"Presupuesto {plan.anio or ''}".strip(), "A": egresos["clasificacion"],
                  "Monto": egresos["monto"]}),
], ignore_index=True)
ui.chart(ui.memo("presupuesto_flujo", shown, (), lambda: budget_flow(ingresos, egresos, anio=plan.anio)),
         headlines.budget_flow(d.ingresos_total, d.egresos_total, len(egresos)), key="presupuesto_flujo",
         table=flows, column_config={"Monto": ui.money_column("Monto")})
st.caption("El plan no dice qué ingreso paga qué gasto: por eso todo el flujo pasa por el presupuesto del año, "
           "sin inventar vínculos entre clasificaciones.")

st.subheader("Totales declarados frente a la suma de las líneas")
st.markdown(f"**{headlines.reconciliation(d.checks)}**")
st.dataframe(pd.DataFrame({
    "Concepto": [c.concepto for c in d.checks],
    "Total declarado": [money(c.declarado) for c in d.checks],
    "Suma de las líneas": [money(c.lineas) for c in d.checks],
    "Diferencia": [money(c.diferencia) if c.diferencia is not None else "—" for c in d.checks],
    "Estado": ["—" if c.cuadra is None else "cuadra al centavo" if c.cuadra else "no cuadra" for c in d.checks],
}), hide_index=True)
st.caption("Las sumas se hacen en centavos exactos: una diferencia de $0.01 se muestra, nunca se redondea.")

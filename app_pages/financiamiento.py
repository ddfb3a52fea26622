"""Financiamiento: own funds vs donations, each donor's share and end date, and the fund cliff."""

import pandas as pd
import streamlit as st

import ui
from charts import donor_timeline, funding_split, headlines
from charts.fmt import fecha

shown = ui.require(ui.active(), "donaciones", what="la página de financiamiento")
plan, d = shown.plan, shown.derived
ui.page_header("Financiamiento", shown,
               lead="Cuánto del presupuesto ponen los fondos propios de OPAMSS y cuánto los donantes, y hasta "
               "cuándo hay fondos de cada donante.")

donor_table = pd.DataFrame({
    "Donante": d.donors["donante"], "Importe": d.donors["importe"],
    "% de las donaciones": d.donors["pct_donaciones"], "% del presupuesto": d.donors["pct_presupuesto"],
    "Fecha de finalización": d.donors["fecha_finalizacion"],
})
if d.fondos_propios is not None:
    own_row = pd.DataFrame({"Donante": ["Fondos propios OPAMSS"], "Importe": [float(d.fondos_propios)],
                            "% de las donaciones": [None],
                            "% del presupuesto": [float(d.fondos_propios) / float(d.presupuesto) * 100
                                                  if d.presupuesto else None],
                            "Fecha de finalización": [None]})
    split_table = pd.concat([own_row, donor_table], ignore_index=True)
else:
    split_table = donor_table
config = {"Importe": ui.money_column("Importe"), "% de las donaciones": ui.percent_column("% de las donaciones"),
          "% del presupuesto": ui.percent_column("% del presupuesto"),
          "Fecha de finalización": ui.date_column("Fecha de finalización")}

own = float(d.fondos_propios) if d.fondos_propios is not None else None
ui.chart(ui.memo("financiamiento_reparto", shown, (), lambda: funding_split(plan.tables["donaciones"], own)),
         headlines.funding(d.fondos_propios, d.donaciones_total, d.presupuesto), key="financiamiento_reparto",
         table=split_table, column_config=config)

today = ui.today()
ui.chart(ui.memo("financiamiento_fechas", shown, (today,),
                 lambda: donor_timeline(d.donors, anio=plan.anio, today=today)),
         headlines.donor_ends(d.donors, plan.anio),
         key="financiamiento_fechas", table=donor_table, column_config=config)

st.subheader("Actividades financiadas por cada donante")
cliff = d.cliff
actividades = plan.tables.get("actividades")
if actividades is None or actividades.empty:
    st.info("El libro no trae actividades (POA): no se puede saber qué actividades financia cada donante. "
            "Cargue un libro con la hoja POA para verlo.")
    st.stop()
st.markdown(f"**{headlines.fund_cliff(cliff)}**")
if plan.actividades_ilustrativas:
    st.caption("Las actividades del POA son ilustrativas (el plan no trae filas de POA); las fechas y montos "
               "de los donantes sí son del plan.")
for donor, group in cliff.groupby("donante", sort=False):
    late = int(group["despues_del_fin"].sum())
    end = group["fecha_finalizacion"].iloc[0]
    title = (f"{donor}: {len(group)} actividades, fondos hasta el {fecha(end)}"
             + (f" — ⚠ {late} después del fin de sus fondos" if late else ""))
    with st.expander(title, expanded=bool(late)):
        st.dataframe(pd.DataFrame({
            "Estado": ["⚠ termina después del fin de los fondos" if x else "dentro del plazo"
                       for x in group["despues_del_fin"]],
            "Actividad": group["actividad"], "Área": group["area"], "Tiempo": group["tiempo"],
            "Inicio": group["inicio"], "Fin": group["fin"],
        }), hide_index=True, column_config={"Inicio": ui.date_column("Inicio"), "Fin": ui.date_column("Fin")})

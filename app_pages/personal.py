"""Personal: staff by tier, as headcount and share, each against its target range."""

import pandas as pd
import streamlit as st

import ui
from charts import headlines, staff_vs_ranges
from charts.fmt import count

shown = ui.require(ui.active(), "personal", what="la página de personal")
plan, d = shown.plan, shown.derived
personal = plan.tables["personal"]
ui.page_header("Personal", shown, lead="Las plazas de la oficina por nivel organizativo y el rango meta de cada "
               "nivel (sección 5 del plan).")
ui.notes(shown, staff=True)

st.metric("Plazas en total", count(int(personal["plazas"].sum()), "plaza", "plazas"))
table = pd.DataFrame({"Nivel": d.staff["nivel"], "Plazas": d.staff["plazas"], "% del personal": d.staff["porcentaje"],
                      "Rango meta": d.staff["rango"], "Estado": d.staff["estado"]})
ui.chart(ui.memo("personal_rangos", shown, (), lambda: staff_vs_ranges(personal, plan.rangos)),
         headlines.staff(d.staff), key="personal_rangos", table=table,
         column_config={"% del personal": st.column_config.NumberColumn("% del personal", format="%.2f %%")})

st.subheader("Por unidad")
units = personal.loc[personal["unidad"].fillna("").str.strip() != ""]
if units.empty:
    st.markdown("El libro no desglosa las plazas por unidad: solo trae el total de cada nivel.")
else:
    pivot = units.pivot_table(index="unidad", columns="nivel", values="plazas", aggfunc="sum", fill_value=0,
                              sort=False)
    pivot["Total"] = pivot.sum(axis=1)
    st.markdown(f"**{count(len(pivot), 'unidad', 'unidades')}; la mayor es «{pivot['Total'].idxmax()}» "
                f"con {count(int(pivot['Total'].max()), 'plaza', 'plazas')}.**")
    st.dataframe(pivot.reset_index().rename(columns={"unidad": "Unidad"}), hide_index=True)

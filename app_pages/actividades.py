"""Actividades: the POA as a calendar by area, the monthly load, and the searchable matrix."""

from datetime import date

import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st

import ui
from charts import derive as dv
from charts import gantt, headlines, month_heatmap
from charts.fmt import MONTHS_SHORT, count, join_names, shorten

DETAIL_LIMIT = 30  # up to this many dated activities, every area is open in the calendar
ALL = "Todas las áreas"
ROW_LIMIT = 120  # never more bars than this in one calendar

shown = ui.require(ui.active(), "actividades", what="la página de actividades")
plan, d = shown.plan, shown.derived
anio = d.anio or ui.today().year
ui.page_header("Actividades (POA)", shown, lead="Los planes operativos anuales por área: qué se hará, cuándo, "
               "quién responde y con qué fondos.")
ui.notes(shown, poa=True)

LABELS = {"area": "Área", "objetivo": "Objetivo estratégico", "responsable": "Unidad responsable",
          "fuente": "Fuente de financiamiento"}
chosen: dict[str, list[str]] = {}
cols = st.columns(4)
for col, (name, label) in zip(cols, LABELS.items(), strict=True):
    chosen[name] = col.multiselect(label, d.options.get(name, []), key=f"actividades_{name}", bind="query-params",
                                   placeholder="Todas", format_func=lambda v: shorten(v, 60))
query = st.text_input("Buscar en el POA", key="actividades_buscar", bind="query-params",
                      placeholder="Palabra de la actividad, resultado, indicador, riesgo…")

filters = tuple((name, tuple(values)) for name, values in chosen.items())


def select_view() -> dict:
    """The filtered activities and what does not depend on the open area: counts, month load, heatmap."""
    table = d.table  # Arrow: filtering and showing 10,000 rows costs no pandas copies
    mask = dv.select(table, d.index, query=query or "", **chosen)
    filtered = table if mask.all() else table.filter(pa.array(mask))
    has_dates = dv.dated(filtered)
    dated = filtered.filter(pa.array(has_dates))
    load = d.month_load if filtered is table and d.month_load is not None else dv.month_load(filtered, anio)
    whole = pc.sum(pc.and_(pc.less_equal(dated["inicio"], pa.scalar(date(anio, 1, 1))),
                           pc.greater_equal(dated["fin"], pa.scalar(date(anio, 12, 31))))).as_py() or 0
    return {"filtered": filtered, "dated": dated, "undated": filtered.filter(pa.array(~has_dates)),
            "areas": dv.options(dated, "area"), "load": load, "whole": whole,
            "heatmap": month_heatmap(load, anio=anio), "load_headline": headlines.month_load(load),
            "load_table": load.rename(columns=dict(enumerate(MONTHS_SHORT, start=1))).reset_index().rename(
                columns={"area": "Área"})}


view = ui.memo("actividades_vista", shown, (filters, query or ""), select_view)
filtered, dated, undated, areas = view["filtered"], view["dated"], view["undated"], view["areas"]
total = len(d.table)
st.markdown(f"Se muestran **{len(filtered):,} de {total:,} actividades**"
            + (" (todas)." if len(filtered) == total else " que cumplen los filtros."))
if not len(filtered):
    st.info("Ninguna actividad coincide con los filtros: quite alguno o cambie la búsqueda.")
    st.stop()

st.subheader("Calendario por área")
pick = None
if len(dated) > DETAIL_LIMIT:
    pick = st.selectbox("Ver las actividades de", [ALL, *areas], index=None, key="actividades_abrir",
                        bind="query-params", format_func=lambda v: shorten(v, 60),
                        placeholder="Una fila por área: elija un área")


def calendar_view() -> dict:
    """The Gantt for the filtered activities with the chosen area open (all open when there are few)."""
    open_areas = None if len(dated) <= DETAIL_LIMIT or pick == ALL else {pick} if pick else set()
    rows = dv.gantt_rows(dated, open_areas=open_areas, limit=ROW_LIMIT)
    year_end = date(anio, 12, 31)
    ends = d.donors.loc[[isinstance(e, date) and e < year_end for e in d.donors["fecha_finalizacion"]]]
    marks = [(end, f"Fin de fondos {join_names([shorten(n, 14) for n in group['donante']])}")
             for end, group in ends.groupby("fecha_finalizacion")]
    return {"rows": rows, "figure": gantt(rows, anio=anio, today=ui.today(), marks=marks),
            "table": rows.loc[:, ["label", "kind", "inicio", "fin"]].rename(
                columns={"label": "Fila", "kind": "Tipo", "inicio": "Inicio", "fin": "Fin"})}


calendar = ui.memo("actividades_calendario", shown, (filters, query or "", pick, ui.today()), calendar_view)
rows = calendar["rows"]
drawn = int((rows["kind"] == "actividad").sum())
ui.chart(calendar["figure"], headlines.gantt(len(dated), total, len(areas), len(undated), view["whole"]),
         key="actividades_gantt", table=calendar["table"],
         column_config={"Inicio": ui.date_column("Inicio"), "Fin": ui.date_column("Fin")})
if len(dated) > drawn:
    shown_areas = int((rows["kind"] == "area").sum())
    st.caption(f"El calendario muestra {count(shown_areas, 'área', 'áreas')} y "
               f"{count(drawn, 'actividad', 'actividades')} de {len(dated):,}: abra un área o use los filtros "
               "para ver el detalle. La matriz de abajo las lista todas.")

st.subheader("Carga por mes")
ui.chart(view["heatmap"], view["load_headline"], key="actividades_carga", table=view["load_table"])

st.subheader("Matriz del POA")
st.caption("Objetivo → resultado → indicador → actividades, en el orden del libro. La búsqueda de arriba filtra "
           "también esta tabla.")
MATRIX = {"area": "Área", "objetivo_estrategico": "Objetivo estratégico",
          "objetivo_especifico": "Objetivo específico", "resultado": "Resultado", "indicador": "Indicador",
          "fuente_verificacion": "Fuente de verificación", "actividad": "Actividad", "tiempo": "Tiempo",
          "inicio": ui.date_column("Inicio"), "fin": ui.date_column("Fin"), "responsable": "Responsable",
          "fuente_financiamiento": "Fuente de financiamiento", "riesgo": "Riesgo"}
st.dataframe(filtered, hide_index=True, column_config=MATRIX, column_order=list(MATRIX), height=420)

st.subheader("Actividades sin fechas")
if not len(undated):
    st.markdown("Todas las actividades mostradas tienen fecha de inicio y de fin.")
else:
    st.markdown(f"**{count(len(undated), 'actividad no tiene', 'actividades no tienen')} fechas legibles**: no "
                "entran en el calendario ni en la carga por mes, pero siguen en el plan. Corrija su columna "
                "Tiempo en el libro para ubicarlas.")
    st.dataframe(undated, hide_index=True, column_config=MATRIX,
                 column_order=["area", "actividad", "tiempo", "responsable", "fuente_financiamiento"])

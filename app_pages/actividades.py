"""Actividades: the POA as a calendar by area, the monthly load, and the searchable matrix."""

import streamlit as st

import ui
from charts import activities as acts
from charts import blocks, headlines
from domain.fmt import count, fecha, shorten
from domain.schema import ACTIVIDADES
from exports.calendar import ICS_MIME
from ui import feed

shown = ui.require(ui.active(), "actividades", what="la página de actividades")
index = shown.prepared.activities
ui.page_header("Actividades (POA)", shown, lead="Los planes operativos anuales por área: qué se hará, cuándo, "
               "quién responde y con qué fondos.")
ui.notes(shown, poa=True)

# The filters in one expander above the first chart: on a phone they would otherwise fill the first screen. It
# opens by itself when a shared link brings filters, so that the reader sees what narrows the page.
FILTER_KEYS = [f"actividades_{name}" for name in acts.Filters.COLUMNS] + ["actividades_buscar"]
chosen: dict[str, tuple[str, ...]] = {}
with st.expander("Filtrar: área, objetivo, responsable, fuente o una palabra",
                 expanded=any(key in st.query_params for key in FILTER_KEYS), icon=":material/filter_list:"):
    for col, name in zip(st.columns(4), acts.Filters.COLUMNS, strict=True):
        chosen[name] = tuple(col.multiselect(ui.text.md(acts.Filters.label(name)), index.options.get(name, []),
                                             key=f"actividades_{name}", bind="query-params", placeholder="Todas",
                                             format_func=lambda v: shorten(v, 60)))
    query = st.text_input("Buscar en el POA", key="actividades_buscar", bind="query-params",
                          placeholder="Palabra de la actividad, resultado, indicador, riesgo…")
filters = acts.Filters(**chosen, query=query or "")
words = filters.words()
view = ui.memo(blocks.activity_view, shown, filters)

total = len(index.table)
ui.text.markdown(f"Se muestran {len(view.filtered):,} de {total:,} actividades"
                 + (" (todas)." if len(view.filtered) == total else " que cumplen los filtros."), bold=True)
if not len(view.filtered):
    st.info("Ninguna actividad coincide con los filtros: quite alguno o cambie la búsqueda.")
    st.stop()

st.subheader("Calendario por área")
pick = None
if acts.needs_area_picker(len(view.dated)):
    pick = st.selectbox("Ver las actividades de", [acts.ALL_AREAS, *view.areas], index=None,
                        key="actividades_abrir", bind="query-params", format_func=lambda v: shorten(v, 60),
                        placeholder="Una fila por área: elija un área")
calendar = ui.memo(blocks.calendar, shown, view, pick, ui.today())
ui.render(calendar, shown, filters=words)
if drawn := headlines.calendar_drawn(calendar.table, len(view.dated)):
    ui.text.caption(drawn)
st.download_button(  # the file is made when clicked, not on every rerun
    "Descargar el calendario (.ics)", key="actividades_ics", on_click="ignore", icon=":material/event:",
    data=lambda: feed.activities_ics(shown, view), mime=ICS_MIME,
    file_name=feed.file_name(shown),
    help="Las actividades con fechas que muestran los filtros (un área, una unidad responsable…) y el fin de los "
         "fondos de cada donante, para añadirlos a su propio calendario.")
with st.expander("Suscribirse a estas fechas", icon=":material/sync:"):
    subscription = feed.url(st.context.url, filters)
    ui.text.caption(feed.HOWTO)
    st.code(subscription, language=None, wrap_lines=True)  # a code block: copied whole, never read as markdown
    st.link_button("Abrir en la aplicación de calendario", feed.webcal(subscription), icon=":material/event:")

st.subheader("Carga por mes")
ui.render(ui.memo(blocks.month_load, shown, view), shown, filters=words)

if acts.has_progress(index.table):
    st.subheader("Avance del seguimiento")
    progress = ui.memo(blocks.activity_progress, shown, view, ui.today())
    corte = acts.cutoff(shown.summary.fecha_corte, index.anio, ui.today())
    ui.text.caption(f"Regla: una actividad va atrasada cuando su avance es menor que la parte de su plazo (de su "
                    f"inicio a su fin; sin fechas, del año del plan) ya transcurrida al {fecha(corte.when)}, "
                    f"{corte.source}. El promedio de un área pesa igual cada actividad con avance.")
    ui.render(progress, shown, filters=words)
    ui.render(ui.memo(blocks.activities_behind, shown, view, ui.today()), shown, filters=words)

# The activity first (pinned on a phone), then when and who; the objective chain after.
MATRIX_ORDER = ["actividad", "area", "inicio", "fin", "tiempo", "avance", "responsable", "fuente_financiamiento",
                "resultado", "indicador", "fuente_verificacion", "objetivo_estrategico", "objetivo_especifico",
                "riesgo"]
st.subheader("Matriz del POA")
st.caption("Cada actividad con sus fechas, su responsable y su fuente, y después su resultado, indicador y objetivo; "
           "las filas en el orden del libro. La búsqueda de arriba filtra también esta tabla.")
ui.paged_table(view.filtered, ACTIVIDADES, shown, height=420, key="actividades_matriz", columns=MATRIX_ORDER,
               filters=words)

st.subheader("Actividades sin fechas")
if not len(view.undated):
    st.markdown("Todas las actividades mostradas tienen fecha de inicio y de fin.")
else:
    ui.text.markdown(f"{count(len(view.undated), 'actividad no tiene', 'actividades no tienen')} fechas legibles: "
                     "no entran en el calendario ni en la carga por mes, pero siguen en el plan. Corrija su columna "
                     "Tiempo en el libro para ubicarlas.")
    ui.paged_table(view.undated, ACTIVIDADES, shown, key="actividades_sin_fechas", filters=words,
                   columns=["actividad", "area", "tiempo", "responsable", "fuente_financiamiento"])

"""Page chrome and blocks: the title and the sentence saying what is shown, guards, a block, a table."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from charts import image
from charts.blocks import Block
from domain.catalogue import VIEWER_HINT
from domain.fmt import MISSING
from domain.schema import TABLE_LABELS, Column, Table
from exports.tables import CSV_MIME, XLSX_MIME, Provenance, file_name, to_csv, to_xlsx
from ui import text
from ui.issues import workbook_banner
from ui.plotly_es import ES
from ui.source import Shown, published_on, version_line

HOME_PAGE = "app_pages/inicio.py"

PLOTLY_CONFIG = {
    "locale": "es", "locales": {"es": ES},  # the modebar in Spanish (ui/plotly_es.py)
    "displaylogo": False,
    "responsive": True,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


# Streamlit draws a chart in fullscreen at the screen's height (about 1,020 px on a 1920x1080 projector), whatever
# the figure's own: a taller chart (the calendar) would be squeezed until its names overlap. Such a chart is already
# as wide as the page allows, so it is offered no fullscreen (neither the toolbar's button nor the modebar's).
FULLSCREEN_PX = 1000
NO_FULLSCREEN = """<style>
.st-key-%(key)s [data-testid="stElementToolbarButton"]:has(button[aria-label="Fullscreen"]),
.st-key-%(key)s [data-testid="stElementToolbarButton"]:has(button[aria-label="Pantalla completa"]),
.st-key-%(key)s .modebar-btn[data-title="Fullscreen"],
.st-key-%(key)s .modebar-btn[data-title="Pantalla completa"] { display: none !important; }
</style>"""


def column_config(column: Column) -> object:
    """How a column of a kind is shown: es-SV money, percent and dates; flags as ticks."""
    if column.kind == "money":
        return st.column_config.NumberColumn(column.label, format="dollar")  # -$0.01, as domain.fmt.money
    if column.kind == "int":
        return st.column_config.NumberColumn(column.label, format="%,d")  # 1,204
    if column.kind == "percent":
        return st.column_config.NumberColumn(column.label, format="%.1f %%")
    if column.kind == "date":
        return st.column_config.DateColumn(column.label, format="DD/MM/YYYY")
    if column.kind == "flag":
        return st.column_config.CheckboxColumn(column.label)
    return st.column_config.Column(column.label)


def table(frame: pd.DataFrame | pa.Table, schema: Table, *, columns: list[str] | None = None,
          height: int | None = None, key: str | None = None) -> None:
    """A table with the labels and formats its declaration gives (domain.schema); `columns` picks and orders.
    An Arrow table's columns are arrays, not names: its names are `column_names`."""
    names = set(frame.column_names if isinstance(frame, pa.Table) else frame.columns)
    order = [c for c in (columns or list(schema.names)) if c in names]
    config = {c.name: column_config(c) for c in schema.columns if c.name in order}
    if order:  # the key column stays in sight while a phone scrolls the others
        config[order[0]]["pinned"] = True
    st.dataframe(frame, hide_index=True, column_config=config, column_order=order, key=key, placeholder=MISSING,
                 **({"height": height} if height else {}))


# A page never sends more than about 500 KB over the websocket, whatever the plan's size: long tables go to the
# browser a page of rows at a time (200 POA rows are about 60 KB).
PAGE_ROWS = 200


def downloads(frame: pd.DataFrame | pa.Table, schema: Table, shown: Shown, *, key: str,
              columns: list[str] | None = None, filters: str = "", chart: Block | None = None) -> None:
    """The whole table as XLSX and as CSV (exports/tables.py), and the chart as PNG when there is one, named
    after `key` and the version. The files are made only when a button is clicked."""
    version = shown.version
    provenance = Provenance(title=schema.label, version=version.number,
                            published=published_on(version), published_by=version.published_by,
                            filters=filters)
    left, right, *third = st.columns(3 if chart is not None else 2)
    if chart is not None:
        with third[0]:
            chart_image(chart, shown, filters=filters)
    left.download_button("Descargar XLSX", data=lambda: to_xlsx(frame, schema, provenance=provenance,
                                                                 columns=columns),
                         file_name=file_name(key, version.number, "xlsx"), mime=XLSX_MIME, on_click="ignore",
                         icon=":material/download:", key=f"{key}_xlsx", width="stretch")
    right.download_button("Descargar CSV", data=lambda: to_csv(frame, schema, columns=columns),
                          file_name=file_name(key, version.number, "csv"), mime=CSV_MIME, on_click="ignore",
                          icon=":material/download:", key=f"{key}_csv", width="stretch")


def chart_image(block: Block, shown: Shown, *, filters: str = "") -> None:
    """The chart as a PNG made on the server, with its headline and source written on it; without Chromium,
    one sentence says so."""
    if not image.available():
        text.caption(image.NO_CHROMIUM)
        return
    anio = shown.plan.anio
    source = " ".join(filter(None, [f"Fuente: Plan de Acción{f' {anio}' if anio else ''}, {version_line(shown)}.",
                                    f"Filtros: {filters}." if filters else ""]))
    st.download_button("Descargar imagen (PNG)", key=f"{block.key}_png", on_click="ignore", mime="image/png",
                       icon=":material/image:", width="stretch",
                       data=lambda: image.png(block.figure, headline=block.headline, source=source),
                       file_name=file_name(block.key, shown.number, "png"))


def paged_table(frame: pd.DataFrame | pa.Table, schema: Table, shown: Shown, *, key: str,
                columns: list[str] | None = None, height: int | None = None, filters: str = "") -> None:
    """`table`, PAGE_ROWS rows at a time (the page number is in the URL, and a line says which rows are shown),
    with the whole table to download."""
    total = frame.num_rows if isinstance(frame, pa.Table) else len(frame)
    downloads(frame, schema, shown, key=key, columns=columns, filters=filters)
    if total <= PAGE_ROWS:
        table(frame, schema, columns=columns, height=height, key=key)
        return
    pages = -(-total // PAGE_ROWS)
    page = st.number_input(f"Página (de {pages:,})", min_value=1, max_value=pages, value=1, step=1,
                           key=f"{key}_pagina", bind="query-params")
    first = (int(page) - 1) * PAGE_ROWS
    rows = frame.slice(first, PAGE_ROWS) if isinstance(frame, pa.Table) else frame.iloc[first:first + PAGE_ROWS]
    text.caption(f"Filas {first + 1:,} a {min(first + PAGE_ROWS, total):,} de {total:,}.")
    table(rows, schema, columns=columns, height=height, key=key)


def render(block: Block, shown: Shown, *, table_label: str = "Ver la tabla del gráfico",
           columns: list[str] | None = None, filters: str = "") -> None:
    """A block: its headline (also the chart's text alternative), the chart, and its table one click away, to
    download too."""
    if block.incomplete:
        text.alert("warning", block.incomplete, icon=":material/warning:")
    text.markdown(block.headline, bold=True)
    if block.figure is not None:
        if (block.figure.layout.height or 0) > FULLSCREEN_PX:
            st.html(NO_FULLSCREEN % {"key": block.key})
        st.plotly_chart(block.figure, key=block.key, config=PLOTLY_CONFIG, theme=None, alt=block.headline)
    if block.table is not None and block.schema is not None and block.figure is not None:
        with text.expander(table_label):
            table(block.table, block.schema, columns=columns)
            downloads(block.table, block.schema, shown, key=block.key, columns=columns, filters=filters,
                      chart=block)


def page_header(title: str, shown: Shown, *, lead: str | None = None, review_link: bool = True) -> None:
    """Title, then (before anything else) whether the workbook has errors, the lead, and which workbook it is."""
    text.title(title)
    if not shown.current:
        version_banner(shown)
    workbook_banner(shown, link=review_link)
    if lead:
        text.markdown(lead)
    text.caption(" ".join([shown.sentence(), *shown.borrowed()]))


def version_banner(shown: Shown) -> None:
    """An older version opened with ?version=N: say plainly that it is not what everyone sees."""
    text.alert("warning", f"Está viendo la versión {shown.number}, que no es la publicada. Es solo de lectura.",
               icon=":material/history:")
    st.page_link(HOME_PAGE, label="Ver la versión publicada", icon=":material/arrow_forward:")


def require(shown: Shown | None, *tables: str, what: str = "esta página") -> Shown:
    """Guard, tell, stop: one sentence saying what is missing and what to do."""
    if shown is None:
        st.stop()
    missing = missing_tables(shown, *tables)
    if missing:
        text.alert("info", f"El libro mostrado no trae la tabla {_names(missing)}, que necesita {what}. {VIEWER_HINT}")
        st.stop()
    return shown


def missing_tables(shown: Shown, *tables: str) -> list[str]:
    """The tables of `tables` the shown plan does not have (or has empty)."""
    return [t for t in tables if shown.plan.tables.get(t) is None or shown.plan.tables[t].empty]


def missing_line(missing: list[str], shows: str) -> None:
    """One line: which table the page lacks, what it shows instead, and whom to ask."""
    text.alert("info", f"El libro mostrado no trae la tabla {_names(missing)}: {shows}. {VIEWER_HINT}")


def _names(tables: list[str]) -> str:
    return " ni ".join(f"«{TABLE_LABELS[t]}»" for t in tables)


def notes(shown: Shown, *, poa: bool = False, staff: bool = False) -> None:
    """The plan's own caveats, said plainly where the figures they qualify are shown."""
    plan = shown.plan
    if poa and plan.actividades_ilustrativas:
        text.alert("info", plan.notas.get("nota poa") or
                   "El texto del plan no trae filas de POA; estas actividades no son datos del plan.",
                   lead="Actividades ilustrativas.")
    if staff and plan.personal_derivado:
        text.alert("info", plan.notas.get("nota personal") or
                   "El plan solo da porcentajes por nivel; las plazas se derivan de ellos.", lead="Plazas derivadas.")

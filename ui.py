"""The one shared Streamlit module: the workbook shown, cached derived data, chart blocks, formats.

Pages import this; loaders/ and charts/ never import streamlit. Caches are keyed on the workbook's sha256,
and hold shared objects (st.cache_resource) that nobody mutates: a rerun copies nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from charts import derive
from charts.fmt import fecha
from loaders import Issue, LoadResult, UnreadableWorkbook, load_workbook
from loaders.checks import exact_sum
from loaders.model import TABLE_LABELS
from loaders.report import summary
from settings import get_settings

T = TypeVar("T")
BUNDLED = Path(__file__).parent / "data" / "plan_accion_2016.xlsx"
TZ = ZoneInfo("America/El_Salvador")
PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
MONEY_COLUMN = "$%,.2f"
PERCENT_COLUMN = "%.1f %%"


@dataclass(frozen=True)
class Shown:
    """The workbook everyone sees, where it came from and when it was read."""

    plan: LoadResult
    name: str
    sha256: str
    loaded_at: datetime
    bundled: bool
    derived: Derived

    @property
    def version(self) -> str:
        return self.sha256[:8]

    def sentence(self) -> str:
        origin = "el libro incluido en el proyecto" if self.bundled else "el libro configurado en el servidor"
        return (f"Se muestra «{self.name}» ({origin}, versión {self.version}), leído el "
                f"{fecha(self.loaded_at.date())} a las {self.loaded_at:%H:%M}.")


@dataclass
class Derived:
    """What the pages compute from a workbook once: sums, donors, the activity search index, the month load."""

    ingresos_total: Decimal | None
    egresos_total: Decimal | None
    donaciones_total: Decimal | None
    presupuesto: Decimal | None
    fondos_propios: Decimal | None
    checks: list[derive.Check]
    donors: pd.DataFrame
    staff: pd.DataFrame
    cliff: pd.DataFrame
    anio: int | None = None  # the plan year, or the year most activities start in when the workbook omits it
    table: pa.Table | None = None  # the activities as Arrow: pages filter and show it without pandas copies
    index: pa.Array | None = None
    options: dict[str, list[str]] = field(default_factory=dict)
    month_load: pd.DataFrame | None = None


def _derive(plan: LoadResult) -> Derived:
    t = plan.tables
    actividades = t.get("actividades")
    out = Derived(
        ingresos_total=exact_sum(t.get("ingresos"), "monto"),
        egresos_total=exact_sum(t.get("egresos"), "monto"),
        donaciones_total=exact_sum(t.get("donaciones"), "importe"),
        presupuesto=derive.budget_total(t),
        fondos_propios=derive.own_funds(t),
        checks=derive.reconciliation(t),
        donors=derive.donors(t, plan.anio),
        staff=derive.staff(t.get("personal"), plan.rangos),
        cliff=derive.fund_cliff(actividades, t.get("donaciones")),
    )
    if actividades is not None and not actividades.empty:
        out.table = pa.Table.from_pandas(actividades, preserve_index=False)
        out.index = derive.search_index(out.table)
        out.options = {name: derive.options(actividades, column) for name, column in derive.FILTERS.items()}
        out.anio = plan.anio or _year_of(actividades)
        out.month_load = derive.month_load(actividades, out.anio)
    return out


def _year_of(actividades: pd.DataFrame) -> int:
    years = pd.Series([d.year for d in actividades["inicio"].dropna()])
    return int(years.mode().iloc[0]) if len(years) else today().year


@st.cache_resource(show_spinner="Leyendo el libro…", max_entries=8)
def _load_cached(sha256: str, _data: bytes, filename: str, bundled: bool) -> Shown:
    """Keyed on the workbook's sha256 (the underscore keeps Streamlit from hashing the bytes)."""
    plan = load_workbook(_data, filename=filename)
    return Shown(plan=plan, name=filename, sha256=sha256, loaded_at=datetime.now(TZ), bundled=bundled,
                 derived=_derive(plan))


@st.cache_resource(max_entries=8)
def _read(path: str, mtime_ns: int, size: int) -> tuple[str, bytes]:
    """A file's bytes and sha256, read again only when its modification time or size changes."""
    data = Path(path).read_bytes()
    return hashlib.sha256(data).hexdigest(), data


def active() -> Shown | None:
    """The workbook shown to everyone: PLAN_WORKBOOK when set, else the bundled 2016 plan.

    None when the configured file cannot be read at all; the page then says so and stops.
    """
    configured = get_settings().workbook
    path = Path(configured) if configured else BUNDLED
    try:
        stat = path.stat()
        sha256, data = _read(str(path), stat.st_mtime_ns, stat.st_size)
        return _load_cached(sha256, data, path.name, path.resolve() == BUNDLED.resolve())
    except FileNotFoundError:
        st.error(f"No se encuentra el libro «{path}». Revise la variable PLAN_WORKBOOK o quítela para ver "
                 "el plan incluido.")
    except UnreadableWorkbook as error:
        show_unreadable(error, path.name)
    return None


@st.cache_resource(max_entries=256)
def _memo(name: str, sha256: str, key: tuple, _build: Callable[[], T]) -> T:
    return _build()


def memo(name: str, shown: Shown, key: tuple, build: Callable[[], T]) -> T:
    """`build()` once per workbook and key (a filter state, the % toggle), shared by every session.

    For figures and filtered views: a rerun that comes back to a state already seen pays nothing but
    sending it. What is returned is shared, so callers never mutate it.
    """
    return _memo(name, shown.sha256, key, build)


def today() -> date:
    return datetime.now(TZ).date()


def page_header(title: str, shown: Shown, *, lead: str | None = None) -> None:
    st.title(title)
    if lead:
        st.markdown(lead)
    st.caption(shown.sentence())


def require(shown: Shown | None, *tables: str, what: str = "esta página") -> Shown:
    """Guard, tell, stop: one sentence saying what is missing and what to do."""
    if shown is None:
        st.stop()
    missing = [t for t in tables if shown.plan.tables.get(t) is None or shown.plan.tables[t].empty]
    if missing:
        names = " ni ".join(f"«{TABLE_LABELS[t]}»" for t in missing)
        st.info(f"El libro mostrado no trae la tabla {names}, que necesita {what}: cargue un libro que la "
                "incluya (la plantilla `data/plan_accion_2016.xlsx` muestra el formato).")
        st.stop()
    return shown


def chart(fig: go.Figure, headline: str, *, key: str, table: pd.DataFrame | None = None,
          column_config: dict | None = None, table_label: str = "Ver la tabla del gráfico") -> None:
    """A chart with its one-line headline (also its text alternative) and the table behind it one click away."""
    st.markdown(f"**{headline}**")
    st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, theme=None, alt=headline)
    if table is not None:
        with st.expander(table_label):
            st.dataframe(table, hide_index=True, column_config=column_config)


def money_column(label: str) -> st.column_config.NumberColumn:
    return st.column_config.NumberColumn(label, format=MONEY_COLUMN)


def percent_column(label: str) -> st.column_config.NumberColumn:
    return st.column_config.NumberColumn(label, format=PERCENT_COLUMN)


def date_column(label: str) -> st.column_config.DateColumn:
    return st.column_config.DateColumn(label, format="DD/MM/YYYY")


def show_issue(issue: Issue) -> None:
    place = issue.place()
    text = f"**{place}:** {issue.message}" if place else issue.message
    (st.error if issue.severity == "error" else st.warning)(text)


def show_unreadable(error: UnreadableWorkbook, name: str) -> None:
    st.error(f"No se puede leer el libro «{name}»: {error.issue.message}")


def notes(shown: Shown, *, poa: bool = False, staff: bool = False) -> None:
    """The plan's own caveats, said plainly where the figures they qualify are shown."""
    plan = shown.plan
    if poa and plan.actividades_ilustrativas:
        st.info("**Actividades ilustrativas.** " + (plan.notas.get("nota poa") or
                "El texto del plan no trae filas de POA; estas actividades no son datos del plan."))
    if staff and plan.personal_derivado:
        st.info("**Plazas derivadas.** " + (plan.notas.get("nota personal") or
                "El plan solo da porcentajes por nivel; las plazas se derivan de ellos."))


__all__ = ["Shown", "active", "chart", "date_column", "memo", "money_column", "notes", "page_header",
           "percent_column", "require", "show_issue", "show_unreadable", "summary", "today"]

"""Every table the project reads or shows, declared once: columns, Spanish labels, kinds, aliases, constraints.

Three roles:
- `canonical`: the data contract's tables, what the loaders return (ingresos … totales_declarados);
- `header`: other tables a workbook may hold and the loaders read (tier ranges, the Plan sheet, and a
  generic budget header that becomes ingresos or egresos by its sheet or title);
- `view`: the tables the pages derive and show next to their charts.

The loaders' header matching, the page column labels and formats, the template's header row and (later)
the export headers all come from here. Column names are lower-case Spanish snake_case (the contract's).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from domain.calendar import MONTHS_SHORT

Kind = Literal["text", "money", "date", "int", "percent", "flag"]
Role = Literal["canonical", "header", "view"]

NIVELES: tuple[str, ...] = ("directivo", "apoyo", "asesor", "operativo")
# How a tier's label starts once 'nivel', 'de', 'personal' are gone ('Directiva', 'Asesoría', 'Operativos').
NIVEL_STEMS: dict[str, tuple[str, ...]] = {"directivo": ("directiv",), "apoyo": ("apoyo",), "asesor": ("asesor",),
                                           "operativo": ("operativ",)}
# Share of total staff per tier (section 5 of the plan); directivo has no range (it stays stable).
DEFAULT_RANGOS: dict[str, tuple[float, float]] = {
    "apoyo": (20.0, 25.0),
    "asesor": (10.0, 15.0),
    "operativo": (55.0, 65.0),
}


# Sane bounds: a plan's amounts are dollars of one public office, its staff people. Beyond these a value is a
# typo or an attack (and a headcount beyond 2**63 would overflow the table).
# Ten trillion: a province's budget in pesos reaches trillions, and floats stay exact to the cent below it.
MAX_AMOUNT = 10_000_000_000_000
MAX_HEADCOUNT = 1_000_000


@dataclass(frozen=True)
class Column:
    """One column: its canonical name, how people see it, what it holds and how workbooks head it."""

    name: str
    label: str  # the Spanish display label (pages, exports)
    kind: Kind = "text"
    required: bool = False  # a header row without it is not this table
    aliases: tuple[str, ...] = ()  # header spellings a workbook may use (compared through text.header_key)
    header: str | None = None  # the template's header text, when it is not the label
    minimum: float | None = None  # smallest value allowed (money and counts)
    maximum: float | None = None  # largest value a plan can mean: beyond it a value is a typo or an attack
    choices: tuple[str, ...] = ()  # the only values allowed
    optional: bool = False  # present only when a workbook has it (a follow-up's progress): not in the template

    @property
    def template_header(self) -> str:
        return self.header or self.label


@dataclass(frozen=True)
class Table:
    name: str
    label: str
    columns: tuple[Column, ...]
    role: Role = "canonical"
    min_fields: int = 2  # fewest matched columns for a header row to open this table

    @property
    def template_header(self) -> tuple[str, ...]:
        """The header row of this table's sheet in the template (data/build_workbook.py writes it)."""
        return tuple(c.template_header for c in self.columns if not c.optional)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def labels(self) -> dict[str, str]:
        return {c.name: c.label for c in self.columns}


_AMOUNT_ALIASES = ("Total", "Monto", "Importe", "Valor", "Presupuesto", "Monto USD", "Total USD",
                   "Presupuesto vigente", "Presupuesto modificado", "Presupuesto inicial", "Presupuesto aprobado",
                   "Ppto vigente", "Ppto modificado", "Ppto inicial", "Crédito vigente", "Vigente", "Modificado")

# Public-finance reports name a budget by its stage. `monto` is the current budget: the first stage found, in
# this order (each stage by the words of its header); `ejecutado` the executed amount, likewise (income first
# looks for what was collected). Words are folded (no accents, lower case); headers with '%' are rates, not
# amounts.
BUDGET_STAGES: tuple[tuple[str, ...], ...] = (("vigente", "actualizado", "definitivo"), ("modificado",),
                                              ("inicial", "aprobado", "original", "votado"))
EXECUTION_STAGES: tuple[tuple[str, ...], ...] = (("devengado",), ("ejecutado", "ejecucion"), ("pagado", "pagos"))
INCOME_EXECUTION_STAGES: tuple[tuple[str, ...], ...] = (("recaudado", "recaudacion", "percibido"),
                                                        *EXECUTION_STAGES)
# Levels of a hierarchical classification, top first, as their column headers say (folded, spaces removed).
CLASSIFICATION_LEVELS: tuple[str, ...] = ("principal", "parcial", "subparcial")
# Header words of a column that breaks one classification down (the same line repeated per unit or programme).
BREAKDOWN_WORDS: tuple[str, ...] = ("unidad", "programa", "proyecto", "dependencia", "centro", "organismo",
                                    "area", "fuente", "actividad")
# Currency marks a workbook may write next to an amount, and the currency each means.
CURRENCIES: dict[str, str] = {"us$": "USD", "usd": "USD", "bs.": "BOB", "bs": "BOB", "q.": "GTQ", "q": "GTQ",
                              "ars": "ARS", "cop": "COP", "s/.": "PEN", "s/": "PEN", "€": "EUR", "$": "USD"}
_EXECUTED_ALIASES = ("Ejecutado", "Ejecución", "Devengado", "Pagado", "Pagos", "Recaudado", "Recaudación",
                     "Percibido", "Monto ejecutado", "Presupuesto ejecutado", "Ejecución acumulada")


def _clasificacion(side: str, aliases: tuple[str, ...]) -> Column:
    return Column("clasificacion", "Clasificación", required=True, aliases=aliases,
                  header=f"Clasificación presupuestaria {side}")


def _monto(label: str = "Monto") -> Column:
    return Column("monto", label, "money", required=True, aliases=_AMOUNT_ALIASES, header="Monto", minimum=0,
                  maximum=MAX_AMOUNT)


def _desglose() -> Column:
    """A classification's breakdown when a report repeats it per unit or programme: optional, read-only."""
    return Column("desglose", "Desglose", optional=True)


def _ejecutado() -> Column:
    """The executed amount of a follow-up (devengado, recaudado…): optional, absent from a plan."""
    return Column("ejecutado", "Ejecutado", "money", aliases=_EXECUTED_ALIASES, minimum=0, maximum=MAX_AMOUNT,
                  optional=True)


INGRESOS = Table("ingresos", "Ingresos", (
    _clasificacion("ingresos", ("Clasificación presupuestaria ingresos", "Ingresos", "Clasificación de ingresos",
                                "Rubro de ingresos", "Concepto de ingresos", "Clasificación ingresos")),
    _monto(),
    _ejecutado(),
    _desglose(),
))
EGRESOS = Table("egresos", "Egresos", (
    _clasificacion("egresos", ("Clasificación presupuestaria egresos", "Egresos", "Clasificación de egresos",
                               "Rubro de egresos", "Concepto de egresos", "Clasificación egresos", "Gastos")),
    _monto(),
    _ejecutado(),
    _desglose(),
))
DONACIONES = Table("donaciones", "Donaciones", (
    Column("donante", "Donante", required=True,
           aliases=("Donante", "Cooperante", "Organismo donante", "Fuente de cooperación")),
    Column("importe", "Importe", "money", required=True, aliases=("Importe", "Monto", "Total", "Valor", "Monto USD"),
           minimum=0, maximum=MAX_AMOUNT),
    Column("fecha_finalizacion", "Fecha de finalización", "date", header="Fecha Finalización",
           aliases=("Fecha Finalización", "Fecha de finalización", "Finalización", "Fecha fin", "Vigencia",
                    "Vigencia hasta", "Fecha de vencimiento")),
))
PERSONAL = Table("personal", "Personal", (
    Column("nivel", "Nivel", required=True, aliases=("Nivel", "Nivel organizativo", "Nivel jerárquico"),
           choices=NIVELES),
    Column("unidad", "Unidad", aliases=("Unidad", "Unidad organizativa", "Dependencia")),
    Column("plazas", "Plazas", "int", required=True,
           aliases=("Plazas", "Número de plazas", "Personal", "Cantidad", "Empleados", "Personas", "N° de plazas",
                    "No. de plazas"), minimum=0, maximum=MAX_HEADCOUNT),
))
ACTIVIDADES = Table("actividades", "Actividades (POA)", (
    Column("area", "Área", aliases=("Área", "Área responsable del POA", "Unidad / Área", "Centro gestor",
                                    "Nombre centro gestor", "Dependencia", "Unidad organizacional",
                                    "Unidad ejecutora", "Organismo")),
    Column("objetivo_estrategico", "Objetivo estratégico", aliases=("Objetivo estratégico", "OE")),
    Column("objetivo_especifico", "Objetivo específico", aliases=("Objetivo específico",)),
    Column("resultado", "Resultado", aliases=("Resultados", "Resultado esperado", "Productos", "Proyectos")),
    Column("indicador", "Indicador", aliases=("Indicadores", "Indicador de logro", "Metas / Indicadores", "Metas")),
    Column("fuente_verificacion", "Fuente de verificación",
           aliases=("Fuente de verificación", "Medio de verificación", "Verificación",
                    "Fuentes y medios de verificación")),
    Column("actividad", "Actividad", required=True, aliases=("Actividades", "Acciones", "Actividad principal",
                                                             "Tareas")),
    Column("tiempo", "Tiempo", aliases=("Tiempo", "Periodo", "Período de ejecución", "Plazo", "Cronograma",
                                        "Calendarización", "Tiempo de ejecución")),
    Column("inicio", "Inicio", "date", aliases=("Inicio", "Fecha de inicio", "Fecha inicio")),
    Column("fin", "Fin", "date", aliases=("Fin", "Fecha fin", "Fecha de finalización", "Fecha final",
                                          "Fecha de término")),
    Column("responsable", "Responsable", aliases=("Responsable", "Unidad responsable", "Responsables de ejecución")),
    Column("fuente_financiamiento", "Fuente de financiamiento",
           aliases=("Fuente de financiamiento", "Financiamiento", "Fuente de fondos", "Fondos", "Fuente de recursos")),
    Column("riesgo", "Riesgo", aliases=("Riesgos", "Supuestos / Riesgos", "Supuestos", "Supuestos y riesgos")),
    Column("avance", "Avance %", "percent", aliases=("% avance", "Avance", "% de avance", "Porcentaje de avance",
                                                     "% de cumplimiento", "Porcentaje de cumplimiento",
                                                     "Avance físico", "% de ejecución física"),
           minimum=0, maximum=100, optional=True),
))
TOTALES_DECLARADOS = Table("totales_declarados", "Totales declarados", (
    Column("concepto", "Concepto"),
    Column("monto", "Monto", "money"),
))

# Header-only tables: read from a workbook, never returned as canonical tables.
PRESUPUESTO = Table("presupuesto", "Presupuesto (ingresos o egresos)", (
    Column("clasificacion", "Clasificación", required=True,
           aliases=("Clasificación", "Clasificación presupuestaria", "Concepto", "Rubro", "Descripción",
                    "Partida presupuestaria", "Partida de gasto", "Objeto del gasto", "Objeto específico", "Principal",
                    "Parcial", "Sub parcial", "Subparcial")),
    _monto(),
    _ejecutado(),
), role="header")
RANGOS = Table("rangos", "Rangos meta", (
    Column("nivel", "Nivel", required=True, aliases=("Nivel", "Nivel organizativo"), choices=NIVELES),
    Column("minimo", "Mínimo %", "percent", required=True,
           aliases=("Mínimo %", "Mínimo", "Rango mínimo", "Rango mínimo %", "Mín")),
    Column("maximo", "Máximo %", "percent", required=True,
           aliases=("Máximo %", "Máximo", "Rango máximo", "Rango máximo %", "Máx")),
), role="header")
PLAN = Table("plan", "Plan", (
    Column("campo", "Campo", required=True, aliases=("Campo", "Dato", "Parámetro")),
    Column("valor", "Valor", required=True, aliases=("Valor",)),
), role="header")

# The order matters for header matching: on a tie, the first table wins.
HEADER_TABLES: tuple[Table, ...] = (ACTIVIDADES, DONACIONES, INGRESOS, EGRESOS, PRESUPUESTO, PERSONAL, RANGOS, PLAN)
CANONICAL: dict[str, Table] = {t.name: t for t in (INGRESOS, EGRESOS, DONACIONES, PERSONAL, ACTIVIDADES,
                                                   TOTALES_DECLARADOS)}
# Tables a plan is expected to hold; totales_declarados comes with them.
EXPECTED_TABLES: tuple[str, ...] = ("ingresos", "egresos", "donaciones", "personal", "actividades")
# Every table's columns as a loader returns them when the workbook has no optional column.
COLUMNS: dict[str, tuple[str, ...]] = {name: tuple(c.name for c in t.columns if not c.optional)
                                       for name, t in CANONICAL.items()}
TABLE_LABELS: dict[str, str] = {name: t.label for name, t in CANONICAL.items()}

# Keys of totales_declarados.concepto, and how people name them.
TOTAL_INGRESOS = "total_ingresos"
TOTAL_EGRESOS = "total_egresos"
TOTAL_DONACIONES = "total_donaciones"
FONDOS_PROPIOS = "fondos_propios"
TOTAL_GENERAL = "total_general"
CONCEPTO_LABELS: dict[str, str] = {
    TOTAL_INGRESOS: "Total Ingresos",
    TOTAL_EGRESOS: "Total Egresos",
    TOTAL_DONACIONES: "Total donaciones",
    FONDOS_PROPIOS: "Fondos propios OPAMSS",
    TOTAL_GENERAL: "Total general",
}
OWN_FUNDS_LABEL = CONCEPTO_LABELS[FONDOS_PROPIOS]


# ---------------------------------------------------------------- views: what the pages derive and show

def _view(name: str, label: str, *columns: Column) -> Table:
    return Table(name, label, columns, role="view")


LINEAS = _view("lineas", "Líneas del presupuesto", Column("clasificacion", "Clasificación"),
               Column("monto", "Monto", "money"), Column("porcentaje", "% del total", "percent"))
# A follow-up's budget against what was executed (expenses) or collected (income), per classification.
EJECUCION_EGRESOS = _view("ejecucion_egresos", "Egresos: presupuesto y ejecutado",
                          Column("clasificacion", "Clasificación"), Column("monto", "Presupuesto", "money"),
                          Column("ejecutado", "Ejecutado", "money"),
                          Column("porcentaje", "% ejecutado", "percent"),
                          Column("pendiente", "Por ejecutar", "money"))
EJECUCION_INGRESOS = _view("ejecucion_ingresos", "Ingresos: previstos y recaudados",
                           Column("clasificacion", "Clasificación"), Column("monto", "Previsto", "money"),
                           Column("ejecutado", "Recaudado", "money"), Column("porcentaje", "% recaudado", "percent"),
                           Column("pendiente", "Por recaudar", "money"))
FLUJO = _view("flujo", "Flujo del presupuesto", Column("de", "De"), Column("a", "A"),
              Column("monto", "Monto", "money"))
CONCILIACION = _view("conciliacion", "Totales declarados y suma de las líneas", Column("concepto", "Concepto"),
                     Column("declarado", "Total declarado", "money"), Column("lineas", "Suma de las líneas", "money"),
                     Column("diferencia", "Diferencia", "money"), Column("estado", "Estado"))
# The end date right after the source: on a phone it shows without scrolling.
FUENTES = _view("fuentes", "Fuentes de financiamiento", Column("fuente", "Fuente"),
                Column("fecha_finalizacion", "Fecha de finalización", "date"),
                Column("termina_en_el_plan", "Termina durante el plan", "flag"),
                Column("importe", "Importe", "money"), Column("pct_donaciones", "% de las donaciones", "percent"),
                Column("pct_presupuesto", "% del presupuesto", "percent"))
NIVELES_VISTA = _view("niveles", "Personal por nivel", Column("nivel", "Nivel"), Column("plazas", "Plazas", "int"),
                      Column("porcentaje", "% del personal", "percent"), Column("rango", "Rango meta"),
                      Column("estado", "Estado"))
UNIDADES = _view("unidades", "Personal por unidad", Column("unidad", "Unidad"),
                 *(Column(n, n.capitalize(), "int") for n in NIVELES), Column("total", "Total", "int"))
PRECIPICIO = _view("precipicio", "Actividades financiadas por donantes", Column("estado", "Estado"),
                   Column("donante", "Donante"), Column("fecha_finalizacion", "Fondos hasta", "date"),
                   Column("area", "Área"), Column("actividad", "Actividad"), Column("tiempo", "Tiempo"),
                   Column("inicio", "Inicio", "date"), Column("fin", "Fin", "date"),
                   Column("despues_del_fin", "Después del fin de los fondos", "flag"))
CALENDARIO = _view("calendario", "Filas del calendario", Column("label", "Fila"), Column("kind", "Tipo"),
                   Column("inicio", "Inicio", "date"), Column("fin", "Fin", "date"),
                   Column("fuente", "Fuente de financiamiento"),
                   Column("tarde", "Después del fin de los fondos", "flag"))
CARGA = _view("carga", "Actividades en curso por mes", Column("area", "Área"),
              *(Column(m, m, "int") for m in MONTHS_SHORT))
# A follow-up's progress (charts/activities.py): per area, and the activities behind schedule at the cut-off.
AVANCE_AREAS = _view("avance_areas", "Avance por área", Column("area", "Área"),
                     Column("actividades", "Actividades con avance", "int"),
                     Column("avance", "Avance promedio", "percent"), Column("esperado", "Esperado al corte", "percent"),
                     Column("atrasadas", "Atrasadas", "int"))
ATRASADAS = _view("atrasadas", "Actividades atrasadas", Column("area", "Área"), Column("actividad", "Actividad"),
                  Column("inicio", "Inicio", "date"), Column("fin", "Fin", "date"),
                  Column("avance", "Avance", "percent"), Column("esperado", "Esperado al corte", "percent"),
                  Column("brecha", "Brecha", "percent"))
PROBLEMAS = _view("problemas", "Problemas del libro", Column("gravedad", "Gravedad"), Column("hoja", "Hoja"),
                  Column("fila", "Fila", "int"), Column("columna", "Columna"),
                  Column("mensaje", "Qué pasa y qué hacer"), Column("tipo", "Tipo"), Column("codigo", "Código"))

# What changes between two versions of a plan (domain.diff): lines, donors, totals, staff by tier, activities.
_CAMBIO = Column("cambio", "Cambio")
_ANTES, _DESPUES = Column("antes", "Antes", "money"), Column("despues", "Después", "money")
_DIFERENCIA = Column("diferencia", "Diferencia", "money")
CAMBIOS_LINEAS = _view("cambios_lineas", "Líneas que cambian", _CAMBIO, Column("clasificacion", "Clasificación"),
                       _ANTES, _DESPUES, _DIFERENCIA)
CAMBIOS_DONACIONES = _view("cambios_donaciones", "Donaciones que cambian", _CAMBIO, Column("donante", "Donante"),
                           _ANTES, _DESPUES, _DIFERENCIA, Column("fin_antes", "Finalización antes", "date"),
                           Column("fin_despues", "Finalización después", "date"))
CAMBIOS_TOTALES = _view("cambios_totales", "Totales antes y después", Column("concepto", "Concepto"), _ANTES, _DESPUES,
                        _DIFERENCIA)
CAMBIOS_PERSONAL = _view("cambios_personal", "Personal por nivel antes y después", Column("nivel", "Nivel"),
                         Column("plazas_antes", "Plazas antes", "int"), Column("pct_antes", "% antes", "percent"),
                         Column("plazas_despues", "Plazas después", "int"),
                         Column("pct_despues", "% después", "percent"), Column("diferencia", "Diferencia", "int"))
CAMBIOS_ACTIVIDADES = _view("cambios_actividades", "Actividades que cambian", _CAMBIO, Column("area", "Área"),
                            Column("actividad", "Actividad"), Column("antes", "Antes"), Column("despues", "Después"))


def validate(table: Table, frame: pd.DataFrame) -> list[str]:
    """What in `frame` breaks the declaration (columns, required values, minimums, choices): [] when nothing.

    A post-condition for tests, and later for a stored version read back by a newer loader.
    """
    problems = []
    names = tuple(c.name for c in table.columns if not c.optional or c.name in frame.columns)
    if tuple(frame.columns) != names:
        problems.append(f"{table.name}: columns {tuple(frame.columns)} != {names}")
        return problems
    for col in table.columns:
        if col.name not in frame.columns:  # an optional column the workbook does not have
            continue
        values = frame[col.name]
        if col.required and values.isna().any():
            problems.append(f"{table.name}.{col.name}: empty values")
        if col.minimum is not None and (values.dropna() < col.minimum).any():
            problems.append(f"{table.name}.{col.name}: values below {col.minimum}")
        if col.maximum is not None and (values.dropna() > col.maximum).any():
            problems.append(f"{table.name}.{col.name}: values above {col.maximum}")
        if col.choices and not values.dropna().isin(col.choices).all():
            problems.append(f"{table.name}.{col.name}: values outside {col.choices}")
    if table.name == "actividades":
        both = frame["inicio"].notna() & frame["fin"].notna()
        if (frame.loc[both, "fin"] < frame.loc[both, "inicio"]).any():
            problems.append("actividades: fin before inicio")
    return problems

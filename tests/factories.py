"""Synthetic workbooks for the tests and the benchmarks: the pasted "document layout", the flat template layout,
and the bundled plan with a generated POA of any size.

Both generators are deterministic for a given seed (fixed document properties, seeded RNG), write with
xlsxwriter in memory and return the .xlsx file as bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import xlsxwriter

YEAR = 2016
ACTIVITIES_PER_OBJECTIVE = 50
ACTIVITIES_PER_RESULT = 5

AREA_NAMES: tuple[str, ...] = (
    "Planificación Territorial",
    "Control del Desarrollo Urbano",
    "Gestión Ambiental",
    "Movilidad Urbana",
    "Desarrollo Económico Local",
    "Gestión Integral de Riesgos",
    "Comunicaciones y Relaciones Públicas",
    "Administración y Finanzas",
    "Cooperación Internacional",
    "Tecnologías de la Información",
    "Investigación y Observatorio Metropolitano",
    "Asesoría Jurídica",
)

# Realistic "Tiempo" texts and the months (1-12) each one covers.
TIEMPOS: dict[str, tuple[int, ...]] = {
    "Enero - Marzo": (1, 2, 3),
    "Marzo": (3,),
    "I Trimestre": (1, 2, 3),
    "Segundo semestre": (7, 8, 9, 10, 11, 12),
    "Permanente": tuple(range(1, 13)),
    "Ene-Mar": (1, 2, 3),
    "De febrero a junio": (2, 3, 4, 5, 6),
    f"Julio - Septiembre {YEAR}": (7, 8, 9),
}
MONTH_HEADERS: tuple[str, ...] = ("E", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D")

RESPONSABLES: tuple[str, ...] = (
    "Dirección Ejecutiva",
    "Subdirección de Planificación",
    "Subdirección de Control del Desarrollo Urbano",
    "Unidad de Gestión Ambiental",
    "Unidad de Movilidad",
    "Unidad Financiera Institucional",
    "Unidad de Cooperación",
    "Unidad de Informática",
)
FUENTES: tuple[str, ...] = ("Fondos propios OPAMSS", "AACID", "AMB", "Unión Europea/OPAMSS")
RIESGOS: tuple[str, ...] = (
    "Retraso en la transferencia de fondos de cooperación",
    "Falta de voluntad política de los municipios",
    "Rotación del personal técnico",
    "Cambios en la normativa aplicable",
    "Condiciones climáticas adversas durante la época lluviosa",
    "Baja participación de los actores locales",
    "Insuficiente disponibilidad presupuestaria",
)
VERBOS: tuple[str, ...] = (
    "Elaborar", "Actualizar", "Revisar", "Socializar", "Implementar", "Coordinar", "Monitorear",
    "Capacitar sobre", "Diseñar", "Validar",
)
OBJETOS: tuple[str, ...] = (
    "el diagnóstico territorial",
    "el plan de ordenamiento",
    "la base de datos de permisos de construcción",
    "el reglamento de la Ley de Desarrollo y Ordenamiento Territorial",
    "el sistema de información geográfica",
    "el plan de movilidad metropolitana",
    "el inventario de zonas de riesgo",
    "el informe de gestión trimestral",
    "la estrategia de comunicación institucional",
    "los convenios con municipios del AMSS",
)
MUNICIPIOS: tuple[str, ...] = (
    "San Salvador", "Soyapango", "Mejicanos", "Apopa", "Santa Tecla", "Antiguo Cuscatlán",
    "Ilopango", "San Marcos", "Ayutuxtepeque", "Cuscatancingo", "Ciudad Delgado", "Nejapa",
    "San Martín", "Tonacatepeque",
)

DOCUMENT_HEADER: tuple[str, ...] = (
    "Resultados",
    "Indicadores",
    "Fuente de Verificación",
    "Actividades",
    "Tiempo",
    "Responsable",
    "Fuente de Financiamiento",
    "Riesgo",
)
TEMPLATE_HEADER: tuple[str, ...] = (
    "Área",
    "Objetivo estratégico",
    "Objetivo específico",
    "Resultado",
    "Indicador",
    "Fuente de verificación",
    "Actividad",
    "Tiempo",
    "Responsable",
    "Fuente de financiamiento",
    "Riesgo",
)

# Fixed properties so that the same arguments always give the same bytes.
_PROPERTIES = {"title": f"Plan de Acción {YEAR}", "author": "OPAMSS", "created": dt.datetime(2016, 1, 4)}


@dataclass(frozen=True)
class Activity:
    """One activity of the plan with everything the two layouts need."""

    area_index: int  # 0-based sheet/area number
    area: str
    objetivo_estrategico: str  # full text, "OBJETIVO ESTRATÉGICO k: ..." without the prefix
    objetivo_especifico: str
    objetivo_number: int  # k, global across the workbook
    resultado: str
    indicador: str
    fuente_verificacion: str
    actividad: str
    tiempo: str
    responsable: str
    fuente_financiamiento: str
    riesgo: str


def area_name(index: int) -> str:
    """Name of area `index` (0-based); cycles through AREA_NAMES with a suffix when there are many."""
    base = AREA_NAMES[index % len(AREA_NAMES)]
    cycle = index // len(AREA_NAMES)
    return base if cycle == 0 else f"{base} {cycle + 1}"


def sheet_name(index: int) -> str:
    """Sheet name of area `index` (0-based): 'Área 1', 'Área 2', ... (always ≤ 31 characters)."""
    return f"Área {index + 1}"[:31]


def split_evenly(total: int, parts: int) -> list[int]:
    """`total` split in `parts` counts differing by at most one, larger ones first."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def iter_activities(n_activities: int, *, sheets: int = 10, seed: int = 1) -> Iterator[Activity]:
    """The plan's activities in sheet order; every area gets an (almost) equal share."""
    if n_activities < 0:
        raise ValueError("n_activities must be >= 0")
    if sheets < 1:
        raise ValueError("sheets must be >= 1")
    rng = random.Random(seed)
    tiempos = tuple(TIEMPOS)
    objetivo_number = 0
    result_number = 0
    for area_index, count in enumerate(split_evenly(n_activities, sheets)):
        area = area_name(area_index)
        oe = oesp = resultado = indicador = fuente = ""
        for i in range(count):
            if i % ACTIVITIES_PER_OBJECTIVE == 0:
                objetivo_number += 1
                municipio = rng.choice(MUNICIPIOS)
                oe = (f"Fortalecer la gestión de {area.lower()} en el Área Metropolitana de San Salvador "
                      f"(línea {objetivo_number})")
                oesp = (f"Mejorar los procesos de {area.lower()} con énfasis en el municipio de {municipio} "
                        f"(línea {objetivo_number})")
            if i % ACTIVITIES_PER_RESULT == 0:
                result_number += 1
                percent = rng.choice((50, 60, 75, 80, 90, 100))
                objeto = rng.choice(OBJETOS)
                resultado = (f"R{result_number}. {objeto[0].upper()}{objeto[1:]} de {area.lower()} "
                             f"fortalecido y en funcionamiento")
                indicador = (f"{percent}% de avance de las metas del resultado R{result_number} "
                             f"a diciembre {YEAR}")
                fuente = rng.choice(("Informe técnico", "Actas de reunión", "Listas de asistencia",
                                     "Documento aprobado", "Informe trimestral de seguimiento"))
            actividad = (f"{rng.choice(VERBOS)} {rng.choice(OBJETOS)} en {rng.choice(MUNICIPIOS)} "
                         f"(actividad {area_index + 1}.{i + 1})")
            yield Activity(
                area_index=area_index,
                area=area,
                objetivo_estrategico=oe,
                objetivo_especifico=oesp,
                objetivo_number=objetivo_number,
                resultado=resultado,
                indicador=indicador,
                fuente_verificacion=fuente,
                actividad=actividad,
                tiempo=rng.choice(tiempos),
                responsable=rng.choice(RESPONSABLES),
                fuente_financiamiento=rng.choice(FUENTES),
                riesgo=rng.choice(RIESGOS),
            )


def _new_workbook(buffer: io.BytesIO) -> xlsxwriter.Workbook:
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties(_PROPERTIES)
    return workbook


def poa_document_layout(
    n_activities: int, *, sheets: int = 10, seed: int = 1, month_marks: bool = False
) -> bytes:
    """The POA as people paste it from the plan document: one sheet per area, merged cells everywhere.

    Per sheet "Área k": a merged title "ÁREA: <name>" over the whole width, a blank row, the header, then
    the body. The first sheet has "PLAN DE ACCIÓN 2016" in row 1, the area title in row 2 and the header in
    row 4; the others have the title in row 1 and the header in row 3. Every 50 activities the body has an
    "OBJETIVO ESTRATÉGICO k: ..." row and an "OBJETIVO ESPECÍFICO k: ..." row, each merged across; the
    Resultados, Indicadores and Fuente de Verificación cells are merged down over groups of 5 activities.
    With `month_marks`, the Tiempo column is replaced by twelve month columns (E F M A M J J A S O N D)
    holding "X" in the months the activity covers.
    """
    buffer = io.BytesIO()
    workbook = _new_workbook(buffer)
    title_fmt = workbook.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    area_fmt = workbook.add_format({"bold": True, "font_size": 12, "align": "left", "valign": "vcenter"})
    header_fmt = workbook.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
                                      "border": 1, "bg_color": "#D9E1F2"})
    objective_fmt = workbook.add_format({"bold": True, "text_wrap": True, "border": 1, "bg_color": "#F2F2F2"})
    merged_fmt = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
    body_fmt = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
    mark_fmt = workbook.add_format({"align": "center", "valign": "top", "border": 1})

    tiempo_columns = MONTH_HEADERS if month_marks else DOCUMENT_HEADER[4:5]
    header = [*DOCUMENT_HEADER[:4], *tiempo_columns, *DOCUMENT_HEADER[5:]]
    last_col = len(header) - 1
    n_sheets = sheets
    worksheets = []
    next_row: list[int] = []
    for index in range(n_sheets):
        ws = workbook.add_worksheet(sheet_name(index))
        row = 0
        if index == 0:
            ws.merge_range(row, 0, row, last_col, f"PLAN DE ACCIÓN {YEAR}", title_fmt)
            row += 1
        ws.merge_range(row, 0, row, last_col, f"ÁREA: {area_name(index)}", area_fmt)
        row += 2  # the title, then a blank row
        for col, label in enumerate(header):
            ws.write_string(row, col, label, header_fmt)
        ws.freeze_panes(row + 1, 0)
        ws.set_column(0, 3, 40)
        ws.set_column(4, last_col, 4 if month_marks else 18)
        if month_marks:
            ws.set_column(last_col - 2, last_col, 24)
        worksheets.append(ws)
        next_row.append(row + 1)

    counts = split_evenly(n_activities, n_sheets)
    position = [0] * n_sheets  # activities written so far per sheet
    for act in iter_activities(n_activities, sheets=n_sheets, seed=seed):
        s = act.area_index
        ws = worksheets[s]
        row = next_row[s]
        i = position[s]
        if i % ACTIVITIES_PER_OBJECTIVE == 0:
            estrategico = f"OBJETIVO ESTRATÉGICO {act.objetivo_number}: {act.objetivo_estrategico}"
            especifico = f"OBJETIVO ESPECÍFICO {act.objetivo_number}: {act.objetivo_especifico}"
            ws.merge_range(row, 0, row, last_col, estrategico, objective_fmt)
            ws.merge_range(row + 1, 0, row + 1, last_col, especifico, objective_fmt)
            row += 2
        if i % ACTIVITIES_PER_RESULT == 0:
            group = min(ACTIVITIES_PER_RESULT, counts[s] - i)
            for col, value in enumerate((act.resultado, act.indicador, act.fuente_verificacion)):
                if group > 1:
                    ws.merge_range(row, col, row + group - 1, col, value, merged_fmt)
                else:
                    ws.write_string(row, col, value, merged_fmt)
        ws.write_string(row, 3, act.actividad, body_fmt)
        col = 4
        if month_marks:
            months = TIEMPOS[act.tiempo]
            for month in range(1, 13):
                if month in months:
                    ws.write_string(row, col + month - 1, "X", mark_fmt)
                else:
                    ws.write_blank(row, col + month - 1, None, mark_fmt)
            col += 12
        else:
            ws.write_string(row, col, act.tiempo, body_fmt)
            col += 1
        ws.write_string(row, col, act.responsable, body_fmt)
        ws.write_string(row, col + 1, act.fuente_financiamiento, body_fmt)
        ws.write_string(row, col + 2, act.riesgo, body_fmt)
        next_row[s] = row + 1
        position[s] = i + 1

    workbook.close()
    return buffer.getvalue()


def template_layout_poa(n_activities: int, *, sheets: int = 10, seed: int = 1) -> bytes:
    """The POA in the project's template: one flat `POA` sheet (header in row 1) and a `Plan` sheet."""
    buffer = io.BytesIO()
    workbook = _new_workbook(buffer)
    header_fmt = workbook.add_format({"bold": True})
    ws = workbook.add_worksheet("POA")
    for col, label in enumerate(TEMPLATE_HEADER):
        ws.write_string(0, col, label, header_fmt)
    ws.freeze_panes(1, 0)
    for row, act in enumerate(iter_activities(n_activities, sheets=sheets, seed=seed), start=1):
        values = (
            act.area,
            act.objetivo_estrategico,
            act.objetivo_especifico,
            act.resultado,
            act.indicador,
            act.fuente_verificacion,
            act.actividad,
            act.tiempo,
            act.responsable,
            act.fuente_financiamiento,
            act.riesgo,
        )
        for col, value in enumerate(values):
            ws.write_string(row, col, value)

    plan = workbook.add_worksheet("Plan")
    plan.write_string(0, 0, "Campo", header_fmt)
    plan.write_string(0, 1, "Valor", header_fmt)
    plan.write_string(1, 0, "Año")
    plan.write_number(1, 1, YEAR)
    plan.write_string(2, 0, "Título")
    plan.write_string(2, 1, f"Plan de Acción {YEAR}")
    workbook.close()
    return buffer.getvalue()


BUNDLED = Path(__file__).parents[1] / "data" / "plan_accion_2016.xlsx"


def plan_with_poa(n_activities: int, *, seed: int = 1, budget: bool = True, undated: int = 0) -> bytes:
    """The bundled 2016 plan with its POA sheet replaced by `n_activities` generated ones (template layout).

    The first `undated` activities get a Tiempo nobody can place ("Por definir"). With `budget=False`, the
    opposite case: only the budget sheets (Plan, Ingresos, Egresos), no POA.
    """
    wb = openpyxl.load_workbook(BUNDLED)
    del wb["POA"]
    if not budget:
        for name in ("Donaciones", "Personal", "Rangos"):
            del wb[name]
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue()
    ws = wb.create_sheet("POA")
    ws.append([*TEMPLATE_HEADER, "Carácter"])
    for i, act in enumerate(iter_activities(n_activities, seed=seed)):
        tiempo = "Por definir" if i < undated else act.tiempo
        ws.append([act.area, act.objetivo_estrategico, act.objetivo_especifico, act.resultado, act.indicador,
                   act.fuente_verificacion, act.actividad, tiempo, act.responsable, act.fuente_financiamiento,
                   act.riesgo, "Ilustrativa (generada para pruebas)"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def plan_with_error() -> bytes:
    """The bundled plan with one income line's amount written as «s/m»: one error, in Ingresos row 3."""
    wb = openpyxl.load_workbook(BUNDLED)
    wb["Ingresos"]["B3"] = "s/m"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# Text a hostile editor could put in a workbook to make the dashboard fetch, link, render or run something.
# 127.0.0.9 is a loopback address that is not the test server: a request to it is a leak the browser sees.
PAYLOADS: tuple[str, ...] = (
    "![x](http://127.0.0.9:9/pixel.png)",
    "[clic](http://127.0.0.9:9/enlace)",
    "http://127.0.0.9:9/auto www.ejemplo-malo.test",
    ":red[rojo] :smile: :material/home:",
    "$\\rule{2500px}{2500px}$",
    "línea\n# Título falso\n```\ncódigo",
    "<a href='http://127.0.0.9:9/a'>enlace</a><img src='http://127.0.0.9:9/i.png'>",
    "=HYPERLINK(\"http://127.0.0.9:9\",\"x\")",
    "[data](data:text/html,<script>alert(1)</script>)",
)


def plan_with_payloads() -> bytes:
    """The bundled plan with every payload in the places a workbook's text reaches the screen: the title and
    a note, classifications, donors (and the activities they fund), areas, activities, a sheet name."""
    wb = openpyxl.load_workbook(BUNDLED)
    p = PAYLOADS

    def text(cell, value: str) -> None:  # a text, even when it starts with "=" (not a formula)
        cell.value = value
        cell.data_type = "s"

    plan = wb["Plan"]
    for row in plan.iter_rows(min_row=2):
        key = str(row[0].value or "").lower()
        if key.startswith("t") and "tulo" in key:
            text(row[1], f"Plan {p[0]} {p[4]}")
        elif key == "nota poa":
            text(row[1], p[5])
    for sheet, count in (("Ingresos", 3), ("Egresos", 2)):
        for i in range(count):
            text(wb[sheet].cell(row=2 + i, column=1), f"{p[(i + 1) % len(p)]} {i}")
    donors = wb["Donaciones"]
    renamed = {}
    for i, row in enumerate(donors.iter_rows(min_row=2, max_row=4)):
        renamed[row[0].value] = f"{p[6 + i % 3]} {i}"
        text(row[0], renamed[row[0].value])
    poa = wb["POA"]
    header = [c.value for c in poa[1]]
    area, act, fund = header.index("Área"), header.index("Actividad"), header.index("Fuente de financiamiento")
    for i, row in enumerate(poa.iter_rows(min_row=2)):
        if i < 12:
            text(row[area], f"Área {p[i % len(p)]}")
            text(row[act], p[(i + 3) % len(p)])
        if row[fund].value in renamed:
            text(row[fund], renamed[row[fund].value])
    with warnings.catch_warnings():  # a title over 31 characters: Excel shortens it, the reader does not care
        warnings.simplefilter("ignore")
        wb["Egresos"].title = "Egresos <b>x<b> $x$ www.malo.test"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

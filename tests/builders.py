"""Workbooks built in code, one per quirk: the plan's document layout as finance staff paste it."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

POA_HEADER = ("Resultados", "Indicadores", "Fuente de Verificación", "Actividades", "Tiempo", "Responsable",
              "Fuente de Financiamiento", "Riesgo")
INGRESOS = (("Tasas y derechos", "$ 2,370,715.00"), ("Venta de bienes y servicios", "$ 402,619.00"),
            ("Ingresos financieros y otros", "$ 790,917.12"), ("Transferencias corrientes", "$ 317,890.20"),
            ("Venta de activos fijos", "$ 10,212.00"), ("Recuperación de inversiones financieras", "$ 850,000.00"),
            ("Saldos de años anteriores", "$ 3,126,136.06"))
EGRESOS = (("Remuneraciones", "$ 2,593,778.70"), ("Adquisiciones de bienes y servicios", "$ 1,246,241.74"),
           ("Gastos financieros y otros", "$ 155,859.76"),
           ("Transferencias corrientes al sector público", "$ 2,030,112.54"),
           ("Inversiones en activos fijos", "$ 1,242,496.63"), ("Inversiones financieras", "$ 600,000.00"))
DONANTES = (("AACID", "$ 883,217.30", "31/Dic/2016"), ("AMB", "$ 90,470.76", "31/Jul/2016"),
            ("Unión Europea/OPAMSS", "$ 76,320.28", "31/Jul/2016"))


def to_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def workbook(*sheets: tuple[str, Callable[[Worksheet], None]]) -> bytes:
    """A workbook whose sheets are filled by the given functions, in order."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, fill in sheets:
        fill(wb.create_sheet(title))
    return to_bytes(wb)


def rows(ws: Worksheet, start: int, values: Iterable[Sequence[Any]], col: int = 1) -> int:
    """Write rows from Excel row `start`; return the next free row."""
    r = start
    for line in values:
        for c, value in enumerate(line):
            if value is not None:
                ws.cell(row=r, column=col + c, value=value)
        r += 1
    return r


def section7(ws: Worksheet, *, total_egresos: str = "$ 7,868,489.38", start: int = 1) -> None:
    """Section 7 of the plan pasted as text, title rows and blank rows included, three tables on one sheet."""
    r = rows(ws, start, [["PLAN DE ACCIÓN 2016"], ["7 PRESUPUESTO"],
                         ["El presupuesto proyectado indicado en el Plan de Acción 2016 corresponde a:"], []])
    r = rows(ws, r, [["Clasificación presupuestaria ingresos", "Total"], *INGRESOS,
                     ["Total Ingresos", "$ 7,868,489.38"], []])
    r = rows(ws, r, [["Clasificación presupuestaria egresos", "Total"], *EGRESOS, ["Total Egresos", total_egresos],
                     []])
    rows(ws, r, [["Donante", "Importe", "Fecha Finalización"], *DONANTES, ["Total", "$ 1,050,008.34"], [],
                 ["OPAMSS:", "$ 6,818,481.04"], ["DONACIONES:", "$ 1,050,008.34"], ["TOTAL:", "$ 7,868,489.38"]])


def poa_sheet(ws: Worksheet, activities: Sequence[Sequence[str]], *, area_title: str | None = None,
              header: Sequence[str] = POA_HEADER, merge_results: bool = True, first_row: int = 1) -> None:
    """A POA matrix as in section 6: objective rows merged across, results merged down over activities.

    Each activity is (resultado, indicador, fuente, actividad, tiempo, responsable, financiamiento, riesgo);
    consecutive activities with the same resultado get one merged Resultado/Indicador/Fuente cell.
    """
    width = len(header)
    r = first_row
    if area_title:
        ws.cell(row=r, column=1, value=area_title)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 2
    rows(ws, r, [header])
    r += 1
    for text in ("OBJETIVO ESTRATÉGICO 1: Gestión territorial y del desarrollo urbano",
                 "OBJETIVO ESPECÍFICO 1: Fortalecer el control del desarrollo urbano"):
        ws.cell(row=r, column=1, value=text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
    group_start = r
    for i, activity in enumerate(activities):
        first_of_group = i == 0 or activity[0] != activities[i - 1][0]
        if first_of_group or not merge_results:
            rows(ws, r, [activity[:3]])
        rows(ws, r, [activity[3:]], col=4)
        last_of_group = i == len(activities) - 1 or activities[i + 1][0] != activity[0]
        if first_of_group:
            group_start = r
        if merge_results and last_of_group and r > group_start:
            for c in (1, 2, 3):
                ws.merge_cells(start_row=group_start, start_column=c, end_row=r, end_column=c)
        r += 1


ACTIVIDADES = (
    ("Permisos tramitados a tiempo", "90 % en plazo", "Informe mensual", "Revisar trámites de parcelación",
     "Enero - Marzo", "Subdirección de Control del Desarrollo Urbano", "Fondos propios OPAMSS", "Demanda alta"),
    ("Permisos tramitados a tiempo", "90 % en plazo", "Informe mensual", "Recepción de obras", "II Trimestre",
     "Subdirección de Control del Desarrollo Urbano", "Fondos propios OPAMSS", "Falta de personal"),
    ("Permisos tramitados a tiempo", "90 % en plazo", "Informe mensual", "Calificación de usos de suelo",
     "Permanente", "Subdirección de Control del Desarrollo Urbano", "AACID", "Cambios normativos"),
    ("Normativa actualizada", "1 reglamento", "Acta del COAMSS", "Actualizar el reglamento de la LDOT",
     "De febrero a junio", "Unidad Jurídica", "AMB", "Falta de consenso"),
)


def fill(ws: Worksheet, cell: str, color: str = "FFFFC000") -> None:
    ws[cell].fill = PatternFill(fill_type="solid", start_color=color, end_color=color)


def revised_section7(ws: Worksheet) -> None:
    """A mid-year budget revision pasted in the plan's own layout: $100,000.00 more fees, spent on salaries.
    It has no staff or POA sheet: published, it keeps those of the version it replaces."""
    r = rows(ws, 1, [["PLAN DE ACCIÓN 2016"], ["7 PRESUPUESTO (REVISIÓN DE JULIO)"], []])
    ingresos = (("Tasas y derechos", "$ 2,470,715.00"), *INGRESOS[1:])
    egresos = (("Remuneraciones", "$ 2,693,778.70"), *EGRESOS[1:])
    r = rows(ws, r, [["Clasificación presupuestaria ingresos", "Total"], *ingresos,
                     ["Total Ingresos", "$ 7,968,489.38"], []])
    r = rows(ws, r, [["Clasificación presupuestaria egresos", "Total"], *egresos, ["Total Egresos", "$ 7,968,489.37"],
                     []])
    rows(ws, r, [["Donante", "Importe", "Fecha Finalización"], *DONANTES, ["Total", "$ 1,050,008.34"], [],
                 ["OPAMSS:", "$ 6,918,481.04"], ["DONACIONES:", "$ 1,050,008.34"], ["TOTAL:", "$ 7,968,489.38"]])


def revised_budget() -> bytes:
    return workbook(("Presupuesto", revised_section7))

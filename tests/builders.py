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


# ---------------------------------------------------------------- a mid-year follow-up (issue 10, item 6)

# (classification, current budget, executed) as a finance office reports them at the cut-off of 30/06/2016.
INGRESOS_RECAUDADOS = (("Tasas y derechos", "$ 2,370,715.00", "$ 1,185,357.50"),
                       ("Venta de bienes y servicios", "$ 402,619.00", "$ 150,000.00"),
                       ("Ingresos financieros y otros", "$ 790,917.12", "$ 395,458.56"),
                       ("Transferencias corrientes", "$ 317,890.20", "$ 0.00"),
                       ("Venta de activos fijos", "$ 10,212.00", "$ 10,212.00"),
                       ("Recuperación de inversiones financieras", "$ 850,000.00", "$ 425,000.00"),
                       ("Saldos de años anteriores", "$ 3,126,136.06", "$ 3,126,136.06"))
EGRESOS_DEVENGADOS = (("Remuneraciones", "$ 2,593,778.70", "$ 1,296,889.35"),
                      ("Adquisiciones de bienes y servicios", "$ 1,246,241.74", "$ 498,496.70"),
                      ("Gastos financieros y otros", "$ 155,859.76", "$ 77,929.88"),
                      ("Transferencias corrientes al sector público", "$ 2,030,112.54", "$ 1,015,056.27"),
                      ("Inversiones en activos fijos", "$ 1,242,496.63", "$ 124,249.66"),
                      ("Inversiones financieras", "$ 600,000.00", "$ 0.00"))


def follow_up_section7(ws: Worksheet) -> None:
    """The plan's section 7 as a follow-up: current budget and executed amounts, with a cut-off in the title."""
    r = rows(ws, 1, [["PLAN DE ACCIÓN 2016"], ["SEGUIMIENTO DEL PRESUPUESTO AL 30 DE JUNIO DE 2016"], []])
    r = rows(ws, r, [["Clasificación presupuestaria ingresos", "Presupuesto vigente", "Recaudado"],
                     *INGRESOS_RECAUDADOS, ["Total Ingresos", "$ 7,868,489.38", "$ 5,292,164.12"], []])
    r = rows(ws, r, [["Clasificación presupuestaria egresos", "Presupuesto modificado", "Devengado"],
                     *EGRESOS_DEVENGADOS, ["Total Egresos", "$ 7,868,489.37", "$ 3,012,621.86"], []])
    rows(ws, r, [["Donante", "Importe", "Fecha Finalización"], *DONANTES, ["Total", "$ 1,050,008.34"]])


def follow_up() -> bytes:
    """A follow-up workbook in the shape of the bundled plan: budget, executed amounts and a cut-off date."""
    return workbook(("Seguimiento", follow_up_section7))


# ---------------------------------------------------------------- headers and month grids as people build them
# One builder per layout met in real POAs (numbered headers over Programado/Realizado sub-columns, forms
# repeated per unit, weekly Gantts, colour-only schedules, cash programming): each reproduces the pattern, not
# any real file's content.

MESES_ABBR = ("ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC")
MESES = ("ENERO", "FEBRERO", "MARZO", "ABRIL", "MAYO", "JUNIO", "JULIO", "AGOSTO", "SEPTIEMBRE", "OCTUBRE",
         "NOVIEMBRE", "DICIEMBRE")
SUBCOLUMNS = ("Programado", "Realizado", "Cumplimiento", "Medio de verificación \no \nCausal de \nIncumplimiento")


def numbered_follow_up(ws: Worksheet) -> None:
    """A municipal POA follow-up: numbered headers ('6.  ACTIVIDAD'), each month over four sub-columns
    (Programado / Realizado / Cumplimiento / Medio de verificación), a quarterly column after each quarter.

    Activity 1 is programmed in Jan–Mar and realised in Jan; activity 2 only in June ('N/A' and '0' elsewhere)."""
    rows(ws, 1, [[None, "ALCALDÍA MUNICIPAL"], [None, "PLAN OPERATIVO ANUAL 2025"], []])
    ws.cell(row=5, column=2, value="N°")
    for col, text in enumerate(("4.PROYECTOS ", "5. METAS", "6.  ACTIVIDAD", "7. UNIDAD DE MEDIDA"), start=3):
        ws.cell(row=5, column=col, value=text)
    col = 7
    for month, name in enumerate(MESES_ABBR, start=1):
        ws.cell(row=5, column=col, value=name)
        for k, sub in enumerate(SUBCOLUMNS):
            ws.cell(row=6, column=col + k, value=sub)
        col += 4
        if month % 3 == 0:
            ws.cell(row=6, column=col, value="Seguimiento\nTrimestral")
            col += 1
    ws.cell(row=5, column=col, value="10. Total de \nRecursos\n$$$")
    programme = {1: ["1", "1", "1"] + ["N/A"] * 9, 2: ["0"] * 5 + ["1"] + ["-"] * 6}
    realised = {1: ["1"], 2: []}
    for i, text in ((1, "Contratar el servicio de recolección"), (2, "Coordinar reuniones con el equipo")):
        r = 6 + i
        rows(ws, r, [[i, "Ciudad limpia", "Optimizar el servicio", text, "Requerimiento"]], col=2)
        col = 7
        for month in range(12):
            ws.cell(row=r, column=col, value=programme[i][month])
            if month < len(realised[i]):
                ws.cell(row=r, column=col + 1, value=realised[i][month])
            col += 4 + (1 if month % 3 == 2 else 0)


def unit_form(ws: Worksheet, units: Sequence[str] = ("DIRECCIÓN GENERAL", "ÁREA DE COMUNICACIÓN")) -> None:
    """A POA form printed once per unit: a label/value preamble, a three-row header merged down
    ('Actividad/Tareas(4)', 'Responsable de ejecución de la Operación/Tarea(6)'), a task code column, budget
    sub-lines under each task and a TOTAL row. Two tasks per unit."""
    header = ("Código Operación(1)", "Operación(2)", "Código tarea(3)", "Actividad/Tareas(4)",
              "Responsable de ejecución de la Operación/Tarea(6)", "Partida(7)", "TOTAL (por Operación)(14)")
    r = 1
    for unit in units:
        r = rows(ws, r, [["FORMULARIO 5"], ["UNIDAD ORGANIZACIONAL", unit], ["PLAN OPERATIVO ANUAL"]])
        rows(ws, r, [header, header, header])
        for c in range(1, len(header) + 1):
            ws.merge_cells(start_row=r, start_column=c, end_row=r + 2, end_column=c)
        r = rows(ws, r + 3, [["4.1", "Seguimiento", "4.1.1", f"COORDINAR ACTIVIDADES DE {unit}", "DIRECTOR", "31120",
                              "10,000.00 "],
                             ["4.1", "Seguimiento", None, None, "DIRECTOR", "22110", "980.00 "],
                             ["4.1", "Seguimiento", "4.1.2", f"EVALUAR LAS ACTIVIDADES DE {unit}", "TÉCNICO", "22210",
                              "500.00 "],
                             ["TOTAL", None, None, None, None, None, "11,480.00"], []])


def cash_memo(ws: Worksheet) -> None:
    """A budget memo: an 'ACTIVIDAD' column of programme codes ('01') and a 'PROGRAMACIÓN MENSUAL' band over
    ENERO … DICIEMBRE holding amounts ('0.00' in idle months)."""
    rows(ws, 1, [["MEMORIAS DE CÁLCULO - GESTIÓN 2024"], []])
    rows(ws, 3, [["PROGRAMA", "ACTIVIDAD", "PARTIDA DE GASTO", "DESCRIPCIÓN", "TOTAL",
                  *["PROGRAMACIÓN MENSUAL"] * 12],
                 ["PROGRAMA", "ACTIVIDAD", "PARTIDA DE GASTO", "DESCRIPCIÓN", "TOTAL", *MESES]])
    ws.merge_cells(start_row=3, start_column=6, end_row=3, end_column=17)
    for i, (item, amount) in enumerate((("PASAJES AL INTERIOR", "10,000.00 "), ("VIÁTICOS", "980.00 "))):
        months = ["0.00 "] * 12
        months[5 + i] = amount
        rows(ws, 5 + i, [["01", "01", "22110", item, amount, *months]])


def weekly_gantt(ws: Worksheet) -> None:
    """A road map: 'ACTIVIDADES' merged over two columns, months JUNIO … DICIEMBRE each merged over four weeks
    I–IV, marks 'X', results as section rows. The first activity runs the first two weeks of June; the second
    from the last week of July to August."""
    months = MESES[5:]
    rows(ws, 1, [["HOJA DE RUTA 2026"], []])
    ws.cell(row=3, column=1, value="No.")
    ws.cell(row=3, column=2, value="ACTIVIDADES")
    ws.merge_cells(start_row=3, start_column=1, end_row=4, end_column=1)
    ws.merge_cells(start_row=3, start_column=2, end_row=4, end_column=3)
    for m, name in enumerate(months):
        col = 4 + 4 * m
        ws.cell(row=3, column=col, value=name)
        ws.merge_cells(start_row=3, start_column=col, end_row=3, end_column=col + 3)
        for w, week in enumerate(("I", "II", "III", "IV")):
            ws.cell(row=4, column=col + w, value=week)
    last = 4 + 4 * len(months)
    for k, text in enumerate(("RESPONSABLES", "% Avance")):
        ws.cell(row=3, column=last + k, value=text)
        ws.merge_cells(start_row=3, start_column=last + k, end_row=4, end_column=last + k)
    rows(ws, 5, [[" RESULTADO 1 :", None, "LOS GOBIERNOS LOCALES CUENTAN CON PLANES"]])
    rows(ws, 6, [[1, "Socializar los lineamientos con los gobiernos locales", None, "X", "X"],
                 [2, "Apoyar la actualización de los planes de acción"]])
    for col in range(11, 16):
        ws.cell(row=7, column=col, value="X")
    ws.cell(row=6, column=last, value="SPREA")
    ws.cell(row=7, column=last, value="Coordinaciones zonales")


def colour_schedule(ws: Worksheet) -> None:
    """A practice schedule: months MAY … OCT (one in English, 'AUG'), no header over the numbered activities,
    marks by fill colour only, except the third row: 'X' in May and June and July by its fill alone."""
    rows(ws, 1, [[None, "MAY", "JUN", "JUL", "AUG", "SEP", "OCT"]])
    rows(ws, 2, [["1.\u00a0\u00a0 Visita técnica al laboratorio de aguas"],
                 ["2.\u00a0 Redacción del manual de calidad"], ["3. Informe de resultados", "X", "X"]])
    fill(ws, "B2")
    for cell in ("E3", "F3", "D4"):
        fill(ws, cell)


def qualified_headers(ws: Worksheet) -> None:
    """A follow-up with qualified labels: 'Cód Actividad' (codes) beside 'Nombre Actividad' (names), 'Fecha
    Inicio'/'Fecha Fin', 'Nombre Centro Gestor', a responsible 'EN EL NIVEL NACIONAL' and a verification 'o Causal
    de Incumplimiento'."""
    rows(ws, 1, [["SEGUIMIENTO AL PLAN DE ACCIÓN 2025"], [],
                 ["Cód Actividad", "Nombre Actividad", "Fecha Inicio", "Fecha Fin", "Nombre Centro Gestor",
                  "RESPONSABLE DE LA ACTIVIDAD EN EL NIVEL NACIONAL",
                  "Medio de verificación o Causal de Incumplimiento"],
                 ["BP2600537510", "Adquirir materiales para el mejoramiento vial", "01/02/2025", "31/12/2025",
                  "Secretaría de Infraestructura", "Subsecretaría vial", "Contrato firmado"],
                 ["BP2600537511", "Capacitar a las juntas comunales", "01/03/2025", "30/06/2025",
                  "Secretaría de Gobierno", "Subsecretaría de participación", "Listas de asistencia"]])


def code_and_text_activity(ws: Worksheet) -> None:
    """Two columns that could be the activity: 'ACTIVIDAD' holds codes ('001'), 'ACTIVIDAD DEL POA⏎DESCRIPCIÓN'
    holds the names; months numbered 1–12 marked 'X'."""
    rows(ws, 1, [["PLAN OPERATIVO ANUAL 2016"], [],
                 ["ACTIVIDAD", "ACTIVIDAD DEL POA\nDESCRIPCIÓN", "Responsable", *range(1, 13)],
                 ["001", "Revisar los trámites de parcelación", "Control urbano", "X", "X", "X"],
                 ["002", "Actualizar el reglamento", "Unidad Jurídica", None, None, None, None, "X", "X"]])


def quarter_grid(ws: Worksheet, labels: Sequence[str] = ("Trimestre I", "Trimestre II", "Trimestre III",
                                                           "Trimestre IV")) -> None:
    """A POA whose grid is quarters: the first activity in Q1, the second in Q2 and Q3."""
    rows(ws, 1, [["PLAN DE ACCIÓN 2016"], [], ["Descripción de la actividad", "Unidad Organizacional", *labels],
                 ["Revisar los trámites de parcelación", "Control urbano", "X"],
                 ["Actualizar el reglamento", "Unidad Jurídica", None, "X", "x"]])


def memo_forms(ws: Worksheet, units: Sequence[str] = ("DIRECCIÓN GENERAL", "UNIDAD FINANCIERA")) -> None:
    """Budget memos printed once per unit: a preamble ('Formulario 9', a title, 'UNIDAD ORGANIZACIONAL:'), a
    two-row header whose first amount-like column ('PRESUPUESTOS' over 'PROGRAMA') holds programme codes ('01'),
    expense items by 'PARTIDA DE GASTO' (codes) with their 'DESCRIPCIÓN', a 'TOTAL' per item and per unit
    (the word merged across the row, the amount under TOTAL), and cash programming by month."""
    items = {0: (("22110", "PASAJES AL INTERIOR DEL PAÍS", "10,000.00 "), ("22210", "VIÁTICOS", "980.00 ")),
             1: (("22110", "PASAJES AL INTERIOR DEL PAÍS", "2,500.00 "), ("39800", "OTROS REPUESTOS", "120.50 "))}
    r = 1
    for k, unit in enumerate(units):
        r = rows(ws, r, [["Formulario 9"], ["MEMORIAS DE CÁLCULO POR PARTIDA DE GASTO - GESTIÓN 2024"],
                         ["UNIDAD ORGANIZACIONAL:", None, None, unit], []])
        r = rows(ws, r, [["UNIDAD EJECUTORA", "PRESUPUESTOS", None, "PARTIDA DE GASTO", "DESCRIPCIÓN", "TOTAL",
                          "PROGRAMACIÓN MENSUAL", *[None] * 11],
                         [None, "PROGRAMA", "ACTIVIDAD", None, None, None, *MESES]])
        for code, item, amount in items[k]:
            months = ["0.00 "] * 12
            months[6] = amount
            r = rows(ws, r, [["01", "01", "01", code, item, amount, *months]])
        total = sum(float(a.replace(",", "")) for _, _, a in items[k])
        ws.cell(row=r, column=1, value="TOTAL")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        ws.cell(row=r, column=6, value=f"{total:,.2f}")
        r += 2


def unit_summary(ws: Worksheet) -> None:
    """A follow-up's summary sheet: budget and execution per organism ('Cód centro gestor'), no classification."""
    rows(ws, 1, [["SEGUIMIENTO AL PLAN DE ACCIÓN - II TRIMESTRE 2025"], [],
                 ["Cód centro gestor", "Cód centro gestor", "Ppto Inicial", "Ppto Modificado", "Ejecución"],
                 ["4112", "Secretaría de Gobierno", "8256210545", "17256210545", "7096093625"]])


def income_report(ws: Worksheet) -> None:
    """An income report whose sheet and title say nothing of income: levels PRINCIPAL / PARCIAL / SUB PARCIAL,
    PRESUPUESTO VIGENTE and RECAUDACION (its own words say income)."""
    rows(ws, 1, [["AÑO", "MES", "PRINCIPAL", "PARCIAL", "SUB PARCIAL", "PRESUPUESTO VIGENTE", "RECAUDACION"],
                 ["2025", "6", "01- Impuestos", "01- Ingresos Brutos", None, "100.00", "60.00"],
                 ["2025", "6", "01- Impuestos", "02- Inmobiliario", None, "50.00", "20.00"],
                 ["2025", "6", "02- Tasas", None, None, "30.00", "30.00"]])


def follow_up_progress(ws: Worksheet) -> None:
    """The POA of a mid-year follow-up of the 2016 plan: dates and '% Avance' per activity (illustrative)."""
    rows(ws, 1, [["SEGUIMIENTO DEL PLAN OPERATIVO ANUAL 2016"], [],
                 ["Área", "Actividades", "Fecha Inicio", "Fecha Fin", "% Avance"],
                 ["Unidad Jurídica", "Revisar contratos", "01/01/2016", "31/12/2016", "80 %"],
                 ["Unidad Jurídica", "Actualizar reglamento", "01/01/2016", "30/06/2016", "25 %"],
                 ["Planificación", "Medir indicadores", "01/01/2016", "31/03/2016", "100 %"]])


def follow_up_with_progress() -> bytes:
    """A whole follow-up: budget with executed amounts, donors, and the POA with progress, cut off 30/06/2016."""
    return workbook(("Seguimiento", follow_up_section7), ("POA", follow_up_progress))

"""An empty workbook in the template layout, built from the table declarations (domain/schema.py).

A first sheet says, in Spanish, what goes on each sheet and in each column; then one sheet per table with
its header row. Sheet names and header rows are the bundled plan's (data/build_workbook.py writes those from
the same declarations), so a filled template loads as the bundled plan does. Stated totals have no sheet of
their own: the loaders read them from «Total …» rows under the budget and donation lines, and the
instructions say so.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from domain.fmt import join_names
from domain.schema import (
    ACTIVIDADES,
    CONCEPTO_LABELS,
    DEFAULT_RANGOS,
    DONACIONES,
    EGRESOS,
    FONDOS_PROPIOS,
    INGRESOS,
    PERSONAL,
    PLAN,
    RANGOS,
    TOTAL_DONACIONES,
    TOTAL_EGRESOS,
    TOTAL_GENERAL,
    TOTAL_INGRESOS,
    Column,
    Kind,
    Table,
)

INSTRUCTIONS = "Instrucciones"
# (sheet name, table): the bundled plan's sheets, in its order.
SHEETS: tuple[tuple[str, Table], ...] = (
    ("Plan", PLAN), ("Ingresos", INGRESOS), ("Egresos", EGRESOS), ("Donaciones", DONACIONES),
    ("Personal", PERSONAL), ("Rangos", RANGOS), ("POA", ACTIVIDADES),
)
# The Plan sheet's fields, written in its «Campo» column for the clerk to give their «Valor».
PLAN_FIELDS: tuple[str, ...] = ("Año", "Título", "Institución")

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "dd/mm/yyyy"
FORMATS: dict[Kind, str] = {"money": MONEY_FORMAT, "date": DATE_FORMAT}
KIND_WORDS: dict[Kind, str] = {
    "text": "texto",
    "money": "monto en dólares, sin símbolo",
    "date": "fecha dd/mm/aaaa",
    "int": "número entero",
    "percent": "porcentaje: un número de 0 a 100, sin el signo %",
    "flag": "Sí o No",
}
WIDTHS: dict[Kind, int] = {"text": 30, "money": 18, "date": 14, "int": 12, "percent": 12, "flag": 10}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill(fill_type="solid", start_color="DDEBF7", end_color="DDEBF7")  # the bundled plan's
WRAP = Alignment(wrap_text=True, vertical="top")


def _ranges() -> str:
    return join_names([f"{nivel} {low:g}–{high:g} %" for nivel, (low, high) in DEFAULT_RANGOS.items()])


# What each sheet holds, by table name: the first half of its paragraph in the instructions.
PURPOSES: dict[str, str] = {
    "plan": ("Los datos del plan, uno por fila: en «Campo» el nombre del dato y en «Valor» su valor. «Año» "
             "(en cuatro cifras) es el año del plan; «Título», el nombre que muestra el tablero; «Institución», "
             "quién lo elabora. Si las actividades del POA son de ejemplo, agregue la fila «Actividades "
             "ilustrativas» con el valor «Sí»."),
    "ingresos": ("Las líneas de ingresos del presupuesto, una por fila. Al final puede agregar una fila "
                 f"«{CONCEPTO_LABELS[TOTAL_INGRESOS]}» con el total que declara el plan: el tablero lo compara "
                 "con la suma de las líneas."),
    "egresos": ("Las líneas de egresos del presupuesto, una por fila. Al final puede agregar una fila "
                f"«{CONCEPTO_LABELS[TOTAL_EGRESOS]}» con el total que declara el plan: el tablero lo compara "
                "con la suma de las líneas."),
    "donaciones": ("Los fondos de cooperación, un donante por fila, con su importe y la fecha en que terminan "
                   "sus fondos. Debajo puede agregar las filas "
                   f"«{CONCEPTO_LABELS[TOTAL_DONACIONES]}», «{CONCEPTO_LABELS[FONDOS_PROPIOS]}» y "
                   f"«{CONCEPTO_LABELS[TOTAL_GENERAL]}» con los totales que declara el plan."),
    "personal": ("Las plazas de la institución: una fila por nivel o, si se detalla por unidad, una fila por "
                 "unidad y nivel."),
    "rangos": ("Opcional: la parte del personal que cada nivel debe tener, en porcentaje del total. Si la deja "
               f"vacía, el tablero usa los rangos del plan: {_ranges()}."),
    "actividades": ("El Plan Operativo Anual (POA): una actividad por fila. «Tiempo» admite textos como "
                    "«Enero - Marzo», «I Trimestre» o «Permanente»; «Inicio» y «Fin» son opcionales."),
}
GENERAL: tuple[str, ...] = (
    "Llene cada hoja debajo de su fila de cabecera (fila 1), sin cambiarla ni moverla. Deje vacía la hoja "
    "de una tabla que el plan no tenga: el tablero avisará que falta.",
    "Escriba los montos como números, con punto decimal y sin el símbolo de dólar; las fechas como "
    "dd/mm/aaaa. Las columnas obligatorias deben tener un valor en cada fila.",
)
# No year anywhere in these texts: the loaders take a year from any text that names a plan (a title row).
POA_NOTE = ("Nota: las filas del POA del plan que trae el tablero son ilustrativas: el texto de ese plan no "
            "incluye filas de POA. No las copie como datos de su plan.")


def template() -> bytes:
    """The empty template as .xlsx bytes: instructions first, then one sheet per table."""
    wb = Workbook()
    _instructions(wb.active)
    for name, table in SHEETS:
        _table_sheet(wb.create_sheet(name), table)
    _plan_fields(wb["Plan"])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- instructions

def _describe(column: Column) -> str:
    """'«Nivel» (texto, obligatoria; valores: directivo, apoyo, asesor u operativo)'."""
    parts = [KIND_WORDS[column.kind]]
    if column.required:
        parts.append("obligatoria")
    text = ", ".join(parts)
    if column.choices:
        text += f"; valores: {join_names(list(column.choices), 'u')}"
    return f"«{column.template_header}» ({text})"


def _paragraph(table: Table) -> str:
    """What a table's sheet holds, then each column with what it takes."""
    columns = "; ".join(_describe(c) for c in table.columns)
    return f"{PURPOSES[table.name]} Columnas: {columns}."


def _instructions(ws: Worksheet) -> None:
    """One text per row in column A: never two cells in a row, so the loaders never take a row for a header."""
    ws.title = INSTRUCTIONS
    ws.column_dimensions["A"].width = 110
    lines: list[tuple[str, bool]] = [("Plantilla del Plan de Acción: instrucciones", True), ("", False)]
    lines += [(text, False) for text in GENERAL]
    for name, table in SHEETS:
        lines += [("", False), (f"Hoja «{name}»", True), (_paragraph(table), False)]
    lines += [("", False), (POA_NOTE, False)]
    for row, (text, bold) in enumerate(lines, start=1):
        if text:
            cell = ws.cell(row, 1, text)
            cell.alignment = WRAP
            cell.font = Font(bold=bold)


# ---------------------------------------------------------------- table sheets

def _table_sheet(ws: Worksheet, table: Table) -> None:
    """The header row (bold, frozen), widths, number formats by kind and a drop-down for columns with choices."""
    # A follow-up's optional columns (avance, ejecutado) are not part of the plan's template.
    for col, column in enumerate((c for c in table.columns if not c.optional), start=1):
        cell = ws.cell(1, col, column.template_header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        letter = get_column_letter(col)
        dimension = ws.column_dimensions[letter]
        dimension.width = max(WIDTHS[column.kind], len(column.template_header) + 4)
        if column.kind in FORMATS:
            dimension.number_format = FORMATS[column.kind]  # a column style: cells typed later take it
        if column.choices:
            _choices(ws, letter, column)
    ws.freeze_panes = "A2"


def _choices(ws: Worksheet, letter: str, column: Column) -> None:
    """A drop-down of the allowed values; it only warns, since the loaders also read 'Nivel directivo'."""
    rule = DataValidation(type="list", formula1=f'"{",".join(column.choices)}"', allow_blank=True,
                          errorStyle="warning", showErrorMessage=True, errorTitle=column.label,
                          error=f"Valores permitidos: {join_names(list(column.choices), 'u')}.")
    rule.add(f"{letter}2:{letter}1048576")
    ws.add_data_validation(rule)


def _plan_fields(ws: Worksheet) -> None:
    """The Plan sheet's field names, ready for their values (a field without a value is not read)."""
    for row, field in enumerate(PLAN_FIELDS, start=2):
        ws.cell(row, 1, field)

"""The plan year (loaders/orchestrator.py) and the dates of activities (loaders/poa.py) in real layouts.

Titles like "POA - VIGENCIA 2024" in a file named 2025, years in body cells and hidden sheets, "N/A" in a date
column, month/day/year dates and typos such as "2/2/0205" (all seen in real follow-ups).
"""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from loaders import load_workbook
from tests.builders import rows, to_bytes, workbook


def poa(title: str | None, *activities: tuple[str, str, str]) -> object:
    def build(ws: Worksheet) -> None:
        r = rows(ws, 1, [[title], []]) if title else 1
        rows(ws, r, [["Actividades", "Responsable", "Fecha Inicio", "Fecha Fin"],
                     *[(name, "Ana", start, end) for name, start, end in activities]])
    return build


def test_a_title_that_disagrees_with_the_file_name_wins_and_the_warning_says_which_was_used() -> None:
    data = workbook(("Unidad Jurídica", poa("POA - VIGENCIA 2024", ("Revisar", "01/02/2024", "28/02/2024"))))
    result = load_workbook(data, filename="poa_2025.xlsx")
    assert result.anio == 2024
    [warning] = [w for w in result.warnings if w.code == "anio_fuentes_distintas"]
    assert "VIGENCIA 2024" in warning.message and "poa_2025.xlsx" in warning.message
    assert "se usa 2024" in warning.message


def test_the_year_never_comes_from_body_cells_or_hidden_sheets() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Unidad Jurídica"
    rows(ws, 1, [["Actividades", "Responsable", "Fecha Inicio", "Fecha Fin"],
                 ["Plan de trabajo 2019", "Ana", "01/02/2025", "28/02/2025"]])
    hidden = wb.create_sheet("Anterior")
    rows(hidden, 1, [["PLAN OPERATIVO ANUAL 2018"]])
    hidden.sheet_state = "hidden"
    result = load_workbook(to_bytes(wb), filename="seguimiento_2025.xlsx")
    assert result.anio == 2025
    assert not [w for w in result.warnings if w.code == "anio_fuentes_distintas"]


def test_na_dates_are_no_dates_with_one_summary_line_and_day_month_orders_are_read() -> None:
    data = workbook(("Unidad Jurídica", poa(
        "PLAN OPERATIVO ANUAL 2025",
        ("Uno", "N/A", "N/A"), ("Dos", "N/A", "N/A"), ("Tres", "13/1/2025", "1/13/2025"),
        ("Cuatro", "1/2/2025", "28/2/2025"))))
    result = load_workbook(data)
    poa_table = result.tables["actividades"].set_index("actividad")
    assert poa_table.loc["Tres", "inicio"] == date(2025, 1, 13) and poa_table.loc["Tres", "fin"] == date(2025, 1, 13)
    assert poa_table.loc["Cuatro", "inicio"] == date(2025, 2, 1)
    assert poa_table[["inicio", "fin"]].loc[["Uno", "Dos"]].isna().all().all()
    [na] = [w for w in result.warnings if w.code == "fecha_no_aplica"]
    assert na.message.startswith("4 fechas de actividades dicen «N/A»")
    assert not [w for w in result.warnings if w.code == "fecha_actividad_invalida"]
    assert len([w for w in result.warnings if w.code == "fecha_mes_dia"]) == 1


def test_a_date_far_outside_the_plan_year_is_a_warning_naming_the_cell() -> None:
    data = workbook(("Unidad Jurídica", poa("PLAN OPERATIVO ANUAL 2025",
                                            ("Revisar los contratos", "2/2/0205", "28/2/2025"),
                                            ("Actualizar el reglamento", "1/3/2025", "31/3/2025"))))
    result = load_workbook(data)
    poa_table = result.tables["actividades"]
    assert poa_table["inicio"].isna().iloc[0] and poa_table["inicio"].iloc[1] == date(2025, 3, 1)
    flagged = [w for w in result.warnings + result.errors if w.row == 4]
    assert flagged and flagged[0].column and flagged[0].sheet == "Unidad Jurídica"

"""loaders/orchestrator.py: one workbook in, tables and every issue out: year, coverage, caps."""

from datetime import date

from loaders import load_workbook
from tests.builders import ACTIVIDADES, poa_sheet, rows, workbook


def codes(issues) -> list[str]:
    return [i.code for i in issues]


def test_missing_tables_are_warnings_not_errors(section7_plan) -> None:
    missing = [w.message for w in section7_plan.warnings if w.code == "tabla_faltante"]
    assert any("Personal" in m for m in missing) and any("POA" in m for m in missing)


def test_no_table_at_all_is_an_error() -> None:
    result = load_workbook(workbook(("Hoja1", lambda ws: rows(ws, 1, [["hola", "mundo"], [1, 2]]))))
    assert codes(result.errors) == ["sin_tablas"]
    assert "Hoja1" in result.errors[0].message


def test_year_from_file_name_and_from_argument() -> None:
    data = workbook(("Área X", lambda ws: poa_sheet(ws, ACTIVIDADES)))
    assert load_workbook(data, filename="poa_2017.xlsx").anio == 2017
    assert load_workbook(data, anio=2018).tables["actividades"]["inicio"].iloc[0] == date(2018, 1, 1)


def test_many_identical_problems_are_capped_and_counted() -> None:
    acts = [(f"R{i}", "i", "f", f"Act {i}", "Por definir", "UACI", "AMB", "r") for i in range(80)]
    result = load_workbook(workbook(("UACI", lambda ws: poa_sheet(ws, acts, merge_results=False))), anio=2016)
    timing = [w for w in result.warnings if w.code == "tiempo_no_reconocido"]
    assert len(timing) == 50  # only real issues are listed…
    assert [(o.code, o.count) for o in result.omitted] == [("tiempo_no_reconocido", 30)]  # …the rest counted
    missing = [w for w in result.warnings if w.code == "tabla_faltante"]  # budget, donors, staff
    assert result.warning_count == 80 + len(missing) == 84  # the true count: every unreadable timing
    assert len(result.tables["actividades"]) == 80

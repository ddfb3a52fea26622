"""loaders/grid.py: cells read as text in Excel coordinates, merged ranges filled."""


import pytest

from loaders import load_workbook
from tests.builders import rows, workbook


def test_sheet_starting_far_from_a1_keeps_excel_coordinates() -> None:
    def sheet(ws):
        rows(ws, 7, [["Donante", "Importe", "Fecha Finalización"], ["AMB", "noventa", "31/07/2016"]], col=4)
    result = load_workbook(workbook(("Hoja", sheet)), anio=2016)
    err = next(e for e in result.errors if e.code == "monto_invalido")
    assert (err.row, err.column) == (8, "Importe (E)")


def test_two_sheets_with_one_name_are_an_error_and_read_once() -> None:
    """Excel refuses such a file; a reader would read the first twice and double the income, silently."""
    from tests import hostile_files as H

    result = load_workbook(H.renamed_sheet("Egresos", "Ingresos"))
    err = next(e for e in result.errors if e.code == "hoja_repetida")
    assert "«Ingresos»" in err.message and "2.ª" in err.message and "3.ª" in err.message
    assert len(result.tables["ingresos"]) == 7  # not 14
    assert result.tables["ingresos"]["monto"].sum() == pytest.approx(7868489.38)


def test_a_sheet_whose_name_holds_a_newline_is_read() -> None:
    from tests import hostile_files as H

    result = load_workbook(H.renamed_sheet("Egresos", "Egre\nsos"))
    assert len(result.tables["egresos"]) == 6
    assert not [w for w in result.warnings if w.code == "hoja_no_leida"]


def test_a_sheet_the_reader_cannot_match_is_reported() -> None:
    from loaders.grid import _reader_index

    listed = [("Plan", "xl/worksheets/sheet1.xml"), ("Ingresos", "xl/worksheets/sheet2.xml")]
    assert _reader_index(["Plan", "Ingresos"], listed, 1, "Ingresos") == 1
    assert _reader_index(["Plan", "Ingr\nesos"], listed, 1, "Ingr esos") == 1  # white space compared loosely
    assert _reader_index(["Plan"], listed, 1, "Ingresos") is None

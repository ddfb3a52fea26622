"""loaders/grid.py: cells read as text in Excel coordinates, merged ranges filled."""


from loaders import load_workbook
from tests.builders import rows, workbook


def test_sheet_starting_far_from_a1_keeps_excel_coordinates() -> None:
    def sheet(ws):
        rows(ws, 7, [["Donante", "Importe", "Fecha Finalización"], ["AMB", "noventa", "31/07/2016"]], col=4)
    result = load_workbook(workbook(("Hoja", sheet)), anio=2016)
    err = next(e for e in result.errors if e.code == "monto_invalido")
    assert (err.row, err.column) == (8, "Importe (E)")

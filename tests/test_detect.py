"""loaders/detect.py: tables found by their header anywhere, whatever its spelling, and near misses."""

from datetime import date

from loaders import load_workbook
from tests.builders import ACTIVIDADES, poa_sheet, rows, workbook


def test_tables_side_by_side_and_below_notes_on_one_sheet() -> None:
    def sheet(ws):
        rows(ws, 3, [["Nota: cifras del plan 2016"], []])
        rows(ws, 6, [["Donante", "Importe", "Fecha Finalización"], ["AACID", 883217.3, date(2016, 12, 31)]], col=2)
        rows(ws, 6, [["Nivel", "Plazas"], ["Directivo", 7], ["Apoyo", 21], ["Asesor", 12], ["Operativo", "54"]],
             col=7)
    result = load_workbook(workbook(("Datos", sheet)), anio=2016)
    assert result.tables["donaciones"]["importe"].tolist() == [883217.30]
    assert result.tables["personal"][["nivel", "plazas"]].to_dict(orient="list") == {
        "nivel": ["directivo", "apoyo", "asesor", "operativo"], "plazas": [7, 21, 12, 54]}


def test_poa_header_aliases_and_case() -> None:
    header = ("RESULTADO", "indicador", "Medio de verificacion", "ACTIVIDADES", "tiempo", "RESPONSABLES",
              "Financiamiento", "Supuestos / Riesgos")
    data = workbook(("Jurídica", lambda ws: poa_sheet(ws, ACTIVIDADES, header=header)))
    poa = load_workbook(data, anio=2016).tables["actividades"]
    assert poa["fuente_verificacion"].tolist()[0] == "Informe mensual"
    assert poa["riesgo"].tolist()[-1] == "Falta de consenso"
    assert poa["responsable"].tolist()[-1] == "Unidad Jurídica"

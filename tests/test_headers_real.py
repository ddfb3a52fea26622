"""Headers as people write them (loaders/detect.py, loaders/text.py `header_key`/`head_keys`): numbering and
references, qualifiers and line breaks, headers over several rows, and reading stays linear in the file."""

import time
from datetime import date

import pytest

from loaders import load_workbook
from loaders.detect import find_tables
from loaders.grid import read_grids
from loaders.guard import scan_zip
from loaders.text import head_keys, header_key
from settings import get_settings
from tests.builders import ACTIVIDADES, POA_HEADER, poa_sheet, qualified_headers, rows, unit_form, workbook


def _detected(data: bytes):
    grids, _ = read_grids(data, scan_zip(data, get_settings()))
    return [find_tables(grid) for grid in grids]


@pytest.mark.parametrize(("text", "key"), [("6.  ACTIVIDAD", "actividad"), ("4.PROYECTOS ", "proyecto"),
                                           ("Actividad/Tareas(4)", "actividad tarea"),
                                           ("10. Total de \nRecursos", "total recurso")])
def test_numbering_and_references_are_not_the_label(text: str, key: str) -> None:
    assert header_key(text) == key


def test_head_words_and_qualifiers() -> None:
    assert head_keys(header_key("ACTIVIDAD DEL POA\nDESCRIPCIÓN"))[-1] == "actividad"
    assert "centro gestor" in head_keys(header_key("Nombre Centro Gestor"))
    assert "actividad" in head_keys(header_key("Descripción de la actividad"))
    assert "actividad" not in head_keys(header_key("Cód Actividad"))  # a code column is not the activity
    assert head_keys(header_key("Presupuesto 2016 ejecutado y controlado")) == [
        header_key("Presupuesto 2016 ejecutado y controlado")]  # a value with a number inside is no label


def test_qualified_labels_name_their_fields() -> None:
    result = load_workbook(workbook(("MEDE01.03.01.P01.F05", qualified_headers)))
    poa = result.tables["actividades"]
    assert poa["actividad"].tolist() == ["Adquirir materiales para el mejoramiento vial",
                                         "Capacitar a las juntas comunales"]
    assert poa["area"].tolist() == ["Secretaría de Infraestructura", "Secretaría de Gobierno"]
    assert poa["responsable"].tolist()[0] == "Subsecretaría vial"
    assert poa["fuente_verificacion"].tolist()[1] == "Listas de asistencia"
    assert list(zip(poa["inicio"], poa["fin"], strict=True))[1] == (date(2025, 3, 1), date(2025, 6, 30))
    assert not [i for i in result.errors if i.code == "encabezado_incompleto"]


def test_a_three_row_header_repeated_per_unit_is_one_header_per_block() -> None:
    data = workbook(("Worksheet", unit_form))
    found, = _detected(data)
    poa = [h for h in found.headers if h.kind == "actividades"]
    assert [(h.top, h.row) for h in poa] == [(3, 5), (14, 16)]  # Excel rows 4–6 and 15–17
    assert poa[0].labels[poa[0].columns["actividad"]] == "Actividad/Tareas(4)"
    assert poa[0].columns["responsable"] == 4
    assert not found.misses
    result = load_workbook(data, anio=2024)
    names = result.tables["actividades"]["actividad"].dropna().tolist()
    assert "COORDINAR ACTIVIDADES DE DIRECCIÓN GENERAL" in names
    assert "EVALUAR LAS ACTIVIDADES DE ÁREA DE COMUNICACIÓN" in names
    assert not any(n.startswith(("Actividad/", "TOTAL")) for n in names)


def test_a_data_row_that_starts_with_header_words_is_not_a_header() -> None:
    activities = [(*a[:3], "Presupuesto 2016 ejecutado y controlado por fuente de financiamiento.", a[4],
                   "Gastos no elegibles observados por el cooperante, que deben reintegrarse al proyecto.", *a[6:])
                  for a in ACTIVIDADES]
    data = workbook(("POA", lambda ws: poa_sheet(ws, activities, header=POA_HEADER)))
    found, = _detected(data)
    assert [h.kind for h in found.headers] == ["actividades"]
    assert found.headers[0].end == 1 + 2 + len(ACTIVIDADES)


def test_reading_stays_linear_with_many_header_blocks() -> None:
    """Forty blocks with long title rows (the quadratic cost was an edit distance per long cell and alias)."""
    title = "OBJETIVO DE GESTIÓN INSTITUCIONAL: " + "MEJORAR LA EJECUCIÓN FÍSICA Y FINANCIERA " * 6

    def sheet(ws):
        r = 1
        for k in range(40):
            r = rows(ws, r, [[title] * 12, [f"UNIDAD ORGANIZACIONAL {k}", "Dirección"]])
            unit_form_row = ["Actividad/Tareas(4)", "Responsable de ejecución de la Operación/Tarea(6)", "Partida(7)"]
            r = rows(ws, r, [unit_form_row, *[[f"Tarea {k}.{i} de la unidad", "Director", "22110"] for i in range(20)],
                             ["TOTAL"] * 3, []])
    data = workbook(("Worksheet", sheet))
    start = time.perf_counter()
    found, = _detected(data)
    assert time.perf_counter() - start < 2.0
    assert len([h for h in found.headers if h.kind == "actividades"]) == 40

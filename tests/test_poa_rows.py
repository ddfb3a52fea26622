"""loaders/poa.py: rows that are not activities, and where areas, objectives and units really are.

Each workbook is built in code after a layout seen in real POAs (../shared/real-workbooks/README.md): a road map
grouped under "RESULTADO n :" rows with a legend below, a form printed once per unit with its preamble and budget
sub-lines, a follow-up with a "Centro gestor" column, and a POA copied into workflow sheets.
"""

from __future__ import annotations

from collections import Counter

from openpyxl.worksheet.worksheet import Worksheet

from loaders import load_workbook
from loaders.poa import area_from_sheet
from tests.builders import rows, workbook

HEADER = ("N°", "Actividades", "Responsable", "Inicio", "Fin")
HEADER_8 = ("Resultados", "Indicadores", "Fuente de Verificación", "Actividades", "Tiempo", "Responsable",
            "Fuente de Financiamiento", "Riesgo")


def _skipped(result) -> dict[str, str]:
    """The 'filas_no_actividades' messages, one per kind, keyed by their first words."""
    return {w.message.split(" no se cargaron")[0]: w.message for w in result.warnings
            if w.code == "filas_no_actividades"}


def road_map(ws: Worksheet) -> None:
    """Results as section rows (label in the first column, text merged to the right), totals, a legend."""
    r = rows(ws, 1, [["HOJA DE RUTA 2026"], [], HEADER])
    r = rows(ws, r, [["RESULTADO 1 :", None, "Los GAD cuentan con planes"]])
    ws.merge_cells(start_row=r - 1, start_column=3, end_row=r - 1, end_column=5)
    r = rows(ws, r, [["1", "Socializar los lineamientos", "SPREA", "01/02/2026", "28/02/2026"],
                     ["2", "Realizar el taller virtual", "SPREA", "01/03/2026", "31/03/2026"],
                     [" RESULTADO 2:", None, "Los GAD incluyen acciones"],
                     ["3", "Asesorar a los GAD", "UMEVA", "01/04/2026", "30/04/2026"],
                     ["TOTAL", None, None, None, None],
                     [], ["R", "REALIZADO"], ["EP", "EN PROCESO"], ["Leyenda: X = semana programada"]])


def test_sections_totals_and_legends_are_not_activities_and_are_reported_once_per_kind() -> None:
    result = load_workbook(workbook(("Dirección de Riesgos", road_map)))
    poa = result.tables["actividades"]
    assert poa["actividad"].tolist() == ["Socializar los lineamientos", "Realizar el taller virtual",
                                         "Asesorar a los GAD"]
    # A section row sets the context of the activities below it, as the OBJETIVO rows do.
    assert poa["resultado"].tolist() == ["RESULTADO 1 : Los GAD cuentan con planes"] * 2 + [
        "RESULTADO 2: Los GAD incluyen acciones"]
    kinds = _skipped(result)
    assert "2 filas de sección" in " ".join(kinds)
    assert "1 fila de total" in kinds
    assert "3 filas de leyenda o notas" in kinds
    assert Counter(w.code for w in result.warnings)["filas_no_actividades"] == 3
    assert not [w for w in result.warnings if w.code == "actividad_vacia"]


def unit_form(ws: Worksheet) -> None:
    """A form printed once per unit: preamble label/value rows, a repeated header, tasks with budget sub-lines."""
    header = ("Código", "Actividades", "Responsable", "Partida", "Monto")
    r = 1
    for unit, tasks in (("DIRECCIÓN GENERAL EJECUTIVA", ("Coordinar actividades", "Evaluar la gestión")),
                        ("ÁREA DE COMUNICACIÓN SOCIAL", ("Elaborar el plan comunicacional",))):
        r = rows(ws, r, [["FORMULARIO 5"], ["CÓDIGO PEI", None, "6.11.7"], ["UNIDAD ORGANIZACIONAL", None, unit],
                         [], header])
        for i, task in enumerate(tasks, start=1):
            r = rows(ws, r, [[f"4.{i}", task, "Director", "31120", "10,000.00"],
                             [None, None, "Director", "22110", "980.00"],
                             [None, None, "Director", "22210", "1,964.00"]])
        r = rows(ws, r, [["TOTAL", None, None, None, "12,944.00"],
                         [f"TOTAL PRESUPUESTO DE LA {unit}", None, None, None, "12,944.00"], [], []])


def test_a_form_printed_once_per_unit_gives_each_unit_its_area_and_skips_preambles_and_sub_lines() -> None:
    result = load_workbook(workbook(("Worksheet", unit_form)), anio=2025)
    poa = result.tables["actividades"]
    assert poa["actividad"].tolist() == ["Coordinar actividades", "Evaluar la gestión",
                                         "Elaborar el plan comunicacional"]
    assert poa["area"].tolist() == ["DIRECCIÓN GENERAL EJECUTIVA"] * 2 + ["ÁREA DE COMUNICACIÓN SOCIAL"]
    kinds = " | ".join(_skipped(result))
    assert "sub-líneas de presupuesto" in kinds
    assert "filas de totales" in kinds
    assert not [w for w in result.warnings if w.code in ("actividad_vacia", "area_desconocida")]
    # Once per kind over the whole workbook, not once per row nor once per unit's block.
    assert Counter(w.code for w in result.warnings)["filas_no_actividades"] == len(_skipped(result))
    assert "4 filas de totales" in kinds and "4 sub-líneas" in kinds


def test_an_area_column_a_label_row_and_an_area_inside_a_title() -> None:
    def gestor(ws: Worksheet) -> None:
        rows(ws, 1, [["Nombre Centro Gestor", "Actividades", "Responsable"],
                     ["Secretaría de Salud", "Vacunar", "Ana"], ["Secretaría de Cultura", "Festival", "Luis"]])

    def titled(ws: Worksheet) -> None:
        rows(ws, 1, [["PLAN OPERATIVO ANUAL 2016 — ÁREA: Subdirección de Planificación"], [],
                     ["Actividades", "Responsable"], ["Actualizar el plan", "Ana"]])

    def labelled(ws: Worksheet) -> None:
        rows(ws, 1, [["UNIDAD ORGANIZACIONAL", "Dirección de Finanzas"], [],
                     ["Actividades", "Responsable"], ["Cerrar el ejercicio", "Luis"]])

    def unit_responsible(ws: Worksheet) -> None:
        rows(ws, 1, [["Actividades", "Unidad responsable"], ["Auditar", "Auditoría Interna"]])

    result = load_workbook(workbook(("MEDE01.03.01.P01.F05", gestor), ("Hoja1", titled), ("7 POA 2022", labelled),
                                    ("Sheet1", unit_responsible)), anio=2016)
    poa = result.tables["actividades"]
    assert dict(zip(poa["actividad"], poa["area"], strict=True)) == {
        "Vacunar": "Secretaría de Salud", "Festival": "Secretaría de Cultura",
        "Actualizar el plan": "Subdirección de Planificación", "Cerrar el ejercicio": "Dirección de Finanzas",
        "Auditar": "Auditoría Interna"}


def test_a_sheet_name_is_an_area_only_when_it_reads_like_one() -> None:
    for name in ("Planificación", "Control del Desarrollo", "UACI", "Área X", "Unidad Jurídica"):
        assert area_from_sheet(name) == name
    for name in ("MEDE01.03.01.P01.F05", "Worksheet", "Hoja1", "Sheet1", "7 POA 2022", "POA", "Certificaciones",
                 "Copia de POA", "F5", "2022"):
        assert area_from_sheet(name) is None, name


def test_a_poa_copied_into_workflow_sheets_is_counted_once_with_a_warning_naming_the_copies() -> None:
    def poa(ws: Worksheet) -> None:
        rows(ws, 1, [["Área", "Actividades", "Responsable"], ["Planificación", "Actualizar el plan", "Ana"],
                     ["Planificación", "Medir avances", "Luis"]])

    result = load_workbook(workbook(("POA", poa), ("Certificaciones", poa), ("Modificaciones", poa)), anio=2016)
    assert len(result.tables["actividades"]) == 2
    copied = [w for w in result.warnings if w.code == "poa_copiado"]
    assert len(copied) == 1
    assert "«Certificaciones» y «Modificaciones»" in copied[0].message and "«POA»" in copied[0].message


def test_a_merged_first_column_without_a_header_names_the_areas() -> None:
    def merged(ws: Worksheet) -> None:
        rows(ws, 1, [[None, "Actividades", "Responsable"], ["Unidad Jurídica", "Revisar contratos", "Ana"],
                     [None, "Actualizar el reglamento", "Ana"], ["Planificación", "Medir indicadores", "Luis"],
                     [None, "Preparar el informe", "Luis"]])
        ws.merge_cells("A2:A3")
        ws.merge_cells("A4:A5")

    poa = load_workbook(workbook(("Hoja1", merged)), anio=2016).tables["actividades"]
    assert poa["area"].tolist() == ["Unidad Jurídica"] * 2 + ["Planificación"] * 2


def test_two_tables_on_one_sheet_keep_every_activity() -> None:
    """The rows above the second header are the first table's activities, not a preamble to skip."""
    def two(ws: Worksheet) -> None:
        row = ("Permisos tramitados", "90 %", "Informe", "Revisar trámites", "Marzo", "UACI", "AMB", "Ninguno")
        r = rows(ws, 1, [["ÁREA: Unidad Jurídica"], HEADER_8, row, (*row[:3], "Recibir obras", *row[4:]), []])
        rows(ws, r, [["ÁREA: Planificación"], HEADER_8, (*row[:3], "Medir indicadores", *row[4:])])

    poa = load_workbook(workbook(("POA", two)), anio=2016).tables["actividades"]
    assert poa["actividad"].tolist() == ["Revisar trámites", "Recibir obras", "Medir indicadores"]
    assert poa["area"].tolist() == ["Unidad Jurídica"] * 2 + ["Planificación"]


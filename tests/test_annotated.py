"""exports/annotated.py: the clerk's workbook back, each problem commented and filled on its cell, all listed first."""

from __future__ import annotations

from io import BytesIO

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.workbook.workbook import Workbook

from domain.issues import Issue, Omitted, Severity
from domain.places import NOWHERE, Place
from domain.schema import PROBLEMAS
from exports.annotated import AUTHOR, COLOURS, annotate, annotated_name
from loaders import load_workbook
from tests.builders import to_bytes
from tests.factories import plan_with_error


def error(place: Place, message: str = "Algo está mal. Corríjalo.", code: str = "prueba") -> Issue:
    return Issue(code, message, Severity.ERROR, place, title="Prueba")


def warning(place: Place, message: str = "Algo es dudoso. Revíselo.", code: str = "duda") -> Issue:
    return Issue(code, message, Severity.WARNING, place, title="Duda")


def opened(data: bytes) -> Workbook:
    return openpyxl.load_workbook(BytesIO(data))


def small() -> bytes:
    """Two sheets: values, a formula, a merged range (A5:C6) and a cell that already has a comment."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Datos"
    for row in (["Concepto", "Monto"], ["Uno", 10], ["Dos", 20], ["Total", "=SUM(B2:B3)"]):
        ws.append(row)
    ws["A5"] = "Fusionada"
    ws.merge_cells("A5:C6")
    ws["A2"].comment = Comment("Nota de la secretaria", "Ana")
    wb.create_sheet("Otra")["A1"] = "intacta"
    return to_bytes(wb)


def comments(wb: Workbook) -> dict[tuple[str, str], str]:
    return {(ws.title, c.coordinate): c.comment.text for ws in wb.worksheets for row in ws.iter_rows()
            for c in row if c.comment is not None}


def values(ws) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def listed(wb: Workbook) -> list[dict[str, object]]:
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    return [dict(zip(PROBLEMAS.names, row, strict=True)) for row in rows[1:]]


@pytest.fixture(scope="module")
def broken() -> tuple[bytes, list[Issue], list[Omitted], Workbook]:
    """The bundled plan with «s/m» as an income amount, loaded, annotated and read back."""
    data = plan_with_error()
    plan = load_workbook(data)
    issues = [*plan.warnings, *plan.errors]  # warnings first: the list must still put errors first
    return data, issues, plan.omitted, opened(annotate(data, issues, plan.omitted))


def test_each_located_issue_is_commented_and_filled_on_exactly_its_cell(broken) -> None:
    _, issues, _, wb = broken
    located = [i for i in issues if i.place.cell]
    assert located and any(i.is_error for i in located)
    assert set(comments(wb)) == {(i.place.sheet, i.place.cell) for i in located}
    for item in located:
        cell = wb[item.place.sheet][item.place.cell]
        prefix = "Error: " if item.is_error else "Advertencia: "
        assert cell.comment.text == prefix + item.message
        assert cell.comment.author == AUTHOR
        assert cell.fill.fgColor.rgb.endswith(COLOURS[item.severity])
    assert wb["Ingresos"]["B3"].value == "s/m"


def test_the_problem_sheet_is_first_active_and_lists_every_issue_errors_first(broken) -> None:
    _, issues, omitted, wb = broken
    ws = wb.worksheets[0]
    assert ws.title == "Problemas" and wb.active.title == "Problemas"
    assert [c.value for c in ws[1]] == [c.label for c in PROBLEMAS.columns]
    assert all(c.font.bold for c in ws[1]) and ws.freeze_panes == "A2"
    rows = listed(wb)
    assert len(rows) == len(issues) + len(omitted)
    assert [r["gravedad"] for r in rows] == sorted((r["gravedad"] for r in rows), key=lambda g: g != "Error")
    assert {(r["codigo"], r["mensaje"]) for r in rows} == {(i.code, i.message) for i in issues}
    for row in rows:
        assert row["fila"] is None or type(row["fila"]) is int
    first = rows[0]
    assert (first["gravedad"], first["hoja"], first["fila"], first["columna"]) == ("Error", "Ingresos", 3, "Monto (B)")


def test_everything_else_is_kept(broken) -> None:
    data, _, _, wb = broken
    original = opened(data)
    assert wb.sheetnames == ["Problemas", *original.sheetnames]
    for ws in original.worksheets:
        assert values(wb[ws.title]) == values(ws)


def test_the_annotated_copy_loads_with_the_same_issues(broken) -> None:
    """Sent back as it is, the copy reads as the original did: the problem list is not taken for a table."""
    data, _, _, _ = broken
    before = load_workbook(data)
    after = load_workbook(annotate(data, [*before.errors, *before.warnings]))

    def found(plan) -> list[tuple[str, Place, str]]:
        return [(i.code, i.place, i.message) for i in (*plan.errors, *plan.warnings)]

    assert found(after) == found(before)


def test_formulas_stay_formulas_and_other_sheets_are_untouched() -> None:
    wb = opened(annotate(small(), [error(Place("Datos", 4, 1))]))
    assert wb["Datos"]["B4"].value == "=SUM(B2:B3)" and wb["Datos"]["B4"].comment is not None
    assert wb["Otra"]["A1"].value == "intacta" and comments(wb).keys() == {("Datos", "B4"), ("Datos", "A2")}


def test_a_cell_inside_a_merged_range_is_marked_on_its_top_left_cell() -> None:
    wb = opened(annotate(small(), [warning(Place("Datos", 6, 2))]))
    assert comments(wb) == {("Datos", "A5"): "Advertencia: Algo es dudoso. Revíselo.",
                            ("Datos", "A2"): "Nota de la secretaria"}
    assert wb["Datos"]["A5"].fill.fgColor.rgb.endswith(COLOURS[Severity.WARNING])
    assert "A5:C6" in {str(r) for r in wb["Datos"].merged_cells.ranges}


def test_several_issues_on_one_cell_make_one_comment_errors_first_with_the_error_fill() -> None:
    place = Place("Datos", 3, 1)
    wb = opened(annotate(small(), [warning(place, "Dudoso."), error(place, "Mal.")]))
    cell = wb["Datos"]["B3"]
    assert cell.comment.text == "Error: Mal.\n\nAdvertencia: Dudoso."
    assert cell.fill.fgColor.rgb.endswith(COLOURS[Severity.ERROR])


def test_an_existing_comment_is_kept_and_ours_appended() -> None:
    wb = opened(annotate(small(), [error(Place("Datos", 2, 0), "Mal.")]))
    comment = wb["Datos"]["A2"].comment
    assert comment.text == "Nota de la secretaria\n\nError: Mal." and comment.author == "Ana"


def test_text_that_looks_like_a_formula_stays_text() -> None:
    payload = '=HYPERLINK("http://127.0.0.9:9","x")'
    wb = opened(annotate(small(), [error(Place("Datos", 2, 1, label="=1+1"), payload)]))
    row = wb.worksheets[0][2]
    assert all(c.data_type == "s" for c in row if isinstance(c.value, str))
    assert row[4].value == payload and row[3].value == "=1+1 (B)"
    assert wb["Datos"]["B2"].comment.text == f"Error: {payload}"


def test_control_characters_are_dropped() -> None:
    wb = opened(annotate(small(), [error(Place("Datos", 2, 1), "Se encontró «a\x01b».")]))
    assert wb["Datos"]["B2"].comment.text == "Error: Se encontró «ab»."
    assert listed(wb)[0]["mensaje"] == "Se encontró «ab»."


@pytest.mark.parametrize("place", [
    NOWHERE,  # the whole plan
    Place("Datos"),  # a whole sheet
    Place("Datos", 3),  # a whole row: listed only (see annotate's docstring)
    Place("No existe", 2, 1),  # a sheet the workbook does not have
    Place("datos", 2, 1),  # sheets are found by their exact name
    Place("Datos", 5000, 1),  # past the sheet's used range
    Place("Datos", 2, 300),
    Place("Datos", 0, 0),
    Place("Datos", 2, -1),
])
def test_an_issue_without_a_cell_is_only_listed(place: Place) -> None:
    wb = opened(annotate(small(), [error(place, "Sin celda.")]))
    assert "Error: Sin celda." not in " ".join(comments(wb).values())
    assert [r["mensaje"] for r in listed(wb)] == ["Sin celda."]
    assert listed(wb)[0]["fila"] == place.row
    assert wb["Datos"].max_row == 6 and wb["Datos"].max_column == 3


def test_omitted_issues_are_counted_in_the_list() -> None:
    extra = Omitted("tiempo_no_reconocido", Severity.WARNING, "Tiempo no reconocido", 30)
    rows = listed(opened(annotate(small(), [warning(NOWHERE)], [extra])))
    assert rows[-1]["mensaje"] == "… y 30 advertencias más del tipo «Tiempo no reconocido»"
    assert (rows[-1]["gravedad"], rows[-1]["codigo"], rows[-1]["fila"]) == ("Advertencia", "tiempo_no_reconocido", None)


def test_no_issues_still_gives_an_empty_list() -> None:
    wb = opened(annotate(small(), []))
    assert wb.sheetnames == ["Problemas", "Datos", "Otra"] and listed(wb) == []


def test_the_new_sheet_takes_a_free_name() -> None:
    wb = Workbook()
    wb.active.title = "problemas"
    wb.create_sheet("Problemas (2)")
    assert opened(annotate(to_bytes(wb), [])).sheetnames[0] == "Problemas (3)"


@pytest.mark.parametrize(("name", "expected"), [
    ("plan revisado.xlsx", "plan-revisado-con-problemas.xlsx"),
    ("C:\\Users\\ana\\Plan Año 2016.xlsx", "plan-ano-2016-con-problemas.xlsx"),
    ("../../etc/passwd", "passwd-con-problemas.xlsx"),
    ("plan.v2.xlsx", "plan.v2-con-problemas.xlsx"),
    (".xlsx", "plan-con-problemas.xlsx"),
    ("", "plan-con-problemas.xlsx"),
    ("«Presupuesto» (final)!.xlsx", "presupuesto-final-con-problemas.xlsx"),
])
def test_annotated_name(name: str, expected: str) -> None:
    assert annotated_name(name) == expected

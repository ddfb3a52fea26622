"""The cut-off date of a follow-up (issue 10, item 9): from titles, sheet names or the file name, never the body."""

from __future__ import annotations

from datetime import date

import pytest

from loaders import load_workbook
from loaders.cutoff import cutoff_date, cutoff_in
from tests.builders import INGRESOS, rows, workbook


@pytest.mark.parametrize(("text", "found"), [
    ("Acumulado Junio 2025", date(2025, 6, 30)),
    ("Recursos Administración Central -Acumulado Junio 2025.xlsx", date(2025, 6, 30)),
    ("Ejecución presupuestaria al 31 de marzo", date(2016, 3, 31)),
    ("SEGUIMIENTO AL 30 DE JUNIO DE 2016", date(2016, 6, 30)),
    ("Fecha de corte: 30/06/2016", date(2016, 6, 30)),
    ("del 1 de enero de 2025 hasta el 30 de junio de 2025 inclusive", date(2025, 6, 30)),
    ("seguimiento_a_septiembre_2016.xlsx", date(2016, 9, 30)),
    ("PLAN DE ACCIÓN 2016", None), ("Programación de marzo a junio", None), ("al 31 de febrero", None),
    ("Clasificación presupuestaria ingresos", None)])
def test_a_text_states_a_cut_off_or_none(text: str, found: date | None) -> None:
    assert cutoff_in(text, 2016) == found


def test_without_a_year_a_month_alone_is_no_date() -> None:
    assert cutoff_in("Acumulado a junio", None) is None
    assert cutoff_date(["PLAN 2016", "Acumulado a junio"], 2016) == date(2016, 6, 30)


def budget(ws, title: str | None = None) -> None:
    start = 1
    if title:
        rows(ws, 1, [["PLAN DE ACCIÓN 2016"], [title], []])
        start = 4
    rows(ws, start, [["Clasificación presupuestaria ingresos", "Total"], *INGRESOS])


def test_the_cut_off_comes_from_a_title_a_sheet_name_or_the_file_name() -> None:
    titled = load_workbook(workbook(("Ingresos", lambda ws: budget(ws, "Ejecución al 31 de marzo de 2016"))))
    assert titled.notas["fecha_corte"] == "2016-03-31"
    named = load_workbook(workbook(("Ejecución a mayo 2016", budget)), anio=2016)
    assert named.notas["fecha_corte"] == "2016-05-31"
    by_file = load_workbook(workbook(("Ingresos", budget)), anio=2016, filename="ingresos_agosto_2016.xlsx")
    assert by_file.notas["fecha_corte"] == "2016-08-31"


def test_body_cells_and_plans_without_a_cut_off_give_none(bundled_plan) -> None:
    def sheet(ws):
        budget(ws)
        rows(ws, 12, [["Nota: ejecutado al 30 de junio de 2016", None]])
    assert "fecha_corte" not in load_workbook(workbook(("Ingresos", sheet)), anio=2016).notas
    assert "fecha_corte" not in bundled_plan.notas


@pytest.mark.parametrize(("text", "found"), [
    ("II TRIMESTRE 2025", date(2025, 6, 30)), ("Seguimiento al primer trimestre de 2016", date(2016, 3, 31)),
    ("A diciembre de 2023 se cubre espacialmente con el 100% del conocimiento sobre amenazas y riesgos del "
     "territorio distrital", None),
    ("La ejecución incluye lo recaudado en el periodo que va del 1 de enero de 2025 hasta el 30 de junio de 2025 "
     "inclusive.", date(2025, 6, 30))])
def test_quarters_are_cut_offs_and_sentences_need_a_strong_cue(text: str, found: date | None) -> None:
    assert cutoff_in(text, 2016) == found


def test_a_file_name_needs_no_cue_word() -> None:
    assert cutoff_in("ar_recursos_junio_2025.xlsx", None) is None
    assert cutoff_in("ar_recursos_junio_2025.xlsx", None, filename=True) == date(2025, 6, 30)

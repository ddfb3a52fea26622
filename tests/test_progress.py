"""A follow-up's progress (issue 10, item 8): the optional `avance` column, its blocks and the Actividades page.

The workbook is built in code after the follow-ups seen in real files: a "% Avance" column whose cells are
formatted as percentages (read as fractions, 0.5), "% de cumplimiento" written as "50 %", empty cells.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from streamlit.testing.v1 import AppTest

from charts import activities as acts
from charts import blocks, headlines
from charts.prepared import prepare
from domain.schema import ACTIVIDADES, COLUMNS, validate
from loaders import load_workbook
from tests.builders import ACTIVIDADES as TEMPLATE_ACTIVITIES
from tests.builders import poa_sheet, rows, workbook
from tests.test_pages import DASHBOARD, texts

FOLLOW_UP = (("Unidad Jurídica", "Revisar contratos", "01/01/2025", "31/12/2025", 0.8),
             ("Unidad Jurídica", "Actualizar reglamento", "01/01/2025", "30/06/2025", 0.25),
             ("Planificación", "Medir indicadores", "01/01/2025", "31/03/2025", 1),
             ("Planificación", "Preparar el informe", None, None, None))


def follow_up(ws: Worksheet, header: str = "% Avance", values: tuple = ()) -> None:
    """A mid-year follow-up: area, activity, dates and progress as a fraction (a cell formatted as %)."""
    r = rows(ws, 1, [["SEGUIMIENTO DEL PLAN OPERATIVO ANUAL 2025"], [],
                     ["Área", "Actividades", "Fecha Inicio", "Fecha Fin", header]])
    rows(ws, r, values or FOLLOW_UP)


def follow_up_workbook() -> bytes:
    return workbook(("Seguimiento", follow_up))


def test_progress_is_read_from_fractions_and_percentages() -> None:
    result = load_workbook(follow_up_workbook())
    poa = result.tables["actividades"]
    assert tuple(poa.columns) == (*COLUMNS["actividades"], "avance")
    assert poa["avance"].tolist()[:3] == [80.0, 25.0, 100.0] and pd.isna(poa["avance"].iloc[3])
    assert validate(ACTIVIDADES, poa) == []
    texts_ = (("X", "Uno", None, None, "50 %"), ("X", "Dos", None, None, "7,5%"), ("X", "Tres", None, None, "40"),
              ("X", "Cuatro", None, None, "mucho"), ("X", "Cinco", None, None, "140"))
    result = load_workbook(workbook(("Seguimiento", lambda ws: follow_up(ws, "% de cumplimiento", texts_))))
    poa = result.tables["actividades"]
    assert poa["avance"].tolist()[:3] == [50.0, 7.5, 40.0] and poa["avance"].iloc[3:].isna().all()
    invalid = [w for w in result.warnings if w.code == "avance_invalido"]
    assert [w.row for w in invalid] == [7, 8] and "«mucho»" in invalid[0].message


def test_a_table_without_progress_loads_exactly_as_before() -> None:
    poa = load_workbook(workbook(("Área X", lambda ws: poa_sheet(ws, TEMPLATE_ACTIVITIES))), anio=2016)
    table = poa.tables["actividades"]
    assert tuple(table.columns) == COLUMNS["actividades"] and "avance" not in table.columns
    assert validate(ACTIVIDADES, table) == []
    assert not acts.has_progress(table)
    assert "Avance %" not in ACTIVIDADES.template_header


def test_the_cut_off_and_the_rule_for_behind_schedule() -> None:
    assert acts.cutoff(date(2025, 6, 30), 2025, date(2026, 1, 5)).source == "la fecha de corte del libro"
    assert acts.cutoff(None, 2025, date(2025, 4, 1)) == acts.Cutoff(date(2025, 4, 1), "hoy")
    assert acts.cutoff(None, 2025, date(2026, 2, 1)) == acts.Cutoff(date(2025, 12, 31), "el cierre del plan")
    poa = load_workbook(follow_up_workbook()).tables["actividades"]
    rows_ = acts.progress(poa, 2025, date(2025, 6, 30))
    # At 30/06 the yearly activity should be at 49.6 %, the half-year one done, the first-quarter one done.
    assert rows_["esperado"].tolist() == [49.6, 100.0, 100.0]
    assert acts.behind(rows_)["actividad"].tolist() == ["Actualizar reglamento"]
    by_area = acts.progress_by_area(rows_)
    assert by_area["area"].tolist() == ["Unidad Jurídica", "Planificación"]
    assert by_area["avance"].tolist() == [52.5, 100.0] and by_area["atrasadas"].tolist() == [1, 0]
    text = headlines.progress(by_area, 1, date(2025, 6, 30), "la fecha de corte del libro")
    assert text == ("Al 30/06/2025 (la fecha de corte del libro), 3 actividades llevan un avance promedio de 68.3 %; "
                    "1 va atrasada (avance menor que la parte de su plazo ya transcurrida).")


def test_the_progress_blocks_follow_their_view_declarations() -> None:
    plan = load_workbook(follow_up_workbook())
    prepared = prepare(plan, date(2025, 6, 30))
    view = blocks.activity_view(prepared, acts.Filters())
    block = blocks.activity_progress(prepared, view, date(2025, 6, 30))
    assert tuple(block.table.columns) == block.schema.names and block.figure is not None
    late = blocks.activities_behind(prepared, view, date(2025, 6, 30))
    assert late.table["actividad"].tolist() == ["Actualizar reglamento"]
    assert tuple(late.table.columns) == late.schema.names


@pytest.fixture
def follow_up_path(tmp_path, monkeypatch):
    path = tmp_path / "seguimiento_2025.xlsx"
    path.write_bytes(follow_up_workbook())
    monkeypatch.setenv("PLAN_WORKBOOK", str(path))
    return path


def test_the_activities_page_shows_progress_and_the_rule_for_a_follow_up(follow_up_path) -> None:
    at = AppTest.from_file(DASHBOARD, default_timeout=60).switch_page("app_pages/actividades.py").run()
    assert not at.exception
    body = texts(at)
    assert "Avance del seguimiento" in [s.value for s in at.subheader], body[:2000]
    assert "Regla: una actividad va atrasada cuando su avance es menor" in body
    assert "actividades llevan un avance promedio" in body


def test_the_activities_page_without_progress_shows_no_progress_section() -> None:
    at = AppTest.from_file(DASHBOARD, default_timeout=60).switch_page("app_pages/actividades.py").run()
    assert not at.exception
    assert "Avance del seguimiento" not in [s.value for s in at.subheader]


def test_the_poa_matrix_shows_spanish_labels_and_progress(follow_up_path) -> None:
    """The matrix is an Arrow table: its columns are ordered and labelled from the declaration (a bug showed raw
    names such as «objetivo_estrategico» and ISO dates)."""
    import json

    at = AppTest.from_file(DASHBOARD, default_timeout=60).switch_page("app_pages/actividades.py").run()
    matrix = next(df for df in at.dataframe if "actividad" in df.proto.column_order and "riesgo" in json.loads(
        df.proto.columns))
    config = json.loads(matrix.proto.columns)
    assert config["area"]["label"] == "Área" and config["avance"]["label"] == "Avance %"
    assert config["inicio"]["type_config"] == {"type": "date", "format": "DD/MM/YYYY"}
    assert list(matrix.proto.column_order)[:4] == ["actividad", "area", "inicio", "fin"]
    assert config["actividad"]["pinned"] is True  # the key column stays in sight on a phone
    assert "avance" in matrix.proto.column_order

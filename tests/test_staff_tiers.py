"""Staff tiers as plans write them (issue 10, item 7): the label names the tier, whatever the filler words."""

from __future__ import annotations

import pytest

from loaders import load_workbook
from loaders.small_tables import _nivel
from tests.builders import rows, workbook


@pytest.mark.parametrize(("label", "tier"), [
    ("nivel de apoyo", "apoyo"), ("Nivel asesor", "asesor"), ("nivel operativo", "operativo"),
    ("NIVEL DIRECTIVO", "directivo"), ("De apoyo", "apoyo"), ("Operativa", "operativo"), ("Asesoría", "asesor"),
    ("Asesores", "asesor"), ("Directiva", "directivo"), ("Personal de apoyo", "apoyo"),
    ("Nivel: Operativo", "operativo"),
    ("apoyo", "apoyo"), ("Total", None), ("Unidad Jurídica", None), ("Nivel", None)])
def test_a_tier_label_names_its_tier(label: str, tier: str | None) -> None:
    assert _nivel(label) == tier


def test_a_staff_table_written_as_the_plan_writes_it_loads_without_errors() -> None:
    def sheet(ws):
        rows(ws, 1, [["Nivel", "Plazas"], ["Nivel Directivo", 7], ["De apoyo", 21], ["Asesoría", 12], ["Operativa", 54],
                     ["Total", 94]])
    result = load_workbook(workbook(("Personal", sheet)), anio=2016)
    assert not [e for e in result.errors if e.code == "nivel_invalido"]
    assert result.tables["personal"][["nivel", "plazas"]].values.tolist() == [
        ["directivo", 7], ["apoyo", 21], ["asesor", 12], ["operativo", 54]]


def test_a_label_that_is_no_tier_is_still_an_error() -> None:
    def sheet(ws):
        rows(ws, 1, [["Nivel", "Plazas"], ["Gerencial", 3], ["De apoyo", 2]])
    result = load_workbook(workbook(("Personal", sheet)), anio=2016)
    assert [(e.code, e.row) for e in result.errors] == [("nivel_invalido", 2)]

"""exports/template.py: an empty template built from domain/schema.py that the loaders read back once filled."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from domain.schema import CANONICAL, CONCEPTO_LABELS, EXPECTED_TABLES, TOTAL_EGRESOS, TOTAL_INGRESOS
from exports.template import DATE_FORMAT, INSTRUCTIONS, MONEY_FORMAT, SHEETS, template
from loaders import load_workbook
from tests.builders import to_bytes
from tests.factories import BUNDLED


@pytest.fixture(scope="module")
def wb() -> Workbook:
    return openpyxl.load_workbook(BytesIO(template()))


def header(ws) -> tuple[str, ...]:
    return tuple(c.value for c in ws[1] if c.value is not None)


def test_instructions_come_first_then_one_sheet_per_table(wb: Workbook) -> None:
    assert wb.sheetnames == [INSTRUCTIONS, *(name for name, _ in SHEETS)]
    assert wb.active.title == INSTRUCTIONS


def test_every_canonical_table_has_its_sheet_with_its_spanish_header(wb: Workbook) -> None:
    """Stated totals are read from «Total …» rows under the lines, not from a sheet of their own."""
    tables = {table.name: name for name, table in SHEETS}
    assert set(CANONICAL) - set(tables) == {"totales_declarados"}
    for name, table in SHEETS:
        ws = wb[name]
        assert header(ws) == table.template_header
        assert all(c.font.bold for c in ws[1]) and ws.freeze_panes == "A2"


def test_columns_are_formatted_by_kind(wb: Workbook) -> None:
    formats = {"money": MONEY_FORMAT, "date": DATE_FORMAT}
    for name, table in SHEETS:
        for col, column in enumerate((c for c in table.columns if not c.optional), start=1):
            dimension = wb[name].column_dimensions[openpyxl.utils.get_column_letter(col)]
            assert dimension.width >= 10
            if column.kind in formats:
                assert dimension.number_format == formats[column.kind], (name, column.name)


def test_columns_with_choices_offer_them(wb: Workbook) -> None:
    rules = wb["Personal"].data_validations.dataValidation
    assert [r.formula1 for r in rules] == ['"directivo,apoyo,asesor,operativo"']
    assert str(rules[0].sqref) == "A2:A1048576"


def test_sheets_and_headers_are_the_bundled_plans(wb: Workbook) -> None:
    """One layout: the bundled workbook (data/build_workbook.py) has the same sheets and header rows (it may add
    its own columns after them, such as «Carácter» and «Nota»)."""
    bundled = openpyxl.load_workbook(BUNDLED, read_only=True)
    assert bundled.sheetnames == [name for name, _ in SHEETS]
    for name, table in SHEETS:
        assert header(bundled[name])[: len(table.template_header)] == table.template_header


def test_the_instructions_say_what_each_sheet_and_column_takes(wb: Workbook) -> None:
    text = "\n".join(str(row[0]) for row in wb[INSTRUCTIONS].iter_rows(values_only=True) if row[0])
    for name, table in SHEETS:
        assert f"Hoja «{name}»" in text
        for column in table.columns:
            assert f"«{column.template_header}» (" in text
    assert "«Monto» (monto en dólares, sin símbolo, obligatoria)" in text
    assert "«Fecha Finalización» (fecha dd/mm/aaaa)" in text
    assert "valores: directivo, apoyo, asesor u operativo" in text
    assert "ilustrativas" in text


def test_the_instructions_hold_one_text_per_row(wb: Workbook) -> None:
    """A row of several short cells could read as a header row; one paragraph per row never does."""
    for row in wb[INSTRUCTIONS].iter_rows():
        assert [c.column for c in row if c.value is not None] in ([], [1])


def test_the_empty_template_loads_with_no_errors() -> None:
    """Empty: every expected table but the POA is reported missing (warnings), the POA is there with no rows,
    and no year is found (the instructions must not lend it one)."""
    plan = load_workbook(template())
    assert plan.errors == [] and plan.omitted == []
    assert sorted(w.code for w in plan.warnings) == ["tabla_faltante"] * 4
    assert list(plan.tables) == ["actividades"] and plan.tables["actividades"].empty
    assert plan.anio is None and plan.titulo is None


def filled() -> bytes:
    """The template with a few rows in every sheet, written as a clerk would (numbers, dates, totals)."""
    wb = openpyxl.load_workbook(BytesIO(template()))
    wb["Plan"]["B2"], wb["Plan"]["B3"] = 2017, "Plan de Acción de prueba"
    for sheet, total in (("Ingresos", TOTAL_INGRESOS), ("Egresos", TOTAL_EGRESOS)):
        for row in (["Línea uno", 1000.5], ["Línea dos", 499.5], [CONCEPTO_LABELS[total], 1500]):
            wb[sheet].append(row)
    wb["Donaciones"].append(["AACID", 250.25, datetime(2017, 12, 31)])
    for row in (["directivo", "Dirección", 2], ["apoyo", "Administración", 3], ["asesor", "Jurídica", 1],
                ["operativo", "Campo", 8]):
        wb["Personal"].append(row)
    wb["Rangos"].append(["apoyo", 15, 30])
    poa = wb["POA"]
    for activity, tiempo in (("Elaborar el informe", "Enero - Marzo"), ("Capacitar al personal", "Permanente")):
        poa.append(["Dirección", "OE1", "OE1.1", "Informe", "1 informe", "Acta", activity, tiempo,
                    datetime(2017, 1, 1), datetime(2017, 3, 31), "Dirección", "AACID", "Ninguno"])
    return to_bytes(wb)


def test_a_filled_template_loads_every_table_without_errors() -> None:
    plan = load_workbook(filled())
    assert plan.errors == [], plan.errors
    assert set(EXPECTED_TABLES) <= set(plan.tables)
    assert (plan.anio, plan.titulo) == (2017, "Plan de Acción de prueba")
    assert plan.tables["ingresos"].values.tolist() == [["Línea uno", 1000.5], ["Línea dos", 499.5]]
    assert plan.tables["personal"]["plazas"].sum() == 14
    assert len(plan.tables["actividades"]) == 2
    stated = dict(plan.tables["totales_declarados"].values.tolist())
    assert stated == {"total_ingresos": 1500.0, "total_egresos": 1500.0}
    assert plan.rangos["apoyo"] == (15.0, 30.0)

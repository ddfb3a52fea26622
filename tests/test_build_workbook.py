"""data/build_workbook.py: the bundled workbook reproduces section 5 of the data contract exactly, to the cent."""

from datetime import date
from decimal import Decimal

import pytest

from domain.schema import CANONICAL, COLUMNS, validate
from domain.summary import summarise
from tests.factories import BUNDLED


@pytest.fixture(scope="module")
def plan(bundled_plan):
    return bundled_plan


def cents(values) -> Decimal:
    return sum((Decimal(str(v)) for v in values), Decimal("0"))


def test_loads_without_errors_in_the_template_layout(plan) -> None:
    assert plan.ok, plan.errors
    assert plan.anio == 2016 and plan.titulo == "Plan de Acción 2016"
    for name, frame in plan.tables.items():
        assert tuple(frame.columns) == COLUMNS[name]
        assert validate(CANONICAL[name], frame) == []


def test_income_lines(plan) -> None:
    assert plan.tables["ingresos"].values.tolist() == [
        ["Tasas y derechos", 2370715.00], ["Venta de bienes y servicios", 402619.00],
        ["Ingresos financieros y otros", 790917.12], ["Transferencias corrientes", 317890.20],
        ["Venta de activos fijos", 10212.00], ["Recuperación de inversiones financieras", 850000.00],
        ["Saldos de años anteriores", 3126136.06]]
    assert cents(plan.tables["ingresos"]["monto"]) == Decimal("7868489.38")


def test_expense_lines_and_the_one_cent_gap(plan) -> None:
    assert plan.tables["egresos"].values.tolist() == [
        ["Remuneraciones", 2593778.70], ["Adquisiciones de bienes y servicios", 1246241.74],
        ["Gastos financieros y otros", 155859.76], ["Transferencias corrientes al sector público", 2030112.54],
        ["Inversiones en activos fijos", 1242496.63], ["Inversiones financieras", 600000.00]]
    assert cents(plan.tables["egresos"]["monto"]) == Decimal("7868489.37")
    gap = [w for w in plan.warnings if w.code == "total_egresos_no_cuadra"]
    assert len(gap) == 1 and "$0.01" in gap[0].message
    assert (gap[0].sheet, gap[0].row) == ("Egresos", 8)


def test_donors_own_funds_and_totals(plan) -> None:
    assert plan.tables["donaciones"].values.tolist() == [
        ["AACID", 883217.30, date(2016, 12, 31)], ["AMB", 90470.76, date(2016, 7, 31)],
        ["Unión Europea/OPAMSS", 76320.28, date(2016, 7, 31)]]
    stated = dict(plan.tables["totales_declarados"].values.tolist())
    assert stated == {"total_ingresos": 7868489.38, "total_egresos": 7868489.38, "total_donaciones": 1050008.34,
                      "fondos_propios": 6818481.04, "total_general": 7868489.38}
    s = summarise(plan)
    assert (s.donaciones_total, s.fondos_propios.amount) == (Decimal("1050008.34"), Decimal("6818481.04"))
    assert not s.fondos_propios.derived
    assert s.donaciones_total + s.fondos_propios.amount == Decimal("7868489.38")


def test_staff_shares_round_to_the_plans_percentages(plan) -> None:
    personal = plan.tables["personal"]
    assert dict(zip(personal["nivel"], personal["plazas"], strict=True)) == {
        "directivo": 7, "apoyo": 21, "asesor": 12, "operativo": 54}
    shares = {n: round(100 * p / 94, 2) for n, p in zip(personal["nivel"], personal["plazas"], strict=True)}
    assert shares == {"directivo": 7.45, "apoyo": 22.34, "asesor": 12.77, "operativo": 57.45}
    assert plan.personal_derivado and "94" in plan.notas["nota personal"]
    assert plan.rangos == {"apoyo": (20.0, 25.0), "asesor": (10.0, 15.0), "operativo": (55.0, 65.0)}
    assert not [w for w in plan.warnings if w.code == "nivel_fuera_de_rango"]


def test_illustrative_poa_says_so_and_is_complete(plan) -> None:
    poa = plan.tables["actividades"]
    assert plan.actividades_ilustrativas and "ilustrativ" in plan.notas["nota poa"].lower()
    assert len(poa) >= 40 and poa["area"].nunique() >= 8
    for column in ("resultado", "indicador", "fuente_verificacion", "tiempo", "responsable",
                   "fuente_financiamiento", "riesgo", "inicio", "fin"):
        assert poa[column].notna().all(), column
    assert all(date(2016, 1, 1) <= d <= date(2016, 12, 31) for d in [*poa["inicio"], *poa["fin"]])
    assert set(poa["fuente_financiamiento"]) <= {"Fondos propios OPAMSS", "AACID", "AMB", "Unión Europea/OPAMSS"}
    late = poa[poa["fuente_financiamiento"].isin(["AMB", "Unión Europea/OPAMSS"])
               & (poa["fin"] > date(2016, 7, 31))]
    assert len(late) >= 1  # the fund cliff the dashboard flags


def test_the_builder_reproduces_the_bundled_file(tmp_path) -> None:
    from data.build_workbook import build

    out = tmp_path / "plan.xlsx"
    build(out)
    assert out.read_bytes() == BUNDLED.read_bytes(), "run `make workbook` and commit data/plan_accion_2016.xlsx"

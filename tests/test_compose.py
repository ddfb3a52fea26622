"""domain/compose.py: a partial workbook over the version it replaces, and where each table came from."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pandas as pd
import pytest

from domain.checks import stated_totals
from domain.compose import compose
from domain.diff import diff
from domain.plan import LoadResult
from domain.summary import summarise
from loaders import load_workbook
from tests.factories import plan_with_poa


@pytest.fixture(scope="module")
def budget() -> LoadResult:
    """The bundled plan's budget sheets only: ingresos, egresos and their stated totals."""
    return load_workbook(plan_with_poa(0, budget=False))


def snapshot(plan: LoadResult) -> tuple[dict[str, pd.DataFrame], dict]:
    return ({n: f.copy() for n, f in plan.tables.items()},
            {f.name: getattr(plan, f.name) for f in dataclasses.fields(plan) if f.name != "tables"})


def assert_unchanged(plan: LoadResult, before: tuple[dict[str, pd.DataFrame], dict]) -> None:
    tables, fields = before
    assert list(plan.tables) == list(tables)
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(plan.tables[name], frame)
    assert {f.name: getattr(plan, f.name) for f in dataclasses.fields(plan) if f.name != "tables"} == fields


def test_a_budget_revision_keeps_the_base_activities_donors_and_staff(bundled_plan, budget) -> None:
    plan, provenance = compose(budget, bundled_plan, 2, None, base_id=1)
    assert provenance == {"ingresos": 2, "egresos": 2, "donaciones": 1, "personal": 1, "actividades": 1}
    assert list(plan.tables) == ["ingresos", "egresos", "donaciones", "personal", "actividades", "totales_declarados"]
    for name in ("donaciones", "personal", "actividades"):
        pd.testing.assert_frame_equal(plan.tables[name], bundled_plan.tables[name])
        assert plan.tables[name] is not bundled_plan.tables[name]
    pd.testing.assert_frame_equal(plan.tables["ingresos"], budget.tables["ingresos"])
    s = summarise(plan)
    assert (s.actividades, s.personal_total, s.donaciones_total) == (72, 94, Decimal("1050008.34"))


def test_stated_totals_follow_their_tables(bundled_plan, budget) -> None:
    plan, _ = compose(budget, bundled_plan, 2, None, base_id=1)
    # The budget states its own two totals; donations' total comes with the borrowed donors; own funds and the
    # general total speak of the new budget too, so the base's are dropped and own funds are derived again.
    assert stated_totals(plan.tables) == {"total_ingresos": Decimal("7868489.38"),
                                          "total_egresos": Decimal("7868489.38"),
                                          "total_donaciones": Decimal("1050008.34")}
    own = summarise(plan).fondos_propios
    assert (own.amount, own.derived) == (Decimal("6818481.04"), True)


def test_a_poa_only_upload_keeps_every_base_total(bundled_plan) -> None:
    poa = LoadResult(tables={"actividades": bundled_plan.tables["actividades"].iloc[:10].copy()}, anio=None)
    plan, provenance = compose(poa, bundled_plan, 5, {"ingresos": 3, "egresos": 3, "donaciones": 2,
                                                       "personal": 1, "actividades": 4})
    assert provenance == {"ingresos": 3, "egresos": 3, "donaciones": 2, "personal": 1, "actividades": 5}
    assert stated_totals(plan.tables) == stated_totals(bundled_plan.tables)
    assert list(plan.tables["totales_declarados"]["concepto"]) == list(
        bundled_plan.tables["totales_declarados"]["concepto"])
    assert plan.anio == 2016  # none in the upload: the base's
    assert summarise(plan).actividades == 10


def test_a_total_the_upload_states_wins_over_the_base(bundled_plan) -> None:
    stated = pd.DataFrame({"concepto": ["total_donaciones"], "monto": [99.99]})
    new = LoadResult(tables={"ingresos": bundled_plan.tables["ingresos"].copy(), "totales_declarados": stated})
    plan, _ = compose(new, bundled_plan, 2, None, base_id=1)
    assert stated_totals(plan.tables) == {"total_donaciones": Decimal("99.99"),
                                          "total_egresos": Decimal("7868489.38")}
    check = next(c for c in summarise(plan).checks if c.concept == "Total donaciones")
    assert check.balanced is False  # the upload's statement against the borrowed donors' lines


def test_an_empty_table_in_the_upload_is_present(bundled_plan) -> None:
    empty = bundled_plan.tables["donaciones"].iloc[:0].copy()
    new = LoadResult(tables={"donaciones": empty})
    plan, provenance = compose(new, bundled_plan, 2, None, base_id=1)
    assert provenance["donaciones"] == 2 and plan.tables["donaciones"].empty
    assert "total_donaciones" not in stated_totals(plan.tables)


def test_metadata_and_issues_are_the_uploads_and_flags_follow_their_tables(bundled_plan, budget) -> None:
    new = dataclasses.replace(budget, titulo="Reforma presupuestaria 2016", actividades_ilustrativas=False,
                              personal_derivado=False, rangos={"apoyo": (1.0, 2.0)}, notas={"nota": "x"})
    plan, _ = compose(new, bundled_plan, 2, None, base_id=1)
    assert (plan.titulo, plan.rangos, plan.notas, plan.anio) == (
        "Reforma presupuestaria 2016", {"apoyo": (1.0, 2.0)}, {"nota": "x"}, 2016)
    assert plan.actividades_ilustrativas and plan.personal_derivado  # actividades and personal are the base's
    assert (plan.errors, plan.warnings, plan.omitted) == (new.errors, new.warnings, new.omitted)
    assert plan.warnings is not new.warnings
    with_poa = dataclasses.replace(new, tables={**new.tables, "actividades": bundled_plan.tables["actividades"]})
    assert not compose(with_poa, bundled_plan, 2, None, base_id=1)[0].actividades_ilustrativas


def test_inputs_are_left_alone(bundled_plan, budget) -> None:
    before_new, before_base = snapshot(budget), snapshot(bundled_plan)
    plan, _ = compose(budget, bundled_plan, 2, {"actividades": 1}, base_id=1)
    plan.tables["actividades"].loc[0, "actividad"] = "cambiada"
    plan.tables["ingresos"].loc[0, "monto"] = 0.0
    plan.warnings.clear()
    assert_unchanged(budget, before_new)
    assert_unchanged(bundled_plan, before_base)


def test_without_a_base_the_upload_stands_alone(budget) -> None:
    plan, provenance = compose(budget, None, 9, None)
    assert provenance == {"ingresos": 9, "egresos": 9}
    assert list(plan.tables) == list(budget.tables) and plan.tables["ingresos"] is not budget.tables["ingresos"]


def test_a_borrowed_table_needs_a_version_id(bundled_plan, budget) -> None:
    with pytest.raises(ValueError, match="donaciones"):
        compose(budget, bundled_plan, 2, {"ingresos": 1})


def test_the_diff_of_a_composed_budget_revision(bundled_plan, budget) -> None:
    ingresos = budget.tables["ingresos"].copy()
    ingresos.loc[0, "monto"] = 2370815.01
    plan, _ = compose(dataclasses.replace(budget, tables={**budget.tables, "ingresos": ingresos}), bundled_plan, 2,
                      None, base_id=1)
    d = diff(bundled_plan, plan)
    assert [c.difference for c in d.ingresos.changes] == [Decimal("100.01")]
    assert not d.activities.changed and not d.staff.changed and not d.donaciones.changes
    assert {t.concept for t in d.declared} == {"Fondos propios OPAMSS (declarado)", "Total general (declarado)"}

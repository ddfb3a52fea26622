"""domain/summary.py: one summary for the command line and the pages, exact to the cent."""

from decimal import Decimal

import pandas as pd

from domain.plan import LoadResult
from domain.summary import summarise, to_json


def test_the_bundled_plans_summary(bundled_plan) -> None:
    s = summarise(bundled_plan)
    assert (s.ingresos_total, s.egresos_total, s.presupuesto) == (
        Decimal("7868489.38"), Decimal("7868489.37"), Decimal("7868489.38"))
    assert s.fondos_propios.amount == Decimal("6818481.04") and not s.fondos_propios.derived
    assert [name for name, _, _ in s.ending] == ["AMB", "Unión Europea/OPAMSS"]
    assert s.ending_total == Decimal("166791.04")  # 90,470.76 + 76,320.28, never a float sum
    assert (s.personal_total, s.actividades, s.areas, s.donantes) == (94, 72, 15, 3)


def test_own_funds_are_derived_when_not_stated_and_say_so() -> None:
    plan = LoadResult(anio=2016, tables={
        "ingresos": pd.DataFrame({"clasificacion": ["Tasas"], "monto": [1000.10]}),
        "donaciones": pd.DataFrame({"donante": ["AMB"], "importe": [250.05], "fecha_finalizacion": [None]}),
    })
    s = summarise(plan)
    assert s.fondos_propios.amount == Decimal("750.05") and s.fondos_propios.derived
    assert to_json(s)["fondos_propios"] == 750.05 and to_json(s)["fondos_propios_derivado"] is True


def test_an_empty_plan_summarises_to_nothing() -> None:
    s = to_json(summarise(LoadResult()))
    assert s["ingresos_total"] is None and s["fondos_propios"] is None and s["actividades"] == 0

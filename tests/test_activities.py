"""charts/activities.py: filters, search, the month load, the Gantt rows and collapse policy, the fund cliff."""

from datetime import date

import pandas as pd
import pyarrow as pa

from charts import activities as acts
from domain.folding import fold


def test_filters_and_search(bundled_plan) -> None:
    a = bundled_plan.tables["actividades"]
    index = acts.search_index(a)
    assert acts.select(a, index, acts.Filters(fuente=("AMB",))).sum() == 6
    assert acts.select(a, index, acts.Filters(fuente=("AMB",), area=("Informática",))).sum() == 0
    # Accent- and case-insensitive: "GESTION" finds "gestión".
    gestion = acts.select(a, index, acts.Filters(query="gestión")).sum()
    assert acts.select(a, index, acts.Filters(query="GESTION")).sum() == gestion > 0
    assert acts.select(a, index).all()
    assert acts.Filters.label("fuente") == "Fuente de financiamiento"
    assert not acts.Filters().active and acts.Filters(query="x").active


def test_view_splits_dated_and_undated(plan_1000) -> None:
    index = acts.index_activities(plan_1000.tables["actividades"], 2016)
    everything = acts.view(index, acts.Filters())
    assert len(everything.filtered) == 1000 and len(everything.undated) == 3 and len(everything.dated) == 997
    assert everything.load is index.load  # the whole plan's month load is computed once
    one = acts.view(index, acts.Filters(area=(everything.areas[0],)))
    assert 0 < len(one.filtered) < 1000 and one.areas == [everything.areas[0]]
    assert one.cache_key == ("ActivityView", acts.Filters(area=(everything.areas[0],)))


def test_month_load_counts_activities_under_way() -> None:
    a = pd.DataFrame({"area": ["A", "A", "B", "B"],
                      "inicio": pd.array([date(2016, 1, 1), date(2016, 3, 1), date(2015, 6, 1), None],
                                         dtype="date32[pyarrow]"),
                      "fin": pd.array([date(2016, 12, 31), date(2016, 4, 30), date(2016, 2, 29), None],
                                      dtype="date32[pyarrow]")})
    load = acts.month_load(a, 2016)
    assert load.loc["A"].tolist() == [1, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1]
    assert load.loc["B"].tolist() == [1, 1] + [0] * 10  # started in 2015, clipped to the plan year


def test_gantt_rows_collapse_and_limit(bundled_plan) -> None:
    a = bundled_plan.tables["actividades"]
    everything = acts.gantt_rows(a)
    assert (everything["kind"] == "area").sum() == 15 and (everything["kind"] == "actividad").sum() == 72
    collapsed = acts.gantt_rows(a, open_areas=set())
    assert list(collapsed["kind"].unique()) == ["area"] and len(collapsed) == 15
    one = acts.gantt_rows(a, open_areas={"Informática"})
    assert (one["kind"] == "actividad").sum() == 3
    assert len(acts.gantt_rows(a, limit=20)) == 20


def test_collapse_policy() -> None:
    assert acts.open_areas(acts.DETAIL_LIMIT, None) is None  # few: every area open
    assert acts.open_areas(acts.DETAIL_LIMIT + 1, None) == set()  # many: one row per area
    assert acts.open_areas(500, "Informática") == {"Informática"}
    assert acts.open_areas(500, acts.ALL_AREAS) is None
    assert not acts.needs_area_picker(acts.DETAIL_LIMIT) and acts.needs_area_picker(acts.DETAIL_LIMIT + 1)


def test_donor_marks_follow_the_one_rule(bundled_plan) -> None:
    marks = acts.donor_marks(bundled_plan.tables["donaciones"], 2016)
    assert marks == [(date(2016, 7, 31), "Fin de fondos AMB y Unión…")]  # AACID (31/12) is not marked


def test_fund_cliff_flags_activities_after_the_donors_end(bundled_plan) -> None:
    cliff = acts.fund_cliff(bundled_plan.tables["actividades"], bundled_plan.tables["donaciones"])
    late = cliff.loc[cliff["despues_del_fin"]]
    assert sorted(late["donante"]) == ["AMB", "AMB", "Unión Europea/OPAMSS"]
    assert (late["fin"] > late["fecha_finalizacion"]).all()
    assert set(late["estado"]) == {acts.STATE_LATE}
    assert not cliff.loc[cliff["donante"] == "AACID", "despues_del_fin"].any()


def test_fund_cliff_matches_donor_names_loosely() -> None:
    actividades = pd.DataFrame({"fuente_financiamiento": ["union europea/opamss", "Otro"], "area": ["A", "B"],
                                "actividad": ["x", "y"], "tiempo": ["", ""],
                                "inicio": [date(2016, 1, 1)] * 2, "fin": [date(2016, 9, 30)] * 2})
    donaciones = pd.DataFrame({"donante": ["Unión Europea/OPAMSS"], "importe": [1.0],
                               "fecha_finalizacion": [date(2016, 7, 31)]})
    cliff = acts.fund_cliff(actividades, donaciones)
    assert list(cliff["donante"]) == ["Unión Europea/OPAMSS"] and cliff["despues_del_fin"].all()


def test_arrow_fold_matches_the_python_fold(bundled_plan) -> None:
    samples = ["ÁREA:  Gestión Ñandú", "Unión\tEuropea", "  OE1: Adecuar  ", "ﬁnanciación"]
    samples += list(bundled_plan.tables["actividades"]["actividad"])
    folded = acts.fold_array(pa.array(samples, pa.large_string())).to_pylist()
    assert folded == [fold(s) for s in samples]

"""domain/diff.py: what changes between two versions of a plan, exact to the cent, matched loosely."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from domain.diff import (
    ADDED,
    CHANGED,
    NEW_FUNDING,
    NOTHING,
    REMOVED,
    RESCHEDULED,
    Presence,
    diff,
    fold_all,
)
from domain.folding import fold
from domain.plan import LoadResult
from domain.schema import (
    CAMBIOS_DONACIONES,
    CAMBIOS_PERSONAL,
    CAMBIOS_TOTALES,
    EXPECTED_TABLES,
    Table,
)
from loaders import load_workbook
from tests.factories import plan_with_poa


def variant(plan: LoadResult, **tables: pd.DataFrame | None) -> LoadResult:
    """A copy of `plan` with some tables replaced (None: the table is absent); the others are copies too."""
    out = {name: frame.copy() for name, frame in plan.tables.items()}
    for name, frame in tables.items():
        if frame is None:
            out.pop(name, None)
        else:
            out[name] = frame
    return dataclasses.replace(plan, tables=out)


def labels(view: Table) -> list[str]:
    """How the display tables head their columns: the view's Spanish labels, in its order."""
    return list(view.labels().values())


def table(plan: LoadResult, name: str) -> pd.DataFrame:
    return plan.tables[name].copy()


# ---------------------------------------------------------------- nothing changes

def test_identical_plans_change_nothing(bundled_plan) -> None:
    d = diff(bundled_plan, variant(bundled_plan))
    assert d.empty and d.sentence() == NOTHING == "No cambia nada respecto de la anterior."
    assert all(d.presence(t) is Presence.BOTH for t in EXPECTED_TABLES)
    ingresos = d.totals[0]
    assert (ingresos.old, ingresos.new, ingresos.difference) == (Decimal("7868489.38"), Decimal("7868489.38"), 0)
    assert not any(t.changed for t in d.totals)
    assert d.lines_table("ingresos").empty and d.activities_table().empty
    assert list(d.lines_table("ingresos").columns) == ["Cambio", "Clasificación", "Antes", "Después", "Diferencia"]
    assert list(d.lines_table("donaciones").columns) == labels(CAMBIOS_DONACIONES)
    assert list(d.activities_table().columns) == ["Cambio", "Área", "Actividad", "Antes", "Después"]


def test_case_accents_and_spacing_are_no_change(bundled_plan) -> None:
    ingresos = table(bundled_plan, "ingresos")
    ingresos.loc[0, "clasificacion"] = "  TASAS y   derechos "
    ingresos.loc[5, "clasificacion"] = "Recuperacion de inversiones financieras"  # no accent
    actividades = table(bundled_plan, "actividades")
    actividades["actividad"] = actividades["actividad"].str.upper()
    actividades["fuente_financiamiento"] = actividades["fuente_financiamiento"].str.lower()
    assert diff(bundled_plan, variant(bundled_plan, ingresos=ingresos, actividades=actividades)).empty


def test_an_empty_plan_against_itself() -> None:
    d = diff(LoadResult(), LoadResult())
    assert d.empty and all(d.presence(t) is Presence.NEITHER for t in EXPECTED_TABLES)
    assert d.staff_table().empty and d.totals_table()["Antes"].isna().all()


# ---------------------------------------------------------------- budget lines and donors

def test_a_changed_amount_exact_to_the_cent_shown_with_the_new_text(bundled_plan) -> None:
    ingresos = table(bundled_plan, "ingresos")
    ingresos.loc[0, ["clasificacion", "monto"]] = ["Tasas y Derechos", 2370815.01]
    d = diff(bundled_plan, variant(bundled_plan, ingresos=ingresos))
    (change,) = d.ingresos.changes
    assert (change.change, change.key, change.old, change.new, change.difference) == (
        CHANGED, "Tasas y Derechos", Decimal("2370715.00"), Decimal("2370815.01"), Decimal("100.01"))
    totals = {t.concept: t for t in d.totals}
    assert (totals["Ingresos"].old, totals["Ingresos"].new, totals["Ingresos"].difference) == (
        Decimal("7868489.38"), Decimal("7868589.39"), Decimal("100.01"))
    assert not totals["Fondos propios OPAMSS"].changed  # stated in the workbook, not derived
    assert d.sentence() == "Cambia 1 línea de ingresos."
    assert d.lines_table("ingresos").to_dict("records") == [{
        "Cambio": "cambia", "Clasificación": "Tasas y Derechos", "Antes": 2370715.0, "Después": 2370815.01,
        "Diferencia": 100.01}]


def test_a_removed_expense_line(bundled_plan) -> None:
    egresos = table(bundled_plan, "egresos").drop(index=2)
    d = diff(bundled_plan, variant(bundled_plan, egresos=egresos))
    (change,) = d.egresos.removed
    assert (change.key, change.old, change.new, change.difference) == (
        "Gastos financieros y otros", Decimal("155859.76"), None, Decimal("-155859.76"))
    egresos_total = next(t for t in d.totals if t.concept == "Egresos")
    # The bundled expense lines add up to one cent less than the stated total: the diff keeps that cent.
    assert (egresos_total.old, egresos_total.new) == (Decimal("7868489.37"), Decimal("7712629.61"))
    row = d.lines_table("egresos").iloc[0]
    assert row["Cambio"] == REMOVED and np.isnan(row["Después"]) and row["Diferencia"] == -155859.76


def test_a_new_donor_and_a_donor_ending_later(bundled_plan) -> None:
    donaciones = table(bundled_plan, "donaciones")
    donaciones.loc[1, "fecha_finalizacion"] = date(2016, 9, 30)  # AMB: same amount, later end
    donaciones = pd.concat([donaciones, pd.DataFrame(
        {"donante": ["BID"], "importe": [1000.50], "fecha_finalizacion": [date(2017, 1, 31)]})], ignore_index=True)
    d = diff(bundled_plan, variant(bundled_plan, donaciones=donaciones))
    amb, bid = d.donaciones.changes
    assert (amb.change, amb.key, amb.difference, amb.old_end, amb.new_end) == (
        CHANGED, "AMB", Decimal("0.00"), date(2016, 7, 31), date(2016, 9, 30))
    assert (bid.change, bid.old, bid.new, bid.new_end) == (ADDED, None, Decimal("1000.50"), date(2017, 1, 31))
    total = next(t for t in d.totals if t.concept == "Donaciones")
    assert (total.old, total.new, total.difference) == (Decimal("1050008.34"), Decimal("1051008.84"),
                                                        Decimal("1000.50"))
    frame = d.lines_table("donaciones")
    assert list(frame["Cambio"]) == [CHANGED, ADDED]
    assert list(frame["Finalización después"]) == [date(2016, 9, 30), date(2017, 1, 31)]
    assert d.sentence() == "Cambian 2 líneas de donaciones."


def test_repeated_keys_pair_in_order_of_appearance() -> None:
    def plan(names: list[str], amounts: list[float]) -> LoadResult:
        return LoadResult(tables={"ingresos": pd.DataFrame({"clasificacion": names, "monto": amounts})})

    d = diff(plan(["Otros", "Tasas", "Otros"], [10.0, 5.0, 20.0]),
             plan(["otros", "Tasas", "OTROS", "Otros "], [10.0, 5.0, 25.5, 30.0]))
    assert [(c.change, c.key, c.old, c.new) for c in d.ingresos.changes] == [
        (CHANGED, "OTROS", Decimal("20.00"), Decimal("25.50")), (ADDED, "Otros ", None, Decimal("30.00"))]
    removed = diff(plan(["Otros", "Otros"], [1.0, 2.0]), plan(["Otros"], [1.0]))
    assert [(c.change, c.old) for c in removed.ingresos.changes] == [(REMOVED, Decimal("2.00"))]


# ---------------------------------------------------------------- totals, staff

def test_a_corrected_stated_total_is_a_change(bundled_plan) -> None:
    stated = table(bundled_plan, "totales_declarados")
    stated.loc[stated["concepto"] == "total_egresos", "monto"] = 7868489.37
    d = diff(bundled_plan, variant(bundled_plan, totales_declarados=stated))
    (declared,) = d.declared
    assert (declared.concept, declared.difference) == ("Total Egresos (declarado)", Decimal("-0.01"))
    assert not d.empty and d.sentence() == "Cambia 1 total declarado."
    assert list(d.totals_table()["Concepto"])[-1] == "Total Egresos (declarado)"


def test_a_removed_tier_row(bundled_plan) -> None:
    personal = table(bundled_plan, "personal")
    personal = personal[personal["nivel"] != "apoyo"]
    d = diff(bundled_plan, variant(bundled_plan, personal=personal))
    apoyo = next(t for t in d.staff.tiers if t.nivel == "apoyo")
    assert (apoyo.old, apoyo.new, apoyo.difference, apoyo.new_share) == (21, 0, -21, 0.0)
    assert [t.nivel for t in d.staff.changed] == ["apoyo"]
    directivo = d.staff.tiers[0]
    assert directivo.old_share == pytest.approx(700 / 94) and directivo.new_share == pytest.approx(700 / 73)
    frame = d.staff_table()
    assert list(frame.columns) == labels(CAMBIOS_PERSONAL)
    assert list(frame["Nivel"]) == ["directivo", "apoyo", "asesor", "operativo"]
    assert list(frame["Diferencia"]) == [0, -21, 0, 0]
    assert d.sentence() == "Cambian las plazas de 1 nivel."


def test_totals_table_keeps_numbers(bundled_plan) -> None:
    ingresos = table(bundled_plan, "ingresos")
    ingresos.loc[6, "monto"] = 3126136.07
    frame = diff(bundled_plan, variant(bundled_plan, ingresos=ingresos)).totals_table()
    assert list(frame.columns) == labels(CAMBIOS_TOTALES) == ["Concepto", "Antes", "Después", "Diferencia"]
    assert list(frame["Concepto"]) == ["Ingresos", "Egresos", "Donaciones", "Fondos propios OPAMSS"]
    assert frame["Diferencia"].tolist() == pytest.approx([0.01, 0.0, 0.0, 0.0])
    assert frame["Antes"].dtype == "float64"  # numbers stay numbers: they sort


# ---------------------------------------------------------------- activities

def activities_changed(plan: LoadResult) -> pd.DataFrame:
    """Activity 0 starts a month later, 1 gets AACID funding, 2 is removed and one new one is added."""
    a = table(plan, "actividades")
    a.loc[0, "inicio"] = date(2016, 4, 1)
    a.loc[0, "fin"] = date(2016, 4, 30)
    a.loc[1, "fuente_financiamiento"] = "AACID"
    added = a.iloc[[3]].assign(actividad="Publicar el informe de cierre 2016.")
    return pd.concat([a.drop(index=2), added], ignore_index=True)


def test_activities_added_removed_rescheduled_and_newly_funded(bundled_plan) -> None:
    a = bundled_plan.tables["actividades"]
    d = diff(bundled_plan, variant(bundled_plan, actividades=activities_changed(bundled_plan)))
    acts = d.activities
    assert [c.actividad for c in acts.added] == ["Publicar el informe de cierre 2016."]
    assert [c.actividad for c in acts.removed] == [a.loc[2, "actividad"]]
    (moved,) = acts.rescheduled
    assert (moved.actividad, moved.old_inicio, moved.old_fin, moved.new_inicio, moved.new_fin) == (
        a.loc[0, "actividad"], date(2016, 3, 1), date(2016, 3, 31), date(2016, 4, 1), date(2016, 4, 30))
    (funded,) = acts.funding_changed
    assert (funded.actividad, funded.old_fuente, funded.new_fuente) == (
        a.loc[1, "actividad"], "Fondos propios OPAMSS", "AACID")
    assert d.sentence() == ("Se agrega 1 actividad, se elimina 1, 1 cambia de fechas y 1 cambia de fuente de "
                            "financiamiento.")
    frame = d.activities_table()
    assert list(frame["Cambio"]) == [ADDED, REMOVED, RESCHEDULED, NEW_FUNDING]
    assert frame.iloc[2][["Antes", "Después"]].tolist() == ["01/03/2016 – 31/03/2016", "01/04/2016 – 30/04/2016"]
    assert frame.iloc[3][["Antes", "Después"]].tolist() == ["Fondos propios OPAMSS", "AACID"]
    assert frame.iloc[0]["Área"] == "Dirección Ejecutiva" and frame.iloc[0]["Antes"] == "—"


def test_repeated_activities_pair_in_order() -> None:
    def plan(rows: list[tuple[str, str, date]]) -> LoadResult:
        frame = pd.DataFrame(rows, columns=["area", "actividad", "inicio"]).assign(fin=None, fuente_financiamiento="X")
        return LoadResult(tables={"actividades": frame})

    old = plan([("A", "Taller", date(2016, 1, 1)), ("A", "Taller", date(2016, 2, 1))])
    new = plan([("a", "taller", date(2016, 1, 1)), ("A", "TALLER", date(2016, 3, 1)), ("A", "Taller", None)])
    acts = diff(old, new).activities
    assert [(c.actividad, c.old_inicio, c.new_inicio) for c in acts.rescheduled] == [
        ("TALLER", date(2016, 2, 1), date(2016, 3, 1))]
    assert [(c.actividad, c.new_inicio) for c in acts.added] == [("Taller", None)]
    assert not acts.removed and not acts.funding_changed


def test_a_thousand_activities_through_the_vectorised_path(plan_1000) -> None:
    a = table(plan_1000, "actividades")
    a.loc[a.index[:5], "inicio"] = date(2016, 2, 1)
    a.loc[a.index[10:13], "fuente_financiamiento"] = "Fondo Nuevo"
    a["actividad"] = a["actividad"].str.upper()
    a = a.drop(index=a.index[20:27])
    acts = diff(plan_1000, variant(plan_1000, actividades=a)).activities
    original = plan_1000.tables["actividades"]
    already = int((pd.to_datetime(original["inicio"].iloc[:5]) == pd.Timestamp(2016, 2, 1)).sum())
    assert (len(acts.added), len(acts.removed), len(acts.rescheduled), len(acts.funding_changed)) == (
        0, 7, 5 - already, 3)
    assert [c.actividad for c in acts.removed] == list(original["actividad"].iloc[20:27])


# ---------------------------------------------------------------- absent tables

def test_an_upload_without_a_table_says_it_is_absent(bundled_plan) -> None:
    d = diff(bundled_plan, variant(bundled_plan, actividades=None))
    assert d.presence("actividades") is Presence.OLD_ONLY == "solo en la anterior"
    assert not d.activities.removed and d.activities_table().empty
    assert not d.empty and d.sentence() == "La nueva no trae actividades."


def test_a_budget_only_workbook_against_the_bundled_plan(bundled_plan) -> None:
    budget = load_workbook(plan_with_poa(0, budget=False))
    d = diff(bundled_plan, budget)
    assert [d.presence(t) for t in EXPECTED_TABLES] == [Presence.BOTH, Presence.BOTH, Presence.OLD_ONLY,
                                                        Presence.OLD_ONLY, Presence.OLD_ONLY]
    assert not d.ingresos.changes and not d.egresos.changes and not d.donaciones.changes
    donaciones = next(t for t in d.totals if t.concept == "Donaciones")
    assert (donaciones.old, donaciones.new, donaciones.difference) == (Decimal("1050008.34"), None, None)
    # The budget sheets state only their two totals: the donors', own funds' and the general total are gone.
    assert d.sentence() == "La nueva no trae donaciones, personal ni actividades; cambian 3 totales declarados."
    back = diff(budget, bundled_plan)
    assert back.presence("personal") is Presence.NEW_ONLY
    assert back.sentence() == "Solo la nueva trae donaciones, personal y actividades; cambian 3 totales declarados."
    assert back.staff_table()["Plazas antes"].isna().all()
    assert list(back.staff_table()["Plazas después"]) == [7, 21, 12, 54]


# ---------------------------------------------------------------- the sentence, folding, inputs

def test_the_sentence_names_lines_then_activities(bundled_plan) -> None:
    ingresos, egresos = table(bundled_plan, "ingresos"), table(bundled_plan, "egresos")
    ingresos.loc[[0, 1], "monto"] += 1
    egresos.loc[0, "monto"] -= 1
    a = table(bundled_plan, "actividades")
    a.loc[a.index[10:15], "fin"] = date(2016, 11, 30)
    a = pd.concat([a, a.iloc[:3].assign(actividad=["Nueva 1", "Nueva 2", "Nueva 3"])], ignore_index=True)
    d = diff(bundled_plan, variant(bundled_plan, ingresos=ingresos, egresos=egresos, actividades=a))
    assert d.sentence() == ("Cambian 2 líneas de ingresos y 1 de egresos; se agregan 3 actividades y 5 cambian de "
                            "fechas.")


TRICKY = ["Gestión", "  ÁREA:\tGestión\n", "a\u00a0b", "ﬁnanzas", "İstanbul", "año", "e\u034fe", "Ωmega",
          "café\u0301", "x\u2003\u2003y", "Señor  ", "K", "niño—acción", "", "  ", "TASAS y  derechos"]


def test_fold_all_gives_folds_keys() -> None:
    texts = pd.Series(TRICKY * 10 + [None], dtype=object)  # over 100 texts: the vectorised path
    assert list(fold_all(texts)) == [fold(t) for t in TRICKY * 10] + [""]
    assert list(fold_all(pd.Series(TRICKY))) == [fold(t) for t in TRICKY]


def test_diff_leaves_its_inputs_alone(bundled_plan) -> None:
    new = variant(bundled_plan, actividades=activities_changed(bundled_plan))
    before = {name: frame.copy() for name, frame in new.tables.items()}
    diff(bundled_plan, new)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(new.tables[name], frame)

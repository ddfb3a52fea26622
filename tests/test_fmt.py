"""domain/fmt.py: El Salvador's formats, Spanish wording, and display texts that never collide."""

from datetime import date
from decimal import Decimal

import pytest

from charts.theme import money_axis
from domain.fmt import count, distinct_labels, fecha, join_names, money, money_unit, percent, shorten, trim_number, wrap


def test_formats_are_el_salvadors() -> None:
    assert money(Decimal("7868489.38")) == "$7,868,489.38"
    assert money(Decimal("-0.01")) == "-$0.01"
    assert money(790917.12) == "$790,917.12"
    assert money(None) == "—"
    assert fecha(date(2016, 7, 31)) == "31/07/2016" and fecha(None) == "—"
    assert percent(13.3333) == "13.3 %" and percent(7.4468, 2) == "7.45 %"
    assert count(1, "error", "errores") == "1 error" and count(1470, "error", "errores") == "1,470 errores"
    assert join_names(["AMB"]) == "AMB" and join_names(["A", "B", "C"]) == "A, B y C"
    assert join_names(["directivo", "apoyo", "operativo"], "u") == "directivo, apoyo u operativo"
    assert shorten("Subdirección de Control del Desarrollo Urbano", 24) == "Subdirección de Control…"
    assert wrap("Recuperación de inversiones financieras", 22) == "Recuperación de<br>inversiones…"


def test_distinct_labels_lengthen_only_what_would_collide() -> None:
    areas = ["Subdirección de Control del Desarrollo Urbano", "Subdirección de Planificación Territorial",
             "Subdirección de Desarrollo Económico", "Informática"]
    short = [shorten(a, 16) for a in areas]
    assert len(set(short)) == 2  # the defect: three areas read "Subdirección de…"
    labels = distinct_labels(areas, 16)
    assert len(set(labels)) == len(areas)
    assert labels[-1] == "Informática"
    assert all(len(label) < len(area) or label == area for label, area in zip(labels, areas, strict=True))


def test_distinct_labels_number_texts_that_read_alike_even_in_full() -> None:
    assert distinct_labels(["Otros ", " Otros", "Otros"], 40) == ["Otros", "Otros (2)", "Otros (3)"]


@pytest.mark.parametrize(("top", "unit"), [(3_500_000, "Millones de dólares (US$)"),
                                           (900_000, "Miles de dólares (US$)"), (1_500, "Dólares (US$)")])
def test_money_units_are_spanish_words(top: float, unit: str) -> None:
    assert money_unit(top)[1] == unit


def test_money_axes_have_round_steps_in_the_unit_their_title_names() -> None:
    axis = money_axis(3_500_000)
    assert axis["tickvals"] == [0, 1_000_000, 2_000_000, 3_000_000]
    assert axis["ticktext"] == ["0", "1", "2", "3"] and axis["title"]["text"] == "Millones de dólares (US$)"
    assert money_axis(900_000)["ticktext"][:3] == ["0", "200", "400"]
    assert money_axis(2_600_000, ticks=4)["ticktext"] == ["0", "1", "2"]
    assert trim_number(2.5) == "2.5" and trim_number(1500) == "1,500"

"""Cell coercions: every Tiempo form of the contract, amounts, dates and header aliases."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.text import header_key, parse_amount, parse_date, parse_tiempo

Y = 2016


@pytest.mark.parametrize(
    ("text", "inicio", "fin"),
    [
        ("Marzo", date(Y, 3, 1), date(Y, 3, 31)),
        ("mar", date(Y, 3, 1), date(Y, 3, 31)),
        ("FEBRERO", date(Y, 2, 1), date(Y, 2, 29)),
        ("Enero - Marzo", date(Y, 1, 1), date(Y, 3, 31)),
        ("enero a marzo", date(Y, 1, 1), date(Y, 3, 31)),
        ("Ene-Mar", date(Y, 1, 1), date(Y, 3, 31)),
        ("De febrero a junio", date(Y, 2, 1), date(Y, 6, 30)),
        ("Julio - Septiembre 2016", date(2016, 7, 1), date(2016, 9, 30)),
        ("Julio - Septiembre 2017", date(2017, 7, 1), date(2017, 9, 30)),
        ("I Trimestre", date(Y, 1, 1), date(Y, 3, 31)),
        ("Primer trimestre", date(Y, 1, 1), date(Y, 3, 31)),
        ("T2", date(Y, 4, 1), date(Y, 6, 30)),
        ("3er trimestre", date(Y, 7, 1), date(Y, 9, 30)),
        ("IV Trimestre", date(Y, 10, 1), date(Y, 12, 31)),
        ("I Semestre", date(Y, 1, 1), date(Y, 6, 30)),
        ("Segundo semestre", date(Y, 7, 1), date(Y, 12, 31)),
        ("Permanente", date(Y, 1, 1), date(Y, 12, 31)),
        ("Todo el año", date(Y, 1, 1), date(Y, 12, 31)),
        ("todo el ano", date(Y, 1, 1), date(Y, 12, 31)),
        ("Anual", date(Y, 1, 1), date(Y, 12, 31)),
        ("Ene-Dic", date(Y, 1, 1), date(Y, 12, 31)),
        ("15/02/2016 - 30/04/2016", date(2016, 2, 15), date(2016, 4, 30)),
        ("  Abril  ", date(Y, 4, 1), date(Y, 4, 30)),
    ],
)
def test_tiempo_forms(text: str, inicio: date, fin: date) -> None:
    assert parse_tiempo(text, Y) == (inicio, fin, None)


@pytest.mark.parametrize("text", ["Por definir", "", "  ", "pronto", "V trimestre", "Trece"])
def test_tiempo_unrecognised_is_a_problem_not_an_exception(text: str) -> None:
    assert parse_tiempo(text, Y) == (None, None, "no_reconocido")


def test_month_only_timing_needs_a_year() -> None:
    assert parse_tiempo("Marzo", None) == (None, None, "sin_anio")
    assert parse_tiempo("Julio - Septiembre 2016", None) == (date(2016, 7, 1), date(2016, 9, 30), None)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$ 2,370,715.00", Decimal("2370715.00")),
        ("2370715", Decimal("2370715.00")),
        ("$2,370,715", Decimal("2370715.00")),
        ("790917.12", Decimal("790917.12")),
        ("790917.1199999999953433871269226074", Decimal("790917.12")),  # a float cell's exact decimal text
        ("US$ 10,212.00", Decimal("10212.00")),
        ("(1,000.00)", Decimal("-1000.00")),
    ],
)
def test_amounts(text: str, value: Decimal) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["s/m", "2,5", "1,00,000", "abc", "", "$", "12.3.4"])
def test_not_amounts(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    "text", ["31/Dic/2016", "31/12/2016", "31 de diciembre de 2016", "2016-12-31 00:00:00", "31-dic-2016", "42735"]
)
def test_dates(text: str) -> None:
    assert parse_date(text) == date(2016, 12, 31)


@pytest.mark.parametrize("text", ["31/02/2016", "Dic 2016", "mañana", "99/99/9999"])
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Fuente de Verificación", "fuente de verificacion"),
        ("RESPONSABLES", "Responsable"),
        ("Indicadores", "indicador"),
        ("  Actividades ", "ACTIVIDAD"),
        ("Fecha Finalización", "fecha de finalizacion"),
    ],
)
def test_header_aliases_meet(a: str, b: str) -> None:
    assert header_key(a) == header_key(b)


@given(st.text(max_size=40), st.one_of(st.none(), st.integers(1900, 2100)))
def test_cell_parsers_are_total(text: str, year) -> None:
    parse_amount(text)
    parse_date(text)
    inicio, fin, problem = parse_tiempo(text, year)
    assert (problem is None) == (inicio is not None and fin is not None)

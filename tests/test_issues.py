"""domain/issues.py and domain/places.py: where a problem is, and the collector that caps them per kind."""

import json

from domain.catalogue import issue
from domain.issues import Issue, Issues, Omitted, Severity
from domain.places import Place, column_index, column_letter


def test_columns_letters_round_trip() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 16383)] == ["A", "Z", "AA", "AB", "XFD"]
    assert all(column_index(column_letter(i)) == i for i in range(0, 20000, 7))


def test_a_place_is_structured_and_reads_as_words() -> None:
    place = Place("POA", 12, 4, "Tiempo")
    assert (place.letter, place.column, place.cell) == ("E", "Tiempo (E)", "E12")
    assert place.words() == "hoja «POA», fila 12, columna Tiempo (E)"
    assert Place("POA", 3).words() == "hoja «POA», fila 3" and Place().words() == ""
    assert place.to_json() == {"sheet": "POA", "row": 12, "col": 4, "letter": "E", "label": "Tiempo"}


def test_an_issue_and_a_count_come_back_from_their_json() -> None:
    """The isolated reader sends issues as JSON: what comes back is the same issue, place and table included."""
    item = issue("monto_invalido", Place("Egresos", 8, 1, "Monto"), what="Monto", found="s/m")
    sent = json.loads(json.dumps(item.to_json()))
    assert Issue.from_json(sent) == item and item.place.cell == "B8" and item.severity is Severity.ERROR
    bare = issue("sin_tablas", sheets="Hoja1", examples="Clasificación | Monto")
    assert Issue.from_json(json.loads(json.dumps(bare.to_json()))) == bare
    omitted = Omitted("tiempo_no_reconocido", Severity.WARNING, "Tiempo no reconocido", 30)
    assert Omitted.from_json(json.loads(json.dumps(omitted.to_json()))) == omitted


def test_issues_take_their_severity_from_the_catalogue() -> None:
    assert issue("monto_invalido", what="x", found="y").severity is Severity.ERROR
    assert issue("tiempo_no_reconocido", found="y").severity is Severity.WARNING


def test_the_collector_lists_the_first_ones_and_counts_the_rest() -> None:
    issues = Issues(limit=3)
    built = []

    def make(row: int):
        built.append(row)
        return issue("actividad_vacia", Place("POA", row))

    issues.add_rows(list(range(10, 20)), make)
    issues.add(issue("actividad_vacia", Place("POA", 99)))
    assert [i.row for i in issues.items] == [10, 11, 12]
    assert built == [10, 11, 12]  # messages are built only for the rows listed
    [omitted] = issues.omitted()
    assert (omitted.code, omitted.count, omitted.severity) == ("actividad_vacia", 8, Severity.WARNING)

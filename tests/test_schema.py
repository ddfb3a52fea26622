"""domain/schema.py: each table declared once; loaders, pages, template and checks derive from it."""

import pandas as pd

from domain.schema import CANONICAL, COLUMNS, DONACIONES, HEADER_TABLES, PERSONAL, TABLE_LABELS, validate
from loaders.text import header_key


def test_every_canonical_table_has_labels_kinds_and_a_template_header() -> None:
    assert COLUMNS["donaciones"] == ("donante", "importe", "fecha_finalizacion")
    assert TABLE_LABELS["actividades"] == "Actividades (POA)"
    for table in CANONICAL.values():
        assert all(c.label and c.kind for c in table.columns), table.name
        assert len(set(table.names)) == len(table.names)
    assert DONACIONES.template_header == ("Donante", "Importe", "Fecha Finalización")


def test_every_header_table_can_be_recognised_by_its_own_template_header() -> None:
    for table in HEADER_TABLES:
        keys = {header_key(a) for c in table.columns for a in c.aliases}
        for column in table.columns:
            if column.required:
                assert column.aliases, (table.name, column.name)
        assert table.required, table.name
        assert keys


def test_validate_finds_what_breaks_a_declaration() -> None:
    good = pd.DataFrame({"nivel": ["apoyo"], "unidad": [""], "plazas": [3]})
    assert validate(PERSONAL, good) == []
    bad = pd.DataFrame({"nivel": ["gerencial"], "unidad": [""], "plazas": [-1]})
    assert len(validate(PERSONAL, bad)) == 2
    assert validate(PERSONAL, good[["nivel", "plazas"]])  # a missing column

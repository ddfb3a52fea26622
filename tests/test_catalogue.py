"""domain/catalogue.py: every code the project can raise is catalogued once, with one severity, and every
message renders with its fields."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from domain.catalogue import CATALOGUE, REOPEN, TEMPLATE_HINT, issue
from domain.issues import Severity
from domain.places import Place

ROOT = Path(__file__).parents[1]
CODE = re.compile(r"^[a-z]+(?:_[a-z0-9]+)+$")


def raised_codes() -> dict[str, list[str]]:
    """Codes passed as a literal to issue(…) or refuse(…), or written as a check's code, with where."""
    found: dict[str, list[str]] = {}
    for path in [*ROOT.glob("loaders/*.py"), *ROOT.glob("domain/*.py"), *ROOT.glob("charts/*.py"),
                 *ROOT.glob("ui/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            literal = None
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in
                    ("issue", "refuse") and node.args and isinstance(node.args[0], ast.Constant)):
                literal = node.args[0].value
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.endswith("_no_cuadra"):
                literal = node.value
            if isinstance(literal, str):
                found.setdefault(literal, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_code_raised_is_in_the_catalogue() -> None:
    raised = raised_codes()
    assert len(raised) > 30  # the scan sees the call sites
    assert {code: where for code, where in raised.items() if code not in CATALOGUE} == {}


def test_every_catalogued_code_is_raised_somewhere() -> None:
    assert set(CATALOGUE) - set(raised_codes()) == set()


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_message_renders_with_its_fields(code: str) -> None:
    kind = CATALOGUE[code]
    assert CODE.match(code) and kind.title and kind.template
    assert isinstance(kind.severity, Severity)
    values = {name: f"<{name}>" for name in kind.fields}
    item = issue(code, Place("Hoja", 3, 1, "Monto"), **values)
    assert item.severity is kind.severity and item.title == kind.title
    assert "{" not in item.message and "}" not in item.message
    assert all(f"<{name}>" in item.message for name in kind.fields)
    assert item.message[0].isupper() or item.message[0] in "«<¿"


def test_messages_point_to_what_exists() -> None:
    """The template hint names a page the dashboard has, and that page offers the template."""
    texts = " ".join(f"{k.template} {k.action}" for k in CATALOGUE.values())
    assert TEMPLATE_HINT in texts
    root = Path(__file__).parents[1]
    assert 'title="Cargar y publicar"' in (root / "dashboard.py").read_text(encoding="utf-8")
    assert "«Cargar y publicar»" in TEMPLATE_HINT
    assert "Plantilla vacía" in (root / "app_pages" / "cargar.py").read_text(encoding="utf-8")


def test_shared_advice_is_written_once() -> None:
    source = (ROOT / "domain" / "catalogue.py").read_text(encoding="utf-8")
    assert source.count(REOPEN) == 1 and source.count("REOPEN") >= 3
    for path in [*ROOT.glob("loaders/*.py"), *ROOT.glob("ui/*.py")]:
        assert "guárdelo de nuevo" not in path.read_text(encoding="utf-8").lower(), path


def test_one_code_one_severity_for_dates() -> None:
    """The defect: `fecha_invalida` was an error for a donor and a warning for an activity."""
    assert "fecha_invalida" not in CATALOGUE
    assert CATALOGUE["fecha_donacion_invalida"].severity is Severity.ERROR
    assert CATALOGUE["fecha_actividad_invalida"].severity is Severity.WARNING

"""The dependency rule, as an allow-list: which of our packages each layer may import, and where the heavy
third-party libraries may appear. Streamlit stays at the edge; domain/ imports nothing of ours.

tests/ and bench/ drive everything, so they may import anything.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).parents[1]
OURS = {"domain", "loaders", "charts", "ui", "app_pages", "settings", "dashboard", "app", "data", "tests", "bench",
        "store", "publishing", "exports", "deploy"}
# layer -> the packages of ours it may import (itself included)
ALLOWED_OURS = {
    "domain": {"domain"},
    "settings": set(),
    "loaders": {"loaders", "domain", "settings"},
    "charts": {"charts", "domain"},
    "store": {"store", "domain", "settings"},  # bytes and JSON in, frozen records out: never the loaders
    "publishing": {"loaders", "domain", "store", "settings"},  # the one place that joins them
    "exports": {"exports", "domain"},
    "ui": {"ui", "charts", "domain", "loaders", "settings", "store", "publishing", "exports"},
    "app_pages": {"ui", "charts", "domain", "publishing", "exports", "settings"},  # the store only via publishing
    "dashboard": {"ui"},  # the page chrome (ui.chrome); pages do the rest
    "app": {"ui"},  # the server: the dashboard and the calendar feed (ui.feed)
    "data": {"domain"},
    "deploy": {"deploy", "domain", "settings"},  # starts processes: never imports the dashboard's code
}
# third-party library -> the layers that may import it
ONLY_IN = {
    "streamlit": {"ui", "app_pages", "dashboard", "app", "tests", "bench"},
    "fastexcel": {"loaders", "tests", "bench"},
    "defusedxml": {"loaders", "tests", "bench"},
    "plotly": {"charts", "tests", "bench"},
    "sqlalchemy": {"store", "tests", "bench"},
    "alembic": {"store", "tests", "bench"},
    "argon2": {"store", "tests", "bench"},
}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def layer(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def sources() -> list[Path]:
    return [p for p in ROOT.rglob("*.py") if p.relative_to(ROOT).parts[0] not in (".venv", "artifacts")]


def offences() -> list[str]:
    out = []
    for path in sources():
        here, used = layer(path), imports(path)
        if here in ALLOWED_OURS:
            out += [f"{path.relative_to(ROOT)} imports {name}" for name in sorted(used & OURS - ALLOWED_OURS[here])]
        out += [f"{path.relative_to(ROOT)} imports {lib}" for lib, layers in ONLY_IN.items()
                if lib in used and here not in layers]
    return out


def test_every_layer_imports_only_what_it_may() -> None:
    assert offences() == []


def test_tests_never_import_the_benchmarks() -> None:
    """The benchmarks import the tests' workbook factories, never the other way round."""
    assert [p.name for p in ROOT.glob("tests/*.py") if "bench" in imports(p)] == []


def test_the_layers_exist() -> None:
    """The rule must have something to check: the layers it protects are there."""
    for name in ALLOWED_OURS:
        assert list(ROOT.glob(f"{name}/*.py")) or (ROOT / f"{name}.py").exists(), name


def test_the_rule_would_catch_an_offender(tmp_path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("from streamlit import cache_data\nimport loaders.grid\nfrom . import sibling\n")
    assert imports(bad) == {"streamlit", "loaders"}

"""Streamlit stays at the edge: only dashboard.py, app_pages/ and ui.py may import it.

tests/ and bench/bench_pages.py drive the app through AppTest, so they may import it too; loaders/ and
charts/ never do.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).parents[1]
ALLOWED = {"dashboard.py", "ui.py", "bench/bench_pages.py"}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_streamlit_only_at_the_edge() -> None:
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in (".venv", "app_pages", "tests") or str(rel) in ALLOWED:
            continue
        if "streamlit" in imports(path):
            offenders.append(str(rel))
    assert offenders == []


def test_plain_python_layers_exist() -> None:
    """The rule above must have something to check: the layers it protects are there."""
    for layer in ("loaders", "charts"):
        assert list((ROOT / layer).glob("*.py")), layer


def test_the_rule_would_catch_an_offender(tmp_path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("from streamlit import cache_data\n")
    assert "streamlit" in imports(bad)

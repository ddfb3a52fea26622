"""ui/text.py and charts/theme.plain: text from a workbook is shown as written and builds nothing.

Payloads (tests/factories.PAYLOADS: images, links, autolinks, directives, KaTeX, fake headings, HTML, a formula)
go into every place a workbook's text reaches the screen. Every markdown element of every page is parsed as
GitHub markdown: no link, image, HTML, heading or code block may come out of it, and no math or directive may
stay unescaped. Every chart is searched for raw HTML. The browser suite then checks that no request leaves the
server (tests/test_browser.py).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from tests.factories import PAYLOADS, plan_with_payloads

ROOT = Path(__file__).parents[1]
DASHBOARD = str(ROOT / "dashboard.py")
PAGES = ("inicio", "presupuesto", "financiamiento", "personal", "actividades", "revision")
GFM = MarkdownIt("gfm-like", {"linkify": False})
# GitHub's literal autolinks, which Streamlit's renderer finds even in escaped text (markdown-it does not, so the
# rule is checked on the text as shown): a scheme, "www." or an e-mail address.
AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp|mailto|xmpp):|\bwww\.|[\w.+-]@[\w-]+\.\w")
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
BUILT = {"link_open", "image", "html_inline", "html_block", "heading_open", "fence", "code_block", "hr"}
UNESCAPED = re.compile(r"(?<!\\)\$.*(?<!\\)\$|(?<!\\):[a-z]+[\[:/]")  # $math$, :color[…], :emoji:, :material/…:
MARKDOWN_SINKS = ("markdown", "caption", "info", "warning", "success", "error", "title")


def built(source: str) -> set[str]:
    """What markdown constructs a source would build (recursively, inline tokens included), autolinks too."""
    kinds = set()
    for token in GFM.parse(source):
        kinds.add(token.type)
        kinds.update(child.type for child in token.children or ())
    if AUTOLINK.search(ESCAPE.sub(r"\1", source)):
        kinds.add("link_open")
    return kinds & BUILT


def test_the_check_itself_sees_the_payloads() -> None:
    """Raw, the payloads build links, images, HTML, a heading, a code block, math and directives."""
    raw = "\n".join(PAYLOADS)
    assert {"link_open", "image", "heading_open", "fence"} <= built(raw) | built(PAYLOADS[5])
    assert UNESCAPED.search(raw)


def test_md_escapes_every_payload() -> None:
    from ui.text import md

    for payload in PAYLOADS:
        escaped = md(payload)
        assert not built(escaped) and not UNESCAPED.search(escaped), payload
        assert "\n" not in escaped


@pytest.fixture(scope="module")
def payload_workbook(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "plan_![x](data:x)_$y$.xlsx"
    path.write_bytes(plan_with_payloads())
    return path


def run(page: str) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    return at.switch_page(f"app_pages/{page}.py").run() if page != "inicio" else at.run()


@pytest.mark.parametrize("page", PAGES)
def test_no_page_builds_anything_from_workbook_text(page: str, monkeypatch, payload_workbook: Path) -> None:
    monkeypatch.setenv("PLAN_WORKBOOK", str(payload_workbook))
    at = run(page)
    assert not at.exception
    sources = [str(e.value) for kind in MARKDOWN_SINKS for e in getattr(at, kind)]
    sources += [str(m.label) for m in at.metric] + [str(e.label) for e in at.expander]
    specs = [chart.proto.spec for chart in at.get("plotly_chart")]
    assert any("data" in s for s in sources + specs), "the payloads must reach the page to be tested"
    for source in sources:
        assert not built(source), source
        assert not UNESCAPED.search(source), source
    for spec in specs:
        strings = json.dumps(json.loads(spec), ensure_ascii=False)
        assert "<a" not in strings and "<img" not in strings and "<script" not in strings, page


def test_only_ui_text_hands_streamlit_a_text_that_is_not_a_literal() -> None:
    """The one helper: in app_pages/ and ui/, a markdown-reading Streamlit call takes a literal or goes through
    ui/text.py (which escapes)."""
    sinks = {*MARKDOWN_SINKS, "header", "subheader", "expander", "metric", "write", "toast", "page_link"}
    offenders = []
    for path in [*ROOT.glob("app_pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "dashboard.py"]:
        if path.name == "text.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in sinks
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "st"):
                label = next((k.value for k in node.keywords if k.arg in ("label", "body")), None)
                if node.func.attr != "page_link" and node.args:
                    label = node.args[0]
                if label is not None and not isinstance(label, ast.Constant):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} st.{node.func.attr}")
    assert offenders == []

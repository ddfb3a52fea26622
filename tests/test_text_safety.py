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
    assert_builds_nothing(run(page), page)


def assert_builds_nothing(at: AppTest, page: str, *, reached: bool = True) -> None:
    """No markdown sink, label or chart of the page builds anything, and the payloads did reach it."""
    assert not at.exception
    sources = [str(e.value) for kind in MARKDOWN_SINKS for e in getattr(at, kind)]
    sources += [str(m.label) for m in at.metric] + [str(e.label) for e in at.expander]
    specs = [chart.proto.spec for chart in at.get("plotly_chart")]
    if reached:
        assert any("data" in s for s in sources + specs), "the payloads must reach the page to be tested"
    for source in sources:
        assert not built(source), source
        assert not UNESCAPED.search(source), source
    for spec in specs:
        strings = json.dumps(json.loads(spec), ensure_ascii=False)
        assert "<a" not in strings and "<img" not in strings and "<script" not in strings, page
    labels = [str(w.label) for kind in ("button", "text_input", "selectbox") for w in getattr(at, kind)]
    labels += [str(d.label) for d in at.get("download_button")]
    for label in labels:
        assert not built(label) and not UNESCAPED.search(label), label


def test_what_a_clerk_types_or_uploads_builds_nothing_on_cargar_and_historial(payload_workbook: Path,
                                                                             dashboard_db: str) -> None:
    """The file name, the note, the editor's name and the cells of the report and of «¿Qué cambia?»."""
    from settings import Settings
    from store import Store, editors

    store = Store(dashboard_db, settings=Settings())
    store.migrate()
    name = "![x](http://127.0.0.9:9/n.png) :red[ana]"
    editors.add(store, name, "una clave larga 2016", by="consola")
    at = run("cargar")
    by_label = {t.label: t for t in at.text_input}
    by_label["Usuario"].input(name)
    by_label["Contraseña"].input("una clave larga 2016")
    at = next(b for b in at.button if b.label == "Ingresar").click().run()
    at.file_uploader[0].set_value((payload_workbook.name, payload_workbook.read_bytes(), "application/xlsx"))
    at = at.run()
    assert_builds_nothing(at, "cargar")
    at.text_input(key="cargar_nota").input(PAYLOADS[0] + " " + PAYLOADS[6])
    at = next(b for b in at.button if b.label == "Publicar").click().run()
    assert_builds_nothing(at, "cargar", reached=False)  # the confirmation, the editor's name
    assert_builds_nothing(run("inicio"), "inicio")  # «publicada por …» and the file name
    assert_builds_nothing(run("historial"), "historial", reached=False)  # its texts are cells of a table
    history = run("historial").dataframe[0].value
    assert history["Publicada por"].iloc[0] == name and history["Nota"].iloc[0].startswith(PAYLOADS[0])


def test_only_ui_text_hands_streamlit_a_text_that_is_not_a_literal() -> None:
    """The one helper: in app_pages/ and ui/, a markdown-reading Streamlit call takes a literal or goes through
    ui/text.py (which escapes). Widget labels read markdown too: on `st` or on a column or form, a label is a
    literal or `text.md(…)`."""
    sinks = {*MARKDOWN_SINKS, "header", "subheader", "expander", "metric", "write", "toast", "page_link"}
    widgets = {"button", "download_button", "text_input", "selectbox", "file_uploader", "form_submit_button",
               "segmented_control", "multiselect", "checkbox", "link_button", "radio"}
    offenders = []
    for path in [*ROOT.glob("app_pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "dashboard.py"]:
        if path.name == "text.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)):
                continue
            on_st, attr = node.func.value.id == "st", node.func.attr
            if not ((on_st and attr in sinks) or attr in widgets):
                continue
            label = next((k.value for k in node.keywords if k.arg in ("label", "body")), None)
            if attr != "page_link" and node.args:
                label = node.args[0]
            escaped = (isinstance(label, ast.Call) and isinstance(label.func, ast.Attribute)
                       and label.func.attr == "md")
            if label is not None and not isinstance(label, ast.Constant) and not escaped:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.func.value.id}.{attr}")
    assert offenders == []

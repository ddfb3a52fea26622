"""The store in a real browser: an editor publishes a revised budget on one dashboard process, a viewer with no
login sees it on another process at the next interaction, a zip bomb in between changes nothing, and the
version survives a restart. What a clerk types or uploads never makes the browser fetch anything."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl
import pytest
from playwright.sync_api import Browser, BrowserContext

from settings import Settings
from store import Store, editors, versions
from tests import browser_support as bs
from tests import hostile_files
from tests.builders import revised_budget
from tests.factories import PAYLOADS, plan_with_error, plan_with_payloads

PASSWORD = "una clave larga 2016"
OLD_TOTAL, NEW_TOTAL = "$7,868,489.38", "$7,968,489.38"


@contextmanager
def running(db_url: str, log: str) -> Iterator[bs.StreamlitServer]:
    server = bs.StreamlitServer(log_path=bs.ARTIFACTS / log, db_url=db_url)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def store_url(tmp_path: Path) -> Iterator[str]:
    """A database of its own with one editor, as `python -m store editor add` would leave it."""
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    store = Store(url, settings=Settings())
    store.migrate()
    editors.add(store, "ana", PASSWORD, by="consola")
    store.dispose()
    yield url


def context(chromium: Browser | None) -> BrowserContext:
    bs.require_chromium()
    assert chromium is not None
    return chromium.new_context(**bs.VIEWPORTS["desktop"], accept_downloads=True)


@pytest.mark.browser
def test_an_editor_publishes_and_a_viewer_on_another_instance_sees_it(
    chromium: Browser | None, store_url: str, tmp_path: Path
) -> None:
    revised, bomb, broken = tmp_path / "revision julio.xlsx", tmp_path / "bomba.xlsx", tmp_path / "con error.xlsx"
    revised.write_bytes(revised_budget())
    bomb.write_bytes(hostile_files.bomb_honest())
    broken.write_bytes(plan_with_error())
    editor_ctx, viewer_ctx = context(chromium), context(chromium)
    editor, viewer = editor_ctx.new_page(), viewer_ctx.new_page()
    for page in (editor, viewer):
        page.set_default_timeout(bs.APP_TIMEOUT_MS * 2)
    try:
        with running(store_url, "store-a.log") as a, running(store_url, "store-b.log") as b:
            bs.go(viewer, f"{b.url}/presupuesto")  # instance B, no login
            assert OLD_TOTAL in bs.body(viewer) and NEW_TOTAL not in bs.body(viewer)

            bs.login(editor, a.url, "ana", PASSWORD)  # instance A
            assert editor.get_by_role("button", name="Publicar").count() == 0
            bs.upload(editor, broken, "Descargar su libro con los problemas marcados")
            assert editor.get_by_role("button", name="Publicar").is_disabled()
            with editor.expect_download() as download:
                editor.get_by_role("button", name="Descargar su libro con los problemas marcados").click()
            marked = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
            assert marked.sheetnames[0] == "Problemas" and "s/m" in marked["Ingresos"]["B3"].comment.text
            assert download.value.suggested_filename == "con-error-con-problemas.xlsx"

            # A text only this upload's review has: «¿Qué cambia?» was already on the page from the last one.
            bs.upload(editor, revised, "Cambian 1 línea de ingresos y 1 de egresos")
            text = bs.body(editor)
            assert "Cambian 1 línea de ingresos y 1 de egresos" in text  # the tables are drawn on a canvas
            assert "Actividades (POA): el libro no la trae" in text
            bs.full_page_screenshot(editor, bs.SCREENSHOTS / "cargar-revision-desktop.png")
            editor.get_by_label("Nota (opcional)").fill("Revisión de julio")
            editor.get_by_role("button", name="Publicar").click()
            bs.settle(editor, "Publicada la versión 2")

            viewer.get_by_text("Porcentajes").first.click()  # the viewer's next interaction, on instance B
            bs.wait_until_app_finished(viewer)
            viewer.get_by_text("Montos").first.click()
            bs.wait_until_app_finished(viewer)
            assert NEW_TOTAL in bs.body(viewer), "instance B does not show what A published"
            assert "Se muestra la versión 2, publicada por ana" in bs.body(viewer)

            bs.upload(editor, bomb, "No se puede usar «bomba.xlsx»")  # a zip bomb in between
            bs.go(viewer, f"{b.url}/presupuesto")
            assert NEW_TOTAL in bs.body(viewer)
            bs.go(editor, f"{a.url}/historial")
            bs.full_page_screenshot(editor, bs.SCREENSHOTS / "historial-desktop.png")
        store = Store(store_url, settings=Settings())
        assert versions.published(store).number == 2
        store.dispose()
        with running(store_url, "store-restarted.log") as restarted:  # both processes gone, a new one
            bs.go(viewer, f"{restarted.url}/presupuesto")
            assert NEW_TOTAL in bs.body(viewer) and "versión 2" in bs.body(viewer)
    finally:
        editor_ctx.close()
        viewer_ctx.close()


@pytest.mark.browser
def test_what_a_clerk_types_or_uploads_makes_no_request_outside_the_server(
    chromium: Browser | None, tmp_path: Path
) -> None:
    """A payload as the editor's name, the file name, the note and every text of the workbook."""
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    store = Store(url, settings=Settings())
    store.migrate()
    name = "![x](http://127.0.0.9:9/n.png) www.malo.test"
    editors.add(store, name, PASSWORD, by="consola")
    store.dispose()
    workbook = tmp_path / "plan_![x](http:__127.0.0.9_9_f.png).xlsx"
    workbook.write_bytes(plan_with_payloads())
    ctx = context(chromium)
    page = ctx.new_page()
    page.set_default_timeout(bs.APP_TIMEOUT_MS * 2)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname not in
            {"127.0.0.1", "localhost"} and not r.url.startswith(("data:", "blob:")) else None)
    try:
        with running(url, "store-payloads.log") as server:
            bs.login(page, server.url, name, PASSWORD)
            bs.upload(page, workbook, "¿Qué cambia?")
            page.get_by_label("Nota (opcional)").fill(f"{PAYLOADS[0]} {PAYLOADS[6]}")
            page.get_by_role("button", name="Publicar").click()
            bs.settle(page, "Publicada la versión 2")
            for path in ("historial", ""):
                bs.go(page, f"{server.url}/{path}")
                links = page.eval_on_selector_all(
                    "a[href], img[src]", "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))")
                assert [u for u in links if urlsplit(u).hostname not in (None, "127.0.0.1", "localhost")
                        and not u.startswith("data:image/svg")] == [], path
            assert name in bs.body(page).replace("\u2060", "")  # «publicada por …», as written (joiners aside)
    finally:
        ctx.close()
    assert outside == []

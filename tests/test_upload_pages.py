"""AppTest of the finance clerk's flow: login (and its refusals), a refused file, the report, the annotated
copy, «¿Qué cambia?», publishing, the history, ?version=N, comparing and restoring."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from settings import Settings
from store import Store, audit, editors, versions
from tests import hostile_files
from tests.builders import revised_budget
from tests.factories import plan_with_error
from tests.test_pages import shown_text, texts

DASHBOARD = str(Path(__file__).parents[1] / "dashboard.py")
PASSWORD = "una clave larga 2016"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def db(dashboard_db: str) -> Store:
    """The database the dashboard under test uses, with one editor."""
    store = Store(dashboard_db, settings=Settings())
    store.migrate()
    editors.add(store, "ana", PASSWORD, by="consola")
    return store


def page(name: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.switch_page(f"app_pages/{name}.py").run() if name != "inicio" else at.run()


def login(at: AppTest, name: str = "ana", password: str = PASSWORD) -> AppTest:
    by_label = {t.label: t for t in at.text_input}
    by_label["Usuario"].input(name)
    by_label["Contraseña"].input(password)
    return next(b for b in at.button if b.label == "Ingresar").click().run()


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, data, XLSX))
    return at.run()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_before_login_the_page_shows_the_form_and_no_uploader(db: Store) -> None:
    at = page("cargar")
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Usuario", "Contraseña"]
    assert [b.label for b in at.button] == ["Ingresar"]
    assert len(at.file_uploader) == 0 and "Publicar" not in [b.label for b in at.button]


def test_a_failed_login_does_not_say_which_part_was_wrong(db: Store) -> None:
    wrong_password = login(page("cargar"), "ana", "otra cosa distinta").error[0].value
    unknown_user = login(page("cargar"), "nadie", PASSWORD).error[0].value
    assert wrong_password == unknown_user
    assert "usuario o la contraseña" in shown_text(wrong_password)


def test_the_whole_flow_login_report_diff_publish_history_restore(db: Store) -> None:
    at = login(page("cargar"))
    assert not at.exception and len(at.file_uploader) == 1
    labels = [shown_text(d.label) for d in at.get("download_button")]
    assert labels[:2] == ["Plantilla vacía (.xlsx)", "Libro publicado (versión 1)"]

    at = upload(at, "con error.xlsx", plan_with_error())  # the report, the annotated copy, no publishing
    body = texts(at)
    assert "El libro tiene 1 error" in body
    report = at.dataframe[0].value
    first = report.iloc[0]
    assert (first["gravedad"], first["hoja"], first["fila"], first["columna"].split(" ")[-1]) == \
        ("Error", "Ingresos", 3, "(B)")
    assert "Descargar su libro con los problemas marcados" in [d.label for d in at.get("download_button")]
    assert button(at, "Publicar").disabled

    at = upload(at, "revision julio.xlsx", revised_budget())  # what changes, then publish
    body = texts(at)
    assert "El libro tiene 0 errores" in body and not button(at, "Publicar").disabled
    assert "Actividades (POA): el libro no la trae; se conserva la de la versión 1" in body
    changed = [d.value for d in at.dataframe]
    assert any("Tasas y derechos" in frame.to_string() for frame in changed)
    at.text_input(key="cargar_nota").input("Revisión de julio")
    at = button(at, "Publicar").click().run()
    assert "Publicada la versión 2" in shown_text(at.success[0].value)
    assert versions.published(db).note == "Revisión de julio"

    home = page("inicio")  # a viewer, another session: the new version at once
    metrics = {m.label: m.value for m in home.metric}
    assert metrics["Presupuesto total"] == "$7,968,489.38" and metrics["Actividades del POA"] == "72"
    assert "Se muestra la versión 2, publicada por ana" in texts(home)
    assert "Actividades (POA): de la versión 1 del" in texts(home)

    history = page("historial")
    table = history.dataframe[0].value
    assert table["Versión"].tolist() == [2, 1] and table["Publicada por"].tolist() == ["ana", "sistema"]
    assert table["Ingresos"].tolist() == [7968489.38, 7868489.38]
    assert "Restaurar" not in [b.label for b in history.button]  # not an editor in this session

    old = page("inicio", {"version": "1"})
    assert "Está viendo la versión 1, que no es la publicada" in shown_text(old.warning[0].value)
    assert {m.label: m.value for m in old.metric}["Presupuesto total"] == "$7,868,489.38"


def test_an_editor_compares_and_restores_from_the_history(db: Store) -> None:
    at = login(page("cargar"))
    at = upload(at, "revision.xlsx", revised_budget())
    at = button(at, "Publicar").click().run()
    at.switch_page("app_pages/historial.py").run()
    assert not at.exception
    assert "Cambian 1 línea de ingresos y 1 de egresos" in texts(at)  # version 1 against 2, by default
    at.selectbox(key="historial_restaurar").select(1).run()
    at.text_input(key="historial_nota").input("volver al aprobado")
    at = button(at, "Restaurar").click().run()
    assert "ahora es la versión 3" in shown_text(at.success[0].value)
    restored = versions.published(db)
    assert (restored.number, restored.restored_from, restored.published_by) == (3, 1, "ana")
    home = page("inicio")
    assert {m.label: m.value for m in home.metric}["Presupuesto total"] == "$7,868,489.38"
    assert [e.action for e in reversed(audit.entries(db))][-3:] == [audit.UPLOAD, audit.PUBLISH, audit.RESTORE]


@pytest.mark.parametrize(("name", "data"), [
    ("bomba.xlsx", hostile_files.bomb_honest()),
    ("no es un libro.xlsx", hostile_files.random_bytes()),
    ("cortado.xlsx", hostile_files.truncated_half()),
])
def test_a_hostile_file_gets_its_refusal_and_changes_nothing(db: Store, name: str, data: bytes) -> None:
    at = login(page("cargar"))
    before = versions.published(db)
    at = upload(at, name, data)
    assert not at.exception
    assert f"No se puede usar «{name}»" in shown_text(at.error[0].value)
    assert "Publicar" not in [b.label for b in at.button]
    assert versions.published(db) == before
    refused = audit.entries(db, action=audit.REFUSAL)[0]
    assert refused.detail["filename"] == name and refused.actor == "ana"

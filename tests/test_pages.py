"""AppTest: every page runs on the bundled plan, a budget-only workbook and a 1,000-activity POA."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from domain.catalogue import VIEWER_HINT
from tests.factories import plan_with_error

DASHBOARD = str(Path(__file__).parents[1] / "dashboard.py")
PAGES = ("inicio", "presupuesto", "financiamiento", "personal", "actividades")


def run(page: str, query: dict[str, list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.switch_page(f"app_pages/{page}.py").run() if page != "inicio" else at.run()


MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def shown_text(value: object) -> str:
    """What a markdown element shows: its source with the escapes of ui.text.md undone."""
    return MARKDOWN_ESCAPE.sub(r"\1", str(value))


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "success", "error")
             for e in getattr(at, kind)]
    parts += [m.value for m in at.metric] + [m.label for m in at.metric]
    return "\n".join(shown_text(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_bundled_plan(page: str) -> None:
    at = run(page)
    assert not at.exception
    body = texts(at)
    assert "plan_accion_2016.xlsx" in body  # the sentence saying which workbook is shown
    assert "Traceback" not in body


def test_home_shows_the_plans_figures_and_links() -> None:
    at = run("inicio")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Presupuesto total"] == "$7,868,489.38"
    assert metrics["Fondos propios OPAMSS"] == "$6,818,481.04"
    assert metrics["Donaciones"] == "$1,050,008.34"
    assert metrics["Personal"] == "94 plazas"
    assert metrics["Actividades del POA"] == "72"
    # AACID's funds last until 31/12/2016: only AMB and the EU end during the plan (one rule everywhere).
    assert metrics["Donaciones que terminan en 2016"] == "$166,791.04"
    body = texts(at)
    assert "86.7 % del presupuesto" in body and "13.3 % del presupuesto" in body
    assert "AMB y Unión Europea/OPAMSS el 31/07/2016" in body
    assert any("$0.01" in shown_text(w.value) for w in at.warning)  # the one-cent gap, shown plainly
    assert re.search(r"Se muestra la versión 1, publicada por sistema el \d\d/\d\d/\d{4} a las \d\d:\d\d "
                     r"\(libro «plan_accion_2016\.xlsx»\)\.", body)


def test_budget_page_percent_toggle_is_bound_to_the_url() -> None:
    at = run("presupuesto", {"presupuesto_vista": ["Porcentajes"]})
    assert not at.exception
    assert at.segmented_control(key="presupuesto_vista").value == "Porcentajes"
    body = texts(at)
    assert "3 de 4 totales cuadran al centavo; Total Egresos difiere en $0.01." in body
    table = at.dataframe[-1].value
    egresos = table.loc[table["concepto"] == "Total Egresos"].iloc[0]
    assert (egresos["lineas"], egresos["estado"]) == (7868489.37, "no cuadra")  # numbers stay numbers
    assert egresos["diferencia"] == pytest.approx(-0.01)


def test_funding_page_flags_the_fund_cliff() -> None:
    at = run("financiamiento")
    body = texts(at)
    assert "Las donaciones financian el 13.3 % del presupuesto ($1,050,008.34)" in body
    assert "3 actividades financiadas por AMB y Unión Europea/OPAMSS están programadas más allá" in body
    assert [shown_text(e.label) for e in at.expander if "después del fin" in shown_text(e.label)] == [
        "AMB: 6 actividades, fondos hasta el 31/07/2016 — ⚠ 2 después del fin de sus fondos",
        "Unión Europea/OPAMSS: 5 actividades, fondos hasta el 31/07/2016 — ⚠ 1 después del fin de sus fondos",
    ]


def test_staff_page_says_the_counts_are_derived() -> None:
    at = run("personal")
    body = texts(at)
    assert "94 plazas en 4 niveles: los 3 niveles con rango meta están dentro de él." in body
    assert "Plazas derivadas" in body
    assert "no desglosa las plazas por unidad" in body


def shown_count(at: AppTest) -> tuple[int, int]:
    match = re.search(r"Se muestran ([\d,]+) de ([\d,]+) actividades", texts(at))
    assert match, "the page must say how many activities it shows"
    return int(match[1].replace(",", "")), int(match[2].replace(",", ""))


def test_activity_filters_read_the_url_and_narrow_the_list() -> None:
    at = run("actividades", {"actividades_fuente": ["AMB"]})
    assert not at.exception
    assert at.multiselect(key="actividades_fuente").value == ["AMB"]
    assert shown_count(at) == (6, 72)
    at.multiselect(key="actividades_fuente").unselect("AMB").run()
    assert shown_count(at) == (72, 72)
    at.text_input(key="actividades_buscar").input("informe").run()
    found, _ = shown_count(at)
    assert 0 < found < 72
    matrix = next(d.value for d in at.dataframe if "riesgo" in d.value.columns)
    assert len(matrix) == found


def test_activity_filters_with_no_match_say_what_to_do() -> None:
    at = run("actividades", {"actividades_area": ["Informática"], "actividades_fuente": ["AMB"]})
    assert not at.exception
    assert shown_count(at) == (0, 72)
    assert any("quite alguno" in i.value for i in at.info)


def test_budget_only_workbook(monkeypatch, budget_only: Path) -> None:
    monkeypatch.setenv("PLAN_WORKBOOK", str(budget_only))
    for page in PAGES:
        at = run(page)
        assert not at.exception, page
        body = texts(at)
        if page in ("financiamiento", "personal", "actividades"):
            # Viewers are told whom to ask, not about a page or a file they cannot use.
            assert "El libro mostrado no trae la tabla" in body and VIEWER_HINT in body, page
            assert "Cargar y publicar" not in body and ".xlsx" not in body.split("libro «")[0], page
    assert "$7,868,489.38" in texts(run("presupuesto"))


def test_a_workbook_with_only_income_still_draws_income(monkeypatch, tmp_path: Path) -> None:
    """Degrade by table, not by page: the title, the income chart, and one line naming the missing table."""
    from tests.builders import INGRESOS, rows, workbook

    def sheet(ws):
        rows(ws, 1, [["PLAN DE ACCIÓN 2016"], ["Clasificación presupuestaria ingresos", "Monto"], *INGRESOS])
    path = tmp_path / "ingresos.xlsx"
    path.write_bytes(workbook(("Ingresos", sheet)))
    monkeypatch.setenv("PLAN_WORKBOOK", str(path))
    at = run("presupuesto")
    assert not at.exception
    assert [t.value for t in at.title] == ["Presupuesto 2016"]
    (line,) = [shown_text(i.value) for i in at.info if "no trae la tabla" in i.value]
    assert line.startswith("El libro mostrado no trae la tabla «Egresos»: se muestran solo los ingresos.")
    body = texts(at)
    assert "Los ingresos suman" in body and "Del ingreso al gasto" not in body
    inicio = texts(run("inicio"))
    assert "Ninguna donación termina" not in inicio


def test_thousand_activities_collapse_to_areas_and_list_the_undated(monkeypatch, poa_1000: Path) -> None:
    monkeypatch.setenv("PLAN_WORKBOOK", str(poa_1000))
    at = run("actividades")
    assert not at.exception
    assert shown_count(at) == (1000, 1000)
    body = texts(at)
    assert "3 actividades no tienen fechas legibles" in body
    gantt = at.get("plotly_chart")[0]
    assert gantt is not None
    # Collapsed: one row per area, no activity bars until an area is opened.
    assert "El calendario muestra 10 áreas y 0 actividades de 997" in body
    opener = at.selectbox(key="actividades_abrir")
    assert opener.options[0] == "Todas las áreas"
    opener.select(opener.options[1]).run()  # open the first area
    assert not at.exception
    opened = re.search(r"El calendario muestra 10 áreas y (\d+) actividades de 997", texts(at))
    assert opened and 0 < int(opened[1]) <= 110
    # The matrix goes to the browser 200 rows at a time, the page number in the URL.
    matrix = next(d for d in at.dataframe if "riesgo" in d.value.columns)
    assert len(matrix.value) == 200 and "Filas 1 a 200 de 1,000." in texts(at)
    at.number_input(key="actividades_matriz_pagina").set_value(5).run()
    matrix = next(d for d in at.dataframe if "riesgo" in d.value.columns)
    assert len(matrix.value) == 200 and "Filas 801 a 1,000 de 1,000." in texts(at)
    assert "actividades_matriz_pagina" in at.session_state and at.session_state["actividades_matriz_pagina"] == 5
    for page in PAGES:
        assert not run(page).exception, page


def test_missing_workbook_is_said_in_one_sentence(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PLAN_WORKBOOK", str(tmp_path / "no_existe.xlsx"))
    at = run("inicio")
    assert not at.exception
    assert at.error and "No se encuentra el libro" in shown_text(at.error[0].value)


def test_a_file_that_is_not_a_workbook_is_refused_in_spanish(monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "presupuesto.xlsx"
    path.write_bytes(b"Clasificacion;Monto\nRemuneraciones;2593778.70\n")  # a CSV saved with an .xlsx name
    monkeypatch.setenv("PLAN_WORKBOOK", str(path))
    for page in PAGES:
        at = run(page)
        assert not at.exception, page
        shown = shown_text(at.error[0].value) if at.error else ""
        assert shown.startswith("No se puede leer el libro «presupuesto.xlsx»:"), page


def test_staff_by_unit_when_the_workbook_has_it(monkeypatch, tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(Path(DASHBOARD).parent / "data" / "plan_accion_2016.xlsx")
    ws = wb["Personal"]
    ws.delete_rows(2, ws.max_row)
    for row in (("directivo", "Dirección Ejecutiva", 2), ("operativo", "Dirección Ejecutiva", 3),
                ("apoyo", "Informática", 1), ("operativo", "Informática", 3)):
        ws.append(row)
    path = tmp_path / "personal_por_unidad.xlsx"
    wb.save(path)
    monkeypatch.setenv("PLAN_WORKBOOK", str(path))
    at = run("personal")
    assert not at.exception
    assert "2 unidades; la mayor es «Dirección Ejecutiva» con 5 plazas." in texts(at)
    units = at.dataframe[-1].value
    assert list(units["unidad"]) == ["Dirección Ejecutiva", "Informática"]
    assert list(units["total"]) == [5, 4]


@pytest.fixture(scope="module")
def with_errors(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "con_errores.xlsx"
    path.write_bytes(plan_with_error())
    return path


def test_a_workbook_with_errors_says_so_on_every_page(monkeypatch, with_errors: Path) -> None:
    monkeypatch.setenv("PLAN_WORKBOOK", str(with_errors))
    for page in (*PAGES, "revision"):
        at = run(page)
        assert not at.exception, page
        assert at.error and shown_text(at.error[0].value).startswith("El libro mostrado tiene 1 error:"), page
    at = run("presupuesto")
    incomplete = [shown_text(w.value) for w in at.warning if shown_text(w.value).startswith("Incompleto:")]
    assert incomplete and "la tabla de Ingresos tiene 1 error" in incomplete[0]
    assert "hoja «Ingresos», fila 3, columna Monto (B)" in incomplete[0]
    review = run("revision")
    table = review.dataframe[0].value
    bad = table.loc[table["codigo"] == "monto_invalido"].iloc[0]
    assert (bad["hoja"], bad["fila"], bad["columna"], bad["gravedad"]) == ("Ingresos", 3, "Monto (B)", "Error")


def test_the_bundled_plan_shows_no_error_banner() -> None:
    for page in PAGES:
        assert not run(page).error, page
    body = texts(run("revision"))
    assert "El libro tiene 0 errores y 4 advertencias." in body


def test_derived_own_funds_are_marked_on_screen(monkeypatch, tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(Path(DASHBOARD).parent / "data" / "plan_accion_2016.xlsx")
    ws = wb["Donaciones"]
    for row in ws.iter_rows():
        if row[0].value in ("OPAMSS:", "TOTAL:"):
            row[0].value = row[1].value = None
    path = tmp_path / "sin_fondos_propios.xlsx"
    wb.save(path)
    monkeypatch.setenv("PLAN_WORKBOOK", str(path))
    at = run("inicio")
    assert {m.label: m.value for m in at.metric}["Fondos propios OPAMSS"] == "$6,818,481.04"
    assert "Calculado: el libro no declara los fondos propios" in texts(at)
    assert "Calculado: el libro no declara los fondos propios" in texts(run("financiamiento"))


def test_a_page_that_fails_says_so_in_spanish_without_a_traceback(monkeypatch) -> None:
    import ui

    def broken() -> None:
        raise RuntimeError("/srv/secreto/ruta.py line 12")

    monkeypatch.setattr(ui, "active", broken)
    at = run("personal")
    assert not at.exception
    message = shown_text(at.error[0].value)
    assert message.startswith("Esta página no se pudo mostrar") and "/srv" not in message


def test_viewers_never_see_tracebacks_nor_download_raw_tables() -> None:
    import tomllib

    config = tomllib.loads((Path(DASHBOARD).parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["disableDataExport"] is True


def test_the_browsers_upload_limit_matches_the_servers() -> None:
    """server.maxUploadSize (what the browser refuses) is the server's own limit, PLAN_MAX_FILE_MB by default."""
    import tomllib

    from settings import Settings

    config = tomllib.loads((Path(DASHBOARD).parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == Settings().max_file_mb


def test_a_configured_workbook_over_the_limit_is_never_read(monkeypatch, tmp_path: Path) -> None:
    import ui.source

    path = tmp_path / "enorme.xlsx"
    path.write_bytes(b"PK" + b"\0" * 2 * 1024 * 1024)
    monkeypatch.setenv("PLAN_WORKBOOK", str(path))
    monkeypatch.setenv("PLAN_MAX_FILE_MB", "1")
    monkeypatch.setattr(ui.source.publishing, "seed", lambda *a: pytest.fail("read before the size check"))
    at = run("inicio")
    assert "pesa 2.0 MB y el límite es 1 MB" in shown_text(at.error[0].value)


def test_a_missing_workbook_does_not_show_the_servers_path(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PLAN_WORKBOOK", str(tmp_path / "secreto" / "no_existe.xlsx"))
    message = shown_text(run("inicio").error[0].value)
    assert "no_existe.xlsx" in message and str(tmp_path) not in message


def test_dates_at_the_ends_of_the_calendar_do_not_break_the_pages(monkeypatch, tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(Path(DASHBOARD).parent / "data" / "plan_accion_2016.xlsx")
    poa = wb["POA"]
    poa["J2"] = "31/12/9999"
    poa["I3"] = "0001-01-01"
    wb["Donaciones"]["C3"] = "31/12/9999"
    path = tmp_path / "fechas_extremas.xlsx"
    wb.save(path)
    monkeypatch.setenv("PLAN_WORKBOOK", str(path))
    for page in PAGES:
        assert not run(page).exception, page
    review = run("revision").dataframe[0].value
    assert (review["codigo"] == "fecha_fuera_de_rango").sum() == 3


def test_table_formats_are_declared_once() -> None:
    """Money as -$0.01 (Streamlit's «dollar», like domain.fmt.money), counts with thousands separators, dates
    as 31/12/2016: the same configuration for every table, the history's included."""
    from domain.schema import Column
    from ui.render import column_config

    money = column_config(Column("monto", "Monto", "money"))
    assert money["type_config"]["format"] == "dollar" and money["label"] == "Monto"
    assert column_config(Column("plazas", "Plazas", "int"))["type_config"]["format"] == "%,d"
    assert column_config(Column("fin", "Fin", "date"))["type_config"]["format"] == "DD/MM/YYYY"
    pages = Path(__file__).parents[1] / "app_pages"
    for page in pages.glob("*.py"):
        assert "format=\"$" not in page.read_text(encoding="utf-8"), page.name


def test_home_cards_link_to_the_chart_they_summarise() -> None:
    """Each card's link carries ?ver=<the block's key>, and that key is a chart drawn on the page it opens."""
    at = run("inicio")
    links = {link.proto.label: (link.proto.page, link.proto.query_string) for link in at.get("page_link")}
    expected = {"Ver presupuesto": ("presupuesto", "ver=presupuesto_flujo"),
                "Ver fechas de fin": ("financiamiento", "ver=financiamiento_fechas"),
                "Ver personal": ("personal", "ver=personal_rangos"),
                "Ver actividades": ("actividades", "ver=actividades_gantt")}
    for label, target in expected.items():
        assert links[label] == target, label
    for page, query in {target for target in links.values() if target[1]}:
        keys = {chart.proto.id and chart.key for chart in run(page).get("plotly_chart")}
        assert query.removeprefix("ver=") in keys, (page, query, keys)

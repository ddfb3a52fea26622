"""Real-browser end-to-end suite: Debian's headless Chromium against a running `streamlit run dashboard.py`.

Run with `python -m pytest tests/test_browser.py -m browser`. Needs /usr/bin/chromium
(`apt-get install -y chromium chromium-driver`); never `playwright install`. Screenshots and the server log land
in artifacts/ (git-ignored).
"""

from __future__ import annotations

import io
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, quote_plus, urlencode, urlsplit

import openpyxl
import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Download, Page
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from charts.theme import TEXT_PX
from tests import browser_support as bs
from tests.builders import follow_up_with_progress
from tests.factories import plan_with_error, plan_with_payloads

# URL path of each page -> texts its body must show (bundled 2016 workbook). "" is Inicio.
PAGES: dict[str, list[str]] = {
    "": ["$7,868,489.38", "$6,818,481.04", "$1,050,008.34", "$166,791.04", "94", "31/07/2016"],  # Inicio
    "presupuesto": ["$7,868,489.38", "$7,868,489.37", "$0.01", "Del ingreso al gasto"],
    "financiamiento": ["$6,818,481.04", "$1,050,008.34", "31/07/2016", "13.3 %"],
    "personal": ["94", "22.34 %", "dentro del rango"],
    "actividades": ["72 de 72 actividades", "15 áreas"],
}

FILTER_KEY = "actividades_fuente"
FILTER_LABEL = "Fuente de financiamiento"
FILTER_VALUE = "AMB"
FILTER_PATH = f"actividades?{FILTER_KEY}={FILTER_VALUE}"
ACTIVITY_COUNT = re.compile(r"(\d+) de 72 actividades")

EXCEPTION_BUTTONS = {"Copy", "Ask Google", "Ask ChatGPT"}  # st.exception's action buttons, noise in a report


class _ScreenshotSummary:
    """Terminal-summary plugin registered at run time: says once where the screenshots are."""

    def __init__(self, server: bs.StreamlitServer) -> None:
        self.server = server
        self.started = time.time()

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        shots = [p for p in bs.SCREENSHOTS.glob("*.png") if p.stat().st_mtime >= self.started - 1]
        terminalreporter.write_sep("-", "browser suite")
        terminalreporter.write_line(f"screenshots ({len(shots)} written by this run): {bs.SCREENSHOTS}")
        if self.server.process is not None:
            terminalreporter.write_line(f"streamlit log: {self.server.log_path}")


@pytest.fixture(scope="session")
def server(request: pytest.FixtureRequest, chromium: Browser | None,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[bs.StreamlitServer]:
    bs.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    app = bs.StreamlitServer(db_url=f"sqlite:///{tmp_path_factory.mktemp('db') / 'plan.db'}")
    if not request.config.pluginmanager.has_plugin("browser-screenshot-summary"):
        request.config.pluginmanager.register(_ScreenshotSummary(app), "browser-screenshot-summary")
    if chromium is not None:  # without a browser the tests fail at once: no server to wait for
        app.start()
    yield app
    app.stop()


@pytest.fixture(scope="session")
def contexts() -> Iterator[dict[str, BrowserContext]]:
    """One context per viewport, created on first use."""
    opened: dict[str, BrowserContext] = {}
    yield opened
    for context in opened.values():
        context.close()


@dataclass
class Tab:
    page: Page
    viewport: str
    errors: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if _ignorable(message.text, url):
            return
        self.errors.append(f"console error: {message.text} ({url})" if url else f"console error: {message.text}")

    def on_page_error(self, error: PlaywrightError) -> None:
        self.errors.append(f"page error: {error}")


def _ignorable(text: str, url: str) -> bool:
    """Favicon noise, fetches to hosts other than the local server (the network is closed), and Streamlit's own
    base-path discovery: on /actividades it first asks /actividades/_stcore/health and host-config, which 404."""
    if "favicon" in text.lower() or "favicon" in url.lower():
        return True
    parts = urlsplit(url)
    if parts.hostname and parts.hostname not in {"127.0.0.1", "localhost"}:
        return True
    return "/_stcore/" in parts.path and not parts.path.startswith("/_stcore/")


@pytest.fixture
def open_tab(chromium: Browser | None, contexts: dict[str, BrowserContext]) -> Iterator[Callable[[str], Tab]]:
    """Opens a page in the viewport's context, listening to console errors; closes it after the test."""
    opened: list[Tab] = []

    def open_(viewport: str) -> Tab:
        bs.require_chromium()  # called from the test body, so a missing browser is a FAILED test with the apt hint
        assert chromium is not None
        if viewport not in contexts:
            contexts[viewport] = chromium.new_context(**bs.VIEWPORTS[viewport])
        page = contexts[viewport].new_page()
        page.set_default_timeout(bs.APP_TIMEOUT_MS)
        tab = Tab(page=page, viewport=viewport)
        page.on("console", tab.on_console)
        page.on("pageerror", tab.on_page_error)
        opened.append(tab)
        return tab

    yield open_
    for tab in opened:
        tab.page.close()


@contextmanager
def _visit(tab: Tab, server: bs.StreamlitServer, path: str, shot_name: str, *, charts: bool = True) -> Iterator[Visit]:
    """Open the path and wait for the run (and the charts); the screenshot is taken on the way out, even on failure,
    after the checks, because it resizes the viewport."""
    page = tab.page
    visit = Visit(tab=tab, path=path, shot=bs.SCREENSHOTS / shot_name)
    page.goto(f"{server.url}/{path}", wait_until="domcontentloaded")
    try:
        try:
            bs.wait_until_app_finished(page)
        except PlaywrightTimeoutError:
            pytest.fail(
                f"/{path} ({tab.viewport}) did not finish running within {bs.APP_TIMEOUT_MS // 1000} s "
                f"(state: {bs.app_state(page)}); see {visit.shot} and {server.log_path}",
                pytrace=False,
            )
        visit.not_found = _page_not_found(page, path)
        if charts and not visit.not_found:
            try:
                bs.wait_for_charts(page)
            except PlaywrightTimeoutError:
                visit.problems.append(
                    f"charts not drawn within {bs.APP_TIMEOUT_MS // 1000} s (state: {bs.app_state(page)})"
                )
        yield visit
    finally:
        try:
            bs.full_page_screenshot(page, visit.shot)
        except PlaywrightError as exc:  # never hide the failure being reported
            visit.problems.append(f"screenshot failed: {exc}")


@dataclass
class Visit:
    tab: Tab
    path: str
    shot: Path
    not_found: str | None = None
    problems: list[str] = field(default_factory=list)

    def check_common(self, *, charts: bool = True) -> None:
        """No st.exception, a Plotly chart, no horizontal overflow on the phone."""
        page = self.tab.page
        exceptions = page.locator(bs.EXCEPTION)
        for index in range(exceptions.count()):
            lines = [line for line in exceptions.nth(index).inner_text().splitlines() if line not in EXCEPTION_BUTTONS]
            self.problems.append("st.exception shown: " + "\n    ".join(lines)[:800])
        if charts and page.locator(bs.PLOTLY_SVG).count() == 0:
            self.problems.append(f"no Plotly chart rendered ({bs.PLOTLY_SVG} count is 0 once the app settled)")
        if self.tab.viewport == "phone":
            width, inner = bs.horizontal_overflow(page)
            if width > inner + 1:
                self.problems.append(f"horizontal overflow on the phone: scrollWidth {width} > innerWidth {inner}")

    def assert_clean(self) -> None:
        problems = list(
            dict.fromkeys([*([self.not_found] if self.not_found else []), *self.problems, *self.tab.errors])
        )
        assert not problems, f"/{self.path} ({self.tab.viewport}), screenshot {self.shot}:\n  " + "\n  ".join(problems)


def _page_not_found(page: Page, path: str) -> str | None:
    """Streamlit answers an unknown URL path with a 'Page not found' dialog and runs the main page instead."""
    dialog = page.locator(bs.DIALOG)
    if dialog.count() and "not found" in dialog.first.inner_text().lower():
        return f"page /{path.split('?')[0]} does not exist (Streamlit showed 'Page not found' and ran the main page)"
    return None


# The smallest text drawn in any chart, in screen pixels (its font size times the page's zoom).
SMALLEST_CHART_TEXT = """() => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const zoom = main ? (parseFloat(getComputedStyle(main).zoom) || 1) : 1;
  const sizes = [...document.querySelectorAll('.js-plotly-plot text')].filter(t => t.textContent.trim())
    .map(t => parseFloat(getComputedStyle(t).fontSize) * zoom);
  return sizes.length ? Math.min(...sizes) : null;
}"""


# Chart texts drawn past their chart's edges (cut off on screen): "title: text" of each, at most five.
CUT_CHART_TEXT = """() => {
  const cut = [];
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const box = plot.querySelector('.main-svg')?.getBoundingClientRect();
    if (!box || box.width === 0) continue;
    const title = plot.querySelector('.gtitle')?.textContent || '(sin título)';
    for (const t of plot.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (!t.textContent.trim() || r.width === 0 || t.closest('.hoverlayer')) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        cut.push(`${title}: ${t.textContent.slice(0, 40)}`);
    }
  }
  return cut.slice(0, 5);
}"""


def _check_chart_text(visit: Visit) -> None:
    """No chart text under TEXT_PX, none past its chart's edges."""
    smallest = visit.tab.page.evaluate(SMALLEST_CHART_TEXT)
    if smallest is not None and smallest < TEXT_PX:
        visit.problems.append(f"chart text of {smallest:.1f} px (none under {TEXT_PX} px)")
    cut = visit.tab.page.evaluate(CUT_CHART_TEXT)
    if cut:
        visit.problems.append(f"chart text cut at the chart's edge: {cut}")


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(bs.VIEWPORTS))
@pytest.mark.parametrize("path", list(PAGES), ids=[p or "inicio" for p in PAGES])
def test_page_renders_its_figures(
    path: str, viewport: str, open_tab: Callable[[str], Tab], server: bs.StreamlitServer
) -> None:
    tab = open_tab(viewport)
    with _visit(tab, server, path, f"{path or 'inicio'}-{tab.viewport}.png") as visit:
        if not visit.not_found:
            visit.check_common()
            body = tab.page.inner_text("body")
            missing = [text for text in PAGES[path] if text not in body]
            if missing:
                visit.problems.append(f"texts missing from the page: {missing}")
            _check_chart_text(visit)
    visit.assert_clean()


FULLSCREEN_BUTTON = '.modebar-btn[data-title="Pantalla completa"]'  # Streamlit's, in the chart's modebar


@pytest.mark.browser
def test_a_chart_in_fullscreen_stays_legible(open_tab: Callable[[str], Tab], server: bs.StreamlitServer) -> None:
    """On a 1920x1080 projector the flow in fullscreen fills the screen with its text at TEXT_PX or more, nothing cut;
    the calendar, taller than the screen (Streamlit would squeeze it to the screen's height), offers no fullscreen."""
    tab = open_tab("desktop")
    with _visit(tab, server, "actividades", "pantalla-completa-actividades-desktop.png") as visit:
        page = tab.page
        page.locator(".st-key-actividades_gantt").hover()
        if page.locator(f".st-key-actividades_gantt {FULLSCREEN_BUTTON}").is_visible():
            visit.problems.append("the calendar offers a fullscreen that would squeeze it to the screen's height")
    visit.assert_clean()
    with _visit(tab, server, "presupuesto", "pantalla-completa-flujo-desktop.png") as visit:
        page = tab.page
        page.locator(".st-key-presupuesto_flujo").hover()
        page.locator(f".st-key-presupuesto_flujo {FULLSCREEN_BUTTON}").click()
        try:
            page.wait_for_function("() => [...document.querySelectorAll('.st-key-presupuesto_flujo .main-svg')]"
                                   ".some(s => s.getBoundingClientRect().width > 1800)", timeout=10_000)
        except PlaywrightTimeoutError:
            visit.problems.append("the flow did not open in fullscreen")
        page.evaluate(bs.TWO_FRAMES_JS)
        height = page.evaluate("() => document.querySelector('.st-key-presupuesto_flujo .main-svg')"
                               ".getBoundingClientRect().height")
        if height > page.viewport_size["height"]:
            visit.problems.append(f"the flow in fullscreen is {height:.0f} px tall, taller than the screen")
        _check_chart_text(visit)
    visit.assert_clean()


@pytest.mark.browser
def test_activities_filter_is_bound_to_the_url(open_tab: Callable[[str], Tab], server: bs.StreamlitServer) -> None:
    desktop_tab = open_tab("desktop")
    with _visit(desktop_tab, server, FILTER_PATH, "actividades-filtro-desktop.png", charts=False) as visit:
        if not visit.not_found:
            visit.check_common(charts=False)  # charts are the page tests' business
            page = desktop_tab.page
            select = page.locator('[data-testid="stMultiSelect"]').filter(has_text=FILTER_LABEL)
            if select.count() == 0:
                visit.problems.append(f"no multiselect labelled {FILTER_LABEL!r}")
            elif FILTER_VALUE not in select.first.inner_text():
                visit.problems.append(
                    f"{FILTER_VALUE!r} is not selected in {FILTER_LABEL!r}: {select.first.inner_text()!r}"
                )
            match = ACTIVITY_COUNT.search(page.inner_text("body"))
            if match is None:
                visit.problems.append(f"no line matching {ACTIVITY_COUNT.pattern!r}")
            elif int(match.group(1)) >= 72:
                visit.problems.append(f"the filter did not narrow the activities: {match.group(0)!r}")
            if f"{FILTER_KEY}={FILTER_VALUE}" not in page.url:
                visit.problems.append(f"the filter is no longer in the URL: {page.url}")
    visit.assert_clean()


# Streamlit's English that ui/chrome.py translates; none may be left in an attribute or in Streamlit's popovers.
CHROME_ENGLISH = ("Collapse sidebar", "Expand sidebar", "Main menu", "Fullscreen", "Show/hide columns", "Search",
                  "Select all", "No results", "Download plot as a png", "Download plot as a PNG", "Zoom in",
                  "Reset axes", "Autoscale", "Pan")


@pytest.mark.browser
def test_the_chrome_speaks_spanish_shows_focus_and_the_phone_sidebar_closes(
    open_tab: Callable[[str], Tab], server: bs.StreamlitServer
) -> None:
    """Plotly's modebar (its Spanish locale in the chart config), Streamlit's buttons and the multiselect's
    dropdown in Spanish; a visible focus ring; on a phone, the sidebar closes once a page is chosen."""
    tab = open_tab("desktop")
    with _visit(tab, server, "actividades", "chrome-actividades-desktop.png") as visit:
        page = tab.page
        page.locator('[data-testid="stExpander"] summary').filter(has_text="Filtrar").first.click()  # the filters
        select = page.locator('[data-testid="stMultiSelect"] input').first
        select.wait_for(state="visible")
        page.wait_for_timeout(400)  # the expander's opening animation
        select.click()
        page.wait_for_selector('[role="option"]', state="attached")
        dropdown = " | ".join(page.evaluate("[...document.querySelectorAll('[role=option]')].map(e => e.textContent)"))
        skip = page.locator('[data-testid="stSkipToContent"]').first.text_content()
        if skip != "Ir al contenido":
            visit.problems.append(f"the skip link is not Spanish: {skip!r}")
        if "Select all" in dropdown or "Seleccionar todo" not in dropdown:
            visit.problems.append(f"the multiselect's dropdown is not Spanish: {dropdown[:200]!r}")
        page.keyboard.press("Escape")
        page.locator(".js-plotly-plot").first.hover()
        titles = page.evaluate("[...document.querySelectorAll('[aria-label],[title],[data-title]')].map(e => "
                               "[e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('data-title')]"
                               ").flat().filter(Boolean)")
        english = sorted({t for t in titles if t in CHROME_ENGLISH})
        if english:
            visit.problems.append(f"English left in the chrome: {english}")
        if "Descargar gráfica como PNG" not in titles or "Pantalla completa" not in titles:
            visit.problems.append(f"the modebar or the toolbar is not Spanish: {sorted(set(titles))[:20]}")
        page.keyboard.press("Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        if outline in ("none", ""):
            visit.problems.append("the element reached with Tab shows no focus ring")
    visit.assert_clean()
    with _visit(tab, server, "", "chrome-inicio-desktop.png") as visit:  # a card opens its chart, in view
        page = tab.page
        page.get_by_role("link", name="Ver fechas de fin").first.click()
        page.wait_for_url(re.compile(r"/financiamiento\?ver=financiamiento_fechas"))
        bs.wait_until_app_finished(page)
        try:
            page.wait_for_function(
                "() => { const r = document.querySelector('.st-key-financiamiento_fechas')?.getBoundingClientRect();"
                " return r && r.top >= 0 && r.bottom <= window.innerHeight + 1; }", timeout=10_000)
        except PlaywrightTimeoutError:
            visit.problems.append("«Ver fechas de fin» did not bring the donors' end-date chart into view")
    visit.assert_clean()
    phone = open_tab("phone")
    with _visit(phone, server, "", "chrome-inicio-phone.png") as visit:
        page = phone.page
        page.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button'
                     ).first.click()
        sidebar = page.locator('[data-testid="stSidebar"]')
        page.wait_for_function("el => el.getBoundingClientRect().right > 100", arg=sidebar.element_handle())
        page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Presupuesto").first.click()
        page.wait_for_url(re.compile(r"/presupuesto"))
        bs.wait_until_app_finished(page)
        try:
            page.wait_for_function("el => el.getBoundingClientRect().right <= 1", arg=sidebar.element_handle(),
                                   timeout=5000)
        except PlaywrightTimeoutError:
            visit.problems.append("the sidebar stays open over the page after navigating on a phone")
    visit.assert_clean()


@pytest.mark.browser
def test_a_shared_link_is_the_first_request_of_a_fresh_server(open_tab: Callable[[str], Tab]) -> None:
    """Streamlit starts in its old multipage mode when a `pages/` folder sits next to the entry point; the pages
    live in app_pages/ so that a deep link opened before anyone visited / still goes through dashboard.py."""
    tab = open_tab("desktop")
    with _own_server("streamlit-fresh-server.log") as fresh, \
            _visit(tab, fresh, "personal", "personal-primera-visita-desktop.png") as visit:
            visit.check_common()
            page = tab.page
            heading = page.locator("h1").first.inner_text()
            nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
            if heading.strip() != "Personal":
                visit.problems.append(f"the page shown is {heading!r}, not 'Personal'")
            if "Inicio" not in nav or "dashboard" in nav:
                visit.problems.append(f"the sidebar lists files, not the dashboard's pages: {nav!r}")
    visit.assert_clean()


@contextmanager
def _own_server(log_name: str) -> Iterator[bs.StreamlitServer]:
    """A server of its own, started with the environment as the test left it (PLAN_WORKBOOK included)."""
    server = bs.StreamlitServer(log_path=bs.ARTIFACTS / log_name)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def _serving(data: bytes, name: str, log: str, monkeypatch: pytest.MonkeyPatch,
             tmp_path: Path) -> Iterator[bs.StreamlitServer]:
    """A server of its own on a workbook written for the test (PLAN_WORKBOOK), stopped afterwards."""
    path = tmp_path / name
    path.write_bytes(data)
    monkeypatch.setenv("PLAN_WORKBOOK", str(path))
    with _own_server(f"streamlit-{log}-server.log") as server:
        yield server


@pytest.mark.browser
def test_a_workbook_with_errors_says_so_and_links_to_the_review(
    open_tab: Callable[[str], Tab], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The banner on every page, the incomplete income chart, and the review page one click away."""
    tab = open_tab("desktop")
    with _serving(plan_with_error(), "con_errores.xlsx", "errors", monkeypatch, tmp_path) as broken:
        with _visit(tab, broken, "presupuesto", "presupuesto-con-errores-desktop.png") as visit:
            visit.check_common()
            body = tab.page.inner_text("body")
            for text in ("El libro mostrado tiene 1 error", "Incompleto: la tabla de Ingresos tiene 1 error",
                         "Ingresos por clasificación (incompleto)"):
                if text not in body and text not in tab.page.content():
                    visit.problems.append(f"missing: {text!r}")
            tab.page.get_by_role("link", name="Ver la revisión del libro").first.click()
            tab.page.wait_for_url(re.compile(r"/revision"))
            bs.wait_until_app_finished(tab.page)
            tab.page.get_by_text("El libro tiene 1 error").first.wait_for()
        visit.assert_clean()
        with _visit(tab, broken, "revision", "revision-con-errores-desktop.png", charts=False) as review:
            review.check_common(charts=False)
            if "El libro tiene 1 error y 5 advertencias." not in tab.page.inner_text("body"):
                review.problems.append("the review page does not count 1 error and 5 warnings")
            if tab.page.locator('[data-testid="stDataFrame"]').count() != 1:
                review.problems.append("the review page shows no table of problems")
        review.assert_clean()



@pytest.mark.browser
def test_a_follow_up_shows_budget_vs_executed_and_progress(
    open_tab: Callable[[str], Tab], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A mid-year follow-up: executed budget at the cut-off on Presupuesto and Inicio, progress on Actividades."""
    tab = open_tab("desktop")
    expected = {
        "presupuesto": ("Al corte del 30/06/2016", "se ha ejecutado el"),
        "": ("Ejecución al 30/06/2016",),
        "actividades": ("Avance del seguimiento", "Regla: una actividad va atrasada",
                        "3 actividades llevan un avance promedio"),
    }
    with _serving(follow_up_with_progress(), "seguimiento_2016.xlsx", "follow-up", monkeypatch, tmp_path) as follow:
        for page, texts in expected.items():
            with _visit(tab, follow, page, f"seguimiento-{page or 'inicio'}-desktop.png") as visit:
                visit.check_common()
                body = tab.page.inner_text("body")
                visit.problems.extend(f"missing: {text!r}" for text in texts if text not in body)
            visit.assert_clean()


@pytest.mark.browser
def test_a_workbook_full_of_payloads_makes_no_request_outside_the_server(
    open_tab: Callable[[str], Tab], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Images, links, autolinks, HTML and math in every text of the workbook: every page is opened, and no
    request may leave the server, no image or link may point elsewhere, no dialog may open."""
    tab = open_tab("desktop")
    outside: list[str] = []
    dialogs: list[str] = []
    tab.page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname not in
                {"127.0.0.1", "localhost"} and not r.url.startswith(("data:", "blob:")) else None)
    tab.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with _serving(plan_with_payloads(), "plan_![x](http:__127.0.0.9_9_f.png).xlsx", "payloads", monkeypatch,
                  tmp_path) as server:
        for page in ("", "presupuesto", "financiamiento", "personal", "actividades", "revision"):
            charts = page != "revision"
            with _visit(tab, server, page, f"cargas-{page or 'inicio'}-desktop.png", charts=charts) as visit:
                visit.check_common(charts=charts)
                links = tab.page.eval_on_selector_all(
                    "a[href], img[src]", "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))")
                foreign = [u for u in links if urlsplit(u).hostname not in (None, "127.0.0.1", "localhost")
                           and not u.startswith("data:image/svg")]
                if foreign:
                    visit.problems.append(f"links or images pointing outside the server: {foreign}")
            visit.assert_clean()
    assert outside == [] and dialogs == []


def _open(tab: Tab, server: bs.StreamlitServer, path: str) -> Page:
    """The tab on `path`, once the app has run and its charts (if any) are drawn."""
    tab.page.goto(f"{server.url}/{path}", wait_until="domcontentloaded")
    bs.wait_for_charts(tab.page)
    return tab.page


def _download(page: Page, button: str, *, timeout_ms: int = 60_000) -> Download:
    """Click the (first) button of that name and wait for the file it sends."""
    with page.expect_download(timeout=timeout_ms) as info:
        page.get_by_role("button", name=button).first.click()
    return info.value


@pytest.mark.browser
def test_a_chart_table_downloads_as_xlsx_and_csv(open_tab: Callable[[str], Tab], server: bs.StreamlitServer) -> None:
    """Presupuesto's income table, downloaded by the browser and read back: labels, real amounts, the version."""
    tab = open_tab("desktop")
    page = _open(tab, server, "presupuesto")
    page.get_by_text("Ver la tabla del gráfico").first.click()
    page.get_by_role("button", name="Descargar XLSX").first.wait_for()
    xlsx = _download(page, "Descargar XLSX")
    assert xlsx.suggested_filename == "presupuesto-ingresos-v1.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(Path(xlsx.path()).read_bytes()))  # the path has no extension
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == ["Clasificación", "Monto", "% del total"]
    assert round(sum(sheet.cell(r, 2).value for r in range(2, sheet.max_row + 1)), 2) == 7_868_489.38
    assert {r[0].value: r[1].value for r in book["Origen"].iter_rows()}["Versión"] == "1"
    csv_file = _download(page, "Descargar CSV")
    assert csv_file.suggested_filename == "presupuesto-ingresos-v1.csv"
    data = Path(csv_file.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbfClasificaci\xc3\xb3n,Monto,% del total\r\n")
    png = _download(page, "Descargar imagen (PNG)")
    assert png.suggested_filename == "presupuesto-ingresos-v1.png"
    assert Path(png.path()).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert tab.errors == []


@pytest.mark.browser
def test_a_unit_downloads_its_deadlines_as_a_calendar(open_tab: Callable[[str], Tab],
                                                      server: bs.StreamlitServer) -> None:
    """Actividades filtered to one responsible unit: the .ics holds that unit's activities and the donors' ends."""
    from icalendar import Calendar

    tab = open_tab("desktop")
    page = _open(tab, server, "actividades")
    everything = _download(page, "Descargar el calendario (.ics)")
    assert everything.suggested_filename == "actividades-calendario-v1.ics"
    events = list(Calendar.from_ical(Path(everything.path()).read_bytes()).walk("VEVENT"))
    ends = [e for e in events if str(e["summary"]).startswith("Fin de los fondos de ")]
    assert len(ends) == 3 and len(events) - len(ends) == 72
    unit = next(str(e["description"]).split("Responsable: ")[1].split("\n")[0] for e in events if e not in ends)
    _open(tab, server, f"actividades?actividades_responsable={quote(unit)}")
    mine = _download(page, "Descargar el calendario (.ics)")
    events = list(Calendar.from_ical(Path(mine.path()).read_bytes()).walk("VEVENT"))
    own = [e for e in events if not str(e["summary"]).startswith("Fin de los fondos de ")]
    assert 0 < len(own) < 72 and all(f"Responsable: {unit}" in str(e["description"]) for e in own)

    # Subscribing: the page gives the unit's feed address; the server answers it (what a calendar app polls) with
    # the same file, and an app that asks again with its ETag gets a 304.
    page.get_by_text("Suscribirse a estas fechas").click()
    box = page.locator("[data-testid='stExpander']").filter(has_text="Suscribirse a estas fechas")
    address = box.locator("code").inner_text().strip()
    assert address == f"{server.url}/calendario.ics?responsable={quote_plus(unit)}"
    assert box.get_by_role("link").get_attribute("href") == "webcal" + address.removeprefix("http")
    with urllib.request.urlopen(address, timeout=30) as response:
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        assert response.read() == Path(mine.path()).read_bytes()
        etag = response.headers["ETag"]
    with pytest.raises(urllib.error.HTTPError) as unchanged:
        urllib.request.urlopen(urllib.request.Request(address, headers={"If-None-Match": etag}), timeout=30)
    assert unchanged.value.code == 304
    assert tab.errors == []


@pytest.mark.browser
def test_a_prepared_deck_is_presented_from_one_link_with_the_keyboard(
    open_tab: Callable[[str], Tab], server: bs.StreamlitServer
) -> None:
    """Every slide the bundled plan has, for one area: only the slide on screen, the arrows move through them and
    the address keeps the slide, every slide's projector screenshot saved with the others."""
    from ui.slides import SLIDES

    deck = ["resumen", "presupuesto", "flujo", "financiamiento", "donantes", "personal", "actividades", "carga"]
    area = "Subdirección de Planificación e Investigación"  # 5 of the bundled plan's 72 activities
    tab = open_tab("desktop")
    page = _open(tab, server, f"presentacion?diapositivas={','.join(deck)}&n=1&area={quote(area)}")
    for number, key in enumerate(deck, start=1):
        page.get_by_role("heading", name=SLIDES[key].title).wait_for()
        bs.wait_for_charts(page)
        assert f"n={number}" in page.url
        body = page.inner_text("body")
        assert f"Diapositiva {number} de {len(deck)}" in body and "Versión 1 del plan" in body
        if SLIDES[key].filtered:
            assert f"Filtros: Área: {area}" in body
        if key == "actividades":
            assert "Dirección Ejecutiva" not in body and "5 actividades" in body, "the deck's area narrows it"
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert not page.locator('[data-testid="stHeader"]').is_visible()
        nav = page.locator(".st-key-diapositiva_siguiente").bounding_box()
        assert nav and nav["y"] + nav["height"] <= 1080, f"slide {key} does not fit the projector: {nav}"
        page.screenshot(path=str(bs.SCREENSHOTS / f"presentacion-{number}-{key}.png"))
        if number < len(deck):
            page.locator("body").press("ArrowRight")
            page.wait_for_url(re.compile(rf"n={number + 1}"))
            bs.wait_until_app_finished(page)
    page.locator("body").press("ArrowLeft")
    page.wait_for_url(re.compile(r"n=7"))
    bs.wait_until_app_finished(page)
    page.reload(wait_until="domcontentloaded")  # the link reopens the same slide
    bs.wait_for_charts(page)
    assert SLIDES["actividades"].title in page.inner_text("body")
    # The whole plan's tallest slides fit too: its calendar becomes one row per area, and says how to see more.
    for number, key in enumerate(deck, start=1):
        if key in ("presupuesto", "flujo", "actividades", "carga"):
            page.goto(f"{server.url}/presentacion?diapositivas={','.join(deck)}&n={number}",
                      wait_until="domcontentloaded")
            page.get_by_role("heading", name=SLIDES[key].title).wait_for()
            bs.wait_for_charts(page)
            nav = page.locator(".st-key-diapositiva_siguiente").bounding_box()
            assert nav and nav["y"] + nav["height"] <= 1080, f"the whole plan's {key} does not fit: {nav}"
            if key == "actividades":
                assert "Una fila por área: para ver sus actividades" in page.inner_text("body")
    assert tab.errors == []


@pytest.mark.browser
def test_a_presenter_prepares_six_slides_for_one_area_and_hands_them_out(
    open_tab: Callable[[str], Tab], server: bs.StreamlitServer, chromium: Browser | None, tmp_path: Path
) -> None:
    """The issue's walk-through, as a new presenter does it: on /presentacion, drop two of the eight slides, pick
    one area, copy the link and present from it with the keyboard; then the HTML briefing (opened from disk with
    every request refused: the charts draw) and the PDF (one page per slide, the area on page one)."""
    area = "Subdirección de Planificación e Investigación"
    tab = open_tab("desktop")
    page = _open(tab, server, "presentacion")
    chosen = page.locator(".st-key-preparar_diapositivas")
    for dropped in ("Del ingreso al gasto", "Carga de trabajo por mes"):
        chosen.get_by_role("button", name=dropped).click()
        bs.wait_until_app_finished(page)
    page.locator(".st-key-preparar_area").click()
    page.get_by_role("option", name=area).click()
    page.keyboard.press("Escape")
    deck = "resumen,presupuesto,financiamiento,donantes,personal,actividades"
    code = page.locator("[data-testid='stCode'] code")
    code.filter(has_text=f"{quote(deck, safe='')}&n=1&area=").wait_for()  # the rerun with every choice in it
    bs.wait_until_app_finished(page)
    link = code.inner_text().strip()
    assert link == f"{server.url}/presentacion?{urlencode({'diapositivas': deck, 'n': 1, 'area': area})}"
    assert page.get_by_role("link", name="Presentar").get_attribute("href") == link.removeprefix(server.url + "/")

    download = _download(page, "Descargar informe (HTML)")
    assert download.suggested_filename == "presentacion-v1.html"
    handout = _download(page, "Descargar folleto (PDF)", timeout_ms=120_000)
    assert handout.suggested_filename == "presentacion-v1.pdf"
    from pypdf import PdfReader

    pdf = PdfReader(handout.path())
    first = " ".join(pdf.pages[0].extract_text().split())
    assert len(pdf.pages) == 6 and "Versión 1 del plan" in first and area in first

    presenting = page.context.new_page()  # the projector's computer opens the link
    presenting.goto(link, wait_until="domcontentloaded")
    for number in range(1, 7):
        presenting.get_by_text(f"Diapositiva {number} de 6").wait_for()
        bs.wait_for_charts(presenting)
        if number < 6:
            presenting.locator("body").press("ArrowRight")
    assert "5 actividades" in presenting.inner_text("body"), "the last slide is the area's activities"
    presenting.close()

    path = tmp_path / "informe.html"
    download.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert "$7,868,489.38" in text and "Versión 1 del plan" in text and area in text
    assert chromium is not None
    offline = chromium.new_context(**bs.VIEWPORTS["phone"], offline=True)
    try:
        reader = offline.new_page()
        refused: list[str] = []
        reader.route(re.compile(r"^(?!file:|data:|blob:)"), lambda route: (refused.append(route.request.url),
                                                                          route.abort()))
        reader.goto(path.as_uri(), wait_until="load")
        charts = text.count("class='chart'")
        reader.wait_for_function(f"document.querySelectorAll('.chart .main-svg').length >= {charts}")
        assert charts >= 5 and refused == []
        bs.full_page_screenshot(reader, bs.SCREENSHOTS / "informe-html-phone.png")
    finally:
        offline.close()

"""Helpers for the real-browser suite: a free port, the Streamlit server, Debian's Chromium and run detection."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

REPO_ROOT = Path(__file__).parents[1]
ARTIFACTS = REPO_ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
SERVER_LOG = ARTIFACTS / "streamlit-browser-tests.log"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_INSTALL_HINT = "apt-get install -y chromium chromium-driver"
# The machine has a closed network: keep Chromium from phoning home (refused connections, noisy logs).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

SERVER_START_TIMEOUT_S = 60.0
APP_TIMEOUT_MS = 30_000

# Streamlit 1.67 DOM hooks. The root element carries the script state ("initial" before the first run,
# then "running" / "notRunning") and the connection state; the header's running man only appears ~0.5 s into a
# run. "notRunning" is not enough: widgets and charts are lazy-loaded React chunks, and until a chunk arrives its
# element container shows a Suspense placeholder, [data-testid="stSkeleton"] (2-3 s after the run on a busy
# machine). Elements left over from a previous run carry data-stale="true".
APP_VIEW = '[data-testid="stAppViewContainer"]'
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]'
RUNNING_ICON = '[data-testid="stStatusWidgetRunningIcon"]'
SKELETON = '[data-testid="stSkeleton"]'
STALE = '[data-testid="stElementContainer"][data-stale="true"]'
PLOTLY_CHART = '[data-testid="stPlotlyChart"]'
PLOTLY_SVG = f"{PLOTLY_CHART} .main-svg"
APP_STATE_JS = f"""() => {{
    const app = document.querySelector('[data-testid="stApp"]');
    const charts = [...document.querySelectorAll('{PLOTLY_CHART}')];
    return {{
        view: !!document.querySelector('{APP_VIEW}'),
        script: app ? app.getAttribute("data-test-script-state") : null,
        connection: app ? app.getAttribute("data-test-connection-state") : null,
        runningIcon: !!document.querySelector('{RUNNING_ICON}'),
        skeletons: document.querySelectorAll('{SKELETON}').length,
        stale: document.querySelectorAll('{STALE}').length,
        charts: charts.length,
        drawnCharts: charts.filter((c) => c.querySelector(".main-svg")).length,
    }};
}}"""
SETTLED_JS = f"""() => {{
    const s = ({APP_STATE_JS})();
    return s.view && s.script === "notRunning" && s.connection === "CONNECTED" && !s.runningIcon
        && s.skeletons === 0 && s.stale === 0 && s.drawnCharts === s.charts;
}}"""
EXCEPTION = '[data-testid="stException"]'
DIALOG = '[data-testid="stDialog"]'
TWO_FRAMES_JS = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
CONTENT_HEIGHT_JS = """() => Math.max(
    document.documentElement.scrollHeight,
    ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebarContent"]')]
        .map((e) => e.getBoundingClientRect().top + window.scrollY + e.scrollHeight))"""

VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1920, "height": 1080}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the kernel picks it for a socket bound to port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return f"(no log at {path}: {exc})"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


@dataclass
class StreamlitServer:
    """`streamlit run app.py` (the dashboard and its calendar feed) on 127.0.0.1; PLAN_WORKBOOK passes through
    from the environment, and PLAN_DB_URL too unless `db_url` names the database (a session's server gets one
    of its own)."""

    port: int = field(default_factory=free_port)
    db_url: str | None = None
    script: str = "app.py"  # another Streamlit script (bench/floor_app.py, the phone benchmark's floor)
    log_path: Path = SERVER_LOG
    host: str = "127.0.0.1"
    process: subprocess.Popen[bytes] | None = None
    _log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "streamlit", "run", self.script,
            "--server.port", str(self.port),
            "--server.address", self.host,
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",  # no "File change. Rerun" banner in screenshots while editing
        ]  # fmt: skip

    def start(self, timeout_s: float = SERVER_START_TIMEOUT_S) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("wb")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if self.db_url:
            env["PLAN_DB_URL"] = self.db_url
        self.process = subprocess.Popen(
            self.command(), cwd=REPO_ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        self.wait_healthy(timeout_s)

    def wait_healthy(self, timeout_s: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout_s
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                pytest.fail(
                    f"Streamlit exited with code {self.process.returncode} before answering on {self.url}.\n"
                    f"Log {self.log_path}:\n{tail(self.log_path)}",
                    pytrace=False,
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    body = response.read().decode("utf-8", errors="replace").strip()
                if body == "ok":
                    return
                last_error = f"health answered {body!r}"
            except (urllib.error.URLError, OSError) as exc:
                last_error = str(exc)
            time.sleep(0.2)
        self.stop()
        pytest.fail(
            f"Streamlit did not answer 'ok' on {self.url}/_stcore/health within {timeout_s:.0f} s "
            f"(last: {last_error}).\nLog {self.log_path}:\n{tail(self.log_path)}",
            pytrace=False,
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None


def chromium_available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def require_chromium() -> None:
    """Fail (never skip) when Debian's Chromium is missing: the suite is meant to run in CI."""
    if not chromium_available():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}; the browser tests need it. Install it with: {CHROMIUM_INSTALL_HINT}",
            pytrace=False,
        )


def launch_chromium(playwright: Playwright) -> Browser:
    require_chromium()
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def app_state(page: Page) -> dict[str, Any]:
    """What the settle check looks at, for failure messages."""
    return dict(page.evaluate(APP_STATE_JS))


def wait_until_app_finished(page: Page, timeout_ms: int = APP_TIMEOUT_MS) -> None:
    """The app view exists, the script ran to the end, no running indicator is left, and every element is really
    drawn: no lazy-loading placeholder, no stale element, every Plotly chart has its SVG."""
    page.wait_for_selector(APP_VIEW, state="attached", timeout=timeout_ms)
    page.wait_for_selector(APP_IDLE, state="attached", timeout=timeout_ms)
    page.wait_for_function(SETTLED_JS, timeout=timeout_ms)


def wait_for_charts(page: Page, timeout_ms: int = APP_TIMEOUT_MS) -> int:
    """Once the app has settled every chart it sent is drawn, so a page without charts is known at once (no 30 s
    wait). Otherwise wait for one visible chart SVG and settle again (a bound widget or a fragment could rerun).
    Returns the number of drawn charts."""
    wait_until_app_finished(page, timeout_ms)
    if page.locator(PLOTLY_CHART).count() == 0:
        return 0
    page.wait_for_selector(PLOTLY_SVG, state="visible", timeout=timeout_ms)
    wait_until_app_finished(page, timeout_ms)
    return int(app_state(page)["drawnCharts"])


def full_page_screenshot(page: Page, path: Path, max_pixels: int = 16_000) -> None:
    """Streamlit scrolls inside [data-testid=stMain], not the document, so Playwright's full_page alone stops at the
    fold: grow the viewport to the content height for the shot, then restore it."""
    size = page.viewport_size
    scale = float(page.evaluate("() => window.devicePixelRatio") or 1)
    try:
        if size is not None:
            for _ in range(3):  # the content may reflow once the viewport grows
                height = int(page.evaluate(CONTENT_HEIGHT_JS))
                height = min(height, int(max_pixels / scale))
                current = page.viewport_size or size
                if height <= current["height"]:
                    break
                page.set_viewport_size({"width": size["width"], "height": height})
                page.evaluate(TWO_FRAMES_JS)  # let the layout follow the resize (the width, hence the charts, stay)
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
    finally:
        if size is not None:
            page.set_viewport_size(size)


def horizontal_overflow(page: Page) -> tuple[int, int]:
    """(document scroll width, window inner width)."""
    width, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    return int(width), int(inner)


def go(page: Page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    wait_until_app_finished(page)


def settle(page: Page, text: str) -> None:
    """Until `text` shows and the app has finished its run."""
    page.get_by_text(text).first.wait_for()
    wait_until_app_finished(page)


def login(page: Page, base_url: str, name: str, password: str) -> None:
    """Sign in on /cargar as an editor of the store."""
    go(page, f"{base_url}/cargar")
    page.get_by_label("Usuario").fill(name)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Ingresar").click()
    settle(page, "1. Descargas")


def upload(page: Page, path: Path, expect: str) -> None:
    page.locator('input[type="file"]').set_input_files(str(path))
    settle(page, expect)


def body(page: Page) -> str:
    return page.inner_text("body")

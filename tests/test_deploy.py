"""The production setup (deploy/): Debian's nginx in front of two dashboard instances on one store.

Through the proxy: Streamlit's JavaScript arrives compressed (brotli or gzip, by what the client accepts) from
the files compressed once, with a year's cache; the page itself is compressed on the fly and never cached;
the websocket is upgraded and negotiates permessage-deflate; a browser stays on one instance; and what an
editor publishes on one instance is what a viewer sees through the proxy at the next click.
"""

from __future__ import annotations

import base64
import gzip
import os
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from deploy import serve
from settings import Settings
from store import Store, editors
from tests import browser_support as bs
from tests.builders import revised_budget
from tests.conftest import scratch_database

PASSWORD = "una clave larga 2016"
OLD_TOTAL, NEW_TOTAL = "$7,868,489.38", "$7,968,489.38"
LOG_LINE = re.compile(r'"(?P<request>[^"]*)" (?P<status>\d+) \d+ upstream=(?P<upstream>\S+) route=(?P<route>\S+)')


def _require_nginx() -> None:
    """Fail (never skip) without nginx: CI installs it (.ci/run), `make test` too."""
    missing = serve.missing_tools()
    if missing:
        pytest.fail(f"Faltan {', '.join(missing)} para las pruebas del proxy: apt-get install -y "
                    f"{serve.DEBIAN_PACKAGES}", pytrace=False)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def deployment(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[serve.Deployment]:
    """nginx and two instances on one store of their own (an SQLite file, then PostgreSQL) with one editor."""
    _require_nginx()
    root = tmp_path_factory.mktemp("deploy")
    with scratch_database(request.param, root) as url:
        store = Store(url, settings=Settings())
        store.migrate()
        editors.add(store, "ana", PASSWORD, by="consola")
        store.dispose()
        deployment = serve.Deployment(port=bs.free_port(), host="127.0.0.1", env={"PLAN_DB_URL": url},
                                      runtime=root / "run")
        deployment.start()
        yield deployment
        deployment.stop()


def _get(url: str, encoding: str | None) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def _main_script(deployment: serve.Deployment) -> str:
    _, page = _get(deployment.url + "/", None)
    found = re.search(rb'src="\./(static/js/index\.[\w-]+\.js)"', page)
    assert found, "index.html names no index.*.js"
    return found.group(1).decode()


def test_javascript_arrives_compressed_once_and_cached_for_a_year(deployment: serve.Deployment) -> None:
    script = _main_script(deployment)
    original = (serve.streamlit_static() / script).read_bytes()
    sizes = {}
    for accepted, expected in (("br", "br"), ("gzip", "gzip"), ("gzip, deflate, br, zstd", "br"), (None, None)):
        headers, data = _get(f"{deployment.url}/{script}", accepted)
        assert headers.get("content-encoding") == expected, (accepted, headers)
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        assert "accept-encoding" in headers.get("vary", "").lower()
        sizes[expected] = len(data)
    assert sizes[None] == len(original)
    assert sizes["br"] < sizes["gzip"] < 0.35 * len(original), sizes
    # Streamlit's page is not hashed: compressed on the fly, revalidated on every visit, and it draws the cookie
    # that pins the browser to an instance.
    headers, _ = _get(f"{deployment.url}/presupuesto", "gzip")
    assert headers.get("content-encoding") == "gzip" and headers["cache-control"] == "no-cache"
    assert re.match(r"plan_ruta=\w{32}; Path=/; HttpOnly; SameSite=Lax$", headers["set-cookie"])


def test_the_websocket_is_upgraded_with_permessage_deflate(deployment: serve.Deployment) -> None:
    with socket.create_connection(("127.0.0.1", deployment.port), timeout=10) as sock:
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1:{deployment.port}\r\n"
                      f"Origin: {deployment.url}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                      "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                      "Sec-WebSocket-Protocol: streamlit\r\n\r\n").encode())
        answer = sock.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.1 101"), answer
    assert re.search(r"(?im)^Sec-WebSocket-Extensions: permessage-deflate", answer), answer


def _routes(deployment: serve.Deployment) -> dict[str, set[str]]:
    """Route cookie -> the instances nginx sent its requests to (from nginx's access log)."""
    routes: dict[str, set[str]] = {}
    for line in (deployment.runtime / "access.log").read_text(encoding="utf-8").splitlines():
        match = LOG_LINE.search(line)
        if match and match["upstream"] != "-":
            routes.setdefault(match["route"], set()).add(match["upstream"])
    return routes


@pytest.mark.browser
def test_through_nginx_a_viewer_stays_on_one_instance_and_sees_what_another_published(
    chromium: Browser | None, deployment: serve.Deployment, tmp_path: Path
) -> None:
    bs.require_chromium()
    assert chromium is not None
    revised = tmp_path / "revision julio.xlsx"
    revised.write_bytes(revised_budget())
    viewer_ctx = chromium.new_context(**bs.VIEWPORTS["desktop"])
    editor_ctx = chromium.new_context(**bs.VIEWPORTS["desktop"])
    try:
        viewer = viewer_ctx.new_page()
        viewer.set_default_timeout(bs.APP_TIMEOUT_MS * 2)
        sockets: list[str] = []
        encodings: dict[str, str | None] = {}
        viewer.on("websocket", lambda ws: sockets.append(ws.url))
        viewer.on("response", lambda r: encodings.__setitem__(r.url, r.headers.get("content-encoding"))
                  if r.url.endswith(".js") else None)
        bs.go(viewer, f"{deployment.url}/presupuesto")
        bs.wait_for_charts(viewer)
        assert OLD_TOTAL in bs.body(viewer) and NEW_TOTAL not in bs.body(viewer)
        assert sockets == [f"ws://127.0.0.1:{deployment.port}/_stcore/stream"]
        # Chromium accepts br on 127.0.0.1 (as on https); files under 1 KB are not worth compressing.
        plain = {u for u, e in encodings.items() if e != "br"}
        static = serve.streamlit_static()
        assert len(encodings) > 20 and {u for u in plain if (static / u.split("/", 3)[3]).stat().st_size
                                         >= serve.MIN_COMPRESS_BYTES} == set(), encodings

        route = next(c["value"] for c in viewer_ctx.cookies() if c["name"] == "plan_ruta")
        (viewer_instance,) = _routes(deployment)[route]
        other = next(u for u in deployment.instance_urls if not u.endswith(viewer_instance))

        editor = editor_ctx.new_page()  # on the other instance, directly
        editor.set_default_timeout(bs.APP_TIMEOUT_MS * 2)
        bs.login(editor, other, "ana", PASSWORD)
        bs.upload(editor, revised, "Cambian 1 línea de ingresos y 1 de egresos")
        editor.get_by_role("button", name="Publicar").click()
        bs.settle(editor, "Publicada la versión 2")

        viewer.get_by_text("Porcentajes").first.click()  # the viewer's next click, through nginx
        bs.wait_until_app_finished(viewer)
        viewer.get_by_text("Montos").first.click()
        bs.wait_until_app_finished(viewer)
        assert NEW_TOTAL in bs.body(viewer), "what one instance published is not seen through the proxy"
        assert "Se muestra la versión 2, publicada por ana" in bs.body(viewer)
        bs.full_page_screenshot(viewer, bs.SCREENSHOTS / "presupuesto-nginx-desktop.png")
    finally:
        viewer_ctx.close()  # nginx logs a websocket when it closes
        editor_ctx.close()
    routes = _routes(deployment)
    assert routes[route] == {viewer_instance}, f"the viewer's requests went to {routes[route]}"
    stream = [m for m in map(LOG_LINE.search, (deployment.runtime / "access.log").read_text().splitlines())
              if m and m["route"] == route and "/_stcore/stream" in m["request"]]
    assert stream and {m["status"] for m in stream} == {"101"} and {m["upstream"] for m in stream} == {viewer_instance}

    # The calendar feed, what a unit's calendar app polls through nginx, follows the publication too, compressed,
    # and both instances serve the same file (same ETag).
    headers, body = _get(f"{deployment.url}/calendario.ics", "gzip")
    assert headers["content-type"] == "text/calendar; charset=utf-8" and headers.get("content-encoding") == "gzip"
    assert b"Versi\xc3\xb3n 2 del plan" in gzip.decompress(body)
    assert {"W/" + _get(f"{u}/calendario.ics", None)[0]["etag"] for u in deployment.instance_urls} == {headers["etag"]}
    again = urllib.request.Request(f"{deployment.url}/calendario.ics", headers={"If-None-Match": headers["etag"]})
    with pytest.raises(urllib.error.HTTPError) as unchanged:  # nginx's weakened ETag still matches
        urllib.request.urlopen(again, timeout=10)
    assert unchanged.value.code == 304


def test_two_browsers_are_spread_over_both_instances(deployment: serve.Deployment) -> None:
    """Each new browser draws its own route; over a few dozen, both instances get some (consistent hashing)."""
    for _ in range(40):
        _get(f"{deployment.url}/_stcore/health", None)
    instances = set().union(*_routes(deployment).values())
    assert instances == {f"127.0.0.1:{p}" for p in deployment.instance_ports}

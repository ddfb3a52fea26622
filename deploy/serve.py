"""The production setup: Debian's nginx in front of several dashboard instances on one store.

`python -m deploy.serve` (what `make serve` runs) migrates the store once, starts the instances on local ports,
renders deploy/nginx.conf for them and runs nginx in front, all in the foreground: Ctrl-C (or SIGTERM from a
service manager) stops everything. The instances share the store of PLAN_DB_URL (PostgreSQL for several
machines) or, without it, the SQLite file in var/; what one publishes, the others show at the next click.

Streamlit's static files are copied out of the installed package and compressed once per Streamlit version
(gzip -9 and brotli -q 11, Debian's command-line tools), so nginx serves them with gzip_static / brotli_static.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import importlib.util
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from domain.cli import SpanishParser
from settings import Settings

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf")
VAR = ROOT / "var" / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NGINX_MODULES = Path("/usr/lib/nginx/modules")
BROTLI_MODULES = ("ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so")
DEBIAN_PACKAGES = "nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static brotli"
# Worth compressing: text. Fonts (woff2) and images are compressed already.
COMPRESSIBLE = frozenset({".js", ".css", ".html", ".json", ".svg", ".txt", ".map"})
MIN_COMPRESS_BYTES = 1024
START_TIMEOUT_S = 90.0
# The instances: websocket frames compressed (permessage-deflate, negotiated through nginx), no file watcher.
INSTANCE_OPTIONS = (
    "--server.headless", "true",
    "--server.enableWebsocketCompression", "true",
    "--server.fileWatcherType", "none",
    "--browser.gatherUsageStats", "false",
)  # fmt: skip


class DeployError(RuntimeError):
    """Something the setup needs is missing or did not start; the message says what to do."""


def missing_tools() -> list[str]:
    """What this machine lacks to run the setup (empty when nginx, its brotli modules and brotli are there)."""
    missing = [] if Path(NGINX).is_file() else ["nginx"]
    missing += [m for m in BROTLI_MODULES if not (NGINX_MODULES / m).is_file()]
    missing += [] if shutil.which("brotli") else ["brotli"]
    return missing


def require_tools() -> None:
    missing = missing_tools()
    if missing:
        raise DeployError(f"Faltan {', '.join(missing)}. Instálelos con: apt-get install -y {DEBIAN_PACKAGES}")


def streamlit_static() -> Path:
    """The static files of the installed Streamlit (found, not imported: the proxy does not run it)."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise DeployError("Streamlit no está instalado en este entorno: ejecute «make run» una vez.")
    return Path(spec.origin).parent / "static"


def _fingerprint(source: Path) -> str:
    """Changes when the set of Streamlit's files changes (their names carry content hashes; index.html too)."""
    names = sorted(str(p.relative_to(source)) + ":" + str(p.stat().st_size) for p in source.rglob("*") if p.is_file())
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def precompress(dest_root: Path = VAR / "static", source: Path | None = None) -> Path:
    """A copy of Streamlit's static files with a .gz and a .br beside each compressible one, made once per
    Streamlit version (later calls return the same directory at once). Returns the copy's root."""
    require_tools()
    source = source or streamlit_static()
    dest = dest_root / _fingerprint(source)
    if (dest / ".complete").is_file():
        return dest
    work = dest.with_name(dest.name + f".tmp{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work)
    text = [p for p in work.rglob("*") if p.suffix in COMPRESSIBLE and p.stat().st_size >= MIN_COMPRESS_BYTES]
    for path in text:
        with path.open("rb") as raw, gzip.GzipFile(path.with_name(path.name + ".gz"), "wb", 9, mtime=0) as out:
            shutil.copyfileobj(raw, out)
    for start in range(0, len(text), 64):  # one brotli process per batch of files
        subprocess.run(["brotli", "-k", "-f", "-q", "11", *map(str, text[start:start + 64])], check=True)
    (work / ".complete").write_text("ok\n")
    if dest.exists():  # another process finished first
        shutil.rmtree(work)
    else:
        work.rename(dest)
    return dest


def preloads(static: Path) -> str:
    """`<link rel="modulepreload">` for Streamlit's plotly module and the modules it imports."""
    js = static / "static" / "js"
    plotly = sorted(js.glob("PlotlyChart.*.js"))
    if not plotly:
        return ""
    imports = re.findall(r'from"\./([\w.-]+\.js)"', plotly[0].read_text(encoding="utf-8", errors="replace")[:20_000])
    names = [plotly[0].name, *dict.fromkeys(imports)]
    return "".join(f'<link rel="modulepreload" href="./static/js/{name}">' for name in names)


def render(*, listen: str, upstreams: Sequence[str], static: Path, runtime: Path, settings: Settings) -> str:
    """deploy/nginx.conf with its fields filled in."""
    user = ""
    if os.geteuid() == 0:  # nginx's workers drop root: run them as the owner of the checkout, who can read it
        user = f"user {pwd.getpwuid(ROOT.stat().st_uid).pw_name};"
    fields = {
        "user": user,
        "runtime": str(runtime),
        "modules": str(NGINX_MODULES),
        "max_body_mb": str(int(settings.max_file_mb) + 5),
        "servers": "\n".join(f"        server {u} max_fails=1 fail_timeout=5s;" for u in upstreams),
        "listen": listen,
        "static": str(static),
        "preload": preloads(static),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in fields.items():
        text = text.replace("{{" + name + "}}", value)
    if "{{" in text:
        raise DeployError(f"deploy/nginx.conf tiene un campo sin valor: {text[text.index('{{'):].split()[0]}")
    return text


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _require_free(host: str, port: int) -> None:
    """Refuse to start when the port is taken: the health checks would otherwise be answered by another server."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            raise DeployError(f"El puerto {port} ya está en uso; elija otro con --port (o PORT=).") from None


@dataclass
class Deployment:
    """nginx on `port` in front of `instances` dashboards (`app`, default app.py) on local ports."""

    port: int = 8080
    instances: int = 2
    host: str = "0.0.0.0"
    app: str = "app.py"
    env: dict[str, str] = field(default_factory=dict)
    runtime: Path = VAR / "run"
    instance_ports: list[int] = field(default_factory=list)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    nginx: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{'127.0.0.1' if self.host == '0.0.0.0' else self.host}:{self.port}"

    @property
    def instance_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}" for p in self.instance_ports]

    def _env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}

    def start(self) -> None:
        require_tools()
        _require_free(self.host, self.port)
        static = precompress()
        self.runtime.mkdir(parents=True, exist_ok=True)
        for log in self.runtime.glob("*.log"):  # this run's logs only
            log.unlink()
        if self.app == "app.py":  # once, before the instances: they would otherwise all migrate at once
            subprocess.run([sys.executable, "-m", "store", "migrate"], cwd=ROOT, env=self._env(), check=True,
                           stdout=subprocess.DEVNULL)
        self.instance_ports = self.instance_ports or [free_port() for _ in range(self.instances)]
        conf = self.runtime / "nginx.conf"
        conf.write_text(render(listen=f"{self.host}:{self.port}",
                               upstreams=[f"127.0.0.1:{p}" for p in self.instance_ports],
                               static=static, runtime=self.runtime, settings=Settings.from_env()),
                        encoding="utf-8")
        check = subprocess.run([NGINX, "-t", "-q", "-p", str(self.runtime), "-c", str(conf), "-e",
                                str(self.runtime / "error.log")], capture_output=True, text=True)
        if check.returncode:
            raise DeployError(f"nginx rechaza {conf}: {check.stderr.strip()}")
        for i, port in enumerate(self.instance_ports):
            with (self.runtime / f"instance-{i + 1}.log").open("wb") as log:
                command = [sys.executable, "-m", "streamlit", "run", self.app, "--server.port", str(port),
                           "--server.address", "127.0.0.1", *INSTANCE_OPTIONS]
                self.processes.append(subprocess.Popen(command, cwd=ROOT, env=self._env(), stdout=log,
                                                       stderr=subprocess.STDOUT))
        self._wait([f"{u}/_stcore/health" for u in self.instance_urls])  # before nginx marks one as down
        self.nginx = subprocess.Popen([NGINX, "-p", str(self.runtime), "-c", str(conf), "-e",
                                       str(self.runtime / "error.log")], cwd=self.runtime)
        self._wait([f"{self.url}/_stcore/health"])

    def _wait(self, urls: list[str]) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        pending = list(urls)
        while pending and time.monotonic() < deadline:
            dead = [p for p in [*self.processes, self.nginx] if p is not None and p.poll() is not None]
            if dead:
                self.stop()
                raise DeployError(f"Un proceso terminó al arrancar (código {dead[0].returncode}); "
                                  f"vea los registros en {self.runtime}.")
            pending = [u for u in pending if not _healthy(u)]
            time.sleep(0.2)
        if pending:
            self.stop()
            raise DeployError(f"Sin respuesta de {', '.join(pending)} en {START_TIMEOUT_S:.0f} s; "
                              f"vea los registros en {self.runtime}.")

    def stop(self) -> None:
        for process in [self.nginx, *self.processes]:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in [self.nginx, *self.processes]:
            if process is not None:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
        self.processes.clear()
        self.nginx = None

    def wait(self) -> None:
        """Until one process ends or a signal arrives; then everything stops."""
        while all(p.poll() is None for p in [*self.processes, self.nginx] if p is not None):
            time.sleep(0.5)


@contextlib.contextmanager
def running(**options) -> Iterator[Deployment]:
    deployment = Deployment(**options)
    deployment.start()
    try:
        yield deployment
    finally:
        deployment.stop()


def main(argv: list[str] | None = None) -> int:
    parser = SpanishParser(prog="python -m deploy.serve", description=(
        "Arranca nginx delante de varias instancias del tablero sobre el mismo almacén (PLAN_DB_URL, o el "
        "archivo SQLite de var/). Ctrl-C lo detiene todo."))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8080)),
                        help="puerto de nginx (por omisión 8080, o PORT)")
    parser.add_argument("--host", default="0.0.0.0", help="dirección en la que escucha nginx (por omisión todas)")
    parser.add_argument("--instances", type=int, default=2, help="instancias del tablero (por omisión 2)")
    args = parser.parse_args(argv)
    deployment = Deployment(port=args.port, instances=args.instances, host=args.host)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        print("Preparando los archivos estáticos comprimidos (la primera vez tarda un minuto)…", flush=True)
        deployment.start()
        print(f"Tablero en {deployment.url} (nginx) con {args.instances} instancias: "
              f"{', '.join(deployment.instance_urls)}. Ctrl-C lo detiene.", flush=True)
        deployment.wait()
    except DeployError as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        deployment.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

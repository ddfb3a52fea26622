"""The PDF handout: the offline briefing printed by a headless Chromium, one slide per landscape page.

Chromium opens the briefing from a temporary file with `#imprimir` (the briefing then shrinks each slide to a
page, the first with the header naming the version, the date and the filters) and prints it. Debian's
`chromium` is used, or the one `BROWSER_PATH` names; without one, `available()` says so and the page says it in
one sentence instead of offering the button.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from domain.browser import chromium

PDF_MIME = "application/pdf"
PAGE_WINDOW = "1032,700"  # an A4 landscape page inside 12 mm margins, in CSS pixels: the charts are drawn to it
NO_CHROMIUM = ("El PDF necesita Chromium en el servidor y no se encontró: instálelo (apt-get install chromium) o "
               "use el informe HTML, que también se imprime.")


def available() -> bool:
    return chromium() is not None


def pdf(html: bytes, *, timeout_s: float = 90.0) -> bytes:
    """The briefing `html` printed to PDF."""
    browser = chromium()
    if browser is None:
        raise RuntimeError(NO_CHROMIUM)
    with tempfile.TemporaryDirectory(prefix="plan-pdf-") as tmp:
        source, target = Path(tmp) / "informe.html", Path(tmp) / "informe.pdf"
        source.write_bytes(html)
        subprocess.run([
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={Path(tmp) / 'perfil'}", f"--window-size={PAGE_WINDOW}", "--no-pdf-header-footer",
            "--virtual-time-budget=20000", f"--print-to-pdf={target}", source.as_uri() + "#imprimir",
        ], check=True, capture_output=True, timeout=timeout_s)
        return target.read_bytes()

"""Where the server's Chromium is: `BROWSER_PATH` (the variable kaleido also reads), else Debian's `chromium`.

The PNG of a chart (charts/image.py) and the PDF handout (exports/handout.py) both draw with it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def chromium() -> str | None:
    named = os.environ.get("BROWSER_PATH")
    if named and Path(named).is_file():
        return named
    return shutil.which("chromium") or shutil.which("chromium-browser")

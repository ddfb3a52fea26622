"""The only shared Streamlit code: what pages call to get the plan shown, cache work and render blocks.

One module per concern: `source` (the version shown, from the store, and its cache), `cache` (memo), `render`
(page chrome, blocks and tables), `issues` (how problems are shown), `auth` (the editor signed in) and
`changes` (the «¿Qué cambia?» view). Pages keep writing `import ui`.
"""

from ui import text
from ui.cache import memo
from ui.issues import review_table, workbook_banner
from ui.render import (
    column_config,
    downloads,
    missing_line,
    missing_tables,
    notes,
    page_header,
    paged_table,
    render,
    require,
    table,
)
from ui.source import Shown, active, compare, read, store, today, version, version_line, when

__all__ = ["Shown", "active", "column_config", "compare", "downloads", "memo", "missing_line", "missing_tables",
           "notes", "page_header", "paged_table", "read", "render", "require", "review_table", "store", "table", "text",
           "today", "version", "version_line", "when", "workbook_banner"]

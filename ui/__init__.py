"""The only shared Streamlit code: what pages call to get the plan shown, cache work and render blocks.

One module per concern: `source` (the workbook shown and its cache), `cache` (memo), `render` (page
chrome, blocks and tables), `issues` (how problems are shown). The login and the version store will add
`auth` and grow `source`; pages keep writing `import ui`.
"""

from ui import text
from ui.cache import memo
from ui.issues import review_table, workbook_banner
from ui.render import notes, page_header, render, require, table
from ui.source import Shown, active, today

__all__ = ["Shown", "active", "memo", "notes", "page_header", "render", "require", "review_table", "table", "text",
           "today", "workbook_banner"]

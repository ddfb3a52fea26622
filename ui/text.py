r"""Text that comes from a workbook, a file name or a user is data: shown here, never interpreted.

Streamlit reads markdown in titles, captions, alerts, expander and metric labels: GitHub markdown (links,
images, autolinks, headings), KaTeX between dollars, `:color[…]` directives, `:emoji:` and
`:material/…:` shortcodes. A workbook could use that to make every viewer's browser fetch a URL, to add
links, or to cover the page. `md()` escapes every ASCII punctuation character (CommonMark allows a backslash
before any of them, and each then reads as itself) and folds line breaks, so a text shows exactly as written
and builds nothing. Escapes do not stop GitHub's literal autolinks (Streamlit's renderer still links an escaped
`http\:\/\/…`, `www\.…` or an e-mail address), so an invisible word joiner (U+2060) goes where a link would
start: after the scheme, after "www", before "@".

Every call in app_pages/ and ui/ that hands Streamlit a text which is not a literal goes through a function
here; tests/test_text_safety.py holds that line.
"""

from __future__ import annotations

import re

import streamlit as st

from domain.folding import one_line

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(?=:/)|(?<=www)(?=\.)|(?=@)")  # where a literal autolink would start
JOINER = "\u2060"


def md(text: object) -> str:
    """`text` as markdown that shows it literally: all punctuation escaped, white space folded, autolinks broken."""
    flat = _AUTOLINK.sub(JOINER, one_line(text))
    return _PUNCTUATION.sub(r"\\\1", flat)


def markdown(text: object, *, bold: bool = False) -> None:
    st.markdown(f"**{md(text)}**" if bold else md(text))


def caption(text: object) -> None:
    st.caption(md(text))


def title(text: object) -> None:
    st.title(md(text))


def alert(kind: str, text: object, *, lead: str = "", icon: str | None = None) -> None:
    """st.info/success/warning/error with the text escaped; `lead`, ours, in bold before it."""
    body = (f"**{md(lead)}** " if lead else "") + md(text)
    getattr(st, kind)(body, icon=icon)


def metric(label: object, value: str) -> None:
    """A metric whose label is escaped (Streamlit reads markdown there; the value it shows as written)."""
    st.metric(md(label), value)


def expander(label: object, *, expanded: bool = False):
    return st.expander(md(label), expanded=expanded)


def page_link(page: str, label: object, *, icon: str | None = None,
              query_params: dict[str, str] | None = None) -> None:
    st.page_link(page, label=md(label), icon=icon, query_params=query_params)

"""Memoised work per workbook and state, keyed on the function and its arguments (never a hand-spelled name)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from ui.source import Shown

T = TypeVar("T")


# No spinner: a miss takes milliseconds, and Streamlit's would start a timer thread per miss (a few ms of a
# rerun waiting for it to start) to say «Running _memo(...)», in English and with our internal name.
@st.cache_resource(max_entries=256, show_spinner=False)
def _memo(function: str, version: str, key: tuple, _call: Callable[[], T]) -> T:
    return _call()


def memo(fn: Callable[..., T], shown: Shown, *args: Any) -> T:
    """`fn(shown.prepared, *args)` once per version and arguments, shared by every session.

    The key is the function's qualified name, the version shown (database and number) and the arguments (an
    argument with a `cache_key`, such as a filtered view, stands for it). What is returned is shared: callers
    never mutate it.
    """
    key = tuple(getattr(a, "cache_key", a) for a in args)
    return _memo(f"{fn.__module__}.{fn.__qualname__}", shown.key, key, lambda: fn(shown.prepared, *args))

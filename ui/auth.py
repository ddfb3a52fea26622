"""Who may upload, publish and restore: an editor signed in for this browser session.

The form checks the name and password against the store (argon2id, lockout kept in the database). When OIDC
is configured in .streamlit/secrets.toml ([auth]), editors may instead sign in with Streamlit's st.login;
PLAN_EDITOR_EMAILS maps the allowed e-mails to editor names. Viewing never needs a login.
"""

from __future__ import annotations

import streamlit as st

from settings import get_settings
from store import editors
from ui import text
from ui.source import store

SESSION_KEY = "editor"


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 (no secrets.toml at all: Streamlit raises its own error types)
        return False


def allowed_emails() -> dict[str, str]:
    """PLAN_EDITOR_EMAILS («ana@x.org=ana, luis@x.org=luis») as {e-mail: editor name}."""
    pairs = (item.split("=", 1) for item in get_settings().editor_emails.split(",") if "=" in item)
    return {mail.strip().lower(): name.strip() for mail, name in pairs}


def _oidc_editor() -> str | None:
    if not _oidc_configured() or not st.user.is_logged_in:
        return None
    name = allowed_emails().get(str(st.user.get("email", "")).lower())
    return name if name and editors.is_active(store(), name) else None


def editor() -> str | None:
    """The editor signed in on this browser session, if any (an account disabled meanwhile is signed out)."""
    name = st.session_state.get(SESSION_KEY) or _oidc_editor()
    if name and not editors.is_active(store(), name):
        st.session_state.pop(SESSION_KEY, None)
        return None
    return name


def login_form() -> None:
    """Usuario, Contraseña, Ingresar; or the institution's sign-in when OIDC is configured."""
    if _oidc_configured():
        if st.button("Ingresar con la cuenta institucional", icon=":material/login:"):
            st.login()
        if st.user.is_logged_in and not _oidc_editor():
            text.alert("warning", "Esa cuenta no está autorizada para publicar. Pida acceso a quien administra el "
                       "tablero.")
        st.caption("O con usuario y contraseña:")
    with st.columns([2, 3])[0], st.form("login", enter_to_submit=True):  # a form's width, not the page's
        name = st.text_input("Usuario", autocomplete="username")
        password = st.text_input("Contraseña", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Ingresar", type="primary")
    if submitted:
        outcome = editors.authenticate(store(), name, password)
        if outcome.ok:
            st.session_state[SESSION_KEY] = outcome.name
            st.rerun()
        text.alert("error", outcome.message, icon=":material/lock:")


def logout_button(name: str) -> None:
    left, right = st.columns([4, 1], vertical_alignment="center")
    with left:
        text.caption(f"Sesión de {name}.")
    if right.button("Salir", icon=":material/logout:", key="salir"):
        st.session_state.pop(SESSION_KEY, None)
        if _oidc_configured() and st.user.is_logged_in:
            st.logout()
        st.rerun()

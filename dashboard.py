"""Entry point: page configuration and navigation only; pages render, nothing works at import time."""

import logging

import streamlit as st

from ui import chrome

st.set_page_config(page_title="Plan de Acción COAMSS/OPAMSS", page_icon="📊", layout="wide")
chrome.install()  # Streamlit's chrome in Spanish, a focus ring, the sidebar closing after a phone navigates
page = st.navigation([
    st.Page("app_pages/inicio.py", title="Inicio", icon=":material/home:", url_path="", default=True),
    st.Page("app_pages/presupuesto.py", title="Presupuesto", icon=":material/account_balance:",
            url_path="presupuesto"),
    st.Page("app_pages/financiamiento.py", title="Financiamiento", icon=":material/volunteer_activism:",
            url_path="financiamiento"),
    st.Page("app_pages/personal.py", title="Personal", icon=":material/groups:", url_path="personal"),
    st.Page("app_pages/actividades.py", title="Actividades", icon=":material/event_note:", url_path="actividades"),
    st.Page("app_pages/presentacion.py", title="Presentación", icon=":material/slideshow:", url_path="presentacion"),
    st.Page("app_pages/revision.py", title="Revisión del libro", icon=":material/fact_check:", url_path="revision"),
    st.Page("app_pages/historial.py", title="Historial", icon=":material/history:", url_path="historial"),
    st.Page("app_pages/cargar.py", title="Cargar y publicar", icon=":material/upload_file:", url_path="cargar"),
])
try:
    page.run()
except Exception:  # the edge: a viewer gets one Spanish sentence; the server log gets the details
    logging.getLogger("dashboard").exception("page %s failed", page.url_path or "inicio")
    st.error("Esta página no se pudo mostrar por un error del tablero. Vuelva a cargarla; si sigue igual, avise a "
             "quien administra el tablero.", icon=":material/error:")

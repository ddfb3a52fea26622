"""Entry point: page configuration and navigation only; pages render, nothing works at import time."""

import streamlit as st

st.set_page_config(page_title="Plan de Acción COAMSS/OPAMSS", page_icon="📊", layout="wide")
page = st.navigation([st.Page("pages/inicio.py", title="Inicio", icon="🏠", url_path="", default=True)])
page.run()

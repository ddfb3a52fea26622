"""Entry point: page configuration and navigation only; pages render, nothing works at import time."""

import streamlit as st

st.set_page_config(page_title="Plan de Acción COAMSS/OPAMSS", page_icon="📊", layout="wide")
page = st.navigation([
    st.Page("pages/inicio.py", title="Inicio", icon=":material/home:", url_path="", default=True),
    st.Page("pages/presupuesto.py", title="Presupuesto", icon=":material/account_balance:", url_path="presupuesto"),
    st.Page("pages/financiamiento.py", title="Financiamiento", icon=":material/volunteer_activism:",
            url_path="financiamiento"),
    st.Page("pages/personal.py", title="Personal", icon=":material/groups:", url_path="personal"),
    st.Page("pages/actividades.py", title="Actividades", icon=":material/event_note:", url_path="actividades"),
])
page.run()

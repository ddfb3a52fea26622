"""Historial: every published version, who published it, when and why, its figures; open any version
read-only, compare any two, and (editors) restore one. Nothing is ever deleted."""

import pandas as pd
import streamlit as st

import publishing
import ui
from domain.fmt import MISSING
from domain.schema import Column
from ui import auth, changes

ui.text.title("Historial de versiones")
st.markdown("Cada publicación es una versión; ninguna se borra. Restaurar una versión anterior la publica de "
            "nuevo, como una versión más.")
shown = ui.active()
rows = publishing.history(ui.store())
if not rows:
    st.stop()

table = pd.DataFrame({  # the link beside the number: on a phone the table scrolls sideways
    "Versión": [r.version.number for r in rows],
    "Abrir": [f"/?version={r.version.number}" for r in rows],
    "Publicada por": [r.version.published_by for r in rows],
    "Fecha": [ui.when(r.version.published_at) for r in rows],
    "Cómo": [r.origin for r in rows],
    "Nota": [r.version.note or None for r in rows],
    "Libro": [r.filename for r in rows],
    **{label: pd.array([r.figures[label] for r in rows], dtype="Float64" if kind == "money" else "Int64")
       for _, _, label, kind in publishing.HISTORY_FIGURES},
})
figures = {label: ui.column_config(Column(label, label, kind)) for _, _, label, kind in publishing.HISTORY_FIGURES}
st.dataframe(table, hide_index=True, key="historial_tabla", placeholder=MISSING, column_config={
    **figures,
    "Versión": st.column_config.NumberColumn("Versión", format="%d"),
    "Abrir": st.column_config.LinkColumn("Abrir", display_text="Ver esta versión"),
})
ui.text.caption(f"La versión publicada es la {rows[0].version.number}. «Ver esta versión» la abre solo para "
                "leer, con un aviso en cada página.")

st.subheader("Comparar dos versiones")
numbers = [r.version.number for r in rows]
left, right = st.columns(2)
old = left.selectbox("Versión anterior", numbers, index=min(1, len(numbers) - 1), key="historial_antes")
new = right.selectbox("Versión nueva", numbers, index=0, key="historial_despues")
if old == new:
    st.markdown("Elija dos versiones distintas.")
else:
    changes.show(ui.compare(old, new), key="historial_cambios")

name = auth.editor()
if name is not None:
    st.subheader("Restaurar una versión")
    pick = st.selectbox("Versión a restaurar", numbers[1:], key="historial_restaurar",
                        placeholder="Elija una versión", index=None)
    note = st.text_input("Nota (opcional)", max_chars=500, key="historial_nota")
    if st.button("Restaurar", disabled=pick is None, icon=":material/restore:"):
        version = publishing.restore(ui.store(), pick, name, note)
        st.session_state["historial_aviso"] = (f"Restaurada la versión {pick}: ahora es la versión {version.number}, "
                                               "la publicada para todos.")
        st.rerun()
    if notice := st.session_state.pop("historial_aviso", None):
        ui.text.alert("success", notice, icon=":material/check_circle:")
else:
    st.page_link("app_pages/cargar.py", label="Ingresar como editor para restaurar una versión",
                 icon=":material/login:")

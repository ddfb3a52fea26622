"""Cargar y publicar: an editor downloads the template, uploads a workbook, reads what is wrong and what
changes, and publishes it for everyone. Viewers who are not signed in see only the login form."""

import streamlit as st

import publishing
import ui
from charts import headlines
from domain.issues import omitted
from exports.annotated import annotate, annotated_name
from exports.template import template
from settings import get_settings
from ui import auth, changes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHECKED = "cargar_revisado"  # session: (file id, Candidate) of the upload on screen
PUBLISHED = "cargar_publicado"  # session: the confirmation to show after a publication
UPLOADER = "cargar_subidas"  # session: how many publications this session made (the uploader's key)

ui.text.title("Cargar y publicar")
name = auth.editor()
if name is None:
    st.markdown("Para subir o publicar un libro hay que ingresar con una cuenta de editor; las cuentas las crea "
                "quien administra el tablero. Ver el tablero no necesita cuenta.")
    auth.login_form()
    st.stop()
auth.logout_button(name)
shown = ui.active(requested=False)  # an upload is always compared with the published version

st.subheader("1. Descargas")
left, right = st.columns(2)
left.download_button("Plantilla vacía (.xlsx)", data=template, file_name="plantilla-plan-de-accion.xlsx", mime=XLSX,
                     icon=":material/download:", on_click="ignore")
if shown is not None:
    data = publishing.content(ui.store(), shown.version.upload_id)
    right.download_button(ui.text.md(f"Libro publicado (versión {shown.number})"), data=data, mime=XLSX,
                          file_name=f"plan-de-accion-v{shown.number}.xlsx", icon=":material/download:",
                          on_click="ignore")
    for line in shown.borrowed():
        ui.text.caption(f"Ese libro no trae todas las tablas. {line}")

st.subheader("2. Subir un libro")
limit = get_settings().max_file_mb
# A new key after each publication empties the uploader (Streamlit does not let a script clear it).
upload = st.file_uploader(ui.text.md(f"Libro .xlsx (hasta {limit:,.0f} MB)"), type=["xlsx"],
                          key=f"cargar_archivo_{st.session_state.get(UPLOADER, 0)}")
if notice := st.session_state.pop(PUBLISHED, None):
    ui.text.alert("success", notice, icon=":material/check_circle:")
if upload is None:
    st.session_state.pop(CHECKED, None)
    st.stop()

checked = st.session_state.get(CHECKED)
if checked is None or checked[0] != upload.file_id:
    with st.spinner("Revisando el libro…"):
        against = (shown.version, shown.plan) if shown is not None else None
        candidate = publishing.check(ui.store(), ui.read, upload.getvalue(), upload.name, name, published=against)
    st.session_state[CHECKED] = checked = (upload.file_id, candidate)
candidate = checked[1]

st.subheader("3. Revisión")
if candidate.refusal is not None:
    ui.text.alert("error", f"No se puede usar «{candidate.filename}»: {candidate.refusal.message}",
                  icon=":material/block:")
    ui.text.caption("No se publicó nada: el tablero sigue mostrando la misma versión.")
    st.stop()
result = candidate.result
ui.text.markdown(f"«{candidate.filename}»: {headlines.review(result.error_count, result.warning_count)}", bold=True)
if result.errors or result.warnings:
    ui.review_table(result)
    for item in result.omitted:
        ui.text.caption(f"Además, {omitted(item)}.")
    st.download_button("Descargar su libro con los problemas marcados",
                       data=lambda: annotate(upload.getvalue(), [*result.errors, *result.warnings], result.omitted),
                       file_name=annotated_name(upload.name), mime=XLSX, icon=":material/download:",
                       on_click="ignore", key=f"cargar_marcado_{candidate.upload.id}")

st.subheader("4. ¿Qué cambia?")
if candidate.changes is None:
    st.markdown("No hay versión publicada con la que comparar.")
else:
    changes.show(candidate.changes, key="cargar_cambios")
    for line in shown.kept(candidate.upload.tables):
        ui.text.caption(line)

st.subheader("5. Publicar")
if not candidate.publishable:
    st.markdown("Corrija los errores y vuelva a subir el libro: solo se publica un libro sin errores.")
note = st.text_input("Nota (opcional)", max_chars=500, key="cargar_nota",
                     placeholder="Por ejemplo: revisión del presupuesto de marzo")
if st.button("Publicar", type="primary", disabled=not candidate.publishable, icon=":material/publish:"):
    version = publishing.publish(ui.store(), candidate, name, note)
    st.session_state.pop(CHECKED, None)
    st.session_state[PUBLISHED] = (f"Publicada la versión {version.number}. Todas las páginas la muestran desde "
                                   "ahora, para todos.")
    st.session_state[UPLOADER] = st.session_state.get(UPLOADER, 0) + 1
    st.rerun()

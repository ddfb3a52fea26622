"""Presentación: a deck of slides for a council session, prepared once and opened from one link.

Without a deck in the address, the page prepares one: which slides, in what order, and the filters of the
activity slides; it then gives the link. With a deck, only the slide shows: no sidebar, no filters, no chrome.
"""

import streamlit as st

import ui
from charts import activities as acts
from exports import handout
from exports.tables import file_name
from ui import slides
from ui.render import PLOTLY_CONFIG

shown = ui.require(ui.active(), what="la presentación")
params = {key: st.query_params.get_all(key) for key in st.query_params}
deck = slides.deck_from(params, shown)

if deck is None:  # prepare a deck
    ui.page_header("Presentación", shown, lead="Elija las diapositivas y su orden (el orden en que las elige) y, si "
                   "quiere, un área o un donante para las diapositivas de actividades. El enlace abre la "
                   "presentación: solo la diapositiva, a pantalla completa; las flechas del teclado avanzan.")
    keys = slides.available(shown)
    chosen = st.multiselect("Diapositivas, en orden", keys, default=keys, key="preparar_diapositivas",
                            format_func=lambda k: slides.SLIDES[k].title, placeholder="Elija al menos una")
    index = shown.prepared.activities
    areas = st.multiselect("Área (diapositivas de actividades)", index.options.get("area", []),
                           key="preparar_area", placeholder="Todas")
    sources = st.multiselect("Fuente de financiamiento (diapositivas de actividades)",
                             index.options.get("fuente", []), key="preparar_fuente", placeholder="Todas")
    if chosen:
        deck = slides.Deck(tuple(chosen), acts.Filters(area=tuple(areas), fuente=tuple(sources)))
        link = deck.url()
        present, html, pdf = st.columns(3)
        present.link_button("Presentar", link, icon=":material/slideshow:", type="primary", width="stretch")
        html.download_button(
            "Descargar informe (HTML)", key="informe_html", on_click="ignore", icon=":material/download:",
            data=lambda: slides.briefing_html(shown, deck, ui.today(), PLOTLY_CONFIG), mime="text/html",
            file_name=file_name("presentacion", shown.number, "html"), width="stretch",
            help="Un solo archivo con estas diapositivas y sus gráficos interactivos, que se abre sin conexión en "
                 "una computadora o un teléfono, y se imprime una diapositiva por página.")
        with pdf:
            if handout.available():
                st.download_button(
                    "Descargar folleto (PDF)", key="informe_pdf", on_click="ignore", width="stretch",
                    icon=":material/picture_as_pdf:", mime=handout.PDF_MIME,
                    data=lambda: handout.pdf(slides.briefing_html(shown, deck, ui.today(), PLOTLY_CONFIG)),
                    file_name=file_name("presentacion", shown.number, "pdf"),
                    help="Las mismas diapositivas, una por página apaisada, con la versión, la fecha y los filtros "
                         "en la primera. Tarda unos segundos.")
            else:
                ui.text.caption(handout.NO_CHROMIUM)
        st.caption("El enlace de esta presentación, para abrirla en la computadora del proyector o enviarla:")
        st.code(deck.address(st.context.url), language=None, wrap_lines=True)  # copied whole, never markdown
    st.stop()

slides.chrome()
total = len(deck.slides)
number = slides.slide_number(params, total)
slide = slides.SLIDES[deck.slides[number - 1]]


def go(to: int) -> None:
    st.query_params[slides.SLIDE_PARAM] = str(to)


with st.container(key="diapositiva"):
    ui.text.title(slide.title)
    built = []
    if slide.blocks is None:  # the key figures
        cells, sentence = slides.key_figures(shown)
        for row in (cells[:3], cells[3:]):
            for column, (label, value) in zip(st.columns(3), row, strict=True):
                with column:
                    ui.text.metric(label, value)
        if sentence:
            ui.text.markdown(sentence, bold=True)
    else:
        built = slide.blocks(shown, deck.filters, ui.today(), True)
        drawn = [b for b in built if b.figure is not None]
        for column, block in zip(st.columns(len(drawn)) if len(drawn) > 1 else [st.container()] * len(drawn),
                                 drawn, strict=True):
            with column:
                ui.text.markdown(block.headline, bold=True)
                st.plotly_chart(block.figure, key=f"diapositiva_{block.key}", config=PLOTLY_CONFIG,
                                theme=None, alt=block.headline)
        for block in built:
            if block.figure is None:
                ui.text.markdown(block.headline, bold=True)
    filters = deck.filters.words() if slide.filtered else ""
    ui.text.caption(" · ".join(filter(None, [
        ui.version_line(shown),
        f"Filtros: {filters}" if filters else "",
        *(block.note for block in built),
        f"Diapositiva {number} de {total}"])))

left, middle, right = st.columns([1, 2, 1])
left.button("← Anterior", key="diapositiva_anterior", disabled=number <= 1, on_click=go, args=(number - 1,),
            width="stretch")
with middle:
    ui.text.markdown(f"{number} / {total}", bold=True)
right.button("Siguiente →", key="diapositiva_siguiente", disabled=number >= total, on_click=go, args=(number + 1,),
             width="stretch")
st.link_button("Preparar otra presentación", slides.PAGE, icon=":material/tune:", type="tertiary")

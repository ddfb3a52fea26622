"""Presentación: a deck of slides for a council session, prepared once and opened from one link.

Without a deck in the address, the page prepares one: which slides, in what order, and the filters of the
activity slides; it then gives the link. With a deck, only the slide shows: no sidebar, no filters, no chrome.
"""

import streamlit as st

import ui
from charts import activities as acts
from domain.fmt import count, fecha, money, percent
from domain.money import share
from domain.schema import OWN_FUNDS_LABEL
from ui import slides
from ui.render import PLOTLY_CONFIG
from ui.source import local

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
        link = slides.Deck(tuple(chosen), acts.Filters(area=tuple(areas), fuente=tuple(sources))).url()
        st.link_button("Presentar", link, icon=":material/slideshow:", type="primary")
        ui.text.caption(f"Enlace de esta presentación: /{link}")
    st.stop()

slides.chrome()
total = len(deck.slides)
number = slides.slide_number(params, total)
slide = slides.SLIDES[deck.slides[number - 1]]


def go(to: int) -> None:
    st.query_params[slides.SLIDE_PARAM] = str(to)


with st.container(key="diapositiva"):
    ui.text.title(slide.title)
    if slide.blocks is None:  # the key figures
        s = shown.summary
        cells = [("Presupuesto total", money(s.presupuesto)),
                 (OWN_FUNDS_LABEL, money(s.fondos_propios.amount) if s.fondos_propios else "—"),
                 ("Donaciones", money(s.donaciones_total)),
                 (f"Donaciones que terminan en {shown.plan.anio or 'el año'}",
                  money(s.ending_total) if s.donantes else "—"),
                 ("Personal", count(s.personal_total, "plaza", "plazas") if s.personal_total else "—"),
                 ("Actividades del POA", f"{s.actividades:,}" if s.actividades else "—")]
        for row in (cells[:3], cells[3:]):
            for column, (label, value) in zip(st.columns(3), row, strict=True):
                with column:
                    ui.text.metric(label, value)
        if s.presupuesto and s.donaciones_total is not None:
            ui.text.markdown(f"Las donaciones financian el {percent(share(s.donaciones_total, s.presupuesto))} del "
                             "presupuesto.", bold=True)
    else:
        built = slide.blocks(shown, deck.filters, ui.today())
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
    version = shown.version
    ui.text.caption(" · ".join(filter(None, [
        f"Versión {version.number} del plan, publicada el {fecha(local(version.published_at).date())}",
        f"Filtros: {filters}" if filters else "",
        f"Diapositiva {number} de {total}"])))

left, middle, right = st.columns([1, 2, 1])
left.button("← Anterior", key="diapositiva_anterior", disabled=number <= 1, on_click=go, args=(number - 1,),
            width="stretch")
with middle:
    ui.text.markdown(f"{number} / {total}", bold=True)
right.button("Siguiente →", key="diapositiva_siguiente", disabled=number >= total, on_click=go, args=(number + 1,),
             width="stretch")
st.link_button("Preparar otra presentación", slides.PAGE, icon=":material/tune:", type="tertiary")

"""Streamlit's own chrome in Spanish, a visible focus ring, and a sidebar that closes after a phone navigates.

Streamlit 1.67 has no setting for the language of its chrome. What it renders in English (the sidebar's and the
menu's button labels, "Fullscreen", the table toolbar's "Search" and "Show/hide columns", the multiselect's
"Select all" and "No results", "Skip to main content", "Page not found") is translated here in the browser, as
it appears, by one small script: it changes only those exact strings, in attributes and in Streamlit's own
popovers and dialogs, never in the page's content (where a workbook's text could say "Search"). What remains
English is listed in the README.
"""

from __future__ import annotations

import json

import streamlit as st

# Streamlit's English, as its frontend writes it, and our Spanish.
WORDS: dict[str, str] = {
    "Collapse sidebar": "Cerrar el menú", "Expand sidebar": "Abrir el menú", "Main menu": "Menú",
    "Fullscreen": "Pantalla completa", "Close fullscreen": "Salir de pantalla completa",
    "Exit fullscreen": "Salir de pantalla completa", "Show/hide columns": "Mostrar u ocultar columnas",
    "Search": "Buscar", "Select all": "Seleccionar todo", "No results": "Sin resultados",
    "Skip to main content": "Ir al contenido", "Page not found": "Página no encontrada",
    "Clear all": "Borrar todo", "Clear value": "Borrar", "Clear": "Borrar", "Close": "Cerrar",
    "Open": "Abrir", "Running...": "Cargando…", "Stop": "Detener", "Rerun": "Volver a ejecutar",
    "Settings": "Ajustes", "Print": "Imprimir", "Record a screencast": "Grabar la pantalla",
    "About": "Acerca de", "Developer options": "Opciones de desarrollo",
}
PHONE_PX = 768  # below this width the sidebar covers the page: it closes after a navigation
CHART_PARAM = "ver"  # ?ver=<block key>: the chart a link points at (the home cards)

_SCRIPT = """
(() => {
  if (window.__planChrome) return;
  window.__planChrome = true;
  const WORDS = %(words)s;
  const ATTRS = ["aria-label", "title", "placeholder", "data-title"];
  // Text is translated only where Streamlit writes its own: popovers, dialogs, the skip link, the toolbar.
  const CHROME = '[data-baseweb="popover"], [role="listbox"], [role="dialog"], [data-testid="stToolbar"], ' +
                 '[data-testid="stHeader"], [data-testid="stMainMenu"], [data-testid="stSkipToContent"]';
  const fixAttrs = (el) => {
    for (const name of ATTRS) {
      const value = el.getAttribute && el.getAttribute(name);
      if (value && WORDS[value]) el.setAttribute(name, WORDS[value]);
    }
  };
  const fixText = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue.trim();
      if (WORDS[text] && node.parentElement && node.parentElement.closest(CHROME)) {
        node.nodeValue = node.nodeValue.replace(text, WORDS[text]);
      }
    }
  };
  const fix = (root) => {
    if (root.nodeType !== 1) return;
    fixAttrs(root);
    root.querySelectorAll("[" + ATTRS.join("],[") + "]").forEach(fixAttrs);
    // Text is walked only where Streamlit's own chrome is: a chart's or a table's nodes are never walked.
    if (root.closest(CHROME) || root.querySelector(CHROME)) fixText(root);
  };
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "attributes") fixAttrs(change.target);
      else change.addedNodes.forEach(fix);
    }
  }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ATTRS});
  fix(document.body);
  // A home card links to the chart it summarises (/presupuesto?ver=presupuesto_flujo): once that chart is drawn,
  // bring it into view. Streamlit changes pages without reloading, so the address is watched.
  const show = () => {
    const key = new URLSearchParams(location.search).get("%(param)s");
    if (!key || !/^[a-z0-9_]+$/.test(key)) return;
    let tries = 0;
    const timer = setInterval(() => {
      const chart = document.querySelector(".st-key-" + key);
      if (chart && chart.querySelector(".js-plotly-plot .main-svg")) {
        chart.scrollIntoView({block: "center"});
        clearInterval(timer);
      } else if (++tries > 150) clearInterval(timer);
    }, 100);
  };
  let shown = location.href;
  show();
  setInterval(() => { if (location.href !== shown) { shown = location.href; show(); } }, 250);
  // On a phone the sidebar covers the page: after choosing a page, close it.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('[data-testid="stSidebarNavLink"]');
    if (!link || window.innerWidth >= %(phone)d) return;
    setTimeout(() => {
      const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (close) close.click();
    }, 150);
  }, true);
})();
"""

_STYLE = """
<style>
/* A focus ring that shows on every control reached with the keyboard (WCAG 2.4.7). */
:focus-visible { outline: 3px solid #0072B2 !important; outline-offset: 2px !important; }
/* The table toolbar (search, columns, fullscreen) sits above its table, never over an expander's title. */
[data-testid="stElementToolbar"] { top: -2.2rem; }
</style>
"""


def install() -> None:
    """Once per page run: the style and the script (the script guards itself against running twice)."""
    script = _SCRIPT % {"words": json.dumps(WORDS, ensure_ascii=False), "phone": PHONE_PX, "param": CHART_PARAM}
    st.html(_STYLE + f"<script>{script}</script>", unsafe_allow_javascript=True)

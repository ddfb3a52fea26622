"""plotly.js in Spanish: its own locale «es» (plotly.js-locales 3.7.0, MIT licence, © Plotly, Inc.), passed in
the chart config (`locales`), since Streamlit bundles plotly.js without its locales. The modebar's tooltips and
messages are Spanish; numbers keep El Salvador's separators (1,234.56), as every figure's layout also says."""

from __future__ import annotations

from typing import Any

ES: dict[str, Any] = {
    "dictionary": {
        "Autoscale": "Autoescalar",
        "Box Select": "Seleccionar Caja",
        "Click to enter Plot title": "Introducir el título de la Gráfica",
        "Click to enter Plot subtitle": "Introducir el subtítulo de la Gráfica",
        "Click to enter X axis title": "Introducir el título del eje X",
        "Click to enter Y axis title": "Introducir el título del eje Y",
        "Click to enter radial axis title": "Introducir el título del eje radial",
        "Compare data on hover": "Comparar datos al pasar por encima",
        "Double-click on legend to isolate one trace": "Haga doble-clic en la leyenda para aislar una traza",
        "Double-click to zoom back out": "Haga doble-clic para restaurar la escala",
        "Download plot as a PNG": "Descargar gráfica como PNG",
        "Download plot": "Descargar gráfica",
        "Lasso Select": "Seleccionar con lazo",
        "Pan": "Modo Panorámica",
        "Produced with Plotly.js": "Hecho con Plotly.js",
        "Reset": "Reiniciar",
        "Reset axes": "Reiniciar ejes",
        "Reset view": "Restaurar vista",
        "Reset views": "Restaurar vistas",
        "Show closest data on hover": "Mostrar el dato más cercano al pasar por encima",
        "Snapshot succeeded": "La captura de la instantánea finalizó correctamente",
        "Sorry, there was a problem downloading your snapshot!": "¡La descarga de la instantánea falló!",
        "Taking snapshot - this may take a few seconds": "Capturando una instantánea - podría tardar unos segundos",
        "Toggle Spike Lines": "Mostrar/Ocultar Guías",
        "Toggle show closest data on hover": "Activar/Desactivar mostrar el dato más cercano al pasar por encima",
        "Zoom": "Modo Ampliar/Reducir",
        "Zoom in": "Ampliar",
        "Zoom out": "Reducir",
        "incoming flow count:": "flujo de entrada:",
        "new text": "nuevo texto",
        "outgoing flow count:": "flujo de salida:",
        "source:": "fuente:",
        "target:": "destino:",
        "trace": "traza",
        "Download plot as a png": "Descargar gráfica como PNG"
    },
    "format": {
        "days": [
            "Domingo",
            "Lunes",
            "Martes",
            "Miércoles",
            "Jueves",
            "Viernes",
            "Sábado"
        ],
        "shortDays": [
            "Dom",
            "Lun",
            "Mar",
            "Mié",
            "Jue",
            "Vie",
            "Sáb"
        ],
        "months": [
            "Enero",
            "Febrero",
            "Marzo",
            "Abril",
            "Mayo",
            "Junio",
            "Julio",
            "Agosto",
            "Septiembre",
            "Octubre",
            "Noviembre",
            "Diciembre"
        ],
        "shortMonths": [
            "Ene",
            "Feb",
            "Mar",
            "Abr",
            "May",
            "Jun",
            "Jul",
            "Ago",
            "Sep",
            "Oct",
            "Nov",
            "Dic"
        ],
        "date": "%d/%m/%Y",
        "decimal": ".",
        "thousands": ",",
        "currency": [
            "$",
            ""
        ]
    }
}

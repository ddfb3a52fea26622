"""Revisión del libro: every problem found in the workbook shown, with its place, and what to do."""


import ui
from charts import headlines
from domain.issues import omitted

shown = ui.require(ui.active())
plan = shown.plan
ui.page_header("Revisión del libro", shown,
               lead="Lo que el tablero encontró al leer el libro: cada problema con su hoja, fila y columna, y "
               "qué hacer. Los errores dejan filas fuera de los gráficos; las advertencias no.", review_link=False)
ui.text.markdown(headlines.review(plan.error_count, plan.warning_count), bold=True)
if plan.errors or plan.warnings:
    ui.review_table(plan)
for item in plan.omitted:
    ui.text.caption(f"Además, {omitted(item)}, que no se listan una por una: corrija las de la tabla y vuelva a "
                    "revisar.")

"""Every kind of problem the project reports, once: code, severity, Spanish title, message and what to do.

A call site says only where and with which values: `issue("monto_invalido", place, what="«Tasas»",
found="s/m")`. tests/test_catalogue.py checks that every code raised anywhere is here and that every
message renders.
"""

from __future__ import annotations

from domain.issues import Issue, IssueType, Severity
from domain.places import NOWHERE, Place

E, W = Severity.ERROR, Severity.WARNING

# Advice shared by several messages, written once.
REOPEN = "Ábralo en Excel, guárdelo de nuevo y vuelva a intentarlo."
ASK_XLSX = "Guárdelo desde Excel como «Libro de Excel (.xlsx)» y vuelva a intentarlo."
YEAR_HINT = "añada una hoja «Plan» con «Año» o un título como «PLAN DE ACCIÓN 2016»"
# Until the upload page offers it for download, the template is the workbook bundled with the project.
TEMPLATE_HINT = ("La plantilla vacía, con una hoja de instrucciones, se descarga en la página «Cargar y publicar» "
                 "del tablero.")

# For people who only view the dashboard: whom to ask, never a file or a page they cannot use.
VIEWER_HINT = "Si esperaba verla, pida al equipo de finanzas que publica el plan que la incluya en el libro."

# A stated total against the sum of its lines: one wording for the four reconciliations.
GAP = "{what}: las líneas suman {lines} y el libro declara {stated} (diferencia de {gap} de {sign})."

_TYPES = (
    # ------------------------------------------------------------ the file itself (exit status 2)
    IssueType("archivo_no_encontrado", E, "Archivo no encontrado", "No se puede abrir «{path}»: {reason}.",
              "Revise la ruta del archivo."),
    IssueType("archivo_vacio", E, "Archivo vacío", "El archivo está vacío (0 bytes).",
              "Vuelva a exportarlo desde Excel."),
    IssueType("archivo_demasiado_grande", E, "Archivo demasiado grande",
              "El archivo pesa {size_mb} MB y el límite es {limit_mb} MB.",
              "Quite hojas o imágenes que no sean del plan y vuelva a intentarlo."),
    IssueType("archivo_cifrado", E, "Libro con contraseña", "El libro está protegido con contraseña ({detail}).",
              "Quite la contraseña en Excel (Archivo > Información > Proteger libro) y guárdelo de nuevo como "
              ".xlsx."),
    IssueType("formato_xls", E, "Formato .xls antiguo",
              "El archivo es un libro de Excel antiguo (.xls, formato 97-2003), no un .xlsx.", ASK_XLSX),
    IssueType("no_es_xlsx", E, "No es un libro .xlsx", "El archivo {what}: se esperaba un libro de Excel (.xlsx).",
              ASK_XLSX),
    IssueType("archivo_danado", E, "Archivo dañado", "El archivo .xlsx está dañado: {detail}.", REOPEN),
    IssueType("demasiadas_partes", E, "Demasiadas partes internas",
              "El archivo contiene {parts} partes internas (el límite es {limit}); no parece un libro de Excel "
              "normal.", REOPEN),
    IssueType("bomba_zip", E, "Archivo que se descomprime sin medida",
              "{detail}: no parece un libro de Excel legítimo y no se abrirá.",
              "Si el libro es legítimo, quite de él lo que no sea del plan y vuelva a intentarlo."),
    IssueType("demasiadas_hojas", E, "Demasiadas hojas",
              "El libro tiene {sheets} hojas (el límite es {limit}); no parece un libro del plan.",
              "Copie solo las hojas del plan a un libro nuevo y vuelva a intentarlo."),
    IssueType("celda_fuera_de_excel", E, "Celda fuera de Excel",
              "La hoja «{sheet}» hace referencia a «{ref}», fuera de los límites de Excel (columna XFD, fila "
              "1,048,576).", REOPEN),
    IssueType("hoja_demasiado_grande", E, "Hoja demasiado extensa",
              "La hoja «{sheet}» tiene datos en {cells}: leerla entera serían {count} celdas y el límite es {limit}.",
              "Borre las filas y columnas vacías al final de la hoja, o copie solo la tabla a un libro nuevo, y "
              "vuelva a intentarlo."),
    IssueType("hoja_demasiado_ancha", E, "Hoja demasiado ancha",
              "La hoja «{sheet}» tiene datos hasta {ref}: son {count} columnas y el límite es {limit}.",
              "Borre las columnas vacías a la derecha de la tabla, o copie solo la tabla a un libro nuevo, y "
              "vuelva a intentarlo."),
    IssueType("combinacion_demasiado_grande", E, "Celdas combinadas demasiado extensas",
              "La hoja «{sheet}» combina las celdas {ref}: {count} celdas, y el límite es {limit}.",
              "Separe esas celdas (Inicio > Combinar y centrar) y vuelva a intentarlo."),
    IssueType("libro_demasiado_grande", E, "Libro demasiado grande",
              "El libro tiene {count} {what}; el límite es {limit}.",
              "Copie solo las tablas del plan a un libro nuevo, sin filas ni columnas de sobra, y vuelva a "
              "intentarlo."),
    IssueType("recuento_imposible", E, "Recuento interno imposible",
              "El libro declara {count} textos distintos, más de los que caben en su parte de textos ({size} "
              "bytes): está dañado o fue manipulado.", REOPEN),
    IssueType("lectura_demasiado_larga", E, "Lectura demasiado larga",
              "La lectura del libro pasó de {seconds} segundos y se detuvo.",
              "Copie solo las tablas del plan a un libro nuevo y vuelva a intentarlo."),
    IssueType("lectura_abortada", E, "Lectura interrumpida",
              "La lectura del libro se interrumpió: el lector se detuvo de forma anormal (por ejemplo, al pasar de "
              "{memory} MB de memoria).", REOPEN),
    IssueType("lectura_fallida", E, "Lectura fallida",
              "El libro no se pudo leer: el lector falló de una forma inesperada ({detail}).", REOPEN),
    # ------------------------------------------------------------ finding the tables
    IssueType("hoja_repetida", E, "Hoja repetida",
              "El libro tiene dos hojas llamadas «{sheet}» (la {first}.ª y la {second}.ª); Excel no lo permite y "
              "no se sabe cuál vale: se leyó solo la primera.", "Cambie el nombre de una de las dos hojas."),
    IssueType("hoja_no_leida", W, "Hoja no leída",
              "La hoja «{sheet}» no se pudo leer y se dejó fuera.",
              "Cambie su nombre por uno sin saltos de línea ni caracteres especiales y vuelva a intentarlo."),
    IssueType("sin_tablas", E, "Ninguna tabla del plan",
              "No se encontró ninguna tabla del plan en el libro (hojas: {sheets}).",
              "Cada tabla necesita una fila de encabezado, por ejemplo: {examples}. " + TEMPLATE_HINT),
    IssueType("encabezado_incompleto", E, "Encabezado incompleto",
              "Esta fila parece el encabezado de la tabla de {table_label} ({found}), pero {lacks}{near}.",
              "Corrija el encabezado: mientras tanto la tabla no se carga."),
    IssueType("tabla_faltante", W, "Tabla que el libro no trae",
              "El libro no trae la tabla de {name}.",
              "Se puede publicar así: se conserva la de la versión publicada (si ninguna la trae, el tablero no "
              "mostrará esa tabla ni lo que depende de ella)."),
    IssueType("tabla_ambigua", E, "Tabla de clasificaciones ambigua",
              "No se sabe si esta tabla de clasificaciones es de ingresos o de egresos.",
              "Escriba «{ingresos}» (o «{egresos}») en el encabezado, o ponga el nombre a la hoja."),
    IssueType("columna_faltante", W, "Columna faltante", "La tabla de {name} no tiene la columna «{column}»: {why}.",
              "Añada la columna al encabezado."),
    # ------------------------------------------------------------ the plan year
    IssueType("anio_no_encontrado", W, "Año del plan desconocido", "El libro no dice de qué año es el plan.",
              YEAR_HINT[0].upper() + YEAR_HINT[1:] + "."),
    IssueType("anio_distinto", W, "Año distinto del pedido",
              "Se pidió el año {asked}, pero el libro dice {found}: se usa {found}, el del libro."),
    IssueType("anio_desconocido", E, "Fecha sin año",
              "Para convertir {what} en fechas hace falta el año del plan, y el libro no lo dice.",
              YEAR_HINT[0].upper() + YEAR_HINT[1:] + ", o indique el año al cargar."),
    # ------------------------------------------------------------ budget and donations
    IssueType("monto_vacio", E, "Monto vacío",
              "Falta el monto de {what}: se esperaba una cantidad en dólares como «$ 2,370,715.00»; la celda está "
              "vacía.", "Escriba el monto."),
    IssueType("monto_invalido", E, "Monto no válido",
              "El monto de {what} no es una cantidad: se esperaba algo como «$ 2,370,715.00» y se encontró «{found}».",
              "Escriba solo la cantidad, con punto decimal."),
    IssueType("monto_negativo", E, "Monto negativo",
              "El monto de {what} es negativo ({found}); un presupuesto no lleva montos negativos.",
              "Escriba el monto sin signo."),
    IssueType("monto_fuera_de_rango", E, "Monto fuera de rango",
              "El monto de {what} ({found}) pasa de {limit}: ningún plan lleva un monto así.",
              "Revise la celda: quizá se pegó un número equivocado."),
    IssueType("clasificacion_vacia", E, "Monto sin clasificación", "Hay un monto ({amount}) sin clasificación.",
              "Escriba el nombre de la clasificación presupuestaria."),
    # A budget report (follow-up): what the loader took from which column, and how it summed the lines.
    IssueType("columnas_presupuesto", W, "Columnas del presupuesto leídas",
              "Tabla de {name}: {note}.", "Si no son esas columnas, cambie los encabezados del libro."),
    IssueType("jerarquia_presupuesto", W, "Clasificación por niveles",
              "La clasificación de {name} tiene niveles ({levels}): para no contar dos veces se suman solo {kept} "
              "({count} filas de subtotal no se suman)."),
    IssueType("lineas_agrupadas", W, "Líneas agrupadas por clasificación",
              "{lines} líneas agrupadas en {groups} clasificaciones: la misma clasificación se repite por {by}; se "
              "suma por clasificación y el desglose queda en la columna «Desglose»."),
    IssueType("moneda_supuesta", W, "Moneda de los montos",
              "Los montos de {name} se leen en {currency} (por ejemplo «{example}»), sin convertir a dólares."),
    IssueType("total_repetido", W, "Total declarado dos veces",
              "{concepto} aparece dos veces con montos distintos; se usa el primero ({first}).",
              "Deje un solo total."),
    IssueType("donante_vacio", E, "Fila sin donante", "La fila tiene datos ({found}) pero no tiene donante.",
              "Escriba el nombre del donante o borre la fila."),
    IssueType("fecha_vacia", W, "Donación sin fecha de finalización",
              "Falta la fecha de finalización de «{donor}»: se esperaba una fecha como «31/12/2016».",
              "Escriba la fecha en que terminan sus fondos."),
    IssueType("fecha_fuera_de_rango", W, "Fecha fuera de rango",
              "La fecha {found} está a más de {years} años del plan ({first} a {last}): no se toma en cuenta.",
              "Corrija la fecha si es un error de tipeo."),
    IssueType("fecha_donacion_invalida", E, "Fecha de finalización no válida",
              "La fecha de finalización de «{donor}» no es una fecha: se esperaba algo como «31/12/2016» o "
              "«31/Dic/2016» y se encontró «{found}».", "Escriba la fecha como día/mes/año."),
    # ------------------------------------------------------------ staff
    IssueType("nivel_invalido", E, "Nivel no válido",
              "El nivel debe ser {choices}; se encontró «{found}».", "Corrija el nivel de la fila."),
    IssueType("plazas_invalidas", E, "Plazas no válidas",
              "Las plazas deben ser un número entero de 0 a {limit}; se encontró {found}.", "Corrija el número."),
    IssueType("rango_invalido", W, "Rango meta no válido",
              "Cada rango necesita un nivel ({choices}) y un mínimo y un máximo en porcentaje, con 0 ≤ mínimo ≤ "
              "máximo ≤ 100; se encontró «{nivel}», «{low}», «{high}».",
              "Se usa el rango del plan para ese nivel."),
    # ------------------------------------------------------------ activities (POA)
    IssueType("actividad_vacia", W, "Fila sin actividad", "La fila tiene datos pero no tiene actividad.",
              "Escriba la actividad o borre la fila (no se cargó)."),
    IssueType("fecha_actividad_invalida", W, "Fecha de actividad no válida",
              "«{found}» no es una fecha: se esperaba algo como «15/02/2016».",
              "Corrija la fecha; mientras tanto la actividad se cargó sin ella."),
    IssueType("fin_antes_de_inicio", E, "Fin antes del inicio",
              "La actividad termina ({fin}) antes de empezar ({inicio}).", "Corrija el inicio o el fin."),
    IssueType("area_desconocida", W, "Área desconocida",
              "No se sabe a qué área pertenecen las actividades de la hoja «{sheet}».",
              "Ponga el nombre del área a la hoja, una fila «ÁREA: …» sobre la tabla o una columna «Área»."),
    IssueType("colores_ilegibles", W, "Colores ilegibles",
              "Los meses de esta tabla no tienen texto y los colores de relleno del libro no se pueden leer: las "
              "actividades se cargaron sin las fechas de sus meses.",
              "Marque los meses con una «X» en vez de solo con color, o guarde el libro de nuevo desde Excel."),
    # Rows and sheets left aside, reported once per kind (loaders/poa.py, loaders/orchestrator.py).
    IssueType("filas_no_actividades", W, "Filas que no son actividades",
              "{what} no se cargaron como actividades (la primera, «{example}»).",
              "No hace falta hacer nada si es así; si alguna era una actividad, escríbala en su columna."),
    IssueType("resumen_por_unidad", W, "Resumen por unidad",
              "La hoja «{sheet}» resume montos por unidad («{column}»), no por clasificación presupuestaria: no se "
              "cargó como ingresos ni egresos.",
              "No hace falta hacer nada si es un resumen; el presupuesto se lee de una tabla «Clasificación | Monto»."),
    IssueType("actividades_sin_fechas", W, "Actividades sin fechas",
              "{what}: se cargaron sin fechas (la primera, en esta fila).",
              "Si las actividades tienen fechas, escriba su tiempo («Marzo», «Enero - Marzo»), sus fechas de inicio "
              "y fin, o marque sus meses."),
    IssueType("poa_copiado", W, "POA copiado en otras hojas",
              "Las hojas {copies} repiten las mismas actividades que la hoja «{sheet}»: se cuentan una sola vez, "
              "las de «{sheet}».", "Si alguna copia trae cambios, deje en el libro solo la versión vigente."),
    IssueType("fecha_no_aplica", W, "Fechas «No aplica»",
              "{what} «{found}» en vez de una fecha: se cargaron sin esa fecha.",
              "Escriba la fecha si la actividad la tiene."),
    IssueType("fecha_mes_dia", W, "Fechas escritas mes/día/año",
              "{what} como mes/día/año (por ejemplo «{found}»): se leyeron así.",
              "Escriba las fechas como día/mes/año."),
    IssueType("avance_invalido", W, "Avance no válido",
              "El avance debe ser un porcentaje de 0 a 100; se encontró «{found}».",
              "Corrija el avance; mientras tanto la actividad se cargó sin él."),
    IssueType("anio_fuentes_distintas", W, "El año del plan no coincide",
              "{first} dice {first_year} y {second} dice {second_year}: se usa {first_year}, el de {first}.",
              "Corrija el título o el nombre del archivo para que digan el mismo año."),
    # What a header says about its columns (loaders/detect.py, loaders/poa.py `_months`).
    IssueType("actividad_con_codigos", W, "Columna de actividad con códigos",
              "La columna {column} tiene códigos (como «{example}»), no nombres de actividades: {what}.",
              "Escriba el nombre de cada actividad en su columna; los códigos pueden ir en otra columna."),
    IssueType("programacion_financiera", W, "Meses con montos",
              "Los meses de esta tabla tienen montos, no marcas: es una programación de caja, no un cronograma, y "
              "no se usaron como meses de actividad.",
              "Para un cronograma, marque con una «X» los meses en que se realiza cada actividad."),
    IssueType("tiempo_no_reconocido", W, "Tiempo no reconocido",
              "No se reconoce el tiempo de la actividad: se encontró {found}; se esperaba algo como «Marzo», "
              "«Enero - Marzo», «I Trimestre» o «Permanente».", "La actividad se cargó sin fechas."),
    # ------------------------------------------------------------ reconciliation (data contract, section 4)
    *(IssueType(code, W, title, GAP, "Revise las líneas o el total declarado.") for code, title in (
        ("total_ingresos_no_cuadra", "Total de ingresos no cuadra"),
        ("total_egresos_no_cuadra", "Total de egresos no cuadra"),
        ("total_donaciones_no_cuadra", "Total de donaciones no cuadra"),
        ("total_general_no_cuadra", "Total general no cuadra"),
    )),
    IssueType("presupuesto_desbalanceado", W, "Presupuesto desbalanceado",
              "El presupuesto no está balanceado: ingresos {ingresos} y egresos {egresos} ({kind} de {gap})."),
    IssueType("nivel_fuera_de_rango", W, "Nivel fuera de su rango meta",
              "El nivel {nivel} tiene {plazas} de {total} plazas ({share}), {side} de su rango de {low} a {high}."),
    IssueType("donacion_termina_en_el_anio", W, "Fondos que terminan durante el plan",
              "Los fondos de {donor} terminan el {end}, antes del cierre del plan {anio}: las actividades que "
              "financia después de esa fecha quedan sin fondos."),
)

CATALOGUE: dict[str, IssueType] = {t.code: t for t in _TYPES}


def issue(code: str, place: Place = NOWHERE, *, table: str | None = None, **values: object) -> Issue:
    """The issue of catalogue type `code` at `place`, its message rendered from `values`."""
    kind = CATALOGUE[code]
    return Issue(code=code, message=kind.render(**values), severity=kind.severity, place=place, table=table,
                 title=kind.title)

"""Build the bundled workbook `plan_accion_2016.xlsx` (template layout) from the Plan de Acción 2016.

Budget and staff figures are the plan's (sections 5 and 7), written as literals. The POA activities are
illustrative: the plan's text has no POA rows, so they are built from the areas, units and functions the
plan describes (sections 3.1, 4.1 and 5), and the workbook says so.

Usage: python -m data.build_workbook [OUT]   (default OUT: plan_accion_2016.xlsx next to this script)
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from domain.schema import (
    ACTIVIDADES,
    CONCEPTO_LABELS,
    DONACIONES,
    EGRESOS,
    INGRESOS,
    PERSONAL,
    PLAN,
    RANGOS,
    TOTAL_EGRESOS,
    TOTAL_INGRESOS,
    Table,
)

DEFAULT_OUT = Path(__file__).resolve().parent / "plan_accion_2016.xlsx"

MONEY_FORMAT = '"$"#,##0.00'
DATE_FORMAT = "dd/mm/yyyy"
# Fixed timestamps so that two builds give byte-identical files.
FIXED_DATETIME = datetime(2016, 3, 1, 0, 0, 0)
CREATOR = "build_workbook.py"

# --- Plan metadata -----------------------------------------------------------------------------------

YEAR = 2016
TITLE = "Plan de Acción 2016"
INSTITUTION = (
    "Consejo de Alcaldes y Oficina de Planificación del Área Metropolitana de San Salvador (COAMSS/OPAMSS)"
)
POA_NOTE = (
    "El texto del plan no contiene filas de POA (la sección 6 solo muestra la plantilla de la matriz), "
    "por lo que las actividades de la hoja POA son ILUSTRATIVAS: se construyeron a partir de las áreas, "
    "unidades y funciones que el plan describe (secciones 3.1, 4.1 y 5) y no son datos del plan."
)
STAFF_NOTE = (
    "El plan solo indica porcentajes por nivel (directivo 7.45 %, apoyo 22.34 %, asesor 12.77 %, operativo "
    "57.45 %); las plazas 7, 21, 12 y 54 de un total de 94 se derivan de esos porcentajes y no las declara "
    "el plan: 94 es el menor total que reproduce exactamente esas proporciones (redondeadas a dos decimales) "
    "y ningún total menor de 1182 personas las reproduce salvo 94 y sus múltiplos."
)
PLAN_ROWS: tuple[tuple[str, str | int], ...] = (
    ("Año", YEAR),
    ("Título", TITLE),
    ("Institución", INSTITUTION),
    ("Fecha del plan", "Marzo 2016"),
    ("Fuente", "Plan de Acción 2016 (texto del plan): secciones 5 (organigrama) y 7 (presupuesto)"),
    ("Actividades ilustrativas", "Sí"),
    ("Nota POA", POA_NOTE),
    ("Personal derivado", "Sí"),
    ("Nota Personal", STAFF_NOTE),
)

# --- Budget (section 7) ------------------------------------------------------------------------------

INCOME_LINES: tuple[tuple[str, float], ...] = (
    ("Tasas y derechos", 2370715.00),
    ("Venta de bienes y servicios", 402619.00),
    ("Ingresos financieros y otros", 790917.12),
    ("Transferencias corrientes", 317890.20),
    ("Venta de activos fijos", 10212.00),
    ("Recuperación de inversiones financieras", 850000.00),
    ("Saldos de años anteriores", 3126136.06),
)
TOTAL_INCOME = 7868489.38  # stated by the plan

EXPENSE_LINES: tuple[tuple[str, float], ...] = (
    ("Remuneraciones", 2593778.70),
    ("Adquisiciones de bienes y servicios", 1246241.74),
    ("Gastos financieros y otros", 155859.76),
    ("Transferencias corrientes al sector público", 2030112.54),
    ("Inversiones en activos fijos", 1242496.63),
    ("Inversiones financieras", 600000.00),
)
# Stated by the plan; its lines add up to 7868489.37. The one-cent gap is the plan's: keep it.
TOTAL_EXPENSE = 7868489.38

OWN_FUNDS = "Fondos propios OPAMSS"
AACID = "AACID"
AMB = "AMB"
EU = "Unión Europea/OPAMSS"
FUNDING_SOURCES: tuple[str, ...] = (OWN_FUNDS, AACID, AMB, EU)

DONORS: tuple[tuple[str, float, date], ...] = (
    (AACID, 883217.30, date(2016, 12, 31)),
    (AMB, 90470.76, date(2016, 7, 31)),
    (EU, 76320.28, date(2016, 7, 31)),
)
TOTAL_DONATIONS = 1050008.34
OWN_FUNDS_TOTAL = 6818481.04  # "OPAMSS:"
GRAND_TOTAL = 7868489.38  # "TOTAL:"

# --- Staff (section 5) -------------------------------------------------------------------------------

# (tier, headcount derived from the plan's percentage, percentage as the plan writes it)
STAFF: tuple[tuple[str, int, str], ...] = (
    ("directivo", 7, "7.45"),
    ("apoyo", 21, "22.34"),
    ("asesor", 12, "12.77"),
    ("operativo", 54, "57.45"),
)
TOTAL_STAFF = 94
# Target share of staff per tier, in percent points (section 5); directivo has no range.
TIER_RANGES: tuple[tuple[str, int, int], ...] = (
    ("apoyo", 20, 25),
    ("asesor", 10, 15),
    ("operativo", 55, 65),
)

# --- POA (illustrative) ------------------------------------------------------------------------------

ILLUSTRATIVE = "Ilustrativa"

OE1 = (
    "OE1: Adecuar la oferta urbana del AMSS mediante estrategias, políticas, instrumentos y mecanismos de "
    "gestión territorial y del desarrollo urbano que favorezcan el crecimiento económico, la sostenibilidad "
    "ambiental y la cohesión social."
)
OE2 = (
    "OE2: Transferir y desarrollar conocimiento y competencias técnicas y políticas para la toma de "
    "decisiones sobre los retos de la metrópoli, mejorando la disposición de datos significativos en las "
    "14 municipalidades del AMSS."
)
OE3 = (
    "OE3: Fortalecer el cuerpo directivo y técnico del COAMSS/OPAMSS con una mejora administrativa y "
    "organizacional, servicios eficientes para el usuario interno y externo y proyección institucional a "
    "nivel local, nacional e internacional."
)
STRATEGIC_OBJECTIVES: tuple[str, ...] = (OE1, OE2, OE3)

# Units named by the plan (sections 4.1, 4.2 and 5).
DE = "Dirección Ejecutiva"
SCDU = "Subdirección de Control del Desarrollo Urbano"
SPI = "Subdirección de Planificación e Investigación"
SDSE = "Subdirección de Desarrollo Social y Económico"
URS = "Unidad de Apoyo en Residuos Sólidos y Proyectos de Salud"
UCS = "Unidad de Cohesión Social"
UGP = "Unidad de Gestión de Proyectos"
ADM = "Administración"
UFI = "Unidad Financiera Institucional"
INF = "Informática"
UJ = "Unidad Jurídica"
RRHH = "Recursos Humanos"
UACI = "Unidad de Adquisiciones y Contrataciones Institucional (UACI)"
SIM = "Sistema de Información Metropolitano"
UAIP = "Unidad de Acceso a la Información Pública y Transparencia"

# Every "Tiempo" text used in the POA, with its start and end dates in 2016 (written out, not parsed).
TIMINGS: dict[str, tuple[date, date]] = {
    "Enero": (date(2016, 1, 1), date(2016, 1, 31)),
    "Febrero": (date(2016, 2, 1), date(2016, 2, 29)),
    "Marzo": (date(2016, 3, 1), date(2016, 3, 31)),
    "Mayo": (date(2016, 5, 1), date(2016, 5, 31)),
    "Julio": (date(2016, 7, 1), date(2016, 7, 31)),
    "Agosto": (date(2016, 8, 1), date(2016, 8, 31)),
    "Diciembre": (date(2016, 12, 1), date(2016, 12, 31)),
    "Enero - Febrero": (date(2016, 1, 1), date(2016, 2, 29)),
    "Enero - Marzo": (date(2016, 1, 1), date(2016, 3, 31)),
    "Febrero - Abril": (date(2016, 2, 1), date(2016, 4, 30)),
    "Abril - Junio": (date(2016, 4, 1), date(2016, 6, 30)),
    "Mayo - Julio": (date(2016, 5, 1), date(2016, 7, 31)),
    "Agosto - Octubre": (date(2016, 8, 1), date(2016, 10, 31)),
    "Noviembre - Diciembre": (date(2016, 11, 1), date(2016, 12, 31)),
    "De febrero a junio": (date(2016, 2, 1), date(2016, 6, 30)),
    "De marzo a mayo": (date(2016, 3, 1), date(2016, 5, 31)),
    "De abril a julio": (date(2016, 4, 1), date(2016, 7, 31)),
    "De abril a agosto": (date(2016, 4, 1), date(2016, 8, 31)),
    "De abril a noviembre": (date(2016, 4, 1), date(2016, 11, 30)),
    "De mayo a septiembre": (date(2016, 5, 1), date(2016, 9, 30)),
    "De junio a julio": (date(2016, 6, 1), date(2016, 7, 31)),
    "De agosto a noviembre": (date(2016, 8, 1), date(2016, 11, 30)),
    "Ene-Feb": (date(2016, 1, 1), date(2016, 2, 29)),
    "Ene-Mar": (date(2016, 1, 1), date(2016, 3, 31)),
    "Abr-Jun": (date(2016, 4, 1), date(2016, 6, 30)),
    "I Trimestre": (date(2016, 1, 1), date(2016, 3, 31)),
    "Segundo trimestre": (date(2016, 4, 1), date(2016, 6, 30)),
    "T3": (date(2016, 7, 1), date(2016, 9, 30)),
    "T4": (date(2016, 10, 1), date(2016, 12, 31)),
    "I Semestre": (date(2016, 1, 1), date(2016, 6, 30)),
    "Segundo semestre": (date(2016, 7, 1), date(2016, 12, 31)),
    "Permanente": (date(2016, 1, 1), date(2016, 12, 31)),
    "Todo el año": (date(2016, 1, 1), date(2016, 12, 31)),
    "Julio - Septiembre 2016": (date(2016, 7, 1), date(2016, 9, 30)),
    "Octubre - Diciembre 2016": (date(2016, 10, 1), date(2016, 12, 31)),
    "15/02/2016 - 30/04/2016": (date(2016, 2, 15), date(2016, 4, 30)),
    "15/06/2016 - 31/07/2016": (date(2016, 6, 15), date(2016, 7, 31)),
}
# Timing forms the POA must show at least once each.
REQUIRED_TIMINGS: tuple[str, ...] = (
    "Marzo", "Enero - Marzo", "De febrero a junio", "Ene-Mar", "I Trimestre", "Segundo trimestre", "T3",
    "I Semestre", "Segundo semestre", "Permanente", "Todo el año", "Julio - Septiembre 2016",
    "15/02/2016 - 30/04/2016",
)


class Activity(NamedTuple):
    """One POA activity row (without the columns it inherits from its result and area)."""

    text: str
    timing: str
    responsible: str
    funding: str
    risk: str


class Result(NamedTuple):
    """A result with its indicator and source of verification, shared by consecutive activities."""

    text: str
    indicator: str
    verification: str
    activities: tuple[Activity, ...]


class Area(NamedTuple):
    """One area of the institution with its strategic and specific objectives."""

    name: str
    strategic_objective: str
    specific_objective: str
    results: tuple[Result, ...]


POA_AREAS: tuple[Area, ...] = (
    Area(DE, OE3, (
        "Orientar estratégicamente a la OPAMSS y asesorar al COAMSS en el cumplimiento del Plan Estratégico "
        "2016-2020, con coordinación permanente entre niveles e instituciones."
    ), (
        Result(
            "Plan de Acción 2016 aprobado y con seguimiento periódico ante el COAMSS.",
            "4 informes trimestrales de avance presentados a la Comisión de Gestión de Planes y Desarrollo "
            "Institucional.",
            "Informes de avance y actas de sesión de la Comisión.",
            (
                Activity("Presentar el Plan de Acción 2016 al pleno del COAMSS para su aprobación.",
                         "Marzo", DE, OWN_FUNDS,
                         "Falta de quórum en las sesiones del COAMSS que retrase la aprobación."),
                Activity("Elaborar y presentar informes trimestrales de avance del Plan de Acción a la "
                         "Comisión de Gestión de Planes y Desarrollo Institucional.",
                         "Permanente", DE, OWN_FUNDS,
                         "Retraso de las áreas en la entrega de la información de avance."),
                Activity("Coordinar reuniones bilaterales de seguimiento con las áreas asesoras, de apoyo y "
                         "operativas.",
                         "Todo el año", DE, OWN_FUNDS,
                         "Agenda institucional saturada que impida reuniones periódicas."),
            ),
        ),
        Result(
            "COAMSS/OPAMSS representado ante el CODEMET y los cooperantes internacionales.",
            "Participación en el 100 % de las sesiones de la Junta Técnica Estratégica del CODEMET.",
            "Actas y listas de asistencia de las sesiones del CODEMET.",
            (
                Activity("Participar en la Junta Técnica Estratégica del CODEMET y dar seguimiento a sus "
                         "Mesas Técnicas Especializadas.",
                         "Permanente", DE, OWN_FUNDS,
                         "Cambios de interlocutores en las instituciones del Gobierno Central."),
                Activity("Canalizar, con la Asistencia Ejecutiva de COAMSS, las solicitudes dirigidas a las "
                         "comisiones y al pleno del COAMSS.",
                         "Todo el año", DE, OWN_FUNDS,
                         "Solicitudes incompletas que deban devolverse y retrasen su trámite."),
                Activity("Celebrar reuniones de coordinación con AACID, AMB y Unión Europea sobre el avance "
                         "de los proyectos de cooperación.",
                         "I Semestre", DE, OWN_FUNDS,
                         "Calendarios de los cooperantes que no coincidan con los de la institución."),
            ),
        ),
    )),
    Area(SCDU, OE1, (
        "Dar curso legal, en tiempo y forma, a los trámites de control del desarrollo urbano del AMSS "
        "conforme a la Ley de Desarrollo y Ordenamiento Territorial del AMSS y de sus Municipios Aledaños."
    ), (
        Result(
            "Trámites de calificación del uso del suelo, alineamientos viales y revisión vial y zonificación "
            "resueltos en plazo.",
            "90 % de los trámites resueltos dentro del plazo establecido.",
            "Reportes mensuales del registro de trámites.",
            (
                Activity("Resolver las solicitudes de calificación del uso del suelo y de alineamientos "
                         "viales y zonas de retiro.",
                         "Permanente", SCDU, OWN_FUNDS,
                         "Aumento de solicitudes que supere la capacidad técnica instalada."),
                Activity("Tramitar la revisión vial y zonificación para obtener el aval municipal de los "
                         "proyectos.",
                         "Todo el año", SCDU, OWN_FUNDS,
                         "Demoras de las municipalidades en emitir su aval."),
                Activity("Actualizar el manual de procedimientos de trámites y publicar los requisitos para "
                         "el usuario.",
                         "Enero - Marzo", SCDU, OWN_FUNDS,
                         "Cambios normativos durante la elaboración del manual."),
            ),
        ),
        Result(
            "Permisos de parcelación y construcción y recepciones de obra otorgados con verificación de "
            "campo.",
            "100 % de las recepciones de obra con inspección de campo documentada.",
            "Expedientes de recepción de obra e informes de inspección.",
            (
                Activity("Otorgar permisos de parcelación y de construcción conforme a los instrumentos de "
                         "ordenamiento vigentes.",
                         "Permanente", SCDU, OWN_FUNDS,
                         "Expedientes incompletos presentados por los usuarios."),
                Activity("Realizar inspecciones de campo y recepciones de obra de los proyectos "
                         "autorizados.",
                         "Todo el año", SCDU, OWN_FUNDS,
                         "Vehículos insuficientes para cubrir las inspecciones programadas."),
                Activity("Capacitar a técnicos municipales en los requisitos de los trámites de control del "
                         "desarrollo urbano.",
                         "Segundo trimestre", SCDU, OWN_FUNDS,
                         "Baja asistencia del personal municipal convocado."),
            ),
        ),
    )),
    Area(SPI, OE1, (
        "Proponer y promover el crecimiento y desarrollo de los municipios del AMSS mediante una "
        "planificación territorial que incorpore la gestión ambiental, la gestión de riesgos y el cambio "
        "climático."
    ), (
        Result(
            "Instrumentos de ordenamiento territorial metropolitano actualizados con enfoque de gestión de "
            "riesgos y cambio climático.",
            "Propuesta de actualización presentada a la Comisión de Gestión del Territorio.",
            "Documento técnico y acta de la Comisión de Gestión del Territorio.",
            (
                Activity("Elaborar el diagnóstico de amenazas y vulnerabilidades del territorio "
                         "metropolitano para la planificación.",
                         "De febrero a junio", SPI, AACID,
                         "Información de instituciones nacionales no disponible o desactualizada."),
                Activity("Realizar talleres técnicos con el AMB sobre planificación metropolitana y gestión "
                         "de riesgos.",
                         "De mayo a septiembre", SPI, AMB,
                         "Disponibilidad limitada de los expertos del AMB para las misiones técnicas."),
                Activity("Presentar la propuesta de actualización a la Comisión de Gestión del Territorio "
                         "para su validación.",
                         "T4", SPI, OWN_FUNDS,
                         "Falta de consenso entre municipios sobre los usos del suelo propuestos."),
            ),
        ),
        Result(
            "Lineamientos metropolitanos para las inversiones público-privadas en espacio público e "
            "infraestructura de soporte.",
            "Documento de lineamientos aprobado por el COAMSS.",
            "Documento aprobado y acuerdo del COAMSS.",
            (
                Activity("Identificar con el sector privado las inversiones prioritarias en espacio público "
                         "e infraestructuras de soporte a la ciudad.",
                         "Abril - Junio", SPI, OWN_FUNDS,
                         "Escaso interés del sector privado en los espacios de diálogo."),
                Activity("Redactar los lineamientos metropolitanos de inversión público-privada.",
                         "Segundo semestre", SPI, OWN_FUNDS,
                         "Retrasos en la revisión jurídica de la propuesta."),
            ),
        ),
    )),
    Area(SDSE, OE1, (
        "Promover, articular y ejecutar iniciativas metropolitanas y locales de desarrollo social y "
        "económico sostenible, considerando las vulnerabilidades sociales y físicas del AMSS."
    ), (
        Result(
            "Proyectos metropolitanos o microrregionales de desarrollo económico promovidos ante la Comisión "
            "de Gestión del Desarrollo Económico Social.",
            "Al menos 2 perfiles de proyecto aprobados por la Comisión.",
            "Perfiles de proyecto y actas de la Comisión.",
            (
                Activity("Elaborar el mapeo de las intervenciones con impacto económico en los municipios "
                         "del AMSS.",
                         "I Trimestre", SDSE, OWN_FUNDS,
                         "Información dispersa entre instituciones y municipios."),
                Activity("Formular perfiles de proyectos microrregionales de desarrollo económico local.",
                         "Segundo trimestre", SDSE, AACID,
                         "Falta de contrapartida municipal para los proyectos."),
                Activity("Presentar los perfiles de proyecto a la Comisión de Gestión del Desarrollo "
                         "Económico Social.",
                         "Julio", SDSE, OWN_FUNDS,
                         "Cambio de prioridades de la Comisión."),
            ),
        ),
        Result(
            "Vulnerabilidades sociales y físicas integradas en la planificación del desarrollo social.",
            "Índice de vulnerabilidad social actualizado para los 14 municipios.",
            "Informe técnico del índice de vulnerabilidad.",
            (
                Activity("Recolectar y procesar la información socioeconómica municipal para el índice de "
                         "vulnerabilidad.",
                         "De marzo a mayo", SDSE, AACID,
                         "Baja respuesta de los municipios a las solicitudes de información."),
                Activity("Socializar los resultados del índice con las municipalidades y la Comisión de "
                         "Cohesión Social.",
                         "Agosto", SDSE, OWN_FUNDS,
                         "Baja participación de los actores convocados."),
            ),
        ),
    )),
    Area(URS, OE1, (
        "Coordinar y dar seguimiento a las intervenciones con impacto en el medio ambiente y la salud "
        "pública del AMSS, promoviendo una gestión metropolitana de los residuos sólidos."
    ), (
        Result(
            "Propuesta metropolitana de gestión integral de residuos sólidos elaborada con los 14 "
            "municipios.",
            "Diagnóstico y propuesta con datos de generación y disposición de residuos de los 14 "
            "municipios.",
            "Documentos presentados a la Comisión de Gestión del Medio Ambiente y Salud.",
            (
                Activity("Levantar información de generación, recolección y disposición final de residuos "
                         "sólidos por municipio.",
                         "15/02/2016 - 30/04/2016", URS, AMB,
                         "Registros municipales incompletos sobre volúmenes de residuos."),
                Activity("Intercambiar experiencias técnicas con el AMB sobre gestión metropolitana de "
                         "residuos sólidos.",
                         "Mayo - Julio", URS, AMB,
                         "Dificultades logísticas para las misiones técnicas de intercambio."),
                Activity("Elaborar la propuesta de plan metropolitano de gestión integral de residuos "
                         "sólidos.",
                         "T3", URS, AMB,
                         "Falta de acuerdo entre municipios sobre los sitios de tratamiento y disposición."),
            ),
        ),
        Result(
            "Acciones de salud pública metropolitana coordinadas con la Comisión de Gestión del Medio "
            "Ambiente y Salud.",
            "Plan de prevención de enfermedades transmitidas por vectores coordinado con los 14 municipios.",
            "Plan aprobado y actas de la Comisión.",
            (
                Activity("Coordinar con los municipios jornadas de prevención de enfermedades transmitidas "
                         "por vectores.",
                         "Ene-Mar", URS, OWN_FUNDS,
                         "Brotes epidemiológicos que desborden la capacidad de respuesta municipal."),
                Activity("Dar seguimiento ante la Comisión a las intervenciones municipales con impacto "
                         "ambiental y en la salud.",
                         "Permanente", URS, OWN_FUNDS,
                         "Falta de reportes oportunos de los municipios."),
            ),
        ),
    )),
    Area(UCS, OE1, (
        "Contribuir a la prevención de la violencia, la protección de la niñez, adolescencia y juventud y la "
        "equidad de género en el AMSS, en coordinación con la Comisión de Cohesión Social."
    ), (
        Result(
            "Estrategia metropolitana de prevención de la violencia y ciudades seguras implementada en "
            "municipios priorizados.",
            "Planes municipales de prevención de la violencia articulados en al menos 5 municipios.",
            "Planes municipales y actas de los comités municipales de prevención.",
            (
                Activity("Acompañar a los comités municipales de prevención de la violencia en la "
                         "actualización de sus planes.",
                         "I Semestre", UCS, EU,
                         "Inseguridad en las comunidades que limite el trabajo de campo."),
                Activity("Recuperar espacios públicos para la convivencia ciudadana en municipios "
                         "priorizados.",
                         "De abril a julio", UCS, EU,
                         "Conflictos entre grupos en los espacios públicos intervenidos."),
                Activity("Sistematizar las experiencias de prevención de la violencia del proyecto con la "
                         "Unión Europea.",
                         "Julio - Septiembre 2016", UCS, EU,
                         "Rotación del personal técnico que ejecutó las intervenciones."),
            ),
        ),
        Result(
            "Iniciativas metropolitanas de protección de niñez, adolescencia y juventud y de equidad de "
            "género promovidas.",
            "Al menos 3 iniciativas presentadas a la Comisión de Cohesión Social.",
            "Informes de las iniciativas y actas de la Comisión.",
            (
                Activity("Promover espacios de participación juvenil en los municipios del AMSS.",
                         "Segundo semestre", UCS, AACID,
                         "Desconfianza de los jóvenes hacia las instituciones."),
                Activity("Elaborar lineamientos metropolitanos para transversalizar el enfoque de género.",
                         "De agosto a noviembre", UCS, AACID,
                         "Débil compromiso político de las municipalidades con la agenda de género."),
            ),
        ),
    )),
    Area(UGP, OE3, (
        "Gestionar y dar seguimiento a los proyectos de cooperación internacional y a los asocios "
        "público-privados que amplían la capacidad de inversión del COAMSS/OPAMSS."
    ), (
        Result(
            "Proyectos de cooperación ejecutados con seguimiento conforme a su marco lógico.",
            "Informes técnicos y financieros de los proyectos AACID, AMB y Unión Europea/OPAMSS entregados "
            "en plazo.",
            "Informes entregados y acuses de recibo de los cooperantes.",
            (
                Activity("Elaborar los planes operativos de los proyectos de cooperación con sus referentes "
                         "técnicos.",
                         "Enero - Febrero", UGP, OWN_FUNDS,
                         "Retraso en la firma de los convenios de cooperación."),
                Activity("Preparar el informe final del proyecto financiado por Unión Europea/OPAMSS.",
                         "De junio a julio", UGP, EU,
                         "Gastos sin la documentación de soporte exigida por el cooperante."),
                Activity("Dar seguimiento técnico y financiero a la ejecución del proyecto financiado por "
                         "AACID.",
                         "Todo el año", UGP, AACID,
                         "Variación del tipo de cambio euro-dólar que reduzca el monto disponible."),
            ),
        ),
        Result(
            "Nuevas iniciativas de cooperación y asocios público-privados formuladas.",
            "Al menos 2 propuestas de proyecto presentadas a cooperantes o socios privados.",
            "Propuestas presentadas y comunicaciones de los cooperantes.",
            (
                Activity("Identificar convocatorias de cooperación internacional afines al Plan "
                         "Estratégico 2016-2020.",
                         "Permanente", UGP, OWN_FUNDS,
                         "Convocatorias con cofinanciamiento que la institución no pueda cubrir."),
                Activity("Formular propuestas de proyecto con las subdirecciones operativas.",
                         "Segundo semestre", UGP, OWN_FUNDS,
                         "Plazos de convocatoria demasiado cortos para formular con calidad."),
            ),
        ),
    )),
    Area(ADM, OE3, (
        "Brindar el apoyo logístico, el mantenimiento y el soporte documental que la institución requiere "
        "para ejecutar sus actividades con formalidad y eficiencia."
    ), (
        Result(
            "Instalaciones, vehículos y equipos con mantenimiento preventivo.",
            "100 % del plan de mantenimiento preventivo ejecutado.",
            "Bitácoras de mantenimiento y órdenes de trabajo.",
            (
                Activity("Elaborar y ejecutar el plan anual de mantenimiento preventivo de instalaciones y "
                         "vehículos.",
                         "Todo el año", ADM, OWN_FUNDS,
                         "Fallas imprevistas que consuman el presupuesto de mantenimiento."),
                Activity("Actualizar el inventario y el etiquetado del activo fijo institucional.",
                         "Segundo trimestre", ADM, OWN_FUNDS,
                         "Bienes sin documentación de origen que impida su registro."),
            ),
        ),
        Result(
            "Archivo institucional organizado como soporte documental de las operaciones.",
            "Archivos de gestión de todas las áreas clasificados según el cuadro de clasificación "
            "documental.",
            "Cuadro de clasificación documental e inventarios de archivo.",
            (
                Activity("Elaborar el cuadro de clasificación documental institucional.",
                         "Febrero - Abril", ADM, OWN_FUNDS,
                         "Resistencia de las áreas a modificar sus prácticas de archivo."),
                Activity("Transferir los expedientes cerrados de las áreas al archivo central.",
                         "Octubre - Diciembre 2016", ADM, OWN_FUNDS,
                         "Espacio físico insuficiente en el archivo central."),
            ),
        ),
    )),
    Area(UFI, OE3, (
        "Administrar las finanzas, la contabilidad y el presupuesto institucional con información oportuna y "
        "confiable para la toma de decisiones."
    ), (
        Result(
            "Presupuesto 2016 ejecutado y controlado por fuente de financiamiento.",
            "12 informes mensuales de ejecución presupuestaria presentados a la Dirección Ejecutiva.",
            "Informes de ejecución presupuestaria.",
            (
                Activity("Registrar el presupuesto 2016 y distribuirlo por áreas y fuentes de "
                         "financiamiento.",
                         "Enero", UFI, OWN_FUNDS,
                         "Aprobación tardía del presupuesto por el COAMSS."),
                Activity("Elaborar los informes mensuales de ejecución presupuestaria de ingresos y "
                         "egresos.",
                         "Permanente", UFI, OWN_FUNDS,
                         "Retraso en el registro de los ingresos por tasas y derechos."),
                Activity("Conciliar mensualmente las cuentas de los fondos de donación de AACID, AMB y Unión "
                         "Europea/OPAMSS.",
                         "Todo el año", UFI, OWN_FUNDS,
                         "Cuentas bancarias de proyectos sin conciliar a tiempo."),
                Activity("Liquidar financieramente los fondos del AMB con los soportes de gasto.",
                         "15/06/2016 - 31/07/2016", UFI, AMB,
                         "Gastos no elegibles observados por el cooperante."),
            ),
        ),
        Result(
            "Estados financieros 2015 cerrados y auditados.",
            "Estados financieros 2015 con dictamen de auditoría externa.",
            "Dictamen de auditoría externa.",
            (
                Activity("Cerrar el ejercicio contable 2015 y elaborar los estados financieros.",
                         "Ene-Feb", UFI, OWN_FUNDS,
                         "Partidas pendientes de liquidar del ejercicio anterior."),
                Activity("Atender la auditoría externa y dar seguimiento a sus recomendaciones.",
                         "Abr-Jun", UFI, OWN_FUNDS,
                         "Hallazgos de auditoría que requieran ajustes contables significativos."),
            ),
        ),
    )),
    Area(INF, OE3, (
        "Garantizar la disponibilidad y la seguridad de la plataforma tecnológica que soporta los servicios "
        "institucionales."
    ), (
        Result(
            "Plataforma tecnológica institucional disponible y respaldada.",
            "Disponibilidad de los servicios informáticos igual o superior al 98 %.",
            "Registros de monitoreo y bitácora de respaldos.",
            (
                Activity("Realizar el respaldo periódico de servidores y bases de datos institucionales.",
                         "Permanente", INF, OWN_FUNDS,
                         "Fallas de equipo por cortes de energía eléctrica."),
                Activity("Renovar el equipo informático obsoleto de las áreas operativas.",
                         "Agosto - Octubre", INF, OWN_FUNDS,
                         "Retrasos en el proceso de adquisición."),
                Activity("Brindar soporte técnico a los usuarios internos.",
                         "Todo el año", INF, OWN_FUNDS,
                         "Alta demanda simultánea de soporte."),
            ),
        ),
    )),
    Area(UJ, OE3, (
        "Brindar asesoría jurídica especializada que dé formalidad y legalidad a las actuaciones del "
        "COAMSS/OPAMSS."
    ), (
        Result(
            "Reglamentos y normativas del COAMSS y sus entes ejecutores revisados.",
            "Propuestas de reforma presentadas a la Comisión de Gestión de Planes y Desarrollo "
            "Institucional.",
            "Propuestas y actas de la Comisión.",
            (
                Activity("Revisar el reglamento de la Ley de Desarrollo y Ordenamiento Territorial del AMSS "
                         "y proponer reformas.",
                         "I Semestre", UJ, OWN_FUNDS,
                         "Consultas prolongadas con las municipalidades."),
                Activity("Elaborar el proyecto de reglamento de funcionamiento de las comisiones de trabajo "
                         "del COAMSS.",
                         "De abril a agosto", UJ, OWN_FUNDS,
                         "Falta de consenso entre alcaldes sobre las funciones de las comisiones."),
            ),
        ),
        Result(
            "Actuaciones institucionales con respaldo legal.",
            "100 % de los contratos y convenios revisados antes de su firma.",
            "Registro de opiniones jurídicas emitidas.",
            (
                Activity("Emitir opiniones jurídicas sobre contratos, convenios de cooperación y trámites de "
                         "control urbano.",
                         "Permanente", UJ, OWN_FUNDS,
                         "Solicitudes urgentes sin antecedentes completos."),
                Activity("Atender la representación judicial y extrajudicial de la OPAMSS en los procesos en "
                         "curso.",
                         "Todo el año", UJ, OWN_FUNDS,
                         "Resoluciones judiciales adversas con impacto económico."),
            ),
        ),
    )),
    Area(RRHH, OE3, (
        "Fortalecer el cuerpo directivo y técnico de la OPAMSS mediante la gestión del talento humano y el "
        "desarrollo de competencias."
    ), (
        Result(
            "Plan de capacitación institucional ejecutado.",
            "80 % del personal capacitado en al menos un curso durante el año.",
            "Listas de asistencia y constancias de capacitación.",
            (
                Activity("Realizar el diagnóstico de necesidades de capacitación del personal.",
                         "Febrero", RRHH, OWN_FUNDS,
                         "Baja respuesta de las jefaturas al diagnóstico."),
                Activity("Ejecutar el plan anual de capacitación.",
                         "De abril a noviembre", RRHH, OWN_FUNDS,
                         "Recortes presupuestarios que reduzcan la oferta de cursos."),
            ),
        ),
        Result(
            "Estructura de personal ajustada a los rangos por nivel del organigrama.",
            "Proporción del personal por nivel dentro de los rangos definidos (apoyo 20-25 %, asesor "
            "10-15 %, operativo 55-65 %).",
            "Planilla institucional y organigrama 2016.",
            (
                Activity("Actualizar el manual de descripción de puestos según la estructura orgánica 2016.",
                         "I Trimestre", RRHH, OWN_FUNDS,
                         "Cambios en la estructura orgánica durante el año."),
                Activity("Realizar la evaluación del desempeño del personal.",
                         "Noviembre - Diciembre", RRHH, OWN_FUNDS,
                         "Criterios de evaluación no homogéneos entre jefaturas."),
            ),
        ),
    )),
    Area(UACI, OE3, (
        "Gestionar las adquisiciones y contrataciones institucionales con transparencia, eficiencia y apego "
        "a la normativa."
    ), (
        Result(
            "Programación anual de adquisiciones y contrataciones 2016 ejecutada.",
            "90 % de los procesos programados adjudicados en la fecha prevista.",
            "Programación anual de compras y expedientes de adjudicación.",
            (
                Activity("Elaborar y publicar la programación anual de adquisiciones y contrataciones 2016.",
                         "Enero", UACI, OWN_FUNDS,
                         "Áreas que no entreguen sus requerimientos a tiempo."),
                Activity("Ejecutar los procesos de compra de bienes y servicios programados.",
                         "Permanente", UACI, OWN_FUNDS,
                         "Procesos declarados desiertos por falta de ofertas."),
                Activity("Contratar las consultorías del proyecto Unión Europea/OPAMSS conforme a las normas "
                         "del cooperante.",
                         "De febrero a junio", UACI, EU,
                         "Diferencias entre la normativa nacional de compras y las reglas del cooperante."),
            ),
        ),
        Result(
            "Contratos administrados y evaluados.",
            "100 % de los contratos con informe de cumplimiento del administrador de contrato.",
            "Informes de los administradores de contrato.",
            (
                Activity("Dar seguimiento a los administradores de contrato y actualizar el registro de "
                         "proveedores.",
                         "Todo el año", UACI, OWN_FUNDS,
                         "Incumplimientos de proveedores no reportados a tiempo."),
                Activity("Capacitar a los administradores de contrato.",
                         "Mayo", UACI, OWN_FUNDS,
                         "Rotación de los administradores designados."),
            ),
        ),
    )),
    Area(SIM, OE2, (
        "Mejorar la disposición de datos y conocimiento significativos sobre el AMSS y desarrollar "
        "competencias en las 14 municipalidades para la toma de decisiones."
    ), (
        Result(
            "Información territorial metropolitana actualizada y disponible para los municipios.",
            "Capas de información territorial actualizadas y compartidas con los 14 municipios.",
            "Catálogo de datos y registros de entrega a los municipios.",
            (
                Activity("Actualizar la base cartográfica metropolitana con la información de permisos y "
                         "recepciones de obra.",
                         "Permanente", SIM, OWN_FUNDS,
                         "Formatos de datos incompatibles entre áreas."),
                Activity("Integrar la información catastral municipal al Sistema de Información "
                         "Metropolitano.",
                         "De febrero a junio", SIM, AACID,
                         "Municipios sin información catastral en formato digital."),
                Activity("Publicar un boletín estadístico metropolitano con indicadores del AMSS.",
                         "Segundo semestre", SIM, OWN_FUNDS,
                         "Datos de fuentes oficiales publicados con retraso."),
            ),
        ),
        Result(
            "Competencias técnicas municipales en manejo de información territorial fortalecidas.",
            "Técnicos de los 14 municipios capacitados en sistemas de información geográfica.",
            "Listas de asistencia y evaluaciones de los cursos.",
            (
                Activity("Impartir cursos de sistemas de información geográfica a técnicos municipales con "
                         "apoyo del AMB.",
                         "Segundo trimestre", SIM, AMB,
                         "Equipos municipales sin capacidad para el programa informático requerido."),
                Activity("Elaborar guías de uso de la información metropolitana para la toma de decisiones.",
                         "T4", SIM, OWN_FUNDS,
                         "Baja apropiación de las guías por las autoridades municipales."),
            ),
        ),
    )),
    Area(UAIP, OE3, (
        "Garantizar el derecho de acceso a la información pública y la transparencia en la gestión del "
        "COAMSS/OPAMSS."
    ), (
        Result(
            "Solicitudes de información atendidas dentro de los plazos de la Ley de Acceso a la Información "
            "Pública.",
            "100 % de las solicitudes respondidas en el plazo legal.",
            "Registro de solicitudes y resoluciones emitidas.",
            (
                Activity("Recibir, tramitar y resolver las solicitudes de acceso a la información.",
                         "Permanente", UAIP, OWN_FUNDS,
                         "Información solicitada dispersa entre varias áreas."),
                Activity("Elaborar el informe anual de solicitudes de acceso a la información atendidas.",
                         "Diciembre", UAIP, OWN_FUNDS,
                         "Registros incompletos de las solicitudes atendidas."),
            ),
        ),
        Result(
            "Información oficiosa actualizada en el portal de transparencia.",
            "Portal de transparencia actualizado cada trimestre.",
            "Registros de actualización del portal.",
            (
                Activity("Actualizar trimestralmente la información oficiosa en el portal de transparencia.",
                         "Todo el año", UAIP, OWN_FUNDS,
                         "Áreas que no remitan su información oficiosa."),
                Activity("Publicar el Plan de Acción 2016 y su presupuesto en el portal de transparencia.",
                         "Marzo", UAIP, OWN_FUNDS,
                         "Documentos sin versión pública preparada."),
            ),
        ),
    )),
)

# The template's header rows come from the table declarations (domain/schema.py); "Carácter" and "Nota" are
# the bundled workbook's own columns, saying which rows are illustrative or derived.
POA_HEADER: tuple[str, ...] = (*ACTIVIDADES.template_header, "Carácter")
POA_WIDTHS: tuple[int, ...] = (34, 50, 50, 45, 45, 38, 55, 24, 12, 12, 34, 24, 45, 12)
POA_WRAPPED: frozenset[str] = frozenset(
    {"Área", "Objetivo estratégico", "Objetivo específico", "Resultado", "Indicador",
     "Fuente de verificación", "Actividad", "Responsable", "Riesgo"}
)

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill(fill_type="solid", start_color="DDEBF7", end_color="DDEBF7")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def donor_end_dates() -> dict[str, date]:
    """End date of each donor's funds, by funding-source name."""
    return {name: end for name, _amount, end in DONORS}


def poa_rows() -> list[tuple[str | date, ...]]:
    """The POA sheet rows (without header), one per activity, in the order they are written."""
    rows: list[tuple[str | date, ...]] = []
    for area in POA_AREAS:
        for result in area.results:
            for act in result.activities:
                start, end = TIMINGS[act.timing]
                rows.append((
                    area.name, area.strategic_objective, area.specific_objective, result.text,
                    result.indicator, result.verification, act.text, act.timing, start, end,
                    act.responsible, act.funding, act.risk, ILLUSTRATIVE,
                ))
    return rows


def activities_past_donor_end() -> list[tuple[str, str, str, date, date]]:
    """Donor-funded activities ending after the donor's funds end: (area, activity, donor, fin, donor end)."""
    ends = donor_end_dates()
    flagged = []
    for area in POA_AREAS:
        for result in area.results:
            for act in result.activities:
                if act.funding in ends and TIMINGS[act.timing][1] > ends[act.funding]:
                    flagged.append((area.name, act.text, act.funding, TIMINGS[act.timing][1],
                                    ends[act.funding]))
    return flagged


def _header(ws: Worksheet, labels: tuple[str, ...], widths: tuple[int, ...]) -> None:
    """Write a bold header in row 1, freeze the pane below it and set column widths."""
    ws.append(list(labels))
    for col, (cell, width) in enumerate(zip(ws[1], widths, strict=True), start=1):
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def _money_row(ws: Worksheet, label: str, amount: float, bold: bool = False) -> None:
    """Append a `label | amount` row with the amount formatted as dollars."""
    ws.append([label, amount])
    row = ws.max_row
    ws.cell(row, 2).number_format = MONEY_FORMAT
    if bold:
        ws.cell(row, 1).font = BOLD
        ws.cell(row, 2).font = BOLD


def _sheet_plan(wb: Workbook) -> None:
    ws = wb.active
    ws.title = "Plan"
    _header(ws, PLAN.template_header, (26, 100))
    for field, value in PLAN_ROWS:
        ws.append([field, value])
        ws.cell(ws.max_row, 1).alignment = TOP
        ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")


def _sheet_budget(wb: Workbook, table: Table, lines: tuple[tuple[str, float], ...], total_label: str,
                  total: float) -> None:
    ws = wb.create_sheet(table.label)
    _header(ws, table.template_header, (46, 18))
    for label, amount in lines:
        _money_row(ws, label, amount)
    _money_row(ws, total_label, total, bold=True)


def _sheet_donations(wb: Workbook) -> None:
    ws = wb.create_sheet("Donaciones")
    _header(ws, DONACIONES.template_header, (26, 18, 20))
    for name, amount, end in DONORS:
        ws.append([name, amount, end])
        ws.cell(ws.max_row, 2).number_format = MONEY_FORMAT
        ws.cell(ws.max_row, 3).number_format = DATE_FORMAT
    _money_row(ws, "Total", TOTAL_DONATIONS, bold=True)
    ws.append([])
    _money_row(ws, "OPAMSS:", OWN_FUNDS_TOTAL)
    _money_row(ws, "DONACIONES:", TOTAL_DONATIONS)
    _money_row(ws, "TOTAL:", GRAND_TOTAL, bold=True)


def _sheet_staff(wb: Workbook) -> None:
    ws = wb.create_sheet("Personal")
    _header(ws, (*PERSONAL.template_header, "Nota"), (14, 30, 10, 44))
    for tier, headcount, percent in STAFF:
        ws.append([tier, None, headcount,
                   f"Derivado del {percent} % del plan ({headcount} de {TOTAL_STAFF})"])


def _sheet_ranges(wb: Workbook) -> None:
    ws = wb.create_sheet("Rangos")
    _header(ws, RANGOS.template_header, (14, 12, 12))
    for tier, low, high in TIER_RANGES:
        ws.append([tier, low, high])


def _sheet_poa(wb: Workbook) -> None:
    ws = wb.create_sheet("POA")
    _header(ws, POA_HEADER, POA_WIDTHS)
    for values in poa_rows():
        ws.append(list(values))
        for col, label in enumerate(POA_HEADER, start=1):
            cell = ws.cell(ws.max_row, col)
            if label in ("Inicio", "Fin"):
                cell.number_format = DATE_FORMAT
            cell.alignment = WRAP if label in POA_WRAPPED else TOP
    ws.auto_filter.ref = f"A1:{get_column_letter(len(POA_HEADER))}{ws.max_row}"


def _write_deterministic(wb: Workbook, path: Path) -> None:
    """Save without openpyxl's "modified = now" and with fixed zip timestamps (byte-identical output)."""
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATETIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))


def build(path: str | Path) -> None:
    """Build the template-layout workbook of the Plan de Acción 2016 at `path`."""
    wb = Workbook()
    wb.properties.creator = CREATOR
    wb.properties.title = TITLE
    wb.properties.created = FIXED_DATETIME
    wb.properties.modified = FIXED_DATETIME
    _sheet_plan(wb)
    _sheet_budget(wb, INGRESOS, INCOME_LINES, CONCEPTO_LABELS[TOTAL_INGRESOS], TOTAL_INCOME)
    _sheet_budget(wb, EGRESOS, EXPENSE_LINES, CONCEPTO_LABELS[TOTAL_EGRESOS], TOTAL_EXPENSE)
    _sheet_donations(wb)
    _sheet_staff(wb)
    _sheet_ranges(wb)
    _sheet_poa(wb)
    _write_deterministic(wb, Path(path))


def _self_check(path: Path) -> None:
    """Reopen the workbook, print what it holds and assert the plan's figures and the POA's dates."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        print(f"{ws.title}: {ws.max_row} filas (incluida la cabecera)")

    def dec(x: float) -> Decimal:
        return Decimal(str(x))

    assert sum(dec(a) for _, a in INCOME_LINES) == Decimal("7868489.38") == dec(TOTAL_INCOME)
    assert sum(dec(a) for _, a in EXPENSE_LINES) == Decimal("7868489.37")
    assert dec(TOTAL_EXPENSE) == Decimal("7868489.38")
    assert sum(dec(a) for _, a, _ in DONORS) == Decimal("1050008.34") == dec(TOTAL_DONATIONS)
    assert dec(OWN_FUNDS_TOTAL) + dec(TOTAL_DONATIONS) == dec(GRAND_TOTAL)
    assert 7 + 21 + 12 + 54 == TOTAL_STAFF == sum(n for _, n, _ in STAFF) == 94
    for _, n, percent in STAFF:
        assert (Decimal(100 * n) / TOTAL_STAFF).quantize(Decimal("0.01")) == Decimal(percent)

    # The file holds the literals exactly.
    assert [r[1] for r in wb["Ingresos"].iter_rows(min_row=2, values_only=True)] == [
        *(a for _, a in INCOME_LINES), TOTAL_INCOME]
    assert [r[1] for r in wb["Egresos"].iter_rows(min_row=2, values_only=True)] == [
        *(a for _, a in EXPENSE_LINES), TOTAL_EXPENSE]
    assert wb["Plan"]["B2"].value == YEAR

    poa = wb["POA"]
    header = [c.value for c in poa[1]]
    assert tuple(header) == POA_HEADER
    i_start, i_end = header.index("Inicio"), header.index("Fin")
    i_fund = header.index("Fuente de financiamiento")
    rows = list(poa.iter_rows(min_row=2, values_only=True))
    for row in rows:
        start, end = row[i_start].date(), row[i_end].date()
        assert date(2016, 1, 1) <= start <= end <= date(2016, 12, 31), row
        assert row[i_fund] in FUNDING_SOURCES, row
        assert row[-1] == ILLUSTRATIVE
    timings = {row[header.index("Tiempo")] for row in rows}
    assert set(REQUIRED_TIMINGS) <= timings, set(REQUIRED_TIMINGS) - timings
    areas = Counter(row[0] for row in rows)
    assert len(rows) >= 48 and len(areas) >= 9
    flagged = activities_past_donor_end()
    assert 2 <= len(flagged) <= 3 and all(donor in (AMB, EU) for _, _, donor, _, _ in flagged)

    print(f"\nPOA: {len(rows)} actividades en {len(areas)} áreas")
    for area, count in areas.items():
        print(f"  {count:2d}  {area}")
    print("\nActividades que terminan después del fin de fondos de su donante:")
    for area, text, donor, end, donor_end in flagged:
        print(f"  [{donor}, fin {end:%d/%m/%Y} > {donor_end:%d/%m/%Y}] {area}: {text}")


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    build(out)
    print(f"Escrito: {out}\n")
    _self_check(out)

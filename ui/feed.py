"""The calendar feed: `/calendario.ics?responsable=…` is the published plan's dates for a calendar app to subscribe
to (Google Calendar «Desde URL», Outlook «Suscribirse desde la web», Apple «Nueva suscripción de calendario»).

It is the file the Actividades page downloads for the same filters (`activities_ics`), always of the version
published now: a publication reaches every subscribed calendar at its next poll, and the content-based UIDs
(exports/calendar.py) update the same events instead of adding copies. The dashboard's own server answers it
(app.py mounts `routes()` beside Streamlit's), reading through the same caches as the pages.

A filter value the published version does not have (a unit renamed, say) is an error, not an empty calendar:
an empty answer would silently wipe the unit's deadlines from its calendar.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode, urlsplit, urlunsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from charts import activities as acts
from charts import blocks, views
from charts.prepared import Prepared
from domain.fmt import join_names
from exports.calendar import ICS_MIME
from exports.calendar import calendar as ics
from exports.tables import file_name as export_name
from store import versions
from ui import source
from ui.cache import memo
from ui.source import Shown

PATH = "/calendario.ics"
MAX_QUERY_BYTES = 4096  # a subscription names a few filters; anything longer is not one of ours
TEXT_MIME = "text/plain; charset=utf-8"
HOWTO = ("Para que estas fechas aparezcan y se actualicen solas en su calendario, suscríbase con esta dirección: "
         "en Google Calendar, «Otros calendarios» → «Desde URL»; en Outlook, «Agregar calendario» → «Suscribirse "
         "desde la web»; en el iPhone o el Mac, el botón de abajo. Sigue los filtros de arriba y siempre muestra la "
         "versión publicada: cuando se publique otra, su calendario la tomará en unas horas.")
LOG = logging.getLogger("dashboard.feed")


@dataclass(frozen=True)
class Answer:
    """What the feed answers: a status, a body and its headers (Starlette-free, so tests can read it)."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _refusal(status: int, sentence: str) -> Answer:
    return Answer(status, (sentence + "\n").encode("utf-8"), {"Content-Type": TEXT_MIME, "Cache-Control": "no-store"})


def _ics(p: Prepared, view: acts.ActivityView, number: int, published: datetime) -> tuple[bytes, str]:
    """The file and its ETag, made once per version and filters (hashing 5 MB each time would cost 10 ms)."""
    words = view.filters.words()
    body = ics(view.dated, views.donors(p.plan.tables.get("donaciones"), p.summary.presupuesto, p.activities.anio),
               title=f"Plan de Acción {p.activities.anio}" + (f" ({words})" if words else ""), version=number,
               published=published)
    return body, f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def _tagged(shown: Shown, view: acts.ActivityView) -> tuple[bytes, str]:
    return memo(_ics, shown, view, shown.number, shown.version.published_at)


def activities_ics(shown: Shown, view: acts.ActivityView) -> bytes:
    """The .ics of a filtered view: its dated activities and every donor's end (the page's download and the feed)."""
    return _tagged(shown, view)[0]


def file_name(shown: Shown) -> str:
    """`actividades-calendario-v3.ics`: what the download saves and the feed names."""
    return export_name("actividades_calendario", shown.number, "ics")


def url(base: str | None, filters: acts.Filters) -> str:
    """The feed's address for these filters, on the dashboard at `base` (the address the reader's browser uses)."""
    return source.on_host(base, PATH, urlencode(filters.params()))


def webcal(address: str) -> str:
    """The same address for a calendar app to open directly (webcal://, which Apple's and Outlook's take)."""
    parts = urlsplit(address)
    return urlunsplit(("webcal", *parts[1:])) if parts.netloc else address


def answer(pairs: Sequence[tuple[str, str]], if_none_match: str | None = None) -> Answer:
    """The feed for the query's (name, value) pairs, of the version published now."""
    known = acts.Filters.params_named()
    if unknown := sorted({name for name, _ in pairs} - set(known)):
        return _refusal(400, f"El calendario no conoce el parámetro «{unknown[0]}». Puede filtrar por "
                        f"{join_names(list(known))}: copie la dirección desde la página Actividades.")
    db = source.store()
    current = versions.published(db)
    if current is None:
        return _refusal(404, "Todavía no hay una versión publicada del plan: no hay fechas que mostrar.")
    shown = source.version(current.number)
    index = shown.prepared.activities
    if index is None:
        return _refusal(404, f"La versión {shown.number} publicada no tiene actividades: no hay fechas que mostrar.")
    params: dict[str, list[str]] = {}
    for name, value in pairs:
        params.setdefault(name, []).append(value)
    filters = acts.Filters.from_params(params)
    for name, values in filters.chosen().items():
        if missing := [v for v in values if v not in index.options.get(name, [])]:
            return _refusal(404, f"{acts.Filters.label(name)}: «{missing[0]}» no está en la versión {shown.number} "
                            "publicada. Elija de nuevo los filtros en la página Actividades y copie la nueva "
                            "dirección del calendario.")
    body, etag = _tagged(shown, memo(blocks.activity_view, shown, filters))
    headers = {"ETag": etag, "Cache-Control": "no-cache"}  # ask again each time; unchanged costs a 304
    if if_none_match and (if_none_match.strip() == "*"  # weak comparison (RFC 9110): a proxy that compresses
                          or etag in (t.strip().removeprefix("W/") for t in if_none_match.split(","))):  # adds W/
        return Answer(304, b"", headers)
    return Answer(200, body, {**headers, "Content-Type": f"{ICS_MIME}; charset=utf-8",
                              "Content-Disposition": f'inline; filename="{file_name(shown)}"'})


class _FeedThreads(logging.Filter):
    """Streamlit warns «missing ScriptRunContext» when its caches run outside a page; the feed does so by design."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.threadName or "").startswith("AnyIO worker thread")


def _endpoint(request: Request) -> Response:  # sync: Starlette runs it in its thread pool
    if len(request.scope.get("query_string", b"")) > MAX_QUERY_BYTES:
        got = _refusal(414, "La dirección del calendario es demasiado larga: copie la de la página Actividades.")
    else:
        try:
            got = answer(request.query_params.multi_items(), request.headers.get("if-none-match"))
        except Exception:  # the edge: the calendar app gets one sentence, the server log the details
            LOG.exception("calendar feed failed for %s", request.url.query[:200])
            got = _refusal(500, "El calendario no se pudo preparar por un error del tablero; "
                           "se intentará de nuevo más tarde.")
    return Response(got.body, status_code=got.status, headers=got.headers)


def routes() -> list[Route]:
    """The feed's route, for st.App (app.py)."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_FeedThreads())
    return [Route(PATH, _endpoint, methods=["GET"])]  # and HEAD, which Starlette adds to a GET route

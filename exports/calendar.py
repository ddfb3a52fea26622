"""The plan's dates as an iCalendar file (.ics, RFC 5545): each dated activity and each donor's end.

A unit imports it into its own calendar: each activity is an all-day event from its start to its end (DTEND is
the day after the end, as the standard wants), saying its area, responsible unit and funding source; each donor's
end of funds is a one-day event with its amount. UIDs depend on the content, not on the version, so importing
a later version's file updates the same events instead of doubling them. Text is data: icalendar escapes it.

The same file is the subscription feed (ui/feed.py): METHOD:PUBLISH and a refresh interval tell a calendar
app that subscribed how often to ask again; an imported copy ignores them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import pandas as pd
import pyarrow as pa
from icalendar import Calendar, Event, vDuration

from domain.fmt import money
from exports.tables import as_date

ICS_MIME = "text/calendar"
PRODUCT = "-//COAMSS-OPAMSS//Plan de Accion//ES"
DOMAIN = "plan.opamss.org.sv"
REFRESH = timedelta(hours=6)  # how often a subscribed calendar should ask again (RFC 7986; Outlook's X- twin)


def _uid(*parts: object) -> str:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{DOMAIN}"


def _records(frame: pd.DataFrame | pa.Table, names: Iterable[str]) -> list[dict[str, object]]:
    names = [n for n in names if n in (frame.column_names if isinstance(frame, pa.Table) else frame.columns)]
    if isinstance(frame, pa.Table):
        return frame.select(names).to_pylist()
    return frame[names].astype(object).where(frame[names].notna(), None).to_dict("records")


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def calendar(activities: pd.DataFrame | pa.Table | None, donors: pd.DataFrame | None, *, title: str,
             version: int, published: datetime) -> bytes:
    """The .ics of the dated activities and the donors' end dates (either may be None)."""
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    cal.add("x-wr-calname", title)
    cal.add("x-wr-caldesc", f"Versión {version} del plan, publicada el {published:%d/%m/%Y}.")
    stamp = published.astimezone(UTC) if published.tzinfo else published.replace(tzinfo=UTC)
    for row in _records(activities, ("actividad", "area", "responsable", "fuente_financiamiento", "inicio", "fin")) \
            if activities is not None else []:
        start, end = as_date(row.get("inicio")), as_date(row.get("fin"))
        if start is None or end is None or end < start:
            continue
        name, area = _text(row.get("actividad")), _text(row.get("area"))
        unit, source = _text(row.get("responsable")), _text(row.get("fuente_financiamiento"))
        event = Event()
        event.add("uid", _uid("actividad", area, name, unit))
        event.add("dtstamp", stamp)
        event.add("summary", name or "Actividad sin nombre")
        event.add("dtstart", start)
        event.add("dtend", end + timedelta(days=1))  # exclusive: the event covers its last day
        event.add("description", "\n".join([f"Área: {area or '—'}", f"Responsable: {unit or '—'}",
                                            f"Fuente de financiamiento: {source or '—'}",
                                            f"Del {start:%d/%m/%Y} al {end:%d/%m/%Y}.",
                                            f"Plan de Acción, versión {version}."]))
        if area:
            event.add("categories", [area])
        event.add("transp", "TRANSPARENT")  # a plan's span, not a busy block in someone's day
        cal.add_component(event)
    for row in _records(donors, ("fuente", "fecha_finalizacion", "importe")) if donors is not None else []:
        end = as_date(row.get("fecha_finalizacion"))
        if end is None:
            continue
        donor = _text(row.get("fuente"))
        amount = row.get("importe")
        event = Event()
        event.add("uid", _uid("donacion", donor, end))
        event.add("dtstamp", stamp)
        event.add("summary", f"Fin de los fondos de {donor}")
        event.add("dtstart", end)
        event.add("dtend", end + timedelta(days=1))
        event.add("description", f"Termina la donación de {donor}"
                  + (f" ({money(amount)})" if amount is not None else "") + f". Plan de Acción, versión {version}.")
        event.add("categories", ["Donaciones"])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()

"""Time charts: donor end dates, the activity Gantt and the month-by-area load."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    DONATION,
    PALETTE,
    categories,
    category_axis,
    empty_figure,
    figure,
    plain,
    short_label,
    wrapped_label,
)
from domain.calendar import MONTH_INITIALS, MONTHS, MONTHS_SHORT, donor_ends_in_plan, plan_end, plan_start
from domain.fmt import distinct_labels, fecha

MS_PER_DAY = 86_400_000
CLIFF = PALETTE[3]  # vermillion: a donor whose funds end during the plan


def _iso(d: date) -> str:
    return d.isoformat()


def _mark(when: date, text: str, *, dash: str = "dash", color: str = "#333333",
          y: float = 1.0) -> tuple[dict[str, Any], dict[str, Any]]:
    """A vertical date line and its label above the plot (shapes and annotations work on date axes)."""
    line = {"type": "line", "x0": _iso(when), "x1": _iso(when), "y0": 0, "y1": 1, "yref": "paper",
            "line": {"color": color, "width": 2, "dash": dash}}
    label = {"x": _iso(when), "y": y, "yref": "paper", "yanchor": "bottom", "text": text, "showarrow": False,
             "font": {"size": 12, "color": color}, "bgcolor": "rgba(255,255,255,0.85)"}
    return line, label


def _today(today: date, start: date, end: date) -> tuple[list[dict], list[dict]]:
    """Mark today inside the range; outside it, say where today is instead of stretching the axis."""
    if start <= today <= end:
        line, label = _mark(today, f"Hoy {fecha(today)}", dash="dot", color="#000000", y=1.06)
        return [line], [label]
    after = today > end
    return [], [{"x": 1 if after else 0, "xanchor": "right" if after else "left", "xref": "paper", "y": 1.06,
                 "yref": "paper", "yanchor": "bottom", "showarrow": False, "font": {"size": 12},
                 "text": f"Hoy: {fecha(today)} →" if after else f"← Hoy: {fecha(today)}"}]


def _month_ticks(lo: date, hi: date) -> dict[str, Any]:
    """Quarters, horizontal, in Spanish (Ene, Abr, Jul, Oct): four labels still fit a 390 px phone."""
    one_year = lo.year == hi.year
    months = pd.date_range(date(lo.year, 1, 1), hi, freq="3MS" if one_year else "6MS")
    return {"tickvals": [m.strftime("%Y-%m-%d") for m in months], "tickangle": 0,
            "ticktext": [MONTHS_SHORT[m.month - 1] + ("" if one_year else f" {m.year % 100:02d}") for m in months]}


def donor_timeline(donors: pd.DataFrame, *, anio: int | None, today: date) -> go.Figure:
    """Each donor's funds from the plan's start to their end date, with the plan year and today marked.

    `donors` is the charts.views.donors table. Donors whose funds end during the plan (the one rule,
    domain.calendar.donor_ends_in_plan) are drawn in vermillion and say so in words. The axis is the plan
    year: a donor whose funds go on after it is drawn to its end and says when, with an arrow.
    """
    title = "Fin de los fondos por donante"
    frame = donors[[isinstance(d, date) for d in donors["fecha_finalizacion"]]] if len(donors) else donors
    if frame.empty:
        return empty_figure("El libro no trae fechas de finalización de donaciones.", title=title)
    ends = list(frame["fecha_finalizacion"])
    year = anio or min(ends).year
    start, last = plan_start(year), plan_end(year)
    early = [donor_ends_in_plan(e, year) for e in ends]
    rows = categories(frame["fuente"])
    drawn = [min(max(e, start), last) for e in ends]
    bar = {
        "type": "bar", "y": rows, "base": [_iso(start)] * len(frame),
        "orientation": "h", "x": [((d - start).days + 1) * MS_PER_DAY for d in drawn], "width": 0.5,
        "marker": {"color": [CLIFF if x else DONATION for x in early]},
        "text": [f"hasta {fecha(e)}" + (" · antes del cierre" if x else " →" if e > last else "")
                 for e, x in zip(ends, early, strict=True)],
        "textposition": "inside", "insidetextanchor": "end", "textangle": 0,
        "customdata": [[plain(d), fecha(e)] for d, e in zip(frame["fuente"], ends, strict=True)],
        "hovertemplate": "%{customdata[0]}: fondos hasta el %{customdata[1]}<extra></extra>",
    }
    lo, hi = start - timedelta(days=10), last + timedelta(days=20)
    year_band = {"type": "rect", "x0": _iso(start), "x1": _iso(last + timedelta(days=1)), "y0": 0, "y1": 1,
                 "yref": "paper", "fillcolor": "rgba(86,180,233,0.12)", "line": {"width": 0}, "layer": "below"}
    lines, labels = _today(today, lo, hi)
    return figure([bar], {
        "shapes": [year_band, *lines], "annotations": labels, "showlegend": False,
        "xaxis": {"type": "date", "range": [_iso(lo), _iso(hi)], **_month_ticks(start, last),
                  "title": {"text": f"Año del plan {year}"}},
        "yaxis": {"autorange": "reversed", "title": {"text": None}, **category_axis(rows, 14, wrapped_label)},
    }, title=title, height=160 + 56 * len(frame))


def gantt(rows: pd.DataFrame, *, anio: int, today: date, marks: list[tuple[date, str]] = ()) -> go.Figure:
    """Area rows (the span of their activities) with, under each open area, its activities.

    `rows` has label, inicio, fin, kind ('area' | 'actividad') and detail (the full text for the hover).
    The caller decides how many rows to send: the browser never gets thousands of bars. The axis is the plan
    year and the bars are clipped to it; the hover says the real dates.
    """
    title = "Calendario por área"
    if rows.empty:
        return empty_figure("Ninguna actividad con fechas coincide con los filtros.", title=title)
    kinds = list(rows["kind"])
    lo, hi = plan_start(anio), plan_end(anio)
    real = list(zip(rows["inicio"], rows["fin"], strict=True))
    starts = [min(max(s, lo), hi) for s, _ in real]
    ends = [max(min(e, hi), s) for (_, e), s in zip(real, starts, strict=True)]
    traces = []
    for kind, name, color, width in (("area", "Área (de la primera a la última actividad)", PALETTE[0], 0.7),
                                     ("actividad", "Actividad", PALETTE[4], 0.5)):
        pick = [i for i, k in enumerate(kinds) if k == kind]
        if pick:
            traces.append({
                "type": "bar", "name": name, "orientation": "h", "y": pick, "width": width,
                "base": [_iso(starts[i]) for i in pick], "marker": {"color": color},
                "x": [((ends[i] - starts[i]).days + 1) * MS_PER_DAY for i in pick],
                "customdata": [[plain(rows["detail"].iat[i]), fecha(real[i][0]), fecha(real[i][1])] for i in pick],
                "hovertemplate": "%{customdata[0]}<br>%{customdata[1]} – %{customdata[2]}<extra></extra>",
            })
    shapes, notes = [], []
    for when, text in marks:
        if lo <= when <= hi:
            line, label = _mark(when, plain(text), color=CLIFF)
            shapes.append(line)
            notes.append(label)
    lines, labels = _today(today, lo, hi)
    texts = distinct_labels(list(rows["label"]), 24, short_label)
    ticks = [f"<b>{t}</b>" if kind == "area" else t for t, kind in zip(texts, kinds, strict=True)]
    return figure(traces, {
        "shapes": shapes + lines, "annotations": notes + labels,
        # Bold rows are areas; the legend would only repeat that and crowd the title on a phone.
        "showlegend": False, "barmode": "overlay", "bargap": 0.2,
        "yaxis": {"tickmode": "array", "tickvals": list(range(len(rows))), "ticktext": ticks,
                  "autorange": "reversed", "title": {"text": None}, "tickfont": {"size": 12}},
        "xaxis": {"type": "date", "range": [_iso(lo - timedelta(days=5)), _iso(hi + timedelta(days=6))],
                  **_month_ticks(lo, hi),
                  "title": {"text": str(lo.year) if lo.year == hi.year else f"{lo.year}–{hi.year}"}},
    }, title=title, height=150 + 24 * len(rows))


def month_heatmap(load: pd.DataFrame, *, anio: int) -> go.Figure:
    """Activities under way per month (columns) and area (rows): where the year's work piles up."""
    title = f"Carga mensual por área, {anio}"
    if load.empty or int(load.to_numpy().sum()) == 0:
        return empty_figure("Ninguna actividad con fechas en el año del plan.", title=title)
    heat = {
        # Initials for the columns (E F M A M J J A S O N D): twelve of them fit a phone without rotating;
        # the hover says the month in full.
        "type": "heatmap", "z": load.to_numpy().tolist(), "x": list(range(1, 13)),
        "y": categories(load.index),
        "customdata": [[[plain(a), MONTHS[m]] for m in range(12)] for a in load.index],
        "colorscale": [[0, "#F7FBFF"], [0.5, "#6BAED6"], [1, "#08306B"]],  # light = few, dark = many
        "texttemplate": "%{z}", "xgap": 1, "ygap": 1,
        "hovertemplate": "%{customdata[0]} · %{customdata[1]}: %{z} actividades en curso<extra></extra>",
        "showscale": False,  # every cell prints its number; a colour bar would only take width from a phone
    }
    return figure([heat], {"yaxis": {"autorange": "reversed", **category_axis(heat["y"], 20, short_label)},
                           "xaxis": {"side": "top", "tickangle": 0, "tickmode": "array", "tickvals": list(range(1, 13)),
                                     "ticktext": list(MONTH_INITIALS), "showgrid": False}},
                  title=title, height=140 + 26 * len(load))

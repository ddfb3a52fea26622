"""Time charts: donor end dates, the activity Gantt and the month-by-area load."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    CHAR_PX,
    DONATION,
    LINE_PX,
    PALETTE,
    PHONE_CHARS,
    TEXT_PX,
    categories,
    category_axis,
    empty_figure,
    figure,
    name_label,
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
          shift: int = 0) -> tuple[dict[str, Any], dict[str, Any]]:
    """A vertical date line and its label above the plot (shapes and annotations work on date axes); `shift`
    raises the label by pixels, so that the gap is the same on a short chart and on a long calendar."""
    line = {"type": "line", "x0": _iso(when), "x1": _iso(when), "y0": 0, "y1": 1, "yref": "paper",
            "line": {"color": color, "width": 2, "dash": dash}}
    label = {"x": _iso(when), "y": 1, "yshift": shift, "yref": "paper", "yanchor": "bottom", "text": text,
             "showarrow": False, "font": {"size": TEXT_PX, "color": color}, "bgcolor": "rgba(255,255,255,0.85)"}
    return line, label


def _today(today: date, start: date, end: date) -> tuple[list[dict], list[dict]]:
    """Mark today inside the range; outside it, say where today is instead of stretching the axis."""
    if start <= today <= end:
        line, label = _mark(today, f"Hoy {fecha(today)}", dash="dot", color="#000000", shift=20)
        return [line], [label]
    after = today > end
    return [], [{"x": 1 if after else 0, "xanchor": "right" if after else "left", "xref": "paper", "y": 1,
                 "yshift": 20, "yref": "paper", "yanchor": "bottom", "showarrow": False, "font": {"size": TEXT_PX},
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


# The calendar colours its activities by funding source: the most used sources get a colour each, in words in
# the legend; the rest share one. Areas are dark grey; an activity past its donor's end date is outlined in
# vermillion and its name starts with a warning sign.
SOURCE_COLOURS = (PALETTE[4], PALETTE[2], PALETTE[1], PALETTE[5], PALETTE[6], PALETTE[0])
OTHER_SOURCES = "Otras fuentes"
NO_SOURCE = "Sin fuente"
AREA_COLOUR = "#555555"
LATE_MARK = "⚠ "
CALENDAR_WIDTH = PHONE_CHARS  # characters per line of a calendar name (a 390 px phone's width): whole, wrapped


def gantt(rows: pd.DataFrame, *, anio: int, today: date, marks: list[tuple[date, str]] = (),
          beside: int | None = None) -> go.Figure:
    """Area rows (the span of their activities) with, under each open area, its activities.

    `rows` has label, inicio, fin, kind ('area' | 'actividad'), detail (the full text for the hover), fuente and
    tarde (charts.activities.gantt_rows). The caller decides how many rows to send: the browser never gets
    thousands of bars. The axis is the plan year, its quarters marked; bars are clipped to it and the hover says
    the real dates. Names are whole, wrapped; each activity is coloured by its funding source.

    Names go on lines of their own above their bars, so that a phone keeps the bars' whole width; `beside=N`
    (a projector's slide, whose width is known) puts them on the left instead, wrapped at N characters, for
    a calendar about half as tall.
    """
    title = "Calendario por área"
    if rows.empty:
        return empty_figure("Ninguna actividad con fechas coincide con los filtros.", title=title)
    kinds = list(rows["kind"])
    lo, hi = plan_start(anio), plan_end(anio)
    real = list(zip(rows["inicio"], rows["fin"], strict=True))
    starts = [min(max(s, lo), hi) for s, _ in real]
    ends = [max(min(e, hi), s) for (_, e), s in zip(real, starts, strict=True)]
    late = [bool(t) for t in rows["tarde"]] if "tarde" in rows else [False] * len(rows)
    groups = _source_groups(rows)

    # Each row: its whole name, wrapped, on lines of its own above its bar, so that the bars keep the chart's
    # whole width on a phone as on a projector. Rows take as many lines as their names need (y in text lines).
    names = [(LATE_MARK if t else "") + str(label) for label, t in zip(rows["label"], late, strict=True)]
    texts = distinct_labels(names, beside or CALENDAR_WIDTH, name_label)
    heights = [t.count("<br>") + 1 for t in texts]
    # Each row's lines: its name's then its bar's, or (beside) the taller of the two and a gap.
    bar_lines = _BAR_BESIDE_LINES if beside else _BAR_LINES
    spans = [max(h, bar_lines) + _GAP_LINES if beside else h + bar_lines for h in heights]
    tops = [_MARK_LINES]  # the first lines hold the date marks: the donors' end dates, then today
    for span in spans:
        tops.append(tops[-1] + span)
    centers = [top + (span - _GAP_LINES) / 2 if beside else top + h + bar_lines / 2 - 0.1
               for top, span, h in zip(tops, spans, heights, strict=False)]

    def bars(pick: list[int], name: str, color: str) -> dict[str, Any]:
        return {
            "type": "bar", "name": plain(name), "orientation": "h", "y": [centers[i] for i in pick],
            "width": bar_lines * 0.62, "base": [_iso(starts[i]) for i in pick], "marker": {
                "color": color, "line": {"color": [CLIFF if late[i] else color for i in pick],
                                         "width": [3 if late[i] else 0 for i in pick]}},
            "x": [((ends[i] - starts[i]).days + 1) * MS_PER_DAY for i in pick],
            "customdata": [[plain(rows["detail"].iat[i]), fecha(real[i][0]), fecha(real[i][1]),
                            plain(rows["fuente"].iat[i] or NO_SOURCE) if kinds[i] == "actividad" else "área"]
                           for i in pick],
            "hovertemplate": "%{customdata[0]}<br>%{customdata[1]} – %{customdata[2]} · %{customdata[3]}"
                             "<extra></extra>",
            "showlegend": kinds[pick[0]] == "actividad",
        }
    traces = [bars(pick, "Área", AREA_COLOUR)] if (pick := [i for i, k in enumerate(kinds) if k == "area"]) else []
    for (name, color), chosen in groups.items():
        traces.append(bars(chosen, name, color))
    shapes, quarters = _quarters(lo, hi)
    notes = []
    for when, text in marks:
        if lo <= when <= hi:
            line, label = _mark(when, plain(text), color=CLIFF)
            shapes.append(line)
            notes.append(label)
    lines, labels = _today(today, lo, hi)
    for line_no, group in enumerate((notes, labels)):  # the date marks in the plot's top band, a line each
        for label in group:
            label.update({"yref": "y", "y": 0.1 + 1.2 * line_no, "yanchor": "top", "yshift": 0})
    notes = quarters + notes
    place = ({"xanchor": "right", "xshift": -_NAME_GAP_PX, "yanchor": "middle"} if beside
             else {"xanchor": "left", "yanchor": "bottom"})
    names_at = [{"x": 0, "xref": "paper", "y": center if beside else top + h, "align": "left", **place,
                 "text": f"<b>{t}</b>" if kind == "area" else t, "showarrow": False,
                 "font": {"size": TEXT_PX, "color": "#222222"}}
                for top, center, h, t, kind in zip(tops, centers, heights, texts, kinds, strict=False)]
    total = tops[-1]
    bottom = _BOTTOM_BESIDE_PX if beside else _BOTTOM_PX
    left = round(beside * CHAR_PX) + 2 * _NAME_GAP_PX if beside else TEXT_PX + 2
    return figure(traces, {
        "shapes": shapes + lines, "annotations": names_at + notes + labels,
        "showlegend": any(t["showlegend"] for t in traces), "barmode": "overlay",
        # The legend of sources under the chart: on a phone it wraps to several lines without covering anything.
        "legend": {"title": {"text": "Fuente: "}, "yanchor": "bottom", "y": 0, "yref": "container"},
        # Room on the left for half of «Ene», the first month's tick, which plotly drops once it passes the chart.
        "margin": {"t": _TOP_PX, "b": bottom, "l": left},
        "yaxis": {"range": [total, 0], "autorange": False, "showticklabels": False, "showgrid": False,
                  "zeroline": False, "title": {"text": None}, "fixedrange": True},
        "xaxis": {"type": "date", "range": [_iso(lo - timedelta(days=5)), _iso(hi + timedelta(days=6))],
                  **_month_ticks(lo, hi),
                  "title": {"text": str(lo.year) if lo.year == hi.year else f"{lo.year}–{hi.year}"}},
    }, title=title, height=_TOP_PX + bottom + round(total * _LINE_PX))


_LINE_PX = LINE_PX  # one line of a calendar name (TEXT_PX type)
_BAR_LINES = 1.4  # a bar's row, in lines
_BAR_BESIDE_LINES, _GAP_LINES = 0.9, 0.25  # with the names beside the bars: a bar's row, and between two rows
_MARK_LINES = 2.6  # the band at the top for the date marks
_NAME_GAP_PX = 8  # between a name beside its bar and the plot
# The title above; below, the months, then the quarters, the year and the legend of sources (wrapped on a phone;
# on one or two lines across a projector).
_TOP_PX, _BOTTOM_PX, _BOTTOM_BESIDE_PX = 3 * LINE_PX + 12, 9 * LINE_PX + 12, 4 * LINE_PX + 12


def _source_groups(rows: pd.DataFrame) -> dict[tuple[str, str], list[int]]:
    """(source in words, colour) -> the activity rows it funds: the most used sources one colour each."""
    sources = [(s or NO_SOURCE) if k == "actividad" else None for s, k in zip(rows["fuente"], rows["kind"],
                                                                             strict=True)]
    counts: dict[str, int] = {}
    for source in sources:
        if source is not None:
            counts[source] = counts.get(source, 0) + 1
    ranked = sorted(counts, key=lambda s: (-counts[s], s))
    coloured = {s: SOURCE_COLOURS[i] for i, s in enumerate(ranked[: len(SOURCE_COLOURS) - 1])}
    groups: dict[tuple[str, str], list[int]] = {}
    for i, source in enumerate(sources):
        if source is None:
            continue
        key = (source, coloured[source]) if source in coloured else (OTHER_SOURCES, SOURCE_COLOURS[-1])
        groups.setdefault(key, []).append(i)
    return groups


def _quarters(lo: date, hi: date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The plan year's quarters: a light band on the second and fourth, and 'T1'…'T4' along the top."""
    shapes, notes = [], []
    for q in range(4):
        first = date(lo.year, 3 * q + 1, 1)
        last = date(lo.year + (q == 3), 1 if q == 3 else 3 * q + 4, 1)
        if first > hi:
            break
        if q % 2:
            shapes.append({"type": "rect", "x0": _iso(first), "x1": _iso(last), "y0": 0, "y1": 1, "yref": "paper",
                           "fillcolor": "rgba(0,0,0,0.04)", "line": {"width": 0}, "layer": "below"})
        middle = first + (last - first) / 2
        notes.append({"x": _iso(middle), "y": 0, "yref": "paper", "yanchor": "top", "yshift": -LINE_PX - 4,
                      "text": f"T{q + 1}", "showarrow": False, "font": {"size": TEXT_PX, "color": "#555555"}})
    return shapes, notes


def month_heatmap(load: pd.DataFrame, *, anio: int, beside: int | None = None) -> go.Figure:
    """Activities under way per month (columns) and area (rows): where the year's work piles up. `beside=N`
    (a slide, whose width is known): names left of the rows, wrapped at N characters, for a chart half as tall."""
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
        "texttemplate": "%{z}", "textfont": {"size": TEXT_PX}, "xgap": 1, "ygap": 2 if beside else _HEAT_GAP_PX,
        "hovertemplate": "%{customdata[0]} · %{customdata[1]}: %{z} actividades en curso<extra></extra>",
        "showscale": False,  # every cell prints its number; a colour bar would only take width from a phone
    }
    # Each area's name on a line of its own, in the gap above its cells (centred on the row's top edge, so that it
    # stays there when fullscreen stretches the rows; a quarter row more above the first): the twelve columns keep
    # the chart's whole width (a name beside them leaves a phone's cells too narrow for their numbers).
    margin = {"t": _HEAT_TOP_PX, "b": 10}
    if beside:  # a slide: each name centred on its row, right-aligned against the cells
        place, name_y, row_px, top = {"xanchor": "right", "xshift": -_NAME_GAP_PX}, 0, _HEAT_BESIDE_ROW_PX, 0.5
        margin["l"] = round(beside * CHAR_PX) + 2 * _NAME_GAP_PX
    else:
        place, name_y, row_px, top = {"xanchor": "left"}, -0.5, _HEAT_ROW_PX, 0.75
    names = [{"x": 0, "xref": "paper", "y": i + name_y, "yref": "y", "yanchor": "middle", "text": text,
              "showarrow": False, "font": {"size": TEXT_PX, "color": "#222222"}, **place}
             for i, text in enumerate(distinct_labels([str(a) for a in load.index], beside or PHONE_CHARS,
                                                      short_label))]
    return figure([heat], {"annotations": names, "margin": margin,
                           "yaxis": {"type": "category", "autorange": False, "range": [len(load) - 0.5, -top],
                                     "showticklabels": False, "ticks": "", "showgrid": False, "fixedrange": True},
                           "xaxis": {"side": "top", "tickangle": 0, "tickmode": "array", "tickvals": list(range(1, 13)),
                                     "ticktext": list(MONTH_INITIALS), "showgrid": False}},
                  title=title, height=_HEAT_TOP_PX + 10 + round(row_px * (len(load) + top - 0.5)))


_HEAT_ROW_PX = 2 * LINE_PX + 6  # an area: its name's line, then its cells
_HEAT_GAP_PX = LINE_PX + 4  # between one area's cells and the next's, where the next's name goes
_HEAT_TOP_PX = 4 * LINE_PX  # the title, then the months' initials
_HEAT_BESIDE_ROW_PX = LINE_PX + 14  # an area with its name beside its cells (a slide)

"""Budget, funding and staffing charts over the canonical tables."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from charts.theme import (
    DONATION,
    EXPENSE,
    INCOME,
    LINE_PX,
    MONEY_HOVER,
    OWN,
    PALETTE,
    PHONE_CHARS,
    TEXT_PX,
    categories,
    empty_figure,
    figure,
    money_axis,
    name_label,
    named_rows,
    plain,
)
from charts.views import budget_label, own_funds_label, shares, staff
from domain.checks import OwnFunds
from domain.fmt import distinct_labels, fecha, money
from domain.money import cents, share


def classification_bars(frame: pd.DataFrame | None, *, side: str, percent: bool = False,
                        xmax: float | None = None, chars: int | None = None) -> go.Figure:
    """One side of the budget (Ingresos or Egresos) by classification, as amounts or shares of its total.

    Both sides are drawn with the same `xmax` so that, side by side, equal lengths mean equal dollars. Names wrap
    at `chars` (a phone's width, unless the caller knows the screen: a slide).
    """
    title = f"{side} por clasificación"
    if frame is None or frame.empty:
        return empty_figure(f"El libro no trae {side.lower()}.", title=title)
    color = INCOME if side == "Ingresos" else EXPENSE
    parts = [float(v) for v in shares(frame, "monto")]
    values = parts if percent else [float(v) for v in frame["monto"]]
    rows = categories(frame["clasificacion"])
    yaxis, names, (shape,), rows_px = named_rows(distinct_labels(list(frame["clasificacion"]), chars or PHONE_CHARS,
                                                                   name_label))
    top = (xmax or max(values)) * 1.12
    bar = {
        "type": "bar", "name": side, "x": values, "y": rows, **shape,
        "orientation": "h", "marker": {"color": color}, "cliponaxis": False, "textposition": "auto", "textangle": 0,
        "text": [f"{v:.1f} %" if percent else money(v) for v in values],  # exact, to the cent
        "customdata": [[plain(c), float(m), s] for c, m, s in zip(frame["clasificacion"], frame["monto"], parts,
                                                                  strict=True)],
        "hovertemplate": "%{customdata[0]}<br>$%{customdata[1]:,.2f} (%{customdata[2]:.1f} %)<extra></extra>",
    }
    return figure([bar], {
        "showlegend": False, "annotations": names, "yaxis": yaxis, "margin": {"t": _TOP_PX, "b": _BOTTOM_PX},
        "xaxis": {**({"tickformat": ".0f", "ticksuffix": " %", "title": {"text": "% del total"}} if percent
                     else money_axis(top, ticks=4)), "range": [0, top]},
    }, title=title, height=_TOP_PX + _BOTTOM_PX + rows_px)


# Named rows (theme.named_rows) take their height from their names and bars; these margins hold the title above
# (and a legend), the money axis and its title below.
_TOP_PX, _LEGEND_PX, _BOTTOM_PX = 80, 40, 90


def budget_flow(ingresos: pd.DataFrame | None, egresos: pd.DataFrame | None, *, anio: int | None = None,
                chars: int | None = None) -> go.Figure:
    """A Sankey from income classifications, through the year's budget, to expense classifications (names
    wrapped at `chars`, by default FLOW_CHARS: a phone's).

    The plan does not say which income pays for which expense, so every flow passes through one
    budget node instead of inventing income-to-expense links.
    """
    title = "Del ingreso al gasto"
    if ingresos is None or ingresos.empty or egresos is None or egresos.empty:
        return empty_figure("Hacen falta ingresos y egresos para dibujar el flujo.", title=title)
    n_in, n_out = len(ingresos), len(egresos)
    center = budget_label(anio)
    # Each side node says its whole name and its amount, beside it. A phone leaves the labels between two columns
    # of nodes half its width, so names wrap at FLOW_CHARS; the middle node's label would share that half with the
    # right-hand labels, so the year's budget and its total are said under the title instead.
    total = float(ingresos["monto"].sum())

    def named(frame: pd.DataFrame) -> list[str]:
        names = distinct_labels(list(frame["clasificacion"]), chars or FLOW_CHARS, name_label)
        return [f"{name}<br>{money(amount)}" for name, amount in zip(names, frame["monto"], strict=True)]
    labels = [*named(ingresos), "", *named(egresos)]
    # Two neighbouring thin nodes are `pad` apart: room for the tallest label (its wrapped name and amount).
    pad = LINE_PX * max(label.count("<br>") + 1 for label in labels)
    sankey = {
        "type": "sankey", "valueformat": "$,.2f", "textfont": {"size": TEXT_PX},
        "node": {"label": labels, "color": [INCOME] * n_in + ["#555555"] + [EXPENSE] * n_out, "pad": pad,
                 "thickness": 16,
                 "customdata": [plain(c) for c in (*ingresos["clasificacion"], center, *egresos["clasificacion"])],
                 "hovertemplate": "%{customdata}<br>%{value}<extra></extra>"},
        "link": {"source": [*range(n_in), *([n_in] * n_out)],
                 "target": [*([n_in] * n_in), *range(n_in + 1, n_in + 1 + n_out)],
                 "value": [float(v) for v in (*ingresos["monto"], *egresos["monto"])],
                 "color": ["rgba(0,114,178,0.25)"] * n_in + ["rgba(230,159,0,0.3)"] * n_out,
                 "hovertemplate": "%{source.customdata} → %{target.customdata}<br>%{value}<extra></extra>"},
    }
    subtitle = {"text": f"<b>{plain(center)}</b>: {money(total)}", "font": {"size": TEXT_PX}}
    rows = max(n_in, n_out)
    return figure([sankey], {"title": {"subtitle": subtitle}, "margin": {"t": _FLOW_TOP_PX, "b": LINE_PX}},
                  title=title, height=_FLOW_TOP_PX + LINE_PX + rows * (pad + LINE_PX), cartesian=False)


FLOW_CHARS = (PHONE_CHARS - 6) // 2  # a flow's label, between two columns of nodes on a phone
_FLOW_TOP_PX = 120  # the title and, under it, the year's budget


def funding_split(donaciones: pd.DataFrame | None, own: OwnFunds | None) -> go.Figure:
    """Own funds and each donor, one bar each, labelled with amount and share of the total.

    One bar per source rather than one stacked bar: the donors' slivers (1.1 %, 1.0 %) stay readable and
    labelled on a phone, and no legend is needed.
    """
    title = "Fondos propios y donaciones"
    parts: list[tuple[str, float, str]] = []
    if own is not None:
        parts.append((own_funds_label(own), float(own.amount), OWN))
    if donaciones is not None:
        for i, (donor, amount) in enumerate(zip(donaciones["donante"], donaciones["importe"], strict=True)):
            parts.append((donor, float(amount), (DONATION, *PALETTE[3:])[i % 6]))
    if not parts:
        return empty_figure("El libro no trae fondos propios ni donaciones.", title=title)
    total = sum(amount for _, amount, _ in parts)
    shares = [amount / total * 100 for _, amount, _ in parts]
    rows = categories([n for n, _, _ in parts])
    yaxis, names, (shape,), rows_px = named_rows(distinct_labels([n for n, _, _ in parts], PHONE_CHARS, name_label))
    bar = {"type": "bar", "orientation": "h", "x": [a for _, a, _ in parts], "y": rows, **shape,
           "marker": {"color": [c for _, _, c in parts]}, "textposition": "auto", "cliponaxis": False,
           "textangle": 0, "text": [f"{s:.1f} %" for s in shares],
           "customdata": [[plain(n), s] for (n, _, _), s in zip(parts, shares, strict=True)],
           "hovertemplate": "%{customdata[0]}<br>" + MONEY_HOVER + " (%{customdata[1]:.1f} %)<extra></extra>"}
    return figure([bar], {"showlegend": False, "annotations": names, "yaxis": yaxis,
                          "margin": {"t": _TOP_PX, "b": _BOTTOM_PX},
                          "xaxis": {**money_axis(total), "range": [0, total]}},
                  title=title, height=_TOP_PX + _BOTTOM_PX + rows_px)


def staff_vs_ranges(personal: pd.DataFrame | None, rangos: dict[str, tuple[float, float]]) -> go.Figure:
    """Each tier's share of staff as a bar over its target band, with the verdict written above the bar.

    The verdict is text ("dentro del rango (20–25 %)"), never colour alone, and it sits above the bar, left
    aligned, so that it is not clipped on a 390 px phone.
    """
    title = "Personal por nivel y rango meta"
    if personal is None or personal.empty or int(personal["plazas"].sum()) == 0:
        return empty_figure("El libro no trae plazas de personal.", title=title)
    table = staff(personal, rangos)
    tiers = list(table["nivel"])
    bands = [{"type": "rect", "x0": rangos[t][0], "x1": rangos[t][1], "y0": i - 0.22, "y1": i + 0.22,
              "fillcolor": "rgba(0,158,115,0.22)", "line": {"color": "rgba(0,158,115,0.9)", "width": 1},
              "layer": "below"} for i, t in enumerate(tiers) if t in rangos]
    labels = [f"{p:.2f} % · {e}" + (f" ({r})" if r != "—" else "")
              for p, e, r in zip(table["porcentaje"], table["estado"], table["rango"], strict=True)]
    bar = {"type": "bar", "x": [float(p) for p in table["porcentaje"]], "y": list(range(len(tiers))),
           "orientation": "h", "marker": {"color": PALETTE[0]}, "text": labels, "textposition": "none",
           "customdata": [int(p) for p in table["plazas"]], "width": 0.28, "name": "Participación",
           "hovertext": [plain(t) for t in tiers],
           "hovertemplate": "%{hovertext}: %{customdata} plazas (%{x:.2f} %)<extra></extra>"}
    notes = [{"x": 0, "y": i - 0.2, "xref": "x", "yref": "y", "xanchor": "left", "yanchor": "bottom",
              "showarrow": False, "align": "left", "font": {"size": TEXT_PX},
              "text": f"<b>{plain(tier)}</b>: {plazas} plazas<br>{plain(label)}"}
             for i, (tier, plazas, label) in enumerate(zip(tiers, table["plazas"], labels, strict=True))]
    return figure([bar], {
        "shapes": bands, "annotations": notes, "showlegend": False,
        "xaxis": {"range": [0, 100], "ticksuffix": " %",
                  "title": {"text": "% del personal<br>(la banda verde es el rango)"}},
        "yaxis": {"visible": False, "range": [len(tiers) - 0.6, -1.1]},  # reversed: first tier on top
    }, title=title, height=140 + 100 * len(tiers))


# ---------------------------------------------------------------- a follow-up: budget against execution

def execution_table(frame: pd.DataFrame | None) -> pd.DataFrame:
    """Per classification: budget, executed, rate and what is left, exact to the cent (EJECUCION_* views).

    Lines without an executed amount are left out: a rate over them would mix a plan with a follow-up.
    """
    columns = ["clasificacion", "monto", "ejecutado", "porcentaje", "pendiente"]
    if frame is None or "ejecutado" not in frame.columns:
        return pd.DataFrame(columns=columns)
    rows = []
    for name, amount, done in zip(frame["clasificacion"], frame["monto"], frame["ejecutado"], strict=True):
        if pd.isna(done):
            continue
        budget, executed = cents(amount), cents(done)
        rows.append({"clasificacion": name, "monto": float(budget), "ejecutado": float(executed),
                     "porcentaje": share(executed, budget), "pendiente": float(budget - executed)})
    return pd.DataFrame(rows, columns=columns)


def execution_bars(table: pd.DataFrame, *, side: str, corte: date | None) -> go.Figure:
    """Budget and executed per classification, side by side, each labelled with its execution rate.

    Two bars per line (budget pale, executed solid) rather than one stacked bar: an over-execution (above
    100 %) stays visible, and the rate is written, never told by colour alone.
    """
    income = side == "Ingresos"
    when = f" al corte del {fecha(corte)}" if corte else ""
    title = f"{side}: {'previstos y recaudados' if income else 'presupuesto y ejecutado'}{when}"
    if table.empty:
        return empty_figure(f"El libro no trae la ejecución de los {side.lower()}.", title=title)
    color = INCOME if income else EXPENSE
    rows = categories(table["clasificacion"])
    yaxis, notes, (first, second), rows_px = named_rows(
        distinct_labels(list(table["clasificacion"]), PHONE_CHARS, name_label), bars=2)
    rates = [f"{r:.1f} %" if r is not None and r == r else "—" for r in table["porcentaje"]]
    names = [plain(c) for c in table["clasificacion"]]
    planned = {"type": "bar", "orientation": "h", "name": "Previsto" if income else "Presupuesto",
               "x": [float(v) for v in table["monto"]], "y": rows, **first, "marker": {"color": "rgba(85,85,85,0.25)"},
               "customdata": names, "hovertemplate": "%{customdata}<br>" + MONEY_HOVER + "<extra></extra>"}
    done = {"type": "bar", "orientation": "h", "name": "Recaudado" if income else "Ejecutado",
            "x": [float(v) for v in table["ejecutado"]], "y": rows, **second, "marker": {"color": color},
            "text": rates, "textposition": "outside", "cliponaxis": False, "textangle": 0,
            "customdata": [[n, r] for n, r in zip(names, rates, strict=True)],
            "hovertemplate": "%{customdata[0]}<br>" + MONEY_HOVER + " (%{customdata[1]})<extra></extra>"}
    top = max(float(table["monto"].max()), float(table["ejecutado"].max()))
    return figure([planned, done], {
        "barmode": "overlay", "showlegend": True, "annotations": notes, "yaxis": yaxis,
        "margin": {"t": _TOP_PX + _LEGEND_PX, "b": _BOTTOM_PX},
        "xaxis": {**money_axis((top or 1) * 1.18), "range": [0, (top or 1) * 1.18]},
    }, title=title, height=_TOP_PX + _LEGEND_PX + _BOTTOM_PX + rows_px)

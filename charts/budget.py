"""Budget, funding and staffing charts over the canonical tables."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from charts.theme import DONATION, EXPENSE, INCOME, MONEY_HOVER, OWN, PALETTE, empty_figure, style


def _total(values: pd.Series) -> Decimal:
    return sum((Decimal(str(v)) for v in values), Decimal("0"))


def income_vs_expense(ingresos: pd.DataFrame | None, egresos: pd.DataFrame | None, *,
                      percent: bool = False) -> go.Figure:
    """Income and expense classifications side by side, as amounts or as shares of their side's total."""
    title = "Ingresos y egresos por clasificación"
    frames = [(f, name, color) for f, name, color in ((ingresos, "Ingresos", INCOME), (egresos, "Egresos", EXPENSE))
              if f is not None and not f.empty]
    if not frames:
        return empty_figure("El libro no trae ingresos ni egresos.", title=title)
    fig = go.Figure()
    for frame, name, color in frames:
        total = float(_total(frame["monto"]))
        values = frame["monto"] / total * 100 if percent else frame["monto"]
        shares = frame["monto"] / total * 100
        fig.add_bar(
            name=name, x=values, y=frame["clasificacion"], orientation="h", marker_color=color,
            customdata=list(zip(frame["monto"], shares, strict=True)),
            hovertemplate="%{y}<br>$%{customdata[0]:,.2f} (%{customdata[1]:.1f} %)<extra>" + name + "</extra>",
        )
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title="% del total" if percent else "Dólares (US$)",
                     tickformat=".0f" if percent else "$,.0f", ticksuffix=" %" if percent else "")
    return style(fig, title=title, height=520)


def funding_split(donaciones: pd.DataFrame | None, fondos_propios: float | None) -> go.Figure:
    """Own funds against each donor: one horizontal stacked bar, amounts and shares in the hover."""
    title = "Fondos propios OPAMSS frente a donaciones"
    parts: list[tuple[str, float, str]] = []
    if fondos_propios is not None:
        parts.append(("Fondos propios OPAMSS", fondos_propios, OWN))
    if donaciones is not None:
        for i, (donor, amount) in enumerate(zip(donaciones["donante"], donaciones["importe"], strict=True)):
            parts.append((donor, float(amount), (DONATION, *PALETTE[3:])[i % 6]))
    if not parts:
        return empty_figure("El libro no trae fondos propios ni donaciones.", title=title)
    total = sum(amount for _, amount, _ in parts)
    fig = go.Figure()
    for name, amount, color in parts:
        fig.add_bar(name=name, x=[amount], y=["Financiamiento"], orientation="h", marker_color=color,
                    text=[f"{amount / total * 100:.1f} %"], textposition="inside",
                    hovertemplate=f"{name}<br>{MONEY_HOVER} ({amount / total * 100:.1f} %)<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat="$,.0f", title="Dólares (US$)")
    fig.update_yaxes(visible=False)
    return style(fig, title=title, height=300)


def staff_vs_ranges(personal: pd.DataFrame | None, rangos: dict[str, tuple[float, float]]) -> go.Figure:
    """Each tier's share of staff as a bar over its target band, labelled in text, not only by colour."""
    title = "Personal por nivel frente a su rango"
    if personal is None or personal.empty or int(personal["plazas"].sum()) == 0:
        return empty_figure("El libro no trae plazas de personal.", title=title)
    by_tier = personal.groupby("nivel", sort=False)["plazas"].sum()
    total = int(by_tier.sum())
    tiers = list(by_tier.index)
    shares = [100 * int(by_tier[t]) / total for t in tiers]
    fig = go.Figure()
    for t in tiers:
        if t in rangos:
            low, high = rangos[t]
            fig.add_shape(type="rect", x0=low, x1=high, y0=tiers.index(t) - 0.4, y1=tiers.index(t) + 0.4,
                          fillcolor="rgba(0,158,115,0.18)", line={"width": 0}, layer="below")
    labels = []
    for t, share in zip(tiers, shares, strict=True):
        if t not in rangos:
            labels.append(f"{share:.2f} % · sin rango")
        else:
            low, high = rangos[t]
            verdict = "dentro del rango" if low <= share <= high else "fuera del rango"
            labels.append(f"{share:.2f} % · {verdict} ({low:g}–{high:g} %)")
    fig.add_bar(x=shares, y=tiers, orientation="h", marker_color=PALETTE[0], text=labels, textposition="outside",
                customdata=[int(by_tier[t]) for t in tiers], width=0.4, name="Participación",
                hovertemplate="%{y}: %{customdata} plazas (%{x:.2f} %)<extra></extra>")
    fig.update_xaxes(range=[0, 100], ticksuffix=" %", title="% del personal")
    fig.update_yaxes(autorange="reversed", title=None)
    return style(fig, title=title, height=360)

"""One theme for every chart: a colour-blind-safe palette and El Salvador's number format."""

from __future__ import annotations

import plotly.graph_objects as go

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
INCOME, EXPENSE, OWN, DONATION = PALETTE[0], PALETTE[1], PALETTE[0], PALETTE[2]
FONT = "Source Sans Pro, Arial, sans-serif"
MONEY_HOVER = "$%{x:,.2f}"


def style(fig: go.Figure, *, title: str, height: int = 420) -> go.Figure:
    """Apply the shared look: Spanish-friendly separators (1,234.56), readable fonts, compact margins."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        font={"family": FONT, "size": 15},
        separators=".,",  # decimal point, thousands comma: $7,868,489.38
        colorway=list(PALETTE),
        height=height,
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
        paper_bgcolor="white",
        plot_bgcolor="white",
        # Above the plot, in trace order: never over an axis title, same reading order as the bars.
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
        hoverlabel={"font": {"family": FONT}},
    )
    return fig


def empty_figure(message: str, *, title: str = "") -> go.Figure:
    """An explicit empty chart that says why it is empty, instead of an exception or a blank box."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font={"size": 16})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return style(fig, title=title, height=240)

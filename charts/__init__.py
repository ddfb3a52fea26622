"""Chart builders: canonical DataFrames in, plotly Figures out. No Streamlit, no I/O."""

from charts.budget import budget_flow, classification_bars, funding_split, staff_vs_ranges
from charts.theme import empty_figure
from charts.timeline import donor_timeline, gantt, month_heatmap

__all__ = ["budget_flow", "classification_bars", "donor_timeline", "empty_figure", "funding_split", "gantt",
           "month_heatmap", "staff_vs_ranges"]

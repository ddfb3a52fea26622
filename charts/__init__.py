"""Chart builders: canonical DataFrames in, plotly Figures out. No Streamlit, no I/O."""

from charts.budget import funding_split, income_vs_expense, staff_vs_ranges
from charts.theme import empty_figure

__all__ = ["empty_figure", "funding_split", "income_vs_expense", "staff_vs_ranges"]

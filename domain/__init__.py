"""What the plan means, in plain Python: tables, issues, money, the calendar, the checks and the summary.

Imports nothing else of this project (no loaders, charts, Streamlit or I/O), so every other layer can
stand on it.
"""

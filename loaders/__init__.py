"""Workbook loaders: xlsx bytes -> the canonical tables of the data contract, with every issue."""

from loaders.model import COLUMNS, TABLES, Issue, LoadResult, UnreadableWorkbook
from loaders.orchestrator import load_workbook

__all__ = ["COLUMNS", "TABLES", "Issue", "LoadResult", "UnreadableWorkbook", "load_workbook"]

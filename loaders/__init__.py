"""Workbook loaders: xlsx bytes -> the canonical tables of the data contract, with every issue."""

from domain.plan import LoadResult
from loaders.guard import UnreadableWorkbook
from loaders.orchestrator import load_workbook

__all__ = ["LoadResult", "UnreadableWorkbook", "load_workbook"]

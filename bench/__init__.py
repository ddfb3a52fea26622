"""Benchmarks for the workbook loaders: synthetic workbooks and a timing script."""

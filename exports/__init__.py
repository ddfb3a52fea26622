"""Files the dashboard hands back to people: the clerk's workbook with its problems marked, and an empty template."""

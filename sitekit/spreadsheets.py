"""Helpers for CSV files that people open in spreadsheets."""

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Written first: without it Excel reads UTF-8 as a legacy code page.
BYTE_ORDER_MARK = "\ufeff"


def spreadsheet_safe(value):
    """A text cell a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value

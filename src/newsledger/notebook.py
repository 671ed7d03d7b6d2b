"""What every notebook sets up first: how tables are displayed."""

from __future__ import annotations

import pandas as pd


def setup_display() -> None:
    """Full tables, readable column widths, and no float noise, so outputs are stable and legible."""
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_colwidth", 90)
    pd.set_option("display.width", 200)
    pd.set_option("display.float_format", lambda v: f"{v:,.6g}")

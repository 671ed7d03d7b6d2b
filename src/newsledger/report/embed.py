"""HTML pieces of the report: figures with captions and alt text, tables with escaped text.

Everything that comes from an article (titles, outlets, quotes) is untrusted: it is escaped here,
once, so that ``<script>`` in a headline is shown as text. Figures are embedded as PNG data URIs,
so the page needs nothing from outside.
"""

from __future__ import annotations

import base64
import html

import pandas as pd
from IPython.display import HTML

from .figures import FigureResult, figure_to_png_bytes


def figure_html(result: FigureResult) -> HTML:
    """The figure with its caption and alt text (the table behind it is shown by the caller)."""
    figure, _table, caption, alt = result
    data = base64.b64encode(figure_to_png_bytes(figure)).decode("ascii")
    return HTML(
        f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def table_html(frame: pd.DataFrame, caption: str | None = None, max_rows: int = 200) -> HTML:
    """An escaped HTML table (pandas escapes cell text); dates shown as ISO days, nulls as blanks."""
    shown = frame.head(max_rows).copy()
    for column in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.strftime("%Y-%m-%d")
    body = shown.to_html(index=False, escape=True, na_rep="", border=0, classes="newsledger-table")
    more = f"<p>Showing {max_rows} of {len(frame)} rows.</p>" if len(frame) > max_rows else ""
    title = f"<p><strong>{html.escape(caption)}</strong></p>" if caption else ""
    return HTML(title + body + more)


"""English month names and their abbreviations, by month number: read by the ingest stage (dates in
headers) and by the annotators (what a number next to a month is). A module of its own so that the
annotation workers do not import the ingest stage (its HTML and language libraries) for one dict."""

from __future__ import annotations

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

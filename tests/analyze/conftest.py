"""Builders for small, typed input tables: each test writes only the columns it cares about."""

from __future__ import annotations

import pandas as pd
import pytest

from newsledger.tables import conform, spec

_DEFAULTS = {
    "articles": {"source": "raw/a.txt", "path": "a.txt", "url": None, "outlet": None, "published": None,
                 "published_basis": "header", "published_not_before": None, "title": None, "byline": None,
                 "language": "en", "text": "", "n_words": 0, "duplicate_of": None},
    "claims": {"start": 0, "end": 1, "quote": "x", "value_high": None, "subject": None, "counterpart": None,
               "period_start": None, "period_end": None, "is_forecast": False, "qualifier": "exact",
               "attribution": None, "sentence_start": 0, "sentence_end": 100},
    "events": {"start": 0, "end": 1, "quote": "x", "date_start": None, "date_end": None, "date_precision": None,
               "actors": [], "location": None, "n_documents": None, "document_names": []},
    "mentions": {"surface": "x", "quote": "x"},
    "sectors": {"quote": "x", "sectors": []},
}


def build_table(name: str, rows: list[dict]) -> pd.DataFrame:
    columns = spec(name).columns
    filled = []
    for i, row in enumerate(rows):
        full = {**_DEFAULTS.get(name, {}), **row}
        if name == "claims":
            full.setdefault("claim_id", f"{full['article_id']}:{full['start']}-{i}")
        if name == "events":
            full.setdefault("event_id", f"{full['article_id']}:e{i}")
        filled.append({c: full.get(c) for c in columns})
    return conform(pd.DataFrame(filled, columns=columns), name)


@pytest.fixture
def table():
    """``table("claims", [{...}, ...])``: a typed table as the annotate stage writes it."""
    return build_table

"""The timeline: every reported event in date order, each with the sentence that reports it.

The same visit is often reported by several articles; rows that agree on type, dates and actors
share an ``occurrence_id`` so the report can show one event with all its sources. Events from
reprints are kept (they are citable) but flagged, and never count as a second report.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import pandas as pd

from ..schemas import TABLES
from ..tables import conform
from .entities import entity_kind, entity_label
from .columns import dates, values
from .sources import SourceIndex

TIMELINE_COLUMNS = TABLES["timeline"].columns
_entity_label = lru_cache(maxsize=None)(entity_label)


def _occurrence_id(event_type: str, start, end, actors: list[str], event_id: str) -> str:
    if start is None:
        return f"undated:{event_id}"  # an undated mention cannot be matched to another safely
    key = "\x1f".join([event_type, start.isoformat(), end.isoformat() if end else "", *sorted(actors)])
    return "occ:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def build_timeline(events: pd.DataFrame | None, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per event mention, earliest first, undated last (see ``schemas.analyze``)."""
    if events is None or events.empty:
        return conform(pd.DataFrame(columns=TIMELINE_COLUMNS), "timeline")
    sources = SourceIndex.from_articles(articles)
    event_ids = [str(e) for e in values(events, "event_id")]
    event_types = [str(t) for t in values(events, "event_type")]
    article_ids = [str(a) for a in values(events, "article_id")]
    starts, ends = dates(events, "date_start"), dates(events, "date_end")
    actors = [[str(a) for a in (raw if isinstance(raw, (list, tuple)) else [])] for raw in values(events, "actors")]
    locations = values(events, "location")
    documents = values(events, "document_names")
    columns = {
        "event_id": event_ids,
        "occurrence_id": [_occurrence_id(*key) for key in zip(event_types, starts, ends, actors, event_ids)],
        "date_start": starts,
        "date_end": ends,
        "date_precision": values(events, "date_precision"),
        "event_type": event_types,
        "actors": actors,
        "actor_labels": [[_entity_label(a) for a in names] for names in actors],
        "location": locations,
        "location_label": [_entity_label(place) if entity_kind(place) else place for place in locations],
        "n_documents": values(events, "n_documents"),
        "document_names": [[str(d) for d in names] if isinstance(names, (list, tuple)) else [] for names in documents],
        "article_id": article_ids,
        "start": [int(v) for v in values(events, "start")],
        "end": [int(v) for v in values(events, "end")],
        "quote": [str(q) for q in values(events, "quote")],
        "outlet": [sources.outlet(a) for a in article_ids],
        "published": [sources.published_on(a) for a in article_ids],
        "is_reprint": [sources.is_reprint(a) for a in article_ids],
    }
    frame = pd.DataFrame(columns)
    originals = frame[~frame["is_reprint"]]
    reports = originals.groupby("occurrence_id")["article_id"].nunique()
    frame["n_reports"] = frame["occurrence_id"].map(reports).fillna(0).astype(int)
    frame = conform(frame[TIMELINE_COLUMNS], "timeline")
    frame = frame.sort_values(["date_start", "event_type", "occurrence_id", "article_id", "start"], na_position="last")
    return frame.reset_index(drop=True)

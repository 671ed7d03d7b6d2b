"""The timeline: every reported event in date order, each with the sentence that reports it.

The same visit is often reported by several articles; rows that agree on type, dates and actors
share an ``occurrence_id`` so the report can show one event with all its sources. Events from
reprints are kept (they are citable) but flagged, and never count as a second report.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from ..schemas import TABLES
from ..tables import conform
from .entities import entity_kind, entity_label
from .periods import as_date
from .sources import SourceIndex, clean

TIMELINE_COLUMNS = TABLES["timeline"].columns


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
    rows = []
    for event in events.to_dict("records"):
        actors = [str(a) for a in (event.get("actors") if isinstance(event.get("actors"), (list, tuple)) else [])]
        documents = event.get("document_names")
        start, end = as_date(event.get("date_start")), as_date(event.get("date_end"))
        location = clean(event.get("location"))
        article_id = str(event["article_id"])
        rows.append(
            {
                "event_id": str(event["event_id"]),
                "occurrence_id": _occurrence_id(str(event["event_type"]), start, end, actors, str(event["event_id"])),
                "date_start": start,
                "date_end": end,
                "date_precision": clean(event.get("date_precision")),
                "event_type": str(event["event_type"]),
                "actors": actors,
                "actor_labels": [entity_label(a) for a in actors],
                "location": location,
                "location_label": entity_label(location) if entity_kind(location) else location,
                "n_documents": clean(event.get("n_documents")),
                "document_names": [str(d) for d in documents] if isinstance(documents, (list, tuple)) else [],
                "article_id": article_id,
                "start": int(event["start"]),
                "end": int(event["end"]),
                "quote": str(event["quote"]),
                "outlet": sources.outlet(article_id),
                "published": sources.published_on(article_id),
                "is_reprint": sources.is_reprint(article_id),
            }
        )
    frame = pd.DataFrame(rows)
    originals = frame[~frame["is_reprint"]]
    reports = originals.groupby("occurrence_id")["article_id"].nunique()
    frame["n_reports"] = frame["occurrence_id"].map(reports).fillna(0).astype(int)
    frame = conform(frame[TIMELINE_COLUMNS], "timeline")
    frame = frame.sort_values(["date_start", "event_type", "occurrence_id", "article_id", "start"], na_position="last")
    return frame.reset_index(drop=True)

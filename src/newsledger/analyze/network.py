"""The actor network: which states and organisations the corpus links, how often, and through what.

Two actors are linked each time they take part in the same event (a visit, summit, signing or
meeting) and each time a claim puts them in one figure as subject and counterpart (trade between
them, investment from one in the other). Only countries and organisations are nodes: a leader
speaks for a state that is already an actor, and routes or places are not parties. Reprints add no
links: they repeat an original's events and claims.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import pandas as pd

from ..schemas import TABLES
from ..tables import conform
from .entities import entity_label, is_state_or_organisation
from .columns import values
from .sources import SourceIndex

EVENT_KIND_COLUMNS = {"visit": "n_visits", "summit": "n_summits", "agreement_signed": "n_agreements_signed", "meeting": "n_meetings"}

NETWORK_COLUMNS = TABLES["network"].columns
_is_node = lru_cache(maxsize=None)(is_state_or_organisation)
_entity_label = lru_cache(maxsize=None)(entity_label)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def build_network(events: pd.DataFrame | None, claims: pd.DataFrame | None,
                  articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per linked pair of actors (unordered), heaviest first (see ``schemas.analyze``)."""
    sources = SourceIndex.from_articles(articles)
    edges: dict[tuple[str, str], dict] = {}

    def edge(a: str, b: str) -> dict:
        return edges.setdefault(_pair(a, b), {"event_ids": [], "claim_ids": [], "articles": set(), "kinds": {}})

    if events is not None and not events.empty:
        rows = zip(values(events, "event_id"), values(events, "article_id"), values(events, "event_type"), values(events, "actors"))
        for event_id, article_id, event_type, raw in rows:
            if sources.is_reprint(str(article_id)):
                continue
            actors = sorted({a for a in (raw if isinstance(raw, (list, tuple)) else []) if _is_node(a)})
            for a, b in itertools.combinations(actors, 2):
                link = edge(a, b)
                link["event_ids"].append(str(event_id))
                link["articles"].add(str(article_id))
                kind = str(event_type)
                link["kinds"][kind] = link["kinds"].get(kind, 0) + 1
    if claims is not None and not claims.empty:
        rows = zip(values(claims, "claim_id"), values(claims, "article_id"), values(claims, "subject"), values(claims, "counterpart"))
        for claim_id, article_id, subject, counterpart in rows:
            if subject == counterpart or not (_is_node(subject) and _is_node(counterpart)):
                continue
            if sources.is_reprint(str(article_id)):
                continue
            link = edge(subject, counterpart)
            link["claim_ids"].append(str(claim_id))
            link["articles"].add(str(article_id))
    rows = []
    for (a, b), link in edges.items():
        row = {
            "source_entity": a,
            "target_entity": b,
            "source_label": _entity_label(a),
            "target_label": _entity_label(b),
            "n_events": len(link["event_ids"]),
            "n_claims": len(link["claim_ids"]),
            "n_articles": len(link["articles"]),
            "event_ids": sorted(link["event_ids"]),
            "claim_ids": sorted(link["claim_ids"]),
            "article_ids": sorted(link["articles"]),
        }
        row["weight"] = row["n_events"] + row["n_claims"]
        for kind, column in EVENT_KIND_COLUMNS.items():
            row[column] = link["kinds"].get(kind, 0)
        rows.append(row)
    frame = conform(pd.DataFrame(rows, columns=NETWORK_COLUMNS), "network")
    frame = frame.sort_values(["weight", "source_entity", "target_entity"], ascending=[False, True, True])
    return frame.reset_index(drop=True)

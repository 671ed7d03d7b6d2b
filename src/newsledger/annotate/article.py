"""Composition of the annotators: one pure function per article, and the stage's table builder.

``annotate_article`` is the only place that knows the order: sentences, then entity mentions and
time expressions (independent), then claims and events (which read both), and sector tags.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pandas as pd

from .. import tables
from .claims import extract_claims
from .events import extract_events
from .gazetteer import find_mentions
from .sectors import tag_sectors
from .sentences import split_sentences
from .spans import ArticleContext
from .timex import find_time_expressions

SPAN_TABLES = ("mentions", "claims", "events", "sectors")


def annotate_article(text: str, context: ArticleContext) -> dict[str, list]:
    """Every annotation of one article, as span objects keyed by table name."""
    sentences = split_sentences(text)
    mentions = find_mentions(text)
    times = find_time_expressions(text, context.published)
    return {
        "mentions": mentions,
        "claims": extract_claims(text, sentences, mentions, times, context),
        "events": extract_events(text, sentences, mentions, times, context),
        "sectors": tag_sectors(text, sentences),
    }


def _rows(article_id: str, table: str, spans: list) -> list[dict]:
    rows = []
    seen: dict[str, int] = {}
    for span in spans:
        row = {"article_id": article_id, **asdict(span)}
        if table == "claims":
            row["claim_id"] = f"{article_id}:{span.start}-{span.end}"
        elif table == "events":
            # One trigger can report several events of a type (a visit to each of three countries).
            key = f"{article_id}:{span.start}-{span.end}:{span.event_type}"
            seen[key] = seen.get(key, 0) + 1
            row["event_id"] = key if seen[key] == 1 else f"{key}:{seen[key]}"
            row["actors"] = list(span.actors)
            row["document_names"] = list(span.document_names)
        elif table == "sectors":
            row["sectors"] = list(span.sectors)
        rows.append(row)
    return rows


def _published(value) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def annotate_articles(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The stage's four tables for a frame of articles (the ``articles`` table or any slice of it)."""
    collected: dict[str, list[dict]] = {name: [] for name in SPAN_TABLES}
    for article_id, text, published in zip(articles["article_id"], articles["text"], articles["published"]):
        annotations = annotate_article(text, ArticleContext(article_id, _published(published)))
        for name in SPAN_TABLES:
            collected[name].extend(_rows(article_id, name, annotations[name]))
    frames = {}
    for name in SPAN_TABLES:
        columns = tables.spec(name).columns
        frame = pd.DataFrame(collected[name], columns=columns) if collected[name] else tables.empty_frame(name)
        frames[name] = tables.conform(frame[columns], name)
    return frames


def run(processed_dir) -> dict[str, pd.DataFrame]:
    """Annotate ``articles.parquet`` and write the four span tables beside it."""
    articles = tables.read_table("articles", processed_dir)
    frames = annotate_articles(articles)
    for name, frame in frames.items():
        tables.write_table(frame, name, processed_dir)
    return frames

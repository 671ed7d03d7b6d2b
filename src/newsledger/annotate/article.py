"""Composition of the annotators: one pure function per article, and the stage's table builder.

``annotate_article`` is the only place that knows the order: sentences, then entity mentions and
time expressions (independent), then claims and events (which read both), and sector tags.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as arrow

from .. import tables
from .claims import extract_claims
from .events import extract_events
from . import regex_case
from .gazetteer import find_mentions
from .sectors import tag_sectors
from .sentences import split_sentences
from .spans import ArticleContext, extend_columns
from .timex import find_time_expressions

SPAN_TABLES = ("mentions", "claims", "events", "sectors")


def annotate_article(text: str, context: ArticleContext) -> dict[str, list]:
    """Every annotation of one article, as span objects keyed by table name."""
    readable = regex_case.as_matched(text)
    sentences = split_sentences(readable)
    mentions = find_mentions(readable)
    times = find_time_expressions(readable, context.published)
    annotations = {
        "mentions": mentions,
        "claims": extract_claims(readable, sentences, mentions, times, context),
        "events": extract_events(readable, sentences, mentions, times, context),
        "sectors": tag_sectors(readable, sentences),
    }
    if readable is not text:
        annotations = {name: regex_case.with_quotes_of(text, spans) for name, spans in annotations.items()}
    return annotations


@lru_cache(maxsize=None)
def _field_names(span_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(span_type))


def _event_ids(article_id: str, events: list) -> list[str]:
    # One trigger can report several events of a type (a visit to each of three countries).
    ids = []
    seen: dict[str, int] = {}
    for event in events:
        key = f"{article_id}:{event.start}-{event.end}:{event.event_type}"
        seen[key] = seen.get(key, 0) + 1
        ids.append(key if seen[key] == 1 else f"{key}:{seen[key]}")
    return ids


class _TableColumns:
    """One table's values gathered column by column, article by article.

    The span objects are read as soon as an article is annotated and then dropped: a corpus's worth
    of them (or of row dicts) kept alive until the end made the garbage collector walk them again and
    again, and ``dataclasses.asdict`` per row deep-copied every value. The tuples of ids become
    lists in ``tables.conform``."""

    def __init__(self, name: str):
        self.name = name
        self.values: dict[str, list] = {}

    def add(self, article_id: str, spans: list, row_ids: list[str] | None = None) -> None:
        if not spans:
            return
        values = self.values
        names = _field_names(type(spans[0]))
        if not values:
            values["article_id"] = []
            if row_ids is not None:
                values[self.name[:-1] + "_id"] = []  # claim_id, event_id
            for name in names:
                values[name] = []
        values["article_id"].extend([article_id] * len(spans))
        if row_ids is not None:
            values[self.name[:-1] + "_id"].extend(row_ids)
        extend_columns([values[name] for name in names], spans)

    def frame(self) -> pd.DataFrame:
        if not self.values:
            return tables.empty_frame(self.name)
        return tables.conform(pd.DataFrame(self.values, columns=tables.spec(self.name).columns), self.name)

    def table(self) -> arrow.Table:
        return tables.arrow_table(self.values, self.name) if self.values else tables.empty_arrow_table(self.name)


def _published(value) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def annotate_articles(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The stage's four tables for a frame of articles (the ``articles`` table or any slice of it), as
    pandas frames in the tables' types: for evaluation and tests; the stage itself uses ``annotate_articles_arrow``."""
    collected = _annotate_into_columns(articles)
    return {name: collected[name].frame() for name in SPAN_TABLES}


def annotate_articles_arrow(articles: pd.DataFrame) -> dict[str, arrow.Table]:
    """The same four tables as ``annotate_articles``, as checked Arrow tables made without pandas:
    what the stage's workers send back (see ``tables.arrow_table`` for the time this saves)."""
    collected = _annotate_into_columns(articles)
    return {name: collected[name].table() for name in SPAN_TABLES}


def _annotate_into_columns(articles: pd.DataFrame) -> dict[str, _TableColumns]:
    collected = {name: _TableColumns(name) for name in SPAN_TABLES}
    for article_id, text, published in zip(articles["article_id"], articles["text"], articles["published"]):
        annotations = annotate_article(text, ArticleContext(article_id, _published(published)))
        claims, events = annotations["claims"], annotations["events"]
        collected["mentions"].add(article_id, annotations["mentions"])
        collected["claims"].add(article_id, claims, [f"{article_id}:{claim.start}-{claim.end}" for claim in claims])
        collected["events"].add(article_id, events, _event_ids(article_id, events))
        collected["sectors"].add(article_id, annotations["sectors"])
    return collected


def _annotation_keys(index: arrow.Table) -> dict[str, str | None]:
    """What an article's annotations depend on besides the annotators: its text (the article_id is a
    hash of it) and its publication date (ISO, or None). ``index``: the articles' ``article_id`` and
    ``published`` columns as Arrow, whose date-to-string cast gives the ISO form without a Python
    object per article (0.9 s of a 100,000-article re-run went to pandas timestamps)."""
    days = index["published"].cast(arrow.string()).to_pylist()
    return dict(zip(index["article_id"].to_pylist(), days))


def run(processed_dir, force: bool = False, scheduler: str | None = None, echo=print) -> Mapping[str, pd.DataFrame]:
    """Annotate ``articles.parquet`` and write the four span tables beside it; return them (read on access).

    Incremental: ``annotate.provenance.json`` records the annotators' fingerprint (their code and the
    reference data), the articles table's hash and each article's key (id and publication date).
    When nothing changed the tables are left as they are; otherwise only new and changed articles
    are annotated and the rows of the others are reused, so the tables come out byte for byte as a
    from-scratch run writes them. A new fingerprint (an edited gazetteer) re-annotates everything;
    so does ``force``. ``scheduler`` is a Dask scheduler address (see ``newsledger.engine``)."""
    from .. import engine
    from ..fingerprint import StageRecord, annotator_fingerprint, chained_changes, file_digest, table_digests

    processed = Path(processed_dir)
    input_digest = file_digest(tables.table_path("articles", processed)) if tables.table_path("articles", processed).exists() else None
    fingerprint = annotator_fingerprint()
    previous = None if force else StageRecord.load("annotate", processed)
    reusable = previous is not None and previous.fingerprint == fingerprint and previous.outputs_intact(processed)
    if reusable and input_digest is not None and previous.inputs.get("articles.parquet") == input_digest:
        echo(f"annotate: nothing changed since the last run ({len(previous.items)} articles, same annotators); tables left as they are")
        return tables.StoredTables(processed, SPAN_TABLES)

    index = tables.read_arrow("articles", processed, columns=["article_id", "published"])
    keys = _annotation_keys(index)
    unchanged = {aid for aid, key in keys.items() if reusable and aid in previous.items and previous.items[aid] == key}
    # Only the articles to annotate are read with their texts: at 100,000 articles the texts are most
    # of the table, and a re-run after one changed article needs one of them.
    pending_ids = [aid for aid in keys if aid not in unchanged]
    where = [("article_id", "in", pending_ids)] if unchanged else None
    pending = tables.read_table("articles", processed, columns=engine.ANNOTATION_COLUMNS, where=where) if pending_ids else \
        tables.empty_frame("articles")[engine.ANNOTATION_COLUMNS]
    fresh = engine.annotate_corpus(pending, scheduler)
    del pending
    corpus_ids = index["article_id"]
    for name in SPAN_TABLES:
        table = fresh.pop(name)
        if unchanged:
            table = engine.merge_in_corpus_order(tables.table_path(name, processed), table, unchanged, corpus_ids)
        engine.write_arrow(table, name, processed)
        del table
    # What changed since the previous outputs, for the next stage: its re-run need not hash every
    # article's rows to find the few that differ. Only an incremental run can say; a full run says nothing.
    changes = chained_changes(previous, sorted(set(pending_ids) | (set(previous.items) - set(keys)))) if unchanged else {}
    StageRecord("annotate", fingerprint, inputs={"articles.parquet": input_digest},
                outputs=table_digests(processed, SPAN_TABLES), items=keys, changes=changes).save(processed)
    if force:
        echo(f"annotate: forced: all {len(keys)} articles annotated again")
    elif unchanged:
        echo(f"annotate: {len(keys) - len(unchanged)} new or changed articles annotated; {len(unchanged)} unchanged, their rows reused")
    elif previous is not None and previous.fingerprint != fingerprint:
        echo(f"annotate: the annotators or the reference data changed: all {len(keys)} articles annotated again")
    return tables.StoredTables(processed, SPAN_TABLES)

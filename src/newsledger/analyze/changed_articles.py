"""Which articles changed since the last analysis: compared by their digests (``article_digests``)
with those the last run kept (``run_cache``), hashing as few span rows as can be trusted.

Every article's row of ``articles`` is hashed (100,000 rows without texts: 0.1 s), so a new date,
outlet or reprint link is always found. Its span rows (claims, events, mentions, sectors: millions
of rows, 5 s to hash at 100,000 articles) are hashed only for the articles whose annotations may
differ, which the last run's record of the span tables it read (``RunCache.consumed``) tells:

* today's span tables have exactly those bytes: no article's annotations changed;
* they are the tables annotate's last run wrote (its record's ``outputs``), and the runs since
  the tables the analysis read were all incremental (each a step of ``changes["steps"]``, which
  starts from the outputs of the one before): only the articles they list (annotated again, or
  removed) may differ;
* anything else (annotate ran from scratch since, or more than ``MAX_CHANGE_STEPS`` times; a span
  table edited after annotate wrote it; no record): every article's span rows are hashed, as a
  first run does.

The other articles' span digests are taken from the cache: the cache's digests are valid for the
tables it names, and those articles' rows are unchanged since.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as arrow

from .article_digests import span_digests

SPAN_INPUTS = ("claims", "events", "mentions", "sectors")


def span_table_digests(processed_dir: str | Path) -> dict[str, str]:
    """SHA-256 of each span table the analysis reads, by file name (as annotate's record names them)."""
    from ..fingerprint import table_digests

    return table_digests(processed_dir, SPAN_INPUTS)


def articles_annotated_since(processed_dir: str | Path, consumed: dict[str, str], today: dict[str, str]) -> set[str] | None:
    """The ids whose span rows may differ between the span tables ``consumed`` (their digests when
    the last analysis read them) and ``today``'s; None when that cannot be told without hashing."""
    from ..fingerprint import StageRecord

    if today == consumed:
        return set()
    record = StageRecord.load("annotate", processed_dir)
    if record is None or not isinstance(record.changes, dict) or not isinstance(record.outputs, dict):
        return None
    steps = record.changes.get("steps")
    if not isinstance(steps, list) or {name: record.outputs.get(name) for name in today} != today:
        return None
    changed: set[str] = set()
    for step in reversed(steps):  # back from today's tables to the ones the analysis read
        since, articles = (step.get("since"), step.get("articles")) if isinstance(step, dict) else (None, None)
        if not isinstance(since, dict) or not isinstance(articles, list):
            return None
        changed.update(str(article_id) for article_id in articles)
        if {name: since.get(name) for name in today} == consumed:
            return changed
    return None


def today_span_digests(inputs: dict[str, arrow.Table], cached: pd.Series | None, candidates: set[str] | None) -> pd.Series:
    """Today's span digest per article: hashed for every article when ``candidates`` is None (or there
    is no cache), else the ``cached`` ones with the candidates' hashed again."""
    if candidates is None or cached is None:
        return span_digests(inputs)
    if not candidates:
        return cached
    fresh = span_digests(inputs, only=candidates)
    kept = cached[~cached.index.isin(list(candidates))]
    return pd.concat([kept, fresh]).astype("uint64")


def differing(before: pd.Series, now: pd.Series) -> set[str]:
    """Ids that are in one series only, or whose digests differ."""
    both = before.index.intersection(now.index)
    differ = both[before.reindex(both).to_numpy() != now.reindex(both).to_numpy()]
    return set(differ) | set(before.index.difference(now.index)) | set(now.index.difference(before.index))

"""Stage 3: from annotated tables to the ledger, checks, timeline, network and profiles.

``run_analysis`` is the stage's one entry point; each ``build_*`` function can also be called on
its own. Every returned table has the columns and types declared in ``newsledger.schemas.analyze``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .checks import build_checks
from .ledger import build_ledger, build_series, claim_records
from .network import build_network
from .profiles import build_attention, build_sector_profile, build_sourcing, located_country_sentences, sector_profile_of
from .timeline import build_timeline

__all__ = [
    "run_analysis", "build_ledger", "build_series", "build_checks", "build_timeline", "build_network",
    "build_sector_profile", "build_attention", "build_sourcing",
]


def run_analysis(articles: pd.DataFrame, mentions: pd.DataFrame, claims: pd.DataFrame, events: pd.DataFrame,
                 sectors: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """All stage-3 tables, keyed by table name (``ledger``, ``series``, ``checks``, ``timeline``,
    ``network``, ``sector_profile``, ``attention``, ``sourcing``)."""
    records = claim_records(claims, articles)
    ledger = build_ledger(claims, articles, records)
    return {
        "ledger": ledger,
        "series": build_series(ledger),
        "checks": build_checks(claims, articles, ledger, records),
        "timeline": build_timeline(events, articles),
        "network": build_network(events, claims, articles),
        "sector_profile": build_sector_profile(mentions, sectors, articles),
        "attention": build_attention(articles, claims, events),
        "sourcing": build_sourcing(articles, claims),
    }


def run(processed_dir, force: bool = False, echo=None) -> Mapping[str, pd.DataFrame]:
    """Read the stage-1 and stage-2 tables from ``processed_dir``, analyse, and write the stage-3 tables there.

    Incremental: a hidden cache beside the tables (``run_cache``) keeps a digest of what the
    analysis read of each article. When the last run's outputs are intact and only some articles
    changed, only the rows those articles touch are computed again (``incremental``); the tables
    come out byte for byte as a from-scratch run writes them. Which articles changed is found by
    hashing every article's row of ``articles`` and, when annotate's record tells which articles'
    annotations may differ since the tables the last analysis read, the span rows of only those
    (``changed_articles``). A changed analysis (code, schemas, reference data), a missing or damaged
    cache, an edited output or ``force`` mean a full run. ``echo`` (e.g. ``print``) is told which it was.

    A full run computes the tables in steps so that each input is held only while the tables that
    need it are built, and each output is written as soon as it is built and not kept: the articles'
    texts, the mentions and sector tags and the built tables are most of a large corpus's memory.
    Every input is checked readable before anything is written, so a bad input leaves the previous
    outputs as they were. Returns the written tables, each read when asked for."""
    from pathlib import Path

    from .. import tables
    from . import incremental, run_cache
    from .article_digests import ARTICLE_COLUMNS, read_columns, read_inputs, row_digests
    from .changed_articles import articles_annotated_since, differing, span_table_digests, today_span_digests

    processed = Path(processed_dir)
    for name in INPUT_TABLES:
        tables.check_readable(name, processed)
    say = echo or (lambda message: None)
    consumed = span_table_digests(processed)
    articles = read_columns("articles", processed, ARTICLE_COLUMNS)
    rows = row_digests(articles)
    cache = None if force else run_cache.load(processed, TABLE_NAMES)
    if cache is not None:
        candidates = articles_annotated_since(processed, cache.consumed, consumed)
        new_rows = differing(cache.rows, rows)
        # Knowing which articles' annotations may differ, the re-run reads the mentions and sector
        # tags of only those and of the articles whose row changed (all the sector profile needs).
        inputs = read_inputs(processed, articles, only=None if candidates is None else candidates | new_rows)
        spans = today_span_digests(inputs, cache.spans, candidates)
        changed = new_rows | differing(cache.spans, spans)
        if not changed:
            say(f"analyze: nothing changed since the last run ({len(rows)} articles); tables left as they are")
            if consumed != cache.consumed:  # annotations rewritten with the same rows: say so for the next run
                run_cache.save(processed, TABLE_NAMES, rows, spans, cache.counts, consumed)
            return tables.StoredTables(processed, TABLE_NAMES)
        try:
            counts = incremental.rerun(processed, changed, cache.counts, inputs)
        except incremental.Unavailable as reason:
            say(f"analyze: the last run's tables cannot be reused ({reason}): analysing everything again")
        else:
            run_cache.save(processed, TABLE_NAMES, rows, spans, counts, consumed)
            say(f"analyze: {len(changed)} new, changed or removed articles analysed again; the other rows reused")
            return tables.StoredTables(processed, TABLE_NAMES)
    else:
        inputs = read_inputs(processed, articles)
        spans = today_span_digests(inputs, None, None)
    del inputs  # a full run reads its inputs a table at a time
    run_cache.remove(processed)
    counts = _analyse_everything(processed)
    run_cache.save(processed, TABLE_NAMES, rows, spans, counts, consumed)
    say(f"analyze: all {len(rows)} articles analysed")
    return tables.StoredTables(processed, TABLE_NAMES)


def _analyse_everything(processed) -> pd.DataFrame:
    """Write every stage-3 table from scratch; return the sector profile's sentence counts per
    article and country (kept for the next run, see ``run_cache``)."""
    from .. import tables

    def read(name: str) -> pd.DataFrame:
        return tables.read_table(name, processed)

    def write(name: str, frame: pd.DataFrame) -> None:
        tables.write_table(frame, name, processed)

    articles, claims = read("articles"), read("claims")
    records = claim_records(claims, articles)
    articles = articles.drop(columns="text")  # only the claim records read the texts
    _release_freed_arrow_memory()
    ledger = build_ledger(claims, articles, records)
    write("ledger", ledger)
    write("series", build_series(ledger))
    write("checks", build_checks(claims, articles, ledger, records))
    del records, ledger
    write("sourcing", build_sourcing(articles, claims))
    events = read("events")
    write("timeline", build_timeline(events, articles))
    write("network", build_network(events, claims, articles))
    write("attention", build_attention(articles, claims, events))
    del events, claims
    # The profile reads country mentions and where the tagged sentences are, not their quotes.
    countries = tables.read_table("mentions", processed, columns=["article_id", "start", "entity_id", "entity_type"],
                                  where=[("entity_type", "==", "country")])
    sectors = tables.read_table("sectors", processed, columns=["article_id", "start", "end", "sectors"])
    _release_freed_arrow_memory()
    counts, tagged = located_country_sentences(countries, sectors, articles)
    del countries, sectors
    write("sector_profile", sector_profile_of(counts, tagged))
    return counts


def _release_freed_arrow_memory() -> None:
    """Hand the buffers of dropped columns back to the system: Arrow's allocator keeps them for
    reuse, but what comes next is Python objects, which cannot use them."""
    import pyarrow

    pyarrow.default_memory_pool().release_unused()


TABLE_NAMES = ("ledger", "series", "checks", "timeline", "network", "sector_profile", "attention", "sourcing")
INPUT_TABLES = ("articles", "claims", "events", "mentions", "sectors")

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
from .profiles import build_attention, build_sector_profile, build_sourcing
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


def run(processed_dir) -> Mapping[str, pd.DataFrame]:
    """Read the stage-1 and stage-2 tables from ``processed_dir``, analyse, and write the stage-3 tables there.

    The same tables as ``run_analysis``, computed in steps so that each input is held only while
    the tables that need it are built, and each output written as soon as it is built and not kept:
    the articles' texts, the mentions and sector tags and the built tables are most of a large
    corpus's memory. Every input is checked readable before anything is written, so a bad input
    leaves the previous outputs as they were. Returns the written tables, each read when asked for."""
    from .. import tables

    for name in INPUT_TABLES:
        tables.check_readable(name, processed_dir)

    def read(name: str) -> pd.DataFrame:
        return tables.read_table(name, processed_dir)

    def write(name: str, frame: pd.DataFrame) -> None:
        tables.write_table(frame, name, processed_dir)

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
    countries = tables.read_table("mentions", processed_dir, columns=["article_id", "start", "entity_id", "entity_type"],
                                  where=[("entity_type", "==", "country")])
    sectors = tables.read_table("sectors", processed_dir, columns=["article_id", "start", "end", "sectors"])
    _release_freed_arrow_memory()
    write("sector_profile", build_sector_profile(countries, sectors, articles))
    return tables.StoredTables(processed_dir, TABLE_NAMES)


def _release_freed_arrow_memory() -> None:
    """Hand the buffers of dropped columns back to the system: Arrow's allocator keeps them for
    reuse, but what comes next is Python objects, which cannot use them."""
    import pyarrow

    pyarrow.default_memory_pool().release_unused()


TABLE_NAMES = ("ledger", "series", "checks", "timeline", "network", "sector_profile", "attention", "sourcing")
INPUT_TABLES = ("articles", "claims", "events", "mentions", "sectors")

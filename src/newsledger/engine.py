"""Where annotation runs: in this process, on a local pool of processes, or on a Dask cluster.

The corpus goes to workers in partitions of ``PARTITION_ARTICLES`` articles (one task per partition,
not per article: a task costs a few milliseconds of scheduling and pickling, an article far less to
annotate). Each partition comes back as four Arrow tables, already conformed to and checked against
the table schemas, because Arrow columns are compact to ship and to keep, where the same rows as
Python objects would take several times the memory. The partitions are concatenated in corpus order,
so the result is the same, row for row and byte for byte, wherever it was computed.

Why processes, not threads: the annotators are pure-Python regular expressions and Aho-Corasick
lookups, which hold the GIL; on the two-core machine of the benchmarks two threads annotated at
the speed of one, two processes at nearly twice (measured figures in the README's Performance
section).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pandas as pd
import pyarrow as arrow

from . import tables

PARTITION_ARTICLES = 500
# Up to this many articles annotation runs in the calling process. Starting a pool of worker
# processes (each imports the package and compiles the vocabularies) costs about 1.5 s; a second core
# saves half the annotation time, so the pool pays only beyond ~2 x 1.5 s of one core's work: about
# 750,000 words, 1,200 articles, at the annotators' target of 250,000 words/s (fewer at today's speed).
IN_PROCESS_MAX_ARTICLES = 1000
ANNOTATION_COLUMNS = ["article_id", "text", "published"]


def span_table_names() -> tuple[str, ...]:
    from .annotate.article import SPAN_TABLES

    return SPAN_TABLES


def to_arrow(frame: pd.DataFrame, name: str) -> arrow.Table:
    """The table ``name`` as ``tables.write_table`` would write it: conformed, validated, typed."""
    checked = tables.validate(tables.conform(frame, name), name)
    return arrow.Table.from_pandas(checked, schema=tables.arrow_schema(name), preserve_index=False).replace_schema_metadata(None)


def annotate_partition(articles: pd.DataFrame) -> dict[str, arrow.Table]:
    """The four span tables of one partition of articles (columns ``article_id``, ``text``, ``published``)."""
    from .annotate.article import annotate_articles

    return {name: to_arrow(frame, name) for name, frame in annotate_articles(articles).items()}


def partitions(articles: pd.DataFrame, size: int = PARTITION_ARTICLES) -> Iterator[pd.DataFrame]:
    selected = articles[ANNOTATION_COLUMNS]
    for start in range(0, len(selected), size):
        yield selected.iloc[start : start + size].reset_index(drop=True)


def local_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def concat(parts: list[dict[str, arrow.Table]], names: tuple[str, ...]) -> dict[str, arrow.Table]:
    """One table per name, the partitions' rows in partition order."""
    return {
        name: arrow.concat_tables([part[name] for part in parts]).combine_chunks() if parts else to_arrow(tables.empty_frame(name), name)
        for name in names
    }


def annotate_corpus(articles: pd.DataFrame, scheduler: str | None = None, partition_size: int = PARTITION_ARTICLES,
                    in_process_max: int = IN_PROCESS_MAX_ARTICLES) -> dict[str, arrow.Table]:
    """The four span tables of ``articles`` as Arrow tables, in the order of ``articles``.

    ``scheduler``: None runs on this machine (in this process for at most ``in_process_max``
    articles, else on a pool of one process per core); an address such as ``tcp://10.0.0.5:8786``
    runs on that Dask distributed cluster, whatever the corpus size."""
    names = span_table_names()
    parts_in = list(partitions(articles, partition_size))
    if scheduler is None and len(articles) <= in_process_max:
        return concat([annotate_partition(part) for part in parts_in], names)

    import dask

    tasks = [dask.delayed(annotate_partition, pure=False)(part) for part in parts_in]
    del parts_in  # the graph holds the partitions now; the caller's frame stays the only other copy
    if scheduler is None:
        # chunksize 1: dask's process pool otherwise hands tasks out in batches of six, so a corpus of
        # a few partitions would all go to one worker.
        parts = dask.compute(*tasks, scheduler="processes", num_workers=local_workers(), chunksize=1)
    else:
        from distributed import Client

        with Client(scheduler, set_as_default=False) as client:
            parts = dask.compute(*tasks, scheduler=client.get)
    return concat(list(parts), names)


def merge_in_corpus_order(previous_path, fresh: arrow.Table, reused_ids: set[str], corpus_ids: pd.Series) -> arrow.Table:
    """The rows of ``reused_ids`` from the table at ``previous_path`` together with ``fresh``, ordered
    as a from-scratch run orders them: by the article's position in the corpus, then as annotated
    (the sort is stable, and each article's rows come from one side only)."""
    import pyarrow.compute as compute
    import pyarrow.parquet as parquet

    previous = parquet.read_table(previous_path)
    kept = previous.filter(compute.is_in(previous["article_id"], value_set=arrow.array(sorted(reused_ids), arrow.string())))
    # Parquet names a list's items "element" where Arrow says "item"; the schema is stored in the
    # file, so the rows read back take the fresh table's schema to be written as a fresh run writes them.
    merged = arrow.concat_tables([kept.cast(fresh.schema), fresh])
    position = compute.index_in(merged["article_id"], value_set=arrow.array(corpus_ids.tolist(), arrow.string()))
    return merged.take(compute.sort_indices(position)).combine_chunks()


def write_arrow(table: arrow.Table, name: str, folder) -> Path:
    """Write a table made by ``to_arrow`` exactly as ``tables.write_table`` writes its frame."""
    import pyarrow.parquet as parquet

    from .atomic import atomic_path

    target = tables.table_path(name, folder)
    with atomic_path(target) as tmp:
        parquet.write_table(table, tmp, compression="zstd")
    return target

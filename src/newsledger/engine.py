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


def annotate_partition(articles: pd.DataFrame) -> dict[str, arrow.Table]:
    """The four span tables of one partition of articles (columns ``article_id``, ``text``, ``published``)."""
    from .annotate.article import annotate_articles_arrow

    return annotate_articles_arrow(articles)


def partitions(articles: pd.DataFrame, size: int = PARTITION_ARTICLES) -> Iterator[pd.DataFrame]:
    selected = articles[ANNOTATION_COLUMNS]
    for start in range(0, len(selected), size):
        yield selected.iloc[start : start + size].reset_index(drop=True)


def local_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def concat(parts: list[dict[str, arrow.Table]], names: tuple[str, ...]) -> dict[str, arrow.Table]:
    """One table per name, the partitions' rows in partition order: one chunk per partition, not
    copied into one (Parquet cuts row groups by row count, so the file's bytes are the same either
    way, checked at 1.3M rows in 240 chunks; the copy took 1.9 s of the stage's CPU at 100,000 articles)."""
    return {
        name: arrow.concat_tables([part[name] for part in parts]) if parts else tables.empty_arrow_table(name)
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
        import dask.multiprocessing

        # chunksize 1: dask's process pool otherwise hands tasks out in batches of six, so a corpus of
        # a few partitions would all go to one worker. The pool's get function, not its name
        # "processes": given a name, dask imports distributed to look for a default client, 0.3 s of
        # CPU per run that the local pool never uses.
        parts = dask.compute(*tasks, scheduler=dask.multiprocessing.get, num_workers=local_workers(), chunksize=1)
    else:
        from distributed import Client

        with Client(scheduler, set_as_default=False) as client:
            parts = dask.compute(*tasks, scheduler=client.get)
    return concat(list(parts), names)


def merge_in_corpus_order(previous_path, fresh: arrow.Table, reused_ids: set[str], corpus_ids) -> arrow.Table:
    """The rows of ``reused_ids`` from the table at ``previous_path`` together with ``fresh``, ordered
    as a from-scratch run orders them: by the article's position in the corpus (``corpus_ids``, in
    order), then as annotated (each article's rows come from one side only).

    The previous rows are already in corpus order, and an article that was neither changed nor
    removed keeps its place relative to the others; so the fresh articles' rows are inserted between
    slices of the previous table instead of sorting and gathering every row (at 100,000 articles the
    gather and the lookup of every row's reuse took 4.3 s of a one-article re-run). When the previous
    rows turn out not to be in corpus order the rows are sorted, as before."""
    import numpy
    import pyarrow.compute as compute
    import pyarrow.parquet as parquet

    corpus = pd.Index(corpus_ids.to_pylist() if isinstance(corpus_ids, (arrow.Array, arrow.ChunkedArray)) else list(corpus_ids))
    previous = parquet.read_table(previous_path)
    # Parquet names a list's items "element" where Arrow says "item"; the schema is stored in the
    # file, so the rows read back take the fresh table's schema to be written as a fresh run writes them.
    previous = previous.cast(fresh.schema)
    previous_position = _row_positions(previous["article_id"], corpus, keep=reused_ids)
    fresh_position = _row_positions(fresh["article_id"], corpus)
    kept_rows = numpy.flatnonzero(previous_position >= 0)
    kept_position = previous_position[kept_rows]
    if numpy.any(numpy.diff(kept_position) < 0) or numpy.any(numpy.diff(fresh_position) < 0):
        kept = previous.take(arrow.array(kept_rows))
        merged = arrow.concat_tables([kept, fresh])
        position = numpy.concatenate([kept_position, fresh_position])
        return merged.take(arrow.array(numpy.argsort(position, kind="stable"))).combine_chunks()
    # Runs of consecutive kept rows, with the fresh rows that go before each run and after the last.
    pieces: list[arrow.Table] = []
    run_starts = numpy.flatnonzero(numpy.r_[True, numpy.diff(kept_rows) != 1]) if len(kept_rows) else numpy.array([], dtype=int)
    run_ends = numpy.r_[run_starts[1:], len(kept_rows)]
    fresh_at = numpy.searchsorted(fresh_position, kept_position, side="left")  # fresh rows before each kept row
    fresh_taken = 0
    for run_start, run_end in zip(run_starts, run_ends):
        # a run of previous rows may itself need fresh rows inside it (an article inserted between two kept ones)
        cuts = numpy.flatnonzero(numpy.diff(fresh_at[run_start:run_end]) != 0) + run_start + 1
        for piece_start, piece_end in zip(numpy.r_[run_start, cuts], numpy.r_[cuts, run_end]):
            before = int(fresh_at[piece_start])
            if before > fresh_taken:
                pieces.append(fresh.slice(fresh_taken, before - fresh_taken))
                fresh_taken = before
            first_row = int(kept_rows[piece_start])
            pieces.append(previous.slice(first_row, int(piece_end - piece_start)))
    if fresh_taken < fresh.num_rows:
        pieces.append(fresh.slice(fresh_taken))
    return arrow.concat_tables(pieces).combine_chunks() if pieces else fresh.slice(0, 0)


def _row_positions(article_ids, corpus: pd.Index, keep: set[str] | None = None):
    """Each row's article's position in ``corpus`` (-1 for an article not in it, or not in ``keep``),
    looked up once per distinct article rather than once per row."""
    import numpy

    encoded = article_ids.combine_chunks().dictionary_encode() if isinstance(article_ids, arrow.ChunkedArray) else article_ids.dictionary_encode()
    distinct = encoded.dictionary.to_pylist()
    positions = corpus.get_indexer(distinct)
    if keep is not None:
        positions = numpy.where([aid in keep for aid in distinct], positions, -1)
    return numpy.asarray(positions, dtype="int64")[encoded.indices.to_numpy(zero_copy_only=False)]


def write_arrow(table: arrow.Table, name: str, folder) -> Path:
    """Write a table made by ``to_arrow`` exactly as ``tables.write_table`` writes its frame."""
    import pyarrow.parquet as parquet

    from .atomic import atomic_path

    target = tables.table_path(name, folder)
    with atomic_path(target) as tmp:
        parquet.write_table(table, tmp, compression="zstd")
    return target

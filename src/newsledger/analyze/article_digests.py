"""One number per article for everything of it the analysis reads, so that a re-run can tell which
articles changed since the last one.

An article's digest covers its row of ``articles`` (id, outlet, date and reprint link, and the same
of the original it is traced back to: a reprint's sources and order depend on them), its rows
of ``claims`` and ``events`` (every column, in order), its country mentions and its sentences'
sector tags (the columns the sector profile reads). Rows are hashed by column in bulk
(``pandas.util.hash_array``: vectorised, no Python per row) and folded per article in row order,
so two articles with the same rows in another order differ. 64 bits: two different articles
colliding is a chance of one in 10^19 per changed article.

The text itself is not read: the article id stands for it, ingest making the id a hash of the text
(annotate's re-run relies on the same). The analysis reads a text only to tell what a percentage
in it means, from the words of its sentence.

The digest comes in two parts, kept apart in the run cache: the article's row (``row_digests``,
over the whole ``articles`` table: 100,000 rows without texts, 0.1 s) and its annotations
(``span_digests``, over the four span tables: millions of rows, most of the cost). A re-run that
knows from annotate's record which articles' annotations may have changed hashes the span rows of
only those articles and takes the others' from the cache: an article's span digest depends on its
own rows alone, so it comes out the same from the whole tables or from the rows of a few articles.
"""

from __future__ import annotations

from pathlib import Path

import numpy
import pandas as pd
import pyarrow as arrow
import pyarrow.compute as compute
import pyarrow.parquet as parquet

# Each table's columns that the analysis reads (and ``where`` the rows it reads).
DIGESTED = {
    "claims": (None, None),
    "events": (None, None),
    "mentions": (["article_id", "start", "entity_id", "entity_type"], [("entity_type", "==", "country")]),
    "sectors": (["article_id", "start", "end", "sectors"], None),
}
ARTICLE_COLUMNS = ["article_id", "outlet", "published", "duplicate_of"]
_MISSING = numpy.uint64(0x9E3779B97F4A7C15)
_VALID = pd.util.hash_array(numpy.array([8], dtype="int64"))[0]  # the validity marker of a present value (True + 7)


def _column_hash(column: arrow.ChunkedArray) -> numpy.ndarray:
    if isinstance(column, arrow.ChunkedArray):
        column = column.combine_chunks()
    if arrow.types.is_list(column.type):
        # items hashed as a column of their own (few distinct: sectors, actors), then summed per list,
        # each mixed with its place in the list; the length tells [] from a missing list
        items = compute.list_flatten(column)
        parents = compute.list_parent_indices(column).to_numpy()
        lengths = compute.fill_null(compute.list_value_length(column), -1).to_numpy(zero_copy_only=False).astype("int64")
        first_item = numpy.cumsum(numpy.maximum(lengths, 0)) - numpy.maximum(lengths, 0)
        place = numpy.arange(len(items), dtype="int64") - first_item[parents]
        with numpy.errstate(over="ignore"):
            mixed = _column_hash(items) * (pd.util.hash_array(place) | numpy.uint64(1))
            summed = numpy.zeros(len(column), dtype=numpy.uint64)
            numpy.add.at(summed, parents, mixed)
        return summed ^ pd.util.hash_array(lengths.astype("int64"))
    if arrow.types.is_date(column.type) or arrow.types.is_timestamp(column.type):
        column = column.cast(arrow.int64()) if arrow.types.is_date64(column.type) or arrow.types.is_timestamp(column.type) \
            else column.cast(arrow.int32()).cast(arrow.int64())
    if arrow.types.is_string(column.type) or arrow.types.is_large_string(column.type):
        # ids, metrics, units and entities repeat down a column: each distinct string is hashed once
        encoded = column.dictionary_encode()
        distinct = pd.util.hash_array(encoded.dictionary.to_numpy(zero_copy_only=False).astype(object))
        return numpy.append(distinct, _MISSING)[encoded.indices.fill_null(len(distinct)).to_numpy()]
    # A missing number hashes apart from every value: the value 0 mixed with a validity marker. Every
    # row is mixed with its validity, not only in columns that have a missing value somewhere: a row's
    # hash must not depend on the other rows (``span_digests`` hashes a few articles' rows alone).
    if not column.null_count:
        return pd.util.hash_array(column.to_numpy(zero_copy_only=False)) ^ _VALID
    valid = compute.is_valid(column).to_numpy(zero_copy_only=False)
    zero = arrow.scalar(False) if arrow.types.is_boolean(column.type) else arrow.scalar(0, column.type)
    filled = compute.fill_null(column, zero).to_numpy(zero_copy_only=False)
    return pd.util.hash_array(filled) ^ pd.util.hash_array(valid.astype("int64") + 7)


def _row_hashes(table: arrow.Table) -> numpy.ndarray:
    """One hash per row of ``table``, every column mixed in by its position."""
    combined = numpy.zeros(table.num_rows, dtype=numpy.uint64)
    with numpy.errstate(over="ignore"):
        for position, name in enumerate(table.column_names):
            combined = combined * numpy.uint64(1_000_003) + _column_hash(table[name]) * numpy.uint64(2 * position + 1)
    return combined


def _fold_by_article(article_ids: arrow.ChunkedArray, row_hashes: numpy.ndarray, salt: int) -> pd.Series:
    """Per article: the sum of its rows' hashes, each mixed with its rank among the article's rows
    (so order counts); a wrapping sum, as the hashes are uniform 64-bit numbers."""
    if len(row_hashes) == 0:
        return pd.Series(dtype="uint64")
    codes, ids = pd.factorize(article_ids.to_numpy().astype(object))
    rank = pd.Series(codes).groupby(codes).cumcount().to_numpy().astype("int64")
    mixed = pd.util.hash_array(row_hashes ^ pd.util.hash_array(rank + salt))
    order = numpy.argsort(codes, kind="stable")
    ordered_codes = codes[order]
    starts = numpy.flatnonzero(numpy.r_[True, ordered_codes[1:] != ordered_codes[:-1]])
    with numpy.errstate(over="ignore"):
        sums = numpy.add.reduceat(mixed[order], starts)
    return pd.Series(sums, index=pd.Index(ids[ordered_codes[starts]], dtype=object), dtype="uint64")


def read_columns(name: str, processed_dir: str | Path, columns: list[str] | None = None, where=None) -> arrow.Table:
    """A table's columns as Arrow, unconverted (what is hashed or filtered needs no Python objects)."""
    return parquet.read_table(Path(processed_dir) / f"{name}.parquet", columns=columns, filters=where)


def read_inputs(processed_dir: str | Path, articles: arrow.Table | None = None,
                only: set[str] | None = None) -> dict[str, arrow.Table]:
    """The input columns the analysis reads, as Arrow: ``articles`` (without texts; given when the
    caller has read them), ``claims``, ``events``, ``mentions`` (of countries) and ``sectors``; of
    ``mentions`` and ``sectors`` only the rows of the ``only`` articles, when given."""
    found = {"articles": articles if articles is not None else read_columns("articles", processed_dir, ARTICLE_COLUMNS)}
    for name, (columns, where) in DIGESTED.items():
        if only is not None and name in ("mentions", "sectors"):
            found[name] = read_rows_of(name, processed_dir, only, columns, where)
        else:
            found[name] = read_columns(name, processed_dir, columns, where)
    return found


def read_rows_of(name: str, processed_dir: str | Path, article_ids: set[str], columns: list[str] | None = None,
                 where=None) -> arrow.Table:
    """The rows of these articles (and ``where``), in the table's order, read from only the row
    groups that hold them: a few articles' rows are in one or two of the six groups of the
    100,000-article corpus's mentions (0.15 s of CPU where the whole table took 0.6 s)."""
    wanted = arrow.array(sorted(article_ids), arrow.string())
    with parquet.ParquetFile(Path(processed_dir) / f"{name}.parquet") as handle:
        found = compute.is_in(handle.read(columns=["article_id"])["article_id"], value_set=wanted)
        rows = numpy.flatnonzero(found.to_numpy(zero_copy_only=False))
        ends = numpy.cumsum([handle.metadata.row_group(i).num_rows for i in range(handle.metadata.num_row_groups)])
        groups = numpy.unique(numpy.searchsorted(ends, rows, side="right")).tolist()
        table = handle.read_row_groups(groups, columns=columns) if groups else handle.schema_arrow.empty_table()
    if columns is not None:
        table = table.select(columns)
    table = table.filter(compute.is_in(table["article_id"], value_set=wanted))
    return table.filter(parquet.filters_to_expression(where)) if where else table


def row_digests(articles: arrow.Table) -> pd.Series:
    """Digest (uint64) per article id of its row of ``articles`` (``ARTICLE_COLUMNS``) and of its root's."""
    ids = articles["article_id"].to_numpy().astype(object)
    own = _row_hashes(articles)
    parent = pd.Series(articles["duplicate_of"].to_numpy(zero_copy_only=False).astype(object), index=ids)
    root = _roots(parent)
    position = pd.Index(ids).get_indexer(root.to_numpy())
    root_hash = numpy.where(position >= 0, own[numpy.maximum(position, 0)], pd.util.hash_array(root.to_numpy().astype(object)))
    with numpy.errstate(over="ignore"):
        return pd.Series(own * numpy.uint64(3) + root_hash, index=pd.Index(ids, dtype=object), dtype="uint64")


def span_digests(inputs: dict[str, arrow.Table], only: set[str] | None = None) -> pd.Series:
    """Digest (uint64) per article id of its rows in the span tables (``DIGESTED``), for every article
    that has any (or only for the ids in ``only``). ``inputs``: what ``read_inputs`` returns."""
    wanted = None if only is None else arrow.array(sorted(only), arrow.string())
    total = pd.Series(dtype="uint64", index=pd.Index([], dtype=object))
    for salt, name in enumerate(DIGESTED, start=1):
        table = inputs[name]
        if wanted is not None:
            table = table.filter(compute.is_in(table["article_id"], value_set=wanted))
        folded = _fold_by_article(table["article_id"], _row_hashes(table), salt * 1_000_000_007)
        total = _wrapping_sum(total, folded)
    return total


def _wrapping_sum(a: pd.Series, b: pd.Series) -> pd.Series:
    """``a + b`` per article id, missing ids as 0, modulo 2**64 (pandas' ``add`` would go through floats)."""
    union = a.index.union(b.index)
    with numpy.errstate(over="ignore"):
        summed = a.reindex(union, fill_value=0).to_numpy("uint64") + b.reindex(union, fill_value=0).to_numpy("uint64")
    return pd.Series(summed, index=union, dtype="uint64")


def _roots(parent: pd.Series) -> pd.Series:
    """Each article's root, as ``sources.SourceIndex.root`` finds it (only reprints are walked)."""
    from .sources import SourceIndex

    reprints = parent[parent.notna() & (parent != "")]
    index = SourceIndex(duplicate_of=dict(zip(reprints.index, reprints.to_numpy())))
    roots = pd.Series(parent.index.to_numpy(), index=parent.index, dtype=object)
    roots.loc[reprints.index] = [index.root(a) for a in reprints.index]
    return roots

"""The stage's two tables from what the files yielded and what their records became, column by column in Arrow.

Input: the *items* of every raw file in reading order (``file_memo.ITEM_SCHEMA``: rejections, and
records with their ``record_key``), the *results* of the records by key (``record_cache``'s rows:
fields, rejection, signature; no texts) and a source of texts by article id (``ArticleTexts``).
Everything that depends on the whole corpus or on the day of the run is computed here, every run,
over all articles: the publication-date check against the last valid day, the order of precedence,
the duplicate search (with the verdicts of earlier runs), the manifest's accounting of every item.

Nothing here makes a Python object per article except where a rule needs one (a future date's
note; a pair of articles never compared). At 100,000 articles the tables used to be built from a
dict per article, every cached text a Python string: 4.0 s to load the cache, 2.2 s to build the
frame (profiled); here the texts stay in Arrow from the previous table to the new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import tables
from .dedup import N_PERMUTATIONS, find_duplicates
from .normalise import latest_mentioned_date

FUTURE_DATE_NOTE = "is in the future"  # in a manifest reason; a re-run looks for it
MAX_STITCHED_PIECES = 10_000


class ArticleTexts:
    """Texts by article id: the last run's articles (Arrow, as read) and this run's new ones.

    A column of texts is one new array (a Parquet column written from several chunks has other
    bytes than from one), and it is made with one copy of the corpus. When the articles keep their
    order from the last run but for a few (a re-run), it is stitched from slices of the last run's
    array; otherwise taken row by row. On this machine each fresh 400 MB array (100,000 articles)
    cost 0.1-1 s depending on the load, and taking from the two arrays as one chunked array 1.2 s
    (it concatenates them first)."""

    def __init__(self, previous: pa.Table | None, new: dict[str, str]) -> None:
        self._previous_ids = _one_array(previous["article_id"]) if previous is not None else pa.array([], pa.string())
        self._previous_texts = _one_array(previous["text"]) if previous is not None else pa.array([], pa.string())
        self._new_ids = pa.array(list(new), pa.string())
        self._new_texts = pa.array(list(new.values()), pa.string())
        self._row_of: dict[str, tuple[pa.Array, int]] | None = None

    def column(self, article_ids: pa.Array | pa.ChunkedArray) -> pa.Array:
        article_ids = _one_array(article_ids)
        previous_row = pc.index_in(article_ids, value_set=self._previous_ids)
        new_row = pc.index_in(article_ids, value_set=self._new_ids)
        if pc.any(pc.and_(pc.is_null(previous_row), pc.is_null(new_row))).as_py():
            raise KeyError("an article without a text")  # ruled out by ``ingest.run`` before any reuse
        if not len(self._previous_ids) or not len(article_ids):
            return self._new_texts.take(new_row)
        # the run of rows each row belongs to: consecutive rows of the last run's array, or a new text
        rows = pc.fill_null(previous_row, -1).to_numpy().astype(np.int64)
        breaks = np.flatnonzero(np.r_[True, (rows[1:] != rows[:-1] + 1) | (rows[1:] < 0) | (rows[:-1] < 0)])
        if len(breaks) > MAX_STITCHED_PIECES:
            texts = self._previous_texts.take(pc.fill_null(previous_row, 0))
            return pc.replace_with_mask(texts, pc.is_null(previous_row), self._new_texts.take(new_row.drop_null()))
        pieces = []
        new_rows = new_row.to_numpy(zero_copy_only=False)
        for start, stop in zip(breaks.tolist(), np.r_[breaks[1:], len(rows)].tolist()):
            if rows[start] >= 0:
                pieces.append(self._previous_texts.slice(rows[start], stop - start))
            else:
                pieces.append(self._new_texts.take(pa.array(new_rows[start:stop].astype(np.int64))))
        return pa.concat_arrays(pieces)

    def __call__(self, article_ids: list[str]) -> list[str]:
        """A few texts (the duplicate search asks for two at a time, up to once per pair compared:
        a lookup table is built once, where ``column`` would hash every id at each call)."""
        if self._row_of is None:
            self._row_of = {article_id: (self._previous_texts, row) for row, article_id in enumerate(self._previous_ids.to_pylist())}
            self._row_of.update((article_id, (self._new_texts, row)) for row, article_id in enumerate(self._new_ids.to_pylist()))
        try:
            return [texts[row].as_py() for texts, row in map(self._row_of.__getitem__, article_ids)]
        except KeyError:
            raise KeyError("an article without a text") from None


def _one_array(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


@dataclass
class Assembled:
    articles: pa.Table  # in the Arrow schema of ``articles``
    manifest: pd.DataFrame
    verdicts: pa.Table
    future_dates: bool  # some publication date was after the last valid day


def assemble_tables(items: pa.Table, results: pa.Table, texts: ArticleTexts, latest_valid: date,
             known_verdicts: pa.Table, known_shingles: dict[str, np.ndarray] | None = None) -> Assembled:
    """The articles and manifest tables, byte for byte what the per-article loop they replace wrote.

    ``results`` must hold a row for the key of every record of ``items``."""
    result_row = pc.index_in(items["key"], value_set=results["key"])
    if result_row.null_count != items["key"].null_count:
        raise KeyError("a record without a result")
    rejection = pc.coalesce(items["reason"], results["rejection"].take(result_row))
    is_candidate = pc.is_null(rejection)
    rejected = _rejected_rows(items.filter(pc.invert(is_candidate)), rejection.filter(pc.invert(is_candidate)))
    candidate_result_row = result_row.filter(is_candidate)
    # every column but the signatures (512 bytes a row, most of the bytes): those are taken once, in order
    found = results.drop_columns(["signature"]).take(candidate_result_row)
    located = items.filter(is_candidate)
    candidates = pa.table({
        "article_id": found["article_id"], "source": _source(found["url"], located["path"], located["record"]),
        "path": located["path"], "url": found["url"], "outlet": found["outlet"], "published": found["published"],
        "published_basis": found["published_basis"], "published_not_before": found["published_not_before"],
        "title": found["title"], "byline": found["byline"], "language": found["language"],
        "n_words": pc.cast(found["n_words"], pa.int64()), "notes": found["notes"], "result_row": candidate_result_row,
        "record": located["record"], "format": located["format"], "n_bytes": located["n_bytes"],
    })
    candidates, future_dates = _check_dates(candidates, latest_valid, texts)
    # Originals first: the earliest published (undated last), ties by source, so reprints point back at them.
    order = pc.sort_indices(pa.table({"published": candidates["published"], "source": candidates["source"],
                                      "path": candidates["path"], "record": pc.fill_null(candidates["record"], 0)}),
                            sort_keys=[("published", "ascending", "at_end"), ("source", "ascending", "at_end"),
                                       ("path", "ascending", "at_end"), ("record", "ascending", "at_end")])
    candidates = candidates.take(order)
    article_ids = candidates["article_id"].combine_chunks()
    signatures, has_signature = _signature_matrix(results["signature"].take(candidates["result_row"]))
    search = find_duplicates(article_ids, signatures, has_signature, texts, known_verdicts, known_shingles)
    duplicate_of = article_ids.take(pa.array(search.original, mask=search.original < 0))
    near = (search.original >= 0) & ~search.exact
    manifest_candidates = _candidate_rows(candidates, duplicate_of, search.exact, near)
    kept = candidates.filter(pa.array(~search.exact)).append_column("duplicate_of", duplicate_of.filter(pa.array(~search.exact)))
    kept = kept.take(pc.sort_indices(kept["source"]))  # stable: ties stay in order of precedence
    articles = pa.table({name: (texts.column(kept["article_id"]) if name == "text" else kept[name])
                         for name in tables.spec("articles").columns}, schema=tables.arrow_schema("articles"))
    manifest = pa.concat_tables([rejected, manifest_candidates])
    manifest = manifest.take(pc.sort_indices(manifest, sort_keys=[("path", "ascending", "at_start"), ("record", "ascending", "at_start")]))
    manifest_frame = tables.conform(manifest.to_pandas(date_as_object=False), "manifest")
    return Assembled(articles.combine_chunks(), manifest_frame, search.verdicts, future_dates)


_MANIFEST_SCHEMA = pa.schema([
    ("source", pa.string()), ("path", pa.string()), ("record", pa.int64()), ("format", pa.string()), ("n_bytes", pa.int64()),
    ("status", pa.string()), ("reason", pa.string()), ("article_id", pa.string()), ("duplicate_of", pa.string()),
])


def _source(url: pa.ChunkedArray, path: pa.ChunkedArray, record: pa.ChunkedArray) -> pa.ChunkedArray:
    """The url when there is one (not empty), else ``path#record``, else the path."""
    located = pc.coalesce(pc.binary_join_element_wise(path, pc.cast(record, pa.string()), "#"), path)
    has_url = pc.fill_null(pc.greater(pc.binary_length(url), 0), False)
    return pc.if_else(has_url, url, located)


def _rejected_rows(items: pa.Table, reasons: pa.ChunkedArray) -> pa.Table:
    n = items.num_rows
    return pa.table({
        "source": _source(pa.nulls(n, pa.string()), items["path"], items["record"]), "path": items["path"],
        "record": items["record"], "format": items["format"], "n_bytes": items["n_bytes"],
        "status": pa.array(["rejected"] * n, pa.string()), "reason": reasons,
        "article_id": pa.nulls(n, pa.string()), "duplicate_of": pa.nulls(n, pa.string()),
    }, schema=_MANIFEST_SCHEMA)


def _candidate_rows(candidates: pa.Table, duplicate_of: pa.Array, exact: np.ndarray, near: np.ndarray) -> pa.Table:
    reasons = []
    for notes, of, is_exact, is_near in zip(candidates["notes"].to_pylist(), duplicate_of.to_pylist(), exact.tolist(), near.tolist()):
        if is_exact:
            reasons.append(f"exact duplicate of article {of}: same text")
        else:
            reasons.append("; ".join(([f"near duplicate (syndicated reprint) of article {of}"] if is_near else []) + notes) or None)
    duplicate = pa.array(exact | near)
    return pa.table({
        "source": candidates["source"], "path": candidates["path"], "record": candidates["record"],
        "format": candidates["format"], "n_bytes": candidates["n_bytes"],
        "status": pc.if_else(duplicate, "duplicate", "ingested"), "reason": pa.array(reasons, pa.string()),
        # an exact duplicate is no article of its own: the manifest names the one it repeats
        "article_id": pc.if_else(pa.array(exact), duplicate_of, candidates["article_id"]), "duplicate_of": duplicate_of,
    }, schema=_MANIFEST_SCHEMA)


def _check_dates(candidates: pa.Table, latest_valid: date, texts: ArticleTexts) -> tuple[pa.Table, bool]:
    """A publication date after ``latest_valid`` is impossible: left empty, with a note, and the
    article dated from its text instead (as an undated one)."""
    future = pc.fill_null(pc.greater(candidates["published"], pa.scalar(latest_valid, pa.date32())), False)
    rows = np.flatnonzero(future.to_numpy(zero_copy_only=False))
    if not len(rows):
        return candidates, False
    late = candidates.take(pa.array(rows))
    article_texts = texts(late["article_id"].to_pylist())
    not_before = [latest_mentioned_date(text) for text in article_texts]
    notes = [list(notes) + [f"publication date {published.isoformat()} {FUTURE_DATE_NOTE}; left empty"]
             for notes, published in zip(late["notes"].to_pylist(), late["published"].to_pylist())]
    replaced = {"published": pa.nulls(len(rows), pa.date32()), "published_basis": pa.array(["unknown"] * len(rows)),
                "published_not_before": pa.array(not_before, pa.date32()), "notes": pa.array(notes, pa.list_(pa.string()))}
    for name, values in replaced.items():
        candidates = candidates.set_column(candidates.schema.get_field_index(name), name, _replace_rows(candidates[name], rows, values))
    return candidates, True


def _replace_rows(column: pa.ChunkedArray, rows: np.ndarray, values: pa.Array) -> pa.Array:
    """``column`` with ``column[rows[i]]`` replaced by ``values[i]``."""
    n = len(column)
    source = np.arange(n)
    source[rows] = n + np.arange(len(rows))
    return pa.chunked_array(column.chunks + [values.cast(column.type)], column.type).combine_chunks().take(pa.array(source))


def _signature_matrix(signatures: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """(articles x N_PERMUTATIONS) uint64 matrix of the signatures (a view of the Arrow buffer; the
    rows of missing ones hold anything), and which rows have one."""
    array = signatures.combine_chunks()
    has = ~np.asarray(array.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    if not len(array):
        return np.zeros((0, N_PERMUTATIONS), dtype=np.uint64), has
    data = np.frombuffer(array.buffers()[1], dtype=np.uint64)
    return data[array.offset * N_PERMUTATIONS : (array.offset + len(array)) * N_PERMUTATIONS].reshape(-1, N_PERMUTATIONS), has

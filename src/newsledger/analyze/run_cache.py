"""What the last analysis was computed from, kept so that the next one recomputes only what changed.

Two hidden files in the processed folder (not stage tables: no stage reads them):

* ``CACHE_NAME``: one row per article of the last run, the two parts of its digest
  (``article_digests``): of its row of ``articles`` (missing when it had none) and of its span rows
  (missing when it had none);
* ``COUNTS_NAME``: per original article and country, how many of its tagged sentences mention the
  country (the one count of the sector profile that its rows do not show).

Both carry, in their Parquet metadata, the analysis fingerprint (the analyze code, the schema and
table code, the reference data: ``fingerprint.stage_fingerprint("analyze")``) and the SHA-256 of
every output table the run wrote. A re-run trusts them only when the fingerprint is today's and
every output file still has those bytes: a missing, damaged (page checksums) or foreign cache, or
an output edited since, means the analysis is computed again from scratch, never a wrong table.

The digests file also records the SHA-256 of the span tables the run read (``consumed``): the next
run compares them with today's files and with annotate's record of what it changed since which
outputs (``changed_annotations``), and hashes the span rows of only the articles that may differ.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy
import pandas as pd
import pyarrow as arrow
import pyarrow.compute as compute
import pyarrow.parquet as parquet

from ..atomic import atomic_path

CACHE_NAME = ".analyze-cache.parquet"
COUNTS_NAME = ".analyze-countries.parquet"
_FINGERPRINT_KEY = b"newsledger.analyze.fingerprint"
_OUTPUTS_KEY = b"newsledger.analyze.outputs"
_CONSUMED_KEY = b"newsledger.analyze.consumed"
_DIGESTS_SCHEMA = arrow.schema([arrow.field("article_id", arrow.string(), nullable=False),
                                arrow.field("row_digest", arrow.uint64()),
                                arrow.field("span_digest", arrow.uint64())])
_COUNTS_SCHEMA = arrow.schema([arrow.field("article_id", arrow.string(), nullable=False),
                               arrow.field("entity_id", arrow.string(), nullable=False),
                               arrow.field("n_sentences", arrow.int64(), nullable=False)])


def cache_fingerprint() -> str:
    from ..fingerprint import combine, stage_fingerprint

    return combine("analyze run cache 2", stage_fingerprint("analyze"))


@dataclass
class RunCache:
    rows: pd.Series  # uint64 per id of ``articles``: ``article_digests.row_digests``
    spans: pd.Series  # uint64 per id with span rows: ``article_digests.span_digests``
    counts: arrow.Table  # article_id, entity_id, n_sentences (``_COUNTS_SCHEMA``)
    consumed: dict[str, str]  # span table file name -> SHA-256 of the bytes the run read


def output_digests(processed_dir: str | Path, names: tuple[str, ...]) -> dict[str, str]:
    from ..fingerprint import table_digests

    return table_digests(processed_dir, names)


def _read(path: Path, schema: arrow.Schema, fingerprint: str, outputs: dict[str, str]) -> tuple[arrow.Table, dict] | None:
    if not path.is_file():
        return None
    with parquet.ParquetFile(path, page_checksum_verification=True) as handle:
        found = handle.schema_arrow
        metadata = found.metadata or {}
        if metadata.get(_FINGERPRINT_KEY) != fingerprint.encode() or not found.remove_metadata().equals(schema):
            return None
        if json.loads(metadata.get(_OUTPUTS_KEY, b"{}")) != outputs:
            return None
        return handle.read(), metadata


def _digest_series(table: arrow.Table, column: str) -> pd.Series:
    present = table.filter(table[column].is_valid())
    ids = present["article_id"].to_numpy(zero_copy_only=False).astype(object)
    return pd.Series(present[column].to_numpy(), index=pd.Index(ids, dtype=object), dtype="uint64")


def load(processed_dir: str | Path, names: tuple[str, ...]) -> RunCache | None:
    """The last run's cache, when it was written under today's fingerprint and the output tables
    ``names`` still have the bytes that run wrote; None otherwise (a full analysis follows)."""
    folder = Path(processed_dir)
    try:
        if not all((folder / f"{name}.parquet").is_file() for name in names):
            return None
        outputs = output_digests(folder, names)
        fingerprint = cache_fingerprint()
        digests = _read(folder / CACHE_NAME, _DIGESTS_SCHEMA, fingerprint, outputs)
        counts = _read(folder / COUNTS_NAME, _COUNTS_SCHEMA, fingerprint, outputs)
        if digests is None or counts is None:
            return None
        (digests, metadata), (counts, _) = digests, counts
        if compute.count_distinct(digests["article_id"]).as_py() != digests.num_rows:
            return None
        consumed = json.loads(metadata[_CONSUMED_KEY])
        if not isinstance(consumed, dict):
            return None
        return RunCache(_digest_series(digests, "row_digest"), _digest_series(digests, "span_digest"),
                        counts.replace_schema_metadata(None), consumed)
    except Exception:  # noqa: BLE001 - any damage (cut short, bad pages, odd values) costs a full analysis, never a crash
        return None


def save(processed_dir: str | Path, names: tuple[str, ...], rows: pd.Series, spans: pd.Series,
         counts: pd.DataFrame | arrow.Table, consumed: dict[str, str]) -> None:
    """Write the cache for the output tables now in ``processed_dir``, each file atomically.
    ``rows``, ``spans``: the digests of today's inputs; ``counts``: the sector profile's (a frame
    from a full run, Arrow from a re-run); ``consumed``: the span tables' SHA-256."""
    if isinstance(counts, pd.DataFrame):
        counts = arrow.Table.from_arrays(
            [arrow.array(counts["article_id"].to_numpy(dtype=object), arrow.string()),
             arrow.array(counts["entity_id"].to_numpy(dtype=object), arrow.string()),
             arrow.array(counts["n_sentences"].to_numpy(), arrow.int64())], schema=_COUNTS_SCHEMA)
    folder = Path(processed_dir)
    metadata = {_FINGERPRINT_KEY: cache_fingerprint().encode(),
                _OUTPUTS_KEY: json.dumps(output_digests(folder, names), sort_keys=True).encode()}
    # Object arrays: an empty corpus's index is a RangeIndex of int64, which Arrow refuses as strings.
    ids = rows.index.union(spans.index).to_numpy(dtype=object)
    digests = arrow.Table.from_arrays(
        [arrow.array(ids, arrow.string()), _aligned(rows, ids), _aligned(spans, ids)], schema=_DIGESTS_SCHEMA)
    tables = {
        CACHE_NAME: digests.replace_schema_metadata({**metadata, _CONSUMED_KEY: json.dumps(consumed, sort_keys=True).encode()}),
        # In one order whatever the path: a re-run updates the last counts in place, a full run
        # builds them article by article, and the file must be the bytes a from-scratch run writes.
        COUNTS_NAME: counts.cast(_COUNTS_SCHEMA).sort_by([("article_id", "ascending"), ("entity_id", "ascending")])
                           .combine_chunks().replace_schema_metadata(metadata),
    }
    for name, table in tables.items():
        with atomic_path(folder / name) as tmp:
            parquet.write_table(table, tmp, compression="zstd", write_page_checksum=True)


def _aligned(digests: pd.Series, ids) -> arrow.Array:
    """``digests`` at ``ids``, missing where an id has none."""
    position = pd.Index(digests.index, dtype=object).get_indexer(ids)
    present = position >= 0
    found = digests.to_numpy("uint64")[numpy.maximum(position, 0)] if len(digests) else numpy.zeros(len(ids), "uint64")
    return arrow.array(found, arrow.uint64(), mask=~present)


def remove(processed_dir: str | Path) -> None:
    """Drop the cache (before outputs are rewritten from scratch: a half-finished run must not leave
    a cache that a later run could pair with other outputs; the output digests guard that too)."""
    for name in (CACHE_NAME, COUNTS_NAME):
        (Path(processed_dir) / name).unlink(missing_ok=True)

"""What the last analysis was computed from, kept so that the next one recomputes only what changed.

Two hidden files in the processed folder (not stage tables: no stage reads them):

* ``CACHE_NAME``: one row per article of the last run, its digest (``article_digests``);
* ``COUNTS_NAME``: per original article and country, how many of its tagged sentences mention the
  country (the one count of the sector profile that its rows do not show).

Both carry, in their Parquet metadata, the analysis fingerprint (the analyze code, the schema and
table code, the reference data: ``fingerprint.stage_fingerprint("analyze")``) and the SHA-256 of
every output table the run wrote. A re-run trusts them only when the fingerprint is today's and
every output file still has those bytes: a missing, damaged (page checksums) or foreign cache, or
an output edited since, means the analysis is computed again from scratch, never a wrong table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as arrow
import pyarrow.parquet as parquet

from ..atomic import atomic_path

CACHE_NAME = ".analyze-cache.parquet"
COUNTS_NAME = ".analyze-countries.parquet"
_FINGERPRINT_KEY = b"newsledger.analyze.fingerprint"
_OUTPUTS_KEY = b"newsledger.analyze.outputs"
_DIGESTS_SCHEMA = arrow.schema([arrow.field("article_id", arrow.string(), nullable=False),
                                arrow.field("digest", arrow.uint64(), nullable=False)])
_COUNTS_SCHEMA = arrow.schema([arrow.field("article_id", arrow.string(), nullable=False),
                               arrow.field("entity_id", arrow.string(), nullable=False),
                               arrow.field("n_sentences", arrow.int64(), nullable=False)])


def cache_fingerprint() -> str:
    from ..fingerprint import combine, stage_fingerprint

    return combine("analyze run cache 1", stage_fingerprint("analyze"))


@dataclass
class RunCache:
    digests: pd.Series  # uint64 per article id
    counts: pd.DataFrame  # article_id, entity_id, n_sentences


def output_digests(processed_dir: str | Path, names: tuple[str, ...]) -> dict[str, str]:
    from ..fingerprint import table_digests

    return table_digests(processed_dir, names)


def _read(path: Path, schema: arrow.Schema, fingerprint: str, outputs: dict[str, str]) -> arrow.Table | None:
    if not path.is_file():
        return None
    with parquet.ParquetFile(path, page_checksum_verification=True) as handle:
        found = handle.schema_arrow
        metadata = found.metadata or {}
        if metadata.get(_FINGERPRINT_KEY) != fingerprint.encode() or not found.remove_metadata().equals(schema):
            return None
        if json.loads(metadata.get(_OUTPUTS_KEY, b"{}")) != outputs:
            return None
        return handle.read()


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
        ids = digests["article_id"].to_numpy(zero_copy_only=False).astype(object)
        series = pd.Series(digests["digest"].to_numpy(), index=pd.Index(ids, dtype=object), dtype="uint64")
        if not series.index.is_unique:
            return None
        frame = pd.DataFrame({name: counts[name].to_numpy(zero_copy_only=False) for name in _COUNTS_SCHEMA.names})
        frame[["article_id", "entity_id"]] = frame[["article_id", "entity_id"]].astype(object)
        return RunCache(series, frame)
    except Exception:  # noqa: BLE001 - any damage (cut short, bad pages, odd values) costs a full analysis, never a crash
        return None


def save(processed_dir: str | Path, names: tuple[str, ...], digests: pd.Series, counts: pd.DataFrame) -> None:
    """Write the cache for the output tables now in ``processed_dir``, each file atomically."""
    folder = Path(processed_dir)
    metadata = {_FINGERPRINT_KEY: cache_fingerprint().encode(),
                _OUTPUTS_KEY: json.dumps(output_digests(folder, names), sort_keys=True).encode()}
    tables = {
        # Object arrays: an empty corpus's index is a RangeIndex of int64, which Arrow refuses as strings.
        CACHE_NAME: arrow.Table.from_arrays(
            [arrow.array(digests.index.to_numpy(dtype=object), arrow.string()), arrow.array(digests.to_numpy(), arrow.uint64())],
            schema=_DIGESTS_SCHEMA),
        COUNTS_NAME: arrow.Table.from_arrays(
            [arrow.array(counts["article_id"].to_numpy(dtype=object), arrow.string()),
             arrow.array(counts["entity_id"].to_numpy(dtype=object), arrow.string()),
             arrow.array(counts["n_sentences"].to_numpy(), arrow.int64())], schema=_COUNTS_SCHEMA),
    }
    for name, table in tables.items():
        with atomic_path(folder / name) as tmp:
            parquet.write_table(table.replace_schema_metadata(metadata), tmp, compression="zstd", write_page_checksum=True)


def remove(processed_dir: str | Path) -> None:
    """Drop the cache (before outputs are rewritten from scratch: a half-finished run must not leave
    a cache that a later run could pair with other outputs; the output digests guard that too)."""
    for name in (CACHE_NAME, COUNTS_NAME):
        (Path(processed_dir) / name).unlink(missing_ok=True)

"""What each raw record became in the last ingest run, so that a re-run normalises only new and changed records.

A record's key is a hash of everything its analysis reads: its format, its fields (title, date,
outlet, url, byline as given) and its body. The path and record number are not part of it: a record
moved to another file, or shifted by a line inserted above it, is still reused. The value is what the
analysis found: the rejection reason, or the article's text and fields before the publication date
is checked against the day of the run (that check is cheap and is redone every run, so a cache made
yesterday is right today), and its MinHash signature.

Beside it, the duplicate finder's verdicts: for each pair of articles it compared, whether they are
the same story. A verdict depends on the two texts alone (article ids are hashes of the text), and
computing it needs both articles' shingles; kept, a re-run computes shingles only for the pairs
that involve a new or changed article.

The cache is two hidden files in the processed folder (``CACHE_NAME``, ``VERDICTS_NAME``; not stage
tables: no stage reads them and the run record does not list them). The first holds one row per
distinct record of the run that wrote it, in the order the records were read, the second one row
per pair compared, in the order compared; both carry the fingerprint they were computed under
(``cache_fingerprint``: code, the reference files and libraries the analysis reads, options). Their bytes depend on the raw folder and the fingerprint alone,
never on the runs before. A file that is missing, unreadable, damaged (Parquet page checksums) or
from another fingerprint counts as empty: what it would have held is computed again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..atomic import atomic_path
from .readers import RawRecord

CACHE_NAME = ".ingest-cache.parquet"
VERDICTS_NAME = ".ingest-verdicts.parquet"
_FINGERPRINT_KEY = b"newsledger.ingest.fingerprint"
_KEY_BYTES = 16
# The reference files the analysis of a record reads (normalise.py's boilerplate patterns): only
# these enter the cache's fingerprint, so an edited gazetteer or annotator vocabulary does not make
# ingest analyse every record again (tests/ingest/test_incremental_ingest.py checks that ingest
# opens no other). The libraries whose version can change what a record becomes: html extraction,
# language detection, the MinHash arithmetic.
REFERENCE_FILES = ("boilerplate.csv",)
LIBRARIES = ("trafilatura", "htmldate", "lxml", "py3langid", "numpy")
ROWS_PER_GROUP = 2_000  # written and read a group at a time: ~10 MB of text, whatever the corpus size

_SCHEMA = pa.schema([
    pa.field("key", pa.binary(_KEY_BYTES), nullable=False),
    pa.field("rejection", pa.string()),
    pa.field("article_id", pa.string()),
    pa.field("url", pa.string()),
    pa.field("outlet", pa.string()),
    pa.field("published", pa.date32()),
    pa.field("published_basis", pa.string()),
    pa.field("published_not_before", pa.date32()),
    pa.field("title", pa.string()),
    pa.field("byline", pa.string()),
    pa.field("language", pa.string()),
    pa.field("text", pa.string()),
    pa.field("n_words", pa.int32()),
    pa.field("notes", pa.list_(pa.string())),
    pa.field("signature", pa.binary()),
])
_COLUMNS = _SCHEMA.names[1:]
_VERDICTS_SCHEMA = pa.schema([
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("candidate", pa.string(), nullable=False),
    pa.field("near", pa.bool_(), nullable=False),
])


@dataclass
class RecordResult:
    """A record's rejection reason, or the article it holds (publication date not yet checked
    against the day of the run) with its MinHash signature (None when the text has no shingles)."""

    rejection: str | None = None
    article_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_basis: str | None = None
    published_not_before: date | None = None
    title: str | None = None
    byline: str | None = None
    language: str | None = None
    text: str | None = None
    n_words: int | None = None
    notes: list[str] = field(default_factory=list)
    signature: bytes | None = None
    shingles: np.ndarray | None = field(default=None, repr=False, compare=False)  # this run only, never stored

    def signature_array(self) -> np.ndarray | None:
        return None if self.signature is None else np.frombuffer(self.signature, dtype=np.uint64)


def cache_fingerprint(parameters: dict, reference_dir: str | Path | None = None) -> str:
    """What every cached result depends on besides its record: the ingest code, the reference files
    and the libraries that the analysis reads (``REFERENCE_FILES``, ``LIBRARIES``), and ``parameters``
    (the options; the day of the run is not one)."""
    from .. import __version__, config
    from ..fingerprint import STAGE_CODE, code_digest, combine, file_digest, parameters_digest

    reference_dir = Path(reference_dir or config.REFERENCE_DIR)
    files = [f"{name} {file_digest(reference_dir / name) if (reference_dir / name).is_file() else 'missing'}" for name in REFERENCE_FILES]
    return combine(f"newsledger {__version__}", "ingest record cache", code_digest(*STAGE_CODE["ingest"]), *files,
                   *(f"{name} {_library_version(name)}" for name in LIBRARIES), parameters_digest(parameters))


def _library_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def record_key(item: RawRecord) -> bytes:
    """Hash of what the analysis of ``item`` reads; each part length-prefixed, so no two records share one."""
    digest = hashlib.blake2b(digest_size=_KEY_BYTES)
    parts = [item.format]
    for name, value in sorted(item.fields.items()):
        parts += [name, value]
    parts.append(item.body)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.digest()


def cache_path(processed_dir: str | Path) -> Path:
    return Path(processed_dir) / CACHE_NAME


def _batches(path: Path, fingerprint: str, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """The rows of a cache file a row group at a time (nothing if it is missing or from another
    fingerprint); the corpus is never held as Arrow and as Python strings at once."""
    if not path.is_file():
        return
    with pq.ParquetFile(path, page_checksum_verification=True) as cache_file:
        found = cache_file.schema_arrow
        if found.metadata is None or found.metadata.get(_FINGERPRINT_KEY) != fingerprint.encode():
            return
        if not found.remove_metadata().equals(schema):
            return
        yield from cache_file.iter_batches(batch_size=ROWS_PER_GROUP)


def _write(path: Path, fingerprint: str, schema: pa.Schema, columns: Callable[[int, int], list[pa.Array]], n_rows: int) -> Path:
    """Write rows ``[0, n_rows)`` a row group at a time; ``columns(start, stop)`` makes a group's arrays."""
    schema = schema.with_metadata({_FINGERPRINT_KEY: fingerprint.encode()})
    with atomic_path(path) as tmp:
        with pq.ParquetWriter(tmp, schema, compression="zstd", write_page_checksum=True) as writer:
            for start in range(0, n_rows, ROWS_PER_GROUP):
                writer.write_table(pa.Table.from_arrays(columns(start, min(start + ROWS_PER_GROUP, n_rows)), schema=schema))
    return path


def load(processed_dir: str | Path, fingerprint: str) -> dict[bytes, RecordResult]:
    """The record results cached under ``fingerprint``; empty when there are none that can be trusted."""
    try:
        results: dict[bytes, RecordResult] = {}
        n_rows = 0
        for batch in _batches(cache_path(processed_dir), fingerprint, _SCHEMA):
            keys = batch.column("key").to_pylist()
            columns = [batch.column(name).to_pylist() for name in _COLUMNS]
            results.update((key, RecordResult(**dict(zip(_COLUMNS, values)))) for key, *values in zip(keys, *columns))
            n_rows += len(keys)
        if len(results) != n_rows or not all(_complete(result) for result in results.values()):
            return {}
        return results
    except Exception:  # noqa: BLE001 - any damage (truncated file, bad pages, odd values) costs a full analysis, never a crash
        return {}


def load_verdicts(processed_dir: str | Path, fingerprint: str) -> dict[tuple[str, str], bool]:
    """The duplicate finder's pair verdicts cached under ``fingerprint`` (empty when none can be trusted)."""
    try:
        verdicts: dict[tuple[str, str], bool] = {}
        for batch in _batches(Path(processed_dir) / VERDICTS_NAME, fingerprint, _VERDICTS_SCHEMA):
            ids, candidates, near = (batch.column(name).to_pylist() for name in _VERDICTS_SCHEMA.names)
            verdicts.update(zip(zip(ids, candidates), near))
        return verdicts
    except Exception:  # noqa: BLE001 - as for the record results
        return {}


def _complete(result: RecordResult) -> bool:
    if result.notes is None:
        return False
    if result.rejection is not None:
        return True
    return None not in (result.article_id, result.text, result.n_words, result.language, result.published_basis)


def save(processed_dir: str | Path, fingerprint: str, results: dict[bytes, RecordResult],
         verdicts: dict[tuple[str, str], bool]) -> None:
    """Write ``results`` and ``verdicts`` (in their order), each file atomically, as the cache for ``fingerprint``."""
    keys, rows = list(results), list(results.values())

    def result_columns(start: int, stop: int) -> list[pa.Array]:
        arrays = [pa.array(keys[start:stop], type=_SCHEMA.field("key").type)]
        return arrays + [pa.array([getattr(row, name) for row in rows[start:stop]], type=_SCHEMA.field(name).type) for name in _COLUMNS]

    _write(cache_path(processed_dir), fingerprint, _SCHEMA, result_columns, len(rows))
    pairs, near = list(verdicts), list(verdicts.values())

    def verdict_columns(start: int, stop: int) -> list[pa.Array]:
        return [pa.array([a for a, _ in pairs[start:stop]], pa.string()), pa.array([b for _, b in pairs[start:stop]], pa.string()),
                pa.array(near[start:stop], pa.bool_())]

    _write(Path(processed_dir) / VERDICTS_NAME, fingerprint, _VERDICTS_SCHEMA, verdict_columns, len(pairs))

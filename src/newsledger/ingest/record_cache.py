"""What each raw record became in the last ingest run, so that a re-run normalises only new and changed records.

A record's key is a hash of everything its analysis reads: its format, its fields (title, date,
outlet, url, byline as given) and its body. The path and record number are not part of it: a record
moved to another file, or shifted by a line inserted above it, is still reused. The value is what the
analysis found: the rejection reason, or the article's fields before the publication date is
checked against the day of the run (that check is cheap and is redone every run, so a cache made
yesterday is right today), and its MinHash signature. Not its text: that is in the run's
``articles.parquet`` under the same ``article_id`` (an id is a hash of the text, and every article
of the cache became an article of that table or an exact duplicate of one), so keeping it here too
cost writing the corpus twice, ~1 s a run at 100,000 articles. A re-run takes texts from the
articles table only when the run record vouches for its bytes (``ingest.run``).

Beside it, the duplicate finder's verdicts: for each pair of articles it compared, whether they are
the same story. A verdict depends on the two texts alone (article ids are hashes of the text), and
computing it needs both articles' shingles; kept, a re-run computes shingles only for the pairs
that involve a new or changed article.

The cache is hidden files in the processed folder (``CACHE_NAME``, ``VERDICTS_NAME``; not stage
tables: no stage reads them and the run record does not list them). The first holds one row per
distinct record of the run that wrote it, in the order the records were read, the second one row
per pair compared, in the order compared; both carry the fingerprint they were computed under
(``cache_fingerprint``: code, the reference files and libraries the analysis reads, options). Their
bytes depend on the raw folder and the fingerprint alone, never on the runs before. A file that is
missing, unreadable, damaged (Parquet page checksums), from another fingerprint or incomplete counts
as empty: what it would have held is computed again. Both are read and written as Arrow tables,
never as a Python object per record.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..atomic import atomic_path
from .dedup import N_PERMUTATIONS
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
ROWS_PER_GROUP = 2_000  # the files' layout, and so their bytes, follow it; read whole (no texts: 56 MB at 100,000 records)
SIGNATURE_BYTES = 8 * N_PERMUTATIONS

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
    pa.field("n_words", pa.int32()),
    pa.field("notes", pa.list_(pa.string())),
    pa.field("signature", pa.binary(SIGNATURE_BYTES)),
])
_COLUMNS = _SCHEMA.names[1:]
# what an article's row must have (a rejection needs its reason alone)
_ARTICLE_COLUMNS = ("article_id", "n_words", "language", "published_basis")
VERDICTS_SCHEMA = pa.schema([
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


def read_cache_file(path: Path, fingerprint: str, schema: pa.Schema) -> pa.Table | None:
    """The cache file's rows, or None if it is missing or from another fingerprint or schema."""
    if not path.is_file():
        return None
    with pq.ParquetFile(path, page_checksum_verification=True) as cache_file:
        found = cache_file.schema_arrow
        if found.metadata is None or found.metadata.get(_FINGERPRINT_KEY) != fingerprint.encode():
            return None
        if not found.remove_metadata().equals(schema):
            return None
        return cache_file.read().replace_schema_metadata(None).combine_chunks()


def write_cache_file(path: Path, fingerprint: str, table: pa.Table, uncompressed: tuple[str, ...] = ()) -> Path:
    """Write ``table`` a row group of ROWS_PER_GROUP at a time (the groups, and so the bytes, are the
    same whatever chunks the table is made of); the ``uncompressed`` columns are stored as they are."""
    schema = table.schema.with_metadata({_FINGERPRINT_KEY: fingerprint.encode()})
    table = table.combine_chunks()
    compression = {name: "none" if name in uncompressed else "zstd" for name in table.column_names}
    with atomic_path(path) as tmp:
        with pq.ParquetWriter(tmp, schema, compression=compression, write_page_checksum=True) as writer:
            for start in range(0, table.num_rows, ROWS_PER_GROUP):
                writer.write_table(table.slice(start, ROWS_PER_GROUP).replace_schema_metadata(schema.metadata))
    return path


def load(processed_dir: str | Path, fingerprint: str) -> pa.Table | None:
    """The record results cached under ``fingerprint`` (columns of ``results_table``), or None when
    there are none that can be trusted."""
    try:
        results = read_cache_file(cache_path(processed_dir), fingerprint, _SCHEMA)
        if results is None or pc.count_distinct(results["key"]).as_py() != results.num_rows:
            return None
        articles = results.filter(pc.is_null(results["rejection"]))
        if results["notes"].null_count or any(articles[name].null_count for name in _ARTICLE_COLUMNS):
            return None
        return results
    except Exception:  # noqa: BLE001 - any damage (truncated file, bad pages, odd values) costs a full analysis, never a crash
        return None


def load_verdicts(processed_dir: str | Path, fingerprint: str) -> pa.Table:
    """The duplicate finder's pair verdicts cached under ``fingerprint`` (empty when none can be trusted)."""
    try:
        verdicts = read_cache_file(Path(processed_dir) / VERDICTS_NAME, fingerprint, VERDICTS_SCHEMA)
        return verdicts if verdicts is not None else VERDICTS_SCHEMA.empty_table()
    except Exception:  # noqa: BLE001 - as for the record results
        return VERDICTS_SCHEMA.empty_table()


def results_table(results: dict[bytes, RecordResult]) -> pa.Table:
    """``results`` (key -> result) as rows of the cache, in their order; the texts are left out."""
    rows = list(results.values())
    columns = {"key": pa.array(list(results), _SCHEMA.field("key").type)}
    for name in _COLUMNS:
        columns[name] = pa.array([getattr(row, name) for row in rows], _SCHEMA.field(name).type)
    return pa.table(columns, schema=_SCHEMA)


def save(processed_dir: str | Path, fingerprint: str, results: pa.Table, verdicts: pa.Table) -> None:
    """Write ``results`` (columns of ``results_table``) and ``verdicts`` (columns of ``VERDICTS_SCHEMA``),
    each file atomically, as the cache for ``fingerprint``."""
    # MinHash values are near-random bits: at 100,000 articles zstd made the file 32 MB instead of 56 MB
    # but cost ~0.3 s a write and ~0.1 s a read, on every re-run
    write_cache_file(cache_path(processed_dir), fingerprint, results.cast(_SCHEMA), uncompressed=("signature",))
    write_cache_file(Path(processed_dir) / VERDICTS_NAME, fingerprint, verdicts.cast(VERDICTS_SCHEMA))

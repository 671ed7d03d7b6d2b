"""What each raw file gave the last ingest run, so that a re-run neither reads nor parses an unchanged file.

The raw folder's digest already hashes every file's bytes (``fingerprint.raw_file_states``). What a
reader makes of a file depends on those bytes, its name (the format comes from the suffix) and the
options (``max_bytes``), and on nothing else: so a file whose name and digest are those of the last
run yields the items it yielded then, and the memo keeps them. An item is a manifest line in the
making: a record (its ``record_key``, number, format and size; what the record became is in the
record cache under that key) or a rejection with its reason. At 100,000 articles in 100 jsonl
files, reading and parsing every file and hashing every record into its key was 15.6 of a re-run's
33 s (profiled); with the memo only the changed file is read.

A file is remembered only when the bytes hashed are the bytes read: a file that cannot be read now
(its rejection says "unreadable"), or that changed between hashing and reading (being written
while ingest ran), is read again next time, whatever its name. Like the record cache, the
memo is a hidden Parquet file in the processed folder (``MEMO_NAME``), one row per item in reading
order, stamped with the cache fingerprint (code, options, libraries); its bytes depend on the raw
folder and that fingerprint alone. A memo that is missing, damaged or from another fingerprint
counts as empty, and then every file is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from . import record_cache
from .readers import RawRecord, Rejected

MEMO_NAME = ".ingest-files.parquet"
UNREADABLE = "unreadable"  # the start of a rejection that says the bytes could not be read

# One row per item; ``digest`` is the file's (null for an item that must not be remembered).
ITEM_SCHEMA = pa.schema([
    pa.field("path", pa.string(), nullable=False),
    pa.field("digest", pa.string()),
    pa.field("record", pa.int64()),
    pa.field("format", pa.string(), nullable=False),
    pa.field("n_bytes", pa.int64(), nullable=False),
    pa.field("reason", pa.string()),  # a rejection's reason; null for a record
    pa.field("key", pa.binary(16)),  # a record's key; null for a rejection
])


@dataclass(frozen=True)
class Span:
    digest: str
    start: int
    stop: int


class FileMemo:
    """The last run's items, looked up by file name and digest."""

    def __init__(self, items: pa.Table | None = None) -> None:
        self.items = items if items is not None else ITEM_SCHEMA.empty_table()
        self._spans: dict[str, Span | None] = {}
        paths, digests = self.items["path"].to_pylist(), self.items["digest"].to_pylist()
        start = 0
        for row in range(1, len(paths) + 1):
            if row == len(paths) or paths[row] != paths[start] or digests[row] != digests[start]:
                # Two files can share a name as the manifest writes it (a name that is not UTF-8 is
                # shown with backslash escapes, which a real name may also hold): such a name is never reused.
                self._spans[paths[start]] = None if paths[start] in self._spans else Span(digests[start], start, row)
                start = row

    def items_of(self, name: str, digest: str | None) -> pa.Table | None:
        """The items the file yielded last time, or None if it was not read then with these bytes."""
        span = self._spans.get(name)
        if span is None or digest is None or span.digest != digest:
            return None
        return self.items.slice(span.start, span.stop - span.start)

    def keys(self) -> pa.ChunkedArray:
        return self.items["key"]


def read_failed(items: list[RawRecord | Rejected]) -> bool:
    """Whether reading the file failed although its bytes could be hashed (it changed in between)."""
    return any(isinstance(item, Rejected) and item.reason.startswith(UNREADABLE) for item in items)


def item_rows(items: list[RawRecord | Rejected], keys: list[bytes | None], digest: str | None) -> pa.Table:
    """Items read from one file now (``keys[i]`` is the ``record_key`` of a record, None for a
    rejection); ``digest`` None when the caller cannot vouch that they come from the bytes hashed."""
    return pa.table({
        "path": [item.path for item in items],
        "digest": pa.array([digest] * len(items), pa.string()),
        "record": pa.array([item.record for item in items], pa.int64()),
        "format": [item.format for item in items],
        "n_bytes": pa.array([item.n_bytes for item in items], pa.int64()),
        "reason": pa.array([item.reason if isinstance(item, Rejected) else None for item in items], pa.string()),
        "key": pa.array(keys, pa.binary(16)),
    }, schema=ITEM_SCHEMA)


def problem_row(name: str, problem: str) -> pa.Table:
    """The item of a file the walk could not read as a file (never remembered: it was not read)."""
    return pa.table({"path": [name], "digest": pa.array([None], pa.string()), "record": pa.array([None], pa.int64()),
                     "format": ["unknown"], "n_bytes": pa.array([0], pa.int64()), "reason": [problem],
                     "key": pa.array([None], pa.binary(16))}, schema=ITEM_SCHEMA)


def memo_path(processed_dir: str | Path) -> Path:
    return Path(processed_dir) / MEMO_NAME


def load(processed_dir: str | Path, fingerprint: str) -> FileMemo:
    """The memo written under ``fingerprint``; empty when there is none that can be trusted."""
    try:
        items = record_cache.read_cache_file(memo_path(processed_dir), fingerprint, ITEM_SCHEMA)
        if items is None or items["digest"].null_count:
            return FileMemo()
        return FileMemo(items)
    except Exception:  # noqa: BLE001 - any damage costs reading every file, never a crash
        return FileMemo()


def save(processed_dir: str | Path, fingerprint: str, items: pa.Table) -> None:
    """Remember the items of ``items`` (this run's, in reading order) that have a digest."""
    record_cache.write_cache_file(memo_path(processed_dir), fingerprint, items.filter(pc.is_valid(items["digest"])))

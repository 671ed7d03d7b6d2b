"""Readers: one per raw format. Each turns a file into raw records (or says why it cannot).

A reader never raises on bad input: it yields a ``Rejected`` item with a reason a person understands,
and the ingest stage records it in the manifest.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import charset_normalizer

# Field names that scrapers and news databases use for the same thing; the first is ours.
FIELD_SYNONYMS = {
    "text": ("text", "body", "content", "article", "full_text", "article_text", "maintext"),
    "published": ("published", "date", "published_at", "publication_date", "pub_date", "datetime", "date_publish"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename", "source_name", "media"),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "uri", "source_url"),
    "byline": ("byline", "author", "authors", "writer"),
}

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md"}
HTML_SUFFIXES = {".html": "html", ".htm": "html"}
RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}

DEFAULT_MAX_BYTES = 10_000_000


@dataclass
class RawRecord:
    """One article as a reader found it, before normalisation."""

    path: str  # relative to the raw folder, with forward slashes
    format: str
    n_bytes: int
    body: str  # plain text (txt/md, a record's text) or the html document
    record: int | None = None  # 1-based record number within a jsonl/csv file
    fields: dict[str, str] = field(default_factory=dict)  # published, outlet, title, url, byline as given


@dataclass
class Rejected:
    path: str
    format: str
    n_bytes: int
    reason: str
    record: int | None = None


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    for table in (TEXT_SUFFIXES, HTML_SUFFIXES, RECORD_SUFFIXES):
        if suffix in table:
            return table[suffix]
    return "unknown"


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text of ``data`` and a note on the encoding when it was not UTF-8; (None, reason) when undecodable.

    UTF-8 (with or without a byte-order mark) is tried first because nearly all files are UTF-8; only
    then does charset_normalizer guess among legacy encodings (cp1251, latin-1, ...).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        utf8_error = error
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        return None, f"undecodable: not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and no other encoding fits"
    return str(best), f"decoded as {best.encoding} (not UTF-8)"


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.1


def iter_raw_files(raw_dir: Path) -> Iterator[tuple[Path, str | None]]:
    """Every file below ``raw_dir`` in a stable order, with a reason when it cannot be read as a file.

    Symbolic links are followed once; a link that points back into a folder already visited (a loop),
    or nowhere, is reported instead of followed.
    """
    seen_dirs: set[tuple[int, int]] = set()

    def walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
        try:
            st = folder.stat()
        except OSError as error:
            yield folder, f"unreadable folder: {error.strerror}"
            return
        if (st.st_dev, st.st_ino) in seen_dirs:
            yield folder, "symbolic link loop: this folder was already read"
            return
        seen_dirs.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            yield folder, f"unreadable folder: {error.strerror}"
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith(".") or entry.name == "__pycache__":
                continue  # hidden files and folders (.gitkeep, .DS_Store, .ipynb_checkpoints) are not articles
            try:
                if entry.is_dir(follow_symlinks=True):
                    yield from walk(path)
                elif entry.is_file(follow_symlinks=True):
                    yield path, None
                elif entry.is_symlink():
                    yield path, "broken symbolic link: it points to nothing"
                else:
                    yield path, "not a regular file"
            except OSError as error:
                yield path, f"unreadable: {error.strerror}"

    yield from walk(raw_dir)


def read_file(path: Path, raw_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawRecord | Rejected]:
    """The raw records of one file (one for txt/md/html, one per record for jsonl/csv), or its rejection."""
    relative = path.relative_to(raw_dir).as_posix()
    fmt = file_format(path)
    try:
        n_bytes = path.stat().st_size
    except OSError as error:
        yield Rejected(relative, fmt, 0, f"unreadable: {error.strerror}")
        return
    if fmt == "unknown":
        yield Rejected(relative, fmt, n_bytes, f"unsupported format {path.suffix or '(no extension)'!r}: expected .txt, .md, .html, .jsonl or .csv")
        return
    if n_bytes == 0:
        yield Rejected(relative, fmt, 0, "empty file")
        return
    if n_bytes > max_bytes:
        yield Rejected(relative, fmt, n_bytes, f"too large: {n_bytes / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit (raise max_bytes to read it)")
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield Rejected(relative, fmt, n_bytes, f"unreadable: {error.strerror}")
        return
    if looks_binary(data):
        yield Rejected(relative, fmt, n_bytes, "binary file: it holds bytes that text does not")
        return
    text, note = decode(data)
    if text is None:
        yield Rejected(relative, fmt, n_bytes, note or "undecodable")
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt in ("txt", "md", "html"):
        fields = {"encoding_note": note} if note else {}
        yield RawRecord(relative, fmt, n_bytes, text, None, fields)
    elif fmt == "jsonl":
        yield from _jsonl_records(relative, text)
    else:
        yield from _csv_records(relative, text)


def _pick(record: dict, name: str) -> str | None:
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    for key in FIELD_SYNONYMS[name]:
        value = lowered.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if value not in (None, "") and not (isinstance(value, float) and value != value):
            return str(value)
    return None


def _record(relative: str, fmt: str, number: int, n_bytes: int, record: object) -> RawRecord | Rejected:
    if not isinstance(record, dict):
        return Rejected(relative, fmt, n_bytes, f"malformed record: expected an object with fields, got {type(record).__name__}", number)
    text = _pick(record, "text")
    if text is None:
        names = ", ".join(sorted(str(k) for k in record)) or "none"
        return Rejected(relative, fmt, n_bytes, f"no text field (looked for text, body, content; the record has: {names})", number)
    fields = {name: value for name in ("published", "outlet", "title", "url", "byline") if (value := _pick(record, name))}
    return RawRecord(relative, fmt, n_bytes, text.replace("\r\n", "\n"), number, fields)


def _jsonl_records(relative: str, text: str) -> Iterator[RawRecord | Rejected]:
    number = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        number += 1
        n_bytes = len(line.encode("utf-8"))
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejected(relative, "jsonl", n_bytes, f"malformed record: not valid JSON ({error.msg} at column {error.colno})", number)
            continue
        yield _record(relative, "jsonl", number, n_bytes, record)
    if number == 0:
        yield Rejected(relative, "jsonl", len(text.encode("utf-8")), "empty file: no records")


def _csv_records(relative: str, text: str) -> Iterator[RawRecord | Rejected]:
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = reader.fieldnames or []
    except csv.Error as error:
        yield Rejected(relative, "csv", len(text.encode("utf-8")), f"malformed csv: {error}")
        return
    if not any(h and h.strip().lower() in FIELD_SYNONYMS["text"] for h in header):
        yield Rejected(relative, "csv", len(text.encode("utf-8")), f"no text column (looked for text, body, content; the columns are: {', '.join(h for h in header if h) or 'none'})")
        return
    number = 0
    try:
        for row in reader:
            number += 1
            row.pop(None, None)  # cells beyond the header
            n_bytes = len(",".join(v or "" for v in row.values()).encode("utf-8"))
            yield _record(relative, "csv", number, n_bytes, row)
    except csv.Error as error:
        yield Rejected(relative, "csv", 0, f"malformed record: {error}", number + 1)
    if number == 0:
        yield Rejected(relative, "csv", len(text.encode("utf-8")), "empty file: a header and no records")

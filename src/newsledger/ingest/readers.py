"""Readers: one per raw format. Each turns a file into raw records (or says why it cannot).

A reader never raises on bad input: it yields a ``Rejected`` item with a reason a person understands,
and the ingest stage records it in the manifest.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
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
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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


# Below this share of non-ASCII bytes a file is Latin-script text with a few accented letters, curly
# quotes or dashes; guessing among legacy encodings from so few bytes picks cp775 or cp1250 as often
# as not ("Türkiye" became "T³rkiye"), while Windows-1252 is what such English files nearly always are.
LATIN_TEXT_MAX_NON_ASCII = 0.1


def relative_name(path: Path, raw_dir: Path) -> str:
    """``path`` relative to the raw folder, with forward slashes, as a string that can be stored:
    bytes of a file name that are not UTF-8 are shown as ``\\xff`` escapes instead of lone surrogates."""
    relative = path.relative_to(raw_dir).as_posix() if path.is_relative_to(raw_dir) else str(path)
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text of ``data`` and a note on the encoding when it was not UTF-8; (None, reason) when undecodable.

    UTF-8 (with or without a byte-order mark) is tried first because nearly all files are UTF-8; then
    UTF-16 when the file starts with its byte-order mark; then Windows-1252 for Latin-script text with
    few non-ASCII bytes; only then does charset_normalizer guess among legacy encodings (cp1251, ...).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        utf8_error = error
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "decoded as utf-16 (not UTF-8)"
        except UnicodeDecodeError:
            pass
    non_ascii = len(data) - len(data.translate(None, bytes(range(128, 256))))
    if non_ascii <= LATIN_TEXT_MAX_NON_ASCII * len(data):
        try:
            return data.decode("cp1252"), "decoded as cp1252 (not UTF-8)"
        except UnicodeDecodeError:
            pass
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
    resolved_raw_dir = raw_dir.resolve()

    def walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
        try:
            st = folder.stat()
        except OSError as error:
            yield folder, f"unreadable folder: {error.strerror}"
            return
        if (st.st_dev, st.st_ino) in seen_dirs:
            yield folder, "symbolic link loop: this folder was already read"
            return
        if folder != raw_dir and resolved_raw_dir.is_relative_to(folder.resolve()):
            # A link to a folder above the raw folder would read everything beside it, then loop.
            yield folder, "symbolic link loop: it points to a folder that holds the raw folder"
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
    relative = relative_name(path, raw_dir)
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
    if looks_binary(data) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text is full of NUL bytes
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


def _pick(lowered: dict, name: str) -> str | None:
    """The value of field ``name`` under any of its synonyms; ``lowered`` has the record's keys stripped and lower-cased."""
    for key in FIELD_SYNONYMS[name]:
        value = lowered.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if value not in (None, "") and not (isinstance(value, float) and value != value):
            # JSON may escape half of a surrogate pair ("\\ud800"): such a string cannot be written as UTF-8.
            return _LONE_SURROGATE.sub("\ufffd", str(value))
    return None


def _record(relative: str, fmt: str, number: int, n_bytes: int, record: object) -> RawRecord | Rejected:
    if not isinstance(record, dict):
        return Rejected(relative, fmt, n_bytes, f"malformed record: expected an object with fields, got {type(record).__name__}", number)
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    text = _pick(lowered, "text")
    if text is None:
        names = ", ".join(sorted(str(k) for k in record)) or "none"
        return Rejected(relative, fmt, n_bytes, f"no text field (looked for text, body, content; the record has: {names})", number)
    fields = {name: value for name in ("published", "outlet", "title", "url", "byline") if (value := _pick(lowered, name))}
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
        except (ValueError, RecursionError) as error:  # an integer of thousands of digits; arrays nested thousands deep
            yield Rejected(relative, "jsonl", n_bytes, f"malformed record: JSON that cannot be read ({type(error).__name__})", number)
            continue
        yield _record(relative, "jsonl", number, n_bytes, record)
    if number == 0:
        yield Rejected(relative, "jsonl", len(text.encode("utf-8")), "empty file: no records")


def _csv_records(relative: str, text: str) -> Iterator[RawRecord | Rejected]:
    # The csv module refuses cells over 128 kB (a long article) and then cannot read on; no cell of a
    # file can be longer than the file, which is already within max_bytes.
    if csv.field_size_limit() <= len(text):
        csv.field_size_limit(len(text) + 1)
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
        yield Rejected(relative, "csv", 0, f"malformed record: {error}; the rest of the file cannot be read", number + 1)
        return
    if number == 0:
        yield Rejected(relative, "csv", len(text.encode("utf-8")), "empty file: a header and no records")

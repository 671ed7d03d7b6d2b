"""Stage 1: read every file under the raw folder into ``articles`` and account for it in ``manifest``."""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from .. import tables
from .dedup import DuplicateFinder, signature
from .html import extract_html
from .language import detect_language
from .normalise import latest_mentioned_date, normalise_text
from . import record_cache
from .readers import DEFAULT_MAX_BYTES, RawRecord, Rejected, iter_raw_files, read_file, relative_name
from .record_cache import RecordResult, record_key

DEFAULT_MIN_WORDS = 15
FUTURE_DATE_NOTE = "is in the future"  # in a manifest reason; a re-run looks for it
# Progress lines (on stderr) for a stage long enough to want them: many files, or a few large exports
# (20 MB is about 5,000 articles, tens of seconds of work on a first run).
PROGRESS_MIN_FILES = 200
PROGRESS_MIN_BYTES = 20_000_000
_WORD = re.compile(r"\w+(?:[-'\u2019.]\w+)*")


@dataclass
class IngestOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    min_words: int = DEFAULT_MIN_WORDS
    languages: tuple[str, ...] = ("en",)
    latest_valid_date: date | None = None  # publication dates after it are impossible (default: today)


def _raw_bytes(raw_dir: Path) -> int:
    total = 0
    for path, problem in iter_raw_files(raw_dir):
        try:
            total += 0 if problem else path.stat().st_size
        except OSError:
            pass
    return total


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def article_id_for(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _manifest_row(path: str, record: int | None, fmt: str, n_bytes: int, status: str, reason: str | None = None,
                  article_id: str | None = None, duplicate_of: str | None = None, source: str | None = None) -> dict:
    return {
        "source": source or (f"{path}#{record}" if record is not None else path),
        "path": path, "record": record, "format": fmt, "n_bytes": n_bytes, "status": status,
        "reason": reason, "article_id": article_id, "duplicate_of": duplicate_of,
    }


def ingest_folder(raw_dir: str | Path, options: IngestOptions | None = None, progress=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(articles, manifest) for every file below ``raw_dir``. Never raises on a bad file: it is a manifest row."""
    outcome = ingest_records(raw_dir, options, progress)
    return outcome.articles, outcome.manifest


@dataclass
class Ingested:
    """The stage's tables, and what the next run can reuse."""

    articles: pd.DataFrame
    manifest: pd.DataFrame
    results: dict[bytes, RecordResult]  # every distinct record read, in reading order: the next run's cache
    verdicts: dict[tuple[str, str], bool]  # the duplicate finder's, for the next run
    reused: int  # records whose analysis came from ``cache``
    analysed: int  # records analysed in this run


def ingest_records(raw_dir: str | Path, options: IngestOptions | None = None, progress=None,
                   cache: dict[bytes, RecordResult] | None = None,
                   verdicts: dict[tuple[str, str], bool] | None = None) -> Ingested:
    """``ingest_folder``, reusing the analysis of every record found in ``cache`` (keyed by
    ``record_key``) and the duplicate finder's ``verdicts`` on pairs of articles. Only these are
    reused: the day-of-run date check, the ordering and the duplicate search run over all articles,
    so the tables are what a run without a cache writes."""
    options = options or IngestOptions()
    latest_valid = options.latest_valid_date or date.today()
    cache = cache or {}
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw_dir}")
    candidates: list[dict] = []
    manifest: list[dict] = []
    results: dict[bytes, RecordResult] = {}
    reused = analysed = 0
    files = list(iter_raw_files(raw_dir))
    for n_done, (path, problem) in enumerate(files, 1):
        relative = relative_name(path, raw_dir)
        if problem:
            manifest.append(_manifest_row(relative, None, "unknown", 0, "rejected", problem))
            continue
        for item in read_file(path, raw_dir, options.max_bytes):
            if isinstance(item, Rejected):
                manifest.append(_manifest_row(item.path, item.record, item.format, item.n_bytes, "rejected", item.reason))
                continue
            key = record_key(item)
            result = results.get(key)
            if result is None:
                result = cache.get(key)
                if result is None:
                    result = analyse_record(item, options)
                results[key] = result
            if key in cache:
                reused += 1
            else:
                analysed += 1
            if result.rejection is not None:
                manifest.append(_manifest_row(item.path, item.record, item.format, item.n_bytes, "rejected", result.rejection))
            else:
                candidates.append(_article_row(result, item, latest_valid))
        if progress:
            progress(n_done, len(files))

    # Originals first: the earliest published (undated last), ties by source, so reprints point back at them.
    candidates.sort(key=lambda a: (a["published"] is None, a["published"] or date.min, a["source"], a["path"], a["_record"] or 0))
    finder = DuplicateFinder(verdicts)
    articles: list[dict] = []
    for article in candidates:
        duplicate_of, kind = finder.add(article["article_id"], article["text"], article.pop("_signature"), article.pop("_shingles"))
        record, fmt, n_bytes, notes = article.pop("_record"), article.pop("_format"), article.pop("_n_bytes"), article.pop("_notes")
        if kind == "exact":
            reason = f"exact duplicate of article {duplicate_of}: same text"
            manifest.append(_manifest_row(article["path"], record, fmt, n_bytes, "duplicate", reason, duplicate_of, duplicate_of, article["source"]))
            continue
        article["duplicate_of"] = duplicate_of
        status = "duplicate" if kind == "near" else "ingested"
        reasons = ([f"near duplicate (syndicated reprint) of article {duplicate_of}"] if kind == "near" else []) + notes
        manifest.append(_manifest_row(article["path"], record, fmt, n_bytes, status, "; ".join(reasons) or None,
                                      article["article_id"], duplicate_of, article["source"]))
        articles.append(article)
    verdicts = finder.verdicts
    del finder, candidates
    for result in results.values():
        result.shingles = None  # needed by the duplicate search only

    articles.sort(key=lambda a: a["source"])  # stable, as a frame's stable sort; sorting the frame would copy every text
    articles_frame = pd.DataFrame(articles, columns=tables.spec("articles").columns) if articles else tables.empty_frame("articles")
    manifest_frame = pd.DataFrame(manifest, columns=tables.spec("manifest").columns) if manifest else tables.empty_frame("manifest")
    manifest_frame = manifest_frame.sort_values(["path", "record"], kind="stable", na_position="first").reset_index(drop=True)
    return Ingested(tables.conform(articles_frame, "articles"), tables.conform(manifest_frame, "manifest"), results, verdicts, reused, analysed)


def analyse_record(item: RawRecord, options: IngestOptions) -> RecordResult:
    """What one raw record holds: its article, or why it is not one. Reads nothing of ``item`` but
    what ``record_key`` hashes; the publication date is checked against the day of the run later."""
    fields = dict(item.fields)
    body = item.body
    if item.format == "html":
        body, extracted = extract_html(item.body)
        if body is None:
            return RecordResult(rejection=extracted)
        fields = {**extracted, **fields, "published_basis": "html"}
    normalised = normalise_text(body, fields, markdown=item.format == "md")
    text = normalised.text
    n_words = count_words(text)
    if n_words == 0:
        return RecordResult(rejection="empty: no article text after removing headers and boilerplate")
    if n_words < options.min_words:
        return RecordResult(rejection=f"too short: {n_words} words (an article needs at least {options.min_words})")
    language = detect_language(text, n_words)
    if language not in options.languages:
        return RecordResult(rejection=f"not English (detected language: {language})")
    own, minhash_signature = signature(text)
    return RecordResult(
        article_id=article_id_for(text),
        url=fields.get("url"),
        outlet=normalised.outlet,
        published=normalised.published,
        published_basis=normalised.published_basis if normalised.published else "unknown",
        published_not_before=latest_mentioned_date(text) if normalised.published is None else None,
        title=normalised.title,
        byline=normalised.byline,
        language=language,
        text=text,
        n_words=n_words,
        notes=normalised.notes,
        signature=None if minhash_signature is None else minhash_signature.tobytes(),
        shingles=own,
    )


def _article_row(result: RecordResult, item: RawRecord, latest_valid: date) -> dict:
    published, basis, not_before, notes = result.published, result.published_basis, result.published_not_before, list(result.notes)
    if published is not None and published > latest_valid:
        notes.append(f"publication date {published.isoformat()} {FUTURE_DATE_NOTE}; left empty")
        published, basis, not_before = None, "unknown", latest_mentioned_date(result.text)
    url = result.url
    return {
        "article_id": result.article_id,
        "source": url if url else (f"{item.path}#{item.record}" if item.record is not None else item.path),
        "path": item.path,
        "url": url,
        "outlet": result.outlet,
        "published": published,
        "published_basis": basis,
        "published_not_before": not_before,
        "title": result.title,
        "byline": result.byline,
        "language": result.language,
        "text": result.text,
        "n_words": result.n_words,
        "duplicate_of": None,
        "_record": item.record,
        "_format": item.format,
        "_n_bytes": item.n_bytes,
        "_notes": notes,
        "_signature": result.signature_array(),
        "_shingles": result.shingles,
    }


def summary(manifest: pd.DataFrame) -> str:
    """One paragraph a person reads after the stage: counts, and each rejection with its reason."""
    counts = manifest["status"].value_counts()
    lines = [
        f"{len(manifest)} files and records read: {counts.get('ingested', 0)} ingested, "
        f"{counts.get('duplicate', 0)} duplicates, {counts.get('rejected', 0)} rejected."
    ]
    for row in manifest[manifest["status"] == "rejected"].itertuples():
        lines.append(f"  rejected {row.source}: {row.reason}")
    return "\n".join(lines)


def run(raw_dir: str | Path, processed_dir: str | Path, options: IngestOptions | None = None, force: bool = False,
        echo=print) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ingest ``raw_dir`` and write ``articles.parquet`` and ``manifest.parquet`` to ``processed_dir``.

    ``ingest.provenance.json`` beside them records the stage's fingerprint (code, reference data,
    options) and a hash of every raw file's bytes; when neither changed, nor the day in a way that
    matters, the tables are left as they are. Otherwise every file is read again, but only the records
    that are new or changed since the last run are normalised, language-detected and hashed (the
    per-record cache, ``record_cache``); the date check, the ordering and the duplicate search run
    over all articles, so the tables are byte for byte what a from-scratch run writes. ``force``
    ignores the cache."""
    from dataclasses import asdict, replace

    from ..fingerprint import StageRecord, raw_folder_digest, stage_fingerprint, table_digests

    long_stage = None  # decided when the number of files is known

    def report_progress(done: int, total: int) -> None:
        nonlocal long_stage
        if long_stage is None:
            long_stage = total >= PROGRESS_MIN_FILES or _raw_bytes(Path(raw_dir)) >= PROGRESS_MIN_BYTES
        if long_stage and (done % max(total // 10, 1) == 0 or done == total):
            print(f"ingest: {done}/{total} files read", file=sys.stderr, flush=True)

    options = options or IngestOptions()
    # Without an explicit latest date, "today" decides which publication dates are impossible; it
    # only matters to a re-run when the last run found a date in the future.
    latest_valid = options.latest_valid_date or date.today()
    parameters = {**asdict(options), "latest_valid_date": options.latest_valid_date and options.latest_valid_date.isoformat()}
    fingerprint = stage_fingerprint("ingest", parameters)
    raw_digest = raw_folder_digest(raw_dir)
    previous = None if force else StageRecord.load("ingest", processed_dir)
    if (previous is not None and previous.fingerprint == fingerprint and previous.inputs.get("raw") == raw_digest
            and (previous.items.get("future_dates") == "none" or previous.items.get("latest_valid") == latest_valid.isoformat())
            and previous.outputs_intact(processed_dir)):
        echo("ingest: nothing changed since the last run (same raw files, same options); tables left as they are")
        return tables.read_table("articles", processed_dir), tables.read_table("manifest", processed_dir)

    # The analysis of a record does not depend on the day of the run: the cache outlives it.
    cache_fingerprint = record_cache.cache_fingerprint({**parameters, "latest_valid_date": None})
    cache = {} if force else record_cache.load(processed_dir, cache_fingerprint)
    verdicts = {} if force else record_cache.load_verdicts(processed_dir, cache_fingerprint)
    outcome = ingest_records(raw_dir, replace(options, latest_valid_date=latest_valid), report_progress, cache, verdicts)
    articles, manifest = outcome.articles, outcome.manifest
    tables.write_table(articles, "articles", processed_dir)
    tables.write_table(manifest, "manifest", processed_dir)
    record_cache.save(processed_dir, cache_fingerprint, outcome.results, outcome.verdicts)
    future = manifest["reason"].fillna("").str.contains(FUTURE_DATE_NOTE, regex=False).any()
    StageRecord("ingest", fingerprint, inputs={"raw": raw_digest}, outputs=table_digests(processed_dir, ("articles", "manifest")),
                items={"latest_valid": latest_valid.isoformat(), "future_dates": "some" if future else "none"}).save(processed_dir)
    if force:
        echo("ingest: forced: every raw file read again")
    elif outcome.reused:
        echo(f"ingest: the raw files, the options or the reference data changed since the last run: {outcome.reused:,} records "
             f"reused from it, {outcome.analysed:,} new or changed records read and normalised")
    elif previous is not None:
        echo("ingest: the raw files or the options changed since the last run: every raw file read again")
    return articles, manifest

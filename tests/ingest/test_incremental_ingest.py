"""Per-record reuse between ingest runs: a re-run analyses only new and changed records, and writes
byte for byte what a from-scratch run writes."""

import json
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

import newsledger.ingest as ingest
from newsledger import tables
from newsledger.fingerprint import StageRecord
from newsledger.ingest import IngestOptions, dedup, record_cache
from newsledger.ingest.readers import RawRecord

from .test_dedup import EXTRA_PARAGRAPH, OTHER_STORY, REPRINT_INTRO, STORY
from .test_ingest_folder import story

OUTPUTS = ("articles.parquet", "manifest.parquet", record_cache.CACHE_NAME, record_cache.VERDICTS_NAME)
OPTIONS = IngestOptions(latest_valid_date=date(2025, 6, 30))


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


def build(raw: Path) -> None:
    """Originals, reprints (exact and near), rejections, and a record dated after OPTIONS' last valid day."""
    raw.mkdir(parents=True)
    (raw / "story.txt").write_text(" date 2024-10-02 " + "\n\n".join(STORY), encoding="utf-8")
    (raw / "other.txt").write_text(" date 2024-10-03 " + "\n\n".join(OTHER_STORY), encoding="utf-8")
    (raw / "feed.jsonl").write_text(jsonl(
        {"text": "\n\n".join([REPRINT_INTRO, *STORY]), "published": "2024-10-04", "url": "https://example.org/reprint"},
        {"text": story(1), "published": "2024-09-01"},
        {"text": "Too short to be an article."},
        {"text": story(2), "published": "2025-08-01"},  # after the last valid day: left undated
        {"text": "\n\n".join(STORY[:2] + [EXTRA_PARAGRAPH] + STORY[2:]), "published": "2024-10-05"},
    ), encoding="utf-8")
    (raw / "table.csv").write_text(f'title,body\nOne,"{story(3)}"\nTwo,"{story(4)}"\n', encoding="utf-8")
    (raw / "copy.txt").write_text(" date 2024-10-06 " + "\n\n".join(STORY), encoding="utf-8")  # exact duplicate


def run(raw: Path, processed: Path, options: IngestOptions = OPTIONS, **kwargs) -> list[str]:
    said: list[str] = []
    ingest.run(raw, processed, options, echo=said.append, **kwargs)
    return said


def outputs(processed: Path) -> dict[str, bytes]:
    return {name: (processed / name).read_bytes() for name in OUTPUTS}


@pytest.fixture
def analysed(monkeypatch) -> list[str]:
    """The body of every record ingest analyses (normalises, detects the language of, hashes)."""
    seen: list[str] = []
    original = ingest.analyse_record

    def recording(item, options):
        seen.append(item.body)
        return original(item, options)

    monkeypatch.setattr(ingest, "analyse_record", recording)
    return seen


def test_a_rerun_after_edits_analyses_only_new_and_changed_records_and_writes_a_from_scratch_run(tmp_path, analysed):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    build(raw)
    run(raw, processed)
    assert len(analysed) == 10  # every record, the exact copy included (its file differs)
    analysed.clear()

    # One record inside the jsonl changed: the near reprint is now dated before the story it reprints,
    # so it becomes the original of the group and the others point to it.
    lines = (raw / "feed.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    reprint = json.loads(lines[0])
    reprint["published"] = "2024-09-30"
    lines[0] = json.dumps(reprint) + "\n"
    (raw / "feed.jsonl").write_text("".join(lines), encoding="utf-8")
    (raw / "other.txt").unlink()
    (raw / "table.csv").write_text(f'title,body\nOne,"{story(3)}"\nTwo,"{story(5)}"\n', encoding="utf-8")
    (raw / "new.txt").write_text(" date 2024-10-07 " + "\n\n".join(STORY[:3]), encoding="utf-8")  # a cut reprint

    said = run(raw, processed)
    assert sorted(analysed) == sorted([reprint["text"], story(5), " date 2024-10-07 " + "\n\n".join(STORY[:3])])
    assert said == ["ingest: the raw files, the options or the reference data changed since the last run: 7 records reused "
                    "from it, 3 new or changed records read and normalised"]
    fresh = tmp_path / "fresh"
    run(raw, fresh)
    assert outputs(processed) == outputs(fresh)
    articles = tables.read_table("articles", processed).set_index("source")
    reprint_id = articles.loc["https://example.org/reprint", "article_id"]
    assert articles.loc["story.txt", "duplicate_of"] == reprint_id and articles.loc["new.txt", "duplicate_of"] == reprint_id


def test_the_day_of_the_run_is_applied_to_reused_records(tmp_path, analysed):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    build(raw)
    run(raw, processed)
    manifest = tables.read_table("manifest", processed)
    assert manifest["reason"].str.contains("publication date 2025-08-01 is in the future", regex=False).sum() == 1
    analysed.clear()
    later = IngestOptions(latest_valid_date=date(2025, 12, 31))  # the record's date is no longer in the future
    said = run(raw, processed, later)
    assert analysed == [] and "10 records reused" in said[0]
    fresh = tmp_path / "fresh"
    run(raw, fresh, later)
    assert outputs(processed) == outputs(fresh)
    articles = tables.read_table("articles", processed)
    assert date(2025, 8, 1) in set(articles["published"].dt.date)


def test_force_ignores_the_cache(tmp_path, analysed):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    build(raw)
    run(raw, processed)
    before = outputs(processed)
    analysed.clear()
    assert run(raw, processed, force=True) == ["ingest: forced: every raw file read again"]
    assert len(analysed) == 10
    assert outputs(processed) == before


def test_other_options_make_the_cache_useless(tmp_path, analysed):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    build(raw)
    run(raw, processed)
    analysed.clear()
    stricter = IngestOptions(min_words=40, latest_valid_date=OPTIONS.latest_valid_date)
    assert run(raw, processed, stricter) == ["ingest: the raw files or the options changed since the last run: every raw file read again"]
    assert len(analysed) == 10
    fresh = tmp_path / "fresh"
    run(raw, fresh, stricter)
    assert outputs(processed) == outputs(fresh)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "missing", "empty table", "foreign schema"])
def test_a_damaged_or_missing_cache_means_a_full_analysis_and_the_right_tables(tmp_path, analysed, damage):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    build(raw)
    run(raw, processed)
    for name in (record_cache.CACHE_NAME, record_cache.VERDICTS_NAME):
        path = processed / name
        if damage == "garbage":
            path.write_bytes(b"PAR1 not really parquet PAR1")
        elif damage == "truncated":
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        elif damage == "missing":
            path.unlink()
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.table({"key": pa.array([], pa.binary())}) if damage == "empty table" else pa.table({"text": ["x"], "n": [1]})
            pq.write_table(table, path)
    (raw / "copy.txt").unlink()  # a change, so that the stage runs
    analysed.clear()
    run(raw, processed)
    assert len(analysed) == 9
    fresh = tmp_path / "fresh"
    run(raw, fresh)
    assert outputs(processed) == outputs(fresh)


def test_a_cache_entry_that_lacks_what_an_article_needs_is_not_trusted(tmp_path):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    build(raw)
    run(raw, processed)
    fingerprint = ingest_cache_fingerprint()
    results = record_cache.load(processed, fingerprint)
    assert results.num_rows == 10
    verdicts = record_cache.load_verdicts(processed, fingerprint)
    record_cache.save(processed, fingerprint, results, verdicts)
    assert record_cache.load(processed, fingerprint).equals(results)
    article = results["rejection"].to_pylist().index(None)
    languages = results["language"].to_pylist()
    languages[article] = None
    record_cache.save(processed, fingerprint, results.set_column(results.schema.get_field_index("language"), "language",
                                                                  pa.array(languages, pa.string())), verdicts)
    assert record_cache.load(processed, fingerprint) is None


def ingest_cache_fingerprint() -> str:
    """The fingerprint ``ingest.run`` gives its cache with OPTIONS (the day of the run is not part of it)."""
    from dataclasses import asdict

    return record_cache.cache_fingerprint({**asdict(OPTIONS), "latest_valid_date": None})


def test_the_cache_fingerprint_follows_the_reference_files_ingest_reads_and_no_other(tmp_path):
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "boilerplate.csv").write_text("pattern\n^Read also\n", encoding="utf-8")
    (reference / "gazetteer.csv").write_text("entity_id,entity_type,name\nAZE,country,Azerbaijan\n", encoding="utf-8")
    base = record_cache.cache_fingerprint({}, reference)
    (reference / "gazetteer.csv").write_text("entity_id,entity_type,name\nAZE,country,Azərbaycan\n", encoding="utf-8")
    assert record_cache.cache_fingerprint({}, reference) == base
    (reference / "boilerplate.csv").write_text("pattern\n^Read also\n^More about\n", encoding="utf-8")
    assert record_cache.cache_fingerprint({}, reference) != base
    assert record_cache.cache_fingerprint({"min_words": 3}, reference) != record_cache.cache_fingerprint({}, reference)


def test_ingest_opens_no_reference_file_that_the_cache_fingerprint_leaves_out(tmp_path, monkeypatch):
    import builtins
    import io

    from newsledger import config
    from newsledger.ingest import normalise

    raw = tmp_path / "raw"
    build(raw)
    (raw / "page.html").write_text("<html><head><title>Rail freight</title></head><body><article><p>" + story(7)
                                   + "</p><p>" + story(8) + "</p></article></body></html>", encoding="utf-8")
    (raw / "note.md").write_text("# Rail freight\n\n" + story(9), encoding="utf-8")
    opened: list[Path] = []
    real_open = builtins.open

    def tracking_open(file, *args, **kwargs):
        if isinstance(file, (str, Path)):
            opened.append(Path(file).resolve())
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", tracking_open)
    monkeypatch.setattr(io, "open", tracking_open)
    normalise.boilerplate_patterns.cache_clear()
    try:
        articles, _ = ingest.ingest_folder(raw, OPTIONS)
    finally:
        normalise.boilerplate_patterns.cache_clear()
    assert {"page.html", "note.md"} <= set(articles["path"])
    reference = config.REFERENCE_DIR.resolve()
    read = {path.relative_to(reference).as_posix() for path in opened if path.is_relative_to(reference)}
    assert read == set(record_cache.REFERENCE_FILES)


def test_the_cache_is_not_listed_as_an_output_of_the_stage(tmp_path):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    build(raw)
    run(raw, processed)
    record = StageRecord.load("ingest", processed)
    assert set(record.outputs) == {"articles.parquet", "manifest.parquet"}
    assert all(name.startswith(".") for name in (record_cache.CACHE_NAME, record_cache.VERDICTS_NAME))


def test_a_record_key_follows_what_the_analysis_reads_and_not_where_the_record_is():
    base = RawRecord("a.jsonl", "jsonl", 100, "Body of the article.", 3, {"title": "A title", "published": "2024-01-02"})
    moved = RawRecord("b/c.jsonl", "jsonl", 120, "Body of the article.", 9, {"published": "2024-01-02", "title": "A title"})
    assert record_cache.record_key(base) == record_cache.record_key(moved)
    for other in (
        RawRecord("a.jsonl", "jsonl", 100, "Body of the article!", 3, dict(base.fields)),
        RawRecord("a.jsonl", "jsonl", 100, "Body of the article.", 3, {**base.fields, "title": "Another title"}),
        RawRecord("a.jsonl", "jsonl", 100, "Body of the article.", 3, {"title": "A title"}),
        RawRecord("a.md", "md", 100, "Body of the article.", None, dict(base.fields)),
        # the same characters split differently between field and value
        RawRecord("a.jsonl", "jsonl", 100, "Body of the article.", 3, {"title": "A titl", "published": "e2024-01-02"}),
    ):
        assert record_cache.record_key(other) != record_cache.record_key(base)


def test_known_verdicts_spare_the_shingles_and_give_the_same_groups(monkeypatch):
    texts = {"a": "\n\n".join(STORY), "b": "\n\n".join([REPRINT_INTRO] + STORY), "c": "\n\n".join(OTHER_STORY),
             "d": "\n\n".join(STORY[:3])}
    first = dedup.DuplicateFinder()
    groups = {aid: first.add(aid, text) for aid, text in texts.items()}
    assert groups == {"a": (None, None), "b": ("a", "near"), "c": (None, None), "d": ("a", "near")}
    assert first.verdicts[("b", "a")] is True
    signatures = {aid: dedup.signature(text)[1] for aid, text in texts.items()}

    def no_shingles(text):
        raise AssertionError("shingles computed although every verdict was known")

    monkeypatch.setattr(dedup, "shingles", no_shingles)
    second = dedup.DuplicateFinder(first.verdicts)
    assert {aid: second.add(aid, text, signatures[aid]) for aid, text in texts.items()} == groups
    assert second.verdicts == first.verdicts


def test_shingles_are_sorted_unique_crc32_of_five_word_runs():
    import zlib

    text = "One two three four five six. One two three four five!"
    expected = {zlib.crc32(" ".join(run).encode()) for run in [
        ("one", "two", "three", "four", "five"), ("two", "three", "four", "five", "six"),
        ("three", "four", "five", "six", "one"), ("four", "five", "six", "one", "two"),
        ("five", "six", "one", "two", "three"), ("six", "one", "two", "three", "four")]}
    array = dedup.shingles(text)
    assert array.dtype == np.uint32 and array.tolist() == sorted(expected)
    assert dedup.shingles("Too few words").tolist() == [zlib.crc32(b"too few words")]
    assert dedup.shingles("").size == 0 and dedup.signature("")[1] is None


def test_progress_is_printed_for_large_raw_folders_only(tmp_path, capsys, monkeypatch):
    raw = tmp_path / "raw"
    build(raw)  # 5 files, a few kilobytes
    run(raw, tmp_path / "small")
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(ingest, "PROGRESS_MIN_BYTES", 1_000)
    run(raw, tmp_path / "large")
    assert capsys.readouterr().err.splitlines() == [f"ingest: {n}/5 files read" for n in range(1, 6)]

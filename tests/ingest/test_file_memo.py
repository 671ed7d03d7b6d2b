"""Per-file reuse between ingest runs: a re-run reads only the raw files whose name or bytes changed,
and writes byte for byte what a from-scratch run writes."""

from pathlib import Path

import pytest

import newsledger.ingest as ingest
from newsledger import fingerprint, tables
from newsledger.ingest import file_memo, record_cache

from .test_incremental_ingest import analysed, build, jsonl, outputs, run  # noqa: F401 - analysed is a fixture
from .test_ingest_folder import story


@pytest.fixture
def read(monkeypatch) -> list[str]:
    """The name of every raw file ingest reads (opens and parses)."""
    seen: list[str] = []
    original = ingest.read_file

    def recording(path, raw_dir, max_bytes):
        seen.append(path.relative_to(raw_dir).as_posix())
        return original(path, raw_dir, max_bytes)

    monkeypatch.setattr(ingest, "read_file", recording)
    return seen


def same_as_from_scratch(raw: Path, processed: Path, scratch: Path) -> None:
    run(raw, scratch, force=True)
    assert outputs(processed) == outputs(scratch)
    assert (processed / file_memo.MEMO_NAME).read_bytes() == (scratch / file_memo.MEMO_NAME).read_bytes()


def first_run(tmp_path: Path, read: list[str], analysed: list[str]) -> tuple[Path, Path]:
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    build(raw)
    run(raw, processed)
    assert sorted(read) == ["copy.txt", "feed.jsonl", "other.txt", "story.txt", "table.csv"]
    read.clear()
    analysed.clear()
    return raw, processed


def test_only_the_changed_file_is_read(tmp_path, read, analysed):
    raw, processed = first_run(tmp_path, read, analysed)
    (raw / "table.csv").write_text(f'title,body\nOne,"{story(3)}"\nTwo,"{story(6)}"\n', encoding="utf-8")
    said = run(raw, processed)
    assert read == ["table.csv"] and analysed == [story(6)]
    assert said == ["ingest: the raw files, the options or the reference data changed since the last run: 9 records reused "
                    "from it, 1 new or changed records read and normalised"]
    same_as_from_scratch(raw, processed, tmp_path / "scratch")
    assert story(6) in set(tables.read_table("articles", processed)["text"])


def test_a_renamed_file_is_read_again_and_its_records_reused(tmp_path, read, analysed):
    raw, processed = first_run(tmp_path, read, analysed)
    (raw / "other.txt").rename(raw / "renamed.txt")
    run(raw, processed)
    assert read == ["renamed.txt"] and analysed == []
    same_as_from_scratch(raw, processed, tmp_path / "scratch")
    assert "renamed.txt" in set(tables.read_table("manifest", processed)["path"])


def test_a_record_moved_to_another_file_is_not_analysed_again(tmp_path, read, analysed):
    raw, processed = first_run(tmp_path, read, analysed)
    lines = (raw / "feed.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (raw / "feed.jsonl").write_text("".join(lines[1:]), encoding="utf-8")
    (raw / "more.jsonl").write_text(lines[0], encoding="utf-8")
    run(raw, processed)
    assert sorted(read) == ["feed.jsonl", "more.jsonl"] and analysed == []
    same_as_from_scratch(raw, processed, tmp_path / "scratch")


# "unreadable after hashing": the bytes were hashed, then reading them failed; the rejection must not
# be remembered under that digest, or the file, readable again with the same bytes, would stay rejected.
@pytest.mark.parametrize("how", ["broken link", "unreadable", "unreadable after hashing"])
def test_a_file_that_turns_unreadable_is_a_rejection_and_is_read_again_when_readable(tmp_path, read, analysed, monkeypatch, how):
    raw, processed = first_run(tmp_path, read, analysed)
    edited = (raw / "story.txt").read_text(encoding="utf-8") + "\n\nThe ministry confirmed the figures on Wednesday."
    (raw / "story.txt").unlink()
    with monkeypatch.context() as unreadable:
        if how == "broken link":
            (raw / "story.txt").symlink_to(tmp_path / "nowhere.txt")
        else:  # the file is there, but reading it fails (root reads any file whatever its mode: fail it here)
            (raw / "story.txt").write_text(edited, encoding="utf-8")

            def failing(function):
                def wrapped(path, *args, **kwargs):
                    if Path(path).name == "story.txt":
                        raise PermissionError(13, "Permission denied")
                    return function(path, *args, **kwargs)
                return wrapped

            if how == "unreadable":
                unreadable.setattr(fingerprint, "file_digest", failing(fingerprint.file_digest))
            unreadable.setattr(Path, "read_bytes", failing(Path.read_bytes))
        run(raw, processed)
        reason = tables.read_table("manifest", processed).set_index("path").loc["story.txt", "reason"]
        assert reason == ("broken symbolic link: it points to nothing" if how == "broken link" else "unreadable: Permission denied")
        same_as_from_scratch(raw, processed, tmp_path / "scratch")
    (raw / "story.txt").unlink()
    (raw / "story.txt").write_text(edited, encoding="utf-8")
    read.clear()
    run(raw, processed)
    assert "story.txt" in read
    assert tables.read_table("manifest", processed).set_index("path").loc["story.txt", "status"] == "ingested"
    same_as_from_scratch(raw, processed, tmp_path / "scratch_again")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "missing", "foreign fingerprint"])
def test_a_damaged_memo_means_reading_every_file_and_the_right_tables(tmp_path, read, analysed, damage):
    raw, processed = first_run(tmp_path, read, analysed)
    memo = processed / file_memo.MEMO_NAME
    if damage == "garbage":
        memo.write_bytes(b"PAR1 not really parquet PAR1")
    elif damage == "truncated":
        memo.write_bytes(memo.read_bytes()[: memo.stat().st_size // 2])
    elif damage == "missing":
        memo.unlink()
    else:
        items = record_cache.read_cache_file(memo, ingest_cache_fingerprint(), file_memo.ITEM_SCHEMA)
        record_cache.write_cache_file(memo, "another fingerprint", items)
    (raw / "copy.txt").unlink()  # a change, so that the stage runs
    run(raw, processed)
    assert sorted(read) == ["feed.jsonl", "other.txt", "story.txt", "table.csv"]
    assert analysed == []  # the records are still in the record cache
    same_as_from_scratch(raw, processed, tmp_path / "scratch")


def ingest_cache_fingerprint() -> str:
    from .test_incremental_ingest import ingest_cache_fingerprint as fingerprint_with_options

    return fingerprint_with_options()


def test_an_articles_table_changed_since_the_last_run_is_not_a_source_of_texts(tmp_path, read, analysed):
    raw, processed = first_run(tmp_path, read, analysed)
    articles = tables.read_table("articles", processed)
    articles.loc[0, "text"] = "A text the last run never wrote."
    tables.write_table(articles, "articles", processed)
    (raw / "copy.txt").unlink()
    run(raw, processed)
    assert sorted(read) == ["feed.jsonl", "other.txt", "story.txt", "table.csv"] and len(analysed) == 9
    same_as_from_scratch(raw, processed, tmp_path / "scratch")


def test_a_memo_that_names_records_the_cache_lacks_is_not_used(tmp_path, read, analysed):
    raw, processed = first_run(tmp_path, read, analysed)
    fingerprint_now = ingest_cache_fingerprint()
    results = record_cache.load(processed, fingerprint_now)
    # the last record read (table.csv's second) loses its result
    record_cache.save(processed, fingerprint_now, results.slice(0, results.num_rows - 1), record_cache.load_verdicts(processed, fingerprint_now))
    (raw / "copy.txt").unlink()
    run(raw, processed)
    assert sorted(read) == ["feed.jsonl", "other.txt", "story.txt", "table.csv"] and analysed == [story(4)]
    same_as_from_scratch(raw, processed, tmp_path / "scratch")


def test_a_new_file_with_a_future_date_is_checked_against_the_day_of_the_run(tmp_path, read, analysed):
    raw, processed = first_run(tmp_path, read, analysed)
    (raw / "late.jsonl").write_text(jsonl({"text": story(11), "published": "2026-01-05"}), encoding="utf-8")  # after OPTIONS' last valid day
    run(raw, processed)
    assert read == ["late.jsonl"]
    manifest = tables.read_table("manifest", processed).set_index("path")
    assert "publication date 2026-01-05 is in the future" in manifest.loc["late.jsonl", "reason"]
    same_as_from_scratch(raw, processed, tmp_path / "scratch")


def test_a_name_two_files_share_is_never_reused():
    from newsledger.ingest.readers import Rejected

    def rows(name: str, digest: str, reasons: list[str]):
        return file_memo.item_rows([Rejected(name, "txt", 10, reason) for reason in reasons], [None] * len(reasons), digest)

    import pyarrow as pa

    # "caf\\xe9.txt": how the manifest writes a Latin-1 file name, and also a real name
    shared, other = "caf\\xe9.txt", "other.txt"
    memo = file_memo.FileMemo(pa.concat_tables([rows(shared, "d1", ["one"]), rows(shared, "d2", ["two", "three"]), rows(other, "d3", ["x"])]))
    assert memo.items_of(shared, "d1") is None and memo.items_of(shared, "d2") is None
    assert memo.items_of(other, "d3")["reason"].to_pylist() == ["x"]
    assert memo.items_of(other, "another digest") is None


def test_a_file_written_while_ingest_reads_it_is_read_again_next_time(tmp_path, read, analysed, monkeypatch):
    raw, processed = first_run(tmp_path, read, analysed)
    original = (raw / "story.txt").read_text(encoding="utf-8")
    reading = ingest.read_file

    def written_between_hashing_and_reading(path, raw_dir, max_bytes):
        if path.name == "story.txt":
            path.write_text(original + "\n\nA paragraph written while ingest ran.", encoding="utf-8")
        return reading(path, raw_dir, max_bytes)

    (raw / "copy.txt").unlink()  # a change, so that the stage runs and reads story.txt
    (raw / "story.txt").write_text(original + "\n\nAn edit.", encoding="utf-8")
    with monkeypatch.context() as writing:
        writing.setattr(ingest, "read_file", written_between_hashing_and_reading)
        run(raw, processed)
    (raw / "story.txt").write_text(original + "\n\nAn edit.", encoding="utf-8")  # the bytes hashed in that run
    read.clear()
    run(raw, processed)
    assert read == ["story.txt"]
    same_as_from_scratch(raw, processed, tmp_path / "scratch")

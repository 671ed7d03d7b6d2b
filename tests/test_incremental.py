"""Incremental runs: a stage redoes only what its recorded inputs say changed, and the tables come
out byte for byte as a from-scratch run writes them."""

import os
from pathlib import Path

import pytest

from newsledger import config, fingerprint, ingest, tables
from newsledger.annotate import article

ARTICLES = {
    "trade.txt": "Trade turnover between Azerbaijan and Kazakhstan reached $450 million in 2023, up 20 percent "
                 "from the previous year, the State Customs Committee said on Monday.\n\n"
                 "The two countries plan to raise it to $1 billion by 2026, officials in Baku said.",
    "visit.txt": "President Ilham Aliyev arrived in Tashkent on a state visit to Uzbekistan on 22 August 2024. "
                 "The leaders signed twelve documents on transport, energy and trade cooperation.\n\n"
                 "Uzbekistan and Azerbaijan agreed to expand cargo transit along the Middle Corridor.",
    "cargo.txt": "Cargo shipped along the Middle Corridor through Kazakhstan, Azerbaijan and Georgia rose to "
                 "2.7 million tons in the first half of 2024, the railway company reported.\n\n"
                 "Kyrgyzstan and Turkmenistan are expected to join the corridor's next expansion.",
}


def write_raw(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def span_bytes(folder: Path) -> dict[str, bytes]:
    return {name: tables.table_path(name, folder).read_bytes() for name in article.SPAN_TABLES}


def run_both(raw: Path, processed: Path, **options) -> None:
    ingest.run(raw, processed, echo=lambda *a, **k: None)
    article.run(processed, echo=lambda *a, **k: None, **options)


@pytest.fixture
def annotated_ids(monkeypatch):
    """The article ids each annotation pass is given, in order."""
    seen: list[list[str]] = []
    original = article.annotate_articles_arrow

    def recording(articles):
        seen.append(list(articles["article_id"]))
        return original(articles)

    monkeypatch.setattr(article, "annotate_articles_arrow", recording)
    return seen


def flat(batches: list[list[str]]) -> set[str]:
    return {aid for batch in batches for aid in batch}


def ids_by_path(processed: Path) -> dict[str, str]:
    articles = tables.read_table("articles", processed)
    return dict(zip(articles["path"], articles["article_id"]))


def test_rerun_with_nothing_changed_does_no_work_and_says_so(tmp_path, annotated_ids):
    raw, processed = write_raw(tmp_path / "raw", ARTICLES), tmp_path / "processed"
    run_both(raw, processed)
    written = {p.name: p.stat().st_mtime_ns for p in processed.glob("*.parquet")}
    annotated_ids.clear()
    said: list[str] = []
    ingest.run(raw, processed, echo=said.append)
    article.run(processed, echo=said.append)
    assert annotated_ids == []
    assert {p.name: p.stat().st_mtime_ns for p in processed.glob("*.parquet")} == written
    assert len(said) == 2 and all("nothing changed" in line for line in said)


def test_one_changed_and_one_new_article_are_the_only_ones_annotated(tmp_path, annotated_ids):
    raw, processed = write_raw(tmp_path / "raw", ARTICLES), tmp_path / "processed"
    run_both(raw, processed)
    before = ids_by_path(processed)
    (raw / "trade.txt").write_text(ARTICLES["trade.txt"].replace("$450 million", "$470 million"), encoding="utf-8")
    (raw / "new.txt").write_text("Kazakhstan and Azerbaijan signed an agreement on green energy transmission in Astana "
                                 "on 5 March 2025; the cable under the Caspian Sea will carry 1,500 megawatts.", encoding="utf-8")
    annotated_ids.clear()
    said: list[str] = []
    ingest.run(raw, processed, echo=lambda *a, **k: None)
    article.run(processed, echo=said.append)
    after = ids_by_path(processed)
    assert flat(annotated_ids) == {after["trade.txt"], after["new.txt"]}
    assert after["trade.txt"] != before["trade.txt"] and after["visit.txt"] == before["visit.txt"]
    assert said == ["annotate: 2 new or changed articles annotated; 2 unchanged, their rows reused"]
    claims = tables.read_table("claims", processed)
    assert "$470 million" in set(claims["quote"]) and "$450 million" not in set(claims["quote"])

    fresh = tmp_path / "fresh"
    run_both(raw, fresh)
    assert span_bytes(processed) == span_bytes(fresh)


def test_removed_article_loses_its_rows_and_matches_a_fresh_run(tmp_path, annotated_ids):
    raw, processed = write_raw(tmp_path / "raw", ARTICLES), tmp_path / "processed"
    run_both(raw, processed)
    gone = ids_by_path(processed)["visit.txt"]
    (raw / "visit.txt").unlink()
    annotated_ids.clear()
    run_both(raw, processed)
    assert annotated_ids == [] or flat(annotated_ids) == set()
    for name in article.SPAN_TABLES:
        assert gone not in set(tables.read_table(name, processed)["article_id"])
    fresh = tmp_path / "fresh"
    run_both(raw, fresh)
    assert span_bytes(processed) == span_bytes(fresh)


def test_an_incremental_annotate_run_tells_the_next_stage_which_articles_changed(tmp_path):
    raw, processed = write_raw(tmp_path / "raw", ARTICLES), tmp_path / "processed"
    run_both(raw, processed)
    first = fingerprint.StageRecord.load("annotate", processed)
    assert first.changes == {}  # a first run cannot say what changed
    before = ids_by_path(processed)
    (raw / "trade.txt").write_text(ARTICLES["trade.txt"].replace("$450 million", "$470 million"), encoding="utf-8")
    (raw / "visit.txt").unlink()
    run_both(raw, processed)
    after = ids_by_path(processed)
    record = fingerprint.StageRecord.load("annotate", processed)
    first_step = {"since": first.outputs, "articles": sorted({before["trade.txt"], after["trade.txt"], before["visit.txt"]})}
    assert record.changes == {"steps": [first_step]}
    # A second incremental run keeps the first step: a stage that has not read the tables since
    # the first run still learns everything that changed.
    (raw / "trade.txt").write_text(ARTICLES["trade.txt"].replace("$450 million", "$480 million"), encoding="utf-8")
    run_both(raw, processed)
    again = ids_by_path(processed)
    second_step = {"since": record.outputs, "articles": sorted({after["trade.txt"], again["trade.txt"]})}
    assert fingerprint.StageRecord.load("annotate", processed).changes == {"steps": [first_step, second_step]}
    article.run(processed, force=True, echo=lambda *a, **k: None)
    assert fingerprint.StageRecord.load("annotate", processed).changes == {}


def test_same_text_with_another_publication_date_is_annotated_again(tmp_path, annotated_ids):
    raw = write_raw(tmp_path / "raw", {"a.jsonl": '{"text": %s, "published": "2024-08-23"}\n' % _json(ARTICLES["visit.txt"])})
    processed = tmp_path / "processed"
    run_both(raw, processed)
    (raw / "a.jsonl").write_text('{"text": %s, "published": "2025-01-10"}\n' % _json(ARTICLES["visit.txt"]), encoding="utf-8")
    annotated_ids.clear()
    run_both(raw, processed)
    assert flat(annotated_ids) == set(ids_by_path(processed).values())


def _json(text: str) -> str:
    import json

    return json.dumps(text)


def test_an_edited_gazetteer_reannotates_everything(tmp_path, annotated_ids, monkeypatch):
    raw, processed = write_raw(tmp_path / "raw", ARTICLES), tmp_path / "processed"
    reference = tmp_path / "reference"
    reference.mkdir()
    for path in config.REFERENCE_DIR.iterdir():
        if path.is_file():
            (reference / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(config, "REFERENCE_DIR", reference)
    run_both(raw, processed)
    with open(reference / "gazetteer.csv", "a", encoding="utf-8") as handle:
        handle.write("XYZ,organization,Caspian Test Consortium,,,\n")
    annotated_ids.clear()
    said: list[str] = []
    article.run(processed, echo=said.append)
    assert flat(annotated_ids) == set(ids_by_path(processed).values())
    assert "reference data changed" in said[0]


def test_force_recomputes_and_writes_the_same_bytes(tmp_path, annotated_ids):
    raw, processed = write_raw(tmp_path / "raw", ARTICLES), tmp_path / "processed"
    run_both(raw, processed)
    before = span_bytes(processed)
    annotated_ids.clear()
    said: list[str] = []
    article.run(processed, force=True, echo=said.append)
    assert flat(annotated_ids) == set(ids_by_path(processed).values())
    assert said == ["annotate: forced: all 3 articles annotated again"]
    assert span_bytes(processed) == before


def test_a_damaged_output_table_makes_a_full_run(tmp_path, annotated_ids):
    raw, processed = write_raw(tmp_path / "raw", ARTICLES), tmp_path / "processed"
    run_both(raw, processed)
    before = span_bytes(processed)
    tables.table_path("claims", processed).write_bytes(b"not parquet")
    annotated_ids.clear()
    run_both(raw, processed)
    assert flat(annotated_ids) == set(ids_by_path(processed).values())
    assert span_bytes(processed) == before


def test_ingest_rereads_when_a_raw_file_or_an_option_changes(tmp_path):
    raw, processed = write_raw(tmp_path / "raw", ARTICLES), tmp_path / "processed"
    quiet = lambda *a, **k: None  # noqa: E731
    ingest.run(raw, processed, echo=quiet)
    said: list[str] = []
    ingest.run(raw, processed, ingest.IngestOptions(min_words=40), echo=said.append)
    assert said == ["ingest: the raw files or the options changed since the last run: every raw file read again"]
    assert set(tables.read_table("manifest", processed)["status"]) == {"ingested", "rejected"}
    (raw / "cargo.txt").write_text(ARTICLES["cargo.txt"] + " Freight rates fell.", encoding="utf-8")
    said.clear()
    ingest.run(raw, processed, ingest.IngestOptions(min_words=40), echo=said.append)
    assert "changed" in said[0]


def test_a_future_date_makes_the_day_of_the_run_part_of_what_ingest_depends_on(tmp_path):
    from datetime import date

    raw = write_raw(tmp_path / "raw", {"a.jsonl": '{"text": %s, "published": "2031-05-01"}\n' % _json(ARTICLES["trade.txt"])})
    processed = tmp_path / "processed"
    quiet = lambda *a, **k: None  # noqa: E731
    ingest.run(raw, processed, echo=quiet)
    record = fingerprint.StageRecord.load("ingest", processed)
    assert record.items == {"latest_valid": date.today().isoformat(), "future_dates": "some"}
    record.items["latest_valid"] = "2020-01-01"  # as if the last run had been on another day
    record.save(processed)
    said: list[str] = []
    ingest.run(raw, processed, echo=said.append)
    assert "nothing changed" not in said[0]


def test_folder_digest_follows_content_and_names_not_modification_times(tmp_path):
    folder = write_raw(tmp_path / "f", {"a.csv": "x,y\n1,2\n", "b.csv": "x\n3\n"})
    first = fingerprint.folder_digest(folder)
    os.utime(folder / "a.csv", (1, 1))
    assert fingerprint.folder_digest(folder) == first
    (folder / "a.csv").write_text("x,y\n1,3\n")
    assert fingerprint.folder_digest(folder) != first
    (folder / "a.csv").write_text("x,y\n1,2\n")
    assert fingerprint.folder_digest(folder) == first
    (folder / "b.csv").rename(folder / "c.csv")
    assert fingerprint.folder_digest(folder) != first


def test_stage_fingerprint_depends_on_parameters_and_reference_data(tmp_path):
    reference = write_raw(tmp_path / "ref", {"gazetteer.csv": "entity_id,entity_type,name\nAZE,country,Azerbaijan\n"})
    base = fingerprint.stage_fingerprint("annotate", {}, reference)
    assert fingerprint.stage_fingerprint("annotate", {}, reference) == base
    assert fingerprint.stage_fingerprint("annotate", {"min_words": 3}, reference) != base
    assert fingerprint.stage_fingerprint("ingest", {}, reference) != base
    (reference / "gazetteer.csv").write_text("entity_id,entity_type,name\nAZE,country,Azərbaycan\n", encoding="utf-8")
    assert fingerprint.stage_fingerprint("annotate", {}, reference) != base


def test_a_damaged_provenance_record_reads_as_none(tmp_path):
    fingerprint.StageRecord.path("annotate", tmp_path).write_text("{not json", encoding="utf-8")
    assert fingerprint.StageRecord.load("annotate", tmp_path) is None


def analyzed_project(tmp_path: Path):
    """(raw folder, processed folder, the analyze stage, its executed notebook) after a run of the
    first three stages' code; the notebook is a stand-in, the runner only hashes it."""
    from newsledger import analyze, pipeline

    raw, processed = write_raw(tmp_path / "raw", ARTICLES), tmp_path / "processed"
    run_both(raw, processed)
    analyze.run(processed)
    stage = next(s for s in pipeline.STAGES if s.name == "analyze")
    executed = tmp_path / "executed" / stage.notebook
    executed.parent.mkdir()
    executed.write_text("{}", encoding="utf-8")
    return raw, processed, stage, executed


def test_the_runner_skips_analyze_only_while_what_it_reads_is_unchanged(tmp_path):
    from newsledger import analyze, pipeline

    raw, processed, stage, executed = analyzed_project(tmp_path)
    parameters = {"processed_dir": str(processed)}
    assert not pipeline.stage_is_current(stage, processed, parameters)  # never recorded
    pipeline.record_stage(stage, processed, parameters, pipeline.stage_outputs(stage, processed, executed, tmp_path / "report.html"))
    assert pipeline.stage_is_current(stage, processed, parameters)
    assert not pipeline.stage_is_current(stage, processed, {**parameters, "min_words": 3})
    tables.table_path("ledger", processed).unlink()
    assert not pipeline.stage_is_current(stage, processed, parameters)
    analyze.run(processed)
    pipeline.record_stage(stage, processed, parameters, pipeline.stage_outputs(stage, processed, executed, tmp_path / "report.html"))
    (raw / "cargo.txt").write_text(ARTICLES["cargo.txt"].replace("2.7 million", "3.1 million"), encoding="utf-8")
    run_both(raw, processed)  # new claims: analyze's input changed
    assert not pipeline.stage_is_current(stage, processed, parameters)


def test_a_stage_record_names_its_outputs_relative_to_the_processed_folder(tmp_path):
    from newsledger import pipeline

    _, processed, stage, executed = analyzed_project(tmp_path)
    pipeline.record_stage(stage, processed, {}, pipeline.stage_outputs(stage, processed, executed, tmp_path / "report.html"))
    saved = fingerprint.StageRecord.path("analyze", processed).read_text(encoding="utf-8")
    assert str(tmp_path) not in saved
    outputs = fingerprint.StageRecord.load("analyze", processed).outputs
    assert "ledger.parquet" in outputs and f"../executed/{stage.notebook}" in outputs
    assert fingerprint.StageRecord.load("analyze", processed).outputs_intact(processed)

"""ingest_folder and run: every file and record accounted for; the sample corpus; typed tables on disk."""

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from newsledger import tables
from newsledger.ingest import IngestOptions, ingest_folder, run, summary

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "raw"

ARTICLE = (
    "Uzbekistan and Azerbaijan signed an agreement on Friday to build a logistics hub in the port of Alat, the "
    "Uzbek transport ministry said. The hub will handle cotton and fertiliser bound for Europe along the Middle "
    "Corridor and is due to open next year, the ministry added in a statement."
)


def story(n: int) -> str:
    """A distinct article per n (so that no two are duplicates of each other)."""
    words = ["cotton", "grain", "copper", "fertiliser", "textiles", "fruit", "steel", "cement", "paper", "glass"]
    return (
        f"Shipments of {words[n % 10]} from Tashkent to Baku rose to {100 + n} thousand tons in the first half of the "
        f"year, the railway of Uzbekistan reported on Monday, citing figure number {n}. The operator plans {n + 3} new "
        f"container trains a week on the route across the Caspian Sea, and {words[(n + 3) % 10]} is expected to follow."
    )


def build_mixed_folder(folder: Path) -> int:
    """Files of every kind; returns how many files and records the manifest must account for."""
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / "a.txt").write_text(story(1))
    (folder / "sub" / "b.md").write_text("# A headline for the story\n\n" + story(2))
    (folder / "sub" / "deeper" / "c.txt").write_text(story(1))  # exact duplicate of a.txt
    (folder / "feed.jsonl").write_text("\n".join([json.dumps({"text": story(3)}), "{broken", json.dumps({"text": "Too short."})]))
    (folder / "table.csv").write_text(f'title,body\nOne,"{story(4)}"\nTwo,"{story(5)}"\n')
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "empty.txt").write_bytes(b"")
    (folder / ".hidden.txt").write_text(story(6))  # hidden files are not articles and not rows
    return 1 + 1 + 1 + 3 + 2 + 1 + 1


def test_manifest_accounts_for_every_file_and_record(tmp_path):
    expected_rows = build_mixed_folder(tmp_path)
    articles, manifest = ingest_folder(tmp_path)
    assert len(manifest) == expected_rows
    counts = manifest["status"].value_counts().to_dict()
    assert counts == {"ingested": 5, "rejected": 4, "duplicate": 1}
    assert sum(counts.values()) == expected_rows
    assert len(articles) == counts["ingested"]  # no near duplicates here: one article per ingested row
    assert set(articles["article_id"]) == set(manifest.loc[manifest["status"] == "ingested", "article_id"])
    assert ".hidden.txt" not in set(manifest["path"])
    assert set(manifest["path"]) == {"a.txt", "sub/b.md", "sub/deeper/c.txt", "feed.jsonl", "table.csv", "notes.docx", "empty.txt"}
    rejected = manifest[manifest["status"] == "rejected"].set_index("source")["reason"].to_dict()
    assert rejected["feed.jsonl#2"].startswith("malformed record")
    assert rejected["feed.jsonl#3"].startswith("too short")
    assert rejected["notes.docx"].startswith("unsupported format")
    assert rejected["empty.txt"] == "empty file"
    assert articles.set_index("source").loc["sub/b.md", "title"] == "A headline for the story"
    assert sorted(articles.loc[articles["path"] == "table.csv", "source"]) == ["table.csv#1", "table.csv#2"]


def test_tables_match_their_schemas(tmp_path):
    build_mixed_folder(tmp_path)
    articles, manifest = ingest_folder(tmp_path)
    tables.validate(articles, "articles")
    tables.validate(manifest, "manifest")
    assert articles["article_id"].is_unique


def test_ingest_is_deterministic(tmp_path):
    build_mixed_folder(tmp_path)
    first = ingest_folder(tmp_path)
    second = ingest_folder(tmp_path)
    pd.testing.assert_frame_equal(first[0], second[0])
    pd.testing.assert_frame_equal(first[1], second[1])


def test_run_writes_both_tables_and_they_read_back(tmp_path):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    processed.mkdir()
    build_mixed_folder(raw)
    articles, manifest = run(raw, processed)
    assert sorted(p.name for p in processed.iterdir()) == [".ingest-cache.parquet", ".ingest-files.parquet", ".ingest-verdicts.parquet", "articles.parquet", "ingest.provenance.json", "manifest.parquet"]
    pd.testing.assert_frame_equal(tables.read_table("articles", processed), articles)
    pd.testing.assert_frame_equal(tables.read_table("manifest", processed), manifest)


def test_empty_folder_gives_empty_tables(tmp_path):
    articles, manifest = ingest_folder(tmp_path)
    assert articles.empty and manifest.empty
    assert list(articles.columns) == tables.spec("articles").columns


def test_missing_folder_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="raw folder not found"):
        ingest_folder(tmp_path / "nope")


def test_progress_is_reported_per_file(tmp_path):
    build_mixed_folder(tmp_path)
    calls = []
    ingest_folder(tmp_path, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, 7) for i in range(1, 8)]


def test_future_date_is_left_empty_with_a_note(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2024-06-01 " + ARTICLE)
    articles, manifest = ingest_folder(tmp_path, IngestOptions(latest_valid_date=date(2024, 5, 31)))
    assert articles["published"].isna().all() and articles["published_basis"].tolist() == ["unknown"]
    assert manifest["reason"][0] == "publication date 2024-06-01 is in the future; left empty"


def test_summary_lists_counts_and_rejections(tmp_path):
    build_mixed_folder(tmp_path)
    _, manifest = ingest_folder(tmp_path)
    text = summary(manifest)
    assert text.startswith("10 files and records read: 5 ingested, 1 duplicates, 4 rejected.")
    assert "  rejected empty.txt: empty file" in text.splitlines()


# --- the sample corpus ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample():
    return ingest_folder(SAMPLE)


def test_sample_corpus_gives_five_articles(sample):
    articles, manifest = sample
    assert len(articles) == 5
    assert manifest["status"].tolist() == ["ingested"] * 5
    assert articles["duplicate_of"].isna().all()
    assert (articles["language"] == "en").all()


def test_sample_corpus_outlets_and_dates(sample):
    articles, _ = sample
    rows = {row["path"][:3]: row for row in articles.to_dict("records")}
    published = {key: (None if pd.isna(row["published"]) else row["published"].date()) for key, row in rows.items()}
    assert published == {
        "000": date(2024, 3, 7),
        "001": date(2024, 9, 4),
        "002": None,
        "003": date(2023, 9, 14),
        "004": date(2023, 1, 1),
    }
    assert rows["001"]["outlet"] == "AzerNews" and rows["001"]["published_basis"] == "header"
    assert rows["001"]["byline"] == "Nazrin Abdul"
    assert rows["003"]["outlet"] == "Trend News Agency"
    assert rows["002"]["outlet"] == "AzVision.az"
    assert rows["002"]["published_basis"] == "unknown"
    assert rows["002"]["published_not_before"].date() == date(2024, 8, 1)
    assert pd.isna(rows["000"]["published_not_before"])
    assert rows["004"]["title"] == "Azerbaijan: 2022 was year for big cooperation breakthroughs with Central Asia countries"


def test_sample_corpus_texts_are_clean(sample):
    articles, _ = sample
    texts = dict(zip(articles["path"].str[:3], articles["text"]))
    assert "During this period, Azerbaijan exported $24.5 million worth of goods to Kazakhstan" in texts["001"]
    assert texts["001"].startswith("Through its strategic policies")
    assert texts["003"].startswith("Fostering stronger cooperation")
    assert texts["004"].startswith("Building on shared roots")
    assert "AzVision.az" not in texts["002"] and "More about" not in texts["002"]
    for text in texts.values():
        assert " date 20" not in text and "MENAFN" not in text and "\r" not in text
        assert all(p and p == p.strip() and "\n" not in p for p in text.split("\n\n"))

"""Hostile input and hard guarantees: a folder of everything that goes wrong in real exports.

Each case is generated into a temporary folder; the test checks its manifest row (status, and a reason
naming the problem), that the run completes quickly, that every file and record is accounted for,
and that nothing is written outside the output folder.
"""

import json
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from newsledger.ingest import run, summary

CYRILLIC_NAME = "\u0441\u0442\u0430\u0442\u044c\u044f 1.txt"  # "статья 1.txt"
RUSSIAN = (
    "\u0410\u0437\u0435\u0440\u0431\u0430\u0439\u0434\u0436\u0430\u043d \u0438 \u041a\u0430\u0437\u0430\u0445\u0441\u0442\u0430\u043d "
    "\u0434\u043e\u0433\u043e\u0432\u043e\u0440\u0438\u043b\u0438\u0441\u044c \u0440\u0430\u0441\u0448\u0438\u0440\u0438\u0442\u044c "
    "\u0441\u043e\u0442\u0440\u0443\u0434\u043d\u0438\u0447\u0435\u0441\u0442\u0432\u043e \u0432 \u043e\u0431\u043b\u0430\u0441\u0442\u0438 "
    "\u0442\u0440\u0430\u043d\u0441\u043f\u043e\u0440\u0442\u0430 \u0438 \u044d\u043d\u0435\u0440\u0433\u0435\u0442\u0438\u043a\u0438. "
) * 2 + (
    "Товарооборот между странами вырос на пятнадцать процентов за первые девять месяцев года, сообщили в министерстве. "
    "Стороны также обсудили новые паромы для Каспийского моря и строительство терминалов в портах."
)
GOODS = ["cotton", "grain", "copper", "fertiliser", "textiles", "fruit", "steel", "cement", "paper", "glass", "wool", "oil"]


def story(n: int) -> str:
    """A distinct English article for case n, so that no two cases are duplicates by accident."""
    return (
        f"Shipments of {GOODS[n % 12]} from Aktau to Baku rose to {100 + n} thousand tons in the first half of the "
        f"year, the Kazakh railway reported on Monday in report number {n}. The operator plans {n + 3} new container "
        f"trains a week on the route across the Caspian Sea, and {GOODS[(n + 5) % 12]} shipments are expected to follow."
    )


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def build(raw: Path) -> dict[str, tuple[str, str | None]]:
    """Write every hostile case; return source -> (expected status, a phrase its reason must hold)."""
    expect: dict[str, tuple[str, str | None]] = {}

    write(raw / "empty.txt", b"")
    expect["empty.txt"] = ("rejected", "empty file")
    write(raw / "binary.txt", bytes(range(256)) * 40)
    expect["binary.txt"] = ("rejected", "binary file")
    with open(raw / "huge.txt", "wb") as handle:  # 50 MB on one line
        handle.write(b"trade " * (50_000_000 // 6 + 1))
    expect["huge.txt"] = ("rejected", "too large: 50.0 MB is over the 10.0 MB limit")
    write(raw / "invalid_utf8.txt", story(1).encode("utf-8").replace(b"Monday", b"Monday\xff\xfe\x80"))
    expect["invalid_utf8.txt"] = ("ingested", "decoded as cp1252 (not UTF-8)")
    write(raw / "undecodable.txt", bytes(range(128, 256)) * 20)
    expect["undecodable.txt"] = ("rejected", "undecodable: not UTF-8")
    write(raw / "russian_cp1251.txt", RUSSIAN.encode("cp1251"))
    expect["russian_cp1251.txt"] = ("rejected", "not English (detected language: ru)")
    write(raw / "latin1.txt", (story(2) + " T\u00fcrkiye's caf\u00e9 r\u00e9sum\u00e9 was na\u00efve.").encode("latin-1"))
    expect["latin1.txt"] = ("ingested", "decoded as cp1252 (not UTF-8)")
    write(raw / "bom.txt", b"\xef\xbb\xbf" + story(3).encode("utf-8"))
    expect["bom.txt"] = ("ingested", None)
    write(raw / "utf16.txt", story(4).encode("utf-16"))
    expect["utf16.txt"] = ("ingested", "decoded as utf-16")
    write(raw / "crlf.txt", (story(5) + "\r\n\r\n" + story(6) + "\r\n").encode("utf-8"))
    expect["crlf.txt"] = ("ingested", None)
    write(
        raw / "page.html",
        "<html><head><title>Rail freight</title><script>var leaked = 'SCRIPT_PAYLOAD';</script></head><body>"
        "<nav>Home | NAV_ITEM</nav><article><h1>Rail freight grows</h1>"
        f"<p>{story(7)}</p><iframe src='https://evil.example/'>IFRAME_PAYLOAD</iframe>"
        f"<script>document.write('INLINE_SCRIPT')</script><p>{story(8)}</p></article>"
        "<footer>FOOTER_PAYLOAD</footer></body></html>",
    )
    expect["page.html"] = ("ingested", None)
    feed = [
        json.dumps({"text": story(9), "id": "../../etc/passwd", "url": "../../etc/passwd"}),
        '{"text": "broken line, no closing brace',
        "",
        json.dumps(["a", "list"]),
        json.dumps({"title": "a record without text"}),
        "[" * 100_000,
        json.dumps({"text": story(10).replace("Monday", "Monday \ud800")}),
    ]
    write(raw / "feed.jsonl", "\n".join(feed))
    expect["../../etc/passwd"] = ("ingested", None)
    expect["feed.jsonl#2"] = ("rejected", "malformed record: not valid JSON")
    expect["feed.jsonl#3"] = ("rejected", "malformed record: expected an object with fields, got list")
    expect["feed.jsonl#4"] = ("rejected", "no text field")
    expect["feed.jsonl#5"] = ("rejected", "malformed record")
    expect["feed.jsonl#6"] = ("ingested", None)
    write(raw / "no_text_column.csv", "title,date,url\nA story,2024-01-01,https://x.example\n")
    expect["no_text_column.csv"] = ("rejected", "no text column")
    write(raw / "original.txt", story(11))
    write(raw / "reprints" / "copy.txt", story(11))
    expect["original.txt"] = ("ingested", None)
    expect["reprints/copy.txt"] = ("duplicate", "exact duplicate of article")
    os.symlink("..", raw / "reprints" / "back_to_raw")  # a folder link to its own parent: a loop
    expect["reprints/back_to_raw"] = ("rejected", "symbolic link loop")
    os.symlink("..", raw / "above")  # a link above the raw folder would read all beside it
    expect["above"] = ("rejected", "symbolic link loop")
    os.symlink("missing.txt", raw / "dangling.txt")
    expect["dangling.txt"] = ("rejected", "broken symbolic link")
    os.mkfifo(raw / "pipe.txt")  # reading it would block forever
    expect["pipe.txt"] = ("rejected", "not a regular file")
    write(raw / CYRILLIC_NAME, story(12))
    expect[CYRILLIC_NAME] = ("ingested", None)
    write(raw / "my article.txt", story(13))
    expect["my article.txt"] = ("ingested", None)
    write(Path(os.fsdecode(os.fsencode(raw) + b"/bad\xffname.txt")), story(14))
    expect["bad\\xffname.txt"] = ("ingested", None)
    write(raw / "impossible_date.txt", " date 2024-02-30 " + story(15))
    expect["impossible_date.txt"] = ("ingested", "header date 'date 2024-02-30' is not a valid date; left empty")
    write(raw / "future_date.txt", " date 2099-01-01 " + story(16))
    expect["future_date.txt"] = ("ingested", "publication date 2099-01-01 is in the future; left empty")
    write(raw / "photo.jpg", b"\xff\xd8\xff\xe0" + bytes(100))
    expect["photo.jpg"] = ("rejected", "unsupported format '.jpg'")
    return expect


def tree(folder: Path) -> set[str]:
    return {os.path.relpath(os.path.join(root, name), folder) for root, dirs, files in os.walk(folder) for name in dirs + files}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    raw, processed = base / "raw", base / "processed"
    (base / "outside_the_raw_folder.txt").write_text(story(20))  # must not be read through the `above` link
    expect = build(raw)
    before = tree(base)
    started = time.perf_counter()
    articles, manifest = run(raw, processed)
    seconds = time.perf_counter() - started
    return {"base": base, "raw": raw, "processed": processed, "expect": expect, "before": before,
            "articles": articles, "manifest": manifest, "seconds": seconds}


def test_the_run_completes_quickly(hostile):
    assert hostile["seconds"] < 30, f"ingest of the hostile folder took {hostile['seconds']:.1f} s"


def test_every_case_has_its_manifest_row(hostile):
    rows = hostile["manifest"].set_index("source")
    for source, (status, phrase) in hostile["expect"].items():
        assert source in rows.index, f"no manifest row for {source!r}"
        row = rows.loc[source]
        assert row["status"] == status, (source, row["status"], row["reason"])
        if phrase is None:
            assert pd.isna(row["reason"]), (source, row["reason"])  # ingested without a note
        else:
            assert phrase in row["reason"], (source, row["reason"])


def test_counts_add_up(hostile):
    manifest, articles, expect = hostile["manifest"], hostile["articles"], hostile["expect"]
    assert len(manifest) == len(expect)
    assert set(manifest["source"]) == set(expect)
    counts = manifest["status"].value_counts()
    assert counts["ingested"] + counts["duplicate"] + counts["rejected"] == len(manifest)
    # An exact duplicate makes no article; every other ingested or duplicate row is one.
    exact = manifest["reason"].fillna("").str.startswith("exact duplicate").sum()
    assert len(articles) == counts["ingested"] + counts["duplicate"] - exact
    assert f"{len(manifest)} files and records read: {counts['ingested']} ingested" in summary(manifest)


def test_nothing_outside_the_raw_folder_was_read(hostile):
    assert not hostile["manifest"]["path"].str.contains("outside_the_raw_folder").any()
    assert not any("Aktau to Baku rose to 120 thousand" in text for text in hostile["articles"]["text"])


def test_nothing_is_written_outside_the_output_folder(hostile):
    after = tree(hostile["base"])
    # The two tables, the stage's provenance record (what they were computed from) and its hidden
    # caches for the next run (records, verdicts, files), nothing else.
    assert after - hostile["before"] == {"processed", "processed/articles.parquet", "processed/manifest.parquet",
                                         "processed/ingest.provenance.json", "processed/.ingest-cache.parquet",
                                         "processed/.ingest-verdicts.parquet", "processed/.ingest-files.parquet"}
    assert not Path("/etc/passwd.parquet").exists()


def test_path_like_ids_and_urls_stay_plain_strings(hostile):
    article = hostile["articles"].set_index("source").loc["../../etc/passwd"]
    assert article["url"] == "../../etc/passwd"
    assert article["path"] == "feed.jsonl"


def test_texts_are_clean(hostile):
    texts = dict(zip(hostile["articles"]["source"], hostile["articles"]["text"]))
    for text in texts.values():
        assert "\r" not in text and "\ufeff" not in text
        assert all(p and p == p.strip() for p in text.split("\n\n"))
    page = texts["page.html"]
    for payload in ("SCRIPT_PAYLOAD", "INLINE_SCRIPT", "IFRAME_PAYLOAD", "FOOTER_PAYLOAD", "NAV_ITEM"):
        assert payload not in page
    assert story(7) in page and story(8) in page
    assert texts["crlf.txt"] == story(5) + "\n\n" + story(6)
    assert texts["bom.txt"] == story(3)
    assert texts["utf16.txt"] == story(4)
    assert "T\u00fcrkiye's caf\u00e9 r\u00e9sum\u00e9 was na\u00efve." in texts["latin1.txt"]
    assert "Monday \ufffd" in texts["feed.jsonl#6"]  # half a surrogate pair cannot be stored: replaced


def test_impossible_and_future_dates_are_left_empty(hostile):
    articles = hostile["articles"].set_index("source")
    for source in ("impossible_date.txt", "future_date.txt"):
        assert articles["published"].isna()[source]
        assert articles.loc[source, "published_basis"] == "unknown"


def test_file_names_are_kept_as_written(hostile):
    paths = set(hostile["articles"]["path"])
    assert {CYRILLIC_NAME, "my article.txt", "bad\\xffname.txt"} <= paths

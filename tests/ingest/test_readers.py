"""Readers: one per format, field synonyms, and every rejection reason with a reason a person understands."""

import json
from pathlib import Path

import pytest

from newsledger.ingest import IngestOptions, ingest_folder, read_file
from newsledger.ingest.html import extract_html
from newsledger.ingest.readers import Rejected, RawRecord, decode

ARTICLE = (
    "Kazakhstan and Azerbaijan agreed on Tuesday to raise rail freight along the Middle Corridor, the national "
    "railway companies said after talks in Astana. Container traffic between the ports of Aktau and Baku grew by "
    "35 percent in the first nine months of the year, reaching 41,000 TEU, and the sides discussed new ferries."
)

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Kazakhstan and Azerbaijan expand rail freight | Caspian Wire</title>
<meta property="og:site_name" content="Caspian Wire">
<meta property="article:published_time" content="2024-10-02T09:15:00+05:00">
<meta name="author" content="Dana Seitkali">
<script>var tracker = "TRACKER_SCRIPT_TEXT";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/economy">NAVIGATION_MENU_ITEM</a></li></ul></nav>
<article><h1>Kazakhstan and Azerbaijan expand rail freight</h1>
<p>Kazakhstan and Azerbaijan agreed on Tuesday to raise rail freight along the Middle Corridor, the national railway companies said after talks in Astana.</p>
<p>Container traffic between the ports of Aktau and Baku grew by 35 percent in the first nine months of the year, reaching 41,000 TEU.</p>
<iframe src="https://ads.example/frame">IFRAME_TEXT</iframe>
<p>The sides also discussed new ferries for the Caspian crossing, which would cut transit time by two days.</p>
</article>
<footer><p>FOOTER_COPYRIGHT_TEXT. All rights reserved.</p></footer>
<script>document.write("TRAILING_SCRIPT_TEXT")</script>
</body></html>
"""


def read(path: Path, max_bytes: int = 10_000_000) -> list:
    return list(read_file(path, path.parent, max_bytes))


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def one_rejection(path: Path, **kwargs) -> Rejected:
    items = read(path, **kwargs)
    assert len(items) == 1 and isinstance(items[0], Rejected), items
    return items[0]


def ingest(folder: Path, **options):
    articles, manifest = ingest_folder(folder, IngestOptions(**options))
    return articles, manifest


# --- formats -----------------------------------------------------------------------------------


def test_txt_and_md_are_one_record_each(tmp_path):
    [txt] = read(write(tmp_path, "a.txt", ARTICLE))
    [md] = read(write(tmp_path, "b.markdown", "# Title here\n\n" + ARTICLE))
    assert isinstance(txt, RawRecord) and txt.format == "txt" and txt.body == ARTICLE and txt.record is None
    assert txt.path == "a.txt" and txt.n_bytes == len(ARTICLE.encode())
    assert md.format == "md" and md.body.startswith("# Title here")


def test_html_main_text_and_metadata_through_trafilatura(tmp_path):
    text, fields = extract_html(PAGE)
    assert fields["title"] == "Kazakhstan and Azerbaijan expand rail freight"
    assert fields["published"] == "2024-10-02"
    assert fields["byline"] == "Dana Seitkali"
    assert fields["outlet"] == "Caspian Wire"
    assert "reaching 41,000 TEU." in text
    for junk in ("TRACKER_SCRIPT_TEXT", "TRAILING_SCRIPT_TEXT", "NAVIGATION_MENU_ITEM", "FOOTER_COPYRIGHT_TEXT", "IFRAME_TEXT"):
        assert junk not in text


def test_html_article_row(tmp_path):
    write(tmp_path, "page.htm", PAGE)
    articles, manifest = ingest(tmp_path)
    [article] = articles.to_dict("records")
    assert article["title"] == "Kazakhstan and Azerbaijan expand rail freight"
    assert article["outlet"] == "Caspian Wire" and article["byline"] == "Dana Seitkali"
    assert str(article["published"].date()) == "2024-10-02" and article["published_basis"] == "html"
    # The headline is the title, not the first paragraph of the text.
    assert article["text"].startswith("Kazakhstan and Azerbaijan agreed on Tuesday")
    assert article["text"].count("\n\n") == 2
    assert manifest["status"].tolist() == ["ingested"] and manifest["format"].tolist() == ["html"]


def test_html_without_an_article_is_rejected(tmp_path):
    write(tmp_path, "nav.html", "<html><head><script>var a = 'SCRIPT';</script></head><body><div></div></body></html>")
    articles, manifest = ingest(tmp_path)
    assert articles.empty
    assert manifest["status"].tolist() == ["rejected"]
    assert "no article text" in manifest["reason"][0]


def test_jsonl_field_synonyms_and_missing_optional_fields(tmp_path):
    records = [
        {"body": ARTICLE, "date": "2 October 2024", "source": "Trend", "headline": "Rail freight up", "link": "https://x.example/a", "authors": ["A. B", "C. D"]},
        {"content": ARTICLE, "pub_date": None, "Publisher": float("nan")},
        {"Text": ARTICLE},
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(json.dumps(r) for r in records) + "\n\n")
    first, second, third = read(path)
    assert first.fields == {"published": "2 October 2024", "outlet": "Trend", "title": "Rail freight up", "url": "https://x.example/a", "byline": "A. B, C. D"}
    assert first.body == ARTICLE and first.record == 1 and first.format == "jsonl"
    assert second.fields == {} and second.record == 2
    assert third.body == ARTICLE and third.record == 3


def test_csv_field_synonyms_and_missing_cells(tmp_path):
    content = (
        "Headline,Body,Date,Source\n"
        f'"Rail freight up","{ARTICLE}",2024-10-02,Trend\n'
        f'"Second story","{ARTICLE}"\n'
    )
    first, second = read(write(tmp_path, "export.csv", content))
    assert first.fields == {"title": "Rail freight up", "published": "2024-10-02", "outlet": "Trend"}
    assert first.body == ARTICLE and first.record == 1 and first.format == "csv"
    assert second.fields == {"title": "Second story"} and second.record == 2


def test_record_fields_reach_the_article(tmp_path):
    write(tmp_path, "feed.jsonl", json.dumps({"body": ARTICLE, "date": "2024-10-02T10:00:00Z", "source": "Trend", "url": "https://x.example/a"}) + "\n")
    articles, _ = ingest(tmp_path)
    [article] = articles.to_dict("records")
    assert article["source"] == "https://x.example/a" and article["url"] == "https://x.example/a"
    assert article["outlet"] == "Trend" and str(article["published"].date()) == "2024-10-02" and article["published_basis"] == "record"


# --- encodings -----------------------------------------------------------------------------------


def test_decode_latin_script_legacy_text_as_windows_1252():
    text = "T\u00fcrkiye and Azerbaijan signed a deal in Baku \u2013 the caf\u00e9 owners said trade grew. " * 3
    decoded, note = decode(text.encode("cp1252"))
    assert decoded == text
    assert note == "decoded as cp1252 (not UTF-8)"


def test_decode_utf16_with_byte_order_mark(tmp_path):
    [record] = read(write(tmp_path, "utf16.txt", ARTICLE.encode("utf-16")))
    assert isinstance(record, RawRecord) and record.body == ARTICLE
    assert record.fields == {"encoding_note": "decoded as utf-16 (not UTF-8)"}


# --- rejections ----------------------------------------------------------------------------------


def test_rejected_empty(tmp_path):
    assert one_rejection(write(tmp_path, "a.txt", b"")).reason == "empty file"


def test_rejected_binary(tmp_path):
    rejection = one_rejection(write(tmp_path, "a.txt", b"%PDF-1.4\x00\x01\x02" * 100))
    assert rejection.reason.startswith("binary file")


def test_rejected_undecodable(tmp_path):
    rejection = one_rejection(write(tmp_path, "a.txt", bytes(range(128, 256)) * 8))
    assert rejection.reason.startswith("undecodable: not UTF-8")


def test_rejected_too_large(tmp_path):
    rejection = one_rejection(write(tmp_path, "a.txt", ARTICLE * 10), max_bytes=1000)
    assert rejection.reason.startswith("too large:") and "limit" in rejection.reason
    assert rejection.n_bytes == len(ARTICLE.encode()) * 10


def test_rejected_unsupported_format(tmp_path):
    rejection = one_rejection(write(tmp_path, "report.docx", ARTICLE))
    assert rejection.reason.startswith("unsupported format '.docx'")
    assert "(no extension)" in one_rejection(write(tmp_path, "README", ARTICLE)).reason


def test_rejected_malformed_jsonl_records_keep_the_good_ones(tmp_path):
    lines = [json.dumps({"text": ARTICLE}), "{not json", "[1, 2, 3]", '"just a string"', json.dumps({"title": "no text", "id": 7}), "[" * 50_000, "1" * 5000]
    items = read(write(tmp_path, "feed.jsonl", "\n".join(lines)))
    assert [type(i).__name__ for i in items] == ["RawRecord"] + ["Rejected"] * 6
    reasons = [i.reason for i in items[1:]]
    assert reasons[0].startswith("malformed record: not valid JSON")
    assert reasons[1] == "malformed record: expected an object with fields, got list"
    assert reasons[2] == "malformed record: expected an object with fields, got str"
    assert reasons[3] == "no text field (looked for text, body, content; the record has: id, title)"
    assert reasons[4].startswith("malformed record") and reasons[5].startswith("malformed record")
    assert [i.record for i in items] == [1, 2, 3, 4, 5, 6, 7]


def test_rejected_jsonl_with_no_records(tmp_path):
    assert one_rejection(write(tmp_path, "feed.jsonl", "\n \n\n")).reason == "empty file: no records"


def test_rejected_csv_without_text_column(tmp_path):
    rejection = one_rejection(write(tmp_path, "a.csv", "title,date\nA story,2024-01-01\n"))
    assert rejection.reason == "no text column (looked for text, body, content; the columns are: title, date)"


def test_rejected_csv_with_header_only(tmp_path):
    assert one_rejection(write(tmp_path, "a.csv", "title,text\n")).reason == "empty file: a header and no records"


def test_rejected_csv_row_without_text(tmp_path):
    first, second = read(write(tmp_path, "a.csv", f'title,text\nA,"{ARTICLE}"\nB,\n'))
    assert isinstance(first, RawRecord)
    assert isinstance(second, Rejected) and second.record == 2 and second.reason.startswith("no text field")


def test_rejected_not_english_and_too_short(tmp_path):
    russian = (
        "Азербайджан и Казахстан договорились расширить сотрудничество в области транспорта и энергетики. "
        "Товарооборот между странами вырос на пятнадцать процентов за первые девять месяцев года, сообщили в министерстве. "
        "Стороны также обсудили новые паромы для Каспийского моря и строительство терминалов в портах."
    )
    write(tmp_path, "ru.txt", russian)
    write(tmp_path, "short.txt", "Trade grew by 5 percent.")
    write(tmp_path, "blank.txt", "\n\n   \n")
    _, manifest = ingest(tmp_path)
    reasons = dict(zip(manifest["path"], manifest["reason"]))
    assert reasons["ru.txt"] == "not English (detected language: ru)"
    assert reasons["short.txt"] == "too short: 5 words (an article needs at least 15)"
    assert reasons["blank.txt"] == "empty: no article text after removing headers and boilerplate"
    assert set(manifest["status"]) == {"rejected"}


@pytest.mark.parametrize("min_words,status", [(15, "ingested"), (100, "rejected")])
def test_min_words_option(tmp_path, min_words, status):
    write(tmp_path, "a.txt", ARTICLE)
    _, manifest = ingest(tmp_path, min_words=min_words)
    assert manifest["status"].tolist() == [status]


def test_csv_cell_longer_than_the_csv_module_default_is_read(tmp_path):
    long_article = (ARTICLE + "\n\n") * 500  # about 160 kB in one cell; the csv module's default limit is 128 kB
    items = read(write(tmp_path, "long.csv", f'title,text\nLong,"{long_article}"\nShort,"{ARTICLE}"\n'))
    assert [type(i).__name__ for i in items] == ["RawRecord", "RawRecord"]
    assert items[0].body == long_article and items[1].body == ARTICLE

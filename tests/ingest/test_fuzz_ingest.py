"""Property tests (hypothesis) over normalise_text and the readers: nothing escapes, text stays clean,
and wrapped prose comes back word for word."""

import json
import tempfile
import textwrap
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.ingest import ingest_folder, normalise_text, read_file
from newsledger.ingest.readers import FIELD_SYNONYMS, RawRecord, Rejected

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROSE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CONTROL_AND_SPACE = "\r\n\t\x00\x01\x07\x0b\x0c\x1b\x1c\x1f\x7f\x85\xa0\u2028\u2029\u200b\u202f\ufeff"
NEWS_FRAGMENTS = [
    "$24.5", "million", "14.7%", "2024-09-04", " date 2024-02-30 ", "(MENAFN- AzerNews)", "BAKU, Azerbaijan, September 14. ",
    "BAKU:", "More about: x", "AzVision.az", "# ", "**", "*", "_", "[link](http://x)", "> ", "January-June", "-\n",
    "\n\n", "\n", "\r\n", "\r", ".", " ", "\u2013 ", "Nazrin Abdul\n",
]
# Any text: unicode (no surrogates: a decoded file cannot hold them), control characters, news fragments.
any_text = st.lists(
    st.one_of(st.text(max_size=30), st.sampled_from(NEWS_FRAGMENTS), st.text(alphabet=CONTROL_AND_SPACE, max_size=5)),
    max_size=40,
).map("".join)


def assert_clean(text: str) -> None:
    assert "\r" not in text
    assert "\n\n\n" not in text
    for paragraph in text.split("\n\n") if text else []:
        assert paragraph, repr(text)
        assert paragraph == paragraph.strip(), repr(paragraph)
        assert "\n" not in paragraph, repr(paragraph)
    assert not any(ord(c) < 32 and c != "\n" for c in text), repr(text)


@FUZZ
@given(body=any_text, markdown=st.booleans(), published=st.none() | st.text(max_size=20))
def test_normalise_never_raises_and_returns_clean_paragraphs(body, markdown, published):
    fields = {"published": published} if published else {}
    result = normalise_text(body, fields, markdown=markdown)
    assert_clean(result.text)
    assert result.published_basis in {"header", "record", "dateline", "inferred", "unknown"}
    assert (result.published is None) == (result.published_basis == "unknown")


# Plain prose: lower-case words (so no line reads as a title, byline, dateline or boilerplate), with the
# numbers, dates, hyphenated words and letters of the corpus.
OPENERS = ["the", "trade", "cargo", "officials", "both", "exports", "a", "in"]
TOKENS = [
    "$24.5", "million", "$280.6", "billion", "14.7%", "0.4%", "1,200", "2024", "2024-09-04", "January-June",
    "Azerbaijani-built", "Trans-Caspian", "year-on-year", "(OTS)", "Baku's", "\u201ccooperation\u201d", "U.S.", "e-commerce",
    "T\u00fcrkiye", "\u0259m\u0259kda\u015fl\u0131q", "\u0442\u043e\u0440\u0433\u043e\u0432\u043b\u044f", "said,", "km;", "TEU",
]
word = st.one_of(
    st.sampled_from(TOKENS),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz\u00e9\u015f\u0259\u00fc\u00f6\u00e7\u011f\u0131", min_size=1, max_size=11),
)
paragraph = st.tuples(st.sampled_from(OPENERS), st.lists(word, min_size=25, max_size=45)).map(
    lambda parts: " ".join([parts[0], *parts[1]]) + "."
)


@PROSE
@given(paragraphs=st.lists(paragraph, min_size=2, max_size=5), width=st.integers(min_value=50, max_value=90),
       blank_lines=st.booleans())
def test_hard_wrapped_prose_comes_back_word_for_word(paragraphs, width, blank_lines):
    wrapped = [textwrap.fill(p, width, break_long_words=False) for p in paragraphs]
    body = ("\n\n" if blank_lines else "\n").join(wrapped) + "\n"
    text = normalise_text(body).text
    assert_clean(text)
    # Every word, number and hyphenated compound survives, in order: nothing glued, split or lost.
    assert text.split() == " ".join(paragraphs).split()
    if blank_lines:
        assert text.split("\n\n") == paragraphs


@PROSE
@given(paragraphs=st.lists(paragraph, min_size=1, max_size=3))
def test_unwrapped_paragraphs_come_back_unchanged(paragraphs):
    assert normalise_text("\n\n".join(paragraphs)).text == "\n\n".join(paragraphs)


SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".csv", ".bin"]


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), any_text.map(lambda t: t.encode("utf-8")),
                      any_text.map(lambda t: t.encode("utf-16"))),
       suffix=st.sampled_from(SUFFIXES))
def test_readers_never_raise_on_any_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"file{suffix}"
        path.write_bytes(data)
        items = list(read_file(path, Path(folder)))
    assert items
    for item in items:
        assert isinstance(item, (RawRecord, Rejected))
        if isinstance(item, Rejected):
            assert item.reason and isinstance(item.reason, str)
        else:
            assert isinstance(item.body, str)  # may be empty (a lone byte-order mark): the stage rejects it


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40) | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
field_name = st.sampled_from([name for names in FIELD_SYNONYMS.values() for name in names] + ["id", "Body", " TEXT "])
record = st.dictionaries(field_name, json_value, max_size=6)
# JSON escapes can carry half a surrogate pair, which no UTF-8 file could hold as text.
surrogate_text = st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3)


@FEW
@given(records=st.lists(st.one_of(record, json_value, surrogate_text.map(lambda s: {"text": "Trade " + s * 20})), min_size=1, max_size=6),
       junk_lines=st.lists(any_text.filter(lambda t: "\n" not in t and "\r" not in t), max_size=2))
def test_jsonl_records_are_all_accounted_for(records, junk_lines):
    lines = [json.dumps(r) for r in records] + junk_lines
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
        articles, manifest = ingest_folder(folder)
    non_blank = [line for line in lines if line.strip()]
    if manifest["record"].isna().all():  # the file as a whole: binary (control characters), or no records
        assert len(manifest) == 1 and manifest["status"][0] == "rejected"
        assert manifest["reason"][0].startswith(("binary file", "empty file"))
    else:
        assert manifest["record"].tolist() == list(range(1, len(non_blank) + 1))
    assert manifest["status"].isin(["ingested", "duplicate", "rejected"]).all()
    assert len(articles) <= len(manifest)
    for text in articles["text"]:
        assert_clean(text)
        text.encode("utf-8")  # storable


@FEW
@given(cells=st.lists(st.lists(any_text.filter(lambda t: "\x00" not in t), min_size=1, max_size=4), min_size=1, max_size=4),
       header=st.lists(field_name, min_size=1, max_size=4))
def test_csv_files_are_all_accounted_for(cells, header):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(cells)
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "table.csv").write_text(buffer.getvalue(), encoding="utf-8")
        articles, manifest = ingest_folder(folder)
    assert len(manifest) >= 1
    assert manifest["path"].eq("table.csv").all()
    assert manifest.loc[manifest["status"] == "rejected", "reason"].notna().all()
    assert pd.Series(articles["article_id"]).is_unique

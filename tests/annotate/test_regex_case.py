"""Letters that case-insensitive patterns take for ASCII ones (İ, ı, ſ) are read as those, and quoted as written."""

from dataclasses import astuple
from datetime import date

import pytest

from newsledger.annotate.article import annotate_article
from newsledger.annotate.regex_case import as_matched
from newsledger.annotate.spans import ArticleContext

PUBLISHED = ArticleContext("a", date(2024, 9, 4))


def test_only_the_three_letters_change_and_offsets_stay():
    text = "İlham, Bakı, ſix; Türkiye and Ölkə keep their letters."
    read = as_matched(text)
    assert read == "Ilham, Baki, six; Türkiye and Ölkə keep their letters."
    assert len(read) == len(text)
    plain = "Nothing to replace here."
    assert as_matched(plain) is plain


@pytest.mark.parametrize("text, quote", [
    ("Trade grew thİs year to $5 million.", "$5 million"),
    ("The sides pledged to trİple trade volumes by 2030.", "trİple"),
    ("Azerbaijan and Uzbekistan signed ſix documents in Tashkent.", "ſix documents"),
])
def test_a_word_written_with_them_is_read_and_quoted_as_written(text, quote):
    claims = annotate_article(text, PUBLISHED)["claims"]
    assert [claim.quote for claim in claims] == [quote]
    ascii_text = text.replace("İ", "i").replace("ſ", "s")
    expected = annotate_article(ascii_text, PUBLISHED)["claims"]
    # the same reading as the text in ASCII: value, unit, metric, period, everything but the quote
    assert [astuple(c)[3:] for c in claims] == [astuple(c)[3:] for c in expected]


def test_every_quote_is_the_text_as_written():
    text = ("President İlham Əliyev met Cevdet Yılmaz in Bakı on Monday; ſix documents were signed. "
            "Trade between the two countries grew thİs year by 12 percent.")
    annotations = annotate_article(text, PUBLISHED)
    quotes = [(span.start, span.end, span.quote) for spans in annotations.values() for span in spans]
    assert quotes and all(text[start:end] == quote for start, end, quote in quotes)
    assert {"person:ilham_aliyev", "person:cevdet_yilmaz", "place:baku"} <= {m.entity_id for m in annotations["mentions"]}
    assert [(e.event_type, e.quote) for e in annotations["events"]] == [("meeting", "met"), ("agreement_signed", "were signed")]

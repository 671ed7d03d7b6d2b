"""Sentence boundaries, on small texts written for these tests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.annotate.sentences import split_sentences


def quotes(text: str) -> list[str]:
    return [sentence.quote for sentence in split_sentences(text)]


def test_a_full_stop_before_a_capital_ends_a_sentence():
    assert quotes("Trade grew. Exports rose! Did imports fall? No.") == ["Trade grew.", "Exports rose!", "Did imports fall?", "No."]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    assert quotes("Mr. Aliyev met Dr. Tokayev in Baku. They signed 5 deals.") == [
        "Mr. Aliyev met Dr. Tokayev in Baku.", "They signed 5 deals."]
    assert quotes("The U.S. Department said so. Then it ended.") == ["The U.S. Department said so.", "Then it ended."]
    assert quotes("J. R. Smith spoke. In Jan. 2024 it rose.") == ["J. R. Smith spoke.", "In Jan. 2024 it rose."]
    # Case does not matter, but the whole token does: "Hammr" is no "mr", "p.m" is not listed.
    assert quotes("APPROX. 40 trucks. Hammr. Next.") == ["APPROX. 40 trucks.", "Hammr.", "Next."]
    assert quotes("It ended at 5 p.m. The next day came.") == ["It ended at 5 p.m.", "The next day came."]


def test_a_token_longer_than_any_abbreviation_is_not_one():
    # "xxxxxxmr" ends like "mr" but is too long to be it; "approx" (the longest listed) still counts.
    assert quotes("Call xxxxxxmr. Then go.") == ["Call xxxxxxmr.", "Then go."]
    assert quotes("Weighs approx. Ten tons.") == ["Weighs approx. Ten tons."]


def test_decimals_lower_case_and_closing_quotes():
    assert quotes("Trade grew 2.8 percent. Exports rose.") == ["Trade grew 2.8 percent.", "Exports rose."]
    assert quotes("cooperation. lower case follows") == ["cooperation. lower case follows"]
    assert quotes('He said: "It works." Then he left.') == ['He said: "It works."', "Then he left."]


def test_a_paragraph_break_ends_a_sentence_without_a_full_stop():
    text = "First paragraph without a stop\n\nSecond one"
    sentences = split_sentences(text)
    assert [s.quote for s in sentences] == ["First paragraph without a stop", "Second one"]
    assert [(s.start, s.end) for s in sentences] == [(0, 30), (32, 42)]


def test_offsets_skip_the_white_space_around_a_sentence():
    sentences = split_sentences("  Padded.   Next one!  ")
    assert [(s.start, s.end, s.quote) for s in sentences] == [(2, 9, "Padded."), (12, 21, "Next one!")]
    assert split_sentences("   \n\n  ") == []


PIECES = ["Mr.", "mr.", "U.S.", "e.g.", "J.", "x.", "2.8", "Baku", "said", "approx.", "xxxxxxmr.", ".", "!", "?", '"', ")",
          " ", "  ", "\n", "\n\n", "\n \n", "İ.", "é.", "Ünal", "2024."]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_sentences_quote_their_text_in_order(text):
    sentences = split_sentences(text)
    reach = 0
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.quote
        assert sentence.quote and sentence.quote == sentence.quote.strip()
        assert sentence.start >= reach
        reach = sentence.end
    # Only white space lies outside the sentences.
    outside = "".join(text[a.end:b.start] for a, b in zip(sentences, sentences[1:]))
    assert not outside.strip()

"""The fast scans of the claims annotator read exactly what the plain patterns they replace read:
digits beyond the ASCII range, texts with characters beyond U+FFFF, clause breaks in any case."""

from __future__ import annotations

import re
from datetime import date

import pytest

from newsledger.annotate import numbers
from newsledger.annotate.claims import _alternation, _caseless_alternation, _literal_led_alternation, extract_claims
from newsledger.annotate.sentences import split_sentences
from newsledger.annotate.spans import ArticleContext


def figures(text: str) -> list[tuple[str, float, str]]:
    found = extract_claims(text, split_sentences(text), [], [], ArticleContext("test", date(2024, 9, 4)))
    return [(c.quote, c.value, c.unit) for c in found]


@pytest.mark.parametrize("text", ["plain ASCII", "Azərbaycan ₼", "Россия", "", "x" * 300])
def test_texts_without_astral_characters_are_told_so(text):
    assert numbers.holds_no_astral_character(text)


@pytest.mark.parametrize("text", ["\U0001F600", "trade \U0001D7D3 tons", "x" * 300 + "\U00010000"])
def test_texts_with_astral_characters_are_never_told_they_have_none(text):
    assert not numbers.holds_no_astral_character(text)


def test_bmp_decimals_match_every_decimal_digit_below_u10000_and_nothing_else():
    pattern = re.compile(f"[{numbers.BMP_DECIMALS}]")
    assert [c for c in range(0x10000) if pattern.match(chr(c))] == [c for c in range(0x10000) if chr(c).isdecimal()]


@pytest.mark.parametrize("digit", ["5", "\u0665", "\u096b"])  # ASCII, Arabic-Indic and Devanagari five
def test_a_decimal_digit_of_any_script_is_read_as_a_number(digit):
    assert figures(f"Cargo volume reached {digit} million tons.") == [(f"{digit} million tons", 5e6, "t")]


def test_a_digit_beyond_u_ffff_is_read_as_in_a_text_without_such_characters():
    bold_five = "\U0001D7D3"  # MATHEMATICAL BOLD DIGIT FIVE: \d matches it
    assert figures(f"Cargo volume reached {bold_five} million tons.") == [(f"{bold_five} million tons", 5e6, "t")]
    # An emoji makes the text one of 4-byte characters: its figures are still found.
    assert figures("Cargo volume reached 7 million tons \U0001F69A.") == [("7 million tons", 7e6, "t")]


@pytest.mark.parametrize("phrases", [
    [";", " while ", " whereas "],
    [";", ";x", " but "],  # a one-character phrase and a longer phrase opening with it
    [" while ", "unless ", ", and"],  # a phrase opening with a letter keeps the case-insensitive form
])
def test_literal_led_alternation_finds_what_the_case_insensitive_alternation_finds(phrases):
    plain = re.compile(f"(?i:{_alternation(phrases)})")
    led = re.compile(_literal_led_alternation(phrases))
    for text in ["Trade grew; exports fell WHILE imports rose", "a;x b; c BUT d", "Unless we WhIle, and ;X, and"]:
        assert [m.span() for m in led.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("phrases", [
    ["compared to", "compared with", "from", "than", "Against"],
    ["m", "mln", "million", "bn", "b"],  # words that are prefixes of others: the longer is tried first
    ["Jan", "January", "jun", "June", "July"],
])
def test_caseless_alternation_matches_what_the_longest_first_alternation_matches(phrases):
    plain = re.compile(rf"(?i)(?<![\w])(?P<word>{_alternation(phrases)})(?P<rest>\w*)")
    trie = re.compile(rf"(?i)(?<![\w])(?P<word>{_caseless_alternation(phrases)})(?P<rest>\w*)")
    text = "Compared with January, up from 5 mln (MILLION) in JUNE, julyx than b bn, against aGaInSt m"
    assert [m.groupdict() for m in trie.finditer(text)] == [m.groupdict() for m in plain.finditer(text)]
    # followed by more pattern: the engine falls back to the shorter word as the plain alternation does
    plain_then, trie_then = (re.compile(rf"(?i)(?:{alternation})\s*\w+\)")
                             for alternation in (_alternation(phrases), _caseless_alternation(phrases)))
    for probe in ["million)", "mln x)", "m illion)", "January x)", "Jan uary)", "from to)"]:
        assert [m.span() for m in trie_then.finditer(probe)] == [m.span() for m in plain_then.finditer(probe)]


def test_number_words_pattern_reads_what_it_read_as_a_plain_alternation():
    words = numbers.number_words()
    plain = "|".join(re.escape(w) for w in sorted(words.scales, key=len, reverse=True))
    text = "5 million, 5 mln, 5m, 2 bn, 3 billion, 4 MLN, 7 thousand, 8 trillion, 9 tn"
    ours = re.compile(rf"\d\s?(?i:{numbers._alternation(words.scales)})(?![\w])")
    theirs = re.compile(rf"\d\s?(?i:{plain})(?![\w])")
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]
    assert len(list(ours.finditer(text))) >= 8


def test_figure_cue_hits_tell_where_a_phrase_of_a_kind_starts_whole_word_or_not():
    from newsledger.annotate.claims import _vocabulary

    text = "Exports are expected to grow. Replanned routes carried 5 tons."
    hits = _vocabulary().sentence_cues.scan_ranges(text, [(0, len(text))])
    expected = text.index("expected")
    assert hits.starts_within("forecast", 0, len(text))
    assert hits.starts_within("forecast", expected, expected + 1)
    assert not hits.starts_within("forecast", expected + 1, text.index("Replanned"))
    # "planned" inside "Replanned" starts no word: search finds nothing there, nor does starts_within
    assert hits.search("forecast", text.index("Replanned"), len(text)) is None
    assert not hits.starts_within("forecast", text.index("Replanned"), len(text))


def forecasts(text: str) -> list[bool]:
    return [c.is_forecast for c in extract_claims(text, split_sentences(text), [], [], ArticleContext("t", date(2024, 9, 4)))]


def test_a_forecast_word_after_a_figure_makes_it_a_forecast_only_before_the_clause_cut():
    assert forecasts("Kazakhstan sent 250 trains planned for the route.") == [True]
    assert forecasts("Kazakhstan sent 250 trains, and more are planned.") == [False]
    assert forecasts("Kazakhstan sent 250 trains to Baku.") == [False]

"""A figure is read within its paragraph: a unit, sign or range end after a blank line belongs to
the next paragraph's text, and every claim lies inside its sentence."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.annotate.claims import extract_claims
from newsledger.annotate.sentences import split_sentences
from newsledger.annotate.spans import ArticleContext


def claims_of(text: str):
    found = extract_claims(text, split_sentences(text), [], [], ArticleContext("test", date(2024, 9, 4)))
    for claim in found:
        assert text[claim.start:claim.end] == claim.quote
        assert claim.sentence_start <= claim.start and claim.end <= claim.sentence_end, claim
    return [(c.quote, c.value, c.unit) for c in found]


@pytest.mark.parametrize("text", [
    "0\n\n%",
    "Trade grew by 5\n\n% of the members came.",
    "Cargo reached 500\n\ntons of grain arrived.",
    "It was one and a half\n\ntimes as fast.",
])
def test_a_unit_after_a_blank_line_is_not_the_figure_s(text):
    assert claims_of(text) == []


def test_a_range_cut_by_a_blank_line_leaves_the_next_paragraph_its_own_figure():
    assert claims_of("Trade rose from 5 to\n\n7 tons were shipped.") == [("7 tons", 7.0, "t")]


def test_figures_within_their_paragraphs_are_read_as_before():
    assert claims_of("Cargo reached 500 tons.\n\nTrade grew by 5%.") == [("500 tons", 500.0, "t"), ("5%", 5.0, "percent")]
    assert claims_of("Cargo reached 500\ntons in a wrapped line.") == [("500\ntons", 500.0, "t")]

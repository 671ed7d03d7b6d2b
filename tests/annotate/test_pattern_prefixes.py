"""The first characters a match of regular expressions can begin with (pattern_prefixes)."""
from __future__ import annotations

import re

from newsledger.annotate.pattern_prefixes import leading_pattern


def _admitted(leading: re.Pattern, candidates: list[str]) -> list[str]:
    return [c for c in candidates if leading.match(c)]


def test_three_characters_of_a_phrase_in_any_case():
    leading = leading_pattern([r"(?i:\b(?:state|official)\s+visits?)"], 3)
    assert _admitted(leading, ["sta", "STA", "Off", "the", "stu", "vis"]) == ["sta", "STA", "Off"]


def test_an_optional_word_and_a_digit_class_give_both_openings():
    leading = leading_pattern([r"(?:\d+(?:st|nd)\s+)?session"], 3)
    assert _admitted(leading, ["1st", "12s", "22n", "ses", "Ses", "sit", "st "]) == ["1st", "12s", "22n", "ses"]


def test_a_repetition_counts_its_characters():
    leading = leading_pattern([r"a{2,}b"], 3)
    assert _admitted(leading, ["aab", "aaa", "abb", "aac"]) == ["aab", "aaa"]


def test_a_match_shorter_than_the_prefix_is_a_whole_opening():
    leading = leading_pattern([r"met\b", r"to"], 4)
    assert _admitted(leading, ["met ", "met", "to", "toda", "mat "]) == ["met ", "met", "to", "toda"]


def test_look_arounds_take_no_character_and_a_pattern_that_can_match_nothing_has_no_opening():
    leading = leading_pattern([r"(?<!\w)(?=v)visit"], 2)
    assert _admitted(leading, ["vi", "Vi", "xv"]) == ["vi"]
    assert leading_pattern([r"(?:the)?\s*"], 2) is None
    assert leading_pattern([r"(?P<a>x)(?P=a)"], 2) is None  # a back reference: not worked out, no filter

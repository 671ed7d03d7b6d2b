"""What the matches of regular expressions can begin with (pattern_prefixes), and the scan it lets the engine skip."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.annotate import events
from newsledger.annotate.pattern_prefixes import ScoutedPattern, leading_pattern


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


SCOUTED_TEXT = st.lists(
    st.sampled_from(["the", "The", "a", "an", "and", "one", "Joint", "Declaration", "on", "Strategic", "Partnership", "agreement",
                     "Agreement", "memorandum", "of", "Understanding", "2022-2026", "ab", "abb", "_ab", "x", ",", "(", "İ", "’s"]),
    max_size=30,
).map(" ".join)


def _spans(pattern: ScoutedPattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(found_start, found_end) for found_start, found_end, _ in pattern.finditer(text, start, end)]


@settings(max_examples=300, deadline=None)
@given(text=SCOUTED_TEXT, cut=st.integers(0, 20))
def test_a_scouted_pattern_finds_what_finditer_finds(text, cut):
    vocabulary = events.load_event_vocabulary()
    start, end = min(cut, len(text)), max(len(text) - cut, min(cut, len(text)))
    for scouted in (vocabulary.title, vocabulary.singular_document, ScoutedPattern(re.compile(r"\bab+\b|(?<![\w])(?:the|a)\s+x"))):
        assert scouted.scout is not None
        assert _spans(scouted, text, start, end) == [m.span() for m in scouted.pattern.finditer(text, start, end)], scouted.pattern.pattern


def test_a_scouted_pattern_keeps_the_groups_and_falls_back_where_no_first_character_is_known():
    scouted = ScoutedPattern(re.compile(r"(?<![\w])(?P<n>\d+)\s+(?P<noun>documents?)"))
    assert [(s, e, found["n"], found["noun"]) for s, e, found in scouted.finditer("signed 12 documents and 1 document", 0, 34)] == [
        (7, 19, "12", "documents"), (24, 34, "1", "document")]
    global_flag = ScoutedPattern(re.compile(r"(?i)visit"))  # an inline global flag cannot be nested: the pattern itself
    assert global_flag.scout is None and _spans(global_flag, "A VISIT, a visit", 0, 16) == [(2, 7), (11, 16)]
    anything = ScoutedPattern(re.compile(r"x*"))
    assert anything.scout is None

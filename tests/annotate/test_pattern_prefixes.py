"""The first characters a match can begin with, and the trigger attempts they spare."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.annotate import events
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


TRIGGER_WORDS = [
    "state", "visit", "visits", "official", "working", "and", "the", "signed", "was", "were", "significant", "met",
    "metals", "meeting", "with", "session", "of", "Council", "heads", "held", "talks", "4th", "12", "co-signed",
    "(visit", '"state', "non-signed", "Summit", "SUMMIT", "trip", "arrived", "in", "consultations", "İn", ",", ".",
]


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.sampled_from(TRIGGER_WORDS), max_size=20), separators=st.lists(st.sampled_from([" ", "  ", "\n", "\n\n"]), max_size=20))
def test_the_trigger_opening_refuses_no_place_where_a_trigger_begins(words, separators):
    text = "".join(w + s for w, s in zip(words, separators + [" "] * len(words)))
    vocabulary = events.load_event_vocabulary()
    for start in range(len(text)):
        if vocabulary.trigger.match(text, start) is not None:
            assert vocabulary.trigger_opening.admits(text[start : start + events.TRIGGER_OPENING_LENGTH]), text[start:]


def test_the_opening_spares_the_words_that_begin_no_trigger():
    opening = events.load_event_vocabulary().trigger_opening
    assert not opening.admits("the") and not opening.admits("and")
    assert opening.admits("sta") and opening.admits("Sig") and opening.admits("4th")
    assert events._triggers("The presidents held talks after the official visit.") == [
        (15, 25, "meeting"), (36, 50, "visit")]

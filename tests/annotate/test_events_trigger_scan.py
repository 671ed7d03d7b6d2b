"""Finding the triggers: the anchors in the scan form, and the words before them a trigger can begin at."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.annotate import events


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


ANCHOR_TEXT_WORDS = ["visit", "Visit", "VISIT", "revisit", "co-signed", "signed", "éSummit", "_summit", "(trip", "heads of state",
                     "heads-of-state", "Heads  of state", "2met", "$visit", "US$signed", "€visit", "metric", "İmet", "talks.", "“meeting”", "x"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(ANCHOR_TEXT_WORDS), max_size=12))
def test_anchors_are_found_in_the_scan_form_where_they_start_a_word_as_written(words):
    text = " ".join(words)
    anchors = events.load_event_vocabulary().anchors
    spellings = [spelling for key, (anchor, capitalised) in anchors.items() for spelling in (anchor, capitalised)]
    expected = sorted({
        p for spelling in spellings for p in range(len(text))
        if text.startswith(spelling, p) and not (p and text[p - 1].isalnum())
    })
    assert sorted(events._anchor_positions(text)) == expected


def test_an_anchor_written_in_capitals_or_inside_a_word_is_no_anchor():
    text = "They co-signed it. THE SUMMIT. A metric. éSummit"
    # "metric" begins with "met": an anchor, which the trigger pattern then refuses
    assert list(events._anchor_positions(text)) == [text.index("signed"), text.index("metric")]
    assert events._triggers(text) == [(text.index("co-"), text.index(" it"), "agreement_signed")]

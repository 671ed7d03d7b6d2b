"""The key words of a sentence, read once with their offsets, and the searches they spare."""
from __future__ import annotations

from datetime import date

from newsledger.annotate.events import _sentence_keys
from test_events import events


def _keys_at(text: str, start: int = 0) -> dict[str, set[str]]:
    keys = _sentence_keys(text, start, len(text))
    assert keys.hits is not None
    found: dict[str, set[str]] = {}
    for position, kinds in keys.hits:
        word = text[position:].split()[0].strip(",.").lower()
        for kind in kinds:
            found.setdefault(kind, set()).add(word)
    return found


def test_key_words_are_found_where_they_stand_in_the_text():
    text = "Prior sentence. The next summit will be held in Baku, where the sides signed a treaty."
    found = _keys_at(text, start=text.index("The"))
    assert "will" in found["future"] and "next" in found["future"]
    assert "held" in found["date_link"]
    assert "where" in found["where"]
    assert "treaty" in found["document"]
    assert all(position >= text.index("The") for position, _ in _sentence_keys(text, text.index("The"), len(text)).hits)


def test_a_short_key_word_inside_another_word_is_no_key():
    assert "anaphor_lead" not in _sentence_keys("That state is great.", 0, 20).kinds  # "at" in "That", "state"
    found = _keys_at("They met at noon.")
    assert found["anaphor_lead"] == {"at"}


def test_where_lower_case_changes_the_length_only_the_kinds_are_kept():
    text = "İstanbul will host the next summit."
    assert len(text.lower()) != len(text)
    keys = _sentence_keys(text, 0, len(text))
    assert keys.hits is None and "future" in keys.kinds
    # with no offsets, the sentence's searches are all tried: a plan is still a plan
    assert [e.event_type for e in events("İlham Aliyev paid a state visit to Kazakhstan on May 5, 2024.")] == ["visit"]
    assert events("İlham Aliyev will pay a state visit to Kazakhstan on May 5, 2025.", date(2024, 5, 1)) == []


def test_a_future_word_elsewhere_in_the_sentence_does_not_make_the_event_a_plan():
    planned = events("Ilham Aliyev will pay a state visit to Kazakhstan on May 5, 2024.", date(2024, 5, 1))
    assert planned == []
    told = events("Ilham Aliyev paid a state visit to Kazakhstan on May 5, 2024, and trade will grow further.", date(2024, 9, 4))
    assert [(e.event_type, e.date_start, e.actors) for e in told] == [("visit", date(2024, 5, 5), ("person:ilham_aliyev", "AZE", "KAZ"))]


def test_a_date_link_counts_only_between_the_trigger_and_the_date():
    # "held" before the trigger links nothing; after it, "was held on" dates the summit
    linked = events("The summit of the Organization of Turkic States, which many expected in spring, was held in Astana on November 3, 2023.")
    assert [(e.event_type, e.date_start) for e in linked] == [("summit", date(2023, 11, 3))]

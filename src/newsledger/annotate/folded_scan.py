"""One Aho-Corasick pass over an article's folded text for the five annotators that look for
words everywhere in it: the gazetteer's names (mentions), the sector phrases (sector tags), the
literals the time anchors begin with (time expressions), the number words (claims) and the event
trigger anchors (events).

Each had its own automaton and read every character of the article: over the 1M-word benchmark
0.065, 0.06 and 0.053 CPU s, and 0.016 more to make the time annotator's scan form. The number
words and the event anchors joined later (a pass of their own each: 69M and 68M of 3,334M
instructions over 300 articles of the scale benchmark, callgrind). An automaton
holding all their keys reads it in 0.08 s (callgrind, 100k words: the three annotators 617M ->
531M instructions). Each annotator reads the one list of hits, skipping the other annotators'
keys, in the order its own automaton gave them (by end; at one end, the longest key first, as
every key reported there is a suffix of the longest), so what each makes of them is unchanged.

The time starters and the event anchors are looked for in the scan form (``scan_form``), where
everything but an ASCII letter or digit is a space. Where the folded text is ASCII it differs from
that form only at the letters outside ASCII (folded to a letter where the scan form has a space: a
key right after one does not begin a word, and is refused either way) and at "$" (kept, so that
"US$" is not "US"): a key that must begin a word is looked for after a space and after "$" alike.
A text whose folded form is not ASCII (another currency sign, a letter with no ASCII base, CJK)
leaves those two annotators to scan their own form; the benchmark has none.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

import ahocorasick

from . import gazetteer
from .scan_form import scan_form

# The place of each annotator's value in a key's values.
MENTIONS, SECTORS, TIME_STARTERS, NUMBER_WORDS, EVENT_ANCHORS = range(5)


class FoldedHits(NamedTuple):
    hits: list  # (last index in the folded text, the key's values: one per annotator, None where it is not its key)
    scan_form_keys_found: bool  # False where the folded text does not stand for the scan form (see above)


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    """Each key's values: its value in the gazetteer's, the sector vocabulary's, the time starters',
    the number words' and the event anchors' automaton, in that order (None where it is not a key
    of that one)."""
    # Imported here: those modules import this one.
    from .claims import number_word_keys
    from .events import load_event_vocabulary
    from .sectors import load_sector_vocabulary
    from .timex import time_starter_keys

    values: dict[str, list] = {}
    owned: list[dict] = [gazetteer.load_gazetteer().matcher.hit_values, load_sector_vocabulary().matcher.hit_values,
                         dict(time_starter_keys()), number_word_keys(), dict(load_event_vocabulary().anchor_keys)]
    for slot in (TIME_STARTERS, EVENT_ANCHORS):
        for key, value in list(owned[slot].items()):
            if key.startswith(" "):  # a key that begins a word
                owned[slot]["$" + key[1:]] = value
    for index, hit_values in enumerate(owned):
        for key, value in hit_values.items():
            values.setdefault(key, [None] * len(owned))[index] = value
    automaton = ahocorasick.Automaton()
    for key, per_annotator in values.items():
        automaton.add_word(key, tuple(per_annotator))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=4)
def folded_hits(text: str) -> FoldedHits:
    """The hits of the default gazetteer, sector vocabulary, time words, number words and event
    anchors in ``text``. Cached: the five annotators ask for them one after the other."""
    folded = gazetteer.folded_text(text)
    return FoldedHits(list(_automaton().iter(folded)), folded.isascii())


def annotator_hits(text: str, slot: int) -> list[tuple[int, Any]]:
    """(last index in the folded text, value) of each hit of annotator ``slot``'s keys in ``text``,
    in the order its own automaton would give them. Index ``i + 1`` of the folded text is ``text[i]``."""
    return [(last, values[slot]) for last, values in folded_hits(text).hits if values[slot] is not None]


def scan_form_hits(text: str, slot: int, own: ahocorasick.Automaton, share: bool = True) -> list[tuple[int, Any]]:
    """What ``own``, the automaton of a scan-form annotator (``TIME_STARTERS``, ``EVENT_ANCHORS``),
    finds in the scan form of ``text`` padded by one space: read from the shared pass where the folded
    text stands for the scan form, else by ``own`` itself. ``share=False``: always by ``own`` (an
    annotator with other keys than the shared automaton's)."""
    if share and folded_hits(text).scan_form_keys_found:
        return annotator_hits(text, slot)
    return list(own.iter(" " + scan_form(text)))

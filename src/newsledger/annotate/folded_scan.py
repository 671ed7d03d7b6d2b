"""One Aho-Corasick pass over an article's folded text for the three annotators that look for
words everywhere in it: the gazetteer's names (mentions), the sector phrases (sector tags) and the
literals the time anchors begin with (time expressions).

Each had its own automaton and read every character of the article: over the 1M-word benchmark
0.065, 0.06 and 0.053 CPU s, and 0.016 more to make the time annotator's scan form. An automaton
holding all their keys reads it in 0.08 s (callgrind, 100k words: the three annotators 617M ->
531M instructions). Each annotator reads the one list of hits, skipping the other annotators'
keys, in the order its own automaton gave them (by end; at one end, the longest key first, as
every key reported there is a suffix of the longest), so what each makes of them is unchanged.

The time starters are looked for in the scan form (``scan_form``), where everything but an ASCII
letter or digit is a space. Where the folded text is ASCII it differs from that form only at the
letters outside ASCII (folded to a letter where the scan form has a space: a starter right after
one does not begin a word, and is refused either way) and at "$" (kept, so that "US$" is not "US"): a starter
that must begin a word is looked for after a space and after "$" alike. A text whose folded form
is not ASCII (another currency sign, a letter with no ASCII base, CJK) leaves the time annotator
to scan its own form; the benchmark has none.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from . import gazetteer

# The place of each annotator's value in a key's values.
MENTIONS, SECTORS, TIME_STARTERS = range(3)


class FoldedHits(NamedTuple):
    hits: list  # (last index in the folded text, the key's values: one per annotator, None where it is not its key)
    time_starters_found: bool  # False where the folded text is not the time annotator's scan form (see above)


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    """Each key's values: its value in the gazetteer's, the sector vocabulary's and the time
    starters' automaton, in that order (None where it is not a key of that one)."""
    # Imported here: those modules import this one.
    from .sectors import load_sector_vocabulary
    from .timex import time_starter_keys

    values: dict[str, list] = {}
    owned: list[dict] = [gazetteer.load_gazetteer().matcher.hit_values, load_sector_vocabulary().matcher.hit_values, dict(time_starter_keys())]
    for key, value in time_starter_keys().items():
        if key.startswith(" "):  # a starter that begins a word
            owned[TIME_STARTERS]["$" + key[1:]] = value
    for index, hit_values in enumerate(owned):
        for key, value in hit_values.items():
            values.setdefault(key, [None, None, None])[index] = value
    automaton = ahocorasick.Automaton()
    for key, per_annotator in values.items():
        automaton.add_word(key, tuple(per_annotator))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=4)
def folded_hits(text: str) -> FoldedHits:
    """The hits of the default gazetteer, sector vocabulary and time words in ``text``. Cached:
    the three annotators ask for them one after the other."""
    folded = gazetteer.folded_text(text)
    return FoldedHits(list(_automaton().iter(folded)), folded.isascii())

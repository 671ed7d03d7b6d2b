"""Which language an article is in (py3langid, a fork of langid.py that ships its model)."""

from __future__ import annotations

import py3langid

# Below this many words langid's guess is unreliable; such texts are taken as English rather than
# rejected for a guess (a short English brief often scores as another language).
MIN_WORDS_TO_JUDGE = 25


# langid's cost grows with the characters it reads (3 ms for 5,000, the largest share of ingest's CPU);
# two samples of 1,000, from the start and the middle, gave the same language for every article of
# the test corpora and of a 10,000-article benchmark corpus, at 40% of the cost.
SAMPLE_CHARACTERS = 1000


def detect_language(text: str, n_words: int) -> str:
    if n_words < MIN_WORDS_TO_JUDGE:
        return "en"
    if len(text) > 2 * SAMPLE_CHARACTERS:
        middle = len(text) // 2
        text = text[:SAMPLE_CHARACTERS] + "\n" + text[middle : middle + SAMPLE_CHARACTERS]
    language, _score = py3langid.classify(text)
    return language

"""Which language an article is in (py3langid, a fork of langid.py that ships its model)."""

from __future__ import annotations

import py3langid

# Below this many words langid's guess is unreliable; such texts are taken as English rather than
# rejected for a guess (a short English brief often scores as another language).
MIN_WORDS_TO_JUDGE = 25


def detect_language(text: str, n_words: int) -> str:
    if n_words < MIN_WORDS_TO_JUDGE:
        return "en"
    language, _score = py3langid.classify(text[:5000])
    return language

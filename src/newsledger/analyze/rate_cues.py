"""Telling a growth rate from a share when a claim is a level metric in percent.

"Cargo rose 86%" and "a 0.4% share of trade" both reach stage 3 as a percentage of a level metric;
the words of the sentence tell them apart. The cue words are the annotators' vocabulary
(``data/reference/claim_cues.csv``, kinds ``growth_up``, ``growth_down`` and ``share``): the cue
nearest to the number decides. With no cue, or no vocabulary file, the percentage stays an
unclassified rate and takes part in no arithmetic, rather than being guessed.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from ..config import REFERENCE_DIR

CUE_FILE = REFERENCE_DIR / "claim_cues.csv"
_KIND_OF_CUE = {"growth_up": "growth", "growth_down": "growth", "share": "share"}


@lru_cache(maxsize=1)
def _cue_pattern() -> tuple[re.Pattern | None, dict[str, str]]:
    if not CUE_FILE.exists():
        return None, {}
    kinds: dict[str, str] = {}
    with CUE_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kind = _KIND_OF_CUE.get((row.get("kind") or "").strip())
            phrase = (row.get("phrase") or "").strip().lower()
            if kind and phrase:
                kinds.setdefault(phrase, kind)
    if not kinds:
        return None, {}
    alternatives = "|".join(re.escape(p) for p in sorted(kinds, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), kinds


def nearest_rate_cue(sentence: str, offset: int) -> str | None:
    """``growth`` or ``share`` from the cue word nearest to position ``offset`` of ``sentence``; else None."""
    pattern, kinds = _cue_pattern()
    if pattern is None or not sentence:
        return None
    best: tuple[int, str] | None = None
    for match in pattern.finditer(sentence):
        distance = max(match.start() - offset, offset - match.end(), 0)
        if best is None or distance < best[0]:
            best = (distance, kinds[match.group(0).lower()])
    return best[1] if best else None

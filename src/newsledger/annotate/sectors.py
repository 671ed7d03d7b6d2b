"""Sector tags: which sectors (energy, transport and logistics, trade, ...) each sentence talks about.

The vocabulary is ``data/reference/sectors.csv``: a phrase, the sector it points to and a weight.
A sentence carries a sector when the weights of that sector's phrases in it add up to at least 1,
so a weak word (``route``, weight 0.5) needs a second one. Phrases are matched as whole words with the
gazetteer's ``PhraseAutomaton`` (one Aho-Corasick pass per article, on the same folded text), and a
longer phrase hides the shorter ones inside it: "energy security" is energy, not security;
"food security" is agriculture. Hits are then bucketed into sentences by binary search.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import REFERENCE_DIR
from . import folded_scan
from .gazetteer import PhraseAutomaton, fold_phrase
from .spans import Sentence, SectorTag

SECTORS_FILE = "sectors.csv"
TAG_THRESHOLD = 1.0
_OPTIONAL_SUFFIX = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True)
class SectorPhrase:
    sector: str
    phrase: str
    weight: float
    case_sensitive: bool  # all-caps phrases (LNG, TEU, AI) must be written in capitals


def expand_phrase(phrase: str) -> list[str]:
    """The forms a vocabulary entry stands for: ``railway(s)`` -> ``railway``, ``railways``."""
    match = _OPTIONAL_SUFFIX.search(phrase)
    if not match:
        return [phrase]
    before, after = phrase[: match.start()], phrase[match.end():]
    return expand_phrase(before + after) + expand_phrase(before + match.group(1) + after)


class SectorVocabulary:
    def __init__(self, phrases: Iterable[SectorPhrase]):
        self.phrases = tuple(phrases)
        self.sectors = tuple(sorted({p.sector for p in self.phrases}))
        self.matcher: PhraseAutomaton[tuple[SectorPhrase, str]] = PhraseAutomaton(
            ((p.phrase, (p, fold_phrase(p.phrase, keep_case=True))) for p in self.phrases), _settled
        )


def _read_phrases(path: Path) -> list[SectorPhrase]:
    phrases = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            sector, entry = row["sector"].strip(), row["phrase"].strip()
            if not sector or not entry:
                raise ValueError(f"{path.name}:{line}: sector and phrase are required")
            try:
                weight = float(row.get("weight") or 1)
            except ValueError as error:
                raise ValueError(f"{path.name}:{line}: weight {row['weight']!r} is not a number") from error
            for form in expand_phrase(entry):
                case_sensitive = form.isupper() and sum(ch.isalpha() for ch in form) >= 2
                phrases.append(SectorPhrase(sector, form, weight, case_sensitive))
    return phrases


def load_sector_vocabulary(path: str | Path | None = None) -> SectorVocabulary:
    """The vocabulary in ``path`` (sectors.csv, or the folder holding it); data/reference by default."""
    if path is None:
        return _load_default()  # per-article calls: no file system look-up
    target = Path(path)
    return _load((target / SECTORS_FILE if target.is_dir() else target).resolve())


@lru_cache(maxsize=1)
def _load_default() -> SectorVocabulary:
    return _load((REFERENCE_DIR / SECTORS_FILE).resolve())


@lru_cache(maxsize=4)
def _load(path: Path) -> SectorVocabulary:
    return SectorVocabulary(_read_phrases(path))


def tag_sectors(text: str, sentences: list[Sentence], vocabulary: SectorVocabulary | None = None) -> list[SectorTag]:
    """One ``SectorTag`` per sentence, in order; its sectors sorted, possibly empty."""
    if not sentences:
        return []
    if vocabulary is None:
        # The default vocabulary's phrases are found in one pass with the gazetteer's names and the
        # time starters (see ``folded_scan``).
        vocabulary = load_sector_vocabulary()
        found = vocabulary.matcher.select(text, folded_scan.folded_hits(text).hits, folded_scan.SECTORS, _accepted)
    else:
        found = vocabulary.matcher.find(text, _accepted)
    starts = [sentence.start for sentence in sentences]
    ends = [sentence.end for sentence in sentences]
    scores: list[dict[str, float] | None] = [None] * len(sentences)
    for start, _end, weights in found:
        index = bisect_right(starts, start) - 1
        if index < 0 or start >= ends[index]:
            continue  # between sentences (white space the splitter trimmed)
        bucket = scores[index]
        if bucket is None:
            bucket = scores[index] = {}
        for sector, weight in weights:
            bucket[sector] = bucket.get(sector, 0.0) + weight
    tags = []
    for sentence, bucket in zip(sentences, scores):
        sectors: tuple[str, ...]
        if bucket is None:
            sectors = ()
        elif len(bucket) == 1:
            ((sector, score),) = bucket.items()
            sectors = (sector,) if score >= TAG_THRESHOLD else ()
        else:
            sectors = tuple(sorted([sector for sector, score in bucket.items() if score >= TAG_THRESHOLD]))
        tags.append(SectorTag(sentence.start, sentence.end, sentence.quote, sectors))
    return tags


def _weights(payloads) -> tuple[tuple[str, float], ...]:
    """(sector, weight) of each phrase, in the order of the phrases (the order the scores add up in)."""
    return tuple((phrase.sector, phrase.weight) for phrase, _ in payloads)


def _accepted(text: str, start: int, end: int, payloads) -> tuple[tuple[str, float], ...] | None:
    """The (sector, weight) pairs a hit counts for: all its phrases' unless some must match case."""
    if not any(phrase.case_sensitive for phrase, _ in payloads):
        return _weights(payloads)
    cased = fold_phrase(text[start:end], keep_case=True)
    return _weights(payload for payload in payloads if not payload[0].case_sensitive or payload[1] == cased) or None


def _settled(payloads) -> tuple[tuple[str, float], ...] | None:
    """What ``_accepted`` says of these payloads anywhere (computed once per phrase): the pairs of
    all of them, unless one must match case."""
    return None if any(phrase.case_sensitive for phrase, _ in payloads) else _weights(payloads)

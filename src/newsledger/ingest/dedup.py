"""Exact and near-duplicate articles (syndicated reprints of the same story).

Exact duplicates share their normalised text. Near duplicates are found with MinHash over
five-word shingles and locality-sensitive hashing (bands of rows), then confirmed on the shingle
sets themselves: two articles are the same story when their Jaccard similarity is at least
``NEAR_JACCARD`` or one contains at least ``NEAR_CONTAINMENT`` of the other's shingles (a reprint
that adds a paragraph, or cuts the last ones). The original of a group is the earliest published
article (undated ones last), ties broken by source.
"""

from __future__ import annotations

import re
import zlib
import numpy as np

SHINGLE_WORDS = 5
N_PERMUTATIONS = 64
BAND_ROWS = 4  # 16 bands of 4 rows: pairs at Jaccard 0.6 collide in a band with probability ~0.88
NEAR_JACCARD = 0.6
NEAR_CONTAINMENT = 0.8
_MERSENNE = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(20240307)  # fixed seed: the same corpus gives the same groups every run
_A = _rng.integers(1, (1 << 61) - 1, N_PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, (1 << 61) - 1, N_PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[int]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return frozenset([zlib.crc32(" ".join(words).encode())]) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode()) for i in range(len(words) - SHINGLE_WORDS + 1))


def minhash(shingle_set: frozenset[int]) -> np.ndarray:
    values = np.fromiter(shingle_set, dtype=np.uint64, count=len(shingle_set))
    # (a*x + b) mod p, with x < 2^32 and a < 2^61 the product wraps in uint64; the wrap is itself a
    # fixed hash, which is all MinHash needs.
    hashed = (values[:, None] * _A[None, :] + _B[None, :]) % _MERSENNE
    return hashed.min(axis=0)


class DuplicateFinder:
    """Feed articles in order of precedence (originals first); ``add`` says what each one duplicates."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, bytes], list[str]] = {}
        self._shingles: dict[str, frozenset[int]] = {}
        self._root: dict[str, str] = {}

    def add(self, article_id: str, text: str) -> tuple[str | None, str | None]:
        """(the article_id it duplicates, "exact" or "near"), or (None, None) for a new story.

        ``article_id`` is a hash of the text, so an id seen before is an exact duplicate."""
        if article_id in self._root:
            return self._root[article_id], "exact"
        own = shingles(text)
        signature = minhash(own) if own else None
        match = self._near_match(own, signature) if signature is not None else None
        self._shingles[article_id] = own
        self._root[article_id] = self._root[match] if match else article_id
        if signature is not None:
            for key in self._band_keys(signature):
                self._buckets.setdefault(key, []).append(article_id)
        return (self._root[match], "near") if match else (None, None)

    def _band_keys(self, signature: np.ndarray) -> list[tuple[int, bytes]]:
        return [(band, signature[band * BAND_ROWS : (band + 1) * BAND_ROWS].tobytes()) for band in range(N_PERMUTATIONS // BAND_ROWS)]

    def _near_match(self, own: frozenset[int], signature: np.ndarray) -> str | None:
        candidates: dict[str, None] = {}  # ordered and unique: the earliest candidate wins
        for key in self._band_keys(signature):
            candidates.update(dict.fromkeys(self._buckets.get(key, ())))
        for other in candidates:
            theirs = self._shingles[other]
            common = len(own & theirs)
            if not common:
                continue
            jaccard = common / len(own | theirs)
            containment = common / min(len(own), len(theirs))
            if jaccard >= NEAR_JACCARD or containment >= NEAR_CONTAINMENT:
                return other
        return None

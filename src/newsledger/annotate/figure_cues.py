"""The claims' sentence cue phrases, found only in the sentences that hold a figure.

``FigureCueVocabulary.scan_ranges`` runs the Aho-Corasick automaton of ``matching.PhraseVocabulary``
over those sentences; ``FigureCueHits`` answers ``search``, ``finditer`` and ``spans`` exactly as
``matching.PhraseHits`` answers ``search`` and ``finditer`` for the whole article's hits. A figure
sentence asks about a few of the seventeen kinds, so a kind's hits are sorted and indexed when it
is first asked about (building all of them took 0.02 s of the claims' 2.1 s per 1M words), and the
searches, seven or so per figure, run in one method each instead of through ``super()``.
"""

from __future__ import annotations

from bisect import bisect_left

from .matching import PhraseMatch, PhraseVocabulary

_NO_HITS: tuple[list[int], list[int]] = ([], [])


class FigureCueVocabulary(PhraseVocabulary):
    def scan_ranges(self, text: str, ranges: list[tuple[int, int]]) -> "FigureCueHits":
        """What ``scan(text)`` finds inside the ranges: the hits that ``PhraseHits.finditer`` and
        ``search`` return for any range within a sentence, since a phrase that crosses a range end
        crosses the sentence end and one that crosses a range start starts before the sentence.
        Each range starts at the character before its sentence, which decides whether a phrase at
        the sentence start starts a word."""
        found: dict[str, list[tuple[int, int]]] = {}
        automaton = self._automaton
        for range_start, range_end in ranges:
            for last, (length, kinds) in automaton.iter(text, range_start, range_end):
                start = last + 1 - length
                if start:
                    char = text[start - 1]
                    if char.isalnum() or char == "_":
                        continue
                for kind in kinds:
                    hits = found.get(kind)
                    if hits is None:
                        hits = found[kind] = []
                    hits.append((start, -(last + 1)))
        return FigureCueHits(text, found)


class FigureCueHits:
    """The occurrences of the cue phrases in an article's figure sentences, per kind, sorted by
    start and then longest first (as ``PhraseHits`` keeps them)."""

    def __init__(self, text: str, found: dict[str, list[tuple[int, int]]]):
        self.text = text
        self._found = found  # kind -> (start, -end) of each hit, in the automaton's order
        self._columns: dict[str, tuple[list[int], list[int]]] = {}  # kind -> (starts, ends), made when first asked

    def _read_kind(self, kind: str) -> tuple[list[int], list[int]]:
        hits = self._found.get(kind)
        if hits is None:
            columns = _NO_HITS  # most articles have no phrase at all of the rarer kinds
        else:
            hits.sort()
            columns = ([start for start, _ in hits], [-negative_end for _, negative_end in hits])
        self._columns[kind] = columns
        return columns

    def spans(self, kind: str, pos: int, endpos: int) -> list[tuple[int, int]]:
        """(start, end) of what ``PhraseHits.finditer`` finds: leftmost, the longest at each start,
        not overlapping, whole words."""
        starts, ends = self._columns.get(kind) or self._read_kind(kind)
        first = bisect_left(starts, pos)
        if first == len(starts) or starts[first] >= endpos:
            return []  # most ranges hold no phrase of the kind
        text = self.text
        found: list[tuple[int, int]] = []
        last_end = pos
        for i in range(first, len(starts)):
            start = starts[i]
            if start >= endpos:
                break
            end = ends[i]
            if start < last_end or end > endpos:
                continue
            if end < endpos and (text[end].isalnum() or text[end] == "_"):
                continue
            found.append((start, end))
            last_end = end
        return found

    def finditer(self, kind: str, pos: int, endpos: int) -> list[PhraseMatch]:
        text = self.text
        return [PhraseMatch(text, start, end) for start, end in self.spans(kind, pos, endpos)]

    def search(self, kind: str, pos: int, endpos: int) -> PhraseMatch | None:
        starts, ends = self._columns.get(kind) or self._read_kind(kind)
        first = bisect_left(starts, pos)
        if first == len(starts) or starts[first] >= endpos:
            return None  # most ranges hold no phrase of the kind
        text = self.text
        for i in range(first, len(starts)):
            start = starts[i]
            if start >= endpos:
                break
            end = ends[i]
            if end > endpos or (end < endpos and (text[end].isalnum() or text[end] == "_")):
                continue
            return PhraseMatch(text, start, end)
        return None

    def starts_within(self, kind: str, pos: int, endpos: int) -> bool:
        """Whether any phrase of ``kind`` starts in [pos, endpos), whole word or not at its end:
        where none does, no ``search`` inside the range can find one, and what the search would be
        narrowed by (the forecast cut) need not be read."""
        starts = (self._columns.get(kind) or self._read_kind(kind))[0]
        first = bisect_left(starts, pos)
        return first < len(starts) and starts[first] < endpos

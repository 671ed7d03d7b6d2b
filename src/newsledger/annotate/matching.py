"""Whole-phrase matching of several vocabularies in one Aho-Corasick pass over an article.

``PhraseVocabulary`` holds, for each kind, the phrases as written, in lower case, Capitalised and in
UPPER CASE. ``scan(text)`` finds them all at once; ``PhraseHits.finditer(kind, pos, endpos)`` then
returns exactly what ``re.compile(r"(?<![\\w])(?:variant|...)(?![\\w])").finditer(text, pos, endpos)``
would: leftmost matches, the longest at each start, not overlapping, the character before a match
read even before ``pos`` and ``endpos`` standing for the end of the text. A regular expression of
this shape is tried at every character of every range it is asked about; the automaton reads the
article once for all kinds.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left

import ahocorasick


def case_variants(words) -> set[str]:
    """Each word as written, in lower case, Capitalised and in UPPER CASE."""
    return {variant for w in words for variant in (w, w.lower(), w[:1].upper() + w[1:].lower(), w.upper())}


def prefix_trie_pattern(phrases, space: str | None = None) -> str:
    """An alternation of ``phrases`` factored by common prefixes (``agree(?:ments?)``), longest
    reading first. Spelled-out case variants in such a trie, searched for with no leading ``\\b``,
    run several times faster than a ``(?i)`` alternation: the engine tests one character per branch
    point instead of every phrase at every position. ``space``: the pattern a space in a phrase
    stands for (``\\s+`` lets a phrase span a line break); by default a space is a space."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [(space if space is not None and char == " " else re.escape(char)) + render(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(root)


class PhraseMatch:
    """The part of ``re.Match`` the annotators read: ``start()``, ``end()``, ``group(0)``."""

    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text: str, start: int, end: int):
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, index: int = 0) -> str:
        if index != 0:
            raise IndexError("a phrase match has no groups")
        return self._text[self._start:self._end]


class PhraseVocabulary:
    def __init__(self, phrases_by_kind: dict[str, object]):
        kinds_of: dict[str, set[str]] = {}
        for kind, phrases in phrases_by_kind.items():
            for variant in case_variants(phrases):
                kinds_of.setdefault(variant, set()).add(kind)
        self.kinds = tuple(phrases_by_kind)
        self._automaton = ahocorasick.Automaton()
        for variant, kinds in kinds_of.items():
            self._automaton.add_word(variant, (len(variant), tuple(sorted(kinds))))
        self._automaton.make_automaton()

    def scan(self, text: str) -> "PhraseHits":
        """Every occurrence that starts a word (the character before it is no word character)."""
        return self.scan_ranges(text, [(0, len(text))])

    def scan_ranges(self, text: str, ranges: list[tuple[int, int]]) -> "PhraseHits":
        """What ``scan(text)`` finds inside the ranges: the hits that ``PhraseHits.finditer`` and
        ``search`` return for any range within a sentence, when the ranges are sentences (a phrase
        that crosses a range end crosses the sentence end, and one that crosses a range start
        starts before the sentence). A range that starts at the character before its sentence lets
        that character decide whether a phrase at the sentence start starts a word."""
        found: dict[str, list[tuple[int, int]]] = {kind: [] for kind in self.kinds}
        automaton = self._automaton
        for range_start, range_end in ranges:
            for last, (length, kinds) in automaton.iter(text, range_start, range_end):
                start = last + 1 - length
                if start:
                    char = text[start - 1]
                    if char.isalnum() or char == "_":
                        continue
                for kind in kinds:
                    found[kind].append((start, -(last + 1)))
        return PhraseHits(text, found)


class PhraseHits:
    """The occurrences of one text, per kind, sorted by start and then longest first.

    A kind's hits are sorted and indexed when it is first asked about: the claims ask about a few
    of their seventeen kinds per figure sentence (indexing all of them cost 0.02 s of the claims'
    2.1 s per 1M words). ``spans``, ``finditer`` and ``search`` each do their whole work in one
    method: they run about seven times per figure."""

    def __init__(self, text: str, found: dict[str, list[tuple[int, int]]]):
        self.text = text
        self._found = found  # kind -> (start, -end) of each hit, in the automaton's order
        self._columns: dict[str, tuple[list[int], list[int]]] = {}  # kind -> (starts, ends), made when first asked

    def _read_kind(self, kind: str) -> tuple[list[int], list[int]]:
        hits = self._found[kind]  # an unknown kind is a KeyError, as a typo should be
        hits.sort()
        columns = self._columns[kind] = ([start for start, _ in hits], [-negative_end for _, negative_end in hits])
        return columns

    def spans(self, kind: str, pos: int, endpos: int) -> list[tuple[int, int]]:
        """(start, end) of what ``finditer`` finds: leftmost, the longest at each start, not
        overlapping, whole words."""
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


class TrailingPattern:
    """A pattern anchored at the end of the range it searches (``...\\s*$``), searched only when the
    range, stripped of trailing space, ends with one of the words its match can end with. Such a
    pattern is otherwise tried at every character of the range; the test on the end is one string
    comparison. Case is ignored in the test; a range with other than ASCII characters is always
    searched (case-insensitive matching of those goes beyond ``str.lower``)."""

    def __init__(self, pattern: re.Pattern, last_phrases):
        self.pattern = pattern
        self._endings = tuple(sorted({phrase.split()[-1].lower() for phrase in last_phrases if phrase.split()}))
        self._longest = max(map(len, self._endings), default=0)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        window = text[pos:endpos]
        # Only the end is compared, so only as much of it as the longest ending is lower-cased.
        if window.isascii() and not window.rstrip()[-self._longest:].lower().endswith(self._endings):
            return None
        return self.pattern.search(text, pos, endpos)

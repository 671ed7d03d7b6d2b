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


def _is_word_char(char: str) -> bool:
    # The regular expression module's \w for str patterns.
    return char.isalnum() or char == "_"


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
        found: dict[str, list[tuple[int, int]]] = {kind: [] for kind in self.kinds}
        for last, (length, kinds) in self._automaton.iter(text):
            start = last + 1 - length
            if start and _is_word_char(text[start - 1]):
                continue
            for kind in kinds:
                found[kind].append((start, -(last + 1)))
        return PhraseHits(text, found)


class PhraseHits:
    """The occurrences of one text, per kind, sorted by start and then longest first."""

    def __init__(self, text: str, found: dict[str, list[tuple[int, int]]]):
        self.text = text
        self._starts: dict[str, list[int]] = {}
        self._ends: dict[str, list[int]] = {}
        for kind, hits in found.items():
            hits.sort()
            self._starts[kind] = [start for start, _ in hits]
            self._ends[kind] = [-negative_end for _, negative_end in hits]

    def finditer(self, kind: str, pos: int, endpos: int) -> list[PhraseMatch]:
        starts = self._starts[kind]
        first = bisect_left(starts, pos)
        if first == len(starts) or starts[first] >= endpos:
            return []  # most ranges hold no phrase of the kind
        text = self.text
        ends = self._ends[kind]
        found: list[PhraseMatch] = []
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
            found.append(PhraseMatch(text, start, end))
            last_end = end
        return found

    def search(self, kind: str, pos: int, endpos: int) -> PhraseMatch | None:
        starts = self._starts[kind]
        first = bisect_left(starts, pos)
        if first == len(starts) or starts[first] >= endpos:
            return None  # most ranges hold no phrase of the kind
        text = self.text
        ends = self._ends[kind]
        for i in range(first, len(starts)):
            start = starts[i]
            if start >= endpos:
                break
            end = ends[i]
            if end > endpos or (end < endpos and (text[end].isalnum() or text[end] == "_")):
                continue
            return PhraseMatch(text, start, end)
        return None


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

"""Sentence boundaries with character offsets.

A rule-based splitter: a sentence ends at ``.``, ``!`` or ``?`` (optionally followed by a closing
quote or bracket) before white space and an upper-case letter, digit or quote, or at a paragraph
break. Abbreviations and initials (``Mr.``, ``U.S.``, ``Jan.``) and decimals (``2.8``) do not end
a sentence. spaCy's sentencizer does the same job about ten times slower on this corpus, and the
annotators need only boundaries.
"""

from __future__ import annotations

import re

from .spans import Sentence

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "gen", "col", "lt", "gov", "sen", "rep", "approx", "est", "fig", "dept", "u.s", "u.k", "e.g", "i.e",
}

_TRAILING_TOKEN = re.compile(r"([\w.]+)$")
# How far back the token before a period is looked for first; a longer run is read again in full.
_TOKEN_WINDOW = 40

_BOUNDARY = re.compile(r"""[.!?]+["')\]\u201d\u2019]*(?=\s+["'(\[\u201c\u2018]?[A-Z0-9\u00c0-\u024f])|\n\s*\n""")


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; offsets index ``text`` and leading/trailing space is trimmed."""
    sentences: list[Sentence] = []
    cursor = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(0)[0] == ".":
            word = _token_before(text, cursor, match.start())
            if word:
                token = word.group(1).lower()
                if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
        end = match.end() if not match.group(0).isspace() else match.start()
        _append(text, cursor, end, sentences)
        cursor = match.end()
    _append(text, cursor, len(text), sentences)
    return sentences


def _token_before(text: str, cursor: int, end: int) -> re.Match | None:
    """The run of word characters and periods that ends at ``end`` (not before ``cursor``). Searched
    in a short window first: the anchored pattern is otherwise tried at every word of the sentence."""
    window_start = max(cursor, end - _TOKEN_WINDOW)
    found = _TRAILING_TOKEN.search(text, window_start, end)
    if found is not None and found.start() == window_start and window_start > cursor:
        found = _TRAILING_TOKEN.search(text, cursor, end)
    return found


def _append(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))

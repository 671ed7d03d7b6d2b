"""Numbers as news writes them: digits (``2,800``, ``2.8``), words (``two million``, ``a dozen``),
scales (``million``, ``bn``, ``$5m``), multiplier words (``fivefold``, ``tripled``, ``halve``).

This module only reads and values numbers; what a number measures is ``claims``' business. It
hands out regular-expression sources so that ``claims`` can build its one candidate pattern, and
the functions that turn a matched piece of text into a float. The words come from
``data/reference/number_words.csv``.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import REFERENCE_DIR
from .matching import prefix_trie_pattern

NUMBER_WORDS_PATH = REFERENCE_DIR / "number_words.csv"

# Thousands groups only when complete (``2,800``), so that ``2023, 2024`` stays two numbers.
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|\d+(?:\.\d+)?"

_WORD_SPLIT = re.compile(r"[\s\-\u2010\u2011]+")


def _bmp_decimal_ranges() -> str:
    """The characters ``\\d`` matches below U+10000, as character-class ranges.

    A class of plain ranges compiles to one bitmap test per character; ``\\d`` asks the Unicode
    database for every character the scan passes (the digit scan of a million words: 0.085 s with
    ``\\d``, 0.039 s with the ranges)."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if chr(code).isdecimal():  # what ``\d`` matches in a str pattern
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in ranges)


BMP_DECIMALS = _bmp_decimal_ranges()
# A str that holds a character beyond U+FFFF stores 4 bytes per character (PEP 393), and its size
# says so: at least this header plus 4 bytes per character and the terminator. Any str smaller than
# that holds none, and ``BMP_DECIMALS`` finds all its digits; the test costs nothing, where a scan
# for such characters cost as much as the digit scan saves.
_FOUR_BYTE_HEADER = sys.getsizeof("\U00010000") - 4 * 2


def holds_no_astral_character(text: str) -> bool:
    """True when ``text`` surely has no character beyond U+FFFF (False may also mean "cannot tell")."""
    return sys.getsizeof(text) < _FOUR_BYTE_HEADER + 4 * (len(text) + 1)


@dataclass(frozen=True)
class NumberWords:
    cardinals: dict[str, float]  # one .. ninety
    hundreds: dict[str, float]  # hundred
    dozens: dict[str, float]  # dozen
    scales: dict[str, float]  # thousand, million, bn, mln ... (written apart or attached)
    attached_scales: dict[str, float]  # m, b, k: only glued to the digits or after a currency ($5m)
    multipliers: dict[str, float]  # fivefold, tripled, halve: always a multiplier
    verb_multipliers: dict[str, float]  # double, triple: a multiplier only where used as a verb
    fractions: dict[str, float]  # quarter, thirds, half: the value of one part

    def scale_of(self, word: str) -> float:
        key = word.strip().lower()
        return self.scales.get(key) or self.attached_scales.get(key) or 1.0


def _alternation(words) -> str:
    """The words as one alternation that tries the longer of two words matching at a place first.

    The words are lower-case and used case-insensitively: as ASCII they are factored by common
    prefixes (``m(?:illion|ln|n)``), which tries the same words in the same order but tests one
    character per branch point instead of every word (the number candidate pattern matched at every
    trigger of 1M words: 0.066 -> 0.050 s)."""
    if all(w.isascii() and w == w.lower() for w in words):
        return prefix_trie_pattern(words)
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def number_words(path: Path = NUMBER_WORDS_PATH) -> NumberWords:
    kinds: dict[str, dict[str, float]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kinds.setdefault(row["kind"], {})[row["word"].strip().lower()] = float(row["value"])
    return NumberWords(
        cardinals=kinds.get("cardinal", {}),
        hundreds=kinds.get("hundred", {}),
        dozens=kinds.get("dozen", {}),
        scales=kinds.get("scale", {}),
        attached_scales=kinds.get("scale_attached", {}),
        multipliers=kinds.get("multiplier", {}),
        verb_multipliers=kinds.get("multiplier_verb", {}),
        fractions=kinds.get("fraction", {}),
    )


def scale_pattern(words: NumberWords) -> str:
    """A scale after digits: ``1.5 million``, ``5bn``; single letters (``$5m``) only glued on."""
    return (
        rf"(?:\s?(?i:{_alternation(words.scales)})(?![\w])"
        rf"|(?i:{_alternation(words.attached_scales)})(?![\w]))"
    )


def word_number_pattern(words: NumberWords) -> str:
    """``eight``, ``twenty-five``, ``two hundred thousand``, ``a dozen``, ``a million``.

    It must open with a cardinal, or with ``a``/``an`` (``half a``) before a dozen, hundred or
    scale word, so that a bare ``million`` (``millions of people``) is never a number.
    """
    cardinal = _alternation(words.cardinals)
    multiplying = _alternation({**words.hundreds, **words.dozens, **words.scales})
    return (
        rf"(?i:(?:(?:{cardinal})|(?:half\s+)?an?(?=\s(?:{multiplying})\b))"
        rf"(?:[\s\-](?:{cardinal}|{multiplying}))*)(?![\w\-])"
    )


def multiplier_pattern(words: NumberWords) -> str:
    return rf"(?i:{_alternation({**words.multipliers, **words.verb_multipliers})})(?![\w\-])"


def fraction_pattern(words: NumberWords) -> str:
    """``a quarter``, ``two thirds``, ``one and a half`` (group ``whole``), and ``half`` alone
    (a bare fraction word is a figure only where the caller finds a qualifier before it)."""
    cardinal = _alternation(words.cardinals)
    parts = _alternation(words.fractions)
    return (
        rf"(?i:(?P<whole>{cardinal})\s+and\s+an?\s+half"
        rf"|(?P<parts>an?|{cardinal})[\s\-]+(?P<part>{parts})"
        rf"|(?P<bare>{parts}))(?![\w\-])"
    )


def fraction_value(count: str | None, part: str, words: NumberWords) -> float | None:
    """``two thirds`` -> 0.6667; None when ``part`` is no fraction word."""
    size = words.fractions.get(part.lower())
    if size is None:
        return None
    key = (count or "a").lower()
    number = 1.0 if key in ("a", "an") else words.cardinals.get(key)
    return number * size if number is not None else None


def digits_value(written: str) -> float:
    return float(written.replace(",", ""))


def word_number_value(written: str, words: NumberWords) -> float | None:
    """The value of a number written in words, or None when a word is not a number word."""
    total = 0.0
    current = 0.0
    for token in _WORD_SPLIT.split(written.strip().lower()):
        if not token:
            continue
        if token == "half" and not total and not current:
            current = 0.5  # "half a billion"
        elif token in ("a", "an"):
            current = current or 1.0
        elif token in words.cardinals:
            current += words.cardinals[token]
        elif token in words.hundreds:
            current = (current or 1.0) * words.hundreds[token]
        elif token in words.dozens:
            current = (current or 1.0) * words.dozens[token]
        elif token in words.scales:
            total += (current or 1.0) * words.scales[token]
            current = 0.0
        else:
            return None
    value = total + current
    return value if value else None


def multiplier_value(word: str, words: NumberWords) -> float | None:
    key = word.lower()
    return words.multipliers.get(key, words.verb_multipliers.get(key))


def is_year(written: str) -> bool:
    """A plain four-digit integer that reads as a calendar year (1800-2100)."""
    return len(written) == 4 and written.isdigit() and 1800 <= int(written) <= 2100

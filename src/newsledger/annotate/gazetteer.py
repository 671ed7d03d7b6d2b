"""Entity mentions: every name, variant, demonym, acronym and former name of the reference gazetteer.

The vocabulary is data (``data/reference/gazetteer.csv`` for the entities, ``aliases.csv`` for their
other names; both documented in ``data/reference/README.md``). It is compiled once into a single
Aho-Corasick automaton over a *folded* copy of the text: lower case, accents stripped
(``Türkiye`` = ``Turkiye``, ``Erdoğan`` = ``Erdogan``) and every character that is not a letter,
digit or currency sign replaced by a space. The fold maps one character to one character, so an
offset in the folded copy is an offset in the text. Phrases are stored padded with a space on each
side, so the automaton itself only reports whole words ("Oman" never fires inside "Romania") and
hyphens, apostrophes and line breaks are all the same separator (``Azerbaijan's``,
``Azerbaijan’s``, ``Baku–Tbilisi–Kars``).

All-caps aliases (``OTS``, ``EU``, ``US``) and aliases flagged ``case_sensitive`` must also match
the text's case, checked on the few hits only. Overlapping hits resolve leftmost, then longest
("Port of Baku" beats "Baku"). A known entity's name followed by a parenthesised acronym the
gazetteer does not know ("Alat Free Economic Zone (AFAZ)") makes that acronym a name of the entity
for the rest of the text.

``PhraseAutomaton`` is the whole-word matcher itself; the sector tagger reuses it and the folded
text (one fold per article, cached).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable, Generic, TypeVar

import ahocorasick

from ..config import REFERENCE_DIR
from ..schemas.annotate import ENTITY_TYPES
from . import folded_scan
from .spans import Mention

GAZETTEER_FILE = "gazetteer.csv"
ALIASES_FILE = "aliases.csv"

ALIAS_KINDS = (
    "name", "official_name", "short_name", "variant", "local_name", "demonym", "acronym", "surname",
    "former_name", "text_defined",
)
_ID_PREFIX = {"organisation": "org", "person": "person", "infrastructure": "infra", "place": "place",
              "region": "region"}
_COUNTRY_ID = re.compile(r"^[A-Z]{3}$")
_SLUG_ID = re.compile(r"^(org|person|infra|place|region):[a-z0-9_]+$")
_ROLE = re.compile(r"^([a-z_]+)(?::(\d{4})?-(\d{4})?)?$")

# ---------------------------------------------------------------------------------------------
# Folding: one character in, one character out.

# Letters NFKD does not reduce to an ASCII base; ə is "a" in the usual romanisation (Əliyev -> Aliyev).
_SPECIAL_FOLDS = {"ı": "i", "ə": "a", "Ə": "A", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
                  "ß": "ß"}
_FOLD_RANGE = 0x3000  # Latin, Greek, Cyrillic, punctuation, currency; CJK stays as it is


def _fold_char(ch: str, keep_case: bool) -> str:
    if ch.isalnum():
        base = _SPECIAL_FOLDS.get(ch) or unicodedata.normalize("NFKD", ch)[0]
        if not base.isalnum():
            base = ch
        if not keep_case:
            lowered = base.lower()
            base = lowered if len(lowered) == 1 else base
        return base
    if unicodedata.category(ch) == "Sc":  # "US$" must not read as "US"
        return ch
    return " "


_FOLD = {code: _fold_char(chr(code), keep_case=False) for code in range(_FOLD_RANGE)}
_FOLD_CASED = {code: _fold_char(chr(code), keep_case=True) for code in range(_FOLD_RANGE)}
_SPACES = re.compile(r" +")


def fold_phrase(phrase: str, keep_case: bool = False) -> str:
    """The key a phrase is matched by: folded like the text, runs of separators made one space."""
    folded = phrase.translate(_FOLD_CASED if keep_case else _FOLD)
    return _SPACES.sub(" ", folded).strip()


def _fold_non_ascii(text: str) -> str:
    """``text`` with its non-ASCII characters folded (the rest as it is)."""
    # Encoding writes one "?" per character it cannot encode, so the few non-ASCII characters are
    # found by a byte search for "?" (a real "?" is told apart by the text): several times faster
    # than a regular expression reading every character.
    encoded = text.encode("ascii", "replace")
    pieces: list[str] = []
    done = 0
    found = encoded.find(b"?")
    while found >= 0:
        char = text[found]
        if char != "?":
            pieces += (text[done:found], _FOLD.get(ord(char), char))
            done = found + 1
        found = encoded.find(b"?", found + 1)
    pieces.append(text[done:])
    return "".join(pieces)


@lru_cache(maxsize=4)
def folded_text(text: str) -> str:
    """The text folded for matching and padded with one space at each end (so index i+1 is text[i]).

    Cached because the entity and sector matchers fold the same article one after the other.
    """
    # str.translate is ~30 times faster on ASCII input, so the few non-ASCII characters are folded
    # first (folding twice changes nothing).
    if not text.isascii():
        text = _fold_non_ascii(text)
    return " " + text.translate(_FOLD) + " "


# ---------------------------------------------------------------------------------------------
# Whole-word phrase matching.

P = TypeVar("P")
Q = TypeVar("Q")


class PhraseAutomaton(Generic[P]):
    """Whole-word matching of many phrases in one pass; each phrase carries a payload.

    Phrases that fold to the same key share it: a hit hands all their payloads to ``accept``.
    ``settle(payloads)``, if given, is what ``accept`` returns for a hit of those payloads wherever
    it is, or None when that depends on the text; only the hits it leaves open are passed to
    ``accept``. Most phrases need no look at the text, and a call per hit costs as much as the
    matching.
    """

    def __init__(self, phrases: Iterable[tuple[str, P]], settle: Callable[[tuple[P, ...]], object] | None = None):
        payloads: dict[str, list[P]] = {}
        for phrase, payload in phrases:
            key = fold_phrase(phrase)
            if not key:
                raise ValueError(f"phrase {phrase!r} has no letters or digits")
            payloads.setdefault(key, []).append(payload)
        self.keys = frozenset(payloads)
        # Per key as the automaton holds it (padded with a space at each end): its length, payloads
        # and settled value. ``folded_scan`` puts these keys in the automaton it shares with others.
        self.hit_values: dict[str, tuple[int, tuple[P, ...], object]] = {}
        self._automaton = ahocorasick.Automaton()
        for key, listed in payloads.items():
            padded = f" {key} "
            items = tuple(listed)
            self.hit_values[padded] = (len(padded), items, settle(items) if settle is not None else None)
            self._automaton.add_word(padded, (self.hit_values[padded],))  # the shape ``select`` reads
        self._automaton.make_automaton()

    def find(self, text: str, accept: Callable[[str, int, int, tuple[P, ...]], Q | None]) -> list[tuple[int, int, Q]]:
        """Leftmost-longest whole-word matches ``(start, end, accepted)`` in ``text``, sorted by start.

        ``accept(text, start, end, payloads)`` is asked about each whole-word hit that could still
        win and returns what to keep for it, or None to reject it (a rejected hit hides nothing).
        """
        if not self.keys:
            return []
        return self.select(text, self._automaton.iter(folded_text(text)), 0, accept)

    def select(self, text: str, hits, slot: int, accept: Callable[[str, int, int, tuple[P, ...]], Q | None]) -> list[tuple[int, int, Q]]:
        """``find`` given an automaton's hits in ``folded_text(text)``, ``(last index, values)`` in
        the order the automaton reports them (by end, the longest key first at one end), where
        ``values[slot]`` is the key's value here (``hit_values``) or None for a key of another
        vocabulary. The hits shared with other annotators are read in place (see ``folded_scan``):
        a list of its own for each annotator made a tuple per hit, 0.04 CPU s per 1M words."""
        # The automaton reports hits by increasing end, so leftmost-longest needs no sort: a hit that
        # starts at or before every kept hit it overlaps replaces them (it is as far left and longer);
        # a hit that starts inside a kept one loses to it.
        kept: list[tuple[int, int, Q]] = []
        reach = 0  # the end of the last kept hit
        for last, values in hits:
            value = values[slot]
            if value is None:
                continue
            length, items, settled = value
            start = last - length + 1
            if start >= reach:  # most hits overlap nothing kept
                value = settled if settled is not None else accept(text, start, last - 1, items)
                if value is not None:
                    kept.append((start, last - 1, value))
                    reach = last - 1
                continue
            keep_until = len(kept)
            while keep_until and start < kept[keep_until - 1][1] and start <= kept[keep_until - 1][0]:
                keep_until -= 1
            if keep_until and start < kept[keep_until - 1][1]:
                continue
            value = settled if settled is not None else accept(text, start, last - 1, items)
            if value is None:
                continue
            del kept[keep_until:]
            kept.append((start, last - 1, value))
            reach = last - 1
        return kept


# ---------------------------------------------------------------------------------------------
# The gazetteer.


@dataclass(frozen=True)
class Role:
    role: str  # president, prime_minister, foreign_minister, ... (see README)
    start_year: int | None
    end_year: int | None  # None: still in office, or not recorded

    def held_in(self, year: int) -> bool:
        return (self.start_year is None or self.start_year <= year) and (self.end_year is None or year <= self.end_year)


@dataclass(frozen=True)
class Entity:
    entity_id: str
    entity_type: str
    name: str
    country: str | None = None
    roles: tuple[Role, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Alias:
    entity_id: str
    alias: str
    kind: str
    case_sensitive: bool = False
    valid_from: date | None = None
    valid_until: date | None = None

    @cached_property
    def cased_key(self) -> str:
        return fold_phrase(self.alias, keep_case=True)

    @cached_property
    def trailing_punctuation(self) -> str:
        """The dots the fold drops at the end of an alias ("U.S." -> "."), given back to the quote."""
        return self.alias[len(self.alias.rstrip(".")):]


class Gazetteer:
    """The entities, their aliases and the compiled matcher. Build with ``load_gazetteer``."""

    def __init__(self, entities: Iterable[Entity], aliases: Iterable[Alias]):
        self._entities = {entity.entity_id: entity for entity in entities}
        all_aliases = [Alias(e.entity_id, e.name, "name", _is_all_caps(e.name)) for e in self._entities.values()]
        all_aliases += list(aliases)
        self._aliases: dict[str, list[Alias]] = {}
        seen: set[tuple[str, str, bool]] = set()
        for alias in all_aliases:
            if alias.entity_id not in self._entities:
                raise ValueError(f"alias {alias.alias!r}: unknown entity {alias.entity_id!r}")
            marker = (alias.entity_id, fold_phrase(alias.alias, alias.case_sensitive), alias.case_sensitive)
            if marker in seen:
                continue
            seen.add(marker)
            self._aliases.setdefault(alias.entity_id, []).append(alias)
        self._entity_types = {entity_id: entity.entity_type for entity_id, entity in self._entities.items()}
        ordered = sorted((a for group in self._aliases.values() for a in group), key=lambda a: not a.case_sensitive)
        _check_unambiguous(ordered)
        # Case-sensitive aliases first, so "SOCAR" reports its own surface before "Socar" does.
        self.matcher: PhraseAutomaton[Alias] = PhraseAutomaton(((a.alias, a) for a in ordered), _settled)
        # Per alias, by id (hashing a dataclass by its fields costs more than the look-up saves): entity
        # id, entity type, surface and the dots the fold drops at its end, what a mention is made of.
        self.mention_fields: dict[int, tuple[str, str, str, str]] = {
            id(a): (a.entity_id, self._entity_types[a.entity_id], a.alias, a.trailing_punctuation) for a in ordered
        }

    @property
    def entities(self) -> dict[str, Entity]:
        return dict(self._entities)

    def entity(self, entity_id: str) -> Entity | None:
        """The entity (type, name, country, roles), or None for an id the gazetteer does not know."""
        return self._entities.get(entity_id)

    def country_of(self, entity_id: str | None) -> str | None:
        """The country id an entity belongs to: itself for a country, the ``country`` column otherwise."""
        entity = self._entities.get(entity_id) if entity_id else None
        if entity is None:
            return None
        return entity.entity_id if entity.entity_type == "country" else entity.country

    def aliases_of(self, entity_id: str) -> tuple[Alias, ...]:
        return tuple(self._aliases.get(entity_id, ()))

    def alias_record(self, entity_id: str, surface: str) -> Alias | None:
        """The alias row behind a mention (``Mention.entity_id``, ``Mention.surface``): its kind and validity."""
        return next((a for a in self._aliases.get(entity_id, ()) if a.alias == surface), None)

    def office_holders(self, country_id: str, role: str, year: int) -> list[str]:
        """Persons of ``country_id`` who held ``role`` at some time in ``year`` (two in a year of change)."""
        return sorted(
            e.entity_id for e in self._entities.values()
            if e.entity_type == "person" and e.country == country_id
            and any(r.role == role and r.held_in(year) for r in e.roles)
        )


def _is_all_caps(alias: str) -> bool:
    return alias.isupper() and sum(ch.isalpha() for ch in alias) >= 2


def _check_unambiguous(aliases: list[Alias]) -> None:
    owners: dict[tuple[str, bool], str] = {}
    for alias in aliases:
        marker = (fold_phrase(alias.alias, alias.case_sensitive), alias.case_sensitive)
        owner = owners.setdefault(marker, alias.entity_id)
        if owner != alias.entity_id:
            raise ValueError(f"alias {alias.alias!r} names both {owner} and {alias.entity_id}")


# ---------------------------------------------------------------------------------------------
# Loading.


def _date(value: str, where: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"{where}: {value!r} is not a YYYY-MM-DD date") from error


def _roles(value: str, where: str) -> tuple[Role, ...]:
    roles = []
    for item in filter(None, (part.strip() for part in value.split(";"))):
        match = _ROLE.match(item)
        if not match:
            raise ValueError(f"{where}: role {item!r} is not role[:YYYY-[YYYY]]")
        name, start, end = match.groups()
        roles.append(Role(name, int(start) if start else None, int(end) if end else None))
    return tuple(roles)


def _read_entities(path: Path) -> list[Entity]:
    entities = []
    seen = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path.name}:{line}"
            entity_id, entity_type = row["entity_id"].strip(), row["entity_type"].strip()
            if entity_type not in ENTITY_TYPES:
                raise ValueError(f"{where}: unknown entity_type {entity_type!r}")
            pattern_ok = (_COUNTRY_ID.match(entity_id) if entity_type == "country"
                          else _SLUG_ID.match(entity_id) and entity_id.split(":")[0] == _ID_PREFIX[entity_type])
            if not pattern_ok:
                raise ValueError(f"{where}: id {entity_id!r} does not fit type {entity_type!r}")
            if entity_id in seen:
                raise ValueError(f"{where}: duplicate entity {entity_id!r}")
            seen.add(entity_id)
            entities.append(Entity(
                entity_id, entity_type, row["name"].strip(), (row.get("country") or "").strip() or None,
                _roles(row.get("roles") or "", where), (row.get("note") or "").strip(),
            ))
    countries = {e.entity_id for e in entities if e.entity_type == "country"}
    for entity in entities:
        if entity.country and entity.country not in countries:
            raise ValueError(f"{path.name}: {entity.entity_id}'s country {entity.country!r} is not a country of the gazetteer")
    return entities


def _read_aliases(path: Path) -> list[Alias]:
    if not path.exists():
        return []
    aliases = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path.name}:{line}"
            text, kind = row["alias"].strip(), row["kind"].strip()
            if kind not in ALIAS_KINDS:
                raise ValueError(f"{where}: unknown alias kind {kind!r}")
            flag = (row.get("case_sensitive") or "").strip().lower()
            if flag not in ("", "yes", "no"):
                raise ValueError(f"{where}: case_sensitive must be yes, no or empty")
            case_sensitive = flag == "yes" or (flag == "" and _is_all_caps(text))
            aliases.append(Alias(
                row["entity_id"].strip(), text, kind, case_sensitive,
                _date(row.get("valid_from") or "", where), _date(row.get("valid_until") or "", where),
            ))
    return aliases


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer in ``path`` (a folder holding gazetteer.csv and aliases.csv, or gazetteer.csv
    itself, with aliases.csv beside it if present); ``data/reference`` by default. Cached per path."""
    if path is None:
        return _load_default()  # per-article calls: no file system look-up
    folder = Path(path)
    gazetteer_file = folder / GAZETTEER_FILE if folder.is_dir() else folder
    return _load(gazetteer_file.resolve())


@lru_cache(maxsize=1)
def _load_default() -> Gazetteer:
    return _load((REFERENCE_DIR / GAZETTEER_FILE).resolve())


@lru_cache(maxsize=8)
def _load(gazetteer_file: Path) -> Gazetteer:
    return Gazetteer(_read_entities(gazetteer_file), _read_aliases(gazetteer_file.with_name(ALIASES_FILE)))


# ---------------------------------------------------------------------------------------------
# Finding mentions.

# "(AFAZ)" right after a name: an acronym the text defines. Two capitals at least, no spaces.
_WORDS = re.compile(r"[^\W_]+")
_DEFINED_ACRONYM = re.compile(r"[ \u00a0]?\(([A-Z][A-Za-z0-9&]*[A-Z0-9])\)")


def find_mentions(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Gazetteer entities named in ``text``: sorted by start, non-overlapping, longest match first."""
    if gazetteer is None:
        # The default gazetteer's names are found in one pass with the sector phrases and the time
        # starters (see ``folded_scan``).
        gazetteer = load_gazetteer()
        found = gazetteer.matcher.select(text, folded_scan.folded_hits(text).hits, folded_scan.MENTIONS, _accepted)
    else:
        found = gazetteer.matcher.find(text, _accepted)
    mentions = []
    # What a mention needs of its alias, read once per alias rather than once per mention (an
    # article holds about one mention every dozen words).
    fields_of = gazetteer.mention_fields
    for start, end, alias in found:
        entity_id, entity_type, surface, suffix = fields_of[id(alias)]
        if suffix and text.startswith(suffix, end):
            end += len(suffix)
        mentions.append(Mention(start, end, text[start:end], entity_id, entity_type, surface))
    defined = _text_defined_mentions(text, mentions, gazetteer)
    if defined:
        mentions = _merge(mentions, defined)
    return mentions


def _accepted(text: str, start: int, end: int, aliases: tuple[Alias, ...]) -> Alias | None:
    cased = None
    for alias in aliases:
        if not alias.case_sensitive:
            return alias
        if cased is None:
            cased = text[start:end].translate(_FOLD_CASED)
        if cased == alias.cased_key:
            return alias
    return None


def _settled(aliases: tuple[Alias, ...]) -> Alias | None:
    """What ``_accepted`` says of these aliases anywhere: the first, unless it must match case."""
    return None if aliases[0].case_sensitive else aliases[0]


def _mention(text: str, start: int, end: int, gazetteer: Gazetteer, entity_id: str, surface: str) -> Mention:
    return Mention(start, end, text[start:end], entity_id, gazetteer.entity(entity_id).entity_type, surface)  # type: ignore[union-attr]  # a matched id is known


def _text_defined_mentions(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Names the text itself introduces for a known entity: an acronym in brackets right after its
    name, and a person's surname after the full name (``Sadyr Japarov`` ... ``Japarov``; the
    gazetteer cannot list ``Japarov`` alone, two Japarovs share it)."""
    definitions: dict[str, tuple[str, int]] = {}
    ambiguous: set[str] = set()
    # Only a mention with a bracket one or two characters after it, or a person's, can define a
    # name: the few brackets are found first, and the mentions picked out in one comprehension
    # (a test per mention in Python took a fifth of the mention annotator's time).
    bracketed_ends: set[int] = set()
    bracket = text.find("(")
    while bracket >= 0:
        bracketed_ends.update((bracket, bracket - 1))
        bracket = text.find("(", bracket + 1)
    for mention in [m for m in mentions if m.end in bracketed_ends or m.entity_type == "person"]:
        name, defined_at = None, 0
        if mention.end in bracketed_ends:
            match = _DEFINED_ACRONYM.match(text, mention.end)
            if match and sum(ch.isupper() for ch in match.group(1)) >= 2:
                name, defined_at = match.group(1), match.start(1)
        elif mention.entity_type == "person":
            words = _WORDS.findall(mention.quote)
            if len(words) >= 2 and words[-1][0].isupper() and len(words[-1]) >= 3:
                name, defined_at = words[-1], mention.end
        if name is None or fold_phrase(name) in gazetteer.matcher.keys:
            continue
        known = definitions.setdefault(name, (mention.entity_id, defined_at))
        if known[0] != mention.entity_id:
            ambiguous.add(name)
    found = []
    for name, (entity_id, defined_at) in definitions.items():
        if name in ambiguous:
            continue
        # The name first and the character before it checked by a look-behind over the name: a
        # pattern that begins with a literal is searched for with a fast string scan, one that
        # begins with a look-behind is tried at every character of the text.
        whole_word = re.compile(rf"{re.escape(name)}(?<![^\W_][\s\S]{{{len(name)}}})(?![^\W_])")
        for match in whole_word.finditer(text, defined_at):
            found.append(_mention(text, match.start(), match.end(), gazetteer, entity_id, name))
    return found


def _merge(mentions: list[Mention], extra: list[Mention]) -> list[Mention]:
    starts = [m.start for m in mentions]
    merged = list(mentions)
    for candidate in sorted(extra, key=lambda m: m.start):
        i = bisect_left(starts, candidate.start)
        overlaps_next = i < len(mentions) and mentions[i].start < candidate.end
        overlaps_previous = i > 0 and mentions[i - 1].end > candidate.start
        if not (overlaps_next or overlaps_previous):
            merged.append(candidate)
    merged.sort(key=lambda m: m.start)
    return merged

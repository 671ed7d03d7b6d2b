"""Diplomatic events: visits, summits, signings and meetings, with date, actors, place and documents.

``extract_events(text, sentences, mentions, times, context)`` finds trigger phrases (vocabulary in
``data/reference/event_triggers.csv``) and makes one event per trigger, then merges the events of a
sentence that are one occasion told twice ("visited ... on official visits", "arrived in Baku on a
state visit to Azerbaijan"). The span of an event is its trigger phrase. Only the sentences that hold
a trigger are read; in each, one Aho-Corasick pass over its key words tells which regular expressions
can match at all.

The rules, in the order they apply:

* **Date.** The time expression of the trigger's sentence nearest to the trigger, a date written
  after "took place"/"was held" and the like winning over a nearer one before the trigger (unless
  another trigger stands between: "he recalled the summit held in Avaza in 2022" dates the summit);
  day, month and year precision (a quarter, a half, a week or a span inside one month or year counts
  as that month or year). "Last week", "earlier this week" and "on Monday", which the time annotator
  leaves out, are resolved here against the publication date. Horizons ("by 2030"), "since ...",
  multi-year spans, dates inside a document's title and relative dates after the publication date
  ("next year") never date an event; such a date pinned to the trigger ("to pay a state visit to
  Azerbaijan next month") makes it a plan, and a plan is not an event. Months or days coordinated with the chosen one ("in June and
  September 2022") make one event each.
* **References back.** A sentence that refers back to an event ("during the visit", "following the
  talks", "on the sidelines of the summit", "upon completion of the meeting", "the documents signed
  during ...") takes the date and place of the latest event of the kind it names, however far back,
  or, for "Following it," / "on the sidelines of the event", of the latest event of this or the
  previous paragraph (a paragraph that refers back to an event keeps it current; a heading counts
  with the paragraph it heads). The referring phrase is not a new event, unless it names an occasion
  in full that none before was of ("The signing took place during the meeting of X with Y"). A
  definite mention with its own date ("The visit takes place on August 22-23") dates an undated
  event of its kind told before.
* **Occasions.** An undated signing or meeting in the paragraph of a dated event is part of it and
  takes its date and place; so is one in the paragraph after a visit (its programme), or after any
  event when the sentence opens with "Then", "After that", "On the same day" (an occasion of a day).
  Such a sentence also takes the day of the sentence before it ("On October 15, a welcome ceremony
  was held. Then the presidents met").
* **Generic statements are not events.** An event needs a date, or a referred-back date, or a
  place written after a preposition ("met in Ashgabat") together with at least one actor, or, for a
  meeting, named people of two states ("Bayramov also met with Prime Minister Aripov"). A trigger
  qualified as a habit ("frequent visits", "regular meetings") or a bare count ("21 meetings", "200
  B2B meetings") is an event only when a date in its own sentence pins it. A tour of a site
  ("visited the Alley of Honor", "visited the Astana International Financial Centre") and a meeting
  or reception of people who hold no office ("met with students", "received a phone call") are not
  diplomatic events, nor is a signing of no document ("the law, signed by the president").
* **Meetings of bodies.** "The third meeting of the Supreme Interstate Council" is a meeting of its
  body: told beside the one-on-one talks of the same day it is a second meeting; the limited and
  expanded rounds of the same talks are one. Meetings of different people are different meetings.
* **Actors** are the countries, organisations and persons mentioned in the trigger's clause, in
  order of appearance; a person brings their country. Visits: the visitor and the destination (a
  visit to several countries is one visit per country); "the visit of President X", "X's visit" name
  the visitor alone; a host "at the invitation of" brings only their country, and the people met
  after "and held talks with" belong to the talks. Meetings: the people named and their states (a
  state's company stands for its state); people named in a sentence that refers back to the meeting
  ("The meeting was co-chaired by X and Y") or that opens the next sentence ("X, Y and Z discussed")
  took part. Summits: the organisation (a body of it stands for it: the Council of Heads of State for
  the OTS), the region whose heads of state gather, the host and the states of the leaders named as
  taking part there or in a sentence referring back ("The summit was attended by", "Speaking at the
  summit, X"); the states an organisation's summit is merely held in are not. Signings: who signed
  (the subject of "signed" when it names any; "Kazakhstan's fund Samruk-Kazyna" is the fund), never
  the states the documents are about ("an agreement on the transit of Kazakh oil through
  Azerbaijan") nor those of a relative clause; persons stand for their countries; with nobody named,
  the parties of the occasion, of the latest event, or of the article's lead.
* **Location**: a place mentioned right after "in"/"to"/"at" (or "in the city of"), nearest the
  trigger, outside a relative clause after it; "Bishkek, where he met" is Bishkek; else the country
  after such a preposition; else a capitalised name written after "the city of"; else None. A
  demonym ("Georgian ports") is never a place.
* **Documents** (signings): ``n_documents`` from "signed 10 documents", "six agreements" ("N other
  documents" adds the documents named beside them; "more than 20" is not exact, so None; "the three
  countries signed a memorandum" counts the memorandum), else the documents listed ("a joint
  statement and protocol" is 2). ``document_names`` are the capitalised titles ("the Declaration on
  Strategic Partnership").
* Within an article, an event dated only through a reference back merges into the event of the
  same kind, body, people and date it refers to; a vaguer copy of an event (same kind and place, its
  date containing the other's) is dropped.
"""
from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

import ahocorasick
from mypy_extensions import mypyc_attr

from ..config import REFERENCE_DIR
from .folded_scan import EVENT_ANCHORS, scan_form_hits
from .matching import TrailingPattern, case_variants, prefix_trie_pattern
from .pattern_prefixes import ScoutedPattern, leading_pattern
from .scan_form import scan_form
from .spans import ArticleContext, Event, Mention, Sentence, TimeExpression
from .timex import is_horizon, is_same_period, is_since, load_time_words, number_value

EVENT_TRIGGERS_PATH = REFERENCE_DIR / "event_triggers.csv"
_START = attrgetter("start")
_END = attrgetter("end")

ACTOR_TYPES = ("country", "organisation", "person")
REFERENCE_NOUN_TYPE = {"visit": "visit", "trip": "visit", "summit": "summit", "meeting": "meeting", "talks": "meeting", "session": "meeting", "negotiations": "meeting"}
REFERENCE_NOUNS = tuple(REFERENCE_NOUN_TYPE)
MAX_TITLE_WORDS = 25
COREFERENCE_WINDOW = 20
ATTACHED_CHARS = 50  # "during his visit to the Kyrgyz Republic in June": a date this close dates the trigger
CONTINUING_TYPES = ("agreement_signed", "meeting")  # what happens at an occasion told just before
_BRACKETED_YEAR = re.compile(r"\((?:19|20)\d\d\)")
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d(?:[-–]\d{2,4})?")


# ----------------------------------------------------------------------------- vocabulary


# Of the words before an anchor that a trigger is tried at, two in three cannot begin one ("the",
# "and", "significant"): their first three characters tell, and the 1M-word benchmark then tries the
# trigger alternation 23,000 times instead of 66,000 (_triggers 0.227 -> 0.205 CPU s).
TRIGGER_OPENING_LENGTH = 3


class _Opening:
    """Whether a match of a pattern can begin with a few characters, by ``pattern_prefixes``; what
    it said of each string of characters is kept (a few thousand strings of three characters)."""

    def __init__(self, leading: re.Pattern | None):
        self.leading = leading
        self.known: dict[str, bool] = {}

    def admits(self, characters: str) -> bool:
        admitted = self.known.get(characters)
        if admitted is None:
            admitted = self.known[characters] = self.leading is None or self.leading.match(characters) is not None
        return admitted


class _TriggerByCharacter:
    """The trigger alternation cut down to the phrases that can begin with a given character, for
    matching where the text has that character. The regular expression engine enters every branch
    of an alternation under IGNORECASE (it checks the first character only of case-sensitive
    branches); a trigger begins with one of a few of the 26 phrases. The branches keep their order
    and their groups, so the phrase that matches and its event type are those of the whole
    alternation. With the openings looked up in place: 1,332 -> 1,316 M instructions over 200k words."""

    def __init__(self, branches: list[tuple[str, list[str]]]):
        self.branches = [(kind, [(phrase, leading_pattern([f"(?i:{phrase})"], 1)) for phrase in phrases]) for kind, phrases in branches]
        self.known: dict[str, re.Pattern | None] = {}

    def at(self, character: str) -> re.Pattern | None:
        """The alternation for a match beginning with ``character``; None when no phrase can."""
        if character in self.known:
            return self.known[character]
        groups = []
        for kind, phrases in self.branches:
            kept = [phrase for phrase, leading in phrases if leading is None or leading.match(character)]
            if kept:
                groups.append(f"(?P<{kind}>" + "|".join(kept) + ")")
        found = self.known[character] = re.compile(rf"(?i:\b(?:{'|'.join(groups)})\b)") if groups else None
        return found


@dataclass(frozen=True)
class _Vocabulary:
    trigger: re.Pattern  # one alternation; the group name of the matching branch is the event type
    trigger_by_character: _TriggerByCharacter  # ``trigger`` for a match beginning with a given character
    trigger_opening: _Opening  # whether a trigger can begin at a place, from the first characters there
    anchor_keys: dict[str, tuple[str, str]]  # a space and the anchor's scan form -> (the anchor, capitalised)
    anchors: ahocorasick.Automaton  # of ``anchor_keys``: for a text whose folded form is not ASCII (see ``folded_scan``)
    needs_document: frozenset[str]
    document_word: re.Pattern  # any document noun or head, for "concluded"/"adopted" and counting
    title: ScoutedPattern
    title_stops: frozenset[str]
    count: re.Pattern
    approximate: frozenset[str]
    vague_count: re.Pattern  # "several", "a number of": documents signed, not counted
    separately: re.Pattern  # "held separate meetings with A and B": one meeting with each
    singular_document: ScoutedPattern
    generic: re.Pattern  # searched for where a habit or count begins (``_scouted``)
    reference: re.Pattern
    sentence_reference: re.Pattern  # "Following it," "On the sidelines of the event": back to the latest event
    planned_before: re.Pattern  # "will pay a state visit", "the next summit"
    planned_after: re.Pattern  # "the 12th summit will take place in ..."
    date_link: re.Pattern
    purpose_before: re.Pattern  # "a roadmap ... for 2026": the time of what was signed, not of the signing
    definite: re.Pattern
    clause_break: re.Pattern
    place_lead: TrailingPattern  # ends with a preposition or "the city of"
    city_of: re.Pattern
    coordination: re.Pattern
    determiners: frozenset[str]
    relative_weeks: dict[str, int]  # "last week" -> 1 (weeks back)
    weekdays: dict[str, int]  # "on monday" -> 0
    guards: _Guards
    date_link_phrase: re.Pattern
    week_phrase: re.Pattern
    meeting_body: re.Pattern  # "meeting of the Supreme Interstate Council": the body's head word
    meeting_body_words: tuple[str, ...]  # the first word of each body's name, lower case
    meeting_partner: re.Pattern
    host_lead: re.Pattern
    participation: re.Pattern
    sequence_lead: re.Pattern
    same_day_leads: frozenset[str]
    not_meeting_object: re.Pattern
    document_anaphor: TrailingPattern
    document_content: re.Pattern


def _alternation(phrases) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))


def _spelled_cases(phrases) -> set[str]:
    """``matching.case_variants`` and Title Case: the tries below are searched case-sensitively."""
    phrases = list(phrases)
    return case_variants(phrases) | {p.title() for p in phrases}


def _trie(phrases) -> str:
    """Phrases as a prefix trie in which a space matches any run of whitespace."""
    return prefix_trie_pattern(phrases, space=r"\s+")


_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "to", "in", "on", "at", "by", "is", "are", "was", "were", "this", "that"})
SHORT_KEY = 3


@dataclass(frozen=True)
class _Guards:
    keys: ahocorasick.Automaton  # key word -> (its length, the kinds of phrase it may belong to, whether short)
    short_kinds: dict[str, frozenset[str]]  # the short key words (counted only as whole words) and their kinds
    # The same keys, each after a space, for the padded scan form of an ASCII sentence
    # (``_ascii_sentence_keys``) -> (its length, kinds, whether short, the key when it holds other
    # than letters and digits, to be checked in the text, else None); a short key is followed by a space.
    scan_keys: ahocorasick.Automaton


def _guards(phrases_by_kind: dict[str, list[str]]) -> _Guards:
    """The longest word of each phrase, lower case, for a pass over a sentence: where none occurs as a
    whole word the phrase cannot, whatever its case or spacing, and its regular expression need not be tried.
    A short key ("at", "is") counts only as a whole word (it is part of "that", "this"); a longer one
    found inside another word only costs a regular expression tried."""
    kinds_of: dict[str, set[str]] = {}
    for kind, phrases in phrases_by_kind.items():
        for phrase in phrases:
            words = phrase.lower().split()
            key = max([w for w in words if w not in _FUNCTION_WORDS] or words, key=len)  # "end" of "at the end of"
            kinds_of.setdefault(key, set()).add(kind)
    automaton = ahocorasick.Automaton()
    for word, kinds in kinds_of.items():
        automaton.add_word(word, (len(word), frozenset(kinds), len(word) <= SHORT_KEY))
    automaton.make_automaton()
    scan_keys = ahocorasick.Automaton()
    for word, kinds in kinds_of.items():
        short = len(word) <= SHORT_KEY
        scan_keys.add_word(f" {scan_form(word)} " if short else f" {scan_form(word)}", (len(word), frozenset(kinds), short, None if word.isalnum() else word))
    scan_keys.make_automaton()
    return _Guards(automaton, {w: frozenset(k) for w, k in kinds_of.items() if len(w) <= SHORT_KEY}, scan_keys)


class _SentenceKeys(NamedTuple):
    """Where the key words of a sentence stand: a rule that searches part of the sentence for a phrase
    of some kind first asks whether a key word of that kind starts there (``_Article.may_hold_in``).
    A named tuple: a frozen dataclass, built once per sentence read, is built field by field."""

    kinds: frozenset[str]  # the kinds of phrase whose key word occurs in the sentence
    hits: list[tuple[int, frozenset[str]]] | None  # (where in the text a key word starts, its kinds); None when unknown


def _sentence_keys(text: str, start: int, end: int) -> _SentenceKeys:
    """The key words of ``text[start:end]``, read in one pass of the automaton. Where lower-casing
    changes the length of the sentence ("İ"), offsets in it are not offsets in the text: only the
    kinds are kept."""
    segment = text[start:end]
    if segment.isascii():
        return _ascii_sentence_keys(segment, start)
    lowered = segment.lower()
    length_of_sentence = len(lowered)
    kinds: set[str] = set()
    hits = []
    for last, (length, key_kinds, short) in load_event_vocabulary().guards.keys.iter(lowered):
        first = last + 1 - length
        if short and (
            (first and (lowered[first - 1].isalnum() or lowered[first - 1] == "_"))
            or (last + 1 < length_of_sentence and (lowered[last + 1].isalnum() or lowered[last + 1] == "_"))
        ):
            continue  # a short key inside a word (isalnum or "_" is what \w matches)
        hits.append((start + first, key_kinds))
        if not key_kinds <= kinds:
            kinds |= key_kinds
    return _SentenceKeys(frozenset(kinds), hits if length_of_sentence == end - start else None)


def _ascii_sentence_keys(segment: str, start: int) -> _SentenceKeys:
    """``_sentence_keys`` of an ASCII sentence (nine in ten of those read), from its scan form padded
    with a space at each end, where every key is looked for after a space: a key word that starts no
    word is not reported (the "at" of "that", the "is" of "this", half the hits over the lower-cased
    sentence), and the automaton leaves its root only at a space (see ``scan_form``). Each phrase's
    pattern asks for its key word at the start of a word (after ``\s``, ``\b`` or ``(?<![\w])``), so a
    key word inside another never let a pattern match. Over the trigger sentences of the 1M-word
    benchmark: 0.058 -> 0.048 CPU s; the event
    annotator, by callgrind, 1,367 -> 1,353 M instructions over 200k words."""
    underscore = "_" in segment  # a word character the scan form makes a space
    kinds: set[str] = set()
    hits = []
    for last, (length, key_kinds, short, spelled) in load_event_vocabulary().guards.scan_keys.iter(f" {scan_form(segment)} "):
        if short:
            first = last - 1 - length  # the padded form's index ``last`` is the space after the key
            if underscore and ((first and segment[first - 1] == "_") or segment[first + length : first + length + 1] == "_"):
                continue
        else:
            first = last - length
            if spelled is not None and segment[first : first + length].lower() != spelled:
                continue  # "high level" in the scan form, not "high-level" in the text
        hits.append((start + first, key_kinds))
        if not key_kinds <= kinds:
            kinds |= key_kinds
    return _SentenceKeys(frozenset(kinds), hits)


def _guarded_kinds(sentence: str) -> frozenset[str]:
    """The kinds of phrase whose key word occurs in ``sentence`` (see ``_sentence_keys``)."""
    return _sentence_keys(sentence, 0, len(sentence)).kinds


def _scouted(pattern: re.Pattern) -> re.Pattern:
    """A pattern whose ``search`` finds a match exactly where ``pattern``'s finds its first, tried only
    at the characters that can begin one (``pattern_prefixes.ScoutedPattern``); the match itself is
    the first character (the pattern's is group ``match``), for the searches whose caller asks only
    whether or where. A pattern opening with ``(?<![\w])`` is otherwise tried at every character of
    what it searches: a whole sentence for a document word, 40-60 characters before each trigger for
    a lead ("during the", "will", "frequent"). 1,316 -> 1,295 M instructions over
    200k words (a lead after a preposition, an office named after "met", a count: no gain)."""
    return ScoutedPattern(pattern).scout or pattern


def _phrase_search(phrases) -> re.Pattern:
    """Whole phrases (any of ``_spelled_cases``), for searching long stretches of text."""
    return re.compile(rf"(?<![\w])(?:{_trie(_spelled_cases(phrases))})(?![\w])")


@lru_cache(maxsize=None)
def load_event_vocabulary(path: Path = EVENT_TRIGGERS_PATH) -> _Vocabulary:
    rows = list(csv.DictReader(Path(path).open(encoding="utf-8")))
    by_kind: dict[str, list[dict]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row)
    words = lambda kind: [r["phrase"] for r in by_kind.get(kind, [])]  # noqa: E731
    branches: dict[str, list[str]] = {}
    for row in by_kind["trigger"]:
        branches.setdefault(row["event_type"], []).append(row["phrase"])
    # Longest pattern first inside each type; types ordered so that "meeting of the heads of state"
    # (a summit) is tried before "meeting".
    order = ("summit", "visit", "agreement_signed", "meeting")
    trigger = "|".join(
        f"(?P<{kind}>" + "|".join(sorted(branches[kind], key=len, reverse=True)) + ")" for kind in order if kind in branches
    )
    # One Aho-Corasick pass finds every anchor; a regex alternation of them costs three times the
    # whole trigger search. The anchors start words: they are looked for in the scan form, after
    # a space, each with the spellings the text may have (the anchor and its capitalised form).
    # Most texts have them found in the pass the other annotators share (``folded_scan``).
    anchor_keys = {" " + scan_form(anchor): (anchor, anchor[0].upper() + anchor[1:]) for anchor in words("trigger_anchor")}
    anchors = ahocorasick.Automaton()
    for key, spellings in anchor_keys.items():
        anchors.add_word(key, spellings)
    anchors.make_automaton()
    heads = words("document_head")
    nouns = words("document_noun")
    number_words = list(load_time_words().number_of)
    approximate = words("approximate_count")
    singular = "(?:" + _trie(_spelled_cases([n for n in nouns if not n.endswith("s")])) + ")"
    return _Vocabulary(
        trigger=re.compile(rf"(?i:\b(?:{trigger})\b)"),
        trigger_by_character=_TriggerByCharacter([(kind, sorted(branches[kind], key=len, reverse=True)) for kind in order if kind in branches]),
        trigger_opening=_Opening(leading_pattern([rf"(?i:\b(?:{trigger})\b)"], TRIGGER_OPENING_LENGTH)),
        anchor_keys=anchor_keys,
        anchors=anchors,
        needs_document=frozenset(words("needs_document")),
        document_word=_scouted(_phrase_search(heads + nouns)),
        title=ScoutedPattern(re.compile(
            rf"(?:\b(?:[A-Z][\w'’-]+\s+){{1,3}}(?i:{_alternation(heads)})|\b(?:{_alternation(heads)}))\b"
            r"(?:\s+(?:[\w'’-]+|\d{4}(?:[-–]\d{2,4})?))*"
        )),
        title_stops=frozenset(words("title_stop")),
        count=re.compile(
            rf"(?<![\w])(?:(?P<approx>{_trie(_spelled_cases(approximate))})\s+)?(?P<n>\d{{1,4}}|{_trie(_spelled_cases(number_words))})\s+"
            rf"(?P<mods>(?:(?!(?:\w+ed|countries|states|sides|parties|leaders|presidents|ministers|heads)\b)[\w-]+\s+){{0,4}}?)(?P<noun>{_trie(_spelled_cases(nouns))})(?![\w])"
        ),
        approximate=frozenset(a.lower() for a in approximate),
        separately=re.compile(rf"(?i)(?<![\w])(?:{_alternation(words('separate_marker'))})(?![\w])"),
        vague_count=re.compile("(?i:" + "|".join(r"\b" + phrase.replace(" ", r"\s+") + r"\b" for phrase in words("vague_count")) + ")"),
        singular_document=ScoutedPattern(re.compile(
            rf"(?<![\w])(?:{_trie(_spelled_cases(['a', 'an', 'the', 'one']))})\s+(?:[\w-]+\s+){{0,2}}?{singular}(?![\w])"
            rf"|(?<![\w])(?:{_trie(_spelled_cases(['and']))})\s+{singular}(?![\w])"
        )),
        generic=_scouted(re.compile(rf"(?<![\w])(?:{_trie(_spelled_cases(words('generic_modifier')))}|\d+)\s+(?:[\w-]+\s+)?$")),
        reference=_scouted(re.compile(
            rf"(?<![\w])(?:{_trie(_spelled_cases(words('anaphor_lead')))})\s+(?:{_trie(_spelled_cases(words('anaphor_determiner')))})\s+(?:[\w'’-]+\s+){{0,3}}$"
        )),
        sentence_reference=_scouted(re.compile(
            rf"(?<![\w])(?:{_trie(_spelled_cases(words('anaphor_lead')))})\s+(?:(?:{_trie(_spelled_cases(words('anaphor_pronoun')))})(?=\s*[,;:.])"
            rf"|(?:{_trie(_spelled_cases(words('anaphor_determiner')))})\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_trie(_spelled_cases(words('anaphor_noun')))})(?![\w]))"
        )),
        planned_before=_scouted(re.compile(
            rf"(?:(?<![\w])(?:{_trie(_spelled_cases(words('future_lead')))})\s+(?:[\w'’-]+\s+){{0,3}}"
            rf"|(?<![\w])(?:{_trie(_spelled_cases(words('future_adjective')))})\s+(?:[\w'’-]+\s+)?)$"
        )),
        planned_after=re.compile(
            rf"(?:\s+(?!(?i:that|which|who|where|when)\b)[\w'’()-]+){{0,6}}?\s+(?:{_trie(_spelled_cases(words('future_link')))})(?![\w])"
        ),
        date_link=_phrase_search(words("date_link")),
        purpose_before=re.compile(rf"(?i)(?<![\w])(?:{_alternation(words('purpose_lead'))})\s+(?:the\s+)?$"),
        definite=_scouted(re.compile(rf"(?<![\w])(?:{_trie(_spelled_cases(sorted(DEFINITE_WORDS)))})\s+(?:[\w'’-]+\s+){{0,2}}$")),
        clause_break=re.compile("|".join(re.escape(p) for p in words("clause_break"))),
        place_lead=TrailingPattern(re.compile(
            rf"(?<![\w])(?:{_trie(_spelled_cases(words('location_preposition')))})\s+(?i:the\s+(?:[\w-]+\s+){{0,2}}?(?:city|capital|town|village|resort)\s+of\s+)?$"
        ), words("location_preposition") + ["of"]),
        city_of=re.compile(r"(?i:\b(?:in|to|at)\s+the\s+(?:[\w-]+\s+){0,2}?(?:city|capital|town|village|resort)\s+of\s+)(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"),
        coordination=re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$"),
        determiners=frozenset({"the", "a", "an", "this", "that", "these", "its", "their", "our", "his", "her"}),
        relative_weeks={r["phrase"].lower(): int(r["value"]) for r in by_kind.get("relative_week", [])},
        weekdays={r["phrase"].lower(): int(r["value"]) for r in by_kind.get("weekday", [])},
        guards=_guards({
            "document": heads + nouns, "anaphor_lead": words("anaphor_lead"), "date_link": words("date_link"),
            "week": words("relative_week") + words("weekday"), "future": words("future_lead") + words("future_adjective"),
            "future_link": words("future_link"), "generic": words("generic_modifier"), "host": words("host_lead"),
            "participation": words("participation_verb"), "city": list(_CITY_WORDS), "where": ["where"],
            "number": number_words, "vague_count": words("vague_count"),
        }),
        date_link_phrase=_scouted(_phrase_search(words("date_link"))),
        week_phrase=_phrase_search(words("relative_week") + words("weekday")),
        meeting_body=re.compile(
            rf"(?i:\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,5}}?(?P<body>{_alternation(words('meeting_body'))})\b)"
        ),
        meeting_body_words=tuple(sorted({p.lower().split()[0] for p in words("meeting_body")})),
        meeting_partner=re.compile(rf"(?i:\b(?:{_alternation(words('meeting_partner'))})\b)"),
        host_lead=re.compile(rf"(?i:\b(?:{_alternation(words('host_lead'))})\s+(?:[\w'’-]+\s+){{0,4}}$)"),
        participation=re.compile(rf"(?i:\b(?:{_alternation(words('participation_verb'))})\b)"),
        sequence_lead=re.compile(rf"\s*(?i:{_alternation(words('sequence_lead'))})\b"),
        same_day_leads=frozenset(" ".join(r["phrase"].lower().split()) for r in by_kind.get("sequence_lead", []) if r["value"] == "day"),
        not_meeting_object=re.compile(rf"(?i:\b(?:{_alternation(words('not_meeting_object'))})\b)"),
        document_anaphor=TrailingPattern(re.compile(rf"(?i:\b(?:{_alternation(words('document_anaphor'))})\s+$)"), words("document_anaphor")),
        document_content=re.compile(rf"(?i:,?\s+(?:{_alternation(words('document_content_lead'))})\s)"),
    )


# ----------------------------------------------------------------------------- per-article indexes


@dataclass
class _Article:
    text: str
    sentences: list[Sentence]
    sentence_starts: list[int]
    mentions: list[Mention]
    mention_starts: list[int]
    mention_reach: list[int]  # the furthest end of the mentions up to each one
    times: list[TimeExpression]
    time_starts: list[int]
    paragraph_breaks: list[int]
    country_of: _Countries
    published: date | None = None
    trigger_starts: list[int] = field(default_factory=list)
    guarded: dict[int, _SentenceKeys] = field(default_factory=dict)  # sentence start -> its key words (``_sentence_keys``)
    reading: Sentence | None = None
    reading_kinds: frozenset[str] = frozenset()
    reading_hits: list[tuple[int, frozenset[str]]] | None = None
    reading_start: int = -1
    reading_end: int = -1
    documents: dict[int, tuple[int | None, bool]] = field(default_factory=dict)  # sentence start -> (n_documents, approximate)
    usable_times: dict[int, list[TimeExpression]] = field(default_factory=dict)  # sentence start -> times that may date an event
    clauses: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # sentence start -> its clause breaks
    trigger_clauses: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # (start, end) -> its clause
    times_ahead: dict[int, list[TimeExpression]] = field(default_factory=dict)  # sentence start -> relative dates after publication
    places: dict[int, list[Mention]] = field(default_factory=dict)  # sentence start -> its places (``_places``)
    led: dict[tuple[int, int], bool] = field(default_factory=dict)  # (look-back start, mention start) -> written after "in"/"to"/"at"

    def keys_of(self, sentence: Sentence) -> _SentenceKeys:
        keys = self.guarded.get(sentence.start)
        if keys is None:
            keys = self.guarded[sentence.start] = _sentence_keys(self.text, sentence.start, sentence.end)
        return keys

    def may_hold(self, kind: str, position: int) -> bool:
        """Whether the sentence at ``position`` may hold a phrase of ``kind`` (see ``_guards``)."""
        if self.reading_start <= position < self.reading_end:
            return kind in self.reading_kinds
        return kind in self.keys_of(self.sentence_at(position)).kinds

    def may_hold_in(self, kind: str, start: int, end: int, position: int) -> bool:
        """``may_hold(kind, position)``, and, where ``start:end`` lies in the sentence read now, a key
        word of the kind starts there: a phrase holds its key word, so a search of the stretch for it
        finds nothing where none starts."""
        if not self.reading_start <= position < self.reading_end:
            return self.may_hold(kind, position)
        if kind not in self.reading_kinds:
            return False
        if self.reading_hits is None or start < self.reading_start or end > self.reading_end:
            return True
        for key_start, kinds in self.reading_hits:  # a few key words a sentence
            if start <= key_start < end and kind in kinds:
                return True
        return False

    def read(self, sentence: Sentence) -> None:
        """The sentence the rules read now: its guards are looked up without a search."""
        self.reading = sentence
        self.reading_start, self.reading_end = sentence.start, sentence.end
        keys = self.keys_of(sentence)
        self.reading_kinds, self.reading_hits = keys.kinds, keys.hits

    def has_date_link(self, start: int, end: int) -> bool:
        return self.may_hold_in("date_link", start, end, start) and load_event_vocabulary().date_link_phrase.search(self.text, start, end) is not None

    def trigger_between(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.trigger_starts, start)
        return index < len(self.trigger_starts) and self.trigger_starts[index] < end

    def sentence_at(self, position: int) -> Sentence:
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        if index < 0:
            return Sentence(0, len(self.text), self.text)
        return self.sentences[index]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end, lo)
        if lo == hi:
            return []
        if self.mention_reach[hi - 1] <= end:
            return self.mentions[lo:hi]  # none of them runs past ``end``
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def times_in(self, start: int, end: int) -> list[TimeExpression]:
        lo = bisect.bisect_left(self.time_starts, start)
        hi = bisect.bisect_left(self.time_starts, end)
        return [t for t in self.times[lo:hi] if t.end <= end]

    def paragraph_of(self, position: int) -> int:
        return bisect.bisect_right(self.paragraph_breaks, position)


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END_CHARS = frozenset('.!?:;"”’)…')
MAX_HEADING_WORDS = 10


def _paragraph_breaks(text: str) -> list[int]:
    """Where paragraphs begin, a heading ("Declaration and documents") counted with the paragraph it heads:
    the sentence after a heading continues the text before it."""
    breaks = []
    previous = 0
    for found in _PARAGRAPH_BREAK.finditer(text):
        start = found.start()
        if start > previous and text[start - 1] in _SENTENCE_END_CHARS:
            breaks.append(start)  # most paragraphs: their last character ends a sentence
        else:
            ending = text[max(previous, start - 16) : start].rstrip()[-1:] or text[previous:start].rstrip()[-1:]
            if ending in _SENTENCE_END_CHARS or len(text[previous:start].split()) > MAX_HEADING_WORDS:
                breaks.append(start)
        previous = found.end()
    return breaks


class _Countries:
    """Entity id -> the country it belongs to, read from the gazetteer when first asked: persons,
    places and organisations only (a country is no key: it belongs to no other). Not a subclass of
    dict: compiled (``annotate.native``), a dict's ``get`` is called directly, past an override."""

    KINDS = ("person:", "place:", "org:")

    def __init__(self) -> None:
        self._known: dict[str, str | None] = {}

    def get(self, entity_id: str, default: str | None = None) -> str | None:
        known = self._known
        if entity_id in known:
            return known[entity_id]
        country = _gazetteer_country(entity_id) if entity_id and entity_id.startswith(self.KINDS) else None
        known[entity_id] = country
        return country if country is not None else default


@lru_cache(maxsize=8192)
def _gazetteer_country(entity_id: str) -> str | None:
    try:
        from .gazetteer import load_gazetteer

        return load_gazetteer().country_of(entity_id)
    except Exception:  # the gazetteer is optional here: without it persons bring no country
        return None


# ----------------------------------------------------------------------------- candidate events


@mypyc_attr(native_class=False)  # compiled, a copy is still made through __dict__ (``extract_events``)
@dataclass
class _Candidate:
    start: int
    end: int
    event_type: str
    sentence: Sentence
    paragraph: int
    date_start: date | None = None
    date_end: date | None = None
    precision: str | None = None
    dated: bool = False  # a time expression pins it, resolved or not
    referred: bool = False  # dated through a reference back to another event
    actors: list[str] = field(default_factory=list)
    location: str | None = None
    n_documents: int | None = None
    approximate_count: bool = False
    document_names: list[str] = field(default_factory=list)
    body: str | None = None  # "council" for "the meeting of the Supreme Interstate Council"
    hosts: list[str] = field(default_factory=list)  # a visit's hosts named "at the invitation of"
    recalled: int = -1  # the latest paragraph that referred back to it ("During the event, ...")
    quote_words: tuple[str, ...] = ()  # the trigger's words, lower case


def _week_expressions(article: _Article, sentence_starts: list[int], times: list[TimeExpression]) -> list[TimeExpression]:
    """"Last week", "earlier this week", "on Monday" in the sentences of triggers: dates the time annotator
    leaves out, as periods resolved against the publication date (none without one: dated, never guessed)."""
    vocabulary = load_event_vocabulary()
    text, published = article.text, article.published
    hits = [
        found for start in sentence_starts if article.may_hold("week", start)
        for found in vocabulary.week_phrase.finditer(text, start, article.sentence_at(start).end)
    ]
    if not hits:
        return []
    taken = [(t.start, t.end) for t in times]
    found = []
    for hit in hits:
        start, end = hit.start(), hit.end()
        if any(a < end and start < b for a, b in taken):
            continue
        phrase = " ".join(hit.group(0).lower().split())
        period: tuple[date | None, date | None] = (None, None)
        if phrase in vocabulary.weekdays:
            if text[max(0, start - 3) : start].lower() != "on ":
                continue  # "Monday's meeting", "from Monday": only "on Monday" dates what happened
            if published is not None:
                day = published - timedelta(days=(published.weekday() - vocabulary.weekdays[phrase]) % 7)
                period = (day, day)
            found.append(TimeExpression(start, end, text[start:end], *period, "day", True))
            continue
        if published is not None:
            weeks_back = vocabulary.relative_weeks[phrase]
            monday = published - timedelta(days=published.weekday() + 7 * weeks_back)
            sunday = monday + timedelta(days=6)
            period = (monday, min(published, sunday) if weeks_back == 0 else sunday)  # this week so far
        found.append(TimeExpression(start, end, text[start:end], *period, "span", True))
    return found


@lru_cache(maxsize=4096)
def _event_precision(expression: TimeExpression) -> str | None:
    """day/month/year, or None for a time that cannot date an event (horizons, spans over years)."""
    if expression.precision == "multi_year" or is_horizon(expression) or is_since(expression) or is_same_period(expression):
        return None
    if expression.precision in ("day", "month", "year"):
        return expression.precision
    start, end = expression.period_start, expression.period_end
    if start is None or end is None:
        return "year"
    if (start.year, start.month) == (end.year, end.month):
        return "month"
    return "year" if start.year == end.year else None


def _dating(expression: TimeExpression, precision: str | None) -> tuple[date | None, date | None]:
    if expression.period_start is None:
        return None, None
    if expression.precision in ("quarter", "half", "span") and precision == "year":
        return date(expression.period_start.year, 1, 1), date(expression.period_start.year, 12, 31)
    return expression.period_start, expression.period_end


def _clause(article: _Article, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence between clause breaks (", while", ";") that holds ``start:end``."""
    found = article.trigger_clauses.get((start, end))
    if found is not None:
        return found
    breaks = article.clauses.get(sentence.start)
    if breaks is None:
        breaks = article.clauses[sentence.start] = [
            (found.start(), found.end()) for found in load_event_vocabulary().clause_break.finditer(article.text, sentence.start, sentence.end)
        ]
    clause_start, clause_end = sentence.start, sentence.end
    for break_start, break_end in breaks:
        if break_end <= start:
            clause_start = break_end
        elif break_start >= end:
            clause_end = break_start
            break
    found = article.trigger_clauses[(start, end)] = (clause_start, clause_end)
    return found


def _choose_times(article: _Article, sentence: Sentence, start: int, end: int, excluded: list[tuple[int, int]]) -> list[TimeExpression]:
    """The time expression that dates a trigger, with the ones coordinated with it; [] when none."""
    vocabulary = load_event_vocabulary()
    usable = article.usable_times.get(sentence.start)
    if usable is None:
        usable = article.usable_times[sentence.start] = [
            t for t in article.times_in(sentence.start, sentence.end)
            if _event_precision(t) is not None and not any(a <= t.start and t.end <= b for a, b in excluded)
            and not (t.is_relative and article.published is not None and t.period_start is not None and t.period_start > article.published)
        ]
    if len(usable) < 2:
        return list(usable)  # nothing to rank, nothing coordinated with it

    clause = _clause(article, sentence, start, end)

    def rank(t: TimeExpression) -> tuple:
        outside = not (clause[0] <= t.start and t.end <= clause[1])
        # "signed a roadmap ... for 2026": the period of what was signed, not the day of the signing.
        if vocabulary.purpose_before.search(article.text, max(sentence.start, t.start - 8), t.start):
            outside = True
        if t.start >= end:
            linked = not article.trigger_between(end, t.start) and article.has_date_link(end, t.start)
            distance = t.start - end
        else:
            linked = False
            distance = max(0, start - t.end)
        return (outside, not linked, distance, ("day", "month", "year").index(_event_precision(t)))

    chosen = min(usable, key=rank)
    group = [chosen]
    index = usable.index(chosen)
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(usable):
            a, b = (usable[i], usable[i + step]) if step == 1 else (usable[i + step], usable[i])
            if _event_precision(usable[i + step]) != _event_precision(chosen) or not vocabulary.coordination.match(article.text[a.end : b.start]):
                break
            group.append(usable[i + step])
            i += step
    return sorted(group, key=_START)


@lru_cache(maxsize=4096)
def _is_demonym(entity_id: str, surface: str) -> bool:
    """"Georgian ports", "Kazakh oil": an adjective of a country, never a place where something happened."""
    try:
        from .gazetteer import load_gazetteer

        alias = load_gazetteer().alias_record(entity_id, surface)
    except Exception:  # without the gazetteer every mention is taken as a name
        return False
    return alias is not None and alias.kind == "demonym"


def _places(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.entity_type in ("place", "country") and not _is_demonym(m.entity_id, m.surface)]


def _places_in(article: _Article, start: int, end: int) -> list[Mention]:
    """``_places`` of the mentions inside ``start:end``, from the places of its sentence found once."""
    if not article.reading_start <= start <= end <= article.reading_end:
        return _places(article.mentions_in(start, end))
    places = article.places.get(article.reading_start)
    if places is None:
        places = article.places[article.reading_start] = _places(article.mentions_in(article.reading_start, article.reading_end))
    return [m for m in places if start <= m.start and m.end <= end]


def _destinations(article: _Article, clause: tuple[int, int], trigger_end: int) -> list[Mention]:
    """Places or countries a visit goes to: the list after the verb, or after "to"/"in" further on."""
    vocabulary = load_event_vocabulary()
    after = _places_in(article, trigger_end, clause[1])
    if not after:
        return []
    text = article.text
    first = after[0]
    gap = text[trigger_end : first.start]
    if not (re.fullmatch(r"\s*(?:to\s+)?(?:the\s+)?", gap) or vocabulary.place_lead.search(text, trigger_end, first.start)):
        return []
    destinations = [first]
    for previous, current in zip(after, after[1:]):
        between = text[previous.end : current.start]
        if not re.fullmatch(r"\s*(?:,|and|as well as|,\s*as well as|,\s*and)\s*", between):
            break
        destinations.append(current)
    return destinations


_HOSTED = re.compile(r"\s+(?:has\s+)?hosted\b")
_CITY_WORDS = ("city", "capital", "town", "village", "resort")  # the heads city_of needs
_WHERE = re.compile(r",\s+where\s+(?:[\w'’-]+\s+){0,3}$")


def _led(article: _Article, clause_start: int, mention: Mention) -> bool:
    """Whether a place is written right after "in", "to", "at" (or "in the city of")."""
    lookback = max(clause_start, mention.start - 40)
    key = (lookback, mention.start)  # clauses that start before the look-back read the same stretch
    found = article.led.get(key)
    if found is None:
        found = article.led[key] = load_event_vocabulary().place_lead.search(article.text, lookback, mention.start) is not None
    return found


def _may_name_place(article: _Article, sentence: Sentence) -> bool:
    """Whether ``_location`` can find anything in the sentence: a place or country mentioned, or "the city of"."""
    return article.may_hold("city", sentence.start) or any(m.entity_type in ("place", "country") for m in article.mentions_in(sentence.start, sentence.end))


def _location(article: _Article, clause: tuple[int, int], start: int, end: int) -> str | None:
    vocabulary = load_event_vocabulary()
    text = article.text
    lookback = max(clause[0], start - 40)
    where = _WHERE.search(text, lookback, start) if article.may_hold_in("where", lookback, start, start) else None
    if where is not None:  # "visited Bishkek, where he met ...": the place just named
        sentence = article.sentence_at(start)
        before = [m for m in article.mentions_in(sentence.start, where.start()) if m.entity_type in ("place", "country")]
        if before and not text[before[-1].end : where.start()].strip():
            return before[-1].entity_id
    places = _places_in(article, clause[0], clause[1])
    led = [m for m in places if _led(article, clause[0], m)] if places else places
    if not led and article.may_hold("date_link", start):
        # "Today, Astana hosted the meeting of the Council": the host city before "hosted"
        led = [m for m in _places_in(article, clause[0], start) if _HOSTED.match(text, m.end, start)]
    if led:
        for wanted in ("place", "country"):
            options = [m for m in led if m.entity_type == wanted]
            if len(options) == 1:
                return options[0].entity_id
            if options:
                best = min(options, key=lambda m: (m.start < end, abs(m.start - end) if m.start >= end else start - m.end))
                return best.entity_id
    if not article.may_hold("city", start):
        return None
    named = vocabulary.city_of.search(text, clause[0], clause[1])
    return named["name"] if named else None


_POSSESSOR_GAP = re.compile(r"(?:['’]s)?(?:\s+[a-z][\w-]*){0,4}\s+")


_LEADING_ADVERBIAL = re.compile(r"\s*(?i:during|following|after|at|on|in|within|upon|as\s+part\s+of)\b[^,]{0,120},")
_OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?")


def _actors(
    article: _Article, clause: tuple[int, int], event_type: str, skip: set[str], trigger_start: int | None = None, trigger_end: int | None = None
) -> list[str]:
    """Who took part, from the mentions of ``clause`` (see the module's rules on actors)."""
    vocabulary = load_event_vocabulary()
    text = article.text
    mentions = [m for m in article.mentions_in(clause[0], clause[1]) if m.entity_type in ACTOR_TYPES and m.entity_id not in skip]
    if event_type == "agreement_signed" and trigger_start is not None:
        lead = _LEADING_ADVERBIAL.match(text, clause[0], trigger_start)
        opening = lead.end() if lead is not None else clause[0]  # "During the talks with X, the leaders signed"
        subject = [m for m in mentions if opening <= m.start and m.end <= trigger_start]
        if subject:  # "KazMunayGas and SOCAR signed an agreement on ... Kazakh oil": the parties are who signed
            mentions = subject
        else:
            mentions = [m for m in mentions if m.start >= opening]
    organisations = [m for m in mentions if m.entity_type == "organisation"]
    participants = event_type == "summit" and article.may_hold("participation", clause[0]) and vocabulary.participation.search(text, clause[0], clause[1]) is not None
    actors: list[str] = []
    from_persons: set[str | None] = set()
    for index, mention in enumerate(mentions):
        ids: list[str | None] = [mention.entity_id]  # a person's country may be unknown
        if mention.entity_type == "person":
            country = article.country_of.get(mention.entity_id)
            hosted = (
                event_type in ("visit", "summit") and article.may_hold("host", mention.start)
                and vocabulary.host_lead.search(text, max(clause[0], mention.start - 60), mention.start) is not None
            )
            ids = [country] if event_type in ("agreement_signed", "summit") or hosted else [mention.entity_id, country]
            if hosted or participants:
                from_persons.add(country)
        elif mention.entity_type == "organisation":
            if event_type in ("meeting", "visit"):
                ids = [article.country_of.get(mention.entity_id) or mention.entity_id]  # "SOCAR President ...": a state's company stands for it
            else:
                ids = [_parent_organisation(mention.entity_id)]
        elif organisations and event_type == "agreement_signed":
            following = mentions[index + 1] if index + 1 < len(mentions) else None
            if following is not None and following.entity_type == "organisation" and _POSSESSOR_GAP.fullmatch(text, mention.end, following.start):
                continue  # "Kazakhstan's sovereign wealth fund Samruk-Kazyna": the fund signs
        for entity_id in ids:
            if entity_id and entity_id not in actors and entity_id not in skip:
                actors.append(entity_id)
    if event_type == "summit" and trigger_end is not None:
        region = next(iter(article.mentions_in(trigger_end, trigger_end + 40)), None)
        if region is not None and region.entity_type == "region" and _OF_GAP.fullmatch(text, trigger_end, region.start):
            actors.append(region.entity_id)  # the gathering of a region's heads of state is the region's
    if event_type == "summit" and any(a.startswith("org:") for a in actors):
        # the organisation's summit and the states of the leaders named, not its host's or its members' listing
        actors = [a for a in actors if a.startswith("org:") or a in from_persons]
    return actors


@lru_cache(maxsize=None)
def _organisation_ids() -> frozenset[str]:
    try:
        from .gazetteer import load_gazetteer

        return frozenset(e for e in load_gazetteer().entities if e.startswith("org:"))
    except Exception:  # without the gazetteer no body is known
        return frozenset()


@lru_cache(maxsize=None)
def _parent_organisation(entity_id: str) -> str:
    """The organisation a body belongs to by the id scheme: ``org:ots_council_of_heads_of_state`` -> ``org:ots``."""
    known = _organisation_ids()
    parts = entity_id.split("_")
    for cut in range(1, len(parts)):
        parent = "_".join(parts[:cut])
        if parent in known:
            return parent
    return entity_id


def _actors_before(article: _Article, sentence: Sentence) -> list[str]:
    """States and organisations of the nearest earlier sentence of the paragraph that names any.

    ("Azerbaijan and Tajikistan have ... On April 5, 14 agreements were introduced.")
    """
    paragraph = article.paragraph_of(sentence.start)
    index = bisect.bisect_right(article.sentence_starts, sentence.start) - 2
    while index >= 0 and article.paragraph_of(article.sentences[index].start) == paragraph:
        earlier = article.sentences[index]
        found = [m.entity_id for m in article.mentions_in(earlier.start, earlier.end) if m.entity_type in ("country", "organisation")]
        if found:
            return list(dict.fromkeys(found))
        index -= 1
    return []


def _titles(article: _Article, start: int, end: int) -> list[tuple[int, int, str]]:
    vocabulary = load_event_vocabulary()
    titles = []
    for match_start, match_end, _ in vocabulary.title.finditer(article.text, start, end):
        words = article.text[match_start:match_end].split()
        while words and words[0].lower() in vocabulary.determiners:
            words.pop(0)
        kept: list[str] = []
        for i, word in enumerate(words[:MAX_TITLE_WORDS]):
            bare = word.lower().strip("’'")
            if i > 0 and (bare in vocabulary.title_stops or (word.islower() and word.endswith(("ed", "ing")) and len(word) > 5)):
                break
            if i > 0 and bare == "and" and i + 1 < len(words) and words[i + 1].lower() in vocabulary.determiners:
                break
            kept.append(word)
            if i > 0 and _YEAR_TOKEN.fullmatch(word):
                break  # "... for 2022-2026": a title's years close it
        while kept and (kept[-1].islower() and kept[-1] in {"of", "on", "for", "between", "in", "and", "the", "to", "with", "a", "an"}):
            kept.pop()
        if len(kept) < 2:
            continue  # a head alone ("Agreement was reached") is not a title
        title = " ".join(kept)
        title_start = article.text.find(kept[0], match_start)
        title_end = title_start + len(title)
        if article.text[title_start:title_end] != title:
            title_end = title_start + len(" ".join(kept))
        titles.append((title_start, title_end, title))
    return titles


def _documents(article: _Article, sentence: Sentence, titles: list[tuple[int, int, str]]) -> tuple[int | None, bool]:
    """(n_documents, approximate) for a signing sentence."""
    vocabulary = load_event_vocabulary()
    text = article.text
    explicit = None
    approximate = False
    others = False
    counted = article.may_hold("number", sentence.start) or _DIGIT.search(text, sentence.start, sentence.end) is not None
    for found in vocabulary.count.finditer(text, sentence.start, sentence.end) if counted else ():
        value = number_value(found["n"])
        if value is None:
            continue
        if found["approx"]:
            approximate = True
        explicit = value if explicit is None else explicit + value
        others = others or "other" in found["mods"].lower()
    if explicit is None and article.may_hold("vague_count", sentence.start) and vocabulary.vague_count.search(text, sentence.start, sentence.end) is not None:
        return None, True
    singles = [
        found_end for _, found_end, _ in vocabulary.singular_document.finditer(text, sentence.start, sentence.end)
        if not any(a <= found_end - 1 < b for a, b, _ in titles)
    ]
    listed = len(titles) + len(singles)
    if explicit is not None:
        return (explicit + (listed if others else 0)), approximate  # "a treaty ... and 12 other documents" is 13
    return (listed or None), approximate


# ----------------------------------------------------------------------------- the annotator


# Read on the reversed text from just before an anchor: the rest of the anchor's word, then up to
# three whole words before it ("official working visit", "the 6th session of the ..."). One match
# gives every start, where a loop of rfind calls per anchor cost more than the trigger matching.
_WORD = r"([^ \n]{1,29})(?![^ \n])"
_WORDS_BEFORE = re.compile(rf"([^ \n]*)(?:[ \n]{_WORD}(?:[ \n]{_WORD}(?:[ \n]{_WORD})?)?)?")


def _anchor_positions(text: str):
    """Where a trigger anchor starts a word, as written (the anchor or its capitalised form), in order."""
    # The anchors are found in the pass the other annotators share (see ``folded_scan``).
    for last, spellings in scan_form_hits(text, EVENT_ANCHORS, load_event_vocabulary().anchors):
        anchor, capitalised = spellings
        # Index ``last`` of the padded form is the text's ``last - 1``; a key is a space (or "$") and the anchor.
        position = last - len(anchor)
        if not (text.startswith(anchor, position) or text.startswith(capitalised, position)):
            continue  # "SUMMIT", "heads-of-state": not as the anchor is written
        if position and text[position - 1].isalnum():
            continue  # inside a word, after a letter outside ASCII (a space in the scan form)
        yield position


def _triggers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, event_type) of every trigger phrase, longest first, without overlaps."""
    vocabulary = load_event_vocabulary()
    trigger_at = vocabulary.trigger_by_character.at
    opening = vocabulary.trigger_opening
    openings = opening.known  # what ``opening.admits`` answers, looked up here without a call (66,000 words)
    found: dict[int, tuple[int, int, str]] = {}
    tried: dict[int, re.Match | None] = {}  # a start gives one match whatever the anchor: "official working visit" is read once
    reversed_text = None
    length_of_text = len(text)
    for position in _anchor_positions(text):
        if reversed_text is None:
            reversed_text = text[::-1]
        for _, word_end in _WORDS_BEFORE.match(reversed_text, length_of_text - position).regs[1:]:  # type: ignore[union-attr]  # it matches the empty string
            if word_end < 0:
                break
            start = length_of_text - word_end
            if start in tried:
                match = tried[start]
            else:
                characters = text[start : start + TRIGGER_OPENING_LENGTH]
                admitted = openings.get(characters)
                if admitted is None:
                    admitted = opening.admits(characters)
                match = tried[start] = (trigger.match(text, start) if admitted and (trigger := trigger_at(characters[0])) is not None else None)
            if match is not None and match.end() > position:
                found[start] = (start, match.end(), match.lastgroup)  # type: ignore[assignment]  # every alternative is a named group
    kept: list[tuple[int, int, str]] = []
    for start in sorted(found):
        start, end, kind = found[start]
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, kind))
    return kept


def _attached(article: _Article, sentence: Sentence, start: int, end: int, expression: TimeExpression) -> bool:
    """True when ``expression`` dates the trigger ``start:end``: in its clause, and near it or linked
    to it ("the summit was held ... on June 5")."""
    clause = _clause(article, sentence, start, end)
    if not (clause[0] <= expression.start and expression.end <= clause[1]):
        return False
    if expression.start >= end:
        if article.trigger_between(end, expression.start):
            return False  # "During the meeting, he recalled the summit held in Avaza in 2022": the summit's date
        if expression.start - end <= ATTACHED_CHARS:
            return True
        return article.has_date_link(end, expression.start)
    return start - expression.end <= ATTACHED_CHARS


def _planned(article: _Article, clause: tuple[int, int], start: int, end: int) -> bool:
    """A visit, meeting or signing announced rather than reported: "will pay a state visit",
    "the next summit", "the 12th summit will take place in Gabala"."""
    vocabulary = load_event_vocabulary()
    lookback = max(clause[0], start - 60)
    if article.may_hold_in("future", lookback, start, start) and vocabulary.planned_before.search(article.text, lookback, start) is not None:
        return True
    return article.may_hold_in("future_link", end, clause[1], start) and vocabulary.planned_after.match(article.text, end, clause[1]) is not None


def _dated_ahead(article: _Article, sentence: Sentence, clause: tuple[int, int], start: int, end: int) -> bool:
    """"Tokayev to pay state visit to Azerbaijan next month": a relative date after the publication day,
    pinned to the trigger in its clause, makes the event a plan."""
    if article.published is None:
        return False
    ahead = article.times_ahead.get(sentence.start)
    if ahead is None:
        ahead = article.times_ahead[sentence.start] = [
            t for t in article.times_in(sentence.start, sentence.end)
            if t.is_relative and t.period_start is not None and t.period_start > article.published
        ]
    if not ahead:
        return False
    reach = _before_relative_clause(article, clause, end)
    return any(reach[0] <= t.start and t.end <= reach[1] and _attached(article, sentence, start, end, t) for t in ahead)


class _Phrase(NamedTuple):
    """What the words of a trigger tell wherever they are written, read once per phrase (a few hundred
    phrases make the 13,000 triggers of the 1M-word benchmark: "talks", "met with", "state visit"). Lower-
    casing, splitting and the body search once per phrase: 1,353 -> 1,332 M instructions over 200k words."""

    lowered: str
    words: tuple[str, ...]  # lower case; the last is the noun a reference back names ("the visit")
    plural: bool  # "meetings", "visits" (not "talks"): a count or a habit unless a date pins it
    body: str | None  # the body a meeting's own words name: "session of the Supreme Interstate Council"


@lru_cache(maxsize=4096)
def _phrase(quote: str) -> _Phrase:
    lowered = quote.lower()
    vocabulary = load_event_vocabulary()
    # A body named inside the trigger ("session of the ... Council") holds the first word of its name
    named_inside = not quote.isascii() or any(word in lowered for word in vocabulary.meeting_body_words)
    inside = vocabulary.meeting_body.search(" of " + quote) if named_inside else None
    if inside is not None and inside.start() == 0 or (named_inside and (inside := vocabulary.meeting_body.search(quote)) is not None):
        body = " ".join(inside["body"].lower().split())
    else:
        body = None
    plural = lowered.endswith("s") and not lowered.endswith(("talks", "negotiations", "visits to"))
    return _Phrase(lowered, tuple(lowered.split()), plural, body)


def _reference_strength(article: _Article, start: int, end: int, kind: str, phrase: _Phrase) -> int:
    """2 for "during the visit", "following the talks" (a noun trigger naming an event already told)
    and for "the documents signed"; 1 for a definite noun alone ("the summit was organised to ..."),
    which refers back only when an event of its kind was told before; 0 otherwise."""
    vocabulary = load_event_vocabulary()
    text = article.text
    noun = phrase.words[-1]
    if kind == "agreement_signed":
        if vocabulary.document_anaphor.search(text, max(0, start - 30), start) is not None:
            return 2
        if not phrase.lowered.startswith("signing"):
            return 0  # "the signing of" names a signing the way "the visit" names a visit
    elif not noun.startswith(REFERENCE_NOUNS):
        return 0
    if article.may_hold_in("anaphor_lead", max(0, start - 60), start, start) and vocabulary.reference.search(text, max(0, start - 60), start) is not None:
        return 2
    if noun == "of":
        return 0  # "confirmed by the signing of the Declaration on ...": the signing of a document named
    return 1 if DEFINITE_WORDS.intersection(text[max(0, start - 40) : start].lower().split()[-3:]) and vocabulary.definite.search(text, max(0, start - 40), start) is not None else 0


_DIGIT = re.compile(r"\d")
# "the summit", "this visit", "his third visit": a definite mention of an occasion
DEFINITE_WORDS = frozenset({"the", "this", "that", "his", "her", "their", "its"})


def _body(text: str, end: int, kind: str, clause_end: int, phrase: _Phrase) -> str | None:
    """The body a meeting is of: "the third meeting of the Supreme Interstate Council" -> "council"."""
    if kind != "meeting":
        return None
    if phrase.body is not None:
        return phrase.body
    after = load_event_vocabulary().meeting_body.match(text, end, min(clause_end, end + 80))
    return " ".join(after["body"].lower().split()) if after is not None else None


_SPECIFIED = re.compile(r"\s+(?:of|between|with)\s")
_THE_BEFORE = re.compile(r"(?i:\bthe\s+(?:[\w-]+\s+){0,2}$)")


def _named_as(events: list[_Candidate], noun: str) -> bool:
    """"The meeting was attended by ..." after "the Consultative Meeting of the Heads of State" (a summit)."""
    return any(noun in e.quote_words for e in events[-COREFERENCE_WINDOW:])


def _specified(text: str, start: int, end: int) -> bool:
    """"during the meeting of X with Y": an occasion named in full, told for the first time if none of
    its kind was told before ("during this high-level meeting" points back to whatever was told)."""
    return _SPECIFIED.match(text, end) is not None and _THE_BEFORE.search(text, max(0, start - 30), start) is not None


def _not_an_occasion(article: _Article, clause: tuple[int, int], end: int, kind: str, phrase: str) -> bool:
    """A tour of a site ("visited the Alley of Honor") or a meeting with people who hold no office
    ("met with students") during an occasion: not a diplomatic event of its own."""
    text = article.text
    if kind == "visit" and phrase == "visited" and (by := _BY.match(text, end, clause[1])) is not None:
        # "Baku was visited by two million tourists": a visit needs a visitor holding office
        window_end = min(clause[1], by.end() + 60)
        if any(m.entity_type in ("person", "organisation") for m in article.mentions_in(by.end(), window_end)):
            return False
        return load_event_vocabulary().meeting_partner.search(text, by.end(), window_end) is None
    if kind == "visit" and phrase in ("visited", "visiting"):
        gap = _OBJECT_GAP.match(text, end, clause[1])
        if gap is None:
            return False  # nothing after the verb
        position = gap.end()
        if position < clause[1] and text[position].isupper():
            named = next((m for m in article.mentions_in(position, clause[1]) if m.start == position), None)
            if named is None or named.entity_type not in ("place", "country"):
                return True
            return _CAPITALISED_NEXT.match(text, named.end, clause[1]) is not None  # "Astana International Financial Centre"
        return False
    if kind == "meeting" and phrase == "received":
        # "received the Foreign Minister of Turkmenistan", not "received a phone call from" or "received 2 million tons"
        window_end = min(clause[1], end + 60)
        if load_event_vocabulary().not_meeting_object.search(text, end, min(clause[1], end + 30)) is not None:
            return True
        if any(m.entity_type in ("person", "organisation") for m in article.mentions_in(end, window_end)):
            return False
        return load_event_vocabulary().meeting_partner.search(text, end, window_end) is None
    if kind == "meeting" and (phrase.startswith("met") or phrase.startswith("meeting")):
        partner = _WITH.match(text, end, clause[1]) if not phrase.endswith("with") else _WITH.match(text, end - 4, clause[1])
        if partner is None:
            return False
        window_end = min(clause[1], partner.end() + 60)
        if any(m.entity_type in ("person", "organisation") for m in article.mentions_in(partner.end(), window_end)):
            return False
        return load_event_vocabulary().meeting_partner.search(text, partner.end(), window_end) is None
    return False


_OBJECT_GAP = re.compile(r"\s+(?:the\s+)?")
_BY = re.compile(r"\s+by\s+")
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z]")
_WITH = re.compile(r"\s*with\s+")


def extract_events(
    text: str,
    sentences: list[Sentence],
    mentions: list[Mention],
    times: list[TimeExpression],
    context: ArticleContext,
) -> list[Event]:
    """Every diplomatic event the text reports, in order of its trigger (see the module's rules)."""
    triggers = _triggers(text)
    if not triggers and _BRACKETED_YEAR.search(text) is None:
        return []
    vocabulary = load_event_vocabulary()
    # The gazetteer's mentions come in order and do not overlap: the order and the reach of the ends
    # are checked on the integers, without sorting the mentions or taking each end's maximum (per
    # article, over all its mentions, not only those of trigger sentences; with the common paragraph
    # end read first: 1,295 -> 1,263 M instructions over 200k words).
    mention_starts = [m.start for m in mentions]
    if mention_starts != sorted(mention_starts):
        mentions = sorted(mentions, key=_START)
        mention_starts = [m.start for m in mentions]
    ends = [m.end for m in mentions]
    reach = ends if ends == sorted(ends) else list(accumulate(ends, max))
    article = _Article(
        text, sentences, [s.start for s in sentences], mentions, mention_starts, reach, [], [],
        _paragraph_breaks(text), _Countries(), context.published, [t[0] for t in triggers],
    )
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    sentence_starts = article.sentence_starts
    for trigger in triggers:
        index = bisect.bisect_right(sentence_starts, trigger[0]) - 1
        by_sentence.setdefault(sentence_starts[index] if index >= 0 else 0, []).append(trigger)  # as ``sentence_at``
    week_expressions = _week_expressions(article, sorted(by_sentence), times)
    article.times = times + week_expressions
    article.time_starts = [t.start for t in article.times]
    # as the mentions above (1,263 -> 1,253 M instructions over 200k words)
    if week_expressions or article.time_starts != sorted(article.time_starts):
        article.times = sorted(article.times, key=_START)
        article.time_starts = [t.start for t in article.times]
    events: list[_Candidate] = []
    told: set[tuple[str, str | None]] = set()
    for sentence_start in sorted(by_sentence):
        sentence = article.sentence_at(sentence_start)
        article.read(sentence)
        sentence_triggers = by_sentence[sentence_start]
        has_document = article.may_hold("document", sentence.start) and vocabulary.document_word.search(text, sentence.start, sentence.end) is not None
        titles = _titles(article, sentence.start, sentence.end) if has_document else []  # a title ends in a document word
        title_spans = [(a, b) for a, b, _ in titles]
        phrases = {t: _phrase(text[t[0] : t[1]]) for t in sentence_triggers}
        bodies = {t: _body(text, t[1], t[2], sentence.end, phrases[t]) for t in sentence_triggers}
        references = []
        first_mentions = []  # "during the meeting of X with Y" with no meeting told before: a new meeting
        planned: dict[tuple[int, int, str], bool] = {}  # read again below for the triggers that are not references
        for trigger in sentence_triggers:
            strength = _reference_strength(article, trigger[0], trigger[1], trigger[2], phrases[trigger])
            if strength and (planned.setdefault(trigger, _planned(article, _clause(article, sentence, trigger[0], trigger[1]), trigger[0], trigger[1]))):
                continue  # "after the planned visit of X": no occasion told, none referred to
            body = bodies[trigger]
            if strength == 2:
                if any(e.event_type == trigger[2] for e in events) or (events and not _specified(text, trigger[0], trigger[1])):
                    references.append(trigger)
                else:
                    first_mentions.append(trigger)
            elif strength == 1 and (
                (trigger[2], body) in told or (body is None and any(k == trigger[2] for k, _ in told))
                or (body is None and _named_as(events, phrases[trigger].words[-1]))
            ):
                references.append(trigger)
        if references:
            # "During his visit to Uzbekistan in June": a new event, dated in place. A date elsewhere in
            # the sentence ("Speaking at the summit, he said trade grew in 2023") dates something else.
            own_times = [t for t in article.times_in(sentence.start, sentence.end) if _event_precision(t) is not None]
            dated_here = [r for r in references if any(_attached(article, sentence, r[0], r[1], t) for t in own_times)]
            references = [r for r in references if r not in dated_here]
            for start, end, kind in dated_here:
                # "X arrived in Baku on a state visit. The visit takes place on August 22-23.": the date of the visit told
                earlier = next((e for e in reversed(events) if e.event_type == kind), None)
                chosen = _choose_times(article, sentence, start, end, title_spans)
                if earlier is not None and not earlier.dated and chosen and _event_precision(chosen[0]) is not None:
                    earlier.dated = True
                    earlier.date_start, earlier.date_end = _dating(chosen[0], _event_precision(chosen[0]))
                    earlier.precision = _event_precision(chosen[0]) if earlier.date_start is not None else None
                    references.append((start, end, kind))
        if first_mentions:
            own_times = [t for t in article.times_in(sentence.start, sentence.end) if _event_precision(t) is not None]
            first_mentions = [r for r in first_mentions if not any(_attached(article, sentence, r[0], r[1], t) for t in own_times)]
        refers_back = bool(references) or bool(first_mentions) or (
            article.may_hold("anaphor_lead", sentence.start) and vocabulary.sentence_reference.search(text, sentence.start, sentence.end) is not None
        )
        referred = _antecedent(events, article, sentence, references) if refers_back else None
        sentence_events: list[_Candidate] = []
        for trigger in sentence_triggers:
            if trigger in references:
                continue
            start, end, kind = trigger
            phrase = phrases[trigger]
            if kind == "agreement_signed" and phrase.words[-1] in vocabulary.needs_document and not has_document:
                continue
            lookback = max(sentence.start, start - 40)
            habit = (
                vocabulary.generic.search(text, lookback, start)
                if article.may_hold_in("generic", lookback, start, start) or (_DIGIT.search(text, lookback, start) is not None and _DIGIT.search(" ".join(text[lookback:start].split()[-2:])) is not None) else None
            )
            # "21 meetings", "frequent visits": a count or a habit; "12 documents were signed" counts documents
            generic = habit is not None and not (kind == "agreement_signed" and text[habit.start()].isdigit())
            clause = _clause(article, sentence, start, end)
            was_planned = planned[trigger] if trigger in planned else _planned(article, clause, start, end)
            if was_planned or _not_an_occasion(article, clause, end, kind, phrase.lowered) or _dated_ahead(article, sentence, clause, start, end):
                continue
            chosen = _choose_times(article, sentence, start, end, title_spans)
            if chosen and referred is not None and not _attached(article, sentence, start, end, chosen[0]):
                chosen = []  # the sentence continues an occasion told before; its date belongs to a figure
            base = _Candidate(start, end, kind, sentence, article.paragraph_of(start), body=bodies[trigger], quote_words=phrase.words)
            inherited = None
            if chosen:
                base.dated = True
            elif phrase.plural or generic:
                continue  # "some 200 B2B meetings" during a forum: a count, not an occasion
            elif referred is not None:
                base.dated = base.referred = True
                base.date_start, base.date_end, base.precision = referred.date_start, referred.date_end, referred.precision
                base.location = referred.location
                inherited = referred
            elif kind in CONTINUING_TYPES and (occasion := _occasion(events + sentence_events, article, sentence)) is not None:
                base.dated = base.referred = True
                base.date_start, base.date_end, base.precision = occasion.date_start, occasion.date_end, occasion.precision
                if (day := _narrative_day(article, sentence)) is not None:
                    base.date_start, base.date_end, base.precision = day.period_start, day.period_end, "day"
                base.location = occasion.location
                inherited = occasion
            elif kind in CONTINUING_TYPES and (day := _narrative_day(article, sentence)) is not None:
                # "On October 15, a welcome ceremony was held. Then the presidents met": that day, at the
                # place of the latest event told
                base.dated = True
                base.date_start, base.date_end, base.precision = day.period_start, day.period_end, "day"
                inherited = next((e for e in reversed(events + sentence_events) if e.dated), None)
                base.location = inherited.location if inherited is not None else None
            # An undated visit, summit or signing is an event only with a place (see the test on each
            # candidate below): without one, its actors and documents need not be read.
            placeless = not base.dated and kind != "meeting"
            if placeless and not _may_name_place(article, sentence):
                continue
            location = _location(article, _before_relative_clause(article, clause, end), start, end)
            if location is None and clause != (sentence.start, sentence.end):
                location = _location(article, (sentence.start, sentence.end), start, end)  # "... in Baku, followed by the meeting of the Council"
            location = location or base.location
            destinations = _destinations(article, clause, end) if kind == "visit" else []
            if placeless and not location and not destinations:
                continue
            if kind == "agreement_signed":
                counted = article.documents.get(sentence.start)
                if counted is None:
                    counted = article.documents[sentence.start] = _documents(article, sentence, titles)
                base.n_documents, base.approximate_count = counted
                base.document_names = [title for _, _, title in titles]
            actor_clause = _actor_clause(article, clause, start, end, kind, sentence_triggers)
            dated_variants: list[tuple[TimeExpression | None, str | None]] = [(t, _event_precision(t)) for t in chosen] or [(None, base.precision)]
            places: list[Mention | None] = [*destinations] if destinations else [None]
            destination_ids = {m.entity_id for m in destinations} | {article.country_of.get(m.entity_id) for m in destinations}
            for expression, precision in dated_variants:
                for destination in places:
                    if len(dated_variants) == 1 and len(places) == 1:
                        candidate = base  # one event of the trigger: no copy needed
                    else:
                        candidate = _Candidate.__new__(_Candidate)  # copy.copy and dataclasses.replace cost several times more
                        candidate.__dict__.update(base.__dict__)
                        candidate.document_names = list(base.document_names)
                    candidate.actors = []
                    if expression is not None:
                        candidate.date_start, candidate.date_end = _dating(expression, precision)
                        candidate.precision = precision if candidate.date_start is not None else None
                    skip = {d.entity_id for d in places if d is not None and d is not destination} if len(places) > 1 else set()
                    candidate.location = destination.entity_id if destination is not None else location
                    candidate.actors = _actors(article, actor_clause, kind, skip, start, end)
                    if kind == "visit" and (visitor := _visitor(article, start, end)) is not None:
                        # "the state visit of President X to Uzbekistan", "X's state visit": X alone visits
                        candidate.actors = [a for a in (visitor, article.country_of.get(visitor)) if a]
                    if kind == "visit" and not set(candidate.actors) - destination_ids and clause != (sentence.start, sentence.end):
                        # "..., followed by a visit to Kyrgyzstan": the visitor is named earlier in the sentence
                        visitors = [a for a in _actors(article, (sentence.start, sentence.end), kind, skip) if a not in destination_ids]
                        candidate.actors = visitors + candidate.actors
                    host = candidate.location if candidate.location and ":" not in candidate.location else article.country_of.get(candidate.location or "")
                    adds_host = kind == "visit" or (kind == "agreement_signed" and any(a.isupper() for a in candidate.actors))
                    if host and adds_host and host not in candidate.actors:
                        candidate.actors.append(host)
                    if not candidate.actors and clause != (sentence.start, sentence.end) and kind != "visit":
                        # "X and Y held a meeting, followed by the second meeting of the Council": the same people
                        candidate.actors = _actors(article, (sentence.start, sentence.end), kind, skip, start)
                    if not candidate.actors and inherited is not None:
                        # "Following the talks, six documents were signed": the parties of the occasion
                        candidate.actors = _inherited_actors(inherited, kind)
                    elif kind == "meeting" and inherited is not None and inherited.event_type == "visit":
                        # "President X paid a state visit to Uzbekistan. During the talks with Y, ...": X met Y
                        candidate.actors = _inherited_actors(inherited, kind) + [a for a in candidate.actors if a not in inherited.actors]
                    if not candidate.actors:
                        candidate.actors = _actors_before(article, sentence)
                    if not candidate.actors:
                        # "The three countries signed ...": the parties of the article's latest event
                        candidate.actors = next((_inherited_actors(e, kind) for e in reversed(events) if e.actors), []) or _lead_parties(article, sentence)
                    if kind == "visit":
                        candidate.hosts = _hosts(article, actor_clause)
                    if len(chosen) > 1 and expression is not None:
                        candidate.end = max(end, expression.end)
                    if not candidate.dated and not (candidate.location and candidate.actors) and not _two_sides(candidate, article):
                        continue
                    if kind == "meeting" and len(partners := _separate_partners(article, start, end, actor_clause)) > 1:
                        sentence_events.extend(_one_meeting_each(candidate, partners, article))
                        continue
                    sentence_events.append(candidate)
        if referred is not None:
            referred.recalled = article.paragraph_of(sentence.start)
            _add_participants(events, referred, article, sentence, sentence_events)
        merged = _merge_in_sentence(sentence_events, article)
        meetings = [e for e in merged if e.event_type == "meeting"]
        if meetings:
            for person in _leading_people(article, sentence):
                # "... held their meeting in Tashkent. Jeyhun Bayramov, Murat Nurtleu and Bakhtiyor Saidov discussed ..."
                for entity_id in (person, article.country_of.get(person)):
                    if entity_id and entity_id not in meetings[-1].actors:
                        meetings[-1].actors.append(entity_id)
        events.extend(merged)
        told.update((e.event_type, e.body) for e in sentence_events)
    events.extend(_dated_titles(article, events))
    events.sort(key=lambda c: c.start)
    return [_to_event(c, text) for c in _merge_in_article(events, article)]


_RELATIVE_CLAUSE = re.compile(r"(?:,\s*(?:which|who|whose)|\s+that)\s")
# "during that visit", "after that": "that" a determiner or pronoun, no relative clause
_PREPOSITIONS_BEFORE_THAT = [[w] for w in ("during", "at", "in", "on", "after", "following", "of", "with", "by", "from", "to", "for", "before", "since", "and")]


def _before_relative_clause(article: _Article, clause: tuple[int, int], end: int) -> tuple[int, int]:
    """The clause up to a relative clause after the trigger: "signed a roadmap, which provides for a
    trading house in Baku", "a summit ..., a format that X proposed" say what the relative clause is about."""
    tail = article.text[end : clause[1]]
    if "which" not in tail and "who" not in tail and "that" not in tail:
        return clause
    relative = next((r for r in _RELATIVE_CLAUSE.finditer(article.text, end, clause[1]) if not r.group(0).strip().startswith("that")
                     or article.text[max(clause[0], r.start() - 12) : r.start()].split()[-1:] not in _PREPOSITIONS_BEFORE_THAT), None)
    if relative is None or article.has_date_link(relative.end(), min(clause[1], relative.end() + 25)):
        return clause  # "the summit, which took place in Ankara": the relative clause tells the event itself
    return clause[0], relative.start()


def _two_sides(candidate: _Candidate, article: _Article) -> bool:
    """"Bayramov also met with Uzbek Prime Minister Aripov": named people of two states meet, date or not."""
    people = [a for a in candidate.actors if a.startswith("person:")]
    return candidate.event_type == "meeting" and len({article.country_of.get(p) for p in people} - {None}) >= 2


def _actor_clause(article: _Article, clause: tuple[int, int], start: int, end: int, kind: str, sentence_triggers: list[tuple[int, int, str]]) -> tuple[int, int]:
    """A visit's actors end where the next event of another kind begins: "arrived in Baku on a working
    visit and held talks with his counterpart X" (X is the host met, not a visitor). A signing's end
    where the documents' subject matter begins ("an agreement on the transit of oil through Azerbaijan")."""
    clause = _before_relative_clause(article, clause, end)
    if kind == "agreement_signed":
        content = load_event_vocabulary().document_content.search(article.text, end, clause[1])
        return (clause[0], content.start()) if content is not None else clause
    if kind != "visit":
        return clause
    for other_start, _, other_kind in sentence_triggers:
        if other_start > start and other_kind != "visit" and other_start < clause[1]:
            return clause[0], other_start
    return clause


_OF_TITLES = re.compile(r"\s+(?:of|by)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,4}")
_POSSESSIVE = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}$")


def _visitor(article: _Article, start: int, end: int) -> str | None:
    """The person a visit noun names as the visitor: "the visit of President X", "X's state visit"."""
    text = article.text
    after = next((m for m in article.mentions_in(end, end + 80) if m.entity_type == "person"), None)
    if after is not None and _OF_TITLES.fullmatch(text, end, after.start):
        return after.entity_id
    before = _POSSESSIVE.search(text, max(0, start - 40), start)
    if before is not None:
        person = next((m for m in article.mentions_in(max(0, start - 80), before.start()) if m.end == before.start()), None)
        if person is not None and person.entity_type == "person":
            return person.entity_id
    return None


_LEADING_NAMES = re.compile(r"(?:[\s,]|and\b|[A-Z][\w'’.-]*)*")


def _leading_people(article: _Article, sentence: Sentence) -> list[str]:
    """The people the sentence after ``sentence`` opens with: the subject that continues the occasion
    just told (a lead paragraph's meeting, then "Jeyhun Bayramov, Murat Nurtleu and Bakhtiyor Saidov discussed ...")."""
    index = bisect.bisect_right(article.sentence_starts, sentence.start)
    if index >= len(article.sentences):
        return []
    following = article.sentences[index]
    people = []
    position = following.start
    for mention in article.mentions_in(following.start, following.end):
        if not _LEADING_NAMES.fullmatch(article.text, position, mention.start):
            break
        if mention.entity_type == "person":
            people.append(mention.entity_id)
        position = mention.end
    return people


def _lead_parties(article: _Article, sentence: Sentence) -> list[str]:
    """"The two countries", "the sides" with nobody named before: the states of the article's lead, the
    first sentence that names any."""
    for earlier in article.sentences:
        if earlier.start >= sentence.start:
            break
        found = [m.entity_id for m in article.mentions_in(earlier.start, earlier.end) if m.entity_type == "country"]
        if found:
            return list(dict.fromkeys(found))
    return []


def _hosts(article: _Article, clause: tuple[int, int]) -> list[str]:
    vocabulary = load_event_vocabulary()
    return [
        m.entity_id for m in article.mentions_in(clause[0], clause[1])
        if m.entity_type == "person" and article.may_hold("host", m.start) and vocabulary.host_lead.search(article.text, max(clause[0], m.start - 60), m.start) is not None
    ]


def _inherited_actors(occasion: _Candidate, kind: str) -> list[str]:
    if kind == "meeting":
        return occasion.actors + [h for h in occasion.hosts if h not in occasion.actors]  # the visitor met the host
    if kind == "visit":
        return list(occasion.actors)
    states = [a for a in occasion.actors if not a.startswith("person:")]
    organisations = [a for a in states if a.startswith("org:")]
    # "Following the summit, the heads of state signed the Declaration": the organisation's documents
    return organisations if occasion.event_type == "summit" and organisations else states


def _add_participants(events: list[_Candidate], referred: _Candidate, article: _Article, sentence: Sentence, new: list[_Candidate]) -> None:
    """People named in a sentence that refers back to a meeting or summit took part in it ("The meeting
    was co-chaired by X and Y", "Speaking at the summit, President X said"); a referring sentence with
    "attended", "brought together" names the summit's states too. A signing referred to stands for the
    meeting or summit it was part of."""
    target = referred
    if target.event_type not in ("meeting", "summit"):
        found = next(
            (e for e in reversed(events) if e.event_type in ("meeting", "summit") and e.dated
             and (e.date_start, e.precision) == (referred.date_start, referred.precision) and e.start <= referred.start),
            None,
        )
        if found is None:
            return
        target = found
    if any(e.event_type == target.event_type for e in new):
        return  # the people of "On the sidelines of the meeting, X held talks with Y" are that new event's
    theirs = {a for e in new if not e.referred for a in e.actors}  # the people of a new event dated in place
    vocabulary = load_event_vocabulary()
    text = article.text
    participation = target.event_type == "summit" and article.may_hold("participation", sentence.start) and vocabulary.participation.search(text, sentence.start, sentence.end) is not None
    for mention in article.mentions_in(sentence.start, sentence.end):
        ids: list[str | None] = []
        if mention.entity_type == "person":
            country = article.country_of.get(mention.entity_id)
            ids = [country] if target.event_type == "summit" else [mention.entity_id, country]
        elif mention.entity_type == "country" and participation:
            ids = [mention.entity_id]
        if mention.entity_id in theirs:
            continue  # "... during the visit of President X in 2024": X is the new event's
        for entity_id in ids:
            if entity_id and entity_id not in target.actors:
                target.actors.append(entity_id)


def _dated_titles(article: _Article, events: list[_Candidate]) -> list[_Candidate]:
    """A document's title followed by its year in brackets, "the Declaration on ... (2022)", is a signing of that year."""
    named = {name for e in events if e.event_type == "agreement_signed" for name in e.document_names}
    found: list[_Candidate] = []
    for year in _BRACKETED_YEAR.finditer(article.text):
        sentence = article.sentence_at(year.start())
        for start, end, title in _titles(article, sentence.start, year.start()):
            if title in named or article.text[end : year.start()].strip():
                continue
            expression = next((t for t in article.times_in(year.start(), year.end()) if t.precision == "year"), None)
            if expression is None:
                continue
            candidate = _Candidate(start, end, "agreement_signed", sentence, article.paragraph_of(start), expression.period_start, expression.period_end, "year", True)
            candidate.actors = _actors(article, (start, end), "agreement_signed", set()) or _actors_before(article, sentence)
            candidate.n_documents, candidate.document_names = 1, [title]
            found.append(candidate)
    return found


def _separate_partners(article: _Article, start: int, end: int, clause: tuple[int, int]) -> list[str]:
    """The people met one by one: "held separate meetings with A and B", "met separately with A and B"."""
    if not load_event_vocabulary().separately.search(article.text, max(clause[0], start - 12), min(clause[1], end + 16)):
        return []
    partners: list[str] = []
    for mention in article.mentions_in(end, clause[1]):
        if mention.entity_type == "person" and mention.entity_id not in partners:
            partners.append(mention.entity_id)
    return partners


def _one_meeting_each(meeting: _Candidate, partners: list[str], article: _Article) -> list[_Candidate]:
    """A copy of ``meeting`` per partner, without the other partners (and their states, unless shared)."""
    copies = []
    for partner in partners:
        others = [p for p in partners if p != partner]
        keep_states = {article.country_of.get(partner)} | {
            article.country_of.get(a) for a in meeting.actors if a.startswith("person:") and a not in partners}
        dropped = set(others) | {article.country_of.get(p) for p in others} - keep_states
        copy = _Candidate.__new__(_Candidate)
        copy.__dict__.update(meeting.__dict__)
        copy.document_names = list(meeting.document_names)
        copy.actors = [a for a in meeting.actors if a not in dropped]
        copies.append(copy)
    return copies


# A summit is a meeting of heads of state: "At the end of the meeting" after a summit is the summit.
_ALSO_REFERRED_TO_AS = {"meeting": ("summit",)}


def _antecedent(events: list[_Candidate], article: _Article, sentence: Sentence, references: list[tuple[int, int, str]]) -> _Candidate | None:
    """The event a sentence refers back to: the latest of the kind it names ("during the visit"), however
    far back; else ("Following it,", "On the sidelines of the event") the latest event of this or the
    previous paragraph."""
    paragraph = article.paragraph_of(sentence.start)
    wanted = {also for _, _, kind in references for also in (kind, *_ALSO_REFERRED_TO_AS.get(kind, ()))}
    if wanted:
        named = next((e for e in reversed(events) if e.dated and e.event_type in wanted and e.paragraph <= paragraph), None)
        if named is not None:
            return named
    for event in reversed(events):
        if event.dated and paragraph - 1 <= max(event.paragraph, event.recalled) and event.paragraph <= paragraph:
            return event
    return None


OCCASION_TYPES = ("visit",)  # a visit's programme (talks, signings) is told in the paragraph after it


def _occasion(events: list[_Candidate], article: _Article, sentence: Sentence) -> _Candidate | None:
    """The dated event told earlier in the same paragraph, or a visit told in the paragraph before, or
    any event there for a sentence opening with "Then", "After that": an undated signing or meeting
    after it ("The summit was held in Bishkek today. The leaders signed the Bishkek Declaration."; "X
    arrived in Baku on May 5 on a state visit.\n\nThe presidents held talks ...") is part of it. In an
    article without a date the occasion's date may be unresolved."""
    paragraph = article.paragraph_of(sentence.start)
    vocabulary = load_event_vocabulary()
    lead = vocabulary.sequence_lead.match(article.text, sentence.start)
    continues = lead is not None
    same_day = lead is not None and " ".join(lead.group(0).lower().split()) in vocabulary.same_day_leads
    for event in reversed(events):
        if max(event.paragraph, event.recalled) < paragraph - 1:
            continue
        if not event.dated or (same_day and event.precision != "day"):
            continue  # "On the same day" continues the latest occasion of a known day
        if max(event.paragraph, event.recalled) == paragraph or event.event_type in OCCASION_TYPES or continues:
            return event
    return None


def _narrative_day(article: _Article, sentence: Sentence) -> TimeExpression | None:
    """"On October 15, a welcome ceremony was held. Then the presidents met": a sentence opening with
    "Then", "After that" continues the day of the sentence before it in its paragraph."""
    if load_event_vocabulary().sequence_lead.match(article.text, sentence.start) is None:
        return None
    index = bisect.bisect_right(article.sentence_starts, sentence.start) - 2
    if index < 0:
        return None
    before = article.sentences[index]
    if article.paragraph_of(before.start) != article.paragraph_of(sentence.start):
        return None
    days = [
        t for t in article.times_in(before.start, before.end)
        if t.precision == "day" and _event_precision(t) == "day"
        and not (t.is_relative and article.published is not None and t.period_start is not None and t.period_start > article.published)
    ]
    return days[-1] if days else None


def _compatible_places(a: str | None, b: str | None, article: _Article) -> bool:
    if a is None or b is None or a == b:
        return True
    return article.country_of.get(a) == b or article.country_of.get(b) == a


def _more_specific(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if ":" in a else b


def _absorb(kept: _Candidate, other: _Candidate, article: _Article) -> None:
    kept.location = _more_specific(kept.location, other.location)
    for actor in other.actors:
        if actor not in kept.actors:
            kept.actors.append(actor)
    for name in other.document_names:
        if name not in kept.document_names:
            kept.document_names.append(name)
    if other.approximate_count:
        kept.approximate_count = True
    if kept.n_documents is None:
        kept.n_documents = other.n_documents


def _same_people(a: _Candidate, b: _Candidate) -> bool:
    """One occasion told twice names the same people or fewer: "On the same day, X held talks with his
    counterpart Y" after "The President received X" is a second meeting."""
    people_a = {x for x in a.actors if x.startswith("person:")}
    people_b = {x for x in b.actors if x.startswith("person:")}
    return not people_a or not people_b or people_a <= people_b or people_b <= people_a


def _merge_in_sentence(candidates: list[_Candidate], article: _Article) -> list[_Candidate]:
    merged: list[_Candidate] = []
    for candidate in candidates:
        for kept in merged:
            if (
                kept.event_type == candidate.event_type
                and kept.body == candidate.body
                and _same_people(kept, candidate)
                and (kept.date_start, kept.precision) == (candidate.date_start, candidate.precision)
                and _compatible_places(kept.location, candidate.location, article)
            ):
                _absorb(kept, candidate, article)
                break
        else:
            merged.append(candidate)
    return merged


def _contains(outer: _Candidate, inner: _Candidate) -> bool:
    if outer.date_start is None or inner.date_start is None or outer.date_end is None or inner.date_end is None:
        return False
    wider = (outer.date_end - outer.date_start) > (inner.date_end - inner.date_start)
    return wider and outer.date_start <= inner.date_start and inner.date_end <= outer.date_end


def _merge_in_article(events: list[_Candidate], article: _Article) -> list[_Candidate]:
    kept: list[_Candidate] = []
    for event in events:
        if event.referred:
            twin = next(
                (k for k in reversed(kept) if k.event_type == event.event_type and k.body == event.body and _same_people(k, event)
                 and (k.date_start, k.precision) == (event.date_start, event.precision)
                 and _compatible_places(k.location, event.location, article)),
                None,
            )
            if twin is not None:
                counts = {c for c in (twin.n_documents, event.n_documents) if c is not None}
                _absorb(twin, event, article)
                # "a signing ceremony was held ... In total, 12 documents were signed": one count; two differing, none sure
                twin.approximate_count = twin.approximate_count or len(counts) > 1
                continue
        kept.append(event)
    by_place: dict[tuple[str, str], list[_Candidate]] = {}
    for event in kept:
        if event.location is not None:
            by_place.setdefault((event.event_type, event.location), []).append(event)
    # An article tells an occasion again within a few events; the window keeps a long text linear.
    vaguer = {
        id(a) for group in by_place.values() for i, a in enumerate(group)
        for b in group[max(0, i - COREFERENCE_WINDOW) : i + COREFERENCE_WINDOW + 1] if a is not b and _contains(a, b)
    }
    return [e for e in kept if id(e) not in vaguer]


def _to_event(candidate: _Candidate, text: str) -> Event:
    return Event(
        start=candidate.start,
        end=candidate.end,
        quote=text[candidate.start : candidate.end],
        event_type=candidate.event_type,
        date_start=candidate.date_start,
        date_end=candidate.date_end,
        date_precision=candidate.precision if candidate.date_start is not None else None,
        actors=tuple(candidate.actors),
        location=candidate.location,
        n_documents=None if candidate.approximate_count else candidate.n_documents,
        document_names=tuple(candidate.document_names),
    )

"""Quantitative claims: a number with its unit, what it measures, whose, when, and who says so.

One compiled pattern finds every number candidate in the text (digits with an optional currency,
scale and range; numbers in words; multiplier words). Each candidate is then read locally:

1. **Unit.** A currency before it (``$``, ``USD``), a unit after it (``tons``, ``%``, ``TEU``,
   ``times``), or a counted noun within the next few words (``182 commercial entities``). A
   number with none of these is not a claim; neither are years, day numbers of dates, ordinals,
   hyphenated modifiers (``45-year-old``) and numbers that are part of a name (``Resolution 1325``).
   Fractions in words are percents (``a quarter`` 25, ``more than half`` 50; ``a quarter of X`` a
   share) or multipliers (``half as long``, ``one and a half times``). A bare number after
   ``from``/``to``/``against`` counts the noun of ``the number of ...`` or the count just before it
   in its sentence. ``from X to Y`` after a rise or fall word is two figures, else a range. A
   figure is read within its paragraph: a unit or range end after a blank line is not its own.
2. **Metric.** Percentages are ``growth`` (signed by the nearest rise/fall word) or ``share``;
   counts take the metric of their noun; otherwise the nearest metric phrase of the clause (then
   of the sentence) whose unit class fits; else a default per unit (tons: cargo_volume).
3. **Subject and counterpart** from the entity mentions of the clause (a person stands for their
   state, ``Gazetteer.country_of``), each given a role by the word before it (a modifier may
   stand between: "with the five Central Asian states"): ``between X and Y`` and ``X and Y`` make
   a pair; ``to``/``with``/``in`` mark the partner; ``from`` marks the exporter or investor for
   exports and investment, else the partner; one organisation after ``among`` is the subject, a
   list of states after it names no party. A corridor after ``via``/``along``/``through`` takes
   the figure (no counterpart) unless a state is the plain subject (the state, then the
   corridor). ``this route``/``the corridor`` stand for the last corridor named, ``the two
   countries`` for the last pair named (and wins when it comes before the clause's other names),
   ``the region`` for the last region named (as partner). A figure with a partner state and no
   subject is given the state the article names most; a share ``of X's trade`` has X as counterpart.
4. **Period** from the nearest time expression of the number's own clause or of an earlier one
   (a later clause dates something else), skipping comparison bases (``from 2022``, ``compared
   to``, ``than``; ``from`` only for growth and multipliers) and penalising an expression that
   stands nearer another number ("from 38 days in 2022 to 18-23 days last year"). Capacities and
   lengths take only an ``as of`` date. ``the same period of last year`` mirrors the period of the
   figure before it in the sentence, else the period being continued, and dates only the figure it
   stands by (or all, when it opens the sentence). A date after ``said on`` dates the telling, not
   a figure. ``During this period``, ``over the ten months`` continue it. A compared figure
   (``from X to Y``, ``up from X``) with no time of its own takes the year before the period it is
   compared within; a time right after it is its own and no other figure's.

Carry-over rule (documented in the project README for the claims table): a claim whose sentence
names no entity takes subject/counterpart from the latest claim of the same paragraph with the
same metric, else from the previous claim of the paragraph. A claim whose sentence has no time
expression continues the period of the latest claim that may hand one on, when that claim is in
the same paragraph, or in the previous one (headings between do not count) and this claim opens
its paragraph, and both are actuals (or both forecasts). Bases of comparisons ("up from $598.5
million", a sentence opened by "For comparison,"), targets ("by 2030"), counts and stocks
(investment, capacity, length ...) hand on no period; counts and stocks take none. A count, or
a value of agreements, in a sentence that names an occasion ("following the talks") takes the
day of the latest dated expression before it. Attribution is per sentence, carried only when the
text says ``the same data``.

Vocabularies: ``units.csv``, ``metrics.csv``, ``claim_cues.csv``, ``number_words.csv`` under
``data/reference/``.
"""

from __future__ import annotations

import csv
import math
import re
from bisect import bisect_left, bisect_right
from operator import attrgetter, itemgetter
from dataclasses import dataclass, field
from datetime import date
from collections.abc import Sequence
from functools import lru_cache

from mypy_extensions import mypyc_attr

from ..config import REFERENCE_DIR
from ..months import MONTHS
from . import folded_scan, numbers
from .matching import PhraseHits, PhraseMatch, PhraseVocabulary, TrailingPattern, prefix_trie_pattern
from .gazetteer import load_gazetteer
from .spans import ArticleContext, Claim, Mention, Sentence, TimeExpression
from .timex import is_horizon as is_horizon_expression
from .timex import is_same_period, resolve_same_period, shift_period

_START = attrgetter("start")
_FIRST = itemgetter(0)
PARTICIPANT_TYPES = ("country", "organisation", "infrastructure", "region")
_STATE_TYPE = "country"
_REGION_TYPE = "region"
_REGION_PREFIX = "region:"
COUNT_UNIT = "count"
MULTIPLIER_UNIT = "times"
PERCENT_UNIT = "percent"
CURRENCY_CLASS = "money"
# Units whose figures are stocks or tallies, not flows over a period: no period is carried to them.
_NO_PERIOD_CARRY_UNITS = (COUNT_UNIT,)
_DEFAULT_METRIC_BY_UNIT = {
    "t": "cargo_volume", "TEU": "container_volume", "km": "length", "km2": "area", "ha": "area",
    "day": "transit_time", "m3": "gas_exports", "bbl": "cargo_volume", "bbl/d": "cargo_volume",
    "MW": "capacity", "kWh": "electricity", COUNT_UNIT: "count", MULTIPLIER_UNIT: "growth",
    PERCENT_UNIT: "growth", CURRENCY_CLASS: "value",
}
# Units whose default metric is only a last resort, after generic cues.
_WEAK_DEFAULT_UNITS = (CURRENCY_CLASS, COUNT_UNIT, PERCENT_UNIT, MULTIPLIER_UNIT)
_LOOKAROUND = 48  # characters of context read before a number for qualifiers, dates, determiners
_COUNT_NOUN_WORDS = 4  # how far after a number its counted noun may stand (182 commercial entities)
_FORECAST_AFTER_CHARS = 30
_OTHER_CLAUSE_PENALTY = 200
_OTHER_NUMBER_PENALTY = 100
_ROLE_WINDOW = 32  # characters before a mention read for its preposition ("with the five Central Asian")
_OCCASION_PRECISIONS = ("day", "month")
_PREPOSITION_BONUS = 15
_ANAPHOR_LOOKBACK = 2500

_COUNT_STOP_WORDS = frozenset(
    "of in and or to the with for from at on by per a an that which were was are is have has had "
    "will would as than this these those".split()
)


# ----------------------------------------------------------------------------- vocabularies
@dataclass(frozen=True)
class _UnitInfo:
    unit: str
    factor: float
    spaced_only: bool = False  # "10 days" is a duration, "a 10-day visit" is not a claim


@dataclass(frozen=True)
class _MetricCue:
    metric: str
    units: frozenset[str] | None  # unit classes the cue may describe; None: any
    rank: int  # 1: specific; 2: generic, used only when no specific cue is found


@dataclass
class _Vocabulary:
    words: numbers.NumberWords
    candidate: re.Pattern
    fraction: re.Pattern  # "a quarter", "two thirds", "one and a half": tried before ``candidate`` where a word opens
    number_of: re.Pattern  # "the number of weekly flights": what a bare number after it counts
    bare_count_leads: tuple[str, ...]  # "from ", "to ", "From ": what a bare count's text before ends with
    scale_inside: re.Pattern  # a scale word anywhere in a number written in words ("two million")
    multiplying_words: frozenset[str]  # million, dozen, hundred: a number word that cannot open a number
    fraction_words: frozenset[str]  # quarter, thirds: a fraction may end at such a trigger ("a quarter")
    fraction_leads: frozenset[str]  # two, one: a fraction may start at such a trigger ("two thirds")
    fraction_second_letters: str  # the first letters of what follows a lead in a fraction ("thirds", "and")
    trigger: re.Pattern
    bmp_trigger: re.Pattern  # ``trigger`` for a text with no character beyond U+FFFF (see ``numbers.BMP_DECIMALS``)
    word_trigger_keys: dict[str, tuple[int, str]]  # " word " -> (length, word): keys of the shared automaton (``folded_scan``)
    prefix_before: re.Pattern
    prefix_before_last: frozenset[str]  # the characters a ``prefix_before`` match can end with, spaces aside
    suffix_unit: re.Pattern
    suffix_units: dict[str, _UnitInfo]
    prefix_units: dict[str, _UnitInfo]
    metric_phrase: re.Pattern
    sentence_cues: PhraseVocabulary  # the phrase kinds read in every sentence with a number, found in one pass
    metric_cues: dict[str, tuple[_MetricCue, ...]]  # a phrase may name a count and a value ("agreements")
    fitting_metrics: dict[tuple[str, str, int], str | None]  # (phrase, unit class, rank) -> ``_fitting_metric``, filled as read
    cue_phrase: dict[str, re.Pattern]  # kind -> pattern over all its phrases
    cue_words: dict[str, frozenset[str]]
    qualifier_before: TrailingPattern
    qualifier_before_ends: tuple[str, ...]  # the words a ``qualifier_before`` match ends with, in lower case
    qualifier_kind: dict[str, str]
    qualifier_after: re.Pattern
    count_words: re.Pattern
    month_before: TrailingPattern
    month_before_reach: int  # the longest text a ``month_before`` match covers before its trailing space
    month_after: re.Pattern
    comparison_before: TrailingPattern
    strong_comparison_before: TrailingPattern
    preposition_before: TrailingPattern
    role_before: re.Pattern
    role_before_reversed: re.Pattern  # ``role_before`` read backwards from the mention (see ``_role_mark``)
    attribution_trailing: re.Pattern
    attribution_leading: re.Pattern
    attribution_lead_end: re.Pattern
    period_anaphor: re.Pattern
    counted_period_anaphor: re.Pattern  # "over the ten months": the part of ``period_anaphor`` not in the cue list
    comparison_claim: TrailingPattern
    comparison_claim_ends: tuple[str, ...]
    stock_date_before: TrailingPattern
    by_before: TrailingPattern
    target_start_before: TrailingPattern  # "from 2027" after a target: when it starts
    aside: re.Pattern  # ", where ... ,": a relative clause set off by commas
    sub_period_after: re.Pattern  # "alone" after a period: a part of the text's period
    index_base_after: re.Pattern  # "compared to the same period" right after a percentage: an index
    fall_after: re.Pattern  # "less than" right after a percentage: a fall
    comparison_opening: re.Pattern
    telling_before: TrailingPattern  # "said on", "told reporters on": a date after it dates the telling
    fraction_follower: re.Pattern  # what may stand after a fraction: "a quarter of", "by a third."
    fraction_not_follower: re.Pattern  # "a quarter of a century": a span of time, not a figure
    party_alias: dict[str, str]  # an entity -> the party its figures are given to (the Turkic states: the OTS)
    route_host: dict[str, str]  # a route -> the state whose territory a country's cargo on it crosses
    port_of_town: dict[str, str]  # a port town -> its port ("Aktau handled": the Port of Aktau)
    list_label_gap: re.Pattern  # what stands between a list item's state and its figure: ", ", ": ", " with "
    list_label_gap_ends: frozenset[str]  # the characters a gap ends with before the space before a number


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _alternation(phrases) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


def _caseless_alternation(phrases) -> str:
    """``_alternation(phrases)`` for a case-insensitive pattern, factored by common prefixes when the
    phrases are ASCII: the same phrases tried in the same order (the longer first), one character
    tested per branch point instead of every phrase at every place a look-back search tries."""
    lowered = {phrase.lower() for phrase in phrases}
    if not all(phrase.isascii() for phrase in lowered):
        return _alternation(phrases)
    return prefix_trie_pattern(lowered)


def _literal_led_alternation(phrases) -> str:
    """``(?i:{_alternation(phrases)})`` written so that each branch opens with a plain character
    where the phrase opens with punctuation or a space (``;``, `` while ``): the regex engine then
    skips to those characters instead of trying every branch at every position (the clause break
    search over the figure sentences: 0.062 -> 0.036 s per 1M words). Phrases that open with a
    letter keep the case-insensitive form."""
    led: dict[str, list[str]] = {}
    cased: list[str] = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        first = phrase[:1]
        if first and first.isascii() and not first.isalnum() and first.lower() == first.upper():
            led.setdefault(first, []).append(phrase[1:])
        else:
            cased.append(phrase)
    branches = []
    for first, rests in led.items():
        longer = [rest for rest in rests if rest]
        tail = f"(?i:{_alternation(longer)})" if longer else ""
        if tail and len(longer) < len(rests):
            tail = f"(?:{tail})?"  # the character alone is a phrase too, tried after the longer ones
        branches.append(re.escape(first) + tail)
    if cased:
        branches.append(f"(?i:{_alternation(cased)})")
    return "|".join(branches)


def _last_words(phrases) -> tuple[str, ...]:
    """The last word of each phrase in lower case: what the text before a number must end with for
    a look-back pattern over those phrases to match there."""
    return tuple(sorted({phrase.split()[-1].lower() for phrase in phrases if phrase.split()}))


def _case_variants(words) -> set[str]:
    return {variant for w in words for variant in (w, w.lower(), w[:1].upper() + w[1:].lower(), w.upper())}


def _phrase_pattern(phrases) -> re.Pattern:
    """Whole-phrase matcher for the phrase as written, lower case, Capitalised or UPPER CASE.

    Spelled-out case variants in a prefix trie run several times faster than ``(?i)`` here."""
    return re.compile(rf"(?<![\w])(?:{prefix_trie_pattern(_case_variants(phrases))})(?![\w])")


# The words before a party that give it its role (``role_before``).
_ROLE_PREPOSITIONS = ("between", "and", "to", "with", "from", "in", "into", "via", "through", "on", "along", "among",
                      "against")
_METRIC_KIND = "metric"
_SENTENCE_CUE_KINDS = ("growth_up", "growth_down", "share", "route_anaphor", "port_anaphor", "ports_anaphor", "pair_anaphor", "region_anaphor", "occasion_anaphor",
                       "period_anaphor", "forecast", "comparison_base", "attribution_lead", "attribution_verb",
                       "present_time", "open_horizon")


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    words = numbers.number_words()
    prefix_units: dict[str, _UnitInfo] = {}
    suffix_units: dict[str, _UnitInfo] = {}
    for row in _read_csv("units.csv"):
        info = _UnitInfo(row["unit"], float(row["factor"]), row["position"] == "suffix_spaced")
        if row["position"] in ("prefix", "both"):
            prefix_units[row["phrase"]] = info
        if row["position"] in ("suffix", "both", "suffix_spaced"):
            suffix_units[row["phrase"].lower()] = info

    metric_cues: dict[str, tuple[_MetricCue, ...]] = {}
    for row in _read_csv("metrics.csv"):
        units = None if row["units"].strip() == "*" else frozenset(row["units"].split(";"))
        key = row["phrase"].lower()
        metric_cues[key] = metric_cues.get(key, ()) + (_MetricCue(row["metric"], units, int(row["rank"] or 1)),)

    cues: dict[str, list[str]] = {}
    for row in _read_csv("claim_cues.csv"):
        cues.setdefault(row["kind"], []).append(row["phrase"])
    cue_phrase = {kind: _phrase_pattern(phrases) for kind, phrases in cues.items()}
    cue_words = {kind: frozenset(p.lower() for p in phrases) for kind, phrases in cues.items()}
    # Clause breaks are punctuation-led phrases: matched literally.
    # ", and Turkey" closes a list of names; ", and the first projects ..." opens a clause.
    list_ends = _alternation(cues["list_conjunction"])
    # The list-end test is made after the comma, so that the pattern opens with its first characters
    # (a pattern that opens with a look-ahead is tried at every character).
    comma_led = [phrase[1:] for phrase in cues["clause_break"] if phrase.startswith(",")]
    others = [phrase for phrase in cues["clause_break"] if not phrase.startswith(",")]
    cue_phrase["clause_break"] = re.compile("|".join(
        ([_literal_led_alternation(others)] if others else [])
        + ([rf",(?!\s*(?i:{list_ends})\s+[A-Z\u00c0-\u00de])(?i:{_alternation(comma_led)})"] if comma_led else [])))
    cue_phrase["base_link"] = re.compile(_alternation(cues["base_link"]), re.IGNORECASE)

    # "over the ten months", "during the first six months": the period the text is already in.
    period_units = _alternation(cues["period_anaphor_unit"])
    cardinals = _alternation(words.cardinals)
    counted_period_anaphor = (
        rf"(?<![\w])(?i:the\s+(?:(?:first|last|past)\s+)?(?:{cardinals}|\d{{1,2}})\s+(?:{period_units}))(?![\w])")
    period_anaphor = re.compile(rf"{cue_phrase['period_anaphor'].pattern}|{counted_period_anaphor}")
    qualifier_kind = {}
    for kind in ("over", "about", "up_to", "under"):
        for phrase in cues.get(f"qualifier_{kind}", []):
            qualifier_kind[phrase.lower()] = kind
    if any("," in verb for verb in cues["attribution_verb"]):
        raise ValueError("claim_cues.csv: an attribution_verb has a comma (the trailing source is read from the last comma)")
    # Case-sensitive: the branches of a prefix trie then differ in their first character, so the
    # longer of two codes that match at a place is tried first, as in ``_alternation``.
    prefix_alternation = prefix_trie_pattern(set(prefix_units))
    scale, word_number = numbers.scale_pattern(words), numbers.word_number_pattern(words)

    def number(n: str, s: str, w: str) -> str:
        return rf"(?:(?P<{n}>{numbers.DIGITS})(?P<{s}>{scale})?|(?P<{w}>{word_number}))"

    first, second = number("n1", "s1", "w1"), number("n2", "s2", "w2")
    candidate = re.compile(
        rf"(?<![\w.,])(?:(?P<pre>{prefix_alternation})\s?)?{first}"
        rf"(?:(?P<sep>\s?[-\u2013\u2014]\s?|\s+to\s+|\s+and\s+)(?:(?P<pre2>{prefix_alternation})\s?)?{second})?"
        rf"|(?<![\w\-])(?P<mult>{numbers.multiplier_pattern(words)})"
    )
    # Tried after every number: the prefix trie tests one branch per character (``_alternation``
    # would try every unit), and prefers the longest unit just as the longest-first alternation does.
    suffix_unit = re.compile(
        rf"(?P<gap>\s?-?\s?)(?P<unit>(?i:{prefix_trie_pattern(suffix_units)}))(?![\w\u00b2])"
    )
    months = _caseless_alternation(MONTHS)
    not_before = _caseless_alternation(cues["not_claim_before"])
    # The scan for candidates must be cheap: a case-sensitive pattern that opens with a character
    # class or plain words lets the regex engine skip ahead; the full pattern then runs only where
    # a number can start. Case-insensitive word alternations are several times slower.
    trigger_words = {**words.cardinals, **words.multipliers, **words.verb_multipliers, **words.dozens, **words.fractions,
                     **words.hundreds, **{w: v for w, v in words.scales.items() if len(w) > 3}}
    symbols = "".join(re.escape(p) for p in prefix_units if len(p) == 1 and not p.isalnum())
    # Digits and currency signs by regex; number words in the Aho-Corasick pass over the folded text
    # that the gazetteer's names, the sector phrases and the time starters share (``folded_scan``):
    # a word alternation tried at every character cost as much as the rest of the number reading,
    # and a pass of their own 69M of 3,334M instructions over 300 scale articles (callgrind).
    trigger = re.compile(rf"[\d{symbols}][\d.,]*")
    bmp_trigger = re.compile(rf"[{numbers.BMP_DECIMALS}{symbols}][{numbers.BMP_DECIMALS}.,]*")
    # "US" before a "$" trigger, "USD " before a digit trigger: where the match must start.
    code_heads = {p.rstrip(symbols) or p for p in prefix_units if len(p) > 1}
    prefix_before = re.compile(rf"(?<![\w])(?:{_alternation(code_heads)})\s?$|(?<![\w])(?i:an?)\s+$")
    return _Vocabulary(
        words=words,
        candidate=candidate,
        fraction=re.compile(rf"(?<![\w.,\-]){numbers.fraction_pattern(words)}"),
        number_of=re.compile(
            rf"(?i:{_alternation(cues['number_of'])})\s+(?:[A-Za-z][\w\-]*\s+){{0,2}}?(?P<noun>[A-Za-z][\w\-]*s)(?![\w\-])"),
        bare_count_leads=tuple(sorted({f"{w} " for w in _case_variants(cues["bare_count_lead"])})),
        scale_inside=re.compile(_alternation(words.scales)),
        multiplying_words=frozenset({**words.scales, **words.dozens, **words.hundreds}),
        fraction_words=frozenset(words.fractions),
        fraction_leads=frozenset(words.cardinals),
        fraction_second_letters="".join(sorted({w[0] for w in words.fractions} | {"a"})),
        trigger=trigger,
        bmp_trigger=bmp_trigger,
        word_trigger_keys={f" {word} ": (len(word), word) for word in trigger_words},
        prefix_before=prefix_before,
        prefix_before_last=frozenset({head[-1] for head in code_heads} | set("aAnN")),
        suffix_unit=suffix_unit,
        suffix_units=suffix_units,
        prefix_units=prefix_units,
        metric_phrase=_phrase_pattern(metric_cues),
        sentence_cues=PhraseVocabulary({
            _METRIC_KIND: metric_cues,
            **{kind: cues[kind] for kind in _SENTENCE_CUE_KINDS}}),
        metric_cues=metric_cues,
        fitting_metrics={},
        cue_phrase=cue_phrase,
        cue_words=cue_words,
        qualifier_before=TrailingPattern(
            re.compile(rf"(?<![\w])(?P<q>{prefix_trie_pattern(_case_variants(qualifier_kind))})\s+(?:of\s+)?$"),
            [*qualifier_kind, "of"]),
        qualifier_before_ends=_last_words([*qualifier_kind, "of"]),
        qualifier_kind=qualifier_kind,
        qualifier_after=re.compile(rf"(?i)\s*(?:{_alternation(cues['qualifier_over_after'])})(?![\w])|\+"),
        count_words=re.compile(rf"(?:[ \t]+[A-Za-z][\w'\u2019\-]*){{1,{_COUNT_NOUN_WORDS}}}"),
        month_before_reach=max([len(m) + 1 for m in MONTHS] + [len(p) for p in cues["not_claim_before"]]),
        month_before=TrailingPattern(re.compile(rf"(?i)(?<![\w])(?:(?:{months})\.?|{not_before})\s*$"),
                                     [*MONTHS, *(f"{m}." for m in MONTHS), *cues["not_claim_before"]]),
        month_after=re.compile(rf"(?i)\s+(?:of\s+)?(?:{months})(?![\w])"),
        comparison_before=TrailingPattern(re.compile(
            rf"(?i)(?<![\w])(?:{_caseless_alternation(cues['comparison_base'] + cues['change_base'])})\s+(?:in\s+|of\s+)?(?:the\s+)?$"),
            [*cues["comparison_base"], *cues["change_base"], "in", "of", "the"]),
        strong_comparison_before=TrailingPattern(re.compile(
            rf"(?i)(?<![\w])(?:{_caseless_alternation(p for p in cues['comparison_base'] if p != 'from')})\s+(?:in\s+|of\s+)?(?:the\s+)?$"),
            [*cues["comparison_base"], "in", "of", "the"]),
        preposition_before=TrailingPattern(
            re.compile(rf"(?i)(?<![\w])(?:{_caseless_alternation(cues['period_preposition'])})\s+(?:the\s+)?$"),
            [*cues["period_preposition"], "the"]),
        role_before=re.compile(
            rf"(?<![\w])(?P<prep>(?i:{'|'.join(_ROLE_PREPOSITIONS)}))\s+"
            r"(?:(?i:the)\s+)?(?:[a-z][\w\-]*\s+)?$"
            r"|(?P<comma>,)\s*(?:the\s+)?$"),
        role_before_reversed=re.compile(
            rf"(?:\s+[\w\-]*[a-z])?(?:\s+(?i:eht))?\s+(?P<prep>(?i:{'|'.join(p[::-1] for p in _ROLE_PREPOSITIONS)}))(?![\w])"
            r"|(?:\s+eht)?\s*(?P<comma>,)"),
        attribution_trailing=re.compile(
            rf"(?:^|,)\s*(?P<src>(?:[Tt]he\s|[A-Z])[^,\d]{{1,80}}?)\s(?P<verb>{_alternation(cues['attribution_verb'])})"
            r"(?:\s+(?:in|on|at|during|to)\b[^,\d]*)?[.!]?[\"'\u201d\u2019]?$"),
        attribution_leading=re.compile(
            r"^(?P<src>(?:The\s+)?[A-Z][\w.\u2019'\-]*(?:\s+(?:[A-Z][\w.\u2019'\-]*|of|the|for|and)){0,6})"
            rf"\s+(?P<verb>{_alternation(cues['attribution_verb'])})\b"),
        attribution_lead_end=re.compile(
            rf",|\s(?:that|{_alternation(cues['attribution_verb'])})\b|[.!?]?[\"'\u201d\u2019]?$"),
        period_anaphor=period_anaphor,
        counted_period_anaphor=re.compile(counted_period_anaphor),
        # "up from $598.5 million", "compared with around 300,000 tons": the base of a comparison.
        comparison_claim=TrailingPattern(re.compile(
            rf"(?i)(?<![\w])(?:{_caseless_alternation(cues['comparison_base'])})\s+"
            rf"(?:(?:{_caseless_alternation(qualifier_kind)})\s+)?(?:of\s+)?$"),
            [*cues["comparison_base"], *qualifier_kind, "of"]),
        comparison_claim_ends=_last_words([*cues["comparison_base"], *qualifier_kind, "of"]),
        stock_date_before=TrailingPattern(
            re.compile(rf"(?i)(?<![\w])(?:{_alternation(cues['stock_date'])})\s+(?:the\s+)?$"), [*cues["stock_date"], "the"]),
        by_before=TrailingPattern(re.compile(r"(?i)\bby\s+(?:the\s+)?$"), ["by", "the"]),
        target_start_before=TrailingPattern(
            re.compile(rf"(?i)(?<![\w])(?:{_alternation(cues['target_start'])})\s+$"), cues["target_start"]),
        fall_after=re.compile(rf"\s+(?i:{_alternation(cues['fall_after'])})\s+than\b"),
        index_base_after=re.compile(rf"\s+(?i:{_alternation(cues['index_base'])})\b"),
        sub_period_after=re.compile(rf"\s+(?i:{_alternation(cues['sub_period_after'])})\b"),
        aside=re.compile(rf",\s+(?:{_alternation(cues['aside_opening'])})\b[^,;]*(?:,|$)"),
        comparison_opening=re.compile(rf"\s*(?i:{_alternation(cues['comparison_opening'])})\s*,"),
        telling_before=TrailingPattern(re.compile(
            rf"(?i)(?<![\w])(?:{_caseless_alternation(cues['attribution_verb'])})(?:\s+[a-z]+){{0,2}}?\s+(?:on|in|at)\s+$"),
            ["on", "in", "at"]),
        fraction_follower=re.compile(
            rf"\s*(?:$|[^\w\s\-]|(?P<as>(?i:as)\s)|(?P<of>(?i:of)\s)|(?i:{_alternation(cues['fraction_follower'])})(?![\w\-]))"),
        fraction_not_follower=re.compile(rf"\s+(?i:{_alternation(cues['fraction_not_follower'])})(?![\w\-])"),
        party_alias=_entity_map(cues["party_alias"]),
        route_host=_entity_map(cues["route_host"]),
        port_of_town=_entity_map(cues["port_town"]),
        list_label_gap_ends=frozenset(",:" + "".join(w[-1] for w in cues["list_label_gap"])),
        list_label_gap=re.compile(rf"[ \t]*(?:[,:]|(?:{_alternation(cues['list_label_gap'])})(?![\w]))[ \t]*"),
    )


def number_word_keys() -> dict[str, tuple[int, str]]:
    """The number words a claim may start at, as keys of the shared automaton (``folded_scan``)."""
    return _vocabulary().word_trigger_keys


def _entity_map(rows: list[str]) -> dict[str, str]:
    """"region:turkic_world org:ots" rows (an entity id, a space, the id it maps to) as a dict."""
    pairs = [row.split() for row in rows]
    if any(len(pair) != 2 for pair in pairs):
        raise ValueError(f"claim_cues.csv: an entity map row is not two ids: {rows}")
    return dict(pairs)


# ----------------------------------------------------------------------------- reading a number
@dataclass
class _Quantity:
    start: int
    end: int
    value: float
    value_high: float | None
    unit: str
    count_metric: str | None = None
    number_start: int = 0  # where the digits/words begin (after a currency sign)
    is_part: bool = False  # a fraction of something named after it ("a quarter of the cargo"): a share


def _quantities(text: str, vocab: _Vocabulary) -> list[_Quantity]:
    """Every number of the text that reads as a quantity. The full candidate pattern runs only
    where the cheap trigger scan fires; a currency code or "a"/"an" just before the trigger opens
    the match ("USD 5", "a million"). A match that the reading shortens (a rejected range) frees
    the rest of its text for the next candidate."""
    openers = vocab.multiplying_words
    prefix_last = vocab.prefix_before_last
    candidate = vocab.candidate.match
    found: list[_Quantity] = []
    last_end = 0
    for position, word in _triggers(text, vocab):
        if position < last_end:
            continue
        window_start = max(last_end, position - 5)
        last = text[window_start:position].rstrip()[-1:]
        if last in prefix_last or (last and not last.isascii()):
            before = vocab.prefix_before.search(text, window_start, position)
        else:
            before = None  # the window does not end with a currency code or "a"/"an"
        if before:
            start = before.start()
        elif word in openers:
            continue  # "millions of", "hundred" with no number before it
        else:
            start = position
        if word is not None and (word in vocab.fraction_words or (
                word in vocab.fraction_leads and text[position + len(word) + 1:position + len(word) + 2].lower()
                in vocab.fraction_second_letters)):
            # Before the plain number: "two thirds" would otherwise be read as the count two.
            fraction = vocab.fraction.match(text, start)
            quantity = _read_fraction(text, fraction, vocab) if fraction else None
            cut = _paragraph_cut(text, quantity) if quantity is not None else None
            if cut is not None:
                fraction = vocab.fraction.match(text[:cut], start)
                quantity = _read_fraction(text[:cut], fraction, vocab) if fraction else None
            if quantity is not None:
                found.append(quantity)
                last_end = quantity.end
                continue
        match = candidate(text, start)
        if match is None and start != position:
            match = candidate(text, position)
        if match is None:
            continue
        quantity = _read_quantity(text, match, vocab, found)
        cut = _paragraph_cut(text, quantity) if quantity is not None else None
        if cut is not None:
            within = vocab.candidate.match(text[:cut], match.start())
            quantity = _read_quantity(text[:cut], within, vocab, found) if within else None
        if quantity is None:
            last_end = match.end("n1") if match.group("n1") else match.end()
            continue
        found.append(quantity)
        last_end = quantity.end
    return found


def _paragraph_cut(text: str, quantity: _Quantity) -> int | None:
    """Where a paragraph break inside ``quantity`` starts, or None. A figure is read within its
    paragraph, as its sentence is: in "grew by 0\n\n% of ..." the sign after the blank line is
    the next paragraph's text, so the number is read again in the text cut at the break."""
    if text.find("\n", quantity.start, quantity.end) < 0:
        return None
    found = _PARAGRAPH_BREAK.search(text, quantity.start, quantity.end)
    return found.start() if found else None


def _triggers(text: str, vocab: _Vocabulary) -> list[tuple[int, str | None]]:
    """Where a number may start, in text order: (position, the number word or None for digits)."""
    digit_trigger = vocab.bmp_trigger if numbers.holds_no_astral_character(text) else vocab.trigger
    found: list[tuple[int, str | None]] = [(m.start(), None) for m in digit_trigger.finditer(text)]
    words = []
    # Index i + 1 of the folded text is text[i]. The hits are the shared automaton's, in the order
    # an automaton of the number words alone gives them (see ``folded_scan``).
    for last, number_word in folded_scan.annotator_hits(text, folded_scan.NUMBER_WORDS):
        length, word = number_word
        start = last - length - 1  # the key is " word " and the folded text is padded by one space
        if start > 0 and text[start - 1] == "-":
            continue  # the "five" of "forty-five" is read with "forty"
        words.append((start, word))
    if words:
        found += words
        found.sort(key=_FIRST)  # stable: a digit trigger stays before a word at the same place
    return found


_SIGNIFICANT = "%.12g"


def _clean(value: float) -> float:
    """64.1 * 1e6 is 64099999.99999999 in binary; the text said 64.1 million. A whole number of
    fewer than 13 digits is already what 12 significant digits write."""
    if value.is_integer() and -1e12 < value < 1e12:
        return value
    return float(_SIGNIFICANT % value)


def _read_quantity(text: str, match: re.Match, vocab: _Vocabulary, earlier: Sequence[_Quantity] = ()) -> _Quantity | None:
    """The quantity ``match`` reads as, or None; ``earlier``: the figures found before it."""
    pre, n1, s1, w1, sep, multiplier = match.group("pre", "n1", "s1", "w1", "sep", "mult")
    if multiplier:
        return _read_multiplier(text, match, vocab)
    words = vocab.words
    start = match.start()
    value: float | None
    if n1:
        number_start = match.start("n1")
        if s1:
            end, value, scale_given = match.end("s1"), numbers.digits_value(n1) * words.scale_of(s1), True
        else:
            end, value, scale_given = match.end("n1"), numbers.digits_value(n1), False
    else:
        number_start, end = match.span("w1")
        value = numbers.word_number_value(w1, words)
        scale_given = vocab.scale_inside.search(w1.lower()) is not None
    if value is None or not math.isfinite(value):
        return None  # a run of hundreds of digits is no figure
    value_high = None
    if sep:
        high = _read_range_end(text, match, vocab, value, bool(s1))
        if high is not None:
            value, value_high, end = high
            scale_given = scale_given or bool(match.group("s2"))
            pre = pre or match.group("pre2")
        elif n1 and numbers.is_year(n1) and match.group("n2") and not s1:
            return None  # 2022-2026, 2022-23

    unit_info = None
    unit_end = end
    if pre:
        unit_info = vocab.prefix_units.get(pre)
    suffix = vocab.suffix_unit.match(text, end)
    if suffix:
        info = vocab.suffix_units[suffix.group("unit").lower()]
        hyphenated = "-" in suffix.group("gap")
        if not (info.spaced_only and hyphenated) and (unit_info is None or info.unit == unit_info.unit):
            unit_info = unit_info or info
            unit_end = suffix.end()
    if unit_info is not None:
        if not pre and not scale_given and n1 and _is_date_number(
                text, n1, number_start, end, text[max(0, number_start - _LOOKAROUND):number_start], vocab):
            return None
        factor = unit_info.factor
        return _Quantity(start, unit_end, value * factor, value_high * factor if value_high is not None else None,
                         unit_info.unit, number_start=number_start)

    # No unit: only a count of something named right after can still be a claim.
    window = text[max(0, number_start - _LOOKAROUND):number_start] if not pre else text[max(0, start - _LOOKAROUND):start]
    if end < len(text) and (text[end].isalnum() or (text[end] == "-" and end + 1 < len(text) and text[end + 1].isalpha())):
        return None  # 6th, 45-year-old, 5-star
    if n1 and not scale_given and (numbers.is_year(n1) or _is_date_number(text, n1, number_start, end, window, vocab)):
        return None
    if w1 and not scale_given:
        previous = _previous_word(window)
        if previous in vocab.cue_words["anaphoric_determiner"] or value == 1:
            return None  # the two countries, one of the ...
    counted = _counted_noun(text, end, vocab)
    if counted is None:
        if pre or scale_given or value_high is not None or value == 1:
            return None
        return _read_bare_count(text, number_start, end, value, vocab, earlier[-1] if earlier else None)
    noun_end, metric = counted
    if _follows_capitalised_name(text, number_start, window):
        return None  # Resolution 1325 states, Boeing 787 aircraft
    return _Quantity(start, noun_end, value, value_high, COUNT_UNIT, count_metric=metric, number_start=number_start)


# Compiled once: ``re.search(pattern_string, ...)`` looks the pattern up in the module's cache on every call.
_BETWEEN_AT_END = re.compile(r"\bbetween\s+$")
_FROM_AT_END = re.compile(r"\bfrom\s+(?:\S+\s+)?$")
_NEXT_WORD = re.compile(r"\s+([\w']+)")
_CAPITALISED_WORD_AT_END = re.compile(r"([A-Z][\w\-]*)\s+$")
_CAPITALISED_APPOSITIVE = re.compile(r",\s*([A-Z][^,\d]*?)(?=,)")


def _read_range_end(text, match, vocab, low, low_scaled):
    """(low, high, end) when the second number really closes a range; None otherwise."""
    words = vocab.words
    sep = match.group("sep").strip().lower()
    n2, s2, w2 = match.group("n2", "s2", "w2")
    high = numbers.digits_value(n2) * (words.scale_of(s2) if s2 else 1.0) if n2 else numbers.word_number_value(w2, words)
    if high is None or not math.isfinite(high):
        return None
    n1 = match.group("n1")
    if n1 and numbers.is_year(n1) and n2 and (numbers.is_year(n2) or len(n2) == 2) and not s2:
        return None
    before = text[max(0, match.start() - 24):match.start()].lower()
    if sep == "and" and not _BETWEEN_AT_END.search(before):
        return None
    if sep == "to" and _FROM_AT_END.search(before) and _tells_change(text, match.start(), vocab):
        return None  # "rose from 5 to 10": a change, two figures; "invest from 5 to 10": a range
    if s2 and not low_scaled:
        low *= words.scale_of(s2)
    if high < low:
        return None
    end = match.end("s2") if s2 else match.end("n2") if n2 else match.end("w2")
    return low, high, end


def _read_fraction(text: str, match: re.Match, vocab: _Vocabulary) -> _Quantity | None:
    """``a quarter`` (25 percent), ``more than half`` (50), ``half as long`` (0.5 times),
    ``one and a half times`` (1.5 times). An ordinal (``a third country``) is no fraction: the word
    after a fraction must be a listed follower or punctuation."""
    words = vocab.words
    start, end = match.span()
    whole = match.group("whole")
    if whole:
        value = words.cardinals.get(whole.lower())
        suffix = vocab.suffix_unit.match(text, end)
        if value is None or suffix is None:
            return None
        info = vocab.suffix_units[suffix.group("unit").lower()]
        return _Quantity(start, suffix.end(), (value + 0.5) * info.factor, None, info.unit, number_start=start)
    bare = match.group("bare")
    value = numbers.fraction_value(None, bare, words) if bare else numbers.fraction_value(
        match.group("parts"), match.group("part"), words)
    following = vocab.fraction_follower.match(text, end)
    if value is None or following is None or vocab.fraction_not_follower.match(text, end):
        return None
    if following.group("as"):  # "half as long": a multiplier of what follows
        return _Quantity(start, end, _clean(value), None, MULTIPLIER_UNIT, number_start=start)
    if bare and not vocab.qualifier_before.search(text, max(0, start - _LOOKAROUND), start):
        return None  # "the first half of 2025", "half of the members"
    return _Quantity(start, end, _clean(value * 100), None, PERCENT_UNIT, number_start=start,
                     is_part=bool(following.group("of")))


_BARE_LEAD_CHARS = 10  # enough for the longest ``bare_count_lead`` word and its space
_BARE_COUNT_REACH = 120  # how far before a bare number its "number of" noun or counted figure may stand


def _read_bare_count(text: str, start: int, end: int, value: float, vocab: _Vocabulary,
                     previous: _Quantity | None) -> _Quantity | None:
    """A number with no unit or noun of its own (not a year or date) that counts what its sentence
    already named: "the number of weekly flights will increase from 12 to 18", "412 container
    trains ..., against 305"."""
    lo = max(0, start - _BARE_LEAD_CHARS)
    if not text.endswith(vocab.bare_count_leads, lo, start):
        return None
    lead = text[lo:start].rstrip().rpartition(" ")[2]
    if lead.lower() not in vocab.cue_words["bare_count_lead"]:
        return None  # "Toronto 12": the lead must be a whole word
    lo = max(0, start - _BARE_COUNT_REACH)
    lo = max(lo, text.rfind(". ", lo, start) + 1, text.rfind("\n", lo, start) + 1)
    named = None
    for named in vocab.number_of.finditer(text, lo, start):
        pass
    if named is not None:
        noun = named.group("noun").lower()
        return _Quantity(start, end, value, None, COUNT_UNIT, count_metric=_count_metric(vocab, noun) or "",
                         number_start=start)
    if previous is not None and previous.unit == COUNT_UNIT and previous.end >= lo:
        return _Quantity(start, end, value, None, COUNT_UNIT, count_metric=previous.count_metric, number_start=start)
    return None


_QUALIFYING_COMPARISON = "than"  # "more than 20 documents" bounds a figure, it compares nothing
_CHANGE_REACH = 80  # how far before "from X to Y" a rise or fall word makes it a change


def _tells_change(text: str, start: int, vocab: _Vocabulary) -> bool:
    """Whether a rise or fall word stands before ``start`` in its sentence."""
    lo = max(0, start - _CHANGE_REACH)
    stop = max(text.rfind(". ", lo, start), text.rfind("\n", lo, start))
    lo = max(lo, stop + 1)
    return bool(vocab.cue_phrase["growth_up"].search(text, lo, start) or vocab.cue_phrase["growth_down"].search(text, lo, start))


def _read_multiplier(text: str, match: re.Match, vocab: _Vocabulary) -> _Quantity | None:
    word = match.group("mult")
    value = numbers.multiplier_value(word, vocab.words)
    if word.lower() in vocab.words.verb_multipliers:
        # "double taxation" and "triple alliance" are adjectives; "to double", "will triple the" are verbs.
        previous = _previous_word(text[max(0, match.start() - 24):match.start()])
        following = _NEXT_WORD.match(text[match.end():match.end() + 24])
        following_word = following.group(1).lower() if following else ""
        if previous not in vocab.cue_words["multiplier_before"] and following_word not in vocab.cue_words["multiplier_after"]:
            return None
    if value is None:
        return None
    return _Quantity(match.start(), match.end(), value, None, MULTIPLIER_UNIT, number_start=match.start())


# The last word of a window, read from its end: the window reversed, then a match at its start (a
# search for ``([\w'\u2019.#]+)[\s(]*$`` retries at every character of the window).
_PREVIOUS_WORD_REVERSED = re.compile(r"[\s(]*([\w'\u2019.#]+)")


def _previous_word(window: str) -> str:
    found = _PREVIOUS_WORD_REVERSED.match(window[::-1])
    return found.group(1)[::-1].lower() if found else ""


def _is_date_number(text: str, written: str, start: int, end: int, window: str, vocab: _Vocabulary) -> bool:
    """July 6, 6 July, and numbers after a not-a-claim word (No. 5, Article 3, aged 45)."""
    # The match is a month or a word of at most ``month_before_reach`` characters, then spaces: the
    # search starts where such a word can start (a search from the window start tries every character).
    if vocab.month_before.search(window, max(0, len(window.rstrip()) - vocab.month_before_reach)):
        return True
    if "." not in written and "," not in written and int(written) <= 31:
        return bool(vocab.month_after.match(text, end))
    return False


def _counted_noun(text: str, end: int, vocab: _Vocabulary) -> tuple[int, str] | None:
    """(end of the noun, metric) for "182 commercial entities", "eight countries"; None if none."""
    found = vocab.count_words.match(text, end)
    if not found:
        return None
    offset = end
    singular_cue: tuple[int, str] | None = None
    previous_word = ""
    for token in _WORD.finditer(found.group(0)):
        word = token.group(0).lower()
        if word in _COUNT_STOP_WORDS or word in vocab.cue_words["not_count_noun"]:
            break
        token_end = offset + token.end()
        # A compound head names the count more precisely than its last word ("nine trade missions").
        metric = _count_metric(vocab, f"{previous_word} {word}") if previous_word else None
        metric = metric or _count_metric(vocab, word)
        # The head of the noun phrase is its first plural: "250 container block trains".
        if _looks_plural(word):
            return token_end, metric or ""
        if metric and singular_cue is None:
            singular_cue = (token_end, metric)
        previous_word = word
    return singular_cue


_WORD = re.compile(r"[A-Za-z][\w'\u2019\-]*")


def _count_metric(vocab: _Vocabulary, phrase: str) -> str | None:
    for cue in vocab.metric_cues.get(phrase, ()):
        if cue.units is not None and COUNT_UNIT in cue.units:
            return cue.metric
    return None


def _looks_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "\u2019s"))


def _follows_capitalised_name(text: str, number_start: int, window: str) -> bool:
    found = _CAPITALISED_WORD_AT_END.search(window)
    if not found:
        return False
    before = window[:found.start()].rstrip()
    sentence_initial = not before or before[-1] in ".!?\n\"\u201c"
    return not sentence_initial


# ----------------------------------------------------------------------------- the article
class _read_once:
    """``functools.cached_property`` without its lock: Python 3.11 takes one on every first read, which
    cost more than most of the sentence facts it guards. The value is stored in the instance's
    ``__dict__``, which then answers every later read. The name comes from ``__set_name__``: a
    compiled method (``annotate.native``) has no ``__name__``."""

    def __init__(self, compute):
        self.compute, self.name = compute, ""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@mypyc_attr(native_class=False)  # compiled, its facts still go to the instance's __dict__ (``_read_once``)
class _SentenceInfo:
    """What one sentence says around its numbers, read once per sentence and only when asked."""

    def __init__(self, text: str, sentence: Sentence, vocab: "_Vocabulary", times: list[TimeExpression], cues: PhraseHits):
        self.text, self.vocab, self.times, self.cues = text, vocab, times, cues
        self.start, self.end = sentence.start, sentence.end
        self.quote = sentence.quote
        breaks = [self.start + m.start() for m in vocab.cue_phrase["clause_break"].finditer(sentence.quote)]
        self.clause_starts = [self.start] + breaks
        self.attribution, self.attribution_same = _find_attribution(sentence, vocab, text, cues)
        self.dating_times: list[_DatingTime] | None = None  # see ``_dating_times``
        self._fitting_cues: dict[tuple[str, int], list[tuple[int, int, str]]] = {}

    def _finditer(self, kind: str) -> list:
        return self.cues.finditer(kind, self.start, self.end)

    @_read_once
    def metric_phrases(self) -> list[tuple[int, int, str]]:
        """(start, end, phrase in lower case) of the metric phrases outside the attribution
        ("the Ministry of Investment reported" is a source)."""
        found = self.cues.spans(_METRIC_KIND, self.start, self.end)
        if self.attribution is not None:
            lo, hi = self.attribution
            found = [(start, end) for start, end in found if not lo <= start < hi]
        text = self.text
        return [(start, end, text[start:end].lower()) for start, end in found]

    def fitting_metric_cues(self, unit_class: str, rank: int) -> list[tuple[int, int, str]]:
        """(start, end, metric) of the metric phrases of ``rank`` that can describe a figure of
        ``unit_class``, in text order: what a phrase says is read once per sentence and unit, not
        once per figure and range, and what it says of a unit once per run (``_Vocabulary.fitting_metrics``:
        0.1 of the claims' 2.1 s per 1M words went to reading the phrases' readings again)."""
        key = (unit_class, rank)
        found = self._fitting_cues.get(key)
        if found is None:
            found = self._fitting_cues[key] = []
            known = self.vocab.fitting_metrics
            for start, end, phrase in self.metric_phrases:
                reading = (phrase, unit_class, rank)
                metric = known.get(reading, _UNREAD)
                if metric is _UNREAD:
                    metric = known[reading] = _fitting_metric(self.vocab.metric_cues[phrase], unit_class, rank)
                if isinstance(metric, str):  # not None (nor the unread mark, for the type checker)
                    found.append((start, end, metric))
        return found

    @_read_once
    def asides(self) -> list[tuple[int, int]]:
        """(start, end) of the relative clauses set off by commas (", where the complex was expanded
        last year,"): what they say is about their own subject."""
        if "," not in self.quote:
            return []
        return [(self.start + m.start(), self.start + m.end()) for m in self.vocab.aside.finditer(self.quote)]

    @_read_once
    def growth(self) -> list[tuple[re.Match, int]]:
        """(cue, sign) of every rise or fall word."""
        return [(m, 1) for m in self._finditer("growth_up")] + [(m, -1) for m in self._finditer("growth_down")]

    @_read_once
    def shares(self) -> list[re.Match]:
        return self._finditer("share")

    @_read_once
    def route_anaphor(self) -> bool:
        return self.cues.search("route_anaphor", self.start, self.end) is not None

    @_read_once
    def port_anaphor(self) -> re.Match | PhraseMatch | None:
        """"the port", "the ports", "the two ports": the port(s) named last (``ports_anaphor``: two)."""
        return self.cues.search("ports_anaphor", self.start, self.end) or self.cues.search("port_anaphor", self.start, self.end)

    @_read_once
    def tells(self) -> bool:
        """Whether an attribution verb ("said", "told") stands in the sentence."""
        return self.cues.search("attribution_verb", self.start, self.end) is not None

    @_read_once
    def region_anaphor(self) -> bool:
        return self.cues.search("region_anaphor", self.start, self.end) is not None

    @_read_once
    def pair_anaphors(self) -> list[re.Match]:
        return self._finditer("pair_anaphor")

    @_read_once
    def period_anaphor(self) -> bool:
        if self.cues.search("period_anaphor", self.start, self.end) is not None:
            return True
        # The counted form ends with a period word ("months"): an ASCII sentence without one is not searched.
        if self.quote.isascii():
            lowered = self.quote.lower()
            if not any(unit in lowered for unit in self.vocab.cue_words["period_anaphor_unit"]):
                return False
        return self.vocab.counted_period_anaphor.search(self.text, self.start, self.end) is not None

    @_read_once
    def occasion_anaphor(self) -> bool:
        return self.cues.search("occasion_anaphor", self.start, self.end) is not None

    @_read_once
    def opens_with_comparison(self) -> bool:
        """ "For comparison, in 2021 trade stood at ..." """
        return self.vocab.comparison_opening.match(self.quote) is not None

    @_read_once
    def base_links(self) -> list[int]:
        """Where a ", when" clause starts."""
        return [self.start + m.end() for m in self.vocab.cue_phrase["base_link"].finditer(self.quote)]


class _Article:
    """The article as the claims read it: sentences, mentions and time expressions by offset, the
    paragraphs, and what is read once and shared by the figures (sentence facts, clause parties)."""

    def __init__(self, text: str, sentences: list[Sentence], mentions: list[Mention], times: list[TimeExpression],
                 context: ArticleContext, vocab: _Vocabulary, figure_starts: list[int]):
        self.text, self.context, self.vocab = text, context, vocab
        self.sentences = sentences or [Sentence(0, len(text), text)]
        self.sentence_starts = [s.start for s in self.sentences]
        self.figure_sentences = sorted({self.sentence_index(start) for start in figure_starts})
        self.mentions = sorted(mentions, key=_START)
        self.mention_starts = [m.start for m in self.mentions]
        self._parties: list = [_UNREAD] * len(self.mentions)  # see ``parties_between``
        self.times = sorted(times, key=_START)
        self.time_starts = [t.start for t in self.times]
        self.paragraph_breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
        self._headings: dict[int, bool] = {}
        self._sentence_cache: dict[int, _SentenceInfo] = {}
        self.role_cache: dict[tuple, tuple] = {}  # the figures of a clause share its parties
        self.role_marks: dict[tuple[int, int], tuple[str, bool] | None] = {}
        self._cues: PhraseHits | None = None
        self._bases: dict[tuple[int, int], bool] = {}
        self._home: tuple[str | None] | None = None
        self._pair: tuple[tuple[str, str] | None] | None = None
        self._route: tuple[str | None] | None = None

    def home_state(self) -> str | None:
        """The state the article names most often; the first named on a tie."""
        if self._home is None:
            counts: dict[str, int] = {}
            for mention in self.mentions:
                if mention.entity_type == _STATE_TYPE:
                    counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
            self._home = (max(counts, key=counts.__getitem__),) if counts else (None,)
        return self._home[0]

    def state_pair(self, country_of) -> tuple[str, str] | None:
        """The two states the article is about: the two it names most often (a person names their
        state), in the order it first names them; None when it names fewer than two."""
        if self._pair is None:
            counts: dict[str, int] = {}
            for mention in self.mentions:
                kind = mention.entity_type
                state = mention.entity_id if kind == _STATE_TYPE else country_of(mention.entity_id) if kind == "person" else None
                if state is not None:
                    counts[state] = counts.get(state, 0) + 1
            # ``counts`` keeps the order of first mention; a stable sort keeps it among equals.
            top = sorted(counts, key=counts.__getitem__, reverse=True)[:2]
            if len(top) == 2:
                first, second = sorted(top, key=list(counts).index)
                self._pair = ((first, second),)
            else:
                self._pair = (None,)
        return self._pair[0]

    def main_route(self) -> str | None:
        """The infrastructure the article names most (a port town names its port); the first named on a tie."""
        if self._route is None:
            towns = self.vocab.port_of_town
            counts: dict[str, int] = {}
            for mention in self.mentions:
                route = mention.entity_id if mention.entity_type == "infrastructure" else towns.get(mention.entity_id)
                if route is not None:
                    counts[route] = counts.get(route, 0) + 1
            self._route = (max(counts, key=counts.__getitem__),) if counts else (None,)
        return self._route[0]

    def is_base(self, span: tuple[int, int]) -> bool:
        """Whether the figure at ``span`` is the base of a comparison ("from 56,300 TEU",
        "against 305"): a time expression standing by it dates that base alone."""
        found = self._bases.get(span)
        if found is None:
            start = span[0]
            lo = max(0, start - _LOOKAROUND)
            qualifier = self.vocab.qualifier_before.search(self.text, lo, start)
            found = self._bases[span] = self.vocab.comparison_claim.search(self.text, lo, start) is not None and not (
                qualifier and qualifier.group("q").lower().endswith(_QUALIFYING_COMPARISON))
        return found

    @property
    def cues(self) -> PhraseHits:
        if self._cues is None:
            ranges: list[tuple[int, int]] = []
            for index in self.figure_sentences:
                sentence = self.sentences[index]
                start = max(0, sentence.start - 1)
                if ranges and start <= ranges[-1][1]:
                    ranges[-1] = (ranges[-1][0], max(ranges[-1][1], sentence.end))
                else:
                    ranges.append((start, sentence.end))
            self._cues = self.vocab.sentence_cues.scan_ranges(self.text, ranges)
        return self._cues

    def sentence_index(self, position: int) -> int:
        return max(0, bisect_right(self.sentence_starts, position) - 1)

    def paragraph_of(self, position: int) -> int:
        return bisect_right(self.paragraph_breaks, position)

    def _is_heading(self, paragraph: int) -> bool:
        heading = self._headings.get(paragraph)
        if heading is None:
            breaks = self.paragraph_breaks
            start = breaks[paragraph - 1] if paragraph else 0
            end = breaks[paragraph] if paragraph < len(breaks) else len(self.text)
            heading = self._headings[paragraph] = _HEADING.fullmatch(self.text, start, end) is not None
        return heading

    def continues(self, earlier: int, later: int) -> bool:
        """True when paragraph ``later`` follows ``earlier`` with only headings between them."""
        return later > earlier and all(self._is_heading(p) for p in range(earlier + 1, later))

    def sentence_info(self, index: int) -> _SentenceInfo:
        info = self._sentence_cache.get(index)
        if info is None:
            info = self._read_sentence(self.sentences[index])
            self._sentence_cache[index] = info
        return info

    def _read_sentence(self, sentence: Sentence) -> _SentenceInfo:
        first_time = bisect_left(self.time_starts, sentence.start)
        last_time = bisect_left(self.time_starts, sentence.end)
        return _SentenceInfo(self.text, sentence, self.vocab, self.times[first_time:last_time], self.cues)

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        low = bisect_left(self.mention_starts, start)
        high = bisect_left(self.mention_starts, end)
        return self.mentions[low:high]

    def parties_between(self, start: int, end: int, country_of) -> list[tuple[Mention, str | None]]:
        """The mentions in [start, end), each with the party it stands for (``_participant``), or None
        for a region that is a place, not a party (a sea a route crosses, a continent it reaches, a
        province of a state). Read once per mention: the clauses and sentences of its figures ask again."""
        low = bisect_left(self.mention_starts, start)
        high = bisect_left(self.mention_starts, end)
        parties = self._parties
        for index in range(low, high):
            if parties[index] is _UNREAD:
                mention = self.mentions[index]
                entity = _participant(mention, country_of)
                if entity is not None and mention.entity_type == _REGION_TYPE and (
                        entity in self.vocab.cue_words["not_party"] or country_of(entity) is not None):
                    entity = None
                parties[index] = (mention, entity)
        return parties[low:high]


_UNREAD = object()
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# A paragraph of a few words with no sentence punctuation: a heading ("## Country breakdown").
_HEADING = re.compile(r"\s*#*[^.!?:;\n\d]{0,80}?\s*", re.DOTALL)


def _clause_bounds(info: _SentenceInfo, position: int) -> tuple[int, int]:
    index = bisect_right(info.clause_starts, position) - 1
    start = info.clause_starts[max(0, index)]
    end = info.clause_starts[index + 1] if index + 1 < len(info.clause_starts) else info.end
    return start, end


# ----------------------------------------------------------------------------- attribution
def _find_attribution(sentence: Sentence, vocab: _Vocabulary, text: str, cues: PhraseHits) -> tuple[tuple[int, int] | None, bool]:
    """The source the sentence names, as (start, end) offsets, and whether it says "the same data"."""
    quote = sentence.quote
    lead = _search_quote(sentence, "attribution_lead", vocab, text, cues)
    if lead:
        rest_start = lead.end()
        same = bool(vocab.cue_phrase["attribution_same"].match(quote, rest_start + 1))
        end = _attribution_lead_end(quote, rest_start, vocab)
        if end > rest_start:
            return (sentence.start + lead.start(), sentence.start + end), same
    # Both patterns below need an attribution verb as a whole word after a space.
    if cues.search("attribution_verb", sentence.start, sentence.end) is None:
        return None, False
    # The trailing source runs from the last comma (or the start) to the end: no comma can stand in it.
    last_comma = quote.rfind(",")
    trailing = vocab.attribution_trailing.match(quote, max(last_comma, 0))
    if trailing:
        return (sentence.start + trailing.start("src"), sentence.start + trailing.end("verb")), False
    leading = vocab.attribution_leading.match(quote)
    if leading:
        return (sentence.start + leading.start("src"), sentence.start + leading.end("verb")), False
    return None, False


def _search_quote(sentence: Sentence, kind: str, vocab: _Vocabulary, text: str, cues: PhraseHits):
    """``cue_phrase[kind].search(sentence.quote)`` with offsets into the quote, read from the article's
    cue hits: the same when the sentence does not start inside a word (its quote has no character
    before it), as the splitter's sentences never do."""
    start = sentence.start
    if start and _is_word_char(text[start - 1]):
        return vocab.cue_phrase[kind].search(sentence.quote)
    found = cues.search(kind, start, sentence.end)
    return None if found is None else _QuoteMatch(found.start() - start, found.end() - start)


class _QuoteMatch:
    __slots__ = ("_start", "_end")

    def __init__(self, start: int, end: int):
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _attribution_lead_end(quote: str, position: int, vocab: _Vocabulary) -> int:
    """End of "According to X" / "as announced by X, Deputy Minister of Y": an appositive enclosed
    in commas and opening with a capital (a title, not a clause) belongs to the source."""
    stop = vocab.attribution_lead_end.search(quote, position + 1)
    end = stop.start() if stop else len(quote)
    while stop and stop.group(0) == ",":
        following = _CAPITALISED_APPOSITIVE.match(quote[stop.start():])
        if not following or vocab.cue_phrase["attribution_verb"].search(following.group(1)):
            break
        end = stop.start() + following.end()
        stop = vocab.attribution_lead_end.search(quote, end + 1)
        if stop and stop.group(0) != ",":
            break
    return end


# ----------------------------------------------------------------------------- metric
def _unit_class(unit: str) -> str:
    return CURRENCY_CLASS if len(unit) == 3 and unit.isupper() and unit != "TEU" else unit


def _nearest(matches, start: int, end: int) -> tuple[float, re.Match] | None:
    best = None
    for found in matches:
        if found.end() <= start:
            distance = start - found.end()
        elif found.start() >= end:
            distance = (found.start() - end) * 1.2  # words after the number describe it less often
        else:
            distance = 0
        if best is None or distance < best[0]:
            best = (distance, found)
    return best


def _fitting_metric(readings: tuple[_MetricCue, ...], unit_class: str, rank: int) -> str | None:
    """What a metric phrase of ``rank`` says a figure of ``unit_class`` measures, or None."""
    for cue in readings:
        if cue.rank != rank:
            continue
        if unit_class == MULTIPLIER_UNIT and cue.units is None:
            # "triple trade volumes": a multiplier of anything but a time is growth.
            return _DEFAULT_METRIC_BY_UNIT[MULTIPLIER_UNIT]
        if cue.units is not None and unit_class not in cue.units:
            continue
        return cue.metric
    return None


def _metric_in(cues: list[tuple[int, int, str]], lo: int, hi: int, quantity: _Quantity) -> str | None:
    """The metric of the nearest cue in [lo, hi) (``cues``: the sentence's metric phrases that fit
    the figure's unit at one rank, ``_SentenceInfo.fitting_metric_cues``); distances as ``_nearest``
    counts them, the first cue winning a tie."""
    number_start, number_end = quantity.start, quantity.end
    inside_allowed = quantity.unit == COUNT_UNIT
    best_distance = best_metric = None
    for start, end, metric in cues:
        if not lo <= start < hi:
            continue
        if number_start <= start < number_end and not inside_allowed:
            continue
        # floats throughout: compiled (``annotate.native``), a variable holds one kind of number
        if end <= number_start:
            distance = float(number_start - end)
        elif start >= number_end:
            distance = (start - number_end) * 1.2  # as in ``_nearest``
        else:
            distance = 0.0
        if best_distance is None or distance < best_distance:
            best_distance, best_metric = distance, metric
    return best_metric


def _percent_metric(info: _SentenceInfo, clause: tuple[int, int], quantity: _Quantity) -> tuple[str, int, bool]:
    """("share", 1, False) when a share cue of the clause is nearest, else ("growth", sign of the
    nearest rise/fall word; + when there is none: "18.7% more than a year earlier", False). With
    neither, a percentage of the same period ("which is 112.6 percent compared to the same period
    last year") is an index: ("growth", 1, True), the growth being the index less 100."""
    lo, hi = clause
    growth = [(m, sign) for m, sign in info.growth if lo <= m.start() < hi]
    shares = [m for m in info.shares if lo <= m.start() < hi]
    if info.vocab.fall_after.match(info.text, quantity.end):
        return "growth", -1, False  # "3.4 percent less than in 2024" (not "less than 5 percent": a qualifier)
    best_growth = _nearest([m for m, _ in growth], quantity.start, quantity.end)
    if not best_growth and info.vocab.index_base_after.match(info.text, quantity.end):
        return "growth", 1, True  # "of the same period" is not "of the total"
    best_share = _nearest(shares, quantity.start, quantity.end)
    if best_share and (not best_growth or best_share[0] <= best_growth[0]):
        return "share", 1, False
    if best_growth:
        sign = next(s for m, s in growth if m is best_growth[1])
        return "growth", sign, False
    return "growth", 1, False


# ----------------------------------------------------------------------------- subject / counterpart
@dataclass
class _Role:
    entity: str
    role: str  # subject, partner, pair, route (a corridor the figure travels along), group (after "among")
    start: int
    entity_type: str = ""
    prep: str = ""  # the preposition before the mention ("between", "to", ...); empty when none


def _participant(mention: Mention, country_of) -> str | None:
    """The party a mention stands for: a state, organisation, corridor or region itself; a person
    for their state (``Gazetteer.country_of``)."""
    if mention.entity_type in PARTICIPANT_TYPES:
        return mention.entity_id
    if mention.entity_type == "person":
        return country_of(mention.entity_id)
    return None




def _roles(article: _Article, lo: int, hi: int, metric: str, exclude: tuple[int, int] | None,
           country_of) -> tuple[list[_Role], tuple[str | None, str | None]]:
    """The parties named in [lo, hi) with their roles, and the (subject, counterpart) they make
    (``_pick_parties``); the metric matters only to ``from``."""
    # "exports from X", "investment from X", "412 container trains from Kazakhstan": X's figure.
    from_marks_subject = metric in article.vocab.cue_words["from_marks_subject"]
    port_towns = metric in article.vocab.cue_words["port_metric"]
    # "210 companies with Azerbaijani capital": the owners' figure.
    with_marks_subject = metric in article.vocab.cue_words["with_marks_subject"]
    key = (lo, hi, from_marks_subject, exclude, port_towns, with_marks_subject)
    found = article.role_cache.get(key)
    if found is None:
        roles = _read_roles(article, lo, hi, from_marks_subject, exclude, country_of, port_towns, with_marks_subject)
        found = article.role_cache[key] = (roles, _pick_parties(roles))
    return found


def _read_roles(article: _Article, lo: int, hi: int, from_marks_subject: bool, exclude: tuple[int, int] | None,
                country_of, port_towns: bool = False, with_marks_subject: bool = False) -> list[_Role]:
    """The parties of [lo, hi). With ``port_towns`` (a figure a port has) a port town named with no
    preposition before it stands for its port ("Kuryk handled 2.45 million tonnes", "the seaports
    of Aktau and Kuryk"); named after one ("talks in Aktau") it is no party."""
    roles: list[_Role] = []
    named: set[str] = set()
    ports = article.vocab.port_of_town if port_towns else None
    previous_port = False
    for mention, entity in article.parties_between(lo, hi, country_of):
        if exclude and exclude[0] <= mention.start < exclude[1]:
            continue
        port = ports.get(mention.entity_id) if ports and entity is None else None
        if port is not None:
            entity = port
        if entity is None:
            continue
        if entity in named:
            if entity.isupper() and len(roles) > 1:
                # "The Kyrgyz-Azerbaijani Development Fund has financed 14 projects in Kyrgyzstan": a
                # state named again as where the figure goes is its partner, the other its subject.
                mark = _role_mark(article, max(lo, mention.start - _ROLE_WINDOW), mention.start)
                if mark is not None and mark[0] == "in":
                    at = next(i for i, r in enumerate(roles) if r.entity == entity)
                    if roles[at].role == "subject" and any(r.role == "subject" for r in roles[at + 1:]):
                        roles[at] = _Role(entity, "partner", roles[at].start, roles[at].entity_type, "in")
            continue
        mark = _role_mark(article, max(lo, mention.start - _ROLE_WINDOW), mention.start)
        prep = mark[0] if mark else ""
        if port is not None and not (prep == "" or (prep == "and" and previous_port)):
            # "talks in Aktau", "services to Alat and Aktau": a place the figure reaches, not its port.
            previous_port = False
            continue
        previous_port = port is not None
        named.add(entity)
        joined = mark is not None and (prep == "and" or mark[1]) and bool(roles)
        if prep == "between":
            role = "subject"
        elif joined:
            # "X and Y" as the subject makes a pair; a list after "to"/"among" keeps its role.
            role = "pair" if roles[-1].role in ("subject", "pair") else roles[-1].role
        elif prep == "among":
            role = "group"
        elif prep == "with" and with_marks_subject:
            role = "subject"
        elif prep in ("to", "with", "in", "into", "against"):
            role = "partner"
        elif prep == "from":
            role = "subject" if from_marks_subject else "partner"
        elif prep in ("via", "through", "on", "along"):
            role = "route" if mention.entity_type == "infrastructure" else "partner"
        else:
            role = "subject"
        roles.append(_Role(entity, role, mention.start, mention.entity_type, "," if joined and not prep else prep))
    return roles


def _role_mark(article: _Article, window_start: int, mention_start: int) -> tuple[str, bool] | None:
    """(the preposition in lower case or "", whether a comma stands there) where ``role_before`` finds
    one before a mention; None where it finds none. Read once per mention and window."""
    key = (window_start, mention_start)
    marks = article.role_marks
    if key in marks:
        return marks[key]
    text = article.text
    # ``role_before`` ends at the mention: searched forwards it is tried at every character of the
    # window. Its mirror image is matched once at the start of the reversed window; a word character
    # just before the window ("...nto the") is stood for by "_", which no preposition can take.
    reversed_window = text[window_start:mention_start][::-1]
    if window_start and _is_word_char(text[window_start - 1]):
        reversed_window += "_"
    before = article.vocab.role_before_reversed.match(reversed_window)
    mark = marks[key] = ((before.group("prep") or "")[::-1].lower(), bool(before.group("comma"))) if before else None
    return mark


def _pick_parties(roles: list[_Role]) -> tuple[str | None, str | None]:
    if not roles:
        return None, None
    # The rules below read the first party of each role (and the first two pairs), gathered in one pass.
    first: dict[str, _Role] = {}
    groups = 0
    second_pair = None
    for r in roles:
        role = r.role
        if role not in first:
            first[role] = r
        elif role == "pair" and second_pair is None:
            second_pair = r
        if role == "group":
            groups += 1
    if groups == 1 and first["group"].entity_type != "country":
        # "trade among OTS member states": the organisation's own figure.
        return first["group"].entity, None
    route = first.get("route")
    if route is not None:
        # A state's cargo sent via a corridor: the state and the corridor; otherwise the corridor's own.
        state = _sender(roles)
        return (state, route.entity) if state else (route.entity, None)
    # A party has one role (``_read_roles`` names each once): a partner is never the subject, and
    # the subject taken from the pairs is the first pair, so the counterpart is then the second.
    pair = first.get("pair")
    subject_role = first.get("subject") or pair
    subject = subject_role.entity if subject_role is not None else None
    partner = first.get("partner")
    if partner is not None:
        return subject, partner.entity
    other_pair = second_pair if subject_role is pair else pair
    if other_pair is None and subject_role is not None:
        # "Uzbekistan's trade with the member states of the OTS": a party named after "of" (no
        # role word of its own) once the subject is taken is the other side.
        other_pair = next((r for r in roles if r.role == "subject" and r is not subject_role), None)
    return subject, other_pair.entity if other_pair is not None else None


def _sender(roles: list[_Role]) -> str | None:
    """A state named as the plain subject ("Uzbekistan plans to send ... via the corridor"), not one
    of a pair ("connectivity between China and Europe")."""
    return next((r.entity for r in roles if r.role == "subject" and r.prep == "" and r.entity_type == "country"), None)


# ----------------------------------------------------------------------------- period
@dataclass
class _TimeChoice:
    seen: bool  # the sentence has a time expression that may date a figure
    timex: TimeExpression | None
    is_base: bool = False  # chosen through a ", when" after a comparison base: the base's own figure
    borrowed: bool = False  # the expression stands nearer another figure, or before this one


_NO_TIME = _TimeChoice(False, None)  # the choice in a sentence with no time expression to choose (never changed)


class _DatingTime:
    """A time expression of a sentence as every figure of the sentence sees it; what stands before
    it is searched when a figure first asks and then shared."""

    __slots__ = ("timex", "window_start", "owner", "framing_position", "says_now", "_mirrors", "_after")

    def __init__(self, timex: TimeExpression, window_start: int, owner: tuple[int, int] | None, framing_position: bool,
                 says_now: bool, after_found: dict[TrailingPattern, bool]):
        self.timex, self.window_start, self.owner = timex, window_start, owner
        self.framing_position = framing_position  # no comma before it and near the sentence start
        self.says_now = says_now  # "today", "now": a ``present_time`` word
        self._mirrors: bool | None = None
        self._after = after_found  # what ``after`` has found, starting with what was read to build it

    def mirrors(self) -> bool:
        """Whether the expression mirrors another period ("the same period last year")."""
        if self._mirrors is None:
            self._mirrors = is_same_period(self.timex)
        return self._mirrors

    def after(self, pattern: TrailingPattern, text: str) -> bool:
        """Whether ``pattern`` ends right before the expression (within the look-back window)."""
        found = self._after.get(pattern)
        if found is None:
            found = self._after[pattern] = pattern.search(text, self.window_start, self.timex.start) is not None
        return found


def _dating_times(article: _Article, info: _SentenceInfo, claim_spans: list[tuple[int, int]]) -> list[_DatingTime]:
    """The sentence's time expressions that are not inside a number."""
    found = info.dating_times
    if found is None:
        found = info.dating_times = []
        text, vocab = article.text, article.vocab
        present_words = vocab.cue_words["present_time"]
        for timex in info.times:
            inside = bisect_right(claim_spans, (timex.start, float("inf"))) - 1
            if inside >= 0 and claim_spans[inside][1] > timex.start:
                continue
            framing_position = text.find(",", info.start, timex.start) < 0 and timex.start - info.start < 24
            window_start = max(info.start, timex.start - _LOOKAROUND)
            led = vocab.preposition_before.search(text, window_start, timex.start) is not None
            found.append(_DatingTime(timex, window_start, _owner(claim_spans, timex, info.start, info.end, led),
                                     framing_position, timex.quote.lower() in present_words,
                                     {vocab.preposition_before: led}))
    return found


def _choose_time(article: _Article, info: _SentenceInfo, dating_times: list[_DatingTime], clause: tuple[int, int],
                 quantity: _Quantity, is_change: bool, undated: bool, is_forecast: bool = False,
                 present: bool = False, occasion: bool = False) -> _TimeChoice:
    """The time expression of the sentence that dates this number: the nearest one of its own
    clause or of an earlier one (a later clause speaks of something else), skipping the bases of
    comparisons and expressions inside other numbers; one that another number stands closer to
    belongs to that number. ``undated``: a stock that only an "as of" date (or, for a target, its
    horizon) can date. ``present``: the clause speaks of now ("which now operates 17 vessels"), so
    only a time of its own clause can date the number. An aside ("Kuryk, where the complex was
    expanded last year, handled ...", "ASCO, which operates 51 vessels, expects ... by 2027") and the
    rest of the sentence do not date each other's figures.
    "today" dates only the figures of an ``occasion`` ("signed 12 documents today"), not what
    stands today ("300 enterprises operate in Uzbekistan today"). ``dating_times``: the sentence's
    ``_dating_times``, at least one."""
    vocab = article.vocab
    text = article.text
    comparison = vocab.comparison_before if is_change else vocab.strong_comparison_before
    best = None
    seen_any = False
    own_span = (quantity.start, quantity.end)
    asides = info.asides
    published = article.context.published
    for dating in dating_times:
        timex = dating.timex
        owner = dating.owner
        others = owner != own_span  # the expression stands nearer another figure
        is_base = False
        if asides and any((lo <= timex.start < hi) != (lo <= quantity.start < hi) for lo, hi in asides):
            continue
        if present and not clause[0] <= timex.start < clause[1]:
            continue
        if not occasion and dating.says_now:
            continue
        if occasion and timex.precision == _MULTI_YEAR:
            continue  # "signed ten documents, among them a programme for 2026-2028": the programme's years
        if is_forecast and timex.start < clause[0] and published is not None and timex.period_end is not None \
                and timex.period_end < published:
            continue  # "... amounted to 1.3 bcm last year, and the sides are studying a doubling": not the target's time
        starts_target = is_forecast and dating.after(vocab.target_start_before, text)
        if starts_target:
            pass  # "could supply up to 500 megawatts from 2027": the year the supply starts, not a base
        elif dating.after(comparison, text):
            # "than in the same period of last year, when trade stood at $151.6 million"
            if not any(timex.end <= link <= quantity.start for link in info.base_links):
                continue
            is_base = True
        elif others and owner is not None and timex.start >= owner[1] and article.is_base(owner):
            continue  # "to 96,000 TEU from 56,300 TEU in 2024": the base's year, as if after "from"
        elif others and not dating.framing_position and dating.mirrors():
            continue  # "$5 million, up 15% from a year earlier": the base of the growth, not this figure's period
        elif info.tells and dating.after(vocab.telling_before, text):
            continue  # "exports reached $5 million, the ministry said on Tuesday": the day of the telling
        seen_any = True
        if undated and not dating.after(vocab.stock_date_before, text) \
                and not (is_forecast and (starts_target or is_horizon_expression(timex))):
            continue
        if timex.start >= clause[1]:
            continue
        if timex.end <= quantity.start:
            distance = quantity.start - timex.end
        elif timex.start >= quantity.end:
            distance = timex.start - quantity.end
        else:
            distance = 0
        if timex.start < clause[0] and not dating.framing_position and not is_base:
            distance += _OTHER_CLAUSE_PENALTY
        if others:
            distance += _OTHER_NUMBER_PENALTY  # "from 38 days in 2022 to 18-23 days last year"
        if dating.after(vocab.preposition_before, text):
            distance -= _PREPOSITION_BONUS
        if best is None or distance < best[0]:
            best = (distance, timex, is_base, others or timex.end <= quantity.start)
    if best is None:
        return _TimeChoice(seen_any, None)
    return _TimeChoice(seen_any, best[1], best[2], best[3])


_MULTI_YEAR = "multi_year"
_INDEX_BASE = 100.0  # an index of the same period: 112.6 percent of it is growth of 12.6


def _owner(spans: list[tuple[int, int]], timex: TimeExpression, sentence_start: int, sentence_end: int,
           led_by_preposition: bool = False) -> tuple[int, int] | None:
    """The number of its sentence a time expression stands nearest to; on a tie the one before it
    ("38 days in 2022"). One led by a preposition belongs to the number before it when there is
    one: "$39.2 million in January, $41.7 million in February"."""
    index = bisect_left(spans, (timex.start, -1))
    before = spans[index - 1] if index > 0 and spans[index - 1][0] >= sentence_start else None
    after = spans[index] if index < len(spans) and spans[index][0] < sentence_end else None
    if before is None and after is None:
        return None
    if led_by_preposition and before is not None:
        return before
    if after is None or (before is not None and timex.start - before[1] <= after[0] - timex.end):
        return before
    return after


def _occasion_date(article: _Article, before: int) -> tuple[date, date] | None:
    """The day (or month) of the latest dated occasion told before ``before``: "during the visit",
    "following the talks" refer to it."""
    low = bisect_left(article.time_starts, max(0, before - _ANAPHOR_LOOKBACK))
    high = bisect_left(article.time_starts, before)
    for timex in reversed(article.times[low:high]):
        if timex.precision in _OCCASION_PRECISIONS and timex.period_start is not None:
            return timex.period_start, timex.period_end  # type: ignore[return-value]  # an occasion's time has both ends
    return None


# ----------------------------------------------------------------------------- the extractor
@dataclass
class _Previous:
    claim: Claim
    paragraph: int
    sentence: int


@dataclass
class _Carrier:
    """The latest claim whose period a following figure may continue."""

    claim: Claim
    paragraph: int


def extract_claims(text: str, sentences: list[Sentence], mentions: list[Mention], times: list[TimeExpression],
                   context: ArticleContext) -> list[Claim]:
    """Every quantitative claim of ``text`` (see the module docstring for the rules)."""
    vocab = _vocabulary()
    quantities = _quantities(text, vocab)
    if not quantities:
        return []
    article = _Article(text, list(sentences), list(mentions), list(times), context, vocab, [q.start for q in quantities])
    country_of = load_gazetteer().country_of
    spans = [(q.start, q.end) for q in quantities]
    claims: list[Claim] = []
    previous: _Previous | None = None
    carrier: _Carrier | None = None
    previous_attribution: str | None = None
    paragraph_claims: dict[str, Claim] = {}
    for quantity in quantities:
        paragraph = article.paragraph_of(quantity.start)
        if previous is None or previous.paragraph != paragraph:
            paragraph_claims = {}
        claim, sentence_index, passes_period = _annotate(
            article, quantity, spans, previous, carrier, previous_attribution, country_of, paragraph_claims)
        claims.append(claim)
        paragraph_claims[claim.metric] = claim
        previous = _Previous(claim, paragraph, sentence_index)
        if passes_period:
            carrier = _Carrier(claim, paragraph)
        if claim.attribution:
            previous_attribution = claim.attribution
    return claims


def _annotate(article: _Article, quantity: _Quantity, spans, previous: _Previous | None,
              carrier: _Carrier | None, previous_attribution: str | None, country_of,
              same_metric: dict[str, Claim]) -> tuple[Claim, int, bool]:
    """One claim, its sentence index, and whether a later figure may continue its period.
    ``same_metric`` holds the paragraph's latest claim per metric (for carry-over of parties)."""
    text, vocab = article.text, article.vocab
    index = article.sentence_index(quantity.start)
    info = article.sentence_info(index)
    clause = _clause_bounds(info, quantity.start)
    paragraph = article.paragraph_of(quantity.start)
    same_paragraph = previous is not None and previous.paragraph == paragraph

    # What is measured.
    sign = 1
    metric = None
    is_index = False
    if quantity.is_part:
        metric = "share"
    elif quantity.unit == PERCENT_UNIT:
        metric, sign, is_index = _percent_metric(info, clause, quantity)
    elif quantity.unit == COUNT_UNIT and quantity.count_metric:
        metric = quantity.count_metric
    if metric is None:
        # Specific cues first; then what the unit itself says (TEU: containers); generic cues
        # ("worth", "handled") only for units that say nothing.
        unit_class = _unit_class(quantity.unit)
        specific = info.fitting_metric_cues(unit_class, 1)
        metric = (_metric_in(specific, clause[0], clause[1], quantity)
                  or (unit_class not in _WEAK_DEFAULT_UNITS and _DEFAULT_METRIC_BY_UNIT.get(unit_class))
                  or _metric_in(specific, info.start, info.end, quantity)
                  or _metric_in(info.fitting_metric_cues(unit_class, 2), clause[0], clause[1], quantity)
                  or _metric_in(info.fitting_metric_cues(unit_class, 2), info.start, info.end, quantity)
                  or _DEFAULT_METRIC_BY_UNIT.get(unit_class, "value"))
    value = _clean((quantity.value - _INDEX_BASE if is_index else quantity.value) * sign)
    value_high = _clean(quantity.value_high * sign) if quantity.value_high is not None else None
    if value_high is not None and value_high < value:
        value, value_high = value_high, value

    # How the text bounds it.
    qualifier = "exact"
    window_start = max(info.start, quantity.start - _LOOKAROUND)
    # One look at the words before the number tells which look-backs can match there (the
    # comparison window below is the end of this one).
    before = text[window_start:quantity.start]
    if before.isascii():
        lowered = before.rstrip().lower()
        may_qualify = lowered.endswith(vocab.qualifier_before_ends)
        may_be_base = lowered.endswith(vocab.comparison_claim_ends)
    else:
        may_qualify = may_be_base = True
    # The look-backs' own test of the words before is the one just made: their patterns are searched directly.
    found = vocab.qualifier_before.pattern.search(text, window_start, quantity.start) if may_qualify else None
    if found:
        qualifier = vocab.qualifier_kind[found.group("q").lower()]
    elif vocab.qualifier_after.match(text, quantity.end):
        qualifier = "over"

    # Who says so.
    attribution = None
    if info.attribution:
        attribution = text[info.attribution[0]:info.attribution[1]]
        if info.attribution_same and previous_attribution:
            attribution = previous_attribution

    # Whose figure.
    inherited = False  # taken from an earlier figure of the paragraph, even when that had no party
    names_none = False  # the sentence names no party at all (a list "among" states names them)
    settled = False  # the parties are a state's alone (its own ports), not to be completed
    roles, (subject, counterpart) = _roles(article, clause[0], clause[1], metric, info.attribution, country_of)
    label = _list_label(article, clause[0], quantity.start, country_of)
    if label is not None:
        # "By direction: Azerbaijan, 2.9 million tonnes; Russia, 1.1 million tonnes", "- Kazakhstan:
        # $612.4 million": the state an item is labelled with is the other side of the article's state.
        home = article.home_state()
        subject, counterpart = (home, label) if home != label else (label, None)
    elif subject is None:
        sentence_roles, (other_subject, other_counterpart) = _roles(article, info.start, info.end, metric, info.attribution, country_of)
        names_none = not sentence_roles
        subject = other_subject
        counterpart = counterpart or other_counterpart
        if counterpart == subject:
            counterpart = other_counterpart if other_counterpart != subject else None
    pair_anaphors = info.pair_anaphors
    pair_anaphor = next((m for m in pair_anaphors if clause[0] <= m.start() < clause[1]), None) if pair_anaphors else None
    if info.route_anaphor and not any(r.entity.startswith("infra:") for r in roles):
        route = _last_mention(article, info.start, lambda m: m.entity_type == "infrastructure")
        if route:
            state = _sender(roles)
            subject, counterpart = (state, route) if state else (route, None)
    elif pair_anaphor and (subject is None or counterpart is None
                           or not any(r.start < pair_anaphor.start() for r in roles)):
        # "the two countries" before any other name of the clause is whose figure it is.
        pair = _last_pair(article, info.start, previous)
        if pair:
            subject, counterpart = pair
    elif subject is None and counterpart is None and info.port_anaphor is not None:
        # "By the end of the year, the port expects to handle 7.5 million tons": the port named last;
        # "the two ports processed 21,600 TEU": the two named last, their state's when one state has both.
        plural = info.cues.search("ports_anaphor", info.start, info.end) is not None
        subject = _last_port(article, info.start, plural, country_of)
        inherited = settled = subject is not None
    elif subject is None and counterpart is None and same_paragraph and previous is not None:
        # A change stated right after a figure of its sentence ("handled 6.7 million tons, 11 percent
        # more") is that figure's; other figures follow the paragraph's last of their metric.
        qualifies = metric == _GROWTH_METRIC and previous.sentence == index
        source = previous.claim if qualifies else same_metric.get(metric, previous.claim)
        subject, counterpart = source.subject, source.counterpart
        if source.metric != metric and metric in vocab.cue_words["single_party_metric"]:
            counterpart = None  # "to 20 vessels": the fleet's state, not the partner of the figure before
        inherited = True
    if counterpart is None and subject is not None and info.region_anaphor:
        # "Azerbaijan's exports to the region": the region named last.
        region = _last_mention(article, info.start, lambda m: m.entity_type == "region")
        if region != subject:
            counterpart = region
    if subject is None and counterpart is not None and (counterpart.isupper() or counterpart.startswith(_REGION_PREFIX)):
        # "with Turkmenistan, $348.9 million", "Imports from Kazakhstan grew", "Exports to the region":
        # the other side is the other of the article's two states, else the state it names most
        # (states, alone among the parties, have upper-case ids: AZE, KAZ).
        pair = article.state_pair(country_of)
        home = (pair[1] if counterpart == pair[0] else pair[0]) if pair and counterpart in pair else article.home_state()
        if home is not None and home != counterpart:
            subject = home

    if metric in vocab.cue_words["signatory_metric"] and (
            (subject or "").startswith(_INFRA_PREFIX) or (subject is None and (counterpart or "").startswith(_INFRA_PREFIX))):
        # "six documents were signed, including a memorandum on the Dostlug field": the field is what
        # a document is about; the signatories are the article's two states.
        subject, counterpart = article.state_pair(country_of) or (None, None)
    elif subject is None and counterpart is None and names_none and not inherited \
            and metric in vocab.cue_words["bilateral_metric"]:
        # "Bilateral trade reached $702.4 million", "six documents were signed": no party in reach,
        # so the figure is of the two states the article is about.
        pair = article.state_pair(country_of)
        if pair is not None:
            subject, counterpart = pair

    if metric in vocab.cue_words["route_own_metric"] and not (subject or "").startswith(_INFRA_PREFIX):
        # "The average transit time from the Chinese border to the Black Sea ports fell to 18 days":
        # the ends of the trip are not parties; the time is the route's.
        route = article.main_route()
        if route is not None:
            subject, counterpart = route, None
    elif subject is None and counterpart is None and metric in vocab.cue_words["route_metric"]:
        # "Container traffic grew faster: 41,300 TEU were carried": a traffic figure of no named
        # party is of the route (or port) the article is about.
        subject = article.main_route()
    if subject is not None and counterpart is not None and subject.startswith(_INFRA_PREFIX) \
            and counterpart.startswith(_INFRA_PREFIX):
        state = country_of(subject)
        if state is not None and state == country_of(counterpart) and any(r.role == "pair" for r in roles):
            # "The seaports of Aktau and Kuryk handled 5.82 million tonnes": the two ports of one state
            # together are that state's.
            subject, counterpart = state, None
            settled = True
    if subject is not None and counterpart is not None and subject.isupper() and counterpart.startswith(_INFRA_PREFIX) \
            and country_of(counterpart) == subject \
            and any(r.entity == counterpart and r.role in ("subject", "pair") for r in roles):
        # "Kazakhstan's seaports of Aktau and Kuryk handled": the state's own ports named with it.
        counterpart = None
        settled = True
    if subject is not None and counterpart is None and subject.isupper() and not settled \
            and metric not in vocab.cue_words["single_party_metric"]:
        # "Uzbek investment stands at about $60 million": a state's figure in an article about two
        # states is with the other one.
        pair = article.state_pair(country_of)
        if pair is not None and subject in pair:
            counterpart = pair[1] if subject == pair[0] else pair[0]
    if metric in vocab.cue_words["state_owned_metric"] and subject is not None and subject.startswith(_ORG_PREFIX):
        # "ASCO, which currently operates 51 vessels": a national company's fleet is its state's.
        subject = country_of(subject) or subject
    aliases = vocab.party_alias
    subject, counterpart = aliases.get(subject, subject), aliases.get(counterpart, counterpart)  # type: ignore[arg-type]  # None is no key
    host = vocab.route_host.get(counterpart)  # type: ignore[arg-type]
    if host is not None and metric != _SHARE_METRIC and subject is not None and subject.isupper() and subject != host:
        # "Kazakhstan shipped 840,000 tons of oil through the BTC pipeline": oil crossing Azerbaijan.
        counterpart = host
    if counterpart == subject:
        counterpart = None

    if metric == _SHARE_METRIC:
        whole = _owner_of_whole(article, quantity.end, clause[1], country_of)
        if whole is not None and whole != subject:
            counterpart = whole
        elif counterpart is None and subject is not None and subject.isupper() \
                and vocab.cue_phrase["whole_anaphor"].search(text, quantity.end, clause[1]) is not None:
            # "with a share of 0.65 percent in the country's total foreign trade": the other state's.
            pair = article.state_pair(country_of)
            if pair is not None and subject in pair:
                counterpart = pair[1] if subject == pair[0] else pair[0]

    # Forecast or actual.
    is_forecast = _is_forecast(text, info, clause, quantity, spans, vocab, previous)

    # When.
    is_change = metric == "growth" or quantity.unit == MULTIPLIER_UNIT
    is_stock = metric in vocab.cue_words["stock_metric"]
    counted = quantity.unit in _NO_PERIOD_CARRY_UNITS
    # What an occasion produced ("signed 9 documents today") is dated by it; a stock is not.
    occasion = not is_stock and (counted or metric in vocab.cue_words["occasion_metric"])
    # "now" makes a count or a stock a figure of the day ("which now operates 17 vessels"); a flow
    # stated "now" is of the text's period ("goods now make up two fifths of the turnover").
    present_cue = info.cues.search("present_time", clause[0], clause[1]) if counted or is_stock else None
    present = present_cue is not None and not (occasion and present_cue.group(0).lower() == "today")
    open_horizon = info.cues.search("open_horizon", clause[0], clause[1]) is not None
    is_forecast = is_forecast or open_horizon
    # Most figure sentences have no time expression outside a number: their figures skip the
    # choice (0.17 of the claims' 2.1 s per 1M words went to it).
    dating_times = _dating_times(article, info, spans)
    choice = _choose_time(article, info, dating_times, clause, quantity, is_change,
                          undated=metric in vocab.cue_words["undated_metric"], is_forecast=is_forecast,
                          present=present, occasion=occasion) if dating_times else _NO_TIME
    timex = None if open_horizon else choice.timex
    compared = may_be_base and bool(
        vocab.comparison_claim.pattern.search(text, max(clause[0], quantity.start - _LOOKAROUND), quantity.start))
    is_base = choice.is_base or info.opens_with_comparison or compared
    is_horizon = False
    period_start = period_end = None
    continued = carrier.claim if carrier is not None else None
    if timex is not None:
        period_start, period_end = timex.period_start, timex.period_end
        # "reached 365 in 2024, compared with 162 a year earlier": the figure of the same sentence
        # is what the same period mirrors, else the period being continued.
        mirrored = previous.claim if previous is not None and previous.sentence == index \
            and previous.claim.period_start is not None else continued
        if period_start is None and mirrored is not None and mirrored.period_start is not None:
            reference = TimeExpression(0, 0, "", mirrored.period_start, mirrored.period_end, "span")
            try:
                period_start, period_end = resolve_same_period(timex, reference) or (None, None)
            except (ValueError, OverflowError):  # shifted out of the calendar
                period_start = period_end = None
        is_horizon = is_horizon_expression(timex) or bool(
            vocab.by_before.search(text, max(info.start, timex.start - 12), timex.start))
        published = article.context.published
        if period_start is not None and published is not None and (
                period_start > published or (is_horizon and period_end is not None and period_end >= published)):
            is_forecast = True
    elif choice.seen or present or open_horizon:
        pass  # the sentence dates something, not this figure; or the figure is of now, or of no set time
    elif info.period_anaphor and continued is not None:
        period_start, period_end = continued.period_start, continued.period_end
    elif info.occasion_anaphor and (counted or metric in vocab.cue_words["occasion_metric"]):
        # "six documents were signed following the talks": the talks' day.
        period_start, period_end = _occasion_date(article, info.start) or (None, None)
    elif continued is not None and carrier is not None and not counted and not is_stock:
        opens = _opens_paragraph(article, index, paragraph)
        adjacent = carrier.paragraph == paragraph or (opens and article.continues(carrier.paragraph, paragraph))
        if adjacent and continued.is_forecast == is_forecast:
            period_start, period_end = continued.period_start, continued.period_end
    if compared and not (found and found.group("q").lower().endswith(_QUALIFYING_COMPARISON)) \
            and not choice.is_base and (timex is None or choice.borrowed) and not is_forecast and period_start is not None and period_end is not None:
        # "rose from $41.2 million to $79.6 million", "reached $80 million in 2025, up from $41
        # million": the base is the figure of the year before the period it is compared within.
        period_start, period_end = shift_period(period_start, period_end, years=-1)
    if compared and choice.borrowed and (is_horizon or is_forecast):
        # "increase the number of its ferries from 6 to 9 by 2027", "will increase from 12 to 18
        # this summer": 6 and 12 are what there is now, not in 2027 or this summer.
        period_start = period_end = None
    # "In the third quarter alone": a part of the text's period, which the next figures do not continue.
    sub_period = timex is not None and vocab.sub_period_after.match(text, timex.end) is not None
    # "In the same period of 2025, the figure stood at $137.1 million": the base of the text's figures.
    is_base = is_base or (timex is not None and is_same_period(timex))
    passes_period = not (is_base or is_horizon or counted or is_stock or present or open_horizon or sub_period)

    # In field order, not by keyword: the span types' generated ``__init__`` takes keywords at twice
    # the cost (2.5 against 1.1 us a claim).
    return Claim(quantity.start, quantity.end, text[quantity.start:quantity.end], value, quantity.unit, metric,
                 value_high, subject, counterpart, period_start, period_end, is_forecast, qualifier, attribution,
                 info.start, info.end), index, passes_period


_SHARE_METRIC = "share"
_GROWTH_METRIC = "growth"
_INFRA_PREFIX = "infra:"
_ORG_PREFIX = "org:"
_OF_THE_WHOLE = re.compile(r"\s+of\s+(?:the\s+)?$")
_POSSESSIVE = ("'s", "\u2019s")


def _owner_of_whole(article: _Article, after: int, clause_end: int, country_of) -> str | None:
    """The party whose total a share is of: "a quarter of Azerbaijan's trade"."""
    for mention in article.mentions_between(after, clause_end):
        text = article.text
        if text.startswith(_POSSESSIVE, mention.end) and _OF_THE_WHOLE.search(text, after, mention.start):
            return _participant(mention, country_of)
        return None
    return None


def _list_label(article: _Article, lo: int, number_start: int, country_of) -> str | None:
    """The state a figure is the list item of: named right before it with only a comma, a colon or
    a ``list_label_gap`` word between ("Russia, 1.1 million tonnes", "followed by Türkiye with $3.6
    billion", "with Tajikistan at $4.4 million")."""
    if number_start < 2 or article.text[number_start - 2] not in article.vocab.list_label_gap_ends:
        return None  # no comma, colon or gap word ends right before the number (the common case)
    last = bisect_left(article.mention_starts, number_start) - 1
    if last < 0 or article.mention_starts[last] < lo:
        return None
    mention = article.mentions[last]
    if mention.entity_type != _STATE_TYPE or article.vocab.list_label_gap.fullmatch(article.text, mention.end, number_start) is None:
        return None
    return _participant(mention, country_of)


def _opens_paragraph(article: _Article, sentence_index: int, paragraph: int) -> bool:
    """Whether no sentence of the paragraph before this one has a figure ("Container shipments grew
    even faster. The route carried 58,400 TEU" continues the period of the paragraph before)."""
    figure_sentences = article.figure_sentences
    earlier = bisect_left(figure_sentences, sentence_index)
    return earlier == 0 or article.paragraph_of(article.sentences[figure_sentences[earlier - 1]].start) != paragraph


def _last_mention(article: _Article, before: int, accept) -> str | None:
    for mention in reversed(article.mentions_between(max(0, before - _ANAPHOR_LOOKBACK), before)):
        if accept(mention):
            return mention.entity_id
    return None


_PORT_PREFIX = "infra:port_"  # the gazetteer's ids of sea ports


def _last_port(article: _Article, before: int, plural: bool, country_of) -> str | None:
    """What "the port" refers to: the port named last by its name, else by its town. What "the two
    ports" refer to: the state of the last two ports of one state named (by name or town)."""
    towns = article.vocab.port_of_town
    by_town: str | None = None
    seen: dict[str, str] = {}  # state -> a port of it
    for mention in reversed(article.mentions_between(max(0, before - _ANAPHOR_LOOKBACK), before)):
        named = mention.entity_id.startswith(_PORT_PREFIX)
        port = mention.entity_id if named else towns.get(mention.entity_id)
        if port is None:
            continue
        if not plural:
            if named:
                return port
            by_town = by_town or port
            continue
        state = country_of(port)
        if state is not None and seen.setdefault(state, port) != port:
            return state
    return by_town


def _last_pair(article: _Article, before: int, previous: _Previous | None) -> tuple[str, str] | None:
    """The two parties "the two countries" refers to: the previous claim's pair, else the last two
    distinct states or organisations named."""
    if previous is not None and previous.claim.subject and previous.claim.counterpart:
        return previous.claim.subject, previous.claim.counterpart
    found: list[str] = []
    for mention in reversed(article.mentions_between(max(0, before - _ANAPHOR_LOOKBACK), before)):
        if mention.entity_type in ("country", "organisation") and mention.entity_id not in found:
            found.append(mention.entity_id)
            if len(found) == 2:
                return found[1], found[0]
    return None


def _is_forecast(text: str, info: _SentenceInfo, clause: tuple[int, int], quantity: _Quantity,
                 spans: list[tuple[int, int]], vocab: _Vocabulary, previous: _Previous | None) -> bool:
    """A forecast cue between the previous number of the clause and this one, or a participle
    right after it ("250 trains planned"), within its clause. A number that follows a forecast
    in the same clause is one too ("to triple trade ... but also halve travel times") unless a
    comparison word stands between them ("..., up from $5 billion")."""
    index = bisect_left(spans, (quantity.start, quantity.end))
    lo = clause[0]
    cues = info.cues
    if index > 0 and spans[index - 1][1] > lo:
        lo = spans[index - 1][1]
        if (previous is not None and previous.claim.is_forecast and previous.claim.end == lo
                and cues.search("comparison_base", lo, quantity.start) is None):
            return True
    if cues.search("forecast", lo, quantity.start) is not None:
        return True
    hi = min(clause[1], quantity.end + _FORECAST_AFTER_CHARS)
    if index + 1 < len(spans):
        hi = min(hi, spans[index + 1][0])
    if not cues.starts_within("forecast", quantity.end, hi):
        return False  # most figures: no forecast word after them, and the cut need not be searched
    cut = _FORECAST_CUT.search(text, quantity.end, hi)
    if cut:
        hi = cut.start()
    found = cues.search("forecast", quantity.end, hi)
    return bool(found and found.group(0).lower().endswith("ed"))


_FORECAST_CUT = re.compile(r",|\band\b|\bwhile\b")

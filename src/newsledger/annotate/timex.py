"""Time expressions: dates and periods in the text, resolved to inclusive calendar periods.

``find_time_expressions(text, published)`` returns the expressions sorted by start, without
overlaps (at one position the longest reading wins). Every period is inclusive: "2023" is
2023-01-01..2023-12-31, "the first half of 2024" is 2024-01-01..2024-06-30.

What is recognised (vocabularies in ``data/reference/time_words.yaml``):

* days: ``July 6, 2023``, ``6 July 2023``, ``on 21 January 2021``, ISO ``2024-03-07``, ranges
  ``November 2-3, 2023``; without a year (``On July 6``) the day is relative;
* months: ``August 2024``, ``April this year``, ``January-June 2024``, ``from January to June 2024``;
  a bare ``April`` after a preposition is relative;
* parts of years: ``the first half of 2024``, ``H1 2024``, ``first quarter of 2024``, ``Q3 2023``,
  ``the first 7 months of 2023``, ``9M 2023``, ``late 2023`` (the whole year); ``over the nine
  months`` (as ``the first nine months``); ``the past eight months`` (the months up to the last
  full one before publication), ``the last three months of 2024``;
* years: ``2023`` (1900-2100, not a quantity such as ``2023 tons`` or ``$2023``), ``2022-2026``
  (``multi_year``);
* relative: ``last year``, ``this year``, ``next year``, ``this month``, ``last month``, ``today``,
  ``yesterday``, ``by the end of the year``, ``by year-end``; ``the same
  year``/``that year`` take the year of the last explicit year before them, ``the same day`` the
  last day; ``since the beginning
  of the year`` (January 1 to the publication date); ``this summer``, ``last spring`` (seasons);
  ``on Tuesday`` (weekdays: the latest such day, the next one in the future tense); ``the first
  half``, ``H1`` without a year (the year last written, when recent);
* ``the same period last year``: precision ``span`` with no period, since it mirrors another
  period: see ``resolve_same_period``.

Modifiers written before an expression are part of its quote: ``since 2014`` is a span from
2014-01-01 to the publication date (end None without one); ``by 2030``, ``until 2025`` are
horizons and keep the year's period (callers tell a horizon by the quote's first word, see
``is_horizon``).

Relative resolution (``is_relative`` True): a bare month or day is the latest one on or before the
publication date, unless the sentence speaks of the future before it ("will be held in December"),
then it is the next one. A part of a year written without its year ("January-September", "the first
7 months") falls in the publication year if it ends no later than the month after publication,
else in the year before. With no publication date relative expressions keep ``period_start`` and
``period_end`` None. Impossible dates ("February 30") give no expression rather than an error.

The "currently", "now", "to date", "in recent years" family is deliberately not a period.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Callable, NamedTuple

import ahocorasick
import yaml

from ..config import REFERENCE_DIR
from .folded_scan import TIME_STARTERS, scan_form_hits
from .matching import TrailingPattern, prefix_trie_pattern
from .pattern_prefixes import leading_pattern
from .scan_form import scan_form
from .spans import TimeExpression

TIME_WORDS_PATH = REFERENCE_DIR / "time_words.yaml"

PRECISION_RANK = {"day": 0, "month": 1, "quarter": 2, "half": 3, "span": 4, "year": 5, "multi_year": 6}


# ----------------------------------------------------------------------------- calendar helpers


RESOLVABLE_YEARS = (2, 9998)


def period_for_year(year: int) -> tuple[date, date]:
    """The inclusive period of a calendar year."""
    return date(year, 1, 1), date(year, 12, 31)


def period_for_month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def period_for_months(year: int, first_month: int, last_month: int) -> tuple[date, date]:
    """Months ``first_month``..``last_month`` of ``year`` (a range that wraps, Nov-Feb, starts the year before)."""
    start_year = year - 1 if first_month > last_month else year
    return date(start_year, first_month, 1), period_for_month(year, last_month)[1]


def period_for_quarter(year: int, quarter: int) -> tuple[date, date]:
    return period_for_months(year, 3 * quarter - 2, 3 * quarter)


def period_for_half(year: int, half: int) -> tuple[date, date]:
    return period_for_months(year, 6 * half - 5, 6 * half)


def _shift_date(day: date, years: int, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + years * 12 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    was_last = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month, last if was_last else min(day.day, last))


def shift_period(start: date, end: date, years: int = 0, months: int = 0) -> tuple[date, date]:
    """The period moved by whole years/months; month ends stay month ends (Feb 28 2023 -> Feb 29 2024).

    The claims' helper for "the same period last year": ``shift_period(*h1_2024, years=-1)``.
    """
    return _shift_date(start, years, months), _shift_date(end, years, months)


# ----------------------------------------------------------------------------- vocabularies


@dataclass(frozen=True)
class _Vocabulary:
    month_of: dict[str, int]
    month_pattern: str
    number_of: dict[str, int]
    number_pattern: str
    ordinal_of: dict[str, int]
    relative_years: dict[str, int]
    year_refs_after_part: dict[str, int]
    relative_months: dict[str, int]
    relative_days: dict[str, int]
    anaphoric_years: tuple[str, ...]
    anaphoric_days: tuple[str, ...]
    same_period_heads: tuple[str, ...]
    same_period_years: dict[str, int]
    since_words: tuple[str, ...]
    horizon_words: tuple[str, ...]
    not_year_followers: frozenset[str]
    not_year_leaders: tuple[str, ...]
    future_markers: tuple[str, ...]
    bare_month_leaders: tuple[str, ...]
    year_start_phrases: tuple[str, ...]
    seasons: dict[str, tuple[int, int]]
    season_leads: tuple[str, ...]
    weekdays: dict[str, int]


def _alternation(phrases, escape=True) -> str:
    items = sorted({str(p) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") if escape else p for p in items)


# YAML without the 1.1 booleans: a vocabulary's ``on``, ``off``, ``yes`` or ``no`` is that word, not
# True or False (a bare ``on`` among the month leaders was silently read as "true"). Made by ``type``:
# a class statement here would be compiled (``annotate.native``), and a compiled subclass of the
# library's loader does not work.
_WordsLoader = type("_WordsLoader", (yaml.SafeLoader,), {"yaml_implicit_resolvers": {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}})


@lru_cache(maxsize=None)
def load_time_words(path: Path = TIME_WORDS_PATH) -> _Vocabulary:
    raw = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_WordsLoader)  # noqa: S506 (a SafeLoader)
    month_of: dict[str, int] = {}
    spellings = []
    for number, names in raw["months"].items():
        for name in names:
            month_of[name] = int(number)
            # Abbreviations may carry a full stop; full names never do.
            spellings.append(re.escape(name) + (r"\b\.?" if len(name) <= 4 and name != "May" else r"\b"))
    spellings.sort(key=len, reverse=True)
    number_of = {str(k).lower(): int(v) for k, v in raw["number_words"].items()}
    lower_keys = lambda d: {str(k).lower(): int(v) for k, v in d.items()}  # noqa: E731
    return _Vocabulary(
        month_of=month_of,
        month_pattern="(?:" + "|".join(spellings) + ")",
        number_of=number_of,
        number_pattern=r"(?:\d{1,2}|" + _alternation(number_of) + ")",
        ordinal_of=lower_keys(raw["ordinals"]),
        relative_years=lower_keys(raw["relative_years"]),
        year_refs_after_part=lower_keys(raw["year_refs_after_part"]),
        relative_months=lower_keys(raw["relative_months"]),
        relative_days=lower_keys(raw["relative_days"]),
        anaphoric_years=tuple(str(p).lower() for p in raw["anaphoric_years"]),
        anaphoric_days=tuple(str(p).lower() for p in raw["anaphoric_days"]),
        same_period_heads=tuple(str(p).lower() for p in raw["same_period_heads"]),
        same_period_years=lower_keys(raw["same_period_years"]),
        since_words=tuple(str(p).lower() for p in raw["since_words"]),
        horizon_words=tuple(str(p).lower() for p in raw["horizon_words"]),
        not_year_followers=frozenset(str(p).lower() for p in raw["not_year_followers"]),
        not_year_leaders=tuple(str(p) for p in raw["not_year_leaders"]),
        future_markers=tuple(str(p).lower() for p in raw["future_markers"]),
        bare_month_leaders=tuple(str(p).lower() for p in raw["bare_month_leaders"]),
        year_start_phrases=tuple(str(p).lower() for p in raw["year_start_phrases"]),
        seasons={str(k).lower(): (int(v[0]), int(v[1])) for k, v in raw["seasons"].items()},
        season_leads=tuple(str(p).lower() for p in raw["season_leads"]),
        weekdays={str(k): int(v) for k, v in raw["weekdays"].items()},
    )


def number_value(word: str) -> int | None:
    """``"7"`` -> 7, ``"seven"`` -> 7, from the counting words of ``time_words.yaml``; else None."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return load_time_words().number_of.get(re.sub(r"\s+", " ", word))


# ----------------------------------------------------------------------------- resolution


def _normal(phrase: str) -> str:
    # str.split() and the pattern \s split at the same white space.
    return " ".join(phrase.lower().split())


class _Reading(NamedTuple):
    """A candidate expression before overlaps are settled (a tuple: one is made per candidate)."""

    start: int
    end: int
    precision: str
    period: tuple[date, date] | None
    is_relative: bool
    kind: str  # the rule; "bare_month" and "anaphoric_year" get a second look after selection
    explicit_year: int | None = None  # the year written in the expression, for anaphora


def _latest_month(month: int, published: date, future: bool) -> int:
    """The year of the latest ``month`` on or before the publication month (the next one if ``future``)."""
    if future:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _latest_day(month: int, day: int, published: date, future: bool) -> date | None:
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if future:
        after = [d for d in candidates if d >= published]
        return min(after) if after else None
    before = [d for d in candidates if d <= published]
    return max(before) if before else None


def _year_of_part(last_month: int, published: date) -> int:
    """The year of a part of a year written without one: this year if it ends by next month, else last year."""
    return published.year if last_month <= published.month + 1 else published.year - 1


def _is_future(text: str, start: int) -> bool:
    window = text[max(0, start - 120) : start]
    cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("? "), window.rfind("! "))
    clause = window[cut + 1 :]
    patterns = _compiled()
    if patterns.future_in_lower_ascii is not None and clause.isascii():
        return patterns.future_in_lower_ascii.search(clause.lower()) is not None
    return patterns.future.search(clause) is not None


class _Resolver:
    """Turns a regex match into a reading; one method per rule, all tolerant of impossible dates."""

    def __init__(self, text: str, published: date | None):
        self.text = text
        self.published = published
        self.words = load_time_words()

    # Year references: "2023", "this year", "the year" (only after a part of a year).
    def year_ref(self, ref: str | None, after_part: bool) -> tuple[int | None, bool, bool]:
        """(year, is_relative, understood) for the year written after a month or part of a year."""
        if ref is None:
            return None, True, True
        ref_n = _normal(ref)
        if ref_n.isdigit():
            year = int(ref_n)
            return (year, False, True) if 1900 <= year <= 2100 else (None, False, False)
        offsets = dict(self.words.relative_years)
        if after_part:
            offsets.update(self.words.year_refs_after_part)
        if ref_n not in offsets:
            return None, True, False
        if self.published is None:
            return None, True, True
        return self.published.year + offsets[ref_n], True, True

    def month(self, name: str) -> int:
        return self.words.month_of[name.rstrip(".")]

    def iso(self, m: re.Match) -> _Reading | None:
        try:
            day = date(int(m["year"]), int(m["mo"]), int(m["day"]))
        except ValueError:
            return self._impossible(m)
        return _Reading(m.start(), m.end(), "day", (day, day), False, "iso", day.year)

    def month_day(self, m: re.Match) -> _Reading | None:
        month = self.month(m["mon"])
        first, last = int(m["day"]), int(m["day2"] or m["day"])
        if not 1 <= first <= last <= 31:
            return self._impossible(m)
        year, relative, understood = self.year_ref(m["ref"], after_part=False)
        if not understood:
            return None
        if m["ref"] is None:
            if self.published is None:
                return _Reading(m.start(), m.end(), "day", None, True, "relative_day")
            start = _latest_day(month, first, self.published, _is_future(self.text, m.start()))
            if start is None:
                return self._impossible(m)
            year = start.year
        elif year is None:
            return _Reading(m.start(), m.end(), "day", None, True, "relative_day")
        try:
            period = (date(year, month, first), date(year, month, last))
        except ValueError:
            return self._impossible(m)
        return _Reading(m.start(), m.end(), "day", period, relative, "day", None if relative else year)

    @staticmethod
    def _impossible(m: re.Match) -> _Reading:
        """A date that cannot exist ("February 30"): it holds its span so that no part of it is read instead."""
        return _Reading(m.start(), m.end(), "day", None, False, "impossible")

    def month_range(self, m: re.Match) -> _Reading | None:
        connector = _normal(m["conn"])
        lead = _normal(m["lead"] or "")
        if connector == "and" and lead != "between":
            return None  # "June and September 2022" is two months, not a range
        if connector in ("to", "through", "till", "until") and not lead and m["year1"] is None:
            return None  # "from January to June" needs its "from"; "April to Baku" is not a range
        first, last = self.month(m["mon"]), self.month(m["mon2"])
        year, relative, understood = self.year_ref(m["ref"], after_part=True)
        if not understood:
            return None
        if m["ref"] is None and self.published is not None:
            year = _year_of_part(last, self.published)
        if year is None:
            return _Reading(m.start(), m.end(), "span", None, True, "month_range")
        if m["year1"] is not None:
            start = date(int(m["year1"]), first, 1)
            end = period_for_month(year, last)[1]
            if start > end:
                return None
            return _Reading(m.start(), m.end(), "span", (start, end), relative, "month_range", None if relative else year)
        return _Reading(m.start(), m.end(), "span", period_for_months(year, first, last), relative, "month_range", None if relative else year)

    def month_year(self, m: re.Match) -> _Reading | None:
        month = self.month(m["mon"])
        year: int | None
        if m["same"] is not None:
            return _Reading(m.start(), m.end(), "month", None, True, "anaphoric_month", None)
        if m["ref"] is None:
            if not self._month_context(m.start()):
                return None
            if self.published is None:
                return _Reading(m.start(), m.end(), "month", None, True, "bare_month")
            year = _latest_month(month, self.published, _is_future(self.text, m.start()))
            return _Reading(m.start(), m.end(), "month", period_for_month(year, month), True, "bare_month")
        year, relative, understood = self.year_ref(m["ref"], after_part=False)
        if not understood:
            return None
        if year is None:
            return _Reading(m.start(), m.end(), "month", None, True, "month")
        return _Reading(m.start(), m.end(), "month", period_for_month(year, month), relative, "month", None if relative else year)

    def _month_context(self, start: int) -> bool:
        window_start = max(0, start - 20)
        patterns = _compiled()
        window = self.text[window_start:start]
        if window.isascii() and patterns.month_leader_words is not None:
            return self._month_context_ascii(window, window_start, patterns.month_leader_words)
        return patterns.month_leader.search(self.text, window_start, start) is not None

    def _month_context_ascii(self, window: str, window_start: int, leaders: tuple[str, ...]) -> bool:
        """What ``month_leader`` says of an ASCII window, when every leader is one word beginning
        with a letter or digit. The pattern ends in white space and the end, so what it matches
        ends where the window's trailing white space begins: a line break in that white space, a
        window of white space at the start of the text, a punctuation mark or a leader (a whole
        word, any case) just before it."""
        content = window.rstrip()
        if "\n" in window[len(content):]:
            return True
        if not content:
            return window_start == 0
        if content[-1] in ".!?,;(":
            return True
        lowered = content.lower()
        if not lowered.endswith(leaders):
            return False
        for leader in leaders:
            if lowered.endswith(leader) and len(leader) <= len(content):
                before = window_start + len(content) - len(leader) - 1
                if before < 0 or not (self.text[before].isalnum() or self.text[before] == "_"):
                    return True
        return False

    def _part(self, m: re.Match, precision: str, last_month: int, period_of: Callable[[int], tuple[date, date]], kind: str) -> _Reading | None:
        ref = m["ref"] if "ref" in m.re.groupindex else None
        year, relative, understood = self.year_ref(ref, after_part=True)
        if not understood:
            return None
        if ref is None and self.published is not None:
            year = _year_of_part(last_month, self.published)
        if year is None:
            return _Reading(m.start(), m.end(), precision, None, True, kind)
        return _Reading(m.start(), m.end(), precision, period_of(year), relative, kind, None if relative else year)

    def _ordinal(self, word: str, count: int) -> int | None:
        value = self.words.ordinal_of.get(word.lower())
        if value is None:
            return None
        value = count if value == -1 else value
        return value if 1 <= value <= count else None

    def half(self, m: re.Match) -> _Reading | None:
        groups = m.groupdict()
        half = self._ordinal(groups["ord"], 2) if groups.get("ord") else int(groups.get("code") or groups["code_b"])
        if half is None:
            return None
        # "the first half" with no year: the year the article was last speaking of (see
        # ``_resolve_in_context``), else the publication year's.
        kind = "half" if m.groupdict().get("ref") else "anaphoric_half"
        return self._part(m, "half", 6 * half, lambda y: period_for_half(y, half), kind)

    def quarter(self, m: re.Match) -> _Reading | None:
        groups = m.groupdict()
        if groups.get("ord"):
            ordinal = self._ordinal(groups["ord"], 4)
            if ordinal is None:
                return None
            first = last = ordinal
        else:
            first, last = int(m["code"]), int(m["code2"] or m["code"])
            if last < first:
                return None
        precision = "quarter" if first == last else "span"
        return self._part(m, precision, 3 * last, lambda y: period_for_months(y, 3 * first - 2, 3 * last), "quarter")

    def n_months(self, m: re.Match) -> _Reading | None:
        count = number_value(m["n"])
        if count is None or not 1 <= count <= 12:
            return None
        if m.groupdict().get("trailing") and m["ref"] is not None:  # "the last three months of 2024"
            return self._part(m, "span", 12, lambda y: period_for_months(y, 13 - count, 12), "n_months")
        if m.groupdict().get("trailing"):
            # "over the past eight months": the months up to the last full one before publication
            # (January-August in September: what year-to-date statistics report).
            if self.published is None:
                return _Reading(m.start(), m.end(), "span", None, True, "trailing_months")
            last = date(self.published.year, self.published.month, 1) - timedelta(days=1)
            first_month_index = last.year * 12 + last.month - count  # months since year 0, zero-based
            first = date(first_month_index // 12, first_month_index % 12 + 1, 1)
            return _Reading(m.start(), m.end(), "span", (first, last), True, "trailing_months")
        if not m["first"] and not m.groupdict().get("the") and m["ref"] is None:
            # "12 months" alone is a duration; "over the nine months" is the reporting period, as "the first nine months"
            return None
        return self._part(m, "span", count, lambda y: period_for_months(y, 1, count), "n_months")

    def year_part(self, m: re.Match) -> _Reading | None:
        year = int(m["year"])
        return _Reading(m.start(), m.end(), "year", period_for_year(year), False, "year", year)

    def year_range(self, m: re.Match) -> _Reading | None:
        first = int(m["year"])
        second_text = m["year2"]
        second = int(second_text) if len(second_text) == 4 else (first // 100) * 100 + int(second_text)
        connector = _normal(m["conn"])
        if connector == "and" and _normal(m["lead"] or "") != "between":
            return None
        if not (1900 <= first < second <= 2100 and second - first <= 50):
            return None
        return _Reading(m.start(), m.end(), "multi_year", (date(first, 1, 1), date(second, 12, 31)), False, "year_range", first)

    def year(self, m: re.Match) -> _Reading | None:
        year = int(m["year"])
        if not 1900 <= year <= 2100:
            return None
        after = self.text[m.end() : m.end() + 12]
        follower = _compiled().follower.match(after)
        if follower and follower.group(1).lower() in self.words.not_year_followers:
            return None
        before = self.text[max(0, m.start() - 5) : m.start()].rstrip()
        if any(before.endswith(lead) for lead in self.words.not_year_leaders):
            return None
        return _Reading(m.start(), m.end(), "year", period_for_year(year), False, "year", year)

    def relative_year(self, m: re.Match) -> _Reading | None:
        offset = self.words.relative_years[_normal(m["phrase"])]
        if self.published is None:
            return _Reading(m.start(), m.end(), "year", None, True, "relative_year")
        return _Reading(m.start(), m.end(), "year", period_for_year(self.published.year + offset), True, "relative_year")

    def relative_month(self, m: re.Match) -> _Reading | None:
        offset = self.words.relative_months[_normal(m["phrase"])]
        if self.published is None:
            return _Reading(m.start(), m.end(), "month", None, True, "relative_month")
        start, end = shift_period(*period_for_month(self.published.year, self.published.month), months=offset)
        return _Reading(m.start(), m.end(), "month", (start, end), True, "relative_month")

    def relative_day(self, m: re.Match) -> _Reading | None:
        if self.published is None:
            return _Reading(m.start(), m.end(), "day", None, True, "relative_day")
        day = date.fromordinal(self.published.toordinal() + self.words.relative_days[_normal(m["phrase"])])
        return _Reading(m.start(), m.end(), "day", (day, day), True, "relative_day")

    def year_to_date(self, m: re.Match) -> _Reading | None:
        if self.published is None:
            return _Reading(m.start(), m.end(), "span", None, True, "since")
        return _Reading(m.start(), m.end(), "span", (date(self.published.year, 1, 1), self.published), True, "since")

    def season(self, m: re.Match) -> _Reading | None:
        first, last = self.words.seasons[m["season"].lower()]
        if self.published is None:
            return _Reading(m.start(), m.end(), "span", None, True, "season")
        lead, year = m["lead"].lower(), self.published.year
        if lead == "last":
            year = year if first <= self.published.month else year - 1
        elif lead == "next":
            year = year if first > self.published.month else year + 1
        return _Reading(m.start(), m.end(), "span", period_for_months(year, first, last), True, "season")

    def weekday(self, m: re.Match) -> _Reading | None:
        if self.published is None:
            return _Reading(m.start(), m.end(), "day", None, True, "weekday")
        # "on Monday and Tuesday": the days from the first to the second, which is dated as one weekday is.
        last_weekday = self.words.weekdays[m["weekday2"] or m["weekday"]]
        back = (self.published.weekday() - last_weekday) % 7
        if _is_future(self.text, m.start()):
            day = date.fromordinal(self.published.toordinal() + (7 - back) % 7)
        else:
            day = date.fromordinal(self.published.toordinal() - back)
        first = date.fromordinal(day.toordinal() - (last_weekday - self.words.weekdays[m["weekday"]]) % 7)
        return _Reading(m.start(), m.end(), "day", (first, day), True, "weekday")

    def anaphoric_year(self, m: re.Match) -> _Reading | None:
        return _Reading(m.start(), m.end(), "year", None, True, "anaphoric_year")

    def anaphoric_day(self, m: re.Match) -> _Reading | None:
        return _Reading(m.start(), m.end(), "day", None, True, "anaphoric_day")

    def same_period(self, m: re.Match) -> _Reading | None:
        return _Reading(m.start(), m.end(), "span", None, True, "same_period")


# ----------------------------------------------------------------------------- patterns


@dataclass(frozen=True)
class _AnchorClass:
    """Rules that can only match around an anchor: a cheap scan finds anchors, the rules are tried there.

    Scanning the whole text with each of the ~20 rules costs ~10 s per million words. The anchors
    (a year, a month name, a period word) are found in one Aho-Corasick pass over the text (see
    ``_find_anchors``); each rule is then only *matched* at the anchor and at the starts of the few
    words before it ("the first half of" 2024). A class holds only the rules whose phrase contains
    its anchor, so that "year" does not try the quarter rules.
    """

    anchors: tuple[re.Pattern, ...]
    starters: tuple[tuple[str, ...], ...]  # per anchor: literals every match of it begins with
    rules: tuple[tuple[re.Pattern, str, int], ...]  # (pattern, resolver method name, words it may start before the anchor)
    word_anchor: bool  # every rule needs the anchor to start a word: a hit inside a word ("behalf") is skipped
    # Per word start (0: the anchor, 1: the start of its word or the word before, ...): the rules
    # that may start there as one pattern of optional look-aheads, one call where a call per rule
    # cost more than the matching; (rule index, group of its look-ahead) pairs; and the first two
    # characters such a match can begin with (None: any), a pattern and what it said of each pair
    # so far. Most words before an anchor ("in", "of") cannot begin any rule and are passed over.
    at_depth: tuple[tuple[re.Pattern, tuple[tuple[int, int], ...], re.Pattern | None, dict[str, bool]], ...]

    @property
    def depth(self) -> int:
        return len(self.at_depth)


_GROUP_NAME = re.compile(r"\(\?P([<=])(\w+)")
# How many characters of a word start are read before its rules are tried. Two rather than one:
# "the", "this" and "that" pass a test of the first letter for the "year" rules, a test of "th"
# refuses "to", "trade", "total"... The rules' combined pattern was tried at 34% fewer places over
# the 1M-word benchmark (17,264 -> 11,397 per 600 articles); three characters refused only 5% more.
_PREFIX_LENGTH = 2


def _first_characters(patterns: list[str]) -> re.Pattern | None:
    """The first ``_PREFIX_LENGTH`` characters that every match of any of ``patterns`` begins with
    (a shorter match: all of it), as a pattern; None when one of them may begin with anything (or
    match nothing at all)."""
    return leading_pattern(patterns, _PREFIX_LENGTH)


def _group_renamer(index: int) -> Callable[[re.Match], str]:
    return lambda m: f"(?P{m[1]}_r{index}_{m[2]}"


def _anchor_class(anchors: tuple[tuple[str, tuple[str, ...]], ...], rules, word_anchor: bool) -> _AnchorClass:
    """The class, its rules compiled one by one (the resolvers read their groups) and together."""
    compiled = tuple((re.compile(pattern), name, back) for pattern, name, back in rules)
    at_depth: list[tuple[re.Pattern, tuple[tuple[int, int], ...], re.Pattern | None, dict[str, bool]]] = []
    for depth in range(max(back for _, _, back in rules) + 2):
        parts, members, sources = [], [], []
        for index, (pattern, _, back) in enumerate(rules):
            if depth < back + 2:
                sources.append(pattern)
                # A rule's own group names are prefixed so that the rules can share one pattern.
                own = _GROUP_NAME.sub(_group_renamer(index), pattern)
                parts.append(f"(?:(?=(?P<_r{index}>{own}))|)")
                members.append(index)
        combined = re.compile("".join(parts))
        groups = tuple((index, combined.groupindex[f"_r{index}"]) for index in members)
        at_depth.append((combined, groups, _first_characters(sources), {}))
    return _AnchorClass(
        anchors=tuple(re.compile(pattern) for pattern, _ in anchors),
        starters=tuple(starters for _, starters in anchors),
        rules=compiled,
        word_anchor=word_anchor,
        at_depth=tuple(at_depth),
    )


@dataclass(frozen=True)
class _Patterns:
    classes: tuple[_AnchorClass, ...]
    starters: ahocorasick.Automaton  # scan form of a starter -> ((starter, starts a word, ((class index, anchor index), ...)), ...)
    starter_keys: dict[str, tuple[tuple[str, bool, tuple[tuple[int, int], ...]], ...]]  # what ``starters`` holds
    month_leader: re.Pattern
    month_leader_words: tuple[str, ...] | None  # the leaders, when each is one ASCII word beginning with a letter or digit
    future: re.Pattern
    future_in_lower_ascii: re.Pattern | None  # whether ``future`` matches lower-case ASCII text, found by the engine's first-character scan
    follower: re.Pattern
    modifier: TrailingPattern
    coordination: re.Pattern


def _single_words(phrases) -> tuple[str, ...] | None:
    """The one-word phrases, lower case, when they are ASCII words beginning with a letter or digit
    and every longer phrase ends with one of them (the longer one is then found only where its last
    word, preceded by white space, is found as well); else None."""
    phrases = {str(p).lower() for p in phrases}
    if any(p != " ".join(p.split()) for p in phrases):
        return None
    words = {p for p in phrases if " " not in p}
    if not all(word.isascii() and word[:1].isalnum() for word in words):
        return None
    if any(p.split()[-1] not in words for p in phrases - words):
        return None
    return tuple(sorted(words))


def _words_in_lower_ascii(phrases) -> re.Pattern | None:
    """``(?i:\\b(?:phrase|...)\\b)`` for text in lower-case ASCII (where ignoring case is lower-casing).

    A leading ``\\b`` keeps the engine from skipping ahead to the phrases' first letters, so it is
    written as a look-behind after the first letter; the phrases must begin and end with a letter
    or digit for that to mean the same. None when one does not. The phrases after each first letter
    are one prefix trie (a branch point tests one character, not every phrase): only whether there
    is a match is asked, so which phrase an alternation would prefer does not matter."""
    rests_after: dict[str, list[str]] = {}
    for phrase in sorted({str(p).lower() for p in phrases}):
        if not (phrase.isascii() and phrase[:1].isalnum() and phrase[-1:].isalnum()):
            return None
        rests_after.setdefault(phrase[0], []).append(phrase[1:])
    space = r"\s+"
    return re.compile("|".join(
        rf"{re.escape(first)}(?<!\w[\s\S])(?:{prefix_trie_pattern(rests, space)})(?!\w)"
        for first, rests in rests_after.items()
    ))


@lru_cache(maxsize=None)
def _compiled() -> _Patterns:
    w = load_time_words()
    MON = w.month_pattern
    YEAR = r"(?:19\d\d|20\d\d|2100)(?!\d)"
    DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–—]\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?(?!\d)"
    rel_years = _alternation(w.relative_years)
    part_years = _alternation({**w.relative_years, **w.year_refs_after_part})
    REF = rf"(?P<ref>{YEAR}|(?i:{rel_years})\b)"
    PART_REF = rf"(?P<ref>{YEAR}|(?i:{part_years})\b)"
    ordinals = _alternation(w.ordinal_of)
    anaphoric = _alternation(w.anaphoric_years)
    heads = _alternation(w.same_period_heads)
    same_years = _alternation(w.same_period_years)
    month_rules = [
        (rf"\b(?P<mon>{MON})\s+{DAY}(?:,?\s+(?:of\s+)?{REF})?(?![\d%]|[.,]\d)", "month_day", 0),
        (rf"(?<![\d.,$€£])\b{DAY}\s+(?:of\s+)?(?P<mon>{MON})(?:,?\s+(?:of\s+)?{REF})?", "month_day", 2),
        (rf"(?:\b(?P<lead>(?i:from|between))\s+)?\b(?P<mon>{MON})(?:\s+(?P<year1>{YEAR}))?"
         rf"(?P<conn>\s*[-–—]\s*|\s+(?i:to|through|till|until|and)\s+)(?P<mon2>{MON})(?:,?\s+(?:of\s+)?{PART_REF})?", "month_range", 1),
        (rf"\b(?P<mon>{MON})(?:,?\s+(?:of\s+)?(?:{REF}|(?P<same>(?i:{anaphoric})\b)))?", "month_year", 0),
    ]
    year_rules = [
        (rf"(?<![\d-])(?P<year>\d{{4}})-(?P<mo>\d\d)-(?P<day>\d\d)(?![\d-])", "iso", 0),
        (rf"(?<![\w.])(?:H(?P<code>[12])|(?P<code_b>[12])H)(?:\s*(?:of\s+)?{REF})?(?![\w])", "half", 2),
        (rf"(?<![\w.])Q(?P<code>[1-4])(?:\s*[-–]\s*Q(?P<code2>[1-4]))?(?:\s*(?:of\s+)?{REF})?(?!\w)", "quarter", 2),
        (rf"(?<![\w.])(?P<first>)(?P<n>\d{{1,2}})M\s*{PART_REF}", "n_months", 1),
        (rf"(?i:\b(?:early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end-))\s*(?P<year>{YEAR})", "year_part", 3),
        (rf"(?:\b(?P<lead>(?i:from|between))\s+)?(?<![\d$€£#/.,-])(?P<year>{YEAR})"
         rf"(?P<conn>\s*[-–—/]\s*|\s+(?i:to|through|till|until|and)\s+)(?P<year2>{YEAR}|\d\d(?!\d))", "year_range", 1),
        (rf"(?<![\d$€£#/:-])(?<!\d[.,])(?P<year>{YEAR})(?!s\b|[.,]\d|:\d|-\d)", "year", 0),
        (rf"(?i:\b(?:{heads})(?:\s+(?:of|in))?\s+){YEAR}", "same_period", 4),
    ]
    half_rules = [
        (rf"(?i:\b(?:the\s+)?(?P<ord>{ordinals})\s+half(?:\s+of)?)\s+{PART_REF}", "half", 2),
        (rf"(?<![\w.])(?:H(?P<code>[12])|(?P<code_b>[12])H)(?![\w])", "half", 0),
        # "in the first half" with no year: see ``half`` and ``_resolve_in_context``.
        (rf"(?i:\bthe\s+(?P<ord>{ordinals})\s+half)(?!-|\s+of\b)", "half", 2),
    ]
    quarter_rules = [
        (rf"(?i:\b(?:the\s+)?(?P<ord>{ordinals})\s+quarter)(?:\s+of\s+{PART_REF}|\s+{YEAR})?", "quarter", 2),
        (rf"(?<![\w.])Q(?P<code>[1-4])(?:\s*[-–]\s*Q(?P<code2>[1-4]))?(?!\w)", "quarter", 0),
    ]
    n_months = (rf"(?i:\b(?P<the>the\s+)?(?:(?P<first>first\s+)|(?P<trailing>(?:past|last|previous)\s+))?"
                rf"(?P<n>{w.number_pattern})\s+months)(?:\s+of\s+{PART_REF})?", "n_months", 3)
    relative_year = (rf"(?i:\b(?P<phrase>{rel_years})\b)", "relative_year", 4)  # "the end of the year"
    relative_month = (rf"(?i:\b(?P<phrase>{_alternation(w.relative_months)})\b)", "relative_month", 2)
    anaphoric_year = (rf"(?i:\b(?P<phrase>{anaphoric})\b)", "anaphoric_year", 2)
    anaphoric_day = (rf"(?i:\b(?P<phrase>{_alternation(w.anaphoric_days)})\b)", "anaphoric_day", 2)
    relative_day = (rf"(?i:\b(?P<phrase>{_alternation(w.relative_days)})\b)", "relative_day", 0)
    same_period = (rf"(?i:\b(?:{heads})(?:\s+(?:of|in))?\s+(?:{same_years}))", "same_period", 3)
    starts = _alternation(w.year_start_phrases)
    year_to_date = (rf"(?i:\b(?:{_alternation(w.since_words)})\s+(?:{starts})\b)", "year_to_date", 2)
    season = (rf"(?i:\b(?P<lead>{_alternation(w.season_leads)})\s+(?P<season>{_alternation(w.seasons)})\b)", "season", 1)
    weekday = (rf"\b(?P<weekday>{_alternation(w.weekdays)})(?:\s*(?:-|\u2013|\s(?:and|to|through|till|until)\s)\s*"
               rf"(?P<weekday2>{_alternation(w.weekdays)}))?\b", "weekday", 0)
    leaders = _alternation(w.bare_month_leaders)
    modifiers = _alternation(w.since_words + w.horizon_words)
    # An anchor is a pattern and the literals its matches begin with (month names, "19" and "20"
    # for years); the literals are what the text is scanned for. Period words are written in lower
    # case even in "Last year", "The first half".
    literal = lambda *words: tuple((re.escape(word), (word,)) for word in words)  # noqa: E731
    day_words = [d for word in w.relative_days for d in (word, word.capitalize())]
    classes = (
        _anchor_class(((MON, tuple(w.month_of)),), month_rules, True),
        _anchor_class(((r"19\d\d", ("19",)), (r"20\d\d", ("20",)), (r"2100", ("2100",))), year_rules, False),
        _anchor_class(literal("half", "H1", "H2", "1H", "2H"), half_rules, True),
        _anchor_class(literal("quarter", "Q1", "Q2", "Q3", "Q4"), quarter_rules, True),
        _anchor_class(literal("month"), [n_months, relative_month, same_period], True),
        _anchor_class(literal("year"), [relative_year, anaphoric_year, same_period], True),
        _anchor_class(literal(*{p.split()[1] for p in w.year_start_phrases}), [year_to_date], True),
        _anchor_class(literal(*w.seasons), [season], True),
        _anchor_class(tuple((re.escape(day), (day,)) for day in w.weekdays), [weekday], True),
        _anchor_class(literal("period", "time"), [same_period], True),
        _anchor_class(literal(*day_words), [relative_day], True),
        _anchor_class(literal("day"), [anaphoric_day], True),
    )
    # A starter of a class whose anchors start words is looked for after a separator (see
    # ``scan_form``): the automaton then leaves its root only at separators and digits, about half
    # the cost per character of looking for every starter everywhere.
    owners: dict[tuple[str, bool], list[tuple[int, int]]] = {}
    for class_index, anchor_class in enumerate(classes):
        for anchor_index, anchor_starters in enumerate(anchor_class.starters):
            for starter in anchor_starters:
                owners.setdefault((starter, anchor_class.word_anchor), []).append((class_index, anchor_index))
    written_as: dict[str, list[tuple[str, bool, tuple[tuple[int, int], ...]]]] = {}
    for (starter, word_start), found_in in owners.items():
        key = (" " if word_start else "") + scan_form(starter)
        written_as.setdefault(key, []).append((starter, word_start, tuple(found_in)))
    starter_keys = {key: tuple(entries) for key, entries in written_as.items()}
    starters = ahocorasick.Automaton()
    for key, entries in starter_keys.items():
        starters.add_word(key, entries)
    starters.make_automaton()
    return _Patterns(
        classes=classes,
        starters=starters,
        starter_keys=starter_keys,
        month_leader=re.compile(rf"(?:(?i:\b(?:{leaders}))\s*|[,;(]\s*|(?:^|[.!?\n])\s*)$"),
        month_leader_words=_single_words(w.bare_month_leaders),
        future=re.compile(rf"(?i:\b(?:{_alternation(w.future_markers)})\b)"),
        future_in_lower_ascii=_words_in_lower_ascii(w.future_markers),
        follower=re.compile(r"\s*([^\s,.;:()]+)"),
        modifier=TrailingPattern(re.compile(rf"(?i:\b(?P<word>{modifiers})\s+)$"), w.since_words + w.horizon_words),
        coordination=re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$"),
    )


def time_starter_keys() -> dict[str, tuple[tuple[str, bool, tuple[tuple[int, int], ...]], ...]]:
    """The keys of the time anchors' starters, in the padded scan form, and their values (see ``_find_anchors``)."""
    return _compiled().starter_keys


MAX_WORDS_BACK = 4


def _word_starts(text: str, position: int, wanted: int) -> list[int]:
    """``position``, then the start of the word holding it and of the words before, ``wanted`` starts at most."""
    starts = [position]
    floor = max(0, position - 60)
    # Words are separated by spaces and line breaks; the few windows with a line break are read
    # with it made a space, so that one look-up finds the separator before a word.
    window = text[floor:position]
    if "\n" in window:
        window = window.replace("\n", " ")
    cursor = last = len(window)
    while len(starts) < wanted:
        space = window.rfind(" ", 0, cursor)
        if space + 1 != last:  # (the anchor itself starts a word)
            last = space + 1
            starts.append(floor + last)
        if space < 0:
            break
        cursor = space
        while cursor and window[cursor - 1] == " ":
            cursor -= 1
    return starts


def _find_anchors(text: str, patterns: _Patterns) -> list[list[re.Match]]:
    """Per class, what ``anchor.finditer(text)`` finds for each of its anchors in turn; for a class
    whose anchors must start a word, only the matches that do (the others are never read).

    One Aho-Corasick pass finds where the anchors' starters are; each anchor is then matched at
    those places only, left to right, a place inside its previous match skipped as ``finditer``
    skips it. A match can begin nowhere else, so the matches are ``finditer``'s, in its order.
    Leaving out the matches inside words hides no other: an anchor's match is letters and digits
    with at most a full stop after them (a month name, a word), so nothing that starts a word
    starts inside it."""
    places: dict[tuple[int, int], list[int]] = {}
    # The starters are found in the pass the other annotators share (see ``folded_scan``), unless
    # the patterns are not the default ones, whose starters that pass holds.
    for last, written_as in scan_form_hits(text, TIME_STARTERS, patterns.starters, share=patterns is _compiled()):
        for starter, word_start, owners in written_as:
            # Index ``last`` of the padded scan form is the text's ``last - 1``; a word starter's
            # key has the separator before it.
            start = last - len(starter)
            if not text.startswith(starter, start):
                continue
            if word_start and start and text[start - 1].isalnum():
                continue  # after a letter outside ASCII (a "?" in the scan form)
            for owner in owners:
                places.setdefault(owner, []).append(start)
    found: list[list[re.Match]] = [[] for _ in patterns.classes]
    for owner in sorted(places):
        class_index, anchor_index = owner
        anchor = patterns.classes[class_index].anchors[anchor_index]
        matches = found[class_index]
        reach = 0
        for start in sorted(set(places[owner])):
            if start < reach:
                continue
            match = anchor.match(text, start)
            if match is not None:
                matches.append(match)
                reach = match.end()
    return found


def _candidates(text: str, anchor_class: _AnchorClass, anchors: list[re.Match], out: list[_Candidate]) -> None:
    """The matches of the class's rules that start at an anchor or a few words before it and reach
    past its end, in the order their readings are listed in. A rule is tried at a place once, for
    the first anchor that has the place in reach."""
    tried: set[tuple[int, int]] = set()
    # What the rules matched at a word start and depth, keyed ``start * depths + depth``: anchors a
    # word apart look at the same starts, and an int key hashes faster than a pair.
    matched_at: dict[int, list[tuple[int, int, int, int]] | tuple[()]] = {}
    rules = anchor_class.rules
    at_depth = anchor_class.at_depth
    n_depths = len(at_depth)
    for found in anchors:
        position = found.start()
        hits = []
        for depth, start in enumerate(_word_starts(text, position, n_depths)):
            combined, groups, first, admits = at_depth[depth]
            if first is not None:
                # Most words cannot begin any rule at their depth: one look at their first characters.
                prefix = text[start : start + _PREFIX_LENGTH]
                admitted = admits.get(prefix)
                if admitted is None:
                    admitted = admits[prefix] = first.match(prefix) is not None
                if not admitted:
                    continue
            key = start * n_depths + depth
            matched = matched_at.get(key)
            if matched is None:
                found_here = combined.match(text, start)
                if found_here.lastindex is None:  # type: ignore[union-attr]  # every rule may match empty; none matched (two calls in three)
                    matched = matched_at[key] = ()
                else:
                    spans = found_here.regs  # type: ignore[union-attr]
                    matched = matched_at[key] = [(index, depth, start, spans[group][1]) for index, group in groups if spans[group][0] >= 0]
            if matched:
                hits += matched
        if not hits:
            continue
        hits.sort()  # rule by rule, each from the anchor backwards: the order readings are listed in
        for index, _, start, end in hits:
            if (start, index) in tried:
                continue
            tried.add((start, index))
            if end >= found.end():
                pattern, method, _ = rules[index]
                out.append((start, end, pattern, method))


# ----------------------------------------------------------------------------- the annotator


_Candidate = tuple[int, int, re.Pattern, str]  # start, end, the rule's pattern and its resolver method


def _select(text: str, candidates: list[_Candidate], resolver: _Resolver) -> list[_Reading]:
    """The readings, longest first at each position (then by precision, then in the order found),
    left to right without overlap.

    A reading spans its rule's match, so the order and the overlaps are known before a match is
    resolved: only the candidates that could be kept are resolved, the rest (a bare "March" inside
    "March 12", say) never are. Resolving is most of the cost of a reading."""
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))  # stable: found order within a span
    kept: list[_Reading] = []
    reach = -1
    first, count = 0, len(candidates)
    while first < count:
        start, end = candidates[first][0], candidates[first][1]
        last = first + 1
        while last < count and candidates[last][0] == start and candidates[last][1] == end:
            last += 1
        if start >= reach:
            best: _Reading | None = None
            for _, _, pattern, method in candidates[first:last]:
                reading = getattr(resolver, method)(pattern.match(text, start))
                if reading is not None and (best is None or PRECISION_RANK[reading.precision] < PRECISION_RANK[best.precision]):
                    best = reading
            if best is not None:
                kept.append(best)
                reach = end
        first = last
    return kept


def _resolve_in_context(text: str, readings: list[_Reading]) -> list[_Reading]:
    """Bare months coordinated with a dated one take its year; "the same year" takes the last one
    written, "the same day" the last day."""
    patterns = _compiled()
    out = list(readings)
    for i in range(len(out) - 2, -1, -1):
        here, following = out[i], out[i + 1]
        if here.kind == "bare_month" and following.precision == "month" and following.explicit_year is not None:
            if patterns.coordination.match(text[here.end : following.start]):
                month = load_time_words().month_of[text[here.start : here.end].rstrip(".")]
                year = following.explicit_year
                out[i] = _Reading(here.start, here.end, "month", period_for_month(year, month), False, "month", year)
    last_year: int | None = None
    last_day: tuple[date, date] | None = None
    resolved = []
    for reading in out:
        if reading.kind == "anaphoric_day":
            if last_day is None:
                continue
            reading = _Reading(reading.start, reading.end, reading.precision, last_day, True, reading.kind)
        elif reading.kind in ("anaphoric_year", "anaphoric_month"):
            if last_year is None:
                continue
            if reading.kind == "anaphoric_year":
                period = period_for_year(last_year)
            else:
                month = load_time_words().month_of[re.match(r"\w+", text[reading.start : reading.end]).group(0)]  # type: ignore[union-attr]  # it begins with the month
                period = period_for_month(last_year, month)
            reading = _Reading(reading.start, reading.end, reading.precision, period, True, reading.kind)
        elif reading.kind == "anaphoric_half" and last_year is not None and reading.period is not None \
                and 0 <= reading.period[0].year - last_year <= _ANAPHORIC_HALF_REACH:
            # Only a recent year: "founded in 1992 ... in the first half" is not 1992's.
            half = 1 if reading.period[0].month == 1 else 2
            reading = _Reading(reading.start, reading.end, reading.precision, period_for_half(last_year, half), True, reading.kind)
        elif reading.explicit_year is not None:
            last_year = reading.explicit_year
        if reading.precision == "day" and reading.period is not None:
            last_day = reading.period
        resolved.append(reading)
    return resolved


_ANAPHORIC_HALF_REACH = 2  # how many years before the publication year's a bare half may be read in


def _apply_modifier(text: str, reading: _Reading, published: date | None, floor: int) -> _Reading:
    """``since``/``by``/``until`` written before an expression join its quote and change its period."""
    if reading.kind in ("relative_month", "same_period"):
        return reading
    window_start = max(floor, reading.start - 20)
    found = _compiled().modifier.search(text, window_start, reading.start)
    if found is None:
        return reading
    word = _normal(found["word"])
    start = found.start()
    if word in load_time_words().since_words:
        if reading.period is None:
            return _Reading(start, reading.end, "span", None, True, reading.kind)
        end = published if published is not None and published >= reading.period[0] else None
        return _Reading(start, reading.end, "span", (reading.period[0], end), reading.is_relative, "since", reading.explicit_year)  # type: ignore[arg-type]  # open: since a date after publication
    return _Reading(start, reading.end, reading.precision, reading.period, reading.is_relative, "horizon", reading.explicit_year)


def find_time_expressions(text: str, published: date | None) -> list[TimeExpression]:
    """Every date or period in ``text``, resolved against ``published``: sorted, non-overlapping, longest wins."""
    if published is not None and not (RESOLVABLE_YEARS[0] <= published.year <= RESOLVABLE_YEARS[1]):
        # "last year" or "in December" one step past the calendar's ends has no date: such a
        # publication date (a typo in an export, say) leaves relative expressions unresolved.
        published = None
    candidates: list[_Candidate] = []
    patterns = _compiled()
    for anchor_class, anchors in zip(patterns.classes, _find_anchors(text, patterns)):
        _candidates(text, anchor_class, anchors, candidates)
    readings = _select(text, candidates, _Resolver(text, published))
    selected = _resolve_in_context(text, [r for r in readings if r.kind != "impossible"])
    expressions: list[TimeExpression] = []
    floor = 0
    for reading in selected:
        reading = _apply_modifier(text, reading, published, floor)
        floor = reading.end
        start, end = reading.period if reading.period is not None else (None, None)
        expressions.append(TimeExpression(reading.start, reading.end, text[reading.start : reading.end], start, end, reading.precision, reading.is_relative))
    return expressions


# ----------------------------------------------------------------------------- callers' helpers


@lru_cache(maxsize=None)
def _first_words() -> tuple[frozenset[str], frozenset[str], re.Pattern]:
    words = load_time_words()
    return (
        frozenset(word.split(" ", 1)[0] for word in words.horizon_words),
        frozenset(words.since_words),
        re.compile(rf"(?i:(?:{_alternation(words.same_period_heads)})\b)"),
    )


def _first_word(quote: str) -> str:
    return quote.split(None, 1)[0].lower() if quote else ""


def is_horizon(expression: TimeExpression) -> bool:
    """True for a target written as "by 2030", "until 2025", "by the end of 2024"."""
    return _first_word(expression.quote) in _first_words()[0]


def is_since(expression: TimeExpression) -> bool:
    """True for "since 2014"-style spans (which run to the publication date)."""
    return _first_word(expression.quote) in _first_words()[1]


def is_same_period(expression: TimeExpression) -> bool:
    """True for "the same period last year" and its kin, which need ``resolve_same_period``."""
    return _first_words()[2].match(expression.quote) is not None


def resolve_same_period(expression: TimeExpression, reference: TimeExpression) -> tuple[date, date] | None:
    """The period of "the same period last year/of 2022", mirroring ``reference`` (e.g. "January-June 2024").

    None when ``expression`` is not such a phrase or ``reference`` has no period.
    """
    if not is_same_period(expression) or reference.period_start is None or reference.period_end is None:
        return None
    quote = _normal(expression.quote)
    year = re.search(r"\b(19\d\d|20\d\d|2100)\b", quote)
    shift: int | None
    if year:
        shift = int(year.group(1)) - reference.period_end.year
    else:
        shift = next((offset for phrase, offset in load_time_words().same_period_years.items() if quote.endswith(phrase)), None)
        if shift is None:
            return None
    return shift_period(reference.period_start, reference.period_end, years=shift)

"""The time-expression annotator on small texts written for the test."""

from dataclasses import fields
from datetime import date

import pytest

from newsledger.annotate.timex import (
    find_time_expressions,
    is_horizon,
    is_since,
    period_for_year,
    resolve_same_period,
    shift_period,
)

D = date


def periods(text, published=D(2024, 9, 4)):
    return [(e.quote, e.period_start, e.period_end, e.precision, e.is_relative) for e in find_time_expressions(text, published)]


def only(text, published=D(2024, 9, 4)):
    found = find_time_expressions(text, published)
    assert len(found) == 1, found
    assert text[found[0].start : found[0].end] == found[0].quote
    return found[0]


# ----------------------------------------------------------------------------- years


def test_years_in_context_and_not_quantities():
    assert periods("Trade reached $9 billion in 2023.") == [("2023", D(2023, 1, 1), D(2023, 12, 31), "year", False)]
    assert periods("2023 was a record year.")[0][:2] == ("2023", D(2023, 1, 1))
    assert periods("They shipped 2,023 tons and paid $2023 for 2023 tons.") == []
    assert periods("the 1990s and the year 1850 and 2150") == []


@pytest.mark.parametrize("text", ["the program for 2022-2026", "the program for 2022–2026", "from 2022 to 2026", "between 2022 and 2026"])
def test_multi_year(text):
    e = only(text)
    assert (e.period_start, e.period_end, e.precision) == (D(2022, 1, 1), D(2026, 12, 31), "multi_year")


def test_since_by_until():
    since = only("Operating since 2014, the route grew.")
    assert (since.quote, since.period_start, since.period_end, since.precision) == ("since 2014", D(2014, 1, 1), D(2024, 9, 4), "span")
    assert is_since(since)
    by = only("to triple volumes by 2030")
    assert (by.quote, by.period_start, by.period_end) == ("by 2030", D(2030, 1, 1), D(2030, 12, 31))
    assert is_horizon(by)
    until = only("the action plan until 2025")
    assert (until.quote, until.period_end) == ("until 2025", D(2025, 12, 31)) and is_horizon(until)
    assert not is_horizon(only("in 2025"))


# ----------------------------------------------------------------------------- months


def test_months_with_years():
    assert periods("in August 2024") == [("August 2024", D(2024, 8, 1), D(2024, 8, 31), "month", False)]
    assert periods("in April 2023")[0][1:3] == (D(2023, 4, 1), D(2023, 4, 30))


def test_bare_month_is_the_latest_on_or_before_publication():
    assert periods("In April, they signed.", D(2023, 1, 1)) == [("April", D(2022, 4, 1), D(2022, 4, 30), "month", True)]
    assert periods("In April, they signed.", D(2023, 9, 14))[0][1] == D(2023, 4, 1)
    assert periods("In September, they signed.", D(2023, 9, 14))[0][1] == D(2023, 9, 1)


def test_bare_month_in_the_future_tense_is_the_next_one():
    assert periods("The summit will be held in December.", D(2023, 1, 1))[0][1] == D(2023, 12, 1)
    assert periods("The summit will be held in February.", D(2023, 9, 14))[0][1] == D(2024, 2, 1)
    # "will" after the month does not make it future
    assert periods("The summit in December will make a contribution.", D(2023, 1, 1))[0][1] == D(2022, 12, 1)


def test_bare_month_without_publication_date_is_unresolved():
    assert periods("In April, they signed.", None) == [("April", None, None, "month", True)]


def test_month_word_that_is_not_a_date():
    assert periods("Trade may grow; officials march on.") == []


@pytest.mark.parametrize("text", ["January-June 2024", "January–June 2024", "from January to June 2024", "between January and June 2024"])
def test_month_ranges(text):
    e = only(f"Trade reached $280 million in {text}.")
    assert (e.period_start, e.period_end, e.precision, e.is_relative) == (D(2024, 1, 1), D(2024, 6, 30), "span", False)


def test_coordinated_months_share_the_year_written_last():
    got = periods("trips in June and September 2022, then a visit in October of the same year.", None)
    assert got == [
        ("June", D(2022, 6, 1), D(2022, 6, 30), "month", False),
        ("September 2022", D(2022, 9, 1), D(2022, 9, 30), "month", False),
        ("October of the same year", D(2022, 10, 1), D(2022, 10, 31), "month", True),
    ]


def test_month_of_this_year():
    assert periods("As of April this year, 62 agreements", D(2023, 9, 14)) == [("April this year", D(2023, 4, 1), D(2023, 4, 30), "month", True)]


# ----------------------------------------------------------------------------- days


@pytest.mark.parametrize(
    "text, day",
    [
        ("July 6, 2023", D(2023, 7, 6)),
        ("6 July 2023", D(2023, 7, 6)),
        ("April 5, 2023", D(2023, 4, 5)),
        ("January 1, 2023", D(2023, 1, 1)),
        ("21 January 2021", D(2021, 1, 21)),
        ("2024-03-07", D(2024, 3, 7)),
    ],
)
def test_absolute_days(text, day):
    e = only(f"It was signed on {text} in Ashgabat.")
    assert (e.quote, e.period_start, e.period_end, e.precision, e.is_relative) == (text, day, day, "day", False)


def test_relative_day_against_publication_dates():
    assert only("On July 6, an informal summit took place.", D(2024, 9, 4)).period_start == D(2024, 7, 6)
    assert only("On July 6, an informal summit took place.", D(2024, 3, 1)).period_start == D(2023, 7, 6)
    assert only("On July 6, an informal summit took place.", None).period_start is None


def test_day_range():
    e = only("a state visit on May 13-14, 2025")
    assert (e.period_start, e.period_end, e.precision) == (D(2025, 5, 13), D(2025, 5, 14), "day")


def test_today_and_yesterday():
    assert periods("held in Bishkek today; they met yesterday", D(2024, 11, 6)) == [
        ("today", D(2024, 11, 6), D(2024, 11, 6), "day", True),
        ("yesterday", D(2024, 11, 5), D(2024, 11, 5), "day", True),
    ]


@pytest.mark.parametrize("text", ["2024-02-30", "February 30", "February 30, 2024", "on 31 April 2023"])
def test_impossible_dates_give_no_day_and_do_not_raise(text):
    found = find_time_expressions(f"It happened {text}.", D(2024, 3, 7))
    assert all(e.precision == "year" for e in found), found


# ----------------------------------------------------------------------------- parts of years


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("the first half of 2024", D(2024, 1, 1), D(2024, 6, 30), "half"),
        ("H1 2024", D(2024, 1, 1), D(2024, 6, 30), "half"),
        ("the second half of 2023", D(2023, 7, 1), D(2023, 12, 31), "half"),
        ("first quarter of 2024", D(2024, 1, 1), D(2024, 3, 31), "quarter"),
        ("Q3 2023", D(2023, 7, 1), D(2023, 9, 30), "quarter"),
        ("the first 7 months of 2023", D(2023, 1, 1), D(2023, 7, 31), "span"),
        ("the first seven months of 2023", D(2023, 1, 1), D(2023, 7, 31), "span"),
        ("9M 2023", D(2023, 1, 1), D(2023, 9, 30), "span"),
    ],
)
def test_parts_of_years(text, start, end, precision):
    e = only(f"Cargo grew in {text} by 65%.")
    assert (e.quote, e.period_start, e.period_end, e.precision, e.is_relative) == (text, start, end, precision, False)


def test_parts_of_years_without_a_year_take_the_publication_year():
    e = only("In January-September, trade grew.", D(2023, 10, 20))
    assert (e.period_start, e.period_end, e.is_relative) == (D(2023, 1, 1), D(2023, 9, 30), True)
    # published before the period could have ended: the year before
    assert only("In January-September, trade grew.", D(2024, 2, 10)).period_start == D(2023, 1, 1)
    assert only("in the first half of the year", D(2024, 8, 1)).period_end == D(2024, 6, 30)
    assert only("in January-September", None).period_start is None


# ----------------------------------------------------------------------------- relative


def test_relative_years_and_months():
    got = periods("last year, this year, the previous year, next year, this month, last month", D(2024, 3, 7))
    assert got == [
        ("last year", D(2023, 1, 1), D(2023, 12, 31), "year", True),
        ("this year", D(2024, 1, 1), D(2024, 12, 31), "year", True),
        ("the previous year", D(2023, 1, 1), D(2023, 12, 31), "year", True),
        ("next year", D(2025, 1, 1), D(2025, 12, 31), "year", True),
        ("this month", D(2024, 3, 1), D(2024, 3, 31), "month", True),
        ("last month", D(2024, 2, 1), D(2024, 2, 29), "month", True),
    ]


def test_relative_without_publication_date_is_unresolved():
    assert periods("Last year trade grew.", None) == [("Last year", None, None, "year", True)]


def test_currently_now_to_date_are_not_periods():
    assert periods("There are currently 182 firms; to date, now and in recent years, trade grew.") == []


def test_same_period_last_year():
    found = find_time_expressions("Trade reached $1 billion in January-June 2024, up 10% from the same period last year.", D(2024, 9, 4))
    assert [e.quote for e in found] == ["January-June 2024", "the same period last year"]
    assert resolve_same_period(found[1], found[0]) == (D(2023, 1, 1), D(2023, 6, 30))
    of_year = find_time_expressions("in H1 2024 against the same period of 2022", None)
    assert resolve_same_period(of_year[1], of_year[0]) == (D(2022, 1, 1), D(2022, 6, 30))


def test_anaphoric_year_takes_the_last_year_written():
    got = periods("Azerbaijan turned 2022 into a success. During the year, Aliyev visited Uzbekistan.", D(2023, 1, 1))
    assert got[1] == ("During the year", D(2022, 1, 1), D(2022, 12, 31), "year", True)
    assert periods("During the year, Aliyev visited Uzbekistan.", D(2023, 1, 1)) == []


def test_results_are_sorted_non_overlapping_and_quote_the_text():
    text = "From January to June 2024 and on July 6, 2023, and since 2014 and by the end of 2025, and Q1-Q3 2023."
    found = find_time_expressions(text, D(2024, 9, 4))
    assert [e.quote for e in found] == ["From January to June 2024", "July 6, 2023", "since 2014", "by the end of 2025", "Q1-Q3 2023"]
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    assert all(text[e.start : e.end] == e.quote for e in found)


# ----------------------------------------------------------------------------- helpers


def test_shift_period_keeps_month_ends():
    assert shift_period(D(2024, 1, 1), D(2024, 6, 30), years=-1) == (D(2023, 1, 1), D(2023, 6, 30))
    assert shift_period(D(2023, 2, 1), D(2023, 2, 28), years=1) == (D(2024, 2, 1), D(2024, 2, 29))
    assert shift_period(D(2024, 2, 29), D(2024, 2, 29), years=-1) == (D(2023, 2, 28), D(2023, 2, 28))
    assert period_for_year(2023) == (D(2023, 1, 1), D(2023, 12, 31))


# ----------------------------------------------------------------------------- the fast paths agree with the patterns
# The annotator finds anchors in one pass, tries a class's rules together and only where their first
# character can begin them, and reads some contexts from string endings. Each shortcut must say what
# the plain regular expression says; these properties check them on texts made of the words they act on.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsledger.annotate import timex  # noqa: E402

CONTEXT_WORDS = ["in", "In", "IN", "of", "as of", "As  of", "pas of", "mid-", "mid", "x_in", "Ein", "é in", "Kin", "ſin", "éMay", "$May", "€2024",
                 "MAY", "may", "behalf", "Q1x", "_time", "2H", "1H2", "Sept.", "Mayor",
                 "will", "Will", "swill", "is  scheduled", "is\nscheduled", "next", "plans to", "upcoming", "set to",
                 "April", "May", "Dec.", "Sept", "2024", "2019", "192020", "21", "H1H2", "Q1", "half", "today", "Today",
                 "year", "years", "month", "period", "time", ",", ";", "(", ".", "!", "?", "\n", "  ", "\u00a0", "\u2028"]
context_text = st.lists(st.sampled_from(CONTEXT_WORDS), max_size=25).map(" ".join) | st.lists(st.sampled_from(CONTEXT_WORDS), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=context_text, before=st.sampled_from(["", "$", "US$", "€", "é", "、", "ツ", "İ"]))
def test_anchors_found_in_the_pass_shared_with_the_gazetteer_are_those_of_the_own_pass(text, before):
    # Patterns that are not the default ones are scanned for with the time annotator's own automaton.
    import dataclasses

    patterns = timex._compiled()
    text = before + text
    shared = timex._find_anchors(text, patterns)
    own = timex._find_anchors(text, dataclasses.replace(patterns))
    assert [[m.span() for m in found] for found in shared] == [[m.span() for m in found] for found in own]


@settings(max_examples=300, deadline=None)
@given(text=context_text)
def test_anchors_found_in_one_pass_are_those_each_anchor_pattern_finds(text):
    patterns = timex._compiled()
    found = timex._find_anchors(text, patterns)
    for anchor_class, matches in zip(patterns.classes, found):
        expected = [m.span() for anchor in anchor_class.anchors for m in anchor.finditer(text)
                    if not (anchor_class.word_anchor and m.start() and text[m.start() - 1].isalnum())]
        assert [m.span() for m in matches] == expected


@settings(max_examples=300, deadline=None)
@given(text=context_text)
def test_rules_tried_together_match_where_each_rule_matches(text):
    for anchor_class in timex._compiled().classes:
        for depth, (combined, groups, first, _) in enumerate(anchor_class.at_depth):
            for start in range(len(text)):
                spans = combined.match(text, start).regs
                for index, group in groups:
                    alone = anchor_class.rules[index][0].match(text, start)
                    assert spans[group] == (alone.span() if alone else (-1, -1))
                    if alone is not None and alone.end() > start and first is not None:
                        assert first.match(text[start : start + timex._PREFIX_LENGTH]), (anchor_class.rules[index][1], text[start:])


def test_first_characters_of_a_rule():
    first = timex._first_characters([r"(?<![\d.])\b(?:the\s+)?(?i:first|1st)\s+half", r"Q[1-4]"])
    # "the" is written in lower case there, "first" is not case-sensitive, look-behinds and \b take no character.
    pairs = ["th", "Th", "to", "fi", "FI", "fa", "1s", "1S", "Q1", "Q5", "qa", "ha", "t "]
    assert [pair for pair in pairs if first.match(pair)] == ["th", "fi", "FI", "1s", "1S", "Q1"]
    assert timex._first_characters([r"(?:the)?\s*half"]) is not None  # may begin with white space or "h"
    assert timex._first_characters([r"\w*"]) is None  # can match nothing at all: no first character


@settings(max_examples=500, deadline=None)
@given(text=context_text)
def test_month_leader_read_from_the_ending_agrees_with_the_pattern(text):
    resolver = timex._Resolver(text, date(2024, 9, 4))
    patterns = timex._compiled()
    for start in range(len(text) + 1):
        window_start = max(0, start - 20)
        expected = patterns.month_leader.search(text, window_start, start) is not None
        assert resolver._month_context(start) == expected, (text[window_start:start],)


@settings(max_examples=500, deadline=None)
@given(text=context_text)
def test_future_markers_in_lower_case_ascii_agree_with_the_pattern(text):
    patterns = timex._compiled()
    if text.isascii():
        assert (patterns.future_in_lower_ascii.search(text.lower()) is not None) == (patterns.future.search(text) is not None)


def test_vocabulary_words_that_yaml_1_1_reads_as_booleans_stay_words():
    from newsledger.annotate.timex import load_time_words

    vocabulary = load_time_words()
    assert "on" in vocabulary.bare_month_leaders
    values = [getattr(vocabulary, f.name) for f in fields(vocabulary)]  # not vars(): a compiled dataclass has no __dict__
    every_word = [w for value in values if isinstance(value, (tuple, frozenset)) for w in value]
    assert every_word and all(isinstance(word, str) for word in every_word)
    assert "true" not in vocabulary.bare_month_leaders


# ----------------------------------------------------------------------------- since the start of the year, seasons, weekdays, bare halves
@pytest.mark.parametrize("text", ["Since the beginning of the year, cargo grew.", "Cargo grew since the start of this year."])
def test_since_the_beginning_of_the_year_runs_from_january_to_publication(text):
    found = only(text, D(2025, 12, 16))
    assert (found.period_start, found.period_end, found.precision) == (D(2025, 1, 1), D(2025, 12, 16), "span")
    assert is_since(found)
    assert only(text, None).period_start is None  # an undated article leaves it unresolved


def test_seasons_after_this_last_next():
    assert periods("Flights rise this summer.", D(2025, 4, 2))[0][1:3] == (D(2025, 6, 1), D(2025, 8, 31))
    assert periods("Flights rose last summer.", D(2025, 4, 2))[0][1:3] == (D(2024, 6, 1), D(2024, 8, 31))
    assert periods("Flights rose last summer.", D(2025, 10, 2))[0][1:3] == (D(2025, 6, 1), D(2025, 8, 31))
    assert periods("Flights rise next spring.", D(2025, 10, 2))[0][1:3] == (D(2026, 3, 1), D(2026, 5, 31))
    assert periods("The summer school opened.", D(2025, 4, 2)) == []  # a season word alone is no date


def test_weekday_is_the_latest_such_day_or_the_next_one_in_the_future_tense():
    thursday = D(2026, 4, 9)
    assert periods("The visit ended on Wednesday.", thursday) == [("Wednesday", D(2026, 4, 8), D(2026, 4, 8), "day", True)]
    assert periods("On Tuesday, they signed a treaty.", thursday)[0][1] == D(2026, 4, 7)
    assert periods("The treaty was signed on Thursday.", thursday)[0][1] == thursday
    assert periods("The talks will be held on Monday.", thursday)[0][1] == D(2026, 4, 13)
    assert periods("They met on Tuesday.", None)[0][1] is None


def test_a_half_without_a_year_is_of_the_recent_year_written_before_else_of_publication():
    assert periods("In the first half, cargo grew.", D(2025, 12, 16))[0][1:3] == (D(2025, 1, 1), D(2025, 6, 30))
    text = "Trade grew in 2024. In the second half, cargo grew."
    assert periods(text, D(2025, 3, 16))[1][1:3] == (D(2024, 7, 1), D(2024, 12, 31))
    old = "The port opened in 1992. In the first half, cargo grew."
    assert periods(old, D(2025, 12, 16))[1][1:3] == (D(2025, 1, 1), D(2025, 6, 30))
    assert [q for q, *_ in periods("the first half of the match", D(2025, 12, 16))] == []


@settings(max_examples=300, deadline=None)
@given(text=context_text, published=st.sampled_from([date(2024, 9, 4), date(2023, 1, 15), None]))
def test_resolving_only_what_could_be_kept_selects_what_resolving_everything_does(text, published):
    patterns = timex._compiled()
    candidates = []
    for anchor_class, anchors in zip(patterns.classes, timex._find_anchors(text, patterns)):
        timex._candidates(text, anchor_class, anchors, candidates)
    resolver = timex._Resolver(text, published)
    # The reference resolves every candidate, then keeps the longest at each start (then the most
    # precise, then the first found), left to right without overlap.
    readings = [getattr(resolver, method)(pattern.match(text, start)) for start, _, pattern, method in candidates]
    readings = sorted((r for r in readings if r is not None),
                      key=lambda r: (r.start, -(r.end - r.start), timex.PRECISION_RANK[r.precision]))
    expected, reach = [], -1
    for reading in readings:
        if reading.start >= reach:
            expected.append(reading)
            reach = reading.end
    assert timex._select(text, list(candidates), resolver) == expected


def test_a_reading_inside_a_longer_one_is_never_resolved(monkeypatch):
    resolved = []
    original = timex._Resolver.month_year

    def month_year(self, m):
        resolved.append(m.group())
        return original(self, m)

    monkeypatch.setattr(timex._Resolver, "month_year", month_year)
    found = timex.find_time_expressions("The talks were held on March 12, 2024 and in April.", date(2024, 9, 4))
    assert [e.quote for e in found] == ["March 12, 2024", "April"]
    assert resolved == ["April"]  # "March" alone, inside "March 12, 2024", was not looked at

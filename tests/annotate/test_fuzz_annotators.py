"""Property tests (hypothesis) over every annotator, through ``annotate_article`` and one by one.

The texts are built from what news about trade and diplomacy is made of (figures with scales and
currencies, dates and periods, month names, entity names from the gazetteer, metric words, event
words) glued with arbitrary unicode and wrapped lines. Whatever the text: no exception escapes,
every span quotes its text exactly, every value is finite and every period runs forwards.
"""

import csv
import math
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsledger.annotate import regex_case
from newsledger.annotate.article import annotate_article
from newsledger.annotate.gazetteer import find_mentions
from newsledger.annotate.sentences import split_sentences
from newsledger.annotate.spans import ArticleContext
from newsledger.annotate.timex import find_time_expressions

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _column(filename: str, column: str, keep=lambda row: True) -> list[str]:
    with open(REFERENCE / filename, encoding="utf-8", newline="") as handle:
        return sorted({row[column] for row in csv.DictReader(handle) if row[column] and keep(row)})


# Words and names the annotators react to, read from the vocabularies so that the fuzzing follows them.
ENTITY_NAMES = _column("gazetteer.csv", "name") + _column("aliases.csv", "alias")
METRIC_PHRASES = _column("metrics.csv", "phrase")
UNIT_PHRASES = _column("units.csv", "phrase")
# Trigger rows are regular expressions; only the ones that are plain words can be written into a text.
EVENT_WORDS = _column("event_triggers.csv", "phrase", keep=lambda row: re.fullmatch(r"[\w' -]+", row["phrase"]) is not None)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "Jan.", "Sept.", "Dec"]

number = st.one_of(
    st.integers(0, 10**15).map(str),
    st.integers(0, 999_999_999).map(lambda n: f"{n:,}"),
    st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:.{len(str(int(x))) % 3}f}"),
    st.sampled_from(["0", "0.0", "1e309", "999999999999999999999999", "9" * 400, ".5", "1.", "1,2,3", "1.2.3", "-", "−4", "½", "٣"]),
)
scale = st.sampled_from(["", " million", " billion", " trillion", " thousand", " mln", " bln", "bn", "m", " tons", " TEU",
                         " km", "%", " percent", " times", "-fold", "\nmillion"])
figure = st.one_of(
    st.tuples(st.sampled_from(UNIT_PHRASES), number, scale).map(lambda t: f"{t[0]}{t[1]}{t[2]}"),
    st.tuples(number, scale, st.sampled_from(UNIT_PHRASES)).map(lambda t: f"{t[0]}{t[1]} {t[2]}"),
    st.tuples(number, st.sampled_from(["-", "–", " to ", " and "]), number, scale).map("".join),
)
year = st.integers(1, 9999).map(str) | st.integers(1990, 2040).map(str)
day = st.integers(0, 40).map(str)
time_expression = st.one_of(
    st.tuples(year, st.integers(0, 13), st.integers(0, 32)).map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
    st.tuples(st.sampled_from(MONTHS), day, year).map(lambda t: f"{t[0]} {t[1]}, {t[2]}"),
    st.tuples(day, st.sampled_from(MONTHS), year).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
    st.tuples(st.sampled_from(MONTHS), st.sampled_from(MONTHS), year).map(lambda t: f"{t[0]}-{t[1]} {t[2]}"),
    st.tuples(st.sampled_from(["Q1", "Q4", "first half of", "second quarter of", "the end of", "early", "late", "since",
                               "by", "from", "in", "until", "between"]), year).map(" ".join),
    st.tuples(year, st.sampled_from(["-", "–", " to ", " and ", "/"]), year).map("".join),
    st.sampled_from(["last year", "this year", "next year", "last month", "today", "yesterday", "In April", "the same period",
                     "2024-02-30", "2099-01-01", "0000-00-00", "February 29, 2023", "31 June 2024", "May 2024-2023"]),
)
glue = st.one_of(
    st.text(max_size=12),
    st.sampled_from([" ", ", ", ". ", "\n", "\n\n", " said ", " between ", " and ", " in ", " of ", " with ", " reached ",
                     " increased by ", " amounted to ", " over ", " about ", " up to ", " (", ") ", "\u00a0", "\u200b", "\r\n"]),
)
entity = st.sampled_from(ENTITY_NAMES)
# Sentences shaped like the corpus's, so that claims and events (which need several parts in one
# sentence) are found often enough for their properties to be tested at all.
news_sentence = st.one_of(
    st.tuples(st.sampled_from(METRIC_PHRASES), entity, entity, figure, time_expression).map(
        lambda t: f"{t[0].capitalize()} between {t[1]} and {t[2]} amounted to {t[3]} in {t[4]}."),
    st.tuples(entity, st.sampled_from(EVENT_WORDS), entity, time_expression).map(
        lambda t: f"The President of {t[0]} {t[1]} {t[2]} on {t[3]}."),
    st.tuples(entity, entity, number, time_expression).map(
        lambda t: f"{t[0]} and {t[1]} signed {t[2]} documents in {t[0]} on {t[3]}, after the summit."),
)
# Words written with the letters that case-insensitive patterns take for ASCII ones ("thİs year",
# "trİple", "ſix"): they match the vocabularies' patterns but not their lower-cased entries.
lookalike_word = st.tuples(
    st.sampled_from(_column("number_words.csv", "word") + ["this year", "last year", "next year", "this month"]),
    st.sampled_from([("i", "\u0130"), ("i", "\u0131"), ("s", "\u017f")]),
).map(lambda t: t[0].replace(*t[1]))
piece = st.one_of(
    figure, time_expression, glue, news_sentence, entity, lookalike_word,
    st.sampled_from(METRIC_PHRASES), st.sampled_from(EVENT_WORDS), st.sampled_from(MONTHS),
)
separator = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", "\n\n", ""])
article_text = st.lists(st.tuples(piece, separator).map("".join), max_size=40).map("".join)
published = st.none() | st.dates(date(1990, 1, 1), date(2040, 12, 31))


def assert_quotes(text: str, spans, where: str) -> None:
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text), (where, span)
        assert text[span.start:span.end] == span.quote, (where, span)


def assert_forwards(first, last, where: str, span) -> None:
    if first is not None and last is not None:
        assert first <= last, (where, span)


def assert_annotations_hold(text: str, context: ArticleContext) -> None:
    annotations = annotate_article(text, context)
    assert set(annotations) == {"mentions", "claims", "events", "sectors"}
    for name, spans in annotations.items():
        assert_quotes(text, spans, name)
    for claim in annotations["claims"]:
        assert math.isfinite(claim.value), claim
        assert claim.value_high is None or math.isfinite(claim.value_high), claim
        assert_forwards(claim.period_start, claim.period_end, "claim period", claim)
        assert 0 <= claim.sentence_start <= claim.start and claim.end <= claim.sentence_end <= len(text), claim
    for event in annotations["events"]:
        assert_forwards(event.date_start, event.date_end, "event dates", event)
        assert event.n_documents is None or event.n_documents >= 0, event


@FUZZ
@given(text=article_text, published=published)
@example(text="$1e309 million trade turnover between Azerbaijan and Kazakhstan in 2024", published=None)
@example(text="The presidents met on 2024-02-30 and signed 99999999999999999999 documents in Astana", published=date(2024, 3, 1))
@example(text="Exports reached $24.5\nmillion in January-June 2099", published=date(2040, 12, 31))
@example(text="", published=None)
def test_annotate_article_holds_its_promises(text, published):
    assert_annotations_hold(text, ArticleContext("fuzz", published))


@FUZZ
@given(text=article_text, published=published)
@example(text="last year Caspian Sea.   TH\u0130S month\n\n", published=None)  # "İ".lower() is two characters
def test_time_expressions_and_sentences_hold_their_promises(text, published):
    # Not in annotate_article's result, but every claim and event is dated through them. The
    # annotators read the text as annotate_article hands it to them: with the letters that
    # case-insensitive patterns take for ASCII ones made ASCII (``regex_case``), one for one.
    text = regex_case.as_matched(text)
    times = find_time_expressions(text, published)
    assert_quotes(text, times, "time expressions")
    for time in times:
        assert_forwards(time.period_start, time.period_end, "time period", time)
    sentences = split_sentences(text)
    assert_quotes(text, sentences, "sentences")
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:])), "sentences overlap"
    assert_quotes(text, find_mentions(text), "mentions")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400), published=published)
def test_any_unicode_text_is_annotated_without_error(text, published):
    assert_annotations_hold(text, ArticleContext("unicode", published))


# A publication date is read from the record as given; ingest empties future dates but keeps any past
# one, so a jsonl record with "published": "0001-06-01" reaches the annotators. Relative expressions
# one step past the calendar's ends must stay unresolved rather than raise.
CALENDAR_EDGE_CRASHES = [
    ("last year", date(1, 6, 1)),
    ("next year", date(9999, 6, 1)),
    ("in Dec", date(1, 6, 1)),
    ("yesterday", date(1, 1, 1)),
    ("last month", date(1, 1, 5)),
    ("tomorrow", date(9999, 12, 31)),
]


@pytest.mark.parametrize("text, published", CALENDAR_EDGE_CRASHES)
def test_relative_time_at_the_calendar_edge_is_left_unresolved(text, published):
    assert_annotations_hold(f"Trade turnover grew by 5% {text}, officials said.", ArticleContext("edge", published))
    (time,) = find_time_expressions(text, published)
    assert time.period_start is None and time.period_end is None


# The span types fill their fields through the instance dict (see spans._assigned_at_once): they must
# still behave as the frozen dataclasses they are declared as.
def test_span_types_keep_their_dataclass_behaviour():
    import dataclasses

    from newsledger.annotate.spans import Claim, Event, Mention, TimeExpression

    event = Event(1, 9, "visited", "visit")
    assert event.actors == () and event.document_names == () and event.date_start is None
    assert Event(1, 9, "visited", "visit", actors=("AZE",)).actors == ("AZE",)
    claim = Claim(0, 4, "$9bn", 9e9, "USD", "exports", qualifier="over")
    assert (claim.qualifier, claim.is_forecast, claim.sentence_end) == ("over", False, 0)
    assert TimeExpression(0, 4, "2023", None, None, "year").is_relative is False
    mention = Mention(0, 4, "Baku", "place:baku", "place", "Baku")
    assert mention == Mention(0, 4, "Baku", "place:baku", "place", "Baku") and hash(mention) == hash(dataclasses.replace(mention))
    assert dataclasses.asdict(mention) == {"start": 0, "end": 4, "quote": "Baku", "entity_id": "place:baku", "entity_type": "place", "surface": "Baku"}
    assert dataclasses.replace(mention, start=1).start == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.start = 2
    with pytest.raises(TypeError):
        Mention(0, 4, "Baku")

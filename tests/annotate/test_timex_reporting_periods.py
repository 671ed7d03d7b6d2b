"""Time expressions written without their year or day: "over the nine months", "by the end of the year", "on the same day"."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.annotate.timex import find_time_expressions, is_horizon

PUBLISHED = date(2025, 10, 21)


def readings(text: str, published: date | None = PUBLISHED) -> list[tuple[str, date | None, date | None]]:
    return [(t.quote, t.period_start, t.period_end) for t in find_time_expressions(text, published)]


@pytest.mark.parametrize("phrase", ["the nine months", "the first nine months"])
def test_the_n_months_are_the_months_of_the_reporting_year(phrase):
    assert readings(f"Shipments tripled over {phrase}, to 11,800 TEU.") == [(phrase, date(2025, 1, 1), date(2025, 9, 30))]


def test_months_without_the_are_a_duration():
    assert readings("The line will be built within 18 months and 12 months later extended.") == []


@pytest.mark.parametrize(("phrase", "year"), [("the end of the year", 2025), ("the end of this year", 2025),
                                              ("the end of next year", 2026)])
def test_the_end_of_a_relative_year_is_that_year_and_a_horizon_after_by(phrase, year):
    found = find_time_expressions(f"By {phrase}, the port expects to handle 7 million tons.", PUBLISHED)
    assert [(t.quote, t.period_start, t.period_end) for t in found] == [
        (f"By {phrase}", date(year, 1, 1), date(year, 12, 31))]
    assert is_horizon(found[0])


def test_the_end_of_the_year_without_a_publication_date_is_unresolved():
    assert readings("By the end of the year, the port expects to handle 7 million tons.", None) == [
        ("By the end of the year", None, None)]


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("over the past nine months", date(2025, 1, 1), date(2025, 9, 30)),  # year to date, published in October
    ("in the last three months", date(2025, 7, 1), date(2025, 9, 30)),
    ("over the past 12 months", date(2024, 10, 1), date(2025, 9, 30)),
    ("in the last three months of 2024", date(2024, 10, 1), date(2024, 12, 31)),
])
def test_the_past_n_months_end_with_the_last_full_month_before_publication(phrase, start, end):
    found = find_time_expressions(f"Cargo grew {phrase}.", PUBLISHED)
    assert [(t.period_start, t.period_end) for t in found] == [(start, end)]


def test_the_past_n_months_without_a_publication_date_are_unresolved():
    assert [(t.period_start, t.period_end) for t in find_time_expressions("Cargo grew over the past eight months.", None)] == [
        (None, None)]


def test_by_year_end_is_the_publication_year():
    assert readings("By year-end the ports expect 9 million tons.") == [("By year-end", date(2025, 1, 1), date(2025, 12, 31))]


def test_the_same_day_is_the_last_day_written_before_it():
    text = "On October 20, the ministers met in Baku. On the same day, they signed three documents."
    assert readings(text) == [("October 20", date(2025, 10, 20), date(2025, 10, 20)),
                              ("the same day", date(2025, 10, 20), date(2025, 10, 20))]


def test_the_same_day_with_no_day_before_it_is_no_expression():
    assert readings("On the same day, they signed three documents.") == []


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("on Monday and Tuesday", date(2025, 10, 20), date(2025, 10, 21)),  # published on Tuesday 2025-10-21
    ("on Friday", date(2025, 10, 17), date(2025, 10, 17)),
])
def test_two_weekdays_joined_are_the_days_from_the_first_to_the_second(phrase, start, end):
    found = find_time_expressions(f"The president paid a state visit {phrase}.", PUBLISHED)
    assert [(t.period_start, t.period_end, t.precision) for t in found] == [(start, end, "day")]

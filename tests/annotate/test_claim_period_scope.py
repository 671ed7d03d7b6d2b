"""Which time expression may date which figure: asides, the present, open horizons, target starts.

Texts written for the test; time expressions built by hand (see test_claims.py) so that only the
claims annotator is under test.
"""

from __future__ import annotations

from datetime import date

import pytest

from test_claims import claims_of, timex, year

H1_2025 = (date(2025, 1, 1), date(2025, 6, 30))


def first_half(text: str) -> object:
    return timex(text, "January-June 2025", *H1_2025, "half")


def periods(found) -> list[tuple[str, date | None]]:
    return [(c.quote, c.period_start) for c in found]


def test_a_year_in_an_aside_dates_neither_the_figure_after_it_nor_the_text_period():
    text = ("Exports reached 4 million tons in January-June 2025. Georgia, where the new terminal opened in 2023, "
            "handled 1.2 million tons.")
    found = claims_of(text, times=[first_half(text), year(text, 2023)], published=date(2025, 8, 1))
    assert periods(found) == [("4 million tons", date(2025, 1, 1)), ("1.2 million tons", date(2025, 1, 1))]


def test_a_figure_in_an_aside_takes_no_date_of_the_main_clause():
    text = "The carrier, which operates 40 vessels, will add 6 tankers by 2028."
    found = claims_of(text, times=[timex(text, "by 2028", date(2028, 1, 1), date(2028, 12, 31))])
    assert periods(found) == [("40 vessels", None), ("6 tankers", date(2028, 1, 1))]


def test_an_aside_may_run_to_the_end_of_the_sentence():
    text = "On March 3, the minister opened the park, where 75 companies are registered."
    found = claims_of(text, times=[timex(text, "On March 3", date(2025, 3, 3), date(2025, 3, 3), "day", True)],
                      published=date(2025, 3, 4))
    assert periods(found) == [("75 companies", None)]


@pytest.mark.parametrize("present", ["now", "currently", "so far", "to date"])
def test_a_figure_of_the_present_takes_no_period_from_its_sentence_nor_the_text(present):
    text = (f"Trade reached $90 million in January-June 2025. The fund has {present} financed 14 projects "
            "worth $300 million, and will add 5 more in 2026.")
    found = claims_of(text, times=[first_half(text), year(text, 2026)])
    assert periods(found)[1:3] == [("14 projects", None), ("$300 million", None)]


def test_the_present_keeps_a_date_of_its_own_clause():
    text = "So far this year the port has handled 2 million tons."
    found = claims_of(text, times=[timex(text, "this year", date(2024, 1, 1), date(2024, 12, 31), "year", True)])
    assert periods(found) == [("2 million tons", date(2024, 1, 1))]


def test_today_dates_the_documents_of_an_occasion_not_what_stands_today():
    text = "The presidents signed 9 documents today. More than 200 firms work in the country today."
    today = [timex(text, "today", date(2024, 9, 4), date(2024, 9, 4), "day", True, occurrence=i) for i in (0, 1)]
    found = claims_of(text, times=today)
    assert periods(found) == [("9 documents", date(2024, 9, 4)), ("200 firms", None)]


@pytest.mark.parametrize("horizon", ["in the coming years", "in the long term", "in the near future"])
def test_an_open_horizon_is_a_forecast_with_no_period(horizon):
    text = f"Trade reached $400 million in January-June 2025. The sides agreed to bring it to $1 billion {horizon}."
    found = claims_of(text, times=[first_half(text)], published=date(2025, 8, 1))
    assert [(c.quote, c.period_start, c.is_forecast) for c in found] == [
        ("$400 million", date(2025, 1, 1), False), ("$1 billion", None, True)]


def test_from_a_year_after_a_target_is_when_it_starts_not_a_base():
    text = "The line could carry up to 300 megawatts from 2028."
    found = claims_of(text, times=[year(text, 2028)])
    assert [(c.quote, c.metric, c.period_start, c.is_forecast) for c in found] == [
        ("300 megawatts", "capacity", date(2028, 1, 1), True)]


def test_from_a_year_after_an_actual_figure_is_still_a_base():
    text = "Exports grew 12% from 2023."
    found = claims_of(text, times=[year(text, 2023)])
    assert periods(found) == [("12%", None)]


def test_a_target_capacity_takes_its_horizon():
    text = "The country plans to build 3 GW of solar capacity by 2029."
    found = claims_of(text, times=[timex(text, "by 2029", date(2029, 1, 1), date(2029, 12, 31))])
    assert [(c.quote, c.period_start, c.is_forecast) for c in found] == [("3 GW", date(2029, 1, 1), True)]


def test_a_period_marked_alone_is_not_continued_by_the_next_figures():
    text = ("Cargo reached 9 million tons in January-June 2025. In the second quarter alone the port handled 40,000 TEU. "
            "Grain made up 2 million tons in the reporting period.")
    q2 = timex(text, "the second quarter", date(2025, 4, 1), date(2025, 6, 30), "quarter", True)
    found = claims_of(text, times=[first_half(text), q2])
    assert periods(found) == [("9 million tons", date(2025, 1, 1)), ("40,000 TEU", date(2025, 4, 1)),
                              ("2 million tons", date(2025, 1, 1))]


def test_a_time_after_a_sentence_end_is_not_owned_by_the_figure_before_it():
    text = ("Exports reached 5,000 TEU in January-June 2025, compared with 3,000 TEU a year earlier. "
            "In the second quarter the port handled 2,500 TEU.")
    q2 = timex(text, "the second quarter", date(2025, 4, 1), date(2025, 6, 30), "quarter", True)
    a_year_earlier = timex(text, "a year earlier", None, None, "span", True)
    found = claims_of(text, times=[first_half(text), a_year_earlier, q2])
    assert periods(found)[-1] == ("2,500 TEU", date(2025, 4, 1))


def test_each_figure_of_a_monthly_list_takes_its_own_month():
    text = "Monthly trade was $10 million in January, $12 million in February and $15 million in March."
    months = [timex(text, name, date(2025, m, 1), date(2025, m, 28), "month", True)
              for m, name in ((1, "January"), (2, "February"), (3, "March"))]
    found = claims_of(text, times=months, published=date(2025, 4, 10))
    assert [(c.quote, c.period_start.month) for c in found] == [
        ("$10 million", 1), ("$12 million", 2), ("$15 million", 3)]


def test_a_paragraph_continues_the_period_when_its_first_sentences_have_no_figure():
    text = ("Cargo on the route reached 3 million tons in January-June 2025.\n\n"
            "Container traffic grew even faster. The route carried 40,000 TEU.")
    found = claims_of(text, times=[first_half(text)], published=date(2025, 7, 20))
    assert periods(found) == [("3 million tons", date(2025, 1, 1)), ("40,000 TEU", date(2025, 1, 1))]


def test_a_figure_of_the_same_period_a_year_before_is_a_base_not_the_text_period():
    text = ("Trade doubled in January-June 2025, reaching $200 million. In the same period of 2024, it stood at "
            "$100 million.\n\nExports accounted for $150 million.")
    same = timex(text, "the same period of 2024", date(2024, 1, 1), date(2024, 6, 30), "span")
    found = claims_of(text, times=[first_half(text), same], published=date(2025, 7, 20))
    assert periods(found)[-1] == ("$150 million", date(2025, 1, 1))


@pytest.mark.parametrize("cue", ["instructed the ministry to bring it to", "are studying a rise to", "are considering"])
def test_instructions_and_studies_of_a_figure_are_targets(cue):
    text = f"Trade reached $200 million in January-June 2025, and the leaders {cue} $500 million."
    found = claims_of(text, times=[first_half(text)], published=date(2025, 7, 20))
    assert [(c.quote, c.period_start, c.is_forecast) for c in found][-1] == ("$500 million", None, True)


def test_throughput_is_a_volume_and_throughput_capacity_a_capacity():
    found = claims_of("Throughput at the port reached 2 million tons. Its throughput capacity is 5 million tons.")
    assert [(c.quote, c.metric) for c in found] == [("2 million tons", "cargo_volume"), ("5 million tons", "capacity")]

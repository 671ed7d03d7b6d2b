"""Readings of a figure's value and sign: half a billion, percentages less than, indexes, raises."""

from __future__ import annotations

import pytest

from newsledger.annotate.numbers import number_words, word_number_value
from test_claims import claims_of


@pytest.mark.parametrize(("written", "value"), [("half a billion", 5e8), ("half a million", 5e5), ("a billion", 1e9)])
def test_half_a_scale_word_is_half_of_it(written, value):
    assert word_number_value(written, number_words()) == value


def test_half_a_billion_dollars_is_a_claim_of_half_a_billion():
    assert [(c.quote, c.value, c.unit) for c in claims_of("Trade should reach half a billion dollars.")] == [
        ("half a billion dollars", 5e8, "USD")]


@pytest.mark.parametrize("less", ["less", "lower"])
def test_a_percentage_less_than_a_year_before_is_a_fall(less):
    found = claims_of(f"Exports were worth $2 billion, 3.4 percent {less} than in 2023.")
    assert [(c.quote, c.value, c.metric) for c in found][-1] == ("3.4 percent", -3.4, "growth")


@pytest.mark.parametrize("text", ["The share of transit was less than 5 percent.",
                                  "Trade grew by less than 5 percent in 2024."])
def test_less_than_before_a_percentage_qualifies_it_and_is_no_fall(text):
    assert [(c.value, c.qualifier) for c in claims_of(text)] == [(5, "under")]


@pytest.mark.parametrize(("written", "growth"), [
    ("which is 112.6 percent compared to the same period last year", 12.6),
    ("amounting to 94.5 percent of the corresponding period of 2023", -5.5),
])
def test_a_percentage_of_the_same_period_is_an_index(written, growth):
    found = claims_of(f"Cargo reached 2 million tons, {written}.")
    assert [(c.value, c.metric) for c in found][-1] == (pytest.approx(growth), "growth")


def test_a_growth_word_keeps_a_percentage_a_growth_rate():
    found = claims_of("Cargo grew by 12 percent compared to the same period last year.")
    assert [(c.value, c.metric) for c in found] == [(12, "growth")]


@pytest.mark.parametrize("verb", ["raised", "cut"])
def test_from_x_to_y_after_a_raise_or_cut_is_two_figures(verb):
    found = claims_of(f"The fund's capital was {verb} from $25 million to $50 million.")
    assert [(c.quote, c.value, c.value_high) for c in found] == [("$25 million", 25e6, None), ("$50 million", 50e6, None)]

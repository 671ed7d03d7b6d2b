from datetime import date

import pytest

from newsledger.analyze.periods import period_kind, period_label, year_earlier
from newsledger.analyze.quantities import (
    format_quantity,
    growth_percent,
    level_before_growth,
    rounding_half_unit,
    stated_interval,
)


@pytest.mark.parametrize("value, half", [(280.6e6, 5e4), (9e9, 5e8), (0.4, 0.05), (86, 0.5), (598.47e6, 5e3)])
def test_rounding_from_significant_digits(value, half):
    assert rounding_half_unit(value) == pytest.approx(half)


def test_rounding_from_the_digits_as_written():
    assert stated_interval(300e6, quote="$300 million").high == pytest.approx(300.5e6)
    assert stated_interval(300e6).high == pytest.approx(350e6)  # without the text: trailing zeros not significant
    rng = stated_interval(6e6, 6.5e6, quote="6-6.5 million tons")
    assert (rng.low, rng.high) == pytest.approx((5.5e6, 6.55e6))


def test_qualifiers_open_or_widen_the_interval():
    assert stated_interval(4e6, qualifier="over", quote="4 million").high == float("inf")
    assert stated_interval(4e6, qualifier="up_to", quote="4 million").low == float("-inf")
    about = stated_interval(2.8e6, qualifier="about", quote="2.8 million")
    assert about.low == pytest.approx(2.66e6) and about.high == pytest.approx(2.94e6)


def test_interval_arithmetic_for_growth():
    before = level_before_growth(stated_interval(2.8e6, quote="2.8"), stated_interval(86, quote="86"))
    assert before.low < 2.8e6 / 1.86 < before.high
    assert before.contains(1.5e6)
    growth = growth_percent(stated_interval(2.1e6, quote="2.1"), stated_interval(1.27e6, quote="1.27"))
    assert growth.contains(65) and not growth.contains(40)


@pytest.mark.parametrize("value, unit, text", [(280.6e6, "USD", "$280.6 million"), (2.8e6, "t", "2.8 million tons"),
                                               (86, "percent", "86%"), (62, "count", "62"), (9e9, "EUR", "€9 billion")])
def test_format_quantity(value, unit, text):
    assert format_quantity(value, unit) == text


@pytest.mark.parametrize("start, end, kind, label", [
    (date(2023, 1, 1), date(2023, 12, 31), "year", "2023"),
    (date(2024, 1, 1), date(2024, 6, 30), "half", "H1 2024"),
    (date(2024, 7, 1), date(2024, 12, 31), "half", "H2 2024"),
    (date(2024, 4, 1), date(2024, 6, 30), "quarter", "Q2 2024"),
    (date(2024, 3, 1), date(2024, 3, 31), "month", "Mar 2024"),
    (date(2024, 1, 1), date(2024, 9, 30), "year_to_date", "Jan-Sep 2024"),
    (date(2022, 1, 1), date(2026, 12, 31), "multi_year", "2022-2026"),
    (date(2024, 3, 7), date(2024, 3, 7), "day", "2024-03-07"),
    (None, None, None, "undated"),
])
def test_period_kind_and_label(start, end, kind, label):
    assert period_kind(start, end) == kind
    assert period_label(start, end) == label


def test_year_earlier_keeps_the_shape_of_the_period():
    assert year_earlier(date(2024, 1, 1), date(2024, 6, 30)) == (date(2023, 1, 1), date(2023, 6, 30))
    assert year_earlier(date(2024, 2, 1), date(2024, 2, 29)) == (date(2023, 2, 1), date(2023, 2, 28))
    assert year_earlier(None, None) is None

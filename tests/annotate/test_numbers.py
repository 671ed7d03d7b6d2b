"""Reading and valuing written numbers (newsledger.annotate.numbers)."""

import re

import pytest

from newsledger.annotate import numbers

WORDS = numbers.number_words()


@pytest.mark.parametrize(
    ("written", "value"),
    [("2,800", 2800.0), ("2.8", 2.8), ("598.47", 598.47), ("1,500,000", 1_500_000.0), ("9", 9.0)],
)
def test_digits_value(written, value):
    assert numbers.digits_value(written) == value


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("eight", 8),
        ("twenty-five", 25),
        ("two million", 2e6),
        ("a dozen", 12),
        ("two hundred", 200),
        ("two hundred thousand", 200_000),
        ("a million", 1e6),
        ("Six", 6),
        ("one billion", 1e9),
    ],
)
def test_word_number_value(written, value):
    assert numbers.word_number_value(written, WORDS) == value


def test_word_number_value_rejects_other_words():
    assert numbers.word_number_value("two apples", WORDS) is None


@pytest.mark.parametrize(
    ("word", "value"),
    [("fivefold", 5), ("tripled", 3), ("halve", 0.5), ("double", 2), ("Doubled", 2), ("tenfold", 10)],
)
def test_multiplier_value(word, value):
    assert numbers.multiplier_value(word, WORDS) == value


@pytest.mark.parametrize(("word", "factor"), [("million", 1e6), (" billion", 1e9), ("bn", 1e9), ("mln", 1e6),
                                              ("trillion", 1e12), ("thousand", 1e3), ("m", 1e6)])
def test_scale_of(word, factor):
    assert WORDS.scale_of(word) == factor


@pytest.mark.parametrize(("written", "expected"), [("2023", True), ("1999", True), ("2,023", False), ("1325", False),
                                                   ("182", False), ("2023.5", False)])
def test_is_year(written, expected):
    assert numbers.is_year(written) is expected


def test_word_number_pattern_needs_a_cardinal_or_article_first():
    pattern = re.compile(numbers.word_number_pattern(WORDS))
    assert pattern.match("eight countries").group(0) == "eight"
    assert pattern.match("two million tons").group(0) == "two million"
    assert pattern.match("a dozen agreements").group(0) == "a dozen"
    assert pattern.match("millions of people") is None
    assert pattern.match("twenty-foot") is None  # a compound modifier, not a number


def test_scale_pattern_single_letters_only_attached():
    pattern = re.compile(numbers.scale_pattern(WORDS))
    assert pattern.match("m").group(0) == "m"
    assert pattern.match(" million").group(0) == " million"
    assert pattern.match(" m") is None


@pytest.mark.parametrize("count, part, value", [
    ("a", "quarter", 0.25), ("an", "Quarter", 0.25), ("two", "thirds", 2 / 3), ("three", "quarters", 0.75),
    (None, "half", 0.5),
])
def test_fraction_value(count, part, value):
    assert numbers.fraction_value(count, part, numbers.number_words()) == pytest.approx(value)


def test_fraction_value_rejects_other_words():
    words = numbers.number_words()
    assert numbers.fraction_value("a", "dozen", words) is None
    assert numbers.fraction_value("many", "thirds", words) is None


def test_fraction_pattern_reads_parts_wholes_and_bare_halves():
    pattern = re.compile(numbers.fraction_pattern(numbers.number_words()))
    assert pattern.fullmatch("two thirds").group("parts", "part") == ("two", "thirds")
    assert pattern.fullmatch("one and a half").group("whole") == "one"
    assert pattern.fullmatch("half").group("bare") == "half"
    assert pattern.match("quarterly") is None

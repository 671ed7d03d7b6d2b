"""How precise a stated number is, arithmetic that keeps that precision, and writing numbers for readers.

A figure in the news is rounded: "$9 billion" means anything from $8.5 to $9.5 billion, "$280.6
million" anything within $50,000 of it. Each stated value therefore stands for an interval, half a
unit of its last digit as written either side ("$300 million": within $0.5 million); without
the text, half a unit of its last significant digit (trailing zeros taken as not significant). Qualifiers widen it: "about" by ``ABOUT_RELATIVE_MARGIN``, "over" opens it upwards,
"up to"/"under" downwards. Checks compute with intervals, so "consistent" means "consistent within
the rounding the texts used", never an arbitrary tolerance.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

# "about 2.8 million" is read as within 5% of 2.8 million: wider than its rounding, as "about" admits.
ABOUT_RELATIVE_MARGIN = 0.05

_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}
_UNIT_WORDS = {"t": "tons", "TEU": "TEU", "km": "km", "km2": "km²", "day": "days", "count": "", "times": "times"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def overlaps(self, other: "Interval") -> bool:
        return self.low <= other.high and other.low <= self.high

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    @property
    def is_bounded(self) -> bool:
        return math.isfinite(self.low) and math.isfinite(self.high)


UNBOUNDED = Interval(-math.inf, math.inf)


def rounding_half_unit(value: float) -> float:
    """Half a unit of the last significant digit: 280.6e6 -> 5e4, 9e9 -> 5e8, 0.4 -> 0.05, 86 -> 0.5."""
    if value == 0 or not math.isfinite(value):
        return 0.0
    exponent = Decimal(f"{abs(value):.12g}").normalize().as_tuple().exponent
    return 0.5 * 10.0 ** int(exponent)


_WRITTEN_NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?")


def written_half_units(quote: str | None, values: list[float]) -> list[float]:
    """Half a unit of the last digit *as written* in ``quote`` for each value (in order of the
    numbers in the quote): "$300 million" -> 5e5, "2.8 million tons" -> 5e4. A value whose number
    is not written in digits ("fivefold", "two") falls back to ``rounding_half_unit``."""
    written = list(_WRITTEN_NUMBER.finditer(quote or ""))
    halves = []
    for position, value in enumerate(values):
        if position >= len(written) or value == 0:
            halves.append(rounding_half_unit(value))
            continue
        whole, decimals = written[position].group(1).replace(",", ""), written[position].group(2) or ""
        mantissa = float(f"{whole}.{decimals}" if decimals else whole)
        if mantissa == 0:
            halves.append(rounding_half_unit(value))
            continue
        halves.append(0.5 * 10.0 ** -len(decimals) * abs(value) / mantissa)
    return halves


def stated_interval(value: float, value_high: float | None = None, qualifier: str = "exact",
                    quote: str | None = None) -> Interval:
    """The values a stated figure (or range) is compatible with, given its rounding and qualifier.

    With the claim's ``quote`` the rounding is read from the digits as written; without it, from the
    value's significant digits (trailing zeros taken as not significant).
    """
    top = value if value_high is None or (isinstance(value_high, float) and math.isnan(value_high)) else value_high
    if quote:
        halves = written_half_units(quote, [value, top] if top != value else [value])
        low_half, high_half = halves[0], halves[-1]
    else:
        low_half, high_half = rounding_half_unit(value), rounding_half_unit(top)
    low, high = value - low_half, top + high_half
    if qualifier == "about":
        low = min(low, value - ABOUT_RELATIVE_MARGIN * abs(value))
        high = max(high, top + ABOUT_RELATIVE_MARGIN * abs(top))
    elif qualifier == "over":
        high = math.inf
    elif qualifier in ("up_to", "under"):
        low = -math.inf
    return Interval(low, high)


def _bounded(low: float, high: float) -> Interval:
    if math.isnan(low) or math.isnan(high):
        return UNBOUNDED
    return Interval(min(low, high), max(low, high))


def add(a: Interval, b: Interval) -> Interval:
    return _bounded(a.low + b.low, a.high + b.high)


def subtract(a: Interval, b: Interval) -> Interval:
    return _bounded(a.low - b.high, a.high - b.low)


def ratio_percent(part: Interval, whole: Interval) -> Interval:
    """``part / whole * 100`` for positive quantities."""
    if whole.low <= 0 or part.low < 0:
        return UNBOUNDED
    return _bounded(part.low / whole.high * 100, part.high / whole.low * 100)


def scale_percent(whole: Interval, percent: Interval) -> Interval:
    """``whole * percent / 100`` for positive quantities."""
    if whole.low < 0 or percent.low < 0:
        return UNBOUNDED
    return _bounded(whole.low * percent.low / 100, whole.high * percent.high / 100)


def growth_percent(current: Interval, previous: Interval) -> Interval:
    """Growth in percent from ``previous`` to ``current``: ``(current / previous - 1) * 100``."""
    if previous.low <= 0 or current.low < 0:
        return UNBOUNDED
    return _bounded((current.low / previous.high - 1) * 100, (current.high / previous.low - 1) * 100)


def level_before_growth(current: Interval, growth: Interval) -> Interval:
    """The earlier level implied by the current one and its growth: ``current / (1 + growth / 100)``."""
    if growth.low <= -100 or current.low < 0:
        return UNBOUNDED
    return _bounded(current.low / (1 + growth.high / 100), current.high / (1 + growth.low / 100))


def _trim(number: float, significant: int) -> str:
    text = f"{number:.{significant}g}"
    if "e" in text:
        text = f"{number:.{max(significant, 1)}f}"
    return text


@lru_cache(maxsize=1 << 17)
def format_quantity(value: float | None, unit: str | None, significant: int = 6) -> str:
    """A figure as a reader writes it: ``$280.6 million``, ``2.8 million tons``, ``86%``, ``62``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if math.isinf(value):
        return "unbounded"
    if unit == "percent":
        return f"{_trim(value, significant)}%"
    magnitude, scale_word = abs(value), ""
    for factor, word in _SCALES:
        if magnitude >= factor:
            value, scale_word = value / factor, word
            break
    if magnitude < 1e6 and float(value).is_integer():
        number = f"{int(value):,}"
    else:
        number = _trim(value, significant)
    amount = f"{number} {scale_word}".strip()
    if unit in _CURRENCY_SIGNS:
        sign = "-" if amount.startswith("-") else ""
        return f"{sign}{_CURRENCY_SIGNS[unit]}{amount.lstrip('-')}"
    word = _UNIT_WORDS.get(unit or "", unit or "")
    return f"{amount} {word}".strip()


def format_interval(interval: Interval, unit: str | None) -> str:
    if interval.low == -math.inf and interval.high == math.inf:
        return "any value"
    if interval.low == -math.inf:
        return f"at most {format_quantity(interval.high, unit, 3)}"
    if interval.high == math.inf:
        return f"at least {format_quantity(interval.low, unit, 3)}"
    return f"{format_quantity(interval.low, unit, 3)} to {format_quantity(interval.high, unit, 3)}"

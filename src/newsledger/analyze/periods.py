"""Naming the periods figures cover, and finding the period a growth rate compares against.

A period is an inclusive pair of dates (``period_start``, ``period_end``) as the annotators give
it. Its *kind* (year, half, quarter, month, ...) lets a series keep yearly and half-yearly figures
apart; its *label* is what a reader sees (``2023``, ``H1 2024``, ``Jan-Sep 2024``).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from functools import lru_cache

import pandas as pd

_MONTH_ABBREVIATIONS = tuple(calendar.month_abbr)  # ('', 'Jan', ..., 'Dec'), fixed English names


def as_date(value: object) -> date | None:
    """A ``datetime.date`` from a Timestamp, date or string; None for NaT/None/NA."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, datetime):  # pandas Timestamps included
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(value).date()


@lru_cache(maxsize=None)
def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months_covered(start: date, end: date) -> int | None:
    """Whole calendar months from ``start`` to ``end``, or None when they are not month boundaries."""
    if start.day != 1 or end != _month_end(end.year, end.month):
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


@lru_cache(maxsize=None)
def period_kind(start: date | None, end: date | None) -> str | None:
    """year, half, quarter, month, year_to_date, months, multi_year, day or span; None when unknown."""
    if start is None or end is None:
        return None
    if start == end:
        return "day"
    months = _months_covered(start, end)
    if months is None:
        return "span"
    if start.year == end.year:
        if months == 12:
            return "year"
        if months == 6 and start.month in (1, 7):
            return "half"
        if months == 3 and start.month in (1, 4, 7, 10):
            return "quarter"
        if months == 1:
            return "month"
        if start.month == 1:
            return "year_to_date"
        return "months"
    if start.month == 1 and end.month == 12:
        return "multi_year"
    return "months"


@lru_cache(maxsize=None)
def period_label(start: date | None, end: date | None) -> str:
    """A short name: ``2023``, ``H1 2024``, ``Q3 2024``, ``Mar 2024``, ``Jan-Sep 2024``, ``2022-2026``."""
    kind = period_kind(start, end)
    if kind is None:
        return "undated" if start is None and end is None else f"{start or '?'} - {end or '?'}"
    assert start is not None and end is not None
    if kind == "year":
        return str(start.year)
    if kind == "half":
        return f"H{1 if start.month == 1 else 2} {start.year}"
    if kind == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if kind == "month":
        return f"{_MONTH_ABBREVIATIONS[start.month]} {start.year}"
    if kind == "day":
        return start.isoformat()
    if kind == "multi_year":
        return f"{start.year}-{end.year}"
    if kind in ("year_to_date", "months"):
        if start.year == end.year:
            return f"{_MONTH_ABBREVIATIONS[start.month]}-{_MONTH_ABBREVIATIONS[end.month]} {start.year}"
        return f"{_MONTH_ABBREVIATIONS[start.month]} {start.year}-{_MONTH_ABBREVIATIONS[end.month]} {end.year}"
    return f"{start.isoformat()} - {end.isoformat()}"


def _shift_one_year_back(day: date, keep_month_end: bool) -> date:
    if keep_month_end:
        return _month_end(day.year - 1, day.month)
    return date(day.year - 1, day.month, min(day.day, calendar.monthrange(day.year - 1, day.month)[1]))


@lru_cache(maxsize=None)
def year_earlier(start: date | None, end: date | None) -> tuple[date, date] | None:
    """The same period one year earlier: what a year-on-year growth rate compares against.

    News figures state growth year on year: 2023 against 2022, H1 2024 against H1 2023. None when
    the period is unknown.
    """
    if start is None or end is None:
        return None
    end_is_month_end = end == _month_end(end.year, end.month)
    return _shift_one_year_back(start, False), _shift_one_year_back(end, end_is_month_end)

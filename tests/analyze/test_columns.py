import math
from datetime import date

import pandas as pd

from newsledger.analyze.columns import dates, values


def test_missing_values_read_as_none_whatever_the_column_type():
    frame = pd.DataFrame({
        "text": pd.Series(["AZE", None, "KAZ"], dtype="string"),
        "count": pd.Series([3, None, 5], dtype="Int64"),
        "amount": [1.5, math.nan, 2.5],
        "tags": pd.Series([["energy"], None, []], dtype=object),
        "flag": [True, False, True],
    })
    assert values(frame, "text") == ["AZE", None, "KAZ"]
    assert values(frame, "count") == [3, None, 5]
    assert values(frame, "amount") == [1.5, None, 2.5]
    assert values(frame, "tags") == [["energy"], None, []]
    assert values(frame, "flag") == [True, False, True]


def test_an_absent_column_gives_the_default_for_every_row():
    frame = pd.DataFrame({"text": pd.Series(["a", "b"], dtype="string")})
    assert values(frame, "is_forecast", False) == [False, False]
    assert values(None, "text") == []


def test_a_repeated_string_is_one_python_object():
    frame = pd.DataFrame({"article_id": pd.Series(["a" * 64, "b" * 64, "a" * 64], dtype="string")})
    first, _, third = values(frame, "article_id")
    assert first == third and first is third


def test_dates_from_timestamps_strings_and_missing_values():
    typed = pd.DataFrame({"day": pd.Series(["2024-01-01", None], dtype="datetime64[ms]")})
    assert dates(typed, "day") == [date(2024, 1, 1), None]
    assert dates(pd.DataFrame({"day": ["2023-12-31", None]}), "day") == [date(2023, 12, 31), None]
    assert dates(typed, "absent") == [None, None]

"""``splice`` puts fresh rows among the kept rows of a sorted table exactly where a stable sort of
the two puts them: compared with that sort on tables with ties, missing values, NaN, non-ASCII
strings and keys in both directions."""

from __future__ import annotations

import numpy
import pyarrow as arrow
import pyarrow.compute as compute
import pytest

from newsledger.analyze.splice import splice

ORDERS = [
    [("word", "ascending"), ("number", "descending"), ("id", "ascending")],
    [("number", "descending"), ("word", "ascending")],  # ties: rows equal on every key
    [("day", "ascending"), ("flag", "ascending"), ("word", "descending")],
]


def _table(random: numpy.random.Generator, n: int, first_id: int) -> arrow.Table:
    words = ["", "a", "b", "ab", "Z", "é", "ž", "日本", None]
    numbers = [0.0, 1.5, -2.0, 100.0, float("nan"), None]
    days = numpy.array(["2024-01-01", "2023-12-31", None], dtype=object)
    return arrow.table({
        "id": arrow.array([f"row{first_id + i:05d}" for i in range(n)]),
        "word": arrow.array([words[i] for i in random.integers(0, len(words), n)], arrow.string()),
        "number": arrow.array([numbers[i] for i in random.integers(0, len(numbers), n)], arrow.float64()),
        "day": compute.cast(arrow.array(days[random.integers(0, len(days), n)].tolist()), arrow.date32()),
        "flag": arrow.array(random.integers(0, 2, n).astype(bool)),
        "items": arrow.array([[str(i)] * (i % 3) for i in range(n)], arrow.list_(arrow.string())),
    })


def _rows(table: arrow.Table) -> list:
    return [repr(row) for row in table.to_pylist()]


def _sorted(table: arrow.Table, order) -> arrow.Table:
    return table.take(compute.sort_indices(table, sort_keys=[(c, d, "at_end") for c, d in order]))


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("order", ORDERS)
def test_splice_places_fresh_rows_as_a_stable_sort_does(seed, order):
    random = numpy.random.default_rng(seed)
    previous = _sorted(_table(random, int(random.integers(0, 300)), 0), order)
    keep = random.random(previous.num_rows) < [0.0, 0.5, 0.97][seed % 3]
    fresh = _table(random, int(random.integers(0, 12)), 10_000)
    expected = _sorted(arrow.concat_tables([previous.filter(arrow.array(keep, arrow.bool_())), fresh]), order)
    spliced = splice(previous, keep, fresh, order)
    assert spliced["id"].to_pylist() == expected["id"].to_pylist()
    assert _rows(spliced) == _rows(expected)  # every column, NaN included (Arrow's ``equals`` says NaN != NaN)
    assert spliced.num_rows == int(keep.sum()) + fresh.num_rows

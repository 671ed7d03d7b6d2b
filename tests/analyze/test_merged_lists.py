"""The re-run's id lists: a few new ids merged into a sorted Arrow list give what ``sorted`` gives."""

from __future__ import annotations

import numpy
import pyarrow as arrow
import pytest

from newsledger.analyze.incremental import _merged

WORDS = ["", "a", "a:1-2", "a:10-2", "b", "Z", "é", "ž", "日本", "aa", "a:1-2"]


@pytest.mark.parametrize("seed", range(20))
def test_merged_is_sorted_of_both(seed):
    random = numpy.random.default_rng(seed)
    ordered = sorted(WORDS[i] for i in random.integers(0, len(WORDS), int(random.integers(0, 30))))
    new = [WORDS[i] for i in random.integers(0, len(WORDS), int(random.integers(0, 6)))]  # any order, repeats
    merged = _merged(arrow.array(ordered, arrow.string()).slice(0), new)
    assert merged.to_pylist() == sorted(ordered + new)

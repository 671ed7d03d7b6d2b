"""A table's columns as plain Python values, read in bulk.

Iterating a pandas column of Arrow-backed strings, or ``DataFrame.to_dict("records")``, costs a few
microseconds per cell; at hundreds of thousands of claims and mentions that was most of the stage's
time. Arrow converts a whole column to a Python list at once, with ``None`` for every missing value
(``<NA>``, ``NaN``, ``NaT``), which is what the builders compare and hash; a string repeated down
a column (an article id, a metric, a unit) becomes one Python object, not one per row.
"""

from __future__ import annotations

from datetime import date

import numpy
import pandas as pd
import pyarrow as arrow


def _arrow(column: pd.Series) -> arrow.Array | arrow.ChunkedArray:
    return arrow.array(column, from_pandas=True)


def values(frame: pd.DataFrame | None, name: str, default: object = None) -> list:
    """Column ``name`` of ``frame`` as a list of Python values, None where missing; ``default`` for
    every row when the frame has no such column."""
    if frame is None:
        return []
    if name not in frame.columns:
        return [default] * len(frame)
    column = frame[name]
    if column.dtype == object:  # lists, or values pandas could not type: only the missing markers change
        cells = column.tolist()
        missing = column.isna().to_numpy()
        if missing.any():
            for position in missing.nonzero()[0].tolist():
                cells[position] = None
        return cells
    array = _arrow(column)
    if arrow.types.is_string(array.type) or arrow.types.is_large_string(array.type):
        return _shared_strings(array)
    return array.to_pylist()


def dates(frame: pd.DataFrame | None, name: str) -> list[date | None]:
    """Column ``name`` as ``datetime.date`` values (None where missing), whatever its date type."""
    if frame is None:
        return []
    if name not in frame.columns:
        return [None] * len(frame)
    column = frame[name]
    if not pd.api.types.is_datetime64_any_dtype(column):
        column = pd.to_datetime(column)
    return _arrow(column.astype("datetime64[ms]")).cast(arrow.date32(), safe=False).to_pylist()


def _shared_strings(array: arrow.Array | arrow.ChunkedArray) -> list:
    """The strings of ``array`` with one Python object per distinct value: a corpus repeats its
    article ids, metrics, units and entity ids on every row, and a hundred thousand copies of the
    same id are megabytes for nothing."""
    if isinstance(array, arrow.ChunkedArray):
        array = array.combine_chunks()
    encoded = array.dictionary_encode()
    distinct = numpy.empty(len(encoded.dictionary) + 1, dtype=object)
    distinct[:-1] = encoded.dictionary.to_pylist()  # the last slot stays None, for missing values
    return distinct[encoded.indices.fill_null(len(distinct) - 1).to_numpy()].tolist()

"""Reading and writing the pipeline's tables: typed Parquet, checked against the schemas on the way
out and on the way in, written atomically.

The schemas come from ``newsledger.schemas`` (the one metadata source); this module turns each
``TableSpec`` into a pandera schema and an Arrow schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as arrow
import pyarrow.parquet as pq

from .atomic import atomic_path
from .schemas import PANDAS_DTYPES, TABLES, Field, TableSpec

if TYPE_CHECKING:
    import pandera.pandas as pa

_ARROW_TYPES = {
    "string": arrow.string(),
    "int64": arrow.int64(),
    "float64": arrow.float64(),
    "bool": arrow.bool_(),
    "date": arrow.date32(),
    "list[string]": arrow.list_(arrow.string()),
}


class TableError(Exception):
    """A table cannot be read or written; the message says which file and why."""


def spec(name: str) -> TableSpec:
    try:
        return TABLES[name]
    except KeyError:
        raise TableError(f"unknown table {name!r}; known tables: {', '.join(sorted(TABLES))}") from None


def table_path(name: str, folder: str | Path) -> Path:
    return Path(folder) / f"{name}.parquet"


def _is_list_of_strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _lists_of_strings(column: pd.Series) -> pd.Series:
    """Which cells are lists of strings. Arrow checks a whole column in C; only a column it refuses
    (some cell is not a list of strings) is looked at cell by cell, to say which.
    At 10,000 articles this cut reading and writing the tables from 5.9 s to ~4 s of CPU."""
    if all(type(value) is list for value in column):
        try:
            arrow.array(column.tolist(), type=_ARROW_TYPES["list[string]"])
            return pd.Series(True, index=column.index)
        except (arrow.ArrowInvalid, arrow.ArrowTypeError):
            pass
    return column.map(_is_list_of_strings)


def _column(field: Field) -> pa.Column:
    import pandera.pandas as pa

    checks = []
    if field.allowed is not None:
        checks.append(pa.Check.isin(field.allowed))
    if field.dtype == "list[string]":
        checks.append(pa.Check(_lists_of_strings, element_wise=False, error="must be a list of strings"))
    return pa.Column(
        PANDAS_DTYPES[field.dtype],
        checks=checks,
        nullable=field.nullable,
        unique=field.unique,
        description=field.description,
    )


@lru_cache(maxsize=None)
def pandera_schema(name: str) -> pa.DataFrameSchema:
    # Imported here, not at the top: the annotation workers build checked Arrow tables without
    # pandera, and importing it cost each worker process 0.4 s of CPU (``python -X importtime``).
    import pandera.pandas as pa

    table = spec(name)
    return pa.DataFrameSchema(
        {f.name: _column(f) for f in table.fields},
        strict=True,
        ordered=True,
        name=name,
        description=table.description,
    )


def arrow_schema(name: str) -> arrow.Schema:
    return arrow.schema([arrow.field(f.name, _ARROW_TYPES[f.dtype], nullable=f.nullable) for f in spec(name).fields])


def arrow_table(columns: Mapping[str, list], name: str) -> arrow.Table:
    """The table ``name`` built straight from Python values, one list per column (more keys are
    ignored), typed by its Arrow schema and held to the checks of ``pandera_schema(name)``.

    Why not a pandas frame and pandera: a worker annotating a partition of 500 articles spent 13-15%
    of its CPU making the frame, conforming and validating it, then converting it to Arrow (0.76-0.98 s
    per 2,000 articles of the scale corpus, against 5.3 s of annotating); these Arrow checks do the same
    in C. The tables are still validated by pandera when a stage reads them (``read_table``)."""
    table_spec = spec(name)
    missing = [f.name for f in table_spec.fields if f.name not in columns]
    if missing:
        raise TableError(f"table {name!r} is missing columns: {', '.join(missing)}")
    arrays = []
    for field in table_spec.fields:
        try:
            arrays.append(arrow.array(columns[field.name], type=_ARROW_TYPES[field.dtype]))
        except (arrow.ArrowInvalid, arrow.ArrowTypeError) as error:
            raise TableError(f"table {name!r} does not match its schema: {field.name}: values of the wrong type ({error})") from None
    table = arrow.Table.from_arrays(arrays, schema=arrow_schema(name))
    problems = [problem for field in table_spec.fields for problem in _arrow_problems(table[field.name], field)]
    if problems:
        raise TableError(f"table {name!r} does not match its schema: {'; '.join(problems[:5])}")
    return table


def empty_arrow_table(name: str) -> arrow.Table:
    return arrow_table({column: [] for column in spec(name).columns}, name)


def _arrow_problems(column: arrow.Array, field: Field) -> list[str]:
    """What ``_column(field)`` would refuse in ``column``, said the way ``validate`` says it."""
    import pyarrow.compute as compute

    problems = []
    if not field.nullable and column.null_count:
        problems.append(f"{field.name}: not_nullable ({column.null_count} missing values)")
    if field.dtype == "list[string]" and compute.list_flatten(column).null_count:
        problems.append(f"{field.name}: must be a list of strings (a missing item)")
    if field.allowed is not None:
        outside = column.filter(compute.and_(compute.is_valid(column), compute.invert(compute.is_in(column, value_set=arrow.array(field.allowed)))))
        if len(outside):
            problems.append(f"{field.name}: isin({list(field.allowed)}) (e.g. {outside[0].as_py()!r})")
    if field.unique and compute.count_distinct(column, mode="all").as_py() != len(column):
        problems.append(f"{field.name}: field_uniqueness (a value repeats)")
    return problems


def empty_frame(name: str) -> pd.DataFrame:
    """A table with no rows and the right columns and types."""
    return conform(pd.DataFrame({f.name: [] for f in spec(name).fields}), name)


def _as_list(value: object) -> list:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [str(item) for item in value]


def _as_lists(column: pd.Series) -> list[list]:
    """Each cell as a list of strings, a missing one as []. Arrow converts a column of sequences of
    strings in one C pass (1.0 s of CPU saved per 680,000 cells); a column with other items (numbers)
    is converted cell by cell."""
    try:
        lists = arrow.array(column, type=_ARROW_TYPES["list[string]"], from_pandas=True)
    except arrow.ArrowException:  # items that are not strings, or a column that is not of objects
        return [_as_list(value) for value in column]
    return lists.fill_null(arrow.scalar([], type=lists.type)).to_pylist()


def _fields(name: str, columns: list[str] | None) -> tuple[Field, ...]:
    table = spec(name)
    if columns is None:
        return table.fields
    unknown = [c for c in columns if c not in table.columns]
    if unknown:
        raise TableError(f"table {name!r} has no columns {', '.join(unknown)}")
    return tuple(f for f in table.fields if f.name in columns)


def conform(frame: pd.DataFrame, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """The frame with the table's columns (or only ``columns`` of them), in order, in the table's
    types (no validation)."""
    fields = _fields(name, columns)
    missing = [f.name for f in fields if f.name not in frame.columns]
    if missing:
        raise TableError(f"table {name!r} is missing columns: {', '.join(missing)}")
    extra = [c for c in frame.columns if c not in {f.name for f in fields}]
    if extra:
        raise TableError(f"table {name!r} has undeclared columns: {', '.join(map(str, extra))} (declare them in newsledger/schemas)")
    frame = frame.reset_index(drop=True)  # a filtered frame's index would misalign the columns below
    out = {}
    for field in fields:
        column = frame[field.name]
        if field.dtype == "date":
            column = pd.to_datetime(column, errors="raise").astype("datetime64[ms]")
        elif field.dtype == "list[string]":
            column = pd.Series(_as_lists(column), index=frame.index, dtype="object")
        elif field.dtype == "bool":
            column = column.astype("bool")
        else:
            column = column.astype(PANDAS_DTYPES[field.dtype])
        out[field.name] = column
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))


def validate(frame: pd.DataFrame, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    import pandera.pandas as pa

    schema = pandera_schema(name)
    if columns is not None:
        schema = schema.select_columns([f.name for f in _fields(name, columns)])
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        cases = error.failure_cases
        summary = "; ".join(
            f"{row.column}: {row.check} (e.g. {row.failure_case!r})"
            for row in cases.drop_duplicates(["column", "check"]).head(5).itertuples()
        )
        raise TableError(f"table {name!r} does not match its schema: {summary}") from None


def write_table(frame: pd.DataFrame, name: str, folder: str | Path) -> Path:
    """Check ``frame`` against the schema of ``name`` and write ``folder/name.parquet`` atomically."""
    checked = validate(conform(frame, name), name)
    table = arrow.Table.from_pandas(checked, schema=arrow_schema(name), preserve_index=False)
    table = table.replace_schema_metadata(None)  # pandas metadata would only repeat the schema
    target = table_path(name, folder)
    with atomic_path(target) as tmp:
        pq.write_table(table, tmp, compression="zstd")
    return target


def read_table(name: str, folder: str | Path, columns: list[str] | None = None,
               where: list[tuple] | None = None) -> pd.DataFrame:
    """Read ``folder/name.parquet`` and check it against its schema, with a clear message when it cannot be.

    ``columns``: only these columns; ``where``: only the rows that pass these filters, in pyarrow's
    form (``[("entity_type", "==", "country")]``). Both are applied while reading, so a caller that
    needs a slice of a large table never holds the rest of it as Python objects (at 100,000 articles
    the sentences' quotes in ``sectors`` alone are the corpus's text again)."""
    path = _existing_path(name, folder)
    selected = None if columns is None else [f.name for f in _fields(name, columns)]
    try:
        table = pq.read_table(path, columns=selected, filters=where)
        frame = table.to_pandas(date_as_object=False)
    except _READ_ERRORS as error:
        raise _unreadable(path, name, error) from None
    return validate(conform(frame, name, selected), name, selected)


_READ_ERRORS = (arrow.ArrowException, OSError, ValueError)


def read_arrow(name: str, folder: str | Path, columns: list[str] | None = None) -> arrow.Table:
    """``folder/name.parquet`` (or only ``columns`` of it) as Arrow, as written: no conversion to
    Python objects and no schema check, for a stage's bookkeeping over a whole corpus (ids, dates);
    the same message as ``read_table`` when it cannot be read."""
    path = _existing_path(name, folder)
    selected = None if columns is None else [f.name for f in _fields(name, columns)]
    try:
        return pq.read_table(path, columns=selected)
    except _READ_ERRORS as error:
        raise _unreadable(path, name, error) from None


def _existing_path(name: str, folder: str | Path) -> Path:
    path = table_path(name, folder)
    if not path.exists():
        raise TableError(f"{path.name} not found in {folder}: run the stage that writes it ({spec(name).stage}) first")
    return path


def _unreadable(path: Path, name: str, error: Exception) -> TableError:
    return TableError(f"{path.name} is unreadable ({error}); delete it and re-run the {spec(name).stage} stage")


def check_readable(name: str, folder: str | Path) -> None:
    """Raise the ``read_table`` message now if ``folder/name.parquet`` is missing, cut short or not
    a Parquet file: its footer is read, not its rows. A stage that writes its outputs one by one
    checks all its inputs first, so that a bad input leaves the previous outputs as they were."""
    path = _existing_path(name, folder)
    try:
        pq.read_metadata(path)
    except _READ_ERRORS as error:
        raise _unreadable(path, name, error) from None


class StoredTables(Mapping):
    """Tables in a folder, each read (and checked) when asked for and not kept: a large corpus's
    tables would otherwise stay in memory as Python objects for as long as the caller holds them."""

    def __init__(self, folder: str | Path, names: tuple[str, ...]):
        self.folder, self.names = Path(folder), tuple(names)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.names:
            raise KeyError(name)
        return read_table(name, self.folder)

    def __iter__(self):
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def span_mismatches(frame: pd.DataFrame, articles: pd.DataFrame, prefix: str = "") -> pd.DataFrame:
    """Rows whose quote is not ``text[start:end]`` of their article (should be none).

    ``prefix`` selects the columns: "" for span tables (``article_id``, ``start``, ``end``, ``quote``),
    "evidence_" for stage-3 tables that cite a claim. Rows without a cited article are skipped."""
    texts = dict(zip(articles["article_id"], articles["text"]))
    columns = [f"{prefix}{c}" for c in ("article_id", "start", "end", "quote")]
    bad = [
        i
        for i, (aid, start, end, quote) in enumerate(zip(*(frame[c] for c in columns)))
        if not pd.isna(aid) and (texts.get(aid) is None or texts[aid][int(start) : int(end)] != quote)
    ]
    return frame.iloc[bad]


def span_column_prefixes(name: str) -> list[str]:
    """The span-column prefixes a table carries: "" (its own span) and/or "evidence_" (a cited claim)."""
    columns = set(spec(name).columns)
    return [p for p in ("", "evidence_") if {f"{p}article_id", f"{p}start", f"{p}end", f"{p}quote"} <= columns]

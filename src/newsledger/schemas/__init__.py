"""The one metadata source for every table: column names, types, meaning.

Each stage declares its tables in its own module here (``ingest``, ``annotate``, ``analyze``).
From these declarations come the pandera schemas that check a table when it is written and read,
the same checks on the Arrow tables annotate's workers build (both in ``newsledger.tables``), and
the data dictionary (``docs/data_dictionary.md``, made by
``python -m newsledger dictionary``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# dtype names used in Field.dtype, and the pandas dtype each maps to once read from Parquet.
PANDAS_DTYPES = {
    "string": "string",
    "int64": "Int64",
    "float64": "float64",
    "bool": "bool",
    "date": "datetime64[ms]",
    "list[string]": "object",
}


@dataclass(frozen=True)
class Field:
    name: str
    dtype: str  # a key of PANDAS_DTYPES
    description: str
    nullable: bool = False
    allowed: tuple[str, ...] | None = None  # closed vocabulary, checked
    unique: bool = False

    def __post_init__(self) -> None:
        if self.dtype not in PANDAS_DTYPES:
            raise ValueError(f"field {self.name!r}: unknown dtype {self.dtype!r}")


@dataclass(frozen=True)
class TableSpec:
    name: str
    stage: str
    description: str
    fields: tuple[Field, ...]
    span_checked: bool = False  # has article_id/start/end/quote that must match the article text
    unique_key: tuple[str, ...] = field(default_factory=tuple)

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]


def _registry() -> dict[str, TableSpec]:
    from . import analyze, annotate, ingest

    tables: dict[str, TableSpec] = {}
    for module in (ingest, annotate, analyze):
        for spec in module.TABLES:
            if spec.name in tables:
                raise ValueError(f"table {spec.name!r} declared twice")
            tables[spec.name] = spec
    return tables


# Columns shared by every table whose rows point at characters of an article.
SPAN_FIELDS = (
    Field("article_id", "string", "The article the span is in (`articles.article_id`)."),
    Field("start", "int64", "Offset of the span's first character in the article's normalised `text`."),
    Field("end", "int64", "Offset one past the span's last character: `text[start:end] == quote`."),
    Field("quote", "string", "The span's characters, exactly as in the article's `text`."),
)


TABLES: dict[str, TableSpec] = _registry()

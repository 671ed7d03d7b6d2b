"""The data dictionary (docs/data_dictionary.md), generated from the table declarations."""

from __future__ import annotations

from pathlib import Path

from .atomic import write_text_atomic
from .config import PROJECT_ROOT
from .schemas import TABLES

DICTIONARY_PATH = PROJECT_ROOT / "docs" / "data_dictionary.md"


def data_dictionary_markdown() -> str:
    lines = [
        "# Data dictionary",
        "",
        "Generated from `src/newsledger/schemas/` by `python -m newsledger dictionary`; do not edit by hand",
        "(a test fails when this file and the schemas disagree). Every table is a Parquet file in `data/processed/`,",
        "checked against its schema when written and when read.",
        "",
    ]
    for stage in ("ingest", "annotate", "analyze"):
        for spec in (s for s in TABLES.values() if s.stage == stage):
            lines += [f"## `{spec.name}` (stage: {spec.stage})", "", spec.description, ""]
            if spec.span_checked:
                lines += ["Every row satisfies `articles.text[start:end] == quote` for its `article_id`.", ""]
            lines += ["| column | type | null | meaning |", "| --- | --- | --- | --- |"]
            for field in spec.fields:
                meaning = field.description.replace("|", "\\|")
                if field.allowed:
                    meaning += " One of: " + ", ".join(f"`{v}`" for v in field.allowed) + "."
                lines.append(f"| `{field.name}` | {field.dtype} | {'yes' if field.nullable else 'no'} | {meaning} |")
            lines.append("")
    return "\n".join(lines)


def write_data_dictionary(path: Path = DICTIONARY_PATH) -> Path:
    return write_text_atomic(path, data_dictionary_markdown())

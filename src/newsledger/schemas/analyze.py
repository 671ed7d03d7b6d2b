"""Tables written by stage 3 (analyze)."""

from __future__ import annotations

from . import Field, TableSpec  # noqa: F401  (used once stage 3 declares its tables)

TABLES: tuple[TableSpec, ...] = ()

"""What kind of thing an entity id names, and how to show it to a reader.

Ids follow the gazetteer's convention: ISO 3166 alpha-3 codes for countries (``AZE``), and
``kind:slug`` for the rest (``org:ots``, ``person:ilham_aliyev``, ``infra:middle_corridor``,
``place:baku``). Display names come from ``data/reference/gazetteer.csv`` when it has a name column,
else from ISO 3166 for countries, else from the slug itself, so a label never depends on a file
that another stage may not have written yet.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from ..config import REFERENCE_DIR

_COUNTRY_ID = re.compile(r"^[A-Z]{3}$")
_NAME_COLUMNS = ("name", "label", "canonical_name", "canonical", "display_name")
# Slugs this short are acronyms (org:ots, org:eu, org:cis), shown upper-case.
_ACRONYM_MAX_LENGTH = 4


def entity_kind(entity_id: str | None) -> str | None:
    """``country`` for alpha-3 codes, else the id's prefix (``org``, ``person``, ``infra``, ``place``, ...)."""
    if not entity_id:
        return None
    if _COUNTRY_ID.match(entity_id):
        return "country"
    prefix, sep, _ = entity_id.partition(":")
    return prefix if sep else None


def is_state_or_organisation(entity_id: str | None) -> bool:
    """The nodes of the actor network: countries and organisations (not people, places, routes)."""
    return entity_kind(entity_id) in ("country", "org")


@lru_cache(maxsize=1)
def _gazetteer_names() -> dict[str, str]:
    path = REFERENCE_DIR / "gazetteer.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        name_column = next((c for c in _NAME_COLUMNS if c in columns), None)
        if "entity_id" not in columns or name_column is None:
            return {}
        names: dict[str, str] = {}
        for row in reader:
            entity_id, name = (row.get("entity_id") or "").strip(), (row.get(name_column) or "").strip()
            if entity_id and name:
                names.setdefault(entity_id, name)  # the first row of an entity is its main name
        return names


@lru_cache(maxsize=None)
def _country_name(code: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


def entity_label(entity_id: str | None) -> str:
    """A name a reader recognises: ``AZE`` -> ``Azerbaijan``, ``org:ots`` -> ``OTS``; ``-`` for none."""
    if not entity_id:
        return "-"
    known = _gazetteer_names().get(entity_id)
    if known:
        return known
    if entity_kind(entity_id) == "country":
        return _country_name(entity_id) or entity_id
    _, _, slug = entity_id.partition(":")
    if not slug:
        return entity_id
    if len(slug) <= _ACRONYM_MAX_LENGTH and "_" not in slug:
        return slug.upper()
    return " ".join(word.capitalize() for word in slug.split("_"))


def pair_label(subject: str | None, counterpart: str | None, symmetric: bool) -> str:
    """``Azerbaijan-Kazakhstan`` for a symmetric pair, ``Azerbaijan -> Kazakhstan`` for a directed one."""
    if subject and counterpart:
        joiner = "-" if symmetric else " -> "
        return f"{entity_label(subject)}{joiner}{entity_label(counterpart)}"
    return entity_label(subject or counterpart)

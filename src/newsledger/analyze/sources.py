"""Which articles are independent sources, and where and when each was published.

An article whose ``duplicate_of`` is set reprints another (syndication: AzerNews carrying a Trend
story). Corroboration counts *original* articles: every article is traced back, through chains of
``duplicate_of``, to the article it ultimately reprints, its root.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from .columns import dates, values


def clean(value: object) -> object:
    """None for pandas' missing markers (None, NaN, NA, NaT); the value otherwise."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):  # lists and other non-scalars are never missing
        pass
    return value


@dataclass
class SourceIndex:
    outlets: dict[str, str | None] = field(default_factory=dict)
    published: dict[str, date | None] = field(default_factory=dict)
    duplicate_of: dict[str, str | None] = field(default_factory=dict)

    _roots: dict[str, str] = field(default_factory=dict, repr=False)  # caches: an index lives for one analysis
    _descriptions: dict[str, str] = field(default_factory=dict, repr=False)
    _order_keys: dict[str, tuple] = field(default_factory=dict, repr=False)

    @classmethod
    def from_articles(cls, articles: pd.DataFrame | None) -> "SourceIndex":
        index = cls()
        if articles is None or articles.empty:
            return index
        ids = values(articles, "article_id")
        index.outlets = dict(zip(ids, values(articles, "outlet")))
        index.published = dict(zip(ids, dates(articles, "published") if "published" in articles else [None] * len(ids)))
        index.duplicate_of = dict(zip(ids, values(articles, "duplicate_of")))
        return index

    def root(self, article_id: str) -> str:
        """The original article that ``article_id`` reprints (itself when it is an original)."""
        known = self._roots.get(article_id)
        if known is not None:
            return known
        seen = {article_id}
        current = article_id
        while (parent := self.duplicate_of.get(current)) and parent not in seen:
            seen.add(parent)
            current = parent
        self._roots[article_id] = current
        return current

    def is_reprint(self, article_id: str) -> bool:
        return bool(self.duplicate_of.get(article_id))

    def outlet(self, article_id: str) -> str | None:
        return self.outlets.get(article_id)

    def published_on(self, article_id: str) -> date | None:
        return self.published.get(article_id)

    def describe(self, article_id: str) -> str:
        """``Trend, 2024-09-04`` (what a reader needs to find the article); the id when nothing is known."""
        known = self._descriptions.get(article_id)
        if known is None:
            outlet, day = self.outlet(article_id), self.published_on(article_id)
            known = self._descriptions[article_id] = ", ".join([outlet or f"article {article_id}", day.isoformat() if day else "undated"])
        return known

    def order_key(self, article_id: str) -> tuple:
        """Earliest published first, originals before reprints, undated last; ties by id."""
        known = self._order_keys.get(article_id)
        if known is None:
            day = self.published_on(article_id)
            known = self._order_keys[article_id] = (day is None, day or date.max, self.is_reprint(article_id), article_id)
        return known

"""The ledger: claims grouped into distinct facts, and the facts arranged into series over time.

A *fact* is one indicator value for one period: claims that share (metric, subject, counterpart,
period, unit, forecast-or-actual) state the same fact, whichever article they come from. For a
symmetric metric (trade turnover between A and B is turnover between B and A) the pair is put in a
canonical order first. Each fact keeps the ids of every claim and article that state it and the
first claim as citable evidence; its independent support is the number of distinct *original*
articles (reprints are traced back to what they reprint).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ..schemas import TABLES
from ..tables import conform
from .columns import dates, values
from .entities import entity_label, pair_label
from .periods import period_kind, period_label
from .quantities import format_quantity
from .rate_cues import nearest_rate_cue
from .sources import SourceIndex

# Metrics whose subject/counterpart pair is unordered. Flows (exports, imports, investment) are directed.
SYMMETRIC_METRICS = frozenset({"trade_turnover"})
RATE_UNITS = frozenset({"percent", "times"})


@lru_cache(maxsize=None)
def base_metric(metric: str, kind: str) -> str | None:
    """The level a rate is about: ``cargo_volume_growth`` -> ``cargo_volume``; None for plain ``growth``/``share``."""
    if metric == kind:
        return None
    for prefix in (f"{kind}_of_", f"{kind}_in_", f"{kind}_"):
        if metric.startswith(prefix):
            return metric[len(prefix):]
    suffix = f"_{kind}"
    if metric.endswith(suffix):
        return metric[: -len(suffix)]
    return None


@lru_cache(maxsize=None)
def metric_kind(metric: str) -> str:
    """``growth``, ``share`` or ``level`` (an amount: money, tonnes, counts)."""
    for kind in ("growth", "share"):
        if metric == kind or base_metric(metric, kind) is not None:
            return kind
    return "level"


@lru_cache(maxsize=None)
def is_symmetric(metric: str) -> bool:
    if metric in SYMMETRIC_METRICS:
        return True
    kind = metric_kind(metric)
    return kind != "level" and base_metric(metric, kind) in SYMMETRIC_METRICS


@lru_cache(maxsize=None)
def canonical_pair(metric: str, subject: str | None, counterpart: str | None) -> tuple[str | None, str | None]:
    """(subject, counterpart), sorted for symmetric metrics so that A-B and B-A are one indicator."""
    if is_symmetric(metric) and subject and counterpart and counterpart < subject:
        return counterpart, subject
    if is_symmetric(metric) and not subject and counterpart:
        return counterpart, None
    return subject, counterpart


class ClaimRecord(NamedTuple):
    """One row of the claims table, with missing values as None and dates as ``datetime.date``.

    A named tuple rather than a frozen dataclass: a corpus has hundreds of thousands of claims, and
    a tuple is built several times faster."""

    claim_id: str
    article_id: str
    start: int
    end: int
    quote: str
    value: float
    value_high: float | None
    unit: str
    metric: str
    subject: str | None
    counterpart: str | None
    period_start: date | None
    period_end: date | None
    is_forecast: bool
    qualifier: str
    attribution: str | None
    sentence_start: int
    sentence_end: int
    kind: str = "level"  # level, growth, share, or rate (a percentage or multiplier of unknown meaning)
    base: str | None = None  # for growth and share: the metric of the level it is a rate of, when known

    @property
    def pair(self) -> tuple[str | None, str | None]:
        return canonical_pair(self.metric, self.subject, self.counterpart)

    @property
    def period(self) -> tuple[date | None, date | None]:
        return self.period_start, self.period_end

    @property
    def fact_key(self) -> tuple:
        return (self.metric, *self.pair, self.period_start, self.period_end, self.unit, self.is_forecast)


def rate_kind(metric: str, unit: str, sentence: str = "", offset: int = 0) -> tuple[str, str | None]:
    """(kind, base metric) of a claim: a level, a growth rate, a share or another rate.

    A rate may name itself in the metric (``growth``, ``cargo_volume_growth``, ``share_of_exports``)
    or come as a level metric in percent (``cargo_volume``, 86 percent), in which case the words of
    its sentence nearest to the number (``data/reference/claim_cues.csv``: growth and share cues)
    tell which it is. ``offset`` is the number's position within ``sentence``.
    """
    named = metric_kind(metric)
    if named != "level":
        return named, base_metric(metric, named)
    if unit not in RATE_UNITS:
        return "level", None
    if unit == "percent":
        cue = nearest_rate_cue(sentence, offset)
        if cue is not None:
            return cue, metric
    return "rate", metric


def claim_records(claims: pd.DataFrame | None, articles: pd.DataFrame | None = None) -> list[ClaimRecord]:
    """The claims as records; ``articles`` (for their text) lets percentages be read as growth or share."""
    if claims is None or claims.empty:
        return []
    article_ids, units, metrics = values(claims, "article_id"), values(claims, "unit"), values(claims, "metric")
    texts: dict = {}
    if articles is not None and not articles.empty and "text" in articles:
        # Only percentages of level metrics are read in their sentence: only their articles' texts are needed.
        wanted = {a for a, m, u in zip(article_ids, metrics, units) if _named_rate_kind(str(m), str(u))[0] is None}
        if wanted:
            needed = articles.loc[articles["article_id"].isin(list(wanted)), ["article_id", "text"]]
            texts = dict(zip(values(needed, "article_id"), values(needed, "text")))
    records = []
    rows = zip(
        values(claims, "claim_id"), article_ids, values(claims, "start"), values(claims, "end"),
        values(claims, "quote"), values(claims, "value"), values(claims, "value_high"), units,
        metrics, values(claims, "subject"), values(claims, "counterpart"),
        dates(claims, "period_start"), dates(claims, "period_end"), values(claims, "is_forecast", False),
        values(claims, "qualifier"), values(claims, "attribution"), values(claims, "sentence_start"),
        values(claims, "sentence_end"),
    )
    for (claim_id, article_id, start, end, quote, value, high, unit, metric, subject, counterpart, period_start,
         period_end, is_forecast, qualifier, attribution, sentence_start, sentence_end) in rows:
        metric, unit, sentence_start, sentence_end = str(metric), str(unit), int(sentence_start or 0), int(sentence_end or 0)
        kind, base = _named_rate_kind(metric, unit)
        if kind is None:  # a level metric in percent: its sentence says whether it is a growth or a share
            sentence = str(texts.get(article_id) or "")[sentence_start:sentence_end]
            kind, base = rate_kind(metric, unit, sentence, int(start) - sentence_start)
        records.append(
            ClaimRecord(
                str(claim_id), str(article_id), int(start), int(end), str(quote), float(value),
                None if high is None else float(high), unit, metric, subject, counterpart, period_start, period_end,
                bool(is_forecast), qualifier or "exact", attribution, sentence_start, sentence_end, kind, base,
            )
        )
    return records


def reads_sentence(metric: str, unit: str) -> bool:
    """Whether a claim's kind is told by the words of its sentence (a percentage of a level metric)."""
    return _named_rate_kind(metric, unit)[0] is None


@lru_cache(maxsize=None)
def _named_rate_kind(metric: str, unit: str) -> tuple[str | None, str | None]:
    """``rate_kind`` when the metric and unit alone decide it; (None, None) when the sentence must."""
    if metric_kind(metric) == "level" and unit == "percent":
        return None, None
    return rate_kind(metric, unit)


def indicator_id(metric: str, subject: str | None, counterpart: str | None, unit: str) -> str:
    """Readable id of a series: ``trade_turnover|AZE|KAZ|USD`` (``-`` for a missing entity)."""
    return "|".join((metric, subject or "-", counterpart or "-", unit))


# Words of metric names that a reader knows as acronyms (``gdp`` reads "GDP", not "Gdp").
LABEL_ACRONYMS = frozenset({"gdp", "fdi", "lng", "teu"})


def metric_label(metric: str) -> str:
    """``trade_turnover`` -> ``Trade turnover``; ``gdp`` -> ``GDP``."""
    words = [word.upper() if word in LABEL_ACRONYMS else word for word in metric.split("_")]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def indicator_label(metric: str, subject: str | None, counterpart: str | None, unit: str) -> str:
    """``Trade turnover, Azerbaijan-Kazakhstan (USD)``."""
    who = pair_label(subject, counterpart, is_symmetric(metric)) if (subject or counterpart) else "unspecified"
    return f"{metric_label(metric)}, {who} ({unit})"


def fact_id(metric: str, subject: str | None, counterpart: str | None, unit: str,
            start: date | None, end: date | None, is_forecast: bool) -> str:
    """Readable id of a fact: ``trade_turnover|AZE|KAZ|USD|2024-01-01..2024-06-30|actual``."""
    period = f"{start.isoformat() if start else '?'}..{end.isoformat() if end else '?'}"
    return "|".join((indicator_id(metric, subject, counterpart, unit), period, "forecast" if is_forecast else "actual"))


def _format_value(value: float) -> str:
    return f"{value:.12g}"


def representative_claim(claims: list[ClaimRecord], sources: SourceIndex) -> ClaimRecord:
    """The claim whose value most original articles state; ties go to the earliest-published claim."""
    ordered = sorted(claims, key=lambda c: (sources.order_key(c.article_id), c.start))
    support: Counter = Counter()
    for value, root in {(c.value, sources.root(c.article_id)) for c in claims}:
        support[value] += 1
    best = max(support.values())
    return next(c for c in ordered if support[c.value] == best)


def build_ledger(claims: pd.DataFrame | None, articles: pd.DataFrame | None = None,
                 records: list[ClaimRecord] | None = None) -> pd.DataFrame:
    """One row per distinct fact, sorted by indicator, period and forecast flag (see ``schemas.analyze``).

    ``records`` are ``claim_records(claims)`` when the caller has them already."""
    sources = SourceIndex.from_articles(articles)
    groups: dict[tuple, list[ClaimRecord]] = {}
    for record in claim_records(claims) if records is None else records:
        key = (record.metric, *canonical_pair(record.metric, record.subject, record.counterpart), record.period_start,
               record.period_end, record.unit, record.is_forecast)
        groups.setdefault(key, []).append(record)
    order_key = sources.order_key
    rows = []
    for (metric, subject, counterpart, start, end, unit, forecast), members in groups.items():
        if len(members) == 1:
            ordered = members
            evidence = chosen = members[0]
            article_ids = [chosen.article_id]
            originals = [sources.root(chosen.article_id)]
            values_stated = [chosen.value]
        else:
            ordered = sorted(members, key=lambda c: (order_key(c.article_id), c.start, c.claim_id))
            evidence = ordered[0]
            chosen = representative_claim(members, sources)
            article_ids = sorted({c.article_id for c in members})
            originals = sorted({sources.root(a) for a in article_ids})
            values_stated = sorted({c.value for c in members})
        rows.append({
            "fact_id": fact_id(metric, subject, counterpart, unit, start, end, forecast),
            "indicator_id": indicator_id(metric, subject, counterpart, unit),
            "indicator_label": _indicator_label(metric, subject, counterpart, unit),
            "metric": metric,
            "subject": subject,
            "counterpart": counterpart,
            "period_start": start,
            "period_end": end,
            "period_kind": period_kind(start, end),
            "period_label": _period_label(start, end),
            "unit": unit,
            "is_forecast": forecast,
            "value": chosen.value,
            "value_high": chosen.value_high,
            "qualifier": chosen.qualifier,
            "value_text": format_quantity(chosen.value, unit),
            "value_min": values_stated[0],
            "value_max": values_stated[-1],
            "values_stated": [_format_value(v) for v in values_stated],
            "n_distinct_values": len(values_stated),
            "n_claims": len(members),
            "n_articles": len(article_ids),
            "n_original_articles": len(originals),
            "claim_ids": [c.claim_id for c in ordered],
            "article_ids": article_ids,
            "original_article_ids": originals,
            "evidence_claim_id": evidence.claim_id,
            "evidence_article_id": evidence.article_id,
            "evidence_start": evidence.start,
            "evidence_end": evidence.end,
            "evidence_quote": evidence.quote,
        })
    columns = {name: [row[name] for row in rows] for name in LEDGER_COLUMNS}
    frame = conform(pd.DataFrame(columns, columns=LEDGER_COLUMNS), "ledger")
    frame = frame.sort_values(["indicator_id", "period_start", "period_end", "is_forecast", "fact_id"], na_position="last")
    return frame.reset_index(drop=True)


_indicator_label = lru_cache(maxsize=None)(indicator_label)
_period_label = lru_cache(maxsize=None)(period_label)
_entity_label = lru_cache(maxsize=None)(entity_label)


LEDGER_COLUMNS = TABLES["ledger"].columns
SERIES_COLUMNS = TABLES["series"].columns


def build_series(ledger: pd.DataFrame) -> pd.DataFrame:
    """Dated facts arranged as series: one row per indicator, period kind, forecast flag and period.

    Keeping ``period_kind`` apart is what stops a half-year figure from being drawn as a dip in a
    yearly series; keeping ``is_forecast`` apart keeps targets from reading as results.
    """
    if ledger is None or ledger.empty:
        return conform(pd.DataFrame(columns=SERIES_COLUMNS), "series")
    dated = ledger[ledger["period_start"].notna() & ledger["period_end"].notna()].copy()
    dated["subject_label"] = [_entity_label(s) for s in values(dated, "subject")]
    dated["counterpart_label"] = [_entity_label(c) for c in values(dated, "counterpart")]
    dated = conform(dated[SERIES_COLUMNS], "series")
    dated = dated.sort_values(["indicator_id", "period_kind", "is_forecast", "period_start", "fact_id"])
    return dated.reset_index(drop=True)

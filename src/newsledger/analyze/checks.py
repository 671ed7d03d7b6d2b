"""Checks: does the arithmetic inside an article add up, what do its figures imply, and do sources agree?

Every check compares like with like only: the same metric, the same (canonical) pair of subject and
counterpart, the same period and the same unit. Azerbaijan-OTS trade is never checked against
intra-OTS trade, nor a half-year against a year. Numbers are compared as intervals (see
``quantities``): "consistent" means "agrees within the rounding the texts used".

Kinds of check (``check_type``) and their verdicts:

* ``flows_sum``: exports one way plus exports the other way (imports) against the stated turnover of
  the pair, same article and period -> consistent / inconsistent.
* ``flow_derived``: a turnover and one flow imply the other flow; two opposite flows imply the
  turnover -> derived (a figure no article states; the formula is in the explanation).
* ``growth_vs_levels``: a stated growth rate against the two levels the same article states for the
  period and the same period a year earlier -> consistent / inconsistent.
* ``previous_level_derived``: a level and its year-on-year growth imply the earlier level -> derived.
* ``derived_vs_stated``: such a derived earlier level against the level other articles state for
  that period -> consistent / inconsistent.
* ``share_vs_total``: a share against its part and total in the same article -> consistent /
  inconsistent; ``share_derived`` when only one of part and total is stated -> derived.
* ``cross_source``: one fact stated by several original articles -> corroborated / conflict; by one
  original and its reprints -> single_source (reprints are not independent).
* ``forecast_vs_actual``: a forecast against the actual reported later -> forecast_met /
  forecast_missed.

Conventions for claims: exports have the exporter as subject and the destination as counterpart,
imports the importer as subject and the origin as counterpart; a share has the part's owner as
subject and the owner of the total as counterpart (Azerbaijan's share in Kazakhstan's exports:
subject AZE, counterpart KAZ). A rate names its level in the metric (``cargo_volume_growth``,
``share_of_exports``) or, as plain ``growth``/``share``, is linked to the one level of its sentence.
"""

from __future__ import annotations

import hashlib
import itertools
from datetime import date
from functools import lru_cache

import pandas as pd

from ..schemas import TABLES
from ..tables import conform
from .entities import entity_label, pair_label
from .ledger import ClaimRecord, build_ledger, canonical_pair, claim_records, is_symmetric
from .periods import period_label, year_earlier
from .quantities import (
    Interval,
    add,
    format_interval,
    format_quantity,
    growth_percent,
    level_before_growth,
    ratio_percent,
    scale_percent,
    stated_interval,
    subtract,
)
from .columns import dates, values
from .sources import SourceIndex

CHECK_COLUMNS = TABLES["checks"].columns

# A slot with more distinct values than this in one article is left unchecked rather than multiplied out.
_MAX_COMBINATIONS = 4
_FLOW_METRICS = ("exports", "imports")
_TURNOVER = "trade_turnover"


# A claim takes part in several checks, and a corpus repeats the same figures: its interval and
# its words are computed once per distinct figure.
_interval_of = lru_cache(maxsize=1 << 17)(stated_interval)


def _interval(claim: ClaimRecord) -> Interval:
    return _interval_of(claim.value, claim.value_high, claim.qualifier, claim.quote)


def _quantity(claim: ClaimRecord) -> str:
    return _quantity_words(claim.value, claim.value_high, claim.unit, claim.qualifier)


@lru_cache(maxsize=1 << 17)
def _quantity_words(value: float, value_high: float | None, unit: str, qualifier: str) -> str:
    text = format_quantity(value, unit)
    if value_high is not None:
        text = f"{text} to {format_quantity(value_high, unit)}"
    return {"about": f"about {text}", "over": f"over {text}", "up_to": f"up to {text}", "under": f"under {text}"}.get(
        qualifier, text
    )


def _words(metric: str) -> str:
    return metric.replace("_", " ")


def _what(metric: str, subject: str | None, counterpart: str | None, start: date | None, end: date | None) -> str:
    """``trade turnover Azerbaijan-Kazakhstan, H1 2024``."""
    return f"{_words(metric)} {pair_label(subject, counterpart, is_symmetric(metric))}, {period_label(start, end)}"


def _flow_words(source: str | None, target: str | None) -> str:
    return f"goods from {entity_label(source) if source else 'the world'} to {entity_label(target) if target else 'the world'}"


def _distinct_by_value(claims: list[ClaimRecord]) -> list[ClaimRecord]:
    seen, out = set(), []
    for claim in sorted(claims, key=lambda c: (c.start, c.claim_id)):
        if (claim.value, claim.value_high, claim.qualifier) not in seen:
            seen.add((claim.value, claim.value_high, claim.qualifier))
            out.append(claim)
    return out


class CheckRows:
    """Collects check rows; every row names the claims it rests on and cites one of them."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, check_type: str, verdict: str, anchor: ClaimRecord, involved: list[ClaimRecord], explanation: str,
            *, metric: str, subject: str | None, counterpart: str | None, start: date | None, end: date | None,
            unit: str, expected: Interval | None = None, expected_value: float | None = None,
            stated_value: float | None = None, extra_claim_ids: list[str] | None = None,
            extra_article_ids: list[str] | None = None) -> None:
        claim_ids = list(dict.fromkeys([c.claim_id for c in involved] + (extra_claim_ids or [])))
        article_ids = sorted({c.article_id for c in involved} | set(extra_article_ids or []))
        digest = hashlib.sha1("\x1f".join([check_type, metric, *sorted(claim_ids)]).encode("utf-8")).hexdigest()[:12]
        bounded = expected is not None and expected.is_bounded
        self.rows.append(
            {
                "check_id": f"{check_type}:{digest}",
                "check_type": check_type,
                "verdict": verdict,
                "metric": metric,
                "subject": subject,
                "counterpart": counterpart,
                "period_start": start,
                "period_end": end,
                "period_label": period_label(start, end),
                "unit": unit,
                "expected_value": expected_value,
                "expected_low": expected.low if bounded else None,
                "expected_high": expected.high if bounded else None,
                "stated_value": stated_value,
                "claim_ids": claim_ids,
                "article_ids": article_ids,
                "explanation": explanation,
                "evidence_claim_id": anchor.claim_id,
                "evidence_article_id": anchor.article_id,
                "evidence_start": anchor.start,
                "evidence_end": anchor.end,
                "evidence_quote": anchor.quote,
            }
        )


def _agreement(stated: Interval, expected: Interval) -> str:
    return "consistent" if stated.overlaps(expected) else "inconsistent"


def _verdict_words(verdict: str) -> str:
    return "consistent within rounding" if verdict == "consistent" else "inconsistent, beyond rounding"


# --- flows: exports + imports = turnover ----------------------------------------------------------


def _flow_direction(claim: ClaimRecord) -> tuple[str | None, str | None]:
    """(from, to) of the goods: exports go subject -> counterpart, imports counterpart -> subject."""
    if claim.metric == "exports":
        return claim.subject, claim.counterpart
    return claim.counterpart, claim.subject


def _flow_checks(claims: list[ClaimRecord], out: CheckRows) -> None:
    amounts = [c for c in claims if c.kind == "level"]
    context = lambda c: (c.period_start, c.period_end, c.unit, c.is_forecast)  # noqa: E731
    flows: dict[tuple, list[ClaimRecord]] = {}
    for claim in amounts:
        if claim.metric in _FLOW_METRICS and claim.subject:
            flows.setdefault((context(claim), _flow_direction(claim)), []).append(claim)
    turnovers: dict[tuple, list[ClaimRecord]] = {}
    for claim in amounts:
        if claim.metric == _TURNOVER and claim.subject:
            turnovers.setdefault((context(claim), claim.pair), []).append(claim)

    pairs = set(turnovers)
    for (ctx, (source, target)) in flows:
        if source and target:
            pairs.add((ctx, canonical_pair(_TURNOVER, source, target)))
    for ctx, (a, b) in sorted(pairs, key=repr):
        start, end, unit, _ = ctx
        stated = _distinct_by_value(turnovers.get((ctx, (a, b)), []))
        there = _distinct_by_value(flows.get((ctx, (a, b)), []))
        back = _distinct_by_value(flows.get((ctx, (b, a)), []))
        what = _what(_TURNOVER, a, b, start, end)
        meta = dict(metric=_TURNOVER, subject=a, counterpart=b, start=start, end=end, unit=unit)
        if stated and there and back:
            for total, one, other in itertools.islice(itertools.product(stated, there, back), _MAX_COMBINATIONS):
                expected = add(_interval(one), _interval(other))
                verdict = _agreement(_interval(total), expected)
                out.add("flows_sum", verdict, total, [total, one, other],
                        f"Flows of {_flow_words(a, b)} ({_quantity(one)}) plus {_flow_words(b, a)} ({_quantity(other)}) "
                        f"add up to {format_quantity(one.value + other.value, unit)}; the article states a trade turnover "
                        f"of {_quantity(total)} ({what}): {_verdict_words(verdict)}.",
                        expected=expected, expected_value=one.value + other.value, stated_value=total.value, **meta)
        elif stated and (there or back):
            known, missing = (there, (b, a)) if there else (back, (a, b))
            for total, flow in itertools.islice(itertools.product(stated, known), _MAX_COMBINATIONS):
                implied = subtract(_interval(total), _interval(flow))
                out.add("flow_derived", "derived", total, [total, flow],
                        f"Derived, not stated: turnover {_quantity(total)} minus {_flow_words(*_flow_direction(flow))} "
                        f"({_quantity(flow)}) implies {_flow_words(*missing)} of about "
                        f"{format_quantity(total.value - flow.value, unit, 4)} ({what}; formula: turnover - flow).",
                        expected=implied, expected_value=total.value - flow.value,
                        **{**meta, "metric": "flow", "subject": missing[0], "counterpart": missing[1]})
        elif there and back and a and b:
            for one, other in itertools.islice(itertools.product(there, back), _MAX_COMBINATIONS):
                out.add("flow_derived", "derived", one, [one, other],
                        f"Derived, not stated: {_flow_words(a, b)} ({_quantity(one)}) plus {_flow_words(b, a)} "
                        f"({_quantity(other)}) imply a trade turnover of about {format_quantity(one.value + other.value, unit, 4)} "
                        f"({what}; formula: exports + imports).",
                        expected=add(_interval(one), _interval(other)), expected_value=one.value + other.value, **meta)


# --- growth: a rate against the levels it relates -------------------------------------------------


def _same_parties(rate: ClaimRecord, level: ClaimRecord) -> bool:
    if not rate.subject:
        return True
    if is_symmetric(level.metric):
        return {rate.subject, rate.counterpart} - {None} <= {level.subject, level.counterpart}
    return rate.subject == level.subject and (rate.counterpart is None or rate.counterpart == level.counterpart)


def _linked_level(rate: ClaimRecord, claims: list[ClaimRecord], kind: str) -> ClaimRecord | None:
    """The level a growth rate is about: the one matching level in its sentence, else in its article."""
    base = rate.base

    def fits(level: ClaimRecord) -> bool:
        return (
            level.kind == "level"
            and level.is_forecast == rate.is_forecast
            and level.period_start is not None
            and (base is None or level.metric == base)
            and _same_parties(rate, level)
            # "up 86% from 2022" may be dated to the year it compares against
            and (rate.period_start is None or rate.period in (level.period, year_earlier(*level.period)))
        )

    in_sentence = [c for c in claims if c.sentence_start == rate.sentence_start and fits(c)]
    candidates = in_sentence
    if not candidates and rate.subject and rate.period_start is not None:
        candidates = [c for c in claims if fits(c)]
    distinct = {(c.metric, c.pair, c.period, c.unit) for c in candidates}
    if len(distinct) != 1:
        return None
    return min(candidates, key=lambda c: (abs(c.start - rate.start), c.start))


def _growth_checks(claims: list[ClaimRecord], ledger_index: dict, sources: SourceIndex, claim_by_id: dict, out: CheckRows) -> None:
    for rate in sorted(claims, key=lambda c: c.start):
        if rate.kind != "growth" or rate.unit != "percent":
            continue
        level = _linked_level(rate, claims, "growth")
        if level is None:
            continue
        earlier = year_earlier(*level.period)
        if earlier is None:
            continue
        subject, counterpart = level.pair
        previous = _distinct_by_value([
            c for c in claims
            if c.metric == level.metric and c.pair == level.pair and c.unit == level.unit
            and c.period == earlier and not c.is_forecast
        ])
        meta = dict(metric=level.metric, subject=subject, counterpart=counterpart, unit=level.unit)
        now_what = _what(level.metric, subject, counterpart, *level.period)
        before = period_label(*earlier)
        if previous:
            for prior in previous[:_MAX_COMBINATIONS]:
                expected = growth_percent(_interval(level), _interval(prior))
                point = (level.value / prior.value - 1) * 100 if prior.value else None
                verdict = _agreement(_interval(rate), expected)
                out.add("growth_vs_levels", verdict, rate, [rate, level, prior],
                        f"From {_quantity(prior)} in {before} to {_quantity(level)} ({now_what}) is a change of "
                        f"{format_interval(expected, 'percent')}; the article states {_quantity(rate)}: {_verdict_words(verdict)}.",
                        expected=expected, expected_value=point, stated_value=rate.value,
                        start=level.period_start, end=level.period_end, **{**meta, "metric": rate.metric, "unit": "percent"})
            continue
        if rate.is_forecast or level.is_forecast:
            continue
        implied = level_before_growth(_interval(level), _interval(rate))
        point = level.value / (1 + rate.value / 100)
        out.add("previous_level_derived", "derived", level, [level, rate],
                f"Derived, not stated: {_quantity(level)} ({now_what}) after a change of {_quantity(rate)} implies about "
                f"{format_quantity(point, level.unit, 3)} in {before} (formula: level / (1 + growth/100); "
                f"allowing for rounding {format_interval(implied, level.unit)}).",
                expected=implied, expected_value=point, start=earlier[0], end=earlier[1], **meta)
        stated = ledger_index.get((level.metric, subject, counterpart, earlier[0], earlier[1], level.unit, False))
        if stated is None:
            continue
        for other in _first_distinct_values(stated, claim_by_id, level.article_id):
            verdict = _agreement(_interval(other), implied)
            out.add("derived_vs_stated", verdict, other, [level, rate, other],
                    f"The earlier level derived from {_quantity(level)} and {_quantity(rate)} "
                    f"({sources.describe(level.article_id)}) is about {format_quantity(point, level.unit, 3)} for {before}; "
                    f"{sources.describe(other.article_id)} states {_quantity(other)}: {_verdict_words(verdict)}.",
                    expected=implied, expected_value=point, stated_value=other.value, start=earlier[0], end=earlier[1], **meta)


def _first_distinct_values(fact: dict, claim_by_id: dict, excluded_article: str) -> list[ClaimRecord]:
    """``_distinct_by_value`` of the fact's claims from articles other than ``excluded_article``,
    cut to ``_MAX_COMBINATIONS``. A fact repeated across the corpus has thousands of claims: they
    are put in order once per fact, and the walk stops at the last value needed."""
    ordered = fact.get("_claims_by_position")
    if ordered is None:
        ordered = fact["_claims_by_position"] = sorted(
            (claim_by_id[i] for i in fact["claim_ids"] if i in claim_by_id), key=lambda c: (c.start, c.claim_id)
        )
    seen, out = set(), []
    for claim in ordered:
        value = (claim.value, claim.value_high, claim.qualifier)
        if claim.article_id != excluded_article and value not in seen:
            seen.add(value)
            out.append(claim)
            if len(out) == _MAX_COMBINATIONS:
                break
    return out


# --- shares: a part against its total -------------------------------------------------------------


def _share_checks(claims: list[ClaimRecord], out: CheckRows) -> None:
    for share in sorted(claims, key=lambda c: c.start):
        if share.kind != "share" or share.unit != "percent" or not (share.subject and share.counterpart):
            continue
        part_owner, whole_owner = share.subject, share.counterpart
        base = share.base

        def same_context(c: ClaimRecord) -> bool:
            return (
                c.kind == "level" and c.is_forecast == share.is_forecast
                and c.period_start is not None and c.period == share.period and (base is None or c.metric == base)
            )

        parts = [c for c in claims if same_context(c)
                 and c.pair == canonical_pair(c.metric, whole_owner, part_owner)]
        wholes = [c for c in claims if same_context(c) and c.subject == whole_owner and c.counterpart is None]
        metrics = {c.metric for c in parts + wholes}
        if len(metrics) != 1:
            continue  # the share's level is unknown or ambiguous: nothing to compare
        metric = metrics.pop()
        parts, wholes = _distinct_by_value(parts), _distinct_by_value(wholes)
        total_what = f"the total {_words(metric)} of {entity_label(whole_owner)} in {period_label(*share.period)}"
        part_what = f"{_words(metric)} {pair_label(*canonical_pair(metric, whole_owner, part_owner), is_symmetric(metric))}"
        if parts and wholes:
            for part, whole in itertools.islice(itertools.product(parts, wholes), _MAX_COMBINATIONS):
                expected = ratio_percent(_interval(part), _interval(whole))
                verdict = _agreement(_interval(share), expected)
                out.add("share_vs_total", verdict, share, [share, part, whole],
                        f"{_quantity(part)} ({part_what}) of {_quantity(whole)} ({total_what}) is "
                        f"{format_interval(expected, 'percent')}; the article states a share of {_quantity(share)}: "
                        f"{_verdict_words(verdict)}.",
                        expected=expected, expected_value=part.value / whole.value * 100 if whole.value else None,
                        stated_value=share.value, metric=share.metric, subject=part_owner, counterpart=whole_owner,
                        start=share.period_start, end=share.period_end, unit="percent")
        elif parts:
            for part in parts[:_MAX_COMBINATIONS]:
                if share.value <= 0:
                    continue
                implied = ratio_percent(_interval(part), _interval(share))
                point = part.value / share.value * 100
                out.add("share_derived", "derived", share, [share, part],
                        f"Derived, not stated: {_quantity(part)} ({part_what}) being {_quantity(share)} of the total implies "
                        f"{total_what} of about {format_quantity(point, part.unit, 3)} (formula: part / share * 100; the "
                        f"share's rounding allows {format_interval(implied, part.unit)}).",
                        expected=implied, expected_value=point, metric=metric, subject=whole_owner, counterpart=None,
                        start=share.period_start, end=share.period_end, unit=part.unit)
        else:
            for whole in wholes[:_MAX_COMBINATIONS]:
                implied = scale_percent(_interval(whole), _interval(share))
                point = whole.value * share.value / 100
                out.add("share_derived", "derived", share, [share, whole],
                        f"Derived, not stated: {_quantity(share)} of {_quantity(whole)} ({total_what}) implies "
                        f"{part_what} of about {format_quantity(point, whole.unit, 3)} (formula: total * share / 100).",
                        expected=implied, expected_value=point, metric=metric, subject=whole_owner, counterpart=part_owner,
                        start=share.period_start, end=share.period_end, unit=whole.unit)


# --- across articles -------------------------------------------------------------------------------


_FACT_FIELDS = ("metric", "subject", "counterpart", "unit", "is_forecast", "value", "claim_ids", "evidence_claim_id")


def ledger_facts(ledger: pd.DataFrame) -> list[dict]:
    """The ledger's rows as dicts of the fields the checks read (missing values None, dates as dates)."""
    columns = {name: values(ledger, name) for name in _FACT_FIELDS}
    columns["period_start"], columns["period_end"] = dates(ledger, "period_start"), dates(ledger, "period_end")
    names = list(columns)
    return [dict(zip(names, row)) for row in zip(*columns.values())]


def _cross_source_checks(facts: list[dict], claim_by_id: dict, sources: SourceIndex, out: CheckRows) -> None:
    for fact in facts:
        start, end = fact["period_start"], fact["period_end"]
        if fact["subject"] is None or start is None or end is None:
            continue  # whose figure, or for when, is unknown: agreement would mean nothing
        members = [claim_by_id[i] for i in fact["claim_ids"] if i in claim_by_id]
        if len(members) == 1 and not sources.is_reprint(members[0].article_id):
            continue  # one original article: nothing to compare, nothing reprinted
        by_root: dict[str, list[ClaimRecord]] = {}
        for claim in members:
            by_root.setdefault(sources.root(claim.article_id), []).append(claim)
        reprints = sorted({c.article_id for c in members if sources.is_reprint(c.article_id)})
        if len(by_root) < 2 and not reprints:
            continue
        subject, counterpart, unit = fact["subject"], fact["counterpart"], fact["unit"]
        what = _what(fact["metric"], subject, counterpart, start, end) + (" (forecast)" if fact["is_forecast"] else "")
        # Each original article speaks once per distinct value, through its own text when it is in the corpus.
        voices: list[ClaimRecord] = []
        for root in sorted(by_root, key=sources.order_key):
            own = [c for c in by_root[root] if c.article_id == root] or by_root[root]
            voices.extend(_distinct_by_value(sorted(own, key=lambda c: (sources.order_key(c.article_id), c.start))))
        listing = "; ".join(f"{_quantity(c)} ({sources.describe(c.article_id)})" for c in voices)
        reprint_note = (f" Reprints not counted as independent: {', '.join(sources.describe(a) for a in reprints)}."
                        if reprints else "")
        anchor = next(c for c in members if c.claim_id == fact["evidence_claim_id"]) if fact["evidence_claim_id"] in claim_by_id else voices[0]
        meta = dict(metric=fact["metric"], subject=subject, counterpart=counterpart, start=start, end=end, unit=unit,
                    stated_value=fact["value"])
        if len(by_root) < 2:
            out.add("cross_source", "single_source", anchor, members,
                    f"Only one original article states {what}: {listing}.{reprint_note}", **meta)
            continue
        intervals = [_interval(c) for c in voices]
        common = Interval(max(i.low for i in intervals), min(i.high for i in intervals))
        verdict = "corroborated" if common.low <= common.high else "conflict"
        lead = (f"{len(by_root)} independent articles agree within rounding on {what}" if verdict == "corroborated"
                else f"Independent articles disagree on {what} beyond rounding")
        out.add("cross_source", verdict, anchor, members, f"{lead}: {listing}.{reprint_note}",
                expected=common if verdict == "corroborated" else None, **meta)


def _forecast_checks(facts: list[dict], claim_by_id: dict, sources: SourceIndex, out: CheckRows) -> None:
    actuals = {}
    for fact in facts:
        if not fact["is_forecast"]:
            key = (fact["metric"], fact["subject"], fact["counterpart"], fact["period_start"], fact["period_end"], fact["unit"])
            actuals[key] = fact
    for fact in facts:
        start, end = fact["period_start"], fact["period_end"]
        if not fact["is_forecast"] or fact["subject"] is None or start is None:
            continue
        key = (fact["metric"], fact["subject"], fact["counterpart"], start, end, fact["unit"])
        actual_fact = actuals.get(key)
        if actual_fact is None:
            continue
        forecast = claim_by_id.get(fact["evidence_claim_id"])
        if forecast is None:
            continue
        said_on = sources.published_on(forecast.article_id)
        reported = [claim_by_id[i] for i in actual_fact["claim_ids"] if i in claim_by_id]
        # Only an actual reported on or after the forecast's date tests it.
        later = [c for c in reported if said_on is None or sources.published_on(c.article_id) is None
                 or sources.published_on(c.article_id) >= said_on]
        for actual in _distinct_by_value(sorted(later, key=lambda c: (sources.order_key(c.article_id), c.start)))[:_MAX_COMBINATIONS]:
            reached = _interval(actual)
            target = forecast.value
            if forecast.qualifier in ("up_to", "under"):
                met = reached.low <= (forecast.value_high or target)
                rule = f"the forecast set a ceiling of {format_quantity(target, forecast.unit)}"
            else:
                met = reached.high >= target
                rule = f"the forecast expected at least {format_quantity(target, forecast.unit)}"
            verdict = "forecast_met" if met else "forecast_missed"
            out.add("forecast_vs_actual", verdict, actual, [forecast, actual],
                    f"For {_what(fact['metric'], fact['subject'], fact['counterpart'], start, end)}, "
                    f"{sources.describe(forecast.article_id)} forecast {_quantity(forecast)}; "
                    f"{sources.describe(actual.article_id)} reports {_quantity(actual)}: {rule}, so it was "
                    f"{'met' if met else 'missed'}.",
                    metric=fact["metric"], subject=fact["subject"], counterpart=fact["counterpart"], start=start,
                    end=end, unit=fact["unit"], expected_value=target, stated_value=actual.value)


def build_checks(claims: pd.DataFrame | None, articles: pd.DataFrame | None = None,
                 ledger: pd.DataFrame | None = None, records: list[ClaimRecord] | None = None) -> pd.DataFrame:
    """All checks over the claims, sorted by type, evidence article and position (see ``schemas.analyze``).

    ``records`` are ``claim_records(claims, articles)`` when the caller has them already."""
    if records is None:
        records = claim_records(claims, articles)
    if not records:
        return conform(pd.DataFrame(columns=CHECK_COLUMNS), "checks")
    sources = SourceIndex.from_articles(articles)
    if ledger is None:
        ledger = build_ledger(claims, articles, records)
    facts = ledger_facts(ledger)
    claim_by_id = {c.claim_id: c for c in records}
    by_article = claims_by_article(records)
    out = CheckRows()
    article_checks(by_article, sorted(by_article), set(by_article), fact_index(facts), sources, claim_by_id, out)
    _cross_source_checks(facts, claim_by_id, sources, out)
    _forecast_checks(facts, claim_by_id, sources, out)
    return checks_frame(out.rows)


def fact_key(fact: dict) -> tuple:
    """How a growth check looks up the fact an earlier level is stated in."""
    return (fact["metric"], fact["subject"], fact["counterpart"], fact["period_start"], fact["period_end"], fact["unit"],
            bool(fact["is_forecast"]))


def fact_index(facts: list[dict]) -> dict:
    return {fact_key(f): f for f in facts}


def claims_by_article(records: list[ClaimRecord]) -> dict[str, list[ClaimRecord]]:
    by_article: dict[str, list[ClaimRecord]] = {}
    for record in records:
        by_article.setdefault(record.article_id, []).append(record)
    return by_article


def article_checks(by_article: dict[str, list[ClaimRecord]], article_ids, with_claims, ledger_index, sources: SourceIndex,
                   claim_by_id: dict, out: CheckRows) -> None:
    """The checks within each of ``article_ids`` (in that order); ``with_claims``: every article of the
    corpus that has claims (a reprint is checked only when its original has none)."""
    for article_id in article_ids:
        # A reprint repeats its original's arithmetic: check it once, on the original, when that is here.
        if sources.is_reprint(article_id) and sources.root(article_id) in with_claims:
            continue
        in_article = by_article[article_id]
        kinds = {c.kind for c in in_article}
        if not _FLOW_KINDS.isdisjoint(c.metric for c in in_article):
            _flow_checks(in_article, out)
        if "growth" in kinds:
            _growth_checks(in_article, ledger_index, sources, claim_by_id, out)
        if "share" in kinds:
            _share_checks(in_article, out)


def cross_article_checks(facts: list[dict], forecast_facts: list[dict], claim_by_id: dict, sources: SourceIndex, out: CheckRows) -> None:
    """The checks of ``facts`` across articles, and of the forecasts among ``forecast_facts`` against
    the actuals among them."""
    _cross_source_checks(facts, claim_by_id, sources, out)
    _forecast_checks(forecast_facts, claim_by_id, sources, out)


def checks_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    frame = conform(frame.drop_duplicates("check_id"), "checks")
    return frame.sort_values(["check_type", "evidence_article_id", "evidence_start", "check_id"]).reset_index(drop=True)


# An article without one of these metrics has no flows to add up.
_FLOW_KINDS = frozenset((*_FLOW_METRICS, _TURNOVER))

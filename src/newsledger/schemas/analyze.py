"""Tables written by stage 3 (analyze).

Every row that shows a number keeps a path back to its evidence: claim ids, event ids, article ids
or sentence references, and for facts and checks the citable span (``evidence_*``).
"""

from __future__ import annotations

from . import SPAN_FIELDS, Field, TableSpec
from .annotate import DATE_PRECISIONS, EVENT_TYPES, QUALIFIERS

PERIOD_KINDS = ("year", "half", "quarter", "month", "year_to_date", "months", "multi_year", "day", "span")
CHECK_TYPES = (
    "flows_sum", "flow_derived", "growth_vs_levels", "previous_level_derived", "derived_vs_stated",
    "share_vs_total", "share_derived", "cross_source", "forecast_vs_actual",
)
VERDICTS = (
    "consistent", "inconsistent", "derived", "corroborated", "conflict", "single_source", "forecast_met",
    "forecast_missed",
)

_EVIDENCE_FIELDS = (
    Field("evidence_claim_id", "string", "The claim cited as evidence (`claims.claim_id`)."),
    Field("evidence_article_id", "string", "The article of the cited claim (`articles.article_id`)."),
    Field("evidence_start", "int64", "Offset of the cited claim's first character in its article's `text`."),
    Field("evidence_end", "int64", "Offset one past the cited claim's last character."),
    Field("evidence_quote", "string", "The cited claim's characters: `text[evidence_start:evidence_end]`."),
)

_INDICATOR_FIELDS = (
    Field("metric", "string", "What is measured (`claims.metric`)."),
    Field("subject", "string", "Entity id whose figure it is; for a symmetric metric (trade_turnover) the alphabetically first of the pair.", nullable=True),
    Field("counterpart", "string", "Entity id of the partner; for a symmetric metric the second of the pair.", nullable=True),
)

TABLES = (
    TableSpec(
        "ledger",
        "analyze",
        "The indicator ledger: one row per distinct fact, i.e. the claims of all articles that state the same metric for the same (canonically ordered) pair, period, unit and forecast flag.",
        (
            Field("fact_id", "string", "Readable id: `metric|subject|counterpart|unit|period_start..period_end|actual|forecast`.", unique=True),
            Field("indicator_id", "string", "The series the fact belongs to: `metric|subject|counterpart|unit` (`-` for a missing entity)."),
            Field("indicator_label", "string", "The series in words: `Trade turnover, Azerbaijan-Kazakhstan (USD)`."),
        )
        + _INDICATOR_FIELDS
        + (
            Field("period_start", "date", "First day of the period (inclusive); null when no claim dates it.", nullable=True),
            Field("period_end", "date", "Last day of the period (inclusive).", nullable=True),
            Field("period_kind", "string", "The period's shape, so that yearly and half-yearly figures form separate series.", nullable=True, allowed=PERIOD_KINDS),
            Field("period_label", "string", "The period in words: `2023`, `H1 2024`, `Jan-Sep 2024`, `undated`."),
            Field("unit", "string", "Unit of every value of the row (`claims.unit`)."),
            Field("is_forecast", "bool", "A target or expectation, kept apart from actuals."),
            Field("value", "float64", "Representative value, in `unit`: the value most original articles state (ties: the earliest)."),
            Field("value_high", "float64", "Upper end when the representative claim states a range.", nullable=True),
            Field("qualifier", "string", "How the representative claim bounds its value.", allowed=QUALIFIERS),
            Field("value_text", "string", "The representative value as a reader writes it: `$280.6 million`, `2.8 million tons`."),
            Field("value_min", "float64", "Smallest value stated for this fact, in `unit`."),
            Field("value_max", "float64", "Largest value stated for this fact, in `unit`."),
            Field("values_stated", "list[string]", "Every distinct value stated, in `unit`, as decimal numbers."),
            Field("n_distinct_values", "int64", "Number of distinct values stated (more than 1: see `checks`)."),
            Field("n_claims", "int64", "Number of claims stating the fact."),
            Field("n_articles", "int64", "Number of articles stating it, reprints included."),
            Field("n_original_articles", "int64", "Number of independent sources: distinct original articles (a reprint counts as the article it reprints)."),
            Field("claim_ids", "list[string]", "The claims stating it, earliest-published first."),
            Field("article_ids", "list[string]", "The articles stating it, sorted."),
            Field("original_article_ids", "list[string]", "The original articles behind them, sorted."),
        )
        + _EVIDENCE_FIELDS,
        unique_key=("fact_id",),
    ),
    TableSpec(
        "series",
        "analyze",
        "Dated facts of the ledger arranged as series over time: by indicator, period kind (yearly, half-yearly, ...) and forecast flag, in period order.",
        (
            Field("indicator_id", "string", "As in `ledger.indicator_id`."),
            Field("indicator_label", "string", "As in `ledger.indicator_label`."),
            Field("metric", "string", "What is measured."),
            Field("subject", "string", "Entity id whose figure it is.", nullable=True),
            Field("subject_label", "string", "The subject's name (`-` when none)."),
            Field("counterpart", "string", "Entity id of the partner.", nullable=True),
            Field("counterpart_label", "string", "The partner's name (`-` when none)."),
            Field("unit", "string", "Unit of `value`."),
            Field("period_kind", "string", "The period's shape; one series per kind.", allowed=PERIOD_KINDS),
            Field("period_label", "string", "The period in words."),
            Field("period_start", "date", "First day of the period."),
            Field("period_end", "date", "Last day of the period."),
            Field("is_forecast", "bool", "Forecasts form their own series."),
            Field("value", "float64", "Representative value in `unit` (`ledger.value`)."),
            Field("value_text", "string", "The value as a reader writes it."),
            Field("n_original_articles", "int64", "Independent sources stating it."),
            Field("fact_id", "string", "The ledger row (`ledger.fact_id`).", unique=True),
            Field("claim_ids", "list[string]", "The claims stating it."),
            Field("evidence_article_id", "string", "Article of the cited claim."),
            Field("evidence_start", "int64", "Start offset of the cited claim."),
            Field("evidence_end", "int64", "End offset of the cited claim."),
        ),
        unique_key=("fact_id",),
    ),
    TableSpec(
        "checks",
        "analyze",
        "Arithmetic inside articles, figures they imply, agreement across sources and forecasts against outcomes. Only like is compared with like: same metric, pair, period and unit.",
        (
            Field("check_id", "string", "Stable id: check type and a hash of the claims involved.", unique=True),
            Field("check_type", "string", "What was checked (see `newsledger.analyze.checks`).", allowed=CHECK_TYPES),
            Field("verdict", "string", "The outcome; `derived` marks a figure computed here, never stated by a source.", allowed=VERDICTS),
        )
        + _INDICATOR_FIELDS
        + (
            Field("period_start", "date", "First day of the period the checked figure covers.", nullable=True),
            Field("period_end", "date", "Last day of that period.", nullable=True),
            Field("period_label", "string", "The period in words."),
            Field("unit", "string", "Unit of the expected and stated values."),
            Field("expected_value", "float64", "What the other figures imply (or the forecast's target), in `unit`.", nullable=True),
            Field("expected_low", "float64", "Lowest value the other figures allow given their rounding, in `unit`.", nullable=True),
            Field("expected_high", "float64", "Highest value they allow, in `unit`.", nullable=True),
            Field("stated_value", "float64", "The value the source states, in `unit` (null for derived figures).", nullable=True),
            Field("claim_ids", "list[string]", "Every claim the check rests on."),
            Field("article_ids", "list[string]", "The articles of those claims."),
            Field("explanation", "string", "The check in one or two sentences a reader understands, with each value, source and formula."),
        )
        + _EVIDENCE_FIELDS,
        unique_key=("check_id",),
    ),
    TableSpec(
        "timeline",
        "analyze",
        "Every reported event, earliest first (undated last), with its actors, place and the sentence that reports it.",
        (
            Field("event_id", "string", "The event mention (`events.event_id`).", unique=True),
            Field("occurrence_id", "string", "Mentions agreeing on type, dates and actors share it: one real event reported several times. Undated mentions get their own."),
            Field("date_start", "date", "First day of the event.", nullable=True),
            Field("date_end", "date", "Last day of the event or of the month/year it is dated to.", nullable=True),
            Field("date_precision", "string", "How precisely the date is known.", nullable=True, allowed=DATE_PRECISIONS),
            Field("event_type", "string", "The kind of event.", allowed=EVENT_TYPES),
            Field("actors", "list[string]", "Entity ids of the participants."),
            Field("actor_labels", "list[string]", "Their names, in the same order."),
            Field("location", "string", "Where: entity id or name as written.", nullable=True),
            Field("location_label", "string", "The place's name.", nullable=True),
            Field("n_documents", "int64", "For signings: the number of documents signed, when stated.", nullable=True),
            Field("document_names", "list[string]", "For signings: the documents' names as written."),
        )
        + SPAN_FIELDS
        + (
            Field("outlet", "string", "The reporting article's outlet.", nullable=True),
            Field("published", "date", "The reporting article's publication date.", nullable=True),
            Field("is_reprint", "bool", "The reporting article reprints another one (not an independent report)."),
            Field("n_reports", "int64", "Number of distinct original articles reporting this occurrence."),
        ),
        span_checked=True,
        unique_key=("event_id",),
    ),
    TableSpec(
        "network",
        "analyze",
        "Links between countries and organisations: shared events and bilateral claims, per unordered pair. Reprints add no links.",
        (
            Field("source_entity", "string", "Entity id of one end (the alphabetically first)."),
            Field("target_entity", "string", "Entity id of the other end."),
            Field("source_label", "string", "Name of `source_entity`."),
            Field("target_label", "string", "Name of `target_entity`."),
            Field("weight", "int64", "Number of links: `n_events + n_claims`."),
            Field("n_events", "int64", "Event mentions in which both take part."),
            Field("n_claims", "int64", "Claims with one as subject and the other as counterpart."),
            Field("n_visits", "int64", "Of the events: visits."),
            Field("n_summits", "int64", "Of the events: summits."),
            Field("n_agreements_signed", "int64", "Of the events: signings."),
            Field("n_meetings", "int64", "Of the events: meetings."),
            Field("n_articles", "int64", "Distinct articles the links come from."),
            Field("event_ids", "list[string]", "The events behind the link."),
            Field("claim_ids", "list[string]", "The claims behind the link."),
            Field("article_ids", "list[string]", "Their articles."),
        ),
        unique_key=("source_entity", "target_entity"),
    ),
    TableSpec(
        "sector_profile",
        "analyze",
        "For each country, the share of the sentences mentioning it that carry each sector (reprints left out). Only sectors that occur are listed.",
        (
            Field("entity_id", "string", "The country (ISO 3166 alpha-3)."),
            Field("entity_label", "string", "The country's name."),
            Field("sector", "string", "Sector id (`sectors.sectors`)."),
            Field("n_sentences_mentioning", "int64", "Sentences that mention the country."),
            Field("n_sentences_with_sector", "int64", "Of those, sentences tagged with the sector."),
            Field("pct_of_sentences", "float64", "`n_sentences_with_sector / n_sentences_mentioning`, in percent."),
            Field("sentence_refs", "list[string]", "The tagged sentences, as `article_id:start-end`."),
        ),
        unique_key=("entity_id", "sector"),
    ),
    TableSpec(
        "attention",
        "analyze",
        "How much each outlet published on the subject, per month: articles, claims and events.",
        (
            Field("outlet", "string", "The outlet (`(unknown outlet)` when none is known)."),
            Field("month", "date", "First day of the month of publication; null for undated articles.", nullable=True),
            Field("n_articles", "int64", "Articles, reprints included."),
            Field("n_original_articles", "int64", "Of those, original articles."),
            Field("n_claims", "int64", "Claims in those articles."),
            Field("n_events", "int64", "Event mentions in those articles."),
            Field("article_ids", "list[string]", "The articles, sorted."),
        ),
        unique_key=("outlet", "month"),
    ),
    TableSpec(
        "sourcing",
        "analyze",
        "Per outlet: how many of its claims say where the figure comes from (a statistics office, a ministry, a named official).",
        (
            Field("outlet", "string", "The outlet (`(unknown outlet)` when none is known).", unique=True),
            Field("n_articles", "int64", "Articles of the outlet that contain claims."),
            Field("n_claims", "int64", "Claims in them."),
            Field("n_claims_attributed", "int64", "Of those, claims with an attribution."),
            Field("pct_claims_attributed", "float64", "`n_claims_attributed / n_claims`, in percent."),
            Field("attributed_claim_ids", "list[string]", "The attributed claims."),
            Field("unattributed_claim_ids", "list[string]", "The others."),
        ),
        unique_key=("outlet",),
    ),
)

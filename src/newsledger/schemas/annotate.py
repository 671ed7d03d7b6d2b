"""Tables written by stage 2 (annotate). Every row carries its article and character span."""

from __future__ import annotations

from . import SPAN_FIELDS, Field, TableSpec

ENTITY_TYPES = ("country", "person", "organisation", "infrastructure", "place", "region")
UNITS_DOC = "ISO 4217 code for money (USD, EUR, AZN, ...), `t` (metric tonnes), `TEU`, `km`, `km2`, `day`, `percent`, `count`, `times` (multipliers: fivefold, triple, halve)."
EVENT_TYPES = ("visit", "summit", "agreement_signed", "meeting")
DATE_PRECISIONS = ("day", "month", "year")
QUALIFIERS = ("exact", "over", "about", "up_to", "under")

TABLES = (
    TableSpec(
        "mentions",
        "annotate",
        "Each mention of a gazetteer entity (country, person, organisation, infrastructure, place, region).",
        SPAN_FIELDS
        + (
            Field("entity_id", "string", "The entity's id in `data/reference/gazetteer.csv`."),
            Field("entity_type", "string", "The entity's type.", allowed=ENTITY_TYPES),
            Field("surface", "string", "The gazetteer alias that matched (the text's own spelling is `quote`)."),
        ),
        span_checked=True,
    ),
    TableSpec(
        "claims",
        "annotate",
        "Each quantitative claim: a number (or range) with its unit, what it measures, whose and when.",
        (Field("claim_id", "string", "Stable id of the claim: article id and span.", unique=True),)
        + SPAN_FIELDS
        + (
            Field("value", "float64", "The number in base units ($9 billion -> 9e9). Growth is signed: a 30% decrease is -30."),
            Field("value_high", "float64", "Upper end of a range (`6-6.5 million tons`), else null.", nullable=True),
            Field("unit", "string", UNITS_DOC),
            Field("metric", "string", "What is measured, snake_case: trade_turnover, exports, imports, investment, cargo_volume, container_volume, growth, share, gdp, agreements_signed, ..."),
            Field("subject", "string", "Entity id of whose figure it is (for exports/imports: the exporter/importer).", nullable=True),
            Field("counterpart", "string", "Entity id of the partner (who trades with whom; to whom exports go).", nullable=True),
            Field("period_start", "date", "First day of the period the figure covers (inclusive).", nullable=True),
            Field("period_end", "date", "Last day of the period the figure covers (inclusive).", nullable=True),
            Field("is_forecast", "bool", "A target, plan, expectation or pledge rather than an actual."),
            Field("qualifier", "string", "How the text bounds the value.", allowed=QUALIFIERS),
            Field("attribution", "string", "Who the text says the figure comes from, as written.", nullable=True),
            Field("sentence_start", "int64", "Offset of the claim's sentence in `text`."),
            Field("sentence_end", "int64", "End offset of the claim's sentence in `text`."),
        ),
        span_checked=True,
        unique_key=("claim_id",),
    ),
    TableSpec(
        "events",
        "annotate",
        "Each diplomatic event the text reports: visits, summits, signings, meetings.",
        (Field("event_id", "string", "Stable id of the event mention: article id and span.", unique=True),)
        + SPAN_FIELDS
        + (
            Field("event_type", "string", "The kind of event.", allowed=EVENT_TYPES),
            Field("date_start", "date", "First day of the event (resolved against the publication date), null when unknown.", nullable=True),
            Field("date_end", "date", "Last day of the event or of the month/year it is dated to.", nullable=True),
            Field("date_precision", "string", "How precisely the date is known.", nullable=True, allowed=DATE_PRECISIONS),
            Field("actors", "list[string]", "Entity ids of the states, leaders and organisations taking part."),
            Field("location", "string", "Where it took place: entity id if in the gazetteer, else the name as written.", nullable=True),
            Field("n_documents", "int64", "For signings: how many documents were signed, when the text says.", nullable=True),
            Field("document_names", "list[string]", "For signings: the names of the documents, as written."),
        ),
        span_checked=True,
        unique_key=("event_id",),
    ),
    TableSpec(
        "sectors",
        "annotate",
        "Each sentence of each article, tagged with the sectors its words point to (an empty list when none).",
        SPAN_FIELDS
        + (
            Field("sectors", "list[string]", "Sector ids from `data/reference/sectors.csv`: energy, transport_logistics, trade, investment_finance, defence_security, humanitarian, culture_education, digital_telecom, agriculture, industry."),
        ),
        span_checked=True,
    ),
)

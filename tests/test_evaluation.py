"""The scorer on tiny hand-made frames: perfect, missing, extra, tolerance, unordered parties, dates."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from newsledger.evaluation import (
    dates_agree,
    score_claims,
    score_events,
    source_keys,
    values_agree,
)


def claim(source="a.txt", value=9e9, unit="USD", metric="trade_turnover", subject="AZE", counterpart="org:ots",
          period_start="2023-01-01", period_end="2023-12-31", is_forecast=False, value_high=None, quote="$9 billion"):
    return {
        "source": source, "quote": quote, "value": value, "value_high": value_high, "unit": unit, "metric": metric,
        "subject": subject, "counterpart": counterpart, "period_start": period_start, "period_end": period_end,
        "is_forecast": is_forecast, "qualifier": "exact",
    }


def event(source="a.txt", event_type="visit", date_start="2024-07-06", date_precision="day", actors="AZE|KAZ",
          location="place:shusha", n_documents=None):
    return {
        "source": source, "event_type": event_type, "date_start": date_start, "date_end": date_start,
        "date_precision": date_precision, "actors": actors, "location": location, "n_documents": n_documents,
        "evidence": "...",
    }


def as_gold(rows):
    """Gold as the csv reader gives it: every cell a string, empty for none."""
    return pd.DataFrame(rows).astype(object).where(pd.DataFrame(rows).notna(), "").astype(str).replace("None", "")


def as_predicted(rows):
    """Predicted as the annotate tables give it: real dates, floats, lists."""
    frame = pd.DataFrame(rows)
    for column in ("period_start", "period_end", "date_start", "date_end"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    if "actors" in frame:
        frame["actors"] = frame["actors"].map(lambda a: a.split("|") if a else [])
    return frame


def test_perfect_claims_score_one_everywhere():
    rows = [claim(), claim(value=2.8e6, unit="t", metric="cargo_volume", subject="infra:middle_corridor", counterpart=None)]
    result = score_claims(as_predicted(rows), as_gold(rows))
    assert (result["precision"], result["recall"], result["f1"]) == (1.0, 1.0, 1.0)
    assert result["period_accuracy"] == 1.0
    assert result["metric_accuracy"] == 1.0
    assert result["parties_accuracy"] == 1.0
    assert result["misses"].empty and result["false_positives"].empty


def test_missing_claim_lowers_recall_only():
    gold = as_gold([claim(), claim(value=86, unit="percent", metric="growth")])
    result = score_claims(as_predicted([claim()]), gold)
    assert result["precision"] == 1.0
    assert result["recall"] == 0.5
    assert result["f1"] == pytest.approx(2 / 3)
    assert [float(v) for v in result["misses"]["value"]] == [86.0]


def test_extra_claim_lowers_precision_only():
    predicted = as_predicted([claim(), claim(value=2023, unit="count", metric="count")])
    result = score_claims(predicted, as_gold([claim()]))
    assert result["recall"] == 1.0
    assert result["precision"] == 0.5
    assert result["false_positives"]["value"].tolist() == [2023]


def test_value_tolerance_is_half_a_percent_relative():
    gold = as_gold([claim(value=598.47e6)])
    assert score_claims(as_predicted([claim(value=598.47e6 * 1.004)]), gold)["n_matched"] == 1
    assert score_claims(as_predicted([claim(value=598.47e6 * 1.006)]), gold)["n_matched"] == 0
    assert values_agree(0.0, 0.0) and not values_agree(0.001, 0.0)


def test_unit_must_agree():
    result = score_claims(as_predicted([claim(unit="EUR")]), as_gold([claim()]))
    assert result["n_matched"] == 0 and result["f1"] == 0.0


def test_range_upper_end_must_agree_when_present():
    gold = as_gold([claim(value=6e6, value_high=6.5e6, unit="t", metric="cargo_volume")])
    assert score_claims(as_predicted([claim(value=6e6, value_high=6.5e6, unit="t")]), gold)["n_matched"] == 1
    assert score_claims(as_predicted([claim(value=6e6, unit="t")]), gold)["n_matched"] == 0
    assert score_claims(as_predicted([claim(value=6e6, value_high=7e6, unit="t")]), gold)["n_matched"] == 0


def test_trade_turnover_parties_are_unordered_but_exports_are_not():
    gold = as_gold([claim(subject="KAZ", counterpart="AZE"), claim(value=24.5e6, metric="exports", subject="AZE", counterpart="KAZ")])
    predicted = as_predicted([claim(subject="AZE", counterpart="KAZ"), claim(value=24.5e6, metric="exports", subject="KAZ", counterpart="AZE")])
    result = score_claims(predicted, gold)
    assert result["n_matched"] == 2
    assert result["parties_accuracy"] == 0.5


def test_period_accuracy_needs_both_ends():
    gold = as_gold([claim(), claim(value=280.6e6, period_start="2024-01-01", period_end="2024-06-30")])
    predicted = as_predicted([claim(), claim(value=280.6e6, period_start="2024-01-01", period_end="2024-12-31")])
    result = score_claims(predicted, gold)
    assert result["n_matched"] == 2
    assert result["period_accuracy"] == 0.5


def test_matching_stays_within_a_source():
    result = score_claims(as_predicted([claim(source="b.txt")]), as_gold([claim(source="a.txt")]))
    assert result["n_matched"] == 0
    assert (result["precision"], result["recall"]) == (0.0, 0.0)


def test_equal_values_pair_with_the_gold_row_they_describe():
    # Two 86% in one article: the greedy rank pairs each prediction with the gold row of its period.
    gold = as_gold([
        claim(value=86, unit="percent", metric="growth", period_start="2023-01-01", period_end="2023-12-31"),
        claim(value=86, unit="percent", metric="growth", period_start="2024-01-01", period_end="2024-06-30"),
    ])
    predicted = as_predicted([
        claim(value=86, unit="percent", metric="growth", period_start="2024-01-01", period_end="2024-06-30"),
        claim(value=86, unit="percent", metric="growth", period_start="2023-01-01", period_end="2023-12-31"),
    ])
    result = score_claims(predicted, gold)
    assert result["n_matched"] == 2 and result["period_accuracy"] == 1.0


def test_one_prediction_matches_one_gold_row_only():
    gold = as_gold([claim(), claim()])
    result = score_claims(as_predicted([claim()]), gold)
    assert result["n_matched"] == 1 and result["recall"] == 0.5


def test_empty_predictions_give_zero_recall_and_nan_accuracies():
    empty = as_predicted([claim()]).iloc[0:0]
    result = score_claims(empty, as_gold([claim()]))
    assert result["recall"] == 0.0 and result["f1"] == 0.0
    assert math.isnan(result["period_accuracy"])


def test_forecast_and_metric_accuracy():
    gold = as_gold([claim(value=1e9, is_forecast=True, metric="trade_turnover")])
    predicted = as_predicted([claim(value=1e9, is_forecast=False, metric="exports")])
    result = score_claims(predicted, gold)
    assert result["n_matched"] == 1
    assert result["forecast_accuracy"] == 0.0 and result["metric_accuracy"] == 0.0


def test_perfect_events():
    rows = [event(), event(event_type="agreement_signed", n_documents=6)]
    result = score_events(as_predicted(rows), as_gold(rows))
    assert (result["precision"], result["recall"], result["f1"]) == (1.0, 1.0, 1.0)
    assert result["actor_accuracy"] == 1.0 and result["n_documents_accuracy"] == 1.0


def test_event_date_compared_at_gold_precision():
    gold = as_gold([event(date_start="2022-04-01", date_precision="month")])
    assert score_events(as_predicted([event(date_start="2022-04-19")]), gold)["n_matched"] == 1
    assert score_events(as_predicted([event(date_start="2022-05-01")]), gold)["n_matched"] == 0
    assert dates_agree(date(2022, 12, 31), date(2022, 1, 1), "year")
    assert not dates_agree(date(2023, 1, 1), date(2022, 1, 1), "year")
    assert not dates_agree(date(2024, 7, 7), date(2024, 7, 6), "day")


def test_undated_gold_event_matches_on_type_alone_and_dated_gold_needs_a_date():
    assert score_events(as_predicted([event(date_start="2021-03-03")]), as_gold([event(date_start="", date_precision="")]))["n_matched"] == 1
    assert score_events(as_predicted([event(date_start=None)]), as_gold([event()]))["n_matched"] == 0


def test_event_type_must_agree_and_extra_events_cost_precision():
    gold = as_gold([event(event_type="summit", actors="org:ots")])
    predicted = as_predicted([event(event_type="meeting", actors="org:ots"), event(event_type="summit", actors="org:ots|AZE")])
    result = score_events(predicted, gold)
    assert result["n_matched"] == 1 and result["precision"] == 0.5
    assert result["actor_accuracy"] == 0.0
    assert result["actor_jaccard"] == pytest.approx(0.5)


def test_source_keys_name_jsonl_records_by_path_and_number():
    articles = pd.DataFrame({"article_id": ["x", "y"], "source": ["https://example.org/a", "b.txt"], "path": ["feed.jsonl", "b.txt"]})
    manifest = pd.DataFrame({"article_id": ["x", "y", None], "path": ["feed.jsonl", "b.txt", "bad.bin"], "record": [2, None, None]})
    assert source_keys(articles, manifest) == {"x": "feed.jsonl#2", "y": "b.txt"}


# ----------------------------------------------------------------------------- the gold files themselves

import csv  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402

from newsledger.evaluation import GOLD_CORPORA, load_gold  # noqa: E402

RAW_DIRS = {name: raw_dir for name, (raw_dir, _) in GOLD_CORPORA.items()}
GOLD_DIRS = {name: gold_dir for name, (_, gold_dir) in GOLD_CORPORA.items()}
CORPORA = list(GOLD_CORPORA)
UNITS = {"USD", "EUR", "AZN", "KZT", "UZS", "t", "TEU", "km", "km2", "day", "percent", "count", "times", "m3", "MW", "bbl/d"}


def raw_text(corpus: str, source: str) -> str:
    path, _, record = source.partition("#")
    file = RAW_DIRS[corpus] / path
    text = file.read_text(encoding="utf-8")
    if record and file.suffix == ".csv":
        text = list(csv.DictReader(io.StringIO(text)))[int(record) - 1]["text"]
    elif record:
        text = json.loads([line for line in text.splitlines() if line.strip()][int(record) - 1])["text"]
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("corpus", CORPORA)
def test_gold_claims_quote_their_article_and_are_well_formed(corpus):
    claims, _ = load_gold(GOLD_DIRS[corpus], corpus)
    assert len(claims) > 0
    for row in claims.to_dict("records"):
        assert row["quote"] in raw_text(corpus, row["source"]), row
        assert row["unit"] in UNITS, row
        assert row["is_forecast"] in ("true", "false"), row
        assert row["qualifier"] in ("exact", "over", "about", "up_to", "under"), row
        float(row["value"])
        if row["period_start"] and row["period_end"]:
            assert date.fromisoformat(row["period_start"]) <= date.fromisoformat(row["period_end"]), row


@pytest.mark.parametrize("corpus", CORPORA)
def test_gold_events_are_well_formed(corpus):
    _, events = load_gold(GOLD_DIRS[corpus], corpus)
    assert len(events) > 0
    for row in events.to_dict("records"):
        raw_text(corpus, row["source"])  # the article exists
        assert row["event_type"] in ("visit", "summit", "agreement_signed", "meeting"), row
        assert row["date_precision"] in ("", "day", "month", "year"), row
        assert bool(row["date_start"]) == bool(row["date_precision"]), row
        assert row["actors"], row

import math

import pandas as pd
import pytest

from newsledger.analyze import build_checks
from newsledger.tables import validate

H1_2024 = dict(period_start="2024-01-01", period_end="2024-06-30")
H1_2023 = dict(period_start="2023-01-01", period_end="2023-06-30")
Y2022 = dict(period_start="2022-01-01", period_end="2022-12-31")
Y2023 = dict(period_start="2023-01-01", period_end="2023-12-31")
Y2024 = dict(period_start="2024-01-01", period_end="2024-12-31")
CORRIDOR = "infra:middle_corridor"


def money(article_id, start, metric, value, subject, counterpart, period=H1_2024, **extra):
    return {"article_id": article_id, "start": start, "end": start + 5, "value": value, "unit": "USD", "metric": metric,
            "subject": subject, "counterpart": counterpart, **period, **extra}


def cargo(article_id, start, value, period=Y2023, unit="t", metric="cargo_volume", **extra):
    return dict(article_id=article_id, start=start, end=start + 5, value=value, unit=unit, metric=metric,
                subject=CORRIDOR, **period, **extra)


def of_type(checks, check_type):
    return checks[checks["check_type"] == check_type].reset_index(drop=True)


def dated_articles(table, *specs):
    return table("articles", [dict(article_id=a, outlet=o, published=d, duplicate_of=dup) for a, o, d, dup in specs])


@pytest.mark.parametrize("turnover, quote, verdict", [(280.6e6, "$280.6 million", "consistent"),
                                                      (281e6, "$281 million", "consistent"),
                                                      (300e6, "$300 million", "inconsistent")])
def test_exports_plus_imports_against_turnover(table, turnover, quote, verdict):
    """Rounding is read from the digits as written: $281 million is within $0.5 million of 280.6."""
    claims = table("claims", [
        money("A", 0, "trade_turnover", turnover, "KAZ", "AZE", quote=quote),
        money("A", 20, "exports", 24.5e6, "AZE", "KAZ"),
        money("A", 40, "imports", 256.1e6, "AZE", "KAZ"),  # Azerbaijan's imports from Kazakhstan
    ])
    checks = build_checks(claims)
    validate(checks, "checks")
    row = of_type(checks, "flows_sum").iloc[0]
    assert row["verdict"] == verdict
    assert row["expected_value"] == pytest.approx(280.6e6)
    assert row["stated_value"] == turnover
    assert len(row["claim_ids"]) == 3
    assert "$24.5 million" in row["explanation"] and "$256.1 million" in row["explanation"]


def test_flows_of_another_period_or_pair_are_not_added(table):
    claims = table("claims", [
        money("A", 0, "trade_turnover", 280.6e6, "AZE", "KAZ"),
        money("A", 20, "exports", 24.5e6, "AZE", "KAZ", period=Y2023),
        money("A", 40, "imports", 256.1e6, "AZE", "UZB"),
    ])
    checks = build_checks(claims)
    assert of_type(checks, "flows_sum").empty
    assert of_type(checks, "flow_derived").empty


def test_turnover_and_one_flow_derive_the_other(table):
    claims = table("claims", [money("A", 0, "trade_turnover", 280.6e6, "AZE", "KAZ"), money("A", 20, "exports", 24.5e6, "AZE", "KAZ")])
    row = of_type(build_checks(claims), "flow_derived").iloc[0]
    assert row["verdict"] == "derived"
    assert row["expected_value"] == pytest.approx(256.1e6)
    assert math.isnan(row["stated_value"])  # derived, never presented as stated
    assert (row["subject"], row["counterpart"]) == ("KAZ", "AZE")
    assert "Derived, not stated" in row["explanation"] and "formula" in row["explanation"]


def test_level_and_growth_derive_last_years_level(table):
    claims = table("claims", [cargo("A", 0, 2.8e6, sentence_start=0), cargo("A", 30, 86, unit="percent", metric="growth", sentence_start=0)])
    row = of_type(build_checks(claims), "previous_level_derived").iloc[0]
    assert row["verdict"] == "derived"
    assert row["expected_value"] == pytest.approx(2.8e6 / 1.86)
    assert row["expected_low"] < 1.5e6 < row["expected_high"]
    assert row["period_label"] == "2022"
    assert "about 1.51 million tons in 2022" in row["explanation"]
    assert "level / (1 + growth/100)" in row["explanation"]


def test_growth_dated_to_the_year_it_compares_against_is_linked(table):
    claims = table("claims", [cargo("A", 0, 2.8e6, sentence_start=0),
                              cargo("A", 30, 86, period=Y2022, unit="percent", metric="growth", sentence_start=0)])
    row = of_type(build_checks(claims), "previous_level_derived").iloc[0]
    assert row["period_label"] == "2022" and row["expected_value"] == pytest.approx(2.8e6 / 1.86)


def test_growth_as_percent_of_a_level_metric_is_recognised_from_its_sentence(table):
    text = "In 2023, approximately 2.8 million tons of cargo were transported via this route, an 86% increase from 2022."
    articles = table("articles", [dict(article_id="A", text=text)])
    claims = table("claims", [
        cargo("A", text.index("2.8"), 2.8e6, qualifier="about", sentence_start=0, sentence_end=len(text)),
        cargo("A", text.index("86%"), 86, unit="percent", sentence_start=0, sentence_end=len(text)),
    ])
    row = of_type(build_checks(claims, articles), "previous_level_derived").iloc[0]
    assert row["expected_value"] == pytest.approx(2.8e6 / 1.86)


@pytest.mark.parametrize("growth, verdict", [(65, "consistent"), (40, "inconsistent")])
def test_stated_growth_against_two_stated_levels(table, growth, verdict):
    claims = table("claims", [
        cargo("A", 0, 2.1e6, period=H1_2024, sentence_start=0),
        cargo("A", 20, growth, period=H1_2024, unit="percent", metric="cargo_volume_growth", sentence_start=0),
        cargo("A", 60, 1.27e6, period=H1_2023, sentence_start=50),
    ])
    checks = build_checks(claims)
    row = of_type(checks, "growth_vs_levels").iloc[0]
    assert row["verdict"] == verdict
    assert row["expected_value"] == pytest.approx((2.1 / 1.27 - 1) * 100)
    assert of_type(checks, "previous_level_derived").empty  # the earlier level is stated, nothing to derive


def test_growth_is_not_linked_to_another_metric_or_period(table):
    claims = table("claims", [
        cargo("A", 0, 2.8e6, period=Y2023, sentence_start=0),
        cargo("A", 20, 86, period=Y2024, unit="percent", metric="growth", sentence_start=0),
        cargo("A", 40, 30, unit="percent", metric="trade_turnover_growth", sentence_start=0),
    ])
    checks = build_checks(claims)
    assert of_type(checks, "previous_level_derived").empty
    assert of_type(checks, "growth_vs_levels").empty


def test_derived_level_is_checked_against_another_articles_statement(table):
    articles = dated_articles(table, ("A", "Trend", "2024-03-07", None), ("B", "Kazinform", "2023-02-01", None))
    claims = table("claims", [
        cargo("A", 0, 2.8e6, sentence_start=0), cargo("A", 20, 86, unit="percent", metric="growth", sentence_start=0),
        cargo("B", 0, 1.5e6, period=Y2022),
    ])
    row = of_type(build_checks(claims, articles), "derived_vs_stated").iloc[0]
    assert row["verdict"] == "consistent"
    assert row["stated_value"] == 1.5e6
    assert "Kazinform" in row["explanation"]


@pytest.mark.parametrize("share, verdict", [(8.7, "consistent"), (20, "inconsistent")])
def test_share_against_its_part_and_total(table, share, verdict):
    claims = table("claims", [
        money("A", 0, "exports", 24.5e6, "KAZ", "AZE"),
        money("A", 20, "exports", 281.6e6, "KAZ", None),
        dict(article_id="A", start=40, end=44, value=share, unit="percent", metric="share_of_exports", subject="AZE",
             counterpart="KAZ", **H1_2024),
    ])
    row = of_type(build_checks(claims), "share_vs_total").iloc[0]
    assert row["verdict"] == verdict
    assert row["expected_value"] == pytest.approx(24.5 / 281.6 * 100)


def test_share_and_part_derive_the_total(table):
    claims = table("claims", [
        money("A", 0, "trade_turnover", 280.6e6, "KAZ", "AZE"),
        dict(article_id="A", start=40, end=44, value=0.4, unit="percent", metric="share_of_trade_turnover", subject="AZE",
             counterpart="KAZ", **H1_2024),
    ])
    row = of_type(build_checks(claims), "share_derived").iloc[0]
    assert row["verdict"] == "derived"
    assert row["subject"] == "KAZ" and row["counterpart"] is pd.NA
    assert row["expected_value"] == pytest.approx(280.6e6 / 0.004)
    assert row["expected_low"] < 70.15e9 < row["expected_high"]


def test_sources_agreeing_within_rounding_corroborate(table):
    articles = dated_articles(table, ("A", "Trend", "2024-03-07", None), ("B", "Report.az", "2024-03-08", None))
    claims = table("claims", [money("A", 0, "trade_turnover", 9e9, "AZE", "org:ots", Y2023),
                              money("B", 0, "trade_turnover", 9.2e9, "org:ots", "AZE", Y2023)])
    row = of_type(build_checks(claims, articles), "cross_source").iloc[0]
    assert row["verdict"] == "corroborated"
    assert "2 independent articles" in row["explanation"]


def test_sources_disagreeing_conflict_and_each_is_listed(table):
    articles = dated_articles(table, ("A", "Trend", "2024-09-04", None), ("B", "Kazinform", "2024-09-10", None))
    claims = table("claims", [money("A", 0, "trade_turnover", 280.6e6, "AZE", "KAZ"), money("B", 0, "trade_turnover", 290e6, "KAZ", "AZE")])
    row = of_type(build_checks(claims, articles), "cross_source").iloc[0]
    assert row["verdict"] == "conflict"
    for piece in ("$280.6 million (Trend, 2024-09-04)", "$290 million (Kazinform, 2024-09-10)"):
        assert piece in row["explanation"]


def test_a_reprint_does_not_corroborate(table):
    articles = dated_articles(table, ("A", "Trend", "2024-09-04", None), ("B", "AzerNews", "2024-09-05", "A"))
    claims = table("claims", [money("A", 0, "trade_turnover", 280.6e6, "AZE", "KAZ"), money("B", 0, "trade_turnover", 280.6e6, "AZE", "KAZ")])
    checks = build_checks(claims, articles)
    cross = of_type(checks, "cross_source")
    assert list(cross["verdict"]) == ["single_source"]
    assert "AzerNews" in cross.iloc[0]["explanation"]


@pytest.mark.parametrize("second", [
    money("B", 0, "trade_turnover", 12e9, "org:ots", None, Y2023),  # intra-OTS trade, not Azerbaijan-OTS
    money("B", 0, "trade_turnover", 12e9, "AZE", "org:ots", H1_2023),  # another period
    money("B", 0, "trade_turnover", 12e9, "AZE", "org:ots", Y2023, unit="EUR"),  # another unit
    money("B", 0, "exports", 12e9, "AZE", "org:ots", Y2023),  # another metric
], ids=["subject", "period", "unit", "metric"])
def test_different_indicators_are_never_compared(table, second):
    articles = dated_articles(table, ("A", "Trend", "2024-03-07", None), ("B", "Report.az", "2024-03-08", None))
    claims = table("claims", [money("A", 0, "trade_turnover", 9e9, "AZE", "org:ots", Y2023), second])
    checks = build_checks(claims, articles)
    assert checks.empty


@pytest.mark.parametrize("actual, qualifier, verdict", [(4.5e6, "over", "forecast_met"), (3.6e6, "over", "forecast_missed"),
                                                        (3.6e6, "up_to", "forecast_met")])
def test_forecast_against_the_actual_reported_later(table, actual, qualifier, verdict):
    articles = dated_articles(table, ("A", "AzerNews", "2024-09-04", None), ("B", "Kazinform", "2025-02-01", None))
    claims = table("claims", [cargo("A", 0, 4e6, Y2024, is_forecast=True, qualifier=qualifier), cargo("B", 0, actual, Y2024)])
    row = of_type(build_checks(claims, articles), "forecast_vs_actual").iloc[0]
    assert row["verdict"] == verdict
    assert row["expected_value"] == 4e6 and row["stated_value"] == actual


def test_forecast_made_after_the_actual_was_reported_is_not_tested(table):
    articles = dated_articles(table, ("A", "AzerNews", "2025-03-01", None), ("B", "Kazinform", "2025-02-01", None))
    claims = table("claims", [cargo("A", 0, 4e6, Y2024, is_forecast=True), cargo("B", 0, 4.5e6, Y2024)])
    assert of_type(build_checks(claims, articles), "forecast_vs_actual").empty


def test_every_check_cites_one_of_its_claims(table):
    claims = table("claims", [
        money("A", 0, "trade_turnover", 280.6e6, "AZE", "KAZ", quote="$280.6 million"),
        money("A", 20, "exports", 24.5e6, "AZE", "KAZ", quote="$24.5 million"),
    ])
    checks = build_checks(claims)
    assert not checks.empty
    for row in checks.itertuples():
        assert row.evidence_claim_id in row.claim_ids


def test_empty_claims_give_no_checks(table):
    checks = build_checks(table("claims", []), table("articles", []))
    assert checks.empty
    validate(checks, "checks")


def test_a_derived_level_is_compared_with_the_first_four_distinct_values_stated_elsewhere(table):
    others = [("B", 0, 1.5e6), ("C", 10, 1.6e6), ("D", 20, 1.5e6), ("E", 30, 1.7e6), ("F", 40, 1.8e6), ("G", 50, 1.9e6)]
    claims = table("claims", [
        cargo("A", 0, 2.8e6, sentence_start=0), cargo("A", 20, 86, unit="percent", metric="growth", sentence_start=0),
        *[cargo(article, start, value, period=Y2022) for article, start, value in others],
    ])
    compared = of_type(build_checks(claims), "derived_vs_stated")
    # D repeats B's value and G's is a fifth: in the order the figures appear, four distinct values are enough.
    assert list(compared["evidence_article_id"]) == ["B", "C", "E", "F"]
    assert list(compared["stated_value"]) == [1.5e6, 1.6e6, 1.7e6, 1.8e6]

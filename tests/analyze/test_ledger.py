from newsledger.analyze import build_ledger, build_series
from newsledger.tables import validate

H1_2024 = dict(period_start="2024-01-01", period_end="2024-06-30")
Y2023 = dict(period_start="2023-01-01", period_end="2023-12-31")
Y2024 = dict(period_start="2024-01-01", period_end="2024-12-31")


def turnover(article_id, value, subject="AZE", counterpart="KAZ", period=H1_2024, **extra):
    return dict(article_id=article_id, value=value, unit="USD", metric="trade_turnover", subject=subject,
                counterpart=counterpart, **period, **extra)


def test_symmetric_pair_is_one_fact_and_directed_flows_are_two(table):
    claims = table("claims", [
        turnover("A", 280.6e6, "KAZ", "AZE"),
        turnover("B", 280.6e6, "AZE", "KAZ"),
        dict(article_id="A", start=5, value=24.5e6, unit="USD", metric="exports", subject="AZE", counterpart="KAZ", **H1_2024),
        dict(article_id="A", start=9, value=256.1e6, unit="USD", metric="exports", subject="KAZ", counterpart="AZE", **H1_2024),
    ])
    ledger = build_ledger(claims)
    validate(ledger, "ledger")
    turnover_facts = ledger[ledger["metric"] == "trade_turnover"]
    assert len(turnover_facts) == 1
    fact = turnover_facts.iloc[0]
    assert (fact["subject"], fact["counterpart"]) == ("AZE", "KAZ")
    assert fact["n_claims"] == 2 and fact["n_original_articles"] == 2
    assert fact["period_label"] == "H1 2024" and fact["period_kind"] == "half"
    assert sorted(ledger.loc[ledger["metric"] == "exports", "subject"]) == ["AZE", "KAZ"]


def test_reprint_is_not_an_independent_article(table):
    articles = table("articles", [
        dict(article_id="orig", outlet="Trend", published="2024-09-04"),
        dict(article_id="copy", outlet="AzerNews", published="2024-09-05", duplicate_of="orig"),
    ])
    claims = table("claims", [turnover("copy", 280.6e6, quote="$280.6 million", start=3, end=17), turnover("orig", 280.6e6)])
    fact = build_ledger(claims, articles).iloc[0]
    assert fact["n_articles"] == 2
    assert fact["n_original_articles"] == 1
    assert list(fact["original_article_ids"]) == ["orig"]
    assert fact["evidence_article_id"] == "orig"  # earliest published, the original


def test_values_and_representative_value(table):
    articles = table("articles", [
        dict(article_id=a, outlet=a, published=f"2024-0{i + 1}-01") for i, a in enumerate(["A", "B", "C"])
    ])
    claims = table("claims", [turnover("A", 281e6), turnover("B", 280.6e6), turnover("C", 280.6e6)])
    fact = build_ledger(claims, articles).iloc[0]
    assert list(fact["values_stated"]) == ["280600000", "281000000"]
    assert fact["n_distinct_values"] == 2
    assert fact["value"] == 280.6e6  # stated by two originals, against one
    assert fact["evidence_article_id"] == "A"  # the first claim, whatever its value
    assert fact["value_text"] == "$280.6 million"


def test_forecast_and_actual_are_separate_facts_and_series(table):
    claims = table("claims", [
        dict(article_id="A", value=2.8e6, unit="t", metric="cargo_volume", subject="infra:middle_corridor", **Y2023),
        dict(article_id="A", start=4, value=4e6, unit="t", metric="cargo_volume", subject="infra:middle_corridor",
             is_forecast=True, qualifier="over", **Y2024),
        dict(article_id="A", start=8, value=2.1e6, unit="t", metric="cargo_volume", subject="infra:middle_corridor", **H1_2024),
        dict(article_id="A", start=12, value=3.0e6, unit="t", metric="cargo_volume", subject="infra:middle_corridor"),
    ])
    ledger = build_ledger(claims)
    assert len(ledger) == 4
    series = build_series(ledger)
    validate(series, "series")
    assert len(series) == 3  # the undated figure has no place on a time axis
    groups = {(k, f): list(g["period_label"]) for (k, f), g in series.groupby(["period_kind", "is_forecast"])}
    assert groups == {("half", False): ["H1 2024"], ("year", False): ["2023"], ("year", True): ["2024"]}


def test_empty_inputs_give_empty_typed_tables():
    for claims in (None, __import__("pandas").DataFrame()):
        ledger = build_ledger(claims)
        assert ledger.empty and "fact_id" in ledger.columns
        validate(ledger, "ledger")
        validate(build_series(ledger), "series")


def test_metric_labels_read_as_words_with_acronyms_in_capitals():
    from newsledger.analyze.ledger import indicator_label, metric_label

    assert metric_label("trade_turnover") == "Trade turnover"
    assert metric_label("gdp") == "GDP"
    assert metric_label("container_volume") == "Container volume"
    assert indicator_label("gdp", "org:ots", None, "USD").startswith("GDP, ")

import pandas as pd

from newsledger.report import sections


def _articles(**overrides):
    row = {"article_id": "a1", "source": "x.txt", "path": "x.txt", "url": None, "outlet": "Trend",
           "published": pd.Timestamp("2024-09-04"), "title": "t"}
    row.update(overrides)
    return pd.DataFrame([row])


def test_citation_links_only_web_addresses():
    web = sections.citation_html(_articles(url="https://trend.az/a?b=1&c=2").to_dict("records")[0])
    assert '<a href="https://trend.az/a?b=1&amp;c=2">' in web and "Trend, 2024-09-04" in web
    script = sections.citation_html(_articles(url="javascript:alert(1)", path="x.txt").to_dict("records")[0])
    assert "<a " not in script and "<code>data/raw/x.txt</code>" in script


def test_evidence_table_escapes_article_text():
    frame = pd.DataFrame([{"label": "<b>x</b>", "evidence_article_id": "a1", "evidence_quote": "<script>alert(1)</script>"}])
    html = sections.evidence_table(frame, _articles(outlet="<i>Evil</i>"), {"label": "label"}).data
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "&lt;i&gt;Evil&lt;/i&gt;" in html


def test_evidence_table_says_when_there_is_nothing():
    empty = pd.DataFrame(columns=["label", "evidence_article_id", "evidence_quote"])
    assert "None in this corpus." in sections.evidence_table(empty, _articles(), {"label": "label"}).data


def test_headline_indicators_prefer_headline_metrics_then_more_points():
    series = pd.DataFrame({
        "indicator_id": ["agreements", "cargo", "cargo", "trade", "trade", "trade"],
        "metric": ["agreements_signed", "cargo_volume", "cargo_volume", "trade_turnover", "trade_turnover", "trade_turnover"],
        "fact_id": ["f1", "f2", "f3", "f4", "f5", "f6"],
        "n_original_articles": [5, 1, 1, 1, 1, 1],
    })
    assert sections.headline_indicators(series, n=2) == ["trade", "cargo"]
    second_trade = series.assign(indicator_id=series["indicator_id"].replace({"agreements": "trade2"}),
                                 metric=series["metric"].replace({"agreements_signed": "trade_turnover"}))
    # Different measures before a second indicator of the same one.
    assert sections.headline_indicators(second_trade, n=3) == ["trade", "cargo", "trade2"]
    assert sections.headline_indicators(series.iloc[:0]) == []


def test_headline_without_facts_or_checks_says_so():
    ledger = pd.DataFrame(columns=["metric", "is_forecast", "n_original_articles", "period_end", "fact_id"])
    checks = pd.DataFrame(columns=["verdict", "explanation"])
    coverage = {"n_articles": 1, "n_outlets": 1, "first_published": "2024-01-01", "last_published": "2024-01-01"}
    html = sections.headline(ledger, checks, _articles(), coverage).data
    assert "No quantitative facts were found" in html and "No check failed" in html

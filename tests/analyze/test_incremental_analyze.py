"""``analyze.run`` after a change to a few articles recomputes only what they touch: its tables must be
byte for byte what a from-scratch run writes, and any doubt about the last run means a full run."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from newsledger import analyze, tables
from newsledger.analyze import run_cache

SENTENCES = [
    "Trade between Azerbaijan and Kazakhstan reached {turnover} million dollars in 2023, up 20% from 2022.",
    "Azerbaijan exported goods worth {exports} million dollars to Kazakhstan in 2023.",
    "The presidents of Azerbaijan and Kazakhstan met in Astana to discuss the Middle Corridor.",
    "Uzbekistan and Azerbaijan expect trade to reach 900 million dollars in 2025.",
]
INPUTS = ("articles", "claims", "events", "mentions", "sectors")


def _article(article_id: str, day: str, outlet: str, turnover: float, duplicate_of: str | None = None) -> dict[str, list]:
    """One article's rows in every input table: figures that other articles repeat (a fact with
    several sources), a growth rate read from its sentence, flows, a forecast, a meeting, and
    country mentions in sector-tagged sentences."""
    parts = [s.format(turnover=turnover, exports=turnover / 2) for s in SENTENCES]
    text = " ".join(parts)
    starts = [sum(len(p) + 1 for p in parts[:i]) for i in range(len(parts))]
    sentence = lambda i: dict(sentence_start=starts[i], sentence_end=starts[i] + len(parts[i]))  # noqa: E731
    at = lambda i, word: starts[i] + parts[i].index(word)  # noqa: E731
    year = dict(period_start="2023-01-01", period_end="2023-12-31")
    claims = [
        dict(article_id=article_id, start=at(0, f"{turnover}"), end=at(0, f"{turnover}") + 5, quote=str(turnover),
             value=turnover * 1e6, unit="USD", metric="trade_turnover", subject="AZE", counterpart="KAZ", **year, **sentence(0)),
        dict(article_id=article_id, start=at(0, "20%"), end=at(0, "20%") + 3, quote="20%", value=20.0, unit="percent",
             metric="trade_turnover", subject="AZE", counterpart="KAZ", **year, **sentence(0)),
        dict(article_id=article_id, start=at(1, "worth"), end=at(1, "worth") + 5, quote="worth", value=turnover / 2 * 1e6,
             unit="USD", metric="exports", subject="AZE", counterpart="KAZ", attribution="the customs committee", **year,
             **sentence(1)),
        dict(article_id=article_id, start=at(3, "900"), end=at(3, "900") + 3, quote="900", value=9e8, unit="USD",
             metric="trade_turnover", subject="AZE", counterpart="UZB", period_start="2025-01-01", period_end="2025-12-31",
             is_forecast=article_id < "C", **sentence(3)),
    ]
    if turnover > 250:  # some articles state the year before, which the growth rate is checked against
        claims.append(dict(article_id=article_id, start=at(0, "2022"), end=at(0, "2022") + 4, quote="2022", value=210e6,
                           unit="USD", metric="trade_turnover", subject="KAZ", counterpart="AZE",
                           period_start="2022-01-01", period_end="2022-12-31", **sentence(0)))
    return {
        "articles": [dict(article_id=article_id, outlet=outlet, published=day, text=text, n_words=len(text.split()),
                          duplicate_of=duplicate_of)],
        "claims": claims,
        "events": [dict(article_id=article_id, start=at(2, "met"), end=at(2, "met") + 3, quote="met", event_type="meeting",
                        actors=["AZE", "KAZ"], location="place:astana", date_start=day, date_end=day, date_precision="day")],
        "mentions": [dict(article_id=article_id, start=at(i, name), end=at(i, name) + len(name), entity_id=code,
                          entity_type="country")
                     for i in range(len(parts)) for name, code in (("Azerbaijan", "AZE"), ("Kazakhstan", "KAZ"), ("Uzbekistan", "UZB"))
                     if name in parts[i]],
        "sectors": [dict(article_id=article_id, start=starts[i], end=starts[i] + len(parts[i]), sectors=tags)
                    for i, tags in enumerate((["trade"], ["trade"], ["transport"], []))],
    }


def _corpus(articles: list[dict[str, list]], table) -> dict[str, pd.DataFrame]:
    return {name: table(name, [row for article in articles for row in article[name]]) for name in INPUTS}


def _story() -> list[dict[str, list]]:
    return [
        _article("A", "2024-01-10", "Trend", 280.6),
        _article("B", "2024-01-11", "AzerNews", 280.6, duplicate_of="A"),
        _article("C", "2024-02-01", "Report.az", 281.0),
        _article("D", "2024-03-05", "Kazinform", 240.0),
        _article("E", "2026-02-01", "Trend", 280.6),
    ]


def _write(corpus: dict[str, pd.DataFrame], folder) -> None:
    for name, frame in corpus.items():
        tables.write_table(frame, name, folder)


def _outputs(folder) -> dict[str, bytes]:
    return {name: tables.table_path(name, folder).read_bytes() for name in analyze.TABLE_NAMES}


def _fresh_outputs(folder, scratch) -> dict[str, bytes]:
    """What a from-scratch run writes for the inputs now in ``folder``."""
    scratch.mkdir()
    for name in INPUTS:
        shutil.copy(tables.table_path(name, folder), tables.table_path(name, scratch))
    analyze.run(scratch, force=True)
    return _outputs(scratch)


def _rerun(folder) -> list[str]:
    said: list[str] = []
    analyze.run(folder, echo=said.append)
    return said


CHANGES = {
    "a figure of one article": lambda articles: articles[2]["claims"][0].update(value=290e6),
    "an original removed, its reprint now checked on its own": lambda articles: articles.pop(0),
    "a new article": lambda articles: articles.append(_article("F", "2024-04-01", "The Astana Times", 281.0)),
    "an article's date and outlet": lambda articles: articles[3]["articles"][0].update(published="2023-12-30", outlet="Trend"),
    "an article's events and sectors": lambda articles: (articles[1]["events"].clear(), articles[3]["sectors"][2].update(sectors=["energy"])),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_rerun_after_a_change_writes_what_a_full_run_writes(change, table, tmp_path):
    folder = tmp_path / "processed"
    articles = _story()
    _write(_corpus(articles, table), folder)
    assert _rerun(folder)[-1].startswith("analyze: all 5 articles analysed")
    before = _outputs(folder)
    CHANGES[change](articles)
    _write(_corpus(articles, table), folder)
    said = _rerun(folder)
    assert "analysed again; the other rows reused" in said[-1], said
    after = _outputs(folder)
    assert after == _fresh_outputs(folder, tmp_path / "fresh")
    assert after != before  # the change shows in the tables: the comparison above is not of unchanged files


def test_the_corpus_exercises_every_table(table, tmp_path):
    _write(_corpus(_story(), table), tmp_path)
    results = analyze.run(tmp_path)
    assert all(len(results[name]) for name in analyze.TABLE_NAMES)
    kinds = set(results["checks"]["check_type"])
    assert {"cross_source", "growth_vs_levels", "forecast_vs_actual"} <= kinds, kinds


def test_nothing_changed_leaves_the_tables_as_they_are(table, tmp_path):
    _write(_corpus(_story(), table), tmp_path)
    analyze.run(tmp_path)
    before = {name: tables.table_path(name, tmp_path).stat().st_mtime_ns for name in analyze.TABLE_NAMES}
    assert "nothing changed" in _rerun(tmp_path)[-1]
    assert {name: tables.table_path(name, tmp_path).stat().st_mtime_ns for name in analyze.TABLE_NAMES} == before


@pytest.mark.parametrize("damage", ["cache cut short", "cache from another analysis", "an output edited since"])
def test_a_cache_that_cannot_be_trusted_means_a_full_run(damage, table, tmp_path):
    folder = tmp_path / "processed"
    articles = _story()
    _write(_corpus(articles, table), folder)
    analyze.run(folder)
    cache = folder / run_cache.CACHE_NAME
    if damage == "cache cut short":
        cache.write_bytes(cache.read_bytes()[:-40])
    elif damage == "cache from another analysis":
        digests = run_cache.load(folder, analyze.TABLE_NAMES)
        original = run_cache.cache_fingerprint
        run_cache.cache_fingerprint = lambda: "another analysis"
        try:
            run_cache.save(folder, analyze.TABLE_NAMES, digests.digests, digests.counts)
        finally:
            run_cache.cache_fingerprint = original
    else:
        network = tables.read_table("network", folder)
        tables.write_table(network.iloc[:1], "network", folder)
    CHANGES["a figure of one article"](articles)
    _write(_corpus(articles, table), folder)
    assert _rerun(folder)[-1].startswith("analyze: all 5 articles analysed")
    assert _outputs(folder) == _fresh_outputs(folder, tmp_path / "fresh")


def test_an_empty_corpus_is_analysed_and_analysed_again(tmp_path):
    for name in INPUTS:
        tables.write_table(tables.empty_frame(name), name, tmp_path)
    first = {name: len(frame) for name, frame in analyze.run(tmp_path).items()}
    assert set(first) == set(analyze.TABLE_NAMES) and not any(first.values())
    assert (tmp_path / run_cache.CACHE_NAME).exists()
    again = {name: len(frame) for name, frame in analyze.run(tmp_path).items()}
    assert again == first

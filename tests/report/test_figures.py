import pandas as pd
import pytest

from newsledger.analyze import run_analysis
from newsledger.report import figures
from newsledger.tables import conform, spec


def _table(name, rows, defaults):
    full = [{c: {**defaults, **row}.get(c) for c in spec(name).columns} for row in rows]
    return conform(pd.DataFrame(full, columns=spec(name).columns), name)


def _inputs(with_rows=True):
    base = {"source": "a.txt", "path": "a.txt", "published_basis": "header", "language": "en", "text": "", "n_words": 0}
    articles = _table("articles", [
        dict(article_id="A", outlet="Trend", published="2024-03-07"),
        dict(article_id="B", outlet="AzerNews", published="2024-09-04"),
    ] if with_rows else [], base)
    claim = {"end": 3, "quote": "x", "qualifier": "exact", "is_forecast": False, "sentence_start": 0, "sentence_end": 9,
             "subject": "infra:middle_corridor", "unit": "t", "metric": "cargo_volume"}
    claims = _table("claims", [
        dict(claim_id="c1", article_id="A", start=0, value=2.8e6, period_start="2023-01-01", period_end="2023-12-31"),
        dict(claim_id="c2", article_id="B", start=0, value=2.1e6, period_start="2024-01-01", period_end="2024-06-30"),
        dict(claim_id="c3", article_id="B", start=5, value=4e6, period_start="2024-01-01", period_end="2024-12-31",
             is_forecast=True, qualifier="over"),
    ] if with_rows else [], claim)
    events = _table("events", [
        dict(event_id="e1", article_id="A", start=0, event_type="summit", date_start="2024-07-06", date_end="2024-07-06",
             date_precision="day", actors=["AZE", "KAZ", "org:ots"]),
    ] if with_rows else [], {"end": 1, "quote": "x", "document_names": [], "actors": []})
    mentions = _table("mentions", [dict(article_id="A", start=1, end=4, entity_id="AZE", entity_type="country")] if with_rows else [],
                      {"quote": "x", "surface": "x"})
    sectors = _table("sectors", [dict(article_id="A", start=0, end=9, sectors=["energy"])] if with_rows else [], {"quote": "x"})
    return run_analysis(articles, mentions, claims, events, sectors)


def _all_figures(tables):
    return {
        "series": figures.indicator_series_figure(tables["series"]),
        "timeline": figures.timeline_figure(tables["timeline"]),
        "network": figures.network_figure(tables["network"]),
        "heatmap": figures.sector_heatmap_figure(tables["sector_profile"]),
        "attention": figures.attention_figure(tables["attention"]),
    }


@pytest.mark.parametrize("with_rows", [True, False], ids=["data", "empty"])
def test_every_figure_renders_with_caption_alt_text_and_identical_png_bytes(with_rows):
    first, second = _all_figures(_inputs(with_rows)), _all_figures(_inputs(with_rows))
    for name, result in first.items():
        assert isinstance(result, figures.FigureResult)
        png = figures.figure_to_png_bytes(result.figure)
        assert png.startswith(b"\x89PNG"), name
        assert png == figures.figure_to_png_bytes(second[name].figure), name
        assert b"Software" not in png and b"tIME" not in png
        assert result.caption and result.alt_text
        assert ("no data" in result.caption) == (not with_rows), name
        assert result.figure.dpi == figures.DPI


def test_forecasts_are_drawn_hollow_and_dashed_apart_from_actuals():
    result = figures.indicator_series_figure(_inputs()["series"], "cargo_volume|infra:middle_corridor|-|t")
    lines = {line.get_label(): line for line in result.figure.axes[0].get_lines()}
    assert lines["year (actual)"].get_linestyle() == "-"
    assert lines["year (forecast)"].get_linestyle() == "--"
    assert lines["year (forecast)"].get_markerfacecolor() == "white"
    assert lines["year (actual)"].get_markerfacecolor() != "white"
    assert "half (actual)" in lines  # a half-year is its own series, not a dip in the yearly one
    assert list(result.table["period_label"]) == ["H1 2024", "2023", "2024"]


def test_network_table_and_alt_text_name_every_link():
    result = figures.network_figure(_inputs()["network"])
    assert len(result.table) == 3
    for source, target in zip(result.table["source_label"], result.table["target_label"]):
        assert f"{source}-{target}" in result.alt_text


def test_different_data_gives_different_png():
    tables = _inputs()
    one = figures.figure_to_png_bytes(figures.attention_figure(tables["attention"]).figure)
    fewer = tables["attention"].iloc[:1]
    other = figures.figure_to_png_bytes(figures.attention_figure(fewer).figure)
    assert one != other

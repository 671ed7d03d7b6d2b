"""``analyze.run`` builds the tables in steps to hold less in memory: it must write exactly what
``run_analysis`` returns, and write nothing when an input cannot be read."""

import pytest

from newsledger import analyze, tables

TEXT = "Trade between Azerbaijan and Kazakhstan rose 86% to $280.6 million in 2023. The leaders met in Baku."


@pytest.fixture
def inputs(table):
    articles = table("articles", [
        dict(article_id="A", outlet="Trend", published="2024-03-07", text=TEXT, n_words=17),
        dict(article_id="B", outlet="AzerNews", published="2024-03-08", text=TEXT, n_words=17, duplicate_of="A"),
    ])
    claims = table("claims", [
        dict(article_id=a, start=TEXT.index("86%"), end=TEXT.index("86%") + 3, quote="86%", value=86.0, unit="percent",
             metric="trade_turnover", subject="AZE", counterpart="KAZ", period_start="2023-01-01",
             period_end="2023-12-31", sentence_start=0, sentence_end=TEXT.index(".") + 1)
        for a in ("A", "B")
    ] + [
        dict(article_id="A", start=TEXT.index("$"), end=TEXT.index("$") + 14, quote="$280.6 million", value=280.6e6,
             unit="USD", metric="trade_turnover", subject="KAZ", counterpart="AZE", period_start="2023-01-01",
             period_end="2023-12-31", sentence_start=0, sentence_end=TEXT.index(".") + 1),
    ])
    events = table("events", [dict(article_id="A", start=76, end=99, quote=TEXT[76:99], event_type="meeting",
                                   actors=["AZE", "KAZ"], location="place:baku")])
    mentions = table("mentions", [dict(article_id="A", start=14, end=24, entity_id="AZE", entity_type="country")])
    sectors = table("sectors", [dict(article_id="A", start=0, end=74, sectors=["trade"])])
    return dict(articles=articles, mentions=mentions, claims=claims, events=events, sectors=sectors)


def test_run_writes_what_run_analysis_returns(inputs, tmp_path):
    processed, expected = tmp_path / "processed", tmp_path / "expected"
    for name, frame in inputs.items():
        tables.write_table(frame, name, processed)
    results = analyze.run(processed)
    direct = analyze.run_analysis(**inputs)
    assert list(results) == list(direct) == list(analyze.TABLE_NAMES)
    for name, frame in direct.items():
        tables.write_table(frame, name, expected)
        assert results[name].equals(frame), name
        assert tables.table_path(name, processed).read_bytes() == tables.table_path(name, expected).read_bytes(), name
    assert not results["checks"].empty and not results["sector_profile"].empty  # the inputs exercise the builders


def test_an_unreadable_input_leaves_the_previous_outputs_as_they_were(inputs, tmp_path):
    for name, frame in inputs.items():
        tables.write_table(frame, name, tmp_path)
    analyze.run(tmp_path)
    before = {name: tables.table_path(name, tmp_path).read_bytes() for name in analyze.TABLE_NAMES}
    tables.write_table(inputs["claims"].iloc[:1], "claims", tmp_path)  # a change analyze would show...
    sectors = tables.table_path("sectors", tmp_path)
    sectors.write_bytes(sectors.read_bytes()[: sectors.stat().st_size // 2])  # ...but the last input is cut short
    with pytest.raises(tables.TableError, match="sectors.parquet is unreadable"):
        analyze.run(tmp_path)
    assert {name: tables.table_path(name, tmp_path).read_bytes() for name in analyze.TABLE_NAMES} == before

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
    """The tables and the hidden cache files: a re-run must leave the bytes a from-scratch run leaves,
    so that what the next run does cannot depend on how this one got there."""
    files = {name: tables.table_path(name, folder).read_bytes() for name in analyze.TABLE_NAMES}
    return files | {name: (folder / name).read_bytes() for name in (run_cache.CACHE_NAME, run_cache.COUNTS_NAME)}


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
    "an original's event removed": lambda articles: articles[3]["events"].clear(),
    "an article moved to a new outlet": lambda articles: articles[2]["articles"][0].update(outlet="Kun.uz"),
    "an article's outlet no longer known": lambda articles: articles[4]["articles"][0].update(outlet=None),
    "an attribution removed": lambda articles: articles[0]["claims"][2].update(attribution=None),
    "an article gone from articles, its annotations kept": lambda articles: articles[4]["articles"].clear(),
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
            run_cache.save(folder, analyze.TABLE_NAMES, digests.rows, digests.spans, digests.counts, digests.consumed)
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


# --- after annotate: only the articles its record names are hashed again ---------------------------

RAW_ARTICLES = {
    "trade.txt": "Trade turnover between Azerbaijan and Kazakhstan reached $450 million in 2023, up 20 percent "
                 "from $375 million in 2022, the State Customs Committee said on Monday.\n\n"
                 "The two countries plan to raise it to $1 billion by 2026, officials in Baku said.",
    "again.txt": "Azerbaijan and Kazakhstan traded goods worth $450 million in 2023, according to customs data "
                 "published in Astana.\n\nPresident Ilham Aliyev met President Tokayev in Astana on 3 March 2024.",
    "visit.txt": "President Ilham Aliyev arrived in Tashkent on a state visit to Uzbekistan on 22 August 2024. "
                 "The leaders signed twelve documents on transport, energy and trade cooperation.\n\n"
                 "Uzbekistan and Azerbaijan agreed to expand cargo transit along the Middle Corridor.",
    "cargo.txt": "Cargo shipped along the Middle Corridor through Kazakhstan, Azerbaijan and Georgia rose to "
                 "2.7 million tons in the first half of 2024, the railway company reported.\n\n"
                 "Kyrgyzstan and Turkmenistan are expected to join the corridor's next expansion.",
}


@pytest.fixture
def span_hashing(monkeypatch):
    """The ``only`` argument of every span hashing (None: every article's rows were hashed)."""
    from newsledger.analyze import changed_articles

    asked: list = []
    original = changed_articles.span_digests

    def recording(inputs, only=None):
        asked.append(None if only is None else set(only))
        return original(inputs, only)

    monkeypatch.setattr(changed_articles, "span_digests", recording)
    return asked


def _ingest_and_annotate(raw, processed) -> None:
    from newsledger import ingest
    from newsledger.annotate import article

    ingest.run(raw, processed, echo=lambda *a, **k: None)
    article.run(processed, echo=lambda *a, **k: None)


def _pipeline(tmp_path, articles=RAW_ARTICLES):
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    for name, text in articles.items():
        (raw / name).write_text(text, encoding="utf-8")
    _ingest_and_annotate(raw, processed)
    assert _rerun(processed)[-1].startswith("analyze: all 4 articles analysed")
    return raw, processed


# One figure of an article, edited as a researcher would correct it.
FIGURE_EDITS = {"again.txt": ("$450 million", "$460 million"), "cargo.txt": ("2.7 million tons", "2.9 million tons")}


def _edit_and_annotate(raw, processed, name: str) -> None:
    """Edit a figure of ``name`` and run ingest and annotate again (an incremental annotate run)."""
    old, new = FIGURE_EDITS[name]
    path = raw / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    _ingest_and_annotate(raw, processed)


def _article_ids(processed) -> set[str]:
    return set(tables.read_table("articles", processed)["article_id"])


def test_after_an_incremental_annotate_only_the_articles_it_names_are_hashed(tmp_path, span_hashing):
    raw, processed = _pipeline(tmp_path)
    before_ids, before = _article_ids(processed), _outputs(processed)
    _edit_and_annotate(raw, processed, "again.txt")
    span_hashing.clear()
    said = _rerun(processed)
    after_ids = _article_ids(processed)
    assert span_hashing == [before_ids ^ after_ids]  # the edited article's old and new ids, nothing else
    assert "2 new, changed or removed articles analysed again" in said[-1], said
    after = _outputs(processed)
    assert after == _fresh_outputs(processed, tmp_path / "fresh")
    assert after != before


def test_annotate_run_twice_since_the_last_analysis_hashes_the_articles_of_both_runs(tmp_path, span_hashing):
    raw, processed = _pipeline(tmp_path)
    before_ids = _article_ids(processed)
    _edit_and_annotate(raw, processed, "again.txt")
    _edit_and_annotate(raw, processed, "cargo.txt")  # its record chains what changed since the first edit to what changed before
    span_hashing.clear()
    said = _rerun(processed)
    assert span_hashing == [before_ids ^ _article_ids(processed)]  # the two edited articles' old and new ids
    assert "4 new, changed or removed articles analysed again" in said[-1], said
    assert _outputs(processed) == _fresh_outputs(processed, tmp_path / "fresh")


def test_an_analysis_between_annotate_runs_hashes_only_what_changed_after_it(tmp_path, span_hashing):
    raw, processed = _pipeline(tmp_path)
    _edit_and_annotate(raw, processed, "again.txt")
    _rerun(processed)
    analysed_ids = _article_ids(processed)
    _edit_and_annotate(raw, processed, "cargo.txt")
    span_hashing.clear()
    said = _rerun(processed)
    assert span_hashing == [analysed_ids ^ _article_ids(processed)]  # the cargo article only: the earlier step is older than the analysis
    assert "2 new, changed or removed articles analysed again" in said[-1], said
    assert _outputs(processed) == _fresh_outputs(processed, tmp_path / "fresh")


def test_a_forced_annotate_since_the_last_analysis_means_hashing_every_article(tmp_path, span_hashing):
    from newsledger.annotate import article

    raw, processed = _pipeline(tmp_path)
    _edit_and_annotate(raw, processed, "again.txt")
    article.run(processed, force=True, echo=lambda *a, **k: None)  # a full run cannot say what changed
    _edit_and_annotate(raw, processed, "cargo.txt")
    span_hashing.clear()
    _rerun(processed)
    assert span_hashing == [None]
    assert _outputs(processed) == _fresh_outputs(processed, tmp_path / "fresh")


def test_more_annotate_runs_than_the_record_keeps_means_hashing_every_article(tmp_path, span_hashing, monkeypatch):
    from newsledger import fingerprint

    monkeypatch.setattr(fingerprint, "MAX_CHANGE_STEPS", 1)
    raw, processed = _pipeline(tmp_path)
    _edit_and_annotate(raw, processed, "again.txt")
    _edit_and_annotate(raw, processed, "cargo.txt")  # the first step is forgotten: the chain no longer reaches the analysis
    span_hashing.clear()
    _rerun(processed)
    assert span_hashing == [None]
    assert _outputs(processed) == _fresh_outputs(processed, tmp_path / "fresh")


def test_a_span_table_edited_after_annotate_means_hashing_every_article(tmp_path, span_hashing):
    raw, processed = _pipeline(tmp_path)
    _edit_and_annotate(raw, processed, "again.txt")
    # A claim of an article annotate did not touch, edited by hand: annotate's record does not name it.
    claims = tables.read_table("claims", processed)
    cargo = claims.index[claims["quote"].str.contains("2.7 million")][0]
    claims.loc[cargo, "value"] = 2.8e6
    tables.write_table(claims, "claims", processed)
    span_hashing.clear()
    said = _rerun(processed)
    assert span_hashing == [None]
    assert "3 new, changed or removed articles analysed again" in said[-1], said
    assert _outputs(processed) == _fresh_outputs(processed, tmp_path / "fresh")


def test_a_damaged_annotate_record_means_hashing_every_article(tmp_path, span_hashing):
    from newsledger.fingerprint import StageRecord

    raw, processed = _pipeline(tmp_path)
    _edit_and_annotate(raw, processed, "again.txt")
    record = StageRecord.path("annotate", processed)
    record.write_text(record.read_text(encoding="utf-8")[:-30], encoding="utf-8")
    span_hashing.clear()
    _rerun(processed)
    assert span_hashing == [None]
    assert _outputs(processed) == _fresh_outputs(processed, tmp_path / "fresh")


def test_an_article_row_edited_with_the_annotations_as_they_were_hashes_no_span_rows(tmp_path, span_hashing):
    raw, processed = _pipeline(tmp_path)
    articles = tables.read_table("articles", processed)
    articles.loc[articles["path"] == "cargo.txt", "outlet"] = "Trend"
    tables.write_table(articles, "articles", processed)
    span_hashing.clear()
    said = _rerun(processed)
    assert span_hashing == []
    assert "1 new, changed or removed articles analysed again" in said[-1], said
    assert _outputs(processed) == _fresh_outputs(processed, tmp_path / "fresh")


def test_a_cache_without_the_span_tables_it_read_means_a_full_run(tmp_path):
    """A cache written before it recorded the span tables it read (the format before this one)."""
    import pyarrow.parquet as parquet

    raw, processed = _pipeline(tmp_path)
    cache_path = processed / run_cache.CACHE_NAME
    cache = parquet.read_table(cache_path)
    metadata = {k: v for k, v in cache.schema.metadata.items() if k != b"newsledger.analyze.consumed"}
    parquet.write_table(cache.replace_schema_metadata(metadata), cache_path, compression="zstd", write_page_checksum=True)
    _edit_and_annotate(raw, processed, "again.txt")
    assert _rerun(processed)[-1].startswith("analyze: all 4 articles analysed")
    assert _outputs(processed) == _fresh_outputs(processed, tmp_path / "fresh")


def test_span_digests_of_a_few_articles_are_those_of_the_whole_tables(table, tmp_path):
    """A row's hash must not depend on the other rows: here only article A has a missing number."""
    from newsledger.analyze.article_digests import read_inputs, span_digests

    articles = _story()
    articles[0]["claims"][0].update(value_high=None)
    for article in articles[1:]:
        for claim in article["claims"]:
            claim.update(value_high=claim["value"] * 1.1)
    _write(_corpus(articles, table), tmp_path)
    inputs = read_inputs(tmp_path)
    whole = span_digests(inputs)
    assert set(whole.index) == {"A", "B", "C", "D", "E"}
    for few in ({"B"}, {"A", "C"}, {"E", "gone"}):
        part = span_digests(inputs, only=few)
        assert part.to_dict() == whole[sorted(few & set(whole.index))].to_dict()


def test_a_claim_id_that_another_article_has_is_refused_as_a_full_run_refuses_it(table, tmp_path):
    import pyarrow as arrow
    import pyarrow.parquet as parquet

    folder = tmp_path / "processed"
    articles = _story()
    _write(_corpus(articles, table), folder)
    analyze.run(folder)
    CHANGES["a figure of one article"](articles)
    corpus = _corpus(articles, table)
    claims = corpus.pop("claims")
    changed, other = claims.index[claims["article_id"] == "C"][0], claims.index[claims["article_id"] == "D"][0]
    claims.loc[changed, "claim_id"] = claims.loc[other, "claim_id"]
    _write(corpus, folder)
    # written as annotate would write it, without the schema check that would refuse it here already
    parquet.write_table(arrow.Table.from_pandas(claims, schema=tables.arrow_schema("claims"), preserve_index=False),
                        tables.table_path("claims", folder), compression="zstd")
    with pytest.raises(tables.TableError) as rerun:
        analyze.run(folder)
    with pytest.raises(tables.TableError) as full:
        analyze.run(folder, force=True)
    assert str(rerun.value) == str(full.value) and "claim_id: field_uniqueness" in str(full.value)

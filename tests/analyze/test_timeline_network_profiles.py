import pandas as pd

from newsledger.analyze import (
    build_attention,
    build_network,
    build_sector_profile,
    build_sourcing,
    build_timeline,
    run_analysis,
)
from newsledger.tables import validate


def _articles(table):
    return table("articles", [
        dict(article_id="A", outlet="Trend", published="2024-07-07"),
        dict(article_id="B", outlet="AzerNews", published="2024-07-08", duplicate_of="A"),
        dict(article_id="C", outlet="Kazinform", published="2024-08-20"),
        dict(article_id="D", outlet=None, published=None),
    ])


def _summit(article_id, start=0):
    return dict(article_id=article_id, start=start, event_type="summit", date_start="2024-07-06", date_end="2024-07-06",
                date_precision="day", actors=["AZE", "KAZ", "org:ots", "person:ilham_aliyev"], location="place:shusha")


def test_timeline_orders_by_date_and_groups_reports_of_one_event(table):
    events = table("events", [
        dict(article_id="C", event_type="visit", date_start="2024-08-01", date_end="2024-08-31", date_precision="month",
             actors=["AZE", "UZB"], location="UZB"),
        _summit("A"), _summit("B"), _summit("C", start=40),
        dict(article_id="D", event_type="meeting", actors=["AZE", "TKM"]),
    ])
    timeline = build_timeline(events, _articles(table))
    validate(timeline, "timeline")
    assert list(timeline["event_type"]) == ["summit", "summit", "summit", "visit", "meeting"]
    summits = timeline[timeline["event_type"] == "summit"]
    assert summits["occurrence_id"].nunique() == 1
    assert set(summits["n_reports"]) == {2}  # A and C; B reprints A
    assert list(summits["is_reprint"]) == [False, True, False]
    assert timeline.iloc[-1]["occurrence_id"].startswith("undated:")
    assert timeline.iloc[3]["location_label"] == "Uzbekistan"


def test_network_links_states_and_organisations_only_and_ignores_reprints(table):
    events = table("events", [_summit("A"), _summit("B")])
    claims = table("claims", [
        dict(article_id="A", value=1.0, unit="USD", metric="trade_turnover", subject="AZE", counterpart="KAZ"),
        dict(article_id="A", start=3, value=1.0, unit="t", metric="cargo_volume", subject="infra:middle_corridor", counterpart="KAZ"),
        dict(article_id="B", start=3, value=1.0, unit="USD", metric="trade_turnover", subject="AZE", counterpart="KAZ"),
    ])
    network = build_network(events, claims, _articles(table))
    validate(network, "network")
    edges = {(r.source_entity, r.target_entity): r for r in network.itertuples()}
    assert set(edges) == {("AZE", "KAZ"), ("AZE", "org:ots"), ("KAZ", "org:ots")}
    assert (edges[("AZE", "KAZ")].weight, edges[("AZE", "KAZ")].n_summits, edges[("AZE", "KAZ")].n_claims) == (2, 1, 1)
    assert network.iloc[0]["source_entity"] == "AZE" and network.iloc[0]["target_entity"] == "KAZ"


def test_sector_profile_shares_of_sentences_mentioning_each_country(table):
    mentions = table("mentions", [
        dict(article_id="A", start=2, end=5, entity_id="AZE", entity_type="country"),
        dict(article_id="A", start=8, end=11, entity_id="AZE", entity_type="country"),  # same sentence: counted once
        dict(article_id="A", start=25, end=28, entity_id="AZE", entity_type="country"),
        dict(article_id="A", start=30, end=33, entity_id="KAZ", entity_type="country"),
        dict(article_id="A", start=31, end=33, entity_id="org:ots", entity_type="organisation"),
        dict(article_id="B", start=2, end=5, entity_id="TKM", entity_type="country"),  # reprint: left out
    ])
    sectors = table("sectors", [
        dict(article_id="A", start=0, end=20, sectors=["energy", "trade"]),
        dict(article_id="A", start=21, end=40, sectors=["energy"]),
        dict(article_id="B", start=0, end=20, sectors=["energy"]),
    ])
    profile = build_sector_profile(mentions, sectors, _articles(table))
    validate(profile, "sector_profile")
    cells = {(r.entity_id, r.sector): (r.n_sentences_with_sector, r.n_sentences_mentioning, r.pct_of_sentences)
             for r in profile.itertuples()}
    assert cells == {("AZE", "energy"): (2, 2, 100.0), ("AZE", "trade"): (1, 2, 50.0), ("KAZ", "energy"): (1, 1, 100.0)}
    assert list(profile.loc[profile["entity_id"] == "AZE", "sentence_refs"].iloc[1]) == ["A:0-20"]


def test_attention_and_sourcing_per_outlet(table):
    articles = _articles(table)
    claims = table("claims", [
        dict(article_id="A", value=1.0, unit="USD", metric="exports", attribution="State Statistics Committee"),
        dict(article_id="A", start=5, value=2.0, unit="USD", metric="exports"),
        dict(article_id="C", value=3.0, unit="USD", metric="exports", attribution="  "),
    ])
    events = table("events", [_summit("C")])
    attention = build_attention(articles, claims, events)
    validate(attention, "attention")
    rows = {(r.outlet, None if pd.isna(r.month) else r.month.strftime("%Y-%m")): (r.n_articles, r.n_original_articles, r.n_claims, r.n_events)
            for r in attention.itertuples()}
    assert rows == {("Trend", "2024-07"): (1, 1, 2, 0), ("AzerNews", "2024-07"): (1, 0, 0, 0),
                    ("Kazinform", "2024-08"): (1, 1, 1, 1), ("(unknown outlet)", None): (1, 1, 0, 0)}
    sourcing = build_sourcing(articles, claims)
    validate(sourcing, "sourcing")
    by_outlet = sourcing.set_index("outlet")
    assert by_outlet.loc["Trend", "pct_claims_attributed"] == 50.0
    assert by_outlet.loc["Kazinform", "pct_claims_attributed"] == 0.0  # a blank attribution names no one


def test_every_table_is_empty_and_valid_for_empty_inputs(table):
    empty = {name: table(name, []) for name in ("articles", "mentions", "claims", "events", "sectors")}
    tables = run_analysis(**empty)
    assert set(tables) == {"ledger", "series", "checks", "timeline", "network", "sector_profile", "attention", "sourcing"}
    for name, frame in tables.items():
        assert frame.empty, name
        validate(frame, name)
    assert build_timeline(None).empty and build_network(None, None).empty
    assert build_sector_profile(None, None).empty and build_attention(None).empty and build_sourcing(None, None).empty


def test_sector_profile_finds_each_mention_in_its_own_articles_sentence(table):
    """Sentences of different articles overlap in offsets; a mention between two sentences is in none."""
    mentions = table("mentions", [
        dict(article_id="A", start=45, end=48, entity_id="AZE", entity_type="country"),  # A's second sentence
        dict(article_id="C", start=45, end=48, entity_id="AZE", entity_type="country"),  # C's first sentence
        dict(article_id="C", start=95, end=98, entity_id="AZE", entity_type="country"),  # after C's only sentence
        dict(article_id="D", start=5, end=8, entity_id="KAZ", entity_type="country"),  # D has no tagged sentence
    ])
    sectors = table("sectors", [
        dict(article_id="C", start=0, end=90, sectors=["trade", "trade", "energy"]),  # a repeated tag counts once
        dict(article_id="A", start=40, end=60, sectors=["transport_logistics"]),
        dict(article_id="A", start=0, end=39, sectors=["energy"]),
    ])
    profile = build_sector_profile(mentions, sectors, _articles(table))
    validate(profile, "sector_profile")
    cells = {(r.entity_id, r.sector): (r.n_sentences_with_sector, r.n_sentences_mentioning, list(r.sentence_refs))
             for r in profile.itertuples()}
    assert cells == {("AZE", "transport_logistics"): (1, 2, ["A:40-60"]), ("AZE", "trade"): (1, 2, ["C:0-90"]),
                     ("AZE", "energy"): (1, 2, ["C:0-90"])}

"""Regression floors for the annotate stage, scored against the hand-written gold (tests/gold/).

The unseen corpus (tests/fixtures/unseen/raw) was written for this test; its gold has since been seen
by the annotators' authors, so the held-out corpus (tests/fixtures/heldout/raw, gold in
tests/gold/heldout/) was written later to score them honestly, and a second one (heldout2) later still,
after the first had been used to tune event rules. The sample corpus is data/raw.
Targets: claims F1 >= 0.90, period accuracy on matched claims >= 0.85, events F1 >= 0.80, on every
corpus. ``benchmarks/score_annotations.py`` prints the full tables and the misses and false positives
behind a failure.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pytest

from newsledger.evaluation import GOLD_CORPORA, evaluate_corpus, pipeline_gap

CORPORA = {name: raw_dir for name, (raw_dir, _) in GOLD_CORPORA.items()}
GOLD_DIRS = {name: gold_dir for name, (_, gold_dir) in GOLD_CORPORA.items()}

# The targets are claims F1 0.90, period accuracy 0.85 and events F1 0.80. Where the annotators do not
# reach a target yet, the floor is the last score measured less 0.03, so that a regression
# fails while the gap stays visible here (and in the issue note) until it is closed.
CLAIMS_F1_FLOOR = 0.90
# Blind scores (each corpus scored before anyone read its misses):
# - heldout2, written 2026-11-24, with the annotators of the day before: claims F1 0.924, period 0.814,
#   events F1 0.747; with the event rules written later that day on the first held-out corpus's kinds
#   of text (without reading heldout2): events F1 0.909.
# - heldout3, written 2026-11-24 after those event rules: claims F1 0.968, period 0.775, events F1 0.809;
#   after that day's claim and time rules (written on heldout2's kinds of misses; heldout3's summary
#   scores decided one of them): claims F1 0.993, period 0.792 (target 0.85 not met).
# - heldout2 after those rules (no longer blind): claims F1 1.000, period 0.957.
# - heldout4, written 2026-11-24 (third session) with that code: claims F1 0.957, period 0.708, events F1 0.753;
#   with the period rules then written on heldout3's misses (before heldout4 was read): period 0.766;
#   with a title-case dateline giving the publication date: events F1 0.831. After tuning on heldout4's
#   misses (no longer blind): period 0.961.
# - heldout3 after the rules of the third session (no longer blind): period 0.965, events F1 0.903.
# - heldout6, written 2026-11-24 (fifth session) by someone who had not read the annotators, scored once
#   with the code of that morning (its misses unread): claims F1 0.975, period 0.890, events F1 0.824.
# The first held-out corpus's events (0.732 at the end of 2026-11-23) have since been tuned on: 0.986.
# Every corpus is held to the period target; a corpus not listed below to the events target.
PERIOD_ACCURACY_TARGET, EVENTS_F1_TARGET = 0.85, 0.80
EVENTS_F1_FLOOR = {"heldout": 0.95, "heldout2": 0.87, "heldout3": 0.87}

GAP = pipeline_gap()
needs_pipeline = pytest.mark.skipif(GAP is not None, reason=f"pipeline function missing: {GAP}")


@lru_cache(maxsize=None)
def scores(corpus: str) -> dict:
    return evaluate_corpus(CORPORA[corpus], GOLD_DIRS[corpus], corpus)


def _explain(result: dict, what: str) -> str:
    misses = result["misses"].head(8).to_dict("records")
    extras = result["false_positives"].head(8).to_dict("records")
    return f"{what}: misses {misses}; false positives {extras}"


@needs_pipeline
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_quality_claims_f1_floor(corpus):
    claims = scores(corpus)["claims"]
    assert claims["f1"] >= CLAIMS_F1_FLOOR, _explain(claims, f"{corpus} claims F1 {claims['f1']:.3f}")


@needs_pipeline
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_quality_claim_period_accuracy_floor(corpus):
    claims = scores(corpus)["claims"]
    wrong = claims["matches"]
    wrong = wrong[(wrong["gold_period_start"] != wrong["predicted_period_start"]) | (wrong["gold_period_end"] != wrong["predicted_period_end"])]
    assert claims["period_accuracy"] >= PERIOD_ACCURACY_TARGET, (
        f"{corpus} period accuracy {claims['period_accuracy']:.3f}; wrong periods: {wrong.head(8).to_dict('records')}"
    )


@needs_pipeline
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_quality_events_f1_floor(corpus):
    events = scores(corpus)["events"]
    assert events["f1"] >= EVENTS_F1_FLOOR.get(corpus, EVENTS_F1_TARGET), _explain(events, f"{corpus} events F1 {events['f1']:.3f}")


@needs_pipeline
def test_evaluate_corpus_names_articles_as_the_gold_does(tmp_path):
    # Wiring, not quality: a plain file and two jsonl records (with urls, which articles.source would
    # use) must come back under the gold's names, and the gold rows of other corpora stay out.
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(" date 2024-03-07 Trade turnover between Azerbaijan and Kazakhstan reached $9 billion in 2023.\n", encoding="utf-8")
    records = [
        {"text": "Azerbaijan's exports to Uzbekistan reached $54.9 million in 2024.", "published": "2025-01-10", "url": "https://example.org/1"},
        {"text": "Cargo on the Middle Corridor reached 4.5 million tons in 2024.", "published": "2025-01-11", "url": "https://example.org/2"},
    ]
    (raw / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "claims.csv").write_text(
        "source,corpus,quote,value,value_high,unit,metric,subject,counterpart,period_start,period_end,is_forecast,qualifier\n"
        "a.txt,mini,$9 billion,9000000000,,USD,trade_turnover,AZE,KAZ,2023-01-01,2023-12-31,false,exact\n"
        "feed.jsonl#1,mini,$54.9 million,54900000,,USD,exports,AZE,UZB,2024-01-01,2024-12-31,false,exact\n"
        "feed.jsonl#2,mini,4.5 million tons,4500000,,t,cargo_volume,infra:middle_corridor,,2024-01-01,2024-12-31,false,exact\n"
        "elsewhere.txt,other,$1,1,,USD,exports,AZE,,,,false,exact\n",
        encoding="utf-8",
    )
    (gold / "events.csv").write_text("source,corpus,event_type,date_start,date_end,date_precision,actors,location,n_documents,evidence\n", encoding="utf-8")
    result = evaluate_corpus(raw, gold, "mini")
    assert sorted(result["articles"]["gold_source"]) == ["a.txt", "feed.jsonl#1", "feed.jsonl#2"]
    assert result["claims"]["n_gold"] == 3
    assert set(result["predicted"]["claims"]["source"]) <= {"a.txt", "feed.jsonl#1", "feed.jsonl#2"}
    assert result["events"]["n_gold"] == 0

import json
import os

import pandas as pd
import pytest

from newsledger.report import exports
from newsledger.tables import conform, spec


def _articles():
    rows = [
        dict(article_id="B", source="https://example.org/b", path="b.jsonl", url=None, outlet="Trend", title="Trade up",
             published="2024-09-04"),
        dict(article_id="A", source="000_x.txt", path="000_x.txt", url=None, outlet=None, title=None, published=None),
        dict(article_id="C", source="c.txt", path="c.txt", url="https://example.org/c", outlet="Kazinform", title="Not cited",
             published="2024-01-02"),
    ]
    base = {"published_basis": "header", "language": "en", "text": "", "n_words": 0}
    return conform(pd.DataFrame([{c: {**base, **r}.get(c) for c in spec("articles").columns} for r in rows]), "articles")


def _checks(order):
    rows = [
        dict(check_id="cross_source:2", check_type="cross_source", verdict="conflict", claim_ids=["B:1", "A:2"],
             article_ids=["A", "B"], evidence_article_id="B", evidence_start=1),
        dict(check_id="flows_sum:1", check_type="flows_sum", verdict="consistent", claim_ids=["B:3"], article_ids=["B"],
             evidence_article_id="B", evidence_start=3, expected_value=280.6e6, stated_value=280.6e6),
    ]
    base = {"metric": "trade_turnover", "subject": "AZE", "period_label": "2023", "unit": "USD", "explanation": "e",
            "evidence_claim_id": "B:1", "evidence_end": 9, "evidence_quote": "q"}
    frame = pd.DataFrame([{c: {**base, **rows[i]}.get(c) for c in spec("checks").columns} for i in order])
    return conform(frame, "checks")


def test_csv_has_schema_columns_sorted_rows_and_joined_lists():
    one, other = exports.table_to_csv(_checks([0, 1]), "checks"), exports.table_to_csv(_checks([1, 0]), "checks")
    assert one == other
    lines = one.splitlines()
    assert lines[0].split(",") == spec("checks").columns
    assert lines[1].startswith("cross_source:2,cross_source,conflict")
    assert "B:1; A:2" in lines[1]


def test_sources_are_the_cited_articles_in_csl_json():
    cited = exports.cited_article_ids({"checks": _checks([0, 1])})
    assert cited == ["A", "B"]
    items = json.loads(exports.sources_csl_json(_articles(), cited))
    assert [item["id"] for item in items] == ["A", "B"]
    by_id = {item["id"]: item for item in items}
    assert by_id["B"]["URL"] == "https://example.org/b" and by_id["B"]["container-title"] == "Trend"
    assert by_id["B"]["issued"] == {"date-parts": [[2024, 9, 4]]}
    assert by_id["A"]["note"] == "file: 000_x.txt" and "URL" not in by_id["A"] and "issued" not in by_id["A"]


def test_write_exports_writes_every_file_atomically(tmp_path):
    tables = {"checks": _checks([0, 1])}  # ledger and timeline missing: written empty, with their header
    written = exports.write_exports(tables, _articles(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checks.csv", "events.csv", "ledger.csv", "sources.json"]
    assert written["ledger"].read_text().strip() == ",".join(spec("ledger").columns)
    assert json.loads(written["sources"].read_text())[0]["id"] == "A"
    before = written["checks"].read_bytes()
    exports.write_exports(tables, _articles(), tmp_path)
    assert written["checks"].read_bytes() == before


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "checks.csv"
    exports.write_csv(_checks([0]), target, "checks")
    before = target.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        exports.write_csv(_checks([0, 1]), target, "checks")
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["checks.csv"]  # no temporary file left behind

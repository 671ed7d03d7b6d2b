"""The events annotator's vocabulary comes from data/reference/event_triggers.csv."""
from __future__ import annotations

import csv
from pathlib import Path

from newsledger.annotate.events import EVENT_TRIGGERS_PATH, load_event_vocabulary


def test_vague_counts_are_read_from_the_vocabulary_file(tmp_path: Path):
    rows = list(csv.DictReader(EVENT_TRIGGERS_PATH.open(encoding="utf-8")))
    assert {r["phrase"] for r in rows if r["kind"] == "vague_count"} >= {"several", "a number of"}
    vague = load_event_vocabulary().vague_count
    assert vague.search("they signed several agreements") and vague.search("A  number of documents")
    assert not vague.search("they signed seven agreements")

    changed = tmp_path / "event_triggers.csv"
    with changed.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([r for r in rows if not (r["kind"] == "vague_count" and r["phrase"] == "several")])
        writer.writerow({**rows[0], "kind": "vague_count", "event_type": "", "phrase": "a host of", "note": "", "value": ""})
    vague = load_event_vocabulary(changed).vague_count
    assert vague.search("they signed a host of agreements")
    assert not vague.search("they signed several agreements")

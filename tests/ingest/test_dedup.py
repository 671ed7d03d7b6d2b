"""Exact and near duplicates: reprints are linked to the original, different stories are not."""

from pathlib import Path

import pytest

from newsledger.ingest import DuplicateFinder, dedup, ingest_folder

STORY = [
    "Kazakhstan and Azerbaijan agreed on Tuesday to raise rail freight along the Middle Corridor, the national "
    "railway companies said after talks in Astana.",
    "Container traffic between the ports of Aktau and Baku grew by 35 percent in the first nine months of the year, "
    "reaching 41,000 TEU, according to the Kazakh railway operator.",
    "The sides also discussed new ferries for the Caspian crossing, which would cut transit time by two days, and a "
    "common digital platform for customs declarations at the border crossings.",
    "A working group will present a timetable for the ferries by the end of the year, the companies said in a joint "
    "statement published after the meeting in the Kazakh capital.",
]
REPRINT_INTRO = "The Middle Corridor is gaining weight as a trade route between China and Europe, analysts say."
EXTRA_PARAGRAPH = (
    "Azerbaijan Railways has ordered twenty new locomotives to cope with the growth, the company told reporters "
    "on the sidelines of the talks."
)
# Same topic, same places, different story.
OTHER_STORY = [
    "Uzbekistan and Azerbaijan signed an agreement on Friday to build a logistics hub in the port of Alat, the "
    "Uzbek transport ministry said in Tashkent.",
    "The hub will handle Uzbek cotton and fertiliser bound for Europe along the Middle Corridor, and is due to open "
    "in the second half of next year.",
    "Uzbek exports through Azerbaijani ports rose by a fifth last year, while imports through the same ports fell "
    "slightly, the ministry added.",
    "The agreement also provides for joint training of port staff and a shared tariff policy on the Caspian route.",
]


def write(folder: Path, name: str, date: str, paragraphs: list[str]) -> None:
    (folder / name).write_text(f" date {date} " + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def test_exact_duplicate_file_is_a_manifest_row_not_an_article(tmp_path):
    write(tmp_path, "a_original.txt", "2024-10-01", STORY)
    write(tmp_path, "b_copy.txt", "2024-10-01", STORY)
    articles, manifest = ingest_folder(tmp_path)
    assert len(articles) == 1
    rows = manifest.set_index("path")
    original_id = rows.loc["a_original.txt", "article_id"]
    assert rows.loc["a_original.txt", "status"] == "ingested"
    assert rows.loc["b_copy.txt", "status"] == "duplicate"
    assert rows.loc["b_copy.txt", "duplicate_of"] == original_id
    assert rows.loc["b_copy.txt", "reason"] == f"exact duplicate of article {original_id}: same text"


def test_exact_duplicate_points_to_the_earlier_publication(tmp_path):
    write(tmp_path, "a_later.txt", "2024-10-05", STORY)
    write(tmp_path, "b_earlier.txt", "2024-10-01", STORY)
    articles, manifest = ingest_folder(tmp_path)
    assert articles["path"].tolist() == ["b_earlier.txt"]
    assert manifest.set_index("path").loc["a_later.txt", "status"] == "duplicate"


def test_near_duplicates_are_both_kept_and_the_later_points_to_the_earlier(tmp_path):
    write(tmp_path, "original.txt", "2024-10-01", STORY)
    write(tmp_path, "reprint_intro.txt", "2024-10-02", [REPRINT_INTRO] + STORY)
    write(tmp_path, "reprint_extra.txt", "2024-10-03", STORY[:2] + [EXTRA_PARAGRAPH] + STORY[2:])
    articles, manifest = ingest_folder(tmp_path)
    assert len(articles) == 3
    by_path = articles.set_index("path")
    original_id = by_path.loc["original.txt", "article_id"]
    assert by_path["duplicate_of"].isna()["original.txt"]
    assert by_path.loc["reprint_intro.txt", "duplicate_of"] == original_id
    assert by_path.loc["reprint_extra.txt", "duplicate_of"] == original_id
    rows = manifest.set_index("path")
    assert rows.loc["reprint_intro.txt", "status"] == "duplicate"
    assert rows.loc["reprint_intro.txt", "reason"] == f"near duplicate (syndicated reprint) of article {original_id}"
    assert rows.loc["original.txt", "status"] == "ingested"


def test_a_reprint_that_drops_the_last_paragraphs_is_a_near_duplicate(tmp_path):
    write(tmp_path, "original.txt", "2024-10-01", STORY)
    write(tmp_path, "cut.txt", "2024-10-02", STORY[:3])
    articles, _ = ingest_folder(tmp_path)
    by_path = articles.set_index("path")
    assert by_path.loc["cut.txt", "duplicate_of"] == by_path.loc["original.txt", "article_id"]


def test_different_stories_on_the_same_topic_are_not_linked(tmp_path):
    write(tmp_path, "rail.txt", "2024-10-01", STORY)
    write(tmp_path, "port.txt", "2024-10-02", OTHER_STORY)
    articles, manifest = ingest_folder(tmp_path)
    assert len(articles) == 2
    assert articles["duplicate_of"].isna().all()
    assert set(manifest["status"]) == {"ingested"}


def test_duplicate_finder_directly():
    finder = DuplicateFinder()
    text = "\n\n".join(STORY)
    assert finder.add("a", text) == (None, None)
    assert finder.add("a", text) == ("a", "exact")
    assert finder.add("b", "\n\n".join([REPRINT_INTRO] + STORY)) == ("a", "near")
    # A reprint of the reprint still points at the first original.
    assert finder.add("c", "\n\n".join([REPRINT_INTRO] + STORY + [EXTRA_PARAGRAPH])) == ("a", "near")
    assert finder.add("d", "\n\n".join(OTHER_STORY)) == (None, None)
    assert finder.add("e", "") == (None, None)


def _reprint_corpus(n_articles: int, seed: int) -> list[str]:
    """Stories, their exact copies, reprints with words added, empty texts and one-offs, shuffled."""
    import random

    rng = random.Random(seed)
    words = " ".join(STORY + OTHER_STORY).split()
    stories = [" ".join(rng.choice(words) for _ in range(60)) for _ in range(20)]
    texts = []
    for _ in range(n_articles):
        story, kind = rng.choice(stories), rng.random()
        if kind < 0.3:
            texts.append(story)
        elif kind < 0.6:
            texts.append(story + " " + " ".join(rng.choice(words) for _ in range(rng.randint(1, 30))))
        elif kind < 0.7:
            texts.append("")
        else:
            texts.append(" ".join(rng.choice(words) for _ in range(60)))
    return texts


def _verdicts_table(verdicts: dict) -> "pa.Table":
    import pyarrow as pa

    return pa.table({"article_id": pa.array([a for a, _ in verdicts], pa.string()),
                     "candidate": pa.array([b for _, b in verdicts], pa.string()), "near": pa.array(list(verdicts.values()), pa.bool_())})


@pytest.mark.parametrize("listed_pairs", [dedup.MAX_LISTED_PAIRS, 10])  # 10: the one-by-one walk
@pytest.mark.parametrize("known", ["none", "all", "every other"])
def test_find_duplicates_gives_the_finders_groups_and_verdicts(monkeypatch, listed_pairs, known):
    import hashlib

    import numpy as np
    import pyarrow as pa

    texts = _reprint_corpus(300, seed=7)
    ids = [hashlib.sha256(text.encode()).hexdigest()[:16] for text in texts]
    finder = DuplicateFinder()
    expected = [finder.add(article_id, text) for article_id, text in zip(ids, texts)]
    assert {kind for _, kind in expected} == {None, "exact", "near"} and False in finder.verdicts.values()
    signatures = np.zeros((len(texts), dedup.N_PERMUTATIONS), dtype=np.uint64)
    has_signature = np.zeros(len(texts), dtype=bool)
    for position, text in enumerate(texts):
        minhash = dedup.signature(text)[1]
        if minhash is not None:
            signatures[position], has_signature[position] = minhash, True
    by_id = dict(zip(ids, texts))
    given = {"none": {}, "all": finder.verdicts, "every other": dict(list(finder.verdicts.items())[::2])}[known]
    monkeypatch.setattr(dedup, "MAX_LISTED_PAIRS", listed_pairs)
    asked: list[str] = []

    def texts_of(article_ids):
        asked.extend(article_ids)
        return [by_id[article_id] for article_id in article_ids]

    found = dedup.find_duplicates(pa.array(ids), signatures, has_signature, texts_of, _verdicts_table(given))
    got = [(None, None) if of < 0 else (ids[of], "exact" if exact else "near") for of, exact in zip(found.original, found.exact)]
    assert got == expected
    assert found.verdicts.equals(_verdicts_table(finder.verdicts))
    if known == "all":
        assert asked == []  # every pair was compared before: no text needed

"""Synthetic corpora for the scale benchmark: N articles as jsonl, built from real sentences.

The sentences come from the sample corpus (data/raw) and the unseen test articles
(tests/fixtures/unseen/raw) after ingest, so every article reads like a real one. Each generated
article shuffles 15-40 of them into paragraphs and varies what a different report would vary: its
figures, its years, the countries it names (swapped among the gazetteer's countries) and its
publication date. Records are written to shards of ``--shard-size`` articles, as a news export
would be delivered.

    .venv/bin/python benchmarks/generate_corpus.py OUT_DIR --articles 10000 [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_FOLDERS = (ROOT / "data" / "raw", ROOT / "tests" / "fixtures" / "unseen" / "raw")
OUTLETS = ("Trend", "AzerNews", "Report.az", "Kazinform", "The Astana Times", "News.Az")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def source_sentences() -> list[str]:
    from newsledger.annotate.sentences import split_sentences
    from newsledger.ingest import ingest_folder

    sentences: list[str] = []
    for folder in SOURCE_FOLDERS:
        articles, _ = ingest_folder(folder)
        for text in articles["text"]:
            sentences.extend(s.quote for s in split_sentences(text) if len(s.quote.split()) >= 4)
    return sentences


def country_names() -> list[str]:
    with open(ROOT / "data" / "reference" / "gazetteer.csv", encoding="utf-8", newline="") as handle:
        return [row["name"] for row in csv.DictReader(handle) if row["entity_type"] == "country"]


class Varier:
    """Rewrites a sentence as another report would state it: other figures, years and countries."""

    def __init__(self, rng: random.Random, countries: list[str]):
        self.rng = rng
        self.countries = countries
        self.country = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(countries, key=len, reverse=True))) + r")\b")

    def figure(self, match: re.Match) -> str:
        value = float(match[0]) * self.rng.uniform(0.5, 1.5)
        return f"{value:.1f}" if "." in match[0] else str(max(1, int(value)))

    def sentence(self, sentence: str, swap: dict[str, str]) -> str:
        sentence = _YEAR.sub(lambda m: str(self.rng.randint(2015, 2026)), sentence)
        sentence = _FIGURE.sub(lambda m: m[0] if len(m[0]) == 4 and m[0].startswith(("19", "20")) else self.figure(m), sentence)
        return self.country.sub(lambda m: swap.get(m[0], m[0]), sentence)


def generate(n_articles: int, seed: int = 7):
    """Yield ``n_articles`` jsonl records (dicts), reproducibly for a seed."""
    rng = random.Random(seed)
    sentences = source_sentences()
    countries = country_names()
    varier = Varier(rng, countries)
    first_day = date(2019, 1, 1)
    for number in range(n_articles):
        swap = dict(zip(rng.sample(countries, 2), rng.sample(countries, 2)))
        chosen = [varier.sentence(rng.choice(sentences), swap) for _ in range(rng.randint(15, 40))]
        paragraphs = [" ".join(chosen[i : i + 4]) for i in range(0, len(chosen), 4)]
        outlet = rng.choice(OUTLETS)
        yield {
            "url": f"https://example.org/{outlet.lower().replace(' ', '-')}/{number:07d}",
            "outlet": outlet,
            "published": (first_day + timedelta(days=rng.randrange(2000))).isoformat(),
            "title": chosen[0][:90],
            "text": "\n\n".join(paragraphs),
        }


def write_corpus(out_dir: Path, n_articles: int, seed: int = 7, shard_size: int = 1000) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    shards: list[Path] = []
    handle = None
    for number, record in enumerate(generate(n_articles, seed)):
        if number % shard_size == 0:
            if handle:
                handle.close()
            shards.append(out_dir / f"part-{number // shard_size:05d}.jsonl")
            handle = open(shards[-1], "w", encoding="utf-8")
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if handle:
        handle.close()
    return shards


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shard-size", type=int, default=1000)
    args = parser.parse_args()
    shards = write_corpus(args.out_dir, args.articles, args.seed, args.shard_size)
    print(f"{args.articles} articles in {len(shards)} jsonl files under {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Annotation throughput: words per second per core over a corpus of at least a million words.

The corpus is built from real sentences: the normalised sample articles (data/raw) and the unseen
test articles (tests/fixtures/unseen), shuffled into new articles with their figures and years
varied, so that the annotators see realistic text rather than one article repeated. quantulum3, the
library a researcher would otherwise pick, runs on a slice of the same text in the same run.

The time goes mostly to the rules read per figure, so speed depends on how many figures the text
holds: the run prints the claims per 1,000 words, and the speed over the sample's sentences alone
(the articles as they arrived, far sparser in figures than the test articles written to exercise
the rules). The target is judged on the mixed corpus, the denser and slower of the two.

The annotators run compiled when ``make native`` has built them for the current sources (the run
says which); ``NEWSLEDGER_PURE_PYTHON=1`` before the command measures the Python sources.

    .venv/bin/python benchmarks/annotation_speed.py [--words 1000000] [--quantulum-words 20000]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import warnings
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


SAMPLE_FOLDERS = (ROOT / "data" / "raw",)
# The articles only: the folder above raw/ holds the fixtures' README, which is not news.
MIXED_FOLDERS = SAMPLE_FOLDERS + (ROOT / "tests" / "fixtures" / "unseen" / "raw",)


def source_sentences(folders=MIXED_FOLDERS) -> list[str]:
    from newsledger.annotate.sentences import split_sentences
    from newsledger.ingest import ingest_folder

    sentences: list[str] = []
    for folder in folders:
        if folder.is_dir():
            articles, _ = ingest_folder(folder)
            for text in articles["text"]:
                sentences.extend(s.quote for s in split_sentences(text))
    return sentences


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def vary(sentence: str, rng: random.Random) -> str:
    """The same sentence with its figures and years changed, as another article would state them.
    A year stays a year (2015-2026): scaled like a figure, it became a number such as 1007 or 3039,
    which no article writes and which the annotators reject by a slower path than a year."""
    sentence = _YEAR.sub(lambda m: str(rng.randint(2015, 2026)), sentence)
    return re.sub(r"\d+(?:\.\d+)?", lambda m: m[0] if _YEAR.fullmatch(m[0]) else _scaled(m[0], rng), sentence)


def _scaled(figure: str, rng: random.Random) -> str:
    factor = rng.uniform(0.5, 1.5)
    return f"{float(figure) * factor:.1f}" if "." in figure else str(max(1, int(int(figure) * factor)))


def build_corpus(n_words: int, seed: int = 7, folders=MIXED_FOLDERS) -> list[str]:
    rng = random.Random(seed)
    sentences = source_sentences(folders)
    articles, total = [], 0
    while total < n_words:
        chosen = [vary(rng.choice(sentences), rng) for _ in range(rng.randint(15, 40))]
        paragraphs = [" ".join(chosen[i : i + 4]) for i in range(0, len(chosen), 4)]
        text = "\n\n".join(paragraphs)
        articles.append(text)
        total += len(text.split())
    return articles


SLICE_WORDS = 100_000


def measure(corpus: list[str]) -> tuple[int, float, float, int, list[float]]:
    """(words, CPU seconds, wall seconds, claims, words per CPU second of each slice of about
    ``SLICE_WORDS`` words) of annotating ``corpus``, one article after another.

    The slices are there because this shared virtual machine's speed moves within seconds: the same
    100,000 words, annotated again and again in one process for 90 s, went at 129,000 to 257,000 words
    per CPU second (2026-11-24). A run's overall figure is one sample of that; the slices show the spread."""
    from newsledger.annotate.article import annotate_article
    from newsledger.annotate.spans import ArticleContext

    counts = [len(t.split()) for t in corpus]
    n_words = sum(counts)
    slice_rates: list[float] = []
    slice_words, slice_started = 0, time.process_time()
    started, cpu_started = time.perf_counter(), time.process_time()
    n_claims = 0
    for i, text in enumerate(corpus):
        n_claims += len(annotate_article(text, ArticleContext(f"a{i}", date(2024, 9, 4)))["claims"])
        slice_words += counts[i]
        if slice_words >= SLICE_WORDS:
            now = time.process_time()
            slice_rates.append(slice_words / (now - slice_started))
            slice_words, slice_started = 0, now
    return n_words, time.process_time() - cpu_started, time.perf_counter() - started, n_claims, slice_rates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--quantulum-words", type=int, default=20_000)
    parser.add_argument("--mixed-only", action="store_true", help="skip the second run over the sample's sentences alone")
    args = parser.parse_args()

    from newsledger.annotate import native
    from newsledger.annotate.article import annotate_article
    from newsledger.annotate.spans import ArticleContext

    print(native.status())
    corpus = build_corpus(args.words)
    # The vocabularies and automata are built once per process, on the first article: not throughput.
    annotate_article(corpus[0], ArticleContext("warm-up", date(2024, 9, 4)))
    n_words, cpu_seconds, seconds, n_claims, slice_rates = measure(corpus)
    print(f"corpus: {len(corpus)} articles, {n_words:,} words (real sentences, figures varied), "
          f"{1000 * n_claims / n_words:.1f} claims per 1,000 words")
    # CPU time is what one core gives this work; on a shared machine wall time also counts other jobs.
    print(f"newsledger: {cpu_seconds:.1f} s of CPU ({seconds:.1f} s wall), {n_words / cpu_seconds:,.0f} words per CPU second "
          f"on one core, {n_claims:,} claims")
    if len(slice_rates) > 1:
        ordered = sorted(slice_rates)
        print(f"slices of ~{SLICE_WORDS:,} words ({len(ordered)}): slowest {ordered[0]:,.0f}, median {ordered[len(ordered) // 2]:,.0f}, "
              f"fastest {ordered[-1]:,.0f} words per CPU second")
    if not args.mixed_only:
        sample_words, sample_cpu, _, sample_claims, _ = measure(build_corpus(args.words, folders=SAMPLE_FOLDERS))
        print(f"newsledger, the sample's sentences alone ({1000 * sample_claims / sample_words:.1f} claims per 1,000 words): "
              f"{sample_words / sample_cpu:,.0f} words per CPU second")

    if args.quantulum_words:
        warnings.filterwarnings("ignore")
        from quantulum3 import parser as quantulum

        subset, words = [], 0
        for text in corpus:
            if words >= args.quantulum_words:
                break
            subset.append(text)
            words += len(text.split())
        quantulum.parse(subset[0])  # its model loads on the first call
        cpu_started = time.process_time()
        for text in subset:
            quantulum.parse(text)
        q_seconds = time.process_time() - cpu_started
        print(f"quantulum3: {q_seconds:.1f} s of CPU for {words:,} words of the same corpus, {words / q_seconds:,.0f} words per CPU second")
    return 0


if __name__ == "__main__":
    sys.exit(main())

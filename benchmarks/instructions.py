"""The annotators' CPU instructions per word: a speed figure that does not move with the machine.

Words per CPU second (``annotation_speed.py``) is what the targets are stated in, but on the
benchmark VM the annotators of one commit went at 149,572 to 287,619 of them over the same
1,000,000 words within an hour (2026-11-25): the instructions a word costs stay put while the
instructions the machine retires per second do not. This counts them with callgrind (valgrind's
instruction counter, ``apt install valgrind``), so that two versions of the annotators can be
compared exactly, on any machine, and a words-per-second target read as the instructions per
second it asks of a core.

It runs the annotators twice under callgrind over the same benchmark corpus: once on no article,
once on all of them. Both runs import the package, build the corpus and annotate one warm-up article
(so the vocabularies are compiled in both); the difference is the annotation alone.

    .venv/bin/python benchmarks/instructions.py [--words 100000]

To compare another checkout's annotators, run it with ``PYTHONPATH=<checkout>/src`` (after
``python -m newsledger native build`` there, or with ``NEWSLEDGER_PURE_PYTHON=1`` for the sources).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET_WORDS_PER_SECOND = 250_000
_TOTAL = re.compile(rb"^(?:summary|totals): (\d+)", re.MULTILINE)


def annotate(n_words: int, annotated: bool) -> None:
    """What callgrind counts: the corpus built, one article annotated, then (if ``annotated``) all."""
    from datetime import date

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from annotation_speed import build_corpus
    from newsledger.annotate.article import annotate_article
    from newsledger.annotate.spans import ArticleContext

    corpus = build_corpus(n_words)
    published = date(2024, 9, 4)
    annotate_article(corpus[0], ArticleContext("warm-up", published))
    if annotated:
        for number, text in enumerate(corpus):
            annotate_article(text, ArticleContext(f"a{number}", published))


def counted_instructions(n_words: int, annotated: bool, folder: Path) -> int:
    out = folder / f"callgrind.{int(annotated)}.out"
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
               sys.executable, __file__, "--child", str(n_words), str(int(annotated))]
    if shutil.which("setarch"):
        # Without address randomisation: objects hashed by address (in sets and dicts) sit in the same
        # slots in every run. With the hash seed fixed but addresses random, two counts of the same
        # annotation differed by 0.27% (1,603.8M and 1,599.5M); with neither random, by 0.015%.
        command = ["setarch", platform.machine(), "--addr-no-randomize", *command]
    # A fixed hash seed: with Python's random one, dictionaries and sets collide differently from
    # run to run, and the count of the same annotation moved by 2.5% (1,587M and 1,627M).
    environment = dict(os.environ, PYTHONHASHSEED="0")
    finished = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)
    if finished.returncode != 0:
        error = finished.stderr.decode(errors="replace")[-2000:]
        raise SystemExit(f"instructions: the callgrind run failed (exit status {finished.returncode}):\n{error}")
    found = _TOTAL.search(out.read_bytes())
    if found is None:
        raise SystemExit(f"instructions: no instruction total in {out.name}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000,
                        help="size of the benchmark corpus (the two callgrind runs took 3 min 19 s at 100,000 "
                             "words, 3 min 9 s at 20,000: mostly the start-up both runs share)")
    parser.add_argument("--child", nargs=2, type=int, metavar=("WORDS", "ANNOTATED"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        annotate(args.child[0], bool(args.child[1]))
        return 0
    if shutil.which("valgrind") is None:
        print("instructions: valgrind is not installed (apt install valgrind); nothing measured", file=sys.stderr)
        return 1

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from annotation_speed import build_corpus
    from newsledger.annotate import native

    n_words = sum(len(text.split()) for text in build_corpus(args.words))
    print(native.status())
    with tempfile.TemporaryDirectory(prefix="newsledger-callgrind-") as folder:
        baseline = counted_instructions(args.words, False, Path(folder))
        total = counted_instructions(args.words, True, Path(folder))
    per_word = (total - baseline) / n_words
    print(f"annotation of {n_words:,} words: {total - baseline:,} instructions, {per_word:,.0f} per word")
    print(f"{TARGET_WORDS_PER_SECOND:,} words per second asks {per_word * TARGET_WORDS_PER_SECOND / 1e9:.2f} billion "
          f"instructions per second of a core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

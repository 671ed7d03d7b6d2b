"""Scale benchmark: the ingest, annotate and analyze stages on generated corpora of growing size.

For each size it builds a corpus with ``generate_corpus.py`` (real sentences, figures, years,
countries and dates varied; jsonl), runs the stages from scratch into a fresh folder, each in a process
of its own as the pipeline runs each notebook in its own kernel, and prints, per stage, wall time, words
per second and the peak memory of its whole process tree (the pool's workers included, sampled every
0.1 s); then the time of a re-run with nothing changed and of a
re-run after one article was changed. Each size runs in its own process so that peaks do not carry
over. Before the first size and after the last, a speed probe (``speed_probe``) says how fast this
machine runs the annotators at that moment. Never part of ``make test``.

    .venv/bin/python benchmarks/scale.py [--sizes 1000 10000 100000] [--work DIR] [--scheduler ADDRESS]
                                         [--annotation-runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("ingest", "annotate", "analyze")


class PeakMemory:
    """Peak resident memory of this process and all its children, sampled in a background thread."""

    def __init__(self, interval: float = 0.1):
        import psutil

        self.process, self.interval, self.peak = psutil.Process(), interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for proc in [self.process, *self.process.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run_stage(stage: str, raw: Path, processed: Path, scheduler: str | None, force: bool) -> None:
    """One stage in a process of its own, as ``python -m newsledger run`` runs each notebook in its
    own kernel: the peak memory of a run is its largest stage's, not the sum of what three stages
    leave behind in one interpreter."""
    command = [sys.executable, __file__, "--stage", stage, "--raw", str(raw), "--processed", str(processed)]
    command += ["--force"] if force else []
    command += ["--scheduler", scheduler] if scheduler else []
    subprocess.run(command, check=True)


def stage_main(stage: str, raw: Path, processed: Path, scheduler: str | None, force: bool) -> None:
    from newsledger import analyze, ingest
    from newsledger.annotate import article

    quiet = lambda *a, **k: None  # noqa: E731
    if stage == "ingest":
        ingest.run(raw, processed, force=force, echo=quiet)
    elif stage == "annotate":
        article.run(processed, force=force, scheduler=scheduler, echo=quiet)
    else:
        analyze.run(processed, force=force)  # a full run recomputes analyze too, not only its inputs


def run_stages(raw: Path, processed: Path, scheduler: str | None, force: bool = False) -> tuple[dict[str, float], dict[str, int]]:
    """(wall time, peak memory of the process tree) of each stage, as ``python -m newsledger run``
    runs them minus the notebooks: ingest and annotate decide themselves what to redo; analyze is
    skipped, as the runner skips it, when the tables it reads are the bytes it last read."""
    from newsledger.fingerprint import table_digests
    from newsledger.schemas import TABLES

    read_by_analyze = [name for name, spec in TABLES.items() if spec.stage in ("ingest", "annotate")]
    before = table_digests(processed, read_by_analyze) if all((processed / f"{n}.parquet").exists() for n in read_by_analyze) else None
    seconds, peaks = {}, {}
    for stage in STAGES:
        started = time.perf_counter()
        with PeakMemory() as memory:
            if stage != "analyze" or force or before != table_digests(processed, read_by_analyze):
                run_stage(stage, raw, processed, scheduler, force)
        seconds[stage], peaks[stage] = time.perf_counter() - started, memory.peak
    return seconds, peaks


def change_one_article(raw: Path) -> None:
    """Rewrite the first record of the first shard as a corrected article would be: one more sentence."""
    shard = sorted(raw.glob("*.jsonl"))[0]
    lines = shard.read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[0])
    record["text"] += "\n\nThe figures were revised by the statistics committee on the following day."
    lines[0] = json.dumps(record, ensure_ascii=False) + "\n"
    shard.write_text("".join(lines), encoding="utf-8")


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers, once it is shut down)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def one_size(n_articles: int, work: Path, scheduler: str | None, annotation_runs: int = 1) -> dict:
    sys.path.insert(0, str(HERE))
    from generate_corpus import write_corpus

    import pyarrow.parquet as pq

    from newsledger import engine, tables

    def note(message: str) -> None:
        print(f"  [{n_articles:,} articles] {message}", file=sys.stderr, flush=True)

    raw, processed = work / f"corpus_{n_articles}" / "raw", work / f"corpus_{n_articles}" / "processed"
    if not raw.is_dir():
        write_corpus(raw, n_articles)
    full, peaks = run_stages(raw, processed, scheduler, force=True)
    note(f"full run: {full}, peak bytes {peaks}")
    # one column, not the table: this process's memory counts in every later stage's peak
    n_words = int(pq.read_table(tables.table_path("articles", processed), columns=["n_words"])["n_words"].to_numpy().sum())
    # Annotation again, alone, for its CPU time: on a shared machine wall time also counts other
    # people's work, CPU time only this run's. It still moves with the shared machine's speed at the
    # moment (up to 2x within minutes here): hence ``annotation_runs``, each run printed.
    annotate_cpu, annotate_wall = [], []
    for _ in range(annotation_runs):
        cpu_before, started = cpu_seconds(), time.perf_counter()
        run_stage("annotate", raw, processed, scheduler, force=True)
        annotate_cpu.append(cpu_seconds() - cpu_before)
        annotate_wall.append(time.perf_counter() - started)
        note(f"annotation alone: {annotate_wall[-1]:.1f} s wall, {annotate_cpu[-1]:.1f} s CPU")
    started = time.perf_counter()
    run_stages(raw, processed, scheduler)
    unchanged = time.perf_counter() - started
    change_one_article(raw)
    incremental, _ = run_stages(raw, processed, scheduler)
    note(f"incremental: {incremental}")
    workers = 1 if scheduler is None and n_articles <= engine.IN_PROCESS_MAX_ARTICLES else engine.local_workers()
    return {"articles": n_articles, "words": n_words, "full": full, "peaks": peaks, "peak_bytes": max(peaks.values()), "unchanged": unchanged,
            "incremental": incremental, "annotation_workers": workers if scheduler is None else None,
            "annotate_cpu": annotate_cpu, "annotate_wall": annotate_wall}


def print_result(r: dict) -> None:
    total = sum(r["full"].values())
    print(f"\n{r['articles']:,} articles, {r['words']:,} words")
    for stage in STAGES:
        print(f"  {stage:<9} {r['full'][stage]:8.1f} s  {r['words'] / r['full'][stage]:>11,.0f} words/s"
              f"   peak memory {r['peaks'][stage] / 2**30:.2f} GiB")
    if r["annotation_workers"]:
        per_core = r["words"] / r["full"]["annotate"] / r["annotation_workers"]
        print(f"  annotate per core ({r['annotation_workers']} worker process{'es' if r['annotation_workers'] > 1 else ''}): {per_core:,.0f} words/s of wall time")
    for cpu, wall in zip(r["annotate_cpu"], r["annotate_wall"]):
        print(f"  annotate per CPU second (annotation run again alone): {r['words'] / cpu:,.0f} words/s "
              f"({wall:.1f} s wall, {cpu:.1f} s CPU)")
    print(f"  full run  {total:8.1f} s   peak memory {r['peak_bytes'] / 2**30:.2f} GiB (the largest stage's process tree)")
    print(f"  re-run, nothing changed: {r['unchanged']:.1f} s ({100 * r['unchanged'] / total:.1f}% of full)")
    inc = sum(r["incremental"].values())
    parts = ", ".join(f"{s} {r['incremental'][s]:.1f} s" for s in STAGES)
    print(f"  re-run after one changed article: {inc:.1f} s ({100 * inc / total:.1f}% of full; {parts})")


def speed_probe() -> str:
    """What ``annotation_speed.py`` measures over 3,000,000 words (10-20 s), in a process of its own: the
    annotators' speed on this machine at this moment, overall and the spread of its slices. On this
    shared virtual machine the speed moves within seconds (slices of 100,000 words: 129,000 to 257,000
    words per CPU second within 90 s, 2026-11-24), so a probe of one second, as this was before, said
    little about the minutes of a stage; the stages' figures are read beside the probes before and after."""
    command = [sys.executable, str(HERE / "annotation_speed.py"), "--words", "3000000", "--mixed-only", "--quantulum-words", "0"]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    overall = [line.split(", ", 1)[1] for line in done.stdout.splitlines() if line.startswith("newsledger:")]
    spread = [line for line in done.stdout.splitlines() if line.startswith("slices of")]
    if not overall:
        return f"failed (exit {done.returncode})"
    return "; ".join(overall + spread)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, help="folder for the corpora and tables (default: a temporary folder)")
    parser.add_argument("--scheduler", help="Dask scheduler address; default: this machine")
    parser.add_argument("--annotation-runs", type=int, default=1,
                        help="how many times to run annotation again alone for its CPU time (default 1)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size, print JSON
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)  # internal: run one stage
    parser.add_argument("--raw", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--processed", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--force", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.stage:
        stage_main(args.stage, args.raw, args.processed, args.scheduler, args.force)
        return 0
    if args.one:
        print(json.dumps(one_size(args.one, args.work, args.scheduler, args.annotation_runs)))
        return 0
    import psutil

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB RAM, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="newsledger-scale-") as scratch:
        work = args.work or Path(scratch)
        print(f"speed probe before: {speed_probe()}", flush=True)
        results = []
        for size in args.sizes:
            command = [sys.executable, __file__, "--one", str(size), "--work", str(work), "--annotation-runs", str(args.annotation_runs)]
            if args.scheduler:
                command += ["--scheduler", args.scheduler]
            done = subprocess.run(command, stdout=subprocess.PIPE, text=True)  # progress goes to stderr as it happens
            if done.returncode:
                print(f"\n{size:,} articles: failed (exit {done.returncode})")
                continue
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print_result(results[-1])
        for small, large in zip(results, results[1:]):
            ratio = sum(large["full"].values()) / sum(small["full"].values())
            print(f"\n{large['articles'] / small['articles']:.0f}x the articles: {ratio:.1f}x the time")
        print(f"\nspeed probe after: {speed_probe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The Dask engine: partitions, and the same tables wherever annotation runs."""

from pathlib import Path

import pandas as pd
import pytest

from newsledger import engine, ingest, tables
from newsledger.annotate.article import SPAN_TABLES, annotate_articles, annotate_articles_arrow

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    """The sample corpus and the unseen test articles: a dozen and a half articles of every shape."""
    frames = [ingest.ingest_folder(ROOT / "data" / "raw")[0], ingest.ingest_folder(ROOT / "tests" / "fixtures" / "unseen" / "raw")[0]]
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def single_process(corpus):
    """What one process computes with the plain per-article loop, as Arrow tables, in one call (no partitions).
    That these are the tables ``write_table`` writes from ``annotate_articles``' frames is the test of the bytes below."""
    return annotate_articles_arrow(corpus)


def assert_same_tables(got, expected):
    assert list(got) == list(SPAN_TABLES)
    for name in SPAN_TABLES:
        assert got[name].num_rows == expected[name].num_rows, name
        assert got[name].equals(expected[name]), name


def test_partitions_cover_the_corpus_in_order_with_only_the_columns_annotation_needs(corpus):
    parts = list(engine.partitions(corpus, size=4))
    assert [len(p) for p in parts] == [4] * (len(corpus) // 4) + ([len(corpus) % 4] if len(corpus) % 4 else [])
    assert pd.concat(parts)["article_id"].tolist() == corpus["article_id"].tolist()
    assert list(parts[0].columns) == ["article_id", "text", "published"]


def test_small_corpus_runs_in_process_without_a_pool(corpus, single_process, monkeypatch):
    import dask

    def no_pool(*args, **kwargs):
        raise AssertionError("a corpus under the threshold must not start a pool")

    monkeypatch.setattr(dask, "compute", no_pool)
    assert len(corpus) <= engine.IN_PROCESS_MAX_ARTICLES
    assert_same_tables(engine.annotate_corpus(corpus, partition_size=5), single_process)


def test_local_process_pool_gives_the_single_process_tables(corpus, single_process):
    assert_same_tables(engine.annotate_corpus(corpus, partition_size=3, in_process_max=0), single_process)


def _printed_by_a_fresh_interpreter(script: str) -> str:
    """What ``script`` prints, run in a new interpreter: this one has imported distributed (for the
    cluster test) and everything else the tests use, so what a run imports is seen only there."""
    import subprocess
    import sys

    prelude = "import sys\nimport pandas as pd\nfrom newsledger import engine\n"
    done = subprocess.run([sys.executable, "-c", prelude + script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_local_pool_does_not_import_distributed():
    """Naming the scheduler ("processes") made dask import distributed to look for a default client:
    0.3 s of CPU on every run, for a cluster the local pool never uses."""
    printed = _printed_by_a_fresh_interpreter(
        "if __name__ == '__main__':\n"
        "    articles = pd.DataFrame({'article_id': ['a', 'b'], 'text': ['Baku hosted the summit.'] * 2, 'published': [None] * 2})\n"
        "    tables = engine.annotate_corpus(articles, partition_size=1, in_process_max=0)\n"
        "    print(tables['mentions'].num_rows, 'distributed' in sys.modules)\n"
    )
    assert printed.split() == ["2", "False"]


def test_annotating_imports_neither_pandera_nor_the_ingest_stage():
    """What each worker process imports before its first partition is paid once per worker and run:
    pandera (0.4 s of CPU) is for validating tables read back, the ingest stage (its HTML and language
    libraries, 0.15 s) for reading raw files; annotating needs neither."""
    printed = _printed_by_a_fresh_interpreter(
        "articles = pd.DataFrame({'article_id': ['a'], 'text': ['In September 2024 trade rose 12% to $2.5 billion.'], 'published': [None]})\n"
        "tables = engine.annotate_partition(articles)\n"
        "print(tables['claims'].num_rows, sorted(m for m in sys.modules if m.split('.')[0] in ('pandera', 'trafilatura')\n"
        "                                        or m.startswith('newsledger.ingest')))\n"
    )
    assert printed == "2 []"  # both figures found, and nothing of the two imported


def test_distributed_cluster_of_two_worker_processes_gives_the_single_process_tables(corpus, single_process, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      local_directory=str(tmp_path)) as cluster:
        got = engine.annotate_corpus(corpus, scheduler=cluster.scheduler_address, partition_size=2)
    assert_same_tables(got, single_process)


def test_written_tables_are_byte_identical_to_write_table(corpus, tmp_path):
    arrow_tables = engine.annotate_corpus(corpus, partition_size=4)
    for name, frame in annotate_articles(corpus).items():
        tables.write_table(frame, name, tmp_path / "frames")
        engine.write_arrow(arrow_tables[name], name, tmp_path / "engine")
        assert (tmp_path / "engine" / f"{name}.parquet").read_bytes() == (tmp_path / "frames" / f"{name}.parquet").read_bytes()


def test_an_empty_corpus_gives_empty_tables_with_their_columns(corpus):
    got = engine.annotate_corpus(corpus.iloc[:0])
    for name in SPAN_TABLES:
        assert got[name].num_rows == 0
        assert got[name].schema == tables.arrow_schema(name)


def test_merging_fresh_rows_into_reused_ones_keeps_corpus_order(tmp_path):
    import pyarrow as arrow
    import pyarrow.parquet as parquet

    def rows(spec):  # "A2" is two rows of article A
        ids = [aid for aid, n in spec for _ in range(n)]
        return arrow.table({"article_id": ids, "start": list(range(len(ids)))})

    previous = rows([("A", 2), ("B", 1), ("C", 3), ("D", 2), ("E", 1)])
    parquet.write_table(previous, tmp_path / "previous.parquet")
    # B changed (now B2), D removed, X and Y new: the corpus interleaves them with the reused A, C and E
    corpus = arrow.chunked_array([["Y", "A", "B2", "X", "C", "E", "Z"]])
    fresh = rows([("Y", 1), ("B2", 2), ("X", 1), ("Z", 2)])
    merged = engine.merge_in_corpus_order(tmp_path / "previous.parquet", fresh, {"A", "C", "E"}, corpus)
    assert merged["article_id"].to_pylist() == ["Y", "A", "A", "B2", "B2", "X", "C", "C", "C", "E", "Z", "Z"]
    # the reused rows keep their own values and order within each article
    assert merged["start"].to_pylist()[1:3] == [0, 1] and merged["start"].to_pylist()[6:10] == [3, 4, 5, 8]


def test_merging_into_reused_rows_that_are_out_of_corpus_order_sorts_them(tmp_path):
    import pyarrow as arrow
    import pyarrow.parquet as parquet

    parquet.write_table(arrow.table({"article_id": ["C", "A"], "start": [0, 1]}), tmp_path / "previous.parquet")
    fresh = arrow.table({"article_id": ["B"], "start": [2]})
    merged = engine.merge_in_corpus_order(tmp_path / "previous.parquet", fresh, {"A", "C"}, ["A", "B", "C"])
    assert merged["article_id"].to_pylist() == ["A", "B", "C"] and merged["start"].to_pylist() == [1, 2, 0]

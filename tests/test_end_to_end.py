"""The whole pipeline, as a user runs it: `python -m newsledger run` into a temporary folder."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsledger import tables
from newsledger.schemas import TABLES

ROOT = Path(__file__).resolve().parents[1]


def _run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "newsledger", *args], cwd=cwd, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("e2e")
    # Run from an unrelated working directory with relative paths: they must resolve against it.
    raw_link = out / "raw"
    raw_link.symlink_to(ROOT / "data" / "raw")
    result = _run("run", "--raw", "raw", "--processed", "processed", "--reports", "reports", cwd=out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result


def test_every_stage_reports_progress(pipeline_run):
    _, result = pipeline_run
    for number, stage in enumerate(("ingest", "annotate", "analyze", "report"), 1):
        assert f"[{number}/4] {stage}:" in result.stdout
    assert "report written" in result.stdout


def test_every_table_is_written_and_matches_its_schema(pipeline_run):
    out, _ = pipeline_run
    for name in TABLES:
        frame = tables.read_table(name, out / "processed")  # raises if the schema is not met
        assert list(frame.columns) == TABLES[name].columns


def test_manifest_accounts_for_every_raw_file(pipeline_run):
    out, _ = pipeline_run
    manifest = tables.read_table("manifest", out / "processed")
    raw_files = sorted(p.name for p in (ROOT / "data" / "raw").iterdir() if not p.name.startswith("."))
    assert sorted(manifest["path"]) == raw_files
    articles = tables.read_table("articles", out / "processed")
    assert set(articles["article_id"]) == set(manifest.loc[manifest["status"] != "rejected", "article_id"])


def test_every_span_quotes_its_article(pipeline_run):
    out, _ = pipeline_run
    articles = tables.read_table("articles", out / "processed")
    checked = set()
    for name in TABLES:
        for prefix in tables.span_column_prefixes(name):
            frame = tables.read_table(name, out / "processed")
            assert tables.span_mismatches(frame, articles, prefix).empty, f"{name}: {prefix}quote differs from the text"
            if len(frame):
                checked.add(name)
    # Every table that cites characters was checked and had rows on the sample corpus.
    assert {"mentions", "claims", "events", "sectors", "ledger", "checks", "timeline"} <= checked


def test_report_is_self_contained(pipeline_run):
    out, _ = pipeline_run
    html = (out / "reports" / "report.html").read_text()
    assert "Content-Security-Policy" in html
    assert not re.search(r"<script[^>]*\bsrc=", html), "the report loads a script"
    assert not re.search(r"""(?:src|href)=["']https?://""", html), "the report loads something from the network"
    assert "<img" in html and "data:image/png;base64," in html
    code_cells = re.findall(r'<div class="jp-Cell jp-CodeCell[^"]*"', html)
    assert code_cells and all("jp-mod-noInput" in c for c in code_cells), "the report shows code"
    assert str(out) not in html, "absolute paths leak into the report"


def test_committed_report_is_what_the_code_produces(pipeline_run):
    out, _ = pipeline_run
    produced = (out / "reports" / "report.html").read_bytes()
    committed = (ROOT / "reports" / "report.html").read_bytes()
    assert produced == committed, "reports/report.html is stale: run `make report` and commit it"


def test_a_missing_raw_folder_is_one_clear_message(tmp_path):
    result = _run("run", "--raw", str(tmp_path / "nope"), "--processed", str(tmp_path / "p"), "--reports", str(tmp_path / "r"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: raw folder not found: {tmp_path / 'nope'}"


def test_a_failing_stage_names_the_stage_cell_and_error(tmp_path):
    processed = tmp_path / "processed"
    processed.mkdir()
    (processed / "articles.parquet").write_bytes(b"not parquet at all")
    result = _run("run", "--stage", "annotate", "--processed", str(processed), "--reports", str(tmp_path / "r"), cwd=tmp_path)
    assert result.returncode == 1
    assert "stage 'annotate' (02_annotate.ipynb) failed in cell" in result.stderr
    assert "articles.parquet is unreadable" in result.stderr
    assert "Traceback" not in result.stderr


QUIET_ARTICLE = (
    "The weather in the region was mild this autumn, and farmers in several valleys said the harvest had gone well. "
    "Markets in the old town were busy with visitors who came to see the craftsmen at work, and the local museum "
    "opened a small exhibition of carpets and ceramics for the season.\n"
)


@pytest.mark.parametrize("corpus", ["no_figures_no_events", "no_articles"])
def test_report_renders_for_a_corpus_without_findings(tmp_path, corpus):
    raw = tmp_path / "raw"
    raw.mkdir()
    if corpus == "no_figures_no_events":
        (raw / "quiet.txt").write_text(QUIET_ARTICLE, encoding="utf-8")
    result = _run("run", "--raw", str(raw), "--processed", str(tmp_path / "p"), "--reports", str(tmp_path / "r"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert tables.read_table("claims", tmp_path / "p").empty and tables.read_table("events", tmp_path / "p").empty
    html = (tmp_path / "r" / "report.html").read_text()
    assert "No quantitative facts were found in this corpus." in html
    assert "None in this corpus." in html
    n_articles = 1 if corpus == "no_figures_no_events" else 0
    assert f"<p>{n_articles} articles from" in html

"""The compiled annotators (``newsledger.annotate.native``): used only while they match their
sources, and giving the same annotations as the Python sources, row for row."""

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from newsledger.annotate import native
from newsledger.evaluation import GOLD_CORPORA

ROOT = Path(__file__).resolve().parents[2]


def _package(tmp_path: Path) -> tuple[Path, Path]:
    """A package folder holding every compiled module's source, and a build of exactly those."""
    package, build = tmp_path / "annotate", tmp_path / "annotate" / "_compiled"
    build.mkdir(parents=True)
    for name in native.COMPILED_MODULES:
        (package / f"{name}.py").write_text(f"NAME = {name!r}\n")
    record = {"interpreter": native._interpreter(), "sources": native.source_digests(package)}
    (build / native.MANIFEST_NAME).write_text(json.dumps(record))
    return package, build


def test_a_build_that_matches_its_sources_is_searched_first(tmp_path, monkeypatch):
    monkeypatch.delenv(native.PURE_PYTHON_VARIABLE, raising=False)
    package, build = _package(tmp_path)
    assert native.stale_reason(build, package) is None
    assert native.compiled_folder(build, package) == str(build)


def test_an_edited_source_sets_its_build_aside_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.delenv(native.PURE_PYTHON_VARIABLE, raising=False)
    package, build = _package(tmp_path)
    (package / "claims.py").write_text("NAME = 'edited'\n")
    assert native.stale_reason(build, package) == "claims.py changed since it was built"
    with pytest.warns(UserWarning, match=r"claims\.py changed since it was built.*make native"):
        assert native.compiled_folder(build, package) is None


@pytest.mark.parametrize("record, reason", [
    (None, "nothing was built"),
    ({"failed": "error: command 'gcc' failed"}, "the last build failed: error: command 'gcc' failed"),
    ({"interpreter": "cpython-310-linux", "sources": {}}, "it was built for cpython-310-linux"),
])
def test_no_build_a_failed_build_or_another_interpreter_means_the_sources(tmp_path, monkeypatch, recwarn, record, reason):
    monkeypatch.delenv(native.PURE_PYTHON_VARIABLE, raising=False)
    package, build = _package(tmp_path)
    manifest = build / native.MANIFEST_NAME
    if record is None:
        manifest.unlink()
    else:
        manifest.write_text(json.dumps(record))
    assert native.stale_reason(build, package).startswith(reason)
    assert native.compiled_folder(build, package) is None
    assert not recwarn.list  # a machine without a compiler runs the sources without a warning in every notebook


def test_the_variable_asks_for_the_python_sources_whatever_is_built(tmp_path, monkeypatch):
    package, build = _package(tmp_path)
    monkeypatch.setenv(native.PURE_PYTHON_VARIABLE, "1")
    assert native.compiled_folder(build, package) is None
    monkeypatch.setenv(native.PURE_PYTHON_VARIABLE, "0")
    assert native.compiled_folder(build, package) == str(build)


def test_the_status_says_when_the_variable_asks_for_the_python_sources(monkeypatch):
    # It said "in use" whenever a current build existed, the variable set or not.
    monkeypatch.setenv(native.PURE_PYTHON_VARIABLE, "1")
    assert native.status().startswith("compiled annotators: not used")
    assert native.PURE_PYTHON_VARIABLE in native.status()


# Every gold corpus, each article with its date and without: what one process annotates.
_ANNOTATE_GOLD = """
import pickle, sys
from dataclasses import astuple
from newsledger.annotate import native
from newsledger.annotate.article import annotate_article
from newsledger.annotate.spans import ArticleContext
from newsledger.evaluation import GOLD_CORPORA
from newsledger.ingest import ingest_folder

rows = {}
for name, (raw, _) in GOLD_CORPORA.items():
    articles, _ = ingest_folder(raw)
    for article_id, text, published in zip(articles["article_id"], articles["text"], articles["published"]):
        day = None if published is None or published != published else published.date()
        for context in (ArticleContext(article_id, day), ArticleContext(article_id, None)):
            annotations = annotate_article(text, context)
            rows[(name, article_id, context.published)] = {table: [astuple(s) for s in spans] for table, spans in annotations.items()}
pickle.dump((native.is_compiled(), rows), open(sys.argv[1], "wb"))
"""


def _annotate_gold(tmp_path: Path, pure_python: bool) -> tuple[bool, dict]:
    out = tmp_path / f"pure-{pure_python}.pickle"
    environment = {**os.environ, native.PURE_PYTHON_VARIABLE: "1" if pure_python else "0"}
    subprocess.run([sys.executable, "-c", _ANNOTATE_GOLD, str(out)], cwd=ROOT, env=environment, check=True)
    with open(out, "rb") as handle:
        return pickle.load(handle)


def test_compiled_and_python_annotators_give_the_same_rows(tmp_path):
    compiled_in_use, compiled = _annotate_gold(tmp_path, pure_python=False)
    if not compiled_in_use:
        # CI builds them (make test runs make native first): there a missing build is a failure.
        assert not os.environ.get("CI"), f"CI runs without the compiled annotators: {native.status()}"
        pytest.skip(f"no compiled annotators to compare: {native.status()}")
    python_in_use, python = _annotate_gold(tmp_path, pure_python=True)
    assert not python_in_use
    assert compiled.keys() == python.keys()
    assert len(compiled) >= 2 * len(GOLD_CORPORA)
    differing = [key for key in python if compiled[key] != python[key]]
    assert not differing, f"{len(differing)} of {len(python)} articles differ, first: {differing[0]}"
    assert sum(len(tables["claims"]) for tables in python.values()) > 500  # the corpora hold figures to compare

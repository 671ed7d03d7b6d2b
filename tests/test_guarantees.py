"""The pipeline's hard guarantees, each shown on real runs of `python -m newsledger run`:

- a run killed (SIGKILL) while writing a table leaves every output whole, and the next run completes;
- two runs on the same inputs write the same bytes;
- a bad folder, a corrupt table or a wrong parameter name is one readable message and a non-zero exit;
- nothing in an article is executed, used as a path, or put into the report's HTML unescaped.

The README's "Guarantees" section points here.
"""

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import psutil
import pytest

from newsledger import pipeline, tables
from newsledger.engine import IN_PROCESS_MAX_ARTICLES
from newsledger.schemas import TABLES

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_RAW = ROOT / "data" / "raw"
# What atomic_path names its temporary files: hidden, ``.<target>.<8 random characters>.tmp``.
TEMP_FILE = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
# Over the engine's in-process limit, so annotation runs on a pool of worker processes (which the
# kill must reach too) and takes a few seconds.
GENERATED_ARTICLES = IN_PROCESS_MAX_ARTICLES + 100


def run_cli(*args, cwd, timeout=900):
    return subprocess.run([sys.executable, "-m", "newsledger", "run", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def run_into(raw: Path, out: Path, *extra):
    result = run_cli("--raw", str(raw), "--processed", str(out / "processed"), "--reports", str(out / "reports"), *extra, cwd=out.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def output_files(out: Path) -> dict[str, bytes]:
    """Every file of a run's outputs, by path relative to ``out``: tables, exports, report.
    Left out: the executed notebooks (papermill stamps them with the run's timings) and the stages'
    run records (``*.provenance.json``, which name the folders they describe)."""
    files = {}
    for folder in (out / "processed", out / "reports"):
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(out)
            if path.is_file() and relative.parts[:2] != ("reports", "executed") and not path.name.endswith(".provenance.json"):
                files[relative.as_posix()] = path.read_bytes()
    return files


def visible(files: dict[str, bytes]) -> set[str]:
    return {name for name in files if not Path(name).name.startswith(".")}


def write_generated_corpus(raw: Path, n_articles: int, seed: int = 7) -> None:
    """The sample articles plus ``n_articles`` made of their sentences, shuffled and with other figures,
    as one jsonl export (different enough from each other not to be near duplicates)."""
    from newsledger.annotate.sentences import split_sentences
    from newsledger.ingest import ingest_folder

    shutil.copytree(SAMPLE_RAW, raw)
    articles, _ = ingest_folder(SAMPLE_RAW)
    sentences = [s.quote for text in articles["text"] for s in split_sentences(text) if len(s.quote.split()) >= 5]
    rng = random.Random(seed)
    with open(raw / "generated.jsonl", "w", encoding="utf-8") as handle:
        for i in range(n_articles):
            text = "\n\n".join(" ".join(rng.sample(sentences, 5)) for _ in range(6))
            text = re.sub(r"\d+(?:\.\d+)?", lambda m: str(rng.randint(1, 999)), text)
            record = {"title": f"Generated article {i}", "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                      "url": f"https://example.org/news/{i}", "outlet": "Example News", "text": text}
            handle.write(json.dumps(record) + "\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("corpus") / "raw"
    write_generated_corpus(raw, GENERATED_ARTICLES)
    return raw


@pytest.fixture(scope="module")
def fresh_runs(corpus, tmp_path_factory) -> tuple[Path, Path]:
    """Two complete runs on the same corpus, into different folders."""
    outs = tmp_path_factory.mktemp("fresh_a") / "out", tmp_path_factory.mktemp("fresh_b") / "out"
    for out in outs:
        run_into(corpus, out)
    return outs


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "out"
    run_into(SAMPLE_RAW, out)
    return out


# --- determinism ---------------------------------------------------------------------------------


def test_two_runs_on_the_same_inputs_write_the_same_bytes(fresh_runs):
    first, second = map(output_files, fresh_runs)
    assert first.keys() == second.keys()
    assert {f"processed/{name}.parquet" for name in TABLES} <= first.keys()
    assert {"reports/report.html", "reports/sources.json"} <= first.keys()
    assert any(name.endswith(".csv") for name in first)
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"files differ between two runs on the same inputs: {differing}"


# --- atomic outputs under SIGKILL ----------------------------------------------------------------


def kernels_of(pid: int) -> list[psutil.Process]:
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    kernels = []
    for child in children:
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                kernels.append(child)
        except psutil.NoSuchProcess:
            pass
    return kernels


def kill_while_writing(raw: Path, out: Path, deadline_s: float = 600) -> str:
    """Start a run and SIGKILL it, the runner, its kernel and the kernel's workers, as soon as the
    annotate stage has a table half-written in the processed folder; return that file's name.

    The kernel runs in a session of its own (jupyter_client starts it so), so killing the runner's
    process group alone would leave it writing; a job killed by a scheduler or the OOM killer loses
    them all at once, and so does this."""
    processed = out / "processed"
    runner = subprocess.Popen(
        [sys.executable, "-m", "newsledger", "run", "--raw", str(raw), "--processed", str(processed), "--reports", str(out / "reports")],
        cwd=out.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    started = time.monotonic()
    try:
        for line in runner.stdout:
            if line.startswith("[2/4] annotate"):
                break
        else:
            pytest.fail("the run ended before the annotate stage")
        kernel_groups: set[int] = set()
        half_written = None
        while half_written is None:
            if runner.poll() is not None or time.monotonic() - started > deadline_s:
                pytest.fail("the annotate stage wrote its tables before a half-written one was seen")
            if not kernel_groups:
                kernel_groups = {os.getpgid(k.pid) for k in kernels_of(runner.pid) if k.is_running()}
            half_written = next((e.name for e in os.scandir(processed) if TEMP_FILE.fullmatch(e.name)), None)
        stragglers = psutil.Process(runner.pid).children(recursive=True)
        for group in (runner.pid, *kernel_groups):
            os.killpg(group, signal.SIGKILL)
        for process in stragglers:
            try:
                process.kill()
            except psutil.NoSuchProcess:
                pass
        runner.wait(timeout=30)
        _, alive = psutil.wait_procs(stragglers, timeout=30)
        assert not alive, f"processes survived the kill: {alive}"
        assert kernel_groups, "the annotate stage's kernel was not found, so it was not killed"
        return half_written
    finally:
        if runner.poll() is None:
            runner.kill()
        runner.stdout.close()


def test_a_run_killed_while_writing_leaves_whole_outputs_and_the_next_run_completes(sample_run, corpus, fresh_runs, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sample_run, out)  # a complete previous run (on the sample) in the folders the killed run writes to
    previous = output_files(out)
    complete_new = output_files(fresh_runs[0])  # what a run on the new corpus writes when it is not killed

    kill_while_writing(corpus, out)
    after = output_files(out)

    # Every output is whole: exactly the previous run's file, or exactly the file an unkilled run writes.
    for name, data in after.items():
        if TEMP_FILE.fullmatch(Path(name).name):
            continue
        assert data in (previous.get(name), complete_new.get(name)), f"{name} is neither the previous nor a complete new file"
    for name in TABLES:
        tables.read_table(name, out / "processed")  # readable and valid
    assert visible(after) <= visible(previous) | visible(complete_new)
    # The report stage never ran: the report and its exports are the previous run's, byte for byte.
    reports = {name for name in previous if name.startswith("reports/")}
    assert reports and all(after.get(name) == previous[name] for name in reports)
    # What the kill interrupted is at most a hidden temporary file, which no reader opens.
    leftovers = sorted(name for name in after if TEMP_FILE.fullmatch(Path(name).name))
    assert all(name.startswith("processed/.") for name in leftovers), leftovers

    rerun = run_into(corpus, out)
    for name in leftovers:
        assert f"removed the unfinished file of an interrupted run: {out / name}" in rerun.stdout
    recovered = output_files(out)
    assert not [name for name in recovered if TEMP_FILE.fullmatch(Path(name).name)], "temporary files left after a complete run"
    differing = sorted(set(recovered) ^ set(complete_new) | {n for n in recovered.keys() & complete_new.keys() if recovered[n] != complete_new[n]})
    assert not differing, f"the run after the kill differs from an unkilled run: {differing}"


# --- clear failures -------------------------------------------------------------------------------


def assert_one_clear_message(result, returncode: int, expected: str) -> None:
    assert result.returncode == returncode, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == expected


@pytest.mark.parametrize("unwritable", ["processed", "reports"])
def test_an_output_folder_that_cannot_be_written_is_one_clear_message(tmp_path, unwritable):
    # Below a regular file no folder can be made, even by root (whom chmod does not stop).
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    folders = {"processed": tmp_path / "processed", "reports": tmp_path / "reports"}
    folders[unwritable] = blocker / "sub"
    result = run_cli("--raw", str(SAMPLE_RAW), "--processed", str(folders["processed"]), "--reports", str(folders["reports"]), cwd=tmp_path)
    assert_one_clear_message(result, 2, f"error: {unwritable} folder is not writable: {blocker / 'sub'} (Not a directory)")
    assert "[1/4]" not in result.stdout, "a stage started although its outputs could not be written"


def test_a_corrupt_table_from_a_previous_run_stops_the_analyze_stage_with_one_message(sample_run, tmp_path):
    processed = tmp_path / "processed"
    shutil.copytree(sample_run / "processed", processed)
    claims = processed / "claims.parquet"
    claims.write_bytes(claims.read_bytes()[: claims.stat().st_size // 2])  # a file cut short, as by a full disk
    result = run_cli("--stage", "analyze", "--processed", str(processed), "--reports", str(tmp_path / "reports"), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    first, second = result.stderr.strip().splitlines()
    assert first.startswith("error: stage 'analyze' (03_analyze.ipynb) failed in cell ")
    assert "claims.parquet is unreadable" in first and "re-run the annotate stage" in first
    assert second.strip() == f"the executed notebook, with the error in it: {tmp_path / 'reports' / 'executed' / '03_analyze.ipynb'}"


def test_a_wrong_parameter_name_is_one_clear_message_before_anything_runs(tmp_path):
    result = run_cli("--raw", str(SAMPLE_RAW), "--processed", str(tmp_path / "p"), "--reports", str(tmp_path / "r"), "-p", "min_word=3", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    message = result.stderr.strip()
    assert re.fullmatch(r"error: unknown parameter 'min_word'; the selected notebooks take: [\w, ]*\bmin_words\b[\w, ]*", message), message
    assert not (tmp_path / "p").exists() and not (tmp_path / "r").exists()


def test_pipeline_run_refuses_unknown_and_folder_parameters(tmp_path):
    with pytest.raises(ValueError, match=r"^unknown parameter 'max_byte', 'verbose'; the selected notebooks take: .*\bmax_bytes\b"):
        pipeline.run(SAMPLE_RAW, tmp_path / "p", tmp_path / "r", parameters={"max_byte": 1, "verbose": True})
    # A parameter of another stage is unknown to the one selected.
    with pytest.raises(ValueError, match=r"^unknown parameter 'min_words'; the selected notebooks take: (?!.*min_words)"):
        pipeline.run(SAMPLE_RAW, tmp_path / "p", tmp_path / "r", stage="annotate", parameters={"min_words": 3})
    with pytest.raises(ValueError, match=r"^the folders are arguments, not parameters: processed_dir$"):
        pipeline.run(SAMPLE_RAW, tmp_path / "p", tmp_path / "r", parameters={"processed_dir": "/elsewhere"})
    assert not (tmp_path / "p").exists()


def test_a_known_parameter_reaches_its_notebook(tmp_path):
    result = run_cli("--stage", "ingest", "--raw", str(SAMPLE_RAW), "--processed", str(tmp_path / "p"), "--reports", str(tmp_path / "r"),
                     "-p", "min_words=100000", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = tables.read_table("manifest", tmp_path / "p")
    assert len(manifest) == len(list(SAMPLE_RAW.iterdir()))
    assert (manifest["status"] == "rejected").all()
    assert manifest["reason"].str.endswith("(an article needs at least 100000)").all()


# --- no code from data ----------------------------------------------------------------------------

# Each payload would leave a trace if it were run by a shell, a template engine, eval or the browser,
# or used as a path.
PAYLOADS = {
    "path": "../../../../escaped/passwd",
    "shell": "$(touch PWNED_SHELL) `touch PWNED_TICK`; touch PWNED_SEMI",
    "template": "{{7*7}} ${7*7} {% print(77*77) %}",
    "eval": "__import__('os').system('touch PWNED_EVAL')",
    "html": "<script>alert('xss')</script><img src=x onerror=alert(1)>",
}
HOSTILE = " ".join(PAYLOADS.values())
ATTRIBUTE_BREAK = '" onmouseover="alert(2)'  # in a url, which the report puts in an href
HOSTILE_STORY = (
    "Trade turnover between Azerbaijan and Kazakhstan reached $4.5 billion in 2023, officials said in Baku. {payload} "
    "The two countries plan to raise it to $6 billion by 2026, the ministry added.\n\n"
    "President Ilham Aliyev paid a state visit to Kazakhstan on 14 September 2024, and the sides signed 12 documents in Astana. "
    "Cargo transported along the Middle Corridor grew by 60% in 2023, to 2.76 million tons. {payload}\n"
)


def write_hostile_corpus(raw: Path) -> None:
    raw.mkdir(parents=True)
    url = f"https://example.org/{PAYLOADS['path']}?q={PAYLOADS['html']}&x={ATTRIBUTE_BREAK}"
    record = {"id": PAYLOADS["path"], "title": HOSTILE, "url": url,
              "outlet": PAYLOADS["html"], "published": "2024-09-15", "text": HOSTILE_STORY.format(payload=HOSTILE)}
    (raw / "export.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    local = {**record, "url": "javascript:alert(document.cookie)", "text": HOSTILE_STORY.format(payload=PAYLOADS["html"]).replace("Kazakhstan", "Uzbekistan")}
    (raw / "local.jsonl").write_text(json.dumps(local) + "\n", encoding="utf-8")
    # File names are data too: a shell metacharacter, a template and a tag (a slash cannot be in a name).
    for name in ("$(touch PWNED_NAME).txt", "{{7*7}}.md", "<script>alert(1)<script>.txt"):
        (raw / name).write_text(HOSTILE_STORY.format(payload="").replace("Kazakhstan", "Kyrgyzstan") + name, encoding="utf-8")


class ElementCollector(HTMLParser):
    """The elements of a page, as a browser's parser sees them: (tag, [(attribute, value), ...])."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    @classmethod
    def of(cls, page: str):
        parser = cls()
        parser.feed(page)
        parser.close()
        return parser.elements


def tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def test_nothing_in_an_article_is_executed_or_used_as_a_path(tmp_path):
    # The outputs sit deep enough that a path climbing out of them would still land inside tmp_path.
    work = tmp_path / "a" / "b" / "c"
    write_hostile_corpus(work / "raw")
    watched = {"tmp": tmp_path, "notebooks": ROOT / "notebooks", "repository": ROOT}
    before = {name: tree(folder) if name == "tmp" else set(os.listdir(folder)) for name, folder in watched.items()}

    run_into(work / "raw", work)

    created = tree(tmp_path) - before["tmp"]
    outside = sorted(p for p in created if not p.startswith(("a/b/c/processed", "a/b/c/reports")))
    assert not outside, f"the run created files outside its output folders: {outside}"
    for name in ("notebooks", "repository"):  # the kernels' and the runner's working folders
        assert set(os.listdir(watched[name])) <= before[name] | {".pytest_cache"}, f"files appeared in {name}"
    assert not [p for p in created if "PWNED" in p or "escaped" in p]

    articles = tables.read_table("articles", work / "processed")
    assert len(articles) == 5 and articles["text"].str.contains(re.escape(PAYLOADS["shell"])).sum() == 1  # kept as text, word for word
    assert (articles["title"] == HOSTILE).sum() == 2
    claims = tables.read_table("claims", work / "processed")
    assert claims["quote"].str.contains("4.5 billion").any()

    report = (work / "reports" / "report.html").read_text(encoding="utf-8")
    body = report.split("<body", 1)[1]
    elements = ElementCollector.of(body)
    assert "script" not in {tag for tag, _ in elements}
    assert not [(tag, name) for tag, attributes in elements for name, _ in attributes if name.startswith("on")], "an event handler"
    assert not [value for _, attributes in elements for name, value in attributes if name in ("href", "src") and value
                and not value.startswith(("https://", "http://", "data:image/png;base64,", "#"))], "a link that is not a web address"
    assert not [value for tag, attributes in elements for name, value in attributes if tag == "img" and name == "src" and value == "x"]
    # Shown, as text: the outlet beside each figure, the url in its link, the file names in the sources.
    assert "&lt;script&gt;alert('xss')&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;, 2024-09-15" in body
    assert "&amp;x=&quot; onmouseover=&quot;alert(2)" in body
    assert "{{7*7}}" in body and "5929" not in body  # no template engine evaluated it
    sources = json.loads((work / "reports" / "sources.json").read_text(encoding="utf-8"))
    assert {item.get("title") for item in sources} >= {HOSTILE}
    assert {item.get("URL") for item in sources} >= {"javascript:alert(document.cookie)"}  # a string in the data, never a link


def test_only_the_temporary_files_of_atomic_writes_are_removed(tmp_path):
    from newsledger.atomic import atomic_path, remove_stale_temp_files

    kept = {"claims.tmp": b"a user's file", ".notes.tmp": b"hidden, not ours", "ledger.parquet": b"a table"}
    for name, data in kept.items():
        (tmp_path / name).write_bytes(data)
    with atomic_path(tmp_path / "claims.parquet") as writing:
        writing.write_bytes(b"the new table")
        # What a writer killed at this point would have left: its temporary file, under its own name.
        left_by_killed_writer = tmp_path / writing.name.replace(".claims.", ".mentions.")
        left_by_killed_writer.write_bytes(b"half a table")
    assert remove_stale_temp_files(tmp_path) == [left_by_killed_writer]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {**kept, "claims.parquet": b"the new table"}

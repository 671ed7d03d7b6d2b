"""The papermill runner: which notebooks make up the pipeline, with which parameters, where their
executed copies go, and how a failure is told to a person."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from . import config
from .atomic import atomic_path, remove_stale_temp_files

KERNEL_NAME = "newsledger"


@dataclass(frozen=True)
class Stage:
    name: str
    notebook: str
    description: str
    options: tuple[str, ...] = ()  # the run options (``force``, ``scheduler``) its notebook takes as parameters


STAGES = (
    Stage("ingest", "01_ingest.ipynb", "read raw files into articles and manifest", ("force",)),
    Stage("annotate", "02_annotate.ipynb", "find entities, time expressions, figures, events and sectors", ("force", "scheduler")),
    Stage("analyze", "03_analyze.ipynb", "ledger, checks, timeline, network and profiles", ("force",)),
    Stage("report", "04_report.ipynb", "figures and tables for readers"),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)
# Ingest and annotate check their own inputs (their notebooks say what they reused); the runner skips
# these later stages itself when nothing they are computed from has changed since they last ran.
SKIPPED_WHEN_CURRENT = ("analyze", "report")


class StageFailed(Exception):
    def __init__(self, stage: Stage, message: str, executed: Path):
        super().__init__(message)
        self.stage, self.executed = stage, executed


@contextmanager
def project_kernel() -> Iterator[str]:
    """A kernel spec named ``newsledger`` that runs this very interpreter, found first by Jupyter.

    JUPYTER_PATH outranks the user's and the system's kernel folders, so a ``python3`` or even a
    ``newsledger`` kernel the user installed elsewhere cannot take the notebooks to another
    interpreter."""
    with tempfile.TemporaryDirectory(prefix="newsledger-kernel-") as folder:
        spec_dir = Path(folder) / "kernels" / KERNEL_NAME
        spec_dir.mkdir(parents=True)
        spec = {
            # log level ERROR: the kernel's start-up warnings (transport, frozen modules) are not for a reader
            "argv": [sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}", "--IPKernelApp.log_level=ERROR"],
            "display_name": "Python (newsledger)",
            "language": "python",
            "metadata": {"debugger": False},
        }
        (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
        previous = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [folder, previous]))
        try:
            yield KERNEL_NAME
        finally:
            if previous is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = previous


def stages_to_run(only: str | None) -> tuple[Stage, ...]:
    if only is None:
        return STAGES
    for stage in STAGES:
        if stage.name == only:
            return (stage,)
    raise ValueError(f"unknown stage {only!r}; the stages are: {', '.join(STAGE_NAMES)}")


def stage_record(stage: Stage, processed: Path, parameters: dict):
    """A provenance record (without outputs) of ``stage``: what its notebook is computed from now.

    Its inputs are the tables of the stages before it; its fingerprint covers the package's code and
    templates, the reference data, the notebook and the parameters."""
    from .fingerprint import PACKAGE_DIR, StageRecord, combine, file_digest, folder_digest, parameters_digest
    from .schemas import TABLES

    earlier = STAGE_NAMES[: STAGE_NAMES.index(stage.name)]
    inputs = {f"{name}.parquet": file_digest(processed / f"{name}.parquet") for name, table in sorted(TABLES.items())
              if table.stage in earlier and (processed / f"{name}.parquet").is_file()}
    fingerprint = combine(folder_digest(PACKAGE_DIR), folder_digest(config.REFERENCE_DIR),
                          file_digest(config.NOTEBOOKS_DIR / stage.notebook), parameters_digest(parameters))
    return StageRecord(stage.name, fingerprint, inputs=inputs)


def stage_outputs(stage: Stage, processed: Path, executed: Path, report: Path) -> list[Path]:
    from .schemas import TABLES

    tables_written = [processed / f"{name}.parquet" for name, table in sorted(TABLES.items()) if table.stage == stage.name]
    # The report stage also writes its exports (csv, CSL-JSON) beside the report: a deleted one is a reason to run it.
    exports = sorted(p for p in report.parent.iterdir() if p.is_file() and not p.name.startswith(".")) if stage.name == "report" and report.parent.is_dir() else []
    return [*tables_written, executed, *([report] if stage.name == "report" else []), *[p for p in exports if p != report]]


def stage_is_current(stage: Stage, processed: Path, parameters: dict) -> bool:
    from .fingerprint import StageRecord

    previous = StageRecord.load(stage.name, processed)
    now = stage_record(stage, processed, parameters)
    return previous is not None and (previous.fingerprint, previous.inputs) == (now.fingerprint, now.inputs) and previous.outputs_intact(processed)


def record_stage(stage: Stage, processed: Path, parameters: dict, outputs: list[Path]) -> None:
    from .fingerprint import file_digest

    record = stage_record(stage, processed, parameters)
    # Named relative to the processed folder (where the record lives), so a moved or cloned project
    # keeps a valid record and the file names no machine's absolute paths.
    base = processed.resolve()
    record.outputs = {Path(os.path.relpath(path.resolve(), base)).as_posix(): file_digest(path) for path in outputs if path.is_file()}
    record.save(processed)


def _failure_message(stage: Stage, error: Exception) -> str:
    cell = getattr(error, "exec_count", None) or getattr(error, "cell_index", None)
    ename, evalue = getattr(error, "ename", type(error).__name__), getattr(error, "evalue", str(error))
    where = f"cell {cell}" if cell is not None else "a cell"
    return f"stage {stage.name!r} ({stage.notebook}) failed in {where}: {ename}: {evalue}"


FOLDER_PARAMETERS = ("raw_dir", "processed_dir", "reports_dir")


class UnusableFolder(OSError):
    """An output folder cannot be created or written; the message names it and says why."""


def writable_folder(path: Path, role: str) -> Path:
    """``path``, created if needed, after proving a file can be made in it (root ignores chmod, so ask the OS)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as error:
        raise UnusableFolder(f"{role} folder is not writable: {path} ({error.strerror or error})") from None
    return path


def notebook_parameters(stages: tuple[Stage, ...]) -> dict[str, frozenset[str]]:
    """The names each stage's notebook declares in its ``parameters`` cell."""
    import papermill

    return {s.name: frozenset(papermill.inspect_notebook(str(config.NOTEBOOKS_DIR / s.notebook))) for s in stages}


def check_parameters(given: dict, declared: dict[str, frozenset[str]]) -> None:
    """Refuse a parameter no selected notebook declares: papermill would only warn and run without it."""
    folders = sorted(set(given) & set(FOLDER_PARAMETERS))
    if folders:
        raise ValueError(f"the folders are arguments, not parameters: {', '.join(folders)}")
    known = set().union(*declared.values()) - set(FOLDER_PARAMETERS)
    unknown = sorted(set(given) - known)
    if unknown:
        raise ValueError(f"unknown parameter {', '.join(map(repr, unknown))}; the selected notebooks take: {', '.join(sorted(known)) or 'none'}")


def run(raw_dir=None, processed_dir=None, reports_dir=None, stage: str | None = None, echo=print, parameters: dict | None = None,
        force: bool = False, scheduler: str | None = None) -> Path | None:
    """Run the pipeline's notebooks (all, or one ``stage``); return the HTML report's path when written.

    ``parameters`` go to the notebooks that declare them; a name no selected notebook declares is
    refused (``ValueError``) before anything runs, as is a missing raw folder (``FileNotFoundError``)
    or an output folder that cannot be written (``UnusableFolder``).
    Raises ``StageFailed`` with the stage, the cell and the error when a notebook fails; the executed
    copy, with the error in it, stays in ``reports/executed/``.

    Ingest and annotate redo only what changed since the last run, and analyze and report are not
    run again when nothing they are computed from changed; ``force`` recomputes everything.
    ``scheduler``: the address of a Dask distributed scheduler to annotate on.
    """

    raw, processed, reports = config.raw_dir(raw_dir), config.processed_dir(processed_dir), config.reports_dir(reports_dir)
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw}")
    selected = stages_to_run(stage)
    declared = notebook_parameters(selected)
    check_parameters(parameters or {}, declared)
    writable_folder(processed, "processed")
    writable_folder(reports, "reports")
    executed_dir = writable_folder(reports / "executed", "reports")
    for folder in (processed, reports, executed_dir):
        for leftover in remove_stale_temp_files(folder):  # a killed run's half-written file, never an output
            echo(f"removed the unfinished file of an interrupted run: {leftover}", flush=True)
    folders = {"raw_dir": str(raw), "processed_dir": str(processed), "reports_dir": str(reports)}
    force = force or (parameters or {}).get("force") is True
    run_options = {**({"force": True} if force else {}), **({"scheduler": scheduler} if scheduler else {})}
    report_path = None
    with project_kernel() as kernel_name:
        for number, current in enumerate(selected, 1):
            echo(f"[{number}/{len(selected)}] {current.name}: {current.description} ...", flush=True)
            started = time.perf_counter()
            executed = executed_dir / current.notebook
            given = {**folders, **{k: v for k, v in {**(parameters or {}), **run_options}.items() if k in declared[current.name]}}
            if current.name in SKIPPED_WHEN_CURRENT and not force and stage_is_current(current, processed, given):
                echo("      nothing changed since the last run: not run again", flush=True)
                report_path = reports / "report.html" if current.name == "report" else report_path
                continue
            try:
                execute_atomically(current, executed, given, kernel_name)
            except Exception as error:  # papermill wraps kernel errors; anything else is as much a failure
                raise StageFailed(current, _failure_message(current, error), executed) from error
            echo(f"      done in {time.perf_counter() - started:.1f} s", flush=True)
            if current.name == "report":
                from .report.render import render_report

                report_path = render_report(executed, reports / "report.html")
                echo(f"      report written: {report_path}", flush=True)
            if current.name in SKIPPED_WHEN_CURRENT:
                record_stage(current, processed, given, stage_outputs(current, processed, executed, reports / "report.html"))
    return report_path


def execute_atomically(stage: Stage, executed: Path, parameters: dict, kernel_name: str) -> None:
    """Execute ``stage``'s notebook into ``executed``, which only ever holds a whole notebook.

    papermill saves its output after every cell; it saves into a hidden temporary file that replaces
    ``executed`` at the end, so a killed run leaves the previous copy (and a temporary file the next
    run removes). A failed notebook still replaces it: the copy with the error is what a person reads."""
    import warnings

    import papermill

    with atomic_path(executed) as partial:
        try:
            with warnings.catch_warnings():
                # the temporary name ends in .tmp, which papermill would warn about
                warnings.filterwarnings("ignore", message=r"The specified file .* does not end in")
                papermill.execute_notebook(
                    str(config.NOTEBOOKS_DIR / stage.notebook),
                    str(partial),
                    parameters=parameters,
                    kernel_name=kernel_name,
                    cwd=str(config.NOTEBOOKS_DIR),
                    progress_bar=False,
                    log_output=False,
                )
        except Exception:
            if partial.is_file() and partial.stat().st_size:
                os.replace(partial, executed)
            raise


def refresh_baseline(echo=print) -> None:
    """Re-execute the notebooks in place, as nbval will (no parameters, folders from the environment),
    so that their stored outputs are nbval's new baseline. The run reads data/raw and writes its
    tables to a temporary folder, never to data/processed."""
    import nbformat
    import papermill

    with tempfile.TemporaryDirectory(prefix="newsledger-baseline-") as scratch, project_kernel() as kernel_name:
        saved = {var: os.environ.get(var) for var in (config.ENV_PROCESSED_DIR, config.ENV_REPORTS_DIR)}
        os.environ[config.ENV_PROCESSED_DIR] = str(Path(scratch) / "processed")
        os.environ[config.ENV_REPORTS_DIR] = str(Path(scratch) / "reports")
        try:
            for stage in STAGES:
                path = config.NOTEBOOKS_DIR / stage.notebook
                echo(f"baseline: {stage.notebook}", flush=True)
                papermill.execute_notebook(str(path), str(path), parameters={}, kernel_name=kernel_name,
                                           cwd=str(config.NOTEBOOKS_DIR), progress_bar=False, log_output=False)
                notebook = nbformat.read(str(path), as_version=4)
                _strip_run_metadata(notebook)
                nbformat.write(notebook, str(path))
        finally:
            for var, value in saved.items():
                if value is None:
                    os.environ.pop(var, None)
                else:
                    os.environ[var] = value


def _strip_run_metadata(notebook) -> None:
    """Drop papermill's timings and the run's timestamps: they change every run and mean nothing to nbval."""
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)

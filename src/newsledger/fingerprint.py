"""What a stage's tables were computed from, so that a re-run can tell whether there is work to do.

A stage's *fingerprint* is a content hash of everything, other than its input data, that decides its
output: the package version, the source code of the modules that compute it (so an edited rule counts
as a change even without a version bump), the reference data under ``data/reference/`` (the gazetteer
and every vocabulary), and the stage's parameters. Input and output tables are identified by the
hash of their bytes, never by their modification time, so copying a folder or touching a file
changes nothing and an edit that restores the old bytes is recognised as no change.

Each stage keeps one small JSON record beside its tables (``<stage>.provenance.json`` in the
processed folder): the fingerprint, the input and output hashes, and whatever per-item keys the
stage needs to work incrementally.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import __version__, config
from .atomic import write_text_atomic

PACKAGE_DIR = Path(__file__).resolve().parent
_CHUNK = 1 << 20


def file_digest(path: str | os.PathLike) -> str:
    """SHA-256 of a file's bytes, read in chunks (tables can be hundreds of megabytes)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _visible_files(folder: Path, suffixes: tuple[str, ...] | None) -> Iterable[Path]:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") or part == "__pycache__" for part in relative):
            continue
        if path.is_file() and (suffixes is None or path.suffix in suffixes):
            yield path


def folder_digest(folder: str | os.PathLike, suffixes: tuple[str, ...] | None = None) -> str:
    """One hash for the names and contents of every visible file below ``folder`` (optionally only
    files with the given suffixes). Renaming a file changes it; so does adding or removing one."""
    folder = Path(folder)
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in _visible_files(folder, suffixes):
            digest.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            digest.update(file_digest(path).encode() + b"\n")
    return digest.hexdigest()


def combine(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def parameters_digest(parameters: dict) -> str:
    return combine(json.dumps(parameters, sort_keys=True, default=str))


def code_digest(*modules: str) -> str:
    """Hash of the source of the named modules or subpackages of ``newsledger`` (``"annotate"``,
    ``"tables.py"``)."""
    parts = []
    for name in modules:
        path = PACKAGE_DIR / name
        parts.append(name + ":" + (folder_digest(path, (".py",)) if path.is_dir() else file_digest(path)))
    return combine(*parts)


# The modules each stage's output depends on: its own package, and the schema and table code that
# give its rows their columns, types and bytes; and the month names both ingest and annotate read.
_TABLE_CODE = ("schemas", "tables.py", "atomic.py")
STAGE_CODE = {
    "ingest": ("ingest", "months.py", *_TABLE_CODE),
    "annotate": ("annotate", "engine.py", "months.py", *_TABLE_CODE),
    "analyze": ("analyze", *_TABLE_CODE),
}


def stage_fingerprint(stage: str, parameters: dict | None = None, reference_dir: str | os.PathLike | None = None) -> str:
    """The fingerprint of ``stage`` (``"ingest"`` or ``"annotate"``) with these parameters."""
    return combine(
        f"newsledger {__version__}",
        f"stage {stage}",
        code_digest(*STAGE_CODE[stage]),
        "reference " + folder_digest(reference_dir or config.REFERENCE_DIR),
        parameters_digest(parameters or {}),
    )


def annotator_fingerprint() -> str:
    """What an article's annotations depend on besides its text and date: the annotate package's
    code and the reference data. Editing the gazetteer changes it, and so re-annotates everything."""
    return stage_fingerprint("annotate")


# The incremental runs a record remembers: a stage that reads the tables only every few runs still
# finds the run it last read after (each step lists a few ids; a longer gap means hashing everything).
MAX_CHANGE_STEPS = 16


def chained_changes(previous: "StageRecord", articles: list[str]) -> dict:
    """The ``changes`` of an incremental run that started from ``previous``'s outputs and wrote
    ``articles`` (ids annotated again or removed) anew: ``{"steps": [{"since": outputs, "articles":
    ids}, ...]}``, oldest first, each step starting from the outputs the one before it wrote and the
    last from ``previous.outputs``. The previous record's steps are kept, so a reader that last read
    the tables several runs ago can still tell which articles changed since (the union of the steps
    after its own)."""
    earlier = previous.changes.get("steps") if isinstance(previous.changes, dict) else None
    steps = list(earlier) if isinstance(earlier, list) else []
    steps.append({"since": previous.outputs, "articles": articles})
    return {"steps": steps[-MAX_CHANGE_STEPS:]}


@dataclass
class StageRecord:
    """What a stage's tables in a processed folder were computed from."""

    stage: str
    fingerprint: str
    inputs: dict[str, str] = field(default_factory=dict)  # name -> content hash
    outputs: dict[str, str] = field(default_factory=dict)  # table file name -> content hash
    items: dict[str, str | None] = field(default_factory=dict)  # per-item keys for incremental work
    # What the incremental runs since the last full run changed, for the next stage (see
    # ``chained_changes``). Empty after a full run, which cannot say.
    changes: dict = field(default_factory=dict)
    package_version: str = __version__

    @staticmethod
    def path(stage: str, folder: str | os.PathLike) -> Path:
        return Path(folder) / f"{stage}.provenance.json"

    @classmethod
    def load(cls, stage: str, folder: str | os.PathLike) -> StageRecord | None:
        """The stage's record in ``folder``, or None when there is none or it cannot be read
        (a damaged record only costs a full re-run)."""
        try:
            data = json.loads(cls.path(stage, folder).read_text(encoding="utf-8"))
            return cls(**data) if data.get("stage") == stage else None
        except (OSError, ValueError, TypeError):
            return None

    def save(self, folder: str | os.PathLike) -> Path:
        # One line, no indent: json's C encoder works only without indent, and at 100,000 articles
        # the items made ``asdict`` and the indenting Python encoder take 1.7 s of a re-run.
        record = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return write_text_atomic(self.path(self.stage, folder), json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n")

    def outputs_intact(self, folder: str | os.PathLike) -> bool:
        """Every recorded output is present with the bytes it was written with."""
        folder = Path(folder)
        return bool(self.outputs) and all(
            (folder / name).is_file() and file_digest(folder / name) == digest for name, digest in self.outputs.items()
        )


def table_digests(folder: str | os.PathLike, names: Iterable[str]) -> dict[str, str]:
    folder = Path(folder)
    return {f"{name}.parquet": file_digest(folder / f"{name}.parquet") for name in names}


@dataclass(frozen=True)
class RawFileState:
    """One file of the raw folder as ingest's walk finds it, and what ``raw_folder_digest`` hashes for it."""

    path: Path
    name: str  # relative to the raw folder, as the manifest gives it
    problem: str | None  # why the walk cannot read it as a file (a broken link, a loop)
    digest: str | None  # SHA-256 of its bytes; None when it has a problem or cannot be read now
    state: str  # the problem, the digest, or why it cannot be read now


def raw_file_states(raw_dir: str | os.PathLike) -> list[RawFileState]:
    """Every file of ingest's walk of ``raw_dir`` (symbolic links and all), in its order, hashed once:
    a caller that needs both the folder's digest and each file's (ingest's per-file reuse) reads the
    bytes once."""
    from .ingest.readers import iter_raw_files, relative_name

    raw_dir = Path(raw_dir)
    states = []
    for path, problem in iter_raw_files(raw_dir):
        digest = None
        if problem:
            state = problem
        else:
            try:
                state = digest = file_digest(path)
            except OSError as error:  # unreadable now: ingest will say so in the manifest
                state = f"unreadable: {error.strerror}"
        states.append(RawFileState(path, relative_name(path, raw_dir), problem, digest, state))
    return states


def raw_states_digest(states: Iterable[RawFileState]) -> str:
    """``raw_folder_digest`` of the folder whose walk gave ``states``."""
    digest = hashlib.sha256()
    for file in states:
        digest.update(file.name.encode("utf-8") + b"\0")
        digest.update(file.state.encode("utf-8") + b"\n")
    return digest.hexdigest()


def raw_folder_digest(raw_dir: str | os.PathLike) -> str:
    """One hash for the raw files ingest reads (the same walk, symbolic links and all): their
    relative names and bytes, and the reason for any it cannot read."""
    return raw_states_digest(raw_file_states(raw_dir))

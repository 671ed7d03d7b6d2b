"""The annotators compiled to C by mypyc, used only while they match their sources.

The annotators are plain Python over regular expressions and Aho-Corasick automata: the time goes
to the many small decisions made per figure and per trigger, in the interpreter. mypyc (the
compiler that builds mypy itself) turns the same typed modules into C extensions: 194,000-209,000 words
per CPU second as Python, 288,000-293,000 compiled, on the benchmark corpus (2026-11-24, this project's
2-core machine; Cython without types gained nothing). The sources stay the truth:

- ``python -m newsledger native build`` (``make native``, which ``make report`` and ``make test``
  run first) compiles ``COMPILED_MODULES`` into ``_compiled/`` and records the digest of each
  source it compiled, and the interpreter it compiled for, in ``_compiled/sources.json``;
- on import, ``newsledger.annotate`` puts ``_compiled/`` before its own folder only while every
  recorded digest matches its source: an edited module makes the package use the Python sources
  (with one warning) until the next build, so an edit is never hidden by an older build;
- ``NEWSLEDGER_PURE_PYTHON=1`` runs the Python sources whatever is built. The two give the same
  annotations, row for row (``tests/annotate/test_native.py``).

A build that fails (no C compiler) records why (``python -m newsledger native status`` tells), and
the annotators run as Python, without a warning in every notebook: the same results, only slower.
``article`` (pandas) is not compiled; ``spans``, the types every annotator returns, is (each
``__init__`` becomes C: see there).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUILD_DIR = PACKAGE_DIR / "_compiled"
MANIFEST_NAME = "sources.json"
PURE_PYTHON_VARIABLE = "NEWSLEDGER_PURE_PYTHON"
# The modules a build compiles: all but the composition with pandas (``article``), this module and
# the package's ``__init__``.
COMPILED_MODULES = (
    "claims", "events", "folded_scan", "gazetteer", "matching", "numbers", "pattern_prefixes",
    "regex_case", "scan_form", "sectors", "sentences", "spans", "timex",
)
# The end of the reason a build is set aside after its sources were edited: the one worth a warning.
_EDITED = "changed since it was built"
# The group library that holds the compiled code; each module's own extension only points into it.
_GROUP = "newsledger.annotate._native"


def source_digests(package_dir: Path = PACKAGE_DIR) -> dict[str, str]:
    return {name: hashlib.sha256((package_dir / f"{name}.py").read_bytes()).hexdigest() for name in COMPILED_MODULES}


def _interpreter() -> str:
    return f"{sys.implementation.cache_tag}-{sys.platform}"


def stale_reason(build_dir: Path = BUILD_DIR, package_dir: Path = PACKAGE_DIR) -> str | None:
    """Why the build in ``build_dir`` must not be used (None: it may)."""
    manifest = build_dir / MANIFEST_NAME
    if not manifest.exists():
        return "nothing was built"
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return f"its record {manifest} cannot be read ({error})"
    if recorded.get("failed"):
        return f"the last build failed: {recorded['failed']}"
    if recorded.get("interpreter") != _interpreter():
        return f"it was built for {recorded.get('interpreter')}, this is {_interpreter()}"
    sources = recorded.get("sources", {})
    changed = [name for name, digest in source_digests(package_dir).items() if sources.get(name) != digest]
    if changed:
        return f"{', '.join(f'{name}.py' for name in changed)} {_EDITED}"
    return None


def pure_python_asked() -> bool:
    """Whether ``NEWSLEDGER_PURE_PYTHON`` asks for the Python sources, whatever is built."""
    return os.environ.get(PURE_PYTHON_VARIABLE, "") not in ("", "0")


def compiled_folder(build_dir: Path = BUILD_DIR, package_dir: Path = PACKAGE_DIR) -> str | None:
    """The folder to search before the package's own for its modules, or None for pure Python."""
    if pure_python_asked():
        return None
    reason = stale_reason(build_dir, package_dir)
    if reason is None:
        return str(build_dir)
    # Only a build older than its sources is worth a warning: it is a developer's edit in progress.
    if reason.endswith(_EDITED):
        warnings.warn(f"newsledger: the compiled annotators are not used ({reason}); the Python sources run, "
                      f"with the same results, slower. `make native` rebuilds them.", stacklevel=3)
    return None


def is_compiled() -> bool:
    """Whether the annotators running in this process are the compiled ones."""
    from . import claims

    return not claims.__file__.endswith(".py")


def build(build_dir: Path = BUILD_DIR, echo=print) -> bool:
    """Compile ``COMPILED_MODULES`` into ``build_dir`` and record their sources; False (with the
    reason recorded, and the Python sources left in use) when it cannot be done here."""
    sources = source_digests()
    src_root = PACKAGE_DIR.parent.parent
    shutil.rmtree(build_dir, ignore_errors=True)
    build_dir.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="newsledger-native-") as scratch:
        # A child process: setuptools and mypyc read their options from the command line and leave
        # state behind; the C compiler's errors go to the log, and only the reason to the record.
        script = (
            "import sys\n"
            "from setuptools import setup\n"
            "from mypyc.build import mypycify\n"
            f"modules = {[f'newsledger/annotate/{name}.py' for name in COMPILED_MODULES]!r}\n"
            f"setup(name='newsledger-native', script_args=['build_ext', '--build-lib', {scratch + '/lib'!r}, "
            f"'--build-temp', {scratch + '/temp'!r}],\n"
            f"      ext_modules=mypycify(['--cache-dir', {scratch + '/mypy'!r}, '--ignore-missing-imports', "
            f"'--follow-imports=silent', *modules], opt_level='3', target_dir={scratch + '/c'!r}, group_name={_GROUP!r}))\n"
        )
        echo(f"native: compiling {len(COMPILED_MODULES)} annotator modules with mypyc (about two minutes) ...")
        done = subprocess.run([sys.executable, "-c", script], cwd=src_root, capture_output=True, text=True)
        log = build_dir / "build.log"
        log.write_text(done.stdout + done.stderr, encoding="utf-8")
        built = sorted((Path(scratch) / "lib" / "newsledger" / "annotate").glob("*.so")) if done.returncode == 0 else []
        if not built:
            last = (done.stderr.strip().splitlines() or ["no extension was built"])[-1]
            reason = f"{last} (log: {log})"
            (build_dir / MANIFEST_NAME).write_text(json.dumps({"failed": reason, "sources": sources}, indent=1), encoding="utf-8")
            echo(f"native: compiling failed: {reason}. The annotators run as Python: the same results, slower.")
            return False
        for library in built:
            shutil.copy2(library, build_dir / library.name)
    record = {"interpreter": _interpreter(), "sources": sources, "modules": [p.name for p in built]}
    (build_dir / MANIFEST_NAME).write_text(json.dumps(record, indent=1), encoding="utf-8")
    echo(f"native: {len(built)} extension files in {build_dir}")
    return True


def status() -> str:
    if pure_python_asked():
        return f"compiled annotators: not used, the Python sources run ({PURE_PYTHON_VARIABLE} is set)"
    reason = stale_reason()
    return "compiled annotators: in use" if reason is None else f"compiled annotators: not used, the Python sources run ({reason})"

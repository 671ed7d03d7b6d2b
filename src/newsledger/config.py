"""Where things live. Every path the project uses is derived here, from the repository root."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
DEFAULT_RAW_DIR = PROJECT_ROOT / "data" / "raw"
DEFAULT_PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
DEFAULT_REPORTS_DIR = PROJECT_ROOT / "reports"

# A notebook run without parameters (in JupyterLab, or by nbval) takes its folders from these
# variables when set, else from the defaults above. The test suite sets them to temporary folders
# so that nothing it runs writes into the working tree.
ENV_RAW_DIR = "NEWSLEDGER_RAW_DIR"
ENV_PROCESSED_DIR = "NEWSLEDGER_PROCESSED_DIR"
ENV_REPORTS_DIR = "NEWSLEDGER_REPORTS_DIR"


def resolve_dir(given: str | os.PathLike | None, env_var: str, default: Path) -> Path:
    """The folder to use: the one given, else the environment's, else the default; made absolute."""
    chosen = given if given not in (None, "") else os.environ.get(env_var) or default
    return Path(chosen).expanduser().resolve()


def raw_dir(given: str | os.PathLike | None = None) -> Path:
    return resolve_dir(given, ENV_RAW_DIR, DEFAULT_RAW_DIR)


def processed_dir(given: str | os.PathLike | None = None) -> Path:
    return resolve_dir(given, ENV_PROCESSED_DIR, DEFAULT_PROCESSED_DIR)


def reports_dir(given: str | os.PathLike | None = None) -> Path:
    return resolve_dir(given, ENV_REPORTS_DIR, DEFAULT_REPORTS_DIR)

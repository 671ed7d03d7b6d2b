"""The install is reproducible: one pinned lock, used by pip (Makefile) and conda (environment.yml)."""

import re
from importlib.metadata import version
from pathlib import Path

import yaml

from newsledger.dictionary import DICTIONARY_PATH, data_dictionary_markdown

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "requirements.lock"


def _pins() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        assert match, f"requirements.lock line is not an exact pin: {line!r}"
        pins[match[1].lower().replace("_", "-")] = match[2]
    return pins


def test_environment_yml_installs_the_lock_file_and_python_311():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps = env["dependencies"]
    assert "python=3.11" in deps
    pip_sections = [d["pip"] for d in deps if isinstance(d, dict) and "pip" in d]
    assert pip_sections == [["-r requirements/requirements.lock"]]
    # Any other package named in environment.yml would be a second source of versions.
    assert [d for d in deps if isinstance(d, str)] == ["python=3.11", "pip"]


def test_makefile_installs_the_same_lock_file():
    makefile = (ROOT / "Makefile").read_text()
    assert "-r requirements/requirements.lock" in makefile


def test_every_direct_dependency_is_pinned():
    pins = _pins()
    direct = [re.split(r"[<>=\[]", line.strip())[0].lower().replace("_", "-")
              for line in (ROOT / "requirements" / "requirements.in").read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    missing = [name for name in direct if name not in pins]
    assert not missing, f"direct dependencies without a pin in requirements.lock: {missing}"


def test_installed_versions_match_the_lock():
    mismatched = {name: (pinned, version(name)) for name, pinned in _pins().items() if version(name) != pinned}
    assert not mismatched, f"installed versions differ from the lock (run make install): {mismatched}"


def test_nbconvert_has_the_html_export_fixes():
    major, minor, patch = (int(p) for p in _pins()["nbconvert"].split(".")[:3])
    assert (major, minor, patch) >= (7, 17, 1)


def test_data_dictionary_is_current():
    assert DICTIONARY_PATH.read_text() == data_dictionary_markdown(), "run `make dictionary` and commit docs/data_dictionary.md"

"""Test-session set-up for tests/ and for nbval over notebooks/.

Notebooks run without parameters take their folders from NEWSLEDGER_* variables; pointing those at a
session folder keeps every test run, nbval included, out of the working tree's data/ and reports/.
"""

import os
import tempfile

_session_dir = tempfile.mkdtemp(prefix="newsledger-tests-")
os.environ["NEWSLEDGER_PROCESSED_DIR"] = os.path.join(_session_dir, "processed")
os.environ["NEWSLEDGER_REPORTS_DIR"] = os.path.join(_session_dir, "reports")

# In CI, hypothesis draws the same examples every run (derandomize), so a red build is reproducible
# and a green one is not luck; locally it explores new examples each run.
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("ci", derandomize=True, database=None)
    if os.environ.get("CI"):
        _hypothesis_settings.load_profile("ci")
except ImportError:  # hypothesis is in the lock; this only guards a partial install
    pass

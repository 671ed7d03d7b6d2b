"""Test-session set-up for tests/ and for nbval over notebooks/.

Notebooks run without parameters take their folders from NEWSLEDGER_* variables; pointing those at a
session folder keeps every test run, nbval included, out of the working tree's data/ and reports/.
"""

import os
import tempfile

_session_dir = tempfile.mkdtemp(prefix="newsledger-tests-")
os.environ["NEWSLEDGER_PROCESSED_DIR"] = os.path.join(_session_dir, "processed")
os.environ["NEWSLEDGER_REPORTS_DIR"] = os.path.join(_session_dir, "reports")

"""Test-wide set-up: Qt runs offscreen, and every test gets its own data folder."""

from __future__ import annotations

import os

# Before anything imports Qt: with no display and no platform, Qt aborts the
# whole pytest process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# Data folders are encrypted; their keys go to a key store of the test run's own, never the
# user's (subprocesses that the tests start inherit it).
if "FIELDCASE_KEY_DIR" not in os.environ:
    import atexit
    import shutil
    import tempfile

    os.environ["FIELDCASE_KEY_DIR"] = tempfile.mkdtemp(prefix="fieldcase-test-keys-")
    atexit.register(shutil.rmtree, os.environ["FIELDCASE_KEY_DIR"], True)

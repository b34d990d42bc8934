"""Test-wide set-up: Qt runs offscreen, and every test gets its own data folder."""

from __future__ import annotations

import os

# Before anything imports Qt: with no display and no platform, Qt aborts the
# whole pytest process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

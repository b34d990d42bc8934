"""The desk's fixtures: a real server with accounts (tests/ui/desk/world.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.desk.world import World, close_world, open_world


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = open_world(tmp_path)
    yield w
    close_world(w)


@pytest.fixture(autouse=True)
def _desk_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test remembers its own server and language."""
    monkeypatch.setenv("FIELDCASE_DESK_INI", str(tmp_path / "desk.ini"))

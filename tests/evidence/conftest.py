"""Fixtures for signed evidence: the tablet fixtures of tests/app and tests/sync, each test with its
own device-key folder (never the user's configuration folder, never the OS keyring)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services import Tablet
from tests.app.conftest import cli, data_dir, photo, tablet  # noqa: F401  (fixtures, registered by import)
from tests.sync.conftest import (  # noqa: F401
    databases,
    field,
    live,
    make_server,
    photos,
)


@pytest.fixture(scope="session")
def backend() -> str:
    """The tablet's side of signed evidence does not depend on the server's database: SQLite only."""
    return "sqlite"


@pytest.fixture(autouse=True)
def key_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "keys"
    monkeypatch.setenv("FIELDCASE_KEY_DIR", str(folder))
    return folder


@pytest.fixture
def unsigned_tablet(data_dir: Path) -> Iterator[Tablet]:  # noqa: F811
    """A tablet as it was before signed evidence: no key, nothing signed."""
    with Tablet(data_dir, sign=False) as t:
        yield t

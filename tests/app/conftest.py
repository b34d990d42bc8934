"""Fixtures for the tablet's use-cases and CLI: a data folder, photos with GPS made by code."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.services import Tablet
from tests.photofactory import Gps, make_exif, write_jpeg

ZZ = (34.7466, 113.6253)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def tablet(data_dir: Path) -> Iterator[Tablet]:
    with Tablet(data_dir) as t:
        yield t


@pytest.fixture
def photo(tmp_path: Path) -> Callable[..., Path]:
    """photo(name, lat=…, lon=…) writes a small JPEG with EXIF GPS and a capture time."""
    counter = iter(range(10_000))

    def make(name: str | None = None, lat: float | None = ZZ[0], lon: float | None = ZZ[1],
             taken_at: str = "2026:11:20 09:30:12", offset: str | None = "+08:00") -> Path:
        n = next(counter)
        gps = Gps(lat, lon) if lat is not None and lon is not None else None
        exif = make_exif(gps=gps, taken_at=taken_at, offset=offset, make="Huawei", model="MatePad")
        folder = tmp_path / "photos"
        folder.mkdir(exist_ok=True)
        # A different size per photo makes different bytes, so each is its own evidence.
        return write_jpeg(folder / (name or f"IMG_{n:04d}.jpg"), exif=exif,
                          upright_size=(64 + n, 48))

    return make


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, Any, str]]:
    """cli(*args) runs `fieldcase --data-dir D --json ARGS` in-process: (exit code, JSON, stderr)."""

    def run(*args: str, as_json: bool = True) -> tuple[int, Any, str]:
        argv = ["--data-dir", str(data_dir), *args] + (["--json"] if as_json else [])
        code = main(argv)
        captured = capsys.readouterr()
        doc = json.loads(captured.out) if as_json and captured.out.strip() else captured.out
        return code, doc, captured.err

    return run

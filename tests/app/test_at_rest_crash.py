"""Encrypting an old plain data folder, killed with SIGKILL at random moments: after each kill
every case and photo is still there (plain or encrypted, never half of either), and the next
start finishes the job. The everyday tier kills a few times; the slow tier many times."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.paths import DataPaths
from app.services import Tablet
from storage.blobs import BlobStore
from storage.db import open_connection
from storage.keys import folder_key, read_marker
from storage.sealed import MAGIC
from storage.vault import ENV_ENCRYPTION, file_cipher, prepare_folder
from tests.photofactory import Gps, make_exif, write_realistic_jpeg

ROOT = Path(__file__).resolve().parents[2]
# What Tablet() does first when it opens a folder (imports done before "go", so that the kills
# spread over the encryption itself rather than over the interpreter's start-up).
WORKER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from app.paths import DataPaths\n"
    "from storage.vault import prepare_folder\n"
    "paths = DataPaths(Path(sys.argv[1]))\n"
    "print('go', flush=True)\n"
    "prepare_folder(paths.root, paths.database, {'originals': paths.originals, 'previews': paths.previews})\n"
    "print('done', flush=True)\n"
)


def _encrypt(data: Path) -> None:
    paths = DataPaths(data)
    prepare_folder(paths.root, paths.database, {"originals": paths.originals, "previews": paths.previews})


def _plain_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, str], dict[str, bytes]]:
    """A folder made before encryption: cases with photos, and what must survive."""
    src = tmp_path / "src"
    src.mkdir()
    photos = [
        write_realistic_jpeg(
            src / f"P{i:03d}.jpg",
            size=(800 + 8 * i, 600),
            seed=i,
            exif=make_exif(gps=Gps(34.7 + i / 1000, 113.6), taken_at="2026:11:20 10:00:00"),
        )
        for i in range(24)
    ]
    data = tmp_path / "pristine"
    monkeypatch.setenv(ENV_ENCRYPTION, "off")
    with Tablet(data) as tablet:
        cases = {}
        for i in range(0, len(photos), 4):
            case = tablet.new_case(
                type="manhole_cover",
                subtype="broken",
                fields={"owner": "gas"},
                address=f"郑州市花园路 {i} 号",
                photos=photos[i : i + 4],
            )
            cases[case.id] = case.address
        blobs = {sha: tablet.originals.read_bytes(sha) for sha in tablet.originals.hashes()}
    monkeypatch.setenv(ENV_ENCRYPTION, "on")
    return data, cases, blobs


def _assert_intact(data: Path, cases: dict[str, str], blobs: dict[str, bytes], round_no: int) -> None:
    """Without finishing the encryption: each photo whole (plain or sealed), the database whole."""
    key = folder_key(data) if read_marker(data) else None
    db = data / "fieldcase.db"
    if db.read_bytes()[:16] == b"SQLite format 3\x00":
        conn = sqlite3.connect(db)
    else:
        assert key is not None, f"round {round_no}: an encrypted database without a marker"
        conn = open_connection(db)
    try:
        found = dict(conn.execute("SELECT id, address FROM cases").fetchall())
    finally:
        conn.close()
    assert found == cases, f"round {round_no}: cases lost or changed"
    sealed_store = BlobStore(data / "originals", cipher=file_cipher(key, "originals")) if key else None
    for sha, content in blobs.items():
        path = BlobStore(data / "originals").path_for(sha)
        raw = path.read_bytes()
        if raw[: len(MAGIC)] == MAGIC:
            assert sealed_store is not None and sealed_store.read_bytes(sha) == content, f"round {round_no}: {sha}"
        else:
            assert hashlib.sha256(raw).hexdigest() == sha, f"round {round_no}: half-written plain photo {sha}"


def _kill_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kills: int, seed: int, min_interrupted: int) -> None:
    pristine, cases, blobs = _plain_folder(tmp_path, monkeypatch)
    # How long one whole encryption takes here, to spread the kills over it.
    timing = tmp_path / "timing"
    shutil.copytree(pristine, timing)
    start = time.monotonic()
    _encrypt(timing)
    duration = time.monotonic() - start
    data = tmp_path / "data"
    shutil.copytree(pristine, data)
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed_mid_run = 0
    interrupted = 0  # kills that left the folder half encrypted
    for round_no in range(kills):
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(data)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline() == "go\n"
        time.sleep(rng.uniform(0, duration * 1.1))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed_mid_run += 1
        _, err = proc.communicate(timeout=60)
        assert proc.returncode in (0, -signal.SIGKILL), err
        _assert_intact(data, cases, blobs, round_no)
        marker = read_marker(data)
        interrupted += marker is not None and marker["state"] == "encrypting"
        if proc.returncode == 0:  # finished: the next round starts again from the plain folder
            shutil.rmtree(data)
            shutil.copytree(pristine, data)
    assert interrupted >= min_interrupted, (interrupted, killed_mid_run, duration)
    with Tablet(data) as tablet:
        assert read_marker(data)["state"] == "encrypted"  # type: ignore[index]
        report = tablet.check()
        assert report.ok and report.photos_checked == len(blobs), report.problems
        assert {sha: tablet.originals.read_bytes(sha) for sha in blobs} == blobs
        assert {c.id: c.address for c in tablet.cases()} == cases
    for path in (p for p in data.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        assert not any(content[5000:5064] in raw for content in blobs.values()), f"plain photo bytes in {path}"


def test_encrypting_an_old_folder_survives_a_few_kills(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _kill_loop(tmp_path, monkeypatch, kills=5, seed=7, min_interrupted=1)


@pytest.mark.slow
def test_encrypting_an_old_folder_survives_many_kills(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _kill_loop(tmp_path, monkeypatch, kills=30, seed=2027, min_interrupted=8)

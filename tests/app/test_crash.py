"""Ingest killed with SIGKILL at random moments: nothing acknowledged is lost, nothing half-written shows.

The everyday tier kills a few times; the slow tier (CI) at least 50 times.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.services import Tablet
from tests.photofactory import Gps, make_exif, write_realistic_jpeg

ROOT = Path(__file__).resolve().parents[2]


def _photos(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    return [
        write_realistic_jpeg(folder / f"P{i:03d}.jpg", size=(1600 + 8 * i, 1200), seed=i,
                             exif=make_exif(gps=Gps(34.7 + i / 1000, 113.6), taken_at="2026:11:20 10:00:00"))
        for i in range(count)
    ]


def _kill_loop(tmp_path: Path, kills: int, seed: int, min_acks: int) -> None:
    rng = random.Random(seed)
    photos = _photos(tmp_path / "src", 16)
    data, ack = tmp_path / "data", tmp_path / "acked.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed_mid_run = 0
    for round_no in range(kills):
        remaining = photos[round_no % len(photos):] + photos[: round_no % len(photos)]
        remaining = remaining[:8]
        proc = subprocess.Popen([sys.executable, "-m", "tests.app.crash_worker", str(data), str(ack),
                                 *map(str, remaining)], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # Start-up (imports, opening the database, starting the decoder) takes about a second
        # here: the delays cover start-up, ingest, and the moments between photos.
        time.sleep(rng.uniform(0.3, 4.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed_mid_run += 1
        proc.wait(timeout=30)
        if proc.stderr:
            proc.stderr.close()
        _assert_intact(data, ack, round_no)
    # The kills must really land while work is under way, and the work must get somewhere.
    assert killed_mid_run >= kills * 0.7
    assert ack.exists() and len(ack.read_text().splitlines()) >= min_acks


def _assert_intact(data: Path, ack: Path, round_no: int) -> None:
    if not (data / "fieldcase.db").exists():
        return
    acked = {tuple(line.split()) for line in ack.read_text().splitlines()} if ack.exists() else set()
    with Tablet(data) as tablet:
        report = tablet.check()
        assert report.ok, f"round {round_no}: {report.problems}"
        evidence = {(i, p.sha256) for i in tablet.case_ids() for p in tablet.case(i).photos}
        assert acked <= evidence, f"round {round_no}: acknowledged photos lost: {acked - evidence}"
        # Every file visible as a blob is whole: its content matches its name.
        for sha in tablet.originals.hashes():
            assert tablet.originals.verify(sha), f"round {round_no}: half-written blob {sha}"


def test_ingest_survives_a_few_kills(tmp_path: Path) -> None:
    _kill_loop(tmp_path, kills=4, seed=5, min_acks=1)


@pytest.mark.slow
def test_ingest_survives_fifty_random_kills(tmp_path: Path) -> None:
    _kill_loop(tmp_path, kills=55, seed=2026, min_acks=10)

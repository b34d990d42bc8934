"""Sync through a hostile network: cuts at random byte offsets, lost answers, stalls, 5xx, a server
restarted mid-sync and the tablet killed mid-sync. Afterwards the server holds exactly the tablet's
cases and photos, with no duplicates, and the tablet shows everything synced.

The everyday tier injects a few dozen faults; the slow tier (CI) at least 200.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from sync import protocol
from tests.netfaults import FaultProxy
from tests.server.conftest import start_server

ROOT = Path(__file__).resolve().parents[2]


def _assert_converged(field) -> None:
    tablet = field.tablet
    submitted = {c.id: c for c in tablet.cases() if c.status != "draft"}
    assert all(c.sync == "synced" for c in submitted.values()), [c.sync for c in submitted.values()]
    assert tablet.sync_store.pending_count() == 0
    with field.server.core.store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id FROM cases")).fetchall()
    server_ids = [r[0] for r in rows]
    assert len(server_ids) == len(set(server_ids)), "a case is on the server twice"
    assert set(server_ids) == set(submitted), "the server's cases differ from the tablet's"
    for case in submitted.values():
        for photo in case.photos:
            theirs = field.server.core.photos.blob_path(photo.sha256).read_bytes()
            assert theirs == tablet.originals.read_bytes(photo.sha256)  # the plaintext, decrypted
    assert tablet.check().ok


def _sync_through_faults(field, photos, monkeypatch, *, faults: int, seed: int) -> FaultProxy:
    # Small chunks, so that photos go in several chunks and cuts land between and inside them.
    monkeypatch.setattr(protocol, "CHUNK_SIZE", 16 * 1024)
    rng = random.Random(seed)
    host, port = field.server.url.rsplit(":", 1)
    with FaultProxy("127.0.0.1", int(port), seed=seed, faults_per_request=True, cut_upstream=0.2,
                    cut_downstream=0.2, http_5xx=0.1, stall=0.02, stall_seconds=3.0) as proxy:
        field.point_at(proxy.url_for())
        rounds = 0
        while proxy.faults_injected < faults:
            rounds += 1
            assert rounds < faults * 4, f"only {proxy.faults_injected} faults in {rounds} rounds"
            if rng.random() < 0.5:
                field.new_submitted(photos(rng.randint(2, 3)))
            field.tablet.sync(timeout=1.0)
        proxy.set_enabled(False)
        for _ in range(5):
            if field.tablet.sync(timeout=10.0).complete:
                break
        assert proxy.faults_injected >= faults
        assert set(proxy.faults_by_kind) >= {"cut_upstream", "cut_downstream", "http_5xx"}
    field.point_at(field.server.url)
    return proxy


def test_sync_survives_dozens_of_faults(field, photos, monkeypatch) -> None:
    _sync_through_faults(field, photos, monkeypatch, faults=40, seed=11)
    _assert_converged(field)


@pytest.mark.slow
def test_sync_survives_two_hundred_faults(field, photos, monkeypatch) -> None:
    proxy = _sync_through_faults(field, photos, monkeypatch, faults=220, seed=2026)
    assert proxy.faults_injected >= 200
    _assert_converged(field)


# Stopping uvicorn in the middle of a request leaves that request's socket to the garbage
# collector (a ResourceWarning in the server's thread): that is the crash being simulated.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_server_restarted_mid_sync(field, photos, monkeypatch) -> None:
    monkeypatch.setattr(protocol, "CHUNK_SIZE", 8 * 1024)
    for _ in range(6):
        field.new_submitted(photos(3))
    server = field.server
    host, port = server.url.rsplit(":", 1)
    with FaultProxy("127.0.0.1", int(port), seed=1) as proxy:
        field.point_at(proxy.url_for())
        result: dict = {}
        worker = threading.Thread(target=lambda: result.setdefault("r", field.tablet.sync(timeout=2.0)))
        # The tablet's connection is used by one thread at a time: the sync runs alone while the
        # server goes down under it.
        worker.start()
        time.sleep(0.3)
        server.stop()
        server.core.close()
        worker.join(timeout=60)
        first = result["r"]
        # A new server process on the same database and blob store.
        restarted = start_server(server.config, server.backend, migrate=False)
        try:
            field.server = restarted
            proxy.set_upstream("127.0.0.1", int(restarted.url.rsplit(":", 1)[1]))
            for _ in range(3):
                if field.tablet.sync(timeout=10.0).complete:
                    break
            field.point_at(restarted.url)
            _assert_converged(field)
            assert first.error is not None or first.complete
        finally:
            restarted.stop()
            restarted.core.close()
            restarted._socket.close()
    server._socket.close()


def test_tablet_killed_mid_sync(field, photos, monkeypatch) -> None:
    for _ in range(8):
        field.new_submitted(photos(3))
    data = str(field.data_dir)
    field.tablet.close()
    rng = random.Random(5)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kills = 0
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-m", "app.cli", "--data-dir", data, "sync"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.8, 2.5))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=30)
    from app.services import Tablet

    field.tablet = Tablet(field.data_dir)
    for _ in range(3):
        if field.tablet.sync(timeout=10.0).complete:
            break
    _assert_converged(field)

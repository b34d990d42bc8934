"""SQLite's writers take turns on a lock file beside the database (server/store.py), so the API worker
processes wake the moment the writer before them is done instead of polling SQLite's lock."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import sqlalchemy as sa

from server.store import Store
from tests.server.helpers import flock_held_elsewhere


def test_a_write_holds_the_writers_lock_file_until_it_ends(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'server.db'}", pool_size=2)
    try:
        with store.write() as conn:
            conn.execute(sa.text("CREATE TABLE t (n INTEGER)"))
        lock = tmp_path / "server.db.writer"
        assert lock.is_file() and not flock_held_elsewhere(lock)
        with store.write() as conn:
            assert flock_held_elsewhere(lock)
            conn.execute(sa.text("INSERT INTO t VALUES (1)"))
        assert not flock_held_elsewhere(lock)
        try:
            with store.write() as conn:
                conn.execute(sa.text("INSERT INTO t VALUES (2)"))
                raise RuntimeError("a write that fails")
        except RuntimeError:
            pass
        assert not flock_held_elsewhere(lock)  # let go after a failed write too (rolled back)
        with store.write() as conn:
            conn.execute(sa.text("INSERT INTO t VALUES (2)"))
        with store.read() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM t")).scalar_one() == 2
    finally:
        store.close()


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    store = Store(url, pool_size=2)
    with store.write() as conn:
        conn.execute(sa.text("CREATE TABLE t (who TEXT, n INTEGER)"))
    store.close()
    script = textwrap.dedent(
        f"""
        import sys, sqlalchemy as sa
        sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
        from server.store import Store
        store = Store({url!r}, pool_size=2)
        for n in range(300):
            with store.write() as conn:
                last = conn.execute(sa.text("SELECT count(*) FROM t")).scalar_one()
                conn.execute(sa.text("INSERT INTO t VALUES (:w, :n)"), {{"w": sys.argv[1], "n": last}})
        store.close()
        """
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, who]) for who in ("a", "b", "c")]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    store = Store(url, pool_size=2)
    try:
        with store.read() as conn:
            rows = conn.execute(sa.text("SELECT n FROM t ORDER BY rowid")).scalars().all()
    finally:
        store.close()
    # Each write saw every write before it: the counts read inside the turns are 0, 1, 2, … in order.
    assert rows == list(range(900))

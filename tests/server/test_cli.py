"""`fieldcase-server`: each command with --json and its exit code, on SQLite and PostgreSQL; `serve` as a
real process."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from server.cli import main
from server.schema import metadata
from server.store import Store
from tests.server.conftest import Databases

Run = Callable[..., tuple[int, Any, str]]
CHEAP = {"FIELDCASE_ARGON2_TIME_COST": "1", "FIELDCASE_ARGON2_MEMORY_KIB": "8192"}


@pytest.fixture
def database_url(backend: str, databases: Databases) -> str:
    return databases.new(backend)


@pytest.fixture
def cli(tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """cli(*args, stdin=…, as_json=True): `fieldcase-server --data-dir D --database URL [--json] ARGS`."""
    for key, value in CHEAP.items():
        monkeypatch.setenv(key, value)

    def run(*args: str, stdin: str = "", as_json: bool = True) -> tuple[int, Any, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        argv = ["--data-dir", str(tmp_path / "data"), "--database", database_url]
        argv += ["--json"] if as_json else []
        code = main([*argv, *args])
        captured = capsys.readouterr()
        out: Any = captured.out
        if as_json and captured.out.strip():
            out = json.loads(captured.out)
        return code, out, captured.err

    return run


def test_migrations_from_empty_match_the_tables(database_url: str) -> None:
    store = Store(database_url, pool_size=1)
    try:
        assert store.revision() is None and not store.is_current()
        before, after = store.migrate()
        assert before is None and after == store.head() and store.is_current()
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
        assert diff == []
        assert store.migrate() == (after, after)  # again: nothing to do
        with store.engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
        assert {"cases", "receipts", "changes", "audit_events", "deadlines", "users", "devices"} <= tables
    finally:
        store.close()


def test_commands_refuse_an_unmigrated_database(cli: Run) -> None:
    code, out, err = cli("user", "list")
    assert code == 4 and out["error"]["code"] == "not_migrated" and "migrate" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_it_chores_with_json_and_exit_codes(cli: Run) -> None:
    code, out, _ = cli("migrate")
    assert code == 0 and out["from"] is None and out["to"]
    assert cli("district", "add", "jinshui", "--name", "Jinshui")[0] == 0
    code, out, err = cli("district", "add", "jinshui", "--name", "again")
    assert code == 4 and out["error"]["code"] == "exists" and "already exists" in err
    code, out, _ = cli("unit", "add", "water_supply_co", "--name", "Water")
    assert code == 0 and out == {"code": "water_supply_co", "name": "Water"}
    code, out, _ = cli(
        "user", "add", "li", "--role", "inspector", "--district", "jinshui", "--password-stdin", stdin="s3cret-pass\n"
    )
    assert code == 0 and out == {"name": "li", "role": "inspector", "districts": ["jinshui"], "unit": None}
    code, out, _ = cli(
        "user", "add", "wang", "--role", "unit", "--unit", "water_supply_co", "--password-stdin", stdin="s3cret-pass\n"
    )
    assert code == 0 and out["unit"] == "water_supply_co"
    assert (
        cli(
            "user",
            "add",
            "zhao",
            "--role",
            "supervisor",
            "--district",
            "nowhere",
            "--password-stdin",
            stdin="s3cret-pass",
        )[0]
        == 3
    )
    assert cli("user", "add", "zhao", "--role", "chief", "--password-stdin", stdin="s3cret-pass")[0] == 2
    assert cli("user", "add", "zhao", "--role", "admin", "--password-stdin", stdin="short")[0] == 4
    assert cli("user", "add", "li", "--role", "admin", "--password-stdin", stdin="s3cret-pass")[0] == 4
    code, users, _ = cli("user", "list")
    assert code == 0 and [u["name"] for u in users] == ["li", "wang"]
    assert cli("user", "disable", "li")[:2] == (0, {"name": "li", "disabled": True})
    assert cli("user", "disable", "nobody")[0] == 3
    code, doc, _ = cli("device", "enroll-code", "--district", "jinshui")
    assert code == 0 and doc["district"] == "jinshui" and len(doc["code"]) == 14 and doc["expires_at"]
    assert cli("device", "enroll-code", "--district", "nowhere")[0] == 3
    assert cli("device", "revoke", "no-such-device")[0] == 3
    code, cases, _ = cli("case", "list")
    assert code == 0 and cases == []
    assert cli("case")[0] == 2
    assert cli("frobnicate")[0] == 2
    assert cli()[0] == 2


def test_enroll_code_text_puts_the_code_alone_on_the_last_line(cli: Run) -> None:
    cli("migrate")
    code, text, _ = cli("device", "enroll-code", as_json=False)
    last = text.rstrip("\n").splitlines()[-1]
    assert code == 0 and len(last) == 14 and last.count("-") == 2 and " " not in last


def test_demo_accounts_print_their_passwords(cli: Run) -> None:
    code, doc, _ = cli("demo-accounts")
    assert code == 0
    assert {u["role"] for u in doc["users"]} == {"inspector", "supervisor", "unit", "admin"}
    assert all(len(u["password"]) >= 8 for u in doc["users"])
    assert doc["enroll_code"]["district"] == "demo"
    code, text, _ = cli("demo", as_json=False)  # again: the same accounts, passwords reset
    assert code == 0 and "inspector-demo" in text and len(text.splitlines()[-1]) == 14


def test_an_unreachable_database_exits_5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://nobody@127.0.0.1:1/none"
    code = main(["--data-dir", str(tmp_path), "--database", url, "--json", "user", "list"])
    out = json.loads(capsys.readouterr().out)
    assert code == 5 and out["error"]["code"] == "database_unreachable"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_runs_the_api_and_refuses_an_unmigrated_database(tmp_path: Path, database_url: str) -> None:
    env = {**os.environ, **CHEAP}
    base = [sys.executable, "-m", "server.cli", "--data-dir", str(tmp_path / "data"), "--database", database_url]
    port = _free_port()
    refused = subprocess.run([*base, "serve", "--port", str(port)], env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 4 and "migrate" in refused.stderr
    process = subprocess.Popen(
        [*base, "serve", "--port", str(port), "--migrate", "--token-ttl", "60"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
                break
            except requests.ConnectionError:
                assert process.poll() is None, process.communicate()
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert response.status_code == 200 and response.json()["status"] == "ok"
        openapi = requests.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5).json()
        assert "/api/v1/sync/cases" in openapi["paths"]
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    # uvicorn shuts down gracefully, then re-raises SIGTERM so the exit status tells how it ended.
    assert process.returncode in (0, -signal.SIGTERM), err
    assert b"Application shutdown complete" in err
    assert (tmp_path / "data" / "logs" / "server.log").exists()


def test_every_command_is_documented() -> None:
    """Like sqlite-utils' test_docs: a command missing from docs/server.md fails here."""
    import argparse

    from server.cli import build_parser

    docs = (Path(__file__).resolve().parents[2] / "docs" / "server.md").read_text(encoding="utf-8")

    def commands(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
        found = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    nested = commands(sub, f"{prefix}{name} ")
                    found += nested or [f"{prefix}{name}"]
        return found

    missing = [c for c in commands(build_parser()) if f"`{c}" not in docs]
    assert missing == []


def test_a_serving_worker_leaves_its_startup_objects_out_of_the_collectors_passes(tmp_path: Path) -> None:
    """`serve --workers N`'s factory freezes what the app made at startup and raises the young generation's
    threshold (server.app.settle_heap); an app made in process (the tests' servers) leaves the collector be."""
    from server.config import ServerConfig

    config = ServerConfig(data_dir=tmp_path / "data", database_url=f"sqlite:///{tmp_path / 'server.db'}")
    store = Store(config.database_url, pool_size=1)
    store.migrate()
    store.close()
    probe = (
        "import gc, json; from server.app import create_app, create_app_from_env; from server.config import "
        "ServerConfig; before = (gc.get_freeze_count(), gc.get_threshold()); create_app(ServerConfig.from_env()); "
        "middle = (gc.get_freeze_count(), gc.get_threshold()); create_app_from_env(); "
        "print(json.dumps([before, middle, (gc.get_freeze_count(), gc.get_threshold())]))"
    )
    env = {**os.environ, **CHEAP, **config.to_env()}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    before, middle, after = json.loads(done.stdout.strip().splitlines()[-1])
    assert before == middle and before[0] == 0
    assert after[0] > 10_000 and after[1] == [max(before[1][0], 10_000), *before[1][1:]]

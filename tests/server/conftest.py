"""Real servers for the server tests: uvicorn on 127.0.0.1 (a free port, in a thread), over SQLite and
over PostgreSQL (a fresh database with a random name, dropped afterwards).

The PostgreSQL parameters are skipped, with the reason, only when no PostgreSQL can be reached or
started. `FIELDCASE_TEST_POSTGRES` names the maintenance database to connect to (default
`postgresql:///postgres`, the local socket as the current user).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
import uvicorn

from server.app import create_app
from server.config import ServerConfig
from server.core import Core
from server.store import Store
from tests.server.helpers import Account, Client

PG_ADMIN = os.environ.get("FIELDCASE_TEST_POSTGRES", "postgresql:///postgres")
_pg_reason: list[str | None] = []


def _try_pg() -> str | None:
    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def postgres_unavailable() -> str | None:
    """None if PostgreSQL answers (starting the local cluster if need be), else why not."""
    if _pg_reason:
        return _pg_reason[0]
    reason = _try_pg()
    if reason is not None and shutil.which("pg_ctlcluster") and os.geteuid() == 0:
        versions = sorted(Path("/etc/postgresql").glob("*"), key=lambda p: p.name)
        if versions:
            subprocess.run(["pg_ctlcluster", versions[-1].name, "main", "start"], capture_output=True, check=False)
            subprocess.run(
                ["runuser", "-u", "postgres", "--", "createuser", "-s", "root"], capture_output=True, check=False
            )
            reason = _try_pg()
    _pg_reason.append(None if reason is None else f"PostgreSQL cannot be reached at {PG_ADMIN}: {reason}")
    return _pg_reason[0]


class Databases:
    """Fresh empty databases on demand; every PostgreSQL one is dropped at the end."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.created: list[str] = []

    def new(self, backend: str) -> str:
        if backend == "sqlite":
            path = self.root / f"db-{secrets.token_hex(4)}" / "server.db"
            path.parent.mkdir(parents=True)
            return f"sqlite:///{path}"
        reason = postgres_unavailable()
        if reason:
            pytest.skip(reason)
        name = f"fc_test_{secrets.token_hex(6)}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        base = PG_ADMIN.rsplit("/", 1)[0]
        return f"{base}/{name}".replace("postgresql://", "postgresql+psycopg://", 1)

    def drop_all(self) -> None:
        if not self.created:
            return
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            for name in self.created:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    dbs = Databases(tmp_path_factory.mktemp("databases"))
    yield dbs
    dbs.drop_all()


BACKENDS = ["sqlite", "postgresql"]


@dataclass
class LiveServer:
    """One running server: its URL, its parts (for IT chores the CLI would do), and helpers."""

    url: str
    core: Core
    backend: str
    server: uvicorn.Server
    thread: threading.Thread
    clients: list[Client] = field(default_factory=list)

    @property
    def config(self) -> ServerConfig:
        return self.core.config

    def client(self, **kw: Any) -> Client:
        client = Client(self.url, **kw)
        self.clients.append(client)
        return client

    def user(
        self, role: str = "inspector", *, districts: tuple[str, ...] = (), unit: str | None = None, name: str = ""
    ) -> Account:
        name = name or f"{role}-{secrets.token_hex(4)}"
        password = f"pw-{secrets.token_hex(6)}"
        if role == "inspector" and not districts:
            districts = ("d1",)
        self.core.accounts.add_user(name, role, password, districts=districts, unit=unit)
        return Account(name=name, password=password, role=role, districts=districts, unit=unit)

    def enroll(self, district: str | None = "d1") -> tuple[str, str]:
        code = self.core.accounts.new_enroll_code(district)["code"]
        device_id = str(uuid.uuid4())
        client = self.client()
        response = client.post("/devices/enroll", json={"code": code, "device_id": device_id, "name": "test tablet"})
        assert response.status_code == 200, response.text
        return device_id, response.json()["device_token"]

    def login(self, account: Account, *, device_token: str | None = None) -> Client:
        client = self.client(device_token=device_token, account=account)
        response = client.post("/auth/login", json={"user": account.name, "password": account.password})
        assert response.status_code == 200, response.text
        client.token = response.json()["token"]
        return client

    def tablet(self, account: Account | None = None, district: str | None = "d1") -> Client:
        """An inspector logged in on an enrolled tablet: what sync uses."""
        account = account or self.user("inspector", districts=(district,) if district else ())
        device_id, device_token = self.enroll(district)
        client = self.login(account, device_token=device_token)
        client.device_id = device_id
        return client

    def stop(self) -> None:
        for client in self.clients:
            client.close()
        self.server.should_exit = True
        self.thread.join(timeout=15)
        assert not self.thread.is_alive(), "the server did not stop"


def start_server(config: ServerConfig, backend: str, *, migrate: bool = True) -> LiveServer:
    if migrate:
        store = Store(config.database_url, pool_size=1)
        try:
            store.migrate()
        finally:
            store.close()
    core = Core.open(config, pool_size=10)
    app = create_app(config, core=core)
    # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY only on such sockets (else Nagle adds 40 ms a reply).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{backend}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            core.close()
            sock.close()
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    live = LiveServer(url=f"http://127.0.0.1:{port}", core=core, backend=backend, server=server, thread=thread)
    live._socket = sock  # type: ignore[attr-defined]
    if migrate:
        _seed(core)
    return live


def _seed(core: Core) -> None:
    """Districts d1–d3 and the catalogue's disposal units, as IT would add them."""
    for code in ("d1", "d2", "d3"):
        core.accounts.add_district(code, f"District {code}")
    for unit in core.catalogue.units:
        core.accounts.add_unit(unit.code, unit.name("en"))


def _stop(live: LiveServer) -> None:
    live.stop()
    live.core.close()
    live._socket.close()  # type: ignore[attr-defined]


def test_config(data_dir: Path, database_url: str, **changes: Any) -> ServerConfig:
    # Cheap argon2id costs and short login delays keep the suite fast; production keeps the defaults.
    values: dict[str, Any] = {
        "login_delay_base_s": 0.01,
        "login_delay_cap_s": 0.05,
        "argon2_time_cost": 1,
        "argon2_memory_kib": 8192,
    }
    values.update(changes)
    return ServerConfig(data_dir=data_dir, database_url=database_url, **values)


test_config.__test__ = False  # type: ignore[attr-defined]


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and (reason := postgres_unavailable()):
        pytest.skip(reason)
    return str(request.param)


@pytest.fixture(scope="session")
def live(backend: str, databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The shared server of a backend (tests make their own users, so they do not meet)."""
    url = databases.new(backend)
    data_dir = tmp_path_factory.mktemp(f"server-{backend}")
    server = start_server(test_config(data_dir, url), backend)
    yield server
    _stop(server)


@pytest.fixture
def make_server(backend: str, databases: Databases, tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """make_server(**config_changes): a server of its own, on a fresh database, stopped after the test."""
    started: list[LiveServer] = []

    def make(**changes: Any) -> LiveServer:
        url = changes.pop("database_url", None) or databases.new(backend)
        data_dir = changes.pop("data_dir", None) or tmp_path / f"server-{len(started)}"
        server = start_server(test_config(data_dir, url, **changes), backend)
        started.append(server)
        return server

    yield make
    for server in started:
        _stop(server)

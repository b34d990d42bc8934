"""Fixtures for the packaging tests: the real server fixtures of tests/server, a TLS server with a
self-signed certificate (made by openssl here), and a tablet photo."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from server.app import create_app
from server.core import Core
from server.store import Store
from tests.photofactory import Gps, make_exif, write_jpeg
from tests.server.conftest import (  # noqa: F401  (fixtures, registered by import)
    Databases,
    LiveServer,
    _seed,
    backend,
    databases,
    live,
    make_server,
    test_config,
)


@pytest.fixture
def photo(tmp_path: Path) -> list[Path]:
    """Two camera shots with GPS: enough evidence for a manhole-cover case."""
    out = []
    for n in range(2):
        exif = make_exif(gps=Gps(34.7466 + n / 10_000, 113.6253), taken_at="2026:11:20 09:30:12", offset="+08:00")
        out.append(write_jpeg(tmp_path / f"IMG_000{n}.jpg", exif=exif, upright_size=(640 + n, 480)))
    return out


@dataclass
class TlsServer:
    url: str
    core: Core
    cert: Path
    fingerprint: str


def self_signed(folder: Path, name: str = "server") -> tuple[Path, Path]:
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed (Debian package openssl)")
    cert, key = folder / f"{name}.pem", folder / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "2", "-subj", "/CN=fieldcase.test", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_server(databases: Databases, tmp_path: Path) -> Iterator[TlsServer]:  # noqa: F811
    """The real server over HTTPS on 127.0.0.1 with a self-signed certificate no system trusts."""
    import hashlib
    import ssl

    cert, key = self_signed(tmp_path)
    config = test_config(tmp_path / "server-tls", databases.new("sqlite"))
    store = Store(config.database_url, pool_size=1)
    store.migrate()
    store.close()
    core = Core.open(config, pool_size=5)
    _seed(core)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(config, core=core), log_level="warning", access_log=False,
            ssl_certfile=str(cert), ssl_keyfile=str(key),
        )
    )  # fmt: skip
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the TLS server did not start"
        time.sleep(0.02)
    der = ssl.PEM_cert_to_DER_cert(cert.read_text())
    yield TlsServer(f"https://127.0.0.1:{port}", core, cert, hashlib.sha256(der).hexdigest())
    server.should_exit = True
    thread.join(timeout=15)
    core.close()
    sock.close()


@pytest.fixture
def server_cli() -> Callable[..., tuple[int, str, str]]:
    """Run `fieldcase-server` in this process against a server's data folder and database."""

    def run(server: LiveServer | TlsServer, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
        from server.cli import main

        config = server.core.config
        capsys.readouterr()
        code = main(["--data-dir", str(config.data_dir), "--database", config.database_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run

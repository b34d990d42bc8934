"""The server's deployment files (packaging/server/) checked by the tools that read them, and the
deployment itself: two server processes on one database and one blob folder serve tablets that sync
at the same time, the same photo among them; nginx with the shipped configuration carries a
provisioned tablet's enrollment and sync over TLS."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app import accounts
from app.services import Tablet
from server.config import ServerConfig
from server.core import Core
from server.store import Store
from storage.blobs import BlobStore
from tests.packaging.conftest import self_signed
from tests.server.conftest import Databases, _seed, test_config

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "packaging" / "server"
SERVER_BIN = Path(sys.executable).parent / "fieldcase-server"


def test_systemd_unit_verifies(tmp_path: Path) -> None:
    tool = shutil.which("systemd-analyze")
    if not tool:
        pytest.skip("systemd-analyze is not installed (Debian package systemd)")
    unit = tmp_path / "fieldcase-server.service"
    text = (DEPLOY / "fieldcase-server.service").read_text(encoding="utf-8")
    assert "/opt/fieldcase-server/bin/fieldcase-server serve" in text
    # systemd-analyze checks that the command exists: point it at this checkout's.
    unit.write_text(text.replace("/opt/fieldcase-server/bin/fieldcase-server", str(SERVER_BIN)), encoding="utf-8")
    done = subprocess.run([tool, "verify", "--man=no", str(unit)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def test_example_environment_names_only_settings_the_server_reads() -> None:
    known = set(ServerConfig(data_dir=Path("/x")).to_env()) | {
        "FIELDCASE_PUBLIC_URL", "FIELDCASE_TLS_CERT", "FIELDCASE_WORKERS", "FIELDCASE_PORT",
    }  # fmt: skip
    names = []
    for line in (DEPLOY / "server.env.example").read_text(encoding="utf-8").splitlines():
        line = line.strip().lstrip("#")
        if "=" in line and line.split("=", 1)[0].isupper():
            names.append(line.split("=", 1)[0])
    assert names and set(names) <= known, set(names) - known
    unit = (DEPLOY / "fieldcase-server.service").read_text(encoding="utf-8")
    assert "${FIELDCASE_WORKERS}" in unit and "${FIELDCASE_PORT}" in unit


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(config: ServerConfig) -> dict[str, str]:
    env = dict(os.environ)
    env.update(config.to_env())
    env["PYTHONPATH"] = str(ROOT)  # this checkout's server, whatever the virtualenv points at
    return env


def _serve(config: ServerConfig, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "serve", "--port", str(port), "--workers", str(workers)],
            env=_env(config), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(errors="replace")
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError(f"the server on port {port} did not answer: {log.read_text(errors='replace')}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()


def _shared(backend: str, databases: Databases, tmp_path: Path) -> Iterator[tuple[ServerConfig, Core]]:
    config = test_config(tmp_path / "shared-data", databases.new(backend))
    store = Store(config.database_url, pool_size=1)
    store.migrate()
    store.close()
    core = Core.open(config, pool_size=4)
    _seed(core)
    yield config, core
    core.close()


@pytest.fixture
def shared_server(backend: str, databases: Databases, tmp_path: Path) -> Iterator[tuple[ServerConfig, Core]]:
    """A migrated database and data folder that server processes started by the test share."""
    yield from _shared(backend, databases, tmp_path)


@pytest.fixture
def sqlite_server(databases: Databases, tmp_path: Path) -> Iterator[tuple[ServerConfig, Core]]:
    yield from _shared("sqlite", databases, tmp_path)


def _tablet(core: Core, data_dir: Path, url: str, n: int) -> Tablet:
    core.accounts.add_user(f"insp{n}", "inspector", f"password-{n}-xyz", districts=("d1",))
    tablet = Tablet(data_dir)
    accounts.enroll(tablet, url, core.accounts.new_enroll_code("d1")["code"])
    accounts.login(tablet, f"insp{n}", f"password-{n}-xyz")
    return tablet


@pytest.mark.slow
def test_two_server_processes_on_one_database_serve_concurrent_syncs(
    shared_server: tuple[ServerConfig, Core], tmp_path: Path, photo: list[Path]
) -> None:
    config, core = shared_server
    ports = [_free_port(), _free_port()]
    # Two hosts' worth: one `serve --workers 2` and one single-worker `serve`, same database and blobs.
    procs = [_serve(config, ports[0], 2, tmp_path / "a.log"), _serve(config, ports[1], 1, tmp_path / "b.log")]
    try:
        tablets = [_tablet(core, tmp_path / f"t{i}", f"http://127.0.0.1:{ports[i % 2]}", i) for i in range(4)]
        shared_photo = photo[0]  # every tablet has this photo: the same blob uploaded at once through both
        ids = []
        for i, tablet in enumerate(tablets):
            case = tablet.new_case(
                type="manhole_cover",
                subtype="broken",
                fields={"owner": "gas"},
                photos=[shared_photo, photo[1] if i == 0 else _variant(photo[1], tmp_path, i)],
            )
            ids.append(tablet.submit(case.id).id)
        reports: list[object] = [None] * len(tablets)

        def run(i: int) -> None:
            reports[i] = tablets[i].sync()

        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(tablets))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        for report in reports:
            assert report is not None and report.complete, report.to_json()  # type: ignore[attr-defined]
        on_server = {c["id"] for c in core.cases.all_rows()}
        assert set(ids) <= on_server
        # One copy of the shared photo, intact; every photo's bytes match their name.
        store = BlobStore(config.blobs_dir)
        hashes = list(store.hashes())
        assert len(hashes) == len(set(hashes)) == 1 + len(tablets)
        assert all(store.verify(h) for h in hashes)
        # A tablet moved from one process to the other carries on where it was: nothing to resend.
        tablets[0].repo.set_meta("server_url", f"http://127.0.0.1:{ports[1]}")
        again = tablets[0].sync()
        assert again.complete and again.cases_sent == 0 and again.photos_uploaded == 0
        for tablet in tablets:
            assert tablet.check().ok
            tablet.close()
    finally:
        for proc in procs:
            _stop(proc)


def _listening(port: int) -> list[str]:
    """The inodes of the sockets listening on 127.0.0.1:port (/proc/net/tcp, state 0A)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    local = f"0100007F:{port:04X}"
    return [r.split()[9] for r in rows if r.split()[1] == local and r.split()[3] == "0A"]


def _socket_inodes(pid: int) -> set[str]:
    found = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[8:-1])
    return found


def test_each_worker_listens_on_a_socket_of_its_own(sqlite_server: tuple[ServerConfig, Core], tmp_path: Path) -> None:
    """`serve --workers 3`: three listening sockets on the port (SO_REUSEPORT), one in each worker,
    so the kernel spreads kept-alive connections over the workers; every one of them answers."""
    config, _core = sqlite_server
    port = _free_port()
    proc = _serve(config, port, 3, tmp_path / "w.log")
    try:
        deadline = time.monotonic() + 30
        while len(sockets := _listening(port)) < 3:
            assert time.monotonic() < deadline, sockets
            time.sleep(0.1)
        workers = [int(p) for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
        owners = {w: _socket_inodes(w) & set(sockets) for w in workers}
        serving = [w for w, mine in owners.items() if mine]
        assert len(serving) == 3 and all(len(owners[w]) == 1 for w in serving), owners
        assert len(set().union(*owners.values())) == 3  # no two workers share one
        sessions = [requests.Session() for _ in range(24)]
        try:
            assert all(s.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=10).ok for s in sessions)
        finally:
            for s in sessions:
                s.close()
    finally:
        _stop(proc)


def _variant(src: Path, folder: Path, n: int) -> Path:
    from PIL import Image

    out = folder / f"variant-{n}.jpg"
    with Image.open(src) as im:
        exif = im.info.get("exif", b"")
        im.rotate(n * 7).save(out, "JPEG", exif=exif, quality=90)
    return out


def test_setup_postgres_script_makes_role_and_database(tmp_path: Path) -> None:
    from tests.server.conftest import postgres_unavailable

    if reason := postgres_unavailable():
        pytest.skip(reason)
    if os.geteuid() != 0 or not shutil.which("runuser"):
        pytest.skip("the script runs as root (runuser -u postgres)")
    name = f"fc_setup_{os.getpid()}"
    script = DEPLOY / "setup-postgres.sh"
    try:
        for _ in range(2):  # safe to run again
            done = subprocess.run(["bash", str(script), "--role", name, "--database", name, "--no-migrate"],
                                  capture_output=True, text=True, check=False)  # fmt: skip
            assert done.returncode == 0, done.stderr
        # The role owns its database and its public schema: the server's migrations run as it.
        done = subprocess.run(
            ["runuser", "-u", "postgres", "--", "psql", "-qAt", "-d", name, "-c",
             f"SET ROLE {name}; CREATE TABLE t (x int); DROP TABLE t; SELECT current_user"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0 and done.stdout.strip().endswith(name), done.stderr
        bad = subprocess.run(["bash", str(script), "--role", "x; drop", "--no-migrate"],
                             capture_output=True, text=True, check=False)  # fmt: skip
        assert bad.returncode == 2 and "bad name" in bad.stderr
    finally:
        subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-q", "-c", f'DROP DATABASE IF EXISTS "{name}"',
                        "-c", f'DROP ROLE IF EXISTS "{name}"'], capture_output=True, check=False)  # fmt: skip


def test_nginx_configuration_carries_provisioning_and_sync_over_tls(
    sqlite_server: tuple[ServerConfig, Core], tmp_path: Path, photo: list[Path]
) -> None:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not nginx:
        pytest.skip("nginx is not installed (Debian package nginx-light)")
    config, core = sqlite_server
    api_port, tls_port, http_port = _free_port(), _free_port(), _free_port()
    cert, key = self_signed(tmp_path)
    site = (DEPLOY / "nginx-fieldcase.conf").read_text(encoding="utf-8")
    site = (site.replace("/etc/ssl/fieldcase/fullchain.pem", str(cert))
            .replace("/etc/ssl/fieldcase/privkey.pem", str(key))
            .replace("127.0.0.1:8470", f"127.0.0.1:{api_port}")
            .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{tls_port} ssl http2;")
            .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
            .replace("listen [::]:443 ssl http2;", "").replace("listen [::]:80;", ""))  # fmt: skip
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    (prefix / "site.conf").write_text(site, encoding="utf-8")
    (prefix / "nginx.conf").write_text(
        f"daemon off;\nmaster_process off;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
        f"events {{}}\nhttp {{\n access_log off;\n client_body_temp_path {prefix}/body;\n"
        f" proxy_temp_path {prefix}/proxy;\n include {prefix}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    check = subprocess.run([nginx, "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert check.returncode == 0, check.stderr
    api = _serve(config, api_port, 1, tmp_path / "api.log")
    proxy = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf")], start_new_session=True)
    try:
        url = f"https://127.0.0.1:{tls_port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", tls_port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and proxy.poll() is None, (prefix / "error.log").read_text()
                time.sleep(0.1)
        redirect = requests.get(f"http://127.0.0.1:{http_port}/api/v1/health", allow_redirects=False, timeout=5)
        assert redirect.status_code == 301 and redirect.headers["location"].startswith("https://")
        # The provisioning file pins the certificate nginx presents (FIELDCASE_TLS_CERT is that file).
        from server.cli import main as server_main

        out = tmp_path / "p.json"
        env_before = os.environ.get("FIELDCASE_TLS_CERT")
        os.environ["FIELDCASE_TLS_CERT"] = str(cert)
        try:
            code = server_main(["--data-dir", str(config.data_dir), "--database", config.database_url, "device",
                                "provision", "--district", "d1", "--url", url, "--out", str(out)])  # fmt: skip
        finally:
            if env_before is None:
                os.environ.pop("FIELDCASE_TLS_CERT", None)
            else:
                os.environ["FIELDCASE_TLS_CERT"] = env_before
        assert code == 0
        from app import provision

        with Tablet(tmp_path / "tablet") as tablet:
            result = provision.apply(tablet, provision.read(out))
            assert result["enrolled"] and result["tls_pinned"]
            core.accounts.add_user("insp-nginx", "inspector", "password-nginx", districts=("d1",))
            accounts.login(tablet, "insp-nginx", "password-nginx")
            case = tablet.new_case(type="manhole_cover", subtype="broken", fields={"owner": "gas"}, photos=photo)
            tablet.submit(case.id)
            report = tablet.sync()
            assert report.complete and report.photos_uploaded == 2, report.to_json()
        assert case.id in {c["id"] for c in core.cases.all_rows()}
    finally:
        _stop(proxy)  # type: ignore[arg-type]
        _stop(api)

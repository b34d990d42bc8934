"""Benchmark: case records per second on the server, 20 concurrent clients, SQLite and PostgreSQL.

Each client is an inspector on an enrolled tablet (a thread with its own requests.Session);
its photos are uploaded first, then it posts its cases in CaseBatch batches of 50 to
`POST /api/v1/sync/cases` of a real `fieldcase-server serve` (uvicorn, N worker processes).
Every case is checked, stored with its photos and audit chain, gets the server's `receive`
event, a receipt and a change-feed entry; every result must be `accepted`.

The raw baseline, measured in the same run by the same clients: the same bytes posted to a
bare FastAPI app on the same uvicorn settings that parses them into a CaseBatch and answers
a CaseBatchResponse of the same size, with no checks and no database. Goal: >= 1,000 cases/s.
The server runs as `serve --workers N` does: a worker whose batches queue closes the connection
after answering (server/sync_api.py), and the clients, like tablets, reconnect.

    python bench/server.py [--clients 20] [--cases 10000] [--batch 50] [--workers 1.5 x cores]
                           [--backends sqlite,postgresql] [--json]

PostgreSQL: a fresh database on FIELDCASE_BENCH_POSTGRES (default postgresql:///postgres's
server, the local socket), dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from fastapi import FastAPI, Request, Response  # noqa: E402
from starlette.concurrency import run_in_threadpool  # noqa: E402

from sync.protocol import CaseBatch, CaseBatchResponse, CaseResult  # noqa: E402

GOAL = 1000.0
PG_ADMIN = os.environ.get("FIELDCASE_BENCH_POSTGRES", "postgresql:///postgres")
CHEAP_ARGON2 = {"FIELDCASE_ARGON2_TIME_COST": "1", "FIELDCASE_ARGON2_MEMORY_KIB": "8192"}


# ---------------------------------------------------------------- the raw baseline app


def raw_app() -> Any:
    """The same HTTP, JSON and pydantic work as the real endpoint, and nothing else."""
    app = FastAPI()

    @app.get("/api/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    def answer(raw: bytes) -> bytes:
        batch = CaseBatch.model_validate_json(raw)
        return (
            CaseBatchResponse(
                results=[
                    CaseResult(
                        id=c.id,
                        revision=c.revision,
                        outcome="accepted",
                        status="received",
                        receipt={
                            "case_id": c.id,
                            "revision": c.revision,
                            "body_hash": "0" * 64,
                            "chain_seq": len(c.events) + 1,
                            "chain_head": "0" * 64,
                            "received_at": "2026-11-20T01:30:12.000+00:00",
                            "server_time": "2026-11-20T01:30:12.000+00:00",
                        },
                    )
                    for c in batch.cases
                ]
            )
            .model_dump_json()
            .encode()
        )

    @app.post("/api/v1/sync/cases")
    async def cases(request: Request) -> Response:  # parsed and answered as the real endpoint does
        raw = await request.body()
        return Response(await run_in_threadpool(answer, raw), media_type="application/json")

    return app


# ---------------------------------------------------------------- servers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            requests.get(f"{url}/api/v1/health", timeout=2)
            return
        except requests.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server at {url} did not start") from None
            time.sleep(0.1)


@contextmanager
def running(command: list[str], url: str, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(url, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'server.db'}"
        return
    import psycopg

    name = f"fc_bench_{secrets.token_hex(5)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ---------------------------------------------------------------- the clients' work


@dataclass
class Tablet:
    name: str
    password: str
    code: str
    session: requests.Session
    device_id: str = ""
    headers: dict[str, str] | None = None
    bodies: list[bytes] | None = None


def _photo(seed: str, size: int = 3000) -> bytes:
    import random

    return b"\xff\xd8\xff\xe0" + random.Random(seed).randbytes(size - 4)


def prepare(url: str, tablets: list[Tablet], cases_each: int, batch: int) -> None:
    """Enroll, log in, upload each tablet's two photos and build its batches (not timed)."""
    import hashlib

    from sync.protocol import DEVICE_HEADER, UPLOAD_CHECKSUM, UPLOAD_LENGTH, UPLOAD_OFFSET, chunk_checksum
    from tests.server.helpers import build_case, envelope

    for tablet in tablets:
        tablet.device_id = str(uuid.uuid4())
        enrolled = tablet.session.post(
            f"{url}/api/v1/devices/enroll", json={"code": tablet.code, "device_id": tablet.device_id}, timeout=30
        ).json()
        device = {DEVICE_HEADER: enrolled["device_token"]}
        login = tablet.session.post(
            f"{url}/api/v1/auth/login",
            json={"user": tablet.name, "password": tablet.password},
            headers=device,
            timeout=30,
        ).json()
        tablet.headers = {**device, "Authorization": f"Bearer {login['token']}", "Content-Type": "application/json"}
        photos = [_photo(f"{tablet.name}-{i}") for i in range(2)]
        for data in photos:
            digest = hashlib.sha256(data).hexdigest()
            answer = tablet.session.patch(
                f"{url}/api/v1/sync/blobs/{digest}",
                data=data,
                headers={
                    **tablet.headers,
                    UPLOAD_OFFSET: "0",
                    UPLOAD_LENGTH: str(len(data)),
                    UPLOAD_CHECKSUM: chunk_checksum(data),
                    "Content-Type": "application/offset+octet-stream",
                },
                timeout=30,
            )
            assert answer.status_code == 200 and answer.json()["complete"], answer.text
        envelopes = [
            envelope(*build_case(tablet.name, tablet.device_id, "bench", photos, description=f"bench case {i}"))
            for i in range(cases_each)
        ]
        tablet.bodies = [
            json.dumps({"cases": envelopes[i : i + batch]}).encode() for i in range(0, len(envelopes), batch)
        ]


def fresh_sessions(tablets: list[Tablet]) -> None:
    """New connections for the timed phase (an idle kept-alive one may have been closed meanwhile)."""
    for tablet in tablets:
        tablet.session.close()
        tablet.session = requests.Session()


def hammer(url: str, tablets: list[Tablet]) -> tuple[int, float]:
    """Every tablet posts its batches at once; (cases accepted, seconds)."""
    start = threading.Barrier(len(tablets) + 1)
    accepted = [0] * len(tablets)
    failures: list[str] = []

    def work(index: int, tablet: Tablet) -> None:
        start.wait()
        try:
            for body in tablet.bodies or []:
                response = tablet.session.post(
                    f"{url}/api/v1/sync/cases", data=body, headers=tablet.headers, timeout=120
                )
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {response.text[:200]}")
                    return
                outcomes = [r["outcome"] for r in response.json()["results"]]
                accepted[index] += outcomes.count("accepted")
                if outcomes.count("accepted") != len(outcomes):
                    failures.append(
                        f"not accepted: {[r for r in response.json()['results'] if r['outcome'] != 'accepted'][:1]}"
                    )
                    return
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(repr(exc))

    threads = [threading.Thread(target=work, args=(i, t)) for i, t in enumerate(tablets)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if failures:
        raise RuntimeError(f"{len(failures)} client(s) failed: {failures[0]}")
    return sum(accepted), elapsed


# ---------------------------------------------------------------- where the CPU went


@dataclass
class CpuSnapshot:
    """Every process's CPU ticks, and the machine's busy and idle ticks, from /proc (Linux)."""

    processes: dict[int, tuple[str, int, int]]  # pid -> (name, parent pid, ticks)
    busy: int
    idle: int

    @classmethod
    def take(cls) -> CpuSnapshot | None:
        try:
            fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        except (OSError, ValueError):
            return None
        processes = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            name, rest = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :].split()
            processes[int(entry.name)] = (name, int(rest[1]), int(rest[11]) + int(rest[12]))
        return cls(processes, fields[0] + fields[1] + fields[2] + fields[5] + fields[6], fields[3] + fields[4])

    def since(self, before: CpuSnapshot | None, server: int, cases: int) -> dict[str, int] | None:
        if before is None or not cases:
            return None
        tick_us = 1e6 / os.sysconf("SC_CLK_TCK")

        def in_server(pid: int) -> bool:
            while pid > 1:
                if pid == server:
                    return True
                pid = self.processes.get(pid, ("", 0, 0))[1]
            return False

        groups = {"server": 0.0, "database": 0.0, "clients": 0.0, "other": 0.0}
        for pid, (name, _, ticks) in self.processes.items():
            spent = ticks - before.processes.get(pid, (name, 0, 0))[2]
            if spent <= 0:
                continue
            group = "server" if in_server(pid) else "database" if name.startswith("postgres") else "other"
            groups["clients" if pid == os.getpid() else group] += spent
        out = {k: round(v * tick_us / cases) for k, v in groups.items()}
        out["idle"] = round((self.idle - before.idle) * tick_us / cases)
        return out


# ---------------------------------------------------------------- one backend


def run_backend(backend: str, clients: int, total: int, batch: int, workers: int) -> dict[str, Any]:
    from server.config import ServerConfig
    from server.core import Core
    from server.store import Store

    cases_each = total // clients
    with tempfile.TemporaryDirectory(prefix="fieldcase-bench-") as tmp, database(backend, Path(tmp)) as url:
        folder = Path(tmp)
        config = ServerConfig(data_dir=folder / "data", database_url=url, argon2_time_cost=1, argon2_memory_kib=8192)
        store = Store(config.database_url, pool_size=1)
        store.migrate()
        store.close()
        core = Core.open(config, pool_size=2)
        try:
            core.accounts.add_district("bench", "Bench district")
            tablets = []
            for i in range(clients):
                name, password = f"inspector{i:02d}", secrets.token_urlsafe(12)
                core.accounts.add_user(name, "inspector", password, districts=["bench"])
                code = core.accounts.new_enroll_code("bench")["code"]
                tablets.append(Tablet(name, password, code, requests.Session()))
        finally:
            core.close()
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, **CHEAP_ARGON2, "PYTHONPATH": path}
        port = _free_port()
        server_url = f"http://127.0.0.1:{port}"
        serve = [sys.executable, "-m", "server.cli", "--data-dir", str(config.data_dir), "--database", url]
        serve += ["serve", "--port", str(port), "--workers", str(workers)]
        with running(serve, server_url, env) as process:
            prepare(server_url, tablets, cases_each, batch)
            fresh_sessions(tablets)
            try:
                before = CpuSnapshot.take()
                count, seconds = hammer(server_url, tablets)
                after = CpuSnapshot.take()
                cpu = after.since(before, process.pid, count) if after else None
            except RuntimeError:
                log = config.logs_dir / "server.log"
                if log.is_file():  # what the server logged about the failure, before the folder goes
                    print("\n".join(log.read_text(errors="replace").splitlines()[-60:]), file=sys.stderr)
                raise
        check = Store(config.database_url, pool_size=1)
        try:
            with check.engine.connect() as conn:
                from server import schema as t

                stored = conn.execute(t.cases.select().with_only_columns(t.cases.c.pk).order_by(None)).all()
        finally:
            check.close()
        if len(stored) != count:
            raise RuntimeError(f"{count} cases accepted but {len(stored)} stored")
        raw_port = _free_port()
        raw_url = f"http://127.0.0.1:{raw_port}"
        raw = [sys.executable, "-m", "uvicorn", "bench.server:raw_app", "--factory", "--port", str(raw_port)]
        raw += ["--workers", str(workers), "--no-access-log", "--log-level", "warning"]
        with running(raw, raw_url, env):
            fresh_sessions(tablets)
            raw_count, raw_seconds = hammer(raw_url, tablets)
        for tablet in tablets:
            tablet.session.close()
    rate, raw_rate = count / seconds, raw_count / raw_seconds
    return {
        "backend": backend,
        "workers": workers,
        "clients": clients,
        "batch": batch,
        "cases": count,
        "seconds": round(seconds, 2),
        "cases_per_s": round(rate),
        "raw_cases_per_s": round(raw_rate),
        "ratio": round(rate / raw_rate, 2),
        "goal_met": rate >= GOAL,
        # CPU time of the timed part, per case accepted (Linux): the server's processes, the database's,
        # the clients', anything else, and the machine's idle time.
        "cpu_us_per_case": cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--cases", type=int, default=10_000, help="cases in all (default 10,000)")
    parser.add_argument("--batch", type=int, default=50, help="cases per CaseBatch (default 50, the maximum)")
    workers = max(2, round(1.5 * (os.cpu_count() or 2)))  # docs/server.md, "How many workers"
    parser.add_argument(
        "--workers", type=int, default=workers, help=f"worker processes (default 1.5 x the cores: {workers})"
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON document")
    args = parser.parse_args()
    rows = [
        run_backend(b.strip(), args.clients, args.cases, args.batch, args.workers) for b in args.backends.split(",")
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{os.cpu_count()} CPUs; {args.clients} clients; batches of {args.batch}; goal >= {GOAL:,.0f} cases/s")
    print(f"{'backend':<11}{'workers':>8}{'cases':>8}{'seconds':>9}{'cases/s':>9}{'raw/s':>9}{'ratio':>7}  goal")
    for r in rows:
        print(
            f"{r['backend']:<11}{r['workers']:>8}{r['cases']:>8}{r['seconds']:>9}{r['cases_per_s']:>9}"
            f"{r['raw_cases_per_s']:>9}{r['ratio']:>7}  {'met' if r['goal_met'] else 'MISSED'}"
        )
    for r in rows:
        if r["cpu_us_per_case"]:
            spent = ", ".join(f"{k} {v}" for k, v in r["cpu_us_per_case"].items())
            print(f"{r['backend']}: CPU us a case: {spent}")


if __name__ == "__main__":
    main()

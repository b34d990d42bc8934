"""Benchmark: the tablet's sync beside a raw upload of the same bytes, on loopback and on a shaped 4G link.

Issue 4's figures, each printed beside its baseline, measured in one run:

1. loopback throughput: `Tablet.sync()` of the submitted cases with their photos (default 100
   cases, 300 photos of ~3 MB, ~890 MB) to a real `fieldcase-server serve` process on 127.0.0.1,
   in MB/s of photo bytes over the whole sync (health, `missing`, the uploads, the case batches,
   the change feed). Goal: >= 0.8x the raw baseline.
2. shaped throughput: the same through bench/shaper.py's ShapingProxy (100 ms RTT, 20 Mbit/s each
   way). 890 MB take six minutes a pass at 20 Mbit/s, so by default this link carries the first
   `--shaped-photos` photos (30, ~89 MB, in 10 cases) on a fresh server; `--full-shaped` sends
   them all. Goal: >= 0.8x the raw baseline over the same link.
3. bytes on the wire during that shaped sync (the proxy's bytes up + down) beside the photo bytes.
   Goal: <= 1.02x.
4. bytes sent again after a cut at 50%: one large photo (~12 MB, three 4 MiB chunks) and a small
   close-up in one case go through tests/netfaults.py's FaultProxy, planned to cut the PATCH that
   carries the photo's middle byte at that byte; the next sync resumes. A counting proxy behind the
   FaultProxy counts the request bytes that reach the server. Resent = bytes up over both syncs
   minus the bytes up of another tablet's case with the same photos synced without a cut just
   before (same server; its blob store emptied in between).
   Goal: <= one chunk (CHUNK_SIZE, 4 MiB).

The raw baseline (figures 1 and 2) is the least HTTP the same server takes the same bytes with: a
bare loop over the same photos' bytes on one requests.Session, one
`PATCH /api/v1/sync/blobs/<sha256>` per photo carrying the whole photo (Upload-Offset 0,
Upload-Length, the Upload-Checksum the server requires, the bearer and device headers), each
answer checked for the full offset. No health call, no `missing` query, no cases, no change feed.
It goes to the same server process over the same link as the sync; between the two the server's
blob store is emptied (the `blobs` and `uploads` rows, the files), so each finds every photo
missing as a fresh server would. Each round has a fresh server and a fresh copy of the tablet (its
originals hard-linked from a template ingested once); rounds alternate the order (raw then sync,
sync then raw), because other work on a shared machine slows whichever run it falls on. The
figures are over all rounds (photo bytes / seconds). Before each timed run the tablet's originals
are read once (the tablet writes them with O_DIRECT) and `os.sync()` flushes the disk queue.

The tablets encrypt their data folders at rest, as shipped (the sync decrypts each original as it
sends it); `--plain` makes them without encryption, to quote the figures with and without. The raw
loop sends the source photos, the same plaintext bytes, either way.

A reference, not a goal: the same raw loop against a bare FastAPI app on the same uvicorn (stream,
SHA-256, write in 1 MiB batches off the event loop, fsync, rename; no auth, no database), to show
what the server's upload endpoint itself costs. `--no-reference` skips it.

    python bench/sync.py [--cases 100] [--photos 300] [--rounds 3]
                         [--shaped-photos 30 | --full-shaped] [--shaped-rounds 1]
                         [--backend sqlite|postgresql] [--workers 1] [--phases loopback,shaped,cut]
                         [--rtt-ms 100] [--mbit 20] [--no-reference] [--json] [--plain]

Photos (noise over gradients: 3700x2775 at JPEG quality 90, ~2.96 MB each; the large one
7400x5550, ~11.7 MB) are made once into a cache folder in the system's temp folder, keyed by their
parameters, and reused. Everything else (servers, proxies, tablets, temp folders) is removed at
the end. PostgreSQL: a fresh database per server on FIELDCASE_BENCH_POSTGRES (default
postgresql:///postgres, the local socket), dropped afterwards; the local cluster is started if it
does not answer.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import multiprocessing
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from fastapi import FastAPI, Request, Response  # noqa: E402

from app import accounts  # noqa: E402
from app.services import Tablet  # noqa: E402
from bench.shaper import ShapingProxy  # noqa: E402
from sync.engine import SyncReport  # noqa: E402
from sync.protocol import (  # noqa: E402
    API_BASE,
    CHUNK_SIZE,
    DEVICE_HEADER,
    UPLOAD_CHECKSUM,
    UPLOAD_LENGTH,
    UPLOAD_OFFSET,
    chunk_checksum,
)
from tests import photofactory as pf  # noqa: E402
from tests.netfaults import PASS, FaultProxy, cut_upstream_after  # noqa: E402

THROUGHPUT_GOAL = 0.8  # sync / raw, on each link
WIRE_GOAL = 1.02  # bytes on the wire / photo bytes
RESENT_GOAL = CHUNK_SIZE  # bytes sent again after a cut
PG_ADMIN = os.environ.get("FIELDCASE_BENCH_POSTGRES", "postgresql:///postgres")
CACHE = Path(tempfile.gettempdir()) / "fieldcase-bench-sync-cache"
BARE_DIR_ENV = "FIELDCASE_BENCH_BARE_DIR"
MB = 1e6


class BenchError(Exception):
    """A step of the benchmark failed; the message says which and why."""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load() -> float:
    return os.getloadavg()[0]


# ---------------------------------------------------------------- photos


def _make_photo(job: tuple[Path, int, tuple[int, int], int]) -> Path:
    path, seed, size, quality = job
    if path.exists() and path.stat().st_size > 0:
        return path
    exif = pf.make_exif(
        gps=pf.Gps(34.70 + seed / 10_000, 113.60 + seed / 10_000, alt=100 + seed % 40),
        taken_at=f"2026:11:{1 + seed % 28:02d} 09:{seed % 60:02d}:12",
        offset="+08:00",
        make="Fieldcase",
        model="Bench Camera",
    )
    temp = path.with_name(f"{path.stem}.{os.getpid()}.part")
    pf.write_realistic_jpeg(temp, size=size, seed=seed, exif=exif, quality=quality)
    temp.replace(path)  # a half-written file is never taken for a cached one
    return path


def photo_set(cache: Path, seeds: range, size: tuple[int, int], quality: int) -> list[Path]:
    """Camera-like JPEGs, one per seed, made once into a folder keyed by their parameters."""
    folder = cache / f"{size[0]}x{size[1]}-q{quality}"
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(folder / f"photo-{seed:05d}.jpg", seed, size, quality) for seed in seeds]
    todo = [job for job in jobs if not job[0].exists()]
    if todo:
        log(f"making {len(todo)} photos of {size[0]}x{size[1]} into {folder} (once; cached for later runs)")
        with multiprocessing.get_context("spawn").Pool(os.cpu_count() or 1) as pool:
            pool.map(_make_photo, todo, chunksize=1)
    return [job[0] for job in jobs]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while data := fh.read(1 << 20):
            digest.update(data)
    return digest.hexdigest()


# ---------------------------------------------------------------- the bare reference app


def bare_app() -> Any:
    """The least an upload endpoint on this stack does: stream, hash, write off the loop, fsync, rename."""
    import anyio.to_thread

    folder = Path(os.environ[BARE_DIR_ENV])
    app = FastAPI()

    @app.get(f"{API_BASE}/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.patch(f"{API_BASE}/sync/blobs/{{sha256}}")
    async def upload(sha256: str, request: Request) -> Response:
        digest, size, pending = hashlib.sha256(), 0, bytearray()
        temp = folder / f".{secrets.token_hex(8)}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            async for piece in request.stream():
                digest.update(piece)
                size += len(piece)
                pending += piece
                if len(pending) >= 1 << 20:
                    data, pending = bytes(pending), bytearray()
                    await anyio.to_thread.run_sync(os.write, fd, data)
            if pending:
                await anyio.to_thread.run_sync(os.write, fd, bytes(pending))
            await anyio.to_thread.run_sync(os.fsync, fd)
        finally:
            os.close(fd)
        if digest.hexdigest() != sha256:
            temp.unlink()
            return Response(status_code=422)
        os.replace(temp, folder / sha256)
        return Response(content=b'{"complete":true}', media_type="application/json", headers={UPLOAD_OFFSET: str(size)})

    return app


# ---------------------------------------------------------------- servers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running(command: list[str], url: str, log_path: Path, env: dict[str, str] | None = None) -> Iterator[None]:
    """A server process, until it answers its health URL; terminated (then killed) at the end."""
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}{API_BASE}/health", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log_path.read_text(errors="replace")[-2000:]
                raise BenchError(f"{' '.join(command[:6])} … did not start; its log ends:\n{tail}")
            time.sleep(0.1)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _pg_reachable() -> str | None:
    import psycopg

    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _ensure_postgres() -> None:
    reason = _pg_reachable()
    if reason is not None and shutil.which("pg_ctlcluster") and os.geteuid() == 0:
        versions = sorted(p.name for p in Path("/etc/postgresql").glob("*"))
        if versions:
            subprocess.run(["pg_ctlcluster", versions[-1], "main", "start"], capture_output=True, check=False)
            subprocess.run(
                ["runuser", "-u", "postgres", "--", "createuser", "-s", "root"], capture_output=True, check=False
            )
            reason = _pg_reachable()
    if reason is not None:
        raise BenchError(f"PostgreSQL cannot be reached at {PG_ADMIN}: {reason}")


@contextlib.contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'server.db'}"
        return
    import psycopg

    _ensure_postgres()
    name = f"fc_bench_sync_{secrets.token_hex(5)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Server:
    """A `fieldcase-server serve` process on 127.0.0.1 with the demo accounts."""

    url: str
    port: int
    data_dir: Path
    database_url: str
    inspector: str = ""
    password: str = ""
    codes: list[str] = field(default_factory=list)

    def cli(self, *args: str) -> Any:
        command = [sys.executable, "-m", "server.cli", "--data-dir", str(self.data_dir)]
        command += ["--database", self.database_url, "--json", *args]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise BenchError(
                f"fieldcase-server {' '.join(args)} failed ({done.returncode}): {done.stdout}{done.stderr}"
            )
        return json.loads(done.stdout)

    def enroll_code(self) -> str:
        if self.codes:
            return self.codes.pop()
        return str(self.cli("device", "enroll-code", "--district", "demo")["code"])

    def empty_blob_store(self) -> None:
        """Forget every photo (rows and files), as a fresh server would hold none; cases stay."""
        from server import schema as t
        from server.config import ServerConfig
        from server.store import Store

        config = ServerConfig(data_dir=self.data_dir, database_url=self.database_url)
        store = Store(config.database_url, pool_size=1)
        try:
            with store.write() as conn:
                conn.execute(t.uploads.delete())
                conn.execute(t.blobs.delete())
        finally:
            store.close()
        for folder in (config.blobs_dir, config.partial_dir):
            shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def running_server(backend: str, folder: Path, workers: int) -> Iterator[Server]:
    folder.mkdir(parents=True)
    try:
        with database(backend, folder) as url:
            port = _free_port()
            server = Server(f"http://127.0.0.1:{port}", port, folder / "data", url)
            demo = server.cli("demo-accounts")  # migrates, then a district, units, users, an enroll code
            inspector = next(u for u in demo["users"] if u["role"] == "inspector")
            server.inspector, server.password = inspector["name"], inspector["password"]
            server.codes.append(demo["enroll_code"]["code"])
            command = [sys.executable, "-m", "server.cli", "--data-dir", str(server.data_dir), "--database", url]
            command += ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
            with running(command, server.url, folder / "serve.log"):
                yield server
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def running_bare(folder: Path) -> Iterator[str]:
    folder.mkdir(parents=True)
    try:
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "uvicorn", "bench.sync:bare_app", "--factory", "--host", "127.0.0.1"]
        command += ["--port", str(port), "--no-access-log", "--log-level", "warning"]
        env = {**os.environ, BARE_DIR_ENV: str(folder), "PYTHONPATH": str(ROOT)}
        with running(command, url, folder.parent / f"{folder.name}.log", env):
            yield url
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------- tablets


@dataclass
class Photo:
    sha256: str
    size: int
    path: Path  # the tablet's original (the same bytes as the source file, unless the tablet encrypts it)
    source: Path | None = None  # the plaintext the raw loop sends (the source photo); None: `path`


@dataclass
class Template:
    """A tablet data folder with its cases submitted, never synced; copied for every round."""

    folder: Path
    photos: list[tuple[str, int]]  # (sha256, size) in the order the cases hold them
    cases: int
    sources: dict[str, Path] = field(default_factory=dict)  # sha256 -> the source photo (plaintext)


@dataclass
class Field:
    tablet: Tablet
    photos: list[Photo]
    cases: int

    @property
    def photo_bytes(self) -> int:
        return sum(p.size for p in self.photos)

    def headers(self) -> dict[str, str]:
        """The credentials the tablet's sync client sends (bearer token, device token)."""
        client = accounts.client_for(self.tablet)
        try:
            return {"Authorization": f"Bearer {client.user_token}", DEVICE_HEADER: client.device_token or ""}
        finally:
            client.close()

    def warm(self) -> None:
        """Read every original once, so timed runs read them from the page cache alike."""
        for photo in self.photos:
            for path in {photo.path, photo.source or photo.path}:
                with open(path, "rb") as fh:
                    while fh.read(1 << 22):
                        pass
        os.sync()  # the previous run's writes leave the disk queue before the next is timed


def build_template(folder: Path, server: Server, groups: list[list[Path]]) -> Template:
    """Enroll, log the demo inspector in, and make one submitted case per group of photos."""
    photos: list[tuple[str, int]] = []
    sources: dict[str, Path] = {}
    with Tablet(folder) as tablet:
        accounts.enroll(tablet, server.url, server.enroll_code())
        accounts.login(tablet, server.inspector, server.password)
        for index, paths in enumerate(groups):
            case = tablet.new_case(
                type="manhole_cover",
                subtype="broken",
                fields={"owner": "gas"},
                description=f"sync benchmark case {index}",
                photos=paths,
            )
            tablet.submit(case.id)
            for path in paths:
                sha = sha256_of(path)
                if not tablet.originals.has(sha):
                    raise BenchError(f"the tablet did not keep {path.name} as it is (no original {sha[:12]})")
                photos.append((sha, path.stat().st_size))
                sources[sha] = path
    return Template(folder, photos, len(groups), sources)


def field_from(template: Template, folder: Path, server: Server, url: str) -> Field:
    """A copy of the template (originals and previews hard-linked), enrolled with this server at url."""

    def link_or_copy(src: str, dst: str) -> object:
        if Path(src).parent.parent.parent.name in ("originals", "previews"):  # <store>/ab/cd/<sha>
            os.link(src, dst)
            return dst
        return shutil.copy2(src, dst)

    shutil.copytree(template.folder, folder, copy_function=link_or_copy)
    tablet = Tablet(folder)
    try:
        accounts.enroll(tablet, url, server.enroll_code())
        accounts.login(tablet, server.inspector, server.password)
        photos = [
            Photo(sha, size, tablet.originals.path_for(sha), template.sources.get(sha)) for sha, size in template.photos
        ]
    except BaseException:
        tablet.close()
        raise
    return Field(tablet, photos, template.cases)


def groups_of(paths: list[Path], cases: int) -> list[list[Path]]:
    """Split photos over cases as evenly as the order allows (a manhole case needs two)."""
    cases = max(1, min(cases, len(paths) // 2))
    return [paths[i * len(paths) // cases : (i + 1) * len(paths) // cases] for i in range(cases)]


# ---------------------------------------------------------------- the two uploads


def raw_upload(url: str, headers: dict[str, str], photos: list[Photo], timeout: float) -> tuple[float, list[float]]:
    """The baseline: one PATCH per photo with the whole photo; seconds for all, and when each was done."""
    done: list[float] = []
    with requests.Session() as session:
        session.headers["User-Agent"] = "fieldcase-bench-raw"
        began = time.perf_counter()
        for photo in photos:
            data = (photo.source or photo.path).read_bytes()  # plaintext: the tablet's file may be encrypted
            response = session.patch(
                f"{url}{API_BASE}/sync/blobs/{photo.sha256}",
                data=data,
                headers={
                    **headers,
                    UPLOAD_OFFSET: "0",
                    UPLOAD_LENGTH: str(len(data)),
                    UPLOAD_CHECKSUM: chunk_checksum(data),
                    "Content-Type": "application/offset+octet-stream",
                },
                timeout=timeout,
            )
            if response.status_code != 200 or response.headers.get(UPLOAD_OFFSET) != str(len(data)):
                raise BenchError(
                    f"raw upload of {photo.sha256[:12]} answered {response.status_code}: {response.text[:300]}"
                )
            done.append(time.perf_counter() - began)
        return time.perf_counter() - began, done


@dataclass
class Timed:
    seconds: float
    report: SyncReport
    phases: dict[str, float]  # seconds from the start of the sync to the last tick of each phase
    chunks_done: list[float]  # seconds from the start of the sync to each uploaded chunk


def timed_sync(field_: Field, timeout: float) -> Timed:
    last: dict[str, float] = {}
    chunks: list[float] = []
    began = time.perf_counter()

    def progress(phase: str, done: int, total: int) -> None:
        last[phase] = time.perf_counter() - began
        if phase == "photos":
            chunks.append(last[phase])

    report = field_.tablet.sync(progress=progress, timeout=timeout)
    return Timed(time.perf_counter() - began, report, last, chunks)


def check_complete(report: SyncReport, field_: Field) -> None:
    if not report.complete or report.photos_uploaded != len(field_.photos) or report.cases_accepted != field_.cases:
        raise BenchError(
            f"the sync did not finish its work: {len(field_.photos)} photos and {field_.cases} cases expected; "
            f"report {json.dumps(report.to_json())}"
        )
    if report.bytes_uploaded != field_.photo_bytes:
        raise BenchError(f"the sync sent {report.bytes_uploaded} photo bytes, not {field_.photo_bytes}")


def missing_on_server(url: str, headers: dict[str, str], photos: list[Photo]) -> list[str]:
    response = requests.post(
        f"{url}{API_BASE}/sync/blobs/missing", json={"hashes": [p.sha256 for p in photos]}, headers=headers, timeout=60
    )
    if response.status_code != 200:
        raise BenchError(f"missing query answered {response.status_code}: {response.text[:300]}")
    return list(response.json()["missing"])


def upload_offset(url: str, headers: dict[str, str], sha256: str) -> int:
    response = requests.get(f"{url}{API_BASE}/sync/blobs/{sha256}", headers=headers, timeout=60)
    if response.status_code != 200:
        raise BenchError(f"upload state answered {response.status_code}: {response.text[:300]}")
    return int(response.json()["offset"])


# ---------------------------------------------------------------- throughput (figures 1-3)


@dataclass
class Round:
    order: str
    raw_s: float
    sync_s: float
    sync_phases: dict[str, float]
    load: dict[str, float]
    raw_gaps: list[float]  # seconds between consecutive finished PATCHes (read, checksum, request)
    sync_gaps: list[float]  # the same in the sync's photo phase, from its progress ticks
    raw_wire: int = 0
    sync_up: int = 0
    sync_down: int = 0
    bare_s: float | None = None


def gaps(moments: list[float]) -> list[float]:
    """Time between consecutive moments (the first moment, which includes any set-up, is left out)."""
    return [b - a for a, b in zip(moments, moments[1:], strict=False)]


def throughput(
    name: str, root: Path, args: argparse.Namespace, paths: list[Path], cases: int, shaped: bool, rounds: int
) -> dict[str, Any]:
    template: Template | None = None
    done: list[Round] = []
    size = 0
    for k in range(rounds):
        with contextlib.ExitStack() as stack:  # this round's server, proxy and tablet
            server = stack.enter_context(running_server(args.backend, root / f"{name}-server-{k}", args.workers))
            url, proxy = server.url, None
            if shaped:
                proxy = stack.enter_context(ShapingProxy("127.0.0.1", server.port, rtt_ms=args.rtt_ms, mbit=args.mbit))
                url = proxy.url
            if template is None:
                log(f"{name}: ingesting {len(paths)} photos into {cases} submitted cases (the tablet's template)")
                template = build_template(root / f"{name}-template", server, groups_of(paths, cases))
            field_ = field_from(template, root / f"{name}-tablet-{k}", server, url)
            stack.callback(shutil.rmtree, field_.tablet.paths.root, True)
            stack.callback(field_.tablet.close)
            headers, size = field_.headers(), field_.photo_bytes
            order = ("raw", "sync") if k % 2 == 0 else ("sync", "raw")
            timings: dict[str, float] = {}
            loads: dict[str, float] = {}
            raw_done: list[float] = []
            timed: Timed | None = None
            raw_wire, wire = 0, (0, 0)
            for step in order:
                field_.warm()
                loads[step] = round(load(), 2)
                if proxy:
                    proxy.reset_counters()
                log(f"{name} round {k + 1}/{rounds}: {step}, {len(field_.photos)} photos ({size / MB:.1f} MB)")
                if step == "raw":
                    timings["raw"], raw_done = raw_upload(url, headers, field_.photos, args.timeout)
                    raw_wire = proxy.bytes_up + proxy.bytes_down if proxy else 0
                else:
                    timed = timed_sync(field_, args.timeout)
                    timings["sync"] = timed.seconds
                    wire = (proxy.bytes_up, proxy.bytes_down) if proxy else (0, 0)
                    check_complete(timed.report, field_)
                if missing_on_server(server.url, headers, field_.photos):
                    raise BenchError(f"{name}: the server lacks photos after the {step} run")
                server.empty_blob_store()
                if len(missing_on_server(server.url, headers, field_.photos)) != len(field_.photos):
                    raise BenchError(f"{name}: the server's blob store was not emptied")
            assert timed is not None
            result = Round(
                "-".join(order),
                timings["raw"],
                timings["sync"],
                timed.phases,
                loads,
                gaps(raw_done),
                gaps(timed.chunks_done),
                raw_wire,
                wire[0],
                wire[1],
            )
            if not shaped and args.reference:
                with running_bare(root / f"bare-{k}") as bare_url:
                    field_.warm()
                    log(f"{name} round {k + 1}/{rounds}: reference, bare FastAPI upload")
                    result.bare_s = raw_upload(bare_url, {}, field_.photos, args.timeout)[0]
            done.append(result)
            log(
                f"{name} round {k + 1}: sync {size / MB / result.sync_s:.1f} MB/s, raw {size / MB / result.raw_s:.1f} "
                f"MB/s ({result.order}; load {loads})"
            )
    assert template is not None
    return summarize(name, args, done, size, len(template.photos), template.cases, shaped)


def summarize(
    name: str, args: argparse.Namespace, rounds: list[Round], size: int, photos: int, cases: int, shaped: bool
) -> dict[str, Any]:
    sync_s, raw_s = sum(r.sync_s for r in rounds), sum(r.raw_s for r in rounds)
    sync_rate, raw_rate = size * len(rounds) / MB / sync_s, size * len(rounds) / MB / raw_s
    ratio = sync_rate / raw_rate
    ratios = [r.raw_s / r.sync_s for r in rounds]
    met = ratio >= THROUGHPUT_GOAL
    photos_at = statistics.median(r.sync_phases.get("photos", 0.0) for r in rounds)
    cases_at = statistics.median(r.sync_phases.get("cases", r.sync_phases.get("photos", 0.0)) for r in rounds)
    sync_med = statistics.median(r.sync_s for r in rounds)
    sync_gap = statistics.median(g for r in rounds for g in r.sync_gaps) if any(r.sync_gaps for r in rounds) else 0
    raw_gap = statistics.median(g for r in rounds for g in r.raw_gaps) if any(r.raw_gaps for r in rounds) else 0
    out: dict[str, Any] = {
        "cases": cases,
        "photos": photos,
        "photo_bytes": size,
        "rounds": [{k: v for k, v in r.__dict__.items() if not k.endswith("_gaps")} for r in rounds],
        "sync_mb_s": round(sync_rate, 2),
        "raw_mb_s": round(raw_rate, 2),
        "ratio": round(ratio, 3),
        "round_ratios": [round(x, 3) for x in ratios],
        "median_patch_gap_ms": {"sync": round(sync_gap * 1000, 2), "raw": round(raw_gap * 1000, 2)},
        "goal_met": met,
        "line": f"{name}: sync {sync_rate:.1f} MB/s | raw {raw_rate:.1f} MB/s | ratio {ratio:.2f}x "
        f"(goal >= {THROUGHPUT_GOAL}x: {'met' if met else 'MISSED'})",
        "detail": [
            f"  {len(rounds)} round(s) of {size / MB:.1f} MB; ratio per round "
            + " ".join(f"{x:.2f}" for x in ratios)
            + f"; load average at the runs {min(min(r.load.values()) for r in rounds):.1f}-"
            f"{max(max(r.load.values()) for r in rounds):.1f} on {os.cpu_count()} CPUs",
            f"  sync, median round: {sync_med:.2f} s — photos done at {photos_at:.2f} s, cases at {cases_at:.2f} s, "
            f"change feed and the rest {sync_med - cases_at:.2f} s",
            f"  median time from one finished PATCH to the next: sync {sync_gap * 1000:.1f} ms | raw "
            f"{raw_gap * 1000:.1f} ms (less sensitive to other load on the machine than the totals)",
        ],
    }
    if shaped:
        up, down = sum(r.sync_up for r in rounds), sum(r.sync_down for r in rounds)
        raw_wire = sum(r.raw_wire for r in rounds)
        photo_bytes = size * len(rounds)
        wire_ratio = (up + down) / photo_bytes
        wire_met = wire_ratio <= WIRE_GOAL
        out.update(
            {
                "link": {"rtt_ms": args.rtt_ms, "mbit": args.mbit, "capacity_mb_s": args.mbit / 8},
                "wire_up": up,
                "wire_down": down,
                "wire_ratio": round(wire_ratio, 5),
                "raw_wire_ratio": round(raw_wire / photo_bytes, 5),
                "wire_goal_met": wire_met,
                "wire_line": f"bytes on the wire ({name}): sync {(up + down) / MB:.2f} MB (up {up / MB:.2f}, down "
                f"{down / MB:.2f}) | photos {photo_bytes / MB:.2f} MB | ratio {wire_ratio:.4f}x (raw loop "
                f"{raw_wire / photo_bytes:.4f}x) (goal <= {WIRE_GOAL}x: {'met' if wire_met else 'MISSED'})",
            }
        )
        out["detail"].append(
            f"  link: {args.rtt_ms:.0f} ms RTT, {args.mbit:g} Mbit/s = {args.mbit / 8:.2f} MB/s each way"
        )
    bare = [r.bare_s for r in rounds if r.bare_s is not None]
    if bare:
        bare_rate = size * len(bare) / MB / sum(bare)
        out["reference_bare_mb_s"] = round(bare_rate, 2)
        out["detail"].append(
            f"  reference: the raw loop to a bare FastAPI upload app (stream, SHA-256, fsync; no auth, no database) "
            f"{bare_rate:.1f} MB/s — the server's upload endpoint runs at {raw_rate / bare_rate:.2f}x of it"
        )
    return out


# ---------------------------------------------------------------- the cut (figure 4)


def cut(root: Path, args: argparse.Namespace, big: Path, small: Path) -> dict[str, Any]:
    with contextlib.ExitStack() as stack:
        server = stack.enter_context(running_server(args.backend, root / "cut-server", args.workers))
        # tablet -> FaultProxy -> counter -> server: the counter sees the request bytes that got through.
        counter = stack.enter_context(
            ShapingProxy("127.0.0.1", server.port, rtt_ms=0, mbit=None, handshake=False, queue_bytes=0)
        )
        faults = stack.enter_context(FaultProxy("127.0.0.1", counter.port, faults_per_request=True))
        url = faults.url_for("")
        size = big.stat().st_size
        chunks = -(-size // CHUNK_SIZE)
        if chunks < 2:
            raise BenchError(f"the large photo ({size} bytes) must span several {CHUNK_SIZE}-byte chunks")
        log(f"cut: a case with a {size / MB:.1f} MB photo synced without a cut (the baseline of bytes up)")
        # Two tablets with the same photos in cases of their own, so both are accepted, not "already".
        control = field_from(build_template(root / "control-template", server, [[big, small]]), root / "c", server, url)
        stack.callback(control.tablet.close)
        counter.reset_counters()
        report = control.tablet.sync(timeout=args.timeout)
        check_complete(report, control)
        control_up = counter.bytes_up
        server.empty_blob_store()

        log("cut: a second tablet, a case with the same photos, cut at 50% of the large one, then synced again")
        field_ = field_from(build_template(root / "cut-template", server, [[big, small]]), root / "t", server, url)
        stack.callback(field_.tablet.close)
        headers = field_.headers()
        if field_.photos[0].size != size:
            raise BenchError("the large photo must be the first the sync uploads")
        middle = size // 2
        index = middle // CHUNK_SIZE  # the chunk that holds the middle byte
        # A sync's requests: GET health, POST missing, then one PATCH per chunk. The cut lets this many
        # request bytes of the middle chunk's PATCH through (its ~0.6 kB header block counts in them).
        faults.plan([PASS, PASS] + [PASS] * index + [cut_upstream_after(middle - index * CHUNK_SIZE)])
        counter.reset_counters()
        engine_log = logging.getLogger("sync.engine")
        level = engine_log.level
        engine_log.setLevel(logging.ERROR)  # "sync stopped: server unreachable" is the point here
        try:
            first = field_.tablet.sync(timeout=args.timeout)
        finally:
            engine_log.setLevel(level)
        cut_up = counter.bytes_up
        if faults.faults_injected != 1 or faults.planned:
            raise BenchError(
                f"the planned cut did not happen as planned ({faults.faults_by_kind}, {faults.planned} left)"
            )
        if first.error_kind != "network":
            raise BenchError(
                f"the cut sync should have stopped on a network error; report {json.dumps(first.to_json())}"
            )
        durable, deadline = -1, time.monotonic() + 10
        while durable != index * CHUNK_SIZE and time.monotonic() < deadline:
            time.sleep(0.2)  # the server notices the cut and cuts the unacknowledged bytes off
            durable = upload_offset(server.url, headers, field_.photos[0].sha256)
        if durable != index * CHUNK_SIZE:
            raise BenchError(
                f"after the cut the server holds {durable} bytes, not the {index} whole chunk(s) before it"
            )
        syncs = 0
        while True:
            report = field_.tablet.sync(timeout=args.timeout)
            syncs += 1
            if report.complete or syncs >= 5:
                break
            time.sleep(1.0)
        if not report.complete or report.cases_accepted != 1:
            raise BenchError(f"the sync did not recover after the cut; report {json.dumps(report.to_json())}")
        total_up = counter.bytes_up
        photo_bytes = field_.photo_bytes
    resent = total_up - control_up
    met = resent <= RESENT_GOAL
    return {
        "photo_bytes": size,
        "case_photo_bytes": photo_bytes,
        "chunks": chunks,
        "cut_in_chunk": index + 1,
        "bytes_up_before_cut": cut_up,
        "durable_after_cut": durable,
        "syncs_after_cut": syncs,
        "bytes_up_total": total_up,
        "bytes_up_without_cut": control_up,
        "resent": resent,
        "up_minus_photo_bytes": total_up - photo_bytes,
        "goal_met": met,
        "line": f"cut at 50%: resent {resent / MB:.2f} MB (bytes up {total_up / MB:.2f} MB with the cut | "
        f"{control_up / MB:.2f} MB without) | one chunk {CHUNK_SIZE / MB:.2f} MB "
        f"(goal <= one chunk: {'met' if met else 'MISSED'})",
        "detail": [
            f"  a {size / MB:.2f} MB photo in {chunks} chunks (+ a {(photo_bytes - size) / 1e3:.0f} kB close-up); cut "
            f"inside chunk {index + 1} after {cut_up / MB:.2f} MB up; the server kept {durable / MB:.2f} MB and "
            f"{syncs} more sync(s) resumed there; bytes up minus the case's photo bytes: "
            f"{(total_up - photo_bytes) / MB:.2f} MB",
        ],
    }


# ---------------------------------------------------------------- main


def _size(text: str) -> tuple[int, int]:
    w, _, h = text.lower().partition("x")
    if not (w.isdigit() and h.isdigit()):
        raise argparse.ArgumentTypeError(f"expected WxH, got {text!r}")
    return int(w), int(h)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=100, help="submitted cases (default 100)")
    parser.add_argument("--photos", type=int, default=300, help="photos over those cases (default 300)")
    parser.add_argument("--rounds", type=int, default=3, help="loopback rounds, alternating order (default 3)")
    parser.add_argument("--photo-size", type=_size, default=(3700, 2775), help="WxH (default 3700x2775, ~3 MB)")
    parser.add_argument("--quality", type=int, default=90, help="JPEG quality (default 90)")
    parser.add_argument("--shaped-photos", type=int, default=30, help="photos over the shaped link (default 30)")
    parser.add_argument("--full-shaped", action="store_true", help="all --photos over the shaped link too")
    parser.add_argument("--shaped-rounds", type=int, default=1, help="shaped-link rounds (default 1)")
    parser.add_argument("--rtt-ms", type=float, default=100.0, help="shaped link's added RTT (default 100)")
    parser.add_argument("--mbit", type=float, default=20.0, help="shaped link's Mbit/s each way (default 20)")
    parser.add_argument("--big-size", type=_size, default=(7400, 5550), help="the cut photo, WxH (default ~12 MB)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (default 1)")
    parser.add_argument("--phases", default="loopback,shaped,cut", help="of loopback,shaped,cut (default all)")
    parser.add_argument("--no-reference", dest="reference", action="store_false", help="skip the bare-app reference")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per HTTP request (default 300)")
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"photo cache (default {CACHE})")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON document")
    parser.add_argument(
        "--plain", action="store_true", help="tablets without encryption at rest (default: encrypted, as shipped)"
    )
    args = parser.parse_args(argv)
    if args.plain:
        os.environ["FIELDCASE_ENCRYPTION"] = "off"  # read by storage.vault when a tablet folder is made
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    if unknown := set(phases) - {"loopback", "shaped", "cut"}:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    if args.photos < 2 or args.cases < 1 or args.rounds < 1 or args.shaped_rounds < 1:
        parser.error("--photos must be at least 2; --cases, --rounds and --shaped-rounds at least 1")

    shaped_count = args.photos if args.full_shaped else max(2, min(args.shaped_photos, args.photos))
    shaped_cases = max(1, round(shaped_count * args.cases / args.photos))
    results: dict[str, Any] = {"backend": args.backend, "workers": args.workers, "cpus": os.cpu_count()}
    results["tablet_storage"] = "plain" if args.plain else "encrypted"
    root = Path(tempfile.mkdtemp(prefix="fieldcase-bench-sync-"))
    began = time.monotonic()
    try:
        paths = photo_set(args.cache, range(args.photos), args.photo_size, args.quality)
        if "loopback" in phases:
            results["loopback"] = throughput("loopback", root, args, paths, args.cases, False, args.rounds)
            log(results["loopback"]["line"])
        if "shaped" in phases:
            results["shaped"] = throughput(
                "shaped", root, args, paths[:shaped_count], shaped_cases, True, args.shaped_rounds
            )
            log(results["shaped"]["line"])
        if "cut" in phases:
            big = photo_set(args.cache, range(90_000, 90_001), args.big_size, args.quality)[0]
            small = pf.write_jpeg(
                root / "close-up.jpg", upright_size=(320, 240), exif=pf.make_exif(gps=pf.Gps(34.7, 113.6))
            )
            results["cut"] = cut(root, args, big, small)
            log(results["cut"]["line"])
    except BenchError as exc:
        print(f"bench/sync.py: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(root, ignore_errors=True)
    results["seconds"] = round(time.monotonic() - began, 1)

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"{results['cpus']} CPUs; server: fieldcase-server serve, {args.backend}, {args.workers} worker(s); "
        f"chunk {CHUNK_SIZE / 2**20:.0f} MiB; tablet storage {results['tablet_storage']}; "
        f"{results['seconds']:.0f} s in all"
    )
    print("raw = one PATCH per photo carrying the whole photo, on one requests.Session, same server and link")
    for name in ("loopback", "shaped"):
        if name in results:
            r = results[name]
            scale = ""
            if name == "shaped" and r["photos"] < args.photos:
                scale = f" — scaled: {r['photos']} of the {args.photos} photos (--full-shaped for all)"
            print(f"{name}: {r['cases']} cases, {r['photos']} photos, {r['photo_bytes'] / MB:.1f} MB{scale}")
            print(r["line"])
            print("\n".join(r["detail"]))
    if "shaped" in results:
        print(results["shaped"]["wire_line"])
    if "cut" in results:
        print(results["cut"]["line"])
        print("\n".join(results["cut"]["detail"]))
    missed: list[str] = [n for n in ("loopback", "shaped", "cut") if n in results and not results[n]["goal_met"]]
    if "shaped" in results and not results["shaped"]["wire_goal_met"]:
        missed.append("wire")
    print("goals: " + ("all met" if not missed else "MISSED: " + ", ".join(missed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

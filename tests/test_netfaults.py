"""Tests for tests/netfaults.py: each fault does what it says, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests

from tests.netfaults import (
    INJECTED_ERROR_BODY,
    PASS,
    FaultProxy,
    _HttpFramer,
    cut_downstream_after,
    cut_upstream_after,
    http_5xx,
    stall,
)


def wait_until(predicate: Callable[[], bool], timeout: float = 3.0) -> None:
    """Poll for something another thread does (the upstream's handler finishing)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.005)


@dataclass
class Seen:
    """What the upstream received: one entry per request it began to read."""

    path: str
    expected: int | None  # Content-Length, or None for chunked
    received: int = 0
    complete: bool = False
    sha256: str = ""


@dataclass
class Upstream:
    host: str
    port: int
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def completed(self) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.complete]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so a Session reuses its connection
    timeout = 5  # a handler waiting on a dead connection must not hold the server's close
    disable_nagle_algorithm = True  # else header and body writes meet delayed ACKs: 40 ms a request
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/bytes/"):
            body = bytes(range(256)) * (int(self.path.rsplit("/", 1)[1]) // 256)
            self._answer(body, "application/octet-stream")
        else:
            self._answer(json.dumps({"path": self.path}).encode(), "application/json")

    def do_POST(self) -> None:
        length = self.headers.get("Content-Length")
        seen = Seen(self.path, int(length) if length is not None else None)
        with self.server.upstream.lock:
            self.server.upstream.seen.append(seen)
        digest = hashlib.sha256()
        try:
            for chunk in self._body(seen.expected):
                digest.update(chunk)
                seen.received += len(chunk)
        except (ConnectionError, OSError, ValueError):
            self.close_connection = True
            return
        if seen.expected is not None and seen.received < seen.expected:
            self.close_connection = True  # the body was cut: no answer to give
            return
        seen.sha256 = digest.hexdigest()
        seen.complete = True
        self._answer(json.dumps({"length": seen.received, "sha256": seen.sha256}).encode(), "application/json")

    def _body(self, length: int | None) -> Iterator[bytes]:
        if length is not None:
            left = length
            while left:
                chunk = self.rfile.read1(min(left, 65536))
                if not chunk:
                    return
                left -= len(chunk)
                yield chunk
            return
        while True:  # chunked
            size = int(self.rfile.readline().split(b";")[0], 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b""):
                    pass
                return
            chunk = self.rfile.read(size)
            self.rfile.readline()
            if len(chunk) < size:
                raise ConnectionError("chunk cut")
            yield chunk

    def _answer(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins the handlers: no thread outlives the test
    upstream: Upstream

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # cuts make handlers fail on purpose


@pytest.fixture(autouse=True)
def no_thread_left() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    wait_until(lambda: not [t for t in threading.enumerate() if t not in before and t.is_alive()])


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    server = _Server(("127.0.0.1", 0), _Handler)
    host, port = server.server_address[:2]
    server.upstream = Upstream(str(host), int(port))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server.upstream
    server.shutdown()
    server.server_close()
    thread.join()


def body_of(size: int) -> bytes:
    return hashlib.sha256(b"seed").digest() * (size // 32) + b"x" * (size % 32)


def test_pass_forwards_faithfully(upstream: Upstream) -> None:
    body = body_of(100_000)
    with FaultProxy(upstream.host, upstream.port) as proxy, requests.Session() as session:
        through = session.post(proxy.url_for("/echo"), data=body, timeout=5)
        direct = session.post(f"http://{upstream.host}:{upstream.port}/echo", data=body, timeout=5)
        download = session.get(proxy.url_for("/bytes/300000"), timeout=5)
        assert proxy.faults_injected == 0
        assert proxy.connections == 1
        assert proxy.requests == 2
    assert through.status_code == 200
    assert through.json() == direct.json() == {"length": 100_000, "sha256": hashlib.sha256(body).hexdigest()}
    assert download.content == bytes(range(256)) * (300_000 // 256)


def test_cut_upstream_cuts_mid_body(upstream: Upstream) -> None:
    body = body_of(200_000)
    with FaultProxy(upstream.host, upstream.port) as proxy:
        proxy.plan([cut_upstream_after(50_000)])
        with pytest.raises(requests.ConnectionError):
            requests.post(proxy.url_for("/echo"), data=body, timeout=5)
        wait_until(lambda: len(upstream.seen) == 1 and upstream.seen[0].received > 0)
        assert proxy.faults_by_kind["cut_upstream"] == 1
    seen = upstream.seen[0]
    assert not seen.complete
    assert 0 < seen.received < 50_000  # 50,000 bytes of request, of which the header is part


def test_cut_upstream_at_random_offsets_never_completes(upstream: Upstream) -> None:
    body = body_of(100_000)
    with FaultProxy(upstream.host, upstream.port, seed=3, cut_upstream=1.0) as proxy:
        for _ in range(10):
            with pytest.raises(requests.ConnectionError):
                requests.post(proxy.url_for("/echo"), data=body, timeout=5)
        assert proxy.faults_injected == proxy.faults_by_kind["cut_upstream"] == 10
    assert upstream.completed() == []
    wait_until(lambda: all(s.received < s.expected for s in upstream.seen if s.expected))
    # Random offsets inside the 100 kB request land mostly in the body.
    assert len({s.received for s in upstream.seen}) >= 5


def test_cut_downstream_after_the_server_did_the_work(upstream: Upstream) -> None:
    body = body_of(30_000)
    with FaultProxy(upstream.host, upstream.port, seed=1) as proxy:
        proxy.plan([cut_downstream_after(0), cut_downstream_after(None), cut_downstream_after(10**9)])
        # Nothing of the answer: the client cannot tell whether the server got the request.
        with pytest.raises(requests.ConnectionError):
            requests.post(proxy.url_for("/echo"), data=body, timeout=5)
        # Part of the answer: requests raises ConnectionError or, inside the body, ChunkedEncodingError.
        for _ in range(2):
            with pytest.raises(requests.RequestException):
                requests.post(proxy.url_for("/echo"), data=body, timeout=5)
        assert proxy.faults_by_kind["cut_downstream"] == 3
    done = upstream.completed()
    assert len(done) == 3
    assert {s.sha256 for s in done} == {hashlib.sha256(body).hexdigest()}


def test_cut_download_mid_body(upstream: Upstream) -> None:
    with FaultProxy(upstream.host, upstream.port) as proxy:
        proxy.plan([cut_downstream_after(100_000)])
        with pytest.raises(requests.exceptions.ChunkedEncodingError):
            requests.get(proxy.url_for("/bytes/400000"), timeout=5)


def test_stall_outlasts_the_client_timeout(upstream: Upstream) -> None:
    with FaultProxy(upstream.host, upstream.port, stall_seconds=30) as proxy:
        proxy.plan([stall()])
        started = time.monotonic()
        with pytest.raises(requests.Timeout):
            requests.post(proxy.url_for("/echo"), data=b"hello", timeout=0.3)
        assert time.monotonic() - started < 2
        assert proxy.faults_by_kind["stall"] == 1
    assert upstream.seen == []


def test_stall_then_close(upstream: Upstream) -> None:
    with FaultProxy(upstream.host, upstream.port) as proxy:
        proxy.plan([stall(0.2)])
        started = time.monotonic()
        with pytest.raises(requests.ConnectionError):
            requests.get(proxy.url_for("/x"), timeout=5)
        assert 0.15 < time.monotonic() - started < 2


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_http_5xx_without_touching_the_upstream(upstream: Upstream, status: int) -> None:
    with FaultProxy(upstream.host, upstream.port) as proxy:
        proxy.plan([http_5xx(status)])
        # A large body: the client still gets the status, not a broken pipe.
        response = requests.post(proxy.url_for("/echo"), data=body_of(500_000), timeout=5)
        assert proxy.faults_by_kind["http_5xx"] == 1
    assert response.status_code == status
    assert response.json() == INJECTED_ERROR_BODY == {"error": {"code": "unavailable", "message": "injected"}}
    assert response.headers["Connection"] == "close"
    assert upstream.seen == []


def test_random_5xx_statuses(upstream: Upstream) -> None:
    with FaultProxy(upstream.host, upstream.port, seed=5, http_5xx=1.0, statuses=(502, 504)) as proxy:
        statuses = {requests.get(proxy.url_for("/x"), timeout=5).status_code for _ in range(12)}
    assert statuses == {502, 504}


def test_per_request_faults_on_a_keep_alive_session(upstream: Upstream) -> None:
    body = body_of(20_000)
    with FaultProxy(upstream.host, upstream.port, faults_per_request=True) as proxy:
        proxy.plan([PASS, PASS, cut_upstream_after(None), PASS, "pass", http_5xx(502), cut_downstream_after(None)])
        with requests.Session() as session:

            def post() -> int | str:
                try:
                    return session.post(proxy.url_for("/echo"), data=body, timeout=5).status_code
                except requests.RequestException as exc:
                    return type(exc).__name__

            outcomes = [post() for _ in range(8)]
        assert outcomes[:2] == [200, 200]
        assert outcomes[2] == "ConnectionError"
        assert outcomes[3:6] == [200, 200, 502]
        assert outcomes[6] in ("ConnectionError", "ChunkedEncodingError")
        assert outcomes[7] == 200
        # Two requests on the first connection, then a new one after each fault.
        assert proxy.connections == 4
        assert proxy.requests == 8
        assert proxy.faults_by_kind == {"cut_upstream": 1, "cut_downstream": 1, "stall": 0, "http_5xx": 1}
    # Every request the proxy passed, and the one whose answer was cut, reached the server whole.
    assert len(upstream.completed()) == 6


def test_per_connection_faults_only_hit_the_first_request(upstream: Upstream) -> None:
    with FaultProxy(upstream.host, upstream.port) as proxy:
        proxy.plan([PASS, http_5xx(503)])
        with requests.Session() as session:
            statuses = [session.get(proxy.url_for("/x"), timeout=5).status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        assert proxy.planned == 1
        assert requests.get(proxy.url_for("/x"), timeout=5).status_code == 503


def test_chunked_uploads_are_framed(upstream: Upstream) -> None:
    body = body_of(100_000)

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(body), 7_000):
            yield body[i : i + 7_000]

    with FaultProxy(upstream.host, upstream.port, faults_per_request=True) as proxy:
        proxy.plan([PASS, PASS, cut_upstream_after(None)])
        with requests.Session() as session:
            for _ in range(2):  # two chunked requests back to back on one connection
                answer = session.post(proxy.url_for("/echo"), data=chunks(), timeout=5).json()
                assert answer == {"length": len(body), "sha256": hashlib.sha256(body).hexdigest()}
            with pytest.raises(requests.ConnectionError):
                session.post(proxy.url_for("/echo"), data=chunks(), timeout=5)
        assert proxy.connections == 1
    assert len(upstream.completed()) == 2


def test_hundreds_of_faults_quickly_and_retries_converge(upstream: Upstream) -> None:
    """The sync test's shape: random faults per request, retries until each upload lands."""
    bodies = [body_of(5_000 + i) for i in range(100)]
    with (
        FaultProxy(
            upstream.host,
            upstream.port,
            seed=11,
            faults_per_request=True,
            cut_upstream=0.25,
            cut_downstream=0.25,
            http_5xx=0.2,
        ) as proxy,
        requests.Session() as session,
    ):
        started = time.monotonic()
        for body in bodies:
            while True:
                try:
                    if session.post(proxy.url_for("/echo"), data=body, timeout=5).status_code == 200:
                        break
                except requests.RequestException:
                    pass
        assert proxy.faults_injected >= 200
        assert time.monotonic() - started < 10  # about 2 s here; loose for a loaded CI machine
        proxy.set_enabled(False)
        # The network heals: with faults at 70 %, nothing fails any more.
        for body in bodies[:20]:
            assert session.post(proxy.url_for("/echo"), data=body, timeout=5).status_code == 200
        counts = proxy.faults_by_kind
    assert counts["cut_upstream"] > 0 and counts["cut_downstream"] > 0 and counts["http_5xx"] > 0
    # Each body reached the server whole at least once; cut answers made duplicates, as they would.
    digests = {s.sha256 for s in upstream.completed()}
    assert {hashlib.sha256(b).hexdigest() for b in bodies} <= digests
    assert len(upstream.completed()) == 100 + 20 + counts["cut_downstream"]


def test_same_seed_same_faults(upstream: Upstream) -> None:
    def run(seed: int) -> list[int | str]:
        outcomes: list[int | str] = []
        with FaultProxy(upstream.host, upstream.port, seed=seed, http_5xx=0.3, cut_upstream=0.3) as proxy:
            for _ in range(15):
                try:
                    outcomes.append(requests.get(proxy.url_for("/x"), timeout=5).status_code)
                except requests.RequestException as exc:
                    outcomes.append(type(exc).__name__)
        return outcomes

    assert run(42) == run(42)
    assert run(42) != run(43)


def test_disabled_passes_everything(upstream: Upstream) -> None:
    with FaultProxy(upstream.host, upstream.port, http_5xx=1.0) as proxy:
        proxy.plan([stall()])
        proxy.set_enabled(False)
        assert requests.get(proxy.url_for("/x"), timeout=5).status_code == 200
        assert proxy.planned == 1  # the plan waits for the faults to come back
        proxy.set_enabled(True)
        proxy.plan([])
        assert proxy.faults_injected == 0
        proxy.reset_counters()
        assert proxy.connections == 0


def test_unreachable_upstream_is_a_connection_error() -> None:
    with FaultProxy("127.0.0.1", 1) as proxy, pytest.raises(requests.ConnectionError):
        requests.get(proxy.url_for("/x"), timeout=5)


def test_stop_is_prompt_and_closes_everything(upstream: Upstream) -> None:
    proxy = FaultProxy(upstream.host, upstream.port, stall_seconds=60)
    proxy.start()
    assert [t for t in threading.enumerate() if t.name == "FaultProxy"]
    proxy.plan([PASS, stall()])
    with requests.Session() as session:
        assert session.get(proxy.url_for("/x"), timeout=5).status_code == 200  # an idle keep-alive one
        failure: list[BaseException] = []

        def stalled_request() -> None:
            try:
                requests.get(proxy.url_for("/y"), timeout=30)
            except requests.RequestException as exc:
                failure.append(exc)

        client = threading.Thread(target=stalled_request)
        client.start()
        wait_until(lambda: proxy.faults_by_kind["stall"] == 1)
        started = time.monotonic()
        proxy.stop()
        assert time.monotonic() - started < 1
        client.join(5)
    assert failure and isinstance(failure[0], requests.ConnectionError)
    assert not [t for t in threading.enumerate() if t.name == "FaultProxy"]
    proxy.stop()  # twice is harmless


def test_bad_settings() -> None:
    with pytest.raises(ValueError):
        FaultProxy("127.0.0.1", 1, cut_upstream=0.7, http_5xx=0.7)
    with pytest.raises(ValueError):
        FaultProxy("127.0.0.1", 1, statuses=(404,))


# --- the framer on its own: byte-by-byte feeding must give the same messages ------------------


def _frame(stream: bytes, *, is_request: bool, step: int, methods: tuple[str, ...] = ()) -> list[tuple[int, bytes]]:
    framer = _HttpFramer(is_request=is_request)
    for method in methods:
        framer.expect_response_to(method)
    messages: dict[int, bytearray] = {}
    ends: list[int] = []
    for i in range(0, len(stream), step):
        for piece in framer.feed(stream[i : i + step]):
            messages.setdefault(piece.index, bytearray()).extend(piece.data)
            if piece.end:
                ends.append(piece.index)
    for piece in framer.feed_eof():
        if piece.end:
            ends.append(piece.index)
    assert ends == sorted(messages)
    return [(index, bytes(data)) for index, data in sorted(messages.items())]


@pytest.mark.parametrize("step", [1, 3, 1000])
def test_framer_splits_requests(step: int) -> None:
    requests_ = [
        b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n",
        b"POST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
        b"POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n2\r\nde\r\n0\r\nT: 1\r\n\r\n",
        b"DELETE /d HTTP/1.1\r\n\r\n",
    ]
    assert _frame(b"".join(requests_), is_request=True, step=step) == list(enumerate(requests_))


@pytest.mark.parametrize("step", [1, 7, 1000])
def test_framer_splits_responses(step: int) -> None:
    responses = [
        b"HTTP/1.1 100 Continue\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc",
        b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n",  # answers a HEAD: no body
        b"HTTP/1.1 204 No Content\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwxyz\r\n0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\n\r\nuntil the close",
    ]
    framed = _frame(b"".join(responses), is_request=False, step=step, methods=("GET", "HEAD", "GET", "GET", "GET"))
    assert framed == list(enumerate(responses))


def test_framer_gives_up_on_garbage() -> None:
    framer = _HttpFramer(is_request=True)
    pieces = framer.feed(b"POST / HTTP/1.1\r\nContent-Length: nope\r\n\r\nrest")
    assert [(p.index, p.data) for p in pieces] == [(-1, b"POST / HTTP/1.1\r\nContent-Length: nope\r\n\r\nrest")]

"""Tests for bench/shaper.py: the shaped link's rate, delay and byte counts, measured against a local server."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

from bench.shaper import ShapingProxy

ROOT = Path(__file__).resolve().parents[1]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5
    disable_nagle_algorithm = True  # else header and body writes meet delayed ACKs: 40 ms a request

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def do_POST(self) -> None:
        left = int(self.headers["Content-Length"])
        while left:
            chunk = self.rfile.read1(min(left, 65536))
            if not chunk:
                return
            left -= len(chunk)
        self._answer(b"ok")

    def do_GET(self) -> None:
        size = int(self.path.rsplit("/", 1)[1]) if self.path.startswith("/bytes/") else 2
        self._answer(b"x" * size)

    def _answer(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins the handlers: no thread outlives the test

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


@pytest.fixture(autouse=True)
def no_thread_left() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 3
    while [t for t in threading.enumerate() if t not in before and t.is_alive()]:
        assert time.monotonic() < deadline, "a thread outlived the test"
        time.sleep(0.01)


@pytest.fixture
def upstream() -> Iterator[tuple[str, int]]:
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield "127.0.0.1", int(server.server_address[1])
    server.shutdown()
    server.server_close()
    thread.join()


def timed(call: Any) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def test_upload_takes_what_the_bandwidth_allows(upstream: tuple[str, int]) -> None:
    body = b"u" * 2_000_000
    with ShapingProxy(*upstream, rtt_ms=0, mbit=20) as link, requests.Session() as session:
        took = timed(lambda: session.post(link.url_for("/up"), data=body, timeout=10).raise_for_status())
    assert took == pytest.approx(0.8, rel=0.25)  # 2 MB * 8 / 20 Mbit/s


def test_download_and_asymmetric_rates(upstream: tuple[str, int]) -> None:
    with ShapingProxy(*upstream, rtt_ms=0, mbit_up=100, mbit_down=10) as link, requests.Session() as session:
        took = timed(lambda: session.get(link.url_for("/bytes/1000000"), timeout=10).raise_for_status())
        assert took == pytest.approx(0.8, rel=0.25)  # 1 MB * 8 / 10 Mbit/s
        took = timed(lambda: session.post(link.url_for("/up"), data=b"u" * 2_000_000, timeout=10))
        assert took == pytest.approx(0.16, rel=0.3)


def test_connections_share_the_link(upstream: tuple[str, int]) -> None:
    body = b"u" * 1_000_000
    with ShapingProxy(*upstream, rtt_ms=0, mbit=20) as link, ThreadPoolExecutor(2) as pool:

        def upload() -> None:
            requests.post(link.url_for("/up"), data=body, timeout=10).raise_for_status()

        took = timed(lambda: [f.result() for f in [pool.submit(upload), pool.submit(upload)]])
    assert took == pytest.approx(0.8, rel=0.25)  # 2 x 1 MB through one 20 Mbit/s link, not two


def test_round_trip_costs_the_rtt(upstream: tuple[str, int]) -> None:
    with ShapingProxy(*upstream, rtt_ms=100, mbit=None) as link, requests.Session() as session:
        # A new connection pays the handshake's round trip too.
        first = timed(lambda: session.get(link.url_for("/tiny"), timeout=5).raise_for_status())
        assert first == pytest.approx(0.2, rel=0.3)
        again = [timed(lambda: session.get(link.url_for("/tiny"), timeout=5).raise_for_status()) for _ in range(5)]
    assert sorted(again)[2] == pytest.approx(0.1, rel=0.3)


def test_delay_line_keeps_pipelined_bytes_pipelined(upstream: tuple[str, int]) -> None:
    # rtt + transfer, not rtt per segment: a 1 MB upload over 100 ms / 20 Mbit/s
    # takes about 0.4 s + 0.1 s (+ 0.1 s handshake), where a per-segment delay would take seconds.
    with ShapingProxy(*upstream, rtt_ms=100, mbit=20) as link:
        took = timed(lambda: requests.post(link.url_for("/up"), data=b"u" * 1_000_000, timeout=10).raise_for_status())
    assert took == pytest.approx(0.6, rel=0.25)


def test_bytes_are_counted(upstream: tuple[str, int]) -> None:
    with ShapingProxy(*upstream, rtt_ms=0, mbit=None) as link, requests.Session() as session:
        session.post(link.url_for("/up"), data=b"u" * 300_000, timeout=5).raise_for_status()
        session.get(link.url_for("/bytes/100000"), timeout=5).raise_for_status()
        up, down = link.bytes_up, link.bytes_down
        assert 400_000 > up > 300_000  # the body and two requests' headers
        assert 101_000 > down > 100_000
        assert link.connections == 1
        assert link.reset_counters() == (up, down)
        assert (link.bytes_up, link.bytes_down, link.connections) == (0, 0, 0)
        session.get(link.url_for("/tiny"), timeout=5).raise_for_status()
        assert 0 < link.bytes_up < 1000


def test_unreachable_upstream_is_a_connection_error() -> None:
    with ShapingProxy("127.0.0.1", 1, rtt_ms=0) as link, pytest.raises(requests.ConnectionError):
        requests.get(link.url_for("/x"), timeout=5)


def test_stop_closes_everything(upstream: tuple[str, int]) -> None:
    link = ShapingProxy(*upstream, rtt_ms=20, mbit=1)
    link.start()
    failures: list[BaseException] = []

    def slow_upload() -> None:
        try:
            requests.post(link.url_for("/up"), data=b"u" * 5_000_000, timeout=30)
        except requests.RequestException as exc:
            failures.append(exc)

    with requests.Session() as session:
        session.get(link.url_for("/tiny"), timeout=5).raise_for_status()  # an idle keep-alive one
        client = threading.Thread(target=slow_upload)
        client.start()
        deadline = time.monotonic() + 5
        while link.bytes_up < 100_000:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        took = timed(link.stop)
        client.join(5)
    assert took < 1
    assert failures and isinstance(failures[0], requests.ConnectionError)
    assert not [t for t in threading.enumerate() if t.name == "ShapingProxy"]
    link.stop()  # twice is harmless


def test_command_line_prints_its_port(upstream: tuple[str, int]) -> None:
    command = [sys.executable, str(ROOT / "bench" / "shaper.py"), "--listen", "127.0.0.1:0"]
    command += ["--upstream", f"{upstream[0]}:{upstream[1]}", "--rtt-ms", "20", "--mbit", "20"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            port = int(process.stdout.readline())
            assert requests.get(f"http://127.0.0.1:{port}/tiny", timeout=5).content == b"xx"
        finally:
            process.terminate()
            _, err = process.communicate(timeout=5)
    assert process.returncode == 0
    assert "bytes up" in err

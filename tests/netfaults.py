"""FaultProxy: a TCP proxy for tests that cuts, stalls and answers 5xx between an HTTP client and server.

The sync engine must survive a field network: connections cut mid-upload, responses lost
after the server did the work (the duplicate-on-retry trap), links that go silent, and
gateways that answer 5xx. This proxy sits on 127.0.0.1 between the tablet's HTTP client
and the real server and injects those faults at random (a seeded `random.Random`) or from
a plan a test sets.

    with FaultProxy("127.0.0.1", server_port, seed=7, cut_upstream=0.1,
                    cut_downstream=0.1, http_5xx=0.05, faults_per_request=True) as proxy:
        client = make_client(proxy.url_for("/api/v1"))
        ...
        proxy.set_enabled(False)   # the network heals: everything must now converge
        assert proxy.faults_injected >= 200

The proxy understands HTTP/1.1 framing (Content-Length and chunked bodies, RFC 9112 §6),
so a cut lands at a random byte offset *inside* one request or response, and with
`faults_per_request=True` a fault is chosen for every request on a keep-alive connection
(requests.Session reuses one connection for many requests).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import socket
import struct
import threading
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Literal, cast

log = logging.getLogger(__name__)

FaultKind = Literal["pass", "cut_upstream", "cut_downstream", "stall", "http_5xx"]
FAULT_KINDS: tuple[FaultKind, ...] = ("cut_upstream", "cut_downstream", "stall", "http_5xx")

_READ_SIZE = 64 * 1024
_MAX_HEAD = 64 * 1024  # a header block larger than this is not HTTP we understand: pass it raw
# A chunked body's length is unknown when the cut offset is drawn: draw within this many
# bytes after the header (the cut is still clipped to land before the message ends).
_CHUNKED_CUT_RANGE = 256 * 1024
_CLOSE_TIMEOUT = 2.0  # a peer that never reads must not hold stop() up


@dataclass(frozen=True)
class Fault:
    """What the proxy does with one connection (or one request, with faults_per_request).

    n_bytes: for cuts, the bytes of the request (cut_upstream) or of the response
    (cut_downstream) let through before the cut; None draws it at random within the message.
    seconds: for stall, how long to stay silent; None uses the proxy's stall_seconds.
    status: for http_5xx; None draws one of the proxy's statuses.
    """

    kind: FaultKind
    n_bytes: int | None = None
    seconds: float | None = None
    status: int | None = None


PASS = Fault("pass")


def cut_upstream_after(n_bytes: int | None = None) -> Fault:
    """Forward n bytes of the request, then cut both sides (never the whole request)."""
    return Fault("cut_upstream", n_bytes=n_bytes)


def cut_downstream_after(n_bytes: int | None = None) -> Fault:
    """Deliver the whole request, then cut the response after n bytes (never the whole response)."""
    return Fault("cut_downstream", n_bytes=n_bytes)


def stall(seconds: float | None = None) -> Fault:
    """Go silent at the start of the request for `seconds`, then close."""
    return Fault("stall", seconds=seconds)


def http_5xx(status: int | None = 503) -> Fault:
    """Answer a canned 5xx JSON error with Connection: close, never contacting the upstream."""
    return Fault("http_5xx", status=status)


_REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}
INJECTED_ERROR_BODY = {"error": {"code": "unavailable", "message": "injected"}}


def canned_response(status: int) -> bytes:
    """The bytes of the injected 5xx answer."""
    body = json.dumps(INJECTED_ERROR_BODY).encode()
    head = (
        f"HTTP/1.1 {status} {_REASONS.get(status, 'Server Error')}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


# --- HTTP/1.1 message framing (RFC 9112 §6.3) -----------------------------------------------


@dataclass
class _Head:
    method: str  # a request's method; for a response, the method of the request it answers
    status: int  # a response's status; 0 for a request
    head_len: int
    body_len: int | None  # None: chunked, or (responses) delimited by the connection's close
    interim: bool  # a 1xx answer other than 101: the real response is still to come


@dataclass
class _Piece:
    index: int  # message number on this stream; -1 for raw bytes once framing was given up
    data: bytes
    head: _Head | None  # set on the piece that is exactly the message's header block
    end: bool  # the message ends with this piece


class _HttpFramer:
    """Splits one direction of an HTTP/1.1 connection into messages, incrementally."""

    def __init__(self, *, is_request: bool) -> None:
        self._is_request = is_request
        self._buf = bytearray()
        self._state = "head"  # head | length | chunk_size | chunk_data | trailer | until_close | raw
        self._remaining = 0
        self._index = 0
        self._methods: deque[str] = deque()  # responses: methods of requests still unanswered

    def expect_response_to(self, method: str) -> None:
        self._methods.append(method)

    def feed(self, data: bytes) -> list[_Piece]:
        self._buf += data
        pieces: list[_Piece] = []
        while self._buf:
            if self._state == "raw" or self._state == "until_close":
                index = -1 if self._state == "raw" else self._index
                pieces.append(_Piece(index, self._take(len(self._buf)), None, False))
            elif self._state == "head":
                if not self._parse_head(pieces):
                    break
            elif self._state == "length" or self._state == "chunk_data":
                n = min(self._remaining, len(self._buf))
                self._remaining -= n
                done = self._remaining == 0
                ends = done and self._state == "length"
                pieces.append(_Piece(self._index, self._take(n), None, ends))
                if done:
                    self._state = "chunk_size" if self._state == "chunk_data" else "head"
                    if ends:
                        self._index += 1
            else:  # chunk_size or trailer: one CRLF-terminated line
                eol = self._buf.find(b"\r\n")
                if eol < 0:
                    if len(self._buf) > _MAX_HEAD:
                        self._give_up(pieces)
                    break
                line = bytes(self._buf[:eol])
                ends = False
                if self._state == "chunk_size":
                    try:
                        size = int(line.split(b";", 1)[0].strip(), 16)
                    except ValueError:
                        self._give_up(pieces)
                        continue
                    if size == 0:
                        self._state = "trailer"
                    else:
                        self._state, self._remaining = "chunk_data", size + 2  # data and its CRLF
                elif line == b"":
                    ends = True
                pieces.append(_Piece(self._index, self._take(eol + 2), None, ends))
                if ends:
                    self._state = "head"
                    self._index += 1
        return _merge(pieces)

    def feed_eof(self) -> list[_Piece]:
        """The stream ended: a body delimited by the close is complete now."""
        if self._state == "until_close":
            self._state = "head"
            self._index += 1
            return [_Piece(self._index - 1, b"", None, True)]
        return []

    def _take(self, n: int) -> bytes:
        data = bytes(self._buf[:n])
        del self._buf[:n]
        return data

    def _give_up(self, pieces: list[_Piece]) -> None:
        log.debug("not HTTP/1.1 we can frame; passing the rest of the stream raw")
        self._state = "raw"

    def _parse_head(self, pieces: list[_Piece]) -> bool:
        end = self._buf.find(b"\r\n\r\n")
        if end < 0:
            if len(self._buf) > _MAX_HEAD:
                self._give_up(pieces)
                return True
            return False
        raw = bytes(self._buf[: end + 4])
        lines = raw.lstrip(b"\r\n").split(b"\r\n")  # RFC 9112 §2.2: ignore CRLFs before a request
        start = lines[0].decode("latin-1").split(" ", 2)
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, sep, value = line.decode("latin-1").partition(":")
            if sep:
                key = name.strip().lower()
                headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
        chunked = headers.get("transfer-encoding", "").lower().rsplit(",", 1)[-1].strip() == "chunked"
        try:
            length = int(headers["content-length"].split(",")[0]) if "content-length" in headers else None
            if self._is_request:
                method, status, interim, upgrade = start[0], 0, False, False
                body_len = None if chunked else (length or 0)
            else:
                status = int(start[1])
                interim = 100 <= status < 200 and status != 101
                method = "" if interim else (self._methods.popleft() if self._methods else "GET")
                upgrade = status == 101 or (method == "CONNECT" and 200 <= status < 300)
                no_body = interim or upgrade or method == "HEAD" or status in (204, 304)
                body_len = 0 if no_body else (None if chunked else length)
        except (IndexError, ValueError, KeyError):
            self._give_up(pieces)
            return True
        head = _Head(method, status, len(raw), body_len, interim)
        del self._buf[: end + 4]
        pieces.append(_Piece(self._index, raw, head, body_len == 0))
        if upgrade:
            self._state = "raw"
        elif body_len == 0:
            self._index += 1
        elif chunked:
            self._state = "chunk_size"
        elif body_len is None:
            self._state = "until_close"
        else:
            self._state, self._remaining = "length", body_len
        return True


def _merge(pieces: list[_Piece]) -> list[_Piece]:
    """Join consecutive body pieces of one message, so the proxy writes fewer, larger segments."""
    merged: list[_Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if last is not None and piece.head is None and last.index == piece.index and not last.end:
            merged[-1] = _Piece(last.index, last.data + piece.data, last.head, piece.end)
        else:
            merged.append(piece)
    return merged


# --- one proxied connection ----------------------------------------------------------------


def _rst(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP RST, as a dropped radio link or a killed middlebox looks to the peer."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def _write(writer: asyncio.StreamWriter, data: bytes) -> bool:
    if not data:
        return True
    try:
        writer.write(data)
        await writer.drain()
    except (ConnectionError, OSError, RuntimeError):
        return False
    return True


async def _flush(writer: asyncio.StreamWriter) -> None:
    """Wait until every byte written has reached the kernel, so a cut lands at the exact offset."""
    writer.transport.set_write_buffer_limits(high=0)
    with contextlib.suppress(ConnectionError, OSError, RuntimeError, TimeoutError):
        async with asyncio.timeout(_CLOSE_TIMEOUT):
            await writer.drain()


async def _close(writer: asyncio.StreamWriter, *, reset: bool) -> None:
    if reset:
        _rst(writer)
    else:
        writer.close()
    try:
        async with asyncio.timeout(_CLOSE_TIMEOUT):
            await writer.wait_closed()
    except TimeoutError:
        writer.transport.abort()  # the peer never read what was left: drop it
    except asyncio.CancelledError:
        writer.transport.abort()  # stop(): the socket must still be closed before the loop ends
        raise
    except Exception:  # noqa: BLE001 - the peer's own reset surfaces here; the socket is closed either way
        pass


@dataclass
class _Exchange:
    fault: Fault
    first: bool
    seen: int = 0  # bytes of this message forwarded (or swallowed) so far
    cut_at: int | None = None


class _Connection:
    """One client connection: two pumps (client→upstream, upstream→client) and the fault applied."""

    def __init__(self, proxy: FaultProxy, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.proxy = proxy
        self.client_reader, self.client_writer = reader, writer
        self.up_reader: asyncio.StreamReader | None = None
        self.up_writer: asyncio.StreamWriter | None = None
        self.up_task: asyncio.Task[None] | None = None
        self.stall_task: asyncio.Task[None] | None = None
        self.requests = _HttpFramer(is_request=True)
        self.responses = _HttpFramer(is_request=False)
        self.request: _Exchange | None = None
        self.response: _Exchange | None = None
        self.awaiting: deque[_Exchange] = deque()  # forwarded requests whose responses are due
        self.stalled = False
        self.closing = False

    async def run(self) -> None:
        try:
            while not self.closing:
                try:
                    data = await self.client_reader.read(_READ_SIZE)
                except (ConnectionError, OSError):
                    break
                if not data or not await self._from_client(data):
                    break
            await self.close(reset=False)
        except asyncio.CancelledError:
            await self.close(reset=True)  # stop(): at once, not gracefully
            raise
        finally:
            for task in (self.up_task, self.stall_task):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task

    async def close(self, *, reset: bool) -> None:
        if self.closing:
            return
        self.closing = True
        writers = [self.client_writer] + ([self.up_writer] if self.up_writer is not None else [])
        await asyncio.gather(*(_close(w, reset=reset) for w in writers))

    async def _cut(self) -> None:
        """Cut both sides at once, after what was let through has left the proxy."""
        if self.closing:
            return
        if self.proxy.reset:
            await _flush(self.client_writer)
            if self.up_writer is not None:
                await _flush(self.up_writer)
        await self.close(reset=self.proxy.reset)

    async def _to_upstream(self, data: bytes) -> bool:
        if self.up_writer is None:
            # Connect only when a byte has to go: a 5xx answer must not touch the upstream.
            host, port = self.proxy.upstream
            try:
                self.up_reader, self.up_writer = await asyncio.open_connection(host, port)
            except OSError as exc:
                log.debug("upstream %s:%s unreachable: %s", host, port, exc)
                await self.close(reset=True)
                return False
            self.up_task = asyncio.create_task(self._pump_responses())
        return await _write(self.up_writer, data)

    async def _from_client(self, data: bytes) -> bool:
        """Handle bytes from the client; False once the connection is finished."""
        for piece in self.requests.feed(data):
            if self.closing:
                return False
            if piece.index < 0:  # unframeable: pass it as it is
                if not await self._to_upstream(piece.data):
                    return False
                continue
            if piece.head is not None:
                first = piece.index == 0
                self.request = _Exchange(self.proxy._decide(first), first)
                self.proxy._count_request()
            req = self.request
            assert req is not None
            kind = req.fault.kind
            if self.stalled:
                continue  # a silent link: what the client sends goes nowhere
            if kind in ("pass", "cut_downstream"):
                if piece.head is not None:
                    self.responses.expect_response_to(piece.head.method)
                    self.awaiting.append(req)
                if not await self._to_upstream(piece.data):
                    return False
            elif kind == "cut_upstream":
                if piece.head is not None:
                    req.cut_at = self.proxy._cut_offset(req.fault.n_bytes, piece.head)
                assert req.cut_at is not None
                limit = req.cut_at
                if piece.end:  # never let the whole request through, or it is no cut at all
                    limit = min(limit, req.seen + len(piece.data) - 1)
                room = max(0, limit - req.seen)
                if room >= len(piece.data):
                    req.seen += len(piece.data)
                    if not await self._to_upstream(piece.data):
                        return False
                    continue
                if room and not await self._to_upstream(piece.data[:room]):
                    return False
                self.proxy._count_fault("cut_upstream")
                log.debug("cut upstream after %d bytes of the request", req.seen + room)
                await self._cut()
                return False
            elif kind == "stall":
                self.stalled = True
                seconds = req.fault.seconds if req.fault.seconds is not None else self.proxy.stall_seconds
                self.proxy._count_fault("stall")
                self.stall_task = asyncio.create_task(self._end_stall(seconds))
            elif kind == "http_5xx" and piece.end:
                # Answered only once the whole request is swallowed: a client still sending its
                # body when the answer and the close come would see a broken pipe, not the status.
                status = self.proxy._status(req.fault.status)
                self.proxy._count_fault("http_5xx")
                await _write(self.client_writer, canned_response(status))
                await self.close(reset=False)
                return False
        return not self.closing

    async def _end_stall(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        await self.close(reset=False)

    async def _pump_responses(self) -> None:
        assert self.up_reader is not None
        try:
            while not self.closing:
                try:
                    data = await self.up_reader.read(_READ_SIZE)
                except (ConnectionError, OSError):
                    data = b""
                pieces = self.responses.feed(data) if data else self.responses.feed_eof()
                for piece in pieces:
                    if not await self._to_client(piece):
                        return
                if not data:
                    break
        finally:
            # The upstream is gone (or the connection is): the client must hear the close,
            # after whatever was already on its way. A stalled link stays silent until its end.
            if not self.stalled:
                await self.close(reset=False)

    async def _to_client(self, piece: _Piece) -> bool:
        if self.closing:
            return False
        if self.stalled:
            return True
        if piece.head is not None and not piece.head.interim:
            self.response = self.awaiting.popleft() if self.awaiting else None
            if self.response is not None and self.response.fault.kind == "cut_downstream":
                # Decided only now that the answer has begun: the server has done the work.
                self.response.cut_at = self.proxy._cut_offset(self.response.fault.n_bytes, piece.head)
        resp = self.response
        interim = piece.head is not None and piece.head.interim
        if piece.index < 0 or resp is None or resp.fault.kind != "cut_downstream" or interim:
            return await _write(self.client_writer, piece.data)
        assert resp.cut_at is not None
        limit = resp.cut_at
        if piece.end:
            limit = min(limit, resp.seen + len(piece.data) - 1)
        room = max(0, limit - resp.seen)
        if room >= len(piece.data):
            resp.seen += len(piece.data)
            return await _write(self.client_writer, piece.data)
        if room:
            await _write(self.client_writer, piece.data[:room])
        self.proxy._count_fault("cut_downstream")
        log.debug("cut downstream after %d bytes of the response", resp.seen + room)
        await self._cut()
        return False


# --- the proxy -----------------------------------------------------------------------------


class FaultProxy:
    """A fault-injecting TCP proxy on 127.0.0.1 in front of an HTTP/1.1 upstream.

    Probabilities (cut_upstream, cut_downstream, stall, http_5xx) apply per connection, or
    per request with faults_per_request=True; what is left passes. In per-connection mode a
    fault hits the first request of the connection and later requests on a connection that
    was passed pass too. `plan()` queues exact faults that take precedence over the dice.
    reset=True closes cut connections with a TCP RST, False with a FIN.
    """

    def __init__(
        self,
        upstream_host: str,
        upstream_port: int,
        *,
        seed: int | None = 0,
        cut_upstream: float = 0.0,
        cut_downstream: float = 0.0,
        stall: float = 0.0,
        http_5xx: float = 0.0,
        stall_seconds: float = 3.0,
        statuses: Sequence[int] = (502, 503, 504),
        faults_per_request: bool = False,
        reset: bool = True,
        listen_host: str = "127.0.0.1",
        listen_port: int = 0,
    ) -> None:
        self._probabilities: dict[FaultKind, float] = {
            "cut_upstream": cut_upstream,
            "cut_downstream": cut_downstream,
            "stall": stall,
            "http_5xx": http_5xx,
        }
        if any(p < 0 for p in self._probabilities.values()) or sum(self._probabilities.values()) > 1 + 1e-9:
            raise ValueError("fault probabilities must be >= 0 and sum to at most 1")
        if not statuses or any(not 500 <= s <= 599 for s in statuses):
            raise ValueError("statuses must be 5xx codes")
        self.upstream = (upstream_host, upstream_port)
        self.stall_seconds = stall_seconds
        self.statuses = tuple(statuses)
        self.faults_per_request = faults_per_request
        self.reset = reset
        self.host = listen_host
        self._listen_port = listen_port
        self._port: int | None = None
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._plan: deque[Fault] = deque()
        self._enabled = True
        self._connections = 0
        self._requests = 0
        self._faults: dict[FaultKind, int] = dict.fromkeys(FAULT_KINDS, 0)
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._handlers: set[asyncio.Task[None]] = set()
        self._accepted: set[asyncio.StreamWriter] = set()
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None

    # -- lifecycle --

    def __enter__(self) -> FaultProxy:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("FaultProxy already started")
        self._thread = threading.Thread(target=self._run, name="FaultProxy", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._startup_error is not None:
            self._thread.join()
            self._thread = None
            raise self._startup_error

    def stop(self) -> None:
        """Close every connection and the listener, and join the proxy's thread."""
        thread, loop, stop_event = self._thread, self._loop, self._stop_event
        if thread is None:
            return
        if loop is not None and stop_event is not None:
            with contextlib.suppress(RuntimeError):  # the loop already ended
                loop.call_soon_threadsafe(stop_event.set)
        thread.join()
        self._thread = None

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FaultProxy not started")
        return self._port

    def url_for(self, upstream_path: str = "") -> str:
        """The URL a client uses to reach `upstream_path` on the upstream through the proxy."""
        return f"http://{self.host}:{self.port}{upstream_path}"

    def set_upstream(self, host: str, port: int) -> None:
        """Point new connections elsewhere (a server restarted on another port)."""
        self.upstream = (host, port)

    # -- faults --

    def plan(self, faults: Iterable[Fault | FaultKind]) -> None:
        """Queue exact faults for the next connections (or requests, with faults_per_request)."""
        with self._lock:
            self._plan.extend(f if isinstance(f, Fault) else Fault(f) for f in faults)

    @property
    def planned(self) -> int:
        """Planned faults not yet used."""
        with self._lock:
            return len(self._plan)

    def set_enabled(self, enabled: bool) -> None:
        """False: pass everything through (the plan waits) — the network has healed."""
        with self._lock:
            self._enabled = enabled

    # -- counters --

    @property
    def connections(self) -> int:
        with self._lock:
            return self._connections

    @property
    def requests(self) -> int:
        """HTTP requests seen (whole or begun)."""
        with self._lock:
            return self._requests

    @property
    def faults_injected(self) -> int:
        """Faults that took effect: a cut made, a stall begun, a 5xx sent."""
        with self._lock:
            return sum(self._faults.values())

    @property
    def faults_by_kind(self) -> dict[FaultKind, int]:
        with self._lock:
            return dict(self._faults)

    def reset_counters(self) -> None:
        with self._lock:
            self._connections = self._requests = 0
            self._faults = dict.fromkeys(FAULT_KINDS, 0)

    # -- called from the proxy's loop --

    def _decide(self, first_on_connection: bool) -> Fault:
        with self._lock:
            if not self._enabled or (not self.faults_per_request and not first_on_connection):
                return PASS
            if self._plan:
                return self._plan.popleft()
            roll = self._rng.random()
            for kind, p in self._probabilities.items():
                if roll < p:
                    return Fault(kind)
                roll -= p
            return PASS

    def _cut_offset(self, n_bytes: int | None, head: _Head) -> int:
        """Where to cut a message: n_bytes, or a random offset inside it."""
        if n_bytes is not None:
            return max(0, n_bytes)
        body = _CHUNKED_CUT_RANGE if head.body_len is None else head.body_len
        span = head.head_len + body
        with self._lock:
            return self._rng.randrange(span)

    def _status(self, status: int | None) -> int:
        if status is not None:
            return status
        with self._lock:
            return self._rng.choice(self.statuses)

    def _count_request(self) -> None:
        with self._lock:
            self._requests += 1

    def _count_fault(self, kind: FaultKind) -> None:
        with self._lock:
            self._faults[kind] += 1

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # noqa: BLE001 - reported to start(), which re-raises it
            if not self._ready.is_set():
                self._startup_error = exc
                self._ready.set()
            else:
                log.exception("FaultProxy loop failed")

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop_event = asyncio.Event()
        try:
            server = await asyncio.start_server(self._accept, self.host, self._listen_port)
        except OSError as exc:
            self._startup_error = exc
            self._ready.set()
            return
        self._port = cast(int, server.sockets[0].getsockname()[1])
        self._ready.set()
        await self._stop_event.wait()
        server.close()
        # Let connections accepted just now start their handlers, so each closes its sockets.
        for _ in range(3):
            await asyncio.sleep(0)
        for task in list(self._handlers):
            task.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)
        # A connection accepted just before the stop may have had its handler cancelled before
        # it ever ran: its socket is closed here, while the loop still runs.
        for writer in list(self._accepted):
            writer.transport.abort()
        self._accepted.clear()
        await asyncio.sleep(0)
        await server.wait_closed()

    def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Called as each connection is made: its writer is known before its handler runs."""
        self._accepted.add(writer)
        self._handlers.add(asyncio.get_running_loop().create_task(self._on_client(reader, writer)))

    async def _on_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        with self._lock:
            self._connections += 1
        connection = _Connection(self, reader, writer)
        try:
            await connection.run()
        except asyncio.CancelledError:
            # stop() cancelled us and the sockets are closed. End normally: Python 3.11's
            # start_server callback calls task.exception(), which raises on a cancelled task.
            pass
        finally:
            self._accepted.discard(writer)
            self._handlers.discard(task)

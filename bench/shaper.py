"""ShapingProxy: a TCP proxy that makes a 127.0.0.1 hop behave like a field 4G link (delay, bandwidth, byte counts).

The sync benchmark compares sync throughput with a raw upload "on the same link": a
link with 100 ms of round-trip time and 20 Mbit/s each way. Round trips per photo and
bytes on the wire only show up on such a link, not on loopback.

Model (a netem-like delay line behind a shared bottleneck):
- each direction is one link shared by every connection, as a radio link is: bytes leave
  one after another at the link rate (a segment of n bytes occupies the link n/rate
  seconds, after whatever is queued before it, whichever connection sent it);
- each segment then arrives one-way delay (rtt/2) after it left, so pipelined bytes stay
  pipelined: a stream pays the delay once, not once per segment;
- the bottleneck queue holds `queue_bytes`; a sender beyond it is not read from, so TCP
  back-pressure reaches it as it would over the air;
- a new connection's first bytes wait one round trip, the TCP handshake a real link costs
  (the proxy's own accept on 127.0.0.1 is instant).
Not modelled: loss, jitter, TCP slow start.

In a test or benchmark:

    with ShapingProxy("127.0.0.1", server_port, rtt_ms=100, mbit=20) as link:
        upload(link.url)          # http://127.0.0.1:PORT
        print(link.bytes_up, link.bytes_down)

From a shell (prints the port it listens on, then runs until SIGINT/SIGTERM):

    python bench/shaper.py --listen 127.0.0.1:0 --upstream 127.0.0.1:8080 --rtt-ms 100 --mbit 20
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
import threading
from collections import deque
from types import FrameType, TracebackType
from typing import cast

log = logging.getLogger(__name__)

_READ_SIZE = 64 * 1024
# The link is scheduled in segments of this size, so a large read does not arrive as one
# late lump (store-and-forward of 64 KiB at 20 Mbit/s would add 26 ms); ~3 ms at 20 Mbit/s.
_SEGMENT = 8 * 1024
_UNLIMITED_LINE = 8 * 1024 * 1024  # bytes in flight per connection when the rate is unlimited
_CLOSE_TIMEOUT = 2.0


class _Link:
    """One direction of the shared bottleneck: bytes leave one after another at the link rate."""

    def __init__(self, bytes_per_second: float | None, delay: float, queue_bytes: int) -> None:
        self.rate = bytes_per_second
        self.delay = delay
        self.queue_bytes = queue_bytes
        self._free_at = 0.0  # when the link finishes sending what is already queued

    def wait_before_admitting(self, now: float) -> float:
        """Seconds until the bottleneck queue has room for another segment."""
        if self.rate is None:
            return 0.0
        backlog = (self._free_at - now) * self.rate
        return max(0.0, (backlog - self.queue_bytes) / self.rate)

    def send(self, n_bytes: int, now: float) -> float:
        """Queue n bytes on the link; returns when they arrive at the far end."""
        if self.rate is None:
            return now + self.delay
        self._free_at = max(now, self._free_at) + n_bytes / self.rate
        return self._free_at + self.delay

    def line_limit(self) -> int:
        """Bytes one connection may have between its reader and its writer: in flight plus queued."""
        if self.rate is None:
            return _UNLIMITED_LINE
        return int(self.rate * self.delay) + self.queue_bytes + 2 * _SEGMENT


class _DelayLine:
    """One direction of one connection: segments stamped with their arrival time, in order."""

    def __init__(self, limit: int) -> None:
        self._items: deque[tuple[float, bytes | None]] = deque()  # None: the sender's EOF
        self._size = 0
        self._limit = limit
        self._changed = asyncio.Event()

    async def wait_for_room(self) -> None:
        while self._size >= self._limit:  # the receiver is not reading: stop reading the sender
            self._changed.clear()
            await self._changed.wait()

    def append(self, arrival: float, data: bytes | None) -> None:
        self._items.append((arrival, data))
        self._size += len(data or b"")
        self._changed.set()

    async def next_arrival(self) -> float:
        while not self._items:
            self._changed.clear()
            await self._changed.wait()
        return self._items[0][0]

    def pop_due(self, now: float) -> tuple[bytes, bool]:
        """The bytes that have arrived by now, joined, and whether the sender's EOF arrived too."""
        parts: list[bytes] = []
        while self._items and self._items[0][0] <= now:
            _, data = self._items.popleft()
            if data is None:
                self._changed.set()
                return b"".join(parts), True
            parts.append(data)
            self._size -= len(data)
        self._changed.set()
        return b"".join(parts), False


def _bytes_per_second(mbit: float | None) -> float | None:
    return mbit * 1e6 / 8 if mbit else None


class ShapingProxy:
    """A TCP proxy on 127.0.0.1 that shapes traffic to `upstream` like a field 4G link.

    rtt_ms: added round-trip time (half each way). mbit: rate of each direction in
    Mbit/s (10^6 bits); mbit_up / mbit_down override one direction; 0 or None: unlimited.
    queue_bytes: the bottleneck's queue, shared by all connections in that direction.
    handshake: a new connection's first bytes wait one rtt, as the TCP handshake would.
    Counters: bytes_up (client → upstream), bytes_down, connections; reset_counters().
    """

    def __init__(
        self,
        upstream_host: str,
        upstream_port: int,
        *,
        rtt_ms: float = 100.0,
        mbit: float | None = 20.0,
        mbit_up: float | None = None,
        mbit_down: float | None = None,
        queue_bytes: int = 64 * 1024,
        handshake: bool = True,
        listen_host: str = "127.0.0.1",
        listen_port: int = 0,
    ) -> None:
        if rtt_ms < 0 or queue_bytes < 0:
            raise ValueError("rtt_ms and queue_bytes must be >= 0")
        self.upstream = (upstream_host, upstream_port)
        self.rtt = rtt_ms / 1000
        self.handshake = handshake
        self.host = listen_host
        self._listen_port = listen_port
        self._up = _Link(_bytes_per_second(mbit if mbit_up is None else mbit_up), self.rtt / 2, queue_bytes)
        self._down = _Link(_bytes_per_second(mbit if mbit_down is None else mbit_down), self.rtt / 2, queue_bytes)
        self._lock = threading.Lock()
        self._bytes_up = 0
        self._bytes_down = 0
        self._connections = 0
        self._port: int | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._handlers: set[asyncio.Task[None]] = set()
        self._accepted: set[asyncio.StreamWriter] = set()
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None

    # -- lifecycle --

    def __enter__(self) -> ShapingProxy:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("ShapingProxy already started")
        self._thread = threading.Thread(target=self._run, name="ShapingProxy", daemon=True)
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
            raise RuntimeError("ShapingProxy not started")
        return self._port

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url_for(self, upstream_path: str = "") -> str:
        return self.url + upstream_path

    # -- counters --

    @property
    def bytes_up(self) -> int:
        """Payload bytes the clients sent towards the upstream (TCP/IP headers not counted)."""
        with self._lock:
            return self._bytes_up

    @property
    def bytes_down(self) -> int:
        with self._lock:
            return self._bytes_down

    @property
    def connections(self) -> int:
        with self._lock:
            return self._connections

    def reset_counters(self) -> tuple[int, int]:
        """Zero the byte and connection counters; returns (bytes_up, bytes_down) before the reset."""
        with self._lock:
            counts = (self._bytes_up, self._bytes_down)
            self._bytes_up = self._bytes_down = self._connections = 0
            return counts

    def _count(self, up: bool, n: int) -> None:
        with self._lock:
            if up:
                self._bytes_up += n
            else:
                self._bytes_down += n

    # -- the loop --

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # noqa: BLE001 - reported to start(), which re-raises it
            if not self._ready.is_set():
                self._startup_error = exc
                self._ready.set()
            else:
                log.exception("ShapingProxy loop failed")

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
        for _ in range(3):  # let connections accepted just now start, so each closes its sockets
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

    def _accept(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        """Called as each connection is made: its writer is known before its handler runs."""
        self._accepted.add(client_writer)
        task = asyncio.get_running_loop().create_task(self._on_client(client_reader, client_writer))
        self._handlers.add(task)

    async def _on_client(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        with self._lock:
            self._connections += 1
        loop = asyncio.get_running_loop()
        first_byte_at = loop.time() + (self.rtt if self.handshake else 0.0)
        writers = [client_writer]
        pumps: list[asyncio.Task[None]] = []
        graceful = False
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.upstream)
            writers.append(up_writer)
            up_line, down_line = _DelayLine(self._up.line_limit()), _DelayLine(self._down.line_limit())
            pumps = [
                asyncio.create_task(self._feed(client_reader, up_line, self._up, True, first_byte_at)),
                asyncio.create_task(_deliver(up_line, up_writer)),
                asyncio.create_task(self._feed(up_reader, down_line, self._down, False, 0.0)),
                asyncio.create_task(_deliver(down_line, client_writer)),
            ]
            await asyncio.gather(*pumps)
            graceful = True
        except (ConnectionError, OSError) as exc:
            log.debug("connection ended: %r", exc)  # a reset or an unreachable upstream: reset the other side
        except asyncio.CancelledError:
            # stop(). End normally: Python 3.11's start_server callback calls task.exception(),
            # which raises on a cancelled task.
            pass
        finally:
            for pump in pumps:
                pump.cancel()
            await asyncio.gather(*pumps, return_exceptions=True)
            await asyncio.gather(*(_close(w, graceful=graceful) for w in writers))
            self._accepted.discard(client_writer)
            self._handlers.discard(task)

    async def _feed(
        self, reader: asyncio.StreamReader, line: _DelayLine, link: _Link, up: bool, not_before: float
    ) -> None:
        """Read one side as fast as the link takes it, stamping each segment with its arrival."""
        loop = asyncio.get_running_loop()
        if not_before > loop.time():
            await asyncio.sleep(not_before - loop.time())
        while True:
            data = await reader.read(_READ_SIZE)
            if not data:
                line.append(link.send(0, loop.time()), None)  # the FIN follows the last byte
                return
            self._count(up, len(data))
            for offset in range(0, len(data), _SEGMENT):
                segment = data[offset : offset + _SEGMENT]
                await line.wait_for_room()
                wait = link.wait_before_admitting(loop.time())
                if wait > 0:
                    await asyncio.sleep(wait)
                line.append(link.send(len(segment), loop.time()), segment)


async def _deliver(line: _DelayLine, writer: asyncio.StreamWriter) -> None:
    """Write each segment out when it arrives; pass the sender's EOF on after its last byte."""
    loop = asyncio.get_running_loop()
    while True:
        arrival = await line.next_arrival()
        if arrival > loop.time():
            await asyncio.sleep(arrival - loop.time())
        data, eof = line.pop_due(loop.time())
        if data:
            writer.write(data)
            await writer.drain()
        if eof:
            if writer.can_write_eof():
                writer.write_eof()
            return


async def _close(writer: asyncio.StreamWriter, *, graceful: bool) -> None:
    if graceful:
        writer.close()
    else:
        writer.transport.abort()
    try:
        async with asyncio.timeout(_CLOSE_TIMEOUT):
            await writer.wait_closed()
    except TimeoutError:
        writer.transport.abort()  # the peer never read what was left
    except asyncio.CancelledError:
        writer.transport.abort()  # the socket must still be closed before the loop ends
        raise
    except Exception:  # noqa: BLE001 - a peer's reset surfaces here; the socket is closed either way
        pass


def _address(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    return host or "127.0.0.1", int(port)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A TCP proxy that shapes traffic like a field 4G link.")
    parser.add_argument("--listen", type=_address, default=("127.0.0.1", 0), help="HOST:PORT (port 0: any)")
    parser.add_argument("--upstream", type=_address, required=True, help="HOST:PORT of the server")
    parser.add_argument("--rtt-ms", type=float, default=100.0, help="added round-trip time (default 100)")
    parser.add_argument("--mbit", type=float, default=20.0, help="Mbit/s each way, 0 = unlimited (default 20)")
    parser.add_argument("--mbit-up", type=float, default=None, help="Mbit/s towards the server")
    parser.add_argument("--mbit-down", type=float, default=None, help="Mbit/s towards the client")
    parser.add_argument("--queue-kb", type=int, default=64, help="bottleneck queue in KiB (default 64)")
    parser.add_argument("--no-handshake", action="store_true", help="do not charge a round trip per connection")
    args = parser.parse_args(argv)

    stopped = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stopped.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    with ShapingProxy(
        *args.upstream,
        rtt_ms=args.rtt_ms,
        mbit=args.mbit,
        mbit_up=args.mbit_up,
        mbit_down=args.mbit_down,
        queue_bytes=args.queue_kb * 1024,
        handshake=not args.no_handshake,
        listen_host=args.listen[0],
        listen_port=args.listen[1],
    ) as proxy:
        print(proxy.port, flush=True)  # the one line a calling script reads
        while not stopped.wait(0.5):
            pass
        print(f"bytes up {proxy.bytes_up} down {proxy.bytes_down} connections {proxy.connections}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

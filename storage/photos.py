"""Photo ingest: validate, hash and copy a photo, read its EXIF, make its thumbnail and preview.

`PhotoIngestor.ingest(path)`:

1. checks the path in this process (exists, regular file, not empty, not over `max_bytes`);
2. hands the path to the decoder, a separate worker process (`storage._decode_worker`) that
   validates the image, reads its EXIF and renders the preview and thumbnail from one
   reduced-size decode, under a time limit (a hung worker is killed and respawned) and a
   pixel limit (checked on the header, before any pixel is decoded);
3. meanwhile copies the file byte for byte into a temporary file of the originals store,
   hashing while copying, and fsyncs it (`BlobStore.stage_file`);
4. only once the decoder has accepted the file, writes the preview and moves the original
   into place (durable before `ingest` returns). On any error nothing is stored.

The caller (the repository) commits the evidence row after `ingest()` returns.

The decoder is one reusable process started with multiprocessing's "spawn" method (fork is
unsafe in a process with Qt's threads), so per photo only a request and an answer cross the
pipe (well under a millisecond). Like any spawn-based multiprocessing, this needs the
program's main module guarded by ``if __name__ == "__main__":``, and a frozen program
(PyInstaller) to call ``multiprocessing.freeze_support()`` first. The decoder's data segment is limited
(`memory_limit_for`, POSIX only), it is killed and respawned when a photo overruns
`time_limit_s` or it crashes, and it ends by itself when the app's process ends.

Previews are derived data, kept in their own store under the *original's* hash (not their
own): `previews.path_for(original_sha256)`. They are JPEGs whose long edge is 960–1600 px:
a JPEG's is the cheapest DCT-scaled decode (1/8, 1/4, 1/2) that reaches 960 px, shrunk to
1600 px if larger (a 12 MP 4000×3000 photo gives 1000×750); other formats are shrunk to
1600 px; smaller photos keep their size. Previews are written atomically but not fsynced:
one lost in a crash is rebuilt from the original by `preview_path()`. Thumbnails (long edge
≤ 240 px) go to SQLite.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import stat
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import TracebackType

from storage._decode_worker import Decoded, DecodeOptions, serve
from storage.blobs import BlobStore, SealedFileError, StagedBlob
from storage.errors import EnvironmentFaultError, PhotoError, StorageError

__all__ = [
    "PREVIEW_MAX_EDGE",
    "PREVIEW_MIN_EDGE",
    "THUMBNAIL_EDGE",
    "PhotoInfo",
    "PhotoIngestor",
]

log = logging.getLogger(__name__)

PREVIEW_MIN_EDGE = 960
PREVIEW_MAX_EDGE = 1600
THUMBNAIL_EDGE = 240

# Starting the worker imports Pillow, pillow-heif and exifread: slow on a weak tablet with
# a virus scanner, and not the photo's fault, so it has its own, generous limit.
_STARTUP_LIMIT_S = 60.0
_CHUNK = 1 << 20


@dataclass(frozen=True)
class PhotoInfo:
    """What ingest learnt about a photo. Fields EXIF did not give (or gave garbled) are None."""

    sha256: str
    size: int
    format: str  # "jpeg" | "png" | "heif"
    width: int  # as displayed, after EXIF orientation
    height: int
    taken_at: str | None  # ISO 8601, with the offset only when the file gives one
    lat: float | None  # WGS-84, signed by ref (S/W negative); (0, 0) and out of range are None
    lon: float | None
    alt: float | None  # metres, negative below sea level
    make: str | None
    model: str | None
    orientation: int | None  # 1..8 as in the EXIF tag
    thumbnail: bytes  # JPEG, long edge <= 240 px, upright
    accuracy_m: float | None = None  # horizontal GPS error (EXIF GPSHPositioningError), metres


def memory_limit_for(max_pixels: int) -> int:
    """The decoder's data-segment limit: room for a full decode of the largest allowed image
    (HEIF: YUV planes, RGB output and Pillow's copy) plus the interpreter."""
    return 768 * 1024 * 1024 + 12 * max_pixels


class _Decoder:
    """One reusable worker process; killed and respawned when it overruns or dies."""

    def __init__(self, options: DecodeOptions) -> None:
        self._options = options
        self._context = multiprocessing.get_context("spawn")  # fork is unsafe with Qt threads
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._ready = False
        self._requests = 0

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=serve,
            args=(child, self._options),
            name="fieldcase-photo-decoder",
            daemon=True,
        )
        process.start()
        child.close()
        self._process, self._conn, self._ready = process, parent, False

    def _ready_connection(self) -> Connection:
        if self._process is None or self._conn is None:
            self.start()
        elif self._ready and not self._process.is_alive():
            log.warning("the photo decoder died between photos; starting a new one")
            self.stop()
            self.start()
        assert self._conn is not None
        if not self._ready:
            try:
                if not self._conn.poll(_STARTUP_LIMIT_S):
                    raise EOFError
                self._conn.recv()  # ("ready", pid)
            except (EOFError, OSError):
                self.stop()
                raise EnvironmentFaultError(
                    "the photo decoder process could not be started (a program that uses"
                    " PhotoIngestor must guard its main module with"
                    ' `if __name__ == "__main__":`; a frozen one must call'
                    " multiprocessing.freeze_support())"
                ) from None
            self._ready = True
        return self._conn

    def submit(self, path: str | bytes) -> int:
        """Send one request; returns its number, for collect()."""
        self._requests += 1
        request = (self._requests, path)
        try:
            self._ready_connection().send(request)
        except (BrokenPipeError, EOFError, OSError):
            self.stop()  # it died since we last looked; one fresh try
            self._ready_connection().send(request)
        return self._requests

    def collect(self, number: int, deadline: float, name: str, time_limit_s: float) -> Decoded:
        conn = self._conn
        assert conn is not None
        try:
            while True:
                if not conn.poll(max(0.0, deadline - time.monotonic())):
                    self.restart()
                    raise PhotoError(name, f"decoding took longer than {time_limit_s:g} s")
                answered, kind, payload = conn.recv()
                if answered == number:
                    break
                # The answer to a request whose caller was interrupted (KeyboardInterrupt…).
                log.debug("skipping a stale decoder answer %s", answered)
        except (EOFError, OSError):
            self.restart()
            raise PhotoError(name, "the image decoder crashed on this file (corrupt or hostile data)") from None
        if kind == "ok":
            assert isinstance(payload, Decoded)
            return payload
        if kind == "refused":
            raise PhotoError(name, str(payload))
        log.error("the photo decoder failed on %s:\n%s", name, payload)
        raise StorageError(f"{name}: the photo decoder failed unexpectedly (see the log)")

    def restart(self) -> None:
        """Kill the worker now and start the next one at once, so it warms up meanwhile."""
        self.stop(kill=True)
        self.start()

    def stop(self, *, kill: bool = False) -> None:
        process, conn = self._process, self._conn
        self._process, self._conn, self._ready = None, None, False
        if process is None:
            return
        if not kill and conn is not None and process.is_alive():
            with contextlib.suppress(OSError):
                conn.send(None)
            process.join(2.0)
        if process.is_alive():
            process.kill()
        process.join()
        process.close()
        if conn is not None:
            conn.close()


class PhotoIngestor:
    """Brings photos into the originals store; see the module's documentation.

    Thread-safe: calls are serialized. Use as a context manager, or call close(), so the
    decoder process stops.
    """

    def __init__(
        self,
        originals: BlobStore,
        previews: BlobStore | Path,
        *,
        time_limit_s: float = 20.0,
        max_pixels: int = 120_000_000,
        max_bytes: int = 200 * 1024 * 1024,
    ) -> None:
        self.originals = originals
        self.previews = previews if isinstance(previews, BlobStore) else BlobStore(previews)
        self.time_limit_s = time_limit_s
        self.max_pixels = max_pixels
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._closed = False
        self._decoder = _Decoder(
            DecodeOptions(
                max_pixels=max_pixels,
                preview_min_edge=PREVIEW_MIN_EDGE,
                preview_max_edge=PREVIEW_MAX_EDGE,
                thumbnail_edge=THUMBNAIL_EDGE,
                memory_limit=memory_limit_for(max_pixels),
            )
        )
        self._decoder.start()  # warms up while the caller gets its first photo ready

    @property
    def decoder_pid(self) -> int | None:
        """The decoder process's id (for diagnostics and tests)."""
        return self._decoder.pid

    # -- the work ---------------------------------------------------------------------------

    def ingest(self, path: Path) -> PhotoInfo:
        """Validate and store a photo; raises PhotoError(path, reason), storing nothing."""
        return self._bring_in(Path(path), store=True)

    def probe(self, path: Path) -> PhotoInfo:
        """Everything ingest() does except storing: validate, hash, read EXIF, render."""
        return self._bring_in(Path(path), store=False)

    def preview_path(self, sha256: str) -> Path:
        """The preview of the stored original `sha256`, rebuilt from it if missing.

        FileNotFoundError if neither the preview nor the original is stored.
        """
        target = self.previews.path_for(sha256)
        if _non_empty(target):
            return target
        original = self.originals.path_for(sha256)
        if not original.is_file():
            raise FileNotFoundError(f"no original stored for {sha256}")
        with self._lock:
            self._check_open()
            if not _non_empty(target):
                # An encrypted original is decrypted in memory and handed to the decoder as bytes.
                source: Path | bytes = self.originals.read_bytes(sha256) if self.originals.encrypted else original
                decoded = self._decode(source, str(original))
                self._write_preview(sha256, decoded.preview)
        return target

    def thumbnail_of(self, sha256: str) -> bytes:
        """The thumbnail of a stored original that came without one (a case another tablet made, fetched
        from the server); its preview is written on the way. FileNotFoundError without the original."""
        original = self.originals.path_for(sha256)
        if not original.is_file():
            raise FileNotFoundError(f"no original stored for {sha256}")
        with self._lock:
            self._check_open()
            source: Path | bytes = self.originals.read_bytes(sha256) if self.originals.encrypted else original
            decoded = self._decode(source, str(original))
            if not _non_empty(self.previews.path_for(sha256)):
                self._write_preview(sha256, decoded.preview)
        return decoded.thumbnail

    def preview_bytes(self, sha256: str) -> bytes:
        """The preview's JPEG bytes (decrypted if the store is encrypted), rebuilt if missing, or
        if a crash tore it (previews are not fsynced) so that it no longer authenticates."""
        self.preview_path(sha256)
        try:
            return self.previews.read_bytes(sha256)
        except SealedFileError:
            self.previews.remove(sha256)
            self.preview_path(sha256)
            return self.previews.read_bytes(sha256)

    def _bring_in(self, path: Path, *, store: bool) -> PhotoInfo:
        name = str(path)
        with self._lock:
            self._check_open()
            before = self._check_file(path, name)
            # A camera shot the app sealed (`BlobStore.write_loose`) is decrypted here, in memory;
            # any other file is read by the decoder and the copy from where it is.
            plain = self._unsealed(path, name)
            request = self._decoder.submit(plain if plain is not None else os.path.abspath(path))
            deadline = time.monotonic() + self.time_limit_s
            # While the decoder works: copy and hash (ingest) or only hash (probe).
            staged: StagedBlob | None = None
            failure: BaseException | None = None
            sha256, size = "", 0
            try:
                if store:
                    staged = self.originals.stage_file(path) if plain is None else self.originals.stage_stream([plain])
                    sha256, size = staged.sha256, staged.size
                    staged.prepare()  # its folder, durably, while the decoder still works
                elif plain is not None:
                    sha256, size = hashlib.sha256(plain).hexdigest(), len(plain)
                else:
                    sha256, size = _hash_file(path)
            except EnvironmentFaultError as exc:
                failure = exc
            except OSError as exc:
                failure = PhotoError(name, _read_error(exc))
            try:
                try:
                    decoded = self._decoder.collect(request, deadline, name, self.time_limit_s)
                except PhotoError:
                    if failure is not None:
                        raise failure from None  # the environment's fault comes first
                    raise
                if failure is not None:
                    raise failure
                if _changed(before, path) or size != (before.st_size if plain is None else len(plain)):
                    raise PhotoError(name, "the file changed while it was being imported; try again")
                if staged is not None:
                    self._store(staged, decoded)
            finally:
                if staged is not None:
                    staged.discard()  # a no-op once committed
        return PhotoInfo(
            sha256=sha256,
            size=size,
            format=decoded.format,
            width=decoded.width,
            height=decoded.height,
            taken_at=decoded.taken_at,
            lat=decoded.lat,
            lon=decoded.lon,
            alt=decoded.alt,
            make=decoded.make,
            model=decoded.model,
            orientation=decoded.orientation,
            thumbnail=decoded.thumbnail,
            accuracy_m=decoded.accuracy_m,
        )

    def _decode(self, path: Path | bytes, name: str) -> Decoded:
        request = self._decoder.submit(path if isinstance(path, bytes) else os.path.abspath(path))
        deadline = time.monotonic() + self.time_limit_s
        return self._decoder.collect(request, deadline, name, self.time_limit_s)

    def _store(self, staged: StagedBlob, decoded: Decoded) -> None:
        # Preview first: if storing the original then fails, the preview goes again.
        preview = self.previews.path_for(staged.sha256)
        had_preview = _non_empty(preview)
        if not had_preview:
            self._write_preview(staged.sha256, decoded.preview)
        try:
            staged.commit()
        except BaseException:
            if not had_preview:
                preview.unlink(missing_ok=True)
            raise

    def _write_preview(self, sha256: str, data: bytes) -> None:
        """Atomic (temp file + rename) but not fsynced: previews are rebuilt if lost."""
        self.previews.put_named(sha256, data)

    def _unsealed(self, path: Path, name: str) -> bytes | None:
        try:
            return self.originals.read_loose(path)
        except SealedFileError as exc:
            raise PhotoError(name, f"an encrypted camera shot that does not open: {exc}") from None
        except OSError as exc:
            raise PhotoError(name, _read_error(exc)) from None

    def _check_file(self, path: Path, name: str) -> os.stat_result:
        try:
            info = os.stat(path)
        except OSError as exc:
            raise PhotoError(name, _read_error(exc)) from None
        if stat.S_ISDIR(info.st_mode):
            raise PhotoError(name, "a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise PhotoError(name, "not a regular file")
        if info.st_size == 0:
            raise PhotoError(name, "empty file")
        if info.st_size > self.max_bytes:
            raise PhotoError(name, f"file too large: {info.st_size} bytes (limit {self.max_bytes})")
        return info

    # -- life cycle -------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("this PhotoIngestor is closed")

    def close(self) -> None:
        """Stop the decoder process. Idempotent."""
        with self._lock:
            self._closed = True
            self._decoder.stop()

    def __enter__(self) -> PhotoIngestor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _read_error(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, PermissionError):
        return "cannot read the file: permission denied"
    if isinstance(exc, IsADirectoryError):
        return "a folder, not a file"
    return f"cannot read the file: {exc.strerror or exc}"


def _changed(before: os.stat_result, path: Path) -> bool:
    try:
        after = os.stat(path)
    except OSError:
        return True
    return (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns)


def _non_empty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    buffer = bytearray(_CHUNK)
    view = memoryview(buffer)
    size = 0
    with open(path, "rb", buffering=0) as source:
        while n := source.readinto(buffer):
            digest.update(view[:n])
            size += n
    return digest.hexdigest(), size

"""The content-addressed blob store: files named by their SHA-256, written atomically and durably.

Layout: ``root/ab/cd/<64 lowercase hex>``, where ``ab`` and ``cd`` are the first two byte pairs of
the hash. A blob is written to a temporary file ``root/.tmp-<random>`` while it is hashed, flushed
and fsynced, then moved into place with ``os.replace`` and its folder fsynced, so a blob is either
absent or complete and durable, never partial. The temporary file lives at the store's root rather
than in the target folder because the target folder depends on the hash, which is known only once
the whole content has been read; the root is on the same file system as every target folder, so
the rename is still atomic. Names that are not 64 hex digits (temporary files) are never blobs.
On Linux the temporary file is written with O_DIRECT where the file system allows it (see
`_TempFile`); the guarantees are the same either way.

With a `FileCipher` the store is encrypted: each file is sealed (`storage.sealed`: AES-256-GCM in
64 KiB chunks) while it is written, and is still named by the SHA-256 of its *plaintext*, so a
hash means the same thing with or without encryption. `open()`, `read_bytes()`, `verify()` and
`size()` give and check the plaintext; `path_for()` is where the stored (sealed) file lives.
"""

from __future__ import annotations

import errno
import hashlib
import io
import logging
import mmap
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, cast

from storage.errors import EnvironmentFaultError
from storage.sealed import MAGIC, FileCipher, SealedFileError, Sealer, is_sealed

__all__ = ["BlobStore", "SealedFileError", "StagedBlob", "TEMP_PREFIX", "environment_fault", "fsync_dir"]

log = logging.getLogger(__name__)

TEMP_PREFIX = ".tmp-"
_CHUNK = 1 << 20  # a multiple of every block size O_DIRECT may need
_DIRECT_BLOCK = 4096
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX2 = re.compile(r"[0-9a-f]{2}")

# OSError numbers that are the machine's fault rather than a bug or bad input.
_ENVIRONMENT_ERRNOS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EIO: "input/output error (failing disk or removed card?)",
}


def _check_hash(sha256: str) -> None:
    if not isinstance(sha256, str) or not _HEX64.fullmatch(sha256):
        raise ValueError(f"not a SHA-256 hex digest (64 lowercase hex digits): {sha256!r}")


def environment_fault(exc: OSError, action: str, where: Path) -> EnvironmentFaultError | None:
    """The EnvironmentFaultError an OSError stands for (disk full, read-only…), else None."""
    reason = _ENVIRONMENT_ERRNOS.get(exc.errno or 0)
    if reason is None:
        return None
    return EnvironmentFaultError(f"cannot {action} in {where}: {reason}")


def fsync_dir(folder: Path) -> None:
    """Make a folder's entries (a rename, a new file) durable; a no-op where the OS cannot."""
    if os.name == "nt":  # Windows cannot open a folder as a file; NTFS journals renames itself
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class StagedBlob:
    """A blob written to a temporary file and fsynced but not yet visible in the store.

    `commit()` moves it into place; `discard()` (or leaving the ``with`` block without
    committing) deletes it. Staging lets a caller copy and hash a file while other work
    (validating it) runs, and still store nothing if that work fails. `prepare()` makes the
    target folder ahead of time, so the commit is only a rename and one folder fsync.
    """

    def __init__(self, store: BlobStore, temp: Path, sha256: str, size: int) -> None:
        self.store = store
        self.sha256 = sha256
        self.size = size
        self._temp: Path | None = temp
        self._made: list[Path] = []

    def prepare(self) -> None:
        """Create (durably) the folder the blob will go to; undone by discard() if still empty."""
        if self._temp is None:
            raise RuntimeError("this staged blob was already committed or discarded")
        target = self.store.path_for(self.sha256).parent
        try:
            self._made += self.store._make_dirs(target)
        except OSError as exc:
            raise environment_fault(exc, "create a folder", self.store.root) or exc from exc

    def commit(self) -> tuple[str, int]:
        """Make the blob visible and durable; if it is already stored, keep the stored file."""
        if self._temp is None:
            raise RuntimeError("this staged blob was already committed or discarded")
        temp, self._temp = self._temp, None
        self._made = []
        self.store._commit(temp, self.sha256, self.size)
        return self.sha256, self.size

    def discard(self) -> None:
        if self._temp is not None:
            temp, self._temp = self._temp, None
            temp.unlink(missing_ok=True)
        for folder in reversed(self._made):  # deepest first; a folder in use stays
            try:
                folder.rmdir()
            except OSError:
                break
        self._made = []

    def __enter__(self) -> StagedBlob:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.discard()


class BlobStore:
    """Files named by the SHA-256 of their content, under one root folder."""

    def __init__(self, root: Path, *, direct_io: bool = True, cipher: FileCipher | None = None) -> None:
        self.root = Path(root)
        self.direct_io = direct_io  # O_DIRECT writes where available; see _TempFile
        self.cipher = cipher  # None: files are stored as they are

    @property
    def encrypted(self) -> bool:
        return self.cipher is not None

    def __repr__(self) -> str:
        return f"BlobStore({str(self.root)!r})"

    # -- names ------------------------------------------------------------------------------

    def path_for(self, sha256: str) -> Path:
        _check_hash(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def hashes(self) -> Iterator[str]:
        """Every stored blob, in hash order; temporary and stray files are skipped."""
        if not self.root.is_dir():
            return
        for first in sorted(os.scandir(self.root), key=lambda e: e.name):
            if not (_HEX2.fullmatch(first.name) and first.is_dir(follow_symlinks=False)):
                continue
            for second in sorted(os.scandir(first.path), key=lambda e: e.name):
                if not (_HEX2.fullmatch(second.name) and second.is_dir(follow_symlinks=False)):
                    continue
                prefix = first.name + second.name
                for entry in sorted(os.scandir(second.path), key=lambda e: e.name):
                    name = entry.name
                    if _HEX64.fullmatch(name) and name.startswith(prefix) and entry.is_file(follow_symlinks=False):
                        yield name

    # -- writing ----------------------------------------------------------------------------

    def put_file(self, src: Path) -> tuple[str, int]:
        """Copy a file in byte for byte, hashing while copying; returns (sha256, size).

        Errors reading `src` propagate as the OSError they are; errors writing the store
        that are the machine's fault raise EnvironmentFaultError.
        """
        with self.stage_file(src) as staged:
            return staged.commit()

    def put_bytes(self, data: bytes) -> tuple[str, int]:
        with self.stage_stream([data]) as staged:
            return staged.commit()

    def put_stream(self, chunks: Iterable[bytes]) -> tuple[str, int]:
        with self.stage_stream(chunks) as staged:
            return staged.commit()

    def stage_file(self, src: Path) -> StagedBlob:
        """Copy and hash `src` into a durable temporary file; see StagedBlob."""
        with open(src, "rb", buffering=0) as source:
            return self._stage(lambda temp: temp.copy_from(source))

    def put_named(self, name: str, data: bytes, *, durable: bool = False) -> Path:
        """Store `data` under `name` (a SHA-256, not necessarily of `data`: a preview is kept under
        its original's), atomically; fsynced only if `durable`. Returns the stored file."""
        target = self.path_for(name)
        temp = self.root / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
        if self.cipher is not None:
            data = self.cipher.seal_bytes(data, bytes.fromhex(name))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(temp, "wb") as fh:
                fh.write(data)
                if durable:
                    fh.flush()
                    os.fsync(fh.fileno())
            os.replace(temp, target)
            if durable:
                fsync_dir(target.parent)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise environment_fault(exc, "write a file", self.root) or exc from exc
        return target

    def stage_stream(self, chunks: Iterable[bytes | memoryview]) -> StagedBlob:
        """Hash `chunks` into a durable temporary file; see StagedBlob."""

        def write(temp: _TempFile) -> None:
            for chunk in chunks:
                temp.write(chunk)

        return self._stage(write)

    def _stage(self, fill: Callable[[_TempFile], None]) -> StagedBlob:
        self._ensure_root()
        path = self.root / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
        try:
            temp = _TempFile(path, direct=self.direct_io, sealer=self.cipher.sealer() if self.cipher else None)
        except OSError as exc:
            raise environment_fault(exc, "create a file", self.root) or exc from exc
        try:
            with temp:
                fill(temp)
                temp.finish()
        except BaseException as exc:
            path.unlink(missing_ok=True)
            if isinstance(exc, _WriteError):
                cause = exc.__cause__
                assert isinstance(cause, OSError)
                raise environment_fault(cause, "write a file", self.root) or cause from cause
            raise
        return StagedBlob(self, path, temp.digest.hexdigest(), temp.size)

    def _ensure_root(self) -> None:
        if self.root.is_dir():
            return
        try:
            self._make_dirs(self.root)
        except OSError as exc:
            raise environment_fault(exc, "create the blob store", self.root) or exc from exc

    def _make_dirs(self, folder: Path) -> list[Path]:
        """mkdir -p that fsyncs the parent of every folder it creates; returns those, outermost
        first."""
        missing: list[Path] = []
        while not folder.is_dir():
            missing.append(folder)
            folder = folder.parent
        made: list[Path] = []
        for new in reversed(missing):
            try:
                new.mkdir()
            except FileExistsError:
                continue  # made by a concurrent writer; it fsyncs the parent
            fsync_dir(new.parent)
            made.append(new)
        return made

    def _commit(self, temp: Path, sha256: str, size: int) -> None:
        target = self.path_for(sha256)
        try:
            try:
                existing = target.stat().st_size
            except FileNotFoundError:
                existing = None
            if existing == self.stored_size(size):
                # Already stored: same name, same size. Keep the stored file untouched.
                temp.unlink(missing_ok=True)
                return
            if existing is not None:
                log.warning(
                    "blob %s had %d bytes instead of %d; replacing it with the good copy",
                    sha256,
                    existing,
                    self.stored_size(size),
                )
            self._make_dirs(target.parent)
            try:
                os.replace(temp, target)
            except FileNotFoundError:
                if not temp.exists():
                    raise
                # A concurrent discard() removed the folder while it was still empty.
                self._make_dirs(target.parent)
                os.replace(temp, target)
            fsync_dir(target.parent)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise environment_fault(exc, "store a file", self.root) or exc from exc

    def write_loose(self, target: Path, data: bytes) -> Path:
        """Write `data` durably to `target`, a file outside the store (a camera shot waiting for its
        import), sealed with this store's key if it is encrypted, named inside by its SHA-256;
        `read_loose` gives it back."""
        if self.cipher is not None:
            data = self.cipher.seal_bytes(data, hashlib.sha256(data).digest())
        temp = target.with_name(f"{TEMP_PREFIX}{secrets.token_hex(8)}")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(temp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(temp, target)
            fsync_dir(target.parent)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise environment_fault(exc, "write a file", target.parent) or exc from exc
        return target

    def read_loose(self, path: Path) -> bytes | None:
        """The plaintext of a file written by `write_loose` with this store's key; None if `path`
        is not sealed (a photo from a card or a folder: read it as it is). SealedFileError if
        it is sealed but does not authenticate or match its hash (altered, another key)."""
        with open(path, "rb") as fh:
            if not is_sealed(fh.read(len(MAGIC))):
                return None
            if self.cipher is None:
                raise SealedFileError(f"{path}: an encrypted file, and this store has no key")
            fh.seek(0)
            return self.cipher.open_hashed(fh, str(path))

    # -- reading ----------------------------------------------------------------------------

    def stored_size(self, size: int) -> int:
        """How many bytes a blob of `size` plaintext bytes takes on disk."""
        return self.cipher.stored_size(size) if self.cipher is not None else size

    def open(self, sha256: str) -> BinaryIO:
        """The blob's (plaintext) content for reading, seekable; FileNotFoundError if it is not stored.

        In an encrypted store a file that does not authenticate raises SealedFileError (at
        opening, or on reading the altered chunk)."""
        path = self.path_for(sha256)
        fh = open(path, "rb")  # noqa: SIM115 (the caller closes what this returns)
        if self.cipher is None:
            return fh
        return self.cipher.open(fh, bytes.fromhex(sha256), str(path))

    def read_bytes(self, sha256: str) -> bytes:
        """The whole (plaintext) content; for small files (previews)."""
        with self.open(sha256) as fh:
            return fh.read()

    def size(self, sha256: str) -> int | None:
        """The plaintext size of the stored file (from its length alone), None if it is not stored
        or its length fits no sealed file."""
        try:
            stored = self.path_for(sha256).stat().st_size
        except FileNotFoundError:
            return None
        return self.cipher.plain_size(stored) if self.cipher is not None else stored

    def verify(self, sha256: str) -> bool:
        """Re-hash the stored file: True iff its content matches its name (False if absent).

        In an encrypted store every chunk is also authenticated, so any change is found."""
        digest = hashlib.sha256()
        buffer = bytearray(_CHUNK)
        view = memoryview(buffer)
        try:
            with self.open(sha256) as blob:
                reader = cast(io.BufferedIOBase, blob)
                while n := reader.readinto(buffer):
                    digest.update(view[:n])
        except (FileNotFoundError, SealedFileError):
            return False
        return digest.hexdigest() == sha256

    # -- housekeeping -----------------------------------------------------------------------

    def remove(self, sha256: str) -> None:
        """Delete a blob if present. Meant for derived data and reclaiming space only."""
        path = self.path_for(sha256)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise environment_fault(exc, "delete a file", self.root) or exc from exc

    def clean_temp(self) -> int:
        """Delete temporary files left by a crash; returns how many were deleted.

        Call it when no other thread or process is writing to this store (at start-up).
        """
        if not self.root.is_dir():
            return 0
        count = 0
        for entry in os.scandir(self.root):
            if entry.name.startswith(TEMP_PREFIX) and entry.is_file(follow_symlinks=False):
                try:
                    os.unlink(entry.path)
                except FileNotFoundError:
                    continue
                except OSError as exc:
                    raise environment_fault(exc, "delete a file", self.root) or exc from exc
                count += 1
        return count


class _WriteError(Exception):
    """Wraps an OSError from writing the store, to tell it from one reading the source."""


class _TempFile:
    """A new file written in order while hashed; fsynced by finish().

    On Linux it is written with O_DIRECT where the file system allows it: the copy of a
    photo then goes from one aligned buffer straight to the disk instead of filling the page
    cache with data nobody reads again (measured here: a third of the CPU of a buffered
    write plus fsync). Anywhere else, or if O_DIRECT is refused, it is a plain write.
    """

    def __init__(self, path: Path, *, direct: bool, sealer: Sealer | None = None) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        flags |= getattr(os, "O_CLOEXEC", 0)
        o_direct = getattr(os, "O_DIRECT", 0)
        self.fd = -1
        if direct and o_direct:
            try:
                self.fd = os.open(path, flags | o_direct, 0o644)
            except OSError as exc:
                if exc.errno != errno.EINVAL:  # e.g. tmpfs: no O_DIRECT; write normally
                    raise
        self.direct = self.fd >= 0
        if not self.direct:
            self.fd = os.open(path, flags, 0o644)
        self.digest = hashlib.sha256()
        self.size = 0  # plaintext bytes (hashed)
        self._written = 0  # bytes going to the file (sealed, if sealing)
        self._buffer = mmap.mmap(-1, _CHUNK)  # page-aligned, as O_DIRECT needs
        self._view = memoryview(self._buffer)
        self._filled = 0
        self._sealer = sealer
        if sealer is not None:
            self._emit(sealer.header)

    def copy_from(self, source: io.FileIO) -> None:
        """Read `source` to its end straight into the aligned buffer (through the sealer, if any)."""
        if self._sealer is not None:
            plain = bytearray(_CHUNK)
            plain_view = memoryview(plain)
            while n := source.readinto(plain):  # OSError here: the source's
                self.write(plain_view[:n])
            return
        while True:
            n = source.readinto(self._view[self._filled :])  # OSError here: the source's
            if not n:
                return
            self.digest.update(self._view[self._filled : self._filled + n])
            self.size += n
            self._written += n
            self._filled += n
            if self._filled == _CHUNK:
                self._flush(_CHUNK)

    def write(self, chunk: bytes | memoryview) -> None:
        data = memoryview(chunk).cast("B")
        self.digest.update(data)
        self.size += len(data)
        if self._sealer is None:
            self._emit(data)
            return
        for sealed in self._sealer.feed(data):
            self._emit(sealed)

    def _emit(self, chunk: bytes | memoryview) -> None:
        """Put bytes to be written into the aligned buffer, flushing it whenever it fills."""
        data = memoryview(chunk).cast("B")
        self._written += len(data)
        while data:
            take = min(len(data), _CHUNK - self._filled)
            self._view[self._filled : self._filled + take] = data[:take]
            self._filled += take
            data = data[take:]
            if self._filled == _CHUNK:
                self._flush(_CHUNK)

    def finish(self) -> None:
        """Write what is left and fsync."""
        if self._sealer is not None:
            for sealed in self._sealer.close(self.digest.digest()):
                self._emit(sealed)
        try:
            if self._filled:
                if self.direct:
                    # O_DIRECT writes whole blocks: pad the tail, then cut the file to size.
                    padded = -(-self._filled // _DIRECT_BLOCK) * _DIRECT_BLOCK
                    self._view[self._filled : padded] = bytes(padded - self._filled)
                    self._flush(padded)
                    os.ftruncate(self.fd, self._written)
                else:
                    self._flush(self._filled)
            os.fsync(self.fd)
        except OSError as exc:
            raise _WriteError from exc

    def _flush(self, length: int) -> None:
        view = self._view[:length]
        try:
            while view:
                try:
                    written = os.write(self.fd, view)
                except OSError as exc:
                    if not (self.direct and exc.errno == errno.EINVAL):
                        raise
                    self._stop_direct()  # this file system takes O_DIRECT opens, not writes
                    continue
                view = view[written:]
        except OSError as exc:
            raise _WriteError from exc
        finally:
            view.release()
        self._filled = 0

    def _stop_direct(self) -> None:
        import fcntl  # only reached where O_DIRECT exists, so never on Windows

        flags = fcntl.fcntl(self.fd, fcntl.F_GETFL)
        fcntl.fcntl(self.fd, fcntl.F_SETFL, flags & ~getattr(os, "O_DIRECT", 0))
        self.direct = False

    def __enter__(self) -> _TempFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._view.release()
        self._buffer.close()
        os.close(self.fd)

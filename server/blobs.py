"""The server's photos: resumable, checksummed uploads (after tus) into the content-addressed blob store.

An upload in progress lives in `partial/<sha256>`; the database's `uploads` row holds its
length and its durable offset: the bytes fsynced and checked against their chunk's
Upload-Checksum. A chunk is appended, hashed while it streams (never held whole in memory),
checked, fsynced, and only then is the offset moved and the answer given; a chunk that is cut
short or fails its checksum is cut off the file again. When the offset reaches the length the
whole file is hashed; if it matches its name it is moved into the blob store (storage.blobs,
atomically and durably) and recorded in `blobs`, else the partial file is discarded.

Several worker processes may serve the same upload: an exclusive `flock` on the partial file
makes one of them the writer; the other answers 409 `upload_busy` with the durable offset.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import logging
import os
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import anyio.to_thread
import sqlalchemy as sa

from server import schema as t
from server.errors import ConflictError, InvalidError, NotFoundError, TooLargeError
from server.inputs import SHA256
from server.store import Store, utcnow
from storage.blobs import TEMP_PREFIX, BlobStore, StagedBlob, fsync_dir
from sync.protocol import MAX_PHOTO_BYTES, UPLOAD_OFFSET, MissingResponse, UploadState, parse_checksum

log = logging.getLogger(__name__)

_WRITE_BATCH = 1 << 20  # bytes gathered from the socket before one write in a worker thread
_READ_CHUNK = 1 << 20


@dataclass
class _Upload:
    """An upload whose partial file this request holds locked."""

    sha256: str
    fd: int
    path: Path
    offset: int
    length: int


def _int_header(value: str | None, name: str) -> int:
    if value is None:
        raise InvalidError(f"the {name} header is required", code="malformed")
    text = value.strip()
    if not text.isdigit() or len(text) > 15:
        raise InvalidError(f"the {name} header must be a whole number of bytes", code="malformed")
    return int(text)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class PhotoStore:
    def __init__(self, store: Store, blobs_dir: Path, partial_dir: Path) -> None:
        self.store = store
        self.blobs = BlobStore(blobs_dir)
        self.partial_dir = partial_dir

    # ------------------------------------------------------------ reading state

    def present(self, conn: sa.Connection, hashes: list[str]) -> set[str]:
        """Of these hashes, the ones held complete and verified."""
        found: set[str] = set()
        for start in range(0, len(hashes), 500):
            part = hashes[start : start + 500]
            found.update(conn.execute(sa.select(t.blobs.c.sha256).where(t.blobs.c.sha256.in_(part))).scalars())
        return found

    def missing(self, hashes: list[str]) -> MissingResponse:
        for sha in hashes:
            if not SHA256.fullmatch(sha):
                raise InvalidError(f"{sha[:70]!r} is not a SHA-256 (64 lowercase hex digits)", code="malformed")
        wanted = list(dict.fromkeys(hashes))
        with self.store.read() as conn:
            have = self.present(conn, wanted)
            lacking = [h for h in wanted if h not in have]
            offsets: dict[str, int] = {}
            for start in range(0, len(lacking), 500):
                part = lacking[start : start + 500]
                rows = conn.execute(
                    sa.select(t.uploads.c.sha256, t.uploads.c.durable_offset).where(t.uploads.c.sha256.in_(part))
                )
                offsets.update({r.sha256: r.durable_offset for r in rows if r.durable_offset > 0})
        return MissingResponse(missing=lacking, offsets=offsets)

    def state(self, sha256: str) -> UploadState:
        with self.store.read() as conn:
            blob = conn.execute(sa.select(t.blobs.c.size).where(t.blobs.c.sha256 == sha256)).first()
            if blob is not None:
                return UploadState(sha256=sha256, offset=blob.size, length=blob.size, complete=True)
            upload = conn.execute(sa.select(t.uploads).where(t.uploads.c.sha256 == sha256)).first()
        if upload is None:
            return UploadState(sha256=sha256, offset=0, length=None, complete=False)
        return UploadState(sha256=sha256, offset=upload.durable_offset, length=upload.length, complete=False)

    def blob_path(self, sha256: str) -> Path:
        path = self.blobs.path_for(sha256)
        if not path.is_file():
            raise NotFoundError(f"photo {sha256} is not on the server")
        return path

    # ------------------------------------------------------------ one chunk

    async def patch(
        self,
        sha256: str,
        *,
        offset_header: str | None,
        length_header: str | None,
        checksum_header: str | None,
        content_length: str | None,
        body: AsyncIterator[bytes],
    ) -> UploadState:
        """Append one chunk; the answer is given only once it is durable (or refused, and cut off)."""
        offset = _int_header(offset_header, "Upload-Offset")
        length = _int_header(length_header, "Upload-Length")
        if length > MAX_PHOTO_BYTES:
            raise TooLargeError(
                f"a photo may have at most {MAX_PHOTO_BYTES} bytes; this one has {length}", code="too_large"
            )
        if length < 1:
            raise InvalidError("Upload-Length must be at least 1 byte", code="malformed")
        if checksum_header is None:
            raise InvalidError("the Upload-Checksum header is required (sha256 <base64>)", code="malformed")
        try:
            expected = parse_checksum(checksum_header)
        except ValueError as exc:
            raise InvalidError(str(exc), code="malformed") from None
        declared = content_length.strip() if content_length else ""
        if declared.isdigit() and offset + int(declared) > length:
            raise TooLargeError("the chunk goes past Upload-Length", code="too_large")
        upload = await anyio.to_thread.run_sync(self._begin, sha256, length)
        if isinstance(upload, UploadState):
            return upload  # already complete: nothing to read
        try:
            if offset != upload.offset:
                raise ConflictError(
                    f"the server holds {upload.offset} bytes of this photo; send the chunk from there",
                    code="offset_mismatch",
                    offset=upload.offset,
                    headers={UPLOAD_OFFSET: str(upload.offset)},
                )
            return await self._append(upload, expected, body)
        finally:
            os.close(upload.fd)  # releases the lock

    def _begin(self, sha256: str, length: int) -> _Upload | UploadState:
        state = self.state(sha256)
        if state.complete:
            return state
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        path = self.partial_dir / sha256
        fd = self._lock(path, sha256, state.offset)
        try:
            now = utcnow()
            with self.store.write() as conn:
                blob = conn.execute(sa.select(t.blobs.c.size).where(t.blobs.c.sha256 == sha256)).first()
                if blob is not None:  # finished by another request while this one waited
                    os.close(fd)
                    return UploadState(sha256=sha256, offset=blob.size, length=blob.size, complete=True)
                row = conn.execute(sa.select(t.uploads).where(t.uploads.c.sha256 == sha256)).first()
                if row is None:
                    conn.execute(
                        self.store.insert(t.uploads)
                        .values(sha256=sha256, length=length, durable_offset=0, created_at=now, updated_at=now)
                        .on_conflict_do_nothing(index_elements=[t.uploads.c.sha256])
                    )
                    durable = 0
                else:
                    if row.length != length:
                        raise ConflictError(
                            f"this photo's upload was started with Upload-Length {row.length}, not {length}",
                            code="length_mismatch",
                            offset=row.durable_offset,
                            headers={UPLOAD_OFFSET: str(row.durable_offset)},
                        )
                    durable = row.durable_offset
                size = os.fstat(fd).st_size
                if size < durable:
                    # The file lost bytes the database counted (a restored disk?): trust the file.
                    log.warning("upload %s: file has %d bytes, database said %d", sha256, size, durable)
                    durable = size
                    conn.execute(
                        t.uploads.update()
                        .where(t.uploads.c.sha256 == sha256)
                        .values(durable_offset=size, updated_at=now)
                    )
            if size > durable:
                # Bytes of a chunk that was never acknowledged (the process died mid-chunk).
                os.ftruncate(fd, durable)
                os.fsync(fd)
            return _Upload(sha256=sha256, fd=fd, path=path, offset=durable, length=length)
        except BaseException:
            _close_quietly(fd)
            raise

    def _lock(self, path: Path, sha256: str, offset: int) -> int:
        """Open and exclusively lock the partial file (the file at `path` now, not a renamed one)."""
        for _ in range(5):
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise ConflictError(
                    "another upload of this photo is in progress; ask for its offset and resume later",
                    code="upload_busy",
                    offset=offset,
                    headers={UPLOAD_OFFSET: str(offset)},
                ) from None
            try:
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                return fd
            os.close(fd)  # promoted or discarded while this request waited for the lock: reopen
        raise ConflictError("the upload of this photo keeps changing; try again", code="upload_busy")

    async def _append(self, upload: _Upload, expected: bytes, body: AsyncIterator[bytes]) -> UploadState:
        chunk_hash = hashlib.sha256()
        whole_hash = hashlib.sha256() if upload.offset == 0 else None
        room = upload.length - upload.offset
        received = 0
        pending = bytearray()
        fd = upload.fd
        os.lseek(fd, upload.offset, os.SEEK_SET)
        try:
            async for piece in body:
                received += len(piece)
                if received > room:
                    raise TooLargeError("the chunk goes past Upload-Length", code="too_large")
                chunk_hash.update(piece)
                if whole_hash is not None:
                    whole_hash.update(piece)
                pending += piece
                if len(pending) >= _WRITE_BATCH:
                    data, pending = bytes(pending), bytearray()
                    await anyio.to_thread.run_sync(_write_all, fd, data)
            if pending:
                await anyio.to_thread.run_sync(_write_all, fd, bytes(pending))
            if chunk_hash.digest() != expected:
                raise InvalidError(
                    "the chunk does not match its Upload-Checksum; it was discarded: send it again",
                    code="checksum_mismatch",
                    offset=upload.offset,
                    headers={UPLOAD_OFFSET: str(upload.offset)},
                )
            await anyio.to_thread.run_sync(os.fsync, fd)
        except BaseException:
            # Cut short, too long or corrupt: nothing of this chunk stays.
            await anyio.to_thread.run_sync(_truncate, fd, upload.offset)
            raise
        new_offset = upload.offset + received
        if new_offset < upload.length:
            await anyio.to_thread.run_sync(self._record_offset, upload.sha256, new_offset)
            return UploadState(sha256=upload.sha256, offset=new_offset, length=upload.length, complete=False)
        digest = whole_hash.hexdigest() if whole_hash is not None else None
        return await anyio.to_thread.run_sync(self._finish, upload, digest)

    def _record_offset(self, sha256: str, offset: int) -> None:
        with self.store.write() as conn:
            conn.execute(
                t.uploads.update()
                .where(t.uploads.c.sha256 == sha256)
                .values(durable_offset=offset, updated_at=utcnow())
            )

    def _finish(self, upload: _Upload, digest: str | None) -> UploadState:
        """The whole file is here: check it against its name, then move it into the blob store."""
        if digest is None:
            digest = _hash_fd(upload.fd)
        if digest != upload.sha256:
            upload.path.unlink(missing_ok=True)
            with self.store.write() as conn:
                conn.execute(t.uploads.delete().where(t.uploads.c.sha256 == upload.sha256))
            log.warning("upload %s: whole file hashes to %s; discarded", upload.sha256, digest)
            raise InvalidError(
                "the whole photo does not match its SHA-256; it was discarded: upload it again from the start",
                code="checksum_mismatch",
                offset=0,
                headers={UPLOAD_OFFSET: "0"},
            )
        self._promote(upload)
        now = utcnow()
        with self.store.write() as conn:
            # Another request may have finished the same photo a moment ago (its own partial file,
            # begun after this one was moved aside; or another server process): the row is there once.
            conn.execute(
                self.store.insert(t.blobs)
                .values(sha256=upload.sha256, size=upload.length, stored_at=now)
                .on_conflict_do_nothing(index_elements=[t.blobs.c.sha256])
            )
            conn.execute(t.uploads.delete().where(t.uploads.c.sha256 == upload.sha256))
        log.info("photo %s stored (%d bytes)", upload.sha256, upload.length)
        return UploadState(sha256=upload.sha256, offset=upload.length, length=upload.length, complete=True)

    def _promote(self, upload: _Upload) -> None:
        """Move the verified partial file into the blob store without copying it where possible."""
        self.blobs.root.mkdir(parents=True, exist_ok=True)
        temp = self.blobs.root / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
        try:
            os.rename(upload.path, temp)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            # partial/ and the blob store are on different file systems: copy (hashing again).
            with self.blobs.stage_file(upload.path) as staged:
                if staged.sha256 != upload.sha256:
                    raise InvalidError("the photo changed while it was stored", code="checksum_mismatch") from exc
                staged.commit()
            upload.path.unlink(missing_ok=True)
            return
        fsync_dir(self.partial_dir)
        StagedBlob(self.blobs, temp, upload.sha256, upload.length).commit()


def _truncate(fd: int, size: int) -> None:
    os.ftruncate(fd, size)
    os.fsync(fd)


def _hash_fd(fd: int) -> str:
    digest = hashlib.sha256()
    os.lseek(fd, 0, os.SEEK_SET)
    while data := os.read(fd, _READ_CHUNK):
        digest.update(data)
    return digest.hexdigest()


def _close_quietly(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)

"""Sealed files: AES-256-GCM in fixed-size chunks, so a 20 MB photo is never one buffer.

Layout::

    header   32 bytes   magic "FCSEAL1\\0" | chunk size (u32 BE) | 4 zero bytes | file id (16 random)
    chunk i  n_i + 16   AES-GCM(file key, nonce = i (11 bytes BE) | 0x00, plaintext chunk i, aad = header)
    trailer  40 + 16    AES-GCM(file key, nonce = k (11 bytes BE) | 0x01, name (32) | size (u64 BE), aad = header)

The file key is HKDF-SHA256(store key, salt = file id): each file has its own key, so a chunk
moved into another file does not authenticate; the chunk index in the nonce stops reordering;
the trailer, the only record with the final flag, stops truncation and extension and names
the file (the SHA-256 it is stored under), so a file swapped for another is found too. Every
chunk but the last holds exactly `chunk size` plaintext bytes, so the plaintext size follows
from the file's size and any byte range can be read by decrypting only the chunks it covers.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from storage.errors import StorageError

__all__ = ["HEADER_SIZE", "MAGIC", "FileCipher", "SealedFileError", "SealedReader", "Sealer", "is_sealed"]

MAGIC = b"FCSEAL1\x00"
HEADER_SIZE = 32
TAG = 16
CHUNK = 64 * 1024
_TRAILER_PLAIN = 40
_TRAILER = _TRAILER_PLAIN + TAG
_MAX_CHUNK = 16 * 1024 * 1024


class SealedFileError(StorageError):
    """A sealed file that does not authenticate: altered, truncated, swapped or not sealed."""


def is_sealed(head: bytes) -> bool:
    return head[: len(MAGIC)] == MAGIC


def _nonce(index: int, final: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


class FileCipher:
    """Seals and opens files with one store key (a sub-key of the data folder's key)."""

    def __init__(self, key: bytes, *, chunk: int = CHUNK) -> None:
        if len(key) != 32:
            raise ValueError("a file cipher needs a 256-bit key")
        if not 0 < chunk <= _MAX_CHUNK:
            raise ValueError("bad chunk size")
        self._key = key
        self.chunk = chunk

    def __repr__(self) -> str:
        return f"FileCipher(chunk={self.chunk})"

    def _file_aead(self, file_id: bytes) -> AESGCM:
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=file_id, info=b"fieldcase sealed file v1")
        return AESGCM(hkdf.derive(self._key))

    # -- sizes ------------------------------------------------------------------------------

    def stored_size(self, plain_size: int) -> int:
        chunks = -(-plain_size // self.chunk)
        return HEADER_SIZE + plain_size + TAG * chunks + _TRAILER

    def plain_size(self, stored_size: int) -> int | None:
        """The plaintext size a sealed file of `stored_size` bytes holds; None if none can."""
        payload = stored_size - HEADER_SIZE - _TRAILER
        if payload < 0:
            return None
        chunks = -(-payload // (self.chunk + TAG))
        size = payload - TAG * chunks
        if size < 0 or self.stored_size(size) != stored_size:
            return None
        return size

    # -- writing ----------------------------------------------------------------------------

    def sealer(self) -> Sealer:
        return Sealer(self)

    def seal_bytes(self, data: bytes, name: bytes) -> bytes:
        sealer = self.sealer()
        return b"".join([sealer.header, *sealer.feed(data), *sealer.close(name)])

    # -- reading ----------------------------------------------------------------------------

    def open(self, fh: BinaryIO, name: bytes, where: str) -> io.BufferedReader:
        """A buffered, seekable reader of the plaintext of the sealed file `fh` (which it owns)."""
        return io.BufferedReader(SealedReader(self, fh, name, where), buffer_size=self.chunk)

    def open_bytes(self, data: bytes, name: bytes, where: str) -> bytes:
        with self.open(io.BytesIO(data), name, where) as reader:
            return reader.read()

    def open_hashed(self, fh: BinaryIO, where: str) -> bytes:
        """The whole plaintext of a sealed file whose name is the SHA-256 of its content (a file
        kept outside a store: a camera shot), checked against that hash."""
        reader = SealedReader(self, fh, None, where)
        with io.BufferedReader(reader, buffer_size=self.chunk) as buffered:
            data = buffered.read()
        if hashlib.sha256(data).digest() != reader.name:
            raise SealedFileError(f"{where}: its content does not match its hash (altered)")
        return data


class Sealer:
    """Encrypts a stream: `header`, then `feed()` plaintext, then `close(name)` for the rest."""

    def __init__(self, cipher: FileCipher) -> None:
        self._cipher = cipher
        file_id = secrets.token_bytes(16)
        self.header = MAGIC + struct.pack(">I", cipher.chunk) + bytes(4) + file_id
        self._aead = cipher._file_aead(file_id)
        self._pending = bytearray()
        self._index = 0
        self.size = 0

    def _seal(self, data: bytes | bytearray | memoryview) -> bytes:
        out = self._aead.encrypt(_nonce(self._index, False), data, self.header)  # any buffer: no copy
        self._index += 1
        return out

    def feed(self, data: bytes | bytearray | memoryview) -> Iterator[bytes]:
        """The sealed chunks `data` completes (lazily: consume the iterator)."""
        view = memoryview(data).cast("B")
        self.size += len(view)
        chunk = self._cipher.chunk
        if self._pending:
            take = min(len(view), chunk - len(self._pending))
            self._pending += view[:take]
            view = view[take:]
            if len(self._pending) < chunk:
                return
            yield self._seal(self._pending)
            self._pending.clear()
        while len(view) >= chunk:
            yield self._seal(view[:chunk])
            view = view[chunk:]
        if view:
            self._pending += view

    def close(self, name: bytes) -> Iterator[bytes]:
        """The last partial chunk, then the trailer naming the file (32 bytes: a raw SHA-256)."""
        if len(name) != 32:
            raise ValueError("a sealed file's name is 32 bytes")
        if self._pending:
            yield self._seal(self._pending)
            self._pending.clear()
        trailer = name + struct.pack(">Q", self.size)
        yield self._aead.encrypt(_nonce(self._index, True), trailer, self.header)


class SealedReader(io.RawIOBase):
    """Random-access plaintext of one sealed file; every chunk is authenticated before use."""

    def __init__(self, cipher: FileCipher, fh: BinaryIO, name: bytes | None, where: str) -> None:
        """`name`: the name the file must carry; None takes the one it carries (see `name`)."""
        super().__init__()
        self._fh = fh
        self._where = where
        try:
            self._open(cipher, name)
        except BaseException:
            fh.close()
            raise

    def _fail(self, what: str) -> SealedFileError:
        return SealedFileError(f"{self._where}: {what}")

    def _open(self, cipher: FileCipher, name: bytes | None) -> None:
        fh = self._fh
        header = fh.read(HEADER_SIZE)
        if len(header) < HEADER_SIZE or not is_sealed(header):
            raise self._fail("not an encrypted Fieldcase file (written without the key, or damaged)")
        (chunk,) = struct.unpack(">I", header[8:12])
        if not 0 < chunk <= _MAX_CHUNK:
            raise self._fail("damaged header")
        self._header, self._chunk = header, chunk
        self._aead = cipher._file_aead(header[16:32])
        stored = fh.seek(0, os.SEEK_END)
        payload = stored - HEADER_SIZE - _TRAILER
        chunks = -(-payload // (chunk + TAG)) if payload > 0 else 0
        size = payload - TAG * chunks
        if payload < 0 or size < 0:
            raise self._fail("truncated (altered or damaged)")
        fh.seek(stored - _TRAILER)
        try:
            trailer = self._aead.decrypt(_nonce(chunks, True), fh.read(_TRAILER), header)
        except InvalidTag:
            raise self._fail("does not authenticate: altered, truncated or damaged") from None
        stored_name, stored_size = trailer[:32], struct.unpack(">Q", trailer[32:])[0]
        if stored_size != size:
            raise self._fail("its size does not match its record (altered)")
        if name is not None and stored_name != name:
            raise self._fail("it is another file's content (swapped)")
        self.name = stored_name
        self.size = size
        self._chunks = chunks
        self._pos = 0
        self._cached: tuple[int, bytes] | None = None

    def _plain_chunk(self, index: int) -> bytes:
        if self._cached is not None and self._cached[0] == index:
            return self._cached[1]
        self._fh.seek(HEADER_SIZE + index * (self._chunk + TAG))
        length = min(self._chunk, self.size - index * self._chunk) + TAG
        data = self._fh.read(length)
        try:
            plain = self._aead.decrypt(_nonce(index, False), data, self._header)
        except InvalidTag:
            raise self._fail(f"chunk {index} does not authenticate: altered or damaged") from None
        self._cached = (index, plain)
        return plain

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if whence == os.SEEK_SET:
            pos = offset
        elif whence == os.SEEK_CUR:
            pos = self._pos + offset
        elif whence == os.SEEK_END:
            pos = self.size + offset
        else:
            raise ValueError(f"bad whence {whence}")
        if pos < 0:
            raise ValueError("negative seek position")
        self._pos = pos
        return pos

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        out = memoryview(buffer).cast("B")
        done = 0
        while done < len(out) and self._pos < self.size:
            index, start = divmod(self._pos, self._chunk)
            plain = self._plain_chunk(index)
            take = min(len(out) - done, len(plain) - start)
            out[done : done + take] = plain[start : start + take]
            done += take
            self._pos += take
        return done

    def close(self) -> None:
        if not self.closed:
            self._fh.close()
        super().close()

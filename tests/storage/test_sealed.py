"""Sealed files (AES-256-GCM in chunks) and the encrypted blob store: the plaintext comes back
byte for byte, any byte range reads, and every kind of tampering is refused."""

from __future__ import annotations

import hashlib
import io
import os
import secrets
from pathlib import Path

import pytest

from storage.blobs import BlobStore
from storage.sealed import CHUNK, HEADER_SIZE, TAG, FileCipher, SealedFileError

SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5]


def _name(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _cipher() -> FileCipher:
    return FileCipher(secrets.token_bytes(32))


@pytest.mark.parametrize("size", SIZES)
def test_a_sealed_file_opens_to_its_plaintext_and_any_range_reads(size: int) -> None:
    cipher = _cipher()
    data = os.urandom(size)
    sealed = cipher.seal_bytes(data, _name(data))
    assert len(sealed) == cipher.stored_size(size)
    assert cipher.plain_size(len(sealed)) == size
    assert cipher.open_bytes(sealed, _name(data), "f") == data
    with cipher.open(io.BytesIO(sealed), _name(data), "f") as reader:
        for start, length in [(0, 10), (CHUNK - 3, 7), (size // 2, CHUNK * 2), (size, 5)]:
            reader.seek(start)
            assert reader.read(length) == data[start : start + length]
    if size >= 16:
        assert data[:16] not in sealed  # nothing of the plaintext shows


def test_the_same_plaintext_seals_differently_each_time() -> None:
    cipher = _cipher()
    data = b"x" * 1000
    assert cipher.seal_bytes(data, _name(data)) != cipher.seal_bytes(data, _name(data))


def _sealed_pair(cipher: FileCipher) -> tuple[bytes, bytes, bytes]:
    data = os.urandom(3 * CHUNK + 100)
    return data, cipher.seal_bytes(data, _name(data)), _name(data)


def _record(i: int) -> slice:
    start = HEADER_SIZE + i * (CHUNK + TAG)
    return slice(start, start + CHUNK + TAG)


def test_tampering_is_refused() -> None:
    cipher = _cipher()
    data, sealed, name = _sealed_pair(cipher)

    def refused(blob: bytes, expected_name: bytes = name) -> str:
        with pytest.raises(SealedFileError) as info:
            cipher.open_bytes(blob, expected_name, "blob")
        return str(info.value)

    flipped = bytearray(sealed)
    flipped[HEADER_SIZE + CHUNK + 40] ^= 1
    assert "chunk 1 does not authenticate" in refused(bytes(flipped))
    swapped = bytearray(sealed)
    swapped[_record(0)], swapped[_record(1)] = sealed[_record(1)], sealed[_record(0)]
    assert "does not authenticate" in refused(bytes(swapped))
    # Truncated: the last record, a chunk's worth, a few bytes.
    assert "does not authenticate" in refused(sealed[:-56])
    assert "does not authenticate" in refused(sealed[: _record(3).start] + sealed[-56:])
    assert refused(sealed[:-3])
    # A chunk of another file (same key, same position) does not authenticate in this one.
    other_data, other, _ = _sealed_pair(cipher)
    mixed = bytearray(sealed)
    mixed[_record(1)] = other[_record(1)]
    assert "does not authenticate" in refused(bytes(mixed))
    # Another file's whole content under this one's name.
    assert "swapped" in refused(other)
    # Another key.
    with pytest.raises(SealedFileError):
        _cipher().open_bytes(sealed, name, "blob")
    # A plain file.
    assert "not an encrypted Fieldcase file" in refused(data)
    assert cipher.open_bytes(sealed, name, "blob") == data  # the untouched one still opens


def test_an_encrypted_store_keeps_plaintext_hashes_and_no_plaintext(tmp_path: Path) -> None:
    data = os.urandom(2 * 1024 * 1024 + 123)
    src = tmp_path / "photo.jpg"
    src.write_bytes(data)
    for direct in (True, False):
        store = BlobStore(tmp_path / f"store-{direct}", cipher=_cipher(), direct_io=direct)
        sha, size = store.put_file(src)
        assert (sha, size) == (hashlib.sha256(data).hexdigest(), len(data))
        raw = store.path_for(sha).read_bytes()
        assert data[1000:1064] not in raw and len(raw) == store.stored_size(size)
        assert store.read_bytes(sha) == data
        assert store.size(sha) == len(data)
        assert store.verify(sha)
        with store.open(sha) as fh:
            fh.seek(4 * 1024 * 1024 - 10)  # beyond the end: nothing, as a plain file
            assert fh.read(10) == b""
            fh.seek(1_000_000)
            assert fh.read(300_000) == data[1_000_000:1_300_000]
        # Stored again: the same file, untouched.
        before = store.path_for(sha).stat().st_mtime_ns
        assert store.put_bytes(data) == (sha, size)
        assert store.path_for(sha).stat().st_mtime_ns == before
        assert list(store.hashes()) == [sha]


def test_a_tampered_encrypted_blob_fails_verify_and_reading(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "store", cipher=_cipher())
    a, _ = store.put_bytes(os.urandom(200_000))
    b, _ = store.put_bytes(os.urandom(200_000))
    path = store.path_for(a)
    raw = bytearray(path.read_bytes())
    raw[100_000] ^= 0x80
    path.write_bytes(bytes(raw))
    assert not store.verify(a)
    with pytest.raises(SealedFileError), store.open(a) as fh:
        fh.read()
    # b's file moved to a's name: same size, authenticates as a file, but names another content.
    path.write_bytes(store.path_for(b).read_bytes())
    assert not store.verify(a)
    assert store.verify(b)


def test_named_files_are_sealed_under_their_name(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "previews", cipher=_cipher())
    name = "ab" * 32
    target = store.put_named(name, b"\xff\xd8 a preview")
    assert b"a preview" not in target.read_bytes()
    assert store.read_bytes(name) == b"\xff\xd8 a preview"
    plain = BlobStore(tmp_path / "plain")
    assert plain.put_named(name, b"data").read_bytes() == b"data"

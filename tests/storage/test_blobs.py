"""BlobStore: names, atomic and durable writes, dedup, verification, temp-file hygiene."""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.blobs import TEMP_PREFIX, BlobStore
from storage.errors import EnvironmentFaultError


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(params=[True, False], ids=["direct-io", "buffered"])
def store(tmp_path: Path, request: pytest.FixtureRequest) -> BlobStore:
    return BlobStore(tmp_path / "blobs", direct_io=request.param)


def files_under(root: Path) -> list[str]:
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_root_is_created_lazily(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "a" / "b")
    assert not store.root.exists()
    assert list(store.hashes()) == []
    assert store.clean_temp() == 0
    store.put_bytes(b"x")
    assert store.root.is_dir()


def test_put_bytes_layout_and_content(store: BlobStore) -> None:
    data = b"evidence" * 1000
    digest, size = store.put_bytes(data)
    assert (digest, size) == (sha(data), len(data))
    path = store.path_for(digest)
    assert path == store.root / digest[:2] / digest[2:4] / digest
    assert path.read_bytes() == data
    assert store.has(digest)
    with store.open(digest) as blob:
        assert blob.read() == data


def test_put_file_copies_byte_for_byte(store: BlobStore, tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024 + 17)  # several copy chunks and a ragged end
    src = tmp_path / "photo.jpg"
    src.write_bytes(data)
    digest, size = store.put_file(src)
    assert (digest, size) == (sha(data), len(data))
    assert store.path_for(digest).read_bytes() == data
    assert src.read_bytes() == data  # the source is untouched


def test_put_stream_equals_put_bytes(store: BlobStore) -> None:
    chunks = [b"a" * 10, b"", b"b" * 70000, b"c"]
    digest, size = store.put_stream(iter(chunks))
    assert (digest, size) == (sha(b"".join(chunks)), sum(map(len, chunks)))


def test_empty_blob(store: BlobStore) -> None:
    digest, size = store.put_bytes(b"")
    assert size == 0 and digest == sha(b"") and store.verify(digest)


@pytest.mark.parametrize(
    "bad",
    ["", "abc", "A" * 64, "g" * 64, "0" * 63, "0" * 65, "../" + "0" * 61, " " + "0" * 63],
)
def test_path_for_refuses_non_hashes(store: BlobStore, bad: str) -> None:
    with pytest.raises(ValueError):
        store.path_for(bad)
    with pytest.raises(ValueError):
        store.has(bad)


def test_same_bytes_stored_once_and_not_rewritten(store: BlobStore, tmp_path: Path) -> None:
    data = b"the same photo"
    digest, _ = store.put_bytes(data)
    path = store.path_for(digest)
    inode, mtime = path.stat().st_ino, path.stat().st_mtime_ns
    src = tmp_path / "again.jpg"
    src.write_bytes(data)
    assert store.put_file(src) == (digest, len(data))
    assert store.put_stream([data[:3], data[3:]]) == (digest, len(data))
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (inode, mtime)
    assert list(store.hashes()) == [digest]
    assert files_under(store.root) == [str(path.relative_to(store.root))]


def test_blob_is_invisible_until_complete(store: BlobStore) -> None:
    data = [b"first half ", b"second half"]
    digest = sha(b"".join(data))

    def chunks() -> Iterator[bytes]:
        yield data[0]
        # Mid-write: a temp file exists, but no blob does.
        assert not store.has(digest)
        assert list(store.hashes()) == []
        assert any(p.name.startswith(TEMP_PREFIX) for p in store.root.iterdir())
        yield data[1]

    store.put_stream(chunks())
    assert store.has(digest)
    assert not [p for p in store.root.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_failed_write_leaves_nothing(store: BlobStore) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"partial"
        raise RuntimeError("the source went away")

    with pytest.raises(RuntimeError):
        store.put_stream(chunks())
    assert files_under(store.root) == []


def test_staged_blob_commit_and_discard(store: BlobStore, tmp_path: Path) -> None:
    src = tmp_path / "a.bin"
    src.write_bytes(b"staged")
    with store.stage_file(src) as staged:
        assert staged.sha256 == sha(b"staged") and staged.size == 6
        assert list(store.hashes()) == []
    assert files_under(store.root) == []  # left without commit: discarded
    staged = store.stage_file(src)
    assert staged.commit() == (sha(b"staged"), 6)
    staged.discard()  # harmless after commit
    assert store.has(sha(b"staged"))
    with pytest.raises(RuntimeError):
        staged.commit()


def test_verify_detects_a_flipped_byte(store: BlobStore) -> None:
    digest, _ = store.put_bytes(b"original bytes never change")
    assert store.verify(digest)
    path = store.path_for(digest)
    data = bytearray(path.read_bytes())
    data[5] ^= 0x01
    path.write_bytes(bytes(data))
    assert not store.verify(digest)
    assert not store.verify(sha(b"never stored"))


def test_open_missing_raises(store: BlobStore) -> None:
    with pytest.raises(FileNotFoundError):
        store.open(sha(b"absent"))


def test_hashes_skips_temp_and_stray_files(store: BlobStore) -> None:
    stored = sorted(store.put_bytes(bytes([i]) * 10)[0] for i in range(5))
    (store.root / f"{TEMP_PREFIX}deadbeef").write_bytes(b"crash leftover")
    (store.root / "README").write_text("not a blob")
    first = store.path_for(stored[0]).parent
    (first / f"{TEMP_PREFIX}1234").write_bytes(b"x")
    (first / (stored[0] + ".jpg")).write_bytes(b"x")
    misplaced = store.root / "00" / "00"
    misplaced.mkdir(parents=True, exist_ok=True)
    (misplaced / sha(b"elsewhere")).write_bytes(b"elsewhere")  # wrong folder for its name
    assert list(store.hashes()) == stored


def test_clean_temp_removes_crash_leftovers_only(store: BlobStore, tmp_path: Path) -> None:
    digest, _ = store.put_bytes(b"keep me")
    src = tmp_path / "s.bin"
    src.write_bytes(b"interrupted")
    store.stage_file(src)  # a crash before commit: the temp file stays behind
    (store.root / f"{TEMP_PREFIX}old").write_bytes(b"older crash")
    assert store.clean_temp() == 2
    assert store.clean_temp() == 0
    assert list(store.hashes()) == [digest]
    assert store.verify(digest)


def test_remove(store: BlobStore) -> None:
    digest, _ = store.put_bytes(b"derived")
    store.remove(digest)
    assert not store.has(digest)
    store.remove(digest)  # idempotent


def test_a_wrong_sized_blob_is_repaired(store: BlobStore) -> None:
    digest, _ = store.put_bytes(b"complete content")
    store.path_for(digest).write_bytes(b"compl")  # damaged behind our back
    assert not store.verify(digest)
    store.put_bytes(b"complete content")
    assert store.verify(digest)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_environment_faults_are_named(store: BlobStore, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def failing_fsync(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(EnvironmentFaultError) as caught:
        store.put_bytes(b"cannot be written")
    assert str(store.root) in str(caught.value)
    monkeypatch.undo()
    assert files_under(store.root) == []  # the temp file went too


def test_disk_full_on_rename_keeps_nothing(store: BlobStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_replace(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(EnvironmentFaultError, match="disk is full"):
        store.put_bytes(b"no room")
    monkeypatch.undo()
    assert list(store.hashes()) == []
    assert files_under(store.root) == []


@settings(max_examples=40, deadline=None)
@given(chunks=st.lists(st.binary(max_size=3000), max_size=6))
def test_any_content_round_trips(tmp_path_factory: pytest.TempPathFactory, chunks: list[bytes]) -> None:
    store = BlobStore(tmp_path_factory.mktemp("prop"))
    digest, size = store.put_stream(chunks)
    data = b"".join(chunks)
    assert (digest, size) == (sha(data), len(data))
    with store.open(digest) as blob:
        assert blob.read() == data
    assert store.verify(digest)
    assert list(store.hashes()) == [digest]


@pytest.mark.parametrize("size", [1, 4095, 4096, 4097, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 2 * (1 << 20) + 4096])
def test_sizes_around_block_and_chunk_boundaries(store: BlobStore, tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    src = tmp_path / "src.bin"
    src.write_bytes(data)
    assert store.put_file(src) == (sha(data), size)
    assert store.path_for(sha(data)).read_bytes() == data
    store.remove(sha(data))
    odd_chunks = (data[i : i + 3001] for i in range(0, size, 3001))
    assert store.put_stream(odd_chunks) == (sha(data), size)
    assert store.path_for(sha(data)).stat().st_size == size
    assert store.verify(sha(data))


@pytest.mark.skipif(not hasattr(os, "O_DIRECT"), reason="no O_DIRECT here")
def test_falls_back_when_o_direct_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    real_open, real_write = os.open, os.write
    refused: list[str] = []

    def open_without_direct(path: str, flags: int, mode: int = 0o777) -> int:
        if flags & os.O_DIRECT and "open" not in refused:
            refused.append("open")
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_open(path, flags, mode)

    def write_without_direct(fd: int, data: bytes) -> int:
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_DIRECT:
            refused.append("write")
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_write(fd, data)

    monkeypatch.setattr(os, "open", open_without_direct)
    monkeypatch.setattr(os, "write", write_without_direct)
    store = BlobStore(tmp_path / "b", direct_io=True)
    data = os.urandom((1 << 20) + 123)
    assert store.put_bytes(data) == (sha(data), len(data))  # refused at open
    assert store.put_bytes(data[::-1]) == (sha(data[::-1]), len(data))  # refused at write
    monkeypatch.undo()
    assert refused[:2] == ["open", "write"]
    assert store.verify(sha(data)) and store.verify(sha(data[::-1]))

"""Photo uploads: by hash, in checksummed chunks, resumable from the server's durable offset."""

from __future__ import annotations

import fcntl
import os
import socket
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

import sqlalchemy as sa

from server import schema as t
from sync.protocol import MAX_PHOTO_BYTES, UPLOAD_CHECKSUM, UPLOAD_LENGTH, UPLOAD_OFFSET, chunk_checksum
from tests.server import rawhttp
from tests.server.conftest import LiveServer
from tests.server.helpers import Client, error_of, flock_held_elsewhere, photo_bytes, sha, upload


def _patch(client: Client, digest: str, offset: int, length: int, data: bytes, checksum: str | None = None):  # type: ignore[no-untyped-def]
    return client.patch(
        f"/sync/blobs/{digest}",
        data=data,
        headers={
            UPLOAD_OFFSET: str(offset),
            UPLOAD_LENGTH: str(length),
            UPLOAD_CHECKSUM: checksum or chunk_checksum(data),
            "Content-Type": "application/offset+octet-stream",
        },
    )


def _stored(live: LiveServer, digest: str) -> bool:
    with live.core.store.read() as conn:
        row = conn.execute(sa.select(t.blobs).where(t.blobs.c.sha256 == digest)).first()
    return row is not None and live.core.photos.blobs.has(digest)


def test_missing_then_one_chunk_upload_then_present(live: LiveServer) -> None:
    tablet = live.tablet()
    data = photo_bytes("one-chunk", 50_000)
    digest = sha(data)
    response = tablet.post("/sync/blobs/missing", json={"hashes": [digest, digest]})
    assert response.status_code == 200
    assert response.json() == {"missing": [digest], "offsets": {}}
    state = upload(tablet, data)
    assert state == {"sha256": digest, "offset": len(data), "length": len(data), "complete": True}
    assert _stored(live, digest)
    with live.core.photos.blobs.open(digest) as fh:
        assert fh.read() == data
    assert tablet.post("/sync/blobs/missing", json={"hashes": [digest]}).json() == {"missing": [], "offsets": {}}
    head = tablet.head(f"/sync/blobs/{digest}")
    assert head.status_code == 200
    assert head.headers[UPLOAD_OFFSET] == head.headers[UPLOAD_LENGTH] == str(len(data))
    # Sending it again reads nothing and changes nothing.
    again = _patch(tablet, digest, 0, len(data), data)
    assert again.status_code == 200 and again.json()["complete"] is True


def test_resume_after_a_cut_from_the_servers_offset(live: LiveServer) -> None:
    tablet = live.tablet()
    data = photo_bytes("resumable", 300_000)
    digest = sha(data)
    first = data[:100_000]
    assert _patch(tablet, digest, 0, len(data), first).json()["offset"] == 100_000
    # The second chunk is cut halfway: the connection drops.
    second = data[100_000:200_000]
    rawhttp.send(
        live.url,
        "PATCH",
        f"/api/v1/sync/blobs/{digest}",
        {
            **tablet.headers(),
            UPLOAD_OFFSET: "100000",
            UPLOAD_LENGTH: str(len(data)),
            UPLOAD_CHECKSUM: chunk_checksum(second),
            "Content-Length": str(len(second)),
        },
        second[:50_000],
        cut=True,
    )
    # The server keeps only what it acknowledged (retry until the cut request has been cleaned up).
    deadline = time.monotonic() + 5
    while True:
        state = tablet.get(f"/sync/blobs/{digest}").json()
        partial = live.config.partial_dir / digest
        if state["offset"] == 100_000 and partial.stat().st_size == 100_000:
            break
        assert time.monotonic() < deadline, (state, partial.stat().st_size)
        time.sleep(0.05)
    missing = tablet.post("/sync/blobs/missing", json={"hashes": [digest]}).json()
    assert missing == {"missing": [digest], "offsets": {digest: 100_000}}
    # Resuming from anywhere else is refused with the server's offset, in the body and the header
    # (once the cut request's handler has let go of the upload: until then it answers upload_busy).
    while True:
        wrong = _patch(tablet, digest, 0, len(data), data[:100_000])
        if wrong.status_code != 409 or error_of(wrong)["code"] != "upload_busy":
            break
        assert time.monotonic() < deadline + 5, "the cut upload was never released"
        time.sleep(0.05)
    assert wrong.status_code == 409
    assert error_of(wrong)["code"] == "offset_mismatch" and error_of(wrong)["offset"] == 100_000
    assert wrong.headers[UPLOAD_OFFSET] == "100000"
    final = upload(tablet, data, chunk=120_000)
    assert final["complete"] is True and _stored(live, digest)
    assert not (live.config.partial_dir / digest).exists()
    with live.core.photos.blobs.open(digest) as fh:
        assert fh.read() == data


def test_a_chunk_with_a_wrong_checksum_is_discarded(live: LiveServer) -> None:
    tablet = live.tablet()
    data = photo_bytes("bad-chunk", 20_000)
    digest = sha(data)
    assert _patch(tablet, digest, 0, len(data), data[:5000]).status_code == 200
    bad = _patch(tablet, digest, 5000, len(data), data[5000:10000], checksum=chunk_checksum(b"something else"))
    assert bad.status_code == 422
    assert error_of(bad)["code"] == "checksum_mismatch" and error_of(bad)["offset"] == 5000
    assert tablet.get(f"/sync/blobs/{digest}").json()["offset"] == 5000
    assert (live.config.partial_dir / digest).stat().st_size == 5000
    assert not _stored(live, digest)
    # A checksum header that is not sha256 <base64> is malformed.
    response = _patch(tablet, digest, 5000, len(data), data[5000:], checksum="md5 abc")
    assert response.status_code == 422 and error_of(response)["code"] == "malformed"
    assert upload(tablet, data)["complete"] is True


def test_a_whole_file_that_does_not_match_its_hash_is_discarded(live: LiveServer) -> None:
    tablet = live.tablet()
    data = photo_bytes("liar", 10_000)
    claimed = sha(b"another photo entirely")
    assert _patch(tablet, claimed, 0, len(data), data[:4000]).status_code == 200
    response = _patch(tablet, claimed, 4000, len(data), data[4000:])
    assert response.status_code == 422 and error_of(response)["code"] == "checksum_mismatch"
    assert tablet.get(f"/sync/blobs/{claimed}").json() == {
        "sha256": claimed,
        "offset": 0,
        "length": None,
        "complete": False,
    }
    assert not _stored(live, claimed) and not (live.config.partial_dir / claimed).exists()


def test_an_oversized_photo_is_refused_without_reading_it(live: LiveServer) -> None:
    tablet = live.tablet()
    digest = sha(b"huge")
    started = time.monotonic()
    # Headers promise 300 MB; not one byte of the body is sent. An answer proves nothing was awaited.
    response = rawhttp.send(
        live.url,
        "PATCH",
        f"/api/v1/sync/blobs/{digest}",
        {
            **tablet.headers(),
            UPLOAD_OFFSET: "0",
            UPLOAD_LENGTH: str(MAX_PHOTO_BYTES + 1),
            UPLOAD_CHECKSUM: chunk_checksum(b""),
            "Content-Length": str(300 * 1024 * 1024),
        },
    )
    assert response is not None and response.status == 413
    assert response.json()["error"]["code"] == "too_large"
    assert time.monotonic() - started < 3
    # A chunk that would run past the length it declared is refused too.
    data = photo_bytes("past-the-end", 1000)
    response2 = _patch(tablet, sha(data), 0, 500, data)
    assert response2.status_code == 413 and error_of(response2)["code"] == "too_large"
    assert tablet.get(f"/sync/blobs/{sha(data)}").json()["offset"] == 0


def test_missing_or_malformed_upload_headers(live: LiveServer) -> None:
    tablet = live.tablet()
    data = photo_bytes("headers", 1000)
    digest = sha(data)
    response = tablet.patch(f"/sync/blobs/{digest}", data=data)
    assert response.status_code == 422 and error_of(response)["code"] == "malformed"
    response = tablet.patch(
        f"/sync/blobs/{digest}",
        data=data,
        headers={UPLOAD_OFFSET: "-1", UPLOAD_LENGTH: "1000", UPLOAD_CHECKSUM: chunk_checksum(data)},
    )
    assert response.status_code == 422 and error_of(response)["code"] == "malformed"
    response = tablet.patch(
        f"/sync/blobs/{digest.upper()}",
        data=data,
        headers={UPLOAD_OFFSET: "0", UPLOAD_LENGTH: "1000", UPLOAD_CHECKSUM: chunk_checksum(data)},
    )
    assert response.status_code == 422
    response = tablet.post("/sync/blobs/missing", json={"hashes": ["not-a-hash"]})
    assert response.status_code == 422 and error_of(response)["code"] == "malformed"


def test_a_second_writer_of_the_same_upload_is_turned_away(live: LiveServer) -> None:
    tablet = live.tablet()
    data = photo_bytes("busy", 2000)
    digest = sha(data)
    assert _patch(tablet, digest, 0, len(data), data[:1000]).status_code == 200
    # Another worker process holds the upload (its lock on the partial file).
    fd = os.open(live.config.partial_dir / digest, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        busy = _patch(tablet, digest, 1000, len(data), data[1000:])
        assert busy.status_code == 409 and error_of(busy)["code"] == "upload_busy"
        assert error_of(busy)["offset"] == 1000
    finally:
        os.close(fd)
    assert _patch(tablet, digest, 1000, len(data), data[1000:]).json()["complete"] is True


def test_bytes_of_an_unacknowledged_chunk_left_by_a_crash_are_cut_off(live: LiveServer) -> None:
    tablet = live.tablet()
    data = photo_bytes("crash", 9000)
    digest = sha(data)
    assert _patch(tablet, digest, 0, len(data), data[:3000]).status_code == 200
    # A worker died mid-chunk: garbage past the durable offset, never acknowledged.
    with open(live.config.partial_dir / digest, "ab") as fh:
        fh.write(b"\x00garbage" * 100)
    assert tablet.get(f"/sync/blobs/{digest}").json()["offset"] == 3000
    assert upload(tablet, data)["complete"] is True
    with live.core.photos.blobs.open(digest) as fh:
        assert fh.read() == data


def test_uploads_need_a_login_and_for_an_inspector_the_device(live: LiveServer) -> None:
    data = photo_bytes("anonymous", 100)
    digest = sha(data)
    response = _patch(live.client(), digest, 0, len(data), data)
    assert response.status_code == 401 and error_of(response)["code"] == "missing_credentials"
    inspector = live.login(live.user("inspector"))
    response = _patch(inspector, digest, 0, len(data), data)
    assert response.status_code == 401 and error_of(response)["code"] == "device_required"
    assert not _stored(live, digest)


def test_a_photo_finished_elsewhere_while_this_upload_ran_is_stored_once(live: LiveServer) -> None:
    """Two server processes may finish the same photo at once (each with its own partial file: the
    second began after the first moved its file aside). The later one finds the blob's row there and
    still answers complete; it is not a server error."""
    tablet = live.tablet()
    data = photo_bytes("finished-elsewhere", 200_000)
    digest = sha(data)
    head = [
        f"PATCH /api/v1/sync/blobs/{digest} HTTP/1.1",
        f"Host: 127.0.0.1:{urlsplit(live.url).port}",
        "Connection: close",
        *(f"{k}: {v}" for k, v in tablet.headers().items()),
        f"{UPLOAD_OFFSET}: 0",
        f"{UPLOAD_LENGTH}: {len(data)}",
        f"{UPLOAD_CHECKSUM}: {chunk_checksum(data)}",
        "Content-Type: application/offset+octet-stream",
        f"Content-Length: {len(data)}",
    ]
    partial = live.config.partial_dir / digest
    port = urlsplit(live.url).port
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + data[:100_000])
        # Wait until this request holds its partial file (its lock), mid-body.
        deadline = time.monotonic() + 10
        while not flock_held_elsewhere(partial):
            assert time.monotonic() < deadline, "the upload never started"
            time.sleep(0.02)
        # Meanwhile another process stores the same photo completely, and its row is being committed
        # just as this request records its own: on PostgreSQL this request's INSERT waits for that
        # transaction and then meets its row.
        live.core.photos.blobs.put_bytes(data)
        with live.core.store.write() as conn:
            conn.execute(t.blobs.insert().values(sha256=digest, size=len(data), stored_at=datetime.now(UTC)))
            sock.sendall(data[100_000:])
            _wait_for_a_blocked_writer(live)
        answer = b""
        while piece := sock.recv(65536):
            answer += piece
    status = int(answer.split(b" ", 2)[1])
    assert status == 200, answer[-400:]
    assert b'"complete":true' in answer.replace(b" ", b"")
    with live.core.store.read() as conn:
        rows = conn.execute(sa.select(t.blobs).where(t.blobs.c.sha256 == digest)).all()
        uploads = conn.execute(sa.select(t.uploads).where(t.uploads.c.sha256 == digest)).all()
    assert len(rows) == 1 and not uploads
    assert live.core.photos.blobs.verify(digest) and not partial.exists()


def _wait_for_a_blocked_writer(live: LiveServer) -> None:
    if live.backend != "postgresql":
        time.sleep(0.3)  # SQLite: the request queues for the one writer's turn
        return
    deadline = time.monotonic() + 10
    query = sa.text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
    with live.core.store.engine.connect() as watcher:
        while not watcher.execute(query).scalar_one():
            watcher.rollback()  # the statistics are a snapshot per transaction
            assert time.monotonic() < deadline, "the upload never reached its INSERT"
            time.sleep(0.02)

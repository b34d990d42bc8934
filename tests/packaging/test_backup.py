"""`fieldcase-server backup` and `restore` on SQLite and PostgreSQL: a server with a synced case is
backed up while it runs, restored into a fresh data folder and database, and holds the same rows
and the same photos; a restored server serves them. Bad archives and occupied targets change nothing."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from server import schema
from server.cli import main as server_main
from server.config import ServerConfig
from server.store import Store
from storage.blobs import BlobStore
from tests.server.conftest import Databases, LiveServer, _stop, start_server, test_config
from tests.sync.conftest import Field


def _cli(config: ServerConfig, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any], str]:
    capsys.readouterr()
    code = server_main(["--data-dir", str(config.data_dir), "--database", config.database_url, "--json", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else {}, err


def _tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    store = Store(url, pool_size=1)
    try:
        with store.read() as conn:
            dump = {
                table.name: sorted((tuple(row) for row in conn.execute(sa.select(table))), key=repr)
                for table in schema.metadata.sorted_tables
            }
            dump["alembic_version"] = [
                tuple(r) for r in conn.execute(sa.text("SELECT version_num FROM alembic_version"))
            ]
        return dump
    finally:
        store.close()


def _blobs(config: ServerConfig) -> dict[str, str]:
    store = BlobStore(config.blobs_dir)
    return {sha: hashlib.sha256(store.path_for(sha).read_bytes()).hexdigest() for sha in store.hashes()}


def test_backup_then_restore_gives_the_same_server(
    make_server: Callable[..., LiveServer], databases: Databases, backend: str, tmp_path: Path,
    photo: list[Path], capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    live = make_server()
    field = Field(live, tmp_path / "tablet")
    try:
        case_id = field.new_submitted(photo)
        assert field.tablet.sync().complete
    finally:
        field.close()
    archive = tmp_path / "backups" / "server.tar"
    code, manifest, err = _cli(live.config, "backup", "--out", str(archive), capsys=capsys)  # the server runs
    assert code == 0, err
    assert manifest["dialect"] == ("sqlite" if backend == "sqlite" else "postgresql")
    assert manifest["blobs"] == 2 and manifest["revision"] == Store.head()

    fresh = test_config(tmp_path / "restored", databases.new(backend))
    code, result, err = _cli(fresh, "restore", str(archive), capsys=capsys)
    assert code == 0, err
    assert result["restored_blobs"] == 2 and result["current"] is True

    original = _tables(live.config.database_url)
    assert original["cases"] and original["blobs"] and original["devices"] and original["users"]
    assert _tables(fresh.database_url) == original
    assert _blobs(fresh) == _blobs(live.config) and len(_blobs(fresh)) == 2

    # A server on the restored data serves the case and its photos.
    restored = start_server(fresh, backend, migrate=False)
    try:
        admin = restored.login(restored.user("admin"))
        answer = admin.get(f"/cases/{case_id}")
        assert answer.status_code == 200, answer.text
        for p in answer.json()["photos"]:
            blob = admin.get(f"/blobs/{p['sha256']}")
            assert blob.status_code == 200 and hashlib.sha256(blob.content).hexdigest() == p["sha256"]
    finally:
        _stop(restored)

    # Restoring again over it is refused, and nothing changes.
    before = _tables(fresh.database_url)
    code, answer_doc, err = _cli(fresh, "restore", str(archive), capsys=capsys)
    assert code == 4 and "empty" in err and answer_doc["error"]["code"] == "target_not_empty"
    assert _tables(fresh.database_url) == before


def _rewrite(archive: Path, out: Path, change: Callable[[tarfile.TarInfo, bytes], bytes | None]) -> None:
    with tarfile.open(archive) as src, tarfile.open(out, "w") as dst:
        for member in src:
            fh = src.extractfile(member)
            data = change(member, fh.read() if fh else b"")
            if data is None:
                continue
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))


def test_damaged_or_foreign_archives_are_refused_and_change_nothing(
    live: LiveServer, databases: Databases, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "server.tar"
    field = Field(live, tmp_path / "tablet")
    try:
        field.new_submitted([_jpeg(tmp_path, 1), _jpeg(tmp_path, 2)])
        assert field.tablet.sync().complete
    finally:
        field.close()
    code, _, err = _cli(live.config, "backup", "--out", str(archive), capsys=capsys)
    assert code == 0, err

    flipped = tmp_path / "flipped.tar"
    _rewrite(archive, flipped, lambda m, d: (d[:100] + bytes([d[100] ^ 1]) + d[101:]) if m.name.startswith("blobs/")
             else d)  # fmt: skip
    dropped = tmp_path / "dropped.tar"
    first_blob: list[str] = []

    def drop_one(member: tarfile.TarInfo, data: bytes) -> bytes | None:
        if member.name.startswith("blobs/") and not first_blob:
            first_blob.append(member.name)
            return None
        return data

    _rewrite(archive, dropped, drop_one)
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not a tar file at all" * 100)
    cases = [(flipped, "does not match its hash"), (dropped, "manifest says"), (junk, "not a Fieldcase backup"),
             (tmp_path / "absent.tar", "no backup")]  # fmt: skip
    for bad, message in cases:
        target = test_config(tmp_path / f"target-{bad.stem}", databases.new(live.backend))
        code, _, err = _cli(target, "restore", str(bad), capsys=capsys)
        assert code in (3, 4) and message in err, (bad, err)
        assert not any(BlobStore(target.blobs_dir).hashes())
        store = Store(target.database_url, pool_size=1)
        try:
            assert store.revision() is None  # the database was never written
        finally:
            store.close()


def _jpeg(folder: Path, n: int) -> Path:
    from tests.photofactory import Gps, make_exif, write_jpeg

    exif = make_exif(gps=Gps(34.70 + n / 1000, 113.6), taken_at="2026:11:20 09:30:12", offset="+08:00")
    return write_jpeg(folder / f"bk-{n}.jpg", exif=exif, upright_size=(300 + n, 200))

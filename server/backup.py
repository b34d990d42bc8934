"""Backup and restore of a whole server — its database and its photo store — as one tar archive.

Consistency: the database is copied first, as one snapshot (SQLite through its online backup API,
which copies a consistent image while the server keeps running; PostgreSQL through `pg_dump`, which
reads in one repeatable-read transaction), and the blob store after it. Blobs are write-once and
content-addressed, and the database records a blob only once it is complete in the store, so every
blob the snapshot refers to is already there when the store is copied; a blob that arrived after the
snapshot is merely a spare. Restore checks every blob against its SHA-256 and writes the blobs
before the database, so an interrupted restore never leaves a database that names a missing photo.

Archive layout: `manifest.json` (format, version, dialect, schema revision, counts), then
`database.sqlite` or `database.pgdump` (pg_dump's custom format), then `blobs/<sha256>`.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa
from alembic.script import ScriptDirectory

from server.config import ServerConfig
from server.errors import ConflictError, InvalidError
from server.store import MIGRATIONS, Store
from storage.blobs import BlobStore, fsync_dir

FORMAT = "fieldcase-server-backup"
VERSION = 1
_CHUNK = 1 << 20


def _sqlite_path(url: str) -> Path:
    database = sa.engine.make_url(url).database
    if not database or database == ":memory:":
        raise InvalidError("an in-memory SQLite database cannot be backed up or restored", code="malformed")
    return Path(database)


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI for pg_dump/pg_restore, the password passed in the environment."""
    parsed = sa.engine.make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise InvalidError(
            f"{name} is not installed: install the PostgreSQL client tools (Debian: postgresql-client)",
            code="missing_tool",
        )
    return path


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise InvalidError(f"{what} failed: {detail}", code="database_tool_failed")


def _known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


# ------------------------------------------------------------------------------------------- backup


def backup(config: ServerConfig, out: Path) -> dict[str, Any]:
    """Write the archive to `out` (through a temporary file renamed into place); returns the manifest."""
    store = Store(config.database_url, pool_size=1)
    try:
        revision = store.revision()
        dialect = store.dialect
    finally:
        store.close()
    if revision is None:
        raise ConflictError("the database is empty (never migrated): nothing to back up", code="not_migrated")
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".fieldcase-backup-", dir=out.parent) as tmp:
        if dialect == "sqlite":
            db_name, db_file = "database.sqlite", Path(tmp) / "database.sqlite"
            _sqlite_snapshot(_sqlite_path(config.database_url), db_file)
        else:
            db_name, db_file = "database.pgdump", Path(tmp) / "database.pgdump"
            uri, env = _libpq(config.database_url)
            _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={db_file}", uri],
                 env, "pg_dump")  # fmt: skip
        blobs = BlobStore(config.blobs_dir)
        hashes = list(blobs.hashes())
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "dialect": dialect,
            "revision": revision,
            "database": db_name,
            "blobs": len(hashes),
            "blob_bytes": sum(blobs.path_for(h).stat().st_size for h in hashes),
        }
        partial = out.with_name(f".{out.name}.partial")
        try:
            with partial.open("wb") as raw, tarfile.open(fileobj=raw, mode="w|") as tar:
                _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
                tar.add(db_file, arcname=db_name, recursive=False)
                for sha in hashes:
                    tar.add(blobs.path_for(sha), arcname=f"blobs/{sha}", recursive=False)
                tar.close()
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, out)
            fsync_dir(out.parent)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _sqlite_snapshot(source: Path, target: Path) -> None:
    if not source.exists():
        raise InvalidError(f"no database at {source}", code="not_found")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # the online backup API: one consistent image, writers keep going
        dst.execute("PRAGMA journal_mode=DELETE")  # the archive holds one self-contained file
    finally:
        dst.close()
        src.close()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


# ------------------------------------------------------------------------------------------ restore


@contextmanager
def _open_archive(archive: Path) -> Iterator[tarfile.TarFile]:
    try:
        tar = tarfile.open(archive, mode="r:")  # noqa: SIM115 - closed below, errors sorted first
    except FileNotFoundError as exc:
        raise InvalidError(f"no backup at {archive}", code="not_found") from exc
    except (tarfile.TarError, OSError) as exc:
        raise InvalidError(f"{archive} is not a Fieldcase backup: {exc}", code="bad_backup") from exc
    try:
        yield tar
    except tarfile.TarError as exc:
        raise InvalidError(f"{archive} is damaged: {exc}", code="bad_backup") from exc
    finally:
        tar.close()


def read_manifest(archive: Path) -> dict[str, Any]:
    with _open_archive(archive) as tar:
        return _manifest(tar, archive)


def _manifest(tar: tarfile.TarFile, archive: Path) -> dict[str, Any]:
    try:
        member = tar.getmember("manifest.json")
        fh = tar.extractfile(member)
        manifest = json.loads(fh.read()) if fh else None
    except (KeyError, ValueError) as exc:
        raise InvalidError(f"{archive} is not a Fieldcase backup (no manifest)", code="bad_backup") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InvalidError(f"{archive} is not a Fieldcase backup", code="bad_backup")
    if manifest.get("version") != VERSION:
        raise InvalidError(f"{archive} is a backup of version {manifest.get('version')!r}", code="bad_backup")
    return manifest


def _occupied(config: ServerConfig, dialect: str) -> list[str]:
    """What is already at the target (empty list: nothing)."""
    found = []
    if dialect == "sqlite":
        path = _sqlite_path(config.database_url)
        if path.exists() and path.stat().st_size > 0:
            found.append(f"the database {path}")
    else:
        engine = sa.create_engine(config.database_url)
        try:
            with engine.connect() as conn:
                tables = sa.inspect(conn).get_table_names()
        finally:
            engine.dispose()
        if tables:
            found.append(f"{len(tables)} table(s) in the database")
    if config.blobs_dir.is_dir() and any(BlobStore(config.blobs_dir).hashes()):
        found.append(f"photos in {config.blobs_dir}")
    return found


def restore(config: ServerConfig, archive: Path) -> dict[str, Any]:
    """Restore into an empty data folder and database of the same kind (SQLite or PostgreSQL)."""
    target_dialect = "sqlite" if config.is_sqlite else sa.engine.make_url(config.database_url).get_backend_name()
    with _open_archive(archive) as tar:
        manifest = _manifest(tar, archive)
        if manifest["dialect"] != target_dialect:
            raise InvalidError(
                f"this backup is of a {manifest['dialect']} database; restore it into {manifest['dialect']}, "
                f"not {target_dialect}",
                code="wrong_database",
            )
        if manifest["revision"] not in _known_revisions():
            raise InvalidError(
                f"this backup's schema revision {manifest['revision']} is unknown to this server (made by a newer "
                "version?): restore it with that version",
                code="newer_schema",
            )
        occupied = _occupied(config, target_dialect)
        if occupied:
            raise ConflictError(
                f"restore goes into an empty data folder and database; found {', '.join(occupied)}",
                code="target_not_empty",
            )
        blobs = BlobStore(config.blobs_dir)
        written: list[str] = []
        try:
            _restore_members(config, target_dialect, tar, manifest, archive, blobs, written)
        except BaseException:
            for sha in written:  # the target was empty: leave it so
                blobs.path_for(sha).unlink(missing_ok=True)
            raise
        restored = len(written)
    return manifest | {"restored_blobs": restored, "current": manifest["revision"] == Store.head()}


def _restore_members(
    config: ServerConfig,
    dialect: str,
    tar: tarfile.TarFile,
    manifest: dict[str, Any],
    archive: Path,
    blobs: BlobStore,
    written: list[str],
) -> None:
    database: Path | None = None
    with tempfile.TemporaryDirectory(prefix=".fieldcase-restore-") as tmp:
        for member in tar:  # in archive order: manifest, database, blobs
            if member.name == manifest["database"] and member.isfile():
                database = Path(tmp) / member.name
                _copy(tar.extractfile(member), database)
            elif member.name.startswith("blobs/") and member.isfile():
                name = member.name[len("blobs/") :]
                sha, _ = blobs.put_stream(_chunks(tar.extractfile(member)))
                written.append(sha)
                if sha != name:
                    raise InvalidError(f"{archive}: photo {name} does not match its hash", code="bad_backup")
        if database is None:
            raise InvalidError(f"{archive} holds no database", code="bad_backup")
        if len(written) != manifest["blobs"]:
            raise InvalidError(
                f"{archive} holds {len(written)} photos, its manifest says {manifest['blobs']}", code="bad_backup"
            )
        _restore_database(config, dialect, database)  # last: a database never names a photo not restored


def _chunks(fh: IO[bytes] | None) -> Iterator[bytes]:
    if fh is None:
        return
    while chunk := fh.read(_CHUNK):
        yield chunk


def _copy(fh: IO[bytes] | None, target: Path) -> None:
    with target.open("wb") as out:
        for chunk in _chunks(fh):
            out.write(chunk)


def _restore_database(config: ServerConfig, dialect: str, database: Path) -> None:
    if dialect == "sqlite":
        path = _sqlite_path(config.database_url)
        path.parent.mkdir(parents=True, exist_ok=True)
        check = sqlite3.connect(database)
        try:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise InvalidError(f"the backup's database is damaged: {exc}", code="bad_backup") from exc
        finally:
            check.close()
        if ok != "ok":
            raise InvalidError(f"the backup's database is damaged: {ok}", code="bad_backup")
        partial = path.with_name(f".{path.name}.partial")
        shutil.copyfile(database, partial)
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, path)
        fsync_dir(path.parent)
        return
    uri, env = _libpq(config.database_url)
    _run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
          f"--dbname={uri}", str(database)], env, "pg_restore")  # fmt: skip

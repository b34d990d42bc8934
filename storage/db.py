"""The tablet's SQLite database: connection settings and versioned migrations.

WAL with synchronous=FULL, so a committed transaction survives a power cut; the
schema version lives in PRAGMA user_version, and each migration runs in one
transaction, so a crash mid-upgrade leaves the old schema intact.

A database in an encrypted data folder (one with the marker of `storage.keys`) is opened with
SQLCipher 4 (`sqlcipher3`), keyed with a raw 256-bit sub-key of the folder's data key (no
passphrase stretching: the key is random); every page, the WAL included, is encrypted and
authenticated. Other databases are opened with the standard library's sqlite3. The two
libraries raise different exception classes: catch `DB_ERRORS` / `OPERATIONAL_ERRORS`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
import sqlite_utils

from storage.errors import EnvironmentFaultError, StorageError
from storage.keys import folder_key

# Either library's errors (an encrypted database raises sqlcipher3's own classes).
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError, sqlcipher.OperationalError)
_AUTO: Any = object()


def _m1_initial(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""")
    db.execute(
        """CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            official_number TEXT,
            type TEXT NOT NULL,
            subtype TEXT NOT NULL,
            status TEXT NOT NULL,
            hazard TEXT NOT NULL,
            lat REAL, lon REAL, accuracy_m REAL, loc_source TEXT,
            address TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            district TEXT, grid TEXT,
            fields TEXT NOT NULL DEFAULT '{}',
            officers TEXT NOT NULL DEFAULT '[]',
            inspector TEXT, device TEXT,
            observed_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            created_ts REAL NOT NULL,
            sync TEXT NOT NULL DEFAULT 'local',
            review_note TEXT,
            revision INTEGER NOT NULL DEFAULT 1,
            photo_count INTEGER NOT NULL DEFAULT 0,
            audit_seq INTEGER NOT NULL DEFAULT 0,
            audit_head TEXT,
            deleted_at TEXT
        )"""
    )
    db.execute("CREATE INDEX cases_live_created ON cases (deleted_at, created_ts DESC)")
    db.execute("CREATE INDEX cases_status_created ON cases (status, created_ts DESC)")
    db.execute("CREATE INDEX cases_sync ON cases (sync)")
    db.execute("CREATE INDEX cases_type_created ON cases (type, created_ts)")
    db.execute(
        """CREATE TABLE photos (
            case_id TEXT NOT NULL REFERENCES cases(id),
            sha256 TEXT NOT NULL,
            position INTEGER NOT NULL,
            size INTEGER NOT NULL,
            format TEXT NOT NULL,
            taken_at TEXT,
            lat REAL, lon REAL, alt REAL,
            width INTEGER NOT NULL, height INTEGER NOT NULL,
            make TEXT, model TEXT, orientation INTEGER,
            kind TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL,
            local INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (case_id, sha256)
        )"""
    )
    db.execute("CREATE INDEX photos_sha ON photos (sha256)")
    db.execute("CREATE TABLE thumbnails (sha256 TEXT PRIMARY KEY, jpeg BLOB NOT NULL)")
    db.execute(
        """CREATE TABLE audit (
            case_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            actor TEXT, role TEXT NOT NULL, device TEXT,
            action TEXT NOT NULL,
            from_state TEXT, to_state TEXT,
            changes TEXT NOT NULL,
            prev TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (case_id, seq)
        )"""
    )
    db.execute("CREATE TABLE code_sequence (day TEXT PRIMARY KEY, last INTEGER NOT NULL)")
    # Full-text search over code, address and description; trigram so Chinese
    # addresses match on any three characters (shorter terms fall back to LIKE).
    db.execute(
        """CREATE VIRTUAL TABLE cases_fts USING fts5(
            code, address, description, content='cases', content_rowid='rowid',
            tokenize='trigram')"""
    )
    db.execute(
        """CREATE TRIGGER cases_fts_ai AFTER INSERT ON cases BEGIN
            INSERT INTO cases_fts(rowid, code, address, description)
            VALUES (new.rowid, new.code, new.address, new.description);
        END"""
    )
    db.execute(
        """CREATE TRIGGER cases_fts_ad AFTER DELETE ON cases BEGIN
            INSERT INTO cases_fts(cases_fts, rowid, code, address, description)
            VALUES ('delete', old.rowid, old.code, old.address, old.description);
        END"""
    )
    db.execute(
        """CREATE TRIGGER cases_fts_au AFTER UPDATE OF code, address, description ON cases BEGIN
            INSERT INTO cases_fts(cases_fts, rowid, code, address, description)
            VALUES ('delete', old.rowid, old.code, old.address, old.description);
            INSERT INTO cases_fts(rowid, code, address, description)
            VALUES (new.rowid, new.code, new.address, new.description);
        END"""
    )


def _m2_sync(db: sqlite_utils.Database) -> None:
    # The outbox: one row per case revision to send, written in the same transaction
    # as the submit that queues it, removed only after the server's receipt.
    db.execute(
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id TEXT NOT NULL REFERENCES cases(id),
            revision INTEGER NOT NULL,
            queued_at TEXT NOT NULL,
            payload TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_ts REAL NOT NULL DEFAULT 0,
            last_error TEXT,
            UNIQUE (case_id, revision)
        )"""
    )
    db.execute(
        """CREATE TABLE receipts (
            case_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            receipt TEXT,
            received_at TEXT NOT NULL,
            PRIMARY KEY (case_id, revision)
        )"""
    )
    # Inspectors who have logged in on this tablet: a local verifier of the password
    # (scrypt) lets them log in offline for a while after their last online login.
    db.execute(
        """CREATE TABLE accounts (
            user TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            districts TEXT NOT NULL DEFAULT '[]',
            unit TEXT,
            verifier TEXT NOT NULL,
            last_online_login TEXT NOT NULL,
            token TEXT,
            token_expires_at TEXT
        )"""
    )
    db.execute("ALTER TABLE photos ADD COLUMN receipt_at TEXT")
    db.execute(
        """CREATE TABLE sync_conflicts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id TEXT NOT NULL,
            at TEXT NOT NULL,
            detail TEXT NOT NULL
        )"""
    )


def _m3_evidence(db: sqlite_utils.Database) -> None:
    # Signed custody (storage/evidence.py): the device's public keys, a signature beside each
    # audit event this tablet made, and each photo's signed evidence record. Additive: events
    # made before keys existed simply have no row here (reported as unsigned, not as broken).
    db.execute(
        """CREATE TABLE device_keys (
            fingerprint TEXT PRIMARY KEY,
            public_key TEXT NOT NULL,
            created_at TEXT NOT NULL,
            enrolled_at TEXT,
            server TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE event_signatures (
            case_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            key TEXT NOT NULL,
            signature TEXT NOT NULL,
            PRIMARY KEY (case_id, seq)
        )"""
    )
    db.execute(
        """CREATE TABLE photo_records (
            case_id TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            record TEXT NOT NULL,
            key TEXT NOT NULL,
            signature TEXT NOT NULL,
            PRIMARY KEY (case_id, sha256)
        )"""
    )


def _m4_assignee(db: sqlite_utils.Database) -> None:
    # Who holds a case's field work after a supervisor's reassignment (the `to` of its latest
    # `reassign` event; NULL: never reassigned), kept beside the case so that the lists can leave a
    # case reassigned to another inspector out of the working ones without reading the audit trail.
    db.execute("ALTER TABLE cases ADD COLUMN assignee TEXT")
    db.execute("CREATE INDEX cases_assignee ON cases (assignee, status) WHERE assignee IS NOT NULL")
    latest: dict[str, str] = {}
    for case_id, changes in db.execute("SELECT case_id, changes FROM audit WHERE action = 'reassign' ORDER BY seq"):
        to = json.loads(changes).get("to")
        if to:
            latest[str(case_id)] = str(to)
    db.conn.executemany("UPDATE cases SET assignee = ? WHERE id = ?", [(to, i) for i, to in latest.items()])


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_m1_initial, _m2_sync, _m3_evidence, _m4_assignee]
SCHEMA_VERSION = len(MIGRATIONS)


def database_key(path: Path) -> bytes | None:
    """The SQLCipher key of the database at `path` (from its folder's data key); None if the
    folder is not encrypted. KeyMissingError / WrongKeyError as `storage.keys.folder_key`."""
    key = folder_key(Path(path).parent)
    return key.derive("database") if key is not None else None


def open_connection(path: Path, *, key: bytes | None = _AUTO, readonly: bool = False, timeout: float = 30) -> Any:
    """A raw connection (autocommit) to the database at `path`, keyed if its folder is encrypted.

    `key`: the SQLCipher key, None for a plain database; by default found from the folder.
    A key that does not open the file raises StorageError before anything is read or written.
    """
    if key is _AUTO:
        key = database_key(path)
    target: str = str(path)
    uri = False
    if readonly:
        target, uri = Path(path).resolve().as_uri() + "?mode=ro", True
    if key is None:
        return sqlite3.connect(target, uri=uri, timeout=timeout, isolation_level=None, check_same_thread=False)
    conn = sqlcipher.connect(target, uri=uri, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails here on a wrong key
    except sqlcipher.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc).lower():
            raise StorageError(
                f"{path}: the database does not open with this data folder's key "
                "(encrypted with another key, not encrypted, or damaged); nothing was changed"
            ) from exc
        raise classify(exc, Path(path)) from exc
    return conn


def connect(path: Path, *, key: bytes | None = _AUTO) -> sqlite_utils.Database:
    """Open (creating if need be) and migrate the database at `path` (keyed: see open_connection)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = open_connection(path, key=key)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        db = sqlite_utils.Database(conn)
        migrate(db)
    except DB_ERRORS as exc:
        raise classify(exc, path) from exc
    return db


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the schema up to date; returns the version it started from."""
    start = int(db.execute("PRAGMA user_version").fetchone()[0])
    if start > SCHEMA_VERSION:
        raise StorageError(
            f"the database was made by a newer Fieldcase (schema {start}, this one knows {SCHEMA_VERSION})"
        )
    for version in range(start, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return start


def classify(exc: BaseException, path: Path) -> StorageError:
    """Sort an SQLite failure into the environment's fault (tell the user) or a bug."""
    text = str(exc).lower()
    environmental = (
        "disk is full",
        "database or disk is full",
        "readonly",
        "read-only",
        "locked",
        "unable to open",
        "disk i/o error",
        "busy",
    )
    if any(word in text for word in environmental):
        return EnvironmentFaultError(f"{path}: {exc}")
    if "file is not a database" in text or "malformed" in text:
        return StorageError(f"{path}: the database is damaged ({exc})")
    return StorageError(f"{path}: {exc}")

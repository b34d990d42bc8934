"""Encryption at rest for one data folder: open it with its key, or encrypt it the first time.

`prepare_folder()` is called when a data folder is opened, before anything else touches it:

* an encrypted folder (it has the `storage.keys` marker): its key is fetched from the key
  store — KeyMissingError if absent, WrongKeyError if it does not match — and an encryption
  interrupted by a crash is finished;
* a new, empty folder gets a new key, and everything written to it is encrypted;
* a folder written before encryption existed is encrypted once, in place (`_encrypt`), so that
  a crash at any moment loses nothing: the key is stored first, then the marker says
  "encrypting"; the database is exported to an encrypted copy that replaces the original by
  a rename; each file is sealed into a temporary file that replaces the plain one by a rename;
  only then does the marker say "encrypted". Every step is redone or skipped on the next start.

``FIELDCASE_ENCRYPTION=off`` leaves new and old plain folders plain (benchmarks, diagnosis);
an encrypted folder is always opened encrypted.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from storage.blobs import TEMP_PREFIX, BlobStore, fsync_dir
from storage.db import DB_ERRORS, classify
from storage.errors import StorageError
from storage.keys import (
    DataKey,
    SecretStore,
    create_folder_key,
    default_secret_store,
    folder_key,
    read_marker,
    write_marker,
)
from storage.sealed import MAGIC, FileCipher, is_sealed

__all__ = ["ENV_ENCRYPTION", "encryption_wanted", "file_cipher", "prepare_folder"]

log = logging.getLogger(__name__)

ENV_ENCRYPTION = "FIELDCASE_ENCRYPTION"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_READ = 1 << 20


def encryption_wanted() -> bool:
    return os.environ.get(ENV_ENCRYPTION, "on").strip().lower() not in ("off", "0", "no", "false")


def file_cipher(key: DataKey, purpose: str) -> FileCipher:
    """The cipher of one file store of the folder (each store its own sub-key)."""
    return FileCipher(key.derive(f"files {purpose}"))


def _has_files(folder: Path) -> bool:
    if not folder.is_dir():
        return False
    return any(entry.is_file() for entry in folder.rglob("*"))


def prepare_folder(
    root: Path,
    database: Path,
    stores: Mapping[str, Path],
    *,
    store: SecretStore | None = None,
    encrypt: bool | None = None,
) -> DataKey | None:
    """The folder's data key (None: a plain folder); see the module's documentation.

    `stores`: each file store's purpose ("originals", "previews") and folder.
    """
    root = Path(root)
    marker = read_marker(root)
    if marker is None:
        if not (encryption_wanted() if encrypt is None else encrypt):
            return None
        legacy = database.exists() or any(_has_files(folder) for folder in stores.values())
        store = store or default_secret_store()
        key = create_folder_key(root, store, state="encrypting" if legacy else "encrypted")
        if legacy:
            log.info("encrypting the data folder %s (once)", root)
            _encrypt(root, key, database, stores)
        return key
    found = folder_key(root, store)
    assert found is not None
    if marker.get("state") == "encrypting":
        log.info("finishing the encryption of the data folder %s", root)
        _encrypt(root, found, database, stores)
    return found


def _encrypt(root: Path, key: DataKey, database: Path, stores: Mapping[str, Path]) -> None:
    if database.exists():
        _encrypt_database(database, key.derive("database"))
    for purpose, folder in stores.items():
        _seal_store(BlobStore(folder, cipher=file_cipher(key, purpose)), purpose)
    marker = read_marker(root)
    assert marker is not None
    write_marker(root, {**marker, "state": "encrypted"})


def _encrypt_database(database: Path, db_key: bytes) -> None:
    with open(database, "rb") as fh:
        head = fh.read(len(_SQLITE_MAGIC))
    if head != _SQLITE_MAGIC:
        return  # already encrypted (a crash came after the rename)
    temp = database.with_name(database.name + ".encrypting")
    for leftover in (temp, temp.with_name(temp.name + "-journal")):
        leftover.unlink(missing_ok=True)
    try:
        conn = sqlcipher.connect(str(database), isolation_level=None, timeout=30)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{db_key.hex()}'\"", (str(temp),))
            conn.execute("SELECT sqlcipher_export('encrypted')")
            conn.execute(f"PRAGMA encrypted.user_version = {version}")
            conn.execute("DETACH DATABASE encrypted")
            # Fold the WAL into the plain file and drop it: a plain WAL must never meet the
            # encrypted file that takes this one's name.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
    except DB_ERRORS as exc:
        temp.unlink(missing_ok=True)
        raise classify(exc, database) from exc
    with open(temp, "rb+") as fh:
        os.fsync(fh.fileno())
    for side in ("-wal", "-shm"):
        database.with_name(database.name + side).unlink(missing_ok=True)
    os.replace(temp, database)
    fsync_dir(database.parent)


def _seal_store(store: BlobStore, purpose: str) -> None:
    cipher = store.cipher
    assert cipher is not None
    store.clean_temp()
    sealed = 0
    for name in list(store.hashes()):
        path = store.path_for(name)
        temp = store.root / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
        try:
            with open(path, "rb") as fh:
                if is_sealed(fh.read(len(MAGIC))):
                    continue
                fh.seek(0)
                digest = hashlib.sha256()
                sealer = cipher.sealer()
                with open(temp, "wb") as out:
                    out.write(sealer.header)
                    while data := fh.read(_READ):
                        digest.update(data)
                        for piece in sealer.feed(data):
                            out.write(piece)
                    for piece in sealer.close(bytes.fromhex(name)):
                        out.write(piece)
                    out.flush()
                    os.fsync(out.fileno())
            if purpose == "originals" and digest.hexdigest() != name:
                # Sealed as it is: `check` reports it as altered, as it did before.
                log.warning("original %s did not match its hash before encryption", name)
            os.replace(temp, path)
            fsync_dir(path.parent)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise StorageError(f"cannot encrypt {path}: {exc.strerror or exc}") from exc
        sealed += 1
    if sealed:
        log.info("encrypted %d %s", sealed, purpose)

"""Secrets kept outside the data folder, and the key that encrypts one data folder.

A `SecretStore` keeps small named secrets (a few dozen bytes each): the OS keyring where
there is a usable one (Windows Credential Manager, macOS Keychain, Secret Service), else a
`FileSecretStore` — one file per secret, mode 0600, in a folder of mode 0700 under the user's
configuration folder. ``FIELDCASE_KEY_DIR`` points the file store elsewhere (IT's choice, and
the tests'); ``FIELDCASE_KEY_STORE=file|keyring`` forces one kind. The store is general: any
part of Fieldcase may keep a secret there under its own name (the device's signing key could).

A data folder is encrypted with one random 256-bit data key, kept in the secret store under
``data-key-<folder id>``. The folder holds only a marker, ``encryption.json``: its id, the
format, and a key-check value (an HMAC of a fixed label), so a wrong key is told apart from a
missing one or a damaged file, and nothing is opened with it. Sub-keys for the database and
the file stores are derived from the data key with HKDF-SHA256, one per purpose.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from storage.errors import StorageError

__all__ = [
    "ENV_KEY_DIR",
    "ENV_KEY_STORE",
    "MARKER_NAME",
    "DataKey",
    "FileSecretStore",
    "KeyMissingError",
    "KeyStoreError",
    "KeyringSecretStore",
    "SecretStore",
    "WrongKeyError",
    "create_folder_key",
    "default_secret_store",
    "folder_key",
    "read_marker",
]

ENV_KEY_DIR = "FIELDCASE_KEY_DIR"
ENV_KEY_STORE = "FIELDCASE_KEY_STORE"
APP_NAME = "Fieldcase"
MARKER_NAME = "encryption.json"
FORMAT = "fieldcase-encryption-1"  # SQLCipher 4 database; AES-256-GCM chunked files
KEY_BYTES = 32
_CHECK_LABEL = b"fieldcase key check v1"
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


class KeyStoreError(StorageError):
    """The secret store cannot be used (unreadable, insecure permissions, keyring failure)."""


class KeyMissingError(StorageError):
    """A data folder is encrypted and its key is not in this machine's key store."""


class WrongKeyError(StorageError):
    """The key found does not open this data folder."""


# ---------------------------------------------------------------------------------------------- stores


class SecretStore(Protocol):
    """Small named secrets kept outside the data folder."""

    @property
    def location(self) -> str:
        """Where the secrets are, for messages (never the secrets themselves)."""
        ...

    def get(self, name: str) -> bytes | None: ...

    def put(self, name: str, secret: bytes) -> None:
        """Store durably, replacing any previous value."""
        ...

    def delete(self, name: str) -> None: ...


def _check_name(name: str) -> None:
    if not name or not set(name) <= _NAME_CHARS or name.startswith("."):
        raise ValueError(f"not a secret name: {name!r}")


class FileSecretStore:
    """One file per secret (0600) in a folder only its owner can enter (0700).

    On POSIX a key file that others may read, or one in a folder that others may write to (they
    could have put their own key there), is refused rather than used: a key that anybody could
    have copied protects nothing. Writing makes the folder 0700 if it was not (as the device
    key's store does with the same folder). Writes are atomic (temp file, fsync, rename).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @property
    def location(self) -> str:
        return str(self.folder)

    def __repr__(self) -> str:
        return f"FileSecretStore({str(self.folder)!r})"

    def _path(self, name: str) -> Path:
        _check_name(name)
        return self.folder / f"{name}.key"

    def _check_private(self, path: Path, info: os.stat_result, *, folder: bool = False) -> None:
        if os.name != "posix":
            return  # NTFS: the user's profile folder is private by its ACL
        exposed = (stat.S_IWGRP | stat.S_IWOTH) if folder else (stat.S_IRWXG | stat.S_IRWXO)
        if info.st_mode & exposed:
            raise KeyStoreError(
                f"{path}: others may {'write to' if folder else 'read'} it (mode {stat.S_IMODE(info.st_mode):o}); "
                "refusing to use a key kept there (it must be its owner's only)"
            )
        if info.st_uid != os.geteuid():
            raise KeyStoreError(f"{path}: it belongs to another user (uid {info.st_uid})")

    def _ensure_folder(self) -> None:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            info = self.folder.stat()
            if os.name == "posix" and info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) != 0o700:
                os.chmod(self.folder, 0o700)
                info = self.folder.stat()
        except OSError as exc:
            raise KeyStoreError(f"cannot use the key store {self.folder}: {exc.strerror or exc}") from exc
        self._check_private(self.folder, info, folder=True)

    def get(self, name: str) -> bytes | None:
        path = self._path(name)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise KeyStoreError(f"cannot read the key {path}: {exc.strerror or exc}") from exc
        try:
            self._check_private(self.folder, self.folder.stat(), folder=True)
            self._check_private(path, os.fstat(fd))
            with os.fdopen(fd, "rb", closefd=False) as fh:
                text = fh.read()
        finally:
            os.close(fd)
        try:
            return base64.b64decode(text.strip(), validate=True)
        except ValueError as exc:
            raise KeyStoreError(f"the key file {path} is damaged") from exc

    def put(self, name: str, secret: bytes) -> None:
        path = self._path(name)
        self._ensure_folder()
        temp = self.folder / f".tmp-{secrets.token_hex(8)}"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            try:
                os.write(fd, base64.b64encode(secret) + b"\n")
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temp, path)
            if os.name != "nt":
                dir_fd = os.open(self.folder, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise KeyStoreError(f"cannot write the key {path}: {exc.strerror or exc}") from exc

    def delete(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(name).unlink()


class KeyringSecretStore:
    """Secrets in the OS keyring (`keyring`), base64-encoded, under the service "Fieldcase"."""

    def __init__(self, service: str = APP_NAME, backend: Any = None) -> None:
        import keyring

        self.service = service
        self._keyring = backend or keyring.get_keyring()

    @property
    def location(self) -> str:
        return f"the OS keyring ({type(self._keyring).__name__}, service {self.service!r})"

    def get(self, name: str) -> bytes | None:
        _check_name(name)
        try:
            value = self._keyring.get_password(self.service, name)
        except Exception as exc:  # keyring backends raise their own errors
            raise KeyStoreError(f"cannot read {name} from {self.location}: {exc}") from exc
        return None if value is None else base64.b64decode(value)

    def put(self, name: str, secret: bytes) -> None:
        _check_name(name)
        try:
            self._keyring.set_password(self.service, name, base64.b64encode(secret).decode("ascii"))
        except Exception as exc:
            raise KeyStoreError(f"cannot store {name} in {self.location}: {exc}") from exc

    def delete(self, name: str) -> None:
        _check_name(name)
        with contextlib.suppress(Exception):
            self._keyring.delete_password(self.service, name)


def _no_session_bus() -> bool:
    """Linux with no D-Bus session bus has no Secret Service or KWallet: known without importing
    `keyring` (slow to import on a weak tablet)."""
    if not sys.platform.startswith("linux") or os.environ.get("PYTHON_KEYRING_BACKEND"):
        return False
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    return not Path(f"/run/user/{os.getuid()}/bus").exists()


def _usable_keyring() -> Any:
    """The OS keyring backend if there is a real one (not the fail/null/plaintext backends)."""
    if _no_session_bus():
        return None
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) < 1:
        return None
    if type(backend).__module__.startswith(("keyrings.alt", "keyring.backends.null")):
        return None  # plaintext or dummy backends protect nothing
    return backend


def default_key_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "keys"


def default_secret_store() -> SecretStore:
    """The keyring where there is one, else private files; see the module's documentation."""
    kind = os.environ.get(ENV_KEY_STORE, "").strip().lower()
    folder = os.environ.get(ENV_KEY_DIR)
    if kind == "file" or (folder and kind != "keyring"):
        return FileSecretStore(Path(folder) if folder else default_key_dir())
    backend = _usable_keyring()
    if backend is not None:
        return KeyringSecretStore(backend=backend)
    if kind == "keyring":
        raise KeyStoreError(f"{ENV_KEY_STORE}=keyring, but this machine has no usable OS keyring")
    return FileSecretStore(default_key_dir())


# ---------------------------------------------------------------------------------------------- data keys


@dataclass(frozen=True)
class DataKey:
    """One data folder's key; `derive` gives independent sub-keys per purpose."""

    folder_id: str
    secret: bytes

    def __repr__(self) -> str:  # never print the key
        return f"DataKey(folder_id={self.folder_id!r})"

    def derive(self, purpose: str, length: int = KEY_BYTES) -> bytes:
        hkdf = HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=f"fieldcase {purpose} v1".encode())
        return hkdf.derive(self.secret)

    def check_value(self) -> str:
        return hmac.new(self.secret, _CHECK_LABEL, hashlib.sha256).hexdigest()[:32]


def _secret_name(folder_id: str) -> str:
    return f"data-key-{folder_id}"


def read_marker(root: Path) -> dict[str, Any] | None:
    """The folder's encryption marker, or None if the folder is not encrypted."""
    path = Path(root) / MARKER_NAME
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StorageError(f"{path}: the encryption marker is unreadable ({exc})") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("folder_id"), str):
        raise StorageError(f"{path}: not an encryption marker this Fieldcase knows ({doc!r:.80})")
    return doc


def folder_key(root: Path, store: SecretStore | None = None) -> DataKey | None:
    """The key of an encrypted data folder; None if the folder is not encrypted.

    KeyMissingError if the key is not in the store (a folder copied from another tablet, or a
    key store that was removed); WrongKeyError if the stored key is not this folder's.
    """
    marker = read_marker(root)
    if marker is None:
        return None
    store = store or default_secret_store()
    folder_id = str(marker["folder_id"])
    secret = store.get(_secret_name(folder_id))
    if secret is None:
        raise KeyMissingError(
            f"the data folder {root} is encrypted and its key is not in the key store ({store.location}): "
            "it was made on another tablet or by another user, or the key store was removed"
        )
    key = DataKey(folder_id, secret)
    if not hmac.compare_digest(key.check_value(), str(marker.get("key_check", ""))):
        raise WrongKeyError(
            f"the key kept for the data folder {root} in {store.location} does not open it (wrong key); "
            "nothing was changed"
        )
    return key


def create_folder_key(root: Path, store: SecretStore | None = None, *, state: str = "encrypted") -> DataKey:
    """Make a new key for `root`: stored (durably) in the key store first, then the marker written.

    A crash between the two leaves a spare key in the store and an unmarked folder, which the
    next start treats as not yet encrypted.
    """
    root = Path(root)
    if read_marker(root) is not None:
        raise StorageError(f"the data folder {root} already has a key")
    store = store or default_secret_store()
    key = DataKey(str(uuid.uuid4()), secrets.token_bytes(KEY_BYTES))
    store.put(_secret_name(key.folder_id), key.secret)
    root.mkdir(parents=True, exist_ok=True)
    doc = {"format": FORMAT, "folder_id": key.folder_id, "key_check": key.check_value(), "state": state}
    write_marker(root, doc)
    return key


def write_marker(root: Path, doc: dict[str, Any]) -> None:
    path = Path(root) / MARKER_NAME
    temp = Path(root) / f".{MARKER_NAME}.tmp-{secrets.token_hex(4)}"
    with open(temp, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temp, path)
    if os.name != "nt":
        fd = os.open(root, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

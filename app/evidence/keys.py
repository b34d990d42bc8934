"""The device's signing key: made once (Ed25519), kept in the OS keyring where there is one,
else in a file only the app's user can read, outside the data folder.

Where the private key lives:

* the OS keyring (Secret Service, macOS Keychain, Windows Credential Locker) through `keyring`,
  when it offers a usable backend; on a Linux tablet with no keyring daemon `keyring` falls back
  to its `fail` backend, which we detect and skip;
* otherwise a PEM file (PKCS #8) `<folder>/<device id>.pem`, mode 0600, in a folder of mode 0700.
  The folder is `$FIELDCASE_KEY_DIR` when set (then files only, never the keyring: tests and
  kiosk installs), else `keys` in the per-user configuration folder — never the data folder, so
  neither an export, a sync, nor a copied data folder carries the key.

`FIELDCASE_KEY_STORE=file|keyring` forces one kind, as for the data folder's key
(`storage/keys.py`, which keeps its secrets in the same places).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import stat
import sys
from pathlib import Path
from typing import Any

import platformdirs
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.domain.errors import DomainError

log = logging.getLogger(__name__)

APP_NAME = "Fieldcase"
ENV_KEY_DIR = "FIELDCASE_KEY_DIR"
ENV_KEY_STORE = "FIELDCASE_KEY_STORE"
KEYRING_SERVICE = "Fieldcase device key"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_DETECT: Any = object()


class KeyStoreError(DomainError):
    """The device key cannot be read or written (a damaged key file, a folder we cannot use)."""


def default_key_dir() -> Path:
    env = os.environ.get(ENV_KEY_DIR)
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "keys"


def _no_session_bus() -> bool:
    """A Linux machine with no D-Bus session bus has no Secret Service or KWallet to ask: known
    without importing `keyring` (which takes a second or more on a slow tablet)."""
    if not sys.platform.startswith("linux") or os.environ.get("PYTHON_KEYRING_BACKEND"):
        return False
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    return not Path(f"/run/user/{os.getuid()}/bus").exists()


def system_keyring() -> Any | None:
    """The OS keyring's backend, or None where there is none (e.g. no Secret Service daemon)."""
    if _no_session_bus():
        return None
    try:
        import keyring
        from keyring.backends import fail, null
        from keyring.backends.chainer import ChainerBackend
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring configuration must not stop the app
        log.warning("the OS keyring is not usable: %s", exc)
        return None
    if isinstance(backend, fail.Keyring | null.Keyring) or getattr(backend, "priority", 0) < 1:
        return None
    if type(backend).__module__.startswith("keyrings.alt"):
        return None  # a plaintext file keyring protects nothing more than our own file
    if isinstance(backend, ChainerBackend) and not backend.backends:
        return None
    return backend


def _pem(key: Ed25519PrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


def _from_pem(text: str, where: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(text.encode("ascii"), password=None)
    except (ValueError, TypeError, UnicodeEncodeError) as exc:
        raise KeyStoreError(f"{where}: the device key is damaged ({exc})") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyStoreError(f"{where}: not an Ed25519 key")
    return key


class KeyStore:
    """Private keys by name (the device id), in the keyring or in owner-only files."""

    def __init__(self, folder: Path | None = None, *, keyring_backend: Any = _DETECT) -> None:
        self._kind = os.environ.get(ENV_KEY_STORE, "").strip().lower()
        self._explicit = folder is not None or bool(os.environ.get(ENV_KEY_DIR))
        self.folder = folder if folder is not None else default_key_dir()
        self._keyring = keyring_backend

    @property
    def keyring(self) -> Any | None:
        """The OS keyring's backend, or None; looked for at first need only (importing `keyring` and
        asking it takes a second or more on a slow tablet, so a key kept in a file never waits for it)."""
        if self._keyring is _DETECT:
            wanted = self._kind == "keyring" or (self._kind != "file" and not self._explicit)
            self._keyring = system_keyring() if wanted else None
            if self._kind == "keyring" and self._keyring is None:
                raise KeyStoreError(f"{ENV_KEY_STORE}=keyring, but this machine has no usable OS keyring")
        return self._keyring

    def path_for(self, name: str) -> Path:
        if not _NAME.match(name):
            raise KeyStoreError(f"{name!r} is not a usable key name")
        return self.folder / f"{name}.pem"

    def location(self, name: str) -> str | None:
        """Where this key is kept: "file:<path>", "keyring", or None if nowhere."""
        path = self.path_for(name)
        if path.exists():
            return f"file:{path}"
        return "keyring" if self._from_keyring(name) is not None else None

    def load(self, name: str) -> Ed25519PrivateKey | None:
        # The file first: on a tablet with no keyring that is where the key is, found without
        # the cost of looking for a keyring.
        path = self.path_for(name)
        try:
            info = path.stat()
        except FileNotFoundError:
            text = self._from_keyring(name)
            return _from_pem(text, "keyring") if text is not None else None
        if stat.S_IMODE(info.st_mode) & 0o077 or stat.S_IMODE(self.folder.stat().st_mode) & 0o077:
            log.warning("%s: the device key was readable by others; made it owner-only", path)
            self._tighten(path)
        try:
            return _from_pem(path.read_text(encoding="ascii"), str(path))
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyStoreError(f"{path}: cannot read the device key ({exc})") from exc

    def create(self, name: str) -> Ed25519PrivateKey:
        """A new key, stored before it is returned (the keyring if it takes it, else a file)."""
        key = Ed25519PrivateKey.generate()
        if not self._to_keyring(name, _pem(key)):
            self._write_file(self.path_for(name), _pem(key))
        return key

    def load_or_create(self, name: str) -> Ed25519PrivateKey:
        return self.load(name) or self.create(name)

    # ------------------------------------------------------------ keyring

    def _from_keyring(self, name: str) -> str | None:
        if self.keyring is None:
            return None
        try:
            value = self.keyring.get_password(KEYRING_SERVICE, name)
        except Exception as exc:  # keyring.errors.KeyringError and D-Bus failures alike
            log.warning("the OS keyring did not answer (%s); looking for a key file", exc)
            return None
        return str(value) if value else None

    def _to_keyring(self, name: str, pem: str) -> bool:
        if self.keyring is None:
            return False
        try:
            self.keyring.set_password(KEYRING_SERVICE, name, pem)
        except Exception as exc:
            log.warning("the OS keyring refused the device key (%s); keeping it in a file", exc)
            return False
        return True

    # ------------------------------------------------------------ file

    def _tighten(self, path: Path) -> None:
        try:
            os.chmod(self.folder, 0o700)
            os.chmod(path, 0o600)
        except OSError as exc:
            raise KeyStoreError(f"{path}: cannot make the device key owner-only ({exc})") from exc

    def _write_file(self, path: Path, pem: str) -> None:
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(path.parent, 0o700)  # also when it existed, and whatever the umask
            temp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, pem.encode("ascii"))
                os.fsync(fd)
            finally:
                os.close(fd)
            os.chmod(temp, 0o600)
            if path.exists():
                temp.unlink()
                raise KeyStoreError(f"{path}: a device key is already there; refusing to replace it")
            os.replace(temp, path)
            with contextlib.suppress(OSError):  # not every system can fsync a folder
                dir_fd = os.open(path.parent, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
        except OSError as exc:
            raise KeyStoreError(f"{path}: cannot store the device key ({exc})") from exc

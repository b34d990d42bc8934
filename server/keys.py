"""The server's own Ed25519 key, and the history of the devices' keys (docs/evidence.md).

The server key signs the receipts the server gives, the audit events it adds (receive, decisions)
and the bundles it exports. It is kept in the data folder as `server-key.pem` (PKCS #8 PEM, mode
0600; the folder is the server's alone), made at `migrate` or at first need. Several server
processes may start at once: the file is written aside and linked into place, so the first one
made is the one every process uses.

Every public key a device enrolled with stays in `device_keys`, so older signatures remain
verifiable after a re-enrollment; revoking a device revokes its keys, which are then refused in
whatever arrives after `revoked_at`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.domain.canonical import canonical_json
from app.evidence.signing import ALGORITHM, fingerprint, load_public, public_b64, sign_json, verify_json
from server import schema as t

log = logging.getLogger(__name__)

KEY_FILE = "server-key.pem"


class ServerKeyError(Exception):
    """The server's key file cannot be read or made."""


class ServerKey:
    """The server's signing key (loaded once; Ed25519 signatures are deterministic)."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key
        self.public: Ed25519PublicKey = key.public_key()
        self.public_b64 = public_b64(self.public)
        self.fingerprint = fingerprint(self.public)

    @classmethod
    def open(cls, data_dir: Path) -> ServerKey:
        """The key in `data_dir`, made now if there is none."""
        path = data_dir / KEY_FILE
        if not path.exists():
            _create(path)
        return cls(_load(path))

    def sign(self, value: Any) -> dict[str, str]:
        """The signature of a JSON value's canonical bytes, in the bundle's form {"key", "value"}."""
        return {"key": self.fingerprint, "value": sign_json(self._key, value)}

    def sign_text(self, value: Any) -> str:
        return canonical_json(self.sign(value)).decode("ascii")  # {"key":…,"value":…}, as json.dumps writes it

    def signed(self, value: dict[str, Any]) -> dict[str, Any]:
        """The value with its signature added as "signature" (over the value without it)."""
        body = {k: v for k, v in value.items() if k != "signature"}
        return {**body, "signature": self.sign(body)}

    def verifies(self, value: Any, signature: Any) -> bool:
        return (
            isinstance(signature, dict)
            and signature.get("key") == self.fingerprint
            and verify_json(self.public, value, str(signature.get("value", "")))
        )

    def entry(self, created_at: str | None = None) -> dict[str, Any]:
        """The key as a bundle's `keys` lists it, and as GET /keys publishes it."""
        return {
            "fingerprint": self.fingerprint,
            "algorithm": ALGORITHM,
            "public_key": self.public_b64,
            "device": None,
            "role": "server",
            "created_at": created_at,
            "enrolled_at": None,
            "server": None,
        }


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # whatever the umask
        os.write(fd, pem)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temp, path)  # fails if another process made the key meanwhile: theirs is the key
        log.warning("made the server's signing key %s (%s)", path, fingerprint(key.public_key()))
    except FileExistsError:
        pass
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _load(path: Path) -> Ed25519PrivateKey:
    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            os.chmod(path, 0o600)
            log.warning("%s was readable by others: made owner-only", path)
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise ServerKeyError(f"{path}: cannot read the server's key ({exc})") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ServerKeyError(f"{path}: not an Ed25519 key")
    return key


def record_server_key(conn: sa.Connection, store_insert: Any, key: ServerKey, now: datetime) -> None:
    """Note the server's key among the keys it ever signed with (once; in the caller's transaction)."""
    conn.execute(
        store_insert(t.server_keys)
        .values(fingerprint=key.fingerprint, public_key=key.public_b64, first_used_at=now)
        .on_conflict_do_nothing(index_elements=[t.server_keys.c.fingerprint])
    )


def server_keys(conn: sa.Connection, fingerprints: list[str]) -> dict[str, str]:
    """The public keys (base64) of these fingerprints among the server's keys."""
    if not fingerprints:
        return {}
    rows = conn.execute(
        sa.select(t.server_keys.c.fingerprint, t.server_keys.c.public_key).where(
            t.server_keys.c.fingerprint.in_(sorted(set(fingerprints)))
        )
    )
    return {fp: pk for fp, pk in rows}


# ---------------------------------------------------------------- the devices' keys


@dataclass(frozen=True)
class DeviceKey:
    fingerprint: str
    device_id: str
    public_key: str
    enrolled_at: datetime
    revoked_at: datetime | None

    def usable_at(self, moment: datetime) -> bool:
        return self.revoked_at is None or moment < self.revoked_at

    def public(self) -> Ed25519PublicKey:
        return load_public(self.public_key)


def _device_key(row: Any) -> DeviceKey:
    return DeviceKey(row.fingerprint, row.device_id, row.public_key, row.enrolled_at, row.revoked_at)


def keys_of(conn: sa.Connection, device_ids: list[str]) -> dict[str, DeviceKey]:
    """Every key the server knows for these devices, by fingerprint."""
    if not device_ids:
        return {}
    rows = conn.execute(sa.select(t.device_keys).where(t.device_keys.c.device_id.in_(sorted(set(device_ids)))))
    return {r.fingerprint: _device_key(r) for r in rows}


def keys_by_fingerprint(conn: sa.Connection, fingerprints: list[str]) -> dict[str, DeviceKey]:
    if not fingerprints:
        return {}
    rows = conn.execute(sa.select(t.device_keys).where(t.device_keys.c.fingerprint.in_(sorted(set(fingerprints)))))
    return {r.fingerprint: _device_key(r) for r in rows}


def current_key(conn: sa.Connection, device_id: str) -> DeviceKey | None:
    """The key the device enrolled with last (the `--expect-key` of its bundles)."""
    row = conn.execute(
        sa.select(t.device_keys)
        .where(t.device_keys.c.device_id == device_id)
        .order_by(t.device_keys.c.enrolled_at.desc())
        .limit(1)
    ).first()
    return _device_key(row) if row else None

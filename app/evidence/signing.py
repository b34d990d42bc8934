"""Ed25519 signatures over canonical JSON (RFC 8032 over RFC 8785): what the tablet, the server
and the bundle verifier sign and check. Needs only `cryptography` and the domain.

A public key travels as base64 of its 32 raw bytes; its fingerprint is the lowercase hex SHA-256
of those bytes. A signature travels as base64 of its 64 bytes, beside the name (fingerprint) of
the key that made it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.domain.canonical import canonical_json

ALGORITHM = "ed25519"


class KeyFormatError(ValueError):
    """A public key or signature that is not well-formed base64 of the right length."""


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_b64(key: Ed25519PublicKey) -> str:
    return base64.b64encode(public_bytes(key)).decode("ascii")


def fingerprint(key: Ed25519PublicKey | str) -> str:
    """The key's name: SHA-256 (hex) of its 32 raw bytes (given the key or its base64)."""
    raw = public_bytes(key) if isinstance(key, Ed25519PublicKey) else _b64(key, 32, "public key")
    return hashlib.sha256(raw).hexdigest()


def load_public(b64: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(_b64(b64, 32, "public key"))


def _b64(value: str, length: int, what: str) -> bytes:
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, AttributeError) as exc:
        raise KeyFormatError(f"the {what} is not base64") from exc
    if len(raw) != length:
        raise KeyFormatError(f"the {what} has {len(raw)} bytes, not {length}")
    return raw


def sign_json(key: Ed25519PrivateKey, value: Any) -> str:
    """The base64 signature of a JSON value's canonical bytes."""
    return base64.b64encode(key.sign(canonical_json(value))).decode("ascii")


def verify_json(key: Ed25519PublicKey, value: Any, signature: str) -> bool:
    """True if `signature` is `key`'s signature of the value's canonical bytes."""
    try:
        key.verify(_b64(signature, 64, "signature"), canonical_json(value))
    except (InvalidSignature, KeyFormatError):
        return False
    return True


def receipt_signed_part(receipt: dict[str, Any]) -> dict[str, Any]:
    """What the server's signature of a receipt covers: all of it but the signature and `server_time`
    (the server's clock when it gave this answer, which changes each time the receipt is given again)."""
    return {k: v for k, v in receipt.items() if k not in ("signature", "server_time")}

"""The evidence endpoints (docs/evidence.md): the server's public key, and a case's verifiable bundle."""

from __future__ import annotations

from fastapi import APIRouter

from server.deps import CoreDep
from server.errors import NotFoundError
from sync.protocol import KeysResponse, ServerKeyInfo

router = APIRouter(tags=["evidence"])


@router.get("/keys", response_model=KeysResponse)
def keys(core: CoreDep) -> KeysResponse:
    """The server's Ed25519 public key and its fingerprint (SHA-256 of the raw key, hex), which sign its
    receipts, the audit events it adds and the bundles it exports. Answers without authentication."""
    key = core.cases.key
    if key is None:
        raise NotFoundError("this server has no signing key")
    return KeysResponse(
        server=ServerKeyInfo(fingerprint=key.fingerprint, algorithm="ed25519", public_key=key.public_b64)
    )

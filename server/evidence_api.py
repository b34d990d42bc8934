"""The evidence endpoints (docs/evidence.md): the server's public key, and a case's verifiable bundle."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter
from fastapi import Path as Path_
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from server.accounts import Principal
from server.core import Core
from server.custody import write_bundle
from server.deps import CoreDep, PrincipalDep
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


def _bundle_file(core: Core, who: Principal, case_id: str) -> Path:
    folder = core.config.data_dir / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"bundle-{secrets.token_hex(8)}.zip"
    write_bundle(core.cases, who, case_id, out)
    return out


@router.get(
    "/cases/{case_id}/bundle",
    response_class=FileResponse,
    responses={200: {"content": {"application/zip": {}}, "description": "the case bundle (docs/evidence.md)"}},
)
async def case_bundle(
    case_id: Annotated[str, Path_(max_length=64, description="the case's UUID")], core: CoreDep, who: PrincipalDep
) -> FileResponse:
    """The case's verifiable bundle, made and signed by the server (`fieldcase verify` checks it): the
    original photos, the signed records and events, the signed receipts, and the keys."""
    out = await run_in_threadpool(_bundle_file, core, who, case_id)
    return FileResponse(
        out,
        media_type="application/zip",
        filename=f"{case_id}.zip",
        background=BackgroundTask(out.unlink, missing_ok=True),
    )

"""FastAPI dependencies: the server's parts, and who is calling (checked on every request)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from server.accounts import Principal
from server.core import Core
from server.errors import UnauthorizedError
from sync.protocol import DEVICE_HEADER

bearer = HTTPBearer(auto_error=False, description="the token `POST /api/v1/auth/login` gave")
device_key = APIKeyHeader(
    name=DEVICE_HEADER, auto_error=False, description="the device token `POST /api/v1/devices/enroll` gave"
)


def core(request: Request) -> Core:
    found: Core = request.app.state.core
    return found


CoreDep = Annotated[Core, Depends(core)]
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
DeviceDep = Annotated[str | None, Depends(device_key)]


def principal(core: CoreDep, credentials: BearerDep, device_token: DeviceDep) -> Principal:
    token = credentials.credentials if credentials is not None else None
    return core.accounts.authenticate(token, device_token or None)


def sync_principal(who: Annotated[Principal, Depends(principal)]) -> Principal:
    """A sync request: an inspector's needs their enrolled device's credential as well."""
    if who.role == "inspector" and who.device is None:
        raise UnauthorizedError(
            f"sync needs the device credential ({DEVICE_HEADER}) of an enrolled tablet", code="device_required"
        )
    return who


PrincipalDep = Annotated[Principal, Depends(principal)]
SyncPrincipalDep = Annotated[Principal, Depends(sync_principal)]

"""The sync endpoints (sync/protocol.py's server half): photos by hash, case batches, the change feed."""

from __future__ import annotations

import os
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Header, Path, Query, Request, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from server.accounts import Principal
from server.core import Core
from server.deps import CoreDep, SyncPrincipalDep
from server.errors import ForbiddenError, InvalidError, validation_message
from server.workers import WORKERS_ENV
from sync.protocol import (
    DEFAULT_CHANGES_PER_PAGE,
    MAX_CHANGES_PER_PAGE,
    SHA256_PATTERN,
    UPLOAD_CHECKSUM,
    UPLOAD_LENGTH,
    UPLOAD_OFFSET,
    CaseBatch,
    CaseBatchResponse,
    ChangesResponse,
    MissingRequest,
    MissingResponse,
    UploadState,
)

router = APIRouter(prefix="/sync", tags=["sync"])

# A case batch is CPU work in Python. Threads of one process running batches at once only take turns
# on the GIL, and pay for it (in process, 7 at once cost 18-41 % more CPU a case than one after the
# other); so each worker process runs at most this many, the others wait their turn in the event loop,
# and the worker processes (`serve --workers N`) share the cores.
INTAKE_AT_ONCE = max(1, int(os.environ.get("FIELDCASE_INTAKE_AT_ONCE", "2") or 2))
# With several worker processes (`serve --workers N` says how many), a worker whose batches queue closes
# the connection after its answer (below); a kept-alive connection otherwise stays with the worker that
# accepted it, however busy (in bench/server.py, 20 tablets on 3 workers: one had 40 % of them).
SHED_BACKLOG = int(os.environ.get(WORKERS_ENV, "1") or 1) > 1

Sha256 = Annotated[str, Path(pattern=SHA256_PATTERN, description="the photo's SHA-256, lowercase hex")]

_UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "the chunk's bytes, starting at Upload-Offset",
        "content": {
            "application/offset+octet-stream": {"schema": {"type": "string", "format": "binary"}},
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


def _state_headers(state: UploadState) -> dict[str, str]:
    headers = {UPLOAD_OFFSET: str(state.offset), "Cache-Control": "no-store"}
    if state.length is not None:
        headers[UPLOAD_LENGTH] = str(state.length)
    return headers


@router.post("/blobs/missing", response_model=MissingResponse)
def blobs_missing(body: MissingRequest, core: CoreDep, who: SyncPrincipalDep) -> MissingResponse:
    """Which of these photos the server lacks, and how far any partial upload of them got."""
    return core.photos.missing(body.hashes)


@router.head("/blobs/{sha256}", response_class=Response)
def upload_head(sha256: Sha256, core: CoreDep, who: SyncPrincipalDep) -> Response:
    """The upload's state in headers (tus HEAD): Upload-Offset, and Upload-Length once known."""
    return Response(status_code=200, headers=_state_headers(core.photos.state(sha256)))


@router.get("/blobs/{sha256}", response_model=UploadState)
def upload_state(sha256: Sha256, core: CoreDep, who: SyncPrincipalDep, response: Response) -> UploadState:
    """The upload's state: the durable offset, the length, whether the photo is complete and verified."""
    state = core.photos.state(sha256)
    response.headers.update(_state_headers(state))
    return state


@router.patch("/blobs/{sha256}", response_model=UploadState, openapi_extra=_UPLOAD_BODY)
async def upload_chunk(
    sha256: Sha256,
    request: Request,
    core: CoreDep,
    who: SyncPrincipalDep,
    response: Response,
    upload_offset: Annotated[str, Header(alias=UPLOAD_OFFSET, description="where this chunk starts")],
    upload_length: Annotated[str, Header(alias=UPLOAD_LENGTH, description="the whole photo's size")],
    upload_checksum: Annotated[str, Header(alias=UPLOAD_CHECKSUM, description="sha256 <base64 of the chunk's digest>")],
) -> UploadState:
    """Append one chunk (tus PATCH). The answer comes once the chunk is checked and fsynced; when the
    last chunk arrives the whole photo is checked against its SHA-256 and stored."""
    state = await core.photos.patch(
        sha256,
        offset_header=upload_offset,
        length_header=upload_length,
        checksum_header=upload_checksum,
        content_length=request.headers.get("content-length"),
        body=request.stream(),
    )
    response.headers.update(_state_headers(state))
    return state


# The batch is parsed by pydantic straight from the bytes (half the CPU of json.loads and then
# validating the objects); its schema is documented here and added to the components in app.py.
_BATCH_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CaseBatch"}}},
    }
}


def _accept(core: Core, who: Principal, raw: bytes) -> bytes:
    try:
        batch = CaseBatch.model_validate_json(raw)
    except ValidationError as exc:
        raise InvalidError(validation_message(exc.errors(include_input=False)), code="malformed") from None
    return core.cases.accept_batch(who, batch).model_dump_json().encode()


@router.post("/cases", response_model=CaseBatchResponse, openapi_extra=_BATCH_BODY)
async def send_cases(request: Request, core: CoreDep, who: SyncPrincipalDep) -> Response:
    """A batch of case revisions (CaseBatch); each gets its own outcome (accepted, already, conflict,
    missing_photos, invalid, refused) and, once accepted, the server's receipt."""
    if who.role != "inspector":
        raise ForbiddenError(f"only an inspector sends cases from a tablet (you are {who.role})")
    raw = await request.body()
    turns = _intake_turns(request)
    answer = await anyio.to_thread.run_sync(_accept, core, who, raw, limiter=turns)
    response = Response(answer, media_type="application/json")
    if SHED_BACKLOG and turns.statistics().tasks_waiting:
        # Batches wait their turn in this worker: this tablet's next one goes in on a new connection, which
        # the kernel gives to any of the workers (SO_REUSEPORT), so kept-alive tablets do not pile up on one.
        response.headers["Connection"] = "close"
    return response


def _intake_turns(request: Request) -> anyio.CapacityLimiter:
    """This app's limit on case batches at once (made in its own event loop, on the first batch)."""
    state = request.app.state
    turns = getattr(state, "intake_turns", None)
    if turns is None:
        turns = state.intake_turns = anyio.CapacityLimiter(INTAKE_AT_ONCE)
    return turns


@router.get("/changes", response_model=ChangesResponse)
async def changes(
    core: CoreDep,
    who: SyncPrincipalDep,
    cursor: Annotated[str | None, Query(max_length=64, description="next_cursor of the last page")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_CHANGES_PER_PAGE)] = DEFAULT_CHANGES_PER_PAGE,
) -> ChangesResponse:
    """Changes to this inspector's cases since the cursor, oldest first."""
    return await run_in_threadpool(core.cases.changes, who, cursor, limit)

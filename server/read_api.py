"""Reading cases, their audit trails and their original photos, each within the caller's scope."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import FileResponse
from pydantic import BaseModel

from server.cases import DEFAULT_PAGE, MAX_PAGE
from server.deps import CoreDep, PrincipalDep
from server.errors import NotFoundError
from server.inputs import check_storable, storable
from sync.protocol import SHA256_PATTERN

router = APIRouter(tags=["cases"])


class CaseList(BaseModel):
    cases: list[dict[str, Any]]
    next_cursor: str | None


class CaseLog(BaseModel):
    case_id: str
    events: list[dict[str, Any]]
    chain_head: str
    problems: list[str]


Text = Annotated[str | None, Query(max_length=100)]


@router.get("/cases", response_model=CaseList)
def list_cases(
    core: CoreDep,
    who: PrincipalDep,
    state: Annotated[list[str], Query(description="only cases in these states (repeatable)")] = [],  # noqa: B006
    type: Text = None,
    subtype: Text = None,
    district: Text = None,
    inspector: Text = None,
    unit: Text = None,
    overdue: Annotated[bool | None, Query(description="only cases past (true) or within (false) a deadline")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
    cursor: Annotated[str | None, Query(max_length=64, description="next_cursor of the page before")] = None,
) -> dict[str, Any]:
    """The cases the caller may see, newest first, a page at a time."""
    for value in (*state, type, subtype, district, inspector, unit, cursor):
        if value is not None:
            check_storable(value, "a query parameter")
    return core.cases.list_cases(
        who,
        states_=state,
        type_=type,
        subtype=subtype,
        district=district,
        inspector=inspector,
        unit=unit,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
    )


CaseId = Annotated[str, Path(max_length=64, description="the case's UUID")]


@router.get("/cases/{case_id}", response_model=dict[str, Any])
def get_case(case_id: CaseId, core: CoreDep, who: PrincipalDep) -> dict[str, Any]:
    """One case as the server holds it, with its server fields."""
    if not storable(case_id):
        raise NotFoundError(f"no case {case_id!r}")
    return core.cases.get(who, case_id)


@router.get("/cases/{case_id}/log", response_model=CaseLog)
def case_log(case_id: CaseId, core: CoreDep, who: PrincipalDep) -> dict[str, Any]:
    """The case's audit trail, the tablet's events and the server's, with any break in its chain."""
    if not storable(case_id):
        raise NotFoundError(f"no case {case_id!r}")
    return core.cases.log(who, case_id)


@router.get(
    "/blobs/{sha256}",
    response_class=FileResponse,
    responses={200: {"content": {"application/octet-stream": {}}, "description": "the original, byte for byte"}},
)
def download_blob(
    sha256: Annotated[str, Path(pattern=SHA256_PATTERN)], core: CoreDep, who: PrincipalDep
) -> FileResponse:
    """An original photo, if the caller may see a case that holds it."""
    if not core.cases.blob_visible(who, sha256):
        raise NotFoundError(f"no photo {sha256}")
    path = core.photos.blob_path(sha256)
    return FileResponse(
        path,
        media_type="application/octet-stream",
        headers={"ETag": f'"{sha256}"', "Cache-Control": "private, max-age=31536000, immutable"},
    )

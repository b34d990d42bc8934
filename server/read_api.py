"""Reading cases, their audit trails and their original photos, each within the caller's scope."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel

from server import mapdata
from server.cases import DEFAULT_PAGE, MAX_NEARBY, MAX_PAGE
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
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=100, description="text in the code, official number, address or description"),
    ] = None,
    order: Annotated[
        Literal["newest", "queue"],
        Query(description="newest first (by arrival), or the queue: most severe hazard level first, then oldest"),
    ] = "newest",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
    cursor: Annotated[str | None, Query(max_length=64, description="next_cursor of the page before")] = None,
) -> dict[str, Any]:
    """The cases the caller may see, a page at a time: newest first, or in the queue's order."""
    for value in (*state, type, subtype, district, inspector, unit, q, cursor):
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
        q=q,
        order=order,
        limit=limit,
        cursor=cursor,
    )


StateQuery = Annotated[list[str], Query(description="only cases in these states (repeatable)")]
OverdueQuery = Annotated[bool | None, Query(description="only cases past (true) or within (false) a deadline")]
SearchQuery = Annotated[
    str | None,
    Query(min_length=1, max_length=100, description="text in the code, official number, address or description"),
]


def _map_filters(
    state: list[str],
    type: str | None,
    subtype: str | None,
    district: str | None,
    inspector: str | None,
    unit: str | None,
    overdue: bool | None,
    q: str | None,
) -> dict[str, Any]:
    for value in (*state, type, subtype, district, inspector, unit, q):
        if value is not None:
            check_storable(value, "a query parameter")
    return mapdata.filters_of(
        state=state, type=type, subtype=subtype, district=district, inspector=inspector, unit=unit, overdue=overdue, q=q
    )


@router.get(
    "/cases/points",
    response_class=Response,
    responses={
        200: {
            "content": {"application/json": {}},
            "description": "parallel arrays: `id`, `lat_e6` and `lon_e6` (WGS-84 in millionths of a degree), "
            "`state` and `type` (indexes into `states` and `types`), `overdue` (1 or 0); `count` located cases, "
            "`unlocated` matching cases without a location",
        }
    },
)
def case_points(
    core: CoreDep,
    who: PrincipalDep,
    state: StateQuery = [],  # noqa: B006
    type: Text = None,
    subtype: Text = None,
    district: Text = None,
    inspector: Text = None,
    unit: Text = None,
    overdue: OverdueQuery = None,
    q: SearchQuery = None,
) -> Response:
    """Every case GET /cases would list with these filters (the same scope), as points for a map: compact
    arrays in one answer, computed in one query."""
    filters = _map_filters(state, type, subtype, district, inspector, unit, overdue, q)
    body = mapdata.case_points(core, who, filters)
    return Response(body, media_type="application/json", headers={"Cache-Control": "no-store"})


class GridCounts(BaseModel):
    version: int
    total: int
    counts: dict[str, int]
    overdue: dict[str, int]
    outside: int
    outside_overdue: int


@router.get("/grids/counts", response_model=GridCounts, tags=["grids"])
def grid_counts(
    core: CoreDep,
    who: PrincipalDep,
    state: StateQuery = [],  # noqa: B006
    type: Text = None,
    subtype: Text = None,
    district: Text = None,
    inspector: Text = None,
    unit: Text = None,
    overdue: OverdueQuery = None,
    q: SearchQuery = None,
) -> dict[str, Any]:
    """The cases GET /cases would list with these filters, counted per grid code (every grid of the grids'
    `version`, 0 where none match; `outside`: cases in no grid), with the overdue among them."""
    filters = _map_filters(state, type, subtype, district, inspector, unit, overdue, q)
    return mapdata.grid_counts(core, who, filters)


CaseId = Annotated[str, Path(max_length=64, description="the case's UUID")]


@router.get("/cases/{case_id}", response_model=dict[str, Any])
def get_case(case_id: CaseId, core: CoreDep, who: PrincipalDep) -> dict[str, Any]:
    """One case as the server holds it, with its server fields."""
    if not storable(case_id):
        raise NotFoundError(f"no case {case_id!r}")
    return core.cases.get(who, case_id)


class NearbyCases(BaseModel):
    case_id: str
    radius_m: float
    days: float
    cases: list[dict[str, Any]]


@router.get("/cases/{case_id}/nearby", response_model=NearbyCases)
def nearby_cases(
    case_id: CaseId,
    core: CoreDep,
    who: PrincipalDep,
    radius_m: Annotated[float, Query(gt=0, le=1000, description="how far from the case, in metres")] = 30.0,
    days: Annotated[float, Query(gt=0, le=366, description="reported within this many days before or after it")] = 7.0,
    limit: Annotated[int, Query(ge=1, le=MAX_NEARBY)] = 20,
) -> dict[str, Any]:
    """Possible duplicates: cases of the same type near this one in place and time that the caller may
    see, nearest first, each with its `distance_m`."""
    if not storable(case_id):
        raise NotFoundError(f"no case {case_id!r}")
    return core.cases.nearby(who, case_id, radius_m=radius_m, days=days, limit=limit)


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

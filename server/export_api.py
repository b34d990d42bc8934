"""Cases exported for a filter and a period (`GET /exports/cases.csv`, `GET /exports/cases.geojson`), streamed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from server.accounts import Principal
from server.core import Core
from server.deps import CoreDep, PrincipalDep
from server.exports import ExportFilter
from server.inputs import check_storable

router = APIRouter(tags=["exports"])

Text = Annotated[str | None, Query(max_length=100)]
Day = Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD, on the bureau's calendar")]


def _filter(
    state: Annotated[list[str], Query(description="only cases in these states (repeatable)")] = [],  # noqa: B006
    type: Text = None,
    subtype: Text = None,
    district: Text = None,
    inspector: Text = None,
    unit: Text = None,
    overdue: Annotated[bool | None, Query(description="only cases past (true) or within (false) a deadline")] = None,
    from_: Annotated[
        str | None, Query(alias="from", max_length=10, description="reported on or after, YYYY-MM-DD")
    ] = None,
    to: Annotated[str | None, Query(max_length=10, description="reported on or before, YYYY-MM-DD")] = None,
) -> ExportFilter:
    for value in (*state, type, subtype, district, inspector, unit, from_, to):
        if value is not None:
            check_storable(value, "a query parameter")
    return ExportFilter(
        states=list(state),
        type=type,
        subtype=subtype,
        district=district,
        inspector=inspector,
        unit=unit,
        overdue=overdue,
        start=from_,
        end=to,
    )


def _export(core: Core, who: Principal, fmt: str, f: ExportFilter, media_type: str) -> StreamingResponse:
    core.exports.check(who, f)
    chunks = core.exports.stream(fmt, core.exports.records(who, f))
    return StreamingResponse(
        chunks,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="cases.{fmt}"', "Cache-Control": "no-store"},
    )


FilterDep = Annotated[ExportFilter, Depends(_filter)]


@router.get(
    "/exports/cases.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "UTF-8 with a BOM, one case a row"}},
)
def export_csv(core: CoreDep, who: PrincipalDep, f: FilterDep) -> StreamingResponse:
    """The cases the caller may see (as GET /cases), for its filters and the period they were reported
    in, as CSV (UTF-8 with a BOM, for Excel), oldest first, streamed."""
    return _export(core, who, "csv", f, "text/csv; charset=utf-8")


@router.get(
    "/exports/cases.geojson",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/geo+json": {}}, "description": "a FeatureCollection of Points"}},
)
def export_geojson(core: CoreDep, who: PrincipalDep, f: FilterDep) -> StreamingResponse:
    """The same cases as a GeoJSON FeatureCollection of Points with the case's fields as properties."""
    return _export(core, who, "geojson", f, "application/geo+json")

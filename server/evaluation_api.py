"""The evaluation figures (`GET /evaluation`): per inspector, district or disposal unit, ranked."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from server.deps import CoreDep, PrincipalDep

router = APIRouter(tags=["evaluation"])


@router.get("/evaluation", response_model=dict[str, Any])
def evaluation(
    core: CoreDep,
    who: PrincipalDep,
    from_: Annotated[str, Query(alias="from", max_length=10, description="the first day, YYYY-MM-DD")],
    to: Annotated[str, Query(max_length=10, description="the last day, YYYY-MM-DD (inclusive)")],
    by: Annotated[str, Query(max_length=16, description="inspector|district|unit")] = "district",
) -> dict[str, Any]:
    """The figures of the cases reported in the period, one row per inspector, district or disposal
    unit, ranked by on-time closure rate then closure rate (docs/server.md defines each figure).
    Supervisors see their districts, admins all; inspectors and units 403."""
    return core.evaluation.figures(who, from_, to, by)

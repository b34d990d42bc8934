"""Decisions on a case at the review desk (`POST /cases/{id}/decisions`): the closed loop's server steps."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from server.decisions import DecisionRequest
from server.deps import CoreDep, PrincipalDep
from server.store import utcnow

router = APIRouter(tags=["decisions"])


@router.post("/cases/{case_id}/decisions", response_model=dict[str, Any])
def decide(
    case_id: Annotated[str, Path(max_length=64, description="the case's UUID")],
    body: DecisionRequest,
    core: CoreDep,
    who: PrincipalDep,
) -> dict[str, Any]:
    """Take a decision on a case; the answer is the case after it. Through the shared state machine:
    a role that may not take the action 403, a state that does not allow it 409, a case outside the
    caller's scope 404, a missing note, reason, unit or photo 422; of two decisions at once one wins,
    the other 409 (`concurrent_decision`). A `version` in the body refuses the decision (409,
    `version_conflict`) if the case has changed since."""
    return core.decisions.decide(who, case_id, body, utcnow())

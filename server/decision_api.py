"""Decisions on a case at the review desk (`POST /cases/{id}/decisions`): the closed loop's server steps;
and reassigning inspectors' field work (`POST /cases/reassign`, `GET /users`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from server.decisions import DecisionRequest
from server.deps import CoreDep, PrincipalDep
from server.inputs import check_storable
from server.reassign import Reassignments, ReassignRequest, ReassignResponse
from server.store import utcnow

router = APIRouter(tags=["decisions"])


@router.post("/cases/reassign", response_model=ReassignResponse, response_model_by_alias=True)
def reassign(body: ReassignRequest, core: CoreDep, who: PrincipalDep) -> dict[str, Any]:
    """Reassign field work to another inspector: the cases named (`cases`), or every open case one
    inspector holds within your scope (`from`), to `to`, with a `note` of why. The reporting inspector
    stays on record; `assignee` says who holds the field work now, and their tablet gets the cases
    through its change feed. One result per case: `reassigned`, `unchanged` (already theirs), or
    `refused` with a `status` and `error` — 404 a case outside your scope, 409 a closed, rejected or
    duplicate case, 422 a district the target does not work in; a refused case is left as it was.
    A role other than supervisor or admin 403; a target who is unknown, disabled or not an inspector
    422 (`unknown_user`, `user_disabled`, `not_an_inspector`), and nothing changes. `dry_run` answers
    the same without changing anything."""
    return Reassignments(core.store, core.cases).reassign(who, body, utcnow())


@router.get("/users", response_model=dict[str, list[dict[str, Any]]])
def list_users(
    core: CoreDep,
    who: PrincipalDep,
    role: Annotated[str, Query(max_length=16, description="inspector (default) or supervisor")] = "inspector",
    district: Annotated[
        list[str], Query(description="working in any of these districts (repeatable; default: all of yours)")
    ] = [],  # noqa: B006
) -> dict[str, list[dict[str, Any]]]:
    """The users of a role in districts (a supervisor's own districts only), each with `districts`,
    `disabled` and `open_cases` (the open cases they hold within your scope): whom to reassign to.
    Supervisors and admins only (403)."""
    for value in (role, *district):
        check_storable(value, "a query parameter")
    return {"users": Reassignments(core.store, core.cases).inspectors(who, district, role)}


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

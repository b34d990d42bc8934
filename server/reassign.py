"""Reassigning field work: a supervisor moves the open cases of one inspector (all, or the ones named)
to another inspector of the case's district — when an inspector leaves, is ill or changes district.

The reporting inspector stays on record (`cases.inspector`; the evaluation figures keep crediting
them); the case's `assignee` is who holds its field work now (a returned case to complete, a
verification task to answer). Each reassignment extends the case's audit chain with one `reassign`
event (who, from, to, why; the state stays), and is announced in two change feeds in the same
transaction: the new holder's tablet gets the case as a task (with its whole trail, so a tablet that
never had the case can work on it), the old holder's as a decision (read-only there from then on).

Refusals, each changing nothing: a role other than supervisor or admin (403, for the whole request);
a target who is unknown, disabled or not an inspector (422, for the whole request); per case, one
outside the caller's scope (404: scope does not leak existence), one that is closed, rejected or a
duplicate (409), one whose district the target does not work in (422). Reassigning a case to the
inspector who already holds it is `unchanged`, not an error.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy.engine import Connection

from app.domain import states
from app.domain.audit import make_event
from server import schema as t
from server.accounts import Principal
from server.cases import Cases, _deadlines_for, _event_row, case_out, scope_clause
from server.decisions import MAX_NOTE, _head, _required
from server.errors import ForbiddenError, InvalidError
from server.inputs import storable
from server.store import Store, iso

MAX_CASES = 500
ROLES = ("supervisor", "admin")
FINAL = tuple(s.value for s in states.FINAL_STATES)


class ReassignRequest(BaseModel):
    """Which cases move (the ones named, or every open case one inspector holds), to whom, and why."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    cases: list[str] | None = Field(
        None, min_length=1, max_length=MAX_CASES, description="the cases' UUIDs (or give `from`)"
    )
    from_: str | None = Field(
        None,
        alias="from",
        max_length=100,
        description="every open case (not closed, rejected or duplicate) this inspector holds, within your scope",
    )
    to: str = Field(max_length=100, description="the inspector who takes the field work over")
    note: str | None = Field(None, max_length=MAX_NOTE, description="why (required; kept in the audit trail)")
    dry_run: bool = Field(False, description="answer what would happen, changing nothing")

    @model_validator(mode="after")
    def _one_selection(self) -> ReassignRequest:
        if (self.cases is None) == (self.from_ is None):
            raise ValueError("give either `cases` (a list of case ids) or `from` (an inspector), not both")
        return self


class CaseOutcome(BaseModel):
    id: str
    code: str | None = None
    official_number: str | None = None
    outcome: str = Field(description="reassigned | unchanged (already theirs) | refused")
    status: int = Field(description="as an HTTP status: 200, or why refused (404, 409, 422)")
    error: dict[str, str] | None = Field(None, description='{"code", "message"} of a refusal')
    from_: str | None = Field(None, alias="from", description="who held the field work before")
    case: dict[str, Any] | None = Field(None, description="the case after it (not in a dry run)")

    model_config = ConfigDict(populate_by_name=True)


class ReassignResponse(BaseModel):
    to: str
    dry_run: bool
    reassigned: int
    unchanged: int
    refused: int
    results: list[CaseOutcome]


def _refused(row: Any, case_id: str, status: int, code: str, message: str) -> dict[str, Any]:
    return {
        "id": case_id,
        "code": getattr(row, "code", None),
        "official_number": getattr(row, "official_number", None),
        "outcome": "refused",
        "status": status,
        "error": {"code": code, "message": message},
        "from": (row.assignee or row.inspector) if row is not None else None,
        "case": None,
    }


def holder_clause(inspector: str) -> sa.ColumnElement[bool]:
    """The cases whose field work this inspector holds (theirs unless reassigned, or reassigned to them)."""
    c = t.cases.c
    return sa.or_(sa.and_(c.assignee.is_(None), c.inspector == inspector), c.assignee == inspector)


class Reassignments:
    def __init__(self, store: Store, cases: Cases) -> None:
        self.store = store
        self.cases = cases

    def _target(self, conn: Connection, name: str) -> set[str]:
        """The districts of the inspector who takes over; a refusal if they cannot."""
        user = conn.execute(sa.select(t.users).where(t.users.c.name == name)).first()
        if user is None:
            raise InvalidError(f"no user {name!r}", code="unknown_user")
        if user.role != "inspector":
            raise InvalidError(f"{name} is not an inspector (a {user.role})", code="not_an_inspector")
        if user.disabled:
            raise InvalidError(f"{name} is disabled: choose an inspector who works now", code="user_disabled")
        links = conn.execute(sa.select(t.user_districts.c.district).where(t.user_districts.c.user_id == user.id))
        return {r.district for r in links}

    def reassign(self, principal: Principal, request: ReassignRequest, now: datetime) -> dict[str, Any]:
        if principal.role not in ROLES:
            raise ForbiddenError(
                f"a {principal.role} may not reassign cases (only: {', '.join(ROLES)})", code="role_refused"
            )
        to = request.to.strip()
        note = _required(request.note, "a note of why", "reassign")
        for value in (to, request.from_ or "", *(request.cases or ())):
            if not storable(value):
                raise InvalidError("a name or case id contains a NUL character or invalid Unicode", code="malformed")
        c = t.cases.c
        results: list[dict[str, Any]] = []
        with self.store.write() as conn:
            districts = self._target(conn, to)
            if request.cases is not None:
                wanted = list(dict.fromkeys(request.cases))
                found = {
                    r.id: r for r in conn.execute(sa.select(t.cases).where(c.id.in_(wanted), scope_clause(principal)))
                }
                rows = [(case_id, found.get(case_id)) for case_id in wanted]
            else:
                query = (
                    sa.select(t.cases)
                    .where(holder_clause(request.from_ or ""), c.state.not_in(FINAL), scope_clause(principal))
                    .order_by(c.pk)
                )
                rows = [(r.id, r) for r in conn.execute(query)]
            for case_id, row in rows:
                results.append(self._one(conn, principal, case_id, row, to, districts, note, request.dry_run, now))
        return {
            "to": to,
            "dry_run": request.dry_run,
            "reassigned": sum(1 for r in results if r["outcome"] == "reassigned"),
            "unchanged": sum(1 for r in results if r["outcome"] == "unchanged"),
            "refused": sum(1 for r in results if r["outcome"] == "refused"),
            "results": results,
        }

    def _one(
        self,
        conn: Connection,
        principal: Principal,
        case_id: str,
        row: Any,
        to: str,
        districts: set[str],
        note: str,
        dry_run: bool,
        now: datetime,
    ) -> dict[str, Any]:
        if row is None:
            return _refused(None, case_id, 404, "not_found", f"no case {case_id}")
        holder = row.assignee or row.inspector
        if row.state in FINAL:
            return _refused(row, case_id, 409, "case_closed", f"the case is {row.state}, which is final")
        if holder == to:
            return {
                "id": case_id,
                "code": row.code,
                "official_number": row.official_number,
                "outcome": "unchanged",
                "status": 200,
                "error": None,
                "from": holder,
                "case": None if dry_run else case_out(row, _deadlines_for(conn, [row.pk]).get(row.pk, ())),
            }
        if row.district not in districts:
            return _refused(
                row,
                case_id,
                422,
                "not_in_district",
                f"{to} is not an inspector of district {row.district or '(none)'}",
            )
        outcome = {
            "id": case_id,
            "code": row.code,
            "official_number": row.official_number,
            "outcome": "reassigned",
            "status": 200,
            "error": None,
            "from": holder,
            "case": None,
        }
        if dry_run:
            return outcome
        event = make_event(
            _head(row),
            case_id=row.id,
            at=iso(now) or "",
            actor=principal.name,
            role=principal.role,
            device=None,
            action="reassign",
            from_state=row.state,
            to_state=row.state,
            changes={"from": holder, "to": to, "reporter": row.inspector, "note": note},
        )
        fresh = conn.execute(
            t.cases.update()
            .where(t.cases.c.pk == row.pk, t.cases.c.version == row.version)
            .values(
                # Back with the reporter: no assignee, as if never reassigned.
                assignee=None if to == row.inspector else to,
                version=t.cases.c.version + 1,
                chain_seq=event.seq,
                chain_head=event.hash,
                changed_at=now,
            )
            .returning(*t.cases.c)
        ).first()
        if fresh is None:
            return _refused(
                row, case_id, 409, "concurrent_decision", "another decision on this case came first: look at it again"
            )
        conn.execute(t.audit_events.insert(), [_event_row(row.pk, event)])
        # The new holder's tablet gets the case as work (a task); the old one's hears it went.
        self.cases.announce_to(conn, f"inspector:{to}", [row.pk], "task", now)
        self.cases.announce_to(conn, f"inspector:{holder}", [row.pk], "decision", now)
        outcome["case"] = case_out(fresh, _deadlines_for(conn, [row.pk]).get(row.pk, ()))
        return outcome

    def inspectors(self, principal: Principal, districts: list[str], role: str = "inspector") -> list[dict[str, Any]]:
        """The users of a role working in any of these districts (all of the caller's districts if none
        named), for choosing whom to reassign to: a supervisor sees those of their own districts only."""
        if principal.role not in ROLES:
            raise ForbiddenError(f"a {principal.role} may not list users (only: {', '.join(ROLES)})")
        if role not in ("inspector", "supervisor"):
            raise InvalidError(f"role {role!r}: only inspector or supervisor may be listed", code="bad_role")
        wanted = list(dict.fromkeys(districts))
        if principal.role == "supervisor":
            wanted = [d for d in wanted if d in principal.districts] if wanted else list(principal.districts)
            if not wanted:
                return []
        u, ud = t.users.c, t.user_districts.c
        query = sa.select(u.id, u.name, u.role, u.disabled).where(u.role == role).order_by(u.name)
        if wanted:
            query = query.where(u.id.in_(sa.select(ud.user_id).where(ud.district.in_(wanted))))
        with self.store.read() as conn:
            users = conn.execute(query).all()
            links: dict[int, list[str]] = {}
            if users:
                for link in conn.execute(
                    sa.select(ud.user_id, ud.district).where(ud.user_id.in_([x.id for x in users]))
                ):
                    links.setdefault(link.user_id, []).append(link.district)
            held = self._open_counts(conn, principal, [x.name for x in users])
        return [
            {
                "name": x.name,
                "role": x.role,
                "districts": sorted(links.get(x.id, [])),
                "disabled": bool(x.disabled),
                "open_cases": held.get(x.name, 0),
            }
            for x in users
        ]

    def _open_counts(self, conn: Connection, principal: Principal, names: list[str]) -> dict[str, int]:
        """How many open cases within the caller's scope each of these inspectors holds."""
        if not names:
            return {}
        c = t.cases.c
        holder = sa.func.coalesce(c.assignee, c.inspector)
        rows = conn.execute(
            sa.select(holder.label("holder"), sa.func.count())
            .where(sa.or_(c.assignee.in_(names), c.inspector.in_(names)), c.state.not_in(FINAL))
            .where(scope_clause(principal))
            .group_by(holder)
        )
        return {r.holder: int(r[1]) for r in rows if r.holder in names}

"""Decisions on cases at the review desk: file, return, reject, duplicate, dispatch, defer, dispose,
close and send_back — the server's steps of the closed loop (DESIGN.md; CJ/T 315 filing, dispatch,
disposal, closing).

Each decision goes through the shared state machine (app.domain.states: the wrong role 403, the
wrong state 409), extends the case's audit chain with one server event, and adds an entry to the
inspector's change feed (a disposal is a verification task), all in one transaction. The case row
is changed by a conditional UPDATE on its `version`, so of two concurrent decisions one wins and
the other is refused with 409, on SQLite and PostgreSQL alike. Deadlines are counted from
dispatch on the bureau's working calendar (app.domain.calendar), per the catalogue's milestones.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.engine import Connection

from app.domain import states
from app.domain.audit import AuditEvent, make_event
from app.domain.calendar import WorkingCalendar, deadline
from app.domain.catalogue import Catalogue
from app.domain.errors import RoleRefusedError, StateRefusedError
from server import schema as t
from server.accounts import Principal
from server.cases import Cases, _Accepted, _deadlines_for, _event_row, case_out, scope_clause
from server.config import ServerConfig
from server.errors import ConflictError, ForbiddenError, InvalidError, NotFoundError
from server.inputs import SHA256, storable
from server.store import Store, iso

MAX_NOTE = 1000
# The decisions a disposal unit hears of in its change feed, and as what.
UNIT_FEED = {"dispatch": "task", "send_back": "task", "defer": "decision"}
ACTIONS = ("file", "return", "reject", "duplicate", "dispatch", "defer", "dispose", "close", "send_back")


class DecisionRequest(BaseModel):
    """A decision on one case: the action, and what that action needs."""

    model_config = ConfigDict(extra="forbid")

    action: str = Field(
        max_length=32, description="file|return|reject|duplicate|dispatch|defer|dispose|close|send_back"
    )
    note: str | None = Field(
        None, max_length=MAX_NOTE, description="what is missing (return), what was done (dispose), why (send_back)"
    )
    reason: str | None = Field(None, max_length=MAX_NOTE, description="why (reject, defer)")
    duplicate_of: str | None = Field(None, max_length=64, description="the case this one repeats (duplicate)")
    unit: str | None = Field(None, max_length=64, description="the disposal unit (dispatch; default: the catalogue's)")
    milestone: str | None = Field(None, max_length=64, description="the milestone to defer (default: every open one)")
    due_at: datetime | None = Field(None, description="the new deadline, with its UTC offset (defer)")
    hours: float | None = Field(None, gt=0, le=10_000, description="extra hours on the milestone's clock (defer)")
    photos: list[str] = Field(default_factory=list, max_length=50, description="SHA-256 of uploaded photos (dispose)")
    version: int | None = Field(None, description="the case's server version the decision was made on (else: any)")


@dataclass
class _Plan:
    """What one decision writes besides the state and its event."""

    changes: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    after: list[Callable[[Connection, int], None]] = field(default_factory=list)


def _required(value: str | None, what: str, action: str) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidError(f"{action}: {what} is required", code="missing_field")
    if not storable(text):
        raise InvalidError(f"{action}: {what} contains a NUL character or invalid Unicode", code="malformed")
    return text


def _optional(value: str | None) -> str | None:
    text = (value or "").strip()
    if text and not storable(text):
        raise InvalidError("the note contains a NUL character or invalid Unicode", code="malformed")
    return text or None


class Decisions:
    def __init__(
        self, store: Store, cases: Cases, catalogue: Catalogue, calendar: WorkingCalendar, config: ServerConfig
    ) -> None:
        self.store = store
        self.cases = cases
        self.catalogue = catalogue
        self.calendar = calendar
        self.config = config
        counter = store.insert(t.counters).values(name=sa.bindparam("n"), value=1)
        self._next_number = counter.on_conflict_do_update(
            index_elements=[t.counters.c.name], set_={"value": t.counters.c.value + 1}
        ).returning(t.counters.c.value)

    def decide(self, principal: Principal, case_id: str, request: DecisionRequest, now: datetime) -> dict[str, Any]:
        """Take one decision; the case as it stands after it."""
        action = request.action
        if action not in ACTIONS:
            raise InvalidError(f"unknown action {action!r} (known: {', '.join(ACTIONS)})", code="unknown_action")
        if not storable(case_id):
            raise NotFoundError(f"no case {case_id!r}")
        with self.store.write() as conn:
            row = conn.execute(sa.select(t.cases).where(t.cases.c.id == case_id, scope_clause(principal))).first()
            if row is None:
                raise NotFoundError(f"no case {case_id}")
            try:
                target = states.apply(row.state, action, principal.role)
            except RoleRefusedError as exc:
                raise ForbiddenError(str(exc), code="role_refused") from None
            except StateRefusedError as exc:
                raise ConflictError(str(exc), code="state_refused") from None
            if request.version is not None and request.version != row.version:
                raise ConflictError(
                    f"the case has changed since you saw it (version {row.version}, not {request.version}): "
                    "look at it again",
                    code="version_conflict",
                )
            plan = getattr(self, f"_{action}")(conn, principal, row, request, now)
            event = make_event(
                _head(row),
                case_id=row.id,
                at=iso(now) or "",
                actor=principal.name,
                role=principal.role,
                device=None,
                action=action,
                from_state=row.state,
                to_state=target.value,
                changes=plan.changes,
            )
            fresh = conn.execute(
                t.cases.update()
                .where(t.cases.c.pk == row.pk, t.cases.c.version == row.version)
                .values(
                    state=target.value,
                    version=t.cases.c.version + 1,
                    chain_seq=event.seq,
                    chain_head=event.hash,
                    changed_at=now,
                    **plan.values,
                )
                .returning(*t.cases.c)  # the case as it now stands, without reading it again
            ).first()
            if fresh is None:
                raise ConflictError(
                    "another decision on this case came first: look at it again", code="concurrent_decision"
                )
            conn.execute(t.audit_events.insert(), [_event_row(row.pk, event)])
            if action == "dispose" and plan.changes["photos"]:
                conn.execute(
                    t.decision_photos.insert(),
                    [{"case_pk": row.pk, "seq": event.seq, "sha256": h} for h in plan.changes["photos"]],
                )
            for step in plan.after:
                step(conn, row.pk)
            kind = "task" if action == "dispose" else "decision"
            # The inspector who holds the field work hears of it: the reporter, or whom it was reassigned to.
            holder = row.assignee or row.inspector
            self.cases._announce(conn, [_Accepted(case_pk=row.pk, inspector=holder)], kind, now)
            if fresh.unit and action in UNIT_FEED:
                # The disposal unit's desk learns of new work (dispatch, a disposal sent back) and of
                # a moved deadline from its own change feed (GET /sync/changes as a unit user).
                self.cases.announce_to(conn, f"unit:{fresh.unit}", [row.pk], UNIT_FEED[action], now)
            deadlines = _deadlines_for(conn, [row.pk])
        return case_out(fresh, deadlines.get(row.pk, ()))

    # ------------------------------------------------------------ one method per action

    def _file(self, conn: Connection, who: Principal, row: Any, req: DecisionRequest, now: datetime) -> _Plan:
        year = now.astimezone(self.calendar.tz).year
        district = row.district or ""
        seq = int(conn.execute(self._next_number, {"n": f"case_number:{district}:{year}"}).scalar_one())
        try:
            number = self.config.case_number_format.format(district=district, year=year, seq=seq)
        except (KeyError, IndexError, ValueError) as exc:
            raise InvalidError(f"the configured case number format is not usable: {exc}", code="bad_config") from None
        if conn.execute(sa.select(t.cases.c.pk).where(t.cases.c.official_number == number)).first():
            raise ConflictError(f"the official number {number} is already given", code="number_taken")
        note = _optional(req.note)
        return _Plan(
            changes={"official_number": number, "note": note}, values={"official_number": number, "filed_at": now}
        )

    def _return(self, conn: Connection, who: Principal, row: Any, req: DecisionRequest, now: datetime) -> _Plan:
        note = _required(req.note, "a note of the evidence missing", "return")
        return _Plan(changes={"note": note}, values={"review_note": note})

    def _reject(self, conn: Connection, who: Principal, row: Any, req: DecisionRequest, now: datetime) -> _Plan:
        reason = _required(req.reason or req.note, "a reason", "reject")
        return _Plan(changes={"reason": reason}, values={"review_note": reason})

    def _duplicate(self, conn: Connection, who: Principal, row: Any, req: DecisionRequest, now: datetime) -> _Plan:
        other_id = _required(req.duplicate_of, "duplicate_of (the case this one repeats)", "duplicate")
        if other_id == row.id:
            raise InvalidError("duplicate: a case cannot repeat itself", code="invalid")
        other = conn.execute(
            sa.select(t.cases.c.id, t.cases.c.code, t.cases.c.official_number).where(
                t.cases.c.id == other_id, scope_clause(who)
            )
        ).first()
        if other is None:
            raise InvalidError(f"duplicate: no case {other_id} that you can see", code="unknown_case")
        note = f"duplicate of {other.official_number or other.code}"
        return _Plan(changes={"duplicate_of": other.id, "note": _optional(req.note)}, values={"review_note": note})

    def _dispatch(self, conn: Connection, who: Principal, row: Any, req: DecisionRequest, now: datetime) -> _Plan:
        fields = json.loads(row.case_json).get("fields") or {}
        owner = fields.get("owner") if isinstance(fields.get("owner"), str) else None
        unit = req.unit or self.catalogue.default_unit(row.type, row.subtype, owner)
        if not conn.execute(sa.select(t.units.c.code).where(t.units.c.code == unit)).first():
            raise InvalidError(f"dispatch: no disposal unit {unit!r} (add it with `unit add`)", code="unknown_unit")
        rules = self.catalogue.subtype(row.type, row.subtype).deadlines
        due: list[dict[str, Any]] = [
            {"milestone": m.code, "hours": m.hours, "due_at": deadline(self.calendar, now, m.hours, rules.clock)}
            for m in rules.milestones
        ]

        def write(conn: Connection, pk: int) -> None:
            conn.execute(t.deadlines.delete().where(t.deadlines.c.case_pk == pk))
            if due:
                conn.execute(
                    t.deadlines.insert(),
                    [{"case_pk": pk, "met_at": None, "deferred_from": None, **d} for d in due],
                )

        changes = {
            "unit": unit,
            "clock": rules.clock,
            "deadlines": [{"milestone": d["milestone"], "hours": d["hours"], "due_at": iso(d["due_at"])} for d in due],
            "note": _optional(req.note),
        }
        values = {"unit": unit, "dispatched_at": now, "deferred": False, "disposed_at": None}
        return _Plan(changes=changes, values=values, after=[write])

    def _defer(self, conn: Connection, who: Principal, row: Any, req: DecisionRequest, now: datetime) -> _Plan:
        reason = _required(req.reason or req.note, "a reason (the extension agreed with the unit)", "defer")
        if (req.due_at is None) == (req.hours is None):
            raise InvalidError(
                "defer: give either due_at (the new deadline) or hours (extra hours)", code="missing_field"
            )
        if req.due_at is not None and req.due_at.tzinfo is None:
            raise InvalidError("defer: due_at needs its UTC offset", code="malformed")
        query = sa.select(t.deadlines).where(t.deadlines.c.case_pk == row.pk, t.deadlines.c.met_at.is_(None))
        if req.milestone:
            query = query.where(t.deadlines.c.milestone == req.milestone)
        open_ = conn.execute(query.order_by(t.deadlines.c.due_at)).all()
        if not open_:
            which = f"milestone {req.milestone!r}" if req.milestone else "deadline"
            raise InvalidError(f"defer: the case has no open {which}", code="nothing_to_defer")
        clock = self.catalogue.subtype(row.type, row.subtype).deadlines.clock
        moved = []
        for d in open_:
            if req.hours is not None:
                new_due = deadline(self.calendar, d.due_at, req.hours, clock)
                hours = (d.hours or 0.0) + req.hours
            else:
                assert req.due_at is not None
                new_due = req.due_at
                if new_due <= d.due_at:
                    raise InvalidError(
                        f"defer: {iso(new_due)} is not later than the {d.milestone} deadline {iso(d.due_at)}",
                        code="invalid",
                    )
                start = row.dispatched_at or now
                span = (
                    (new_due - start) / timedelta(hours=1)
                    if clock == "continuous"
                    else self.calendar.working_hours_between(start, new_due)
                )
                hours = math.floor(span * 100) / 100
            moved.append(
                {
                    "milestone": d.milestone,
                    "from": d.due_at,
                    "due_at": new_due,
                    "hours": hours,
                    "deferred_from": d.deferred_from or d.due_at,
                }
            )

        def write(conn: Connection, pk: int) -> None:
            for m in moved:
                conn.execute(
                    t.deadlines.update()
                    .where(t.deadlines.c.case_pk == pk, t.deadlines.c.milestone == m["milestone"])
                    .values(due_at=m["due_at"], hours=m["hours"], deferred_from=m["deferred_from"])
                )

        changes = {
            "reason": reason,
            "deadlines": [
                {"milestone": m["milestone"], "from": iso(m["from"]), "due_at": iso(m["due_at"]), "hours": m["hours"]}
                for m in moved
            ],
        }
        return _Plan(changes=changes, values={"deferred": True}, after=[write])

    def _dispose(self, conn: Connection, who: Principal, row: Any, req: DecisionRequest, now: datetime) -> _Plan:
        note = _required(req.note, "a note of what was done", "dispose")
        photos = list(dict.fromkeys(req.photos))
        for sha in photos:
            if not SHA256.fullmatch(sha):
                raise InvalidError(f"dispose: {sha[:70]!r} is not a SHA-256", code="malformed")
        present = self.cases.photos.present(conn, photos)
        missing = [h for h in photos if h not in present]
        if missing:
            raise InvalidError(
                f"dispose: {len(missing)} photo(s) are not on the server: upload them first ({missing[0][:12]}…)",
                code="missing_photos",
            )

        def meet(conn: Connection, pk: int) -> None:
            conn.execute(
                t.deadlines.update()
                .where(t.deadlines.c.case_pk == pk, t.deadlines.c.met_at.is_(None))
                .values(met_at=now)
            )

        return _Plan(
            changes={"note": note, "photos": photos, "unit": row.unit}, values={"disposed_at": now}, after=[meet]
        )

    def _send_back(self, conn: Connection, who: Principal, row: Any, req: DecisionRequest, now: datetime) -> _Plan:
        note = _required(req.note, "a note of what is still to do", "send_back")
        return _Plan(changes={"note": note}, values={"review_note": note}, after=[_reopen_deadlines])

    def _close(self, conn: Connection, who: Principal, row: Any, req: DecisionRequest, now: datetime) -> _Plan:
        return _Plan(changes={"note": _optional(req.note)}, values=close_values(self.calendar, row.dispatched_at, now))


def close_values(calendar: WorkingCalendar, dispatched_at: datetime | None, now: datetime) -> dict[str, Any]:
    """The case's columns a closing sets: when, and the working hours since dispatch."""
    hours = calendar.working_hours_between(dispatched_at, now) if dispatched_at is not None else None
    return {"closed_at": now, "hours_to_close": hours}


def _reopen_deadlines(conn: Connection, pk: int) -> None:
    """A disposal not accepted: the milestones it met are open again (their deadlines stand)."""
    conn.execute(t.deadlines.update().where(t.deadlines.c.case_pk == pk).values(met_at=None))


def _head(row: Any) -> AuditEvent:
    """The chain's last event as far as make_event needs it (its seq and hash)."""
    return AuditEvent(
        seq=row.chain_seq,
        case_id=row.id,
        at="",
        actor=None,
        role="",
        device=None,
        action="",
        from_state=None,
        to_state=None,
        changes={},
        prev="",
        hash=row.chain_head,
    )

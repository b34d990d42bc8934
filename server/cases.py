"""Cases on the server: accepting revisions from tablets, the change feed, and the scoped queries.

Acceptance (phase 2 of sync/protocol.py): a revision is idempotent by case id + revision
and the body hash; it is accepted only when every photo it names is present and verified.
A batch is one database transaction and each case in it one savepoint, so each case's
acceptance (its row, photos, audit events with the server's `receive`, receipt, change-feed
entry) is written whole or not at all, and a receipt is sent only after the commit.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Row

from app.domain import states
from app.domain.audit import AuditEvent, chain_problems, make_event
from app.domain.catalogue import Catalogue
from app.domain.errors import TransitionError
from server import schema as t
from server.accounts import Principal
from server.blobs import PhotoStore
from server.casecheck import CaseInvalidError, CheckedCase, check_envelope
from server.errors import ForbiddenError, InvalidError, NotFoundError
from server.store import Store, iso, utcnow
from sync.protocol import (
    AuditEventWire,
    CaseBatch,
    CaseBatchResponse,
    CaseEnvelope,
    CaseResult,
    Change,
    ChangesResponse,
    Receipt,
)

log = logging.getLogger(__name__)

MAX_PAGE = 500
DEFAULT_PAGE = 50


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def audience_for(principal: Principal) -> str:
    """Whose change feed a caller reads: an inspector's own, a unit's (issue 5), else the user's."""
    if principal.role == "inspector":
        return f"inspector:{principal.name}"
    if principal.role == "unit" and principal.unit:
        return f"unit:{principal.unit}"
    return f"user:{principal.name}"


def scope_clause(principal: Principal) -> sa.ColumnElement[bool]:
    """The cases a caller may see: an inspector their own, a supervisor their districts, a unit
    the cases dispatched to it, an admin all."""
    c = t.cases.c
    if principal.role == "admin":
        return sa.true()
    if principal.role == "inspector":
        return c.inspector == principal.name
    if principal.role == "supervisor":
        return c.district.in_(principal.districts) if principal.districts else sa.false()
    if principal.role == "unit":
        return c.unit == principal.unit if principal.unit else sa.false()
    return sa.false()


def encode_cursor(kind: str, value: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}{value}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str | None) -> int | None:
    if not cursor:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, ValueError):
        raise InvalidError("the cursor is not one this server gave", code="bad_cursor") from None
    number = text[len(kind) :]
    if not text.startswith(kind) or not number.isdigit() or len(number) > 18:
        raise InvalidError("the cursor is not one this server gave", code="bad_cursor")
    return int(number)


# ---------------------------------------------------------------- the case JSON the server gives


def event_json(row: Any) -> dict[str, Any]:
    return {
        "seq": row.seq,
        "case_id": row.case_id,
        "at": row.at,
        "actor": row.actor,
        "role": row.role,
        "device": row.device,
        "action": row.action,
        "from": row.from_state,
        "to": row.to_state,
        "changes": json.loads(row.changes_json),
        "prev": row.prev,
        "hash": row.hash,
    }


def case_out(row: Any, deadlines: Sequence[Any] = (), now: datetime | None = None) -> dict[str, Any]:
    """The case in INTERFACES.md's shape: the tablet's body with the server's fields over it."""
    now = now or utcnow()
    out: dict[str, Any] = json.loads(row.case_json)
    out.update(
        {
            "status": row.state,
            "official_number": row.official_number,
            "review_note": row.review_note,
            "district": row.district,
            "revision": row.revision,
            "sync": "synced",
            "unit": row.unit,
            "deferred": bool(row.deferred),
            "deadlines": [
                {
                    "milestone": d.milestone,
                    "due_at": iso(d.due_at),
                    "met_at": iso(d.met_at),
                    "overdue": d.met_at is None and d.due_at < now,
                }
                for d in deadlines
            ],
            "server": {
                "received_at": iso(row.received_at),
                "changed_at": iso(row.changed_at),
                "chain_seq": row.chain_seq,
                "chain_head": row.chain_head,
                "reworks": row.reworks,
                "version": row.version,
            },
        }
    )
    return out


def _deadlines_for(conn: Connection, pks: list[int]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = {}
    if not pks:
        return out
    rows = conn.execute(sa.select(t.deadlines).where(t.deadlines.c.case_pk.in_(pks)).order_by(t.deadlines.c.due_at))
    for r in rows:
        out.setdefault(r.case_pk, []).append(r)
    return out


# ---------------------------------------------------------------- acceptance


@dataclass
class _Accepted:
    case_pk: int
    inspector: str


@dataclass
class _BatchState:
    now: datetime
    present: set[str]
    existing: dict[str, Row[Any]]
    accepted: list[_Accepted] = field(default_factory=list)
    receipts: list[dict[str, Any]] = field(default_factory=list)


class Cases:
    def __init__(self, store: Store, photos: PhotoStore, catalogue: Catalogue) -> None:
        self.store = store
        self.photos = photos
        self.catalogue = catalogue

    def accept_batch(self, principal: Principal, batch: CaseBatch) -> CaseBatchResponse:
        if principal.role != "inspector":
            raise ForbiddenError(f"only an inspector sends cases from a tablet (you are {principal.role})")
        results: list[CaseResult | None] = [None] * len(batch.cases)
        checked: dict[int, CheckedCase] = {}
        for index, envelope in enumerate(batch.cases):
            try:
                checked[index] = check_envelope(envelope, self.catalogue)
            except CaseInvalidError as exc:
                results[index] = CaseResult(
                    id=envelope.id, revision=envelope.revision, outcome="invalid", message=str(exc)
                )
                continue
            inspector = checked[index].body.get("inspector")
            if inspector != principal.name:
                del checked[index]
                results[index] = CaseResult(
                    id=envelope.id,
                    revision=envelope.revision,
                    outcome="refused",
                    message=f"a case may be sent only by its inspector ({inspector!r} is not you)",
                )
        hashes = sorted({p["sha256"] for c in checked.values() for p in c.photos})
        now = utcnow()
        with self.store.write() as conn:
            present = {h for h in self.photos.present(conn, hashes) if self.photos.blobs.path_for(h).is_file()}
            ids = list(dict.fromkeys(c.id for c in checked.values()))
            existing = {r.id: r for r in conn.execute(sa.select(t.cases).where(t.cases.c.id.in_(ids)))}
            state = _BatchState(now=now, present=present, existing=existing)
            for index, case in checked.items():
                results[index] = self._accept_in_savepoint(conn, principal, case, state)
            for index, envelope in enumerate(batch.cases):
                result = results[index]
                assert result is not None
                if result.outcome != "accepted":
                    state.receipts.append(self._receipt_row(principal, envelope, result, None, now))
            if state.receipts:
                conn.execute(t.receipts.insert(), state.receipts)
            self._announce(conn, state.accepted, "update", now)
        server_time = iso(utcnow()) or ""
        final = []
        for result in results:
            assert result is not None
            if result.receipt is not None:
                result = result.model_copy(update={"receipt": {**result.receipt, "server_time": server_time}})
            final.append(result)
        return CaseBatchResponse(results=final)

    def _accept_in_savepoint(
        self, conn: Connection, principal: Principal, case: CheckedCase, state: _BatchState
    ) -> CaseResult:
        for attempt in range(3):
            savepoint = conn.begin_nested()
            try:
                result = self._accept_one(conn, principal, case, state)
            except sa.exc.IntegrityError:
                # Another request stored this case (or revision) first: look again.
                savepoint.rollback()
                row = conn.execute(sa.select(t.cases).where(t.cases.c.id == case.id)).first()
                if row is not None:
                    state.existing[case.id] = row
                if attempt == 2:
                    raise
                continue
            except BaseException:
                savepoint.rollback()
                raise
            savepoint.commit()
            return result
        raise AssertionError("unreachable")

    def _accept_one(self, conn: Connection, principal: Principal, case: CheckedCase, state: _BatchState) -> CaseResult:
        env = case.envelope

        def result(outcome: str, message: str = "", **extra: Any) -> CaseResult:
            return CaseResult(id=env.id, revision=env.revision, outcome=outcome, message=message, **extra)  # type: ignore[arg-type]

        row = state.existing.get(case.id)
        prefix = 0  # events of the chain the server already holds
        if row is not None:
            if row.inspector != principal.name:
                return result("refused", "this case belongs to another inspector")
            if env.revision <= row.revision:
                if env.revision == row.revision:
                    stored_hash, receipt = row.body_hash, json.loads(row.receipt_json)
                else:
                    old = conn.execute(
                        sa.select(t.receipts.c.body_hash, t.receipts.c.receipt_json)
                        .where(
                            t.receipts.c.case_id == case.id,
                            t.receipts.c.revision == env.revision,
                            t.receipts.c.outcome == "accepted",
                        )
                        .limit(1)
                    ).first()
                    stored_hash = old.body_hash if old else None
                    receipt = json.loads(old.receipt_json) if old and old.receipt_json else None
                if stored_hash == case.body_hash:
                    return result(
                        "already", "this revision is already on the server", status=row.state, receipt=receipt
                    )
                return result(
                    "conflict",
                    f"the server holds a different body for revision {env.revision} of this case",
                    status=row.state,
                )
            if env.revision > row.revision + 1:
                return result(
                    "conflict",
                    f"the server holds revision {row.revision}; revision {env.revision} skips one",
                    status=row.state,
                )
            try:
                states.apply(row.state, "submit", states.Role.INSPECTOR)
            except TransitionError:
                return result(
                    "conflict",
                    f"the case is {row.state} on the server; a new revision needs it returned first",
                    status=row.state,
                )
            prefix = row.chain_seq
            if len(case.events) <= prefix or case.events[prefix - 1].hash != row.chain_head:
                return result(
                    "conflict",
                    "the audit trail does not continue the server's: fetch the changes first",
                    status=row.state,
                )
        elif env.revision != 1:
            return result("refused", f"the server has no earlier revision of this case (got revision {env.revision})")
        new_events = case.events[prefix:]
        if any(e.role != states.Role.INSPECTOR for e in new_events):
            return result("invalid", "the tablet's part of the audit trail may hold only inspector events")
        missing = [p["sha256"] for p in case.photos if p["sha256"] not in state.present]
        if missing:
            return result(
                "missing_photos",
                f"{len(missing)} photo(s) are not on the server yet: upload them first",
                missing=missing,
                status=row.state if row is not None else None,
            )
        district = case.case.district or (principal.device.district if principal.device else None)
        if district is None and principal.districts:
            district = principal.districts[0]
        if case.case.district and principal.districts and case.case.district not in principal.districts:
            return result("invalid", f"district {case.case.district} is not one of yours")
        return self._store(conn, principal, case, row, district, state)

    def _store(
        self,
        conn: Connection,
        principal: Principal,
        case: CheckedCase,
        row: Row[Any] | None,
        district: str | None,
        state: _BatchState,
    ) -> CaseResult:
        env, body, now = case.envelope, case.body, state.now
        target = states.apply(states.State.SUBMITTED, "receive", states.Role.SYSTEM)
        device = principal.device.id if principal.device else None
        receive = make_event(
            case.events[-1],
            case_id=case.id,
            at=iso(now) or "",
            actor=None,
            role=states.Role.SYSTEM.value,
            device=None,
            action="receive",
            from_state=states.State.SUBMITTED.value,
            to_state=target.value,
            changes={"revision": env.revision, "body_hash": case.body_hash, "user": principal.name, "device": device},
        )
        receipt = Receipt(
            case_id=case.id,
            revision=env.revision,
            body_hash=case.body_hash,
            chain_seq=receive.seq,
            chain_head=receive.hash,
            received_at=iso(now) or "",
            server_time=iso(now) or "",
        ).model_dump()
        domain = case.case
        values: dict[str, Any] = {
            "code": domain.code,
            "inspector": principal.name,
            "device": domain.device,
            "district": district,
            "grid": domain.grid,
            "type": domain.type,
            "subtype": domain.subtype,
            "hazard": domain.hazard,
            "state": target.value,
            "lat": domain.location.lat if domain.location else None,
            "lon": domain.location.lon if domain.location else None,
            "revision": env.revision,
            "body_hash": case.body_hash,
            "case_json": _dumps(body),
            "receipt_json": _dumps(receipt),
            "chain_seq": receive.seq,
            "chain_head": receive.hash,
            "tablet_seq": case.events[-1].seq,
            "observed_at": domain.observed_at,
            "changed_at": now,
        }
        if row is None:
            case_pk = conn.execute(
                t.cases.insert().values(id=case.id, received_at=now, **values).returning(t.cases.c.pk)
            ).scalar_one()
            first_new = 0
        else:
            updated = conn.execute(
                t.cases.update()
                .where(t.cases.c.pk == row.pk, t.cases.c.revision == row.revision)
                .values(version=t.cases.c.version + 1, **values)
            )
            if updated.rowcount != 1:
                raise sa.exc.IntegrityError("concurrent revision", None, Exception("revision moved"))
            case_pk = row.pk
            first_new = row.chain_seq
            conn.execute(t.case_photos.delete().where(t.case_photos.c.case_pk == case_pk))
        conn.execute(
            t.case_photos.insert(),
            [
                {
                    "case_pk": case_pk,
                    "sha256": p["sha256"],
                    "kind": p["kind"],
                    "size": p["size"],
                    "record_json": _dumps(p),
                }
                for p in case.photos
            ],
        )
        conn.execute(
            t.audit_events.insert(),
            [_event_row(case_pk, e) for e in (*case.events[first_new:], receive)],
        )
        state.receipts.append(
            self._receipt_row(
                principal,
                env,
                CaseResult(id=case.id, revision=env.revision, outcome="accepted"),
                case.body_hash,
                now,
                receipt,
            )
        )
        state.accepted.append(_Accepted(case_pk=case_pk, inspector=principal.name))
        log.info("case %s revision %d accepted from %s", case.id, env.revision, principal.name)
        return CaseResult(
            id=case.id,
            revision=env.revision,
            outcome="accepted",
            message="",
            status=target.value,
            receipt=receipt,
        )

    @staticmethod
    def _receipt_row(
        principal: Principal,
        envelope: CaseEnvelope,
        result: CaseResult,
        body_hash: str | None,
        now: datetime,
        receipt: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        try:
            envelope_json = _dumps(envelope.model_dump(mode="json"))
        except (ValueError, TypeError):
            envelope_json = json.dumps(envelope.model_dump(mode="json"), default=str)
        return {
            "received_at": now,
            "case_id": envelope.id,
            "revision": min(envelope.revision, 2**31 - 1),
            "user_name": principal.name,
            "device_id": principal.device.id if principal.device else None,
            "outcome": result.outcome,
            "body_hash": body_hash,
            "message": result.message,
            "envelope_json": envelope_json,
            "receipt_json": _dumps(receipt) if receipt else None,
        }

    def _announce(self, conn: Connection, accepted: list[_Accepted], kind: str, now: datetime) -> None:
        """Add change-feed entries, one per case, to each inspector's feed (inside the transaction)."""
        by_audience: dict[str, list[int]] = {}
        for item in accepted:
            by_audience.setdefault(f"inspector:{item.inspector}", []).append(item.case_pk)
        for audience, pks in by_audience.items():
            last = self._advance_feed(conn, audience, len(pks))
            first = last - len(pks) + 1
            conn.execute(
                t.changes.insert(),
                [
                    {"audience": audience, "seq": first + i, "case_pk": pk, "kind": kind, "at": now}
                    for i, pk in enumerate(pks)
                ],
            )

    def _advance_feed(self, conn: Connection, audience: str, count: int) -> int:
        """Reserve `count` sequence numbers of a feed; the row stays locked until the commit, so
        the feed's entries become visible in their order."""
        insert = postgresql.insert if self.store.dialect == "postgresql" else sqlite.insert
        statement = insert(t.feeds).values(audience=audience, last_seq=count)
        statement = statement.on_conflict_do_update(
            index_elements=[t.feeds.c.audience], set_={"last_seq": t.feeds.c.last_seq + count}
        ).returning(t.feeds.c.last_seq)
        return int(conn.execute(statement).scalar_one())

    # ---------------------------------------------------------------- the change feed

    def changes(self, principal: Principal, cursor: str | None, limit: int) -> ChangesResponse:
        audience = audience_for(principal)
        after = decode_cursor("f", cursor) or 0
        c = t.cases.c
        with self.store.read() as conn:
            rows = conn.execute(
                sa.select(t.changes.c.seq, t.changes.c.kind, t.cases)
                .join(t.cases, c.pk == t.changes.c.case_pk)
                .where(t.changes.c.audience == audience, t.changes.c.seq > after)
                .order_by(t.changes.c.seq)
                .limit(limit + 1)
            ).all()
            more = len(rows) > limit
            rows = rows[:limit]
            pks = list({r.pk for r in rows})
            events: dict[int, list[dict[str, Any]]] = {}
            if pks:
                for e in conn.execute(
                    sa.select(t.audit_events, c.id.label("case_id"))
                    .join(t.cases, c.pk == t.audit_events.c.case_pk)
                    .where(t.audit_events.c.case_pk.in_(pks), t.audit_events.c.seq > c.tablet_seq)
                    .order_by(t.audit_events.c.case_pk, t.audit_events.c.seq)
                ):
                    events.setdefault(e.case_pk, []).append(event_json(e))
            deadlines = _deadlines_for(conn, pks)
        now = utcnow()
        changes = [
            Change(
                seq=r.seq,
                case_id=r.id,
                kind=r.kind,
                case=case_out(r, deadlines.get(r.pk, ()), now),
                events=[AuditEventWire.model_validate(e) for e in events.get(r.pk, [])],
            )
            for r in rows
        ]
        last = rows[-1].seq if rows else after
        return ChangesResponse(changes=changes, next_cursor=encode_cursor("f", last), more=more)

    # ---------------------------------------------------------------- reading

    def _visible(self, conn: Connection, principal: Principal, case_id: str) -> Row[Any]:
        row = conn.execute(sa.select(t.cases).where(t.cases.c.id == case_id, scope_clause(principal))).first()
        if row is None:
            raise NotFoundError(f"no case {case_id}")
        return row

    def get(self, principal: Principal, case_id: str) -> dict[str, Any]:
        with self.store.read() as conn:
            row = self._visible(conn, principal, case_id)
            deadlines = _deadlines_for(conn, [row.pk])
        return case_out(row, deadlines.get(row.pk, ()))

    def log(self, principal: Principal, case_id: str) -> dict[str, Any]:
        with self.store.read() as conn:
            row = self._visible(conn, principal, case_id)
            rows = conn.execute(
                sa.select(t.audit_events, sa.literal(row.id).label("case_id"))
                .where(t.audit_events.c.case_pk == row.pk)
                .order_by(t.audit_events.c.seq)
            ).all()
        events = [event_json(r) for r in rows]
        problems = chain_problems(row.id, [AuditEvent.from_json(e) for e in events])
        if events and events[-1]["hash"] != row.chain_head:
            problems.append(f"case {row.id}: the chain does not end at the recorded head")
        return {"case_id": row.id, "events": events, "chain_head": row.chain_head, "problems": problems}

    def list(
        self,
        principal: Principal,
        *,
        states_: Iterable[str] = (),
        type_: str | None = None,
        subtype: str | None = None,
        district: str | None = None,
        inspector: str | None = None,
        unit: str | None = None,
        overdue: bool | None = None,
        limit: int = DEFAULT_PAGE,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        c = t.cases.c
        now = utcnow()
        query = sa.select(t.cases).where(scope_clause(principal))
        wanted_states = list(states_)
        if wanted_states:
            query = query.where(c.state.in_(wanted_states))
        for column, value in ((c.type, type_), (c.subtype, subtype), (c.district, district)):
            if value is not None:
                query = query.where(column == value)
        if inspector is not None:
            query = query.where(c.inspector == inspector)
        if unit is not None:
            query = query.where(c.unit == unit)
        if overdue is not None:
            late = (
                sa.select(t.deadlines.c.case_pk)
                .where(t.deadlines.c.case_pk == c.pk, t.deadlines.c.met_at.is_(None), t.deadlines.c.due_at < now)
                .exists()
            )
            query = query.where(late if overdue else ~late)
        after = decode_cursor("c", cursor)
        if after is not None:
            query = query.where(c.pk < after)
        query = query.order_by(c.pk.desc()).limit(limit + 1)
        with self.store.read() as conn:
            rows = conn.execute(query).all()
            more = len(rows) > limit
            rows = rows[:limit]
            deadlines = _deadlines_for(conn, [r.pk for r in rows])
        return {
            "cases": [case_out(r, deadlines.get(r.pk, ()), now) for r in rows],
            "next_cursor": encode_cursor("c", rows[-1].pk) if more and rows else None,
        }

    def all_rows(self) -> list[dict[str, Any]]:
        """Every case, newest first, for the CLI's `case list`."""
        with self.store.read() as conn:
            rows = conn.execute(sa.select(t.cases).order_by(t.cases.c.pk.desc())).all()
        return [case_out(r) for r in rows]

    def blob_visible(self, principal: Principal, sha256: str) -> bool:
        """A caller may download an original if they may see a case that holds it."""
        with self.store.read() as conn:
            if principal.role == "admin":
                query = sa.select(t.blobs.c.sha256).where(t.blobs.c.sha256 == sha256)
            else:
                query = (
                    sa.select(t.case_photos.c.sha256)
                    .join(t.cases, t.cases.c.pk == t.case_photos.c.case_pk)
                    .where(t.case_photos.c.sha256 == sha256, scope_clause(principal))
                    .limit(1)
                )
            return conn.execute(query).first() is not None


def _event_row(case_pk: int, event: AuditEvent) -> dict[str, Any]:
    return {
        "case_pk": case_pk,
        "seq": event.seq,
        "at": event.at,
        "actor": event.actor,
        "role": event.role,
        "device": event.device,
        "action": event.action,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "changes_json": _dumps(event.changes),
        "prev": event.prev,
        "hash": event.hash,
    }

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
import hashlib
import json
import logging
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from pydantic_core import to_json
from sqlalchemy.engine import Connection, Row
from sqlalchemy.sql import operators

from app.domain import states
from app.domain.audit import AuditEvent, chain_problems, make_event
from app.domain.calendar import WorkingCalendar
from app.domain.catalogue import Catalogue
from app.domain.errors import TransitionError
from app.evidence.signing import receipt_signed_part
from server import schema as t
from server.accounts import Principal
from server.blobs import PhotoStore
from server.casecheck import ANSWER_STATES, CaseInvalidError, CheckedCase, check_envelope
from server.errors import ConflictError, ForbiddenError, InvalidError, NotFoundError
from server.evidence import EvidenceCheck, EvidenceError, load_keys
from server.grids import Grids
from server.inputs import storable
from server.keys import ServerKey, record_server_key
from server.received import Body, Received, ReceivedLog
from server.store import Store, iso, utcnow
from sync.protocol import (
    AuditEventWire,
    CaseBatch,
    CaseBatchResponse,
    CaseEnvelope,
    CaseResult,
    Change,
    ChangesResponse,
)

log = logging.getLogger(__name__)

MAX_PAGE = 500
DEFAULT_PAGE = 50
MAX_NEARBY = 100
EARTH_RADIUS_M = 6371008.8


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine on the mean Earth radius), as the tablet's duplicate hint measures."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _unknown(value: Any) -> Any:
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def _dumps(value: Any) -> str:
    """The JSON text of a document this module stores (case JSON, receipts, photo records, event changes):
    compact, non-ASCII as is, NaN and infinities as json.dumps writes them. pydantic-core's encoder, about
    twice as fast as json's C one on these documents. They are JSON values already (parsed from JSON or
    made of text and numbers). Unlike json, pydantic-core would also write datetimes, UUIDs, bytes and
    sets (none reach it here); a type it does not know goes to _unknown, which refuses it."""
    return to_json(value, inf_nan_mode="constants", fallback=_unknown).decode("utf-8")


def priorities(catalogue: Catalogue) -> dict[str, int]:
    """The queue's priority of each hazard level: the catalogue lists them from the least severe to the
    most, and the most severe gets 0 (first in the queue)."""
    codes = catalogue.hazard_codes()
    return {code: len(codes) - 1 - i for i, code in enumerate(codes)}


def audience_for(principal: Principal) -> str:
    """Whose change feed a caller reads: an inspector's own, a unit's (issue 5), else the user's."""
    if principal.role == "inspector":
        return f"inspector:{principal.name}"
    if principal.role == "unit" and principal.unit:
        return f"unit:{principal.unit}"
    return f"user:{principal.name}"


def scope_clause(principal: Principal, *, dialect: str | None = None) -> sa.ColumnElement[bool]:
    """The cases a caller may see: an inspector their own (reported or assigned), a supervisor their districts, a unit
    the cases dispatched to it, an admin all."""
    c = t.cases.c
    if principal.role == "admin":
        return sa.true()
    if principal.role == "inspector":
        # The cases they reported, and those whose field work was reassigned to them.
        return sa.or_(c.inspector == principal.name, c.assignee == principal.name)
    if principal.role == "supervisor":
        if not principal.districts:
            return sa.false()
        if dialect == "sqlite":
            # SQLite would read every row of the districts through their index and sort them for a
            # page; `+district` keeps the index out, so a page walks the order's index and stops early.
            unindexed = sa.sql.expression.UnaryExpression(
                c.district, operator=operators.custom_op("+"), type_=c.district.type
            )
            return unindexed.in_(principal.districts)
        return c.district.in_(principal.districts)
    if principal.role == "unit":
        return c.unit == principal.unit if principal.unit else sa.false()
    return sa.false()


def case_filter(
    principal: Principal,
    *,
    states_: Iterable[str] = (),
    type_: str | None = None,
    subtype: str | None = None,
    district: str | None = None,
    inspector: str | None = None,
    unit: str | None = None,
    overdue: bool | None = None,
    q: str | None = None,
    now: datetime,
    dialect: str | None = None,
) -> sa.ColumnElement[bool]:
    """GET /cases' filters within the caller's scope (the exports use the same)."""
    c = t.cases.c
    # A text search reads every row in scope anyway: the districts' index then narrows what is read.
    clauses = [scope_clause(principal, dialect=None if q else dialect)]
    if q:
        # Free text: a substring of the code, the official number, the address or the description,
        # ignoring case (LIKE with its wildcards escaped; a scan of the filtered rows). SQLite's LIKE
        # ignores the case of ASCII letters itself (its lower() folds no more), PostgreSQL's ILIKE.
        columns = (c.code, c.official_number, c.address, c.description)
        if dialect == "sqlite":
            clauses.append(sa.or_(*(column.contains(q, autoescape=True) for column in columns)))
        else:
            clauses.append(sa.or_(*(column.icontains(q, autoescape=True) for column in columns)))
    wanted_states = list(states_)
    if wanted_states:
        clauses.append(c.state.in_(wanted_states))
    for column, value in (
        (c.type, type_),
        (c.subtype, subtype),
        (c.district, district),
        (c.unit, unit),
    ):
        if value is not None:
            clauses.append(column == value)
    if inspector is not None:
        # An inspector's cases: those they reported and those whose field work they hold (reassigned).
        clauses.append(sa.or_(c.inspector == inspector, c.assignee == inspector))
    if overdue is not None:
        d = t.deadlines.c
        late: sa.ColumnElement[bool]
        if dialect == "sqlite":
            # Each case's own deadlines through their key (case_pk first), so a page stops after one
            # page of matches; `+` keeps SQLite from walking every open deadline by (met_at, due_at)
            # for each case instead.
            def unindexed(column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
                return sa.sql.expression.UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)

            late = (
                sa.select(d.case_pk)
                .where(d.case_pk == c.pk, unindexed(d.met_at).is_(None), unindexed(d.due_at) < now)
                .exists()
            )
        else:
            late = c.pk.in_(sa.select(d.case_pk).where(d.met_at.is_(None), d.due_at < now))
        clauses.append(late if overdue else ~late)
    return sa.and_(*clauses)


def encode_cursor(kind: str, value: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}{value}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str | None, *, foreign_ok: bool = False) -> int | None:
    """The position a cursor holds; None for no cursor (or, with foreign_ok, one of another kind)."""
    if not cursor:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, ValueError):
        raise InvalidError("the cursor is not one this server gave", code="bad_cursor") from None
    if foreign_ok and text[:1] == kind[:1] and not text.startswith(kind):
        return None
    number = text[len(kind) :]
    if not text.startswith(kind) or not number.isdigit() or len(number) > 18:
        raise InvalidError("the cursor is not one this server gave", code="bad_cursor")
    return int(number)


# ---------------------------------------------------------------- the case JSON the server gives


def event_json(row: Any) -> dict[str, Any]:
    """An audit event as the tablet sent it or the server made it, with its "signature" if it has one."""
    out = {
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
    if row.signature:
        out["signature"] = json.loads(row.signature)
    return out


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
            "grid": row.grid,
            "revision": row.revision,
            "sync": "synced",
            "unit": row.unit,
            # Who holds the field work now (a reassignment moves it; `inspector` stays the reporter).
            "assignee": row.assignee or row.inspector,
            "deferred": bool(row.deferred),
            "deadlines": [
                {
                    "milestone": d.milestone,
                    "due_at": iso(d.due_at),
                    "hours": d.hours,
                    "met_at": iso(d.met_at),
                    "overdue": d.met_at is None and d.due_at < now,
                    "deferred": d.deferred_from is not None,
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
class _Prepared:
    """Everything about accepting one envelope that needs no database, made before the transaction
    (so the write lock is held for the inserts only)."""

    case: CheckedCase
    receive: AuditEvent
    receipt: dict[str, Any]
    values: dict[str, Any]
    photo_rows: list[dict[str, Any]]
    envelope_json: str
    # The events the server appends after the tablet's: its `receive`, or after a confirmation the
    # system's `close` when the bureau closes confirmed cases automatically, or none.
    server_events: tuple[AuditEvent, ...] = ()
    # A verification answer (the tablet's confirm or dispute): `receive` is then the tablet's last
    # event, and the server adds none of its own.
    answer: str | None = None
    # The server key's signature of each of server_events (JSON text), in order.
    server_signatures: tuple[str | None, ...] = ()


@dataclass
class _Accepted:
    case_pk: int
    inspector: str


@dataclass
class _Known:
    """What the batch knows of a case already on the server."""

    pk: int
    inspector: str
    state: str
    revision: int
    body_hash: str
    receipt_json: str
    chain_seq: int
    chain_head: str
    assignee: str | None = None  # who holds the field work, when reassigned (server/reassign.py)


@dataclass
class _BatchState:
    now: datetime
    present: set[str]
    existing: dict[str, _Known]
    evidence: EvidenceCheck | None = None
    sender: str | None = None
    accepted: list[_Accepted] = field(default_factory=list)
    receipts: list[dict[str, Any]] = field(default_factory=list)
    photo_rows: list[dict[str, Any]] = field(default_factory=list)
    event_rows: list[dict[str, Any]] = field(default_factory=list)
    new: list[tuple[int, _Prepared]] = field(default_factory=list)  # to insert together


# Returned by _decide for a new case queued for the batch's insert (compared by identity).
_QUEUED = CaseResult.model_construct(id="", revision=1, outcome="accepted")


def _placeholder(prep: _Prepared, principal: Principal) -> _Known:
    """What the batch knows of a case it is storing (pk -1 until its row is written)."""
    return _Known(
        pk=-1,
        inspector=principal.name,
        state=prep.values["state"],
        revision=prep.case.envelope.revision,
        body_hash=prep.case.body_hash,
        receipt_json=prep.values["receipt_json"],
        chain_seq=prep.values["chain_seq"],
        chain_head=prep.values["chain_head"],
    )


def _known(row: Any) -> _Known:
    return _Known(
        pk=row.pk,
        inspector=row.inspector,
        state=row.state,
        revision=row.revision,
        body_hash=row.body_hash,
        receipt_json=row.receipt_json,
        chain_seq=row.chain_seq,
        chain_head=row.chain_head,
        assignee=row.assignee,
    )


_KNOWN_COLUMNS = [
    t.cases.c[name]
    for name in (
        "pk",
        "id",
        "inspector",
        "state",
        "revision",
        "body_hash",
        "receipt_json",
        "chain_seq",
        "chain_head",
        "assignee",
    )
]
_UPDATE_CASE = (
    t.cases.update()
    .where(
        t.cases.c.pk == sa.bindparam("b_pk"),
        t.cases.c.revision == sa.bindparam("b_revision"),
        # A decision taken meanwhile extended the chain: the revision no longer continues it.
        t.cases.c.chain_head == sa.bindparam("b_head"),
    )
    .values(version=t.cases.c.version + 1)
)


class Cases:
    def __init__(
        self,
        store: Store,
        photos: PhotoStore,
        catalogue: Catalogue,
        *,
        calendar: WorkingCalendar | None = None,
        auto_close: bool = False,
        key: ServerKey | None = None,
    ) -> None:
        self.store = store
        # The server's signing key (server/keys.py): its receipts and the events it adds are signed.
        self.key = key
        self.received = ReceivedLog(store)
        self._key_noted = False
        if key is not None:
            sign_server_events(store, key, self.note_key)
        self.photos = photos
        self.catalogue = catalogue
        self.calendar = calendar
        # The bureau's setting FIELDCASE_AUTO_CLOSE: a confirmed verification closes the case at once.
        self.auto_close = auto_close and calendar is not None
        self._priority = priorities(catalogue)
        # The bureau's districts and grids (server/grids.py), parsed once per version.
        self.grids = Grids(store)
        insert = store.insert
        # A concurrent request may store the same new case first: then nothing is inserted, no error
        # aborts the transaction, and the case is looked at again.
        self._insert_case = (
            insert(t.cases).on_conflict_do_nothing(index_elements=[t.cases.c.id]).returning(t.cases.c.pk)
        )
        feed = insert(t.feeds).values(audience=sa.bindparam("a"), last_seq=sa.bindparam("n"))
        self._advance = feed.on_conflict_do_update(
            index_elements=[t.feeds.c.audience], set_={"last_seq": t.feeds.c.last_seq + feed.excluded.last_seq}
        ).returning(t.feeds.c.last_seq)

    def note_key(self, conn: Connection) -> None:
        """Record the server's key among those it ever signed with (once per process, before it signs)."""
        if self.key is not None and not self._key_noted:
            record_server_key(conn, self.store.insert, self.key, utcnow())
            self._key_noted = True

    def accept_batch(self, principal: Principal, batch: CaseBatch, *, source: str = "sync") -> CaseBatchResponse:
        """Check every envelope, then store the acceptable ones in one transaction; one result each.

        A signature that cannot be accepted (server/evidence.py) refuses the whole batch: EvidenceError,
        nothing stored but the received log's entries."""
        if principal.role != "inspector":
            raise ForbiddenError(f"only an inspector sends cases from a tablet (you are {principal.role})")
        now = utcnow()
        results: list[CaseResult | None] = [None] * len(batch.cases)
        prepared: dict[int, _Prepared] = {}
        # Cases reassigned to the caller come with their reporter's name; only those are looked up.
        held = self._held_by(principal, [e.id for e in batch.cases if e.case.get("inspector") != principal.name])
        for index, envelope in enumerate(batch.cases):
            try:
                checked = check_envelope(envelope, self.catalogue)
            except CaseInvalidError as exc:
                results[index] = _result(envelope, "invalid", str(exc))
                continue
            inspector = checked.body.get("inspector")
            if inspector != principal.name and held.get(checked.id) != inspector:
                results[index] = _result(
                    envelope, "refused", f"a case may be sent only by its inspector ({inspector!r} is not you)"
                )
                continue
            prepared[index] = self._prepare(principal, checked, now)
        hashes = sorted({p["sha256"] for prep in prepared.values() for p in prep.case.photos})
        sender = principal.device.id if principal.device else None
        # The received log's entries, encoded before the writer's turn (only their chaining is inside).
        bodies = [_received_body(envelope, prepared.get(i)) for i, envelope in enumerate(batch.cases)]
        try:
            with self.store.write() as conn:
                if any(prep.values["lat"] is not None for prep in prepared.values()):
                    self._place(conn, prepared.values())
                present = {h for h in self.photos.present(conn, hashes) if self.photos.blobs.path_for(h).is_file()}
                ids = list(dict.fromkeys(prep.case.id for prep in prepared.values()))
                existing = {
                    r.id: _known(r) for r in conn.execute(sa.select(*_KNOWN_COLUMNS).where(t.cases.c.id.in_(ids)))
                }
                keys = load_keys(conn, [prep.case for prep in prepared.values()], [sender])
                state = _BatchState(
                    now=now, present=present, existing=existing, evidence=EvidenceCheck(keys, now), sender=sender
                )
                for index, prep in prepared.items():
                    results[index] = self._accept(conn, principal, prep, state, index)
                self._insert_new(conn, principal, state, results)
                self._store_results(conn, principal, batch, prepared, results, state, source, bodies)
        except EvidenceError as exc:
            # Refused as a whole, nothing stored; what arrived is still logged.
            self.received.record(
                [
                    _received(source, principal, envelope, prepared.get(i), exc.code, bodies[i])
                    for i, envelope in enumerate(batch.cases)
                ],
                now,
            )
            raise
        server_time = iso(utcnow()) or ""
        final = []
        for result in results:
            assert result is not None
            if result.receipt is not None:
                # The receipt's own dict (stored text is apart); server_time is outside its signature.
                result.receipt["server_time"] = server_time
            final.append(result)
        return CaseBatchResponse(results=final)

    def _held_by(self, principal: Principal, ids: list[str]) -> dict[str, str]:
        """Of these cases, those reassigned to the caller: id -> the reporting inspector (a case
        reassigned to them is sent by them with the reporter's name in its body)."""
        ids = [i for i in dict.fromkeys(ids) if storable(i)]
        if not ids:
            return {}
        c = t.cases.c
        with self.store.read() as conn:
            rows = conn.execute(sa.select(c.id, c.inspector).where(c.id.in_(ids), c.assignee == principal.name))
            return {r.id: r.inspector for r in rows}

    def _store_results(
        self,
        conn: Connection,
        principal: Principal,
        batch: CaseBatch,
        prepared: dict[int, _Prepared],
        results: list[CaseResult | None],
        state: _BatchState,
        source: str,
        bodies: list[Body],
    ) -> None:
        """Write the batch's rows: photos, events, the receipts of every envelope, the feed, the log."""
        now = state.now
        if state.accepted:
            self.note_key(conn)
        for index, envelope in enumerate(batch.cases):
            result = results[index]
            assert result is not None
            if result.outcome != "accepted":
                prep_ = prepared.get(index)
                state.receipts.append(
                    _receipt_row(
                        principal,
                        envelope,
                        result,
                        prep_.case.body_hash if prep_ else None,
                        now,
                    )
                )
        # The intake's rows go in one statement a table (Store.insert_many): the server's own events
        # are signed already (_prepare), so sign_server_events has nothing to add to them.
        insert_many = self.store.insert_many
        insert_many(conn, t.case_photos, state.photo_rows)
        insert_many(conn, t.audit_events, state.event_rows)
        insert_many(conn, t.receipts, state.receipts)
        self._announce(conn, state.accepted, "update", now)
        # Last: on PostgreSQL the log's counter stays locked until the commit.
        self.received.append(
            conn,
            [
                _received(source, principal, envelope, prepared.get(i), results[i].outcome, bodies[i])  # type: ignore[union-attr]
                for i, envelope in enumerate(batch.cases)
            ],
            now,
        )

    def _place(self, conn: Connection, prepared: Iterable[_Prepared]) -> None:
        """A located case's grid, and its district if the tablet sent none, from the bureau's grids
        (server/grids.py; parsed once per version, its version read in the batch's transaction):
        outside every grid, the grid is null."""
        current = self.grids.current(conn)
        if not current.grids:
            return
        for prep in prepared:
            values = prep.values
            if values["lat"] is None or values["lon"] is None:
                continue
            district, grid = current.locate(values["lat"], values["lon"])
            if current.has_grids:
                values["grid"] = grid
            if district is not None and not prep.case.case.district:
                values["district"] = district

    def _prepare(self, principal: Principal, case: CheckedCase, now: datetime) -> _Prepared:
        env = case.envelope
        at = iso(now) or ""
        answer = case.events[-1].action if case.events[-1].action in ANSWER_STATES else None
        target = (
            states.apply(states.State.DISPOSED, answer, states.Role.INSPECTOR)
            if answer
            else states.apply(states.State.SUBMITTED, "receive", states.Role.SYSTEM)
        )
        device = principal.device.id if principal.device else None
        receive = (
            case.events[-1]
            if answer
            else make_event(
                case.events[-1],
                case_id=case.id,
                at=at,
                actor=None,
                role=states.Role.SYSTEM.value,
                device=None,
                action="receive",
                from_state=states.State.SUBMITTED.value,
                to_state=target.value,
                changes={
                    "revision": env.revision,
                    "body_hash": case.body_hash,
                    "user": principal.name,
                    "device": device,
                },
            )
        )
        server_events: tuple[AuditEvent, ...] = () if answer else (receive,)
        if answer == "confirm" and self.auto_close:
            closing = make_event(
                receive,
                case_id=case.id,
                at=at,
                actor=None,
                role=states.Role.SYSTEM.value,
                device=None,
                action="close",
                from_state=target.value,
                to_state=states.apply(target, "close", states.Role.SYSTEM).value,
                changes={"automatic": True, "after": "confirm", "setting": "FIELDCASE_AUTO_CLOSE"},
            )
            server_events, target = (closing,), states.State.CLOSED
        head = server_events[-1] if server_events else receive
        server_signatures = tuple(self.key.sign_text(e.to_json()) if self.key else None for e in server_events)
        receipt: dict[str, Any] = {
            "case_id": case.id,
            "revision": env.revision,
            "body_hash": case.body_hash,
            "chain_seq": head.seq,
            "chain_head": head.hash,
            "received_at": at,
            "server_time": at,
        }
        if self.key is not None:
            receipt["signature"] = self.key.sign(receipt_signed_part(receipt))
        domain = case.case
        district = domain.district or (principal.device.district if principal.device else None)
        if district is None and principal.districts:
            district = principal.districts[0]
        values: dict[str, Any] = {
            "code": domain.code,
            # The reporter: the caller, or the inspector whose case was reassigned to the caller.
            "inspector": case.body.get("inspector") or principal.name,
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
            "case_json": _dumps(case.body),
            "receipt_json": _dumps(receipt),
            "chain_seq": head.seq,
            "chain_head": head.hash,
            "tablet_seq": case.events[-1].seq,
            "observed_at": domain.observed_at,
            "changed_at": now,
            "priority": self._priority.get(domain.hazard, len(self._priority)),
            "address": domain.address,
            "description": domain.description,
        }
        photo_rows = [
            {"sha256": p["sha256"], "kind": p["kind"], "size": p["size"], "record_json": _dumps(p)} for p in case.photos
        ]
        return _Prepared(
            case=case,
            receive=receive,
            receipt=receipt,
            values=values,
            photo_rows=photo_rows,
            envelope_json=env.model_dump_json(),
            server_events=server_events,
            answer=answer,
            server_signatures=server_signatures,
        )

    def _accept(
        self, conn: Connection, principal: Principal, prep: _Prepared, state: _BatchState, index: int | None = None
    ) -> CaseResult | None:
        """Decide one envelope against what the server holds, and store it if it is to be accepted.

        With an index, a new case is queued for the batch's single insert (None is returned; its
        result comes from `_insert_new`); without, it is inserted at once."""
        for _ in range(3):
            outcome = self._decide(conn, principal, prep, state, index)
            if outcome is _QUEUED:
                return None
            if outcome is not None:
                return outcome
            # Stored by a concurrent request meanwhile: look again.
            row = conn.execute(sa.select(*_KNOWN_COLUMNS).where(t.cases.c.id == prep.case.id)).first()
            if row is not None:
                state.existing[prep.case.id] = _known(row)
        raise ConflictError("this case is being changed by another request; send it again")

    def _decide(
        self, conn: Connection, principal: Principal, prep: _Prepared, state: _BatchState, index: int | None
    ) -> CaseResult | None:
        case, env = prep.case, prep.case.envelope
        known = state.existing.get(case.id)
        prefix = 0  # events of the chain the server already holds
        if known is not None:
            holder = known.assignee or known.inspector
            if holder != principal.name:
                if known.inspector == principal.name:
                    return _result(env, "refused", f"this case was reassigned to {holder}: it is theirs to work on now")
                return _result(env, "refused", "this case belongs to another inspector")
            if env.revision <= known.revision:
                return self._again(conn, prep, known)
            if known.pk < 0:
                return _result(env, "conflict", "this batch holds an earlier revision of this case; send it again")
            if env.revision > known.revision + 1:
                return _result(
                    env,
                    "conflict",
                    f"the server holds revision {known.revision}; revision {env.revision} skips one",
                    status=known.state,
                )
            try:
                states.apply(known.state, prep.answer or "submit", states.Role.INSPECTOR)
            except TransitionError:
                needed = "disposed (a verification task)" if prep.answer else "returned"
                return _result(
                    env,
                    "conflict",
                    f"the case is {known.state} on the server; this revision needs it {needed} first",
                    status=known.state,
                )
            prefix = known.chain_seq
            if len(case.events) <= prefix or case.events[prefix - 1].hash != known.chain_head:
                return _result(
                    env,
                    "conflict",
                    "the audit trail does not continue the server's: fetch the changes first",
                    status=known.state,
                )
        elif env.revision != 1:
            return _result(env, "refused", f"the server has no earlier revision of this case (got {env.revision})")
        elif prep.answer:
            return _result(env, "refused", "a verification answer needs a case the server holds")
        new_events = case.events[prefix:]
        if any(e.role != states.Role.INSPECTOR for e in new_events):
            return _result(env, "invalid", "the tablet's part of the audit trail may hold only inspector events")
        if state.evidence is not None:
            # Raises EvidenceError, which refuses the whole batch (the transaction is rolled back).
            state.evidence.events(case, prefix, state.sender)
            state.evidence.photos(case, state.sender)
        if known is not None and (refusal := _walk(known.state, new_events, prep.answer)):
            return _result(env, "refused", refusal, status=known.state)
        missing = [p["sha256"] for p in case.photos if p["sha256"] not in state.present]
        if missing:
            return _result(
                env,
                "missing_photos",
                f"{len(missing)} photo(s) are not on the server yet: upload them first",
                missing=missing,
                status=known.state if known is not None else None,
            )
        if case.case.district and principal.districts and case.case.district not in principal.districts:
            return _result(env, "invalid", f"district {case.case.district} is not one of yours")
        if known is None and index is not None:
            state.new.append((index, prep))
            state.existing[case.id] = _placeholder(prep, principal)
            return _QUEUED
        return self._store(conn, principal, prep, known, state)

    def _insert_new(
        self, conn: Connection, principal: Principal, state: _BatchState, results: list[CaseResult | None]
    ) -> None:
        """Insert the batch's new cases in one statement; one that a concurrent request stored first
        is decided again, on its own."""
        if not state.new:
            return
        pks = self._allocate_pks(conn, len(state.new))
        rows = [
            {"pk": pk, "id": prep.case.id, "received_at": state.now, **prep.values}
            for pk, (_, prep) in zip(pks, state.new, strict=True)
        ]
        if self.store.insert_many(conn, t.cases, rows, skip_on="id") == len(rows):
            stored = {row["id"]: row["pk"] for row in rows}
        else:  # some stored first by a concurrent request (PostgreSQL): theirs are decided again below
            ids = [prep.case.id for _, prep in state.new]
            query = sa.select(t.cases.c.id, t.cases.c.pk).where(t.cases.c.id.in_(ids))
            stored = {r.id: r.pk for r in conn.execute(query)}
        for pk, (index, prep) in zip(pks, state.new, strict=True):
            case_pk = pk if stored.get(prep.case.id) == pk else None
            if case_pk is None:
                state.existing.pop(prep.case.id, None)
                row = conn.execute(sa.select(*_KNOWN_COLUMNS).where(t.cases.c.id == prep.case.id)).first()
                if row is not None:
                    state.existing[prep.case.id] = _known(row)
                results[index] = self._accept(conn, principal, prep, state)
                continue
            results[index] = self._record(principal, prep, case_pk, 0, state)

    def _allocate_pks(self, conn: Connection, count: int) -> list[int]:
        """`count` fresh keys for new case rows (in the order of arrival, which the queue follows)."""
        if self.store.dialect == "postgresql":
            query = sa.text("SELECT nextval(pg_get_serial_sequence('cases', 'pk')) FROM generate_series(1, :n)")
            return [int(v) for v in conn.execute(query, {"n": count}).scalars()]
        # SQLite: writers hold the database's write lock (BEGIN IMMEDIATE), so max + 1 is free.
        top = conn.execute(sa.select(sa.func.coalesce(sa.func.max(t.cases.c.pk), 0))).scalar_one()
        return list(range(int(top) + 1, int(top) + 1 + count))

    def _again(self, conn: Connection, prep: _Prepared, known: _Known) -> CaseResult:
        """A revision the server has seen: the same body is `already`, another one a conflict."""
        env = prep.case.envelope
        stored_hash: str | None
        receipt: dict[str, Any] | None
        if env.revision == known.revision:
            stored_hash, receipt = known.body_hash, json.loads(known.receipt_json)
        else:
            old = conn.execute(
                sa.select(t.receipts.c.body_hash, t.receipts.c.receipt_json)
                .where(
                    t.receipts.c.case_id == prep.case.id,
                    t.receipts.c.revision == env.revision,
                    t.receipts.c.outcome == "accepted",
                )
                .limit(1)
            ).first()
            stored_hash = old.body_hash if old else None
            receipt = json.loads(old.receipt_json) if old and old.receipt_json else None
        if stored_hash == prep.case.body_hash:
            return _result(
                env, "already", "this revision is already on the server", status=known.state, receipt=receipt
            )
        return _result(
            env,
            "conflict",
            f"the server holds a different body for revision {env.revision} of this case",
            status=known.state,
        )

    def _store(
        self, conn: Connection, principal: Principal, prep: _Prepared, known: _Known | None, state: _BatchState
    ) -> CaseResult | None:
        """Write the accepted revision; None if a concurrent request got there first."""
        env, values = prep.case.envelope, prep.values
        if known is None:
            case_pk = conn.execute(self._insert_case, {"id": prep.case.id, "received_at": state.now, **values}).scalar()
            if case_pk is None:
                return None
            first_new = 0
        else:
            updated = conn.execute(
                _UPDATE_CASE,
                {"b_pk": known.pk, "b_revision": known.revision, "b_head": known.chain_head, **values},
            )
            if updated.rowcount != 1:
                return None
            case_pk, first_new = known.pk, known.chain_seq
            conn.execute(t.case_photos.delete().where(t.case_photos.c.case_pk == case_pk))
            if prep.answer == "dispute":
                # Verification failed: a rework counted against the unit; its milestones are open again.
                conn.execute(
                    t.cases.update()
                    .where(t.cases.c.pk == case_pk)
                    .values(reworks=t.cases.c.reworks + 1, disposed_at=None)
                )
                conn.execute(t.deadlines.update().where(t.deadlines.c.case_pk == case_pk).values(met_at=None))
                # The unit learns of its rework from its change feed.
                unit = conn.execute(sa.select(t.cases.c.unit).where(t.cases.c.pk == case_pk)).scalar()
                if unit:
                    self.announce_to(conn, f"unit:{unit}", [case_pk], "task", state.now)
            elif prep.values["state"] == states.State.CLOSED.value:
                # Closed by the system on confirmation: when, and the working hours since dispatch.
                assert self.calendar is not None
                dispatched = conn.execute(sa.select(t.cases.c.dispatched_at).where(t.cases.c.pk == case_pk)).scalar()
                hours = self.calendar.working_hours_between(dispatched, state.now) if dispatched else None
                conn.execute(
                    t.cases.update().where(t.cases.c.pk == case_pk).values(closed_at=state.now, hours_to_close=hours)
                )
        del env
        return self._record(principal, prep, case_pk, first_new, state)

    @staticmethod
    def _record(principal: Principal, prep: _Prepared, case_pk: int, first_new: int, state: _BatchState) -> CaseResult:
        """Queue the rows of an accepted revision whose case row is written (photos, events, receipt, feed)."""
        case, env, values = prep.case, prep.case.envelope, prep.values
        state.photo_rows.extend({"case_pk": case_pk, **row} for row in prep.photo_rows)
        state.event_rows.extend(
            _event_row(case_pk, e, _signature_text(s))
            for e, s in zip(case.events[first_new:], case.signatures[first_new:], strict=False)
        )
        state.event_rows.extend(
            _event_row(case_pk, e, s) for e, s in zip(prep.server_events, prep.server_signatures, strict=True)
        )
        accepted = _result(env, "accepted", status=values["state"], receipt=prep.receipt)
        state.receipts.append(_receipt_row(principal, env, accepted, case.body_hash, state.now, prep.receipt))
        state.accepted.append(_Accepted(case_pk=case_pk, inspector=principal.name))
        known = _placeholder(prep, principal)
        known.pk = case_pk
        state.existing[case.id] = known
        return accepted

    def _announce(self, conn: Connection, accepted: list[_Accepted], kind: str, now: datetime) -> None:
        """Add change-feed entries, one per case, to each inspector's feed (inside the transaction)."""
        by_audience: dict[str, list[int]] = {}
        for item in accepted:
            by_audience.setdefault(f"inspector:{item.inspector}", []).append(item.case_pk)
        for audience, pks in by_audience.items():
            self.announce_to(conn, audience, pks, kind, now)

    def announce_to(self, conn: Connection, audience: str, pks: list[int], kind: str, now: datetime) -> None:
        """Add one change-feed entry per case to one feed (an inspector's, a unit's), inside the transaction."""
        # The feed's row stays locked until the commit, so its entries become visible in order.
        last = int(conn.execute(self._advance, {"a": audience, "n": len(pks)}).scalar_one())
        first = last - len(pks) + 1
        self.store.insert_many(
            conn,
            t.changes,
            [
                {"audience": audience, "seq": first + i, "case_pk": pk, "kind": kind, "at": now}
                for i, pk in enumerate(pks)
            ],
        )

    # ---------------------------------------------------------------- the change feed

    def changes(self, principal: Principal, cursor: str | None, limit: int) -> ChangesResponse:
        audience = audience_for(principal)
        # A feed's cursor names its feed: one from another inspector's feed (a tablet shared across
        # shifts that kept a single cursor) starts this feed from its beginning instead of skipping.
        tag = "f" + hashlib.sha256(audience.encode()).hexdigest()[:8] + "."
        after = decode_cursor(tag, cursor, foreign_ok=True) or 0
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
            # A reassigned case (server/reassign.py) is worked on by more than one tablet: `tablet_seq`
            # is the last sender's, and another inspector's tablet may hold less of the trail (or, for
            # the new holder, none of it), so its whole trail comes; a tablet keeps only the events
            # it lacks. Other cases: the server's events after the tablet's revision, as ever.
            whole: set[int] = set()
            if pks and audience.startswith("inspector:"):
                ev = t.audit_events.c
                whole = set(
                    conn.execute(
                        sa.select(ev.case_pk).where(ev.case_pk.in_(pks), ev.action == "reassign").distinct()
                    ).scalars()
                )
            events: dict[int, list[dict[str, Any]]] = {}
            if pks:
                for e in conn.execute(
                    sa.select(t.audit_events, c.id.label("case_id"))
                    .join(t.cases, c.pk == t.audit_events.c.case_pk)
                    .where(
                        t.audit_events.c.case_pk.in_(pks),
                        sa.or_(t.audit_events.c.seq > c.tablet_seq, c.pk.in_(whole))
                        if whole
                        else t.audit_events.c.seq > c.tablet_seq,
                    )
                    .order_by(t.audit_events.c.case_pk, t.audit_events.c.seq)
                ):
                    events.setdefault(e.case_pk, []).append(event_json(e))
            deadlines = _deadlines_for(conn, pks)
            # Another tablet's signatures on a whole trail (a reassigned case): its public keys come too.
            signers = {
                e["signature"]["key"]
                for pk in whole
                for e in events.get(pk, [])
                if isinstance(e.get("signature"), dict) and isinstance(e["signature"].get("key"), str)
            }
            known: dict[str, dict[str, Any]] = {}
            if signers:
                dk = t.device_keys.c
                known = {
                    k.fingerprint: {"fingerprint": k.fingerprint, "public_key": k.public_key, "device": k.device_id}
                    for k in conn.execute(
                        sa.select(dk.fingerprint, dk.public_key, dk.device_id).where(dk.fingerprint.in_(signers))
                    )
                }
        now = utcnow()
        changes = []
        for r in rows:
            wire = events.get(r.pk, [])
            used = (
                {e["signature"]["key"] for e in wire if isinstance(e.get("signature"), dict)}
                if r.pk in whole
                else set()
            )
            changes.append(
                Change(
                    seq=r.seq,
                    case_id=r.id,
                    kind=r.kind,
                    case=case_out(r, deadlines.get(r.pk, ()), now),
                    events=[AuditEventWire.model_validate(e) for e in wire],
                    keys=[known[fp] for fp in sorted(used) if fp in known],
                )
            )
        last = rows[-1].seq if rows else after
        return ChangesResponse(changes=changes, next_cursor=encode_cursor(tag, last), more=more)

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

    def list_cases(
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
        q: str | None = None,
        order: str = "newest",
        limit: int = DEFAULT_PAGE,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        """A page of the caller's cases: `newest` first (by arrival), or in `queue` order — the most
        severe hazard level first (`priority`), then the oldest first."""
        c = t.cases.c
        now = utcnow()
        query = sa.select(t.cases).where(
            case_filter(
                principal,
                states_=states_,
                type_=type_,
                subtype=subtype,
                district=district,
                inspector=inspector,
                unit=unit,
                overdue=overdue,
                q=q,
                now=now,
                dialect=self.store.dialect,
            )
        )
        if order == "queue":
            # The cursor packs the last row's (priority, pk); the next page starts after it.
            after = decode_cursor("q", cursor)
            if after is not None:
                query = query.where(sa.tuple_(c.priority, c.pk) > sa.tuple_(after >> 32, after & 0xFFFFFFFF))
            query = query.order_by(c.priority, c.pk)
        else:
            after = decode_cursor("c", cursor)
            if after is not None:
                query = query.where(c.pk < after)
            query = query.order_by(c.pk.desc())
        with self.store.read() as conn:
            rows = conn.execute(query.limit(limit + 1)).all()
            more = len(rows) > limit
            rows = rows[:limit]
            deadlines = _deadlines_for(conn, [r.pk for r in rows])
        next_cursor = None
        if more and rows:
            last = rows[-1]
            next_cursor = (
                encode_cursor("q", (last.priority << 32) | last.pk) if order == "queue" else encode_cursor("c", last.pk)
            )
        return {"cases": [case_out(r, deadlines.get(r.pk, ()), now) for r in rows], "next_cursor": next_cursor}

    def nearby(
        self, principal: Principal, case_id: str, *, radius_m: float, days: float, limit: int = MAX_NEARBY
    ) -> dict[str, Any]:
        """Possible duplicates of a case: cases of its type that the caller may see, within `radius_m` of
        it and reported within `days` before or after it, nearest first (each with `distance_m`)."""
        c = t.cases.c
        with self.store.read() as conn:
            row = self._visible(conn, principal, case_id)
            if row.lat is None or row.lon is None:
                return {"case_id": row.id, "radius_m": radius_m, "days": days, "cases": []}
            # A box around the case (index on type, lat) narrows the candidates; the distance decides.
            dlat = radius_m / 111_000 * 1.01
            dlon = dlat / max(0.01, math.cos(math.radians(row.lat)))
            window = timedelta(days=days)
            candidates = conn.execute(
                sa.select(t.cases).where(
                    c.type == row.type,
                    c.pk != row.pk,
                    c.lat.between(row.lat - dlat, row.lat + dlat),
                    c.lon.between(row.lon - dlon, row.lon + dlon),
                    c.received_at.between(row.received_at - window, row.received_at + window),
                    scope_clause(principal),
                )
            ).all()
            found = sorted(
                (d, r.pk, r) for r in candidates if (d := distance_m(row.lat, row.lon, r.lat, r.lon)) <= radius_m
            )[:limit]
            deadlines = _deadlines_for(conn, [r.pk for _, _, r in found])
        now = utcnow()
        out = []
        for d, _, r in found:
            item = case_out(r, deadlines.get(r.pk, ()), now)
            item["distance_m"] = round(d, 1)
            out.append(item)
        return {"case_id": row.id, "radius_m": radius_m, "days": days, "cases": out}

    def all_rows(self) -> list[dict[str, Any]]:
        """Every case, newest first, for the CLI's `case list`."""
        with self.store.read() as conn:
            rows = conn.execute(sa.select(t.cases).order_by(t.cases.c.pk.desc())).all()
        return [case_out(r) for r in rows]

    def blob_visible(self, principal: Principal, sha256: str) -> bool:
        """A caller may download an original if they may see a case that holds it: among the tablet's
        photos, or recorded with a decision on it (a disposal's photos)."""
        with self.store.read() as conn:
            if principal.role == "admin":
                return conn.execute(sa.select(t.blobs.c.sha256).where(t.blobs.c.sha256 == sha256)).first() is not None
            for table in (t.case_photos, t.decision_photos):
                query = (
                    sa.select(table.c.sha256)
                    .join(t.cases, t.cases.c.pk == table.c.case_pk)
                    .where(table.c.sha256 == sha256, scope_clause(principal))
                    .limit(1)
                )
                if conn.execute(query).first() is not None:
                    return True
            return False


def _walk(state: str, events: Sequence[AuditEvent], answer: str | None) -> str | None:
    """Why the tablet's new events cannot follow the server's state, or None: each transition through
    the state machine (role inspector), other events leaving the state as it is; a verification answer
    brings after-disposal photos."""
    current = states.State(state)
    for event in events:
        if event.action in states.ACTIONS:
            try:
                current = states.apply(current, event.action, states.Role.INSPECTOR)
            except TransitionError as exc:
                return f"audit event {event.seq}: {exc}"
            if event.to_state != current.value:
                return f"audit event {event.seq}: {event.action} leads to {current.value}, not {event.to_state}"
        elif event.to_state is not None and event.to_state != current.value:
            return f"audit event {event.seq}: {event.action} may not change the state to {event.to_state}"
    if answer and not any(e.action == "add_photos" for e in events):
        return f"{answer}: a verification answer needs after-disposal photos"
    return None


def _result(envelope: CaseEnvelope, outcome: str, message: str = "", **extra: Any) -> CaseResult:
    # Built from the server's own values: constructed without validating them again.
    return CaseResult.model_construct(
        id=envelope.id, revision=envelope.revision, outcome=outcome, message=message, **extra
    )


def _receipt_row(
    principal: Principal,
    envelope: CaseEnvelope,
    result: CaseResult,
    body_hash: str | None,
    now: datetime,
    receipt: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A receipt row; the envelope's text is kept once, in its received-log entry (migration 0010)."""
    return {
        "received_at": now,
        "case_id": envelope.id,
        "revision": min(envelope.revision, 2**31 - 1),
        "user_name": principal.name,
        "device_id": principal.device.id if principal.device else None,
        "outcome": result.outcome,
        "body_hash": body_hash,
        "message": result.message,
        "receipt_json": _dumps(receipt) if receipt else None,
    }


def _signature_text(signature: Any) -> str | None:
    return _dumps(signature) if isinstance(signature, dict) else None


def _received_body(envelope: CaseEnvelope, prep: _Prepared | None) -> Body:
    """Its JSON as pydantic writes it (NaN and infinities, which an invalid envelope may hold, as null):
    the received log's entry keeps it (its receipt row keeps no copy, migration 0010)."""
    return Body.of(prep.envelope_json if prep is not None else envelope.model_dump_json())


def _received(
    source: str,
    principal: Principal,
    envelope: CaseEnvelope,
    prep: _Prepared | None,
    outcome: str,
    body: Body | None = None,
) -> Received:
    if body is None:
        body = _received_body(envelope, prep)
    return Received(
        source=source,
        user_name=principal.name,
        device_id=principal.device.id if principal.device else None,
        case_id=envelope.id,
        revision=envelope.revision,
        outcome=outcome,
        body=body,
    )


def sign_server_events(store: Store, key: ServerKey, note_key: Callable[[Connection], None]) -> None:
    """Sign every audit event the server adds as it is stored, whichever module adds it.

    An event row (`_event_row`) of a role other than the inspector's that comes without a signature
    is signed with the server's key just before the INSERT runs on this store's engine: decisions
    (server/decisions.py) and the acceptance's own events alike, so no server event is ever stored
    unsigned. The case's id, which the signed JSON names, is read by the row's case key."""

    @sa.event.listens_for(store.engine, "before_execute", retval=True)
    def _sign(conn: Connection, clause: Any, multiparams: Any, params: Any, options: Any) -> Any:
        if not isinstance(clause, sa.Insert) or clause.table is not t.audit_events:
            return clause, multiparams, params
        rows = [
            r for r in _param_rows(multiparams, params) if r.get("signature") is None and r.get("role") != "inspector"
        ]
        if rows:
            note_key(conn)
            pks = sorted({int(r["case_pk"]) for r in rows})
            ids = {
                pk: id_ for pk, id_ in conn.execute(sa.select(t.cases.c.pk, t.cases.c.id).where(t.cases.c.pk.in_(pks)))
            }
            for r in rows:
                event = _row_event(r, ids[int(r["case_pk"])])
                r["signature"] = key.sign_text(event.to_json())
        return clause, multiparams, params


def _param_rows(multiparams: Any, params: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in (*(multiparams or ()), params):
        if isinstance(item, dict):
            out.append(item)
        elif isinstance(item, list | tuple):
            out.extend(r for r in item if isinstance(r, dict))
    return [r for r in out if "case_pk" in r and "role" in r]


def _row_event(row: dict[str, Any], case_id: str) -> AuditEvent:
    return AuditEvent(
        seq=row["seq"],
        case_id=case_id,
        at=row["at"],
        actor=row["actor"],
        role=row["role"],
        device=row["device"],
        action=row["action"],
        from_state=row["from_state"],
        to_state=row["to_state"],
        changes=json.loads(row["changes_json"]),
        prev=row["prev"],
        hash=row["hash"],
    )


def _event_row(case_pk: int, event: AuditEvent, signature: str | None = None) -> dict[str, Any]:
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
        "signature": signature,
    }

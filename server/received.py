"""The server's append-only log of everything it received (docs/evidence.md): one entry per case
envelope, by sync or by `import`, whatever became of it, hash-chained like an audit chain.

Each entry holds the envelope's JSON as the server wrote it on receipt (pydantic's encoding of the
parsed envelope, its only copy: receipt rows keep none since migration 0010; entries from before this
were its canonical JSON, RFC 8785) and the SHA-256 of that text, and is hashed over its own fields and
the hash of the entry before it (`prev`; the first names 64 zeros), so an entry edited, removed or moved
afterwards breaks the chain: `fieldcase-server log verify` walks it. Entries are only ever inserted;
their sequence numbers come from the `counters` row `received_log`, advanced in the writer's transaction
(its row lock orders concurrent writers on PostgreSQL; SQLite's writers hold the database's lock), so
the count kept there also shows entries removed from the end.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from app.domain.canonical import canonical_hash
from server import schema as t
from server.store import Store, iso

GENESIS = "0" * 64
COUNTER = "received_log"
_PAGE = 2000


@dataclass(frozen=True)
class Body:
    """An envelope's JSON text and its SHA-256: made before the write transaction, so the writer's
    turn (SQLite has one writer) is not spent hashing."""

    text: str
    sha256: str

    @classmethod
    def of(cls, text: str) -> Body:
        return cls(text, hashlib.sha256(text.encode("utf-8")).hexdigest())


@dataclass(frozen=True)
class Received:
    """One envelope as it arrived, `body` its JSON text."""

    source: str  # "sync" or "import"
    user_name: str | None
    device_id: str | None
    case_id: str | None
    revision: int | None
    outcome: str
    body: Body


def entry_hash(row: dict[str, Any]) -> str:
    """The hash an entry carries: of its fields (the body by its hash) and the previous entry's hash."""
    return canonical_hash(
        {
            "seq": row["seq"],
            "received_at": iso(row["received_at"]),
            "source": row["source"],
            "user": row["user_name"],
            "device": row["device_id"],
            "case_id": row["case_id"],
            "revision": row["revision"],
            "outcome": row["outcome"],
            "body_hash": row["body_hash"],
            "prev": row["prev"],
        }
    )


@dataclass
class LogReport:
    entries: int = 0
    head: str = GENESIS
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": not self.problems,
            "entries": self.entries,
            "head": self.head,
            "first_problem": self.problems[0] if self.problems else None,
            "problems": self.problems,
        }


class ReceivedLog:
    def __init__(self, store: Store) -> None:
        self.store = store
        counter = store.insert(t.counters).values(name=COUNTER, value=sa.bindparam("n"))
        self._advance = counter.on_conflict_do_update(
            index_elements=[t.counters.c.name], set_={"value": t.counters.c.value + counter.excluded.value}
        ).returning(t.counters.c.value)

    def append(self, conn: sa.Connection, items: Sequence[Received], now: datetime) -> None:
        """Add entries inside the caller's write transaction (best as its last statement: on PostgreSQL the
        counter's row stays locked until the commit)."""
        if not items:
            return
        last = int(conn.execute(self._advance, {"n": len(items)}).scalar_one())
        first = last - len(items) + 1
        prev = GENESIS
        if first > 1:
            found = conn.execute(sa.select(t.received_log.c.hash).where(t.received_log.c.seq == first - 1)).scalar()
            # A missing entry (the log was damaged): keep chaining; `log verify` names the gap.
            prev = str(found) if found is not None else GENESIS
        rows = []
        for offset, item in enumerate(items):
            row: dict[str, Any] = {
                "seq": first + offset,
                "received_at": now,
                "source": item.source,
                "user_name": item.user_name,
                "device_id": item.device_id,
                "case_id": item.case_id,
                "revision": min(item.revision, 2**31 - 1) if item.revision is not None else None,
                "outcome": item.outcome,
                "body": item.body.text,
                "body_hash": item.body.sha256,
                "prev": prev,
            }
            row["hash"] = entry_hash(row)
            prev = row["hash"]
            rows.append(row)
        self.store.insert_many(conn, t.received_log, rows)

    def record(self, items: Sequence[Received], now: datetime) -> None:
        """Add entries in a transaction of their own (envelopes refused as a whole)."""
        with self.store.write() as conn:
            self.append(conn, items, now)

    def entries(self, case_id: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        query = sa.select(t.received_log).order_by(t.received_log.c.seq.desc()).limit(limit)
        if case_id:
            query = query.where(t.received_log.c.case_id == case_id)
        with self.store.read() as conn:
            rows = conn.execute(query).all()
        return [
            {
                "seq": r.seq,
                "received_at": iso(r.received_at),
                "source": r.source,
                "user": r.user_name,
                "device": r.device_id,
                "case_id": r.case_id,
                "revision": r.revision,
                "outcome": r.outcome,
                "body_hash": r.body_hash,
                "prev": r.prev,
                "hash": r.hash,
            }
            for r in rows
        ]

    def verify(self) -> LogReport:
        """Walk the whole log: each body re-hashed, each entry re-hashed and linked to the one before."""
        report = LogReport()
        expected_seq, prev = 1, GENESIS
        with self.store.read() as conn:
            count = conn.execute(sa.select(t.counters.c.value).where(t.counters.c.name == COUNTER)).scalar() or 0
            after = 0
            while True:
                rows = conn.execute(
                    sa.select(t.received_log)
                    .where(t.received_log.c.seq > after)
                    .order_by(t.received_log.c.seq)
                    .limit(_PAGE)
                ).all()
                if not rows:
                    break
                for r in rows:
                    row = dict(r._mapping)
                    where = f"received log entry {r.seq}"
                    if r.seq != expected_seq:
                        report.problems.append(f"{where}: expected entry {expected_seq} (entries removed or moved)")
                    if hashlib.sha256(r.body.encode("utf-8")).hexdigest() != r.body_hash:
                        report.problems.append(f"{where}: its envelope does not match its hash (edited)")
                    elif _not_an_object(r.body):
                        report.problems.append(f"{where}: its envelope is not a JSON object")
                    if r.prev != prev:
                        report.problems.append(
                            f"{where}: does not follow the entry before it (removed, moved or edited)"
                        )
                    if entry_hash(row) != r.hash:
                        report.problems.append(f"{where}: its hash does not match its content (edited)")
                    prev, expected_seq = r.hash, r.seq + 1
                    report.entries += 1
                after = rows[-1].seq
        report.head = prev
        if count != expected_seq - 1:
            report.problems.append(
                f"the log ends at entry {expected_seq - 1}, but {count} were written (entries removed)"
            )
        return report


def _not_an_object(body: str) -> bool:
    try:
        return not isinstance(json.loads(body), dict)
    except (ValueError, RecursionError):
        return True

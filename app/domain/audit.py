"""The audit chain: each event of a case carries the hash of the one before it.

An event's hash is SHA-256 over the canonical JSON (RFC 8785) of its body, the
body including the previous event's hash; so editing, removing, inserting or
reordering an event breaks every hash after it. The tablet, the server and the
bundle verifier extend and check the same chain with these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.canonical import canonical_hash

GENESIS = "0" * 64
BODY_KEYS = ("seq", "case_id", "at", "actor", "role", "device", "action", "from", "to", "changes", "prev")


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    case_id: str
    at: str
    actor: str | None
    role: str
    device: str | None
    action: str
    from_state: str | None
    to_state: str | None
    changes: dict[str, Any]
    prev: str
    hash: str

    def body(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "case_id": self.case_id,
            "at": self.at,
            "actor": self.actor,
            "role": self.role,
            "device": self.device,
            "action": self.action,
            "from": self.from_state,
            "to": self.to_state,
            "changes": self.changes,
            "prev": self.prev,
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.body(), "hash": self.hash}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> AuditEvent:
        return cls(
            seq=int(raw["seq"]),
            case_id=str(raw["case_id"]),
            at=str(raw["at"]),
            actor=raw.get("actor"),
            role=str(raw["role"]),
            device=raw.get("device"),
            action=str(raw["action"]),
            from_state=raw.get("from"),
            to_state=raw.get("to"),
            changes=dict(raw.get("changes") or {}),
            prev=str(raw["prev"]),
            hash=str(raw["hash"]),
        )


def make_event(
    previous: AuditEvent | None,
    *,
    case_id: str,
    at: str,
    actor: str | None,
    role: str,
    device: str | None,
    action: str,
    from_state: str | None,
    to_state: str | None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """The next event of a case's chain."""
    seq = previous.seq + 1 if previous else 1
    prev = previous.hash if previous else GENESIS
    changes = dict(changes or {})
    body: dict[str, Any] = {
        "seq": seq,
        "case_id": case_id,
        "at": at,
        "actor": actor,
        "role": role,
        "device": device,
        "action": action,
        "from": from_state,
        "to": to_state,
        "changes": changes,
        "prev": prev,
    }
    return AuditEvent(
        seq=seq,
        case_id=case_id,
        at=at,
        actor=actor,
        role=role,
        device=device,
        action=action,
        from_state=from_state,
        to_state=to_state,
        changes=changes,
        prev=prev,
        hash=canonical_hash(body),
    )


def chain_problems(case_id: str, events: Iterable[AuditEvent]) -> list[str]:
    """Every break in one case's chain, in order; an empty list means the chain holds."""
    problems: list[str] = []
    prev = GENESIS
    expected_seq = 1
    for event in events:
        where = f"case {case_id} event {event.seq}"
        if event.case_id != case_id:
            problems.append(f"{where}: belongs to case {event.case_id}")
        if event.seq != expected_seq:
            problems.append(f"{where}: expected event {expected_seq} (an event is missing or moved)")
        if event.prev != prev:
            problems.append(f"{where}: does not follow the event before it (chain broken)")
        if canonical_hash(event.body()) != event.hash:
            problems.append(f"{where}: its content does not match its hash (edited)")
        prev = event.hash
        expected_seq = event.seq + 1
    return problems

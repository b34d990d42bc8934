"""What the sync engine keeps in the tablet's database: outbox, receipts, cursor, pulled changes.

The outbox row is written in the same transaction as the submit it announces, and
removed in the same transaction as the receipt that settles it; pulled changes and
the cursor that follows them are stored together, so a crash at any moment leaves
either the old state or the new one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.audit import AuditEvent, chain_problems
from app.domain.case import Location, Officer
from storage.evidence import EvidenceStore, Signed
from storage.repository import NotFoundError, Repository, now_iso

PEER_KEYS = "peer_keys"  # meta: other tablets' public keys (a reassigned case's trail)
PARKED = 1e18  # next_attempt_ts of an entry that waits for a person, not a timer


@dataclass(frozen=True)
class OutboxEntry:
    case_id: str
    revision: int
    attempts: int
    next_attempt_ts: float
    last_error: str | None
    photos: tuple[tuple[str, int, bool], ...]  # (sha256, size, original on this device)


class SyncStore:
    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.db = repo.db
        self.evidence = EvidenceStore(repo)

    # ------------------------------------------------------------ outbox

    def enqueue(self, case_id: str, revision: int) -> None:
        """Queue a revision with a snapshot of it as submitted: a resend is then the same bytes,
        whatever the tablet learns about the case afterwards."""
        with self.repo.transaction():
            self.db.execute("UPDATE cases SET sync = 'pending' WHERE id = ?", (case_id,))
            case = self.repo.get_case(case_id, include_deleted=True)
            events = [e.to_json() for e in self.repo.audit(case_id)]
            body = {**case.to_json(), "revision": revision}
            payload = json.dumps({"case": body, "events": events}, ensure_ascii=False, sort_keys=True)
            self.db.execute(
                "INSERT INTO outbox (case_id, revision, queued_at, payload) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (case_id, revision) DO NOTHING",
                (case_id, revision, now_iso(), payload),
            )

    def payload(self, case_id: str, revision: int) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT payload FROM outbox WHERE case_id = ? AND revision = ?", (case_id, revision)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"case {case_id} revision {revision} is not in the outbox")
        value: dict[str, Any] = json.loads(row[0])
        return value

    def outbox(self) -> list[OutboxEntry]:
        rows = list(
            self.db.execute("SELECT case_id, revision, attempts, next_attempt_ts, last_error FROM outbox ORDER BY id")
        )
        out = []
        for case_id, revision, attempts, next_ts, error in rows:
            photos = tuple(
                (str(sha), int(size), bool(local))
                for sha, size, local in self.db.execute(
                    "SELECT sha256, size, local FROM photos WHERE case_id = ? ORDER BY position", (case_id,)
                )
            )
            out.append(OutboxEntry(str(case_id), int(revision), int(attempts), float(next_ts), error, photos))
        return out

    def pending_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM outbox").fetchone()[0])

    def retry_later(self, case_id: str, revision: int, next_attempt_ts: float, message: str) -> None:
        with self.repo.transaction():
            self.db.execute(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_ts = ?, last_error = ? "
                "WHERE case_id = ? AND revision = ?",
                (next_attempt_ts, message, case_id, revision),
            )

    def park(self, case_id: str, revision: int, message: str) -> None:
        """The server refused this revision for good: keep it, show why, stop retrying."""
        with self.repo.transaction():
            self.db.execute(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_ts = ?, last_error = ? "
                "WHERE case_id = ? AND revision = ?",
                (PARKED, message, case_id, revision),
            )
            self.db.execute("UPDATE cases SET sync = 'failed' WHERE id = ?", (case_id,))

    def retry_all_now(self) -> None:
        """The inspector asked to sync now: waiting entries (not parked ones) are due at once."""
        with self.repo.transaction():
            self.db.execute("UPDATE outbox SET next_attempt_ts = 0 WHERE next_attempt_ts < ?", (PARKED,))

    def complete(self, case_id: str, revision: int, outcome: str, receipt: dict[str, Any] | None) -> None:
        """The server holds this revision: keep its receipt, leave the outbox, mark synced."""
        at = now_iso()
        with self.repo.transaction():
            self.db.execute(
                "INSERT INTO receipts (case_id, revision, outcome, receipt, received_at) VALUES (?,?,?,?,?) "
                "ON CONFLICT (case_id, revision) DO NOTHING",
                (
                    case_id,
                    revision,
                    outcome,
                    json.dumps(receipt, ensure_ascii=False) if receipt else None,
                    at,
                ),
            )
            self.db.execute("DELETE FROM outbox WHERE case_id = ? AND revision = ?", (case_id, revision))
            left = self.db.execute("SELECT count(*) FROM outbox WHERE case_id = ?", (case_id,)).fetchone()[0]
            if not left:
                self.db.execute("UPDATE cases SET sync = 'synced' WHERE id = ?", (case_id,))
            self.db.execute("UPDATE photos SET receipt_at = coalesce(receipt_at, ?) WHERE case_id = ?", (at, case_id))

    def signed_envelope(self, case_id: str, revision: int) -> dict[str, Any]:
        """The outbox's snapshot of a revision with the signatures this tablet holds for it
        (docs/evidence.md): each event's "signature", each photo entry's "record" and "signature"."""
        payload = self.payload(case_id, revision)
        events = self.evidence.event_signatures(case_id)
        records = self.evidence.photo_records(case_id)
        for event in payload["events"]:
            signed = events.get(int(event["seq"]))
            if signed is not None:
                event["signature"] = {"key": signed.key, "value": signed.signature}
        for photo in payload["case"].get("photos") or []:
            row = records.get(photo.get("sha256"))
            if row is not None:
                photo["record"] = row.record
                photo["signature"] = {"key": row.signed.key, "value": row.signed.signature}
        return payload

    def receipts(self, case_id: str) -> list[dict[str, Any]]:
        return [
            {"revision": r, "outcome": o, "receipt": json.loads(rc) if rc else None, "received_at": at}
            for r, o, rc, at in self.db.execute(
                "SELECT revision, outcome, receipt, received_at FROM receipts WHERE case_id = ? ORDER BY revision",
                (case_id,),
            )
        ]

    # ------------------------------------------------------------ change feed

    def _cursor_key(self) -> str:
        # The server keeps one change feed per inspector: several inspectors sharing a tablet
        # each keep their own place in theirs.
        return f"sync_cursor:{self.repo.meta('session_user') or ''}"

    def cursor(self) -> str | None:
        return self.repo.meta(self._cursor_key())

    def apply_changes(self, changes: Sequence[dict[str, Any]], next_cursor: str) -> list[str]:
        """Store pulled changes and the cursor after them in one transaction; returns conflicts."""
        conflicts: list[str] = []
        with self.repo.transaction():
            for change in changes:
                problem = self._apply(change)
                if problem:
                    conflicts.append(problem)
                    self.db.execute(
                        "INSERT INTO sync_conflicts (case_id, at, detail) VALUES (?, ?, ?)",
                        (
                            change.get("case_id", ""),
                            now_iso(),
                            json.dumps({"problem": problem, "change": change}, ensure_ascii=False),
                        ),
                    )
            self.repo.set_meta(self._cursor_key(), next_cursor)
        return conflicts

    def _apply(self, change: dict[str, Any]) -> str | None:
        remote = change["case"]
        case_id = str(change["case_id"])
        events = [AuditEvent.from_json(e) for e in change.get("events", [])]
        try:
            local = self.repo.get_case(case_id, include_deleted=True)
        except NotFoundError:
            local = None
        if local is None:
            self._insert_remote(remote)
        local_events = self.repo.audit(case_id)
        head = local_events[-1] if local_events else None
        fresh = [e for e in events if head is None or e.seq > head.seq]
        if fresh and head is not None and fresh[0].prev != head.hash:
            return f"case {case_id}: the server's trail does not continue this tablet's (kept the tablet's)"
        if fresh and chain_problems(case_id, [*local_events, *fresh]):
            return f"case {case_id}: the server's events do not verify"
        self.repo.append_events(fresh)
        self._keep_signatures(case_id, fresh, change.get("events", []))
        self._keep_peer_keys(change.get("keys") or [])
        pending = self.db.execute("SELECT count(*) FROM outbox WHERE case_id = ?", (case_id,)).fetchone()[0]
        status = str(remote.get("status") or (local.status if local else "received"))
        if pending and local is not None:
            # A newer local revision is on its way: the server's older state must not undo it.
            status = local.status
        self.db.execute(
            "UPDATE cases SET status = ?, official_number = ?, review_note = ?, sync = ?, updated_at = ? WHERE id = ?",
            (
                status,
                remote.get("official_number"),
                remote.get("review_note"),
                "pending" if pending else "synced",
                remote.get("updated_at") or now_iso(),
                case_id,
            ),
        )
        return None

    def _keep_peer_keys(self, keys: Sequence[Any]) -> None:
        """Other tablets' public keys that signed events of a case this tablet now holds (a reassigned
        case), kept in meta `peer_keys` (fingerprint -> public key, device). A key that does not hash to
        its fingerprint is not kept."""
        if not keys:
            return
        try:
            peers = json.loads(self.repo.meta(PEER_KEYS) or "{}")
        except ValueError:
            peers = {}
        added = False
        for item in keys:
            if not isinstance(item, dict):
                continue
            fp, public_key = item.get("fingerprint"), item.get("public_key")
            if not isinstance(fp, str) or not isinstance(public_key, str) or fp in peers:
                continue
            try:
                raw = base64.b64decode(public_key, validate=True)
            except (binascii.Error, ValueError):
                continue
            if len(raw) != 32 or hashlib.sha256(raw).hexdigest() != fp:
                continue
            device = item.get("device")
            peers[fp] = {"public_key": public_key, "device": device if isinstance(device, str) else None}
            added = True
        if added:
            self.repo.set_meta(PEER_KEYS, json.dumps(peers, sort_keys=True))

    def _keep_signatures(self, case_id: str, fresh: list[AuditEvent], raw: Sequence[dict[str, Any]]) -> None:
        """The signatures pulled events carry (the server's, on the events it added), kept beside them."""
        wanted = {e.seq for e in fresh}
        for item in raw:
            signature = item.get("signature")
            if item.get("seq") in wanted and isinstance(signature, dict):
                key, value = signature.get("key"), signature.get("value")
                if isinstance(key, str) and isinstance(value, str):
                    self.evidence.put_event_signature(case_id, int(item["seq"]), Signed(key, value))

    def _insert_remote(self, remote: dict[str, Any]) -> None:
        """A case this tablet did not have (made on another tablet, or restored): its record only."""
        loc = remote.get("location") or None
        location = Location(loc["lat"], loc["lon"], loc.get("accuracy_m"), loc.get("source", "manual")) if loc else None
        created = str(remote.get("created_at") or now_iso())
        from datetime import datetime

        try:
            created_ts = datetime.fromisoformat(created).timestamp()
        except ValueError:
            created_ts = 0.0
        officers = [Officer(o["name"], o["certificate"]).to_json() for o in remote.get("officers") or []]
        self.db.execute(
            "INSERT INTO cases (id, code, official_number, type, subtype, status, hazard, lat, lon, "
            "accuracy_m, loc_source, address, description, district, grid, fields, officers, inspector, "
            "device, "
            "observed_at, created_at, updated_at, created_ts, sync, review_note, revision, photo_count) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                remote["id"],
                remote.get("code") or remote["id"][:8],
                remote.get("official_number"),
                remote["type"],
                remote["subtype"],
                remote.get("status") or "received",
                remote.get("hazard") or "low",
                location.lat if location else None,
                location.lon if location else None,
                location.accuracy_m if location else None,
                location.source if location else None,
                remote.get("address") or "",
                remote.get("description") or "",
                remote.get("district"),
                remote.get("grid"),
                json.dumps(remote.get("fields") or {}, ensure_ascii=False, sort_keys=True),
                json.dumps(officers, ensure_ascii=False),
                remote.get("inspector"),
                remote.get("device"),
                remote.get("observed_at"),
                created,
                remote.get("updated_at") or created,
                created_ts if math.isfinite(created_ts) else 0.0,
                "synced",
                remote.get("review_note"),
                int(remote.get("revision") or 1),
                len(remote.get("photos") or []),
            ),
        )
        for position, photo in enumerate(remote.get("photos") or [], start=1):
            self.db.execute(
                "INSERT OR IGNORE INTO photos (case_id, sha256, position, size, format, taken_at, lat, lon, "
                "width, height, make, model, kind, note, added_at, local) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)",
                (
                    remote["id"],
                    photo["sha256"],
                    position,
                    photo["size"],
                    photo.get("format") or "jpeg",
                    photo.get("taken_at"),
                    photo.get("lat"),
                    photo.get("lon"),
                    photo.get("width") or 0,
                    photo.get("height") or 0,
                    photo.get("make"),
                    photo.get("model"),
                    photo.get("kind") or "overview",
                    photo.get("note") or "",
                    now_iso(),
                ),
            )

    # ------------------------------------------------------------ space

    def droppable_originals(self, received_before: str) -> list[str]:
        """Originals every holder of which the server has receipted before this time."""
        return [
            str(r[0])
            for r in self.db.execute(
                "SELECT sha256 FROM photos WHERE local = 1 GROUP BY sha256 "
                "HAVING min(receipt_at IS NOT NULL) = 1 AND max(receipt_at) < ?",
                (received_before,),
            )
        ]

    def mark_remote(self, sha256: str) -> None:
        """The original is about to leave this device (thumbnail, preview and hash stay)."""
        with self.repo.transaction():
            self.db.execute("UPDATE photos SET local = 0 WHERE sha256 = ?", (sha256,))

    def mark_local(self, sha256: str) -> None:
        with self.repo.transaction():
            self.db.execute("UPDATE photos SET local = 1 WHERE sha256 = ?", (sha256,))

    def conflicts(self) -> list[dict[str, Any]]:
        return [
            {"case_id": c, "at": a, **json.loads(d)}
            for c, a, d in self.db.execute("SELECT case_id, at, detail FROM sync_conflicts ORDER BY id")
        ]

"""The tablet's case repository: cases, evidence items, thumbnails and the audit chain in SQLite.

Every change to a case and the audit event that records it are written in one
transaction, so the two never disagree; evidence rows are written only after the
photo's file is durable (the ingest does that before it returns).
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from app.domain.audit import AuditEvent, make_event
from app.domain.case import Case, Location, Officer, Photo
from storage.case_query import REASSIGNED_AWAY_SQL, WORKING_INSPECTOR_SQL, where
from storage.db import DB_ERRORS, classify, connect
from storage.errors import StorageError
from storage.records import CaseFilter as CaseFilter  # re-exported: callers know them from here
from storage.records import CaseRow as CaseRow

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the radio


class NotFoundError(StorageError):
    """No case matches."""


class AmbiguousError(StorageError):
    """More than one case matches a prefix."""


ALL_CASES = CaseFilter()


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _ts(iso: str) -> float:
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return 0.0


_ROW_COLUMNS = (
    "id, code, type, subtype, status, hazard, address, created_at, updated_at, photo_count, sync, "
    f"official_number, lat, lon, CASE WHEN {REASSIGNED_AWAY_SQL} THEN assignee END"
)


class Repository:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.db: sqlite_utils.Database = connect(path)
        self._depth = 0

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------ transactions

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One SQLite write transaction (re-entrant: inner blocks join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except DB_ERRORS as exc:
            raise classify(exc, self.path) from exc
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self.db.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self.db.execute("COMMIT")
        except DB_ERRORS as exc:
            self.db.execute("ROLLBACK")
            raise classify(exc, self.path) from exc

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.db.execute(sql, params).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------ device and meta

    def meta(self, key: str, default: str | None = None) -> str | None:
        value = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return default if value is None else str(value)

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction():
            if value is None:
                self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                self.db.execute(
                    "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def working_inspector(self) -> str:
        """Who works on this tablet now: the logged-in inspector, else the tablet's default one."""
        return str(self._one(f"SELECT {WORKING_INSPECTOR_SQL}"))

    def device_id(self) -> str:
        """This tablet's identity, made once when its database is created."""
        with self.transaction():
            value = self.meta("device_id")
            if value is None:
                value = str(uuid.uuid4())
                self.set_meta("device_id", value)
                short = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(4))
                self.set_meta("device_code", short)
            return value

    def device_code(self) -> str:
        self.device_id()
        return self.meta("device_code") or "TABL"

    def next_code(self, day: datetime | None = None) -> str:
        """The next human case code of this tablet: short code, date, sequence of the day."""
        stamp = (day or datetime.now().astimezone()).strftime("%Y%m%d")
        with self.transaction():
            prefix = self.device_code()
            last = self._one("SELECT last FROM code_sequence WHERE day = ?", (stamp,))
            seq = int(last or 0) + 1
            self.db.execute(
                "INSERT INTO code_sequence(day, last) VALUES (?, ?) "
                "ON CONFLICT(day) DO UPDATE SET last = excluded.last",
                (stamp, seq),
            )
        return f"{prefix}-{stamp}-{seq:04d}"

    # ------------------------------------------------------------ cases

    def insert_case(self, case: Case) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO cases (id, code, official_number, type, subtype, status, hazard, lat, lon, "
                "accuracy_m, loc_source, address, description, district, grid, fields, officers, "
                "inspector, device, observed_at, created_at, updated_at, created_ts, sync, review_note, "
                "revision, photo_count) VALUES "
                "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                self._case_values(case)
                + [_ts(case.created_at), case.sync, case.review_note, case.revision, len(case.photos)],
            )

    def update_case(self, case: Case) -> None:
        """Write a case's own columns (photos are added and edited through their own calls)."""
        with self.transaction():
            values = self._case_values(case)[1:]
            cursor = self.db.execute(
                "UPDATE cases SET code=?, official_number=?, type=?, subtype=?, status=?, hazard=?, "
                "lat=?, lon=?, accuracy_m=?, loc_source=?, address=?, description=?, district=?, "
                "grid=?, fields=?, officers=?, inspector=?, device=?, observed_at=?, created_at=?, "
                "updated_at=?, sync=?, review_note=?, revision=? WHERE id=?",
                values + [case.sync, case.review_note, case.revision, case.id],
            )
            if cursor.rowcount != 1:
                raise NotFoundError(f"no case {case.id}")

    @staticmethod
    def _case_values(case: Case) -> list[Any]:
        loc = case.location
        return [
            case.id,
            case.code,
            case.official_number,
            case.type,
            case.subtype,
            case.status,
            case.hazard,
            loc.lat if loc else None,
            loc.lon if loc else None,
            loc.accuracy_m if loc else None,
            loc.source if loc else None,
            case.address,
            case.description,
            case.district,
            case.grid,
            json.dumps(case.fields, ensure_ascii=False, sort_keys=True),
            json.dumps([o.to_json() for o in case.officers], ensure_ascii=False),
            case.inspector,
            case.device,
            case.observed_at,
            case.created_at,
            case.updated_at,
        ]

    def mark_deleted(self, case_id: str, at: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE cases SET deleted_at = ?, updated_at = ? WHERE id = ?", (at, at, case_id))

    def set_sync(self, case_id: str, sync: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE cases SET sync = ? WHERE id = ?", (sync, case_id))

    def get_case(self, case_id: str, *, include_deleted: bool = False) -> Case:
        rows = list(self.db.query("SELECT * FROM cases WHERE id = ?", [case_id]))
        if not rows or (rows[0]["deleted_at"] and not include_deleted):
            raise NotFoundError(f"no case {case_id}")
        return self._case_from_row(rows[0], self.photos(case_id))

    def resolve(self, ref: str) -> str:
        """A case's id from its UUID, its human code, or a unique prefix of either."""
        ref = ref.strip()
        if not ref:
            raise NotFoundError("no case given")
        exact = list(
            self.db.execute(
                "SELECT id FROM cases WHERE (id = ? OR code = ? OR official_number = ?) AND deleted_at IS NULL",
                (ref, ref, ref),
            )
        )
        if len(exact) == 1:
            return str(exact[0][0])
        pattern = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        found = [
            str(r[0])
            for r in self.db.execute(
                "SELECT id FROM cases WHERE (id LIKE ? ESCAPE '\\' OR code LIKE ? ESCAPE '\\') "
                "AND deleted_at IS NULL LIMIT 6",
                (pattern, pattern),
            )
        ]
        if not found:
            raise NotFoundError(f"no case matches {ref!r}")
        if len(found) > 1:
            raise AmbiguousError(f"{ref!r} matches more than one case; give more of the id or code")
        return found[0]

    @staticmethod
    def _where(flt: CaseFilter) -> tuple[str, list[Any]]:
        return where(flt)

    def case_ids(self, flt: CaseFilter = ALL_CASES) -> list[str]:
        """Ids of the matching cases, newest first: a list model holds these and fetches rows lazily."""
        where, params = self._where(flt)
        return [
            str(r[0])
            for r in self.db.execute(
                f"SELECT c.id FROM cases c WHERE {where} ORDER BY c.created_ts DESC, c.rowid DESC", params
            )
        ]

    def count(self, flt: CaseFilter = ALL_CASES) -> int:
        where, params = self._where(flt)
        return int(self._one(f"SELECT count(*) FROM cases c WHERE {where}", params))

    def rows(self, ids: Sequence[str]) -> dict[str, CaseRow]:
        """List rows for these ids (any order in, a dict out)."""
        out: dict[str, CaseRow] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            cursor = self.db.execute(
                f"SELECT {_ROW_COLUMNS} FROM cases WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
            for r in cursor:
                out[r[0]] = CaseRow(*r)
        return out

    def list_cases(self, flt: CaseFilter = ALL_CASES, limit: int | None = None) -> list[Case]:
        ids = self.case_ids(flt)
        if limit is not None:
            ids = ids[:limit]
        return [self.get_case(i) for i in ids]

    def status_counts(self) -> dict[str, int]:
        return {
            str(s): int(n)
            for s, n in self.db.execute("SELECT status, count(*) FROM cases WHERE deleted_at IS NULL GROUP BY status")
        }

    def nearby(
        self, type_code: str, lat: float, lon: float, since_ts: float, *, exclude: str, box_deg: float
    ) -> list[Case]:
        """Cases of a type inside a small lat/lon box created since a time (candidates; caller measures)."""
        ids = [
            str(r[0])
            for r in self.db.execute(
                "SELECT id FROM cases WHERE deleted_at IS NULL AND type = ? AND id != ? AND created_ts >= ? "
                "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                (type_code, exclude, since_ts, lat - box_deg, lat + box_deg, lon - box_deg, lon + box_deg),
            )
        ]
        return [self.get_case(i) for i in ids]

    def all_case_ids(self, *, include_deleted: bool = True) -> list[str]:
        sql = "SELECT id FROM cases" + ("" if include_deleted else " WHERE deleted_at IS NULL")
        return [str(r[0]) for r in self.db.execute(sql)]

    def _case_from_row(self, row: dict[str, Any], photos: list[Photo]) -> Case:
        location = None
        if row["lat"] is not None and row["lon"] is not None:
            location = Location(row["lat"], row["lon"], row["accuracy_m"], row["loc_source"] or "manual")
        return Case(
            id=row["id"],
            code=row["code"],
            type=row["type"],
            subtype=row["subtype"],
            status=row["status"],
            hazard=row["hazard"],
            location=location,
            address=row["address"],
            description=row["description"],
            district=row["district"],
            fields=json.loads(row["fields"]),
            officers=tuple(Officer(o["name"], o["certificate"]) for o in json.loads(row["officers"])),
            photos=tuple(photos),
            inspector=row["inspector"],
            device=row["device"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            observed_at=row["observed_at"],
            official_number=row["official_number"],
            grid=row["grid"],
            sync=row["sync"],
            review_note=row["review_note"],
            revision=row["revision"],
        )

    # ------------------------------------------------------------ photos

    def photos(self, case_id: str) -> list[Photo]:
        return [
            Photo(
                sha256=r["sha256"],
                size=r["size"],
                taken_at=r["taken_at"],
                lat=r["lat"],
                lon=r["lon"],
                width=r["width"],
                height=r["height"],
                make=r["make"],
                model=r["model"],
                kind=r["kind"],
                note=r["note"],
                orientation=r["orientation"],
                alt=r["alt"],
                format=r["format"],
                added_at=r["added_at"],
                local=bool(r["local"]),
            )
            for r in self.db.query("SELECT * FROM photos WHERE case_id = ? ORDER BY position", [case_id])
        ]

    def add_photo(self, case_id: str, photo: Photo, thumbnail: bytes) -> bool:
        """Add an evidence item; False if these bytes are already evidence of this case."""
        with self.transaction():
            exists = self._one("SELECT 1 FROM photos WHERE case_id = ? AND sha256 = ?", (case_id, photo.sha256))
            if exists:
                return False
            position = int(self._one("SELECT coalesce(max(position), 0) + 1 FROM photos WHERE case_id = ?", (case_id,)))
            self.db.execute(
                "INSERT INTO photos (case_id, sha256, position, size, format, taken_at, lat, lon, alt, "
                "width, height, make, model, orientation, kind, note, added_at, local) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    case_id,
                    photo.sha256,
                    position,
                    photo.size,
                    photo.format,
                    photo.taken_at,
                    photo.lat,
                    photo.lon,
                    photo.alt,
                    photo.width,
                    photo.height,
                    photo.make,
                    photo.model,
                    photo.orientation,
                    photo.kind,
                    photo.note,
                    photo.added_at or now_iso(),
                    1,
                ),
            )
            self.db.execute("INSERT OR IGNORE INTO thumbnails(sha256, jpeg) VALUES (?, ?)", (photo.sha256, thumbnail))
            self.db.execute("UPDATE cases SET photo_count = photo_count + 1 WHERE id = ?", (case_id,))
            return True

    def remove_photo(self, case_id: str, sha256: str) -> None:
        with self.transaction():
            cursor = self.db.execute("DELETE FROM photos WHERE case_id = ? AND sha256 = ?", (case_id, sha256))
            if cursor.rowcount != 1:
                raise NotFoundError(f"case {case_id} has no photo {sha256}")
            self.db.execute("UPDATE cases SET photo_count = photo_count - 1 WHERE id = ?", (case_id,))
            if not self.db.execute("SELECT 1 FROM photos WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone():
                self.db.execute("DELETE FROM thumbnails WHERE sha256 = ?", (sha256,))

    def set_photo(self, case_id: str, sha256: str, *, kind: str | None = None, note: str | None = None) -> None:
        with self.transaction():
            if kind is not None:
                self.db.execute("UPDATE photos SET kind = ? WHERE case_id = ? AND sha256 = ?", (kind, case_id, sha256))
            if note is not None:
                self.db.execute("UPDATE photos SET note = ? WHERE case_id = ? AND sha256 = ?", (note, case_id, sha256))

    def thumbnail(self, sha256: str) -> bytes | None:
        value = self._one("SELECT jpeg FROM thumbnails WHERE sha256 = ?", (sha256,))
        return bytes(value) if value is not None else None

    def first_thumbnails(self, case_ids: Sequence[str]) -> dict[str, bytes]:
        if not case_ids:
            return {}
        marks = ",".join("?" * len(case_ids))
        return {
            str(r[0]): bytes(r[1])
            for r in self.db.execute(
                f"SELECT p.case_id, t.jpeg FROM photos p JOIN thumbnails t ON t.sha256 = p.sha256 "
                f"WHERE p.case_id IN ({marks}) AND p.position = "
                f"(SELECT min(position) FROM photos q WHERE q.case_id = p.case_id)",
                list(case_ids),
            )
        }

    def photo_hashes(self) -> list[tuple[str, str, int, bool]]:
        """(case_id, sha256, size, local) of every evidence item."""
        return [
            (str(a), str(b), int(c), bool(d))
            for a, b, c, d in self.db.execute(
                "SELECT case_id, sha256, size, local FROM photos ORDER BY case_id, position"
            )
        ]

    # ------------------------------------------------------------ audit

    _AUDIT_COLUMNS = "case_id, seq, at, actor, role, device, action, from_state, to_state, changes, prev, hash"

    @staticmethod
    def _event(r: Sequence[Any]) -> AuditEvent:
        """An audit row (in _AUDIT_COLUMNS order) as the domain's event."""
        return AuditEvent(
            seq=r[1],
            case_id=r[0],
            at=r[2],
            actor=r[3],
            role=r[4],
            device=r[5],
            action=r[6],
            from_state=r[7],
            to_state=r[8],
            changes=json.loads(r[9]),
            prev=r[10],
            hash=r[11],
        )

    def audit(self, case_id: str) -> list[AuditEvent]:
        return [
            self._event(r)
            for r in self.db.execute(
                f"SELECT {self._AUDIT_COLUMNS} FROM audit WHERE case_id = ? ORDER BY seq", (case_id,)
            )
        ]

    def audit_by_case(self) -> Iterator[tuple[str, list[AuditEvent]]]:
        """Every case's chain, one case at a time, in one pass over the table (for `check`)."""
        current: str | None = None
        events: list[AuditEvent] = []
        for r in self.db.execute(f"SELECT {self._AUDIT_COLUMNS} FROM audit ORDER BY case_id, seq"):
            if r[0] != current:
                if current is not None:
                    yield current, events
                current, events = r[0], []
            events.append(self._event(r))
        if current is not None:
            yield current, events

    def audit_case_ids(self) -> list[str]:
        return [str(r[0]) for r in self.db.execute("SELECT DISTINCT case_id FROM audit")]

    def append_events(self, events: Sequence[AuditEvent]) -> None:
        """Store events that continue a case's chain, and move the chain head the case row records
        (so a removed last event is noticed too). The caller has checked that they continue it."""
        if not events:
            return
        with self.transaction():
            for e in events:
                self.db.execute(
                    f"INSERT INTO audit ({self._AUDIT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        e.case_id,
                        e.seq,
                        e.at,
                        e.actor,
                        e.role,
                        e.device,
                        e.action,
                        e.from_state,
                        e.to_state,
                        json.dumps(e.changes, ensure_ascii=False, sort_keys=True),
                        e.prev,
                        e.hash,
                    ),
                )
            last = events[-1]
            self.db.execute(
                "UPDATE cases SET audit_seq = ?, audit_head = ? WHERE id = ?", (last.seq, last.hash, last.case_id)
            )
            # A reassignment moves the field work: who holds it now (the lists read it).
            moved = next((e for e in reversed(events) if e.action == "reassign" and e.changes.get("to")), None)
            if moved is not None:
                self.db.execute("UPDATE cases SET assignee = ? WHERE id = ?", (str(moved.changes["to"]), moved.case_id))

    def record(
        self,
        case_id: str,
        *,
        actor: str | None,
        role: str,
        device: str | None,
        action: str,
        from_state: str | None,
        to_state: str | None,
        changes: dict[str, Any] | None = None,
        at: str | None = None,
    ) -> AuditEvent:
        """Append the next event to a case's chain (inside the caller's transaction, if any)."""
        with self.transaction():
            last = self.db.execute(
                f"SELECT {self._AUDIT_COLUMNS} FROM audit WHERE case_id = ? ORDER BY seq DESC LIMIT 1", (case_id,)
            ).fetchone()
            event = make_event(
                self._event(last) if last else None,
                case_id=case_id,
                at=at or now_iso(),
                actor=actor,
                role=role,
                device=device,
                action=action,
                from_state=from_state,
                to_state=to_state,
                changes=changes,
            )
            self.append_events([event])
            return event

    def audit_heads(self) -> dict[str, tuple[int, str | None, str]]:
        """Each case's recorded chain head: (seq, hash, status)."""
        return {
            str(r[0]): (int(r[1]), r[2], str(r[3]))
            for r in self.db.execute("SELECT id, audit_seq, audit_head, status FROM cases")
        }

    def integrity_problems(self) -> list[str]:
        rows = [str(r[0]) for r in self.db.execute("PRAGMA integrity_check")]
        problems = [] if rows == ["ok"] else [f"database: {r}" for r in rows]
        problems += [f"database: foreign key broken in {r[0]}" for r in self.db.execute("PRAGMA foreign_key_check")]
        return problems

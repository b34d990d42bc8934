"""The tablet's sync engine: one full push and pull, made of the pure decisions in `sync.plan`.

Order: photos first (ask which hashes the server lacks, upload each from the
server's durable offset), then cases in batches (only those whose photos the
server holds), then the change feed. A cut at any point leaves the outbox and
the cursor as they were before the unfinished step, so the next run resumes.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.maps.grids import refresh_grids
from storage.blobs import BlobStore
from storage.repository import Repository
from storage.sync_store import OutboxEntry, SyncStore
from sync import plan
from sync import protocol as p
from sync.client import CONFLICT, PROTOCOL, SyncClient, SyncError

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (phase, done, total): phases "photos" (bytes), "cases"


@dataclass
class SyncReport:
    photos_uploaded: int = 0
    bytes_uploaded: int = 0
    cases_sent: int = 0
    cases_accepted: int = 0
    cases_already: int = 0
    cases_parked: list[str] = field(default_factory=list)
    changes_pulled: int = 0
    conflicts: list[str] = field(default_factory=list)
    left: int = 0
    error: str | None = None
    error_kind: str | None = None
    clock_offset_s: float | None = None

    @property
    def complete(self) -> bool:
        return self.error is None and self.left == 0 and not self.cases_parked

    def to_json(self) -> dict[str, Any]:
        return {
            "photos_uploaded": self.photos_uploaded,
            "bytes_uploaded": self.bytes_uploaded,
            "cases_sent": self.cases_sent,
            "cases_accepted": self.cases_accepted,
            "cases_already": self.cases_already,
            "cases_parked": self.cases_parked,
            "changes_pulled": self.changes_pulled,
            "conflicts": self.conflicts,
            "left": self.left,
            "error": self.error,
            "error_kind": self.error_kind,
            "clock_offset_s": self.clock_offset_s,
            "complete": self.complete,
        }


def _pending(entry: OutboxEntry) -> plan.PendingCase:
    return plan.PendingCase(
        entry.case_id,
        entry.revision,
        tuple((s, n) for s, n, _ in entry.photos),
        entry.attempts,
        entry.next_attempt_ts,
    )


class SyncEngine:
    def __init__(
        self,
        repo: Repository,
        originals: BlobStore,
        client: SyncClient,
        *,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.time,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.repo = repo
        self.store = SyncStore(repo)
        self.originals = originals
        self.client = client
        self.rng = rng or random.Random()
        self.clock = clock
        self.progress = progress
        self.cancelled = cancelled or (lambda: False)

    def run(self) -> SyncReport:
        report = SyncReport()
        due: list[plan.PendingCase] = []
        try:
            report.clock_offset_s = self._measure_clock()
            self._server_key()
            entries = {(e.case_id, e.revision): e for e in self.store.outbox()}
            due = plan.due([_pending(e) for e in entries.values()], self.clock())
            present = self._push_photos(due, entries, report)
            self._push_cases(due, present, report)
            due = []
            self._pull(report)
            self._grids()
        except SyncError as exc:
            report.error, report.error_kind = str(exc), exc.kind
            log.warning("sync stopped: %s (%s)", exc, exc.kind)
            now = self.clock()
            still_queued = {(e.case_id, e.revision) for e in self.store.outbox()}
            for item in due:
                if (item.case_id, item.revision) in still_queued:
                    decision = plan.after_failure(item, now, self.rng, str(exc))
                    self.store.retry_later(item.case_id, item.revision, decision.next_attempt_ts, decision.message)
        report.left = self.store.pending_count()
        if report.error is None:
            self.repo.set_meta("last_sync_at", datetime.now().astimezone().isoformat(timespec="seconds"))
        return report

    def _measure_clock(self) -> float | None:
        before = self.clock()
        health = self.client.health()
        after = self.clock()
        try:
            server = datetime.fromisoformat(health.time).timestamp()
        except ValueError:
            return None
        offset = server - (before + after) / 2
        with self.repo.transaction():
            self.repo.set_meta("clock_offset_s", f"{offset:.3f}")
            self.repo.set_meta("clock_offset_at", datetime.now().astimezone().isoformat(timespec="seconds"))
        return offset

    def _server_key(self) -> None:
        """The server's public key (GET /keys), which signs its receipts and events: kept in meta
        `server_key` for `check` and the bundles. A server from before signed evidence has none."""
        response = self.client.request("GET", "/keys", ok=(200, 404))
        if response.status_code != 200:
            return
        try:
            info = p.KeysResponse.model_validate_json(response.content).server
        except ValueError as exc:
            log.warning("the server's key is not readable: %s", exc)
            return
        entry = json.dumps(
            {"fingerprint": info.fingerprint, "public_key": info.public_key, "server": self.client.base_url},
            sort_keys=True,
        )
        known = self.repo.meta("server_key")
        if known != entry:
            if known:
                log.warning("the server's key changed: now %s", info.fingerprint)
            self.repo.set_meta("server_key", entry)

    # ------------------------------------------------------------ phase 1: photos

    def _push_photos(
        self, due: list[plan.PendingCase], entries: dict[tuple[str, int], OutboxEntry], report: SyncReport
    ) -> set[str]:
        photos = plan.photos_of(due)
        if not photos:
            return set()
        answer = self.client.missing([sha for sha, _ in photos])
        uploads = plan.upload_plan(photos, answer.missing, answer.offsets)
        local = {sha for e in entries.values() for sha, _, is_local in e.photos if is_local}
        total = sum(u.size - u.offset for u in uploads)
        done_bytes = 0
        uploaded: set[str] = set()

        def tick(n: int) -> None:
            self._tick("photos", done_bytes + n, total)

        for upload in uploads:
            if self.cancelled():
                raise SyncError("cancelled", "sync cancelled")
            if upload.sha256 not in local or not self.originals.has(upload.sha256):
                log.error("photo %s is not on this tablet and the server lacks it", upload.sha256)
                continue
            sent = self._upload(upload, tick)
            done_bytes += upload.size - upload.offset
            report.photos_uploaded += 1
            report.bytes_uploaded += sent
            uploaded.add(upload.sha256)
        lacking = set(answer.missing) - uploaded
        return {sha for sha, _ in photos if sha not in lacking}

    def _upload(self, upload: plan.Upload, tick: Callable[[int], None]) -> int:
        """Send one photo from the server's offset; a 409 (offset moved) resumes from the server's."""
        offset, sent, conflicts = upload.offset, 0, 0
        with self.originals.open(upload.sha256) as fh:
            while offset < upload.size:
                end = min(upload.size, offset + p.CHUNK_SIZE)
                fh.seek(offset)
                data = fh.read(end - offset)
                try:
                    new_offset = self.client.upload_chunk(upload.sha256, offset, upload.size, data)
                except SyncError as exc:
                    if exc.kind != CONFLICT or conflicts >= 3:
                        raise
                    conflicts += 1
                    offset = self.client.upload_state(upload.sha256).offset
                    continue
                sent += len(data)
                tick(sent)
                if new_offset <= offset:
                    raise SyncError(PROTOCOL, f"the server made no progress on photo {upload.sha256}")
                offset = new_offset
        return sent

    def _tick(self, phase: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(phase, done, total)

    # ------------------------------------------------------------ phase 2: cases

    def _push_cases(self, due: list[plan.PendingCase], present: set[str], report: SyncReport) -> None:
        ready = plan.ready(due, present)
        waiting = [i for i in due if i not in ready]
        now = self.clock()
        for item in waiting:
            self.store.retry_later(
                item.case_id, item.revision, now + plan.MISSING_PHOTOS_RETRY_S, "waiting for photos to upload"
            )
        sent = 0
        for batch in plan.batches(ready):
            if self.cancelled():
                raise SyncError("cancelled", "sync cancelled")
            envelopes = [self._envelope(item) for item in batch]
            answer = self.client.send_cases(p.CaseBatch(cases=envelopes))
            results = {(r.id, r.revision): r for r in answer.results}
            report.cases_sent += len(batch)
            for item in batch:
                result = results.get((item.case_id, item.revision))
                outcome = result.outcome if result else "missing_result"
                decision = plan.after_result(
                    item,
                    outcome,
                    self.clock(),
                    self.rng,
                    result.message if result else "no answer for this case",
                )
                if decision.kind == "done":
                    self.store.complete(item.case_id, item.revision, outcome, result.receipt if result else None)
                    if outcome == "accepted":
                        report.cases_accepted += 1
                    else:
                        report.cases_already += 1
                elif decision.kind == "park":
                    self.store.park(item.case_id, item.revision, decision.message)
                    report.cases_parked.append(f"{item.case_id}: {decision.message}")
                else:
                    self.store.retry_later(item.case_id, item.revision, decision.next_attempt_ts, decision.message)
            sent += len(batch)
            self._tick("cases", sent, len(ready))

    def _envelope(self, item: plan.PendingCase) -> p.CaseEnvelope:
        # With the signatures (docs/evidence.md): in the event's extra key and the photo entries, which
        # servers from before signed evidence accept and store as they are.
        payload = self.store.signed_envelope(item.case_id, item.revision)
        return p.CaseEnvelope(
            id=item.case_id,
            revision=item.revision,
            case=payload["case"],
            events=[p.AuditEventWire.model_validate(e) for e in payload["events"]],
        )

    # ------------------------------------------------------------ phase 3: changes

    def _grids(self) -> None:
        """The bureau's grids, fetched only when their version changed; a failure never fails the sync."""
        try:
            refresh_grids(
                self.repo.path.parent, lambda h: self.client.request("GET", "/grids", headers=h, ok=(200, 304))
            )
        except Exception as exc:  # noqa: BLE001 - the grids wait for the next sync
            log.warning("grids not refreshed: %s", exc)

    def _pull(self, report: SyncReport) -> None:
        while True:
            if self.cancelled():
                raise SyncError("cancelled", "sync cancelled")
            answer = self.client.changes(self.store.cursor())
            changes = [c.model_dump(mode="json", by_alias=True) for c in answer.changes]
            report.conflicts.extend(self.store.apply_changes(changes, answer.next_cursor))
            report.changes_pulled += len(changes)
            if not answer.more or not answer.changes:
                return

"""The tablet's use-cases: what the CLI and the UI ask of Fieldcase, in one place.

Each use-case validates against the catalogue and the state machine, writes the
change and its audit event in one transaction, and returns domain objects.
"""

from __future__ import annotations

import contextlib
import logging
import math
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain import states
from app.domain.audit import AuditEvent, chain_problems
from app.domain.case import (
    MAX_ADDRESS,
    MAX_DESCRIPTION,
    MAX_NOTE,
    Case,
    Location,
    Officer,
    Photo,
    check_location,
    check_officer,
    check_submittable,
    check_text,
    next_kind,
    parse_fields,
    parse_officer,
)
from app.domain.catalogue import Catalogue, load_catalogue
from app.domain.errors import Problem, StateRefusedError, ValidationError
from app.paths import DataPaths, resources_dir
from app.settings import Settings
from storage.blobs import BlobStore
from storage.errors import PhotoError
from storage.repository import ALL_CASES, CaseFilter, CaseRow, Repository, now_iso
from storage.sync_store import PARKED, SyncStore
from storage.vault import file_cipher, prepare_folder

if TYPE_CHECKING:  # the sync stack and the photo decoder load when first used, not at start-up
    from app.evidence.custody import Custody
    from storage.photos import PhotoInfo, PhotoIngestor
    from sync.client import SyncClient
    from sync.engine import SyncReport

log = logging.getLogger(__name__)

DUPLICATE_RADIUS_M = 30.0
DUPLICATE_WINDOW = timedelta(days=7)
_UNSET: Any = object()


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6,371,008.8 m)."""
    r = 6371008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class CheckReport:
    cases: int = 0
    photos_checked: int = 0
    photos_remote: int = 0
    events: int = 0
    signatures_verified: int = 0
    events_unsigned: int = 0
    photos_unsigned: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "cases": self.cases,
            "photos_checked": self.photos_checked,
            "photos_not_on_device": self.photos_remote,
            "audit_events": self.events,
            "signatures_verified": self.signatures_verified,
            "events_unsigned": self.events_unsigned,
            "photos_unsigned": self.photos_unsigned,
            "problems": self.problems,
        }


@dataclass(frozen=True)
class PhotoFailure:
    path: str
    reason: str


ProgressFn = Callable[[int, int, str], None]


class Tablet:
    """One data folder opened for work: the repository, the evidence stores and who is working."""

    def __init__(self, data_dir: Path, *, catalogue: Catalogue | None = None, sign: bool = True) -> None:
        self.paths = DataPaths(data_dir)
        self.paths.root.mkdir(parents=True, exist_ok=True)
        # Encryption at rest: the folder's key from the key store (or a new one; an old plain
        # folder is encrypted here, once). The repository finds the key by the folder's marker.
        key = prepare_folder(
            self.paths.root, self.paths.database, {"originals": self.paths.originals, "previews": self.paths.previews}
        )
        self.settings = Settings(self.paths.settings)
        self.catalogue = catalogue or load_catalogue(resources_dir() / "catalogue.json")
        self.repo = Repository(self.paths.database)
        self.originals = BlobStore(self.paths.originals, cipher=file_cipher(key, "originals") if key else None)
        self.previews = BlobStore(self.paths.previews, cipher=file_cipher(key, "previews") if key else None)
        self._ingestor: PhotoIngestor | None = None
        self.device = self.repo.device_id()
        self.sync_store = SyncStore(self.repo)
        self.sign = sign  # sign events and photo records with the device key (off only to measure its cost)
        self._custody: Custody | None = None

    def close(self) -> None:
        if self._ingestor is not None:
            self._ingestor.close()
            self._ingestor = None
        self.repo.close()

    def __enter__(self) -> Tablet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def custody(self) -> Custody:
        """The device key and the signatures it makes (app.evidence), loaded at first need."""
        if self._custody is None:
            from app.evidence.custody import Custody

            self._custody = Custody(self.repo, self.device)
        return self._custody

    @property
    def ingestor(self) -> PhotoIngestor:
        if self._ingestor is None:
            from storage.photos import PhotoIngestor

            self._ingestor = PhotoIngestor(self.originals, self.previews)
        return self._ingestor

    # ------------------------------------------------------------ who is working

    @property
    def inspector(self) -> str:
        return self.repo.working_inspector()

    @property
    def district(self) -> str | None:
        return self.repo.meta("session_district") or self.repo.meta("district")

    # ------------------------------------------------------------ reading

    def resolve(self, ref: str) -> str:
        return self.repo.resolve(ref)

    def case(self, ref: str) -> Case:
        return self.repo.get_case(self.repo.resolve(ref))

    def cases(self, flt: CaseFilter = ALL_CASES) -> list[Case]:
        return self.repo.list_cases(flt)

    def case_ids(self, flt: CaseFilter = ALL_CASES) -> list[str]:
        return self.repo.case_ids(flt)

    def rows(self, ids: Sequence[str]) -> dict[str, CaseRow]:
        return self.repo.rows(ids)

    def log(self, ref: str) -> list[AuditEvent]:
        case_id = self.repo.resolve(ref)
        return self.repo.audit(case_id)

    def possible_duplicates(self, case: Case) -> list[tuple[Case, float]]:
        """Cases of the same type within 30 m and 7 days of this one, nearest first."""
        if case.location is None:
            return []
        created = datetime.fromisoformat(case.created_at)
        since = (created - DUPLICATE_WINDOW).timestamp()
        box = DUPLICATE_RADIUS_M / 111_000 / max(0.1, math.cos(math.radians(case.location.lat)))
        found = []
        for other in self.repo.nearby(
            case.type, case.location.lat, case.location.lon, since, exclude=case.id, box_deg=box
        ):
            if other.location is None:
                continue
            if abs(datetime.fromisoformat(other.created_at) - created) > DUPLICATE_WINDOW:
                continue
            d = distance_m(case.location.lat, case.location.lon, other.location.lat, other.location.lon)
            if d <= DUPLICATE_RADIUS_M:
                found.append((other, d))
        return sorted(found, key=lambda pair: pair[1])

    # ------------------------------------------------------------ writing

    def _record(
        self,
        case: Case,
        action: str,
        from_state: str | None,
        to_state: str | None,
        changes: dict[str, Any] | None = None,
        *,
        role: str = "inspector",
        actor: str | None = None,
        at: str | None = None,
    ) -> AuditEvent:
        with self.repo.transaction():
            event = self.repo.record(
                case.id,
                actor=actor or self.inspector,
                role=role,
                device=self.device,
                action=action,
                from_state=from_state,
                to_state=to_state,
                changes=changes,
                at=at,
            )
            if self.sign:
                self.custody.sign_event(event)
        return event

    def new_case(
        self,
        *,
        type: str,
        subtype: str,
        lat: float | None = None,
        lon: float | None = None,
        accuracy_m: float | None = None,
        location_source: str = "manual",
        address: str = "",
        description: str = "",
        fields: dict[str, Any] | None = None,
        officers: Iterable[str | Officer] = (),
        photos: Sequence[Path] = (),
        hazard: str | None = None,
        observed_at: str | None = None,
        case_id: str | None = None,
    ) -> Case:
        """Create a draft; with photos, all are taken or none (and no case is made)."""
        sub = self.catalogue.subtype(type, subtype)
        case_type = self.catalogue.case_type(type)
        problems: list[Problem] = []
        location = None
        if lat is not None or lon is not None:
            try:
                location = check_location(lat, lon, accuracy_m, location_source)
            except ValidationError as exc:
                problems.extend(exc.problems)
        parsed_fields: dict[str, Any] = {}
        parsed_officers: tuple[Officer, ...] = ()
        try:
            parsed_fields = parse_fields(case_type, fields or {}, self.catalogue)
        except ValidationError as exc:
            problems.extend(exc.problems)
        try:
            parsed_officers = self._officers(officers)
        except ValidationError as exc:
            problems.extend(exc.problems)
        try:
            address = check_text("address", address, MAX_ADDRESS)
            description = check_text("description", description, MAX_DESCRIPTION)
        except ValidationError as exc:
            problems.extend(exc.problems)
        if hazard is not None and hazard not in self.catalogue.hazard_codes():
            problems.append(
                Problem(
                    "hazard",
                    f"unknown hazard level {hazard!r} (known: {', '.join(self.catalogue.hazard_codes())})",
                )
            )
        if problems:
            raise ValidationError(problems)
        infos = self._ingest_all(photos)
        now = now_iso()
        case = Case(
            id=case_id or str(uuid.uuid4()),
            code=self.repo.next_code(),
            type=type,
            subtype=subtype,
            status=states.State.DRAFT.value,
            hazard=hazard or sub.hazard,
            location=location,
            address=address,
            description=description,
            district=self.district,
            fields={k: v for k, v in parsed_fields.items() if v is not None},
            officers=parsed_officers,
            photos=(),
            inspector=self.inspector,
            device=self.device,
            created_at=now,
            updated_at=now,
            observed_at=observed_at,
        )
        with self.repo.transaction():
            self.repo.insert_case(case)
            self._record(
                case,
                "create",
                None,
                case.status,
                {
                    "type": type,
                    "subtype": subtype,
                    "hazard": case.hazard,
                    "location": location.to_json() if location else None,
                    "address": address,
                    "description": description,
                    "fields": case.fields,
                    "officers": [o.to_json() for o in case.officers],
                },
            )
            case = self._attach(case, infos, kind=None)
        return self.repo.get_case(case.id)

    def _officers(self, officers: Iterable[str | Officer]) -> tuple[Officer, ...]:
        out = []
        for item in officers:
            out.append(parse_officer(item) if isinstance(item, str) else check_officer(item))
        if len({o.certificate for o in out}) < len(out):
            raise ValidationError(Problem("officers", "the same certificate number is listed twice"))
        return tuple(out)

    def _ingest_all(self, paths: Sequence[Path]) -> list[PhotoInfo]:
        """Ingest photos all-or-nothing: on the first bad file, blobs new to this call are removed."""
        infos: list[PhotoInfo] = []
        fresh: list[str] = []
        try:
            for path in paths:
                info = self.ingest_one(Path(path), fresh)
                infos.append(info)
        except BaseException:
            self._forget(fresh)
            raise
        return infos

    def write_shot(self, target: Path, data: bytes) -> Path:
        """Write a camera shot durably to `target` (in incoming/), sealed like the originals: it is
        the only copy until its import, which reads it back (`PhotoIngestor`)."""
        return self.originals.write_loose(target, data)

    def ingest_one(self, path: Path, fresh: list[str] | None = None) -> PhotoInfo:
        """Ingest one file into the evidence stores; `fresh` collects hashes this call added."""
        info = self.ingestor.ingest(path)
        if (
            fresh is not None
            and not self.repo.db.execute("SELECT 1 FROM photos WHERE sha256 = ? LIMIT 1", (info.sha256,)).fetchone()
        ):
            fresh.append(info.sha256)
        return info

    def _forget(self, hashes: list[str]) -> None:
        for sha in hashes:
            if self.repo.db.execute("SELECT 1 FROM photos WHERE sha256 = ? LIMIT 1", (sha,)).fetchone():
                continue
            for store in (self.originals, self.previews):
                with contextlib.suppress(FileNotFoundError, OSError):
                    store.remove(sha)

    def _attach(self, case: Case, infos: Sequence[PhotoInfo], kind: str | None, note: str = "") -> Case:
        """Add ingested photos to a case (inside the caller's transaction)."""
        sub = self.catalogue.subtype(case.type, case.subtype)
        kinds = [p.kind for p in self.repo.photos(case.id)]
        location = case.location
        observed = case.observed_at
        added = []
        for info in infos:
            if kind is not None and kind not in self.catalogue.kind_codes():
                raise ValidationError(Problem("kind", f"unknown kind of shot {kind!r}"))
            photo_kind = kind or next_kind(sub, kinds)
            photo = Photo(
                sha256=info.sha256,
                size=info.size,
                taken_at=info.taken_at,
                lat=info.lat,
                lon=info.lon,
                width=info.width,
                height=info.height,
                make=info.make,
                model=info.model,
                kind=photo_kind,
                note=note,
                orientation=info.orientation,
                alt=info.alt,
                format=info.format,
                added_at=now_iso(),
            )
            if self.repo.add_photo(case.id, photo, info.thumbnail):
                if self.sign:
                    self.custody.sign_photo(case.id, photo, self.inspector)
                kinds.append(photo_kind)
                added.append(photo)
                if location is None and info.lat is not None and info.lon is not None:
                    location = Location(info.lat, info.lon, info.accuracy_m, "photo")
                if observed is None and info.taken_at:
                    observed = info.taken_at
        if not added:
            return case
        changed = case.with_changes(location=location, observed_at=observed, updated_at=now_iso())
        self.repo.update_case(changed)
        changes: dict[str, Any] = {
            "photos": [
                {
                    "sha256": p.sha256,
                    "size": p.size,
                    "kind": p.kind,
                    "taken_at": p.taken_at,
                    "lat": p.lat,
                    "lon": p.lon,
                }
                for p in added
            ]
        }
        if location != case.location and location is not None:
            changes["location"] = location.to_json()
        self._record(case, "add_photos", case.status, case.status, changes)
        return changed

    def _editable(self, case: Case, action: str) -> None:
        if not states.is_editable(case.status):
            raise StateRefusedError(
                f"cannot {action}: case {case.code} is {case.status}; only a draft or a returned case can be changed",
                action=action,
                state=case.status,
                role="inspector",
            )
        self._workable(case, action)

    # ------------------------------------------------------------ reassigned field work

    def reassignment(self, ref: str) -> AuditEvent | None:
        """A supervisor's last reassignment of the case's field work (its latest `reassign` event), if any."""
        case_id = self.repo.resolve(ref)
        return next((e for e in reversed(self.repo.audit(case_id)) if e.action == "reassign"), None)

    def reassigned_away(self, ref: str) -> AuditEvent | None:
        """The reassignment that moved this case's field work to another inspector than the one working
        here: the case is then read-only on this tablet (its reporter keeps it on record)."""
        event = self.reassignment(ref)
        if event is None or event.changes.get("to") == self.inspector:
            return None
        return event

    def _workable(self, case: Case, action: str) -> None:
        away = self.reassigned_away(case.id)
        if away is not None:
            raise StateRefusedError(
                f"cannot {action}: case {case.code} was reassigned to {away.changes.get('to')} "
                f"({away.at[:16].replace('T', ' ')}); it is read-only on this tablet",
                action=action,
                state=case.status,
                role="inspector",
            )

    def fetch_reassigned_photos(self, client: SyncClient) -> int:
        """The originals (and thumbnails) of cases reassigned to the inspector working here that this
        tablet lacks, fetched right after the sync that brought the cases, so that the work can be
        done on site without a signal. Best effort: a failure is logged and the photo is fetched on
        demand later (`original`). Returns how many photos were fetched."""
        rows = self.repo.db.execute(
            "SELECT DISTINCT p.case_id, p.sha256 FROM photos p JOIN cases c ON c.id = p.case_id "
            "WHERE p.local = 0 AND c.status NOT IN ('closed', 'rejected', 'duplicate') "
            "AND EXISTS (SELECT 1 FROM audit a WHERE a.case_id = p.case_id AND a.action = 'reassign')"
        ).fetchall()
        held: dict[str, bool] = {}
        fetched = 0
        for case_id, sha256 in rows:
            if case_id not in held:
                event = self.reassignment(case_id)
                held[case_id] = event is not None and event.changes.get("to") == self.inspector
            if not held[case_id]:
                continue
            try:
                if not self.originals.has(sha256):
                    self._download(client, sha256)
                    fetched += 1
                self.sync_store.mark_local(sha256)
                if self.repo.thumbnail(sha256) is None:
                    thumbnail = self.ingestor.thumbnail_of(sha256)
                    with self.repo.transaction():
                        self.repo.db.execute(
                            "INSERT OR IGNORE INTO thumbnails(sha256, jpeg) VALUES (?, ?)", (sha256, thumbnail)
                        )
            except Exception as exc:  # noqa: BLE001 - the photo is fetched on demand later
                log.warning("photo %s of reassigned case %s not fetched: %s", sha256[:12], case_id, exc)
        return fetched

    def add_photos(self, ref: str, paths: Sequence[Path], *, kind: str | None = None, note: str = "") -> Case:
        """Add evidence, all-or-nothing (the CLI's `case add-photos`)."""
        case = self.case(ref)
        self._editable(case, "add photos")
        if kind is not None and kind not in self.catalogue.kind_codes():
            raise ValidationError(Problem("kind", f"unknown kind of shot {kind!r}"))
        infos = self._ingest_all(paths)
        with self.repo.transaction():
            case = self.repo.get_case(case.id)
            self._attach(case, infos, kind, note)
        return self.repo.get_case(case.id)

    def import_photos(
        self,
        ref: str,
        paths: Sequence[Path],
        *,
        progress: ProgressFn | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> tuple[Case, list[PhotoFailure]]:
        """Add photos one by one (the app's import): good files are kept, bad ones reported."""
        case = self.case(ref)
        self._editable(case, "add photos")
        failures: list[PhotoFailure] = []
        total = len(paths)
        for index, path in enumerate(paths):
            if cancelled and cancelled():
                break
            if progress:
                progress(index, total, str(path))
            try:
                info = self.ingest_one(Path(path))
            except PhotoError as exc:
                failures.append(PhotoFailure(str(path), exc.reason))
                continue
            with self.repo.transaction():
                self._attach(self.repo.get_case(case.id), [info], None)
        if progress:
            progress(total, total, "")
        return self.repo.get_case(case.id), failures

    def edit_case(
        self,
        ref: str,
        *,
        subtype: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
        accuracy_m: float | None = _UNSET,
        location_source: str = "manual",
        address: str | None = None,
        description: str | None = None,
        fields: dict[str, Any] | None = None,
        officers: Sequence[str | Officer] | None = None,
        hazard: str | None = None,
        photo_kinds: dict[str, str] | None = None,
        photo_notes: dict[str, str] | None = None,
        photos: Sequence[Path] = (),
    ) -> Case:
        """Change a draft or a returned case; `fields` merges (a value of "" clears a field)."""
        case = self.case(ref)
        self._editable(case, "edit")
        case_type = self.catalogue.case_type(case.type)
        changes: dict[str, Any] = {}
        problems: list[Problem] = []
        new = case
        if subtype is not None and subtype != case.subtype:
            self.catalogue.subtype(case.type, subtype)
            new = new.with_changes(subtype=subtype)
            changes["subtype"] = subtype
        if lat is not None or lon is not None:
            acc = None if accuracy_m is _UNSET else accuracy_m
            try:
                location = check_location(
                    lat if lat is not None else (case.location.lat if case.location else None),
                    lon if lon is not None else (case.location.lon if case.location else None),
                    acc,
                    location_source,
                )
                new = new.with_changes(location=location)
                changes["location"] = location.to_json()
            except ValidationError as exc:
                problems.extend(exc.problems)
        for name, value, limit in (
            ("address", address, MAX_ADDRESS),
            ("description", description, MAX_DESCRIPTION),
        ):
            if value is not None:
                try:
                    text = check_text(name, value, limit)
                    new = new.with_changes(**{name: text})
                    changes[name] = text
                except ValidationError as exc:
                    problems.extend(exc.problems)
        if fields:
            try:
                parsed = parse_fields(case_type, fields, self.catalogue)
                merged = {**case.fields, **parsed}
                merged = {k: v for k, v in merged.items() if v is not None}
                new = new.with_changes(fields=merged)
                changes["fields"] = parsed
            except ValidationError as exc:
                problems.extend(exc.problems)
        if officers is not None:
            try:
                parsed_officers = self._officers(officers)
                new = new.with_changes(officers=parsed_officers)
                changes["officers"] = [o.to_json() for o in parsed_officers]
            except ValidationError as exc:
                problems.extend(exc.problems)
        if hazard is not None:
            if hazard not in self.catalogue.hazard_codes():
                problems.append(Problem("hazard", f"unknown hazard level {hazard!r}"))
            else:
                new = new.with_changes(hazard=hazard)
                changes["hazard"] = hazard
        photo_changes = self._photo_edits(case, photo_kinds or {}, photo_notes or {}, problems)
        if problems:
            raise ValidationError(problems)
        infos = self._ingest_all(photos)
        with self.repo.transaction():
            if changes:
                new = new.with_changes(updated_at=now_iso())
                self.repo.update_case(new)
            for sha, kind, note in photo_changes:
                self.repo.set_photo(case.id, sha, kind=kind, note=note)
            if photo_changes:
                changes["photo_edits"] = [
                    {"sha256": s, **({"kind": k} if k else {}), **({"note": n} if n is not None else {})}
                    for s, k, n in photo_changes
                ]
            if changes:
                self._record(case, "edit", case.status, case.status, changes)
            if infos:
                self._attach(self.repo.get_case(case.id), infos, None)
        return self.repo.get_case(case.id)

    def _photo_edits(
        self, case: Case, kinds: dict[str, str], notes: dict[str, str], problems: list[Problem]
    ) -> list[tuple[str, str | None, str | None]]:
        out: dict[str, list[str | None]] = {}
        for prefix, kind in kinds.items():
            sha = self._photo_by_prefix(case, prefix, problems)
            if sha is None:
                continue
            if kind not in self.catalogue.kind_codes():
                problems.append(
                    Problem(
                        "photo_kind",
                        f"unknown kind of shot {kind!r} (known: {', '.join(self.catalogue.kind_codes())})",
                    )
                )
                continue
            out.setdefault(sha, [None, None])[0] = kind
        for prefix, note in notes.items():
            sha = self._photo_by_prefix(case, prefix, problems)
            if sha is None:
                continue
            try:
                out.setdefault(sha, [None, None])[1] = check_text("note", note, MAX_NOTE)
            except ValidationError as exc:
                problems.extend(exc.problems)
        return [(sha, k, n) for sha, (k, n) in out.items()]

    @staticmethod
    def _photo_by_prefix(case: Case, prefix: str, problems: list[Problem]) -> str | None:
        matches = [p.sha256 for p in case.photos if p.sha256.startswith(prefix.lower())]
        if len(matches) != 1:
            problems.append(Problem("photo", f"{prefix!r} matches {len(matches)} photos of {case.code}"))
            return None
        return matches[0]

    def remove_photo(self, ref: str, sha256: str) -> Case:
        """Take a photo out of a draft or returned case (a wrong import); the audit trail keeps its hash."""
        case = self.case(ref)
        self._editable(case, "remove a photo")
        problems: list[Problem] = []
        sha = self._photo_by_prefix(case, sha256, problems)
        if sha is None:
            raise ValidationError(problems)
        photo = next(p for p in case.photos if p.sha256 == sha)
        with self.repo.transaction():
            self.repo.remove_photo(case.id, sha)
            self.repo.update_case(case.with_changes(updated_at=now_iso()))
            self._record(case, "remove_photo", case.status, case.status,
                         {"photo": {"sha256": sha, "size": photo.size, "kind": photo.kind}})
        # A file no case holds any more goes too: a wrong import may be a private picture.
        self._forget([sha])
        return self.repo.get_case(case.id)

    def verify(self, ref: str, *, confirm: bool, photos: Sequence[Path], note: str = "") -> Case:
        """Answer a verification task on site: after-photos, then confirm (verified) or dispute (rework).

        The answer is a new revision of the case, queued for sync like a submit.
        """
        case = self.case(ref)
        action = "confirm" if confirm else "dispute"
        target = states.apply(case.status, action, "inspector")
        self._workable(case, action)
        if not photos:
            raise ValidationError(Problem("photos", f"{action}: at least one after-disposal photo is required"))
        note = check_text("note", note, MAX_NOTE)
        if not confirm and not note:
            raise ValidationError(Problem("note", "dispute: say what is still wrong"))
        infos = self._ingest_all(photos)
        with self.repo.transaction():
            case = self.repo.get_case(case.id)
            attached = self._attach(case, infos, "after_disposal", note)
            revision = case.revision + 1
            answered = attached.with_changes(status=target.value, sync="pending", updated_at=now_iso(),
                                             revision=revision)
            self.repo.update_case(answered)
            self._record(case, action, case.status, target.value,
                         {"note": note, "photos": [i.sha256 for i in infos], "revision": revision})
            self.sync_store.enqueue(case.id, revision)
        return self.repo.get_case(case.id)

    def submit_problems(self, ref: str) -> list[Problem]:
        from app.domain.case import submit_problems

        return submit_problems(self.case(ref), self.catalogue)

    def submit(self, ref: str) -> Case:
        """Validate and lock: the case is queued for sync."""
        case = self.case(ref)
        target = states.apply(case.status, "submit", "inspector")
        self._workable(case, "submit")
        check_submittable(case, self.catalogue)
        with self.repo.transaction():
            revision = case.revision + (1 if case.status == states.State.RETURNED else 0)
            locked = case.with_changes(status=target.value, sync="pending", updated_at=now_iso(), revision=revision)
            self.repo.update_case(locked)
            self._record(case, "submit", case.status, target.value, {"revision": revision})
            # The outbox row is written in the same transaction as the submit it announces.
            self.sync_store.enqueue(case.id, revision)
        return self.repo.get_case(case.id)

    def delete(self, ref: str) -> Case:
        """Withdraw a draft that was never submitted; the audit trail keeps the withdrawal."""
        case = self.case(ref)
        if case.status != states.State.DRAFT or any(e.action == "submit" for e in self.log(case.id)):
            raise StateRefusedError(
                f"cannot delete: case {case.code} is {case.status}; only a draft that was never "
                f"submitted can be withdrawn",
                action="withdraw",
                state=case.status,
                role="inspector",
            )
        at = now_iso()
        with self.repo.transaction():
            self.repo.mark_deleted(case.id, at)
            self._record(case, "withdraw", case.status, None, {}, at=at)
        return self.repo.get_case(case.id, include_deleted=True)

    # ------------------------------------------------------------ sync

    def sync(
        self,
        *,
        progress: Callable[[str, int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        now: bool = True,
        timeout: float = 30.0,
    ) -> SyncReport:
        """One full push and pull with the server; `now` makes waiting entries due at once."""
        from app.accounts import client_for
        from sync.client import SyncError
        from sync.engine import SyncEngine, SyncReport

        if now:
            self.sync_store.retry_all_now()
        try:
            client = client_for(self, timeout=timeout)
        except SyncError as exc:
            return SyncReport(error=str(exc), error_kind=exc.kind, left=self.sync_store.pending_count())
        with client:
            report = SyncEngine(self.repo, self.originals, client, progress=progress, cancelled=cancelled).run()
            if report.error is None:
                self.fetch_reassigned_photos(client)
        if report.error is None:
            self.reclaim_space()
        return report

    def sync_problem(self, case_id: str) -> str | None:
        """Why the server refused this case's latest revision, if it did (None while all is well)."""
        row = self.repo.db.execute(
            "SELECT last_error FROM outbox WHERE case_id = ? AND next_attempt_ts >= ? ORDER BY revision DESC LIMIT 1",
            (case_id, PARKED)).fetchone()
        return str(row[0]) if row and row[0] else None

    def sync_status(self) -> dict[str, Any]:
        from app.accounts import server_url

        return {
            "server": server_url(self),
            "enrolled": bool(self.repo.meta("device_token")),
            "user": self.repo.meta("session_user"),
            "waiting": self.sync_store.pending_count(),
            "last_sync_at": self.repo.meta("last_sync_at"),
            "clock_offset_s": float(self.repo.meta("clock_offset_s") or 0) or None,
        }

    def reclaim_space(self) -> int:
        """Drop originals the server has receipted, older than the configured age (never before)."""
        days = int(self.settings.get("keep_originals_days"))
        if days <= 0:
            return 0
        cutoff = (datetime.now().astimezone() - timedelta(days=days)).isoformat(timespec="seconds")
        dropped = 0
        for sha in self.sync_store.droppable_originals(cutoff):
            self.sync_store.mark_remote(sha)  # first the record, so a crash leaves a spare file, not a gap
            with contextlib.suppress(FileNotFoundError):
                self.originals.remove(sha)
            dropped += 1
        return dropped

    def original(self, sha256: str) -> Path:
        """The original's file, fetched again from the server if it was dropped from this tablet."""
        path = self.originals.path_for(sha256)
        if path.exists():
            return path
        from app.accounts import client_for

        with client_for(self) as client:
            self._download(client, sha256)
        self.sync_store.mark_local(sha256)
        return path

    def _download(self, client: SyncClient, sha256: str) -> None:
        """One original from the server into the originals store, its SHA-256 checked."""
        import tempfile

        from sync.client import SyncError

        with tempfile.TemporaryFile() as tmp:
            client.download(sha256, tmp)
            tmp.seek(0)
            sha, _ = self.originals.put_stream(iter(lambda: tmp.read(1024 * 1024), b""))
        if sha != sha256:
            with contextlib.suppress(FileNotFoundError):
                self.originals.remove(sha)
            raise SyncError("refused", f"the server sent other bytes for photo {sha256}")

    # ------------------------------------------------------------ integrity

    @staticmethod
    def _check_head(case_id: str, events: list[AuditEvent], head: tuple[int, str | None, str],
                    report: CheckReport) -> None:
        """The chain must end where the case row says it does, in the state the case is in."""
        seq, head_hash, status = head
        last = events[-1] if events else None
        if (last.seq if last else 0) != seq or (last.hash if last else None) != head_hash:
            report.problems.append(
                f"case {case_id}: audit trail ends at event {last.seq if last else 0}, but the case "
                f"records {seq} events (an event was removed or added)")
        elif last is not None and last.to_state not in (None, status) and last.action != "withdraw":
            report.problems.append(f"case {case_id}: state {status} differs from its audit trail ({last.to_state})")

    def check(self, progress: ProgressFn | None = None) -> CheckReport:
        """Database integrity, every photo re-hashed, every audit chain verified."""
        report = CheckReport()
        report.problems.extend(self.repo.integrity_problems())
        heads = self.repo.audit_heads()
        report.cases = len(heads)
        seen: set[str] = set()
        signatures = self.custody.checker()
        for case_id, events in self.repo.audit_by_case():
            seen.add(case_id)
            report.events += len(events)
            report.problems.extend(chain_problems(case_id, events))
            signatures.events(case_id, events)
            if case_id not in heads:
                report.problems.append(f"audit events for unknown case {case_id}")
                continue
            self._check_head(case_id, events, heads[case_id], report)
        for case_id in sorted(set(heads) - seen):
            self._check_head(case_id, [], heads[case_id], report)
        hashes = self.repo.photo_hashes()
        signatures.photos(self.custody.store, hashes)
        report.problems.extend(signatures.report.problems)
        report.signatures_verified = signatures.report.verified
        report.events_unsigned = signatures.report.events_unsigned
        report.photos_unsigned = signatures.report.photos_unsigned
        for index, (case_id, sha, size, local) in enumerate(hashes):
            if progress:
                progress(index, len(hashes), sha)
            if not local:
                report.photos_remote += 1
                continue
            report.photos_checked += 1
            path = self.originals.path_for(sha)
            if not path.exists():
                report.problems.append(f"case {case_id}: photo {sha} is missing")
            elif self.originals.size(sha) != size:
                report.problems.append(f"case {case_id}: photo {sha} has the wrong size")
            elif not self.originals.verify(sha):
                report.problems.append(f"case {case_id}: photo {sha} does not match its hash (altered)")
        return report

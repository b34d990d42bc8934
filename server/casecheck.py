"""A case envelope as the tablet sends it, checked without the database: the case JSON against the
catalogue's rules (app.domain.case), its audit chain (app.domain.audit), and the column limits.

The checks are those the tablet made before it let the case be submitted; the server makes
them again because it trusts no client. Every failure is a message an inspector can act on.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from typing import Any

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
    check_text,
    parse_fields,
    submit_problems,
)
from app.domain.catalogue import Catalogue
from app.domain.errors import Problem, ValidationError
from server.inputs import SHA256, storable
from sync.protocol import MAX_PHOTO_BYTES, CaseEnvelope, case_body_hash, without_evidence

MAX_INT = 2**31 - 1
# Lengths of the columns the case's values land in (PostgreSQL enforces them).
_LIMITS = {"code": 64, "device": 64, "district": 32, "grid": 64, "observed_at": 40, "inspector": 100}
# A revision may also answer a verification task: its trail ends in the inspector's confirm or dispute.
ANSWER_STATES = {"confirm": "verified", "dispute": "dispatched"}
_EVENT_LIMITS = {"at": 40, "actor": 100, "role": 16, "device": 64, "action": 32, "from": 16, "to": 16}


class CaseInvalidError(Exception):
    """The envelope cannot be accepted as it is (outcome `invalid`)."""


@dataclass(frozen=True)
class CheckedCase:
    envelope: CaseEnvelope
    body: dict[str, Any]
    body_hash: str
    case: Case
    events: tuple[AuditEvent, ...]
    photos: tuple[dict[str, Any], ...]  # the photo records as sent (with their signed records, if any)
    signatures: tuple[Any, ...] = ()  # each event's "signature" as sent (None if unsigned)

    @property
    def id(self) -> str:
        return self.envelope.id

    @property
    def revision(self) -> int:
        return self.envelope.revision


def _text(raw: dict[str, Any], key: str, problems: list[Problem], *, required: bool = False) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            problems.append(Problem(key, "is required"))
        return None
    if not isinstance(value, str):
        problems.append(Problem(key, "must be text"))
        return None
    if not storable(value):
        problems.append(Problem(key, "contains a NUL character or invalid Unicode"))
        return None
    limit = _LIMITS.get(key)
    if limit is not None and len(value) > limit:
        problems.append(Problem(key, f"longer than {limit} characters"))
        return None
    return value


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _photo(raw: Any, index: int, kinds: tuple[str, ...], problems: list[Problem]) -> Photo | None:
    where = f"photos[{index}]"
    if not isinstance(raw, dict):
        problems.append(Problem(where, "must be an object"))
        return None
    sha = raw.get("sha256")
    size = raw.get("size")
    kind = raw.get("kind")
    if not isinstance(sha, str) or not SHA256.fullmatch(sha):
        problems.append(Problem(where, "sha256 must be 64 lowercase hex digits"))
        return None
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_PHOTO_BYTES:
        problems.append(Problem(where, f"size must be a whole number of bytes, 1..{MAX_PHOTO_BYTES}"))
        return None
    if kind not in kinds:
        problems.append(Problem(where, f"unknown kind of shot {kind!r} (known: {', '.join(kinds)})"))
        return None
    note = raw.get("note") or ""
    if not isinstance(note, str) or len(note) > MAX_NOTE or not storable(note):
        problems.append(Problem(where, f"note must be text of at most {MAX_NOTE} characters"))
        return None
    texts = {}
    for key in ("taken_at", "make", "model"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > 100 or not storable(value)):
            problems.append(Problem(where, f"{key} must be text of at most 100 characters or null"))
            return None
        texts[key] = value
    coords = {}
    for key in ("lat", "lon"):
        value = raw.get(key)
        if value is not None and _number(value) is None:
            problems.append(Problem(where, f"{key} must be a number or null"))
            return None
        coords[key] = _number(value)
    dims = {}
    for key in ("width", "height"):
        value = raw.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10**6:
            problems.append(Problem(where, f"{key} must be a whole number of pixels"))
            return None
        dims[key] = value
    return Photo(
        sha256=sha,
        size=size,
        taken_at=texts["taken_at"],
        lat=coords["lat"],
        lon=coords["lon"],
        width=dims["width"],
        height=dims["height"],
        make=texts["make"],
        model=texts["model"],
        kind=str(kind),
        note=note,
    )


def case_from_json(raw: dict[str, Any], catalogue: Catalogue) -> Case:
    """The domain case a case JSON (INTERFACES.md) describes, or ValidationError with every problem."""
    problems: list[Problem] = []
    type_code, subtype_code = raw.get("type"), raw.get("subtype")
    if not isinstance(type_code, str) or not isinstance(subtype_code, str):
        raise ValidationError(Problem("type", "type and subtype must be catalogue codes"))
    case_type = catalogue.case_type(type_code)
    subtype = catalogue.subtype(type_code, subtype_code)
    hazard = raw.get("hazard") or subtype.hazard
    if hazard not in catalogue.hazard_codes():
        problems.append(Problem("hazard", f"unknown hazard level {hazard!r}"))
    location: Location | None = None
    loc = raw.get("location")
    if loc is not None:
        if not isinstance(loc, dict):
            problems.append(Problem("location", "must be an object with lat, lon, accuracy_m and source"))
        else:
            lat, lon, acc = (loc.get(k) for k in ("lat", "lon", "accuracy_m"))
            if _number(lat) is None or _number(lon) is None or (acc is not None and _number(acc) is None):
                problems.append(Problem("location", "lat, lon and accuracy_m must be numbers"))
            else:
                try:
                    location = check_location(lat, lon, acc, str(loc.get("source", "manual")))
                except ValidationError as exc:
                    problems.extend(exc.problems)
    texts: dict[str, str] = {}
    for key, limit in (("address", MAX_ADDRESS), ("description", MAX_DESCRIPTION)):
        value = raw.get(key) or ""
        if not isinstance(value, str) or not storable(value):
            problems.append(Problem(key, "must be text"))
            continue
        try:
            texts[key] = check_text(key, value, limit)
        except ValidationError as exc:
            problems.extend(exc.problems)
    fields: dict[str, Any] = {}
    raw_fields = raw.get("fields") or {}
    if not isinstance(raw_fields, dict):
        problems.append(Problem("fields", "must be an object"))
    elif any(isinstance(v, dict | list) for v in raw_fields.values()):
        problems.append(Problem("fields", "values must be text, numbers or yes/no"))
    else:
        try:
            fields = {k: v for k, v in parse_fields(case_type, raw_fields, catalogue).items() if v is not None}
        except ValidationError as exc:
            problems.extend(exc.problems)
    officers: list[Officer] = []
    raw_officers = raw.get("officers") or []
    if not isinstance(raw_officers, list):
        problems.append(Problem("officers", "must be a list"))
    else:
        for item in raw_officers:
            if not isinstance(item, dict) or not all(
                isinstance(item.get(k), str) and storable(item[k]) for k in ("name", "certificate")
            ):
                problems.append(Problem("officers", "each officer needs a name and a certificate number"))
                continue
            try:
                officers.append(check_officer(Officer(item["name"].strip(), item["certificate"].strip())))
            except ValidationError as exc:
                problems.extend(exc.problems)
    photos: list[Photo] = []
    raw_photos = raw.get("photos") or []
    if not isinstance(raw_photos, list):
        problems.append(Problem("photos", "must be a list"))
    else:
        kinds = catalogue.kind_codes()
        for index, item in enumerate(raw_photos):
            photo = _photo(item, index, kinds, problems)
            if photo is not None:
                photos.append(photo)
        if len({p.sha256 for p in photos}) != len(photos):
            problems.append(Problem("photos", "the same photo is listed twice"))
    strings = {key: _text(raw, key, problems) for key in ("code", "district", "grid", "device", "observed_at")}
    for key in ("created_at", "updated_at"):
        _text(raw, key, problems, required=True)
    if not strings["code"]:
        problems.append(Problem("code", "is required"))
    if problems:
        raise ValidationError(problems)
    case = Case(
        id=str(raw.get("id")),
        code=strings["code"] or "",
        type=case_type.code,
        subtype=subtype.code,
        status="submitted",
        hazard=str(hazard),
        location=location,
        address=texts.get("address", ""),
        description=texts.get("description", ""),
        district=strings["district"],
        fields=fields,
        officers=tuple(officers),
        photos=tuple(photos),
        inspector=raw.get("inspector") if isinstance(raw.get("inspector"), str) else None,
        device=strings["device"],
        created_at=str(raw.get("created_at")),
        updated_at=str(raw.get("updated_at")),
        observed_at=strings["observed_at"],
        grid=strings["grid"],
    )
    problems = submit_problems(case, catalogue)
    if problems:
        raise ValidationError(problems)
    return case


def _events(envelope: CaseEnvelope) -> tuple[AuditEvent, ...]:
    events: list[AuditEvent] = []
    for wire in envelope.events:
        # The fields and the extras ("from", "to") as sent, without a pydantic dump per event.
        raw = {
            "seq": wire.seq,
            "case_id": wire.case_id,
            "at": wire.at,
            "actor": wire.actor,
            "role": wire.role,
            "device": wire.device,
            "action": wire.action,
            "changes": wire.changes,
            "prev": wire.prev,
            "hash": wire.hash,
            **(wire.model_extra or {}),
        }
        for key, limit in _EVENT_LIMITS.items():
            value = raw.get(key)
            if value is not None and (not isinstance(value, str) or len(value) > limit or not storable(value)):
                raise CaseInvalidError(f"audit event {wire.seq}: {key} is not valid")
        if wire.seq > MAX_INT:
            raise CaseInvalidError(f"audit event {wire.seq}: seq is out of range")
        events.append(AuditEvent.from_json(raw))
    return tuple(events)


def check_envelope(envelope: CaseEnvelope, catalogue: Catalogue) -> CheckedCase:
    """Everything about an envelope that needs no database; CaseInvalidError says what is wrong."""
    body = envelope.case
    try:
        if str(uuid.UUID(envelope.id)) != envelope.id:
            raise ValueError
    except ValueError:
        raise CaseInvalidError("the case id must be a UUID in its canonical lowercase form") from None
    if body.get("id") != envelope.id:
        raise CaseInvalidError("the case JSON's id differs from the envelope's")
    if envelope.revision > MAX_INT:
        raise CaseInvalidError("the revision is out of range")
    if body.get("revision", envelope.revision) != envelope.revision:
        raise CaseInvalidError("the case JSON's revision differs from the envelope's")
    try:
        body_hash = case_body_hash(body)
    except (ValueError, TypeError, UnicodeError, RecursionError) as exc:
        raise CaseInvalidError(f"the case JSON cannot be put in canonical form: {exc}") from None
    try:
        case = case_from_json(body, catalogue)
    except ValidationError as exc:
        raise CaseInvalidError(str(exc)) from None
    if not envelope.events:
        raise CaseInvalidError("the case's audit trail is missing")
    events = _events(envelope)
    try:
        problems = chain_problems(envelope.id, events)
    except (ValueError, TypeError, UnicodeError, RecursionError) as exc:
        raise CaseInvalidError(f"the audit trail cannot be checked: {exc}") from None
    if problems:
        raise CaseInvalidError("the audit trail is broken: " + "; ".join(problems[:3]))
    last_state = next((e.to_state for e in reversed(events) if e.to_state is not None), None)
    answer = ANSWER_STATES.get(events[-1].action)
    if last_state != "submitted" and (answer is None or last_state != answer):
        raise CaseInvalidError(
            f"the audit trail must end in the case's submission or a verification answer (it ends in {last_state})"
        )
    photos = tuple(p for p in body.get("photos", []))
    signatures = tuple((wire.model_extra or {}).get("signature") for wire in envelope.events)
    return CheckedCase(
        envelope=envelope,
        # The body kept is the case itself; the photos' signed records are kept with each photo.
        body=without_evidence(body),
        body_hash=body_hash,
        case=case,
        events=events,
        photos=photos,
        signatures=signatures,
    )

"""The case: its model, its JSON shape (INTERFACES.md) and its validation against the catalogue."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

from app.domain.catalogue import CaseType, Catalogue, FieldSpec, Subtype
from app.domain.errors import Problem, ValidationError
from app.domain.geo import distance_m

LOCATION_SOURCES = ("photo", "device", "manual")
SYNC_STATES = ("local", "pending", "syncing", "synced", "failed")
MAX_ADDRESS = 200
MAX_DESCRIPTION = 4000
MAX_NOTE = 1000
MAX_OFFICER_NAME = 50

_PHONE = re.compile(r"^(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$")
_CERTIFICATE = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff-]{4,32}$")
_USCC = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(body: str) -> str:
    """The 18th character of a resident ID for its first 17 digits (GB 11643, ISO 7064 MOD 11-2)."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]


def valid_id_number(value: str) -> bool:
    """A resident ID (GB 11643, 18 characters with its check digit) or a unified social credit code."""
    value = value.strip().upper()
    if re.fullmatch(r"\d{17}[\dX]", value):
        return id_check_digit(value[:17]) == value[17]
    return bool(_USCC.fullmatch(value))


def valid_phone(value: str) -> bool:
    return bool(_PHONE.fullmatch(value.strip().replace(" ", "")))


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float
    accuracy_m: float | None
    source: str

    def to_json(self) -> dict[str, Any]:
        return {"lat": self.lat, "lon": self.lon, "accuracy_m": self.accuracy_m, "source": self.source}


@dataclass(frozen=True)
class Officer:
    name: str
    certificate: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "certificate": self.certificate}


@dataclass(frozen=True)
class Photo:
    """An evidence item: a photo kept byte for byte, with what was read from it."""

    sha256: str
    size: int
    taken_at: str | None
    lat: float | None
    lon: float | None
    width: int
    height: int
    make: str | None
    model: str | None
    kind: str
    note: str = ""
    orientation: int | None = None
    alt: float | None = None
    format: str = "jpeg"
    added_at: str | None = None
    local: bool = True  # the original is on this device

    def to_json(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "size": self.size,
            "taken_at": self.taken_at,
            "lat": self.lat,
            "lon": self.lon,
            "width": self.width,
            "height": self.height,
            "make": self.make,
            "model": self.model,
            "kind": self.kind,
            "note": self.note,
        }


@dataclass(frozen=True)
class Case:
    id: str
    code: str
    type: str
    subtype: str
    status: str
    hazard: str
    location: Location | None
    address: str
    description: str
    district: str | None
    fields: dict[str, Any]
    officers: tuple[Officer, ...]
    photos: tuple[Photo, ...]
    inspector: str | None
    device: str | None
    created_at: str
    updated_at: str
    observed_at: str | None = None
    official_number: str | None = None
    grid: str | None = None
    sync: str = "local"
    review_note: str | None = None
    revision: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    def with_changes(self, **changes: Any) -> Case:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """The case in the JSON shape of INTERFACES.md: every key always present."""
        out: dict[str, Any] = {
            "id": self.id,
            "code": self.code,
            "official_number": self.official_number,
            "type": self.type,
            "subtype": self.subtype,
            "status": self.status,
            "hazard": self.hazard,
            "location": self.location.to_json() if self.location else None,
            "address": self.address,
            "description": self.description,
            "district": self.district,
            "grid": self.grid,
            "fields": dict(self.fields),
            "officers": [o.to_json() for o in self.officers],
            "photos": [p.to_json() for p in self.photos],
            "inspector": self.inspector,
            "device": self.device,
            "observed_at": self.observed_at,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "sync": self.sync,
            "review_note": self.review_note,
            "revision": self.revision,
        }
        out.update(self.extra)
        return out


# ---------------------------------------------------------------- field values


def parse_field(spec: FieldSpec, raw: Any, catalogue: Catalogue) -> Any:
    """Turn a raw value (from the CLI or a form) into the field's typed value, or refuse it."""
    name = spec.key
    text = raw.strip() if isinstance(raw, str) else raw
    if text is None or text == "":
        return None
    if spec.kind in ("number", "integer"):
        try:
            number: float = float(text)
        except (TypeError, ValueError):
            raise ValidationError(Problem(name, f"{text!r} is not a number")) from None
        if not math.isfinite(number):
            raise ValidationError(Problem(name, "must be a finite number"))
        if spec.kind == "integer":
            if not float(number).is_integer():
                raise ValidationError(Problem(name, f"{text!r} is not a whole number"))
            number = int(number)
        if spec.minimum is not None and number < spec.minimum:
            raise ValidationError(Problem(name, f"{number} is below the minimum {spec.minimum:g}"))
        if spec.maximum is not None and number > spec.maximum:
            raise ValidationError(Problem(name, f"{number} is above the maximum {spec.maximum:g}"))
        return number
    if not isinstance(text, str):
        text = str(text).lower() if isinstance(text, bool) else str(text)
    if spec.kind == "yes_no":
        lowered = text.lower()
        if lowered in ("yes", "true", "1", "y"):
            return "yes"
        if lowered in ("no", "false", "0", "n"):
            return "no"
        raise ValidationError(Problem(name, f"{text!r} must be yes or no"))
    if spec.kind == "owner":
        if catalogue.owner(text) is None:
            known = ", ".join(o.code for o in catalogue.owners)
            raise ValidationError(Problem(name, f"unknown utility owner {text!r} (known: {known})"))
        return text
    if spec.kind == "choice":
        codes = [c.code for c in spec.choices]
        if text not in codes:
            raise ValidationError(Problem(name, f"{text!r} is not one of {', '.join(codes)}"))
        return text
    if spec.kind == "id_number":
        value = text.upper()
        if not valid_id_number(value):
            raise ValidationError(Problem(name, "not a valid 18-character ID number or unified social credit code"))
        return value
    if spec.kind == "phone":
        if not valid_phone(text):
            raise ValidationError(Problem(name, f"{text!r} is not a valid phone number"))
        return text.replace(" ", "")
    limit = spec.max_length or 200
    if len(text) > limit:
        raise ValidationError(Problem(name, f"longer than {limit} characters"))
    return text


def parse_fields(case_type: CaseType, raw: dict[str, Any], catalogue: Catalogue) -> dict[str, Any]:
    """Parse every raw field; unknown keys and bad values are all reported at once."""
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    for key, value in raw.items():
        spec = case_type.field(key)
        if spec is None:
            known = ", ".join(f.key for f in case_type.fields)
            problems.append(Problem(key, f"unknown field for {case_type.code} (known: {known})"))
            continue
        try:
            out[key] = parse_field(spec, value, catalogue)
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return out


def parse_officer(text: str) -> Officer:
    """`NAME:CERTIFICATE` as the CLI takes it."""
    name, sep, certificate = text.partition(":")
    if not sep:
        raise ValidationError(Problem("officers", f"{text!r} must be NAME:CERTIFICATE"))
    return check_officer(Officer(name.strip(), certificate.strip()))


def check_officer(officer: Officer) -> Officer:
    if not officer.name or len(officer.name) > MAX_OFFICER_NAME:
        raise ValidationError(Problem("officers", f"officer name must be 1–{MAX_OFFICER_NAME} characters"))
    if not _CERTIFICATE.fullmatch(officer.certificate):
        raise ValidationError(
            Problem(
                "officers",
                f"{officer.certificate!r} is not an enforcement-certificate number (4–32 letters or digits)",
            )
        )
    return officer


def check_location(lat: Any, lon: Any, accuracy_m: Any = None, source: str = "manual") -> Location:
    """A WGS-84 position, or a clear refusal."""
    try:
        flat, flon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise ValidationError(Problem("location", "latitude and longitude must be numbers")) from None
    problems = []
    if not math.isfinite(flat) or not -90 <= flat <= 90:
        problems.append(Problem("location", f"latitude {lat} is outside -90..90"))
    if not math.isfinite(flon) or not -180 <= flon <= 180:
        problems.append(Problem("location", f"longitude {lon} is outside -180..180"))
    if not problems and flat == 0 and flon == 0:
        problems.append(Problem("location", "0, 0 is not a position (no fix)"))
    acc: float | None = None
    if accuracy_m is not None:
        try:
            acc = float(accuracy_m)
        except (TypeError, ValueError):
            acc = -1.0
        if not math.isfinite(acc) or acc < 0:
            problems.append(Problem("location", f"accuracy {accuracy_m} must be a distance ≥ 0"))
    if source not in LOCATION_SOURCES:
        problems.append(Problem("location", f"unknown location source {source!r}"))
    if problems:
        raise ValidationError(problems)
    return Location(flat, flon, acc, source)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")  # control characters other than tab and line feed


def check_text(field_name: str, value: str, limit: int) -> str:
    value = value.strip()
    if len(value) > limit:
        raise ValidationError(Problem(field_name, f"longer than {limit} characters ({len(value)})"))
    if _CONTROL.search(value):
        raise ValidationError(Problem(field_name, "contains control characters"))
    return value


# ---------------------------------------------------------------- evidence rules


def next_kind(subtype: Subtype, kinds_present: list[str]) -> str:
    """The kind a photo added without one takes: the first required kind still lacking."""
    for kind in subtype.required_kinds:
        if kind not in kinds_present:
            return kind
    return "close_up"


def submit_problems(case: Case, catalogue: Catalogue) -> list[Problem]:
    """Everything that keeps a case from being submitted, in words an inspector can act on."""
    problems: list[Problem] = []
    case_type = catalogue.case_type(case.type)
    subtype = catalogue.subtype(case.type, case.subtype)
    label = case_type.name("en").lower()
    if case.location is None:
        problems.append(
            Problem(
                "location",
                "no location: take a photo with GPS, use the tablet's position, or enter it by hand",
            )
        )
    kinds = [p.kind for p in case.photos if p.kind != "after_disposal"]
    missing_kinds = [k for k in subtype.required_kinds if k not in kinds]
    if len(kinds) < subtype.min_photos or missing_kinds:
        wanted = " and ".join(
            ("an " if k[0] in "aeiou" else "a ") + k.replace("_", "-") for k in subtype.required_kinds
        )
        have = f"{len(kinds)} photo{'s' if len(kinds) != 1 else ''}"
        lacking = f"; missing {', '.join(missing_kinds)}" if missing_kinds else ""
        problems.append(
            Problem("photos", f"{label}: at least {subtype.min_photos} photos — {wanted} (has {have}{lacking})")
        )
    required = {f.key for f in case_type.fields if f.required} | set(subtype.required_fields)
    for spec in case_type.fields:
        if spec.key in required and case.fields.get(spec.key) in (None, ""):
            problems.append(Problem(spec.key, f"{spec.name('en')} is required"))
    if len(case.officers) < case_type.min_officers:
        problems.append(
            Problem(
                "officers",
                f"{label}: at least {case_type.min_officers} officers with enforcement-certificate "
                f"numbers must be recorded (has {len(case.officers)})",
            )
        )
    if len({o.certificate for o in case.officers}) < len(case.officers):
        problems.append(Problem("officers", "the same certificate number is listed twice"))
    if case.hazard not in catalogue.hazard_codes():
        problems.append(Problem("hazard", f"unknown hazard level {case.hazard!r}"))
    return problems


def check_submittable(case: Case, catalogue: Catalogue) -> None:
    problems = submit_problems(case, catalogue)
    if problems:
        raise ValidationError(problems)


# ---------------------------------------------------------------- location evidence

PHOTO_DEVICE_LIMIT_M = 50.0  # beyond this the photo's GPS and the tablet's fix disagree


@dataclass(frozen=True)
class LocationCheck:
    """Where the photo says, where the tablet says, and where the case is put; the distances between them.

    Recorded in the case's audit trail (action `location_check`) when the location is set in the
    new-case flow, so a supervisor sees it with the case; `disagree` when photo and device are more
    than PHOTO_DEVICE_LIMIT_M apart.
    """

    photo: tuple[float, float] | None
    device: tuple[float, float] | None
    chosen: tuple[float, float] | None
    photo_device_m: float | None
    photo_chosen_m: float | None
    device_chosen_m: float | None

    @property
    def disagree(self) -> bool:
        return self.photo_device_m is not None and self.photo_device_m > PHOTO_DEVICE_LIMIT_M

    def to_json(self) -> dict[str, Any]:
        def point(p: tuple[float, float] | None) -> dict[str, float] | None:
            return {"lat": round(p[0], 7), "lon": round(p[1], 7)} if p is not None else None

        def metres(d: float | None) -> float | None:
            return round(d, 1) if d is not None else None

        return {
            "photo": point(self.photo),
            "device": point(self.device),
            "chosen": point(self.chosen),
            "photo_device_m": metres(self.photo_device_m),
            "photo_chosen_m": metres(self.photo_chosen_m),
            "device_chosen_m": metres(self.device_chosen_m),
            "limit_m": PHOTO_DEVICE_LIMIT_M,
            "disagree": self.disagree,
        }


def location_check(
    photo: tuple[float, float] | None,
    device: tuple[float, float] | None,
    chosen: tuple[float, float] | None,
) -> LocationCheck:
    """The distances between the photo's GPS, the tablet's fix and the chosen point (each may be missing)."""

    def between(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float | None:
        return distance_m(a[0], a[1], b[0], b[1]) if a is not None and b is not None else None

    return LocationCheck(photo, device, chosen, between(photo, device), between(photo, chosen), between(device, chosen))

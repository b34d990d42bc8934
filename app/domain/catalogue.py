"""The catalogue: case types, subtypes, fields, owners, evidence rules and deadlines, as data.

The data lives in `resources/catalogue.json` (CJ/T 214 and CJ/T 315 starting
values) so the bureau can change it without touching code; this module only
reads and checks it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.errors import Problem, ValidationError

LANGUAGES = ("zh_CN", "en")
FIELD_KINDS = ("number", "integer", "text", "choice", "id_number", "phone", "owner", "yes_no")
CLOCKS = ("working", "continuous")


def _names(raw: dict[str, Any], where: str) -> dict[str, str]:
    names = raw.get("name")
    if not isinstance(names, dict) or any(lang not in names for lang in LANGUAGES):
        raise ValueError(f"catalogue: {where} needs a name in {', '.join(LANGUAGES)}")
    return {str(k): str(v) for k, v in names.items()}


@dataclass(frozen=True)
class Named:
    code: str
    names: dict[str, str]

    def name(self, language: str = "en") -> str:
        return self.names.get(language) or self.names.get("en") or self.code


@dataclass(frozen=True)
class Owner(Named):
    component_code: str
    unit: str


@dataclass(frozen=True)
class FieldSpec(Named):
    kind: str
    required: bool
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    choices: tuple[Named, ...] = ()
    personal: bool = False

    @property
    def key(self) -> str:
        return self.code


@dataclass(frozen=True)
class Milestone(Named):
    hours: float


@dataclass(frozen=True)
class Deadlines:
    unit: str  # a unit code, or "owner": the unit that owns the cover
    clock: str  # "working" hours on the bureau's calendar, or "continuous"
    milestones: tuple[Milestone, ...]


@dataclass(frozen=True)
class Subtype(Named):
    numeric_code: str
    hazard: str
    min_photos: int
    required_kinds: tuple[str, ...]
    required_fields: tuple[str, ...]
    deadlines: Deadlines


@dataclass(frozen=True)
class CaseType(Named):
    numeric_code: str
    klass: str
    min_officers: int
    fields: tuple[FieldSpec, ...]
    subtypes: tuple[Subtype, ...]

    def field(self, key: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.key == key), None)

    def subtype(self, code: str) -> Subtype | None:
        return next((s for s in self.subtypes if s.code == code), None)


@dataclass(frozen=True)
class Catalogue:
    version: int
    types: tuple[CaseType, ...]
    owners: tuple[Owner, ...]
    units: tuple[Named, ...]
    hazard_levels: tuple[Named, ...]
    shot_kinds: tuple[Named, ...]
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    def case_type(self, code: str) -> CaseType:
        found = next((t for t in self.types if t.code == code), None)
        if found is None:
            known = ", ".join(t.code for t in self.types)
            raise ValidationError(Problem("type", f"unknown case type {code!r} (known: {known})"))
        return found

    def subtype(self, type_code: str, subtype_code: str) -> Subtype:
        case_type = self.case_type(type_code)
        found = case_type.subtype(subtype_code)
        if found is None:
            known = ", ".join(s.code for s in case_type.subtypes)
            raise ValidationError(
                Problem("subtype", f"unknown subtype {subtype_code!r} of {type_code} (known: {known})")
            )
        return found

    def owner(self, code: str) -> Owner | None:
        return next((o for o in self.owners if o.code == code), None)

    def unit(self, code: str) -> Named | None:
        return next((u for u in self.units if u.code == code), None)

    def kind_codes(self) -> tuple[str, ...]:
        return tuple(k.code for k in self.shot_kinds)

    def hazard_codes(self) -> tuple[str, ...]:
        return tuple(h.code for h in self.hazard_levels)

    def default_unit(self, type_code: str, subtype_code: str, owner: str | None) -> str:
        """The disposal unit a case goes to by default: a cover goes to its owner's unit."""
        deadlines = self.subtype(type_code, subtype_code).deadlines
        if deadlines.unit != "owner":
            return deadlines.unit
        found = self.owner(owner or "unknown") or self.owner("unknown")
        return found.unit if found else "street_office"

    def to_json(self) -> dict[str, Any]:
        """The catalogue as `fieldcase catalogue --json` prints it: the data as shipped."""
        return self.raw


def _named(raw: dict[str, Any], where: str) -> Named:
    return Named(code=str(raw["code"]), names=_names(raw, where))


def parse_catalogue(raw: dict[str, Any]) -> Catalogue:
    """Build and cross-check a catalogue from its JSON form; ValueError names what is wrong."""
    try:
        shot_kinds = tuple(_named(k, f"shot kind {k.get('code')}") for k in raw["shot_kinds"])
        hazards = tuple(_named(h, f"hazard {h.get('code')}") for h in raw["hazard_levels"])
        units = tuple(_named(u, f"unit {u.get('code')}") for u in raw["units"])
        owners = tuple(
            Owner(
                code=str(o["code"]),
                names=_names(o, f"owner {o.get('code')}"),
                component_code=str(o["component_code"]),
                unit=str(o["unit"]),
            )
            for o in raw["owners"]
        )
        types = tuple(_parse_type(t) for t in raw["types"])
    except KeyError as exc:
        raise ValueError(f"catalogue: missing key {exc}") from exc
    catalogue = Catalogue(
        version=int(raw.get("version", 1)),
        types=types,
        owners=owners,
        units=units,
        hazard_levels=hazards,
        shot_kinds=shot_kinds,
        raw=raw,
    )
    _cross_check(catalogue)
    return catalogue


def _parse_type(raw: dict[str, Any]) -> CaseType:
    code = str(raw["code"])
    fields = tuple(_parse_field(f, code) for f in raw["fields"])
    subtypes = tuple(_parse_subtype(s, code) for s in raw["subtypes"])
    return CaseType(
        code=code,
        names=_names(raw, f"type {code}"),
        numeric_code=str(raw["numeric_code"]),
        klass=str(raw["class"]),
        min_officers=int(raw.get("min_officers", 0)),
        fields=fields,
        subtypes=subtypes,
    )


def _parse_field(raw: dict[str, Any], type_code: str) -> FieldSpec:
    key = str(raw["key"])
    kind = str(raw["kind"])
    if kind not in FIELD_KINDS:
        raise ValueError(f"catalogue: field {type_code}.{key} has unknown kind {kind!r}")
    return FieldSpec(
        code=key,
        names=_names(raw, f"field {type_code}.{key}"),
        kind=kind,
        required=bool(raw.get("required", False)),
        minimum=raw.get("min"),
        maximum=raw.get("max"),
        max_length=raw.get("max_length"),
        choices=tuple(_named(c, f"choice {key}.{c.get('code')}") for c in raw.get("choices", [])),
        personal=bool(raw.get("personal", False)),
    )


def _parse_subtype(raw: dict[str, Any], type_code: str) -> Subtype:
    code = str(raw["code"])
    deadlines = raw["deadlines"]
    clock = str(deadlines.get("clock", "working"))
    if clock not in CLOCKS:
        raise ValueError(f"catalogue: {type_code}.{code} has unknown clock {clock!r}")
    return Subtype(
        code=code,
        names=_names(raw, f"subtype {type_code}.{code}"),
        numeric_code=str(raw["numeric_code"]),
        hazard=str(raw["hazard"]),
        min_photos=int(raw["evidence"]["min_photos"]),
        required_kinds=tuple(raw["evidence"]["kinds"]),
        required_fields=tuple(raw.get("required_fields", [])),
        deadlines=Deadlines(
            unit=str(deadlines["unit"]),
            clock=clock,
            milestones=tuple(
                Milestone(code=str(m["code"]), names=_names(m, f"milestone {m['code']}"), hours=float(m["hours"]))
                for m in deadlines["milestones"]
            ),
        ),
    )


def _cross_check(catalogue: Catalogue) -> None:
    kinds = set(catalogue.kind_codes())
    hazards = set(catalogue.hazard_codes())
    units = {u.code for u in catalogue.units}
    for owner in catalogue.owners:
        if owner.unit not in units:
            raise ValueError(f"catalogue: owner {owner.code} names unknown unit {owner.unit}")
    for case_type in catalogue.types:
        keys = {f.key for f in case_type.fields}
        for sub in case_type.subtypes:
            where = f"{case_type.code}.{sub.code}"
            if sub.hazard not in hazards:
                raise ValueError(f"catalogue: {where} has unknown hazard {sub.hazard}")
            if unknown := set(sub.required_kinds) - kinds:
                raise ValueError(f"catalogue: {where} requires unknown shot kinds {unknown}")
            if unknown := set(sub.required_fields) - keys:
                raise ValueError(f"catalogue: {where} requires unknown fields {unknown}")
            if sub.deadlines.unit != "owner" and sub.deadlines.unit not in units:
                raise ValueError(f"catalogue: {where} names unknown unit {sub.deadlines.unit}")
            if sub.min_photos < len(sub.required_kinds):
                raise ValueError(f"catalogue: {where} requires fewer photos than kinds")


def load_catalogue(path: Path) -> Catalogue:
    with path.open(encoding="utf-8") as fh:
        return parse_catalogue(json.load(fh))

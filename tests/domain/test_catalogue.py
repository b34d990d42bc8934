"""The catalogue shipped in resources/: names, codes and rules of INTERFACES.md and DESIGN.md."""

from __future__ import annotations

import copy
import json

import pytest

from app.domain.catalogue import load_catalogue, parse_catalogue
from app.domain.errors import ValidationError
from app.paths import resources_dir

CATALOGUE = load_catalogue(resources_dir() / "catalogue.json")
RAW = json.loads((resources_dir() / "catalogue.json").read_text(encoding="utf-8"))


def test_types_and_subtypes_are_those_of_interfaces_md() -> None:
    assert [t.code for t in CATALOGUE.types] == ["illegal_construction", "manhole_cover"]
    assert [s.code for s in CATALOGUE.case_type("illegal_construction").subtypes] == [
        "no_permit",
        "extension",
        "rooftop",
        "public_land",
        "overdue_temporary",
        "other",
    ]
    assert [s.code for s in CATALOGUE.case_type("manhole_cover").subtypes] == [
        "missing",
        "broken",
        "sunken_raised",
        "displaced",
        "other",
    ]
    assert {o.code for o in CATALOGUE.owners} == {
        "water_supply",
        "rainwater",
        "sewage",
        "gas",
        "heating",
        "power",
        "telecom",
        "unknown",
    }
    assert CATALOGUE.kind_codes() == ("overview", "close_up", "signage", "measurement", "after_disposal")


def test_every_entry_has_both_languages_and_a_numeric_code() -> None:
    for t in CATALOGUE.types:
        assert t.name("zh_CN") != t.name("en")
        for s in t.subtypes:
            assert s.numeric_code.isdigit()
            assert s.name("zh_CN") and s.name("en")
        for f in t.fields:
            assert f.name("zh_CN") and f.name("en")


def test_illegal_construction_requires_party_and_two_officers() -> None:
    ic = CATALOGUE.case_type("illegal_construction")
    assert ic.min_officers == 2
    required = {f.key for f in ic.fields if f.required}
    assert {"party_name", "party_id_number", "party_phone"} <= required
    assert [m.code for m in ic.subtype("no_permit").deadlines.milestones] == [
        "stop_work",
        "penalty_decision",
        "demolition",
    ]
    assert [m.hours for m in ic.subtype("no_permit").deadlines.milestones] == [4, 56, 160]


def test_missing_cover_is_urgent_with_hours_deadline_and_owner_routing() -> None:
    missing = CATALOGUE.subtype("manhole_cover", "missing")
    assert missing.hazard == "urgent"
    assert missing.deadlines.milestones[0].hours <= 4
    assert CATALOGUE.default_unit("manhole_cover", "missing", "gas") == "gas_co"
    assert CATALOGUE.default_unit("manhole_cover", "broken", "unknown") == "street_office"
    assert CATALOGUE.default_unit("manhole_cover", "broken", None) == "street_office"
    assert CATALOGUE.default_unit("illegal_construction", "rooftop", None) == "enforcement_squadron"


def test_unknown_type_and_subtype_are_refused_with_the_known_codes() -> None:
    with pytest.raises(ValidationError, match="unknown case type 'graffiti'.*manhole_cover"):
        CATALOGUE.case_type("graffiti")
    with pytest.raises(ValidationError, match="unknown subtype 'stolen' of manhole_cover.*missing"):
        CATALOGUE.subtype("manhole_cover", "stolen")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["types"][0]["subtypes"][0].update(hazard="apocalyptic"), "unknown hazard"),
        (lambda r: r["types"][1]["subtypes"][0]["evidence"].update(kinds=["selfie"]), "unknown shot kinds"),
        (lambda r: r["owners"][0].update(unit="nobody"), "unknown unit"),
        (lambda r: r["types"][0]["subtypes"][0].pop("name"), "needs a name"),
        (lambda r: r["types"][0]["fields"][0].update(kind="colour"), "unknown kind"),
    ],
)
def test_a_broken_catalogue_is_refused_naming_the_fault(mutate, message) -> None:
    raw = copy.deepcopy(RAW)
    mutate(raw)
    with pytest.raises(ValueError, match=message):
        parse_catalogue(raw)

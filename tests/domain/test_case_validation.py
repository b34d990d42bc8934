"""Case validation: coordinates, fields per type, formats, lengths, and what submit requires."""

from __future__ import annotations

import pytest

from app.domain.case import (
    Case,
    Location,
    Officer,
    Photo,
    check_location,
    check_text,
    next_kind,
    parse_fields,
    parse_officer,
    submit_problems,
    valid_id_number,
    valid_phone,
)
from app.domain.catalogue import load_catalogue
from app.domain.errors import ValidationError
from app.paths import resources_dir

CAT = load_catalogue(resources_dir() / "catalogue.json")


@pytest.mark.parametrize(
    ("lat", "lon"), [(91, 0), (-90.5, 10), (10, 180.01), (10, -181), (0, 0), (float("nan"), 1), ("north", 3)]
)
def test_bad_coordinates_are_refused(lat, lon) -> None:
    with pytest.raises(ValidationError, match="location"):
        check_location(lat, lon)


def test_good_coordinates_and_edges() -> None:
    assert check_location(90, 180, 3, "device") == Location(90.0, 180.0, 3.0, "device")
    assert check_location(-33.9, -70.6).source == "manual"
    with pytest.raises(ValidationError, match="accuracy"):
        check_location(34.7, 113.6, -1)
    with pytest.raises(ValidationError, match="source"):
        check_location(34.7, 113.6, None, "guess")


def test_id_numbers_with_check_digit_and_credit_codes() -> None:
    assert valid_id_number("11010519491231002X")
    assert valid_id_number("110105194912310021") is False  # wrong check digit
    assert valid_id_number("91410100MA44XJ9Y2K")  # unified social credit code shape
    assert not valid_id_number("12345")


@pytest.mark.parametrize("phone", ["13912345678", "+86 13912345678", "0371-65551234", "037165551234"])
def test_phone_numbers_accepted(phone) -> None:
    assert valid_phone(phone)


@pytest.mark.parametrize("phone", ["12345", "23912345678", "phone", "1391234567"])
def test_phone_numbers_refused(phone) -> None:
    assert not valid_phone(phone)


def test_fields_are_typed_and_checked_all_at_once() -> None:
    ic = CAT.case_type("illegal_construction")
    parsed = parse_fields(
        ic, {"area_m2": "35.5", "floors": "2", "structure": "steel_frame", "party_phone": "13912345678"}, CAT
    )
    assert parsed == {"area_m2": 35.5, "floors": 2, "structure": "steel_frame", "party_phone": "13912345678"}
    with pytest.raises(ValidationError) as info:
        parse_fields(
            ic,
            {
                "area_m2": "-3",
                "floors": "1.5",
                "structure": "igloo",
                "colour": "red",
                "party_id_number": "123",
            },
            CAT,
        )
    fields = {p.field for p in info.value.problems}
    assert fields == {"area_m2", "floors", "structure", "colour", "party_id_number"}


def test_manhole_fields() -> None:
    mc = CAT.case_type("manhole_cover")
    assert parse_fields(mc, {"owner": "gas", "barrier_placed": "YES", "height_diff_mm": "-40"}, CAT) == {
        "owner": "gas",
        "barrier_placed": "yes",
        "height_diff_mm": -40,
    }
    with pytest.raises(ValidationError, match="unknown utility owner 'oil'"):
        parse_fields(mc, {"owner": "oil"}, CAT)
    with pytest.raises(ValidationError, match="yes or no"):
        parse_fields(mc, {"barrier_placed": "maybe"}, CAT)


def test_officers_and_text_limits() -> None:
    assert parse_officer("李明:41010020230012") == Officer("李明", "41010020230012")
    with pytest.raises(ValidationError, match="NAME:CERTIFICATE"):
        parse_officer("李明")
    with pytest.raises(ValidationError, match="certificate"):
        parse_officer("李明:!!")
    with pytest.raises(ValidationError, match="longer than 10"):
        check_text("address", "x" * 11, 10)
    with pytest.raises(ValidationError, match="control"):
        check_text("address", "a\x00b", 10)


def _photo(kind: str, sha: str = "a") -> Photo:
    return Photo(
        sha256=sha * 64,
        size=1,
        taken_at=None,
        lat=None,
        lon=None,
        width=1,
        height=1,
        make=None,
        model=None,
        kind=kind,
    )


def _case(**kw) -> Case:
    base = dict(
        id="c",
        code="X",
        type="manhole_cover",
        subtype="broken",
        status="draft",
        hazard="high",
        location=Location(34.7, 113.6, 5, "photo"),
        address="",
        description="",
        district=None,
        fields={"owner": "gas"},
        officers=(),
        photos=(),
        inspector="li",
        device="d",
        created_at="2026-11-25T10:00:00+08:00",
        updated_at="2026-11-25T10:00:00+08:00",
    )
    base.update(kw)
    return Case(**base)


def test_submit_names_exactly_what_is_missing() -> None:
    problems = submit_problems(_case(photos=(_photo("overview"),)), CAT)
    assert [str(p) for p in problems] == [
        "photos: manhole cover: at least 2 photos — an overview and a close-up "
        "(has 1 photo; missing close_up)"
    ]
    ok = _case(photos=(_photo("overview", "a"), _photo("close_up", "b")))
    assert submit_problems(ok, CAT) == []
    assert any(p.field == "location" for p in submit_problems(ok.with_changes(location=None), CAT))


def test_submit_requires_party_and_two_officers_for_illegal_construction() -> None:
    case = _case(
        type="illegal_construction",
        subtype="no_permit",
        fields={},
        photos=(_photo("overview", "a"), _photo("close_up", "b")),
        officers=(Officer("李明", "41010020230012"),),
    )
    fields = {p.field for p in submit_problems(case, CAT)}
    assert {"party_name", "party_id_number", "party_phone", "area_m2", "officers"} <= fields


def test_subtype_specific_required_fields() -> None:
    case = _case(
        subtype="missing",
        fields={"owner": "water_supply"},
        photos=(_photo("overview", "a"), _photo("close_up", "b")),
    )
    assert [p.field for p in submit_problems(case, CAT)] == ["barrier_placed"]


def test_photos_without_a_kind_take_what_is_lacking_overview_first() -> None:
    sub = CAT.subtype("manhole_cover", "sunken_raised")
    assert next_kind(sub, []) == "overview"
    assert next_kind(sub, ["overview"]) == "close_up"
    assert next_kind(sub, ["overview", "close_up"]) == "measurement"
    assert next_kind(sub, ["close_up"]) == "overview"

"""The location evidence check: distances between photo, device and chosen point, kept in the audit trail."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.case import PHOTO_DEVICE_LIMIT_M, location_check
from app.domain.geo import distance_m
from app.maps.evidence import ACTION, last_location_check, record_location_check
from app.services import Tablet

ZZ = (34.7466, 113.6253)
METRE = 1 / 111_195  # degrees of latitude per metre, near enough


def north(point: tuple[float, float], metres: float) -> tuple[float, float]:
    return point[0] + metres * METRE, point[1]


def test_distances_between_the_three_points() -> None:
    photo, device, chosen = ZZ, north(ZZ, 30), north(ZZ, 10)
    check = location_check(photo, device, chosen)
    assert check.photo_device_m == pytest.approx(30, abs=0.1)
    assert check.photo_chosen_m == pytest.approx(10, abs=0.1)
    assert check.device_chosen_m == pytest.approx(20, abs=0.1)
    assert not check.disagree
    body = check.to_json()
    assert body["disagree"] is False and body["limit_m"] == PHOTO_DEVICE_LIMIT_M
    assert body["photo"] == {"lat": ZZ[0], "lon": ZZ[1]}


@pytest.mark.parametrize("metres, disagree", [(10.0, False), (49.9, False), (50.1, True), (400.0, True)])
def test_photo_and_device_disagree_beyond_50_m(metres: float, disagree: bool) -> None:
    device = north(ZZ, metres)
    assert distance_m(*ZZ, *device) == pytest.approx(metres, abs=0.05)
    assert location_check(ZZ, device, device).disagree is disagree


def test_missing_positions_give_no_distance() -> None:
    check = location_check(None, ZZ, north(ZZ, 100))
    assert check.photo_device_m is None and check.photo_chosen_m is None
    assert check.device_chosen_m == pytest.approx(100, abs=0.1)
    assert not check.disagree  # no photo: nothing to disagree with


def test_the_check_is_recorded_once_in_the_audit_trail(tmp_path: Path) -> None:
    with Tablet(tmp_path / "data") as tablet:
        case = tablet.new_case(type="manhole_cover", subtype="missing", lat=ZZ[0], lon=ZZ[1])
        check = location_check(ZZ, north(ZZ, 80), ZZ)
        recorded = record_location_check(tablet, case.id, check)
        assert recorded is not None and recorded["disagree"] is True
        assert record_location_check(tablet, case.id, check) is None  # the same check again: not repeated
        events = [e for e in tablet.log(case.id) if e.action == ACTION]
        assert len(events) == 1
        assert events[0].from_state == events[0].to_state == "draft"
        assert events[0].changes["photo_device_m"] == pytest.approx(80, abs=0.2)
        assert last_location_check(tablet, case.id) == recorded
        # The chain still verifies, every event signed by the device, and the case is unchanged.
        report = tablet.check()
        assert report.ok and report.events_unsigned == 0
        assert tablet.case(case.id).status == "draft"
        # A lone position compares nothing: no event.
        assert record_location_check(tablet, case.id, location_check(None, None, ZZ)) is None
        assert len([e for e in tablet.log(case.id) if e.action == ACTION]) == 1

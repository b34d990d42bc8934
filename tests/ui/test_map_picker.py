"""Picking or nudging a case's location on the map, and the photo/tablet disagreement check."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from app.domain.geo import distance_m
from app.maps.demo_basemap import write_demo_basemap
from app.maps.evidence import ACTION
from tests.ui.helpers import HERE, click, idle, jpeg, no_positioning
from ui.camera import StaticCaptureSource
from ui.map.picker import LocationPicker
from ui.new_case import NewCasePage
from ui.positioning import PositionFix, PositionProvider
from ui.session import Session

METRE = 1 / 111_195  # degrees of latitude per metre, near enough


@pytest.fixture
def provider() -> PositionProvider:
    return no_positioning()


@pytest.fixture
def page(qtbot, session: Session, provider: PositionProvider, tmp_path: Path) -> Iterator[NewCasePage]:  # type: ignore[no-untyped-def]
    basemap = write_demo_basemap(tmp_path / "city.mbtiles", *HERE, zooms=range(14, 19), radius=2)
    session.tablet.settings.set("basemap", str(basemap))
    widget = NewCasePage(session, capture_source=StaticCaptureSource(), position_provider=provider)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()
    idle(qtbot, session)


def start_case(qtbot, page: NewCasePage) -> str:  # type: ignore[no-untyped-def]
    click(qtbot, page.type_tiles.tile("manhole_cover"))
    click(qtbot, page.subtype_tiles.tile("missing"))
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.editor_step, timeout=10000)
    assert page.case_id
    return page.case_id


def settle(qtbot, page: NewCasePage, session: Session) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page.saving, timeout=10000)
    idle(qtbot, session)


def open_picker(qtbot, page: NewCasePage) -> LocationPicker:  # type: ignore[no-untyped-def]
    page.location_panel.map_button.setFocus()
    click(qtbot, page.location_panel.map_button)
    picker = page.picker
    assert isinstance(picker, LocationPicker) and picker.isVisible()
    qtbot.waitExposed(picker)
    return picker


def test_picking_the_location_on_the_map(qtbot, page: NewCasePage, session: Session) -> None:  # type: ignore[no-untyped-def]
    case_id = start_case(qtbot, page)
    assert session.tablet.case(case_id).location is None
    assert page.location_panel.map_button.height() >= 48
    picker = open_picker(qtbot, page)
    assert not picker.use_button.isEnabled()  # nothing chosen yet
    view = picker.view
    view.centre_on(*HERE, 17)
    spot = QPoint(view.width() // 2 + 60, view.height() // 2 - 40)
    expected = view.lat_lon_at(spot)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=spot)
    assert picker.chosen is not None and distance_m(*picker.chosen, *expected) < 0.5
    assert picker.use_button.isEnabled()
    click(qtbot, picker.use_button)
    settle(qtbot, page, session)
    case = session.tablet.case(case_id)
    assert case.location is not None and case.location.source == "manual"
    assert distance_m(case.location.lat, case.location.lon, *expected) < 0.5
    assert page.picker is None


def test_dragging_the_map_in_the_picker_does_not_pick(qtbot, page: NewCasePage, session: Session) -> None:  # type: ignore[no-untyped-def]
    start_case(qtbot, page)
    picker = open_picker(qtbot, page)
    view = picker.view
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    for i in range(1, 6):
        qtbot.mouseMove(view, QPoint(300 + 30 * i, 300))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(450, 300))
    assert picker.chosen is None
    click(qtbot, picker.cancel_button)
    assert page.picker is None


def test_photo_and_tablet_far_apart_are_flagged_and_recorded(  # type: ignore[no-untyped-def]
    qtbot, page: NewCasePage, session: Session, provider: PositionProvider, tmp_path: Path
) -> None:
    device = (HERE[0] + 80 * METRE, HERE[1])
    provider.position_updated.emit(PositionFix(device[0], device[1], 6.0, datetime.now().astimezone(), "nmea"))
    case_id = start_case(qtbot, page)
    settle(qtbot, page, session)
    assert session.tablet.case(case_id).location.source == "device"  # type: ignore[union-attr]
    # A photo taken 80 m away: its GPS becomes the location, and the two disagree.
    page.import_paths([jpeg(tmp_path / "in", "far.jpg", gps=HERE)])
    qtbot.waitUntil(lambda: not page.importing, timeout=30000)
    settle(qtbot, page, session)
    case = session.tablet.case(case_id)
    assert case.location is not None and case.location.source == "photo"
    panel = page.location_panel
    assert panel.evidence_warning.isVisible()
    assert "80 m" in panel.evidence_warning.text() and "50 m" in panel.evidence_warning.text()
    assert "Photo GPS ↔ tablet position: 80 m" in panel.evidence.text()
    events = [e for e in session.tablet.log(case_id) if e.action == ACTION]
    assert events and events[-1].changes["disagree"] is True
    assert events[-1].changes["photo_device_m"] == pytest.approx(80, abs=0.5)
    # The picker shows all three and their distances; nudging the pin 10 m east is a manual location.
    picker = open_picker(qtbot, page)
    assert picker.photo == pytest.approx(HERE) and picker.device == pytest.approx(device)
    assert picker.warning.isVisible()
    view = picker.view
    view.centre_on(*HERE, 18)
    spot = view.screen_point(HERE[0], HERE[1] + 10 / (111_195 * 0.8219))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=spot.toPoint())
    assert "Chosen point ↔ photo GPS: 10 m" in picker.distances.text()
    click(qtbot, picker.use_button)
    settle(qtbot, page, session)
    case = session.tablet.case(case_id)
    assert case.location.source == "manual"  # type: ignore[union-attr]
    events = [e for e in session.tablet.log(case_id) if e.action == ACTION]
    assert events[-1].changes["photo_chosen_m"] == pytest.approx(10, abs=1.5)
    assert events[-1].changes["disagree"] is True


def test_photo_and_tablet_close_together_raise_no_flag(  # type: ignore[no-untyped-def]
    qtbot, page: NewCasePage, session: Session, provider: PositionProvider, tmp_path: Path
) -> None:
    provider.position_updated.emit(PositionFix(HERE[0] + 20 * METRE, HERE[1], 6.0, None, "nmea"))
    case_id = start_case(qtbot, page)
    page.import_paths([jpeg(tmp_path / "in", "near.jpg", gps=HERE)])
    qtbot.waitUntil(lambda: not page.importing, timeout=30000)
    settle(qtbot, page, session)
    assert not page.location_panel.evidence_warning.isVisible()
    assert "20 m" in page.location_panel.evidence.text()
    events = [e for e in session.tablet.log(case_id) if e.action == ACTION]
    assert events and events[-1].changes["disagree"] is False

"""The camera seam (no camera here; JPEG bytes in tests) and positioning from simulated NMEA sentences."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QPushButton

from tests.ui.helpers import HERE, click, idle, jpeg, jpeg_bytes, nmea_file, no_positioning
from ui.camera import CameraDialog, CaptureError, CaptureSource, QtCameraSource, StaticCaptureSource
from ui.new_case import NewCasePage
from ui.positioning import PositionFix, PositionProvider
from ui.session import Session


def make_page(qtbot, session: Session, **kw) -> NewCasePage:  # type: ignore[no-untyped-def]
    kw.setdefault("capture_source", StaticCaptureSource())
    kw.setdefault("position_provider", no_positioning())
    page = NewCasePage(session, **kw)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def closing(qtbot, session: Session) -> Iterator[list[NewCasePage]]:  # type: ignore[no-untyped-def]
    pages: list[NewCasePage] = []
    yield pages
    for page in pages:
        page.shutdown()
    idle(qtbot, session)


def open_editor(qtbot, page: NewCasePage, type_code: str = "manhole_cover", subtype: str = "broken") -> str:  # type: ignore[no-untyped-def]
    click(qtbot, page.type_tiles.tile(type_code))
    click(qtbot, page.subtype_tiles.tile(subtype))
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.editor_step, timeout=10000)
    assert page.case_id
    return page.case_id


# ---------------------------------------------------------------- camera


def test_this_machine_has_no_camera() -> None:
    source = QtCameraSource()
    assert isinstance(source, CaptureSource)
    assert source.available() is False
    with pytest.raises(CaptureError):
        source.capture()


def test_no_camera_is_said_plainly(qtbot, session: Session, closing: list[NewCasePage]) -> None:
    page = make_page(qtbot, session, capture_source=StaticCaptureSource([]))
    closing.append(page)
    open_editor(qtbot, page)
    qtbot.waitUntil(page.camera_status.isVisible, timeout=5000)
    assert not page.camera_button.isEnabled()
    assert "No camera" in page.camera_status.text()


def test_a_shot_from_the_camera_is_added_to_the_case(
    qtbot, session: Session, closing: list[NewCasePage], tmp_path: Path
) -> None:
    camera = StaticCaptureSource([jpeg_bytes(tmp_path, "shot.jpg", gps=HERE)])
    page = make_page(qtbot, session, capture_source=camera)
    closing.append(page)
    case_id = open_editor(qtbot, page)
    qtbot.waitUntil(page.camera_button.isEnabled, timeout=5000)
    assert not page.camera_status.isVisible()

    click(qtbot, page.camera_button)
    dialog = page.findChild(CameraDialog, "cameraDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    with qtbot.waitSignal(page.import_finished, timeout=20000) as blocker:
        click(qtbot, dialog.findChild(QPushButton, "cameraShutter"))
    assert blocker.args[0].added == 1
    assert "1" in dialog.status.text()
    click(qtbot, dialog.findChild(QPushButton, "cameraDone"))
    assert dialog.result() == QDialog.DialogCode.Accepted

    idle(qtbot, session)
    case = session.tablet.case(case_id)
    assert len(case.photos) == 1 and case.photos[0].kind == "overview"
    assert case.location is not None and case.location.source == "photo"
    assert camera.captures == 1
    incoming = session.tablet.paths.root / "incoming"
    qtbot.waitUntil(lambda: not any(incoming.iterdir()), timeout=5000)  # the temporary file is gone


def test_a_camera_that_fails_says_so(qtbot, tmp_path: Path) -> None:
    class Broken:
        def available(self) -> bool:
            return True

        def capture(self) -> bytes:
            raise CaptureError("the lens cover is closed")

    dialog = CameraDialog(Broken())
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.assertNotEmitted(dialog.captured):
        click(qtbot, dialog.shutter)
    assert "the lens cover is closed" in dialog.status.text()
    assert dialog.shutter.isEnabled()


# ---------------------------------------------------------------- positioning


def test_nmea_sentences_from_a_file_give_a_position_with_accuracy(qtbot, tmp_path: Path) -> None:
    provider = PositionProvider.nmea(str(nmea_file(tmp_path / "gnss.nmea", *HERE, hdop=0.9)))
    assert provider.available() and provider.source_name == "nmea"
    with qtbot.waitSignal(provider.position_updated, timeout=10000) as blocker:
        provider.start()
    provider.stop()
    fix: PositionFix = blocker.args[0]
    assert fix.lat == pytest.approx(HERE[0], abs=1e-6)
    assert fix.lon == pytest.approx(HERE[1], abs=1e-6)
    assert fix.accuracy_m == pytest.approx(9.0)  # Qt: 2 × HDOP 0.9 × UERE 5 m
    assert fix.timestamp is not None and fix.timestamp.year == 2026


def test_a_missing_receiver_means_no_positioning(tmp_path: Path) -> None:
    assert not PositionProvider.nmea(str(tmp_path / "nothing.nmea")).available()
    assert not PositionProvider.from_spec("none").available()
    assert PositionProvider.from_spec(f"nmea:{tmp_path / 'nothing.nmea'}").available() is False


def test_the_case_takes_the_tablets_position_from_simulated_nmea(
    qtbot, session: Session, closing: list[NewCasePage], tmp_path: Path
) -> None:
    lat, lon = 34.7581, 113.6532
    provider = PositionProvider.nmea(str(nmea_file(tmp_path / "gnss.nmea", lat, lon, hdop=1.2)))
    page = make_page(qtbot, session, position_provider=provider)
    closing.append(page)
    case_id = open_editor(qtbot, page)

    def located() -> bool:
        case = session.tablet.case(case_id)
        return case.location is not None

    qtbot.waitUntil(located, timeout=15000)
    idle(qtbot, session)
    location = session.tablet.case(case_id).location
    assert location is not None and location.source == "device"
    assert (location.lat, location.lon) == (pytest.approx(lat, abs=1e-6), pytest.approx(lon, abs=1e-6))
    assert location.accuracy_m == pytest.approx(12.0)
    assert "34.758100" in page.location_panel.coordinates.text()
    assert "tablet" in page.location_panel.source.text().lower()
    assert "±12" in page.location_panel.source.text()


def test_a_photo_with_gps_wins_over_the_tablets_position_but_not_over_a_hand_entry(
    qtbot, session: Session, closing: list[NewCasePage], tmp_path: Path
) -> None:
    provider = PositionProvider.nmea(str(nmea_file(tmp_path / "gnss.nmea", 34.70, 113.60)))
    page = make_page(qtbot, session, position_provider=provider)
    closing.append(page)
    case_id = open_editor(qtbot, page)
    qtbot.waitUntil(lambda: session.tablet.case(case_id).location is not None, timeout=15000)
    with qtbot.waitSignal(page.import_finished, timeout=20000):
        page.import_paths([jpeg(tmp_path / "in", "p.jpg", gps=HERE)])
    qtbot.waitUntil(lambda: session.tablet.case(case_id).location.source == "photo", timeout=10000)

    page.location_panel.manual_entered.emit(34.75, 113.62)
    idle(qtbot, session)
    with qtbot.waitSignal(page.import_finished, timeout=20000):
        page.import_paths([jpeg(tmp_path / "in", "q.jpg", gps=HERE)])
    idle(qtbot, session)
    location = session.tablet.case(case_id).location
    assert location.source == "manual" and location.lat == 34.75

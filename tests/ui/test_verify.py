"""Verify on site: a disposed case (a verification task) is answered from its detail page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.domain.case import Case
from app.services import Tablet
from tests.ui.helpers import HERE, click, idle, jpeg, jpeg_bytes
from ui.camera import CameraDialog, StaticCaptureSource
from ui.case_detail import CaseDetailPage
from ui.session import Session
from ui.theme import touch_px


@pytest.fixture
def camera(tmp_path: Path) -> StaticCaptureSource:
    return StaticCaptureSource(jpeg_bytes(tmp_path / "camera", "shot.jpg", gps=HERE))


@pytest.fixture
def page(qtbot, session: Session, camera: StaticCaptureSource) -> Iterator[CaseDetailPage]:  # type: ignore[no-untyped-def]
    widget = CaseDetailPage(session, capture_source=camera)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()
    idle(qtbot, session)


def show(qtbot, page: CaseDetailPage, case_id: str) -> Case:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show_case(case_id)
    assert page.case is not None
    return page.case


def disposed(tablet: Tablet, folder: Path) -> Case:
    """A case as the change feed leaves it when the unit reports disposal (as tests/app/test_services.py)."""
    case = tablet.new_case(
        type="manhole_cover",
        subtype="broken",
        fields={"owner": "gas"},
        photos=[jpeg(folder, "before1.jpg", gps=HERE), jpeg(folder, "before2.jpg", gps=HERE)],
    )
    case = tablet.submit(case.id)
    with tablet.repo.transaction():
        state = "submitted"
        for action, role, to in (
            ("receive", "system", "received"),
            ("file", "supervisor", "filed"),
            ("dispatch", "supervisor", "dispatched"),
            ("dispose", "unit", "disposed"),
        ):
            tablet.repo.record(
                case.id, actor=role, role=role, device=None, action=action, from_state=state, to_state=to
            )
            state = to
        tablet.repo.update_case(case.with_changes(status="disposed", sync="synced"))
        tablet.repo.db.execute("DELETE FROM outbox")
    return tablet.case(case.id)


def add_photo(qtbot, page: CaseDetailPage, path: Path) -> None:  # type: ignore[no-untyped-def]
    panel = page.verify_panel
    count = len(panel.photos)
    panel.add_photos([path])
    qtbot.waitUntil(lambda: len(panel.photos) == count + 1, timeout=10000)


def test_a_disposed_case_shows_the_verify_section_and_a_draft_does_not(
    qtbot, page: CaseDetailPage, session: Session, tmp_path: Path
) -> None:
    tablet = session.tablet
    draft = tablet.new_case(type="manhole_cover", subtype="missing", photos=[jpeg(tmp_path, "d.jpg", gps=HERE)])
    show(qtbot, page, draft.id)
    assert not page.verify_panel.isVisible()

    case = disposed(tablet, tmp_path)
    show(qtbot, page, case.id)
    panel = page.verify_panel
    assert panel.isVisible()
    assert panel.title.text() == "Verify on site"
    for button in (panel.camera_button, panel.files_button, panel.confirm_button, panel.dispute_button):
        assert button.isVisible()
        assert button.height() >= touch_px() and button.width() >= touch_px(), button.objectName()
    assert panel.confirm_button.height() >= touch_px() * 1.5 - 1


def test_confirming_with_a_photo_verifies_the_case_and_queues_it(
    qtbot, page: CaseDetailPage, session: Session, tmp_path: Path
) -> None:
    tablet = session.tablet
    case = disposed(tablet, tmp_path)
    show(qtbot, page, case.id)
    panel = page.verify_panel
    add_photo(qtbot, page, jpeg(tmp_path / "after", "after.jpg", gps=HERE))
    assert "after.jpg" in panel.photo_list.text()

    with qtbot.waitSignal(page.verified, timeout=10000):
        click(qtbot, panel.confirm_button)
    qtbot.waitUntil(lambda: page.case is not None and page.case.status == "verified", timeout=10000)
    done = page.case
    assert done is not None
    assert (done.status, done.sync, done.revision) == ("verified", "pending", 2)
    assert [p.kind for p in done.photos][-1] == "after_disposal"
    assert [e.action for e in tablet.log(case.id)][-2:] == ["add_photos", "confirm"]
    assert [(e.case_id, e.revision) for e in tablet.sync_store.outbox()] == [(case.id, 2)]
    assert not panel.isVisible()  # no longer a verification task
    assert page.sync_chip.text() and page.state_chip.text()


def test_dispute_without_a_note_is_refused_and_changes_nothing(
    qtbot, page: CaseDetailPage, session: Session, tmp_path: Path
) -> None:
    tablet = session.tablet
    case = disposed(tablet, tmp_path)
    show(qtbot, page, case.id)
    panel = page.verify_panel
    add_photo(qtbot, page, jpeg(tmp_path / "after", "after.jpg", gps=HERE))

    click(qtbot, panel.dispute_button)
    idle(qtbot, session)
    assert panel.message.isVisible()
    assert "note" in panel.message.text()
    after = tablet.case(case.id)
    assert (after.status, after.sync, after.revision, len(after.photos)) == ("disposed", "synced", 1, 2)
    assert tablet.sync_store.outbox() == []
    assert panel.isVisible() and panel.photos  # the photos chosen are kept for the next try


def test_confirm_without_a_photo_asks_for_one(qtbot, page: CaseDetailPage, session: Session, tmp_path: Path) -> None:
    case = disposed(session.tablet, tmp_path)
    show(qtbot, page, case.id)
    click(qtbot, page.verify_panel.confirm_button)
    assert page.verify_panel.message.isVisible()
    assert "photo" in page.verify_panel.message.text()
    assert session.tablet.case(case.id).status == "disposed"


def test_dispute_with_a_note_and_a_camera_photo_sends_the_case_back(  # type: ignore[no-untyped-def]
    qtbot, page: CaseDetailPage, session: Session, tmp_path: Path, type_text, camera: StaticCaptureSource
) -> None:
    tablet = session.tablet
    case = disposed(tablet, tmp_path)
    show(qtbot, page, case.id)
    panel = page.verify_panel
    assert panel.camera_button.isEnabled()

    click(qtbot, panel.camera_button)
    qtbot.waitUntil(lambda: panel.findChild(CameraDialog) is not None and panel.findChild(CameraDialog).isVisible())
    dialog = panel.findChild(CameraDialog)
    click(qtbot, dialog.shutter)
    click(qtbot, dialog.done_button)
    qtbot.waitUntil(lambda: len(panel.photos) == 1, timeout=10000)
    assert camera.captures == 1
    shot = panel.photos[0]

    panel.note_edit.setFocus()
    type_text(panel.note_edit, "井盖仍未更换")
    with qtbot.waitSignal(page.verified, timeout=10000):
        click(qtbot, panel.dispute_button)
    qtbot.waitUntil(lambda: page.case is not None and page.case.status == "dispatched", timeout=10000)
    done = page.case
    assert done is not None and done.sync == "pending"
    assert [p.kind for p in done.photos][-1] == "after_disposal"
    events = tablet.log(case.id)
    assert events[-1].action == "dispute" and events[-1].changes["note"] == "井盖仍未更换"
    idle(qtbot, session)
    assert not shot.exists()  # the camera's file in incoming/ is gone once the tablet has its copy


def test_a_refused_photo_shows_the_error_and_changes_nothing(
    qtbot, page: CaseDetailPage, session: Session, tmp_path: Path
) -> None:
    tablet = session.tablet
    case = disposed(tablet, tmp_path)
    show(qtbot, page, case.id)
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"not a jpeg")
    add_photo(qtbot, page, bad)

    click(qtbot, page.verify_panel.confirm_button)
    qtbot.waitUntil(lambda: page.verify_panel.findChild(QMessageBox, "errorBox") is not None, timeout=10000)
    box = page.verify_panel.findChild(QMessageBox, "errorBox")
    assert "broken.jpg" in box.text()
    box.close()
    assert tablet.case(case.id).status == "disposed"
    assert tablet.sync_store.outbox() == []
    assert page.verify_panel.confirm_button.isEnabled()

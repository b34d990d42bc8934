"""The case detail page and the photo viewer: gallery, timeline, reviewer's note, actions by state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from app.domain.case import Case
from app.services import Tablet
from storage.repository import NotFoundError
from tests.ui.helpers import HERE, click, idle, jpeg, visible_buttons
from ui.case_detail import CaseDetailPage, collapse_edits
from ui.photo_viewer import PhotoViewer
from ui.session import Session
from ui.theme import touch_px


@pytest.fixture
def page(qtbot, session: Session) -> Iterator[CaseDetailPage]:  # type: ignore[no-untyped-def]
    widget = CaseDetailPage(session)
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


def complete_cover(tablet: Tablet, folder: Path) -> Case:
    case = tablet.new_case(
        type="manhole_cover",
        subtype="missing",
        fields={"owner": "rainwater", "barrier_placed": "yes"},
        address="郑州市二七区大学路与陇海路交叉口西南角人行道",
        photos=[jpeg(folder, "overview.jpg", gps=HERE), jpeg(folder, "close.jpg", gps=HERE)],
    )
    tablet.edit_case(case.id, description="井盖缺失")
    tablet.edit_case(case.id, description="井盖缺失，已放置警示锥")
    return tablet.case(case.id)


def texts(root: object) -> str:
    return "\n".join(label.text() for label in root.findChildren(QLabel) if label.isVisible())  # type: ignore[attr-defined]


def test_a_submitted_case_shows_photos_fields_location_and_its_timeline(
    qtbot, page: CaseDetailPage, session: Session, tmp_path: Path
) -> None:
    tablet = session.tablet
    case = complete_cover(tablet, tmp_path)
    tablet.submit(case.id)

    show(qtbot, page, case.id)

    assert page.photo_model.rowCount() == 2
    qtbot.waitUntil(lambda: not page.photo_model.missing_thumbnails(), timeout=10000)
    shown = texts(page)
    assert case.code in page.subtitle.text()
    assert "Rainwater" in shown or "雨水" in shown  # the owner by name, not its code
    assert "34.746600, 113.625300" in shown
    assert "郑州市二七区大学路" in shown
    assert page.state_chip.text() and page.sync_chip.text()
    titles = [w.text() for w in page.findChildren(QLabel, "timelineTitle")]
    assert len(titles) == 4  # newest first: submitted, edited ×2, photos added, created
    assert "Submitted" in titles[0]
    assert "×2" in titles[1]
    assert "Draft created" in titles[-1]
    assert not page.edit_button.isVisible() and not page.submit_button.isVisible()
    assert not page.withdraw_button.isVisible()
    assert not page.review_banner.isVisible()


def test_a_returned_case_shows_the_reviewers_note_and_can_be_edited(
    qtbot, page: CaseDetailPage, session: Session, tmp_path: Path
) -> None:
    tablet = session.tablet
    case = complete_cover(tablet, tmp_path)
    tablet.repo.update_case(case.with_changes(status="returned", review_note="照片模糊，请补拍近景"))

    show(qtbot, page, case.id)

    assert page.review_banner.isVisible()
    assert page.review_note.text() == "照片模糊，请补拍近景"
    assert page.edit_button.isVisible() and page.submit_button.isVisible()
    assert not page.withdraw_button.isVisible()
    with qtbot.waitSignal(page.edit_requested) as blocker:
        click(qtbot, page.edit_button)
    assert blocker.args == [case.id]


def test_a_rejected_case_shows_the_reason(qtbot, page: CaseDetailPage, session: Session) -> None:
    tablet = session.tablet
    case = tablet.new_case(type="manhole_cover", subtype="broken", lat=HERE[0], lon=HERE[1])
    with tablet.repo.transaction():
        tablet.repo.update_case(case.with_changes(status="rejected", sync="synced"))
        tablet.repo.record(
            case.id,
            actor="王主任",
            role="supervisor",
            device=None,
            action="reject",
            from_state="received",
            to_state="rejected",
            changes={"reason": "该井盖属小区内部设施，不属城管范围"},
        )
    show(qtbot, page, case.id)
    assert page.review_banner.isVisible()
    assert "不属城管范围" in page.review_note.text()
    qtbot.waitUntil(lambda: "王主任" in texts(page))  # the timeline, with who decided


def test_a_task_reassigned_away_says_who_took_it_when_and_where_later_changes_are(
    qtbot, page: CaseDetailPage, session: Session
) -> None:
    tablet = session.tablet
    case = tablet.new_case(type="manhole_cover", subtype="broken", lat=HERE[0], lon=HERE[1])
    with tablet.repo.transaction():
        tablet.repo.update_case(case.with_changes(status="disposed", sync="synced"))
        tablet.repo.record(
            case.id,
            actor="王主任",
            role="supervisor",
            device=None,
            action="reassign",
            from_state="disposed",
            to_state="disposed",
            changes={"from": tablet.inspector, "to": "li", "reporter": tablet.inspector, "note": "王伟病假"},
            at="2026-11-20T09:30:00+08:00",
        )
    show(qtbot, page, case.id)
    assert page.review_banner.isVisible()
    assert page.review_title.text() == "Reassigned to li on 2026-11-20 09:30: read-only on this tablet."
    note = page.review_note.text()
    assert note.startswith("王伟病假\n") and "later changes are on the server and on li's tablet" in note
    assert not page.verify_panel.isVisible() and not page.edit_button.isVisible()


def test_submit_from_the_detail_says_what_is_missing_then_submits(
    qtbot, page: CaseDetailPage, session: Session, tmp_path: Path
) -> None:
    tablet = session.tablet
    case = tablet.new_case(type="manhole_cover", subtype="missing", photos=[jpeg(tmp_path, "a.jpg", gps=HERE)])
    show(qtbot, page, case.id)
    click(qtbot, page.submit_button)
    qtbot.waitUntil(page.problems_box.isVisible, timeout=10000)
    assert "At least 2 photos" in page.problems_list.text()
    assert tablet.case(case.id).status == "draft"

    tablet.edit_case(
        case.id, fields={"owner": "gas", "barrier_placed": "no"}, photos=[jpeg(tmp_path, "b.jpg", gps=HERE)]
    )
    with qtbot.waitSignal(page.submitted, timeout=10000):
        click(qtbot, page.submit_button)
    qtbot.waitUntil(lambda: page.case is not None and page.case.status == "submitted", timeout=10000)
    assert not page.problems_box.isVisible()
    assert tablet.case(case.id).sync == "pending"


def test_withdraw_a_draft_from_its_detail(qtbot, page: CaseDetailPage, session: Session) -> None:
    tablet = session.tablet
    case = tablet.new_case(type="illegal_construction", subtype="rooftop")
    show(qtbot, page, case.id)
    click(qtbot, page.withdraw_button)
    box = page.findChild(QMessageBox, "confirmBox")
    qtbot.waitUntil(box.isVisible)
    with qtbot.waitSignal(page.withdrawn, timeout=10000), qtbot.waitSignal(page.back_requested):
        click(qtbot, box.findChild(QPushButton, "confirmAccept"))
    with pytest.raises(NotFoundError):
        tablet.case(case.id)


def test_the_photo_viewer_zooms_pages_and_shows_time_gps_and_hash(
    qtbot, page: CaseDetailPage, session: Session, tmp_path: Path
) -> None:
    tablet = session.tablet
    case = tablet.new_case(
        type="manhole_cover",
        subtype="broken",
        photos=[
            jpeg(tmp_path, "a.jpg", gps=HERE, size=(2400, 1800)),
            jpeg(tmp_path, "b.jpg", size=(1200, 900)),
        ],
    )
    show(qtbot, page, case.id)
    index = page.photo_model.index(0)
    rect = page.gallery.visualRect(index)
    qtbot.mouseClick(page.gallery.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    viewer = page.findChild(PhotoViewer, "photoViewer")
    assert viewer is not None
    qtbot.waitUntil(viewer.isVisible)
    viewer.resize(1280, 800)
    qtbot.waitUntil(lambda: viewer.view.shown_width() > 0, timeout=10000)

    info = viewer.info_text.text()
    first = case.photos[0]
    assert "2026-05-01 09:30" in info
    assert "34.746600, 113.625300" in info
    assert viewer.hash_text.text().replace(" ", "") == first.sha256
    assert viewer.position.text().startswith("Photo 1 of 2")
    assert viewer.view.shown_width() < first.width  # the preview, not the original

    for _ in range(6):
        click(qtbot, viewer.zoom_in_button)
    assert viewer.view.zoom > 3
    qtbot.waitUntil(lambda: viewer.view.shown_width() == first.width, timeout=10000)  # full resolution
    click(qtbot, viewer.fit_button)
    assert viewer.view.zoom == 1.0

    click(qtbot, viewer.next_button)
    assert viewer.index == 1 and "Photo 2 of 2" in viewer.position.text()
    assert "GPS: none" in viewer.info_text.text()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.index == 0

    # A swipe to the left at fit size goes to the next photo.
    port = viewer.view.viewport()
    start, end = QPoint(port.width() * 3 // 4, port.height() // 2), QPoint(port.width() // 4, port.height() // 2)
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(port, end)
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=end)
    assert viewer.index == 1

    least = touch_px(viewer)
    for button in visible_buttons(viewer):
        assert min(button.width(), button.height()) >= least, button.objectName()
    click(qtbot, viewer.close_button)
    qtbot.waitUntil(lambda: page.findChild(PhotoViewer) is None or not viewer.isVisible())


def test_every_button_on_the_detail_is_a_touch_target(
    qtbot, page: CaseDetailPage, session: Session, tmp_path: Path
) -> None:
    case = session.tablet.new_case(type="illegal_construction", subtype="no_permit")
    show(qtbot, page, case.id)
    least = touch_px(page)
    buttons = visible_buttons(page)
    assert {b.objectName() for b in buttons} >= {"detailBack", "detailEdit", "detailSubmit", "detailWithdraw"}
    for button in buttons:
        assert button.width() >= least and button.height() >= least, button.objectName()


def test_runs_of_autosaved_edits_collapse_in_the_timeline(session: Session) -> None:
    tablet = session.tablet
    case = tablet.new_case(type="manhole_cover", subtype="broken")
    for text in ("a", "ab", "abc"):
        tablet.edit_case(case.id, description=text)
    tablet.edit_case(case.id, fields={"owner": "gas"})
    entries = collapse_edits(tablet.log(case.id))
    assert [(e.action, n) for e, n, _ in entries] == [("create", 1), ("edit", 4)]


# ---------------------------------------------------------------- reachable from the main window


def test_the_pages_are_reachable_from_the_main_window(qtbot, main_window, session: Session) -> None:
    from ui.new_case import NewCasePage

    main_window.show_new_case()
    page = main_window.new_case_page
    assert isinstance(page, NewCasePage) and main_window.stack.currentWidget() is page
    click(qtbot, page.type_tiles.tile("manhole_cover"))
    click(qtbot, page.subtype_tiles.tile("displaced"))
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.editor_step, timeout=10000)
    case_id = page.case_id
    click(qtbot, page.done_button)

    detail = main_window.detail_page
    assert isinstance(detail, CaseDetailPage)
    qtbot.waitUntil(lambda: detail.case is not None and detail.case.id == case_id, timeout=10000)
    assert main_window.stack.currentWidget() is detail

    # A draft opens again in the editor from its detail, and comes back with the change.
    click(qtbot, detail.edit_button)
    assert main_window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.case_id == case_id and page.stack.currentWidget() is page.editor_step, timeout=10000)
    qtbot.keyClicks(page.description_edit, "rattles when cars pass")
    click(qtbot, page.done_button)
    assert main_window.stack.currentWidget() is detail
    qtbot.waitUntil(
        lambda: detail.case is not None and detail.case.description == "rattles when cars pass", timeout=10000
    )
    click(qtbot, detail.back_button)
    assert main_window.stack.currentWidget() is main_window.list_page

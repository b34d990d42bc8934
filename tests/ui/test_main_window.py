"""The main window: start-up as run_app does it, touch sizes at tablet resolutions, pages, banner, errors."""

from __future__ import annotations

import logging
import logging.handlers
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QMessageBox, QWidget

from app.demo import make_demo
from app.domain.errors import Problem, StateRefusedError, ValidationError
from app.services import Tablet
from storage.errors import EnvironmentFaultError, PhotoError
from storage.repository import NotFoundError
from ui.errors import message_for, show_error
from ui.main_window import MainWindow
from ui.session import Session
from ui.theme import touch_px

ROOT = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------ start-up


def test_run_app_opens_the_window_and_paints_the_list(
    data_dir: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real run_app, offscreen: it paints the first page, then (bench mode) quits with 0."""
    with Tablet(data_dir) as tablet:
        make_demo(tablet, 30, 0, seed=2)
    monkeypatch.setenv("FIELDCASE_BENCH_PAINTED", "1")
    monkeypatch.delenv("FIELDCASE_BENCH_TERMS", raising=False)
    from ui.main import run_app

    before = list(logging.getLogger().handlers)
    try:
        assert run_app(data_dir) == 0
    finally:
        for handler in logging.getLogger().handlers:
            if handler not in before:
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert "FIELDCASE_PAINTED" in capsys.readouterr().out
    assert (data_dir / "logs" / "fieldcase.log").exists()


def test_run_app_reports_an_unusable_data_folder(
    tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    monkeypatch.setattr("ui.main.setup_logging", lambda logs: None)
    from ui.main import run_app

    assert run_app(blocker / "data") == 1
    assert shown and str(blocker / "data") in shown[0]


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Xvfb (xvfb-run)")
def test_gui_smoke_under_xvfb_with_xcb(data_dir: Path) -> None:
    """`fieldcase gui` in a real X server (xcb), as CI runs it: starts, paints the list, exits 0."""
    with Tablet(data_dir) as tablet:
        make_demo(tablet, 20, 0, seed=4)
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", FIELDCASE_BENCH_PAINTED="1")
    env.pop("FIELDCASE_BENCH_TERMS", None)
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-m", "app.cli"]
        + ["--data-dir", str(data_dir), "gui"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "FIELDCASE_PAINTED" in result.stdout


# ------------------------------------------------------------ touch sizes at tablet resolutions


def _visible_controls(window: QWidget) -> list[QWidget]:
    controls: list[QWidget] = []
    for cls in (QAbstractButton, QLineEdit):
        controls += [w for w in window.findChildren(cls) if w.isVisible() and w.window() is window]
    return controls


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1200), (800, 1280), (1200, 1920)])
def test_touch_targets_and_layout_at_tablet_sizes(
    main_window: MainWindow, session: Session, qtbot, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    make_demo(session.tablet, 25, 0, seed=9)
    session.notify_changed("")
    qtbot.waitUntil(lambda: main_window.list_page.model.rowCount() == 25, timeout=10000)
    main_window.resize(*size)
    qtbot.waitUntil(lambda: main_window.size().width() == size[0], timeout=3000)
    QApplication.processEvents()
    touch = touch_px(main_window)
    controls = _visible_controls(main_window)
    names = {c.objectName() for c in controls}
    assert {"newCaseButton", "settingsButton", "searchBox", "chip_all", "chip_closed"} <= names
    window_rect = main_window.rect()
    for control in controls:
        assert control.width() >= touch and control.height() >= touch, (control.objectName(), control.size())
        top_left = control.mapTo(main_window, QPoint(0, 0))
        assert window_rect.contains(QRect(top_left, control.size())), (control.objectName(), top_left, size)
    # The chips shown do not overlap one another (they wrap in portrait; "reassigned" waits hidden until needed).
    chips = [c for c in main_window.list_page.chips.values() if c.isVisible()]
    assert not main_window.list_page.chips["reassigned"].isVisible()
    rects = [QRect(c.mapTo(main_window, QPoint(0, 0)), c.size()) for c in chips]
    for i, a in enumerate(rects):
        assert all(not a.intersects(b) for b in rects[i + 1 :])
    # List rows are touch targets too.
    view = main_window.list_page.view
    assert view.visualRect(main_window.list_page.model.index(0)).height() >= touch
    # Nothing asks for more width than a portrait tablet has.
    assert main_window.minimumSizeHint().width() <= 800


# ------------------------------------------------------------ pages


def test_new_case_page_and_back(main_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("ui.new_case")
    qtbot.mouseClick(main_window.list_page.new_case, Qt.MouseButton.LeftButton)
    page = main_window.new_case_page
    assert page is not None and main_window.stack.currentWidget() is page
    page.cancelled.emit()
    assert main_window.stack.currentWidget() is main_window.list_page


def test_tapping_a_case_opens_its_detail_and_back(main_window: MainWindow, session: Session, qtbot) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("ui.case_detail")
    case = session.tablet.new_case(type="manhole_cover", subtype="missing", address="经三路 5 号")
    session.notify_changed(case.id)
    page = main_window.list_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.view.isVisible(), timeout=10000)
    rect = page.view.visualRect(page.model.index(0))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    detail = main_window.detail_page
    assert detail is not None and main_window.stack.currentWidget() is detail
    qtbot.waitUntil(lambda: not session.tasks.busy, timeout=10000)
    detail.back_requested.emit()
    assert main_window.stack.currentWidget() is page


# ------------------------------------------------------------ banner and status bar


def test_low_disk_banner(main_window: MainWindow, session: Session) -> None:
    assert main_window.banner.isHidden()
    session.tablet.settings.set("low_disk_warning_mb", 10**12)
    main_window.check_disk()
    assert main_window.banner.isVisible()
    assert "MB" in main_window.banner.label.text()
    session.tablet.settings.set("low_disk_warning_mb", 0)
    main_window.check_disk()
    assert main_window.banner.isHidden()


def test_status_bar_shows_inspector_and_sync_state(main_window: MainWindow, session: Session, qtbot) -> None:  # type: ignore[no-untyped-def]
    status = main_window.status
    qtbot.waitUntil(lambda: session.tablet.inspector in status.inspector_label.text(), timeout=5000)
    assert status.connectivity_label.text() == "Server: —"
    assert status.last_sync_label.text() == "Last sync: —"
    status.set_sync_state(True, 3, "2024-05-03T14:02:00+08:00")
    assert status.connectivity_label.text() == "Online"
    assert status.waiting_label.text() == "Waiting to sync: 3"
    assert "14:02" in status.last_sync_label.text() or "2024-05-03" in status.last_sync_label.text()
    status.set_sync_state(False, 0, None)
    assert status.connectivity_label.text() == "Offline: will retry"


def test_waiting_count_comes_from_the_list(main_window: MainWindow, session: Session, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_demo(session.tablet, 60, 0, seed=12)
    session.notify_changed("")
    waiting = session.tablet.repo.count(main_window.list_page.model.filter.__class__(syncs=("pending",)))
    qtbot.waitUntil(lambda: main_window.status.waiting_label.text() == f"Waiting to sync: {waiting}", timeout=10000)


# ------------------------------------------------------------ errors


def test_error_messages_for_each_kind() -> None:
    text = message_for(
        ValidationError(
            [
                Problem(
                    "photos",
                    "manhole cover: at least 2 photos — an overview and a close-up (has 1 photo; missing close_up)",
                ),
                Problem("location", "no location: take a photo with GPS, or enter it by hand"),
            ]
        )
    )
    assert "At least 2 photos" in text and "close-up" in text and "No location" in text
    assert "submitted" in message_for(StateRefusedError("x", action="edit", state="submitted", role="inspector"))
    assert "IMG_1.jpg" in message_for(PhotoError("/media/DCIM/IMG_1.jpg", "not a JPEG, HEIC or PNG"))
    assert "full" in message_for(EnvironmentFaultError("db: database or disk is full"))
    assert "not found" in message_for(NotFoundError("no case x"))
    assert "full" in message_for(OSError(28, "No space left on device"))


def test_an_unexpected_error_is_logged_and_shown(
    main_window: MainWindow, session: Session, qtbot, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    def boom() -> None:
        raise RuntimeError("a bug")

    with caplog.at_level(logging.ERROR):
        session.run_op(boom, parent=main_window)
        qtbot.waitUntil(lambda: main_window.findChild(QMessageBox, "errorBox") is not None, timeout=5000)
    box = main_window.findChild(QMessageBox, "errorBox")
    assert "RuntimeError" in box.text()
    assert any("a bug" in r.getMessage() or "a bug" in str(r.exc_info) for r in caplog.records)
    box.close()


def test_show_error_does_not_block(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    box = show_error(parent, NotFoundError("gone"))
    assert box.isVisible()
    box.close()


def test_pyside_reference_drops_cannot_crash_the_app(qtbot) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 drops a reference to None per void call and to True per emit (see ui/pyside_fix.py)."""
    import sys

    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QLabel

    import ui.pyside_fix

    class Emitter(QObject):
        fired = Signal(str)

    label, emitter = QLabel(), Emitter()
    qtbot.addWidget(label)
    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > 1 << 39 and sys.getrefcount(True) > 1 << 39
    assert ui.pyside_fix.apply() is False  # applied once, at import
    for _ in range(20_000):  # far beyond None's natural count on 3.11 without the guard
        label.setText("x")
        emitter.fired.emit("y")


def test_the_hidden_list_rereads_when_it_comes_back(main_window: MainWindow, session: Session, qtbot) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("ui.new_case")
    page = main_window.list_page
    main_window.show_new_case()
    session.tablet.new_case(type="manhole_cover", subtype="missing", address="纬五路 3 号")
    asked = page.model._loader.generation
    session.notify_changed("")
    assert page.model._loader.generation == asked  # not re-read while hidden (drafts autosave often)
    assert page.model.rowCount() == 0
    main_window.show_list()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)


def test_a_wide_page_does_not_widen_the_window_in_portrait(main_window: MainWindow, session: Session, qtbot) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("ui.case_detail")
    case = session.tablet.new_case(type="illegal_construction", subtype="rooftop", address="经三路 9 号")
    main_window.show_new_case()
    main_window.show_case(case.id)
    qtbot.waitUntil(lambda: not session.tasks.busy, timeout=10000)
    main_window.show_list()
    main_window.resize(800, 1280)
    qtbot.waitUntil(lambda: main_window.width() == 800, timeout=3000)
    assert main_window.minimumSizeHint().width() <= 800

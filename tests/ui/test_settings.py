"""Settings: choices apply at once and persist; the data folder is remembered; the focused field stays visible."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from app.settings import Settings
from ui.focus import ensure_focus_visible, scroll_form
from ui.main_window import MainWindow
from ui.session import Session
from ui.settings_dialog import (
    SettingsDialog,
    app_version,
    resolve_data_dir,
    save_data_dir,
    saved_data_dir,
)
from ui.theme import touch_px


def _open_settings(main_window: MainWindow, qtbot) -> SettingsDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(main_window.list_page.settings, Qt.MouseButton.LeftButton)
    dialog = main_window.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_language_choice_applies_and_persists(main_window: MainWindow, session: Session, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_settings(main_window, qtbot)
    assert dialog.language_choices["en"].isChecked()
    qtbot.mouseClick(dialog.language_choices["zh_CN"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.heading.text() == "设置", timeout=3000)
    assert main_window.list_page.new_case.text() == "新建案件"
    session.tasks.wait()
    assert Settings(session.tablet.paths.settings).get("language") == "zh_CN"
    qtbot.mouseClick(dialog.language_choices["en"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.heading.text() == "Settings", timeout=3000)
    session.tasks.wait()
    assert Settings(session.tablet.paths.settings).get("language") == "en"
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main_window.settings_dialog is None, timeout=3000)


def test_theme_choice_applies_and_persists(
    main_window: MainWindow, session: Session, qtbot, qapp: QApplication
) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_settings(main_window, qtbot)
    qtbot.mouseClick(dialog.theme_choices["sunlight"], Qt.MouseButton.LeftButton)
    assert qapp.property("fieldcase_theme") == "sunlight"
    assert session.theme == "sunlight"
    session.tasks.wait()
    assert Settings(session.tablet.paths.settings).get("theme") == "sunlight"
    # Controls keep their touch size in the sunlight theme's thicker borders and larger type.
    QApplication.processEvents()
    touch = touch_px(dialog)
    for button in list(dialog.theme_choices.values()) + [dialog.done_button, dialog.change_folder]:
        assert button.height() >= touch and button.width() >= touch
    qtbot.mouseClick(dialog.theme_choices["normal"], Qt.MouseButton.LeftButton)
    assert qapp.property("fieldcase_theme") == "normal"


def test_data_folder_is_remembered_for_the_next_start(
    main_window: MainWindow, session: Session, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_settings(main_window, qtbot)
    assert dialog.folder.text() == str(session.tablet.paths.root)
    assert dialog.folder.isReadOnly()
    other = tmp_path / "elsewhere"
    dialog.set_data_folder(other)
    assert str(other) in dialog.folder_note.text()
    assert saved_data_dir() == other
    # The next start opens it, unless --data-dir or FIELDCASE_DATA_DIR say otherwise.
    assert resolve_data_dir(None) == other
    assert resolve_data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    monkeypatch.setenv("FIELDCASE_DATA_DIR", str(tmp_path / "from-env"))
    assert resolve_data_dir(None) == tmp_path / "from-env"
    save_data_dir(None)
    assert saved_data_dir() is None


def test_version_is_shown(main_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_settings(main_window, qtbot)
    assert dialog.version.text() == app_version() != ""


def test_settings_dialog_touch_targets(main_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_settings(main_window, qtbot)
    touch = touch_px(dialog)
    from PySide6.QtWidgets import QAbstractButton

    controls = [w for w in dialog.findChildren(QAbstractButton) + dialog.findChildren(QLineEdit) if w.isVisible()]
    assert len(controls) >= 6
    for control in controls:
        assert control.height() >= touch and control.width() >= touch, control.objectName()


# ------------------------------------------------------------ the on-screen keyboard


def _visible_in(area: QScrollArea, widget: QWidget) -> bool:
    top_left = widget.mapTo(area.viewport(), QPoint(0, 0))
    return area.viewport().rect().contains(QRect(top_left, widget.size()))


def test_focused_field_stays_visible_when_the_window_loses_40_percent(qtbot) -> None:  # type: ignore[no-untyped-def]
    """An on-screen keyboard taking 40 % of the height is simulated by the window getting 40 % shorter."""
    window = QWidget()
    qtbot.addWidget(window)
    content = QWidget()
    form = QFormLayout(content)
    fields = []
    for i in range(24):
        edit = QLineEdit(content)
        edit.setObjectName(f"field{i}")
        edit.setMinimumHeight(48)
        form.addRow(f"Field {i}", edit)
        fields.append(edit)
    area = scroll_form(content, window)
    QVBoxLayout(window).addWidget(area)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)

    target = fields[10]  # visible at full height, covered once the keyboard is up
    target.setFocus()
    qtbot.waitUntil(lambda: target.hasFocus())
    qtbot.waitUntil(lambda: _visible_in(area, target), timeout=2000)
    assert area.verticalScrollBar().value() == 0
    assert target.mapTo(area.viewport(), QPoint(0, 0)).y() + target.height() > 480
    window.resize(1280, 480)
    qtbot.waitUntil(lambda: area.viewport().height() < 480)
    qtbot.waitUntil(lambda: _visible_in(area, target), timeout=2000)

    # Moving on with Tab keeps following the focus down the form.
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is fields[16]
    qtbot.waitUntil(lambda: _visible_in(area, fields[16]), timeout=2000)
    fields[0].setFocus()
    qtbot.waitUntil(lambda: _visible_in(area, fields[0]), timeout=2000)


def test_ensure_focus_visible_is_installed_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    area = QScrollArea()
    qtbot.addWidget(area)
    assert ensure_focus_visible(area) is ensure_focus_visible(area)


def test_settings_dialog_keeps_its_focused_field_visible(main_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_settings(main_window, qtbot)
    dialog.resize(720, 800)
    dialog.folder.setFocus()
    qtbot.waitUntil(lambda: dialog.folder.hasFocus())
    dialog.resize(720, 480)
    qtbot.waitUntil(lambda: _visible_in(dialog.scroll, dialog.folder), timeout=2000)

"""Driving the desk window in tests as a user would: type, click, wait for the server's answers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from tests.server.helpers import Account
from tests.ui.helpers import click
from ui import i18n
from ui.desk.window import DeskPage, DeskWindow
from ui.theme import apply_theme


def open_desk_window(qtbot: Any, url: str, *, language: str = "en", poll_ms: int = 60_000) -> DeskWindow:
    app = QApplication.instance()
    i18n.install_translator(app, language)
    apply_theme(app, "normal")
    window = DeskWindow(url, poll_ms=poll_ms)
    window.resize(1366, 860)
    window.show()
    qtbot.waitExposed(window)
    return window


def close_desk_window(qtbot: Any, window: DeskWindow) -> None:
    window.shutdown()
    window.close()
    window.deleteLater()
    qtbot.wait(10)


def log_in(qtbot: Any, window: DeskWindow, account: Account, *, password: str | None = None) -> None:
    page = window.login_page
    page.user.clear()
    qtbot.keyClicks(page.user, account.name)
    page.password.clear()
    qtbot.keyClicks(page.password, password if password is not None else account.password)
    click(qtbot, page.button)
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)


def open_desk(qtbot: Any, window: DeskWindow, account: Account) -> DeskPage:
    """Log in and wait for the queue's first page."""
    log_in(qtbot, window, account)
    assert window.desk is not None, window.login_page.message.text()
    desk = window.desk
    qtbot.waitUntil(lambda: desk.queue.model.pages >= 1, timeout=20_000)
    return desk


def wait_case(qtbot: Any, desk: DeskPage, case_id: str, *, photos: bool = False) -> None:
    view = desk.case_view
    qtbot.waitUntil(
        lambda: (
            view.case is not None and view.case.get("id") == case_id and view.stack.currentWidget() is view.case_page
        ),
        timeout=20_000,
    )
    if photos:
        qtbot.waitUntil(lambda: view.photos_done, timeout=20_000)


def idle(qtbot: Any, desk: DeskPage) -> None:
    qtbot.waitUntil(lambda: not desk.connection.tasks.busy, timeout=20_000)

"""Logging in on an enrolled tablet, against a real server on 127.0.0.1: online, refused, offline, and out."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from app import accounts
from app.services import Tablet
from tests.server.conftest import LiveServer, databases, make_server  # noqa: F401  (fixtures)
from tests.server.helpers import Account
from tests.ui.helpers import click, close_main_window, idle, open_main_window
from ui.main_window import MainWindow
from ui.session import Session

UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens, the connection is refused


@pytest.fixture
def backend() -> str:
    """The tablet's side is what is tested here: one server on SQLite is enough."""
    return "sqlite"


@pytest.fixture
def server(make_server: Callable[..., LiveServer]) -> LiveServer:  # noqa: F811
    return make_server()


@pytest.fixture
def account(server: LiveServer, tablet: Tablet) -> Account:
    """An inspector of district d1 on a tablet IT enrolled; nobody logged in on it yet."""
    inspector = server.user("inspector", districts=("d1",))
    code = server.core.accounts.new_enroll_code("d1")["code"]
    accounts.enroll(tablet, server.url, code)
    return inspector


@pytest.fixture
def window(account: Account, session: Session, qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = open_main_window(qtbot, session)
    yield win
    close_main_window(qtbot, win, session)


def log_in(qtbot, window: MainWindow, name: str, password: str, type_text) -> None:  # type: ignore[no-untyped-def]
    page = window.login_page
    assert page is not None and window.stack.currentWidget() is page
    page.user.clear()
    type_text(page.user, name)
    type_text(page.password, password)
    click(qtbot, page.button)


def chips_apart(window: MainWindow) -> bool:
    """Every filter chip of the list laid out, none on top of another ("Reassigned to others" waits
    hidden until a case is reassigned away from the inspector working here)."""
    chips = {k: c for k, c in window.list_page.chips.items() if k != "reassigned"}
    boxes = [c.geometry() for c in chips.values() if c.isVisible()]
    return len(boxes) == len(chips) and not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_login_online_shows_the_list_with_the_inspector_and_starts_sync(
    window: MainWindow, account: Account, session: Session, qtbot, type_text
) -> None:  # type: ignore[no-untyped-def]
    assert window.stack.currentWidget() is window.login_page
    assert not window.status.sync_button.isVisible()
    with qtbot.waitSignal(window.login_page.logged_in, timeout=15000) as blocker:
        log_in(qtbot, window, account.name, account.password, type_text)
    assert blocker.args == [account.name]
    assert window.stack.currentWidget() is window.list_page
    # The list was hidden behind the login page since start-up: its chips are laid out all the same.
    qtbot.waitUntil(lambda: chips_apart(window), timeout=3000)
    qtbot.waitUntil(lambda: window.status.inspector_label.text() == f"Inspector: {account.name}", timeout=5000)
    # Sync starts by itself after the login, and finds the server.
    qtbot.waitUntil(lambda: window.status.connectivity_label.text() == "Online", timeout=15000)
    assert window.status.sync_button.isVisible()
    assert window.status.last_sync_label.text() != "Last sync: —"
    assert session.tablet.repo.meta("session_user") == account.name


def test_a_wrong_password_says_so_and_stays_on_the_login_page(
    window: MainWindow, account: Account, session: Session, qtbot, type_text
) -> None:  # type: ignore[no-untyped-def]
    page = window.login_page
    log_in(qtbot, window, account.name, "not-the-password", type_text)
    qtbot.waitUntil(lambda: page.message.text() == "Wrong user name or password.", timeout=15000)
    assert window.stack.currentWidget() is page
    assert page.button.isEnabled() and page.password.text() == ""
    assert not session.tablet.repo.meta("session_user")
    assert window.status.inspector_label.text() == "Inspector: —"


def test_empty_fields_are_refused_before_asking_anyone(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, window.login_page.button)
    assert window.login_page.message.text() == "Enter your user name and password."
    assert window.stack.currentWidget() is window.login_page


def test_offline_login_after_an_online_one(
    account: Account, tablet: Tablet, session: Session, qtbot, type_text
) -> None:  # type: ignore[no-untyped-def]
    # Yesterday, online (as `fieldcase login` does it); today the server cannot be reached.
    accounts.login(tablet, account.name, account.password)
    accounts.logout(tablet)
    tablet.repo.set_meta("server_url", UNREACHABLE)
    window = open_main_window(qtbot, session)
    try:
        assert window.stack.currentWidget() is window.login_page
        # The inspector who logged in here before is offered by name.
        page = window.login_page
        qtbot.waitUntil(lambda: any(b.text() == account.name for b in page.findChildren(QPushButton)), timeout=5000)
        with qtbot.waitSignal(window.login_page.logged_in, timeout=15000):
            log_in(qtbot, window, account.name, account.password, type_text)
        assert window.stack.currentWidget() is window.list_page
        qtbot.waitUntil(lambda: account.name in window.status.inspector_label.text(), timeout=5000)
        # The first sync finds no server: offline, and it will retry by itself.
        qtbot.waitUntil(lambda: window.status.connectivity_label.text() == "Offline: will retry", timeout=15000)
        assert not window.sync_banner.isVisible()
    finally:
        close_main_window(qtbot, window, session)


def test_offline_login_with_a_wrong_password_is_refused(
    account: Account, tablet: Tablet, session: Session, qtbot, type_text
) -> None:  # type: ignore[no-untyped-def]
    accounts.login(tablet, account.name, account.password)
    accounts.logout(tablet)
    tablet.repo.set_meta("server_url", UNREACHABLE)
    window = open_main_window(qtbot, session)
    try:
        log_in(qtbot, window, account.name, "guess", type_text)
        qtbot.waitUntil(lambda: window.login_page.message.text() == "Wrong user name or password.", timeout=15000)
        assert window.stack.currentWidget() is window.login_page
    finally:
        close_main_window(qtbot, window, session)


def test_log_out_from_settings_returns_to_the_login_page(
    account: Account, tablet: Tablet, session: Session, qtbot, type_text
) -> None:  # type: ignore[no-untyped-def]
    accounts.login(tablet, account.name, account.password)
    window = open_main_window(qtbot, session)
    try:
        # Someone is logged in already: the list at once, no login page.
        assert window.stack.currentWidget() is window.list_page
        qtbot.waitUntil(lambda: window.status.inspector_label.text() == f"Inspector: {account.name}", timeout=5000)
        click(qtbot, window.list_page.settings)
        dialog = window.settings_dialog
        assert dialog is not None
        qtbot.waitExposed(dialog)
        assert dialog.account.text() == account.name
        assert dialog.server.text() == session.tablet.repo.meta("server_url")
        click(qtbot, dialog.logout_button)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=10000)
        idle(qtbot, session)
        assert not session.tablet.repo.meta("session_user")
        assert window.status.inspector_label.text() == "Inspector: —"
        assert not window.status.sync_button.isVisible()
        assert not window.sync.active
        # The next inspector of the shift logs in on the same tablet.
        with qtbot.waitSignal(window.login_page.logged_in, timeout=15000):
            log_in(qtbot, window, account.name, account.password, type_text)
        assert window.stack.currentWidget() is window.list_page
    finally:
        close_main_window(qtbot, window, session)


def test_a_local_tablet_needs_no_login(main_window: MainWindow, qapp: QApplication, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Never enrolled (the local demo): the list, no login page, no Sync now, no account in settings."""
    assert main_window.stack.currentWidget() is main_window.list_page
    qtbot.waitUntil(lambda: chips_apart(main_window), timeout=3000)
    assert main_window.login_page is None
    assert not main_window.status.sync_button.isVisible()
    main_window.show_settings()
    dialog = main_window.settings_dialog
    assert dialog is not None and not dialog.logout_button.isVisible() and not dialog.account.isVisible()
    dialog.reject()

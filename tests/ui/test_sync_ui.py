"""Sync in the app, against a real server on 127.0.0.1: Sync now, progress, offline, login expired, refusals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from app import accounts
from app.services import Tablet
from tests.server.conftest import LiveServer, databases, make_server  # noqa: F401  (fixtures)
from tests.server.helpers import Account
from tests.ui.helpers import click, close_main_window, idle, jpeg, open_main_window
from ui.main_window import MainWindow
from ui.models.case_list import CaseIdRole, SyncRole
from ui.session import Session
from ui.status_bar import MB

UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def server(make_server: Callable[..., LiveServer]) -> LiveServer:  # noqa: F811
    return make_server()


@pytest.fixture
def account(server: LiveServer, tablet: Tablet) -> Account:
    """An enrolled tablet with an inspector logged in (online), as at the start of a shift."""
    inspector = server.user("inspector", districts=("d1",))
    code = server.core.accounts.new_enroll_code("d1")["code"]
    accounts.enroll(tablet, server.url, code)
    accounts.login(tablet, inspector.name, inspector.password)
    return inspector


def submit(tablet: Tablet, folder: Path, name: str) -> str:
    """A manhole-cover case with two photos, submitted (on the thread that owns the tablet)."""
    # Distinct GPS, so distinct bytes: no two photos share a hash.
    base = 34.7466 + (sum(name.encode()) % 100) / 10_000
    photos = [jpeg(folder, f"{name}_{k}.jpg", gps=(base + k / 100_000, 113.6253)) for k in range(2)]
    case = tablet.new_case(type="manhole_cover", subtype="broken", fields={"owner": "gas"}, photos=photos)
    return tablet.submit(case.id).id


def list_syncs(window: MainWindow) -> dict[str, str]:
    model = window.list_page.model
    return {
        model.data(model.index(r), CaseIdRole): model.data(model.index(r), SyncRole) for r in range(model.rowCount())
    }


@pytest.fixture
def window(account: Account, session: Session, qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = open_main_window(qtbot, session)
    assert win.stack.currentWidget() is win.list_page
    yield win
    close_main_window(qtbot, win, session)


def first_sync_done(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The automatic sync after start-up has run and its state is on the status bar."""
    qtbot.waitUntil(lambda: window.sync.last_report is not None and not window.sync.running, timeout=15000)
    qtbot.waitUntil(lambda: window.status.connectivity_label.text() != "Server: —", timeout=5000)


def test_sync_now_sends_the_submitted_cases_and_the_list_shows_them_synced(
    window: MainWindow, session: Session, qtbot, tmp_path: Path, server: LiveServer
) -> None:  # type: ignore[no-untyped-def]
    first_sync_done(qtbot, window)
    status = window.status
    assert status.connectivity_label.text() == "Online"
    # The inspector submits two cases (through the database worker, as the pages do).
    ids: list[str] = []
    tablet = session.tablet
    session.run_op(lambda: [submit(tablet, tmp_path, n) for n in ("a", "b")], case_id="", on_done=ids.extend)
    qtbot.waitUntil(lambda: len(ids) == 2, timeout=15000)
    qtbot.waitUntil(lambda: all(list_syncs(window).get(i) == "pending" for i in ids), timeout=10000)
    qtbot.waitUntil(lambda: status.waiting_label.text() == "Waiting to sync: 2", timeout=5000)

    shown: list[str] = []
    window.sync.sync_progressed.connect(lambda *_: shown.append(status.progress_label.text()))
    assert status.sync_button.isVisible()
    with qtbot.waitSignal(window.sync.sync_started, timeout=5000):
        click(qtbot, status.sync_button)
    assert status.progress_box.isVisible() and not status.sync_button.isVisible()
    with qtbot.waitSignal(window.sync.sync_finished, timeout=30000) as blocker:
        pass
    report = blocker.args[0]
    assert report.error is None and report.cases_accepted == 2 and report.photos_uploaded == 4
    # Progress was shown as it came: bytes of photos, then cases.
    assert any("MB" in text for text in shown) and any("Cases 2/2" in text for text in shown)
    qtbot.waitUntil(lambda: all(list_syncs(window).get(i) == "synced" for i in ids), timeout=10000)
    qtbot.waitUntil(lambda: status.waiting_label.text() == "Waiting to sync: 0", timeout=5000)
    assert status.connectivity_label.text() == "Online"
    assert status.last_sync_label.text() != "Last sync: —"
    assert not status.progress_box.isVisible() and status.sync_button.isVisible()
    assert not window.sync_banner.isVisible()
    with server.core.store.engine.connect() as conn:
        on_server = {r[0] for r in conn.execute(sa.text("SELECT id FROM cases"))}
    assert on_server == set(ids)


def test_server_unreachable_says_offline_and_keeps_the_cases_waiting(
    account: Account, tablet: Tablet, session: Session, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ids = [submit(tablet, tmp_path, n) for n in ("a", "b")]
    tablet.repo.set_meta("server_url", UNREACHABLE)
    window = open_main_window(qtbot, session)
    try:
        first_sync_done(qtbot, window)
        status = window.status
        assert window.sync.last_report.error_kind == "network"
        assert status.connectivity_label.text() == "Offline: will retry"
        qtbot.waitUntil(lambda: status.waiting_label.text() == "Waiting to sync: 2", timeout=5000)
        assert not window.sync_banner.isVisible()  # being offline is normal in the field: no alarm
        # Sync now, by hand: still no server, still waiting, nothing lost.
        with qtbot.waitSignal(window.sync.sync_finished, timeout=15000):
            click(qtbot, status.sync_button)
        idle(qtbot, session)
        assert status.connectivity_label.text() == "Offline: will retry"
        assert status.waiting_label.text() == "Waiting to sync: 2"
        qtbot.waitUntil(lambda: all(list_syncs(window).get(i) == "pending" for i in ids), timeout=10000)
    finally:
        close_main_window(qtbot, window, session)


def test_progress_is_shown_in_cases_and_megabytes_and_can_be_cancelled(
    window: MainWindow, session: Session, qtbot
) -> None:  # type: ignore[no-untyped-def]
    first_sync_done(qtbot, window)
    status, sync = window.status, window.sync
    sync.sync_started.emit()
    assert status.progress_label.text() == "Syncing…"
    sync.sync_progressed.emit("photos", 3 * MB, 12 * MB)
    assert status.progress_label.text() == "Photos 3.0/12.0 MB"
    assert status.progress_bar.maximum() == 12 * 1024 and status.progress_bar.value() == 3 * 1024
    sync.sync_progressed.emit("photos", 12 * MB, 12 * MB)
    sync.sync_progressed.emit("cases", 2, 5)
    assert status.progress_label.text() == "Cases 2/5 · Photos 12.0/12.0 MB"  # the phase under way first
    assert status.progress_bar.maximum() == 5 and status.progress_bar.value() == 2
    # Gigabytes stay within the bar's int.
    sync.sync_progressed.emit("photos", 3 * 1024 * MB, 5 * 1024 * MB)
    assert status.progress_bar.maximum() == 5 * 1024 * 1024
    click(qtbot, status.cancel_button)
    assert status.progress_label.text() == "Stopping…" and not status.cancel_button.isEnabled()
    assert sync._cancel.is_set()
    window.on_sync_finished(None)
    assert not status.progress_box.isVisible() and status.sync_button.isVisible()


def test_cancel_stops_a_real_sync_and_the_case_keeps_waiting(
    window: MainWindow, session: Session, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first_sync_done(qtbot, window)
    ids: list[str] = []
    tablet = session.tablet
    session.run_op(lambda: [submit(tablet, tmp_path, "c")], case_id="", on_done=ids.extend)
    qtbot.waitUntil(lambda: bool(ids), timeout=15000)
    with qtbot.waitSignal(window.sync.sync_finished, timeout=30000) as blocker:
        click(qtbot, window.status.sync_button)
        click(qtbot, window.status.cancel_button)  # at once: before the first photo goes
    assert blocker.args[0].error_kind == "cancelled"
    idle(qtbot, session)
    assert window.status.waiting_label.text() == "Waiting to sync: 1"
    assert not window.sync_banner.isVisible()
    assert not window.sync._timer.isActive()  # a cancel waits for the inspector, not for a timer


def test_login_expired_asks_to_log_in_again(
    account: Account, tablet: Tablet, session: Session, qtbot, type_text
) -> None:  # type: ignore[no-untyped-def]
    # The token the tablet holds is no longer one the server knows (expired, or revoked by IT).
    tablet.repo.db.execute("UPDATE accounts SET token = 'expired-token'")
    window = open_main_window(qtbot, session)
    try:
        first_sync_done(qtbot, window)
        assert window.sync.last_report.error_kind == "auth"
        banner = window.sync_banner
        qtbot.waitUntil(banner.isVisible, timeout=5000)
        assert banner.label.text().startswith("Login expired: log in again")
        assert banner.button.text() == "Log in again"
        click(qtbot, banner.button)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=10000)
        page = window.login_page
        assert page.user.text() == account.name  # only the password to type again
        type_text(page.password, account.password)
        with qtbot.waitSignal(page.logged_in, timeout=15000):
            click(qtbot, page.button)
        qtbot.waitUntil(lambda: window.sync.last_report.error_kind is None and not window.sync.running, timeout=15000)
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
        assert window.status.connectivity_label.text() == "Online"
    finally:
        close_main_window(qtbot, window, session)


def test_a_case_the_server_refused_is_counted_and_shows_why(
    account: Account, tablet: Tablet, session: Session, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    case_id = submit(tablet, tmp_path, "r")
    other = submit(tablet, tmp_path, "s")
    entry = next(e for e in tablet.sync_store.outbox() if e.case_id == case_id)
    # As the engine parks a revision the server refused for good (conflict, invalid, refused).
    tablet.sync_store.park(case_id, entry.revision, "case 1 revision 1 was already received with another body")
    window = open_main_window(qtbot, session)
    try:
        first_sync_done(qtbot, window)
        banner = window.sync_banner
        qtbot.waitUntil(banner.isVisible, timeout=5000)
        assert banner.label.text() == "1 case refused by the server: open it to see why."
        assert banner.button.text() == "Show them"
        qtbot.waitUntil(lambda: list_syncs(window).get(other) == "synced", timeout=10000)
        click(qtbot, banner.button)
        page = window.list_page
        assert page.chip == "waiting"
        qtbot.waitUntil(lambda: list(list_syncs(window)) == [case_id], timeout=10000)
        assert list_syncs(window)[case_id] == "failed"

        window.show_case(case_id)
        detail = window.detail_page
        qtbot.waitUntil(lambda: detail.case is not None and detail.case.id == case_id, timeout=10000)
        assert detail.sync_chip.text() == "Sync failed"
        assert detail.sync_problem_banner.isVisible()
        assert detail.sync_problem_text.text() == "case 1 revision 1 was already received with another body"
        # The sync badge has colours of its own, not the state badge's.
        assert detail.sync_badge.styleSheet() != detail.state_chip.styleSheet()
        assert detail.state_chip.styleSheet().split(";")[0] not in detail.sync_badge.styleSheet()
    finally:
        close_main_window(qtbot, window, session)


def test_the_detail_sync_badge_colours_follow_the_sync_state() -> None:
    from ui.case_detail import sync_badge_colors
    from ui.theme import badge_colors, contrast_ratio

    for theme in ("normal", "sunlight"):
        colours = {s: sync_badge_colors(s, theme) for s in ("local", "pending", "synced", "failed")}
        assert len({bg.name() for bg, _ in colours.values()}) == 4
        # Synced is not painted like the server-side states (received, filed, dispatched) it sits beside.
        assert colours["synced"][0] != badge_colors("received", theme)[0]
        for bg, text in colours.values():
            assert contrast_ratio(text, bg) >= 7.0

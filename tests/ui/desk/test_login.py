"""The desk's login: each role its own desk; a wrong password, an unreachable server, an inspector."""

from __future__ import annotations

import socket

from tests.ui.desk.drive import close_desk_window, log_in, open_desk, open_desk_window
from tests.ui.desk.world import World


def test_a_supervisor_gets_the_review_desk_with_the_queue(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    ids = [world.send("broken"), world.send("missing")]
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        assert desk.mode == "review" and window.stack.currentWidget() is desk
        assert world.supervisor.name in window.who.text() and "supervisor" in window.who.text()
        model = desk.queue.model
        assert sorted(model.row_at(i).id for i in range(model.rowCount())) == sorted(ids)
        # The first case is shown beside the queue.
        qtbot.waitUntil(lambda: desk.case_view.case is not None, timeout=20_000)
    finally:
        close_desk_window(qtbot, window)


def test_a_unit_gets_the_unit_desk(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.unit)
        assert desk.mode == "unit" and desk.evaluation is None
        assert "Water supply company" in window.who.text()
        assert desk.queue.empty.isVisible() and desk.queue.model.rowCount() == 0
    finally:
        close_desk_window(qtbot, window)


def test_a_wrong_password_is_said_and_nothing_opens(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    window = open_desk_window(qtbot, world.url)
    try:
        log_in(qtbot, window, world.supervisor, password="not-the-password")
        assert window.desk is None and window.stack.currentWidget() is window.login_page
        assert window.login_page.message.text() == "Wrong user name or password."
        assert window.login_page.password.text() == "" and window.login_page.button.isEnabled()
    finally:
        close_desk_window(qtbot, window)


def test_an_unreachable_server_is_explained_and_the_window_stays_responsive(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    window = open_desk_window(qtbot, f"http://127.0.0.1:{port}")
    try:
        log_in(qtbot, window, world.supervisor)
        text = window.login_page.message.text()
        assert "cannot be reached" in text and f"127.0.0.1:{port}" in text
        # Put the right address in and try again: it works.
        window.login_page.server.setText(world.url)
        desk = open_desk(qtbot, window, world.supervisor)
        assert desk.mode == "review"
    finally:
        close_desk_window(qtbot, window)


def test_an_inspector_is_sent_to_the_tablet_app(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    window = open_desk_window(qtbot, world.url)
    try:
        log_in(qtbot, window, world.inspector)
        assert window.desk is None and "tablet app" in window.login_page.message.text()
    finally:
        close_desk_window(qtbot, window)


def test_an_expired_login_goes_back_to_the_login_page(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    world.send("broken")
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        client = desk.connection.client
        client.session.post(f"{world.url}/api/v1/auth/logout", headers={"Authorization": f"Bearer {client.token}"})
        desk.queue.model.refresh()
        qtbot.waitUntil(lambda: window.desk is None, timeout=20_000)
        assert window.login_page.user.text() == world.supervisor.name
        assert "expired" in window.login_page.message.text()
        open_desk(qtbot, window, world.supervisor)
    finally:
        close_desk_window(qtbot, window)


def test_a_server_that_does_not_answer_is_said_slow_then_given_up(qtbot, world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("ui.desk.window.SLOW_MS", 200)
    monkeypatch.setattr("app.desk.READ_TIMEOUT", 1.5)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # connections are accepted, never answered
    window = open_desk_window(qtbot, f"http://127.0.0.1:{listener.getsockname()[1]}")
    try:
        page = window.login_page
        page._slow.setInterval(200)  # noqa: SLF001  (the timer was made before the patch)
        page.user.setText(world.supervisor.name)
        page.password.setText(world.supervisor.password)
        page.on_button_clicked()
        qtbot.waitUntil(lambda: "slow to answer" in page.message.text(), timeout=5000)
        assert page.busy and not page.button.isEnabled()
        qtbot.wait(20)  # the window keeps answering meanwhile
        qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
        assert "no answer in time" in page.message.text() and page.button.isEnabled()
    finally:
        close_desk_window(qtbot, window)
        listener.close()


def test_an_admin_sees_every_district_and_takes_no_supervisor_decision(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    case_id = world.send("broken")
    admin = world.server.user("admin", name="it-admin")
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, admin)
        assert desk.mode == "review" and "all districts" in window.who.text()
        qtbot.waitUntil(
            lambda: desk.case_view.case is not None and desk.case_view.case["id"] == case_id, timeout=20_000
        )
        assert desk.case_view.action_buttons == {}  # the state machine gives decisions to supervisors
        assert "No decision is open to you" in desk.case_view.actions_bar.itemAt(0).widget().text()
    finally:
        close_desk_window(qtbot, window)


def test_the_login_page_switches_language_and_theme(qtbot, world: World, qapp) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n
    from ui.desk.window import desk_settings
    from ui.theme import current_theme_name

    window = open_desk_window(qtbot, world.url)
    try:
        page = window.login_page
        page.language.setCurrentIndex(page.language.findData("zh_CN"))
        assert i18n.current_language() == "zh_CN"
        qtbot.waitUntil(lambda: page.button.text() == "登录", timeout=5000)  # LanguageChange is posted
        assert window.logout_button.text() == "退出登录" and window.windowTitle() == "Fieldcase 案件工作台"
        page.theme.setCurrentIndex(page.theme.findData("sunlight"))
        assert current_theme_name() == "sunlight"
        assert desk_settings().value("theme") == "sunlight" and desk_settings().value("language") == "zh_CN"
        desk = open_desk(qtbot, window, world.supervisor)
        assert desk.tabs.tabText(0) == "审核队列"
    finally:
        close_desk_window(qtbot, window)

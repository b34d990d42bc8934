"""The review queue: a lazy model over cursor pages (qtmodeltester), filters, paging, announcements,
a dropped connection retried, CSV export."""

from __future__ import annotations

import csv
from pathlib import Path

from app.desk import DeskClient
from app.domain.catalogue import load_catalogue
from app.paths import resources_dir
from tests.ui.desk.drive import close_desk_window, open_desk, open_desk_window
from tests.ui.desk.world import World
from ui.desk.connection import DeskConnection
from ui.desk.queue_model import QueueModel
from ui.desk.window import load_calendar


def _connection(world: World, qapp) -> DeskConnection:  # type: ignore[no-untyped-def]
    client = DeskClient(world.url)
    client.login(world.supervisor.name, world.supervisor.password)
    return DeskConnection(client)


def test_the_queue_model_pages_lazily_and_passes_the_model_tester(qtbot, qtmodeltester, world: World, qapp) -> None:  # type: ignore[no-untyped-def]
    ids = [world.send("broken") for _ in range(6)] + [world.send("missing")]
    connection = _connection(world, qapp)
    model = QueueModel(connection, load_catalogue(resources_dir() / "catalogue.json"), load_calendar(), page_size=3)
    try:
        from app.desk import QueueFilter

        model.set_filter(QueueFilter())
        qtbot.waitUntil(lambda: model.pages == 1, timeout=20_000)
        assert model.rowCount() == 3 and model.canFetchMore()
        # Urgent first, then the oldest.
        assert [model.row_at(i).id for i in range(3)] == [ids[-1], ids[0], ids[1]]
        qtmodeltester.check(model)  # (the tester may itself ask for the next page)
        qtbot.waitUntil(lambda: not model.loading, timeout=20_000)
        while model.canFetchMore():
            before = model.pages
            model.fetchMore()
            qtbot.waitUntil(lambda before=before: model.pages == before + 1, timeout=20_000)
        assert [model.row_at(i).id for i in range(model.rowCount())] == [ids[-1], *ids[:-1]]
        assert model.complete
        qtmodeltester.check(model)
        assert model.data(model.index(0, 0)) == "URGENT"
    finally:
        connection.stop()
        connection.client.close()


def test_filters_narrow_the_queue(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    broken = world.send("broken", address="Jinshui Road 18")
    missing = world.send("missing", address="Hanghai Road 2")
    filed = world.send("sunken_raised", address="Nongye Road 7", photos=3)
    world.decide(world.supervisor, filed, "file")
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        queue = desk.queue
        model = queue.model

        def shown() -> list[str]:
            return sorted(model.row_at(i).id for i in range(model.rowCount()))

        def settle() -> None:
            qtbot.waitUntil(lambda: not model.loading, timeout=20_000)

        assert shown() == sorted([broken, missing, filed])  # waiting for a decision: received and filed
        queue.subtype.setCurrentIndex(queue.subtype.findData("missing"))
        settle()
        assert shown() == [missing]
        queue.subtype.setCurrentIndex(0)
        queue.state.setCurrentIndex(queue.state.findData("filed"))
        settle()
        assert shown() == [filed]
        queue.state.setCurrentIndex(1)  # all states
        queue.search.setText("hanghai")
        qtbot.waitUntil(lambda: shown() == [missing], timeout=20_000)
        queue.search.clear()
        queue.inspector.setText("nobody-at-all")
        qtbot.waitUntil(lambda: model.filter is not None and model.filter.inspector == "nobody-at-all", timeout=5000)
        settle()
        assert shown() == [] and queue.empty.isVisible() and queue.empty.text() == "No cases match these filters."
        queue.inspector.setText(world.inspector.name)
        qtbot.waitUntil(lambda: len(shown()) == 3, timeout=20_000)
        queue.overdue.setChecked(True)
        settle()
        assert shown() == []
        queue.overdue.setChecked(False)
        queue.district.setCurrentIndex(queue.district.findData("d1"))
        settle()
        assert len(shown()) == 3
    finally:
        close_desk_window(qtbot, window)


def test_scrolling_to_the_end_fetches_the_next_page(qtbot, world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("app.desk.PAGE", 4)
    for _ in range(9):
        world.send("broken")
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        model, view = desk.queue.model, desk.queue.view
        model._page_size = 4  # noqa: SLF001  (pages of 4 so that 9 cases need three)
        view.setFixedHeight(160)  # a short table: the view asks for more only as it scrolls
        model.refresh()
        qtbot.waitUntil(lambda: model.pages >= 1 and not model.loading, timeout=20_000)
        assert model.rowCount() < 9 and model.canFetchMore()
        for _ in range(10):
            view.scrollToBottom()
            qtbot.wait(50)
            if model.complete:
                break
            qtbot.waitUntil(lambda: not model.loading, timeout=20_000)
        assert model.rowCount() == 9 and model.complete and model.pages == 3
        assert desk.queue.count.text() == "9 cases shown"
    finally:
        close_desk_window(qtbot, window)


def test_a_new_urgent_case_is_announced(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    world.send("broken")
    window = open_desk_window(qtbot, world.url, poll_ms=200)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        queue = desk.queue
        qtbot.waitUntil(lambda: queue.seen_new is not None, timeout=20_000)
        assert not queue.banner.isVisible()
        world.send("broken", address="Not urgent Road 1")
        qtbot.wait(800)
        assert not queue.banner.isVisible()  # only urgent cases are announced
        urgent = world.send("missing", address="Zijingshan Road 99")
        with qtbot.waitSignal(queue.announced, timeout=20_000) as blocker:
            pass
        assert [c["id"] for c in blocker.args[0]] == [urgent]
        assert queue.banner.isVisible() and "Zijingshan Road 99" in queue.banner_text.text()
        queue.banner_show.click()
        qtbot.waitUntil(lambda: desk.case_view.case is not None and desk.case_view.case["id"] == urgent, timeout=20_000)
        assert not queue.banner.isVisible()
    finally:
        close_desk_window(qtbot, window)


def test_a_dropped_connection_is_said_and_retried_until_it_answers(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    case_id = world.send("broken")
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        client = desk.connection.client
        real = client.base_url
        from tests.app.test_desk import _closed_port

        client.base_url = f"http://127.0.0.1:{_closed_port()}"  # the network goes away
        desk.queue.model.refresh()
        qtbot.waitUntil(lambda: "cannot be reached" in desk.queue.status.text(), timeout=20_000)
        assert "cannot be reached" in window.connection_state.text()
        assert desk.queue.model.rowCount() == 0 and desk.queue.model.loading
        qtbot.wait(50)  # the window still answers: the GUI thread never waits on the network
        client.base_url = real  # and comes back
        qtbot.waitUntil(lambda: desk.queue.model.rowCount() == 1, timeout=20_000)
        assert desk.queue.model.row_at(0).id == case_id
        assert desk.queue.status.text() in ("", "Connected again.") and window.connection_state.text() == ""
    finally:
        close_desk_window(qtbot, window)


def test_the_filter_exports_as_csv(qtbot, world: World, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = [world.send("broken", address="金水路18号") for _ in range(2)]
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        out = tmp_path / "queue.csv"
        desk.queue.export_csv(out)
        qtbot.waitUntil(lambda: "exported" in desk.queue.status.text(), timeout=20_000)
        rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
        assert sorted(r["id"] for r in rows) == sorted(ids) and rows[0]["address"] == "金水路18号"
    finally:
        close_desk_window(qtbot, window)


def test_the_queue_follows_a_change_of_language(qtbot, world: World, qapp) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n

    world.send("missing")
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        model = desk.queue.model
        from PySide6.QtCore import Qt

        assert model.headerData(0, Qt.Orientation.Horizontal) == "Urgency" and model.data(model.index(0, 0)) == "URGENT"
        desk.queue.subtype.setCurrentIndex(desk.queue.subtype.findData("missing"))
        qtbot.waitUntil(lambda: not model.loading, timeout=20_000)
        i18n.install_translator(qapp, "zh_CN")
        qtbot.waitUntil(lambda: model.headerData(0, Qt.Orientation.Horizontal) == "紧急程度", timeout=5000)
        assert model.data(model.index(0, 0)) == "紧急" and model.data(model.index(0, 2)) == "井盖缺失"
        assert desk.queue.subtype.currentText() == "井盖缺失"  # the choice kept, its name translated
    finally:
        close_desk_window(qtbot, window)

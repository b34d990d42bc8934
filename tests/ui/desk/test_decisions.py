"""Decisions from the case view, each asking for what it needs; a refused one (someone decided first)
explained and the view refreshed; bulk dispatch reporting per case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel

from tests.ui.conftest import type_into
from tests.ui.desk.drive import close_desk_window, open_desk, open_desk_window, wait_case
from tests.ui.desk.world import World, jpeg_bytes
from ui.desk.decisions import DecisionDialog
from ui.desk.window import DeskPage, DeskWindow


def _desk(qtbot, world: World) -> tuple[DeskWindow, DeskPage]:  # type: ignore[no-untyped-def]
    window = open_desk_window(qtbot, world.url)
    desk = open_desk(qtbot, window, world.supervisor)
    desk.queue.state.setCurrentIndex(1)  # all states
    qtbot.waitUntil(lambda: not desk.queue.model.loading, timeout=20_000)
    return window, desk


def _decide(qtbot, desk: DeskPage, action: str, fill: Any = None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Click the action's button, fill its dialog, press OK; the case as the view then shows it."""
    view = desk.case_view
    before = (view.case or {}).get("server", {}).get("version")
    view.action_buttons[action].click()
    dialog = view.dialog
    assert isinstance(dialog, DecisionDialog) and dialog.isVisible() and dialog.action == action
    if fill is not None:
        fill(dialog)
    assert dialog.ok.isEnabled(), dialog.problem.text()
    dialog.ok.click()
    qtbot.waitUntil(
        lambda: (
            not view.busy
            and view.case is not None
            and view.case.get("server", {}).get("version") != before
            and view.stack.currentWidget() is view.case_page
        ),
        timeout=20_000,
    )
    assert view.notice.text() == "" or not view.notice.isVisible(), view.notice.text()
    return view.case  # type: ignore[return-value]


def _note(text: str, qtbot) -> Any:  # type: ignore[no-untyped-def]
    def fill(dialog: DecisionDialog) -> None:
        assert not dialog.ok.isEnabled()  # nothing said yet: OK waits for it
        assert dialog.note is not None
        type_into(qtbot, dialog.note, text)

    return fill


def test_the_whole_loop_from_the_case_view(qtbot, world: World, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case_id = world.send("broken")
    window, desk = _desk(qtbot, world)
    try:
        view = desk.case_view
        desk.on_queue_case_chosen(case_id)
        wait_case(qtbot, desk, case_id)
        filed = _decide(qtbot, desk, "file")
        assert filed["status"] == "filed" and filed["official_number"] and view.badge.text() == "filed"
        assert desk.queue.model.row_at(desk.queue.model.row_of_id(case_id)).state == "filed"  # the queue follows

        def pick_unit(dialog: DecisionDialog) -> None:
            assert dialog.unit is not None
            assert dialog.unit.currentData() == "water_supply_co"  # the cover's owner's unit, from the catalogue
            assert "Disposal" in dialog.plan.text() and "working hours" in dialog.plan.text()
            dialog.unit.setCurrentIndex(dialog.unit.findData("drainage_co"))

        dispatched = _decide(qtbot, desk, "dispatch", pick_unit)
        assert dispatched["status"] == "dispatched" and dispatched["unit"] == "drainage_co"
        assert "left" in view.deadlines_text.text()
        due = dispatched["deadlines"][0]["due_at"]

        def extend(dialog: DecisionDialog) -> None:
            _note("路面施工协调，需延后", qtbot)(dialog)
            assert dialog.hours is not None
            dialog.hours.setValue(4.0)

        deferred = _decide(qtbot, desk, "defer", extend)
        assert deferred["deferred"] is True and deferred["deadlines"][0]["due_at"] != due
        assert "deferred" in view.deadlines_text.text()

        photo = tmp_path / "after.jpg"
        photo.write_bytes(jpeg_bytes(4242))

        def disposal(dialog: DecisionDialog) -> None:
            _note("New cover fitted", qtbot)(dialog)
            dialog.add_photos([photo])
            assert dialog.photos is not None and dialog.photos.count() == 1

        disposed = _decide(qtbot, desk, "dispose", disposal)
        assert disposed["status"] == "disposed"
        sent_back = _decide(qtbot, desk, "send_back", _note("The frame still rocks", qtbot))
        assert sent_back["status"] == "dispatched"
        again = _decide(qtbot, desk, "dispose", _note("Frame re-seated", qtbot))
        assert again["status"] == "disposed"
        world.verify(case_id)
        view.reload()
        qtbot.waitUntil(lambda: view.case is not None and view.case["status"] == "verified", timeout=20_000)
        closed = _decide(qtbot, desk, "close")
        assert closed["status"] == "closed" and view.action_buttons == {}
        actions = [view.trail_list.item(i).text() for i in range(view.trail_list.count())]
        for action in ("file", "dispatch", "defer", "dispose", "send_back", "confirm", "close"):
            assert any(f"] {action}" in a or f"  {action}" in a for a in actions), (action, actions)
        log = world.client(world.supervisor).get(f"/cases/{case_id}/log").json()
        dispose = [e for e in log["events"] if e["action"] == "dispose"][0]
        assert dispose["actor"] == world.supervisor.name and "New cover fitted" in str(dispose["changes"])
    finally:
        close_desk_window(qtbot, window)


def test_return_reject_and_duplicate_ask_for_what_they_need(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    returned = world.send("broken")
    rejected = world.send("broken", at=(34.80, 113.70))
    original = world.send("missing", at=(34.7466, 113.6253))
    copy = world.send("missing", at=(34.74661, 113.62531))
    window, desk = _desk(qtbot, world)
    try:
        view = desk.case_view
        desk.on_queue_case_chosen(returned)
        wait_case(qtbot, desk, returned)
        case = _decide(qtbot, desk, "return", _note("需要补拍井盖编号的近景照片", qtbot))
        assert case["status"] == "returned" and case["review_note"] == "需要补拍井盖编号的近景照片"
        desk.on_queue_case_chosen(rejected)
        wait_case(qtbot, desk, rejected)
        case = _decide(qtbot, desk, "reject", _note("Not a public cover", qtbot))
        assert case["status"] == "rejected"
        desk.on_queue_case_chosen(copy)
        wait_case(qtbot, desk, copy)
        qtbot.waitUntil(lambda: bool(view.nearby), timeout=20_000)

        def choose(dialog: DecisionDialog) -> None:
            assert dialog.duplicate_of is not None and dialog.duplicate_of.currentIndex() == 0  # the nearest
            index = dialog.duplicate_of.findData(original)
            assert index >= 0  # the nearby cases are offered
            dialog.duplicate_of.setCurrentIndex(index)

        case = _decide(qtbot, desk, "duplicate", choose)
        assert case["status"] == "duplicate"
        log = world.client(world.supervisor).get(f"/cases/{copy}/log").json()
        assert original in str(log["events"][-1]["changes"])
    finally:
        close_desk_window(qtbot, window)


def test_a_decision_someone_else_took_first_is_explained_and_the_view_refreshes(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    case_id = world.send("broken")
    window, desk = _desk(qtbot, world)
    try:
        view = desk.case_view
        desk.on_queue_case_chosen(case_id)
        wait_case(qtbot, desk, case_id)
        assert view.badge.text() == "received"
        # Another supervisor files it from their own desk meanwhile.
        world.decide(world.supervisor, case_id, "file")
        view.action_buttons["return"].click()
        dialog = view.dialog
        assert dialog is not None
        qtbot.keyClicks(dialog.note, "a close-up is missing")
        dialog.ok.click()
        qtbot.waitUntil(
            lambda: view.case is not None and view.case["status"] == "filed" and not view.busy, timeout=20_000
        )
        assert view.notice.isVisible()
        text = view.notice.text()
        assert "Return for evidence was not recorded." in text and "Someone else decided on this case first" in text
        assert "shown again as it now stands" in text
        assert view.badge.text() == "filed" and sorted(view.action_buttons) == ["dispatch"]
        log = world.client(world.supervisor).get(f"/cases/{case_id}/log").json()
        assert [e["action"] for e in log["events"]][-1] == "file"  # the refused return changed nothing
    finally:
        close_desk_window(qtbot, window)


def test_bulk_dispatch_reports_per_case(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    ids = [world.send("broken", address=f"Wenhua Road {n}") for n in range(3)]
    for case_id in ids:
        world.decide(world.supervisor, case_id, "file")
    window, desk = _desk(qtbot, world)
    try:
        queue = desk.queue
        queue.state.setCurrentIndex(queue.state.findData("filed"))
        qtbot.waitUntil(lambda: queue.model.rowCount() == 3 and not queue.model.loading, timeout=20_000)
        # One of them is dispatched by someone else before the bulk action runs.
        world.decide(world.supervisor, ids[1], "dispatch", unit="gas_co")
        selection = queue.view.selectionModel()
        for row in range(3):
            selection.select(
                queue.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
        assert queue.bulk_button.isEnabled() and queue.bulk_button.text() == "Dispatch selected (3)"
        queue.bulk_button.click()
        dialog = queue.bulk_dialog
        assert dialog.isVisible() and dialog.each_default.isChecked()
        with qtbot.waitSignal(queue.bulk_done, timeout=30_000) as blocker:
            dialog.ok.click()
        report = blocker.args[0]
        outcome = {row.id: ok for row, ok, _ in report}
        assert outcome == {ids[0]: True, ids[1]: False, ids[2]: True}
        texts = {row.id: text for row, _, text in report}
        assert "dispatched to Water supply company" in texts[ids[0]]
        assert "not dispatched" in texts[ids[1]] and "Someone else decided" in texts[ids[1]]
        assert "Dispatched 2 of 3." in queue.status.text()
        boss = world.client(world.supervisor)
        assert [boss.get(f"/cases/{i}").json()["unit"] for i in ids] == ["water_supply_co", "gas_co", "water_supply_co"]
    finally:
        close_desk_window(qtbot, window)

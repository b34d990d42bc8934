"""Reassigning field work from the desk's queue: the selection, and every open case of the inspector in the
filter, through the dialog (eligible inspectors, how many cases move, per-case results with a refused case
explained); the queue refreshes."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt

from tests.server.helpers import Account
from tests.ui.desk.drive import close_desk_window, open_desk, open_desk_window, wait_case
from tests.ui.desk.world import World
from ui.desk.queue_model import REVIEW_COLUMNS, CaseIdRole
from ui.desk.queue_page import QueuePage
from ui.desk.reassign import ReassignDialog
from ui.desk.window import DeskPage, DeskWindow

# Where the test saves its screenshot of the dialog: docs/screenshots when made for the docs
# (FIELDCASE_SCREENSHOTS=docs/screenshots), else the test's own folder.
SCREENSHOTS_ENV = "FIELDCASE_SCREENSHOTS"


def _desk(qtbot, world: World, language: str = "en") -> tuple[DeskWindow, DeskPage]:  # type: ignore[no-untyped-def]
    window = open_desk_window(qtbot, world.url, language=language)
    desk = open_desk(qtbot, window, world.supervisor)
    desk.queue.state.setCurrentIndex(1)  # all states
    qtbot.waitUntil(lambda: not desk.queue.model.loading, timeout=20_000)
    return window, desk


def _inspectors(world: World) -> tuple[Account, Account, Account]:
    """Another inspector of d1 (the target), a disabled one, and one of d2 only."""
    tag = uuid.uuid4().hex[:4]
    li = world.server.user("inspector", districts=("d1",), name=f"li-{tag}")
    gone = world.server.user("inspector", districts=("d1",), name=f"gone-{tag}")
    world.server.core.accounts.disable_user(gone.name)
    far = world.server.user("inspector", districts=("d2",), name=f"zhao-{tag}")
    return li, gone, far


def _select_all(queue: QueuePage) -> None:
    selection = queue.view.selectionModel()
    for row in range(queue.model.rowCount()):
        selection.select(
            queue.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )


def _fill(qtbot, dialog: ReassignDialog, target: str, note: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.target.count() > 0 and not dialog.busy, timeout=20_000)
    with qtbot.waitSignal(dialog.previewed, timeout=20_000):
        assert dialog.choose(target)
    dialog.note.setPlainText(note)


def test_reassign_the_selection_with_a_refused_case(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    ids = [world.send("broken", address=f"Wenhua Road {n}") for n in range(3)]
    world.decide(world.supervisor, ids[0], "return", note="a close-up, please")
    li, gone, far = _inspectors(world)
    window, desk = _desk(qtbot, world)
    try:
        queue = desk.queue
        qtbot.waitUntil(lambda: queue.model.rowCount() == 3, timeout=20_000)
        _select_all(queue)
        assert queue.reassign_button.isEnabled() and queue.reassign_button.text() == "Reassign selected (3)…"
        # Someone rejects one of them before the reassignment runs: it can no longer move.
        world.decide(world.supervisor, ids[2], "reject", reason="not a case")
        queue.reassign_button.click()
        dialog = queue.reassign_dialog
        assert isinstance(dialog, ReassignDialog) and dialog.isVisible() and dialog.windowTitle() == "Reassign 3 cases"
        qtbot.waitUntil(lambda: dialog.target.count() > 0, timeout=20_000)
        names = [dialog.target.itemData(i) for i in range(dialog.target.count())]
        assert li.name in names and world.inspector.name in names  # the inspectors of d1 …
        assert gone.name not in names and far.name not in names  # … who work (and only of d1)
        assert not dialog.ok.isEnabled()
        _fill(qtbot, dialog, li.name, "")
        assert "2 cases will move to" in dialog.summary.text() and "1 cannot move" in dialog.summary.text()
        assert "not reassigned — the case is rejected" in dialog.summary.text()
        assert not dialog.ok.isEnabled() and dialog.problem.text() == "Say why the work is reassigned."
        dialog.note.setPlainText("Wang is on sick leave")
        assert dialog.ok.isEnabled()
        with qtbot.waitSignal(queue.reassign_done, timeout=30_000) as blocker:
            dialog.ok.click()
        answer = blocker.args[0]
        outcome = {r["id"]: r["outcome"] for r in answer["results"]}
        assert outcome == {ids[0]: "reassigned", ids[1]: "reassigned", ids[2]: "refused"}
        lines = [dialog.results.item(i).text() for i in range(dialog.results.count())]
        assert sum(f"reassigned from {world.inspector.name} to {li.name}" in line for line in lines) == 2
        assert any("not reassigned — the case is rejected" in line for line in lines)
        assert dialog.summary.text() == f"Reassigned 2 of 3 cases to {li.name}."
        assert not dialog.ok.isEnabled() and dialog.cancel.text() == "Close"
        assert queue.status.text() == f"Reassigned 2 of 3 cases to {li.name}."
        boss = world.client(world.supervisor)
        assert [boss.get(f"/cases/{i}").json()["assignee"] for i in ids] == [li.name, li.name, world.inspector.name]
        qtbot.waitUntil(lambda: not queue.model.loading, timeout=20_000)  # the queue refreshed
        dialog.cancel.click()
    finally:
        close_desk_window(qtbot, window)


def test_reassign_all_open_cases_of_the_inspector_in_the_filter(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    ids = [world.send("broken", address=f"Jingqi Road {n}") for n in range(3)]
    world.decide(world.supervisor, ids[1], "file")
    world.decide(world.supervisor, ids[2], "reject", reason="no")  # final: not open work
    li, _, _ = _inspectors(world)
    window, desk = _desk(qtbot, world)
    try:
        queue = desk.queue
        assert not queue.reassign_all_button.isVisible()
        queue.inspector.setText(world.inspector.name)
        assert queue.reassign_all_button.isVisible() and queue.reassign_all_button.isEnabled()
        assert queue.reassign_all_button.text() == f"Reassign all open cases of {world.inspector.name}…"
        queue.reassign_all_button.click()
        dialog = queue.reassign_dialog
        assert dialog.from_inspector == world.inspector.name and not dialog.cases.isVisible()
        qtbot.waitUntil(lambda: dialog.target.count() > 0, timeout=20_000)
        names = [dialog.target.itemData(i) for i in range(dialog.target.count())]
        assert world.inspector.name not in names  # not to themselves
        _fill(qtbot, dialog, li.name, "moved to the east district")
        assert f"2 cases will move to {li.name}." == dialog.summary.text()
        with qtbot.waitSignal(queue.reassign_done, timeout=30_000) as blocker:
            dialog.ok.click()
        assert {r["id"] for r in blocker.args[0]["results"]} == {ids[0], ids[1]}
        boss = world.client(world.supervisor)
        assert [boss.get(f"/cases/{i}").json()["assignee"] for i in ids] == [li.name, li.name, world.inspector.name]
        log = boss.get(f"/cases/{ids[0]}/log").json()["events"][-1]
        assert log["action"] == "reassign" and log["changes"]["note"] == "moved to the east district"
        # Again: nothing left to move.
        dialog.cancel.click()
        queue.reassign_all_button.click()
        again = queue.reassign_dialog
        _fill(qtbot, again, li.name, "x")
        assert "holds no open case in your districts" in again.summary.text() and not again.ok.isEnabled()
        again.cancel.click()
    finally:
        close_desk_window(qtbot, window)


def test_the_reassign_dialog_in_chinese(qtbot, world: World, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The dialog in zh_CN, with a refused case in the preview (docs/screenshots/desk-reassign-zh_CN.png)."""
    ids = [world.send("broken", address=f"花园路 {n} 号") for n in range(3)]
    world.decide(world.supervisor, ids[0], "return", note="请补拍近景")
    li, _, _ = _inspectors(world)
    window, desk = _desk(qtbot, world, language="zh_CN")
    try:
        queue = desk.queue
        qtbot.waitUntil(lambda: queue.model.rowCount() == 3, timeout=20_000)
        _select_all(queue)
        world.decide(world.supervisor, ids[2], "reject", reason="不属于案件")
        assert queue.reassign_button.text() == "改派所选（3）…"
        queue.reassign_button.click()
        dialog = queue.reassign_dialog
        _fill(qtbot, dialog, li.name, "王伟病假，其辖区外勤工作由李娜接手")
        assert "将有 2 件案件改派给" in dialog.summary.text() and "不予立案" in dialog.summary.text()
        assert dialog.windowTitle() == "改派 3 件案件" and dialog.ok.text() == "改派"
        dialog.resize(720, 560)
        qtbot.wait(50)
        folder = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path)
        assert dialog.grab().save(str(folder / "desk-reassign-zh_CN.png"))
        dialog.cancel.click()
    finally:
        close_desk_window(qtbot, window)


def _reassign(world: World, case_ids: list[str], to: str, note: str) -> None:
    answer = world.client(world.supervisor).post("/cases/reassign", json={"cases": case_ids, "to": to, "note": note})
    assert answer.status_code == 200 and answer.json()["reassigned"] == len(case_ids), answer.text


def test_the_case_view_and_the_queue_show_who_holds_a_reassigned_case(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    moved, kept = world.send("broken", address="Wenhua Road 1"), world.send("broken", address="Wenhua Road 2")
    li, _, _ = _inspectors(world)
    _reassign(world, [moved], li.name, "Wang is on sick leave")
    window, desk = _desk(qtbot, world)
    try:
        queue = desk.queue
        qtbot.waitUntil(lambda: queue.model.rowCount() == 2, timeout=20_000)
        column = REVIEW_COLUMNS.index("inspector")
        model = queue.model
        cells = {model.index(r, 0).data(CaseIdRole): model.index(r, column) for r in range(model.rowCount())}
        assert cells[moved].data() == f"{world.inspector.name} → {li.name}"
        tip = cells[moved].data(Qt.ItemDataRole.ToolTipRole)
        assert tip == f"Reporter: {world.inspector.name} · Held by: {li.name}"
        assert cells[kept].data() == world.inspector.name and cells[kept].data(Qt.ItemDataRole.ToolTipRole) is None
        view = desk.case_view
        desk.on_queue_case_chosen(moved)
        wait_case(qtbot, desk, moved)
        facts = view.facts_text.text()
        assert f"Reporter: {world.inspector.name} · Held by: {li.name}" in facts and "Inspector:" not in facts
        trail = view.trail_list.item(view.trail_list.count() - 1).text()
        assert f"reassign ({world.inspector.name} → {li.name})" in trail and "Wang is on sick leave" in trail
        desk.on_queue_case_chosen(kept)
        wait_case(qtbot, desk, kept)
        assert f"Inspector: {world.inspector.name}" in view.facts_text.text()
        assert "Held by" not in view.facts_text.text()
    finally:
        close_desk_window(qtbot, window)


def test_a_reassigned_case_in_chinese(qtbot, world: World, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The case view of a reassigned case in zh_CN (docs/screenshots/desk-case-reassigned-zh_CN.png)."""
    case_id = world.send("broken", address="金水区 花园路与农业路交叉口东北角 人行道")
    li, _, _ = _inspectors(world)
    _reassign(world, [case_id], li.name, "王伟病假，其辖区外勤工作由李娜接手")
    window, desk = _desk(qtbot, world, language="zh_CN")
    try:
        desk.on_queue_case_chosen(case_id)
        wait_case(qtbot, desk, case_id, photos=True)
        assert f"上报人：{world.inspector.name} · 现承办人：{li.name}" in desk.case_view.facts_text.text()
        window.resize(1280, 800)
        qtbot.wait(50)
        folder = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path)
        assert window.grab().save(str(folder / "desk-case-reassigned-zh_CN.png"))
    finally:
        close_desk_window(qtbot, window)

"""The unit desk: the cases dispatched to the unit with their deadlines; recording disposal with a note
and photos; a newly dispatched case announced."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtWidgets import QLabel

from tests.ui.conftest import type_into
from tests.ui.desk.drive import close_desk_window, open_desk, open_desk_window, wait_case
from tests.ui.desk.world import World, jpeg_bytes


def test_a_unit_sees_its_cases_and_records_a_disposal_with_photos(qtbot, world: World, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ours = world.send("broken", address="Jingsan Road 5")
    theirs = world.send("broken", address="Weiwu Road 9")
    waiting = world.send("broken")
    for case_id, unit in ((ours, "water_supply_co"), (theirs, "gas_co")):
        world.decide(world.supervisor, case_id, "file")
        world.decide(world.supervisor, case_id, "dispatch", unit=unit)
    world.decide(world.supervisor, waiting, "file")
    window = open_desk_window(qtbot, world.url, poll_ms=200)
    try:
        desk = open_desk(qtbot, window, world.unit)
        queue, view = desk.queue, desk.case_view
        assert desk.tabs.tabText(0) == "Dispatched to us"
        model = queue.model
        assert [model.row_at(i).id for i in range(model.rowCount())] == [ours]  # only its own, dispatched
        left = model.data(model.index(0, model._columns.index("left")))  # noqa: SLF001
        assert left.endswith("left")
        wait_case(qtbot, desk, ours)
        assert sorted(view.action_buttons) == ["dispose"]  # a unit may only record its disposal
        assert "Disposal" in view.deadlines_text.text()
        qtbot.waitUntil(lambda: queue.seen_new is not None, timeout=20_000)
        # A new case is dispatched to the unit: it is announced.
        world.decide(world.supervisor, waiting, "dispatch", unit="water_supply_co")
        qtbot.waitUntil(lambda: queue.banner.isVisible(), timeout=20_000)
        assert "New case dispatched to you" in queue.banner_text.text()
        queue.banner_show.click()
        wait_case(qtbot, desk, waiting)
        desk.on_queue_case_chosen(ours)
        wait_case(qtbot, desk, ours)
        photos = []
        for n in (1, 2):
            path = tmp_path / f"after-{n}.jpg"
            path.write_bytes(jpeg_bytes(9000 + n))
            photos.append(path)
        view.action_buttons["dispose"].click()
        dialog = view.dialog
        assert dialog is not None and not dialog.ok.isEnabled()
        type_into(qtbot, dialog.note, "更换新井盖并加固井座")
        dialog.add_photos(photos)
        dialog.ok.click()
        qtbot.waitUntil(lambda: view.case is not None and view.case["status"] == "disposed", timeout=20_000)
        assert view.action_buttons == {}
        assert queue.model.row_at(queue.model.row_of_id(ours)).state == "disposed"
        log = world.client(world.supervisor).get(f"/cases/{ours}/log").json()
        dispose = log["events"][-1]
        assert dispose["action"] == "dispose" and dispose["actor"] == world.unit.name
        changes = str(dispose["changes"])
        assert "更换新井盖并加固井座" in changes
        for path in photos:
            assert hashlib.sha256(path.read_bytes()).hexdigest() in changes
        # The case view shows the disposal's photos, downloaded and hash-checked.
        qtbot.waitUntil(lambda: view.photos_done and len(view.tiles) == 4, timeout=20_000)
        for path in photos:
            tile = view.tiles[hashlib.sha256(path.read_bytes()).hexdigest()]
            assert tile.hash_status == "verified"
        assert view.findChild(QLabel, "disposalPhotosHeading") is not None
    finally:
        close_desk_window(qtbot, window)

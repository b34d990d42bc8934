"""The case view: facts, photos with their EXIF and hash check (and full size), the location, notes and
officers, nearby cases, the deadlines with the time left, and the audit trail."""

from __future__ import annotations

import pytest

from tests.ui.conftest import OFFSCREEN_NOISE
from tests.ui.desk.drive import close_desk_window, open_desk, open_desk_window, wait_case
from tests.ui.desk.world import World


def test_the_case_view_shows_what_a_supervisor_decides_on(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    case_id = world.send("broken", address="金水区 花园路与农业路交叉口东北角 100 米 人行道", at=(34.7466, 113.6253))
    near = world.send("missing", address="Next door", at=(34.74665, 113.62535))
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        view = desk.case_view
        desk.on_queue_case_chosen(case_id)
        wait_case(qtbot, desk, case_id, photos=True)
        assert "Broken cover" in view.title.text()
        assert view.badge.text() == "received"
        facts = view.facts_text.text()
        assert "District: d1" in facts and f"Inspector: {world.inspector.name}" in facts and "not filed yet" in facts
        assert "花园路与农业路" in view.location_text.text() and "34.746600, 113.625300" in view.location_text.text()
        notes = view.notes_text.text()
        assert "cover cracked across" in notes and "王伟, certificate 豫A0001" in notes
        assert "No deadlines yet" in view.deadlines_text.text()
        # Photos: each downloaded, its hash checked, its EXIF shown.
        assert len(view.tiles) == 2
        for tile in view.tiles.values():
            assert tile.hash_status == "verified" and "hash checked" in tile.status.text()
            assert "GPS: 34.746600, 113.625300" in tile.info.text() and tile.button.icon().isNull() is False
        # Nearby: the other cover within a few metres.
        qtbot.waitUntil(lambda: view.nearby_list.count() == 1 and bool(view.nearby), timeout=20_000)
        assert "Missing cover" in view.nearby_list.item(0).text()
        # The audit trail: the tablet's events and the server's receipt.
        assert view.trail_list.count() == 4 and "receive" in view.trail_list.item(3).text()
        assert view.trail_problems.text() == ""
        # A supervisor may file, return, reject or mark it a duplicate.
        assert sorted(view.action_buttons) == ["duplicate", "file", "reject", "return"]
        # Full size.
        first = next(iter(view.tiles.values()))
        first.button.click()
        assert view.viewer is not None and view.viewer.isVisible()
        assert view.viewer.view.shown_width() == view.images[first.sha256].width()
        view.viewer.step(1)
        assert view.viewer.index == 1
        view.viewer.accept()
        # Choosing the nearby case opens it.
        view.on_nearby_list_item_activated(view.nearby_list.item(0))
        wait_case(qtbot, desk, near)
    finally:
        close_desk_window(qtbot, window)


@pytest.mark.qt_log_ignore("Corrupt JPEG data", OFFSCREEN_NOISE)  # the damaged photo, as Qt's decoder reads it
def test_deadlines_show_the_time_left_and_a_damaged_photo_fails_its_check(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    case_id = world.send("broken")
    world.decide(world.supervisor, case_id, "file")
    world.decide(world.supervisor, case_id, "dispatch")
    case = world.client(world.supervisor).get(f"/cases/{case_id}").json()
    damaged = case["photos"][1]["sha256"]
    path = world.server.core.photos.blob_path(damaged)
    path.chmod(0o644)
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        desk.queue.state.setCurrentIndex(1)  # all states
        desk.on_queue_case_chosen(case_id)
        wait_case(qtbot, desk, case_id, photos=True)
        view = desk.case_view
        text = view.deadlines_text.text()
        assert "Disposal" in text and "left" in text and "(working hours)" in text
        assert "Water supply company" in view.facts_text.text()
        assert view.tiles[damaged].hash_status == "mismatch" and "HASH MISMATCH" in view.tiles[damaged].status.text()
        intact = case["photos"][0]["sha256"]
        assert view.tiles[intact].hash_status == "verified"
        assert sorted(view.action_buttons) == ["defer", "dispose"]
    finally:
        close_desk_window(qtbot, window)


def test_a_case_that_cannot_be_loaded_says_why(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    world.send("broken")
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        view = desk.case_view
        view.show_case("00000000-0000-4000-8000-000000000000")
        qtbot.waitUntil(lambda: view.stack.currentWidget() is view.failed_page, timeout=20_000)
        assert "not found" in view.failure.text()
    finally:
        close_desk_window(qtbot, window)

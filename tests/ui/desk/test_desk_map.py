"""The desk map (ui/desk/map_page.py) against a real server: the queue's filter on the map, overdue cases
marked, each grid's count, a click selecting the case in the queue and opening it, a queue selection
centring the map, a filter change followed, the empty and error states, the basemap from the settings."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from app.maps.demo_basemap import write_demo_basemap
from server import schema as t
from tests.ui.desk.drive import close_desk_window, open_desk, open_desk_window, wait_case
from tests.ui.desk.world import ZZ, World
from tests.ui.helpers import click
from ui.desk.map_page import GRID_BADGE, OVERDUE_RANK, DeskMapPage
from ui.desk.window import DeskPage

LAT, LON = ZZ  # 34.7466, 113.6253


def square(west: float, south: float, east: float, north: float) -> list[list[float]]:
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def grid(code: str, box: tuple[float, float, float, float]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"code": code, "name": f"Grid {code}", "kind": "grid", "district": "d1"},
        "geometry": {"type": "Polygon", "coordinates": [square(*box)]},
    }


# Two grids side by side round the world's point; a third with no case in it.
GRIDS = {
    "type": "FeatureCollection",
    "features": [
        grid("G-1", (LON - 0.02, LAT - 0.01, LON, LAT + 0.01)),
        grid("G-2", (LON, LAT - 0.01, LON + 0.02, LAT + 0.01)),
        grid("G-3", (LON + 0.02, LAT - 0.01, LON + 0.04, LAT + 0.01)),
    ],
}
IN_G1 = (LAT + 0.004, LON - 0.012)
IN_G1_TOO = (LAT - 0.004, LON - 0.006)
IN_G2 = (LAT + 0.006, LON + 0.014)
OUTSIDE = (LAT + 0.03, LON + 0.01)


def overdue(world: World, case_id: str) -> None:
    """File and dispatch the case, then let its deadline pass (an hour ago)."""
    world.decide(world.supervisor, case_id, "file")
    world.decide(world.supervisor, case_id, "dispatch")
    with world.server.core.store.write() as conn:
        pk = conn.execute(sa.select(t.cases.c.pk).where(t.cases.c.id == case_id)).scalar_one()
        past = datetime.now(UTC) - timedelta(hours=1)
        conn.execute(t.deadlines.update().where(t.deadlines.c.case_pk == pk).values(due_at=past))


def show_map(qtbot: Any, desk: DeskPage) -> DeskMapPage:
    click(qtbot, desk.map_switch.map_button)
    page = desk.map
    assert page.isVisible() and not desk.queue.view.isVisible()
    return page


def wait_map(qtbot: Any, page: DeskMapPage, check: Any = None) -> None:
    qtbot.waitUntil(
        lambda: page.data is not None and not page.loading and (check is None or check(page.data)), timeout=20_000
    )


@pytest.fixture
def city(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Grids on the server, five cases (one overdue), and a basemap named in this computer's settings."""
    world.server.core.cases.grids.import_document(GRIDS)
    ids = {
        "a": world.send("broken", at=IN_G1, address="Jinshui Road 1"),
        "b": world.send("missing", at=IN_G1_TOO, address="Jinshui Road 2"),
        "c": world.send("broken", at=IN_G2, address="Jinshui Road 3"),
        "late": world.send("broken", at=IN_G2, address="Jinshui Road 4"),
        "out": world.send("displaced", at=OUTSIDE, address="Jinshui Road 5"),
    }
    overdue(world, ids["late"])
    data = tmp_path / "fieldcase-data"
    data.mkdir()
    write_demo_basemap(data / "city.mbtiles", LAT, LON, zooms=range(12, 15), radius=1)
    (data / "settings.json").write_text(json.dumps({"basemap": "city.mbtiles"}), encoding="utf-8")
    monkeypatch.setenv("FIELDCASE_DATA_DIR", str(data))
    return ids


def test_the_queue_on_the_map(qtbot, world: World, city: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        queue = desk.queue
        page = show_map(qtbot, desk)
        assert page.tiles.available  # the basemap the settings name
        # The desk opens on the cases waiting for a decision: the dispatched (overdue) one is not among them.
        wait_map(qtbot, page)
        assert set(page.data.ids) == {city[k] for k in ("a", "b", "c", "out")}  # type: ignore[union-attr]
        assert page.view.counts == {"G-1": 2, "G-2": 1, "G-3": 0}

        # Every state: the overdue case is on the map, marked as overdue (and so is any cluster holding it).
        queue.state.setCurrentIndex(queue.state.findData(""))
        wait_map(qtbot, page, lambda d: city["late"] in d.ids)
        data = page.data
        assert data is not None and set(data.ids) == set(city.values())
        late = data.position(city["late"])
        assert data.overdue[late] == 1 and sum(data.overdue) == 1
        assert data.index.singles.ranks[late] == OVERDUE_RANK
        assert all(data.index.singles.ranks[i] != OVERDUE_RANK for i in range(data.total) if i != late)
        city_level = data.index.level(10)
        assert [city_level.ranks[i] for i in range(len(city_level))] == [OVERDUE_RANK]  # one cluster, overdue
        assert page.view.counts == {"G-1": 2, "G-2": 2, "G-3": 0}
        assert page.view.late == {"G-1": 0, "G-2": 1, "G-3": 0}
        assert "1 overdue" in page.info.text() and "5 case(s) on the map" in page.info.text()

        # The counts are drawn on the grids, over the map (G-1's badge, outlined in the badge colour).
        view = page.view
        view.centre_on(LAT, LON, 14)
        view.repaint()
        g1 = next(g for g in view._grids if g[0].code == "G-1")  # noqa: SLF001
        badge = view._to_screen(*g1[3])  # noqa: SLF001
        across = (g1[2][2] - g1[2][0]) * view.world
        image = view.grab().toImage()
        top = QPoint(round(badge.x()), round(badge.y() + (24 if across > 120 else 0)) - 12)  # its outline
        assert image.pixelColor(top) == QColor(GRID_BADGE), image.pixelColor(top).name()

        # A click on a case selects it in the queue and opens it in the case view; the map does not move.
        view.centre_on(*IN_G2, 18)
        view.repaint()
        centre = view.centre()
        point = view.screen_point(*IN_G2)
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=point.toPoint())
        wait_case(qtbot, desk, desk.case_view._case_id or "")  # noqa: SLF001
        chosen = desk.case_view._case_id  # noqa: SLF001
        assert chosen in (city["c"], city["late"])  # the two share a place: the nearer marker wins
        assert queue.model.row_at(queue.view.currentIndex().row()).id == chosen  # type: ignore[union-attr]
        assert view.selected == pytest.approx(IN_G2, abs=1e-6)
        assert view.centre() == pytest.approx(centre, abs=1e-9)

        # Selecting in the list rings the case on the map and brings it to the middle.
        click(qtbot, desk.map_switch.list_button)
        row = queue.model.row_of_id(city["out"])
        assert row >= 0
        queue.view.setCurrentIndex(queue.model.index(row, 1))
        wait_case(qtbot, desk, city["out"])
        click(qtbot, desk.map_switch.map_button)
        assert view.selected == pytest.approx(OUTSIDE, abs=1e-6)
        assert view.centre() == pytest.approx(OUTSIDE, abs=1e-6)
        assert desk.map_switch.map_button.property("primary") and not desk.map_switch.list_button.property("primary")

        # A filter changes the map: only the missing cover.
        queue.subtype.setCurrentIndex(queue.subtype.findData("missing"))
        wait_map(qtbot, page, lambda d: d.flt.subtype == "missing")
        assert page.data.ids == [city["b"]]  # type: ignore[union-attr]
        assert page.view.counts == {"G-1": 1, "G-2": 0, "G-3": 0}
        assert not view.overlay.isVisible()

        # No case matches: the map says so.
        qtbot.keyClicks(queue.search, "no such place")
        wait_map(qtbot, page, lambda d: d.flt.search == "no such place")
        assert page.data.total == 0  # type: ignore[union-attr]
        assert view.overlay.isVisible() and view.overlay.text() == "No cases match these filters."
        queue.search.clear()
        wait_map(qtbot, page, lambda d: d.flt.search == "")
        assert not view.overlay.isVisible()

        # Back to the list: the table shows, the map hides.
        click(qtbot, desk.map_switch.list_button)
        assert queue.view.isVisible() and not page.isVisible()
    finally:
        close_desk_window(qtbot, window)


def test_a_refused_filter_shows_on_the_map_and_a_new_one_clears_it(qtbot, world: World, city: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        page = show_map(qtbot, desk)
        wait_map(qtbot, page)
        # The server refuses an inspector's name longer than it stores (422): the map says why.
        desk.queue.inspector.setText("x" * 101)
        qtbot.waitUntil(lambda: page.error is not None, timeout=20_000)
        assert page.view.overlay.isVisible()
        assert page.view.overlay.text().startswith("The map cannot be shown:")
        desk.queue.inspector.clear()
        qtbot.waitUntil(lambda: page.error is None, timeout=20_000)
        wait_map(qtbot, page, lambda d: d.flt.inspector is None)
        assert page.error is None and not page.view.overlay.isVisible()
    finally:
        close_desk_window(qtbot, window)


def test_the_unit_desk_maps_only_its_units_cases(qtbot, world: World, city: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.unit)
        page = show_map(qtbot, desk)
        wait_map(qtbot, page)
        assert page.data.ids == [city["late"]]  # type: ignore[union-attr]  # dispatched to the water company
        assert page.data.overdue_total == 1  # type: ignore[union-attr]
    finally:
        close_desk_window(qtbot, window)


def test_new_grids_are_fetched_when_their_version_moves(qtbot, world: World, city: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    window = open_desk_window(qtbot, world.url, language="zh_CN")
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        page = show_map(qtbot, desk)
        wait_map(qtbot, page)
        assert page.grids_version == 1 and sorted(g[0].code for g in page.view._grids) == ["G-1", "G-2", "G-3"]  # noqa: SLF001
        assert page.info.text().startswith("地图上有 4 件案件")
        assert desk.map_switch.map_button.text() == "地图"
        # A refresh with the grids unchanged does not fetch them again; IT's new file does.
        fetched = page.data
        click(qtbot, desk.queue.refresh_button)
        wait_map(qtbot, page, lambda d: d is not fetched)
        assert page.data.grids is None  # type: ignore[union-attr]  # (held: same version)
        moved = json.loads(json.dumps(GRIDS))
        moved["features"].append(grid("G-4", (LON, LAT + 0.02, LON + 0.02, LAT + 0.04)))
        world.server.core.cases.grids.import_document(moved)
        fetched = page.data
        click(qtbot, desk.queue.refresh_button)
        wait_map(qtbot, page, lambda d: d is not fetched)
        assert page.grids_version == 2
        assert sorted(g[0].code for g in page.view._grids) == ["G-1", "G-2", "G-3", "G-4"]  # noqa: SLF001
        assert page.view.counts["G-4"] == 0
    finally:
        close_desk_window(qtbot, window)

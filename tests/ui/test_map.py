"""The tablet's map: basemap tiles from a made MBTiles file, markers, panning, zooming, tapping a case."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage

from app.domain.geo import distance_m, metres_per_pixel, tile_of
from app.maps.cluster import normalise
from app.maps.demo_basemap import write_demo_basemap
from app.services import Tablet
from tests.ui.helpers import click, no_positioning
from ui.map.map_page import MapPage
from ui.map.map_view import MapView, nice_scale
from ui.map.tile_source import TileSource
from ui.session import Session

ZZ = (34.7466, 113.6253)


@pytest.fixture
def basemap(tmp_path: Path) -> Path:
    return write_demo_basemap(tmp_path / "city.mbtiles", *ZZ, zooms=range(12, 17), radius=3)


@pytest.fixture
def page(qtbot, session: Session, basemap: Path) -> Iterator[MapPage]:  # type: ignore[no-untyped-def]
    session.tablet.settings.set("basemap", str(basemap))
    widget = MapPage(session, position_provider=no_positioning())
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    yield widget
    widget.shutdown()


def add_cases(tablet: Tablet, points: list[tuple[float, float]]) -> list[str]:
    return [tablet.new_case(type="manhole_cover", subtype="missing", lat=lat, lon=lon).id for lat, lon in points]


def show_and_load(qtbot, page: MapPage) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
        qtbot.waitExposed(page)


def test_scale_bar_lengths_are_round() -> None:
    assert nice_scale(1.0, 140) == (100.0, 100)
    assert nice_scale(10.0, 140) == (1000.0, 100)
    metres, px = nice_scale(3.7, 140)
    assert metres in (200.0, 500.0) and px <= 140


def test_basemap_tiles_are_drawn_and_cached(qtbot, page: MapPage) -> None:  # type: ignore[no-untyped-def]
    show_and_load(qtbot, page)
    view = page.view
    view.centre_on(*ZZ, 14)
    wanted = {(z, x, y) for z, x, y, _, _ in view.visible_tiles()}
    assert (14, *tile_of(*ZZ, 14)) in wanted
    qtbot.waitUntil(
        lambda: all(page.tiles.pixmap(k) is not None or page.tiles.is_missing(k) for k in wanted), timeout=10000
    )
    image = view.grab().toImage()
    # The made-up city's land colour shows where the basemap has tiles.
    centre = image.pixelColor(view.width() // 2 + 30, view.height() // 2 + 30)
    assert centre != QColor("#e8e6e1")
    assert page.tiles.cache.bytes <= page.tiles.cache.max_bytes


def test_no_basemap_still_shows_cases(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    add_cases(session.tablet, [ZZ])
    widget = MapPage(session, position_provider=no_positioning())
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    try:
        show_and_load(qtbot, widget)
        assert not widget.tiles.available
        assert "No basemap" in widget.info.text()
        assert "1 case" in widget.info.text()
        point = widget.view.screen_point(*ZZ)
        image = widget.view.grab().toImage()
        assert image.pixelColor(point.toPoint()) != QColor("#e8e6e1")  # a marker, on the plain background
    finally:
        widget.shutdown()


def test_a_broken_basemap_says_so(qtbot, session: Session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.mbtiles"
    bad.write_bytes(b"not sqlite" * 100)
    session.tablet.settings.set("basemap", str(bad))
    widget = MapPage(session, position_provider=no_positioning())
    qtbot.addWidget(widget)
    try:
        show_and_load(qtbot, widget)
        assert "cannot be read" in widget.info.text()
    finally:
        widget.shutdown()


def drag(qtbot, view: MapView, start: QPoint, end: QPoint, steps: int = 5) -> None:  # type: ignore[no-untyped-def]
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, steps + 1):
        qtbot.mouseMove(view, start + (end - start) * i / steps)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)


def test_dragging_pans_the_map_with_the_finger(qtbot, page: MapPage) -> None:  # type: ignore[no-untyped-def]
    show_and_load(qtbot, page)
    view = page.view
    view.centre_on(*ZZ, 15)
    before = view.screen_point(*ZZ)
    drag(qtbot, view, QPoint(400, 300), QPoint(250, 380))
    after = view.screen_point(*ZZ)
    # The point under the finger moved with it, pixel for pixel.
    assert after.x() - before.x() == pytest.approx(-150, abs=1.5)
    assert after.y() - before.y() == pytest.approx(80, abs=1.5)
    assert view.zoom == 15


def test_zooming_with_buttons_wheel_and_pinch(qtbot, page: MapPage) -> None:  # type: ignore[no-untyped-def]
    show_and_load(qtbot, page)
    view = page.view
    view.centre_on(*ZZ, 14)
    touch = view.zoom_in_button.width()
    assert touch >= 48 and view.zoom_out_button.height() >= 48
    click(qtbot, view.zoom_in_button)
    assert view.zoom == 15
    click(qtbot, view.zoom_out_button)
    click(qtbot, view.zoom_out_button)
    assert view.zoom == 13
    assert distance_m(*view.centre(), *ZZ) < 5  # the buttons keep the centre
    # The wheel zooms round the pointer: the point under it stays put.
    anchor = QPointF(200, 150)
    lat, lon = view.lat_lon_at(anchor)
    view.zoom_by(1, anchor)
    assert view.zoom == 14
    assert distance_m(*view.lat_lon_at(anchor), lat, lon) < 2
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    event = QWheelEvent(
        anchor,
        view.mapToGlobal(anchor),
        QPoint(),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)
    assert view.zoom == 13
    # Pinching: fingers spreading to four times their distance zoom in two levels.
    from PySide6.QtWidgets import QPinchGesture

    class Pinch(QPinchGesture):
        def __init__(self, state: Qt.GestureState, factor: float) -> None:
            super().__init__()
            self._state, self._factor = state, factor

        def state(self) -> Qt.GestureState:
            return self._state

        def scaleFactor(self) -> float:  # noqa: N802
            return self._factor

        def centerPoint(self) -> QPointF:  # noqa: N802
            return QPointF(view.mapToGlobal(QPoint(view.width() // 2, view.height() // 2)))

    view.on_pinch(Pinch(Qt.GestureState.GestureStarted, 1.5))
    view.on_pinch(Pinch(Qt.GestureState.GestureUpdated, 1.5))
    # Mid-gesture the map is drawn scaled (2.25×) and the zoom level has not moved yet.
    assert view.zoom == 13 and view._pinch_scale == pytest.approx(2.25)
    view.repaint()
    view.on_pinch(Pinch(Qt.GestureState.GestureUpdated, 1.8))
    view.on_pinch(Pinch(Qt.GestureState.GestureFinished, 1.0))
    assert view.zoom == 15
    view.on_pinch(Pinch(Qt.GestureState.GestureStarted, 0.45))
    view.on_pinch(Pinch(Qt.GestureState.GestureFinished, 1.0))
    assert view.zoom == 14
    view.on_pinch(Pinch(Qt.GestureState.GestureStarted, 1.3))  # less than halfway to a level: stays
    view.on_pinch(Pinch(Qt.GestureState.GestureFinished, 1.0))
    assert view.zoom == 14 and view._pinch_scale == 1.0


def test_tapping_a_case_opens_it_and_a_cluster_zooms_in(qtbot, page: MapPage, session: Session) -> None:  # type: ignore[no-untyped-def]
    ids = add_cases(session.tablet, [ZZ, (ZZ[0] + 0.00002, ZZ[1]), (ZZ[0] + 0.01, ZZ[1] + 0.01)])
    show_and_load(qtbot, page)
    view = page.view
    view.centre_on(*ZZ, 14)
    # At zoom 14 the two close cases are one cluster of 2: a tap zooms in.
    hit = view.marker_at(view.screen_point(*ZZ))
    assert hit is not None and hit[2] == 2
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.screen_point(*ZZ).toPoint())
    assert view.zoom == 16
    view.centre_on(*ZZ, 19)
    target = view.screen_point(ZZ[0] + 0.01, ZZ[1] + 0.01)
    assert not view.rect().contains(target.toPoint())
    view.centre_on(ZZ[0] + 0.01, ZZ[1] + 0.01, 18)
    with qtbot.waitSignal(page.case_opened, timeout=5000) as opened:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.screen_point(ZZ[0] + 0.01, ZZ[1] + 0.01).toPoint())
    assert opened.args == [ids[2]]
    # A tap on empty map opens nothing.
    with qtbot.assertNotEmitted(page.case_opened, wait=200):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))


def test_markers_are_coloured_by_state(qtbot, page: MapPage, session: Session) -> None:  # type: ignore[no-untyped-def]
    add_cases(session.tablet, [ZZ])
    show_and_load(qtbot, page)
    view = page.view
    view.centre_on(*ZZ, 18)
    image: QImage = view.grab().toImage()
    colour = image.pixelColor(view.screen_point(*ZZ).toPoint())
    assert colour == QColor("#546e7a")  # a draft's fill


def test_the_map_reloads_after_a_change(qtbot, page: MapPage, session: Session) -> None:  # type: ignore[no-untyped-def]
    show_and_load(qtbot, page)
    assert page.view.index is not None and page.view.index.total == 0
    add_cases(session.tablet, [ZZ])
    with qtbot.waitSignal(page.loaded, timeout=5000) as loaded:
        session.notify_changed("")
    assert loaded.args == [1]


def test_the_tablets_position_is_shown(qtbot, page: MapPage) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from ui.positioning import PositionFix

    show_and_load(qtbot, page)
    view = page.view
    assert not view.locate_button.isEnabled()
    page.on_positions_position_updated(PositionFix(ZZ[0] + 0.003, ZZ[1], 8.0, datetime.now(), "nmea"))
    assert view.locate_button.isEnabled()
    click(qtbot, view.locate_button)
    assert distance_m(*view.centre(), ZZ[0] + 0.003, ZZ[1]) < 3
    image = view.grab().toImage()
    assert image.pixelColor(view.width() // 2, view.height() // 2) == QColor("#1565c0")


def test_gcj02_basemap_shifts_cases_onto_its_streets(qtbot, session: Session, basemap: Path) -> None:  # type: ignore[no-untyped-def]
    tiles = TileSource(None, "gcj02")
    view = MapView(tiles)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.centre_on(*ZZ, 17)
    # The centre read back is the WGS-84 point; the offset (a few hundred metres) is only on screen.
    assert distance_m(*view.centre(), *ZZ) < 0.5
    plain = MapView(TileSource(None, "wgs84"))
    qtbot.addWidget(plain)
    plain.resize(600, 400)
    plain.centre_on(*ZZ, 17)
    lat, lon = plain.lat_lon_at(view.screen_point(*ZZ))
    assert distance_m(lat, lon, *ZZ) < 1
    # Both centred on the same WGS-84 point, the GCJ-02 view looks at a basemap spot hundreds of metres away.
    shift_px = math.hypot((view.cx - plain.cx) * view.world, (view.cy - plain.cy) * view.world)
    assert 100 < shift_px * metres_per_pixel(ZZ[0], 17) < 1000


def test_home_screen_map_opens_a_case_and_comes_back(qtbot, session: Session, basemap: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.helpers import close_main_window, open_main_window

    session.tablet.settings.set("basemap", str(basemap))
    (case_id,) = add_cases(session.tablet, [ZZ])
    window = open_main_window(qtbot, session)
    try:
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page, timeout=10000)
        assert window.home_bar.isVisible() and window.home_bar.list_button.isChecked()
        assert window.home_bar.map_button.height() >= 48
        click(qtbot, window.home_bar.map_button)
        page = window.map_page
        assert page is not None and window.stack.currentWidget() is page
        qtbot.waitUntil(lambda: page.view.index is not None and page.view.index.total == 1, timeout=10000)
        page.view.centre_on(*ZZ, 18)
        qtbot.mouseClick(page.view, Qt.MouseButton.LeftButton, pos=page.view.screen_point(*ZZ).toPoint())
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.detail_page, timeout=10000)
        assert not window.home_bar.isVisible()
        assert window.detail_page.case_id == case_id
        window.detail_page.back_requested.emit()
        assert window.stack.currentWidget() is page  # back to the map it came from
        assert window.home_bar.map_button.isChecked()
        click(qtbot, window.home_bar.list_button)
        assert window.stack.currentWidget() is window.list_page
    finally:
        close_main_window(qtbot, window, session)


def test_panning_moves_the_marker_layer_and_redraws_it_only_when_needed(qtbot, page: MapPage, session: Session) -> None:  # type: ignore[no-untyped-def]
    add_cases(session.tablet, [ZZ])
    show_and_load(qtbot, page)
    view = page.view
    view.centre_on(*ZZ, 18)
    view.repaint()
    drawn = view.layers_drawn
    for _ in range(10):  # 100 px: within the layer's margin
        view.pan_by(10, 0)
        view.repaint()
    assert view.layers_drawn == drawn
    point = view.screen_point(*ZZ)
    assert view.grab().toImage().pixelColor(point.toPoint()) == QColor("#546e7a")  # the marker moved along
    view.pan_by(-400, 0)  # beyond the margin: drawn again, still in the right place
    view.repaint()
    assert view.layers_drawn == drawn + 1
    assert view.grab().toImage().pixelColor(view.screen_point(*ZZ).toPoint()) == QColor("#546e7a")
    view.zoom_by(-1)
    view.repaint()
    assert view.layers_drawn == drawn + 2


def test_the_position_comes_from_a_simulated_nmea_receiver(qtbot, session: Session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.helpers import nmea_file
    from ui.positioning import PositionProvider

    lat, lon = ZZ[0] + 0.002, ZZ[1] - 0.001
    provider = PositionProvider.nmea(str(nmea_file(tmp_path / "gnss.nmea", lat, lon, hdop=1.0)))
    widget = MapPage(session, position_provider=provider)
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    try:
        show_and_load(qtbot, widget)  # showing the map starts the receiver
        qtbot.waitUntil(lambda: widget.view.position is not None, timeout=10000)
        position = widget.view.position
        assert distance_m(position.lat, position.lon, lat, lon) < 1
        assert position.accuracy_m is not None and position.accuracy_m > 0
        widget.hide()  # and hiding it stops it
        assert not provider.running
    finally:
        widget.shutdown()


def test_beyond_the_basemaps_deepest_zoom_its_tiles_are_enlarged(qtbot, page: MapPage) -> None:  # type: ignore[no-untyped-def]
    show_and_load(qtbot, page)
    view = page.view
    assert page.tiles.zoom_range == (12, 16)
    view.centre_on(*ZZ, 18)
    view.repaint()
    deepest = (16, *tile_of(*ZZ, 16))
    qtbot.waitUntil(lambda: page.tiles.pixmap(deepest) is not None, timeout=10000)
    assert page.tiles.pixmap((18, *tile_of(*ZZ, 18))) is None  # never asked for: the set has none
    image = view.grab().toImage()
    assert image.pixelColor(view.width() // 3, view.height() // 3) != QColor("#e8e6e1")


def test_grids_are_outlined_and_named(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.domain.geo import parse_grids

    half = 0.002
    west, south, east, north = ZZ[1] - half, ZZ[0] - half, ZZ[1] + half, ZZ[0] + half
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    grids = parse_grids(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "properties": {"code": "G7", "name": "二七广场网格"},
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
            ],
        }
    )
    view = MapView(TileSource(None, "wgs84"))
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.centre_on(*ZZ, 16)
    plain = QColor("#e8e6e1")
    assert view.grab().toImage().pixelColor(view.screen_point(ZZ[0], ZZ[1] - half).toPoint()) == plain
    view.set_grids(grids)
    image = view.grab().toImage()
    # The west edge, half way up: drawn (dashed, so look along a few pixels of it).
    edge = view.screen_point(ZZ[0], west)
    column = [image.pixelColor(round(edge.x()), round(edge.y()) + dy) for dy in range(-6, 7)]
    assert any(c != plain for c in column)
    # Its name at the middle: dark text pixels where the background was plain.
    centre = view.screen_point(*ZZ)
    box = [
        image.pixelColor(round(centre.x()) + dx, round(centre.y()) + dy)
        for dx in range(-40, 41, 2)
        for dy in range(-6, 7)
    ]
    assert any(c.lightness() < 100 for c in box)
    # Zoomed far out the grid is a few pixels wide and not drawn.
    view.centre_on(*ZZ, 8)
    far = view.grab().toImage()
    point = view.screen_point(*ZZ).toPoint()
    assert far.pixelColor(point) == plain


def test_a_flick_glides_on_and_a_touch_stops_it(qtbot, page: MapPage) -> None:  # type: ignore[no-untyped-def]
    show_and_load(qtbot, page)
    view = page.view
    view.centre_on(*ZZ, 15)
    start = view.screen_point(*ZZ)
    view.fling(-1.0, 0.0)  # 1 px/ms to the left, as a finger lifting mid-swipe
    assert view.flinging
    qtbot.waitUntil(lambda: not view.flinging, timeout=5000)
    moved = view.screen_point(*ZZ).x() - start.x()
    # 16 px a tick, 0.92 of it kept each tick: about 200 px in all, slowing to a stop.
    assert -210 < moved < -150
    assert view.screen_point(*ZZ).y() == pytest.approx(start.y(), abs=0.5)
    view.fling(0.1, 0.0)  # a slow release does not glide
    assert not view.flinging
    view.fling(2.0, 1.0)
    with qtbot.assertNotEmitted(view.point_picked):
        view.pick_mode = True  # (a tap would pick a point here)
        qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
        assert not view.flinging  # a finger down stops it
        qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))  # and that touch is no tap
    with qtbot.waitSignal(view.point_picked):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))  # the next one is


def test_a_point_picked_on_a_gcj02_basemap_comes_back_in_wgs84(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.domain.geo import wgs84_to_gcj02

    view = MapView(TileSource(None, "gcj02"))
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.pick_mode = True
    view.centre_on(*ZZ, 18)
    # The case's WGS-84 point is drawn where the GCJ-02 tiles show it, a few hundred metres off its raw spot.
    drawn = view.screen_point(*ZZ)
    raw = view._to_screen(*normalise(*ZZ))
    assert math.hypot(drawn.x() - raw.x(), drawn.y() - raw.y()) * metres_per_pixel(ZZ[0], 18) > 100
    assert distance_m(*wgs84_to_gcj02(*ZZ), *ZZ) > 100
    with qtbot.waitSignal(view.point_picked) as picked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=drawn.toPoint())
    assert distance_m(*picked.args, *ZZ) < 1.0  # a tap on it picks the WGS-84 point, not the offset one


def test_the_page_draws_the_grids_the_last_sync_kept(qtbot, page: MapPage, session: Session) -> None:  # type: ignore[no-untyped-def]
    """grids.geojson in the data folder (app.maps.grids.save_grids, as a sync keeps it) is on the map."""
    import json

    from app.maps.grids import save_grids

    half = 0.002
    ring = [[ZZ[1] - half, ZZ[0] - half], [ZZ[1] + half, ZZ[0] - half], [ZZ[1] + half, ZZ[0] + half],
            [ZZ[1] - half, ZZ[0] + half], [ZZ[1] - half, ZZ[0] - half]]  # fmt: skip
    feature = {
        "properties": {"code": "G7", "name": "二七广场网格"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    body = json.dumps({"type": "FeatureCollection", "version": 3, "features": [feature]}).encode()
    add_cases(session.tablet, [ZZ])
    show_and_load(qtbot, page)
    assert page.view._grids == []  # nothing synced yet
    save_grids(session.tablet.paths.root, body)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.reload()
    assert [g[0].code for g in page.view._grids] == ["G7"]

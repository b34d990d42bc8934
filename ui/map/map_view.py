"""The map widget: basemap tiles, case markers (clustered), the tablet's position, a scale bar; pan, zoom, tap.

Painted directly with QPainter (no scene graph): a frame draws the tiles in view, then the
markers of the current zoom's cluster level that fall in the tiles in view (see
app/maps/cluster.py), from pixmaps cached per state colour and count. Zoom is a whole
level (tiles stay sharp); the centre is kept in normalised Web Mercator (x, y in [0, 1)).
Cases and positions are WGS-84; where the basemap is drawn in GCJ-02 they are shifted
onto it, and a point picked on it is shifted back.

Touch: drag to pan, pinch or the +/− buttons to zoom, tap a case to open it; a tap on a
cluster zooms in on it. A mouse wheel zooms round the pointer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGestureEvent, QPinchGesture, QToolButton, QWidget

from app.domain.geo import TILE_SIZE, Grid, from_map, metres_per_pixel, to_lat_lon, to_map
from app.maps.cluster import ClusterIndex, normalise, urgency_status
from ui.map.tile_source import TileSource
from ui.theme import touch_px
from ui.widgets.icons import icon

MIN_ZOOM, MAX_ZOOM = 2, 19
DEFAULT_CENTRE = (34.7466, 113.6253)  # used only when nothing else says where to look
TAP_SLOP = 12  # px a finger may move and still tap
FLING_TICK_MS = 16
FLING_DECAY = 0.92  # the speed kept from one tick to the next
FLING_MIN_SPEED = 0.3  # px/ms a finger must be moving when it lifts for the map to glide on
FLING_MAX_SPEED = 4.0  # px/ms
LAYER_MARGIN = 256  # px of markers drawn beyond each edge of the view, so a pan need not draw them again


@dataclass(frozen=True)
class Mark:
    """A point drawn over the markers: the photo's GPS, the device fix, the chosen point (WGS-84)."""

    lat: float
    lon: float
    kind: str  # "photo", "device", "chosen"
    accuracy_m: float | None = None


MARK_COLOURS = {"photo": "#c25400", "device": "#1565c0", "chosen": "#b00020"}


def nice_scale(metres_per_px: float, max_px: int) -> tuple[float, int]:
    """The longest round distance (1, 2 or 5 × 10^k m) that fits in max_px; (metres, pixels)."""
    limit = metres_per_px * max_px
    exponent = math.floor(math.log10(limit)) if limit > 0 else 0
    best = 1.0
    for base in (1, 2, 5):
        for e in (exponent - 1, exponent):
            value = base * 10.0**e
            if value <= limit and value > best:
                best = value
    return best, max(1, round(best / metres_per_px))


class MapView(QWidget):
    """A slippy map of cases. `case_tapped(key)` for a case's row key; `point_picked(lat, lon)` in pick mode."""

    case_tapped = Signal(int)
    point_picked = Signal(float, float)
    view_changed = Signal()

    def __init__(self, tiles: TileSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapView")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self.setMinimumSize(200, 200)
        self.tiles = tiles
        self.tiles.tile_ready.connect(self.update)
        self.system = tiles.system
        low, high = tiles.zoom_range if tiles.available else (MIN_ZOOM, MAX_ZOOM)
        self.min_zoom = max(MIN_ZOOM, min(low, 10))
        self.max_zoom = MAX_ZOOM
        self.zoom = 12
        self.cx, self.cy = normalise(*to_map(*DEFAULT_CENTRE, self.system))
        self.index: ClusterIndex | None = None
        self.position: Mark | None = None
        self.marks: list[Mark] = []
        self.pick_mode = False
        self._press: QPointF | None = None
        self._last: QPointF | None = None
        self._dragging = False
        self._pinch_scale = 1.0
        self._pinch_centre = QPointF()
        self._clock = QElapsedTimer()
        self._clock.start()
        self._trail: list[tuple[int, QPointF]] = []  # (ms, position) of the finger's last moves
        self._velocity = (0.0, 0.0)
        self._caught = False
        self._fling = QTimer(self)
        self._fling.setInterval(FLING_TICK_MS)
        self._fling.timeout.connect(self.on_fling_timeout)
        self._marker_cache: dict[tuple[int, int], tuple[QPixmap, int]] = {}
        self._legend: QPixmap | None = None
        self._layer: QPixmap | None = None
        self._layer_key: tuple[object, ...] = ()
        self._layer_origin: tuple[float, float] = (0.0, 0.0)
        self.layers_drawn = 0
        self._index_version = 0
        self._grids: list[tuple[Grid, list[list[tuple[float, float]]], tuple[float, ...], tuple[float, float]]] = []
        self.frames = 0

        touch = touch_px(self)
        self.zoom_in_button = self._button("zoomIn", "+", touch)
        self.zoom_out_button = self._button("zoomOut", "−", touch)
        self.locate_button = self._button("locateMe", "", touch)
        self.locate_button.setIcon(icon("location"))
        self.locate_button.setIconSize(QSize(touch * 2 // 3, touch * 2 // 3))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(1))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(-1))
        self.locate_button.clicked.connect(self.on_locate_button_clicked)
        self.locate_button.setEnabled(False)
        self.retranslate_ui()

    def _button(self, name: str, text: str, touch: int) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        font = QFont(button.font())
        font.setPointSizeF(max(14.0, font.pointSizeF() * 1.6))
        font.setBold(True)
        button.setFont(font)
        button.setFixedSize(round(touch * 1.15), round(touch * 1.15))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def retranslate_ui(self) -> None:
        self.zoom_in_button.setToolTip(self.tr("Zoom in"))
        self.zoom_in_button.setAccessibleName(self.tr("Zoom in"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out"))
        self.zoom_out_button.setAccessibleName(self.tr("Zoom out"))
        self.locate_button.setToolTip(self.tr("Go to the tablet's position"))
        self.locate_button.setAccessibleName(self.tr("Go to the tablet's position"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self._legend = None
        super().changeEvent(event)

    def legend_entries(self) -> list[tuple[str, str]]:
        """(state whose colour it is, words) for each colour the markers use."""
        return [
            ("returned", self.tr("Returned")),
            ("disposed", self.tr("To verify")),
            ("draft", self.tr("Draft")),
            ("submitted", self.tr("Submitted")),
            ("dispatched", self.tr("Under way")),
            ("closed", self.tr("Done")),
            ("rejected", self.tr("Rejected or duplicate")),
        ]

    def _legend_pixmap(self) -> QPixmap:
        """The colour key, drawn once per language (a frame only blits it)."""
        if self._legend is not None:
            return self._legend
        font = QFont(self.font())
        metrics = QFontMetrics(font)
        entries = self.legend_entries()
        row = max(22, metrics.height() + 6)
        width = 20 + 18 + 8 + max(metrics.horizontalAdvance(text) for _, text in entries) + 12
        height = 12 + row * len(entries) + 4
        dpr = self.devicePixelRatioF()
        pixmap = QPixmap(round(width * dpr), round(height * dpr))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(255, 255, 255, 225))
        p.drawRoundedRect(QRectF(0, 0, width, height), 8, 8)
        p.setFont(font)
        for i, (status, text) in enumerate(entries):
            y = 8 + i * row
            p.setPen(QPen(QColor("#ffffff"), 2))
            p.setBrush(self.legend_fill(status))
            p.drawEllipse(QPointF(20, y + row / 2), 8, 8)
            p.setPen(QColor("#12161c"))
            p.drawText(QRectF(38, y, width - 40, row), Qt.AlignmentFlag.AlignVCenter, text)
        p.end()
        self._legend = pixmap
        return pixmap

    def legend_fill(self, key: str) -> QColor:
        """The colour of a legend entry's dot (the desk's map keys its own classes of case)."""
        return _marker_fill(key)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        self._fling.stop()
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        margin = 12
        side = self.zoom_in_button.width()
        x = self.width() - side - margin
        self.zoom_in_button.move(x, margin)
        self.zoom_out_button.move(x, margin + side + 8)
        self.locate_button.move(x, margin + 2 * (side + 8) + 8)

    # ------------------------------------------------------------ state

    @property
    def world(self) -> float:
        return float(TILE_SIZE * 2**self.zoom)

    def set_index(self, index: ClusterIndex | None) -> None:
        self.index = index
        self._index_version += 1
        self.update()

    def set_position(self, lat: float | None, lon: float | None, accuracy_m: float | None = None) -> None:
        self.position = Mark(lat, lon, "device", accuracy_m) if lat is not None and lon is not None else None
        self.locate_button.setEnabled(self.position is not None)
        self.update()

    def set_grids(self, grids: list[Grid]) -> None:
        """Draw these districts and grids (WGS-84) with the markers: outlines, and names when close in."""
        prepared: list[tuple[Grid, list[list[tuple[float, float]]], tuple[float, ...], tuple[float, float]]] = []
        for grid in grids:
            rings = [
                [normalise(*to_map(lat, lon, self.system)) for lon, lat in ring]
                for polygon in grid.polygons
                for ring in polygon
            ]
            west, south, east, north = grid.bbox
            x0, y0 = normalise(*to_map(north, west, self.system))
            x1, y1 = normalise(*to_map(south, east, self.system))
            label_lat, label_lon = (south + north) / 2, (west + east) / 2
            prepared.append((grid, rings, (x0, y0, x1, y1), normalise(*to_map(label_lat, label_lon, self.system))))
        self._grids = prepared
        self._index_version += 1
        self.update()

    def set_marks(self, marks: list[Mark]) -> None:
        self.marks = list(marks)
        self.update()

    def centre(self) -> tuple[float, float]:
        """The WGS-84 point at the middle of the view."""
        lat, lon = to_lat_lon(self.cx * self.world, self.cy * self.world, self.zoom)
        return from_map(lat, lon, self.system)

    def centre_on(self, lat: float, lon: float, zoom: int | None = None) -> None:
        if zoom is not None:
            self.zoom = max(self.min_zoom, min(self.max_zoom, int(zoom)))
        self.cx, self.cy = normalise(*to_map(lat, lon, self.system))
        self._changed()

    def fit(self, south: float, west: float, north: float, east: float) -> None:
        """Show a WGS-84 box whole, at the closest zoom that holds it."""
        x0, y0 = normalise(*to_map(north, west, self.system))
        x1, y1 = normalise(*to_map(south, east, self.system))
        self.cx, self.cy = (x0 + x1) / 2, (y0 + y1) / 2
        span = max(x1 - x0, y1 - y0, 1e-9)
        room = max(1, min(self.width(), self.height()) - 80)
        zoom = math.floor(math.log2(room / (span * TILE_SIZE)))
        self.zoom = max(self.min_zoom, min(16, zoom))
        self._changed()

    def screen_point(self, lat: float, lon: float) -> QPointF:
        """Where a WGS-84 point is drawn in the widget."""
        x, y = normalise(*to_map(lat, lon, self.system))
        return self._to_screen(x, y)

    def _to_screen(self, x: float, y: float) -> QPointF:
        world = self.world
        return QPointF((x - self.cx) * world + self.width() / 2, (y - self.cy) * world + self.height() / 2)

    def lat_lon_at(self, pos: QPointF | QPoint) -> tuple[float, float]:
        """The WGS-84 point under a widget position."""
        world = self.world
        x = self.cx * world + (pos.x() - self.width() / 2)
        y = self.cy * world + (pos.y() - self.height() / 2)
        lat, lon = to_lat_lon(x, y, self.zoom)
        return from_map(lat, lon, self.system)

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the map with the finger: the content follows by (dx, dy) pixels."""
        world = self.world
        self.cx = (self.cx - dx / world) % 1.0
        self.cy = min(max(self.cy - dy / world, 0.0), 1.0)
        self._changed()

    def zoom_by(self, steps: int, anchor: QPointF | None = None) -> None:
        """Zoom in (steps > 0) or out, keeping the point under `anchor` (default: the centre) in place."""
        new = max(self.min_zoom, min(self.max_zoom, self.zoom + steps))
        if new == self.zoom:
            return
        if anchor is not None:
            world = self.world
            ax = self.cx + (anchor.x() - self.width() / 2) / world
            ay = self.cy + (anchor.y() - self.height() / 2) / world
            factor = 2.0 ** (self.zoom - new)
            self.cx = ax - (ax - self.cx) * factor
            self.cy = ay - (ay - self.cy) * factor
        self.zoom = new
        self._changed()

    def _changed(self) -> None:
        self.update()
        self.view_changed.emit()

    def on_locate_button_clicked(self) -> None:
        if self.position is not None:
            self.centre_on(self.position.lat, self.position.lon, max(self.zoom, 16))

    # ------------------------------------------------------------ input

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self._caught = self._fling.isActive()  # a finger down stops a gliding map, and is no tap
            self._fling.stop()
            self._press = self._last = event.position()
            self._dragging = False
            self._trail = [(self._clock.elapsed(), event.position())]
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._press is None or self._last is None:
            return
        pos = event.position()
        now = self._clock.elapsed()
        self._trail = [(t, p) for t, p in self._trail if now - t <= 100] + [(now, pos)]
        if not self._dragging and (pos - self._press).manhattanLength() > TAP_SLOP:
            self._dragging = True
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        if self._dragging:
            self.pan_by(pos.x() - self._last.x(), pos.y() - self._last.y())
            self._last = pos

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        if self._dragging:
            self.unsetCursor()
            # A flick: the map glides on at the finger's speed over its last 100 ms, slowing down.
            (t0, p0), (t1, p1) = self._trail[0], self._trail[-1]
            if t1 - t0 >= FLING_TICK_MS:
                self.fling((p1.x() - p0.x()) / (t1 - t0), (p1.y() - p0.y()) / (t1 - t0))
        elif not self._caught:
            self.tap(event.position())
        self._press = self._last = None
        self._dragging = False

    def fling(self, vx: float, vy: float) -> None:
        """Glide at (vx, vy) px/ms, slowing down; too slow a release does not glide."""
        speed = math.hypot(vx, vy)
        if speed < FLING_MIN_SPEED:
            return
        if speed > FLING_MAX_SPEED:
            vx, vy = vx * FLING_MAX_SPEED / speed, vy * FLING_MAX_SPEED / speed
        self._velocity = (vx, vy)
        self._fling.start()

    @property
    def flinging(self) -> bool:
        return self._fling.isActive()

    def on_fling_timeout(self) -> None:
        vx, vy = self._velocity
        self.pan_by(vx * FLING_TICK_MS, vy * FLING_TICK_MS)
        vx, vy = vx * FLING_DECAY, vy * FLING_DECAY
        self._velocity = (vx, vy)
        if math.hypot(vx, vy) < 0.05:
            self._fling.stop()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        delta = event.angleDelta().y()
        if delta:
            self.zoom_by(1 if delta > 0 else -1, event.position())
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                self.on_pinch(pinch)
                event.accept()
                return True
        return super().event(event)

    def on_pinch(self, pinch: QPinchGesture) -> None:
        """While the fingers move the map is scaled as it is drawn; when they lift it settles on the
        nearest whole zoom level round the point between them (tiles stay sharp)."""
        state = pinch.state()
        if state == Qt.GestureState.GestureStarted:
            self._pinch_scale = 1.0
        self._pinch_scale *= pinch.scaleFactor() or 1.0
        self._pinch_centre = self.mapFromGlobal(pinch.centerPoint().toPoint()).toPointF()
        if state in (Qt.GestureState.GestureFinished, Qt.GestureState.GestureCanceled):
            scale, self._pinch_scale = self._pinch_scale, 1.0
            steps = round(math.log2(scale)) if scale > 0 and state == Qt.GestureState.GestureFinished else 0
            if steps:
                self.zoom_by(steps, self._pinch_centre)
        self.update()

    def tap(self, pos: QPointF) -> None:
        """A tap: in pick mode, the point; else the case (or cluster) under the finger."""
        if self.pick_mode:
            lat, lon = self.lat_lon_at(pos)
            self.point_picked.emit(lat, lon)
            return
        hit = self.marker_at(pos)
        if hit is None:
            return
        x, y, count, key = hit
        if count == 1 and key >= 0:
            self.case_tapped.emit(key)
            return
        # A cluster: zoom in on it, two levels (or to where single cases show).
        self.cx, self.cy = x, y
        self.zoom_by(2)

    def marker_at(self, pos: QPointF) -> tuple[float, float, int, int] | None:
        """(x, y, count, key) of the marker nearest a widget position within a finger's reach."""
        if self.index is None:
            return None
        level = self.index.level(self.zoom)
        world = self.world
        reach = touch_px(self) / 2
        best: tuple[float, float, float, int, int] | None = None
        for i in self._visible(level):
            sx = (level.xs[i] - self.cx) * world + self.width() / 2
            sy = (level.ys[i] - self.cy) * world + self.height() / 2
            radius = max(reach, self._radius(level.counts[i]))
            d = math.hypot(sx - pos.x(), sy - pos.y())
            if d <= radius and (best is None or d < best[0]):
                best = (d, level.xs[i], level.ys[i], level.counts[i], level.keys[i])
        return None if best is None else (best[1], best[2], best[3], best[4])

    def _visible(self, level: Any) -> list[int]:
        world = self.world
        margin = 40
        half_w, half_h = (self.width() / 2 + margin) / world, (self.height() / 2 + margin) / world
        return list(level.visible(self.cx - half_w, self.cy - half_h, self.cx + half_w, self.cy + half_h))

    # ------------------------------------------------------------ painting

    def visible_tiles(self) -> list[tuple[int, int, int, float, float]]:
        """(zoom, x, y, screen x, screen y) of every tile in view; x wraps round the antimeridian."""
        world = self.world
        n = 2**self.zoom
        left = self.cx * world - self.width() / 2
        top = self.cy * world - self.height() / 2
        out = []
        for ty in range(max(0, math.floor(top / TILE_SIZE)), min(n, math.floor((top + self.height()) / TILE_SIZE) + 1)):
            for tx in range(math.floor(left / TILE_SIZE), math.floor((left + self.width()) / TILE_SIZE) + 1):
                out.append((self.zoom, tx % n, ty, tx * TILE_SIZE - left, ty * TILE_SIZE - top))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        try:
            self.paint(painter)
        finally:
            painter.end()
        self.frames += 1

    def paint(self, painter: QPainter, *, markers: bool = True) -> None:
        painter.fillRect(self.rect(), QColor("#e8e6e1"))
        pinching = self._pinch_scale != 1.0
        if pinching:  # the map follows the fingers; overlays (scale bar, key) stay as they are
            painter.save()
            painter.translate(self._pinch_centre)
            painter.scale(self._pinch_scale, self._pinch_scale)
            painter.translate(-self._pinch_centre)
        self._paint_tiles(painter)
        if markers:
            self._paint_markers(painter)
        self._paint_position(painter)
        self._paint_marks(painter)
        if pinching:
            painter.restore()
        self._paint_scale(painter)
        if markers and self.index is not None and self.index.total and not self.pick_mode:
            legend = self._legend_pixmap()
            size = legend.deviceIndependentSize()
            painter.drawPixmap(QPointF(self.width() - size.width() - 12, self.height() - size.height() - 12), legend)

    def _paint_tiles(self, painter: QPainter) -> None:
        if not self.tiles.available:
            return
        tiles = self.visible_tiles()
        deepest = self.tiles.zoom_range[1]
        want: set[tuple[int, int, int]] = set()
        for z, x, y, sx, sy in tiles:
            key = (z, x, y)
            pixmap = self.tiles.pixmap(key) if z <= deepest else None
            if pixmap is not None:
                painter.drawPixmap(QPointF(sx, sy), pixmap)
                continue
            # Beyond the basemap's deepest zoom its deepest tile is drawn enlarged (overzoom); otherwise,
            # while a tile loads, a parent tile from memory, scaled up (blur rather than blanks).
            over = max(0, z - deepest)
            if over:
                want.add((deepest, x >> over, y >> over))
            else:
                want.add(key)
            for up in range(max(1, over), over + 4):
                parent = self.tiles.cached((z - up, x >> up, y >> up))
                if parent is None:
                    continue
                part = TILE_SIZE / (1 << up)
                source = QRectF((x % (1 << up)) * part, (y % (1 << up)) * part, part, part)
                painter.drawPixmap(QRectF(sx, sy, TILE_SIZE, TILE_SIZE), parent, source)
                break
        if want:
            self.tiles.request(frozenset(want))

    def _radius(self, count: int) -> float:
        return 9.0 if count == 1 else 13.0 + 4.0 * math.log10(count)

    def _marker(self, rank: int, count: int) -> tuple[QPixmap, int]:
        """A marker's pixmap and half its side (one per state colour and count; the fills do not follow
        the theme, so neither does the cache)."""
        label = count if count < 1000 else 1000 + count // 1000  # one pixmap per thousand beyond 999
        key = (rank, label)
        cached = self._marker_cache.get(key)
        if cached is not None:
            return cached
        fill = _marker_fill(urgency_status(rank))
        radius = self._radius(count)
        dpr = self.devicePixelRatioF()
        side = math.ceil(radius * 2 + 4)
        pixmap = QPixmap(round(side * dpr), round(side * dpr))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor("#ffffff"), 2.5))
        p.setBrush(QBrush(fill))
        p.drawEllipse(QPointF(side / 2, side / 2), radius, radius)
        if count > 1:
            font = QFont(self.font())
            font.setBold(True)
            font.setPixelSize(max(10, round(radius * 0.85)))
            p.setFont(font)
            p.setPen(QColor("#ffffff"))
            words = str(count) if count < 1000 else f"{count // 1000}k"
            p.drawText(QRectF(0, 0, side, side), Qt.AlignmentFlag.AlignCenter, words)
        p.end()
        if len(self._marker_cache) > 4000:
            self._marker_cache.clear()
        self._marker_cache[key] = (pixmap, side // 2)
        return pixmap, side // 2

    def _paint_markers(self, painter: QPainter) -> None:
        """The markers, from a layer drawn for the view plus LAYER_MARGIN px round it: panning only moves
        the layer, which is drawn again when the view leaves it, the zoom changes or the cases do."""
        if self.index is None and not self._grids:
            return
        world = self.world
        left = self.cx * world - self.width() / 2
        top = self.cy * world - self.height() / 2
        key = (self.zoom, self._index_version, self.width(), self.height(), self.devicePixelRatioF())
        ox, oy = self._layer_origin
        inside = (
            ox <= left
            and oy <= top
            and left + self.width() <= ox + self.width() + 2 * LAYER_MARGIN
            and top + self.height() <= oy + self.height() + 2 * LAYER_MARGIN
        )
        if self._layer is None or self._layer_key != key or not inside:
            ox, oy = math.floor(left) - LAYER_MARGIN, math.floor(top) - LAYER_MARGIN
            self._layer = self._draw_layer(ox, oy, self.width() + 2 * LAYER_MARGIN, self.height() + 2 * LAYER_MARGIN)
            self._layer_key, self._layer_origin = key, (ox, oy)
            self.layers_drawn += 1
        painter.drawPixmap(QPointF(ox - left, oy - top), self._layer)

    def _draw_layer(self, ox: float, oy: float, width: int, height: int) -> QPixmap:
        """The markers whose centres fall in the world-pixel rectangle (ox, oy, width, height)."""
        dpr = self.devicePixelRatioF()
        layer = QPixmap(round(width * dpr), round(height * dpr))
        layer.setDevicePixelRatio(dpr)
        layer.fill(Qt.GlobalColor.transparent)
        painter = QPainter(layer)
        if self._grids:
            self._draw_grids(painter, ox, oy, width, height)
        if self.index is None:
            painter.end()
            return layer
        level = self.index.level(self.zoom)
        world = self.world
        xs, ys, counts, ranks = level.xs, level.ys, level.counts, level.ranks
        draw = painter.drawPixmap
        cache = self._marker_cache
        marker = self._marker
        pad = 40
        items = level.visible(
            (ox - pad) / world, (oy - pad) / world, (ox + width + pad) / world, (oy + height + pad) / world
        )
        for i in items:
            sx, sy = xs[i] * world - ox, ys[i] * world - oy
            if -pad <= sx <= width + pad and -pad <= sy <= height + pad:
                count = counts[i]
                found = cache.get((ranks[i], count)) if count < 1000 else None
                pixmap, half = found if found is not None else marker(ranks[i], count)
                draw(int(sx) - half, int(sy) - half, pixmap)
        painter.end()
        return layer

    def _draw_grids(self, painter: QPainter, ox: float, oy: float, width: int, height: int) -> None:
        world = self.world
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        district_pen = QPen(QColor(90, 40, 120, 200), 3.0)
        grid_pen = QPen(QColor(90, 40, 120, 170), 1.5, Qt.PenStyle.DashLine)
        labels = []
        for grid, rings, (x0, y0, x1, y1), (lx, ly) in self._grids:
            if x1 * world < ox or x0 * world > ox + width or y1 * world < oy or y0 * world > oy + height:
                continue
            if (x1 - x0) * world < 6:
                continue  # a few pixels across: no outline worth drawing
            painter.setPen(district_pen if grid.level == "district" else grid_pen)
            for ring in rings:
                painter.drawPolygon(QPolygonF([QPointF(x * world - ox, y * world - oy) for x, y in ring]))
            if grid.level == "grid" and (x1 - x0) * world > 120:
                labels.append((lx * world - ox, ly * world - oy, grid.name))
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        for x, y, text in labels:
            rect = QRectF(x - 100, y - 14, 200, 28)
            painter.setPen(QColor(255, 255, 255, 230))
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                painter.drawText(rect.translated(dx, dy), Qt.AlignmentFlag.AlignCenter, text)
            painter.setPen(QColor(60, 20, 90))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_position(self, painter: QPainter) -> None:
        mark = self.position
        if mark is None:
            return
        point = self.screen_point(mark.lat, mark.lon)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(21, 101, 192, 55))
        halo = 24.0
        if mark.accuracy_m:
            halo = max(halo, mark.accuracy_m / metres_per_pixel(mark.lat, self.zoom))
            painter.setPen(QPen(QColor(21, 101, 192, 160), 1.5))
        painter.drawEllipse(point, halo, halo)
        painter.setPen(QPen(QColor("#ffffff"), 3.5))
        painter.setBrush(QColor("#1565c0"))
        painter.drawEllipse(point, 10, 10)

    def _paint_marks(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for mark in self.marks:
            point = self.screen_point(mark.lat, mark.lon)
            colour = QColor(MARK_COLOURS.get(mark.kind, "#000000"))
            if mark.kind == "chosen":
                # A pin: its tip on the point.
                painter.setPen(QPen(QColor("#ffffff"), 2.5))
                painter.setBrush(colour)
                head = QPointF(point.x(), point.y() - 26)
                painter.drawLine(point, head)
                painter.drawEllipse(head, 11, 11)
                painter.setPen(QPen(colour, 3))
                painter.drawLine(point, QPointF(point.x(), point.y() - 15))
            elif mark.kind == "photo":
                painter.setPen(QPen(QColor("#ffffff"), 2.5))
                painter.setBrush(colour)
                painter.drawRect(QRectF(point.x() - 9, point.y() - 9, 18, 18))
            else:
                painter.setPen(QPen(QColor("#ffffff"), 3))
                painter.setBrush(colour)
                painter.drawEllipse(point, 9, 9)
        if self.pick_mode:
            centre = QPointF(self.width() / 2, self.height() / 2)
            painter.setPen(QPen(QColor(0, 0, 0, 140), 1.5))
            painter.drawLine(QPointF(centre.x() - 14, centre.y()), QPointF(centre.x() + 14, centre.y()))
            painter.drawLine(QPointF(centre.x(), centre.y() - 14), QPointF(centre.x(), centre.y() + 14))

    def _paint_scale(self, painter: QPainter) -> None:
        lat, _ = self.centre()
        metres, pixels = nice_scale(metres_per_pixel(lat, self.zoom), 140)
        text = (
            self.tr("%1 km").replace("%1", f"{metres / 1000:g}")
            if metres >= 1000
            else self.tr("%1 m").replace("%1", f"{metres:g}")
        )
        margin = 14
        base = self.height() - margin
        left = margin
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        box = QRect(left - 6, base - 34, pixels + 12, 40)
        painter.fillRect(box, QColor(255, 255, 255, 200))
        painter.setPen(QPen(QColor("#12161c"), 3))
        painter.drawLine(left, base, left + pixels, base)
        painter.drawLine(left, base - 8, left, base)
        painter.drawLine(left + pixels, base - 8, left + pixels, base)
        painter.setPen(QColor("#12161c"))
        painter.drawText(QRect(left, base - 32, pixels + 80, 22), Qt.AlignmentFlag.AlignLeft, text)


def _marker_fill(status: str) -> QColor:
    """A saturated fill per state group, readable with white text (the list's badge colours are pastel)."""
    return QColor(
        {
            "returned": "#c62828",
            "disposed": "#6a1b9a",
            "draft": "#546e7a",
            "submitted": "#b26a00",
            "received": "#00838f",
            "filed": "#00838f",
            "dispatched": "#00838f",
            "verified": "#2e7d32",
            "closed": "#2e7d32",
            "rejected": "#8d8d8d",
            "duplicate": "#8d8d8d",
        }.get(status, "#8d8d8d")
    )

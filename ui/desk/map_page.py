"""The desk's map: the queue's cases (the queue's own filters) on the basemap, clustered, overdue ones marked,
each grid with the count of its matching cases; a click selects the case in the queue.

The points come from the server in one compact answer (GET /cases/points) and the counts per grid from
GET /grids/counts, both computed in SQL for the same filter as the queue's; the grids themselves
(GET /grids) are fetched again only when their version changes. Fetching and clustering run on the
connection's workers; the GUI thread only hands the finished index to the view. A newer filter makes
an answer still on its way stale (a generation count), so the map never shows an older filter.

The map view is the tablet's (ui/map/map_view.py) with the desk's classes of marker: the cluster index
ranks its items by app.maps.cluster.URGENCY, so each desk class is carried by the state name at its
position there (class k rides as URGENCY[k]) and drawn here with the desk's colours; overdue comes first,
so a cluster holding an overdue case is drawn as overdue.
"""

from __future__ import annotations

import logging
import math
import os
import time
from array import array
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QVBoxLayout, QWidget

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app import desk
from app.desk import DeskClient, DeskError, QueueFilter
from app.domain.geo import Grid, parse_grids
from app.maps.cluster import URGENCY, ClusterIndex, build_index
from app.paths import ENV_DATA_DIR, DataPaths, default_data_dir
from app.queries import CasePoints
from app.settings import Settings
from ui.desk.connection import DeskConnection, desk_message
from ui.map.map_view import MapView
from ui.map.tile_source import TileSource
from ui.widgets.common import touch_button

log = logging.getLogger(__name__)

# The desk's classes of marker, the most pressing first.
CLASSES = ("overdue", "received", "filed", "disposed", "verified", "dispatched", "returned", "closed", "rejected")
CLASS_OF_STATE = {
    "submitted": "received",
    "received": "received",
    "filed": "filed",
    "dispatched": "dispatched",
    "disposed": "disposed",
    "verified": "verified",
    "returned": "returned",
    "closed": "closed",
    "rejected": "rejected",
    "duplicate": "rejected",
}
CLASS_FILL = {
    "overdue": "#c62828",
    "received": "#e65100",
    "filed": "#1565c0",
    "dispatched": "#00838f",
    "disposed": "#6a1b9a",
    "verified": "#558b2f",
    "returned": "#6d4c41",
    "closed": "#2e7d32",
    "rejected": "#8d8d8d",
}
OVERDUE_RANK = 0
assert len(CLASSES) <= len(URGENCY)
SELECTED_COLOUR = "#0d1b2a"
GRID_BADGE = "#4a1d6e"


def class_index(state: str, overdue: bool) -> int:
    return OVERDUE_RANK if overdue else CLASSES.index(CLASS_OF_STATE.get(state, "received"))


@dataclass
class MapData:
    """One filter's map, made on a worker: the cases' ids and places, the clustered markers, the counts."""

    flt: QueueFilter
    ids: list[str]
    lats: array[float]
    lons: array[float]
    overdue: bytearray
    index: ClusterIndex
    box: tuple[float, float, float, float] | None
    unlocated: int
    counts: dict[str, int] = field(default_factory=dict)
    late: dict[str, int] = field(default_factory=dict)
    outside: int = 0
    grids_version: int = 0
    grids: list[Grid] | None = None  # None: the grids held are still current
    fetch_s: float = 0.0
    build_s: float = 0.0

    @property
    def total(self) -> int:
        return len(self.ids)

    @property
    def overdue_total(self) -> int:
        return sum(self.overdue)

    def position(self, case_id: str) -> int:
        try:
            return self.ids.index(case_id)
        except ValueError:
            return -1


def map_data(body: dict[str, Any], flt: QueueFilter, system: str) -> MapData:
    """The points answer (GET /cases/points) as the map's data: pure Python, run on a worker."""
    state_names = list(body.get("states") or [])
    ids: list[str] = list(body.get("id") or [])
    unit = 1e-6  # the answer's coordinates are millionths of a degree
    lats = array("d", map(unit.__mul__, body.get("lat_e6") or []))
    lons = array("d", map(unit.__mul__, body.get("lon_e6") or []))
    late = bytearray(1 if v else 0 for v in body.get("overdue") or [])
    states = body.get("state") or []
    if not len(ids) == len(lats) == len(lons) == len(late) == len(states):
        raise DeskError(desk.SERVER, "the server's map points are inconsistent")
    per_state = [class_index(name, False) for name in state_names]
    points = CasePoints(
        keys=array("q", range(len(ids))),
        lats=lats,
        lons=lons,
        states=bytearray(OVERDUE_RANK if o else per_state[s] for s, o in zip(states, late, strict=True)),
        statuses=list(URGENCY[: len(CLASSES)]),  # class k rides as URGENCY[k] (its rank in the index)
    )
    box = (min(lats), min(lons), max(lats), max(lons)) if ids else None
    return MapData(
        flt=flt,
        ids=ids,
        lats=lats,
        lons=lons,
        overdue=late,
        index=build_index(points, system),
        box=box,
        unlocated=int(body.get("unlocated") or 0),
    )


def fetch_map(client: DeskClient, flt: QueueFilter, system: str, grids_version: int | None) -> MapData:
    """The points, the counts and (if their version moved) the grids of a filter: the counts are asked for
    while the points come."""
    start = time.perf_counter()
    with ThreadPoolExecutor(1, thread_name_prefix="desk-map-counts") as pool:
        counts_future = pool.submit(client.grid_counts, flt)
        body = client.case_points(flt)
        counts = counts_future.result()
    fetched = time.perf_counter()
    data = map_data(body, flt, system)
    data.counts = {str(k): int(v) for k, v in (counts.get("counts") or {}).items()}
    data.late = {str(k): int(v) for k, v in (counts.get("overdue") or {}).items()}
    data.outside = int(counts.get("outside") or 0)
    data.grids_version = int(counts.get("version") or 0)
    if data.grids_version != grids_version:
        document = client.grids() if data.grids_version else None
        data.grids = parse_grids(document) if document and document.get("features") else []
    data.fetch_s = fetched - start
    data.build_s = time.perf_counter() - fetched
    return data


def desk_tiles(parent: QWidget | None = None) -> TileSource:
    """The basemap the desk shows: the one this computer's Fieldcase settings name (`basemap`,
    `coordinate_system`, `tile_cache_mb` in the data folder's settings.json, as on a tablet), or none.
    The data folder is found as the tablet app finds it: FIELDCASE_DATA_DIR, the launcher file, the default."""
    from ui.settings_dialog import saved_data_dir

    saved = None if os.environ.get(ENV_DATA_DIR) else saved_data_dir()
    paths = DataPaths(saved or default_data_dir())
    return TileSource.from_settings(Settings(paths.settings), paths.root, parent)


class DeskMapView(MapView):
    """The tablet's map view with the desk's marker classes, the selected case ringed, counts per grid."""

    def __init__(self, tiles: TileSource, parent: QWidget | None = None) -> None:
        super().__init__(tiles, parent)
        self.setObjectName("deskMapView")
        self.locate_button.hide()  # a desk has no position of its own
        self.selected: tuple[float, float] | None = None
        self.counts: dict[str, int] = {}
        self.late: dict[str, int] = {}
        self.overlay = QLabel(self)
        self.overlay.setObjectName("deskMapOverlay")
        self.overlay.setWordWrap(True)
        self.overlay.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.overlay.hide()
        self.veiled = False

    # ------------------------------------------------------------ what is shown

    def set_counts(self, counts: dict[str, int], late: dict[str, int]) -> None:
        self.counts, self.late = dict(counts), dict(late)
        self._index_version += 1  # the layer holds the badges: draw it again
        self.update()

    def set_selected(self, point: tuple[float, float] | None) -> None:
        self.selected = point
        self.update()

    def say(self, text: str, *, error: bool = False) -> None:
        """A message over the map (none: hidden); an error also veils the markers, which are then out of date."""
        self.veiled = bool(text) and error
        self.update()
        if not text:
            self.overlay.hide()
            return
        border = "#b00020" if error else "#4a1d6e"
        self.overlay.setStyleSheet(
            f"#deskMapOverlay {{ background: #ffffff; color: #12161c; border: 2px solid {border};"
            " border-radius: 10px; padding: 14px; font-size: 12pt; font-weight: bold; }"
        )
        self.overlay.setText(text)
        self._place_overlay()
        self.overlay.show()
        self.overlay.raise_()

    def _place_overlay(self) -> None:
        width = min(520, max(200, self.width() - 160))
        self.overlay.setFixedWidth(width)
        self.overlay.adjustSize()
        # Above the middle: clear of the legend in the lower corner.
        self.overlay.move((self.width() - width) // 2, max(12, self.height() // 3 - self.overlay.height() // 2))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.overlay.isVisible():
            self._place_overlay()

    # ------------------------------------------------------------ the desk's classes

    def legend_entries(self) -> list[tuple[str, str]]:
        return [
            ("overdue", self.tr("Overdue")),
            ("received", self.tr("To file")),
            ("filed", self.tr("Filed, to dispatch")),
            ("dispatched", self.tr("Dispatched")),
            ("disposed", self.tr("Disposed, to verify")),
            ("verified", self.tr("Verified, to close")),
            ("returned", self.tr("Returned to the inspector")),
            ("closed", self.tr("Closed")),
            ("rejected", self.tr("Rejected or duplicate")),
        ]

    def legend_fill(self, key: str) -> QColor:
        return QColor(CLASS_FILL.get(key, "#8d8d8d"))

    def _marker(self, rank: int, count: int) -> tuple[QPixmap, int]:
        """A marker per class and count; an overdue one has a dark outer ring and, alone, an exclamation mark."""
        label = count if count < 1000 else 1000 + count // 1000
        key = (rank, label)
        cached = self._marker_cache.get(key)
        if cached is not None:
            return cached
        name = CLASSES[rank] if rank < len(CLASSES) else "rejected"
        overdue = rank == OVERDUE_RANK
        radius = self._radius(count) + (2.0 if overdue else 0.0)
        ring = 3.0 if overdue else 0.0
        dpr = self.devicePixelRatioF()
        side = math.ceil((radius + ring) * 2 + 4)
        pixmap = QPixmap(round(side * dpr), round(side * dpr))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(side / 2, side / 2)
        if overdue:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#3b0000"))
            p.drawEllipse(centre, radius + ring, radius + ring)
        p.setPen(QPen(QColor("#ffffff"), 2.5))
        p.setBrush(QBrush(QColor(CLASS_FILL[name])))
        p.drawEllipse(centre, radius, radius)
        words = "!" if overdue and count == 1 else (str(count) if count < 1000 else f"{count // 1000}k")
        if count > 1 or overdue:
            font = QFont(self.font())
            font.setBold(True)
            font.setPixelSize(max(11, round(radius * (1.1 if count == 1 else 0.85))))
            p.setFont(font)
            p.setPen(QColor("#ffffff"))
            p.drawText(QRectF(0, 0, side, side), Qt.AlignmentFlag.AlignCenter, words)
        p.end()
        if len(self._marker_cache) > 4000:
            self._marker_cache.clear()
        self._marker_cache[key] = (pixmap, side // 2)
        return pixmap, side // 2

    # ------------------------------------------------------------ grids and their counts

    def _draw_grids(self, painter: QPainter, ox: float, oy: float, width: int, height: int) -> None:
        """Grids holding matching cases tinted (deeper for more), under their outlines."""
        if self.counts:
            world = self.world
            most = max(self.counts.values()) or 1
            painter.setPen(Qt.PenStyle.NoPen)
            for grid, rings, (x0, y0, x1, y1), _ in self._grids:
                count = self.counts.get(grid.code, 0)
                if grid.level != "grid" or not count:
                    continue
                if x1 * world < ox or x0 * world > ox + width or y1 * world < oy or y0 * world > oy + height:
                    continue
                path = QPainterPath()
                path.setFillRule(Qt.FillRule.OddEvenFill)
                for ring in rings:
                    path.addPolygon(QPolygonF([QPointF(x * world - ox, y * world - oy) for x, y in ring]))
                    path.closeSubpath()
                painter.setBrush(QColor(106, 27, 154, round(8 + 40 * count / most)))
                painter.drawPath(path)
        super()._draw_grids(painter, ox, oy, width, height)

    def _draw_layer(self, ox: float, oy: float, width: int, height: int) -> QPixmap:
        layer = super()._draw_layer(ox, oy, width, height)
        if self.counts and self._grids:
            painter = QPainter(layer)
            self._draw_badges(painter, ox, oy, width, height)
            painter.end()
        return layer

    def _draw_badges(self, painter: QPainter, ox: float, oy: float, width: int, height: int) -> None:
        """Each grid's count of matching cases (and of overdue ones), over the markers; a grid with none
        has no badge."""
        world = self.world
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(15)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        for grid, _rings, (x0, _y0, x1, _y1), (lx, ly) in self._grids:
            count = self.counts.get(grid.code, 0)
            if grid.level != "grid" or not count:
                continue
            across = (x1 - x0) * world
            if across < 36:
                continue  # too small to carry a badge: the clusters tell
            # Under the name, if drawn; on whole pixels, so the outline is crisp.
            x, y = round(lx * world - ox), round(ly * world - oy + (24 if across > 120 else 0))
            if not (-60 <= x <= width + 60 and -30 <= y <= height + 30):
                continue
            late = self.late.get(grid.code, 0)
            parts = [(str(count), QColor(GRID_BADGE))]
            if late:
                parts.append((self.tr("%1 overdue").replace("%1", str(late)), QColor(CLASS_FILL["overdue"])))
            widths = [metrics.horizontalAdvance(text) + 16 for text, _ in parts]
            left = x - (sum(widths) + 4 * (len(parts) - 1)) / 2
            # White with a coloured outline and text: unlike the markers, which are filled discs.
            for (text, colour), w in zip(parts, widths, strict=True):
                rect = QRectF(round(left), y - 12, w, 24)
                painter.setPen(QPen(colour, 2))
                painter.setBrush(QColor(255, 255, 255, 242))
                painter.drawRoundedRect(rect, 5, 5)
                painter.setPen(colour)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
                left += w + 4

    # ------------------------------------------------------------ the selected case

    def paint(self, painter: QPainter, *, markers: bool = True) -> None:
        super().paint(painter, markers=markers)
        if self.veiled:
            painter.fillRect(self.rect(), QColor(255, 255, 255, 150))
        if self.selected is None or not markers:
            return
        point = self.screen_point(*self.selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor("#ffffff"), 7))
        painter.drawEllipse(point, 17, 17)
        painter.setPen(QPen(QColor(SELECTED_COLOUR), 3.5))
        painter.drawEllipse(point, 17, 17)


class ListMapSwitch(QWidget):
    """Two buttons, List and Map: how the queue shows its cases."""

    toggled_map = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listMapSwitch")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.list_button = touch_button("", self, object_name="showList")
        self.map_button = touch_button("", self, object_name="showMap")
        self.group = QButtonGroup(self)
        for button in (self.list_button, self.map_button):
            button.setCheckable(True)
            self.group.addButton(button)
            layout.addWidget(button)
        self.list_button.setChecked(True)
        self.map_button.toggled.connect(self.on_map_button_toggled)
        self._mark_chosen()
        self.retranslate_ui()

    def on_map_button_toggled(self, checked: bool) -> None:
        self._mark_chosen()
        self.toggled_map.emit(checked)

    def _mark_chosen(self) -> None:
        """The chosen one in the theme's accent (the style sheet's primary buttons)."""
        for button in (self.list_button, self.map_button):
            button.setProperty("primary", button.isChecked())
            button.style().unpolish(button)
            button.style().polish(button)

    @property
    def map_shown(self) -> bool:
        return self.map_button.isChecked()

    def retranslate_ui(self) -> None:
        self.list_button.setText(self.tr("List"))
        self.map_button.setText(self.tr("Map"))
        self.list_button.setToolTip(self.tr("The cases as a list"))
        self.map_button.setToolTip(self.tr("The cases on a map, with the count in each grid"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class DeskMapPage(QWidget):
    """The queue's filter on the map. `case_chosen(case_id)` when a case's marker is clicked; `loaded(n)`
    when a filter's map is drawn; `show_case(case_id)` rings a case (and centres on it)."""

    case_chosen = Signal(str)
    loaded = Signal(int)
    load_failed = Signal(object)

    def __init__(
        self, connection: DeskConnection, parent: QWidget | None = None, *, tiles: TileSource | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deskMap")
        self.connection = connection
        self.tiles = tiles if tiles is not None else desk_tiles(self)
        if self.tiles.parent() is None:
            self.tiles.setParent(self)
        self.view = DeskMapView(self.tiles, self)
        self.info = QLabel(self)
        self.info.setObjectName("deskMapInfo")
        self.info.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.info)
        self.data: MapData | None = None
        self.filter: QueueFilter | None = None
        self.grids_version: int | None = None
        self.selected_id: str | None = None
        self.error: BaseException | None = None
        self._centre_pending = False
        self._clicked: str | None = None
        self._generation = 0
        self._loading = False
        self._stale = True
        self._placed = False
        self._closed = False
        self.last_seconds = 0.0
        self.view.case_tapped.connect(self.on_view_case_tapped)
        connection.trouble.connect(self.on_connection_trouble)
        self.retranslate_ui()

    # ------------------------------------------------------------ loading

    @property
    def loading(self) -> bool:
        return self._loading

    def set_filter(self, flt: QueueFilter | None) -> None:
        """The queue's filter changed (or was refreshed): the map follows it when it is next seen."""
        self.filter = flt
        self._stale = True
        if self.isVisible():
            self.reload()

    def mark_stale(self) -> None:
        """A case changed (a decision): the map is read again when next seen."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        if self._closed or self.filter is None:
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        self._loading = True
        self.error = None
        flt, system, version = self.filter, self.tiles.system, self.grids_version
        start = time.perf_counter()
        if self.data is None:
            self.view.say(self.tr("Loading the map…"))
        self.retranslate_ui()

        def work(client: DeskClient) -> MapData:
            return fetch_map(client, flt, system, version)

        def done(data: MapData) -> None:
            if generation == self._generation and not self._closed:
                self.last_seconds = time.perf_counter() - start
                self._show(data)

        def failed(exc: BaseException) -> None:
            if generation == self._generation and not self._closed:
                self._failed(exc)

        self.connection.call(work, done, failed, owner=self, retry=True)

    def _show(self, data: MapData) -> None:
        self._loading = False
        self.data = data
        if data.grids is not None:
            self.grids_version = data.grids_version
            self.view.set_grids(data.grids)
        self.view.set_index(data.index)
        self.view.set_counts(data.counts, data.late)
        if not self._placed:
            self._placed = True
            self._place(data)
        self._apply_selection()
        if data.total == 0:
            self.view.say(self.tr("No cases match these filters."))
        else:
            self.view.say("")
        self.retranslate_ui()
        self.view.repaint()
        self.loaded.emit(data.total)

    def _place(self, data: MapData) -> None:
        """Where the map first looks: the cases, else the grids, else the basemap's centre."""
        if data.box is not None:
            self.view.fit(*data.box)
            return
        grids = [g for g in (data.grids or []) if g.bbox]
        if grids:
            west = min(g.bbox[0] for g in grids)
            south = min(g.bbox[1] for g in grids)
            east = max(g.bbox[2] for g in grids)
            north = max(g.bbox[3] for g in grids)
            self.view.fit(south, west, north, east)
            return
        centre = self.tiles.mbtiles.center if self.tiles.mbtiles is not None else None
        if centre is not None:
            self.view.centre_on(centre[0], centre[1], centre[2])

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.error = exc
        log.warning("desk map: %r", exc)
        if isinstance(exc, DeskError) and exc.kind == desk.NOT_FOUND:
            text = self.tr("This server cannot show cases on a map (it is older than this desk). The list works.")
        else:
            text = self.tr("The map cannot be shown: %1").replace("%1", desk_message(exc))
        self.view.say(text, error=True)
        self.retranslate_ui()
        self.load_failed.emit(exc)

    def on_connection_trouble(self, text: str) -> None:
        if self._loading and self.isVisible():
            self.view.say(text, error=True)

    # ------------------------------------------------------------ selection

    def on_view_case_tapped(self, key: int) -> None:
        data = self.data
        if data is None or not 0 <= key < data.total:
            return
        case_id = data.ids[key]
        self._clicked = case_id  # chosen here: ring it, but do not move the map under the pointer
        self.case_chosen.emit(case_id)

    def show_case(self, case_id: str) -> None:
        """Ring the case chosen in the queue; one chosen in the list (the map hidden) is also brought to the
        middle of the map (now, or once loaded). While the map shows, a choice made on it, or the queue's
        own choice of its first row after a new filter, leaves the map where the user put it."""
        self.selected_id = case_id
        self._centre_pending = self._clicked != case_id and not self.isVisible()
        self._clicked = None
        self._apply_selection()

    def _apply_selection(self) -> None:
        data = self.data
        i = data.position(self.selected_id) if data is not None and self.selected_id else -1
        if data is None or i < 0:
            self.view.set_selected(None)
            return
        lat, lon = data.lats[i], data.lons[i]
        self.view.set_selected((lat, lon))
        if self._centre_pending:
            self._centre_pending = False
            self.view.centre_on(lat, lon)

    # ------------------------------------------------------------ words

    def retranslate_ui(self) -> None:
        data = self.data
        parts = []
        if data is not None:
            parts.append(self.tr("%n case(s) on the map", "", data.total))
            if data.overdue_total:
                parts.append(self.tr("%n overdue", "", data.overdue_total))
            if data.unlocated:
                parts.append(self.tr("%n without a location", "", data.unlocated))
            if data.outside and data.counts:
                parts.append(self.tr("%n outside every grid", "", data.outside))
        if self._loading:
            parts.append(self.tr("Loading…"))
        if self.tiles.error:
            parts.append(self.tr("The basemap cannot be read: %1").replace("%1", self.tiles.error))
        elif not self.tiles.available:
            parts.append(self.tr("No basemap is set up: cases show on a plain background."))
        self.info.setText(" · ".join(parts))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            if self.data is not None and self.data.total == 0:
                self.view.say(self.tr("No cases match these filters."))
            self.view.set_counts(self.view.counts, self.view.late)  # badges drawn again in the new language
        super().changeEvent(event)

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.tiles.close()

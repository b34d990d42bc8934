"""The home screen's map: the cases on this tablet on the offline basemap, and the tablet's position.

Positions are read and clustered on the page's own worker (one thread: its read-only
connection is never used by two at once), then handed to the view; nothing Qt is made
there. A change announced by the session reloads the map when it is next seen.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.maps.cluster import ClusterIndex, build_index
from app.maps.grids import load_grids
from app.queries import MapQuery
from ui.map.map_view import MapView
from ui.map.tile_source import TileSource
from ui.positioning import PositionFix, PositionProvider
from ui.session import Session
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def load_index(query: MapQuery, system: str) -> tuple[ClusterIndex, tuple[float, float, float, float] | None]:
    """The clustered markers of every located case, and the (south, west, north, east) they span."""
    points = query.points()
    box = None
    if len(points):
        box = (min(points.lats), min(points.lons), max(points.lats), max(points.lons))
    return build_index(points, system), box


class MapPage(QWidget):
    """`case_opened(case_id)` when a case's marker is tapped."""

    case_opened = Signal(str)
    loaded = Signal(int)  # how many cases the map shows

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        position_provider: PositionProvider | None = None,
        tiles: TileSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mapPage")
        self.session = session
        tablet = session.tablet
        self._tasks = TaskRunner(self, io_threads=1)
        self._database = tablet.paths.database
        self._root = tablet.paths.root
        self._query: MapQuery | None = None
        self._stale = True
        self._loading = False
        self._placed = False
        self._count = 0
        self._closed = False
        self.tiles = tiles if tiles is not None else TileSource.from_settings(tablet.settings, tablet.paths.root, self)
        if self.tiles.parent() is None:
            self.tiles.setParent(self)
        self.view = MapView(self.tiles, self)
        self.info = QLabel(self)
        self.info.setObjectName("mapInfo")
        self.info.setProperty("muted", True)
        self.info.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(16, 6, 16, 6)
        bottom.addWidget(self.info, 1)
        layout.addLayout(bottom)

        self._positions = (
            position_provider
            if position_provider is not None
            else PositionProvider.from_environment(setting=str(tablet.settings.get("gnss_source")))
        )
        self._positions.setParent(self)
        self._positions.position_updated.connect(self.on_positions_position_updated)
        self.view.case_tapped.connect(self.on_view_case_tapped)
        session.changed.connect(self.on_session_changed)
        self.retranslate_ui()

    # ------------------------------------------------------------ words

    def retranslate_ui(self) -> None:
        parts = [self.tr("%n case(s) on the map", "", self._count)]
        if self.tiles.error:
            parts.append(self.tr("The basemap cannot be read: %1").replace("%1", self.tiles.error))
        elif not self.tiles.available:
            parts.append(self.tr("No basemap is set up on this tablet: cases show on a plain background."))
        if self._loading:
            parts.append(self.tr("Loading…"))
        self.info.setText(" · ".join(parts))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ------------------------------------------------------------ loading

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._positions.start()
        if self._stale:
            self.reload()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        self._positions.stop()

    def on_session_changed(self, _case_id: str) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Read every case's position and cluster them, on the page's worker."""
        if self._loading or self._closed:
            self._stale = True
            return
        self._stale = False
        self._loading = True
        self.retranslate_ui()
        system, root = self.tiles.system, self._root

        def work() -> tuple[ClusterIndex, tuple[float, float, float, float] | None, list[Any]]:
            index, box = load_index(self._reader(), system)
            return index, box, load_grids(root)  # the districts and grids the last sync brought

        self._tasks.run_db(work, self._on_loaded, self._on_load_failed)

    def _reader(self) -> MapQuery:
        if self._query is None:
            self._query = MapQuery(self._database)
        return self._query

    def _on_loaded(self, result: tuple[ClusterIndex, tuple[float, float, float, float] | None, list[Any]]) -> None:
        self._loading = False
        if self._closed:
            return
        index, box, grids = result
        self._count = index.total
        self.view.set_index(index)
        self.view.set_grids(grids)
        if not self._placed:
            self._placed = True
            centre = self.tiles.mbtiles.center if self.tiles.mbtiles is not None else None
            if box is not None:
                self.view.fit(*box)
            elif centre is not None:
                self.view.centre_on(centre[0], centre[1], centre[2])
        self.retranslate_ui()
        self.loaded.emit(index.total)
        if self._stale and self.isVisible():
            self.reload()

    def _on_load_failed(self, exc: BaseException) -> None:
        self._loading = False
        log.error("map: cannot read case positions: %r", exc)
        if not self._closed:
            from ui.errors import show_error

            show_error(self, exc)

    # ------------------------------------------------------------ taps and position

    def on_view_case_tapped(self, key: int) -> None:
        self._tasks.run_db(lambda: self._reader().case_id(key), self._on_case_found)

    def _on_case_found(self, case_id: str | None) -> None:
        if case_id and not self._closed:
            self.case_opened.emit(case_id)

    def on_positions_position_updated(self, fix: PositionFix) -> None:
        self.view.set_position(fix.lat, fix.lon, fix.accuracy_m)

    # ------------------------------------------------------------ shutdown

    def wait(self, msecs: int = 10000) -> bool:
        """Until the page's worker is idle (tests and shutdown)."""
        return self._tasks.wait(msecs)

    def shutdown(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._positions.stop()
        self._tasks.wait(10000)
        if self._query is not None:
            self._query.close()
            self._query = None
        self.tiles.close()

"""Picking or nudging a case's location on the map, with the photo's GPS and the tablet's fix in view.

A tap puts the chosen point (a pin) where the finger is; the photo's GPS (a square) and
the tablet's fix (a dot) stay on the map, and the distances between the three are shown
as they change. "Use this point" hands the point back (WGS-84; source `manual`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from app.domain.case import location_check
from ui.map.map_view import MapView, Mark
from ui.map.tile_source import TileSource
from ui.widgets.common import touch_button, wrap_label
from ui.widgets.location import check_lines, check_warning

Point = tuple[float, float]


class LocationPicker(QDialog):
    """`point_chosen(lat, lon)` when the inspector confirms a point."""

    point_chosen = Signal(float, float)

    def __init__(
        self,
        tiles: TileSource,
        *,
        photo: Point | None = None,
        device: Point | None = None,
        device_accuracy_m: float | None = None,
        chosen: Point | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("locationPicker")
        self.photo, self.device, self.chosen = photo, device, chosen
        self.tiles = tiles
        if tiles.parent() is None:
            tiles.setParent(self)
        self.view = MapView(tiles, self)
        self.view.pick_mode = True
        self.view.point_picked.connect(self.on_view_point_picked)
        if device is not None:
            self.view.set_position(device[0], device[1], device_accuracy_m)
        self.hint = wrap_label("", self)
        self.hint.setObjectName("pickHint")
        self.distances = wrap_label("", self)
        self.distances.setObjectName("pickDistances")
        self.warning = wrap_label("", self)
        self.warning.setObjectName("pickWarning")
        self.warning.setProperty("banner", "warning")
        self.use_button = touch_button("", self, primary=True, object_name="usePickedPoint")
        self.use_button.clicked.connect(self.on_use_button_clicked)
        self.cancel_button = touch_button("", self, object_name="cancelPick")
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.distances)
        layout.addWidget(self.warning)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.use_button)
        layout.addLayout(buttons)
        self.resize(1000, 720)
        self._place()
        self._update()
        self.finished.connect(self.on_finished)

    def _place(self) -> None:
        points = [p for p in (self.chosen, self.photo, self.device) if p is not None]
        if len(points) >= 2:
            lats = [p[0] for p in points]
            lons = [p[1] for p in points]
            self.view.resize(self.width() - 24, self.height() - 200)
            self.view.fit(min(lats), min(lons), max(lats), max(lons))
            self.view.zoom = max(12, min(18, self.view.zoom))
        elif points:
            self.view.centre_on(points[0][0], points[0][1], 17)
        elif self.tiles.mbtiles is not None and self.tiles.mbtiles.center is not None:
            lat, lon, zoom = self.tiles.mbtiles.center
            self.view.centre_on(lat, lon, zoom)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Choose the location on the map"))
        self.hint.setText(
            self.tr("Tap where the case is. Drag to move the map; pinch or use + and − to zoom.")
            if self.chosen is None
            else self.tr("Tap again to move the pin. Square: the photo's GPS; dot: the tablet's position.")
        )
        self.use_button.setText(self.tr("Use this point"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self._update()
        super().changeEvent(event)

    def _update(self) -> None:
        marks = []
        if self.photo is not None:
            marks.append(Mark(self.photo[0], self.photo[1], "photo"))
        if self.chosen is not None:
            marks.append(Mark(self.chosen[0], self.chosen[1], "chosen"))
        self.view.set_marks(marks)
        check = location_check(self.photo, self.device, self.chosen)
        lines = check_lines(check)
        if self.chosen is not None:
            lines.insert(
                0,
                self.tr("Chosen point: %1, %2")
                .replace("%1", f"{self.chosen[0]:.6f}")
                .replace("%2", f"{self.chosen[1]:.6f}"),
            )
        self.distances.setText("\n".join(lines))
        self.distances.setVisible(bool(lines))
        warning = check_warning(check)
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))
        self.use_button.setEnabled(self.chosen is not None)
        self.retranslate_ui()

    def on_view_point_picked(self, lat: float, lon: float) -> None:
        self.chosen = (lat, lon)
        self._update()

    def on_use_button_clicked(self) -> None:
        if self.chosen is None:
            return
        self.point_chosen.emit(*self.chosen)
        self.accept()

    def on_finished(self, _result: int) -> None:
        self.tiles.close()

"""The case's location: its source and accuracy, the tablet's position, entry by hand or on the map,
and the evidence check (photo GPS, tablet fix and chosen point, and the distances between them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.case import PHOTO_DEVICE_LIMIT_M, Location, LocationCheck, check_location
from app.domain.errors import ValidationError
from ui.widgets.common import error_style, format_distance, heading_label, touch, touch_button, wrap_label
from ui.widgets.icons import icon
from ui.widgets.labels import source_name

_DEGREES = QRegularExpression(r"^-?\d{0,3}(?:[.,]\d{0,9})?$")


def format_location(location: Location | None) -> str:
    if location is None:
        return "—"
    return f"{location.lat:.6f}, {location.lon:.6f}"


def accuracy_text(location: Location | None) -> str:
    if location is None:
        return ""
    if location.accuracy_m is None:
        return QCoreApplication.translate("LocationPanel", "accuracy unknown")
    return QCoreApplication.translate("LocationPanel", "accurate to ±%1 m").replace(
        "%1", f"{location.accuracy_m:.0f}" if location.accuracy_m >= 10 else f"{location.accuracy_m:.1f}"
    )


def check_lines(check: LocationCheck) -> list[str]:
    """The distances between the photo's GPS, the tablet's fix and the chosen point, one line each."""

    lines = []
    if check.photo_device_m is not None:
        text = QCoreApplication.translate("LocationPanel", "Photo GPS ↔ tablet position: %1")
        lines.append(text.replace("%1", format_distance(check.photo_device_m)))
    if check.photo_chosen_m is not None:
        text = QCoreApplication.translate("LocationPanel", "Chosen point ↔ photo GPS: %1")
        lines.append(text.replace("%1", format_distance(check.photo_chosen_m)))
    if check.device_chosen_m is not None:
        text = QCoreApplication.translate("LocationPanel", "Chosen point ↔ tablet position: %1")
        lines.append(text.replace("%1", format_distance(check.device_chosen_m)))
    return lines


def check_warning(check: LocationCheck) -> str:
    """What the inspector (and the supervisor) must know when photo and tablet disagree; else ""."""
    if not check.disagree or check.photo_device_m is None:
        return ""
    return (
        QCoreApplication.translate(
            "LocationPanel",
            "The photo's GPS and the tablet's position are %1 apart (more than %2 m). "
            "The case records this for the supervisor; check where the photo was taken.",
        )
        .replace("%1", format_distance(check.photo_device_m))
        .replace("%2", f"{PHOTO_DEVICE_LIMIT_M:.0f}")
    )


class LocationPanel(QWidget):
    """The location and its source; `manual_entered(lat, lon)`, `device_requested()` and `map_requested()`
    ask for a change."""

    manual_entered = Signal(float, float)
    device_requested = Signal()
    map_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        top = QHBoxLayout()
        self.pin = QLabel(self)
        self.pin.setPixmap(icon("location", 40).pixmap(40, 40))
        top.addWidget(self.pin, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        self.coordinates = heading_label("—", self, scale=1.1)
        self.coordinates.setObjectName("locationCoordinates")
        self.coordinates.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = wrap_label("", self)
        self.source.setObjectName("locationSource")
        text.addWidget(self.coordinates)
        text.addWidget(self.source)
        top.addLayout(text, 1)
        layout.addLayout(top)
        self.device_status = wrap_label("", self)
        self.device_status.setObjectName("deviceStatus")
        self.device_status.setProperty("muted", True)
        layout.addWidget(self.device_status)
        self.evidence = wrap_label("", self)
        self.evidence.setObjectName("locationEvidence")
        self.evidence.hide()
        layout.addWidget(self.evidence)
        self.evidence_warning = wrap_label("", self)
        self.evidence_warning.setObjectName("locationDisagreement")
        self.evidence_warning.setProperty("banner", "warning")
        self.evidence_warning.setStyleSheet("padding: 8px;")
        self.evidence_warning.hide()
        layout.addWidget(self.evidence_warning)

        buttons = QHBoxLayout()
        self.device_button = touch_button(self.tr("Use the tablet's position"), self, icon=icon("location", 32))
        self.device_button.setObjectName("useDevicePosition")
        self.device_button.clicked.connect(self.device_requested)
        self.manual_button = touch_button(self.tr("Enter by hand"), self, object_name="enterByHand")
        self.manual_button.setCheckable(True)
        self.manual_button.toggled.connect(self._on_manual_toggled)
        self.map_button = touch_button(self.tr("Pick on the map"), self, object_name="pickOnMap")
        self.map_button.clicked.connect(self.map_requested)
        buttons.addWidget(self.device_button)
        buttons.addWidget(self.map_button)
        buttons.addWidget(self.manual_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.manual = QWidget(self)
        grid = QGridLayout(self.manual)
        grid.setContentsMargins(0, 0, 0, 0)
        self.lat_edit = self._degree_edit("latitude")
        self.lon_edit = self._degree_edit("longitude")
        self.lat_label = QLabel(self.tr("Latitude (−90 to 90, north positive)"), self.manual)
        self.lon_label = QLabel(self.tr("Longitude (−180 to 180, east positive)"), self.manual)
        for label in (self.lat_label, self.lon_label):
            label.setWordWrap(True)
        self.lat_label.setBuddy(self.lat_edit)
        self.lon_label.setBuddy(self.lon_edit)
        grid.addWidget(self.lat_label, 0, 0)
        grid.addWidget(self.lon_label, 0, 1)
        grid.addWidget(self.lat_edit, 1, 0)
        grid.addWidget(self.lon_edit, 1, 1)
        self.set_button = touch_button(self.tr("Set this location"), self.manual, primary=True)
        self.set_button.setObjectName("setManualLocation")
        self.set_button.clicked.connect(self.on_set_clicked)
        grid.addWidget(self.set_button, 2, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        self.manual_error = wrap_label("", self.manual)
        self.manual_error.setObjectName("manualLocationError")
        self.manual_error.setStyleSheet(error_style())
        self.manual_error.hide()
        grid.addWidget(self.manual_error, 3, 0, 1, 2)
        self.manual.hide()
        layout.addWidget(self.manual)
        self._location: Location | None = None

    def _degree_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self.manual)
        edit.setObjectName(f"manual_{name}")
        edit.setMinimumHeight(touch())
        edit.setValidator(QRegularExpressionValidator(_DEGREES, edit))
        edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        edit.returnPressed.connect(self.on_set_clicked)
        return edit

    def set_location(self, location: Location | None) -> None:
        self._location = location
        if location is None:
            self.coordinates.setText(self.tr("No location yet"))
            self.source.setText(self.tr("It fills in from the first photo with GPS or from the tablet's position."))
            return
        self.coordinates.setText(format_location(location))
        self.source.setText(f"{source_name(location.source)} · {accuracy_text(location)}")

    def set_check(self, check: LocationCheck | None) -> None:
        """Show the distances between photo GPS, tablet fix and the case's point, and a disagreement."""
        lines = check_lines(check) if check is not None else []
        self.evidence.setText("\n".join(lines))
        self.evidence.setVisible(bool(lines))
        warning = check_warning(check) if check is not None else ""
        self.evidence_warning.setText(warning)
        self.evidence_warning.setVisible(bool(warning))

    def set_device_status(self, text: str, *, available: bool = True) -> None:
        self.device_status.setText(text)
        self.device_status.setVisible(bool(text))
        self.device_button.setEnabled(available)

    def _on_manual_toggled(self, shown: bool) -> None:
        self.manual.setVisible(shown)
        if shown:
            if self._location is not None and not self.lat_edit.text():
                self.lat_edit.setText(f"{self._location.lat:.6f}")
                self.lon_edit.setText(f"{self._location.lon:.6f}")
            self.lat_edit.setFocus()

    def on_set_clicked(self) -> None:
        lat_text = self.lat_edit.text().strip().replace(",", ".")
        lon_text = self.lon_edit.text().strip().replace(",", ".")
        if not lat_text or not lon_text:
            self._show_error(self.tr("Enter both latitude and longitude."))
            return
        try:
            location = check_location(lat_text, lon_text, None, "manual")
        except ValidationError as exc:
            messages = []
            for problem in exc.problems:
                if "latitude" in problem.message:
                    messages.append(self.tr("Latitude must be between −90 and 90."))
                elif "longitude" in problem.message:
                    messages.append(self.tr("Longitude must be between −180 and 180."))
                elif "0, 0" in problem.message:
                    messages.append(self.tr("0, 0 is not a position."))
                else:
                    messages.append(problem.message)
            self._show_error(" ".join(messages))
            return
        self._show_error("")
        self.manual_button.setChecked(False)
        self.manual_entered.emit(location.lat, location.lon)

    def _show_error(self, text: str) -> None:
        self.manual_error.setText(text)
        self.manual_error.setVisible(bool(text))

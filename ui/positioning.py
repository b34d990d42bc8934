"""The tablet's own position through QtPositioning: the platform's source, or a GNSS receiver speaking NMEA.

Qt's `nmea` plugin reads NMEA 0183 sentences ($GPRMC, $GPGGA…) from the source named
by its `nmea.source` parameter: a serial port (`serial:COM3`, `serial:/dev/ttyUSB0`),
a TCP socket (`socket://host:port`) or a file (replayed at the pace of its time
stamps, which is how tests simulate a receiver). Horizontal accuracy is Qt's
2 × HDOP × UERE, so the plugin is told a user-equivalent range error.

Which source the app uses comes from `FIELDCASE_GNSS`: unset or "platform" for the
operating system's location service, "none" for no positioning, "nmea:SOURCE" for a
receiver, or any other QtPositioning plugin name.
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtPositioning import QGeoPositionInfo, QGeoPositionInfoSource

log = logging.getLogger(__name__)

ENV_GNSS = "FIELDCASE_GNSS"
# A consumer GNSS receiver's user-equivalent range error in metres (typical 1-sigma value
# for single-frequency GPS); Qt multiplies it by 2 × HDOP.
DEFAULT_UERE_M = 5.0
REQUEST_TIMEOUT_MS = 30000


@dataclass(frozen=True)
class PositionFix:
    """One position of the tablet, in WGS-84 degrees."""

    lat: float
    lon: float
    accuracy_m: float | None
    timestamp: datetime | None
    source_name: str  # the QtPositioning plugin that gave it ("nmea", "geoclue2"…)


def fix_from_info(info: QGeoPositionInfo, source_name: str) -> PositionFix | None:
    """A PositionFix from Qt's position, or None if it holds no usable coordinate."""
    coordinate = info.coordinate()
    if not info.isValid() or not coordinate.isValid():
        return None
    lat, lon = coordinate.latitude(), coordinate.longitude()
    if not (math.isfinite(lat) and math.isfinite(lon)) or (lat == 0 and lon == 0):
        return None
    accuracy: float | None = None
    if info.hasAttribute(QGeoPositionInfo.Attribute.HorizontalAccuracy):
        value = info.attribute(QGeoPositionInfo.Attribute.HorizontalAccuracy)
        if math.isfinite(value) and value >= 0:
            accuracy = round(float(value), 1)
    stamp = info.timestamp()
    timestamp = stamp.toPython() if stamp.isValid() else None
    return PositionFix(lat, lon, accuracy, timestamp, source_name)


class PositionProvider(QObject):
    """Wraps one QGeoPositionInfoSource; `position_updated(PositionFix)` for each usable fix."""

    position_updated = Signal(object)
    error_occurred = Signal(str)

    def __init__(self, source: QGeoPositionInfoSource | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.last_fix: PositionFix | None = None
        self.running = False
        if source is not None:
            source.setParent(self)
            source.positionUpdated.connect(self._on_source_position_updated)
            source.errorOccurred.connect(self._on_source_error_occurred)

    # ------------------------------------------------------------ making one

    @classmethod
    def nmea(
        cls,
        source: str,
        parent: QObject | None = None,
        *,
        uere_m: float = DEFAULT_UERE_M,
        baud: int | None = None,
    ) -> PositionProvider:
        """A GNSS receiver: a serial port, `socket://host:port`, or a file of NMEA sentences."""
        if not source.startswith(("serial:", "socket:")) and not Path(source.removeprefix("file://")).is_file():
            log.warning("NMEA source %s does not exist; no positioning", source)
            return cls(None, parent)
        parameters: dict[str, object] = {"nmea.source": source}
        if baud is not None:
            parameters["nmea.baudrate"] = baud
        qt_source = QGeoPositionInfoSource.createSource("nmea", parameters, None)
        if qt_source is not None:
            set_uere = getattr(qt_source, "setUserEquivalentRangeError", None)
            if callable(set_uere):
                set_uere(uere_m)
        return cls(qt_source, parent)

    @classmethod
    def plugin(cls, name: str, parent: QObject | None = None) -> PositionProvider:
        parameters: dict[str, object] = {}
        if name == "geoclue2":
            parameters["desktopId"] = "fieldcase"
        if name not in QGeoPositionInfoSource.availableSources():
            return cls(None, parent)
        return cls(QGeoPositionInfoSource.createSource(name, parameters, None), parent)

    @classmethod
    def platform(cls, parent: QObject | None = None) -> PositionProvider:
        """The operating system's location service (Windows location, GeoClue on Linux)."""
        available = QGeoPositionInfoSource.availableSources()
        preferred = [name for name in available if name != "nmea"]
        if not preferred:
            return cls(None, parent)
        return cls.plugin(preferred[0], parent)

    @classmethod
    def from_spec(cls, spec: str | None, parent: QObject | None = None) -> PositionProvider:
        spec = (spec or "").strip()
        if spec in ("", "platform"):
            return cls.platform(parent)
        if spec == "none":
            return cls(None, parent)
        if spec.startswith("nmea:"):
            return cls.nmea(spec.removeprefix("nmea:"), parent)
        return cls.plugin(spec, parent)

    @classmethod
    def from_environment(cls, parent: QObject | None = None, setting: str | None = None) -> PositionProvider:
        """$FIELDCASE_GNSS if set, else the `gnss_source` setting, else the platform's service."""
        return cls.from_spec(os.environ.get(ENV_GNSS) or setting, parent)

    # ------------------------------------------------------------ using it

    def available(self) -> bool:
        return self._source is not None

    @property
    def source_name(self) -> str:
        return self._source.sourceName() if self._source is not None else ""

    def start(self) -> None:
        if self._source is not None and not self.running:
            self.running = True
            self._source.startUpdates()

    def stop(self) -> None:
        if self._source is not None and self.running:
            self.running = False
            self._source.stopUpdates()

    def request_update(self, timeout_ms: int = REQUEST_TIMEOUT_MS) -> None:
        """Ask for one fresh fix (answers through position_updated or error_occurred)."""
        if self._source is None:
            self.error_occurred.emit(self.tr("This tablet has no positioning."))
            return
        if self.last_fix is not None:
            self.position_updated.emit(self.last_fix)
        if not self.running:
            self._source.requestUpdate(timeout_ms)

    def _on_source_position_updated(self, info: QGeoPositionInfo) -> None:
        fix = fix_from_info(info, self.source_name)
        if fix is None:
            return
        self.last_fix = fix
        self.position_updated.emit(fix)

    def _on_source_error_occurred(self, error: QGeoPositionInfoSource.Error) -> None:
        messages = {
            QGeoPositionInfoSource.Error.AccessError: self.tr(
                "The tablet does not allow Fieldcase to read its position."
            ),
            QGeoPositionInfoSource.Error.ClosedError: self.tr("The positioning receiver was disconnected."),
            QGeoPositionInfoSource.Error.UpdateTimeoutError: self.tr(
                "No position fix yet (under a roof or between tall buildings?)."
            ),
            QGeoPositionInfoSource.Error.UnknownSourceError: self.tr("The positioning receiver failed."),
        }
        if error == QGeoPositionInfoSource.Error.NoError:
            return
        self.error_occurred.emit(messages.get(error, self.tr("The positioning receiver failed.")))

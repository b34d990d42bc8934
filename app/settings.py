"""The tablet's settings: each declared once, with its type, default and description."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Option:
    name: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] = ()


OPTIONS: tuple[Option, ...] = (
    Option("language", str, "zh_CN", "language of the interface", ("zh_CN", "en")),
    Option(
        "theme",
        str,
        "normal",
        "colour theme: normal, or sunlight for high contrast outdoors",
        ("normal", "sunlight"),
    ),
    Option("server_url", str, "", "the central server, e.g. https://fieldcase.example.gov.cn"),
    Option("sync_interval_s", int, 300, "seconds between automatic syncs when online"),
    Option(
        "keep_originals_days",
        int,
        30,
        "days an original stays on the tablet after the server's receipt (0 = forever)",
    ),
    Option("low_disk_warning_mb", int, 500, "warn before free space falls below this many MB"),
    Option("auto_assign_kind", bool, True, "photos added without a kind take the kinds still lacking"),
    Option("gnss_source", str, "platform",
           "the tablet's position: platform (the OS's location service), none, or "
           "nmea:<serial port, host:port or file> for an NMEA GNSS receiver; $FIELDCASE_GNSS overrides it"),
    Option(
        "basemap",
        str,
        "",
        "the offline basemap: the path of an MBTiles file IT prepared for the city (empty: a plain background); "
        "a relative path is taken inside the data folder",
    ),
    Option(
        "coordinate_system",
        str,
        "wgs84",
        "how the basemap's tiles are drawn: wgs84 (Tianditu, CGCS2000, OpenStreetMap) or gcj02 (the offset of "
        "commercial Chinese maps); cases are kept in WGS-84 and shifted to match the tiles",
        ("wgs84", "gcj02"),
    ),
    Option("tile_cache_mb", int, 64, "memory the map may keep decoded basemap tiles in, in MB"),
)
_BY_NAME = {o.name: o for o in OPTIONS}


class Settings:
    """Settings stored as JSON in the data folder; unknown or malformed values fall back to defaults."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        if path.exists():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(raw, dict):
                    self._values = raw
            except (OSError, ValueError) as exc:
                log.warning("settings file %s unreadable (%s); using defaults", path, exc)

    def get(self, name: str) -> Any:
        option = _BY_NAME[name]
        value = self._values.get(name, option.default)
        if not isinstance(value, option.type) or (option.choices and value not in option.choices):
            return option.default
        return value

    def set(self, name: str, value: Any) -> None:
        option = _BY_NAME[name]
        if not isinstance(value, option.type):
            raise ValueError(f"setting {name} takes a {option.type.__name__}")
        if option.choices and value not in option.choices:
            raise ValueError(f"setting {name} must be one of {', '.join(map(str, option.choices))}")
        self._values[name] = value
        self._save()

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self._values, fh, ensure_ascii=False, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

"""Basemap tiles for the map view: read and decoded off the GUI thread, kept as pixmaps within a byte bound.

A worker reads a tile's bytes from the MBTiles file and decodes them with Pillow into
plain RGBA bytes (no Qt object is made or freed off the GUI thread: see ui/gc_guard.py);
the GUI thread wraps them in a QPixmap and keeps it in an LRU cache (app.maps.mbtiles.
TileCache) bounded by the `tile_cache_mb` setting. Tiles no longer in view when their
turn comes are skipped, so a fast pan does not queue a backlog.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPixmap

from app.maps.mbtiles import MBTiles, MBTilesError, TileCache
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

TileKey = tuple[int, int, int]  # zoom, x, y (XYZ)
MAX_IN_FLIGHT = 8


def decode_tile(data: bytes) -> tuple[int, int, bytes]:
    """(width, height, RGBA bytes) of a tile image (PNG, JPEG or WebP)."""
    with Image.open(io.BytesIO(data), formats=["PNG", "JPEG", "WEBP"]) as img:
        if img.width > 1024 or img.height > 1024:
            raise MBTilesError(f"tile of {img.width}×{img.height} px is not a map tile")
        rgba = img.convert("RGBA")
        return rgba.width, rgba.height, rgba.tobytes()


class TileSource(QObject):
    """The basemap of the map view; `tile_ready` when a tile asked for has arrived (or is known missing)."""

    tile_ready = Signal()
    failed = Signal(str)

    def __init__(
        self, mbtiles: MBTiles | None, system: str = "wgs84", cache_mb: int = 64, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.mbtiles = mbtiles
        self.system = system
        self.cache = TileCache(max(1, cache_mb) * 1024 * 1024)
        self._missing: set[TileKey] = set()
        self._in_flight: set[TileKey] = set()
        self._queue: list[TileKey] = []
        self._wanted: frozenset[TileKey] = frozenset()
        self._tasks = TaskRunner(self, io_threads=1)
        self._closed = False
        self.zoom_range = mbtiles.zoom_range if mbtiles is not None else (0, 19)

    @classmethod
    def from_settings(cls, settings: Any, data_dir: Path, parent: QObject | None = None) -> TileSource:
        """The basemap the settings name (a relative path is inside the data folder), or none."""
        raw = str(settings.get("basemap") or "").strip()
        system = str(settings.get("coordinate_system"))
        cache_mb = int(settings.get("tile_cache_mb"))
        mbtiles = None
        error = ""
        if raw:
            path = Path(raw).expanduser()
            if not path.is_absolute():
                path = data_dir / path
            try:
                mbtiles = MBTiles(path)
            except MBTilesError as exc:
                log.warning("%s", exc)
                error = str(exc)
        source = cls(mbtiles, system, cache_mb, parent)
        source.error = error
        return source

    error = ""

    @property
    def available(self) -> bool:
        return self.mbtiles is not None

    def pixmap(self, key: TileKey) -> QPixmap | None:
        value = self.cache.get(key)
        return value if isinstance(value, QPixmap) else None

    def cached(self, key: TileKey) -> QPixmap | None:
        """A tile if it is in memory; never asks for it."""
        return self.pixmap(key)

    def is_missing(self, key: TileKey) -> bool:
        return key in self._missing

    def request(self, keys: Iterable[TileKey]) -> None:
        """Ask for the tiles in view (the newest request replaces what was still waiting)."""
        if self.mbtiles is None or self._closed:
            return
        wanted = [k for k in keys if k not in self._missing and k not in self._in_flight and k not in self.cache]
        self._wanted = frozenset(keys) if not isinstance(keys, frozenset) else keys
        self._queue = wanted
        self._pump()

    def _pump(self) -> None:
        mbtiles = self.mbtiles
        while self._queue and len(self._in_flight) < MAX_IN_FLIGHT and mbtiles is not None:
            key = self._queue.pop(0)
            if key in self._in_flight or key in self.cache:
                continue
            self._in_flight.add(key)
            self._tasks.run_io(
                lambda key=key: self._load(mbtiles, key),
                lambda result, key=key: self._on_loaded(key, result),
                lambda exc, key=key: self._on_load_failed(key, exc),
            )

    def _load(self, mbtiles: MBTiles, key: TileKey) -> tuple[int, int, bytes] | None | str:
        if key not in self._wanted:
            return "skipped"
        data = mbtiles.tile(*key)
        return decode_tile(data) if data is not None else None

    def _on_loaded(self, key: TileKey, result: tuple[int, int, bytes] | None | str) -> None:
        self._in_flight.discard(key)
        if self._closed:
            return
        if result is None:
            self._missing.add(key)
        elif isinstance(result, tuple):
            width, height, rgba = result
            image = QImage(rgba, width, height, width * 4, QImage.Format.Format_RGBA8888)
            self.cache.put(key, QPixmap.fromImage(image), width * height * 4)
        self._pump()
        if result != "skipped":
            self.tile_ready.emit()

    def _on_load_failed(self, key: TileKey, exc: BaseException) -> None:
        self._in_flight.discard(key)
        self._missing.add(key)
        log.warning("basemap tile %s unreadable: %s", key, exc)
        if not self._closed:
            self.failed.emit(str(exc))
            self._pump()

    def wait(self, msecs: int = 10000) -> bool:
        return self._tasks.wait(msecs)

    def close(self) -> None:
        """Stop asking for tiles, wait for the worker, and close the file."""
        self._closed = True
        self._queue = []
        self._tasks.wait(10000)
        if self.mbtiles is not None:
            self.mbtiles.close()
        self.cache.clear()

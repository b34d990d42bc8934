"""Reading an MBTiles file (the SQLite tile container IT prepares for the city), read-only.

MBTiles 1.3 (github.com/mapbox/mbtiles-spec): a `metadata(name, value)` table and a
`tiles(zoom_level, tile_column, tile_row, tile_data)` table or view, rows counted
from the south (TMS). Callers ask in XYZ (rows from the north, as the map draws);
the flip happens here. Nothing is ever written to the file.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

from app.domain.geo import tms_row


class MBTilesError(Exception):
    """The file is missing, not SQLite, or not an MBTiles tile set."""


class MBTiles:
    """One MBTiles file opened read-only; `tile(z, x, y)` in XYZ gives the tile's bytes or None.

    One connection (`mode=ro`, `query_only`) shared under a lock: the map reads tiles on a
    worker and the metadata on the GUI thread, and a pool's threads come and go, so a
    connection per thread would be left open by each thread that expired.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise MBTilesError(f"basemap {self.path} does not exist")
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None
        self._closed = False
        try:
            conn = self._conn()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
            if "tiles" not in tables:
                raise MBTilesError(f"basemap {self.path} is not an MBTiles file (it has no tiles table)")
            conn.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 0").fetchall()
            self.metadata: dict[str, str] = {}
            if "metadata" in tables:
                self.metadata = {str(k): str(v) for k, v in conn.execute("SELECT name, value FROM metadata")}
        except sqlite3.DatabaseError as exc:
            self.close()
            raise MBTilesError(f"basemap {self.path} cannot be read as MBTiles: {exc}") from exc
        except MBTilesError:
            self.close()
            raise

    def _conn(self) -> sqlite3.Connection:
        with self._lock:
            if self._closed:
                raise MBTilesError(f"basemap {self.path} is closed")
            if self._connection is None:
                uri = self.path.resolve().as_uri() + "?mode=ro"
                conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=5)
                conn.execute("PRAGMA query_only = 1")
                self._connection = conn
            return self._connection

    def tile(self, zoom: int, x: int, y: int) -> bytes | None:
        """The tile's image bytes (PNG, JPEG or WebP as stored), or None where the set has none."""
        n = 2**zoom
        if zoom < 0 or not (0 <= x < n and 0 <= y < n):
            return None
        try:
            with self._lock:
                row = (
                    self._conn()
                    .execute(
                        "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                        (zoom, x, tms_row(y, zoom)),
                    )
                    .fetchone()
                )
        except sqlite3.DatabaseError as exc:
            raise MBTilesError(f"basemap {self.path}: tile {zoom}/{x}/{y} unreadable: {exc}") from exc
        return bytes(row[0]) if row is not None and row[0] is not None else None

    @property
    def zoom_range(self) -> tuple[int, int]:
        """(min, max) zoom: from the metadata, else from the tiles themselves."""
        try:
            return int(self.metadata["minzoom"]), int(self.metadata["maxzoom"])
        except (KeyError, ValueError):
            with self._lock:
                row = self._conn().execute("SELECT min(zoom_level), max(zoom_level) FROM tiles").fetchone()
            return (int(row[0]), int(row[1])) if row and row[0] is not None else (0, 0)

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) from the metadata, if it says."""
        try:
            west, south, east, north = (float(v) for v in self.metadata["bounds"].split(","))
        except (KeyError, ValueError):
            return None
        return west, south, east, north

    @property
    def center(self) -> tuple[float, float, int] | None:
        """(lat, lon, zoom) from the metadata's `center` (lon,lat,zoom), if it says."""
        try:
            lon, lat, zoom = self.metadata["center"].split(",")
            return float(lat), float(lon), int(float(zoom))
        except (KeyError, ValueError):
            return None

    @property
    def format(self) -> str:
        return self.metadata.get("format", "png")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._connection is not None:
                self._connection.close()
                self._connection = None


class TileCache:
    """Least-recently-used tiles within a byte bound; thread-safe. Values are any objects, weighed by `size`."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[object, tuple[object, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: object) -> object | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item[0]

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._items

    def put(self, key: object, value: object, size: int) -> None:
        """Keep a value; the oldest go until the bound holds (a value larger than the bound is not kept)."""
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if size > self.max_bytes:
                return
            self._items[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, (_, dropped) = self._items.popitem(last=False)
                self._bytes -= dropped

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


COORDINATE_SYSTEMS = ("wgs84", "gcj02")


class CopyMismatch(ValueError):
    """A copied file did not hash to what it was meant to be; the target was left as it was."""


def sha256_of(path: Path, *, chunk: int = 1 << 20) -> tuple[str, int]:
    """A file's SHA-256 (hex) and size, read once."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def copy_checked(src: Path, target: Path, sha256: str | None = None, *, chunk: int = 1 << 20) -> str:
    """Copy `src` to `target` whole or not at all (a partial file, fsynced, renamed into place), hashing
    as it copies; with `sha256`, a copy of other bytes raises CopyMismatch and `target` is untouched.
    Returns the copy's SHA-256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        digest = hashlib.sha256()
        with src.open("rb") as fin, partial.open("wb") as fout:
            while block := fin.read(chunk):
                digest.update(block)
                fout.write(block)
            fout.flush()
            os.fsync(fout.fileno())
        if sha256 is not None and digest.hexdigest() != sha256:
            raise CopyMismatch(f"{src} does not have the SHA-256 {sha256}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return digest.hexdigest()


def describe(path: Path) -> dict[str, object]:
    """What a provisioning file says of a basemap, after checking it is an MBTiles file with tiles:
    its file name, SHA-256 and size (read whole), its name, format and zoom range."""
    tiles = MBTiles(path)
    try:
        with tiles._lock:
            one = tiles._conn().execute("SELECT 1 FROM tiles LIMIT 1").fetchone()
        if one is None:
            raise MBTilesError(f"basemap {path} holds no tiles")
        facts: dict[str, object] = {
            "name": tiles.metadata.get("name") or path.stem,
            "format": tiles.format,
            "zoom": list(tiles.zoom_range),
        }
    except sqlite3.DatabaseError as exc:
        raise MBTilesError(f"basemap {path} cannot be read as MBTiles: {exc}") from exc
    finally:
        tiles.close()
    digest, size = sha256_of(path)
    return {"file": path.name, "sha256": digest, "size": size, **facts}

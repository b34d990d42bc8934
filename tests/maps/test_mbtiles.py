"""The MBTiles reader (TMS rows, metadata, missing tiles, broken files) and the byte-bounded tile cache."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from app.domain.geo import tile_of
from app.maps.demo_basemap import draw_tile, write_demo_basemap, write_mbtiles
from app.maps.mbtiles import MBTiles, MBTilesError, TileCache


def solid(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(out, "PNG")
    return out.getvalue()


def colour_of(data: bytes) -> tuple[int, int, int]:
    return Image.open(io.BytesIO(data)).convert("RGB").getpixel((128, 128))  # type: ignore[return-value]


def test_rows_are_flipped_from_tms(tmp_path: Path) -> None:
    # At zoom 1 the north-west tile (XYZ 0/0) is stored as TMS row 1.
    path = write_mbtiles(
        tmp_path / "a.mbtiles",
        [(1, 0, 0, solid((255, 0, 0))), (1, 0, 1, solid((0, 0, 255))), (0, 0, 0, solid((0, 255, 0)))],
        {"minzoom": "0", "maxzoom": "1", "bounds": "-180,-85,180,85", "center": "113.6,34.7,1", "format": "png"},
    )
    raw = (
        sqlite3.connect(path)
        .execute("SELECT tile_row FROM tiles WHERE zoom_level=1 AND tile_column=0 ORDER BY tile_row")
        .fetchall()
    )
    assert raw == [(0,), (1,)]
    with sqlite3.connect(path) as conn:
        (stored,) = conn.execute("SELECT tile_data FROM tiles WHERE zoom_level=1 AND tile_row=1").fetchone()
    assert colour_of(stored) == (255, 0, 0)  # the red (north) tile sits in TMS row 1
    tiles = MBTiles(path)
    try:
        assert colour_of(tiles.tile(1, 0, 0)) == (255, 0, 0)  # type: ignore[arg-type]
        assert colour_of(tiles.tile(1, 0, 1)) == (0, 0, 255)  # type: ignore[arg-type]
        assert colour_of(tiles.tile(0, 0, 0)) == (0, 255, 0)  # type: ignore[arg-type]
        assert tiles.zoom_range == (0, 1)
        assert tiles.bounds == (-180.0, -85.0, 180.0, 85.0)
        assert tiles.center == (34.7, 113.6, 1)
        assert tiles.format == "png"
    finally:
        tiles.close()


def test_missing_tiles_are_none(tmp_path: Path) -> None:
    path = write_mbtiles(tmp_path / "a.mbtiles", [(1, 0, 0, solid((1, 2, 3)))])
    tiles = MBTiles(path)
    assert tiles.tile(1, 1, 1) is None
    assert tiles.tile(5, 3, 3) is None
    assert tiles.tile(1, 2, 0) is None  # outside the zoom's range
    assert tiles.tile(1, -1, 0) is None
    assert tiles.zoom_range == (1, 1)  # no metadata: read from the tiles
    assert tiles.bounds is None and tiles.center is None
    tiles.close()


def test_demo_basemap_covers_its_centre(tmp_path: Path) -> None:
    path = write_demo_basemap(tmp_path / "city.mbtiles", 34.7466, 113.6253, zooms=[12, 13], radius=1)
    tiles = MBTiles(path)
    for zoom in (12, 13):
        x, y = tile_of(34.7466, 113.6253, zoom)
        data = tiles.tile(zoom, x, y)
        assert data is not None and data == draw_tile(zoom, x, y)
        assert tiles.tile(zoom, x + 2, y) is None
    tiles.close()


def test_the_file_is_never_written(tmp_path: Path) -> None:
    path = write_mbtiles(tmp_path / "a.mbtiles", [(0, 0, 0, solid((1, 2, 3)))])
    before = path.read_bytes()
    tiles = MBTiles(path)
    with pytest.raises(sqlite3.OperationalError):
        tiles._conn().execute("DELETE FROM tiles")
    tiles.close()
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "does not exist"),
        (b"", "no tiles table"),  # an empty file opens as an empty database
        (b"this is not a database at all" * 100, "cannot be read as MBTiles"),
        ("other", "no tiles table"),
        ("badtiles", "cannot be read as MBTiles"),
    ],
)
def test_broken_files_give_a_clear_error(tmp_path: Path, content: object, message: str) -> None:
    path = tmp_path / "broken.mbtiles"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content == "other":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE cases (id TEXT)")
    elif content == "badtiles":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE tiles (z INTEGER)")
    with pytest.raises(MBTilesError, match=message) as caught:
        MBTiles(path)
    assert str(path) in str(caught.value)


def test_a_truncated_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = write_demo_basemap(tmp_path / "city.mbtiles", 34.7466, 113.6253, zooms=[12, 13, 14], radius=2)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(MBTilesError):
        tiles = MBTiles(path)
        for zoom in (12, 13, 14):
            x, y = tile_of(34.7466, 113.6253, zoom)
            for dx in range(-2, 3):
                tiles.tile(zoom, x + dx, y)


def test_tile_cache_keeps_within_its_bound_least_recently_used_first() -> None:
    cache = TileCache(max_bytes=100)
    for key in "abcd":
        cache.put(key, key.upper(), 30)
    assert len(cache) == 3 and cache.bytes == 90
    assert cache.get("a") is None  # the oldest went
    assert cache.get("b") == "B"  # b is now the most recent
    cache.put("e", "E", 30)
    assert cache.get("c") is None and cache.get("b") == "B" and cache.get("e") == "E"
    cache.put("b", "B2", 50)  # replacing counts the new size
    assert cache.bytes <= 100 and cache.get("b") == "B2"
    cache.put("huge", "H", 101)
    assert "huge" not in cache and cache.bytes <= 100
    assert cache.hits >= 4 and cache.misses == 2
    cache.clear()
    assert len(cache) == 0 and cache.bytes == 0


def test_tiles_read_from_several_threads_and_a_closed_file_says_so(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path = write_demo_basemap(tmp_path / "city.mbtiles", 34.7466, 113.6253, zooms=[13], radius=2)
    tiles = MBTiles(path)
    cx, cy = tile_of(34.7466, 113.6253, 13)
    keys = [(13, cx + dx, cy + dy) for dx in range(-2, 3) for dy in range(-2, 3)] * 4
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda key: tiles.tile(*key), keys))
    assert got == [draw_tile(*key) for key in keys]
    tiles.close()
    with pytest.raises(MBTilesError, match="closed"):
        tiles.tile(13, cx, cy)
    tiles.close()  # twice is harmless

"""A made-up city basemap as an MBTiles file, its tiles drawn with Pillow: for demos, tests and benchmarks.

Streets, blocks, a river and parks are laid out in normalised Web Mercator, so they meet
across tile edges at every zoom. Nothing here resembles a real city.
"""

from __future__ import annotations

import io
import math
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageDraw

from app.domain.geo import TILE_SIZE, tile_of, tms_row, world_size

_LAND = (242, 239, 233)
_BLOCK = (226, 221, 212)
_PARK = (200, 228, 190)
_WATER = (170, 205, 235)
_STREET = (255, 255, 255)
_MAJOR = (250, 222, 150)
_EDGE = (205, 200, 190)


def draw_tile(zoom: int, x: int, y: int, *, label: bool = False, fmt: str = "PNG") -> bytes:
    """One tile of the made-up city; `label` writes z/x/y on it (tests read tiles apart by colour)."""
    img = Image.new("RGB", (TILE_SIZE, TILE_SIZE), _LAND)
    draw = ImageDraw.Draw(img)
    size = world_size(zoom)
    ox, oy = x * TILE_SIZE, y * TILE_SIZE
    # Streets every 1/2^15 of the world (about 1 km at 35° N), major roads every 4th.
    step = size / 2**15
    width = max(1, round(step / 12))
    if step >= 6:
        first_x = math.floor(ox / step)
        for i in range(first_x, first_x + int(TILE_SIZE / step) + 2):
            px = i * step - ox
            major = i % 4 == 0
            draw.line([(px, 0), (px, TILE_SIZE)], fill=_MAJOR if major else _STREET, width=width * (2 if major else 1))
        first_y = math.floor(oy / step)
        for j in range(first_y, first_y + int(TILE_SIZE / step) + 2):
            py = j * step - oy
            major = j % 4 == 0
            draw.line([(0, py), (TILE_SIZE, py)], fill=_MAJOR if major else _STREET, width=width * (2 if major else 1))
        # Parks: every 7th block by a fixed hash of its indices.
        for i in range(first_x - 1, first_x + int(TILE_SIZE / step) + 2):
            for j in range(first_y - 1, first_y + int(TILE_SIZE / step) + 2):
                if (i * 31 + j * 17) % 7 == 0:
                    inset = width * 2
                    box = (
                        i * step - ox + inset,
                        j * step - oy + inset,
                        (i + 1) * step - ox - inset,
                        (j + 1) * step - oy - inset,
                    )
                    draw.rectangle(box, fill=_PARK)
    else:
        img.paste(_BLOCK, (0, 0, TILE_SIZE, TILE_SIZE))
    # A river: a sine across the world, in normalised coordinates.
    points = []
    for k in range(0, TILE_SIZE + 8, 8):
        u = (ox + k) / size
        v = 0.4135 + 0.0004 * math.sin(u * 2 * math.pi * 400)
        points.append((k, v * size - oy))
    river = max(2, round(size / 2**17))
    draw.line(points, fill=_WATER, width=river)
    if label:
        draw.rectangle((0, 0, TILE_SIZE - 1, TILE_SIZE - 1), outline=_EDGE)
        draw.text((6, 6), f"{zoom}/{x}/{y}", fill=(80, 80, 80))
    out = io.BytesIO()
    img.save(out, fmt)
    return out.getvalue()


def write_mbtiles(
    path: Path,
    tiles: Iterable[tuple[int, int, int, bytes]],
    metadata: dict[str, str] | None = None,
) -> Path:
    """An MBTiles file of (zoom, x, y [XYZ], data) tiles; rows are stored flipped (TMS) as the spec says."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        conn.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
        conn.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)")
        conn.executemany("INSERT INTO metadata VALUES (?, ?)", sorted((metadata or {}).items()))
        conn.executemany(
            "INSERT INTO tiles VALUES (?, ?, ?, ?)", ((z, x, tms_row(y, z), data) for z, x, y, data in tiles)
        )
    conn.close()
    return path


def write_demo_basemap(
    path: Path,
    lat: float,
    lon: float,
    zooms: Iterable[int] = range(10, 17),
    *,
    radius: int = 3,
    label: bool = False,
) -> Path:
    """The made-up city around (lat, lon): at each zoom the (2·radius+1)² tiles round the centre."""
    zooms = list(zooms)

    def generate() -> Iterable[tuple[int, int, int, bytes]]:
        for z in zooms:
            cx, cy = tile_of(lat, lon, z)
            n = 2**z
            for x in range(max(0, cx - radius), min(n, cx + radius + 1)):
                for y in range(max(0, cy - radius), min(n, cy + radius + 1)):
                    yield z, x, y, draw_tile(z, x, y, label=label)

    metadata = {
        "name": "Fieldcase demo city",
        "format": "png",
        "type": "baselayer",
        "version": "1.0",
        "minzoom": str(min(zooms)),
        "maxzoom": str(max(zooms)),
        "center": f"{lon},{lat},{max(zooms) - 2}",
        "attribution": "made up by Fieldcase",
    }
    return write_mbtiles(path, generate(), metadata)

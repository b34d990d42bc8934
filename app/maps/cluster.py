"""Grid clustering of case markers, built once for every zoom, with a tile-bucket index for the view.

A cluster is the set of cases in one square cell of CELL_PX screen pixels at a zoom. Cells
nest: a cell at zoom z-1 is exactly four cells at zoom z, so each coarser level is built
from the one below it rather than from the 100,000 points again (the idea of Mapbox's
supercluster, with a grid in place of its radius search). Above CLUSTER_MAX_ZOOM every
case stands on its own. Each level's items are bucketed by the map tile they fall in, so
a frame touches only the buckets it shows.

Coordinates are normalised Web Mercator (x, y in [0, 1), y from the north), already in the
basemap's coordinate system (GCJ-02 offset applied when the basemap uses it). Pure Python,
built off the GUI thread.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass, field

from app.domain.geo import MAX_LAT, TILE_SIZE, to_map, wrap_lon
from storage.map_query import CasePoints

CELL_PX = 48
CLUSTER_MAX_ZOOM = 16

# The order in which a cluster takes its colour: the most pressing state among its cases.
URGENCY = (
    "returned",
    "disposed",
    "draft",
    "submitted",
    "received",
    "filed",
    "dispatched",
    "verified",
    "closed",
    "rejected",
    "duplicate",
)
_RANK = {status: i for i, status in enumerate(URGENCY)}
_K = 1.0 / (4.0 * math.pi)


def urgency_status(rank: int) -> str:
    return URGENCY[rank] if rank < len(URGENCY) else "closed"


@dataclass
class Level:
    """The markers at one zoom: parallel arrays, and item indexes bucketed by tile at `bucket_zoom`."""

    zoom: int
    bucket_zoom: int
    xs: array[float] = field(default_factory=lambda: array("d"))
    ys: array[float] = field(default_factory=lambda: array("d"))
    counts: array[int] = field(default_factory=lambda: array("l"))
    ranks: bytearray = field(default_factory=bytearray)
    keys: array[int] = field(default_factory=lambda: array("q"))  # the case's row key, or -1 for a cluster
    buckets: dict[int, list[int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.xs)

    def index_buckets(self) -> None:
        scale = 2**self.bucket_zoom
        buckets: dict[int, list[int]] = {}
        get = buckets.get
        for i, (x, y) in enumerate(zip(self.xs, self.ys, strict=True)):
            k = int(x * scale) * scale + int(y * scale)
            found = get(k)
            if found is None:
                buckets[k] = [i]
            else:
                found.append(i)
        self.buckets = buckets

    def visible(self, x0: float, y0: float, x1: float, y1: float) -> list[int]:
        """Indexes of the items in the tile buckets that cover [x0, x1] × [y0, y1] (normalised)."""
        scale = 2**self.bucket_zoom
        tx0, tx1 = max(0, int(x0 * scale)), min(scale - 1, int(x1 * scale))
        ty0, ty1 = max(0, int(y0 * scale)), min(scale - 1, int(y1 * scale))
        out: list[int] = []
        buckets = self.buckets
        if (tx1 - tx0 + 1) * (ty1 - ty0 + 1) > len(buckets):
            for k, items in buckets.items():
                if tx0 <= k // scale <= tx1 and ty0 <= k % scale <= ty1:
                    out.extend(items)
            return out
        for tx in range(tx0, tx1 + 1):
            base = tx * scale
            for ty in range(ty0, ty1 + 1):
                found = buckets.get(base + ty)
                if found:
                    out.extend(found)
        return out


@dataclass
class ClusterIndex:
    """Levels 0..CLUSTER_MAX_ZOOM of clusters and one level of single cases above it."""

    levels: list[Level]
    singles: Level
    total: int

    def level(self, zoom: int) -> Level:
        return self.singles if zoom > CLUSTER_MAX_ZOOM else self.levels[max(0, zoom)]


def normalise(lat: float, lon: float) -> tuple[float, float]:
    """Normalised Web Mercator of a point (x east, y south, both in [0, 1))."""
    s = math.sin(math.radians(max(-MAX_LAT, min(MAX_LAT, lat))))
    return (wrap_lon(lon) + 180.0) / 360.0, 0.5 - math.log((1.0 + s) / (1.0 - s)) * _K


def build_index(points: CasePoints, system: str = "wgs84") -> ClusterIndex:
    """Every level's markers for these cases, drawn on a basemap in `system` (wgs84 or gcj02)."""
    n = len(points)
    singles = Level(zoom=CLUSTER_MAX_ZOOM + 1, bucket_zoom=CLUSTER_MAX_ZOOM)
    ranks = [_RANK.get(s, len(URGENCY)) for s in points.statuses]
    lats, lons = points.lats, points.lons
    if system != "wgs84":
        shifted = [to_map(lat, lon, system) for lat, lon in zip(lats, lons, strict=True)]
        lats = array("d", [p[0] for p in shifted])
        lons = array("d", [p[1] for p in shifted])
    # normalise() inlined: this loop runs once per case.
    sin, log, rad, top = math.sin, math.log, math.pi / 180.0, 0.9999999999
    k = _K
    xs_list: list[float] = []
    ys_list: list[float] = []
    for lat, lon in zip(lats, lons, strict=True):
        if lat > MAX_LAT:
            lat = MAX_LAT
        elif lat < -MAX_LAT:
            lat = -MAX_LAT
        if not -180.0 <= lon < 180.0:
            lon = wrap_lon(lon)
        sn = sin(lat * rad)
        x = (lon + 180.0) / 360.0
        y = 0.5 - log((1.0 + sn) / (1.0 - sn)) * k
        xs_list.append(x if x < top else top)
        ys_list.append(top if y >= top else (y if y > 0.0 else 0.0))
    singles.xs = array("d", xs_list)
    singles.ys = array("d", ys_list)
    singles.counts = array("l", [1]) * n
    singles.ranks = bytearray(ranks[s] for s in points.states)
    singles.keys = array("q", points.keys)
    singles.index_buckets()

    levels: list[Level] = []
    below = singles
    for zoom in range(CLUSTER_MAX_ZOOM, -1, -1):
        level = Level(zoom=zoom, bucket_zoom=zoom)
        scale = 2**zoom * TILE_SIZE / CELL_PX
        cells: dict[int, int] = {}
        sx: list[float] = []
        sy: list[float] = []
        counts: list[int] = []
        rk: list[int] = []
        keys: list[int] = []
        bx, by, bc, br, bk = below.xs, below.ys, below.counts, below.ranks, below.keys
        row = int(scale) + 2
        for x, y, c, r, key in zip(bx, by, bc, br, bk, strict=True):
            cell = int(x * scale) * row + int(y * scale)
            j = cells.get(cell)
            if j is None:
                cells[cell] = len(counts)
                sx.append(x * c)
                sy.append(y * c)
                counts.append(c)
                rk.append(r)
                keys.append(key)
            else:
                sx[j] += x * c
                sy[j] += y * c
                counts[j] += c
                if r < rk[j]:
                    rk[j] = r
                keys[j] = -1
        level.xs = array("d", [s / c for s, c in zip(sx, counts, strict=True)])
        level.ys = array("d", [s / c for s, c in zip(sy, counts, strict=True)])
        level.counts = array("l", counts)
        level.ranks = bytearray(rk)
        level.keys = array("q", keys)
        level.index_buckets()
        levels.append(level)
        below = level
    levels.reverse()
    return ClusterIndex(levels=levels, singles=singles, total=n)

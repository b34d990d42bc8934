"""Map maths: Web-Mercator tiles and pixels, the GCJ-02 offset, great-circle distance, and grid polygons.

Sources:
- Web Mercator (EPSG:3857) and the XYZ tile scheme as OpenStreetMap's "Slippy map tilenames"
  define them: 256-px tiles, 2^z tiles a side at zoom z, x from the antimeridian eastward,
  y from the north cut-off (±85.05112878°, where the square world ends) southward. MBTiles
  stores rows in TMS order (y from the south); `tms_row` flips one into the other.
- GCJ-02, the offset commercial Chinese maps apply to WGS-84: the widely published
  forward formula (Krasovsky ellipsoid, a = 6378245 m, e² = 0.00669342162296594323),
  applied only inside China's rough bounding box (outside it, no offset). The inverse has
  no closed form; `gcj02_to_wgs84` iterates the forward formula to a fixed point.
- Distance: the haversine formula on a sphere of the mean Earth radius (IUGG, 6,371,008.8 m).
- Grids: GeoJSON (RFC 7946) Polygon and MultiPolygon, rings of [lon, lat], the first ring
  the outline and the others holes; point in ring by the even-odd (crossing number) rule.

A point exactly on a border (an outline's or a hole's edge, within `BORDER_EPS` degrees,
about 1 cm) counts as INSIDE that polygon: polygons are closed sets. A point on the border
two grids share therefore lies in both, and `assign_grid` gives it to the grid whose code
sorts first, so the answer does not depend on the order of the file.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.errors import Problem, ValidationError

TILE_SIZE = 256
MAX_LAT = 85.0511287798066  # atan(sinh(pi)) in degrees: where Web Mercator's square ends
MAX_ZOOM = 22
EARTH_RADIUS_M = 6371008.8  # mean radius (IUGG)
WEB_MERCATOR_RADIUS_M = 6378137.0
BORDER_EPS = 1e-7  # degrees; about 1 cm


# ---------------------------------------------------------------- Web Mercator


def world_size(zoom: float) -> float:
    """The world's width (and height) in pixels at a zoom."""
    return float(TILE_SIZE * 2.0**zoom)


def clamp_lat(lat: float) -> float:
    return max(-MAX_LAT, min(MAX_LAT, lat))


def wrap_lon(lon: float) -> float:
    """A longitude in [-180, 180): 180 and -180 are the same meridian."""
    return ((lon + 180.0) % 360.0) - 180.0


def to_pixel(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """Global pixel coordinates (x east, y south) of a WGS-84 point at a zoom.

    Latitudes beyond the cut-off are clamped to it; longitudes wrap, so x is in [0, world).
    """
    size = world_size(zoom)
    x = (wrap_lon(lon) + 180.0) / 360.0 * size
    s = math.sin(math.radians(clamp_lat(lat)))
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * size
    return x, y


def to_lat_lon(x: float, y: float, zoom: float) -> tuple[float, float]:
    """The WGS-84 point at global pixel coordinates (x wraps round the world; y is clamped)."""
    size = world_size(zoom)
    lon = wrap_lon(x / size * 360.0 - 180.0)
    yy = min(max(y, 0.0), size)
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * yy / size))))
    return lat, lon


def tile_of(lat: float, lon: float, zoom: int) -> tuple[int, int]:
    """The XYZ tile (x, y) holding a point; the south cut-off and 180° stay inside the world."""
    n = 2**zoom
    x, y = to_pixel(lat, lon, zoom)
    return min(int(x // TILE_SIZE), n - 1) % n, max(0, min(int(y // TILE_SIZE), n - 1))


def tile_bounds(x: int, y: int, zoom: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) of an XYZ tile in degrees."""
    north, west = to_lat_lon(x * TILE_SIZE, y * TILE_SIZE, zoom)
    south, _ = to_lat_lon(x * TILE_SIZE, (y + 1) * TILE_SIZE, zoom)
    east = (x + 1) / 2**zoom * 360.0 - 180.0
    return west, south, east, north


def tms_row(y: int, zoom: int) -> int:
    """XYZ row ↔ TMS row (MBTiles counts rows from the south); the flip is its own inverse."""
    return int((2**zoom - 1) - y)


def metres_per_pixel(lat: float, zoom: float) -> float:
    """Ground distance one pixel covers at a latitude and zoom (Web Mercator's scale)."""
    return math.cos(math.radians(clamp_lat(lat))) * 2 * math.pi * WEB_MERCATOR_RADIUS_M / world_size(zoom)


# ---------------------------------------------------------------- distance


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------- GCJ-02

_GCJ_A = 6378245.0
_GCJ_EE = 0.00669342162296594323


def out_of_china(lat: float, lon: float) -> bool:
    """Outside the box where GCJ-02 applies an offset (the published formula's own test)."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _gcj_delta(lat: float, lon: float) -> tuple[float, float]:
    x, y = lon - 105.0, lat - 35.0
    common = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x)) + common
    d_lat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    d_lat += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x)) + common
    d_lon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    d_lon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    rad = math.radians(lat)
    magic = 1 - _GCJ_EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_GCJ_A * (1 - _GCJ_EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_GCJ_A / sqrt_magic * math.cos(rad) * math.pi)
    return d_lat, d_lon


def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    """A WGS-84 point as GCJ-02 tiles draw it (unchanged outside China)."""
    if out_of_china(lat, lon):
        return lat, lon
    d_lat, d_lon = _gcj_delta(lat, lon)
    return lat + d_lat, lon + d_lon


def gcj02_to_wgs84(lat: float, lon: float, *, tolerance: float = 1e-9, max_rounds: int = 30) -> tuple[float, float]:
    """The WGS-84 point whose GCJ-02 image is (lat, lon), by fixed-point iteration (to about 0.1 mm).

    Start from the point itself and correct by the forward error until it is below `tolerance`
    degrees; the offset varies slowly (well under 1 m per 100 m), so a few rounds suffice.
    """
    if out_of_china(lat, lon):
        return lat, lon
    w_lat, w_lon = lat, lon
    for _ in range(max_rounds):
        g_lat, g_lon = wgs84_to_gcj02(w_lat, w_lon)
        e_lat, e_lon = g_lat - lat, g_lon - lon
        w_lat, w_lon = w_lat - e_lat, w_lon - e_lon
        if abs(e_lat) < tolerance and abs(e_lon) < tolerance:
            break
    return w_lat, w_lon


COORDINATE_SYSTEMS = ("wgs84", "gcj02")


def to_map(lat: float, lon: float, system: str) -> tuple[float, float]:
    """A WGS-84 point in the coordinates of a basemap drawn in `system`."""
    return wgs84_to_gcj02(lat, lon) if system == "gcj02" else (lat, lon)


def from_map(lat: float, lon: float, system: str) -> tuple[float, float]:
    """A point read off a basemap drawn in `system`, as WGS-84."""
    return gcj02_to_wgs84(lat, lon) if system == "gcj02" else (lat, lon)


# ---------------------------------------------------------------- grids

Ring = tuple[tuple[float, float], ...]  # (lon, lat) pairs, closed or not
PolygonRings = tuple[Ring, ...]  # the outline first, then holes

INSIDE, OUTSIDE, BORDER = "inside", "outside", "border"


def _on_segment(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> bool:
    if min(ax, bx) - BORDER_EPS > px or px > max(ax, bx) + BORDER_EPS:
        return False
    if min(ay, by) - BORDER_EPS > py or py > max(ay, by) + BORDER_EPS:
        return False
    length = math.hypot(bx - ax, by - ay)
    if length == 0:
        return math.hypot(px - ax, py - ay) <= BORDER_EPS
    return abs((bx - ax) * (py - ay) - (by - ay) * (px - ax)) / length <= BORDER_EPS


def ring_position(lon: float, lat: float, ring: Ring) -> str:
    """INSIDE, OUTSIDE or BORDER of one ring (even-odd rule; the ring's own edges are BORDER)."""
    inside = False
    n = len(ring)
    for i in range(n):
        ax, ay = ring[i]
        bx, by = ring[(i + 1) % n]
        if _on_segment(lon, lat, ax, ay, bx, by):
            return BORDER
        if (ay > lat) != (by > lat):
            cross = ax + (lat - ay) * (bx - ax) / (by - ay)
            if lon < cross:
                inside = not inside
    return INSIDE if inside else OUTSIDE


def polygon_position(lon: float, lat: float, polygon: PolygonRings) -> str:
    """INSIDE, OUTSIDE or BORDER of a polygon with holes (inside a hole is outside)."""
    outer = ring_position(lon, lat, polygon[0])
    if outer != INSIDE:
        return outer
    for hole in polygon[1:]:
        where = ring_position(lon, lat, hole)
        if where == BORDER:
            return BORDER
        if where == INSIDE:
            return OUTSIDE
    return INSIDE


@dataclass(frozen=True)
class Grid:
    """A district or a grid of the bureau: its code, name, level and (multi)polygon in WGS-84."""

    code: str
    name: str
    level: str  # "district" or "grid"
    district: str | None  # a grid's district code
    polygons: tuple[PolygonRings, ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north

    def position(self, lat: float, lon: float) -> str:
        west, south, east, north = self.bbox
        if not (west - BORDER_EPS <= lon <= east + BORDER_EPS and south - BORDER_EPS <= lat <= north + BORDER_EPS):
            return OUTSIDE
        found = OUTSIDE
        for polygon in self.polygons:
            where = polygon_position(lon, lat, polygon)
            if where == INSIDE:
                return INSIDE
            if where == BORDER:
                found = BORDER
        return found

    def contains(self, lat: float, lon: float) -> bool:
        """Inside or on the border (polygons are closed)."""
        return self.position(lat, lon) != OUTSIDE


def _ring(raw: Any, where: str) -> Ring:
    if not isinstance(raw, list) or len(raw) < 4:
        raise ValidationError(Problem(where, "a ring needs at least 4 positions (closed)"))
    points: list[tuple[float, float]] = []
    for pos in raw:
        if (
            not isinstance(pos, list | tuple)
            or len(pos) < 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in pos[:2])
        ):
            raise ValidationError(Problem(where, "a position must be [longitude, latitude]"))
        lon, lat = float(pos[0]), float(pos[1])
        if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValidationError(Problem(where, f"position {lon}, {lat} is not a WGS-84 longitude, latitude"))
        points.append((lon, lat))
    if points[0] != points[-1]:
        raise ValidationError(Problem(where, "a ring must end where it starts"))
    return tuple(points[:-1])


def _polygons(geometry: Any, where: str) -> tuple[PolygonRings, ...]:
    if not isinstance(geometry, Mapping):
        raise ValidationError(Problem(where, "a feature needs a Polygon or MultiPolygon geometry"))
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    raw_polygons: list[Any] = []
    if kind == "Polygon":
        raw_polygons = [coords]
    elif kind == "MultiPolygon":
        raw_polygons = coords if isinstance(coords, list) else []
    else:
        raise ValidationError(Problem(where, f"geometry {kind!r} is not a Polygon or MultiPolygon"))
    if not raw_polygons or not all(isinstance(p, list) and p for p in raw_polygons):
        raise ValidationError(Problem(where, "a polygon needs at least its outline"))
    return tuple(tuple(_ring(r, where) for r in p) for p in raw_polygons)


def parse_grids(document: Any) -> list[Grid]:
    """The districts and grids of a GeoJSON FeatureCollection, or ValidationError naming every problem.

    Each feature's properties: `code` (required, unique), `name`, `level` ("district" or
    "grid", default "grid"), and for a grid `district` (its district's code).
    """
    if not isinstance(document, Mapping) or document.get("type") != "FeatureCollection":
        raise ValidationError(Problem("geojson", "must be a GeoJSON FeatureCollection"))
    features = document.get("features")
    if not isinstance(features, list):
        raise ValidationError(Problem("geojson", "features must be a list"))
    grids: list[Grid] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, feature in enumerate(features):
        where = f"features[{index}]"
        props = feature.get("properties") if isinstance(feature, Mapping) else None
        if not isinstance(props, Mapping):
            problems.append(Problem(where, "a feature needs properties with a code"))
            continue
        code = props.get("code")
        if not isinstance(code, str) or not code.strip():
            problems.append(Problem(where, "properties.code must be text"))
            continue
        code = code.strip()
        if code in seen:
            problems.append(Problem(where, f"code {code!r} appears twice"))
            continue
        level = props.get("level", "grid")
        if level not in ("district", "grid"):
            problems.append(Problem(where, f"level {level!r} must be district or grid"))
            continue
        try:
            polygons = _polygons(feature.get("geometry"), where)
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        seen.add(code)
        lons = [p[0] for poly in polygons for p in poly[0]]
        lats = [p[1] for poly in polygons for p in poly[0]]
        district = props.get("district")
        grids.append(
            Grid(
                code=code,
                name=str(props.get("name") or code),
                level=str(level),
                district=str(district) if isinstance(district, str) and district else None,
                polygons=polygons,
                bbox=(min(lons), min(lats), max(lons), max(lats)),
            )
        )
    if problems:
        raise ValidationError(problems)
    return grids


def assign_grid(grids: Iterable[Grid], lat: float, lon: float, *, level: str = "grid") -> Grid | None:
    """The grid (or district) of a point: inside or on its border; on a shared border, the lowest code."""
    matches = [g for g in grids if g.level == level and g.contains(lat, lon)]
    return min(matches, key=lambda g: g.code) if matches else None


def bbox_of(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(south, west, north, east) of (lat, lon) points."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return min(lats), min(lons), max(lats), max(lons)

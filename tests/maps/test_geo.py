"""Tile and pixel maths, GCJ-02 on reference points, distance, and grid assignment."""

from __future__ import annotations

import math

import pytest

from app.domain.errors import ValidationError
from app.domain.geo import (
    BORDER,
    INSIDE,
    MAX_LAT,
    OUTSIDE,
    assign_grid,
    distance_m,
    from_map,
    gcj02_to_wgs84,
    metres_per_pixel,
    parse_grids,
    polygon_position,
    tile_bounds,
    tile_of,
    tms_row,
    to_lat_lon,
    to_map,
    to_pixel,
    wgs84_to_gcj02,
)


def osm_tile(lat: float, lon: float, zoom: int) -> tuple[int, int]:
    """The OpenStreetMap wiki's formula, written differently from ours (asinh of tan)."""
    n = 2**zoom
    rad = math.radians(lat)
    return int((lon + 180.0) / 360.0 * n), int((1.0 - math.asinh(math.tan(rad)) / math.pi) / 2.0 * n)


@pytest.mark.parametrize("zoom", [0, 1, 5, 10, 13, 16, 18, 20])
@pytest.mark.parametrize(
    "lat, lon",
    [(34.7466, 113.6253), (39.9087, 116.3975), (-33.8688, 151.2093), (51.5, -0.12), (0.5, 0.5), (-54.8, -68.3)],
)
def test_tiles_match_the_osm_formula_at_every_zoom(lat: float, lon: float, zoom: int) -> None:
    assert tile_of(lat, lon, zoom) == osm_tile(lat, lon, zoom)


def test_known_tiles_and_pixels() -> None:
    assert to_pixel(0.0, 0.0, 0) == pytest.approx((128.0, 128.0))
    assert tile_of(51.5, -0.12, 10) == (511, 340)  # London, as the OSM wiki's calculator gives
    x, y = to_pixel(34.7466, 113.6253, 13)
    assert (int(x // 256), int(y // 256)) == tile_of(34.7466, 113.6253, 13) == (6681, 3251)


@pytest.mark.parametrize("zoom", [0, 3, 12, 18])
def test_pixel_round_trip(zoom: int) -> None:
    for lat, lon in [(34.7466, 113.6253), (-33.8688, 151.2093), (84.9, -179.9), (-84.9, 179.9)]:
        back = to_lat_lon(*to_pixel(lat, lon, zoom), zoom)
        assert back == pytest.approx((lat, lon), abs=1e-9)


def test_poles_are_cut_off_at_the_squares_edge() -> None:
    assert to_pixel(MAX_LAT, 0, 4)[1] == pytest.approx(0.0, abs=1e-6)
    assert to_pixel(-MAX_LAT, 0, 4)[1] == pytest.approx(4096.0, abs=1e-6)
    assert to_pixel(90.0, 0, 4) == to_pixel(MAX_LAT, 0, 4)  # beyond the cut-off: clamped, no error
    assert to_pixel(-90.0, 0, 4) == to_pixel(-MAX_LAT, 0, 4)
    for zoom in (0, 7, 15):
        n = 2**zoom
        assert tile_of(90.0, 10.0, zoom)[1] == 0
        assert tile_of(-90.0, 10.0, zoom)[1] == n - 1  # the south edge stays inside the last row
    assert to_lat_lon(0, -50, 3)[0] == pytest.approx(MAX_LAT)
    assert to_lat_lon(0, 99999, 3)[0] == pytest.approx(-MAX_LAT)


def test_antimeridian_wraps() -> None:
    for zoom in (0, 5, 12):
        n = 2**zoom
        assert tile_of(10.0, 180.0, zoom)[0] == 0  # 180° is -180°: the first column
        assert tile_of(10.0, -180.0, zoom)[0] == 0
        assert tile_of(10.0, 179.9999, zoom)[0] == n - 1
        assert tile_of(10.0, 540.0, zoom)[0] == 0
    assert to_pixel(10.0, 180.0, 2)[0] == 0.0
    assert to_lat_lon(1024.0 + 5, 100, 2)[1] == pytest.approx(to_lat_lon(5, 100, 2)[1])
    west, _, east, _ = tile_bounds(2**6 - 1, 10, 6)
    assert east == pytest.approx(180.0)
    assert west == pytest.approx(180.0 - 360 / 64)


def test_tile_bounds_and_tms_flip() -> None:
    west, south, east, north = tile_bounds(0, 0, 0)
    assert (west, east) == pytest.approx((-180.0, 180.0))
    assert (south, north) == pytest.approx((-MAX_LAT, MAX_LAT))
    x, y = tile_of(34.7466, 113.6253, 14)
    west, south, east, north = tile_bounds(x, y, 14)
    assert west <= 113.6253 < east and south < 34.7466 <= north
    assert tms_row(0, 0) == 0
    assert tms_row(0, 3) == 7 and tms_row(7, 3) == 0
    assert tms_row(tms_row(1234, 12), 12) == 1234


def test_metres_per_pixel() -> None:
    assert metres_per_pixel(0, 0) == pytest.approx(156543.03, rel=1e-6)
    assert metres_per_pixel(60, 1) == pytest.approx(156543.03 / 2 / 2, rel=1e-6)


# ------------------------------------------------------------------ GCJ-02

# (WGS-84 lat, lon) → (GCJ-02 lat, lon): the reference points of eviltransform's tests
# (github.com/googollee/eviltransform, go/transform_test.go: Shanghai, Shenzhen, Beijing).
REFERENCE = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),
]


@pytest.mark.parametrize("wgs, gcj", REFERENCE)
def test_gcj02_matches_reference_points(wgs: tuple[float, float], gcj: tuple[float, float]) -> None:
    got = wgs84_to_gcj02(*wgs)
    assert got == pytest.approx(gcj, abs=1e-9)
    assert distance_m(*got, *gcj) < 0.01
    assert 100 < distance_m(*wgs, *gcj) < 1000  # the offset is hundreds of metres


@pytest.mark.parametrize("wgs, gcj", REFERENCE)
def test_gcj02_inverse_by_iteration(wgs: tuple[float, float], gcj: tuple[float, float]) -> None:
    back = gcj02_to_wgs84(*gcj)
    assert distance_m(*back, *wgs) < 0.01  # eviltransform's "exact" inverse promises 0.5 m
    assert from_map(*to_map(*wgs, "gcj02"), "gcj02") == pytest.approx(wgs, abs=1e-8)


@pytest.mark.parametrize("point", [(48.8566, 2.3522), (35.6762, 139.6503), (-33.8688, 151.2093), (37.5665, 126.978)])
def test_no_offset_outside_china(point: tuple[float, float]) -> None:
    # Paris, Tokyo and Sydney are outside the box; Seoul inside it, so it is offset (the formula's own limit).
    inside_box = point == (37.5665, 126.978)
    assert (wgs84_to_gcj02(*point) != point) is inside_box
    if not inside_box:
        assert gcj02_to_wgs84(*point) == point
    assert to_map(*point, "wgs84") == point


# ------------------------------------------------------------------ distance


def test_haversine_distances() -> None:
    assert distance_m(34.0, 113.0, 34.0, 113.0) == 0.0
    one_degree = 2 * math.pi * 6371008.8 / 360
    assert distance_m(0, 0, 1, 0) == pytest.approx(one_degree)
    assert distance_m(0, 179.5, 0, -179.5) == pytest.approx(one_degree)  # across the antimeridian
    assert distance_m(90, 0, -90, 0) == pytest.approx(math.pi * 6371008.8)
    # Zhengzhou to Beijing: about 622 km.
    assert distance_m(34.7466, 113.6253, 39.9087, 116.3975) == pytest.approx(622_000, rel=0.01)
    # 50 m north: 50 m.
    assert distance_m(34.7466, 113.6253, 34.7466 + 50 / one_degree, 113.6253) == pytest.approx(50.0, rel=1e-6)


# ------------------------------------------------------------------ grids


def square(west: float, south: float, east: float, north: float) -> list[list[float]]:
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def grids_doc() -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "G2", "name": "East", "district": "D1"},
                "geometry": {"type": "Polygon", "coordinates": [square(113.62, 34.74, 113.63, 34.75)]},
            },
            {
                "type": "Feature",
                "properties": {"code": "G1", "name": "West", "district": "D1"},
                "geometry": {
                    "type": "Polygon",
                    # a hole in the middle: a lake that belongs to no grid
                    "coordinates": [square(113.61, 34.74, 113.62, 34.75), square(113.613, 34.743, 113.617, 34.747)],
                },
            },
            {
                "type": "Feature",
                "properties": {"code": "G3", "name": "Islands"},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[square(113.64, 34.74, 113.641, 34.741)], [square(113.65, 34.74, 113.651, 34.741)]],
                },
            },
            {
                "type": "Feature",
                "properties": {"code": "D1", "level": "district", "name": "Old town"},
                "geometry": {"type": "Polygon", "coordinates": [square(113.61, 34.74, 113.63, 34.75)]},
            },
        ],
    }


def test_grid_assignment_inside_outside_and_holes() -> None:
    grids = parse_grids(grids_doc())
    assert [g.code for g in grids] == ["G2", "G1", "G3", "D1"]
    assert assign_grid(grids, 34.745, 113.625).code == "G2"  # type: ignore[union-attr]
    assert assign_grid(grids, 34.741, 113.611).code == "G1"  # type: ignore[union-attr]
    assert assign_grid(grids, 34.745, 113.615) is None  # in G1's hole
    assert assign_grid(grids, 34.76, 113.625) is None  # north of everything
    assert assign_grid(grids, 34.7405, 113.6505).code == "G3"  # type: ignore[union-attr]  # second island
    assert assign_grid(grids, 34.7405, 113.645) is None  # between the islands
    assert assign_grid(grids, 34.745, 113.615, level="district").code == "D1"  # type: ignore[union-attr]


def test_border_points_are_inside_and_shared_borders_go_to_the_lowest_code() -> None:
    grids = {g.code: g for g in parse_grids(grids_doc())}
    # On the border G1 and G2 share (lon 113.62): in both, assigned to G1 whichever comes first in the file.
    assert grids["G1"].position(34.745, 113.62) == BORDER
    assert grids["G2"].position(34.745, 113.62) == BORDER
    assert assign_grid(grids.values(), 34.745, 113.62).code == "G1"  # type: ignore[union-attr]
    assert assign_grid(reversed(list(grids.values())), 34.745, 113.62).code == "G1"  # type: ignore[union-attr]
    # An outer corner and the edge of a hole are borders, so inside.
    assert grids["G2"].position(34.75, 113.63) == BORDER
    assert grids["G1"].position(34.745, 113.613) == BORDER
    assert assign_grid(grids.values(), 34.745, 113.613).code == "G1"  # type: ignore[union-attr]
    # A hair outside the border is outside.
    assert grids["G2"].position(34.745, 113.63 + 1e-5) == OUTSIDE
    assert polygon_position(113.625, 34.745, grids["G2"].polygons[0]) == INSIDE


def test_concave_polygon() -> None:
    # A U shape: the notch is outside although it lies within the bounding box.
    u = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]
    doc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": "U"}, "geometry": {"type": "Polygon", "coordinates": [u]}}
        ],
    }
    (grid,) = parse_grids(doc)
    assert grid.position(2.0, 1.5) == OUTSIDE  # lat 2, lon 1.5: in the notch
    assert grid.position(2.0, 0.5) == INSIDE
    assert grid.position(1.0, 1.5) == BORDER  # the notch's floor


@pytest.mark.parametrize(
    "doc, message",
    [
        ({"type": "Feature"}, "FeatureCollection"),
        ({"type": "FeatureCollection", "features": [{"properties": {}, "geometry": None}]}, "code"),
        (
            {
                "type": "FeatureCollection",
                "features": [{"properties": {"code": "A"}, "geometry": {"type": "Point", "coordinates": [1, 2]}}],
            },
            "Point",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "properties": {"code": "A"},
                        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1]]]},
                    }
                ],
            },
            "at least 4",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "properties": {"code": "A"},
                        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 2]]]},
                    }
                ],
            },
            "end where it starts",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "properties": {"code": "A"},
                        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [1, 1], [0, 0]]]},
                    }
                ],
            },
            "WGS-84",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {"properties": {"code": "A"}, "geometry": {"type": "Polygon", "coordinates": [square(0, 0, 1, 1)]}},
                    {"properties": {"code": "A"}, "geometry": {"type": "Polygon", "coordinates": [square(0, 0, 1, 1)]}},
                ],
            },
            "twice",
        ),
    ],
)
def test_bad_geojson_is_refused_clearly(doc: dict, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_grids(doc)
    assert message in str(caught.value.problems)

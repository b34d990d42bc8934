"""Case positions read for the map, and their grid clustering at every zoom."""

from __future__ import annotations

import random
from pathlib import Path

from app.domain.geo import to_pixel
from app.maps.cluster import CELL_PX, CLUSTER_MAX_ZOOM, URGENCY, build_index, normalise
from app.queries import CasePoints, MapQuery
from app.services import Tablet


def points(n: int, seed: int = 1, spread: float = 0.1) -> CasePoints:
    rng = random.Random(seed)
    out = CasePoints()
    for i in range(n):
        out.add(
            i + 1,
            34.7466 + rng.uniform(-spread, spread),
            113.6253 + rng.uniform(-spread, spread),
            rng.choice(["draft", "submitted", "closed", "returned"]),
        )
    return out


def test_every_level_counts_every_case() -> None:
    index = build_index(points(5000))
    assert index.total == 5000
    for zoom in range(0, CLUSTER_MAX_ZOOM + 3):
        level = index.level(zoom)
        assert sum(level.counts) == 5000
        assert sum(len(v) for v in level.buckets.values()) == len(level)
    # Coarser levels have fewer markers; the top is one cluster.
    sizes = [len(index.level(z)) for z in range(0, CLUSTER_MAX_ZOOM + 2)]
    assert sizes == sorted(sizes)
    assert sizes[0] == 1 and sizes[-1] == 5000


def test_clusters_are_grid_cells_and_singles_keep_their_case() -> None:
    pts = CasePoints()
    pts.add(10, 34.7466, 113.6253, "closed")
    pts.add(11, 34.74661, 113.62531, "returned")  # about 1.4 m away: one cell until street zoom
    pts.add(12, 34.80, 113.70, "draft")  # km away
    index = build_index(pts)
    city = index.level(12)
    assert sorted(city.counts) == [1, 2]
    pair = city.counts.tolist().index(2)
    assert city.keys[pair] == -1
    assert URGENCY[city.ranks[pair]] == "returned"  # the cluster takes its most pressing state
    lone = city.counts.tolist().index(1)
    assert city.keys[lone] == 12
    singles = index.level(CLUSTER_MAX_ZOOM + 1)
    assert sorted(singles.keys) == [10, 11, 12]
    # Two markers of one level are never in the same CELL_PX cell.
    for zoom in (8, 12, 15):
        level = index.level(zoom)
        scale = 2**zoom * 256 / CELL_PX
        cells = {(int(x * scale), int(y * scale)) for x, y in zip(level.xs, level.ys, strict=True)}
        assert len(cells) == len(level)


def test_visible_finds_what_is_in_view() -> None:
    index = build_index(points(3000, spread=0.05))
    zoom = 15
    level = index.level(zoom)
    # A window of 1280 × 800 px round the centre.
    cx, cy = to_pixel(34.7466, 113.6253, zoom)
    size = 256 * 2**zoom
    x0, x1 = (cx - 640) / size, (cx + 640) / size
    y0, y1 = (cy - 400) / size, (cy + 400) / size
    found = set(level.visible(x0, y0, x1, y1))
    inside = {i for i in range(len(level)) if x0 <= level.xs[i] <= x1 and y0 <= level.ys[i] <= y1}
    assert inside and inside <= found
    assert len(found) < len(level)  # buckets out of view are not touched


def test_gcj02_basemap_shifts_markers() -> None:
    pts = points(1)
    plain = build_index(pts, "wgs84").singles
    shifted = build_index(pts, "gcj02").singles
    assert (plain.xs[0], plain.ys[0]) == normalise(pts.lats[0], pts.lons[0])
    assert shifted.xs[0] != plain.xs[0] and shifted.ys[0] != plain.ys[0]


def test_map_query_reads_live_located_cases(tmp_path: Path) -> None:
    with Tablet(tmp_path / "data") as tablet:
        a = tablet.new_case(type="manhole_cover", subtype="missing", lat=34.75, lon=113.62)
        tablet.new_case(type="manhole_cover", subtype="missing")  # no location: not on the map
        b = tablet.new_case(type="manhole_cover", subtype="broken", lat=34.76, lon=113.63)
        tablet.delete(b.id)
        query = MapQuery(tablet.paths.database)
        try:
            found = query.points()
            assert len(found) == 1
            assert (found.lats[0], found.lons[0], found.status(0)) == (34.75, 113.62, "draft")
            assert query.case_id(found.keys[0]) == a.id
            assert query.case_id(999_999) is None
        finally:
            query.close()

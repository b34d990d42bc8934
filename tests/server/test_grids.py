"""Districts and grids (server/grids.py): `fieldcase-server grid import FILE` on SQLite and PostgreSQL (a bad
file changes nothing, the same file again changes nothing, a new file replaces the grids), `GET /grids`
with its ETag, and the intake placing a case in its district and grid by its location."""

from __future__ import annotations

import copy
import io
import json
import random
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy as sa

from app.domain.geo import assign_grid, parse_grids
from server import schema as t
from server.cli import main
from server.grids import Grids, _gridset
from server.store import Store
from tests.server.conftest import Databases, LiveServer
from tests.server.helpers import Client, build_case, envelope, error_of, photo_bytes, upload

Run = Callable[..., tuple[int, Any, str]]
CHEAP = {"FIELDCASE_ARGON2_TIME_COST": "1", "FIELDCASE_ARGON2_MEMORY_KIB": "8192"}


def square(west: float, south: float, east: float, north: float) -> list[list[float]]:
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def feature(code: Any, kind: str | None, geometry: dict[str, Any], **props: Any) -> dict[str, Any]:
    properties: dict[str, Any] = {"code": code, "name": props.pop("name", f"Name of {code}"), **props}
    if kind is not None:
        properties["kind"] = kind
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def polygon(*rings: list[list[float]]) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": list(rings)}


# Two districts side by side (north: Jinshui, south: Erqi), two grids in the north one (JS-01 with a
# hole, JS-02 sharing its east border), and one grid in the south one made of two squares.
JS_01_HOLE = square(113.61, 34.76, 113.62, 34.77)


def city() -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            feature("jinshui", "district", polygon(square(113.60, 34.74, 113.66, 34.80)), name="Jinshui"),
            feature("erqi", "district", polygon(square(113.60, 34.68, 113.66, 34.74)), name="Erqi"),
            feature("JS-01", "grid", polygon(square(113.60, 34.74, 113.63, 34.80), JS_01_HOLE), district="jinshui"),
            feature("JS-02", "grid", polygon(square(113.63, 34.74, 113.66, 34.80)), district="jinshui"),
            feature(
                "EQ-01",
                "grid",
                {
                    "type": "MultiPolygon",
                    "coordinates": [[square(113.60, 34.68, 113.62, 34.70)], [square(113.64, 34.70, 113.66, 34.72)]],
                },
                district="erqi",
            ),
        ],
    }


def write(path: Path, document: Any) -> Path:
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


# ---------------------------------------------------------------- the CLI


@pytest.fixture
def cli(
    tmp_path: Path,
    backend: str,
    databases: Databases,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Run:
    """cli(*args): `fieldcase-server --data-dir D --database URL --json ARGS` on a migrated database."""
    for key, value in CHEAP.items():
        monkeypatch.setenv(key, value)
    database_url = databases.new(backend)

    def run(*args: str, as_json: bool = True) -> tuple[int, Any, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        argv = ["--data-dir", str(tmp_path / "data"), "--database", database_url]
        code = main([*argv, *(["--json"] if as_json else []), *args])
        captured = capsys.readouterr()
        out: Any = captured.out
        if as_json and captured.out.strip():
            out = json.loads(captured.out)
        return code, out, captured.err

    assert run("migrate")[0] == 0
    return run


def test_import_then_the_same_file_again_then_a_new_file(cli: Run, tmp_path: Path) -> None:
    first = write(tmp_path / "city.geojson", city())
    code, out, err = cli("grid", "import", str(first))
    assert code == 0, err
    assert out["added"] == ["EQ-01", "JS-01", "JS-02", "erqi", "jinshui"]
    assert (out["changed"], out["removed"], out["version"]) == ([], [], 1)
    assert (out["districts"], out["grids"]) == (2, 3)

    code, listed, _ = cli("grid", "list")
    assert code == 0 and listed["version"] == 1
    assert {g["code"]: (g["kind"], g["district"]) for g in listed["grids"]} == {
        "jinshui": ("district", None),
        "erqi": ("district", None),
        "JS-01": ("grid", "jinshui"),
        "JS-02": ("grid", "jinshui"),
        "EQ-01": ("grid", "erqi"),
    }

    # The same file again (even with its features in another order and foreign members): nothing changes.
    again = city()
    again["features"].reverse()
    again["features"][0]["properties"]["colour"] = "red"
    code, out, _ = cli("grid", "import", str(write(tmp_path / "again.geojson", again)))
    assert code == 0
    assert (out["added"], out["changed"], out["removed"], out["unchanged"], out["version"]) == ([], [], [], 5, 1)
    code, text, _ = cli("grid", "import", str(first), as_json=False)
    assert code == 0 and "nothing changed (version 1)" in text

    # A new file: JS-02 moved, EQ-01 renamed, JS-01 unchanged, a new grid, and erqi's grid and district gone.
    new = city()
    features = {f["properties"]["code"]: f for f in new["features"]}
    features["JS-02"]["geometry"] = polygon(square(113.63, 34.75, 113.66, 34.80))
    features["EQ-01"]["properties"]["name"] = "Renamed"
    features["EQ-01"]["properties"]["district"] = "jinshui"
    del features["erqi"]
    features["JS-03"] = feature("JS-03", "grid", polygon(square(113.63, 34.74, 113.66, 34.75)), district="jinshui")
    new["features"] = list(features.values())
    code, out, _ = cli("grid", "import", str(write(tmp_path / "new.geojson", new)))
    assert code == 0
    assert (out["added"], out["changed"], out["removed"]) == (["JS-03"], ["EQ-01", "JS-02"], ["erqi"])
    assert (out["unchanged"], out["version"]) == (2, 2)
    code, listed, _ = cli("grid", "list")
    assert listed["version"] == 2
    assert sorted(g["code"] for g in listed["grids"]) == ["EQ-01", "JS-01", "JS-02", "JS-03", "jinshui"]
    assert {g["code"]: g["name"] for g in listed["grids"]}["EQ-01"] == "Renamed"


def _bad_files() -> list[tuple[str, Any, list[str]]]:
    no_code = city()
    del no_code["features"][3]["properties"]["code"]
    open_ring = city()
    open_ring["features"][2]["geometry"]["coordinates"][0].pop()
    duplicate = city()
    duplicate["features"][3]["properties"]["code"] = "JS-01"
    bad_kind = city()
    bad_kind["features"][1]["properties"]["kind"] = "province"
    unknown_district = city()
    unknown_district["features"][4]["properties"]["district"] = "nowhere"
    point = city()
    point["features"][3]["geometry"] = {"type": "Point", "coordinates": [113.6, 34.7]}
    out_of_range = city()
    out_of_range["features"][2]["geometry"] = polygon(square(113.6, 94.0, 113.7, 95.0))
    long_district = city()
    long_district["features"][0]["properties"]["code"] = "d" * 40
    return [
        ("not JSON", '{"type": "FeatureCollection", "features": [', ["not JSON"]),
        ("not a collection", {"type": "Feature"}, ["FeatureCollection"]),
        ("empty", {"type": "FeatureCollection", "features": []}, ["no features"]),
        ("no code", no_code, ["features[3]", "properties.code"]),
        ("open ring", open_ring, ["features[2] (code 'JS-01')", "end where it starts"]),
        ("duplicate", duplicate, ["features[3] (code 'JS-01')", "appears twice"]),
        ("bad kind", bad_kind, ["features[1] (code 'erqi')", "'province'"]),
        ("unknown district", unknown_district, ["features[4] (code 'EQ-01')", "'nowhere'"]),
        ("a point", point, ["features[3] (code 'JS-02')", "Point"]),
        ("out of range", out_of_range, ["features[2] (code 'JS-01')", "WGS-84"]),
        ("long district code", long_district, ["features[0]", "district code"]),
    ]


@pytest.mark.parametrize(("what", "document", "expected"), _bad_files(), ids=[b[0] for b in _bad_files()])
def test_a_bad_file_is_refused_and_changes_nothing(
    cli: Run, tmp_path: Path, what: str, document: Any, expected: list[str]
) -> None:
    assert cli("grid", "import", str(write(tmp_path / "city.geojson", city())))[0] == 0
    before = cli("grid", "list")[1]
    code, out, err = cli("grid", "import", str(write(tmp_path / "bad.geojson", document)))
    assert code == 4, (what, out, err)
    assert out["error"]["code"] == "bad_grid_file"
    for text in expected:
        assert text in err, (what, err)
    assert "nothing was imported" in err and err.count("\n") == 1 and "Traceback" not in err
    assert cli("grid", "list")[1] == before


def test_every_problem_of_a_file_is_named(cli: Run, tmp_path: Path) -> None:
    document = city()
    del document["features"][1]["properties"]["code"]
    document["features"][3]["properties"]["code"] = "JS-01"
    code, _, err = cli("grid", "import", str(write(tmp_path / "bad.geojson", document)))
    assert code == 4 and "features[1]" in err and "features[3] (code 'JS-01')" in err
    assert cli("grid", "list")[1]["grids"] == []


def test_usage_and_missing_files(cli: Run, tmp_path: Path) -> None:
    assert cli("grid")[0] == 2
    assert cli("grid", "import")[0] == 2
    code, out, err = cli("grid", "import", str(tmp_path / "missing.geojson"))
    assert code == 4 and "missing.geojson" in err
    (tmp_path / "latin1.geojson").write_bytes(b'{"name": "\xe9"}')
    code, out, err = cli("grid", "import", str(tmp_path / "latin1.geojson"))
    assert code == 4 and "UTF-8" in err


def test_a_grid_may_name_a_district_the_server_has(cli: Run, tmp_path: Path) -> None:
    assert cli("district", "add", "d9", "--name", "Nine")[0] == 0
    document = {
        "type": "FeatureCollection",
        "features": [feature("G-1", None, polygon(square(1, 1, 2, 2)), district="d9")],
    }
    code, out, err = cli("grid", "import", str(write(tmp_path / "g.geojson", document)))
    assert code == 0, err
    assert out["added"] == ["G-1"] and out["grids"] == 1  # without `kind`, a feature is a grid


# ---------------------------------------------------------------- GET /grids


def _import(live: LiveServer, document: dict[str, Any]) -> dict[str, Any]:
    return live.core.cases.grids.import_document(document)


def test_get_grids_with_its_etag(make_server: Callable[..., LiveServer]) -> None:
    live = make_server()
    tablet = live.tablet()
    admin = live.login(live.user("admin"))
    empty = tablet.get("/grids")
    assert empty.status_code == 200, empty.text
    assert empty.json()["version"] == 0 and empty.json()["features"] == []

    _import(live, city())
    first = tablet.get("/grids")
    assert first.status_code == 200 and first.headers["ETag"] == '"grids-1"'
    assert first.headers["Content-Type"].startswith("application/geo+json")
    body = first.json()
    assert body["type"] == "FeatureCollection" and body["version"] == 1
    parsed = {g.code: g for g in parse_grids(body)}  # what the tablet does with it
    assert parsed["JS-01"].district == "jinshui" and parsed["jinshui"].level == "district"
    assert len(parsed["JS-01"].polygons[0]) == 2  # the outline and its hole
    assert not parsed["JS-01"].contains(34.765, 113.615) and parsed["JS-01"].contains(34.75, 113.605)
    assert admin.get("/grids").json() == body

    unchanged = tablet.get("/grids", headers={"If-None-Match": '"grids-1"'})
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["ETag"] == '"grids-1"'

    again = _import(live, city())
    assert again["version"] == 1 and tablet.get("/grids", headers={"If-None-Match": '"grids-1"'}).status_code == 304

    smaller = city()
    smaller["features"] = smaller["features"][:3]
    assert _import(live, smaller)["removed"] == ["EQ-01", "JS-02"]
    changed = tablet.get("/grids", headers={"If-None-Match": '"grids-1"'})
    assert changed.status_code == 200 and changed.headers["ETag"] == '"grids-2"'
    assert sorted(f["properties"]["code"] for f in changed.json()["features"]) == ["JS-01", "erqi", "jinshui"]


def test_get_grids_needs_a_login_or_a_device(make_server: Callable[..., LiveServer]) -> None:
    live = make_server()
    anyone = live.client()
    assert error_of(anyone.get("/grids"))["code"] == "missing_credentials"
    _, device_token = live.enroll()
    assert live.client(device_token=device_token).get("/grids").status_code == 200
    assert error_of(live.client(device_token="not-a-device").get("/grids"))["code"] == "invalid_device"
    assert error_of(live.client(token="not-a-token").get("/grids"))["code"] == "invalid_token"
    assert live.login(live.user("unit", unit=live.core.catalogue.units[0].code)).get("/grids").status_code == 200


# ---------------------------------------------------------------- the intake


def _send_at(
    tablet: Client, location: tuple[float, float], *, district: str | None = None, grid: str | None = None
) -> dict[str, Any]:
    """A new case from the tablet at (lat, lon); returns the server's view of it."""
    assert tablet.account is not None
    photos = [photo_bytes(f"{uuid.uuid4()}-{i}") for i in range(2)]
    for data in photos:
        upload(tablet, data)
    case, events = build_case(tablet.account.name, tablet.device_id, district, photos)
    case["grid"] = grid
    case["location"] = {"lat": location[0], "lon": location[1], "accuracy_m": 5.0, "source": "manual"}
    response = tablet.post("/sync/cases", json={"cases": [envelope(case, events)]})
    assert response.status_code == 200, response.text
    result = response.json()["results"][0]
    assert result["outcome"] == "accepted", result
    got = tablet.get(f"/cases/{case['id']}")
    assert got.status_code == 200, got.text
    return dict(got.json())


def _row(live: LiveServer, case_id: str) -> tuple[str | None, str | None]:
    with live.core.store.read() as conn:
        row = conn.execute(sa.select(t.cases.c.district, t.cases.c.grid).where(t.cases.c.id == case_id)).one()
    return row.district, row.grid


def test_the_intake_places_a_case_by_its_location(make_server: Callable[..., LiveServer]) -> None:
    live = make_server()
    tablet = live.tablet()  # enrolled in district d1

    # Before any grids: the tablet's grid and the device's district, as ever.
    before = _send_at(tablet, (34.75, 113.605), grid="tablet-grid")
    assert _row(live, before["id"]) == ("d1", "tablet-grid")

    _import(live, city())
    cases = {
        "inside JS-01": ((34.75, 113.605), None, None, ("jinshui", "JS-01")),
        "in JS-01's hole": ((34.765, 113.615), None, None, ("jinshui", None)),
        "on the JS-01/JS-02 border": ((34.77, 113.63), None, None, ("jinshui", "JS-01")),
        "in EQ-01's second square": ((34.71, 113.65), None, None, ("erqi", "EQ-01")),
        "in erqi outside its grid": ((34.73, 113.61), None, None, ("erqi", None)),
        "outside every district": ((35.0, 114.0), None, None, ("d1", None)),
        "outside every grid, whatever the tablet said": ((35.0, 114.0), None, "tablet-grid", ("d1", None)),
        "the server's grid over the tablet's": ((34.77, 113.64), None, "JS-01", ("jinshui", "JS-02")),
        "the tablet's district wins": ((34.75, 113.605), "d1", None, ("d1", "JS-01")),
    }
    # (A submitted case always has a location: the intake refuses one without.)
    for what, (location, district, grid, expected) in cases.items():
        got = _send_at(tablet, location, district=district, grid=grid)
        assert _row(live, got["id"]) == expected, what
        assert (got["district"], got["grid"]) == expected, what


def test_a_new_import_is_used_at_once(make_server: Callable[..., LiveServer]) -> None:
    """The parsed grids are cached per version: an import (here a second one moving a border) is seen by the
    next case."""
    live = make_server()
    tablet = live.tablet()
    _import(live, city())
    assert _row(live, _send_at(tablet, (34.77, 113.64))["id"]) == ("jinshui", "JS-02")
    assert live.core.cases.grids.current() is live.core.cases.grids.current()  # parsed once per version
    moved = city()
    for f in moved["features"]:
        if f["properties"]["code"] == "JS-01":
            f["geometry"] = polygon(square(113.60, 34.74, 113.65, 34.80))
    _import(live, moved)
    assert _row(live, _send_at(tablet, (34.77, 113.64))["id"]) == ("jinshui", "JS-01")
    assert live.core.cases.grids.current().version == 2


def test_a_second_server_process_sees_the_import(make_server: Callable[..., LiveServer]) -> None:
    """Another process (the CLI, another worker) imports: this one's cache notices the new version."""
    live = make_server()
    tablet = live.tablet()
    _send_at(tablet, (34.75, 113.605))
    assert live.core.cases.grids.current().version == 0
    other = Store(live.config.database_url, pool_size=1)
    try:
        Grids(other).import_document(copy.deepcopy(city()))
    finally:
        other.close()
    assert _row(live, _send_at(tablet, (34.75, 113.605))["id"]) == ("jinshui", "JS-01")


def test_the_intakes_index_finds_what_a_search_of_every_grid_finds() -> None:
    """GridSet.locate looks only at the grids near a point (a lattice of cells): it must agree with
    app.domain.geo.assign_grid over every grid, on borders, in holes and far outside too."""
    features = city()["features"]
    features.append(feature("huge", "district", polygon(square(100.0, 20.0, 125.0, 45.0))))
    features += [
        feature(f"T-{i:03d}", "grid", polygon(square(113.70 + i * 0.001, 34.70, 113.701 + i * 0.001, 34.701)))
        for i in range(100)
    ]
    document = {"type": "FeatureCollection", "features": features}
    imported = datetime(2026, 11, 26, tzinfo=UTC)
    rows = [
        SimpleNamespace(
            code=f["properties"]["code"],
            name=f["properties"]["name"],
            kind=f["properties"]["kind"],
            district=f["properties"].get("district"),
            geometry=json.dumps(f["geometry"]),
            imported_at=imported,
            version=1,
        )
        for f in document["features"]
    ]
    grids = _gridset(1, rows)
    rng = random.Random(9)
    points = [(34.77, 113.63), (34.74, 113.60), (34.76, 113.615), (34.7005, 113.7005), (34.701, 113.701)]
    points += [(rng.uniform(34.6, 34.9), rng.uniform(113.5, 113.8)) for _ in range(2000)]
    for lat, lon in points:
        grid = assign_grid(grids.grids, lat, lon, level="grid")
        district = assign_grid(grids.grids, lat, lon, level="district")
        expected = (district.code if district else grid.district if grid else None), (grid.code if grid else None)
        assert grids.locate(lat, lon) == expected, (lat, lon)
    assert grids.locate(float("nan"), 113.6) == (None, None)

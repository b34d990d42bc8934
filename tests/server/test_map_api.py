"""The desk map's endpoints (server/mapdata.py) on SQLite and PostgreSQL: `GET /cases/points` answers the
cases GET /cases lists (same filters, same scope) as compact arrays with the overdue flag, and
`GET /grids/counts` counts them per grid as a hand count does."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from server import schema as t
from tests.server.conftest import LiveServer
from tests.server.helpers import Client, build_case, envelope, photo_bytes, upload


def square(west: float, south: float, east: float, north: float) -> list[list[float]]:
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def grid(code: str, box: tuple[float, float, float, float], district: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"code": code, "name": f"Grid {code}", "kind": "grid", "district": district},
        "geometry": {"type": "Polygon", "coordinates": [square(*box)]},
    }


# Two grids of district d1 side by side, one of d2; a point east of all three is in no grid.
GRIDS = {
    "type": "FeatureCollection",
    "features": [
        grid("G-1", (113.60, 34.74, 113.62, 34.76), "d1"),
        grid("G-2", (113.62, 34.74, 113.64, 34.76), "d1"),
        grid("G-3", (113.60, 34.70, 113.64, 34.72), "d2"),
    ],
}
IN_G1 = (34.75, 113.61)
IN_G2 = (34.75, 113.63)
IN_G3 = (34.71, 113.62)
NOWHERE = (34.75, 113.70)


def send(tablet: Client, at: tuple[float, float], *, subtype: str = "broken") -> str:
    assert tablet.account is not None
    photos = [photo_bytes(f"{uuid.uuid4()}-{i}") for i in range(2)]
    for data in photos:
        upload(tablet, data)
    case, events = build_case(tablet.account.name, tablet.device_id, None, photos, subtype=subtype)
    case["location"] = {"lat": at[0], "lon": at[1], "accuracy_m": 5.0, "source": "manual"}
    answer = tablet.post("/sync/cases", json={"cases": [envelope(case, events)]})
    assert answer.status_code == 200 and answer.json()["results"][0]["outcome"] == "accepted", answer.text
    return str(case["id"])


def decide(client: Client, case_id: str, action: str, **body: Any) -> dict[str, Any]:
    answer = client.post(f"/cases/{case_id}/decisions", json={"action": action, **body})
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def points(client: Client, **params: Any) -> dict[str, Any]:
    answer = client.get("/cases/points", params=params)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = answer.json()
    n = body["count"]
    assert all(len(body[k]) == n for k in ("id", "lat_e6", "lon_e6", "state", "type", "overdue"))
    assert all(isinstance(v, int) for k in ("lat_e6", "lon_e6") for v in body[k])
    return body


def as_dict(body: dict[str, Any]) -> dict[str, tuple[float, float, str, str, int]]:
    """id -> (lat, lon, state, type, overdue)."""
    return {
        case_id: (lat / 1e6, lon / 1e6, body["states"][s], body["types"][k], late)
        for case_id, lat, lon, s, k, late in zip(
            body["id"], body["lat_e6"], body["lon_e6"], body["state"], body["type"], body["overdue"], strict=True
        )
    }


def listed(client: Client, **params: Any) -> set[str]:
    """Every id GET /cases lists with these filters (all pages)."""
    out: set[str] = set()
    cursor = None
    while True:
        query = {**params, "limit": 500, **({"cursor": cursor} if cursor else {})}
        body = client.get("/cases", params=query).json()
        out |= {c["id"] for c in body["cases"]}
        cursor = body["next_cursor"]
        if not cursor:
            return out


@pytest.fixture
def city(make_server: Callable[..., LiveServer], tmp_path: Path) -> dict[str, Any]:
    """A server with grids, cases in d1 (in G-1, G-2, in no grid, one without a location) and in d2 (G-3),
    one of them dispatched and overdue, another dispatched and not overdue."""
    live = make_server()
    live.core.cases.grids.import_document(GRIDS)
    d1 = live.tablet(district="d1")
    d2 = live.tablet(district="d2")
    boss = live.login(live.user("supervisor", districts=("d1",)))
    ids = {
        "g1a": send(d1, IN_G1),
        "g1b": send(d1, IN_G1, subtype="missing"),
        "g1c": send(d1, IN_G1),
        "g2a": send(d1, IN_G2),
        "out": send(d1, NOWHERE),
        "nowhere": send(d1, NOWHERE),
        "g3a": send(d2, IN_G3),
        "g3b": send(d2, IN_G3),
    }
    for key in ("g1a", "g1b"):
        decide(boss, ids[key], "file")
        decide(boss, ids[key], "dispatch")
    # g1a's deadline passed an hour ago (as if dispatched long since); g1b's is still ahead.
    with live.core.store.write() as conn:
        # A case without a location (a tablet always sends one; an imported case may lack it).
        conn.execute(t.cases.update().where(t.cases.c.id == ids["nowhere"]).values(lat=None, lon=None))
        pk = conn.execute(sa.select(t.cases.c.pk).where(t.cases.c.id == ids["g1a"])).scalar_one()
        conn.execute(
            t.deadlines.update()
            .where(t.deadlines.c.case_pk == pk)
            .values(due_at=datetime.now(UTC) - timedelta(hours=1))
        )
    return {
        "live": live,
        "ids": ids,
        "boss": boss,
        "admin": live.login(live.user("admin")),
        "far": live.login(live.user("supervisor", districts=("d2",))),
        "unit": live.login(live.user("unit", unit="water_supply_co")),
        "inspector": d1,
    }


def test_points_are_what_get_cases_lists_with_the_overdue_flag(city: dict[str, Any]) -> None:
    ids, boss = city["ids"], city["boss"]
    body = points(boss)
    got = as_dict(body)
    located_d1 = {ids[k] for k in ("g1a", "g1b", "g1c", "g2a", "out")}
    assert set(got) == located_d1 == listed(boss) - {ids["nowhere"]}
    assert body["unlocated"] == 1
    assert got[ids["g1a"]][2:] == ("dispatched", "manhole_cover", 1)
    assert got[ids["g1b"]][2:] == ("dispatched", "manhole_cover", 0)
    assert got[ids["g2a"]] == (
        pytest.approx(IN_G2[0], abs=1e-9),
        pytest.approx(IN_G2[1], abs=1e-9),
        "received",
        "manhole_cover",
        0,
    )
    # The overdue flag agrees with each case's own deadlines.
    for case_id in located_d1:
        case = boss.get(f"/cases/{case_id}").json()
        assert got[case_id][4] == int(any(d["overdue"] for d in case["deadlines"]))


FILTERS: list[dict[str, Any]] = [
    {"state": "dispatched"},
    {"state": ["received", "dispatched"]},
    {"overdue": "true"},
    {"overdue": "false"},
    {"subtype": "missing"},
    {"type": "manhole_cover", "subtype": "broken"},
    {"type": "illegal_construction"},
    {"district": "d1"},
    {"district": "d2"},
    {"q": "cover missing"},
    {"unit": "water_supply_co"},
    {"state": "dispatched", "overdue": "true", "district": "d1"},
]


def test_every_filter_narrows_the_points_as_it_narrows_get_cases(city: dict[str, Any]) -> None:
    for params in FILTERS:
        for who in ("boss", "admin"):
            client = city[who]
            expected = listed(client, **params) - {city["ids"]["nowhere"]}
            assert set(points(client, **params)["id"]) == expected, (who, params)
    assert set(points(city["boss"], overdue="true")["id"]) == {city["ids"]["g1a"]}


def test_points_are_scoped_like_get_cases(city: dict[str, Any]) -> None:
    ids = city["ids"]
    assert set(points(city["far"])["id"]) == {ids["g3a"], ids["g3b"]}
    assert set(points(city["unit"])["id"]) == {ids["g1a"], ids["g1b"]}  # dispatched to the unit
    assert set(points(city["admin"])["id"]) == set(ids.values()) - {ids["nowhere"]}
    assert set(points(city["inspector"])["id"]) == {ids[k] for k in ("g1a", "g1b", "g1c", "g2a", "out")}
    # Another supervisor's district asked for by name: nothing (scope does not leak).
    assert points(city["far"], district="d1")["count"] == 0
    live: LiveServer = city["live"]
    assert live.client().get("/cases/points").status_code == 401


def test_bad_parameters_are_refused(city: dict[str, Any]) -> None:
    boss = city["boss"]
    assert boss.get("/cases/points", params={"overdue": "perhaps"}).status_code == 422
    assert boss.get("/cases/points", params={"type": "x" * 101}).status_code == 422
    assert boss.get("/grids/counts", params={"q": ""}).status_code == 422


def _hand_count(client: Client, ids: dict[str, str], grid_of: dict[str, str | None], **params: Any) -> Counter[Any]:
    return Counter(grid_of[case_id] for case_id in listed(client, **params))


def test_counts_per_grid_equal_a_hand_count(city: dict[str, Any]) -> None:
    ids = city["ids"]
    grid_of: dict[str, str | None] = {
        ids["g1a"]: "G-1",
        ids["g1b"]: "G-1",
        ids["g1c"]: "G-1",
        ids["g2a"]: "G-2",
        ids["out"]: None,
        ids["nowhere"]: None,
        ids["g3a"]: "G-3",
        ids["g3b"]: "G-3",
    }
    # The server placed each case in the grid the hand count says.
    for case_id, code in grid_of.items():
        assert city["admin"].get(f"/cases/{case_id}").json()["grid"] == code
    for who in ("boss", "far", "admin", "unit"):
        for params in ({}, {"state": "dispatched"}, {"overdue": "true"}, {"subtype": "broken"}):
            client = city[who]
            answer = client.get("/grids/counts", params=params)
            assert answer.status_code == 200, answer.text
            body = answer.json()
            hand = _hand_count(client, ids, grid_of, **params)
            assert body["version"] == 1
            assert body["counts"] == {"G-1": hand["G-1"], "G-2": hand["G-2"], "G-3": hand["G-3"]}, (who, params)
            assert body["outside"] == hand[None]
            assert body["total"] == sum(hand.values())
            late = set(listed(client, **{**params, "overdue": "true"}))
            assert body["overdue"]["G-1"] == len(late & {ids["g1a"], ids["g1b"], ids["g1c"]})
    assert city["boss"].get("/grids/counts").json()["overdue"] == {"G-1": 1, "G-2": 0, "G-3": 0}


def test_points_on_a_server_without_grids_or_cases(make_server: Callable[..., LiveServer]) -> None:
    live = make_server()
    boss = live.login(live.user("supervisor", districts=("d1",)))
    body = points(boss)
    assert body["count"] == 0 and body["unlocated"] == 0 and body["id"] == []
    counts = boss.get("/grids/counts").json()
    assert counts == {"version": 0, "total": 0, "counts": {}, "overdue": {}, "outside": 0, "outside_overdue": 0}
    schema = json.loads(requests.get(f"{live.url}/openapi.json", timeout=30).text)
    assert "/api/v1/cases/points" in schema["paths"] and "/api/v1/grids/counts" in schema["paths"]

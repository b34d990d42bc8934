"""Scoping: an inspector sees their own cases, a supervisor their districts, a unit what was dispatched
to it, an admin everything; outside the scope is 404, like a case that does not exist."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.server.conftest import LiveServer
from tests.server.helpers import Client, build_case, envelope, error_of, photo_bytes, upload


def _case_in(live: LiveServer, district: str, **kw: Any) -> tuple[Client, dict[str, Any], bytes]:
    tablet = live.tablet(district=district)
    assert tablet.account is not None
    photos = [photo_bytes(f"{uuid.uuid4()}-{i}") for i in range(2)]
    for data in photos:
        upload(tablet, data)
    case, events = build_case(tablet.account.name, tablet.device_id, district, photos, **kw)
    response = tablet.post("/sync/cases", json={"cases": [envelope(case, events)]})
    assert response.json()["results"][0]["outcome"] == "accepted", response.text
    return tablet, case, photos[0]


@pytest.fixture(scope="module")
def world(live: LiveServer) -> dict[str, Any]:
    """Two inspectors in d2, one in d3, each with a case; a supervisor of d2, an admin and a unit user."""
    a, case_a, photo_a = _case_in(live, "d2", subtype="missing")
    b, case_b, _ = _case_in(live, "d2", subtype="broken")
    c, case_c, _ = _case_in(live, "d3", subtype="missing")
    return {
        "a": a,
        "b": b,
        "c": c,
        "case_a": case_a,
        "case_b": case_b,
        "case_c": case_c,
        "photo_a": photo_a,
        "supervisor": live.login(live.user("supervisor", districts=("d2",))),
        "admin": live.login(live.user("admin")),
        "unit": live.login(live.user("unit", unit="water_supply_co")),
    }


def _ids(client: Client, **params: Any) -> set[str]:
    response = client.get("/cases", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return {c["id"] for c in response.json()["cases"]}


def test_an_inspector_sees_only_their_own_cases(world: dict[str, Any]) -> None:
    a, case_a, case_b = world["a"], world["case_a"], world["case_b"]
    assert _ids(a) == {case_a["id"]}
    for path in (f"/cases/{case_b['id']}", f"/cases/{case_b['id']}/log"):
        response = a.get(path)
        assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    # Out of scope looks exactly like absent.
    absent = a.get(f"/cases/{uuid.uuid4()}")
    assert absent.status_code == 404 and error_of(absent)["code"] == "not_found"
    # Filtering on someone else does not widen the scope.
    assert _ids(a, inspector=world["b"].account.name) == set()


def test_a_supervisor_sees_their_districts_only(world: dict[str, Any]) -> None:
    supervisor = world["supervisor"]
    assert {world["case_a"]["id"], world["case_b"]["id"]} <= _ids(supervisor)
    assert world["case_c"]["id"] not in _ids(supervisor)
    assert supervisor.get(f"/cases/{world['case_a']['id']}").status_code == 200
    response = supervisor.get(f"/cases/{world['case_c']['id']}")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    assert _ids(supervisor, district="d3") == set()


def test_an_admin_sees_all(world: dict[str, Any]) -> None:
    admin = world["admin"]
    assert {world[k]["id"] for k in ("case_a", "case_b", "case_c")} <= _ids(admin)
    for key in ("case_a", "case_c"):
        assert admin.get(f"/cases/{world[key]['id']}/log").json()["problems"] == []


def test_a_unit_sees_only_what_was_dispatched_to_it(world: dict[str, Any]) -> None:
    unit = world["unit"]
    assert _ids(unit) == set()  # nothing dispatched yet (issue 5)
    assert unit.get(f"/cases/{world['case_a']['id']}").status_code == 404


def test_originals_follow_the_case_scope(world: dict[str, Any]) -> None:
    from tests.server.helpers import sha

    digest = sha(world["photo_a"])
    response = world["a"].get(f"/blobs/{digest}")
    assert response.status_code == 200 and response.content == world["photo_a"]
    assert response.headers["ETag"] == f'"{digest}"'
    assert world["supervisor"].get(f"/blobs/{digest}").status_code == 200
    assert world["admin"].get(f"/blobs/{digest}").content == world["photo_a"]
    for who in ("b", "c", "unit"):
        response = world[who].get(f"/blobs/{digest}")
        assert response.status_code == 404 and error_of(response)["code"] == "not_found", who
    assert world["a"].get(f"/blobs/{'0' * 64}").status_code == 404


def test_filters_and_keyset_pages(live: LiveServer, world: dict[str, Any]) -> None:
    admin = world["admin"]
    assert world["case_b"]["id"] in _ids(admin, subtype="broken", type="manhole_cover")
    assert world["case_b"]["id"] not in _ids(admin, subtype="missing")
    assert world["case_a"]["id"] in _ids(admin, state="received", district="d2")
    assert _ids(admin, state="filed") == set()
    assert _ids(admin, overdue="true") == set()
    assert world["case_a"]["id"] in _ids(admin, overdue="false")
    everything = _ids(admin)
    paged: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = admin.get("/cases", params=params).json()
        paged += [c["id"] for c in page["cases"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(paged) == len(set(paged)) and set(paged) == everything
    for params in ({"limit": 0}, {"limit": 501}, {"cursor": "###"}, {"overdue": "maybe"}, {"district": "\x00"}):
        response = admin.get("/cases", params=params)
        assert response.status_code == 422, params
        error_of(response)
    shown = admin.get("/cases", params={"limit": 1}).json()["cases"][0]
    for key in (
        "id",
        "code",
        "official_number",
        "type",
        "subtype",
        "status",
        "hazard",
        "location",
        "address",
        "description",
        "district",
        "fields",
        "officers",
        "photos",
        "inspector",
        "device",
        "created_at",
        "updated_at",
        "sync",
        "review_note",
        "deadlines",
    ):
        assert key in shown, key

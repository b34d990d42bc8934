"""The supervisor desk's reads: the queue order (most severe hazard first, then oldest), free-text search,
and the possible duplicates near a case — each within the caller's scope, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from server import schema as t
from server.cases import distance_m
from server.store import utcnow
from tests.server.conftest import LiveServer
from tests.server.helpers import Client, build_case, envelope, error_of, photo_bytes, upload

LAT, LON = 34.7466, 113.6253
METRE_LAT = 1 / 111_195  # degrees of latitude per metre on the mean Earth radius


def _district(live: LiveServer) -> str:
    code = f"q{secrets.token_hex(3)}"
    live.core.accounts.add_district(code, f"District {code}")
    return code


def _send(tablet: Client, district: str, **changes: Any) -> dict[str, Any]:
    """One case through sync (its photo uploaded first), with changes to the tablet's body."""
    assert tablet.account is not None
    photos = [photo_bytes(f"{uuid.uuid4()}-{i}") for i in range(2)]
    for data in photos:
        upload(tablet, data)
    subtype = changes.pop("subtype", "missing")
    case, events = build_case(tablet.account.name, tablet.device_id, district, photos, subtype=subtype)
    case.update(changes)
    response = tablet.post("/sync/cases", json={"cases": [envelope(case, events)]})
    assert response.json()["results"][0]["outcome"] == "accepted", response.text
    return case


def _pages(client: Client, limit: int, **params: Any) -> list[str]:
    ids: list[str] = []
    cursor = None
    while True:
        query = {"limit": limit, **params, **({"cursor": cursor} if cursor else {})}
        response = client.get("/cases", params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        ids += [c["id"] for c in page["cases"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return ids


def test_the_queue_puts_the_most_severe_first_then_the_oldest(live: LiveServer) -> None:
    district = _district(live)
    tablet = live.tablet(district=district)
    # Sent in this order (each its own batch): the queue ranks by hazard level, then by arrival.
    sent = [_send(tablet, district, hazard=h)["id"] for h in ("medium", "urgent", "low", "high", "urgent", "medium")]
    medium1, urgent1, low, high, urgent2, medium2 = sent
    queue = [urgent1, urgent2, high, medium1, medium2, low]
    supervisor = live.login(live.user("supervisor", districts=(district,)))
    first = supervisor.get("/cases", params={"order": "queue"}).json()
    assert [c["id"] for c in first["cases"]] == queue and first["next_cursor"] is None
    assert [c["hazard"] for c in first["cases"]] == ["urgent", "urgent", "high", "medium", "medium", "low"]
    # Paged by cursor: the same order, every case once, whatever the page size.
    for limit in (1, 2, 4):
        assert _pages(supervisor, limit, order="queue") == queue
    # The default stays newest first; the inspector sees the same queue of their own cases.
    assert _pages(supervisor, 50) == sent[::-1]
    assert _pages(tablet, 2, order="queue") == queue
    # Filters combine with the order.
    assert _pages(supervisor, 1, order="queue", state="received") == queue
    assert _pages(supervisor, 50, order="queue", subtype="missing") == queue
    assert _pages(supervisor, 50, order="queue", state="filed") == []
    # A cursor belongs to its order; an unknown order is refused.
    newest_cursor = supervisor.get("/cases", params={"limit": 1}).json()["next_cursor"]
    queue_cursor = supervisor.get("/cases", params={"limit": 1, "order": "queue"}).json()["next_cursor"]
    for params in (
        {"order": "queue", "cursor": newest_cursor},
        {"cursor": queue_cursor},
        {"order": "oldest"},
        {"order": "queue", "q": ""},
    ):
        response = supervisor.get("/cases", params=params)
        assert response.status_code == 422, params
        error_of(response)


def test_the_queue_keeps_to_the_callers_scope(live: LiveServer) -> None:
    mine, other = _district(live), _district(live)
    a = live.tablet(district=mine)
    b = live.tablet(district=mine)
    c = live.tablet(district=other)
    case_a = _send(a, mine, hazard="low")["id"]
    case_b = _send(b, mine, hazard="urgent")["id"]
    case_c = _send(c, other, hazard="urgent")["id"]
    supervisor = live.login(live.user("supervisor", districts=(mine,)))
    assert _pages(supervisor, 1, order="queue") == [case_b, case_a]
    assert _pages(a, 1, order="queue") == [case_a]
    assert _pages(supervisor, 5, order="queue", district=other) == []
    admin = live.login(live.user("admin"))
    everything = _pages(admin, 500, order="queue")
    assert {case_a, case_b, case_c} <= set(everything)
    assert everything.index(case_b) < everything.index(case_a) and everything.index(case_c) < everything.index(case_a)
    unit = live.login(live.user("unit", unit="water_supply_co"))
    assert case_b not in _pages(unit, 500, order="queue")


def test_free_text_search_over_code_address_and_description(live: LiveServer) -> None:
    district = _district(live)
    a = live.tablet(district=district)
    b = live.tablet(district=district)
    token = secrets.token_hex(4)
    by_description = _send(a, district, description=f"Cover missing near the {token.upper()} kiosk")["id"]
    by_address = _send(a, district, address=f"金水路 18 号 {token}")["id"]
    by_code = _send(a, district, code=f"T01-20261120-{secrets.randbelow(10_000):04d}")
    percent = _send(a, district, description="water leak, 100% blocked_drain")["id"]
    other = _send(b, district, description=f"{token} seen by someone else")["id"]
    supervisor = live.login(live.user("supervisor", districts=(district,)))
    assert set(_pages(supervisor, 50, q=token)) == {by_description, by_address, other}
    assert set(_pages(supervisor, 50, q=token.upper())) == {by_description, by_address, other}  # any case
    assert set(_pages(a, 50, q=token)) == {by_description, by_address}  # the inspector's own only
    assert _pages(supervisor, 50, q=by_code["code"]) == [by_code["id"]]
    assert _pages(supervisor, 50, q="金水路 18 号") == [by_address]
    # LIKE's wildcards are plain characters in q.
    assert _pages(supervisor, 50, q="100%") == [percent]
    assert _pages(supervisor, 50, q="_") == [percent]
    assert _pages(supervisor, 50, q="%") == [percent]
    # With the queue order and another filter.
    assert _pages(supervisor, 1, q=token, order="queue", inspector=b.account.name) == [other]  # type: ignore[union-attr]
    response = supervisor.get("/cases", params={"q": "x" * 101})
    assert response.status_code == 422
    error_of(response)


def _insert(
    live: LiveServer,
    *,
    district: str,
    metres_north: float,
    type_: str = "manhole_cover",
    base: float = LAT,
    **row: Any,
) -> str:
    """A case row as sync would store it, `metres_north` of the reference latitude `base`."""
    case_id = str(uuid.uuid4())
    now = utcnow()
    values: dict[str, Any] = {
        "id": case_id,
        "code": f"T-{uuid.uuid4().hex[:8]}",
        "inspector": "nobody",
        "district": district,
        "type": type_,
        "subtype": "missing",
        "hazard": "urgent",
        "priority": 0,
        "state": "received",
        "lat": base + metres_north * METRE_LAT,
        "lon": LON,
        "revision": 1,
        "body_hash": "0" * 64,
        "case_json": json.dumps({"id": case_id}),
        "receipt_json": "{}",
        "chain_seq": 1,
        "chain_head": "0" * 64,
        "tablet_seq": 1,
        "received_at": now,
        "changed_at": now,
        **row,
    }
    with live.core.store.write() as conn:
        conn.execute(t.cases.insert().values(**values))
    return case_id


def test_nearby_cases_of_the_same_type_nearest_first_in_scope(live: LiveServer) -> None:
    mine, other = _district(live), _district(live)
    base = 30 + secrets.randbelow(10**6) / 10**5  # a spot no other test uses
    target = _insert(live, district=mine, base=base, metres_north=0)
    at_25 = _insert(live, district=mine, base=base, metres_north=25)
    at_10 = _insert(live, district=mine, base=base, metres_north=-10)
    _insert(live, district=mine, base=base, metres_north=45)  # outside 30 m
    _insert(live, district=mine, base=base, metres_north=5, type_="illegal_construction")  # another type
    _insert(live, district=other, base=base, metres_north=3)  # outside the supervisor's scope
    _insert(live, district=mine, base=base, metres_north=2, received_at=utcnow() - timedelta(days=9))  # outside 7 days
    far_in_time = _insert(live, district=mine, base=base, metres_north=20, received_at=utcnow() + timedelta(days=6))
    _insert(live, district=mine, base=base, metres_north=1, lat=None, lon=None)  # no location
    supervisor = live.login(live.user("supervisor", districts=(mine,)))
    response = supervisor.get(f"/cases/{target}/nearby")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["case_id"] == target and body["radius_m"] == 30 and body["days"] == 7
    assert [c["id"] for c in body["cases"]] == [at_10, far_in_time, at_25]
    distances = [c["distance_m"] for c in body["cases"]]
    assert distances == sorted(distances)
    assert abs(distances[0] - 10) < 0.2 and abs(distances[2] - 25) < 0.2
    assert abs(distance_m(base, LON, base + 25 * METRE_LAT, LON) - 25) < 0.01
    # Parameters: a wider radius takes in the case at 45 m; a shorter window leaves out the later one.
    wider = supervisor.get(f"/cases/{target}/nearby", params={"radius_m": 50}).json()["cases"]
    assert len(wider) == 4 and wider[-1]["distance_m"] > 44
    shorter = supervisor.get(f"/cases/{target}/nearby", params={"days": 5}).json()["cases"]
    assert [c["id"] for c in shorter] == [at_10, at_25]
    assert [c["id"] for c in supervisor.get(f"/cases/{target}/nearby", params={"limit": 1}).json()["cases"]] == [at_10]
    # An admin also sees the case in the other district.
    admin = live.login(live.user("admin"))
    assert len(admin.get(f"/cases/{target}/nearby").json()["cases"]) == 4
    for params in ({"radius_m": 0}, {"radius_m": 1001}, {"days": -1}, {"radius_m": "nan"}, {"limit": 0}):
        response = supervisor.get(f"/cases/{target}/nearby", params=params)
        assert response.status_code == 422, params
        error_of(response)


def test_nearby_is_404_outside_the_scope_and_empty_without_a_location(live: LiveServer) -> None:
    mine, other = _district(live), _district(live)
    theirs = _insert(live, district=other, metres_north=0)
    nowhere = _insert(live, district=mine, metres_north=0, lat=None, lon=None)
    supervisor = live.login(live.user("supervisor", districts=(mine,)))
    for case_id in (theirs, str(uuid.uuid4())):
        response = supervisor.get(f"/cases/{case_id}/nearby")
        assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    assert supervisor.get(f"/cases/{nowhere}/nearby").json()["cases"] == []


def test_an_inspector_sees_only_their_own_cases_nearby(live: LiveServer) -> None:
    district = _district(live)
    a = live.tablet(district=district)
    b = live.tablet(district=district)
    first = _send(a, district)["id"]
    second = _send(a, district, location={"lat": LAT + 8 * METRE_LAT, "lon": LON, "accuracy_m": 5.0, "source": "photo"})
    _send(b, district)  # the same spot, another inspector
    body = a.get(f"/cases/{first}/nearby").json()
    assert [(c["id"], round(c["distance_m"])) for c in body["cases"]] == [(second["id"], 8)]
    supervisor = live.login(live.user("supervisor", districts=(district,)))
    assert len(supervisor.get(f"/cases/{first}/nearby").json()["cases"]) == 2
    with live.core.store.read() as conn:
        row = conn.execute(sa.select(t.cases.c.priority, t.cases.c.address).where(t.cases.c.id == first)).one()
    assert row.priority == 0 and row.address == "Jinshui Road 18"

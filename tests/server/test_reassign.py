"""Reassigning inspectors' field work (`POST /cases/reassign`, `GET /users`): one case, all of an inspector's
open cases, every refusal changing nothing, the audit event, the feeds, the reporter still credited in the
figures, and the new holder's revision accepted — on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
import requests

from app.domain.audit import AuditEvent
from tests.server.conftest import LiveServer
from tests.server.helpers import Client, build_case, chain, envelope, error_of, photo_bytes, upload


def _received(tablet: Client, district: str = "d1") -> str:
    assert tablet.account is not None
    photos = [photo_bytes(f"{uuid.uuid4()}-{i}") for i in range(2)]
    for data in photos:
        upload(tablet, data)
    case, events = build_case(tablet.account.name, tablet.device_id, district, photos)
    answer = tablet.post("/sync/cases", json={"cases": [envelope(case, events)]})
    assert answer.status_code == 200 and answer.json()["results"][0]["outcome"] == "accepted", answer.text
    return str(case["id"])


def _ok(client: Client, case_id: str, action: str, **body: Any) -> dict[str, Any]:
    answer = client.post(f"/cases/{case_id}/decisions", json={"action": action, **body})
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def _reassign(client: Client, **body: Any) -> Any:
    if "from_" in body:
        body["from"] = body.pop("from_")
    return client.post("/cases/reassign", json={"note": "Wang is on sick leave", **body})


def _feed(tablet: Client) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = tablet.get("/sync/changes").json()["changes"]
    return changes


@pytest.fixture
def live(make_server: Callable[..., LiveServer]) -> LiveServer:
    return make_server()


@pytest.fixture
def world(live: LiveServer) -> dict[str, Client]:
    a = live.user("inspector", districts=("d1",), name="wang")
    b = live.user("inspector", districts=("d1",), name="li")
    return {
        "a": live.tablet(a),
        "b": live.tablet(b),
        "far": live.tablet(live.user("inspector", districts=("d2",), name="zhao"), district="d2"),
        "boss": live.login(live.user("supervisor", districts=("d1",))),
        "far_boss": live.login(live.user("supervisor", districts=("d2",))),
        "admin": live.login(live.user("admin")),
        "unit": live.login(live.user("unit", unit="water_supply_co")),
    }


def _state(client: Client, case_id: str) -> tuple[Any, ...]:
    case = client.get(f"/cases/{case_id}").json()
    log = client.get(f"/cases/{case_id}/log").json()
    return case["assignee"], case["inspector"], case["server"]["version"], len(log["events"])


def test_reassign_one_case_records_who_from_to_why_and_feeds_both_tablets(
    live: LiveServer, world: dict[str, Client]
) -> None:
    a, b, boss = world["a"], world["b"], world["boss"]
    case_id = _received(a)
    _ok(boss, case_id, "return", note="a close-up of the frame, please")
    assert b.get(f"/cases/{case_id}").status_code == 404  # not li's yet
    seen_a, seen_b = len(_feed(a)), len(_feed(b))

    answer = _reassign(boss, cases=[case_id], to="li")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["reassigned"], body["unchanged"], body["refused"]) == (1, 0, 0)
    [result] = body["results"]
    assert result["outcome"] == "reassigned" and result["from"] == "wang" and result["status"] == 200
    case = result["case"]
    assert case["assignee"] == "li" and case["inspector"] == "wang" and case["status"] == "returned"

    log = boss.get(f"/cases/{case_id}/log").json()
    assert log["problems"] == []
    last = log["events"][-1]
    assert last["action"] == "reassign" and last["role"] == "supervisor" and last["from"] == last["to"] == "returned"
    assert last["changes"] == {"from": "wang", "to": "li", "reporter": "wang", "note": "Wang is on sick leave"}
    assert last["actor"] == boss.account.name  # type: ignore[union-attr]

    # li's tablet gets it as work, with its whole trail (that tablet never had the case).
    new_b = _feed(b)[seen_b:]
    assert [(c["case_id"], c["kind"]) for c in new_b] == [(case_id, "task")]
    assert [e["seq"] for e in new_b[0]["events"]] == list(range(1, len(log["events"]) + 1))
    # wang's tablet hears it went (the server's events only, as ever).
    new_a = _feed(a)[seen_a:]
    assert [(c["case_id"], c["kind"]) for c in new_a] == [(case_id, "decision")]
    assert new_a[0]["events"][-1]["action"] == "reassign" and new_a[0]["case"]["assignee"] == "li"
    # Both may read it (the reporter keeps sight of their report) and its photos.
    assert b.get(f"/cases/{case_id}").status_code == 200 and a.get(f"/cases/{case_id}").status_code == 200
    sha = case["photos"][0]["sha256"]
    assert b.get(f"/blobs/{sha}").status_code == 200
    # The queue's inspector filter still finds the reporter's case.
    assert [c["id"] for c in boss.get("/cases", params={"inspector": "wang"}).json()["cases"]] == [case_id]

    # Again: a no-op answer, not an error, and no second event.
    again = _reassign(boss, cases=[case_id], to="li").json()
    assert again["results"][0]["outcome"] == "unchanged" and again["unchanged"] == 1
    assert len(boss.get(f"/cases/{case_id}/log").json()["events"]) == len(log["events"])


def test_the_new_holder_completes_the_returned_case_and_the_old_one_is_refused(
    live: LiveServer, world: dict[str, Client]
) -> None:
    a, b, boss = world["a"], world["b"], world["boss"]
    case_id = _received(a)
    _ok(boss, case_id, "return", note="more photos")
    _reassign(boss, cases=[case_id], to="li")
    events = b.get(f"/cases/{case_id}/log").json()["events"]
    body = {k: v for k, v in b.get(f"/cases/{case_id}").json().items() if k not in _SERVER_KEYS}
    steps = [("edit", "returned", "returned", {"description": "x"}), ("submit", "returned", "submitted", {})]

    def revision_2(tablet: Client) -> dict[str, Any]:
        assert tablet.account is not None
        new = chain(case_id, tablet.account.name, tablet.device_id, steps, previous=AuditEvent.from_json(events[-1]))
        doc = envelope({**body, "status": "submitted", "revision": 2}, [*events, *new], revision=2)
        answer = tablet.post("/sync/cases", json={"cases": [doc]})
        assert answer.status_code == 200, answer.text
        result: dict[str, Any] = answer.json()["results"][0]
        return result

    old = revision_2(a)
    assert old["outcome"] == "refused" and "reassigned to li" in old["message"]
    assert world["far"].post("/sync/cases", json={"cases": []}).status_code in (200, 422)
    new = revision_2(b)
    assert new["outcome"] == "accepted" and new["status"] == "received", new
    case = boss.get(f"/cases/{case_id}").json()
    assert case["inspector"] == "wang" and case["assignee"] == "li" and case["revision"] == 2
    assert boss.get(f"/cases/{case_id}/log").json()["problems"] == []
    # The decisions after it go to li's feed, not wang's.
    seen_a = len(_feed(a))
    _ok(boss, case_id, "file")
    assert len(_feed(a)) == seen_a and _feed(b)[-1]["case"]["status"] == "filed"


_SERVER_KEYS = {"revision", "unit", "deferred", "deadlines", "server", "assignee", "grid"}


def test_all_of_an_inspectors_open_cases_and_the_figures_credit_the_reporter(
    live: LiveServer, world: dict[str, Client]
) -> None:
    a, boss, admin = world["a"], world["boss"], world["admin"]
    returned, filed, closed_one = _received(a), _received(a), _received(a)
    rejected, far_case = _received(a), _received(world["far"], "d2")
    _ok(boss, returned, "return", note="more")
    _ok(boss, filed, "file")
    _ok(boss, rejected, "reject", reason="not a case")
    for action, who in (("file", boss), ("dispatch", boss), ("dispose", world["unit"])):
        _ok(who, closed_one, action, **({"note": "done"} if action == "dispose" else {}))

    preview = _reassign(boss, from_="wang", to="li", dry_run=True).json()
    assert preview["dry_run"] is True and preview["reassigned"] == 3
    assert {r["id"] for r in preview["results"]} == {returned, filed, closed_one}
    assert all(r["case"] is None for r in preview["results"])
    assert boss.get(f"/cases/{filed}").json()["assignee"] == "wang"  # a dry run changes nothing

    body = _reassign(boss, from_="wang", to="li").json()
    assert body["reassigned"] == 3 and body["refused"] == 0
    for case_id in (returned, filed, closed_one):
        assert boss.get(f"/cases/{case_id}").json()["assignee"] == "li"
    assert boss.get(f"/cases/{rejected}").json()["assignee"] == "wang"  # final: not open work
    # Nothing left with wang; li's count shows in the users list.
    assert _reassign(boss, from_="wang", to="li").json()["results"] == []
    users = {u["name"]: u for u in boss.get("/users", params={"district": "d1"}).json()["users"]}
    assert {"wang", "li"} <= set(users) and "zhao" not in users
    assert users["li"]["open_cases"] == 3 and users["wang"]["open_cases"] == 0
    assert users["li"]["districts"] == ["d1"] and users["li"]["disabled"] is False

    # The queue's inspector filter finds a case by its reporter and by its holder.
    held = {c["id"] for c in boss.get("/cases", params={"inspector": "li"}).json()["cases"]}
    reported = {c["id"] for c in boss.get("/cases", params={"inspector": "wang"}).json()["cases"]}
    assert held == {returned, filed, closed_one} and {returned, filed, closed_one, rejected} <= reported
    points = boss.get("/cases/points", params={"inspector": "li"}).json()
    assert points["count"] == len(held)  # the desk map filters the same way

    # The figures still credit wang, who reported them.
    today = date.today()
    period = {"from": (today - timedelta(days=1)).isoformat(), "to": (today + timedelta(days=1)).isoformat()}
    rows = {r["key"]: r for r in admin.get("/evaluation", params={**period, "by": "inspector"}).json()["rows"]}
    assert rows["wang"]["reported"] == 4 and "li" not in rows

    # Back to the reporter: no assignee left.
    back = _reassign(admin, cases=[returned], to="wang").json()
    assert back["results"][0]["outcome"] == "reassigned" and back["results"][0]["case"]["assignee"] == "wang"
    assert far_case  # zhao's case in d2 was never in the supervisor's scope


def test_every_refusal_changes_nothing(live: LiveServer, world: dict[str, Client]) -> None:
    a, boss = world["a"], world["boss"]
    case_id = _received(a)
    far_case = _received(world["far"], "d2")
    rejected = _received(a)
    _ok(boss, rejected, "reject", reason="no")
    live.user("inspector", districts=("d1",), name="gone")
    live.core.accounts.disable_user("gone")
    live.user("supervisor", districts=("d1",), name="boss2")
    before = _state(boss, case_id), _state(boss, rejected), _state(world["admin"], far_case)

    def refused(client: Client, status: int, code: str, **body: Any) -> None:
        answer = _reassign(client, **body)
        assert answer.status_code == status, answer.text
        assert error_of(answer)["code"] == code

    refused(a, 403, "role_refused", cases=[case_id], to="li")  # an inspector may not
    refused(world["unit"], 403, "role_refused", cases=[case_id], to="li")
    refused(boss, 422, "user_disabled", cases=[case_id], to="gone")
    refused(boss, 422, "not_an_inspector", cases=[case_id], to="boss2")
    refused(boss, 422, "unknown_user", cases=[case_id], to="nobody")
    refused(boss, 422, "missing_field", cases=[case_id], to="li", note="  ")
    answer = boss.post("/cases/reassign", json={"cases": [case_id], "from": "wang", "to": "li", "note": "x"})
    assert answer.status_code == 422  # one selection, not two

    def per_case(client: Client, case: str, to: str, status: int, code: str) -> None:
        body = _reassign(client, cases=[case], to=to).json()
        assert body["reassigned"] == 0 and body["refused"] == 1
        [result] = body["results"]
        assert result["outcome"] == "refused" and result["status"] == status and result["error"]["code"] == code

    per_case(boss, case_id, "zhao", 422, "not_in_district")  # zhao works in d2
    per_case(boss, rejected, "li", 409, "case_closed")
    per_case(boss, far_case, "li", 404, "not_found")  # outside the supervisor's districts
    per_case(world["far_boss"], case_id, "zhao", 404, "not_found")
    per_case(boss, str(uuid.uuid4()), "li", 404, "not_found")
    # A mixed request: the good one moves, the refused one does not.
    mixed = _reassign(boss, cases=[rejected, case_id], to="li").json()
    assert [r["outcome"] for r in mixed["results"]] == ["refused", "reassigned"]
    assert _state(boss, rejected) == before[1] and _state(world["admin"], far_case) == before[2]
    assert _state(boss, case_id)[0] == "li" and before[0][0] == "wang"
    # Users: supervisors and admins only, a supervisor's districts only.
    assert a.get("/users").status_code == 403
    assert [u["name"] for u in boss.get("/users", params={"district": "d2"}).json()["users"]] == []
    assert "zhao" in [u["name"] for u in world["admin"].get("/users", params={"district": "d2"}).json()["users"]]


def test_the_endpoints_are_in_the_openapi_schema(live: LiveServer) -> None:
    schema = requests.get(f"{live.url}/openapi.json", timeout=10).json()
    assert "post" in schema["paths"]["/api/v1/cases/reassign"]
    assert "get" in schema["paths"]["/api/v1/users"]
    assert "ReassignRequest" in schema["components"]["schemas"]


def test_the_server_cli_reassigns_as_it(
    live: LiveServer, world: dict[str, Client], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from server.cli import main

    monkeypatch.setenv("FIELDCASE_ARGON2_TIME_COST", "1")
    monkeypatch.setenv("FIELDCASE_ARGON2_MEMORY_KIB", "8192")
    a, boss = world["a"], world["boss"]
    case_id, rejected = _received(a), _received(a)
    _ok(boss, rejected, "reject", reason="no")
    base = ["--data-dir", str(live.config.data_dir), "--database", live.config.database_url, "--json"]

    def run(*args: str) -> tuple[int, Any]:
        code = main([*base, "case", "reassign", *args])
        out = capsys.readouterr().out
        return code, json.loads(out) if out.strip() else None

    code, out = run("--from", "wang", "--to", "li", "--note", "IT: wang left", "--dry-run")
    assert code == 0 and out["dry_run"] and out["reassigned"] == 1
    assert boss.get(f"/cases/{case_id}").json()["assignee"] == "wang"
    code, out = run("--case", case_id, "--case", rejected, "--to", "li", "--note", "IT: wang left")
    assert code == 4 and [r["outcome"] for r in out["results"]] == ["reassigned", "refused"]
    event = boss.get(f"/cases/{case_id}/log").json()["events"][-1]
    assert (event["action"], event["actor"], event["role"]) == ("reassign", "cli", "admin")
    assert main([*base, "case", "reassign", "--to", "li", "--note", "x"]) == 2  # neither --case nor --from
    capsys.readouterr()

"""The rest of the closed loop on the server: automatic closing on confirmation (when the bureau sets it),
the disposal unit's change feed, and disposal photos readable by whoever may see the case — on SQLite
and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from server import schema as t
from server.config import ServerConfig, parse_switch
from tests.server.conftest import LiveServer
from tests.server.helpers import Client, error_of, photo_bytes, sha, upload
from tests.server.test_decisions import _answer, _decide, _ok, _received

CONFIRM = [("add_photos", "disposed", "disposed", {"photos": ["f" * 64]}), ("confirm", "disposed", "verified", {})]
DISPUTE = [("add_photos", "disposed", "disposed", {"photos": ["f" * 64]}), ("dispute", "disposed", "dispatched", {})]


def _people(live: LiveServer) -> dict[str, Client]:
    return {
        "tablet": live.tablet(),
        "boss": live.login(live.user("supervisor", districts=("d1",))),
        "unit": live.login(live.user("unit", unit="water_supply_co")),
        "other_unit": live.login(live.user("unit", unit="gas_co")),
        "other_inspector": live.tablet(),
        "far_boss": live.login(live.user("supervisor", districts=("d2",))),
    }


def _disposed(live: LiveServer, who: dict[str, Client]) -> str:
    case_id = _received(live, who["tablet"])
    _ok(who["boss"], case_id, "file")
    _ok(who["boss"], case_id, "dispatch")
    _ok(who["unit"], case_id, "dispose", note="new cover fitted")
    return case_id


def _feed(client: Client, case_id: str | None = None) -> list[dict[str, Any]]:
    response = client.get("/sync/changes", params={"limit": 500})
    assert response.status_code == 200, response.text
    changes: list[dict[str, Any]] = response.json()["changes"]
    return [c for c in changes if case_id is None or c["case_id"] == case_id]


def test_a_confirmation_closes_the_case_when_the_bureau_says_so(make_server: Callable[..., LiveServer]) -> None:
    live = make_server(auto_close=True)
    who = _people(live)
    case_id = _disposed(live, who)
    result = _answer(who["tablet"], case_id, CONFIRM)
    assert result["outcome"] == "accepted" and result["status"] == "closed"
    case = who["boss"].get(f"/cases/{case_id}").json()
    assert case["status"] == "closed"
    log = who["boss"].get(f"/cases/{case_id}/log").json()
    assert log["problems"] == []
    last_two = [(e["action"], e["role"], e["actor"], e["from"], e["to"]) for e in log["events"][-2:]]
    assert last_two == [
        ("confirm", "inspector", who["tablet"].account.name, "disposed", "verified"),  # type: ignore[union-attr]
        ("close", "system", None, "verified", "closed"),
    ]
    assert log["events"][-1]["changes"]["automatic"] is True
    # The receipt names the chain's head after the system's close; the tablet hears of it in its feed.
    assert result["receipt"]["chain_head"] == log["events"][-1]["hash"] == case["server"]["chain_head"]
    last = _feed(who["tablet"], case_id)[-1]
    assert last["case"]["status"] == "closed" and [e["action"] for e in last["events"]][-1] == "close"
    with live.core.store.read() as conn:
        row = conn.execute(
            sa.select(t.cases.c.closed_at, t.cases.c.hours_to_close).where(t.cases.c.id == case_id)
        ).one()
    assert row.closed_at is not None and row.hours_to_close is not None and row.hours_to_close >= 0
    # The same revision again is `already`, with the same receipt; nothing is closed twice.
    again = _answer_again(who["tablet"], case_id)
    assert again["outcome"] == "already" and again["receipt"]["chain_head"] == result["receipt"]["chain_head"]
    closing = _decide(who["boss"], case_id, "close")
    assert closing.status_code == 409 and error_of(closing)["code"] == "state_refused"
    # A dispute is never closed: it goes back to the unit.
    disputed = _disposed(live, who)
    assert _answer(who["tablet"], disputed, DISPUTE)["status"] == "dispatched"


def _answer_again(tablet: Client, case_id: str) -> dict[str, Any]:
    """The revision 2 the tablet sent, sent again (a retry after a lost answer)."""
    with_events = tablet.get(f"/cases/{case_id}/log").json()["events"]
    body = {
        k: v
        for k, v in tablet.get(f"/cases/{case_id}").json().items()
        if k not in {"revision", "unit", "deferred", "deadlines", "server"}
    }
    tablet_part = [e for e in with_events if e["action"] != "close" or e["role"] != "system"]
    response = tablet.post(
        "/sync/cases",
        json={"cases": [{"id": case_id, "revision": 2, "case": {**body, "revision": 2}, "events": tablet_part}]},
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["results"][0]
    return result


def test_without_the_setting_a_confirmation_waits_for_the_supervisor(make_server: Callable[..., LiveServer]) -> None:
    live = make_server()
    who = _people(live)
    case_id = _disposed(live, who)
    assert _answer(who["tablet"], case_id, CONFIRM)["status"] == "verified"
    assert who["boss"].get(f"/cases/{case_id}/log").json()["events"][-1]["action"] == "confirm"
    closed = _ok(who["boss"], case_id, "close")
    assert closed["status"] == "closed"


def test_the_switch_is_read_from_the_environment(tmp_path: Any) -> None:
    assert ServerConfig.from_env({"FIELDCASE_AUTO_CLOSE": "yes"}, data_dir=tmp_path).auto_close is True
    assert ServerConfig.from_env({"FIELDCASE_AUTO_CLOSE": "0"}, data_dir=tmp_path).auto_close is False
    assert ServerConfig.from_env({}, data_dir=tmp_path).auto_close is False
    on = ServerConfig(data_dir=tmp_path, auto_close=True)
    assert ServerConfig.from_env(on.to_env()).auto_close is True
    for bad in ("maybe", "2", ""):
        try:
            parse_switch(bad, "FIELDCASE_AUTO_CLOSE")
        except ValueError as exc:
            assert "FIELDCASE_AUTO_CLOSE" in str(exc)
        else:
            raise AssertionError(f"{bad!r} was taken")


def test_a_unit_hears_of_its_work_in_its_change_feed(make_server: Callable[..., LiveServer]) -> None:
    live = make_server()
    who = _people(live)
    unit, boss = who["unit"], who["boss"]
    case_id = _received(live, who["tablet"])
    _ok(boss, case_id, "file")
    assert _feed(unit, case_id) == []  # nothing for the unit before dispatch
    _ok(boss, case_id, "dispatch")
    [task] = _feed(unit, case_id)
    assert (
        task["kind"] == "task" and task["case"]["status"] == "dispatched" and task["case"]["unit"] == "water_supply_co"
    )
    assert [e["action"] for e in task["events"]][-1] == "dispatch"
    _ok(boss, case_id, "defer", reason="agreed with the unit", hours=4)
    _ok(unit, case_id, "dispose", note="done")
    _ok(boss, case_id, "send_back", note="the cover rocks")
    _ok(unit, case_id, "dispose", note="done again")
    assert _answer(who["tablet"], case_id, DISPUTE)["status"] == "dispatched"
    kinds = [(c["kind"], c["case"]["status"]) for c in _feed(unit, case_id)]
    assert kinds == [("task", "dispatched"), ("decision", "dispatched"), ("task", "dispatched"), ("task", "dispatched")]
    # Sequences are the unit's own; a cursor pages them; another unit hears nothing.
    first = unit.get("/sync/changes", params={"limit": 1}).json()
    rest = unit.get("/sync/changes", params={"cursor": first["next_cursor"]}).json()
    assert first["more"] is True and [c["seq"] for c in first["changes"] + rest["changes"]] == [1, 2, 3, 4]
    assert _feed(who["other_unit"]) == []


def test_disposal_photos_are_readable_by_those_who_may_see_the_case(make_server: Callable[..., LiveServer]) -> None:
    live = make_server()
    who = _people(live)
    case_id = _received(live, who["tablet"])
    _ok(who["boss"], case_id, "file")
    _ok(who["boss"], case_id, "dispatch")
    # The unit uploads its photos as a tablet does (POST /sync/blobs/missing, then PATCH chunks from the
    # offset), with its login alone: a unit user needs no enrolled device.
    proof = photo_bytes(f"after-{case_id}", size=200_000)
    digest = sha(proof)
    missing = who["unit"].post("/sync/blobs/missing", json={"hashes": [digest]})
    assert missing.status_code == 200 and missing.json()["missing"] == [digest]
    assert upload(who["unit"], proof, chunk=64 * 1024)["complete"] is True
    # Uploaded but not yet part of any case: nobody but an admin reads it.
    assert who["unit"].get(f"/blobs/{digest}").status_code == 404
    _ok(who["unit"], case_id, "dispose", note="new cover fitted", photos=[digest, digest])
    for name in ("unit", "boss", "tablet"):
        response = who[name].get(f"/blobs/{digest}")
        assert response.status_code == 200 and response.content == proof, name
    for name in ("other_unit", "other_inspector", "far_boss"):
        response = who[name].get(f"/blobs/{digest}")
        assert response.status_code == 404 and error_of(response)["code"] == "not_found", name
    with live.core.store.read() as conn:
        rows = conn.execute(sa.select(t.decision_photos.c.sha256, t.decision_photos.c.seq)).all()
    log = who["boss"].get(f"/cases/{case_id}/log").json()["events"]
    assert [(r.sha256, r.seq) for r in rows] == [(digest, log[-1]["seq"])] and log[-1]["action"] == "dispose"
    # After a send-back and a second disposal with the same photo, it is still readable, recorded twice.
    _ok(who["boss"], case_id, "send_back", note="not fixed")
    _ok(who["unit"], case_id, "dispose", note="fixed now", photos=[digest])
    assert who["boss"].get(f"/blobs/{digest}").status_code == 200

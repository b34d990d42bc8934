"""Decisions on cases (`POST /cases/{id}/decisions`): the loop's server steps, their refusals, concurrent
decisions, and deadlines on the working calendar — on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from app.domain.audit import AuditEvent
from server.accounts import Principal
from server.decisions import DecisionRequest
from tests.server.conftest import LiveServer
from tests.server.helpers import Client, build_case, chain, envelope, error_of, photo_bytes, sha, upload


def _received(live: LiveServer, tablet: Client, subtype: str = "missing") -> str:
    assert tablet.account is not None
    photos = [photo_bytes(f"{uuid.uuid4()}-{i}") for i in range(2)]
    for data in photos:
        upload(tablet, data)
    case, events = build_case(tablet.account.name, tablet.device_id, "d1", photos, subtype=subtype)
    answer = tablet.post("/sync/cases", json={"cases": [envelope(case, events)]})
    assert answer.status_code == 200 and answer.json()["results"][0]["outcome"] == "accepted", answer.text
    return str(case["id"])


def _decide(client: Client, case_id: str, action: str, **body: Any) -> Any:
    return client.post(f"/cases/{case_id}/decisions", json={"action": action, **body})


def _ok(client: Client, case_id: str, action: str, **body: Any) -> dict[str, Any]:
    answer = _decide(client, case_id, action, **body)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


@pytest.fixture
def live(make_server: Callable[..., LiveServer]) -> LiveServer:
    """A server of its own: decisions dispatch to the catalogue's units, which other tests' units watch."""
    return make_server()


@pytest.fixture
def desk(live: LiveServer) -> dict[str, Client]:
    return {
        "tablet": live.tablet(),
        "supervisor": live.login(live.user("supervisor", districts=("d1",))),
        "unit": live.login(live.user("unit", unit="water_supply_co")),
        "other_unit": live.login(live.user("unit", unit="gas_co")),
        "far_supervisor": live.login(live.user("supervisor", districts=("d2",))),
        "admin": live.login(live.user("admin")),
    }


def test_the_loop_on_the_server_file_dispatch_dispose_and_the_feed(live: LiveServer, desk: dict[str, Client]) -> None:
    tablet, boss, unit = desk["tablet"], desk["supervisor"], desk["unit"]
    case_id = _received(live, tablet)
    assert unit.get(f"/cases/{case_id}").status_code == 404  # not dispatched to the unit yet
    filed = _ok(boss, case_id, "file")
    year = datetime.now().year
    assert filed["status"] == "filed" and filed["official_number"].startswith(f"d1{year}")
    assert len(filed["official_number"]) == len(f"d1{year}") + 6
    second = _ok(boss, _received(live, tablet), "file")
    assert int(second["official_number"][-6:]) == int(filed["official_number"][-6:]) + 1

    dispatched = _ok(boss, case_id, "dispatch")
    assert dispatched["status"] == "dispatched" and dispatched["unit"] == "water_supply_co"  # the owner's unit
    [due] = dispatched["deadlines"]
    assert due["milestone"] == "disposal" and due["hours"] == 2 and due["overdue"] is False and due["met_at"] is None
    assert unit.get(f"/cases/{case_id}").status_code == 200
    assert [c["id"] for c in unit.get("/cases").json()["cases"]] == [case_id]
    assert desk["other_unit"].get(f"/cases/{case_id}").status_code == 404
    # Another unit may not dispose of it: outside its scope.
    assert _decide(desk["other_unit"], case_id, "dispose", note="done").status_code == 404

    proof = photo_bytes(f"after-{case_id}")
    upload(unit, proof)
    missing = _decide(unit, case_id, "dispose", note="new cover fitted", photos=["a" * 64])
    assert missing.status_code == 422 and error_of(missing)["code"] == "missing_photos"
    disposed = _ok(unit, case_id, "dispose", note="new cover fitted", photos=[sha(proof)])
    assert disposed["status"] == "disposed" and disposed["deadlines"][0]["met_at"] is not None

    log = boss.get(f"/cases/{case_id}/log").json()
    assert log["problems"] == []
    actions = [(e["action"], e["role"], e["to"]) for e in log["events"]][-4:]
    assert actions == [
        ("receive", "system", "received"),
        ("file", "supervisor", "filed"),
        ("dispatch", "supervisor", "dispatched"),
        ("dispose", "unit", "disposed"),
    ]
    assert log["events"][-1]["changes"]["photos"] == [sha(proof)]
    feed = tablet.get("/sync/changes").json()["changes"]
    mine = [c for c in feed if c["case_id"] == case_id]
    assert [c["kind"] for c in mine] == ["update", "decision", "decision", "task"]
    assert mine[-1]["case"]["status"] == "disposed"
    assert [e["action"] for e in mine[-1]["events"]] == ["receive", "file", "dispatch", "dispose"]


def test_returned_rejected_and_duplicate(live: LiveServer, desk: dict[str, Client]) -> None:
    tablet, boss = desk["tablet"], desk["supervisor"]
    first, second, third = (_received(live, tablet) for _ in range(3))
    no_note = _decide(boss, first, "return")
    assert no_note.status_code == 422 and "note" in error_of(no_note)["message"]
    returned = _ok(boss, first, "return", note="a close-up of the frame, please")
    assert returned["status"] == "returned" and returned["review_note"] == "a close-up of the frame, please"
    assert _decide(boss, second, "reject").status_code == 422
    assert _ok(boss, second, "reject", reason="not a public cover")["review_note"] == "not a public cover"
    assert _decide(boss, third, "duplicate").status_code == 422
    assert _decide(boss, third, "duplicate", duplicate_of=str(uuid.uuid4())).status_code == 422
    dup = _ok(boss, third, "duplicate", duplicate_of=first)
    assert dup["status"] == "duplicate" and dup["review_note"].startswith("duplicate of ")


def test_every_refused_decision_changes_nothing(live: LiveServer, desk: dict[str, Client]) -> None:
    tablet, boss, unit = desk["tablet"], desk["supervisor"], desk["unit"]
    case_id = _received(live, tablet)
    before = boss.get(f"/cases/{case_id}").json()
    needs = {
        "return": {"note": "n"},
        "reject": {"reason": "r"},
        "dispose": {"note": "n"},
        "send_back": {"note": "n"},
        "defer": {"reason": "r", "hours": 1},
        "duplicate": {"duplicate_of": case_id},
    }
    actions = ["file", "return", "reject", "duplicate", "dispatch", "defer", "dispose", "close", "send_back"]
    for action in actions:
        # The inspector and the admin take no decision (403 wins over any state).
        for who in (tablet, desk["admin"]):
            answer = _decide(who, case_id, action, **needs.get(action, {}))
            assert answer.status_code == 403, (action, answer.text)
            assert error_of(answer)["code"] == "role_refused"
        # A supervisor outside the case's districts does not see it.
        assert _decide(desk["far_supervisor"], case_id, action, **needs.get(action, {})).status_code == 404
    # The wrong state for a supervisor's action: 409.
    for action in ("dispatch", "defer", "dispose", "close", "send_back"):
        answer = _decide(boss, case_id, action, **needs.get(action, {}))
        assert answer.status_code == 409, (action, answer.text)
        assert error_of(answer)["code"] == "state_refused"
    assert _decide(boss, case_id, "explode").status_code == 422
    assert boss.get(f"/cases/{case_id}").json() == before
    _ok(boss, case_id, "file")
    _ok(boss, case_id, "dispatch")
    # A unit may dispose (of its own cases) but not file or close.
    for action in ("file", "close", "defer", "send_back"):
        assert _decide(unit, case_id, action, **needs.get(action, {})).status_code == 403
    assert _decide(boss, case_id, "file").status_code == 409
    assert _decide(boss, case_id, "dispatch", unit="no_such_unit").status_code == 409  # the state first
    # A decision on a version the caller did not see is refused.
    stale = _decide(boss, case_id, "defer", reason="agreed", hours=4, version=1)
    assert stale.status_code == 409 and error_of(stale)["code"] == "version_conflict"
    log = boss.get(f"/cases/{case_id}/log").json()
    assert [e["action"] for e in log["events"]][-3:] == ["receive", "file", "dispatch"]


def test_dispatch_to_another_unit_and_defer(live: LiveServer, desk: dict[str, Client]) -> None:
    tablet, boss = desk["tablet"], desk["supervisor"]
    case_id = _received(live, tablet, subtype="broken")
    _ok(boss, case_id, "file")
    assert _decide(boss, case_id, "dispatch", unit="no_such_unit").status_code == 422
    dispatched = _ok(boss, case_id, "dispatch", unit="gas_co")
    assert dispatched["unit"] == "gas_co"
    [due] = dispatched["deadlines"]
    assert _decide(boss, case_id, "defer", hours=8).status_code == 422  # no reason
    assert _decide(boss, case_id, "defer", reason="agreed").status_code == 422  # neither hours nor due_at
    deferred = _ok(boss, case_id, "defer", reason="parts on order", hours=8)
    assert deferred["status"] == "dispatched" and deferred["deferred"] is True
    [moved] = deferred["deadlines"]
    assert moved["hours"] == 16 and moved["due_at"] > due["due_at"]
    earlier = _decide(boss, case_id, "defer", reason="x", due_at="2020-01-01T00:00:00+08:00")
    assert earlier.status_code == 422


@pytest.mark.parametrize("threads", [2])
def test_concurrent_decisions_one_wins(live: LiveServer, desk: dict[str, Client], threads: int) -> None:
    tablet = desk["tablet"]
    bosses = [live.login(live.user("supervisor", districts=("d1",))) for _ in range(threads)]
    for _ in range(3):
        case_id = _received(live, tablet)
        barrier = threading.Barrier(threads)
        codes: list[int] = []

        def decide(
            client: Client,
            action: str,
            body: dict[str, Any],
            barrier: threading.Barrier = barrier,
            codes: list[int] = codes,
            case_id: str = case_id,
        ) -> None:
            barrier.wait()
            codes.append(_decide(client, case_id, action, **body).status_code)

        actions = [("file", {}), ("return", {"note": "more photos"})]
        workers = [threading.Thread(target=decide, args=(b, *actions[i % 2])) for i, b in enumerate(bosses)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        assert sorted(codes) == [200, 409], codes
        log = bosses[0].get(f"/cases/{case_id}/log").json()
        assert log["problems"] == [] and [e["action"] for e in log["events"]][-2][:7] == "receive"


def _principal(live: LiveServer, client: Client) -> Principal:
    assert client.token is not None
    return live.core.accounts.authenticate(client.token, None)


def test_deadlines_across_a_holiday_a_make_up_day_and_a_weekend(live: LiveServer, desk: dict[str, Client]) -> None:
    tablet, boss = desk["tablet"], desk["supervisor"]
    who = _principal(live, boss)
    decide = live.core.decisions.decide

    def dispatch_at(moment: str, subtype: str) -> dict[str, Any]:
        case_id = _received(live, tablet, subtype=subtype)
        _ok(boss, case_id, "file")
        return decide(who, case_id, DecisionRequest(action="dispatch"), datetime.fromisoformat(moment))

    # 8 working hours (broken cover): 1 h on Wed 31 Dec, New Year's holiday Thu–Sat, 7 h on Sunday 4 Jan,
    # a make-up working day.
    [due] = dispatch_at("2025-12-31T17:00:00+08:00", "broken")["deadlines"]
    assert datetime.fromisoformat(due["due_at"]) == datetime.fromisoformat("2026-01-04T17:00:00+08:00")
    assert due["overdue"] is True
    # Friday 17:00 → 1 h, the weekend, 7 h on Monday.
    [due] = dispatch_at("2026-11-20T17:00:00+08:00", "broken")["deadlines"]
    assert datetime.fromisoformat(due["due_at"]) == datetime.fromisoformat("2026-11-23T17:00:00+08:00")
    # A missing cover runs on a continuous clock: 2 hours, whatever the day.
    [due] = dispatch_at("2026-10-01T23:00:00+08:00", "missing")["deadlines"]
    assert datetime.fromisoformat(due["due_at"]) == datetime.fromisoformat("2026-10-02T01:00:00+08:00")
    overdue = boss.get("/cases", params={"overdue": "true", "limit": 500}).json()["cases"]
    assert len(overdue) >= 3 and all(c["deadlines"][0]["overdue"] for c in overdue)


def _answer(tablet: Client, case_id: str, steps: list[tuple[str, str, str, dict[str, Any]]]) -> dict[str, Any]:
    """Revision 2 of a case answering its verification task with these tablet events."""
    assert tablet.account is not None
    events = tablet.get(f"/cases/{case_id}/log").json()["events"]
    body = {k: v for k, v in tablet.get(f"/cases/{case_id}").json().items() if k not in _SERVER_KEYS}
    new = chain(case_id, tablet.account.name, tablet.device_id, steps, previous=AuditEvent.from_json(events[-1]))
    answer = tablet.post(
        "/sync/cases", json={"cases": [envelope({**body, "revision": 2}, [*events, *new], revision=2)]}
    )
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()["results"][0]
    return result


_SERVER_KEYS = {"revision", "unit", "deferred", "deadlines", "server"}


def test_a_verification_answer_needs_a_disposed_case_and_after_photos(
    live: LiveServer, desk: dict[str, Client]
) -> None:
    tablet, boss, unit = desk["tablet"], desk["supervisor"], desk["unit"]
    case_id = _received(live, tablet)
    photos = {"photos": ["f" * 64]}
    confirm = [("add_photos", "received", "received", photos), ("confirm", "disposed", "verified", {})]
    early = _answer(tablet, case_id, confirm)
    assert early["outcome"] == "conflict" and "disposed" in early["message"]
    _ok(boss, case_id, "file")
    _ok(boss, case_id, "dispatch")
    _ok(unit, case_id, "dispose", note="done")
    bare = _answer(tablet, case_id, [("confirm", "disposed", "verified", {})])
    assert bare["outcome"] == "refused" and "after-disposal photos" in bare["message"]
    sneaky = _answer(
        tablet, case_id, [("add_photos", "disposed", "closed", photos), ("confirm", "disposed", "verified", {})]
    )
    assert sneaky["outcome"] == "refused" and "may not change the state" in sneaky["message"]
    wrong = _answer(tablet, case_id, [("add_photos", "disposed", "disposed", photos), ("confirm", "x", "closed", {})])
    assert wrong["outcome"] == "invalid"
    assert boss.get(f"/cases/{case_id}").json()["status"] == "disposed"
    ok = _answer(
        tablet, case_id, [("add_photos", "disposed", "disposed", photos), ("confirm", "disposed", "verified", {})]
    )
    assert ok["outcome"] == "accepted" and ok["status"] == "verified"
    assert boss.get(f"/cases/{case_id}/log").json()["problems"] == []

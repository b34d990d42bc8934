"""The closed loop end to end: a real tablet data folder and a real server (SQLite and PostgreSQL).

A case syncs, is filed, dispatched and disposed of by unit staff; the verification task reaches the
tablet; the inspector answers on site with after-photos; the answer syncs back; the case is
verified and closed. Also: a returned case completed and resubmitted, a disputed verification (a
rework), a deferred case and an overdue one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from server.decisions import DecisionRequest
from tests.server.helpers import Client, photo_bytes, sha, upload
from tests.sync.conftest import Field


def _desk(field: Field) -> tuple[Client, Client]:
    """A supervisor of the tablet's district, and staff of the unit its covers go to (gas → gas_co)."""
    server = field.server
    unit = server.core.catalogue.default_unit("manhole_cover", "broken", "gas")
    return (
        server.login(server.user("supervisor", districts=("d1",))),
        server.login(server.user("unit", unit=unit)),
    )


def _decide(client: Client, case_id: str, action: str, **body: Any) -> dict[str, Any]:
    answer = client.post(f"/cases/{case_id}/decisions", json={"action": action, **body})
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def _synced(field: Field) -> None:
    report = field.tablet.sync()
    assert report.error is None and report.left == 0 and not report.conflicts, report.to_json()


def _dispose(unit: Client, case_id: str) -> dict[str, Any]:
    proof = photo_bytes(f"disposal-{case_id}-{datetime.now().timestamp()}")
    upload(unit, proof)
    return _decide(unit, case_id, "dispose", note="new cover fitted", photos=[sha(proof)])


def test_the_whole_loop_confirmed_and_closed_on_time(field: Field, photos) -> None:
    boss, unit = _desk(field)
    case_id = field.new_submitted(photos(2))
    _synced(field)
    filed = _decide(boss, case_id, "file")
    dispatched = _decide(boss, case_id, "dispatch")
    assert dispatched["unit"] == "gas_co" and dispatched["deadlines"][0]["milestone"] == "disposal"
    assert [c["id"] for c in unit.get("/cases").json()["cases"]] == [case_id]
    disposed = _dispose(unit, case_id)
    assert disposed["status"] == "disposed"

    _synced(field)
    task = field.tablet.case(case_id)
    assert task.status == "disposed" and task.official_number == filed["official_number"]
    assert [e.action for e in field.tablet.log(case_id)][-4:] == ["receive", "file", "dispatch", "dispose"]

    field.tablet.verify(case_id, confirm=True, photos=photos(1), note="cover in place")
    report = field.tablet.sync()
    assert report.error is None and report.cases_accepted == 1 and report.left == 0, report.to_json()
    verified = boss.get(f"/cases/{case_id}").json()
    assert verified["status"] == "verified" and verified["revision"] == 2
    assert [p["kind"] for p in verified["photos"]][-1] == "after_disposal"

    closed = _decide(boss, case_id, "close")
    assert closed["status"] == "closed"
    [due] = closed["deadlines"]
    assert due["met_at"] is not None and due["met_at"] <= due["due_at"] and not due["overdue"]  # on time
    log = boss.get(f"/cases/{case_id}/log").json()
    assert log["problems"] == []
    assert [e["action"] for e in log["events"]][-4:] == ["dispose", "add_photos", "confirm", "close"]

    _synced(field)
    assert field.tablet.case(case_id).status == "closed"
    assert field.tablet.check().ok


def test_a_returned_case_is_completed_and_resubmitted_as_revision_2(field: Field, photos) -> None:
    boss, _ = _desk(field)
    case_id = field.new_submitted(photos(2))
    _synced(field)
    _decide(boss, case_id, "return", note="the barrier is not in the photos")
    _synced(field)
    returned = field.tablet.case(case_id)
    assert returned.status == "returned" and returned.review_note == "the barrier is not in the photos"
    field.tablet.edit_case(case_id, description="barrier placed, see the new photo")
    field.tablet.submit(case_id)
    _synced(field)
    on_server = boss.get(f"/cases/{case_id}").json()
    assert on_server["status"] == "received" and on_server["revision"] == 2
    assert on_server["description"] == "barrier placed, see the new photo"
    assert field.tablet.case(case_id).status == "received"
    assert boss.get(f"/cases/{case_id}/log").json()["problems"] == []
    assert _decide(boss, case_id, "file")["status"] == "filed"


def test_a_disputed_verification_is_a_rework_against_the_unit(field: Field, photos) -> None:
    boss, unit = _desk(field)
    case_id = field.new_submitted(photos(2))
    _synced(field)
    _decide(boss, case_id, "file")
    _decide(boss, case_id, "dispatch")
    _dispose(unit, case_id)
    _synced(field)
    field.tablet.verify(case_id, confirm=False, photos=photos(1), note="the cover still rocks")
    _synced(field)
    back = boss.get(f"/cases/{case_id}").json()
    assert back["status"] == "dispatched" and back["server"]["reworks"] == 1
    assert back["deadlines"][0]["met_at"] is None  # the disposal is to be done again
    # The unit does it again, and this time the inspector confirms.
    _dispose(unit, case_id)
    _synced(field)
    field.tablet.verify(case_id, confirm=True, photos=photos(1))
    _synced(field)
    again = boss.get(f"/cases/{case_id}").json()
    assert again["status"] == "verified" and again["revision"] == 3 and again["server"]["reworks"] == 1
    assert boss.get(f"/cases/{case_id}/log").json()["problems"] == []


def test_a_deferred_case_and_an_overdue_one(field: Field, photos) -> None:
    boss, unit = _desk(field)
    late_id, deferred_id = field.new_submitted(photos(2)), field.new_submitted(photos(2))
    _synced(field)
    for case_id in (late_id, deferred_id):
        _decide(boss, case_id, "file")
    # Dispatched a week ago (8 working hours for a broken cover): long overdue.
    assert boss.token is not None
    who = field.server.core.accounts.authenticate(boss.token, None)
    week_ago = datetime.fromisoformat("2026-11-16T09:00:00+08:00")
    field.server.core.decisions.decide(who, late_id, DecisionRequest(action="dispatch"), week_ago)
    _decide(boss, deferred_id, "dispatch")
    deferred = _decide(boss, deferred_id, "defer", reason="the utility needs a part", hours=16)
    assert deferred["deferred"] is True and deferred["status"] == "dispatched"
    assert deferred["deadlines"][0]["hours"] == 24 and deferred["deadlines"][0]["deferred"] is True

    overdue = boss.get("/cases", params={"overdue": "true"}).json()["cases"]
    assert [c["id"] for c in overdue] == [late_id] and overdue[0]["deadlines"][0]["overdue"] is True
    within = boss.get("/cases", params={"overdue": "false", "state": "dispatched"}).json()["cases"]
    assert [c["id"] for c in within] == [deferred_id]
    late = _dispose(unit, late_id)
    [due] = late["deadlines"]
    assert due["met_at"] > due["due_at"]  # disposed, but late
    assert boss.get("/cases", params={"overdue": "true"}).json()["cases"] == []
    _synced(field)
    assert field.tablet.case(late_id).status == "disposed"
    assert field.tablet.case(deferred_id).status == "dispatched"

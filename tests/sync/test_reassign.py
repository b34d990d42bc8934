"""Reassigned field work end to end: real tablet data folders against a real server (SQLite and PostgreSQL).

A returned case and a verification task reported on tablet A are reassigned by a supervisor to the
inspector of tablet B, which never had them: after a sync B holds each case with its whole audit
trail and its photos (originals and thumbnails, for work on site without a signal), completes the
returned case and answers the verification task; A keeps both on record, read-only and noted.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import StateRefusedError
from storage.case_query import CaseQuery
from storage.records import CaseFilter
from tests.server.helpers import Client
from tests.sync.conftest import Field
from tests.sync.test_loop import _decide, _desk, _dispose, _synced


@pytest.fixture
def other(field: Field, tmp_path: Path) -> Iterator[Field]:
    """A second tablet, of another inspector of the same district, on the same server."""
    f = Field(field.server, tmp_path / "tablet-b")
    yield f
    f.close()


def _reassign(boss: Client, to: str, **body: Any) -> dict[str, Any]:
    if "from_" in body:
        body["from"] = body.pop("from_")
    answer = boss.post("/cases/reassign", json={"to": to, "note": "moved to the east district", **body})
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def test_a_returned_case_reassigned_to_tablet_b_is_workable_there_and_read_only_on_a(
    field: Field, other: Field, photos
) -> None:
    a, b = field, other
    boss, _ = _desk(a)
    case_id = a.new_submitted(photos(2))
    _synced(a)
    _decide(boss, case_id, "return", note="the barrier is not in the photos")
    _synced(a)
    assert a.tablet.case(case_id).status == "returned"
    shas = [p.sha256 for p in a.tablet.case(case_id).photos]

    body = _reassign(boss, b.account.name, cases=[case_id])
    assert body["reassigned"] == 1 and body["results"][0]["from"] == a.account.name

    # Tablet A: the case stays, read-only, with the reassignment noted.
    _synced(a)
    kept = a.tablet.case(case_id)
    assert kept.status == "returned"
    away = a.tablet.reassigned_away(case_id)
    assert away is not None and away.changes["to"] == b.account.name
    assert away.changes["note"] == "moved to the east district"
    with pytest.raises(StateRefusedError, match="reassigned to"):
        a.tablet.edit_case(case_id, description="mine")
    with pytest.raises(StateRefusedError, match="read-only"):
        a.tablet.submit(case_id)

    # Tablet B: the case arrives, whole, and is workable.
    _synced(b)
    arrived = b.tablet.case(case_id)
    assert arrived.status == "returned" and arrived.review_note == "the barrier is not in the photos"
    assert arrived.inspector == a.account.name  # the reporter stays on record
    assert [e.action for e in b.tablet.log(case_id)][-2:] == ["return", "reassign"]
    assert b.tablet.reassigned_away(case_id) is None
    for sha in shas:  # the photos came with it: originals and thumbnails
        assert b.tablet.originals.has(sha) and b.tablet.repo.thumbnail(sha)
    # Tablet A's signatures on the trail check on B (the feed brought A's public key), and B's bundle of
    # the case verifies with A's key in it.
    report = b.tablet.check()
    assert report.ok and report.signatures_verified >= 3, report.problems
    from app.evidence.bundle import export_case
    from app.evidence.verify import verify_bundle

    bundle = export_case(b.tablet, case_id, b.tablet.paths.root.parent / "b-case.zip")
    checked = verify_bundle(Path(bundle["file"]))
    assert checked.ok, checked.problems
    b.tablet.edit_case(case_id, description="barrier placed, see the new photo", photos=photos(1))
    b.tablet.submit(case_id)
    _synced(b)
    on_server = boss.get(f"/cases/{case_id}").json()
    assert on_server["status"] == "received" and on_server["revision"] == 2
    assert on_server["inspector"] == a.account.name and on_server["assignee"] == b.account.name
    assert on_server["description"] == "barrier placed, see the new photo"
    assert boss.get(f"/cases/{case_id}/log").json()["problems"] == []

    # What follows reaches B, not A (A's record stops at the reassignment).
    _decide(boss, case_id, "file")
    _synced(b)
    _synced(a)
    assert b.tablet.case(case_id).status == "filed" and a.tablet.case(case_id).status == "returned"
    assert a.tablet.check().ok


def test_a_verification_task_reassigned_with_all_of_an_inspectors_open_cases(
    field: Field, other: Field, photos
) -> None:
    a, b = field, other
    boss, unit = _desk(a)
    task_id = a.new_submitted(photos(2))
    waiting_id = a.new_submitted(photos(2))
    _synced(a)
    _decide(boss, task_id, "file")
    _decide(boss, task_id, "dispatch")
    _dispose(unit, task_id)
    _synced(a)
    assert a.tablet.case(task_id).status == "disposed"

    body = _reassign(boss, b.account.name, from_=a.account.name)
    assert {r["id"] for r in body["results"]} == {task_id, waiting_id} and body["reassigned"] == 2

    tasks = CaseFilter(statuses=("disposed",), reassigned_away=False)  # the tablet's "Verification tasks"
    assert a.tablet.case_ids(tasks) == [task_id]
    _synced(a)  # A's verification task is no longer A's to answer
    assert a.tablet.case(task_id).status == "disposed"
    with pytest.raises(StateRefusedError, match="reassigned to"):
        a.tablet.verify(task_id, confirm=True, photos=photos(1))
    # It leaves A's working lists, and stays on record: in every case, and among those reassigned away.
    assert a.tablet.case_ids(tasks) == []
    assert set(a.tablet.case_ids(CaseFilter(reassigned_away=True))) == {task_id, waiting_id}
    assert set(a.tablet.case_ids()) == {task_id, waiting_id}
    query = CaseQuery(a.tablet.paths.database)
    try:
        rows = query.rows(query.keys(CaseFilter()))
        assert {r.id: r.reassigned_to for r in rows.values()} == {task_id: b.account.name, waiting_id: b.account.name}
        assert query.counts()["away:disposed"] == 1 and query.counts()["away:received"] == 1
    finally:
        query.close()

    _synced(b)
    assert b.tablet.case(task_id).status == "disposed" and b.tablet.case(waiting_id).status == "received"
    assert b.tablet.case_ids(tasks) == [task_id]  # B's verification task now
    assert b.tablet.case_ids(CaseFilter(reassigned_away=True)) == []
    b.tablet.verify(task_id, confirm=True, photos=photos(1), note="cover in place")
    _synced(b)
    verified = boss.get(f"/cases/{task_id}").json()
    assert verified["status"] == "verified" and verified["revision"] == 2
    assert verified["inspector"] == a.account.name
    assert boss.get(f"/cases/{task_id}/log").json()["problems"] == []
    # The figures still credit the reporter.
    today = date.today()
    period = {"from": (today - timedelta(days=1)).isoformat(), "to": (today + timedelta(days=1)).isoformat()}
    rows = boss.get("/evaluation", params={**period, "by": "inspector"}).json()
    keys = {r["key"]: r for r in rows["rows"]}
    assert keys[a.account.name]["reported"] == 2 and b.account.name not in keys

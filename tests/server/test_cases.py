"""Case batches: accepted once, idempotent by id + revision, refused with a reason, and the change feed."""

from __future__ import annotations

import copy
import json
import uuid
from typing import Any

import sqlalchemy as sa

from app.domain.audit import AuditEvent, chain_problems, make_event
from server import schema as t
from server.store import iso, utcnow
from sync.protocol import case_body_hash
from tests.server.conftest import LiveServer
from tests.server.helpers import Client, build_case, chain, envelope, error_of, photo_bytes, sha, upload


def _new_case(
    live: LiveServer, tablet: Client, *, uploaded: bool = True, **kw: Any
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    case, events, _ = _new_case_with_photos(tablet, uploaded=uploaded, **kw)
    return case, events


def _new_case_with_photos(
    tablet: Client, *, uploaded: bool = True, **kw: Any
) -> tuple[dict[str, Any], list[dict[str, Any]], list[bytes]]:
    assert tablet.account is not None
    photos = [photo_bytes(f"{uuid.uuid4()}-{i}") for i in range(2)]
    if uploaded:
        for data in photos:
            upload(tablet, data)
    case, events = build_case(tablet.account.name, tablet.device_id, "d1", photos, **kw)
    return case, events, photos


def _send(tablet: Client, *envelopes: dict[str, Any]) -> list[dict[str, Any]]:
    response = tablet.post("/sync/cases", json={"cases": list(envelopes)})
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    assert [(r["id"], r["revision"]) for r in results] == [(e["id"], e["revision"]) for e in envelopes]
    return results


def _receipts(live: LiveServer, case_id: str) -> list[str]:
    with live.core.store.read() as conn:
        return list(
            conn.execute(
                sa.select(t.receipts.c.outcome).where(t.receipts.c.case_id == case_id).order_by(t.receipts.c.id)
            ).scalars()
        )


def test_a_case_is_accepted_with_the_servers_receive_event(live: LiveServer) -> None:
    tablet = live.tablet()
    case, events = _new_case(live, tablet)
    [result] = _send(tablet, envelope(case, events))
    assert result["outcome"] == "accepted" and result["status"] == "received", result
    receipt = result["receipt"]
    assert receipt["body_hash"] == case_body_hash(case) and receipt["chain_seq"] == 4
    shown = tablet.get(f"/cases/{case['id']}").json()
    assert shown["status"] == "received" and shown["district"] == "d1" and shown["sync"] == "synced"
    assert shown["photos"] == case["photos"] and shown["fields"] == case["fields"]
    assert shown["deadlines"] == [] and shown["official_number"] is None and shown["unit"] is None
    assert shown["server"]["chain_head"] == receipt["chain_head"]
    log = tablet.get(f"/cases/{case['id']}/log").json()
    assert log["problems"] == [] and [e["action"] for e in log["events"]] == [
        "create",
        "add_photos",
        "submit",
        "receive",
    ]
    receive = log["events"][-1]
    assert receive["role"] == "system" and receive["to"] == "received" and receive["hash"] == receipt["chain_head"]
    assert receive["changes"]["device"] == tablet.device_id
    assert log["events"][:3] == events  # the tablet's events, byte for byte
    assert _receipts(live, case["id"]) == ["accepted"]


def test_the_same_revision_again_is_already_there(live: LiveServer) -> None:
    tablet = live.tablet()
    case, events = _new_case(live, tablet)
    [first] = _send(tablet, envelope(case, events))
    # The tablet's own sync state moved meanwhile: not part of the body.
    resent = {**case, "sync": "syncing", "status": "submitted"}
    [again] = _send(tablet, envelope(resent, events))
    assert again["outcome"] == "already" and again["status"] == "received"
    assert again["receipt"]["chain_head"] == first["receipt"]["chain_head"]
    with live.core.store.read() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(t.cases).where(t.cases.c.id == case["id"])).scalar()
        events_stored = conn.execute(
            sa.select(sa.func.count())
            .select_from(t.audit_events.join(t.cases, t.cases.c.pk == t.audit_events.c.case_pk))
            .where(t.cases.c.id == case["id"])
        ).scalar()
    assert count == 1 and events_stored == 4
    assert _receipts(live, case["id"]) == ["accepted", "already"]


def test_the_same_case_twice_in_one_batch_is_stored_once(live: LiveServer) -> None:
    tablet = live.tablet()
    case, events = _new_case(live, tablet)
    results = _send(tablet, envelope(case, events), envelope(case, events))
    assert [r["outcome"] for r in results] == ["accepted", "already"]


def test_a_different_body_for_a_revision_is_a_conflict(live: LiveServer) -> None:
    tablet = live.tablet()
    case, events = _new_case(live, tablet)
    _send(tablet, envelope(case, events))
    changed = {**case, "description": "something else entirely"}
    [result] = _send(tablet, envelope(changed, events))
    assert result["outcome"] == "conflict" and "different body" in result["message"]
    assert tablet.get(f"/cases/{case['id']}").json()["description"] == case["description"]


def test_a_case_waits_for_its_photos(live: LiveServer) -> None:
    tablet = live.tablet()
    case, events, photos = _new_case_with_photos(tablet, uploaded=False)
    upload(tablet, photos[0])
    [result] = _send(tablet, envelope(case, events))
    assert result["outcome"] == "missing_photos" and result["missing"] == [sha(photos[1])]
    assert tablet.get(f"/cases/{case['id']}").status_code == 404
    upload(tablet, photos[1])
    [result] = _send(tablet, envelope(case, events))
    assert result["outcome"] == "accepted"


def test_invalid_cases_are_refused_with_a_reason_and_nothing_stored(live: LiveServer) -> None:
    tablet = live.tablet()
    case, events = _new_case(live, tablet)
    bad_cases = {
        "unknown subtype": {**case, "subtype": "flying"},
        "latitude": {**case, "location": {"lat": 123.0, "lon": 113.6, "accuracy_m": 5, "source": "photo"}},
        "owner": {**case, "fields": {"owner": "martians", "barrier_placed": "yes"}},
        "barrier": {**case, "fields": {"owner": "water_supply"}},
        "photos": {**case, "photos": case["photos"][:1]},
        "NaN": {**case, "location": {"lat": float("nan"), "lon": 113.6, "accuracy_m": 5, "source": "photo"}},
        "id": {**case, "id": "not-a-uuid"},
    }
    for what, body in bad_cases.items():
        env = envelope(body, events)
        if what == "id":
            env["id"] = "not-a-uuid"
        response = tablet.post(
            "/sync/cases", data=json.dumps({"cases": [env]}), headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 200, (what, response.text)
        [result] = response.json()["results"]
        assert result["outcome"] == "invalid", (what, result)
        assert result["message"], what
    assert tablet.get(f"/cases/{case['id']}").status_code == 404
    assert set(_receipts(live, case["id"])) == {"invalid"}


def test_a_broken_audit_chain_is_invalid(live: LiveServer) -> None:
    tablet = live.tablet()
    case, events = _new_case(live, tablet)
    edited = copy.deepcopy(events)
    edited[1]["changes"] = {"photos": []}  # content changed, hash kept
    removed = [events[0], events[2]]
    unsubmitted = events[:2]
    for what, chain_ in (("edited", edited), ("removed", removed), ("unsubmitted", unsubmitted), ("empty", [])):
        [result] = _send(tablet, envelope(case, chain_))
        assert result["outcome"] == "invalid", (what, result)
    forged = chain(case["id"], "someone", tablet.device_id, [("create", None, "draft", {})])
    supervisor_event = make_event(
        AuditEvent.from_json(forged[-1]),
        case_id=case["id"],
        at="2026-11-20T09:40:00+08:00",
        actor="boss",
        role="supervisor",
        device=None,
        action="submit",
        from_state="draft",
        to_state="submitted",
    ).to_json()
    [result] = _send(tablet, envelope(case, [*forged, supervisor_event]))
    assert result["outcome"] == "invalid" and "inspector" in result["message"]
    assert tablet.get(f"/cases/{case['id']}").status_code == 404


def test_an_inspector_sends_only_their_own_cases(live: LiveServer) -> None:
    tablet = live.tablet()
    case, events = _new_case(live, tablet)
    other = live.tablet()
    [result] = _send(other, envelope(case, events))
    assert result["outcome"] == "refused"
    _send(tablet, envelope(case, events))
    # Even re-labelled as the other inspector's, an existing case cannot be taken over.
    assert other.account is not None
    stolen = {**case, "inspector": other.account.name}
    [result] = _send(other, envelope(stolen, events))
    assert result["outcome"] == "refused"
    assert tablet.get(f"/cases/{case['id']}").json()["inspector"] == tablet.account.name  # type: ignore[union-attr]


def test_only_inspectors_send_cases(live: LiveServer) -> None:
    supervisor = live.login(live.user("supervisor", districts=("d1",)))
    response = supervisor.post("/sync/cases", json={"cases": []})
    assert response.status_code == 403 and error_of(response)["code"] == "forbidden"


def test_a_batch_is_limited_and_validated(live: LiveServer) -> None:
    tablet = live.tablet()
    assert tablet.post("/sync/cases", json={"cases": []}).json() == {"results": []}  # found by schemathesis
    case, events = _new_case(live, tablet)
    response = tablet.post("/sync/cases", json={"cases": [envelope(case, events)] * 51})
    assert response.status_code == 422 and error_of(response)["code"] == "malformed"
    response = tablet.post("/sync/cases", json={"cases": [{"id": case["id"]}]})
    assert response.status_code == 422


def test_new_revisions_need_a_returned_case(live: LiveServer) -> None:
    tablet = live.tablet()
    assert tablet.account is not None
    case, events = _new_case(live, tablet)
    [first] = _send(tablet, envelope(case, events))
    server_events = tablet.get(f"/cases/{case['id']}/log").json()["events"]
    revision2 = {**case, "revision": 2, "description": "more evidence"}
    resubmit = chain(
        case["id"],
        tablet.account.name,
        tablet.device_id,
        [
            ("edit", "returned", "returned", {"description": "more evidence"}),
            ("submit", "returned", "submitted", {"revision": 2}),
        ],
        previous=AuditEvent.from_json(server_events[-1]),
    )
    [result] = _send(tablet, envelope(revision2, [*server_events, *resubmit], revision=2))
    assert result["outcome"] == "conflict" and "returned" in result["message"]
    [result] = _send(tablet, envelope({**case, "revision": 3}, events, revision=3))
    assert result["outcome"] == "conflict"
    [result] = _send(tablet, envelope({**case, "revision": 2, "id": _uuid()}, events, revision=2))
    assert result["outcome"] == "invalid"  # its chain belongs to another case id

    # What issue 5's `return` decision will do: the state and one event by a supervisor.
    _return_case(live, case["id"], "a close-up of the frame, please")
    returned = tablet.get(f"/cases/{case['id']}/log").json()["events"]
    resubmit = chain(
        case["id"],
        tablet.account.name,
        tablet.device_id,
        [
            ("edit", "returned", "returned", {"description": "more evidence"}),
            ("submit", "returned", "submitted", {"revision": 2}),
        ],
        previous=AuditEvent.from_json(returned[-1]),
    )
    # A chain that skips the server's events does not continue the server's trail.
    skipping = chain(
        case["id"],
        tablet.account.name,
        tablet.device_id,
        [("submit", "returned", "submitted", {"revision": 2})],
        previous=AuditEvent.from_json(server_events[-1]),
    )
    [result] = _send(tablet, envelope(revision2, [*server_events, *skipping], revision=2))
    assert result["outcome"] == "conflict" and "changes first" in result["message"]
    [result] = _send(tablet, envelope(revision2, [*returned, *resubmit], revision=2))
    assert result["outcome"] == "accepted" and result["status"] == "received", result
    shown = tablet.get(f"/cases/{case['id']}").json()
    assert shown["revision"] == 2 and shown["description"] == "more evidence" and shown["status"] == "received"
    log = tablet.get(f"/cases/{case['id']}/log").json()
    assert log["problems"] == []
    assert [e["action"] for e in log["events"]][-5:] == ["receive", "return", "edit", "submit", "receive"]
    # Both revisions stay idempotent.
    assert _send(tablet, envelope(case, events))[0]["outcome"] == "already"
    assert _send(tablet, envelope(case, events))[0]["receipt"] == {**first["receipt"], "server_time": _ANY}
    assert _send(tablet, envelope(revision2, [*returned, *resubmit], revision=2))[0]["outcome"] == "already"


class _Any:
    def __eq__(self, other: object) -> bool:
        return True


_ANY: Any = _Any()


def _uuid() -> str:
    return str(uuid.uuid4())


def _return_case(live: LiveServer, case_id: str, note: str) -> None:
    """Stand-in for issue 5's `return` decision: a server event on the chain and the state."""
    with live.core.store.write() as conn:
        row = conn.execute(sa.select(t.cases).where(t.cases.c.id == case_id)).one()
        last = conn.execute(
            sa.select(t.audit_events).where(t.audit_events.c.case_pk == row.pk, t.audit_events.c.seq == row.chain_seq)
        ).one()
        previous = AuditEvent(
            seq=last.seq,
            case_id=case_id,
            at=last.at,
            actor=last.actor,
            role=last.role,
            device=last.device,
            action=last.action,
            from_state=last.from_state,
            to_state=last.to_state,
            changes=json.loads(last.changes_json),
            prev=last.prev,
            hash=last.hash,
        )
        event = make_event(
            previous,
            case_id=case_id,
            at=iso(utcnow()) or "",
            actor="supervisor-x",
            role="supervisor",
            device=None,
            action="return",
            from_state="received",
            to_state="returned",
            changes={"note": note},
        )
        conn.execute(
            t.audit_events.insert().values(
                case_pk=row.pk,
                seq=event.seq,
                at=event.at,
                actor=event.actor,
                role=event.role,
                device=event.device,
                action=event.action,
                from_state=event.from_state,
                to_state=event.to_state,
                changes_json=json.dumps(event.changes),
                prev=event.prev,
                hash=event.hash,
            )
        )
        conn.execute(
            t.cases.update()
            .where(t.cases.c.pk == row.pk)
            .values(state="returned", review_note=note, chain_seq=event.seq, chain_head=event.hash)
        )


def test_the_change_feed_pages_by_cursor(live: LiveServer) -> None:
    tablet = live.tablet()
    ids = []
    for i in range(5):
        case, events = _new_case(live, tablet, description=f"case {i}")
        ids.append(case["id"])
        [result] = _send(tablet, envelope(case, events))
        assert result["outcome"] == "accepted"
    seen: list[dict[str, Any]] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = tablet.get("/sync/changes", params=params).json()
        pages += 1
        seen.extend(page["changes"])
        cursor = page["next_cursor"]
        if not page["more"]:
            break
    assert pages == 3
    assert [c["case_id"] for c in seen] == ids
    assert [c["seq"] for c in seen] == sorted(c["seq"] for c in seen)
    first = seen[0]
    assert first["kind"] == "update" and first["case"]["status"] == "received"
    assert [e["action"] for e in first["events"]] == ["receive"]
    assert (
        chain_problems(ids[0], [AuditEvent.from_json(e) for e in tablet.get(f"/cases/{ids[0]}/log").json()["events"]])
        == []
    )
    # Nothing new after the last cursor; the cursor stays where it was.
    empty = tablet.get("/sync/changes", params={"cursor": cursor}).json()
    assert empty == {"changes": [], "next_cursor": cursor, "more": False}
    # Another inspector's feed holds none of these; handed this feed's cursor (one cursor kept by a
    # tablet shared across shifts), it starts that inspector's own feed from the beginning.
    other = live.tablet()
    assert other.get("/sync/changes").json()["changes"] == []
    theirs, their_events = _new_case(live, other)
    _send(other, envelope(theirs, their_events))
    page = other.get("/sync/changes", params={"cursor": cursor}).json()
    assert [c["case_id"] for c in page["changes"]] == [theirs["id"]]
    response = tablet.get("/sync/changes", params={"cursor": "garbage!"})
    assert response.status_code == 422 and error_of(response)["code"] == "bad_cursor"
    response = tablet.get("/sync/changes", params={"limit": 0})
    assert response.status_code == 422


def test_every_envelope_received_is_logged(live: LiveServer) -> None:
    tablet = live.tablet()
    case, events = _new_case(live, tablet, uploaded=False)
    _send(tablet, envelope(case, events))
    with live.core.store.read() as conn:
        row = conn.execute(sa.select(t.receipts).where(t.receipts.c.case_id == case["id"])).one()
    assert row.outcome == "missing_photos" and row.user_name == tablet.account.name  # type: ignore[union-attr]
    assert row.device_id == tablet.device_id and row.envelope_json is None  # kept once, in the received log
    with live.core.store.read() as conn:
        logged = conn.execute(sa.select(t.received_log).where(t.received_log.c.case_id == case["id"])).one()
    assert (logged.outcome, logged.received_at, logged.revision) == (row.outcome, row.received_at, row.revision)
    assert json.loads(logged.body)["case"]["description"] == case["description"]


def test_the_same_batch_sent_at_once_by_retries_is_stored_once(live: LiveServer) -> None:
    """A tablet that timed out and retried while the first request was still running."""
    import threading

    import requests

    tablet = live.tablet()
    envelopes = [envelope(*_new_case(live, tablet, description=f"race {i}")) for i in range(5)]
    outcomes: list[list[str]] = []
    start = threading.Barrier(6)

    def send() -> None:
        with requests.Session() as session:
            start.wait()
            response = session.post(
                f"{tablet.base}/api/v1/sync/cases", json={"cases": envelopes}, headers=tablet.headers(), timeout=60
            )
        assert response.status_code == 200, response.text
        outcomes.append([r["outcome"] for r in response.json()["results"]])

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 6
    for position in range(5):
        column = sorted(o[position] for o in outcomes)
        assert column == ["accepted"] + ["already"] * 5, column
    with live.core.store.read() as conn:
        ids = [e["id"] for e in envelopes]
        rows = conn.execute(sa.select(sa.func.count()).select_from(t.cases).where(t.cases.c.id.in_(ids))).scalar()
        events = conn.execute(
            sa.select(sa.func.count())
            .select_from(t.audit_events.join(t.cases, t.cases.c.pk == t.audit_events.c.case_pk))
            .where(t.cases.c.id.in_(ids))
        ).scalar()
        changes = conn.execute(
            sa.select(sa.func.count())
            .select_from(t.changes.join(t.cases, t.cases.c.pk == t.changes.c.case_pk))
            .where(t.cases.c.id.in_(ids))
        ).scalar()
    assert rows == 5 and events == 20 and changes == 5

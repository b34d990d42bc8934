"""The evaluation figures (`GET /evaluation`) against a small hand-computed set, on SQLite and PostgreSQL;
who may see them, and the refused parameters."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from server import schema as t
from server.evaluation import _rank
from tests.server.conftest import LiveServer
from tests.server.helpers import error_of

BASE = datetime(2026, 3, 3, 2, 0, tzinfo=UTC)  # Tuesday 10:00 in the bureau's +08:00
DAY = timedelta(days=1)
PERIOD = {"from": "2026-03-02", "to": "2026-03-06"}


def _insert(live: LiveServer, **row: Any) -> int:
    """One case row as the server would hold it after its decisions, with its deadline and events."""
    due = row.pop("due", None)
    met = row.pop("met", None)
    returned = row.pop("returned", False)
    # The audit events the figures count, each at its time (by default within the period).
    events: list[tuple[str, str]] = [("return", row.pop("returned_at", "2026-03-03T02:00:00Z"))] if returned else []
    if row.get("deferred"):
        events.append(("defer", row.pop("deferred_at", "2026-03-03T04:00:00.000+00:00")))
    events += [("dispute", "2026-03-04T10:00:00.000+08:00")] * row.get("reworks", 0)
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "code": f"T-{uuid.uuid4().hex[:8]}",
        "type": "manhole_cover",
        "subtype": "missing",
        "hazard": "normal",
        "state": "received",
        "revision": 1,
        "body_hash": "0" * 64,
        "case_json": "{}",
        "receipt_json": "{}",
        "chain_seq": 1,
        "chain_head": "0" * 64,
        "tablet_seq": 1,
        "received_at": BASE,
        "changed_at": BASE,
        **row,
    }
    with live.core.store.write() as conn:
        pk = int(conn.execute(t.cases.insert().values(**values).returning(t.cases.c.pk)).scalar_one())
        if due is not None:
            conn.execute(
                t.deadlines.insert().values(case_pk=pk, milestone="disposal", due_at=due, met_at=met, hours=2.0)
            )
        for seq, (action, at) in enumerate(events, start=2):
            conn.execute(
                t.audit_events.insert().values(
                    case_pk=pk,
                    seq=seq,
                    at=at,
                    actor="boss",
                    role="supervisor",
                    action=action,
                    from_state="received",
                    to_state="returned",
                    changes_json="{}",
                    prev="0" * 64,
                    hash="1" * 64,
                )
            )
    return pk


@pytest.fixture
def figures_set(make_server: Any) -> tuple[LiveServer, dict[str, str]]:
    live = make_server()
    i1, i2, i3 = (f"insp-{uuid.uuid4().hex[:6]}" for _ in range(3))
    flow = {"filed_at": BASE, "dispatched_at": BASE + timedelta(hours=1)}
    # A: disposed and closed on time.
    _insert(
        live,
        inspector=i1,
        district="d1",
        unit="ua",
        state="closed",
        **flow,
        due=BASE + 2 * DAY,
        met=BASE + DAY,
        disposed_at=BASE + DAY,
        closed_at=BASE + DAY + timedelta(hours=1),
        hours_to_close=8.0,
    )
    # B: disposed late after one rework, closed late.
    _insert(
        live,
        inspector=i1,
        district="d1",
        unit="ua",
        state="closed",
        **flow,
        due=BASE + DAY,
        met=BASE + 2 * DAY,
        disposed_at=BASE + 2 * DAY,
        closed_at=BASE + 2 * DAY + timedelta(hours=1),
        hours_to_close=20.0,
        reworks=1,
    )
    # C: deferred, still open, its deadline within the period.
    _insert(live, inspector=i2, district="d2", unit="ub", state="dispatched", **flow, due=BASE + DAY, deferred=True)
    # D: overdue, open.
    _insert(live, inspector=i2, district="d2", unit="ub", state="dispatched", **flow, due=BASE + DAY)
    # E: returned for more evidence; F: rejected.
    _insert(live, inspector=i1, district="d1", state="returned", returned=True)
    _insert(live, inspector=i2, district="d2", state="rejected")
    # G: reported after the period; H: in district d3, outside the supervisor's scope.
    _insert(live, inspector=i1, district="d1", received_at=BASE + 7 * DAY)
    _insert(live, inspector=i3, district="d3")
    return live, {"i1": i1, "i2": i2, "i3": i3}


NONE_DUE = {
    "disposals_due": 0,
    "on_time_disposal_rate": None,
    "closures_due": 0,
    "closed": 0,
    "closed_on_time": 0,
    "closure_rate": None,
    "on_time_closure_rate": None,
}
I1 = {
    "reported": 3,
    "filed": 2,
    "filing_rate": 0.666667,
    "returned": 1,
    "rejected": 0,
    "dispatched": 2,
    "disposed": 2,
    "disposed_on_time": 1,
    "disposals_due": 2,
    "on_time_disposal_rate": 0.5,
    "closures_due": 2,
    "closed": 2,
    "closed_on_time": 1,
    "closure_rate": 1.0,
    "on_time_closure_rate": 0.5,
    "deferred": 0,
    "reworks": 1,
    "mean_working_hours_to_close": 14.0,
    "rank": 1,
}
I2 = {
    "reported": 3,
    "filed": 2,
    "filing_rate": 0.666667,
    "returned": 0,
    "rejected": 1,
    "dispatched": 2,
    "disposed": 0,
    "disposed_on_time": 0,
    "disposals_due": 2,
    "on_time_disposal_rate": 0.0,
    "closures_due": 2,
    "closed": 0,
    "closed_on_time": 0,
    "closure_rate": 0.0,
    "on_time_closure_rate": 0.0,
    "deferred": 1,
    "reworks": 0,
    "mean_working_hours_to_close": None,
    "rank": 2,
}
I3 = {
    "reported": 1,
    "filed": 0,
    "filing_rate": 0.0,
    "returned": 0,
    "rejected": 0,
    "dispatched": 0,
    "disposed": 0,
    "disposed_on_time": 0,
    **NONE_DUE,
    "deferred": 0,
    "reworks": 0,
    "mean_working_hours_to_close": None,
    "rank": 3,
}


def test_figures_against_a_hand_computed_set(figures_set: tuple[LiveServer, dict[str, str]]) -> None:
    live, who = figures_set
    admin = live.login(live.user("admin"))
    answer = admin.get("/evaluation", params={**PERIOD, "by": "inspector"})
    assert answer.status_code == 200, answer.text
    rows = answer.json()["rows"]
    assert rows == [{"key": who["i1"], **I1}, {"key": who["i2"], **I2}, {"key": who["i3"], **I3}]

    by_district = admin.get("/evaluation", params={**PERIOD, "by": "district"}).json()["rows"]
    assert by_district == [{"key": "d1", **I1}, {"key": "d2", **I2}, {"key": "d3", **I3}]

    # The supervisor of d1 and d2 does not see d3's case.
    boss = live.login(live.user("supervisor", districts=("d1", "d2")))
    mine = boss.get("/evaluation", params={**PERIOD, "by": "inspector"}).json()["rows"]
    assert mine == [{"key": who["i1"], **I1}, {"key": who["i2"], **I2}]

    # Per unit: only dispatched cases; the rework counts against unit ua.
    units = boss.get("/evaluation", params={**PERIOD, "by": "unit"}).json()["rows"]
    assert units == [
        {
            "key": "ua",
            "reported": 2,
            "filed": 2,
            "filing_rate": 1.0,
            "returned": 0,
            "rejected": 0,
            "dispatched": 2,
            "disposed": 2,
            "disposed_on_time": 1,
            "disposals_due": 2,
            "on_time_disposal_rate": 0.5,
            "closures_due": 2,
            "closed": 2,
            "closed_on_time": 1,
            "closure_rate": 1.0,
            "on_time_closure_rate": 0.5,
            "deferred": 0,
            "reworks": 1,
            "mean_working_hours_to_close": 14.0,
            "rank": 1,
        },
        {"key": "ub", **I2, "reported": 2, "rejected": 0, "filing_rate": 1.0},
    ]

    # Progress as it stood at the period's end. The first day (to 2026-03-04 00:00 +08:00) holds the
    # dispatches but no disposal, closing, dispute or deadline yet (all came the day after).
    first_day = admin.get("/evaluation", params={"from": "2026-03-03", "to": "2026-03-03", "by": "unit"})
    ua = first_day.json()["rows"][0]
    assert (ua["key"], ua["dispatched"], ua["disposed"], ua["closures_due"], ua["closed"]) == ("ua", 2, 0, 0, 0)
    assert (ua["closure_rate"], ua["reworks"], ua["mean_working_hours_to_close"]) == (None, 0, None)
    ub = first_day.json()["rows"][1]
    assert (ub["key"], ub["deferred"], ub["closures_due"]) == ("ub", 1, 0)
    # By the end of the second day: A disposed and closed, B's deadline passed and its dispute came in,
    # B disposed and closed only on the third.
    two_days = admin.get("/evaluation", params={"from": "2026-03-03", "to": "2026-03-04", "by": "unit"}).json()
    ua = two_days["rows"][0]
    assert (ua["disposed"], ua["disposed_on_time"], ua["disposals_due"]) == (1, 1, 2)
    assert (ua["closures_due"], ua["closed"], ua["closed_on_time"], ua["closure_rate"]) == (2, 1, 1, 0.5)
    assert (ua["reworks"], ua["mean_working_hours_to_close"]) == (1, 8.0)
    # A deferral agreed after the period's end is not counted in it.
    _insert(
        live,
        inspector=who["i2"],
        district="d2",
        unit="uc",
        state="dispatched",
        deferred=True,
        deferred_at="2026-03-20T02:00:00.000+00:00",
        dispatched_at=BASE,
        due=BASE + DAY,
    )
    uc = [r for r in admin.get("/evaluation", params={**PERIOD, "by": "unit"}).json()["rows"] if r["key"] == "uc"]
    assert (uc[0]["deferred"], uc[0]["closures_due"], uc[0]["closure_rate"]) == (0, 1, 0.0)
    uc = [
        r
        for r in admin.get("/evaluation", params={"from": "2026-03-02", "to": "2026-03-25", "by": "unit"}).json()[
            "rows"
        ]
        if r["key"] == "uc"
    ]
    assert (uc[0]["deferred"], uc[0]["closures_due"], uc[0]["closure_rate"]) == (1, 1, None)
    # Nothing reported in an empty period.
    assert admin.get("/evaluation", params={"from": "2025-01-01", "to": "2025-01-31"}).json()["rows"] == []


def test_who_may_see_the_figures_and_bad_parameters(live: LiveServer) -> None:
    for role, extra in (("inspector", {}), ("unit", {"unit": "gas_co"})):
        client = live.login(live.user(role, **extra))
        answer = client.get("/evaluation", params={**PERIOD, "by": "district"})
        assert answer.status_code == 403 and error_of(answer)["code"] == "role_refused"
    assert live.client().get("/evaluation", params=PERIOD).status_code == 401
    admin = live.login(live.user("admin"))
    for params in (
        {"from": "2026-13-01", "to": "2026-12-31"},
        {"from": "yesterday", "to": "2026-12-31"},
        {"from": "2026-03-06", "to": "2026-03-02"},
        {"from": "2026-03-02", "to": "2026-03-06", "by": "planet"},
        {"to": "2026-03-06"},
        {"from": "2020-01-01", "to": "2026-03-06"},
    ):
        answer = admin.get("/evaluation", params=params)
        assert answer.status_code == 422, (params, answer.text)
        assert set(error_of(answer)) >= {"code", "message"}


def test_ranking_ties_share_a_rank() -> None:
    rows: list[dict[str, Any]] = [
        {"key": "c", "on_time_closure_rate": 0.5, "closure_rate": 1.0},
        {"key": "a", "on_time_closure_rate": 0.5, "closure_rate": 1.0},
        {"key": "b", "on_time_closure_rate": 0.5, "closure_rate": 0.5},
        {"key": "d", "on_time_closure_rate": None, "closure_rate": None},
        {"key": "e", "on_time_closure_rate": 0.9, "closure_rate": 0.9},
    ]
    _rank(rows)
    assert [(r["key"], r["rank"]) for r in rows] == [("e", 1), ("a", 2), ("c", 2), ("b", 4), ("d", 5)]


def test_the_loop_over_http_is_counted(make_server: Any) -> None:
    """Cases driven through the real decisions and a tablet's verification answers: one closed on
    time, one disputed (a rework against the unit), one still waiting to be filed."""
    from tests.server.test_decisions import _answer, _ok, _received

    live = make_server()
    tablet = live.tablet()
    boss = live.login(live.user("supervisor", districts=("d1",)))
    unit = live.login(live.user("unit", unit="water_supply_co"))
    photos = {"photos": ["f" * 64]}
    done, disputed, waiting = (_received(live, tablet) for _ in range(3))
    for case_id in (done, disputed):
        _ok(boss, case_id, "file")
        _ok(boss, case_id, "dispatch")
        _ok(unit, case_id, "dispose", note="new cover fitted")
    ok = _answer(
        tablet, done, [("add_photos", "disposed", "disposed", photos), ("confirm", "disposed", "verified", {})]
    )
    assert ok["status"] == "verified", ok
    assert _ok(boss, done, "close")["status"] == "closed"
    back = _answer(
        tablet,
        disputed,
        [("add_photos", "disposed", "disposed", photos), ("dispute", "disposed", "dispatched", {"note": "仍未更换"})],
    )
    assert back["status"] == "dispatched", back
    assert waiting

    today = datetime.now(UTC).astimezone(live.core.calendar.tz).date()
    answer = boss.get("/evaluation", params={"from": str(today - DAY), "to": str(today + DAY), "by": "unit"})
    assert answer.status_code == 200, answer.text
    [row] = answer.json()["rows"]
    assert row["key"] == "water_supply_co" and row["reported"] == 2 and row["closed"] == 1
    assert row["closed_on_time"] == 1 and row["reworks"] == 1
    # The disputed disposal does not count: the case is back in the unit's hands.
    assert row["disposed"] == 1 and row["disposed_on_time"] == 1
    [mine] = boss.get(
        "/evaluation", params={"from": str(today - DAY), "to": str(today + DAY), "by": "inspector"}
    ).json()["rows"]
    assert (mine["reported"], mine["filed"], mine["dispatched"], mine["closed"]) == (3, 2, 2, 1)
    assert mine["filing_rate"] == 0.666667 and mine["mean_working_hours_to_close"] is not None

"""The desk's HTTP client (app/desk.py) against a real server on 127.0.0.1 (SQLite)."""

from __future__ import annotations

import csv
import hashlib
import http.server
import socket
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app import desk
from app.desk import DeskClient, DeskError, QueueFilter
from app.domain.calendar import WorkingCalendar
from app.domain.catalogue import load_catalogue
from app.paths import resources_dir
from tests.ui.desk.world import World, close_world, jpeg_bytes, open_world


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = open_world(tmp_path)
    yield w
    close_world(w)


def _client(world: World, who: str = "supervisor") -> DeskClient:
    account = getattr(world, who)
    client = DeskClient(world.url)
    client.login(account.name, account.password)
    return client


def test_login_names_the_role_districts_and_unit(world: World) -> None:
    boss = DeskClient(world.url)
    info = boss.login(world.supervisor.name, world.supervisor.password)
    assert (info.role, info.districts, info.unit, info.desk) == ("supervisor", ("d1",), None, "review")
    crew = DeskClient(world.url).login(world.unit.name, world.unit.password)
    assert (crew.role, crew.unit, crew.desk) == ("unit", "water_supply_co", "unit")
    assert DeskClient(world.url).login(world.inspector.name, world.inspector.password).desk == "tablet"


def test_a_wrong_password_is_an_auth_error_and_no_token_is_kept(world: World) -> None:
    client = DeskClient(world.url)
    with pytest.raises(DeskError) as caught:
        client.login(world.supervisor.name, "not-the-password")
    assert caught.value.kind == desk.AUTH and caught.value.status == 401
    assert client.token is None
    with pytest.raises(DeskError) as again:
        client.queue()
    assert again.value.kind == desk.AUTH


def test_an_ended_login_is_an_auth_error(world: World) -> None:
    client = _client(world)
    client.session.post(f"{world.url}/api/v1/auth/logout", headers={"Authorization": f"Bearer {client.token}"})
    with pytest.raises(DeskError) as caught:
        client.queue()
    assert caught.value.kind == desk.AUTH


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_unreachable_server_is_said_so() -> None:
    client = DeskClient(f"http://127.0.0.1:{_closed_port()}", timeout=(0.5, 1.0))
    with pytest.raises(DeskError) as caught:
        client.login("someone", "password1")
    assert caught.value.kind == desk.UNREACHABLE and caught.value.retryable


def test_a_server_that_does_not_answer_is_a_timeout() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts connections (the kernel does) but never answers
    try:
        client = DeskClient(f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=(1.0, 0.3), retries=False)
        with pytest.raises(DeskError) as caught:
            client.health()
        assert caught.value.kind == desk.TIMEOUT and caught.value.retryable
    finally:
        listener.close()


class _Flaky(http.server.BaseHTTPRequestHandler):
    failures = 2
    seen = 0

    def do_GET(self) -> None:  # noqa: N802
        type(self).seen += 1
        if type(self).seen <= type(self).failures:
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b'{"status": "ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_reads_are_retried_after_a_passing_failure() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        client = DeskClient(f"http://127.0.0.1:{server.server_address[1]}")
        assert client.health() == {"status": "ok"}
        assert _Flaky.seen == 3
    finally:
        server.shutdown()
        server.server_close()


def test_the_queue_pages_with_a_cursor_and_filters(world: World) -> None:
    ids = [world.send("broken") for _ in range(4)] + [world.send("missing", address="Hanghai Road 2")]
    client = _client(world)
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = client.queue(cursor=cursor, limit=2)
        seen += [c["id"] for c in page.cases]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    assert sorted(seen) == sorted(ids) and len(seen) == len(set(seen)) and pages == 3
    assert seen == [ids[-1], *ids[:-1]]  # the queue's order: the urgent case first, then the oldest
    urgent = client.queue(QueueFilter(subtype="missing"))
    assert [c["id"] for c in urgent.cases] == [ids[-1]]
    assert client.queue(QueueFilter(states=("filed",))).cases == []
    assert [c["id"] for c in client.queue(QueueFilter(search="hanghai")).cases] == [ids[-1]]
    assert len(client.queue(QueueFilter(type="manhole_cover", district="d1")).cases) == 5


def test_a_case_its_log_and_its_photos_hash_checked(world: World) -> None:
    case_id = world.send("broken")
    client = _client(world)
    case = client.case(case_id)
    assert case["status"] == "received" and len(case["photos"]) == 2
    log = client.log(case_id)
    assert [e["action"] for e in log["events"]] == ["create", "add_photos", "submit", "receive"]
    assert log["problems"] == []
    sha = case["photos"][0]["sha256"]
    blob = client.blob(sha)
    assert blob.verified and blob.status == "verified" and hashlib.sha256(blob.data).hexdigest() == sha
    # A photo damaged on the server's disk is shown as failing its hash check.
    path = world.server.core.photos.blob_path(sha)
    path.chmod(0o644)
    path.write_bytes(b"\xff\xd8 damaged")
    assert client.blob(sha).status == "mismatch"
    with pytest.raises(DeskError) as caught:
        client.case("00000000-0000-4000-8000-000000000000")
    assert caught.value.kind == desk.NOT_FOUND


def test_nearby_cases_of_the_same_type(world: World) -> None:
    here = world.send("broken", at=(34.7466, 113.6253))
    close = world.send("missing", at=(34.7467, 113.6254))  # about 14 m away
    world.send("broken", at=(34.7600, 113.6253))  # 1.5 km away
    client = _client(world)
    found = client.nearby(client.case(here))
    assert [c["id"] for c in found] == [close]


def test_decisions_and_their_refusals(world: World) -> None:
    case_id = world.send("broken")
    boss = _client(world)
    rival = _client(world)
    filed = boss.decide(case_id, "file")
    assert filed["status"] == "filed" and filed["official_number"]
    with pytest.raises(DeskError) as late:  # the rival's view was of a received case
        rival.decide(case_id, "return", note="a close-up is missing")
    assert late.value.kind == desk.CONFLICT and late.value.status == 409 and late.value.message
    with pytest.raises(DeskError) as bad:
        boss.decide(world.send("broken"), "reject")  # no reason
    assert bad.value.kind == desk.INVALID
    inspector = _client(world, "inspector")
    with pytest.raises(DeskError) as role:
        inspector.decide(case_id, "dispatch")
    assert role.value.kind == desk.REFUSED
    dispatched = boss.decide(case_id, "dispatch", unit=desk.default_unit(filed, load_catalogue(_catalogue())))
    assert dispatched["status"] == "dispatched" and dispatched["deadlines"]


def _catalogue() -> Path:
    return resources_dir() / "catalogue.json"


def test_a_unit_uploads_photos_and_records_the_disposal(world: World) -> None:
    case_id = world.send("broken")
    world.decide(world.supervisor, case_id, "file")
    world.decide(world.supervisor, case_id, "dispatch", unit="water_supply_co")
    crew = _client(world, "unit")
    assert [c["id"] for c in crew.queue(QueueFilter(states=("dispatched",))).cases] == [case_id]
    photo = jpeg_bytes(999)
    sha = crew.upload_photo(photo)
    assert sha == hashlib.sha256(photo).hexdigest()
    assert crew.upload_photo(photo) == sha  # already there: nothing sent again
    done = crew.decide(case_id, "dispose", note="新井盖已安装", photos=[sha])
    assert done["status"] == "disposed"
    [event] = [e for e in crew.log(case_id)["events"] if e["action"] == "dispose"]
    assert sha in str(event["changes"])
    assert crew.blob(sha).verified  # whoever may see the case may download its disposal photos


def test_evaluation_and_the_csv_export(world: World, tmp_path: Path) -> None:
    ids = [world.send("broken", address="金水路18号, Zhengzhou") for _ in range(3)]
    boss = _client(world)
    today = date.today()
    figures = boss.evaluation(today - timedelta(days=1), today + timedelta(days=1), "district")
    assert figures["by"] == "district" and figures["rows"][0]["reported"] == 3
    out = tmp_path / "cases.csv"
    assert boss.export_csv(out, QueueFilter(states=("received",))) == 3
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert sorted(r["id"] for r in rows) == sorted(ids) and rows[0]["address"] == "金水路18号, Zhengzhou"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".export-")] == []
    with pytest.raises(DeskError) as refused:
        _client(world, "unit").evaluation(today, today, "unit")
    assert refused.value.kind == desk.REFUSED


def test_time_left_is_counted_in_working_hours() -> None:
    calendar = WorkingCalendar.from_json(
        {"timezone": "+08:00", "hours": [["09:00", "12:00"], ["13:00", "17:00"]], "holidays": ["2026-10-01"]}
    )
    catalogue = load_catalogue(_catalogue())
    tz = timezone(timedelta(hours=8))
    now = datetime(2026, 9, 30, 16, 0, tzinfo=tz)  # a Wednesday; the 1st is a holiday
    case = {
        "type": "manhole_cover",
        "subtype": "broken",
        "deadlines": [
            {"milestone": "disposal", "due_at": "2026-10-02T10:00:00+08:00", "met_at": None, "overdue": False}
        ],
    }
    [due] = desk.deadlines_of(case, catalogue, calendar, now)
    assert due.clock == "working" and due.hours_left == pytest.approx(2.0) and not due.overdue
    urgent = {**case, "subtype": "missing"}
    [fast] = desk.deadlines_of(urgent, catalogue, calendar, now)
    assert fast.clock == "continuous" and fast.hours_left == pytest.approx(42.0)
    late = desk.deadlines_of(case, catalogue, calendar, datetime(2026, 10, 2, 11, 0, tzinfo=tz))[0]
    assert late.overdue and late.hours_left == pytest.approx(-1.0)
    plan = desk.planned_deadlines(case, catalogue, calendar, now)
    assert plan and all(when > now for _, _, _, when in plan)

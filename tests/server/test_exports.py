"""Case exports (`GET /exports/cases.csv|.geojson`, `fieldcase-server export`): parsed back, Chinese
intact, formulas defused, scoped like GET /cases, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from server.cli import main
from tests.server.conftest import LiveServer
from tests.server.helpers import Client, build_case, envelope, error_of, photo_bytes, upload

CHINESE = "人民路与建设路交叉口井盖缺失，已设置围挡"
TODAY = datetime.now(timezone(timedelta(hours=8))).date()


def _case(tablet: Client, district: str, description: str) -> str:
    assert tablet.account is not None
    photos = [photo_bytes(f"{uuid.uuid4()}-{i}") for i in range(2)]
    for data in photos:
        upload(tablet, data)
    case, events = build_case(tablet.account.name, tablet.device_id, district, photos, description=description)
    answer = tablet.post("/sync/cases", json={"cases": [envelope(case, events)]})
    assert answer.status_code == 200 and answer.json()["results"][0]["outcome"] == "accepted", answer.text
    return str(case["id"])


@pytest.fixture
def exported(make_server: Callable[..., LiveServer]) -> tuple[LiveServer, dict[str, str]]:
    live = make_server()
    north, south = live.tablet(district="d1"), live.tablet(district="d2")
    ids = {
        "chinese": _case(north, "d1", CHINESE),
        "formula": _case(north, "d1", '=HYPERLINK("http://x")'),
        "south": _case(south, "d2", "cover cracked"),
    }
    return live, ids


def _csv(body: bytes) -> list[dict[str, str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(body[3:].decode("utf-8"))))


def test_csv_and_geojson_over_http_scoped_and_filtered(exported: tuple[LiveServer, dict[str, str]]) -> None:
    live, ids = exported
    admin = live.login(live.user("admin"))
    answer = admin.get("/exports/cases.csv")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = _csv(answer.content)
    assert [r["id"] for r in rows] == [ids["chinese"], ids["formula"], ids["south"]]  # oldest first
    by_id = {r["id"]: r for r in rows}
    assert by_id[ids["chinese"]]["description"] == CHINESE
    assert by_id[ids["chinese"]]["address"] == "Jinshui Road 18"
    assert by_id[ids["chinese"]]["state"] == "received" and by_id[ids["chinese"]]["district"] == "d1"
    assert float(by_id[ids["chinese"]]["lat"]) == pytest.approx(34.7466)
    assert by_id[ids["formula"]]["description"] == '\'=HYPERLINK("http://x")'

    boss = live.login(live.user("supervisor", districts=("d1",)))
    mine = _csv(boss.get("/exports/cases.csv").content)
    assert sorted(r["id"] for r in mine) == sorted([ids["chinese"], ids["formula"]])
    geo = boss.get("/exports/cases.geojson")
    assert geo.status_code == 200 and geo.headers["content-type"].startswith("application/geo+json")
    collection = json.loads(geo.content.decode("utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert set(features) == {ids["chinese"], ids["formula"]}
    point = features[ids["chinese"]]
    assert point["geometry"] == {"type": "Point", "coordinates": [pytest.approx(113.6253), pytest.approx(34.7466)]}
    assert point["properties"]["description"] == CHINESE and point["properties"]["district"] == "d1"

    # The filters of GET /cases, and the period.
    assert [r["id"] for r in _csv(admin.get("/exports/cases.csv", params={"district": "d2"}).content)] == [ids["south"]]
    assert _csv(admin.get("/exports/cases.csv", params={"state": "closed"}).content) == []
    around = {"from": str(TODAY - timedelta(days=1)), "to": str(TODAY + timedelta(days=1))}
    assert len(_csv(admin.get("/exports/cases.csv", params=around).content)) == 3
    later = {"from": str(TODAY + timedelta(days=2))}
    assert json.loads(admin.get("/exports/cases.geojson", params=later).content)["features"] == []
    # A unit sees nothing dispatched to it yet; an inspector their own cases.
    unit = live.login(live.user("unit", unit="gas_co"))
    assert _csv(unit.get("/exports/cases.csv").content) == []

    for params in ({"from": "2026-02-30"}, {"from": "2026-03-06", "to": "2026-03-02"}, {"to": "tomorrow"}):
        refused = admin.get("/exports/cases.csv", params=params)
        assert refused.status_code == 422, (params, refused.text)
        assert error_of(refused)["code"] in ("bad_date", "bad_period", "malformed")
    assert live.client().get("/exports/cases.csv").status_code == 401


def test_the_export_command(
    exported: tuple[LiveServer, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    live, ids = exported
    base = ["--data-dir", str(tmp_path / "cli"), "--database", live.config.database_url, "--json", "export"]
    out = tmp_path / "cases.csv"
    assert main([*base, "--format", "csv", "--out", str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {"format": "csv", "out": str(out), "cases": 3}
    rows = _csv(out.read_bytes())
    assert {r["id"] for r in rows} == set(ids.values())
    assert {r["description"] for r in rows} >= {CHINESE}

    geo = tmp_path / "d1.geojson"
    args = ["--format", "geojson", "--state", "received", "--from", str(TODAY - timedelta(days=1)), "--out", str(geo)]
    assert main([*base, *args]) == 0
    assert json.loads(capsys.readouterr().out)["cases"] == 3
    assert len(json.loads(geo.read_text(encoding="utf-8"))["features"]) == 3

    assert main([*base, "--format", "csv", "--state", "closed", "--out", str(out)]) == 0
    capsys.readouterr()
    assert _csv(out.read_bytes()) == []
    assert main([*base, "--format", "csv", "--from", "2026-03-06", "--to", "2026-03-01", "--out", str(out)]) == 4
    assert main([*base, "--format", "xlsx", "--out", str(out)]) == 2
    assert not list(tmp_path.glob(".*.partial"))

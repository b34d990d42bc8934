"""The tablet's own sync (app.accounts, sync.engine) against this server: enroll, log in, sync; the
server then holds the tablet's cases and photos byte for byte, and the tablet shows them received."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.server.conftest import LiveServer


def test_a_tablet_round_trip(live: LiveServer, tmp_path: Path) -> None:
    accounts = pytest.importorskip("app.accounts")
    from app.services import Tablet
    from tests.photofactory import Gps, make_exif, write_jpeg

    account = live.user("inspector", districts=("d1",))
    code = live.core.accounts.new_enroll_code("d1")["code"]
    photos = []
    for i in range(4):
        exif = make_exif(gps=Gps(34.7466, 113.6253), taken_at="2026:11:20 09:30:12", offset="+08:00")
        photos.append(write_jpeg(tmp_path / f"IMG_{i}.jpg", exif=exif, upright_size=(64 + i, 48)))
    with Tablet(tmp_path / "tablet") as tablet:
        accounts.enroll(tablet, live.url, code)
        accounts.login(tablet, account.name, account.password)
        made = []
        for pair in (photos[:2], photos[2:]):
            case = tablet.new_case(
                type="manhole_cover",
                subtype="missing",
                lat=34.7466,
                lon=113.6253,
                address="Jinshui Road 18",
                fields={"owner": "water_supply", "barrier_placed": "yes"},
                photos=pair,
            )
            made.append(tablet.submit(case.id))
        report = tablet.sync()
        assert report.error is None and report.cases_accepted == 2, report.to_json()
        for case in made:
            local = tablet.case(case.id)
            assert local.status == "received" and local.sync == "synced"
        again = tablet.sync()
        assert again.error is None and again.cases_sent == 0
        server = live.login(account)
        for case in made:
            shown = server.get(f"/cases/{case.id}").json()
            assert shown["status"] == "received" and shown["inspector"] == account.name
            assert [p["sha256"] for p in shown["photos"]] == [p.sha256 for p in case.photos]
            for photo in case.photos:
                with tablet.originals.open(photo.sha256) as mine, live.core.photos.blobs.open(photo.sha256) as theirs:
                    assert mine.read() == theirs.read()
            log = server.get(f"/cases/{case.id}/log").json()
            assert log["problems"] == []
            assert [e["hash"] for e in log["events"]] == [e.hash for e in tablet.log(case.id)]

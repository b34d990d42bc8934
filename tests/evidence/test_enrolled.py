"""Signed evidence against a real server: the key recorded at enrollment, receipts in the bundle,
a wrong tablet clock recorded as an offset, a tablet enrolled before keys existed."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from app import accounts
from app.evidence.bundle import export_case
from app.evidence.signing import fingerprint
from app.evidence.verify import verify_bundle
from app.services import Tablet
from server import schema as t
from sync.client import SyncClient
from sync.engine import SyncEngine
from tests.evidence import bundles


def _server_key(field, device: str) -> str | None:
    with field.server.core.store.read() as conn:
        return conn.execute(sa.select(t.devices.c.public_key).where(t.devices.c.id == device)).scalar_one()


def test_enrollment_records_the_device_key_on_the_server(field) -> None:
    tablet = field.tablet
    server_key = _server_key(field, tablet.device)
    assert server_key == tablet.custody.public_key()
    assert tablet.repo.meta("enrolled_key") == fingerprint(server_key) == tablet.custody.fingerprint()
    (row,) = tablet.custody.store.keys().values()
    assert row["enrolled_at"] and row["server"] == field.server.url


def test_the_server_refuses_a_malformed_public_key(field) -> None:
    code = field.server.core.accounts.new_enroll_code("d1")["code"]
    client = field.server.client()
    answer = client.post(
        "/devices/enroll", json={"code": code, "device_id": "tablet-x", "name": "x", "public_key": "bm90IGEga2V5"}
    )
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "bad_public_key"
    # Refused before the code was used: it still enrolls a tablet.
    answer = client.post("/devices/enroll", json={"code": code, "device_id": "tablet-x", "name": "x"})
    assert answer.status_code == 200


def test_a_synced_case_exports_with_its_receipts_and_verifies_against_the_servers_key(field, photos, tmp_path) -> None:
    case_id = field.new_submitted(photos(2))
    report = field.tablet.sync()
    assert report.complete, report.to_json()
    out = tmp_path / "synced.zip"
    export_case(field.tablet, case_id, out)
    manifest, _ = bundles.read(out)
    assert [r["outcome"] for r in manifest["receipts"]] == ["accepted"]
    assert manifest["receipts"][0]["receipt"]["case_id"] == case_id
    expected = fingerprint(_server_key(field, field.tablet.device))
    result = verify_bundle(out, expect_key=expected)
    assert result.ok, result.problems
    assert result.receipts == 1 and result.enrolled_key == expected == result.signed_by


def test_a_wrong_tablet_clock_is_recorded_as_an_offset_not_hidden(field, photos) -> None:
    tablet = field.tablet
    slow = 2 * 3600.0  # the tablet's clock is two hours behind the server's
    with accounts.client_for(tablet) as client:
        SyncEngine(tablet.repo, tablet.originals, client, clock=lambda: time.time() - slow).run()
    offset = float(tablet.repo.meta("clock_offset_s") or 0)
    assert abs(offset - slow) < 60
    case_id = field.new_submitted(photos(2))
    records = tablet.custody.store.photo_records(case_id)
    by_sha = {p.sha256: p for p in tablet.case(case_id).photos}
    for sha, row in records.items():
        assert row.record["clock_offset_s"] == offset  # as measured, signed with the record
        # When it was measured: the start of the sync, which may be a second before the sync ended.
        measured = row.record["clock_offset_measured_at"]
        assert measured == tablet.repo.meta("clock_offset_at")
        assert measured <= tablet.repo.meta("last_sync_at")
        # The tablet's own times are kept as they were, not shifted by the offset.
        assert row.record["added_at"] == by_sha[sha].added_at
        assert abs(datetime.fromisoformat(row.record["added_at"]).timestamp() - time.time()) < 300


def test_a_tablet_enrolled_before_keys_existed_gets_one_at_first_need(make_server, tmp_path: Path, photos) -> None:
    server = make_server()
    data = tmp_path / "old-tablet"
    with Tablet(data, sign=False) as old:
        code = server.core.accounts.new_enroll_code("d1")["code"]
        with SyncClient(server.url) as client:  # the enrollment of a Fieldcase without keys
            answer = client.enroll(code, old.device, name="old")
        old.repo.set_meta("server_url", server.url)
        old.repo.set_meta("device_token", answer.device_token)
        case = old.new_case(type="manhole_cover", subtype="broken", fields={"owner": "gas"}, photos=photos(2))
        device = old.device
    with server.core.store.read() as conn:
        assert conn.execute(sa.select(t.devices.c.public_key).where(t.devices.c.id == device)).scalar_one() is None
    with Tablet(data) as tablet:
        assert tablet.check().ok
        tablet.submit(case.id)  # the first signature makes the key
        assert tablet.custody.store.keys() and tablet.repo.meta("enrolled_key") is None
        out = tmp_path / "old.zip"
        export_case(tablet, case.id, out)
    result = verify_bundle(out)
    assert result.ok, result.problems
    assert result.events_unsigned == 2 and result.signatures_verified == 2
    assert any("not recorded by a server" in note for note in result.notes)


def test_an_export_fetches_originals_the_tablet_dropped_after_the_receipt(field, photos, tmp_path) -> None:
    tablet = field.tablet
    tablet.settings.set("keep_originals_days", 1)
    case_id = field.new_submitted(photos(2))
    assert tablet.sync().complete
    tablet.repo.db.execute("UPDATE photos SET receipt_at = '2000-01-01T00:00:00+00:00'")
    assert tablet.reclaim_space() == 2
    out = tmp_path / "fetched.zip"
    export_case(tablet, case_id, out)
    result = verify_bundle(out)
    assert result.ok, result.problems
    assert result.photos_rehashed == 2


def test_a_lost_device_key_is_replaced_and_the_bundle_says_it_is_not_the_enrolled_one(field, photos, tmp_path) -> None:
    tablet = field.tablet
    case_id = field.new_submitted(photos(2))
    enrolled = tablet.custody.fingerprint()
    key_file = Path(tablet.custody.keystore.path_for(tablet.device))
    key_file.unlink()  # the keyring or the key folder was wiped
    data = tablet.paths.root
    tablet.close()
    with Tablet(data) as again:
        report = again.check()
        assert report.ok, report.problems  # the old signatures still verify with the kept public key
        new = again.custody.fingerprint()
        assert new != enrolled and set(again.custody.store.keys()) == {enrolled, new}
        out = tmp_path / "rekeyed.zip"
        export_case(again, case_id, out)
    result = verify_bundle(out)
    assert not result.ok
    assert result.problems == [f"manifest.json: signed by key {new[:16]}, not by the enrolled key {enrolled[:16]}"]

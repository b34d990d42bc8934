"""Tablet ↔ real server on 127.0.0.1 (SQLite and PostgreSQL): cases and photos arrive byte for byte."""

from __future__ import annotations

import hashlib

from app import accounts
from app.services import Tablet
from storage.sync_store import SyncStore


def _server_cases(field) -> dict[str, dict]:
    admin = field.server.login(field.server.user("admin"))
    answer = admin.get("/cases", params={"limit": 500})
    assert answer.status_code == 200, answer.text
    return {c["id"]: c for c in answer.json()["cases"]}


def _server_bytes(field, sha: str) -> bytes:
    client = field.server.login(field.server.user("admin"))
    answer = client.get(f"/blobs/{sha}")
    assert answer.status_code == 200
    return answer.content


def test_round_trip_cases_and_photos_equal_byte_for_byte(field, photos) -> None:
    ids = [field.new_submitted(photos(2)) for _ in range(3)]
    draft = field.tablet.new_case(type="manhole_cover", subtype="other").id  # drafts stay on the tablet
    report = field.tablet.sync()
    assert report.error is None, report.error
    assert (report.cases_accepted, report.photos_uploaded, report.left) == (3, 6, 0)
    assert report.complete and report.clock_offset_s is not None
    on_server = _server_cases(field)
    assert set(on_server) == set(ids) and draft not in on_server
    for case_id in ids:
        local = field.tablet.case(case_id)
        remote = on_server[case_id]
        assert local.sync == "synced"
        assert local.status == "received"  # learned from the change feed
        assert remote["code"] == local.code and remote["address"] == local.address
        assert [p["sha256"] for p in remote["photos"]] == [p.sha256 for p in local.photos]
        for photo in local.photos:
            original = field.tablet.originals.read_bytes(photo.sha256)  # the plaintext, decrypted
            assert _server_bytes(field, photo.sha256) == original
            assert hashlib.sha256(original).hexdigest() == photo.sha256
        # The server's receive event continues the tablet's own chain, which still verifies.
        assert [e.action for e in field.tablet.log(case_id)][-2:] == ["submit", "receive"]
        assert SyncStore(field.tablet.repo).receipts(case_id)[0]["outcome"] == "accepted"
    assert field.tablet.check().ok


def test_a_second_sync_sends_nothing_and_a_resend_is_acknowledged_not_duplicated(field, photos) -> None:
    case_id = field.new_submitted(photos(2))
    queued = field.tablet.repo.db.execute("SELECT case_id, revision, queued_at, payload FROM outbox").fetchall()
    assert field.tablet.sync().cases_accepted == 1
    again = field.tablet.sync()
    assert (again.cases_sent, again.photos_uploaded, again.error) == (0, 0, None)
    # As if the receipt had been lost: the outbox row as it was is back.
    with field.tablet.repo.transaction():
        field.tablet.repo.db.execute(
            "INSERT INTO outbox (case_id, revision, queued_at, payload) VALUES (?,?,?,?)", queued[0])
    resent = field.tablet.sync()
    assert (resent.cases_already, resent.photos_uploaded, resent.left) == (1, 0, 0)
    assert list(_server_cases(field)) == [case_id]


def test_unreachable_server_leaves_work_queued_and_says_so(field, photos) -> None:
    case_id = field.new_submitted(photos(2))
    field.point_at("http://127.0.0.1:9")  # nothing listens on the discard port
    report = field.tablet.sync()
    assert report.error_kind == "network" and report.left == 1
    assert field.tablet.case(case_id).sync == "pending"
    field.point_at(field.server.url)
    assert field.tablet.sync().complete


def test_offline_login_after_an_online_one(field) -> None:
    name, password = field.account.name, field.account.password
    accounts.logout(field.tablet)
    field.point_at("http://127.0.0.1:9")
    login = accounts.login(field.tablet, name, password)
    assert login.online is False and field.tablet.inspector == name
    try:
        accounts.login(field.tablet, name, "wrong")
    except accounts.LoginError as exc:
        assert "wrong" in str(exc)
    else:
        raise AssertionError("a wrong password logged in offline")


def test_originals_are_dropped_only_after_the_receipt_and_fetched_back(field, photos) -> None:
    field.tablet.settings.set("keep_originals_days", 1)
    case_id = field.new_submitted(photos(2))
    sha = field.tablet.case(case_id).photos[0].sha256
    assert field.tablet.reclaim_space() == 0  # no receipt yet: nothing may go
    assert field.tablet.sync().complete
    # Receipts older than the configured age make the originals droppable.
    field.tablet.repo.db.execute("UPDATE photos SET receipt_at = '2000-01-01T00:00:00+00:00'")
    assert field.tablet.reclaim_space() == 2
    assert not field.tablet.originals.has(sha)
    report = field.tablet.check()
    assert report.ok and report.photos_remote == 2
    field.tablet.original(sha)
    assert hashlib.sha256(field.tablet.originals.read_bytes(sha)).hexdigest() == sha
    assert field.tablet.check().photos_checked == 1


def test_the_cli_syncs_with_exit_codes(field, photos, capsys) -> None:
    from app.cli import main

    field.new_submitted(photos(2))
    data = str(field.data_dir)
    field.tablet.close()
    assert main(["--data-dir", data, "sync", "--json"]) == 0
    tablet = Tablet(field.data_dir)
    tablet.repo.set_meta("server_url", "http://127.0.0.1:9")
    case = tablet.new_case(type="manhole_cover", subtype="other", fields={"owner": "gas"}, photos=photos(2))
    tablet.submit(case.id)
    tablet.close()
    capsys.readouterr()
    assert main(["--data-dir", data, "sync", "--json"]) == 5
    assert "unreachable" in capsys.readouterr().err
    field.tablet = Tablet(field.data_dir)


def test_two_inspectors_sharing_a_tablet_each_keep_their_feed(field, photos) -> None:
    first = field.account
    field.new_submitted(photos(2))
    assert field.tablet.sync().changes_pulled == 1
    second = field.server.user("inspector", districts=("d1",))
    accounts.logout(field.tablet)
    accounts.login(field.tablet, second.name, second.password)
    field.new_submitted(photos(2))
    assert field.tablet.sync().changes_pulled == 1
    accounts.login(field.tablet, first.name, first.password)
    # The first inspector's place in their feed is kept: nothing is pulled again.
    assert field.tablet.sync().changes_pulled == 0

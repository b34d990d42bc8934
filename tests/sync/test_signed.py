"""Signed evidence through sync, a real tablet against the real server (SQLite and PostgreSQL): the tablet
sends its signatures, the server checks them against the keys enrolled and refuses what does not
verify (changing nothing), signs its receipts and its own events, and the tablet's bundle then
verifies the server's signatures too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import requests
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import accounts
from app.evidence.bundle import export_case
from app.evidence.signing import fingerprint, load_public, receipt_signed_part, sign_json, verify_json
from app.evidence.verify import unsigned_manifest, verify_bundle
from app.services import Tablet
from server import schema as t
from tests.evidence import bundles
from tests.sync.conftest import Field


def _server_key(field: Field) -> dict[str, Any]:
    answer = requests.get(f"{field.server.url}/api/v1/keys", timeout=10)
    assert answer.status_code == 200, answer.text
    key: dict[str, Any] = answer.json()["server"]
    return key


def _lose_key(tablet: Tablet) -> None:
    """The tablet's private key is lost (a wiped keyring): a new one is made at the next need."""
    tablet.custody.keystore.path_for(tablet.device).unlink()
    tablet.custody._key = None


def _cases_on_server(field: Field) -> int:
    with field.server.core.store.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(t.cases)).scalar_one())


def _log(field: Field) -> list[Any]:
    with field.server.core.store.read() as conn:
        return conn.execute(sa.select(t.received_log).order_by(t.received_log.c.seq)).all()


def test_sync_carries_the_signatures_and_the_server_signs_its_receipt_and_events(field: Field, photos) -> None:
    tablet = field.tablet
    case_id = field.new_submitted(photos(2))
    report = tablet.sync()
    assert report.complete, report.to_json()
    device_fp = tablet.custody.fingerprint()
    server = _server_key(field)
    public = load_public(server["public_key"])
    assert fingerprint(public) == server["fingerprint"]
    # The tablet fetched the server's key and kept the signed receipt.
    assert json.loads(tablet.repo.meta("server_key") or "{}")["fingerprint"] == server["fingerprint"]
    [kept] = tablet.sync_store.receipts(case_id)
    receipt = kept["receipt"]
    assert receipt["signature"]["key"] == server["fingerprint"]
    assert verify_json(public, receipt_signed_part(receipt), receipt["signature"]["value"])
    # The server kept the tablet's signatures beside its events and photos, and signed its `receive`.
    client = field.server.login(field.account)
    log = client.get(f"/cases/{case_id}/log").json()
    tablet_events = [e for e in log["events"] if e["role"] == "inspector"]
    assert tablet_events and all(e["signature"]["key"] == device_fp for e in tablet_events)
    receive = log["events"][-1]
    assert receive["action"] == "receive" and receive["signature"]["key"] == server["fingerprint"]
    body = {k: v for k, v in receive.items() if k != "signature"}
    assert verify_json(public, body, receive["signature"]["value"])
    with field.server.core.store.read() as conn:
        records = [json.loads(r) for r in conn.execute(sa.select(t.case_photos.c.record_json)).scalars()]
    assert len(records) == 2 and all(r["signature"]["key"] == device_fp for r in records)
    # The case itself is kept without them (they are the photos' records, not the case's fields).
    assert all("record" not in p for p in client.get(f"/cases/{case_id}").json()["photos"])
    # The received log holds what arrived.
    [entry] = _log(field)
    assert entry.case_id == case_id and entry.outcome == "accepted" and entry.source == "sync"


def test_a_decision_is_signed_by_the_server_and_the_tablets_bundle_verifies_it(field: Field, photos, tmp_path) -> None:
    tablet = field.tablet
    case_id = field.new_submitted(photos(2))
    assert tablet.sync().complete
    supervisor = field.server.user("supervisor", districts=("d1",))
    desk = field.server.login(supervisor)
    version = desk.get(f"/cases/{case_id}").json()["server"]["version"]
    answer = desk.post(f"/cases/{case_id}/decisions", json={"action": "file", "version": version})
    assert answer.status_code == 200, answer.text
    assert tablet.sync().complete
    assert tablet.check().ok
    out = export_case(tablet, case_id, tmp_path / "case.zip")
    result = verify_bundle(Path(out["file"]), expect_key=tablet.custody.fingerprint())
    assert result.ok, result.problems
    server_fp = _server_key(field)["fingerprint"]
    assert server_fp in result.keys
    # Events: create, add photos, submit (device); receive, file (server); and the receipt (server).
    manifest, _ = bundles.read(Path(out["file"]))
    signers = [(e["action"], e["signature"]["key"]) for e in manifest["events"]]
    assert ("receive", server_fp) in signers and ("file", server_fp) in signers
    assert not result.notes or all("unsigned" not in n for n in result.notes)


def test_a_tampered_receipt_fails_verify(field: Field, photos, tmp_path) -> None:
    tablet = field.tablet
    case_id = field.new_submitted(photos(2))
    assert tablet.sync().complete
    out = tmp_path / "case.zip"
    export_case(tablet, case_id, out)
    manifest, files = bundles.read(out)
    # Someone with the device's key rewrites when the server received the case and signs the bundle again:
    # only the server's signature of its receipt tells.
    manifest["receipts"][0]["receipt"]["received_at"] = "2026-01-01T00:00:00+00:00"
    key = tablet.custody.key()
    manifest["signature"] = {"key": tablet.custody.fingerprint(), "value": sign_json(key, unsigned_manifest(manifest))}
    result = verify_bundle(bundles.write(tmp_path / "tampered.zip", manifest, files))
    assert not result.ok
    assert "receipt of revision 1" in result.problems[0] and "does not verify" in result.problems[0]
    # A receipt claimed to be signed by the device's own key is refused as well: only the server signs them.
    manifest["receipts"][0]["receipt"]["signature"] = {
        "key": tablet.custody.fingerprint(),
        "value": sign_json(key, receipt_signed_part(manifest["receipts"][0]["receipt"])),
    }
    manifest["signature"] = {"key": tablet.custody.fingerprint(), "value": sign_json(key, unsigned_manifest(manifest))}
    result = verify_bundle(bundles.write(tmp_path / "device-signed.zip", manifest, files))
    assert not result.ok and "only a server key may sign" in result.problems[0]


def test_a_forged_signature_is_refused_and_nothing_changes(field: Field, photos) -> None:
    tablet = field.tablet
    case_id = field.new_submitted(photos(2))
    # Another key signs the submission under the device's fingerprint: a forgery.
    forger = Ed25519PrivateKey.generate()
    [last] = tablet.repo.audit(case_id)[-1:]
    tablet.repo.db.execute(
        "UPDATE event_signatures SET signature = ? WHERE case_id = ? AND seq = ?",
        (sign_json(forger, last.to_json()), case_id, last.seq),
    )
    report = tablet.sync()
    assert report.error is not None and "bad_signature" in report.error and "audit event" in report.error
    assert _cases_on_server(field) == 0
    [entry] = _log(field)
    assert entry.case_id == case_id and entry.outcome == "bad_signature"
    assert tablet.sync_store.pending_count() == 1


def test_a_forged_photo_record_is_refused(field: Field, photos) -> None:
    tablet = field.tablet
    case_id = field.new_submitted(photos(2))
    row = next(iter(tablet.custody.store.photo_records(case_id).values()))
    edited = {**row.record, "lat": 1.0}  # moved the photo, kept the signature
    tablet.repo.db.execute(
        "UPDATE photo_records SET record = ? WHERE case_id = ? AND sha256 = ?",
        (json.dumps(edited), case_id, row.sha256),
    )
    report = tablet.sync()
    assert report.error is not None and "bad_signature" in report.error and "photo" in report.error
    assert _cases_on_server(field) == 0


def test_a_key_that_does_not_match_the_enrolled_one_is_refused(field: Field, photos) -> None:
    tablet = field.tablet
    enrolled = tablet.custody.fingerprint()
    # The tablet's key is lost (a wiped keyring) and made again at the next need: not the enrolled one.
    _lose_key(tablet)
    case_id = field.new_submitted(photos(2))
    assert tablet.custody.fingerprint() != enrolled
    report = tablet.sync()
    assert report.error is not None and "unknown_key" in report.error and "enroll it again" in report.error
    assert _cases_on_server(field) == 0
    # Enrolled again, the new key is known beside the old one, and the case goes through.
    code = field.server.core.accounts.new_enroll_code("d1")["code"]
    accounts.enroll(tablet, field.server.url, code)
    accounts.login(tablet, field.account.name, field.account.password)
    assert tablet.sync().complete
    [device] = [d for d in field.server.core.accounts.list_devices() if d["id"] == tablet.device]
    assert [k["fingerprint"] for k in device["keys"]] == [enrolled, tablet.custody.fingerprint()]
    assert device["key"] == tablet.custody.fingerprint()
    assert _cases_on_server(field) == 1 and case_id


def test_a_revoked_devices_key_is_refused(field: Field, photos) -> None:
    tablet = field.tablet
    old = tablet.custody.fingerprint()
    case_id = field.new_submitted(photos(2))  # signed by the key about to be revoked
    field.server.core.accounts.revoke_device(tablet.device)
    report = tablet.sync()
    assert report.error_kind == "auth"  # its logins ended with it
    # Enrolling again with the revoked key is refused; with a new key it is allowed, but what the revoked
    # key signed is refused from now on.
    code = field.server.core.accounts.new_enroll_code("d1")["code"]
    answer = requests.post(
        f"{field.server.url}/api/v1/devices/enroll",
        json={"code": code, "device_id": tablet.device, "public_key": tablet.custody.public_key()},
        timeout=10,
    )
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "key_revoked"
    _lose_key(tablet)
    accounts.enroll(tablet, field.server.url, field.server.core.accounts.new_enroll_code("d1")["code"])
    accounts.login(tablet, field.account.name, field.account.password)
    assert tablet.custody.fingerprint() != old
    report = tablet.sync()
    assert report.error is not None and "key_revoked" in report.error, report.to_json()
    assert _cases_on_server(field) == 0 and case_id


def test_stripped_signatures_are_refused_once_the_device_enrolled_a_key(field: Field, photos) -> None:
    tablet = field.tablet
    case_id = field.new_submitted(photos(2))
    # Someone strips the submission's signature (to send an edited trail unsigned): the device enrolled a
    # key, so its last event must be signed.
    last = tablet.repo.audit(case_id)[-1]
    tablet.repo.db.execute("DELETE FROM event_signatures WHERE case_id = ? AND seq = ?", (case_id, last.seq))
    report = tablet.sync()
    assert report.error is not None and "unsigned" in report.error, report.to_json()
    assert _cases_on_server(field) == 0

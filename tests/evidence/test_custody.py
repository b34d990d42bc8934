"""Device keys and signed records on the tablet: every event and photo record signed, `check` verifying them."""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from keyring.backend import KeyringBackend
from keyring.backends import fail

from app.evidence.keys import KEYRING_SERVICE, KeyStore, system_keyring
from app.evidence.signing import fingerprint, load_public, sign_json, verify_json
from app.services import Tablet


def _new_case(tablet: Tablet, photo, n: int = 2) -> str:
    case = tablet.new_case(
        type="manhole_cover", subtype="broken", fields={"owner": "gas"}, photos=[photo() for _ in range(n)]
    )
    return case.id


def test_every_event_and_photo_record_is_signed_and_check_verifies_them(tablet: Tablet, photo, key_dir) -> None:
    case_id = _new_case(tablet, photo)
    tablet.submit(case_id)
    events = tablet.log(case_id)
    signatures = tablet.custody.store.event_signatures(case_id)
    assert sorted(signatures) == [e.seq for e in events]
    public = load_public(tablet.custody.public_key())
    for event in events:
        assert verify_json(public, event.to_json(), signatures[event.seq].signature)
    records = tablet.custody.store.photo_records(case_id)
    assert set(records) == {p.sha256 for p in tablet.case(case_id).photos}
    report = tablet.check()
    assert report.ok, report.problems
    assert report.signatures_verified == len(events) + 2
    assert report.events_unsigned == 0 and report.photos_unsigned == 0
    # The private key is not in the data folder: a copied data folder carries no key.
    assert not list(tablet.paths.root.rglob("*.pem"))
    assert (key_dir / f"{tablet.device}.pem").is_file()


def test_a_photo_record_names_what_the_issue_asks(tablet: Tablet, photo) -> None:
    tablet.repo.set_meta("clock_offset_s", "-3605.250")
    tablet.repo.set_meta("last_sync_at", "2026-11-20T08:00:00+08:00")
    case_id = _new_case(tablet, photo, 1)
    (row,) = tablet.custody.store.photo_records(case_id).values()
    record = row.record
    photo_row = tablet.case(case_id).photos[0]
    assert record["sha256"] == photo_row.sha256 and record["size"] == photo_row.size
    assert record["case_id"] == case_id and record["device"] == tablet.device
    assert record["inspector"] == tablet.inspector and record["app_version"]
    assert record["taken_at"] == photo_row.taken_at and record["added_at"] == photo_row.added_at
    assert (record["lat"], record["lon"]) == (photo_row.lat, photo_row.lon)
    assert record["clock_offset_s"] == -3605.25  # recorded as measured, the times left as the tablet had them
    assert record["clock_offset_measured_at"] == "2026-11-20T08:00:00+08:00"


def test_a_forged_event_signature_is_found_by_check(tablet: Tablet, photo) -> None:
    case_id = _new_case(tablet, photo, 1)
    event = tablet.log(case_id)[0]
    other = Ed25519PrivateKey.generate()
    forged = sign_json(other, event.to_json())  # a valid signature, by a key that is not the device's
    tablet.repo.db.execute("UPDATE event_signatures SET signature = ? WHERE case_id = ? AND seq = 1", (forged, case_id))
    report = tablet.check()
    assert not report.ok
    assert any("event 1: its signature does not verify" in p for p in report.problems), report.problems


def test_an_edited_photo_record_is_found_by_check(tablet: Tablet, photo) -> None:
    _new_case(tablet, photo, 1)
    row = tablet.repo.db.execute("SELECT sha256, record FROM photo_records").fetchone()
    record = json.loads(row[1])
    record["lat"] = 30.0  # moved the photo somewhere else after signing
    tablet.repo.db.execute("UPDATE photo_records SET record = ? WHERE sha256 = ?", (json.dumps(record), row[0]))
    report = tablet.check()
    assert any("does not verify" in p and row[0] in p for p in report.problems), report.problems


def test_events_made_before_keys_existed_are_unsigned_not_broken(unsigned_tablet: Tablet, photo, data_dir) -> None:
    case_id = _new_case(unsigned_tablet, photo, 2)
    before = len(unsigned_tablet.log(case_id))
    unsigned_tablet.close()
    with Tablet(data_dir) as tablet:  # the upgraded app: the key is made at first need
        report = tablet.check()
        assert report.ok, report.problems
        assert report.events_unsigned == before and report.photos_unsigned == 2
        assert report.signatures_verified == 0
        tablet.submit(case_id)
        report = tablet.check()
        assert report.ok, report.problems
        assert report.events_unsigned == before and report.signatures_verified == 1
        assert tablet.custody.store.event_signatures(case_id).keys() == {before + 1}


def test_the_key_is_made_once_and_reused(tablet: Tablet, photo, data_dir) -> None:
    _new_case(tablet, photo, 1)
    first = tablet.custody.fingerprint()
    tablet.close()
    with Tablet(data_dir) as again:
        _new_case(again, photo, 1)
        assert again.custody.fingerprint() == first
        assert list(again.custody.store.keys()) == [first]


def test_a_damaged_key_file_is_a_clear_error_and_signs_nothing(tablet: Tablet, photo, key_dir, data_dir) -> None:
    _new_case(tablet, photo, 1)
    tablet.close()
    (key_dir / f"{tablet.device}.pem").write_text("not a key")
    with Tablet(data_dir) as again:
        count = len(again.case_ids())
        try:
            _new_case(again, photo, 1)
        except Exception as exc:  # noqa: BLE001 - the type is asserted below
            assert type(exc).__name__ == "KeyStoreError" and "damaged" in str(exc)
        else:
            raise AssertionError("a damaged key signed")
        assert len(again.case_ids()) == count  # the case was not made unsigned


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def test_the_key_goes_to_the_os_keyring_when_there_is_one(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    store = KeyStore(tmp_path / "keys", keyring_backend=ring)
    key = store.load_or_create("device-1")
    assert (KEYRING_SERVICE, "device-1") in ring.items
    assert not (tmp_path / "keys").exists()  # no file when the keyring took it
    assert store.location("device-1") == "keyring"
    assert fingerprint(store.load("device-1").public_key()) == fingerprint(key.public_key())


class RefusingKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        from keyring.errors import PasswordSetError

        raise PasswordSetError("locked")


def test_a_keyring_that_refuses_falls_back_to_the_file(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys", keyring_backend=RefusingKeyring())
    store.load_or_create("device-1")
    assert store.location("device-1") == f"file:{tmp_path / 'keys' / 'device-1.pem'}"


def test_no_keyring_daemon_is_detected(monkeypatch) -> None:
    import keyring

    from app.evidence import keys

    monkeypatch.setattr(keys, "_no_session_bus", lambda: False)  # as if there were a session bus
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    assert system_keyring() is None
    monkeypatch.setattr(keyring, "get_keyring", lambda: MemoryKeyring())
    assert isinstance(system_keyring(), MemoryKeyring)


def test_the_key_file_is_owner_only(tablet: Tablet, photo, key_dir) -> None:
    _new_case(tablet, photo, 1)
    path = key_dir / f"{tablet.device}.pem"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_dir.stat().st_mode) == 0o700


def test_a_key_file_left_readable_by_others_is_tightened(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys", keyring_backend=None)
    store.create("device-1")
    os.chmod(tmp_path / "keys" / "device-1.pem", 0o644)
    os.chmod(tmp_path / "keys", 0o755)
    assert store.load("device-1") is not None
    assert stat.S_IMODE((tmp_path / "keys" / "device-1.pem").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700


def test_signatures_are_base64_of_64_bytes(tablet: Tablet, photo) -> None:
    case_id = _new_case(tablet, photo, 1)
    signed = tablet.custody.store.event_signatures(case_id)[1]
    assert len(base64.b64decode(signed.signature)) == 64
    assert signed.key == tablet.custody.fingerprint()


def test_the_key_store_kind_can_be_forced(tmp_path: Path, monkeypatch) -> None:
    import keyring

    from app.evidence import keys
    from app.evidence.keys import KeyStoreError

    monkeypatch.setattr(keys, "_no_session_bus", lambda: False)

    monkeypatch.delenv("FIELDCASE_KEY_DIR")
    monkeypatch.setattr(keyring, "get_keyring", lambda: MemoryKeyring())
    monkeypatch.setenv("FIELDCASE_KEY_STORE", "file")
    assert KeyStore().keyring is None
    monkeypatch.setenv("FIELDCASE_KEY_STORE", "keyring")
    assert isinstance(KeyStore().keyring, MemoryKeyring)
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    with pytest.raises(KeyStoreError, match="no usable OS keyring"):
        KeyStore().load_or_create("device-1")
    monkeypatch.delenv("FIELDCASE_KEY_STORE")
    assert KeyStore().keyring is None  # no keyring daemon: files


def test_check_says_how_many_signatures_it_verified(cli, tablet: Tablet, photo) -> None:
    _new_case(tablet, photo, 2)
    tablet.close()
    rc, text, _ = cli("check", as_json=False)
    assert rc == 0 and "signatures verified 4 (unsigned: 0 events, 0 photos" in text
    rc, doc, _ = cli("check")
    assert rc == 0 and doc["signatures_verified"] == 4 and doc["events_unsigned"] == 0


def test_a_key_in_a_file_is_found_without_asking_the_keyring(tmp_path: Path) -> None:
    class Untouchable(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise AssertionError("the keyring was asked")

    KeyStore(tmp_path / "keys", keyring_backend=None).create("device-1")
    store = KeyStore(tmp_path / "keys", keyring_backend=Untouchable())
    assert store.load("device-1") is not None
    assert store.location("device-1") == f"file:{tmp_path / 'keys' / 'device-1.pem'}"


def test_a_linux_machine_without_a_session_bus_is_known_to_have_no_keyring(monkeypatch) -> None:
    import keyring

    from app.evidence import keys

    monkeypatch.setattr(keys.sys, "platform", "linux")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keys, "Path", lambda *_: Path("/nonexistent/bus"))

    asked: list[bool] = []
    monkeypatch.setattr(keyring, "get_keyring", lambda: asked.append(True) or MemoryKeyring())
    assert system_keyring() is None and not asked
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/0/bus")
    assert isinstance(system_keyring(), MemoryKeyring) and asked

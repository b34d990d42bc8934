"""Devices: one-time enrollment codes, the device credential on sync, revocation at once."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from server import schema as t
from server.accounts import Accounts
from tests.server.conftest import LiveServer
from tests.server.helpers import error_of


def _enroll(live: LiveServer, code: str, device_id: str | None = None):  # type: ignore[no-untyped-def]
    return live.client().post(
        "/devices/enroll", json={"code": code, "device_id": device_id or str(uuid.uuid4()), "name": "tablet"}
    )


def test_a_code_enrolls_one_device_once(live: LiveServer) -> None:
    code = live.core.accounts.new_enroll_code("d2")["code"]
    first = _enroll(live, code)
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["district"] == "d2" and len(body["device_token"]) >= 40 and body["server_time"]
    second = _enroll(live, code)
    assert second.status_code == 401 and error_of(second)["code"] == "enroll_code_used"
    # Typed by hand: lower case and without dashes is the same code (and still used up).
    again = _enroll(live, code.replace("-", "").lower())
    assert again.status_code == 401 and error_of(again)["code"] == "enroll_code_used"
    with live.core.store.read() as conn:
        stored = list(conn.execute(sa.select(t.devices.c.token_hash)).scalars())
    assert body["device_token"] not in stored


def test_unknown_expired_and_malformed_enrollments(live: LiveServer) -> None:
    response = _enroll(live, "ABCD-EFGH-JKMN")
    assert response.status_code == 401 and error_of(response)["code"] == "enroll_code_invalid"
    stale = Accounts(live.core.store, live.config.with_changes(enroll_code_ttl_s=-1.0))
    code = stale.new_enroll_code(None)["code"]
    response = _enroll(live, code)
    assert response.status_code == 401 and error_of(response)["code"] == "enroll_code_expired"
    code = live.core.accounts.new_enroll_code(None)["code"]
    response = _enroll(live, code, device_id="bad id with spaces")
    assert response.status_code == 422 and error_of(response)["code"] == "malformed"
    response = live.client().post("/devices/enroll", json={"code": code})
    assert response.status_code == 422 and error_of(response)["code"] == "malformed"


def test_an_inspector_syncs_only_with_an_enrolled_device(live: LiveServer) -> None:
    account = live.user("inspector")
    client = live.login(account)
    response = client.post("/sync/blobs/missing", json={"hashes": []})
    assert response.status_code == 401 and error_of(response)["code"] == "device_required"
    client.device_token = "made-up-device-token"
    response = client.post("/sync/blobs/missing", json={"hashes": []})
    assert response.status_code == 401 and error_of(response)["code"] == "invalid_device"
    tablet = live.tablet(account)
    assert tablet.post("/sync/blobs/missing", json={"hashes": []}).status_code == 200


def test_a_login_taken_on_one_device_does_not_work_on_another(live: LiveServer) -> None:
    tablet = live.tablet()
    _, other_token = live.enroll()
    tablet.device_token = other_token
    response = tablet.post("/sync/blobs/missing", json={"hashes": []})
    assert response.status_code == 401 and error_of(response)["code"] == "device_mismatch"


def test_a_revoked_device_stops_at_once(live: LiveServer) -> None:
    tablet = live.tablet()
    revoked_token = tablet.device_token
    assert tablet.get("/sync/changes").status_code == 200
    live.core.accounts.revoke_device(tablet.device_id or "")
    response = tablet.get("/sync/changes")
    assert response.status_code == 401, response.text
    assert error_of(response)["code"] in ("device_revoked", "invalid_token")
    # The login made on that tablet dies with it, with or without the device header.
    tablet.device_token = None
    response = tablet.get("/cases")
    assert response.status_code == 401
    # A fresh login (the password still works) cannot sync through the revoked credential.
    assert tablet.account is not None
    again = live.login(tablet.account)
    again.device_token = revoked_token
    response = again.post("/sync/blobs/missing", json={"hashes": []})
    assert response.status_code == 401 and error_of(response)["code"] == "device_revoked"


def test_a_revoked_device_credential_cannot_log_in(live: LiveServer) -> None:
    account = live.user("inspector")
    device_id, device_token = live.enroll()
    live.core.accounts.revoke_device(device_id)
    response = live.client(device_token=device_token).post(
        "/auth/login", json={"user": account.name, "password": account.password}
    )
    assert response.status_code == 401 and error_of(response)["code"] == "device_revoked"

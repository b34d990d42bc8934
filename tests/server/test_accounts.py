"""Accounts over HTTP: login, lockout, disabled users, token lifetime, logout, health."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from server import schema as t
from tests.server.conftest import LiveServer
from tests.server.helpers import error_of


def test_health_answers_without_login(live: LiveServer) -> None:
    response = live.client().get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["protocol"] == 1
    server_time = datetime.fromisoformat(body["time"])
    assert abs(server_time - datetime.now(UTC)) < timedelta(seconds=5)


def test_login_gives_an_expiring_token_stored_only_as_a_hash(live: LiveServer) -> None:
    account = live.user("supervisor", districts=("d1", "d2"))
    response = live.client().post("/auth/login", json={"user": account.name, "password": account.password})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["role"] == "supervisor" and body["user"] == account.name
    assert body["districts"] == ["d1", "d2"] and body["unit"] is None
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(hours=11, minutes=59) < expires - datetime.now(UTC) <= timedelta(hours=12)
    with live.core.store.read() as conn:
        hashes = list(conn.execute(sa.select(t.tokens.c.token_hash)).scalars())
        stored = conn.execute(sa.select(t.users.c.password_hash).where(t.users.c.name == account.name)).scalar_one()
    assert body["token"] not in hashes and len(body["token"]) >= 40
    assert stored.startswith("$argon2id$") and account.password not in stored


def test_wrong_password_and_unknown_user_look_the_same(live: LiveServer) -> None:
    account = live.user("inspector")
    client = live.client()
    wrong = client.post("/auth/login", json={"user": account.name, "password": "not-the-password"})
    unknown = client.post("/auth/login", json={"user": "nobody-at-all", "password": "whatever-it-is"})
    assert wrong.status_code == unknown.status_code == 401
    assert error_of(wrong)["code"] == error_of(unknown)["code"] == "invalid_credentials"
    assert "not-the-password" not in wrong.text


def test_repeated_failures_lock_the_account(make_server) -> None:  # type: ignore[no-untyped-def]
    live: LiveServer = make_server(lockout_threshold=3, lockout_s=1.5)
    account = live.user("inspector", districts=())
    client = live.client()
    codes = []
    for _ in range(3):
        response = client.post("/auth/login", json={"user": account.name, "password": "wrong-password"})
        assert response.status_code == 401
        codes.append(error_of(response)["code"])
    assert codes == ["invalid_credentials", "invalid_credentials", "locked"]
    # Locked: even the right password is refused, and the answer says for how long.
    response = client.post("/auth/login", json={"user": account.name, "password": account.password})
    assert response.status_code == 401 and error_of(response)["code"] == "locked"
    assert 1 <= int(response.headers["Retry-After"]) <= 2
    time.sleep(1.6)
    response = client.post("/auth/login", json={"user": account.name, "password": account.password})
    assert response.status_code == 200, response.text


def test_failed_logins_are_slowed(make_server) -> None:  # type: ignore[no-untyped-def]
    live: LiveServer = make_server(login_delay_base_s=0.2, login_delay_cap_s=0.4, lockout_threshold=10)
    account = live.user("admin")
    client = live.client()
    started = time.monotonic()
    client.post("/auth/login", json={"user": account.name, "password": "wrong-password"})
    first = time.monotonic() - started
    started = time.monotonic()
    client.post("/auth/login", json={"user": account.name, "password": "wrong-password"})
    second = time.monotonic() - started
    assert first >= 0.2 and second >= 0.4


def test_a_disabled_user_stops_at_once(live: LiveServer) -> None:
    account = live.user("supervisor", districts=("d1",))
    client = live.login(account)
    assert client.get("/cases").status_code == 200
    live.core.accounts.disable_user(account.name)
    response = client.get("/cases")
    assert response.status_code == 401, response.text
    error_of(response)
    again = live.client().post("/auth/login", json={"user": account.name, "password": account.password})
    assert again.status_code == 401 and error_of(again)["code"] == "account_disabled"


def test_an_expired_token_is_refused(make_server) -> None:  # type: ignore[no-untyped-def]
    live: LiveServer = make_server(token_ttl_s=1.5)
    account = live.user("admin")
    response = live.client().post("/auth/login", json={"user": account.name, "password": account.password})
    expires = datetime.fromisoformat(response.json()["expires_at"])
    client = live.client(token=response.json()["token"])
    assert client.get("/cases").status_code == 200
    time.sleep(max(0.0, (expires - datetime.now(UTC)).total_seconds()) + 0.1)
    response = client.get("/cases")
    assert response.status_code == 401 and error_of(response)["code"] == "token_expired"


def test_missing_bad_and_logged_out_tokens(live: LiveServer) -> None:
    client = live.client()
    response = client.get("/cases")
    assert response.status_code == 401 and error_of(response)["code"] == "missing_credentials"
    response = client.get("/cases", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert response.status_code == 401 and error_of(response)["code"] == "missing_credentials"
    client.token = "not-a-token"
    response = client.get("/cases")
    assert response.status_code == 401 and error_of(response)["code"] == "invalid_token"
    account = live.user("admin")
    client = live.login(account)
    assert client.post("/auth/logout").status_code == 204
    response = client.get("/cases")
    assert response.status_code == 401 and error_of(response)["code"] == "invalid_token"

"""Who works on this tablet: enrollment with the server, inspector login online and offline.

IT enrolls a tablet once with a one-time code; inspectors then log in on it, and
several may share it across shifts. After an online login the tablet keeps a
scrypt verifier of the password (RFC 7914), so the inspector can log in offline
for `OFFLINE_LOGIN_DAYS` after their last online login.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from app import provision
from sync.client import AUTH, NETWORK, SERVER, SyncClient, SyncError

if TYPE_CHECKING:
    from app.services import Tablet

OFFLINE_LOGIN_DAYS = 14
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class LoginError(Exception):
    """Login refused: wrong password, unknown user offline, offline window passed."""


@dataclass(frozen=True)
class Login:
    user: str
    role: str
    districts: list[str]
    unit: str | None
    online: bool
    expires_at: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "user": self.user,
            "role": self.role,
            "districts": self.districts,
            "unit": self.unit,
            "online": self.online,
            "expires_at": self.expires_at,
        }


def make_verifier(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return (
        "scrypt${n}${r}${p}$".format(**_SCRYPT)
        + base64.b64encode(salt).decode()
        + "$"
        + base64.b64encode(digest).decode()
    )


def check_verifier(verifier: str, password: str) -> bool:
    try:
        _, n, r, p, salt, digest = verifier.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), dklen=len(expected), n=int(n), r=int(r), p=int(p)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(expected, actual)


def server_url(tablet: Tablet) -> str | None:
    return tablet.repo.meta("server_url") or tablet.settings.get("server_url") or None


def client_for(tablet: Tablet, url: str | None = None, *, timeout: float = 30.0) -> SyncClient:
    base = url or server_url(tablet)
    if not base:
        raise SyncError(NETWORK, "this tablet is not enrolled with a server (run `fieldcase enroll`)")
    if not tablet.repo.meta("device_token"):
        provision.enroll_pending(tablet)  # a provisioned tablet enrolls the first time it reaches the server
    client = SyncClient(base, timeout=timeout)
    provision.pin(tablet, client)
    client.device_token = tablet.repo.meta("device_token")
    user = tablet.repo.meta("session_user")
    if user:
        row = tablet.repo.db.execute("SELECT token FROM accounts WHERE user = ?", (user,)).fetchone()
        client.user_token = row[0] if row else None
    return client


def enroll(tablet: Tablet, url: str, code: str) -> dict[str, Any]:
    # The device key is made now if the tablet has none; the server records its public half.
    public_key = tablet.custody.public_key()
    with SyncClient(url) as client:
        provision.pin(tablet, client)
        answer = client.enroll(code.strip(), tablet.device, tablet.repo.device_code(), public_key=public_key)
    with tablet.repo.transaction():
        tablet.repo.set_meta("server_url", url.rstrip("/"))
        tablet.repo.set_meta("device_token", answer.device_token)
        tablet.repo.set_meta("server_device_id", answer.device_id)
        if answer.district:
            tablet.repo.set_meta("district", answer.district)
        tablet.custody.enrolled(url.rstrip("/"))
    return {
        "server": url.rstrip("/"),
        "device": answer.device_id,
        "district": answer.district,
        "key_fingerprint": tablet.custody.fingerprint(),
    }


def login(tablet: Tablet, user: str, password: str, *, now: datetime | None = None) -> Login:
    """Log in online when the server answers; offline against the kept verifier when it does not."""
    now = now or datetime.now().astimezone()
    try:
        with client_for(tablet, timeout=15.0) as client:
            client.user_token = None
            answer = client.login(user, password)
    except SyncError as exc:
        if exc.kind == AUTH:
            raise LoginError(f"login refused by the server: {exc}") from exc
        if exc.kind not in (NETWORK, SERVER):
            raise
        return _offline_login(tablet, user, password, now, str(exc))
    with tablet.repo.transaction():
        tablet.repo.db.execute(
            "INSERT INTO accounts (user, role, districts, unit, verifier, last_online_login, token, "
            "token_expires_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(user) DO UPDATE SET role = excluded.role, "
            "districts = excluded.districts, unit = excluded.unit, verifier = excluded.verifier, "
            "last_online_login = excluded.last_online_login, token = excluded.token, "
            "token_expires_at = excluded.token_expires_at",
            (
                answer.user,
                answer.role,
                json.dumps(answer.districts),
                answer.unit,
                make_verifier(password),
                now.isoformat(timespec="seconds"),
                answer.token,
                answer.expires_at,
            ),
        )
        _start_session(tablet, answer.user, answer.districts)
    return Login(answer.user, answer.role, answer.districts, answer.unit, True, answer.expires_at)


def _offline_login(tablet: Tablet, user: str, password: str, now: datetime, why: str) -> Login:
    row = tablet.repo.db.execute(
        "SELECT role, districts, unit, verifier, last_online_login FROM accounts WHERE user = ?", (user,)
    ).fetchone()
    if row is None:
        raise LoginError(f"the server is unreachable ({why}) and {user} has never logged in online on this tablet")
    role, districts, unit, verifier, last_online = row
    if not check_verifier(verifier, password):
        raise LoginError("wrong user name or password")
    if now - datetime.fromisoformat(last_online) > timedelta(days=OFFLINE_LOGIN_DAYS):
        raise LoginError(
            f"offline login is allowed for {OFFLINE_LOGIN_DAYS} days after the last online "
            f"login ({last_online}); connect to the server to log in"
        )
    parsed = json.loads(districts)
    with tablet.repo.transaction():
        _start_session(tablet, user, parsed)
    return Login(user, role, parsed, unit, False, None)


def _start_session(tablet: Tablet, user: str, districts: list[str]) -> None:
    tablet.repo.set_meta("session_user", user)
    tablet.repo.set_meta("session_district", districts[0] if districts else None)


def logout(tablet: Tablet) -> str | None:
    user = tablet.repo.meta("session_user")
    with tablet.repo.transaction():
        tablet.repo.set_meta("session_user", None)
        tablet.repo.set_meta("session_district", None)
    return user


def accounts(tablet: Tablet) -> list[dict[str, Any]]:
    return [
        {"user": u, "role": r, "last_online_login": at}
        for u, r, at in tablet.repo.db.execute("SELECT user, role, last_online_login FROM accounts ORDER BY user")
    ]

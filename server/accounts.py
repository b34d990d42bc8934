"""Accounts, logins and devices: passwords (argon2id), bearer tokens, lockout, enrollment, revocation.

Only hashes are stored: argon2id for passwords, SHA-256 for bearer tokens, device tokens and
enrollment codes (they are random and long, so a fast hash is enough). Every request checks
its token, its user and its device in the database, so a disabled user or a revoked device
stops working at once, in every worker process. Failed-login counters live in the users
table for the same reason.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from server import schema as t
from server.config import ServerConfig
from server.errors import ConflictError, InvalidError, NotFoundError, UnauthorizedError
from server.inputs import DEVICE_ID, DISTRICT_CODE, UNIT_CODE, USER_NAME, check_pattern, storable
from server.store import Store, iso, utcnow
from sync.protocol import EnrollRequest, EnrollResponse, LoginResponse

log = logging.getLogger(__name__)

ROLES = ("inspector", "supervisor", "unit", "admin")
MIN_PASSWORD = 8
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed by hand
CODE_LENGTH = 12


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch not in "- ")


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


_DISTRICT_SEPARATOR = "\x1f"  # between a user's district codes in authenticate's one query (codes hold none)


@dataclass(frozen=True)
class Device:
    id: str
    name: str
    district: str | None


@dataclass(frozen=True)
class Principal:
    """Who is asking: the user behind a bearer token, and the device that sent it, if any."""

    user_id: int
    name: str
    role: str
    districts: tuple[str, ...]
    unit: str | None
    token_hash: str
    token_device: str | None  # the device the token was taken on
    device: Device | None  # the device credential presented with this request


@dataclass(frozen=True)
class LoginFailure:
    error: UnauthorizedError
    delay_s: float


class Accounts:
    def __init__(self, store: Store, config: ServerConfig) -> None:
        self.store = store
        self.config = config
        self.hasher = PasswordHasher(
            time_cost=config.argon2_time_cost,
            memory_cost=config.argon2_memory_kib,
            parallelism=config.argon2_parallelism,
        )  # argon2id; a stored hash made with other costs is re-made at the next login
        # Each hash takes its memory and tens of ms of CPU: bound how many run at once in a process.
        self._hashing = threading.BoundedSemaphore(2)
        self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))

    # ------------------------------------------------------------ passwords

    def hash_password(self, password: str) -> str:
        if len(password) < MIN_PASSWORD:
            raise InvalidError(f"a password needs at least {MIN_PASSWORD} characters", code="weak_password")
        with self._hashing:
            return self.hasher.hash(password)

    def _verify(self, stored: str, password: str) -> bool:
        with self._hashing:
            try:
                return self.hasher.verify(stored, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return False

    # ------------------------------------------------------------ districts, units, users

    def add_district(self, code: str, name: str) -> dict[str, Any]:
        check_pattern(code, DISTRICT_CODE, "district code")
        with self.store.write() as conn:
            if conn.execute(sa.select(t.districts.c.code).where(t.districts.c.code == code)).first():
                raise ConflictError(f"district {code} already exists", code="exists")
            conn.execute(t.districts.insert().values(code=code, name=name, created_at=utcnow()))
        return {"code": code, "name": name}

    def add_unit(self, code: str, name: str) -> dict[str, Any]:
        check_pattern(code, UNIT_CODE, "unit code")
        with self.store.write() as conn:
            if conn.execute(sa.select(t.units.c.code).where(t.units.c.code == code)).first():
                raise ConflictError(f"unit {code} already exists", code="exists")
            conn.execute(t.units.insert().values(code=code, name=name, created_at=utcnow()))
        return {"code": code, "name": name}

    def add_user(
        self,
        name: str,
        role: str,
        password: str,
        *,
        districts: list[str] | tuple[str, ...] = (),
        unit: str | None = None,
        replace_password: bool = False,
    ) -> dict[str, Any]:
        """Create a user (or, with replace_password, reset an existing one's password and scope)."""
        check_pattern(name, USER_NAME, "user name")
        if role not in ROLES:
            raise InvalidError(f"unknown role {role!r} (known: {', '.join(ROLES)})", code="bad_role")
        if role == "unit" and not unit:
            raise InvalidError("a unit user needs --unit CODE (the disposal unit they work for)")
        if role != "unit" and unit:
            raise InvalidError("only a unit user belongs to a unit")
        password_hash = self.hash_password(password)
        now = utcnow()
        with self.store.write() as conn:
            for code in districts:
                if not conn.execute(sa.select(t.districts.c.code).where(t.districts.c.code == code)).first():
                    raise NotFoundError(f"no district {code} (add it with `district add`)")
            if unit and not conn.execute(sa.select(t.units.c.code).where(t.units.c.code == unit)).first():
                raise NotFoundError(f"no unit {unit} (add it with `unit add`)")
            row = conn.execute(sa.select(t.users.c.id).where(t.users.c.name == name)).first()
            if row is not None and not replace_password:
                raise ConflictError(f"user {name} already exists", code="exists")
            values = {
                "role": role,
                "unit": unit,
                "password_hash": password_hash,
                "disabled": False,
                "failed_logins": 0,
                "locked_until": None,
            }
            if row is None:
                user_id = conn.execute(
                    t.users.insert().values(name=name, created_at=now, **values).returning(t.users.c.id)
                ).scalar_one()
            else:
                user_id = row.id
                conn.execute(t.users.update().where(t.users.c.id == user_id).values(**values))
                conn.execute(t.user_districts.delete().where(t.user_districts.c.user_id == user_id))
                conn.execute(t.tokens.delete().where(t.tokens.c.user_id == user_id))
            for code in dict.fromkeys(districts):
                conn.execute(t.user_districts.insert().values(user_id=user_id, district=code))
        return {"name": name, "role": role, "districts": list(dict.fromkeys(districts)), "unit": unit}

    def disable_user(self, name: str) -> dict[str, Any]:
        """Disable a user; their tokens stop working at once."""
        with self.store.write() as conn:
            row = conn.execute(sa.select(t.users.c.id).where(t.users.c.name == name)).first()
            if row is None:
                raise NotFoundError(f"no user {name}")
            conn.execute(t.users.update().where(t.users.c.id == row.id).values(disabled=True))
            conn.execute(t.tokens.delete().where(t.tokens.c.user_id == row.id))
        return {"name": name, "disabled": True}

    def list_users(self) -> list[dict[str, Any]]:
        with self.store.read() as conn:
            users = conn.execute(sa.select(t.users).order_by(t.users.c.name)).all()
            links = conn.execute(sa.select(t.user_districts)).all()
        by_user: dict[int, list[str]] = {}
        for link in links:
            by_user.setdefault(link.user_id, []).append(link.district)
        return [
            {
                "name": u.name,
                "role": u.role,
                "districts": sorted(by_user.get(u.id, [])),
                "unit": u.unit,
                "disabled": u.disabled,
                "locked_until": iso(u.locked_until),
                "last_login_at": iso(u.last_login_at),
            }
            for u in users
        ]

    # ------------------------------------------------------------ login

    def login(self, name: str, password: str, device_token: str | None) -> LoginResponse | LoginFailure:
        """Check a password; on success a new token. A failure says how long to wait before answering."""
        device = self.device_for(device_token) if device_token else None
        now = utcnow()
        row = None
        if storable(name):
            with self.store.read() as conn:
                row = conn.execute(sa.select(t.users).where(t.users.c.name == name)).first()
        if row is not None and row.locked_until is not None and row.locked_until > now:
            wait = int((row.locked_until - now).total_seconds()) + 1
            return LoginFailure(
                UnauthorizedError(
                    f"too many failed logins: {name} is locked for {_minutes(wait)}",
                    code="locked",
                    headers={"Retry-After": str(wait)},
                ),
                0.0,
            )
        ok = self._verify(row.password_hash if row is not None else self._dummy_hash, password)
        if not ok or row is None:
            return self._failed(row, name)
        if row.disabled:
            return LoginFailure(UnauthorizedError(f"user {name} is disabled", code="account_disabled"), 0.0)
        token = secrets.token_urlsafe(32)
        expires = now + timedelta(seconds=self.config.token_ttl_s)
        rehash = self.hasher.check_needs_rehash(row.password_hash)
        with self.store.write() as conn:
            conn.execute(
                t.tokens.insert().values(
                    token_hash=sha256_hex(token),
                    user_id=row.id,
                    device_id=device.id if device else None,
                    expires_at=expires,
                    created_at=now,
                )
            )
            values: dict[str, Any] = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
            if rehash:
                values["password_hash"] = self.hasher.hash(password)
            conn.execute(t.users.update().where(t.users.c.id == row.id).values(**values))
            # Expired tokens of this user are of no use to anyone.
            conn.execute(t.tokens.delete().where(t.tokens.c.user_id == row.id, t.tokens.c.expires_at < now))
            districts = conn.execute(
                sa.select(t.user_districts.c.district)
                .where(t.user_districts.c.user_id == row.id)
                .order_by(t.user_districts.c.district)
            ).scalars()
            district_list = list(districts)
        log.info("login: %s (%s)%s", name, row.role, f" on device {device.id}" if device else "")
        return LoginResponse(
            token=token,
            expires_at=iso(expires) or "",
            role=row.role,
            user=row.name,
            districts=district_list,
            unit=row.unit,
        )

    def _failed(self, row: Any, name: str) -> LoginFailure:
        base, cap = self.config.login_delay_base_s, self.config.login_delay_cap_s
        invalid = UnauthorizedError("wrong user name or password", code="invalid_credentials")
        if row is None:
            return LoginFailure(invalid, min(base, cap))
        now = utcnow()
        with self.store.write() as conn:
            failures = conn.execute(
                t.users.update()
                .where(t.users.c.id == row.id)
                .values(failed_logins=t.users.c.failed_logins + 1)
                .returning(t.users.c.failed_logins)
            ).scalar_one()
            if failures >= self.config.lockout_threshold:
                until = now + timedelta(seconds=self.config.lockout_s)
                conn.execute(t.users.update().where(t.users.c.id == row.id).values(failed_logins=0, locked_until=until))
                log.warning("login: %s locked after %d failures", name, failures)
                wait = int(self.config.lockout_s)
                return LoginFailure(
                    UnauthorizedError(
                        f"too many failed logins: {name} is locked for {_minutes(wait)}",
                        code="locked",
                        headers={"Retry-After": str(wait)},
                    ),
                    min(base * 2 ** (failures - 1), cap),
                )
        return LoginFailure(invalid, min(base * 2 ** (failures - 1), cap))

    def logout(self, principal: Principal) -> None:
        with self.store.write() as conn:
            conn.execute(t.tokens.delete().where(t.tokens.c.token_hash == principal.token_hash))

    # ------------------------------------------------------------ every request

    def authenticate(self, token: str | None, device_token: str | None) -> Principal:
        """The principal behind a bearer token (and device credential), or 401."""
        if not token:
            raise UnauthorizedError(
                "this needs a login: send Authorization: Bearer <token>", code="missing_credentials"
            )
        now = utcnow()
        token_hash = sha256_hex(token)
        # One query (a request's authentication is on every call): the token, its user and their
        # districts, the device the login was made on, and the device whose credential came along.
        token_device = t.devices.alias("token_device")
        sent = t.devices.alias("sent_device")
        districts = (
            sa.select(sa.func.aggregate_strings(t.user_districts.c.district, _DISTRICT_SEPARATOR))
            .where(t.user_districts.c.user_id == t.users.c.id)
            .scalar_subquery()
        )
        query = (
            sa.select(
                t.tokens.c.expires_at,
                t.tokens.c.device_id,
                t.users.c.id,
                t.users.c.name,
                t.users.c.role,
                t.users.c.unit,
                t.users.c.disabled,
                token_device.c.revoked_at,
                districts.label("districts"),
                sent.c.id.label("sent_id"),
                sent.c.name.label("sent_name"),
                sent.c.district.label("sent_district"),
                sent.c.revoked_at.label("sent_revoked_at"),
            )
            .join(t.users, t.users.c.id == t.tokens.c.user_id)
            .outerjoin(token_device, token_device.c.id == t.tokens.c.device_id)
            .outerjoin(sent, sent.c.token_hash == (sha256_hex(device_token) if device_token else None))
            .where(t.tokens.c.token_hash == token_hash)
        )
        with self.store.read() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise UnauthorizedError("the login token is not valid: log in again", code="invalid_token")
        if row.expires_at <= now:
            raise UnauthorizedError("the login has expired: log in again", code="token_expired")
        if row.disabled:
            raise UnauthorizedError(f"user {row.name} is disabled", code="account_disabled")
        if row.revoked_at is not None:
            raise UnauthorizedError("this device has been revoked", code="device_revoked")
        device = (
            _usable_device(row.sent_id, row.sent_name, row.sent_district, row.sent_revoked_at) if device_token else None
        )
        if device is not None and row.device_id is not None and device.id != row.device_id:
            raise UnauthorizedError("this login was made on another device: log in again here", code="device_mismatch")
        return Principal(
            user_id=row.id,
            name=row.name,
            role=row.role,
            districts=tuple(sorted(row.districts.split(_DISTRICT_SEPARATOR))) if row.districts else (),
            unit=row.unit,
            token_hash=token_hash,
            token_device=row.device_id,
            device=device,
        )

    def device_for(self, device_token: str) -> Device:
        with self.store.read() as conn:
            return self._device(conn, device_token)

    @staticmethod
    def _device(conn: sa.Connection, device_token: str) -> Device:
        row = conn.execute(sa.select(t.devices).where(t.devices.c.token_hash == sha256_hex(device_token))).first()
        if row is None:
            return _usable_device(None, "", None, None)
        return _usable_device(row.id, row.name, row.district, row.revoked_at)

    # ------------------------------------------------------------ devices

    def new_enroll_code(self, district: str | None) -> dict[str, Any]:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        now = utcnow()
        expires = now + timedelta(seconds=self.config.enroll_code_ttl_s)
        with self.store.write() as conn:
            if (
                district is not None
                and not conn.execute(sa.select(t.districts.c.code).where(t.districts.c.code == district)).first()
            ):
                raise NotFoundError(f"no district {district}")
            conn.execute(
                t.enroll_codes.insert().values(
                    code_hash=sha256_hex(raw), district=district, expires_at=expires, created_at=now
                )
            )
        return {"code": format_code(raw), "district": district, "expires_at": iso(expires)}

    def enroll(self, request: EnrollRequest) -> EnrollResponse:
        """Join a device with a one-time code: the code is used up, the device gets its token."""
        check_pattern(request.device_id, DEVICE_ID, "device id")
        public_key = _device_public_key(request.public_key)
        code_hash = sha256_hex(normalize_code(request.code))
        now = utcnow()
        device_token = secrets.token_urlsafe(32)
        with self.store.write() as conn:
            code = conn.execute(sa.select(t.enroll_codes).where(t.enroll_codes.c.code_hash == code_hash)).first()
            if code is None:
                raise UnauthorizedError("this enrollment code is not valid", code="enroll_code_invalid")
            if code.used_at is not None:
                raise UnauthorizedError("this enrollment code has already been used", code="enroll_code_used")
            if code.expires_at <= now:
                raise UnauthorizedError("this enrollment code has expired", code="enroll_code_expired")
            used = conn.execute(
                t.enroll_codes.update()
                .where(t.enroll_codes.c.code_hash == code_hash, t.enroll_codes.c.used_at.is_(None))
                .values(used_at=now, device_id=request.device_id)
            )
            if used.rowcount != 1:
                raise UnauthorizedError("this enrollment code has already been used", code="enroll_code_used")
            values = {
                "name": _storable_or_empty(request.name),
                "district": code.district,
                "token_hash": sha256_hex(device_token),
                "public_key": public_key,
                "enrolled_at": now,
                "revoked_at": None,
            }
            exists = conn.execute(sa.select(t.devices.c.id).where(t.devices.c.id == request.device_id)).first()
            if exists:
                # Re-enrolled (a reinstalled tablet): logins taken with its old credential end here.
                conn.execute(t.tokens.delete().where(t.tokens.c.device_id == request.device_id))
                conn.execute(t.devices.update().where(t.devices.c.id == request.device_id).values(**values))
            else:
                conn.execute(t.devices.insert().values(id=request.device_id, **values))
            if public_key is not None:
                _record_key(conn, request.device_id, public_key, now)
        log.info("device %s enrolled (district %s)", request.device_id, code.district)
        return EnrollResponse(
            device_id=request.device_id,
            device_token=device_token,
            district=code.district,
            server_time=iso(now) or "",
        )

    def revoke_device(self, device_id: str) -> dict[str, Any]:
        now = utcnow()
        with self.store.write() as conn:
            row = conn.execute(sa.select(t.devices).where(t.devices.c.id == device_id)).first()
            if row is None:
                raise NotFoundError(f"no device {device_id}")
            if row.revoked_at is None:
                conn.execute(t.devices.update().where(t.devices.c.id == device_id).values(revoked_at=now))
            # Its keys too: what arrives signed by them from now on is refused (docs/evidence.md).
            conn.execute(
                t.device_keys.update()
                .where(t.device_keys.c.device_id == device_id, t.device_keys.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            conn.execute(t.tokens.delete().where(t.tokens.c.device_id == device_id))
        log.warning("device %s revoked", device_id)
        return {"device": device_id, "revoked_at": iso(row.revoked_at or now)}

    def list_devices(self) -> list[dict[str, Any]]:
        """Every device, with its keys' history (oldest first); `key` is the fingerprint it enrolled with
        last — what `fieldcase verify --expect-key` takes."""
        with self.store.read() as conn:
            rows = conn.execute(sa.select(t.devices).order_by(t.devices.c.enrolled_at)).all()
            keys: dict[str, list[Any]] = {}
            for k in conn.execute(sa.select(t.device_keys).order_by(t.device_keys.c.enrolled_at)):
                keys.setdefault(k.device_id, []).append(k)
        return [
            {
                "id": r.id,
                "name": r.name,
                "district": r.district,
                "enrolled_at": iso(r.enrolled_at),
                "revoked_at": iso(r.revoked_at),
                "key": keys[r.id][-1].fingerprint if keys.get(r.id) else None,
                "keys": [
                    {
                        "fingerprint": k.fingerprint,
                        "public_key": k.public_key,
                        "enrolled_at": iso(k.enrolled_at),
                        "revoked_at": iso(k.revoked_at),
                    }
                    for k in keys.get(r.id, [])
                ],
            }
            for r in rows
        ]


def _storable_or_empty(text: str) -> str:
    return text if storable(text) else ""


def _minutes(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def _record_key(conn: sa.Connection, device_id: str, public_key: str, now: Any) -> None:
    """Add the key to the device's history; a key revoked, or another device's, is refused."""
    from app.evidence.signing import fingerprint

    fp = fingerprint(public_key)
    row = conn.execute(sa.select(t.device_keys).where(t.device_keys.c.fingerprint == fp)).first()
    if row is None:
        conn.execute(
            t.device_keys.insert().values(
                fingerprint=fp, device_id=device_id, public_key=public_key, enrolled_at=now, revoked_at=None
            )
        )
    elif row.device_id != device_id:
        raise ConflictError(f"key {fp[:16]} is enrolled for another device", code="key_in_use")
    elif row.revoked_at is not None:
        raise ConflictError(
            f"key {fp[:16]} was revoked with this device: the tablet must make a new key to enroll again",
            code="key_revoked",
        )


def _usable_device(device_id: str | None, name: str, district: str | None, revoked_at: Any) -> Device:
    """The device a credential names (its id None: no device has it), or 401 if it cannot be used."""
    if device_id is None:
        raise UnauthorizedError("the device credential is not valid: enroll the device", code="invalid_device")
    if revoked_at is not None:
        raise UnauthorizedError("this device has been revoked", code="device_revoked")
    return Device(id=device_id, name=name, district=district)


def _device_public_key(value: str | None) -> str | None:
    """The device's Ed25519 public key as enrollment sends it (base64 of 32 bytes), checked; None if absent
    (a tablet from before signed evidence)."""
    if value is None:
        return None
    from app.evidence.signing import KeyFormatError, load_public, public_b64

    try:
        return public_b64(load_public(value))
    except (KeyFormatError, ValueError) as exc:
        raise InvalidError(f"the device's public key is not an Ed25519 key: {exc}", code="bad_public_key") from exc

"""The server's settings: each declared once, with its default, its environment variable and its meaning."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

ENV_DATA_DIR = "FIELDCASE_SERVER_DATA_DIR"
ENV_DATABASE_URL = "FIELDCASE_DATABASE_URL"
ENV_AUTO_CLOSE = "FIELDCASE_AUTO_CLOSE"


def parse_switch(text: str, name: str) -> bool:
    """An on/off setting: 1/true/yes/on or 0/false/no/off (any case)."""
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name} must be 1 or 0 (got {text!r})")


def _resources_dir() -> Path:
    # The catalogue ships in resources/ beside the packages (the server is never frozen).
    return Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("FieldcaseServer", appauthor=False))


def normalize_database_url(url: str) -> str:
    """`postgresql://…` and `postgres://…` go through psycopg 3, the driver the server ships with."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@dataclass(frozen=True)
class ServerConfig:
    """Everything a server process needs; `from_env` reads the same values a worker process gets."""

    data_dir: Path
    database_url: str = ""  # empty: SQLite file `server.db` in the data folder
    # Login and tokens.
    token_ttl_s: float = field(default=12 * 3600.0, metadata={"env": "FIELDCASE_TOKEN_TTL"})
    enroll_code_ttl_s: float = field(default=24 * 3600.0, metadata={"env": "FIELDCASE_ENROLL_CODE_TTL"})
    lockout_threshold: int = field(default=5, metadata={"env": "FIELDCASE_LOCKOUT_THRESHOLD"})
    lockout_s: float = field(default=15 * 60.0, metadata={"env": "FIELDCASE_LOCKOUT_SECONDS"})
    # A failed login waits base × 2^(failures−1) seconds, at most cap, before it answers.
    login_delay_base_s: float = field(default=0.25, metadata={"env": "FIELDCASE_LOGIN_DELAY"})
    login_delay_cap_s: float = field(default=2.0, metadata={"env": "FIELDCASE_LOGIN_DELAY_CAP"})
    # argon2id cost (OWASP's password storage profile: 19 MiB, 2 passes, 1 lane; ~45 ms here).
    argon2_time_cost: int = field(default=2, metadata={"env": "FIELDCASE_ARGON2_TIME_COST"})
    argon2_memory_kib: int = field(default=19456, metadata={"env": "FIELDCASE_ARGON2_MEMORY_KIB"})
    argon2_parallelism: int = field(default=1, metadata={"env": "FIELDCASE_ARGON2_PARALLELISM"})
    catalogue_path: Path = field(default_factory=lambda: _resources_dir() / "catalogue.json")
    # The working calendar deadlines are counted on (working days and hours, holidays, make-up days).
    calendar_path: Path = field(default_factory=lambda: _resources_dir() / "calendar.json")
    # The official case number a `file` decision gives: {district}, {year} and {seq} (per district and year).
    case_number_format: str = "{district}{year}{seq:06d}"
    # The bureau's choice: a verification the inspector confirms closes the case at once (the system's
    # `close` in the audit trail), instead of waiting for a supervisor's `close`.
    auto_close: bool = False

    def __post_init__(self) -> None:
        if not self.database_url:
            object.__setattr__(self, "database_url", f"sqlite:///{self.data_dir / 'server.db'}")
        object.__setattr__(self, "database_url", normalize_database_url(self.database_url))

    # -- the data folder's layout

    @property
    def blobs_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def partial_dir(self) -> Path:
        return self.data_dir / "partial"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    # -- passing settings to worker processes

    def to_env(self) -> dict[str, str]:
        env = {ENV_DATA_DIR: str(self.data_dir), ENV_DATABASE_URL: self.database_url}
        for f in fields(self):
            name = f.metadata.get("env")
            if name:
                env[name] = str(getattr(self, f.name))
        env["FIELDCASE_CATALOGUE"] = str(self.catalogue_path)
        env["FIELDCASE_CALENDAR"] = str(self.calendar_path)
        env["FIELDCASE_CASE_NUMBER_FORMAT"] = self.case_number_format
        env[ENV_AUTO_CLOSE] = "1" if self.auto_close else "0"
        return env

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> ServerConfig:
        env = os.environ if environ is None else environ
        data_dir = overrides.pop("data_dir", None)
        if data_dir is None:
            data_dir = Path(env[ENV_DATA_DIR]) if env.get(ENV_DATA_DIR) else default_data_dir()
        values: dict[str, Any] = {"database_url": env.get(ENV_DATABASE_URL, "")}
        for f in fields(cls):
            name = f.metadata.get("env")
            if name and env.get(name):
                number = float(env[name])
                values[f.name] = int(number) if isinstance(f.default, int) else number
        if env.get("FIELDCASE_CATALOGUE"):
            values["catalogue_path"] = Path(env["FIELDCASE_CATALOGUE"])
        if env.get("FIELDCASE_CALENDAR"):
            values["calendar_path"] = Path(env["FIELDCASE_CALENDAR"])
        if env.get(ENV_AUTO_CLOSE):
            values["auto_close"] = parse_switch(env[ENV_AUTO_CLOSE], ENV_AUTO_CLOSE)
        if env.get("FIELDCASE_CASE_NUMBER_FORMAT"):
            values["case_number_format"] = env["FIELDCASE_CASE_NUMBER_FORMAT"]
        values.update(overrides)
        return cls(data_dir=data_dir, **values)

    def with_changes(self, **changes: Any) -> ServerConfig:
        return replace(self, **changes)

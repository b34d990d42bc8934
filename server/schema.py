"""The server's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

The migrations in `server/migrations/versions/` create exactly these; a test compares the
two on both databases. Times are UTC (`UtcDateTime`); JSON documents are kept as text,
exactly as they arrived, so what was received can be shown byte for byte.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING)

# An autoincrementing 64-bit key; SQLite only autoincrements an INTEGER PRIMARY KEY (its rowid).
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """A point in time, stored as UTC (timestamptz on PostgreSQL, naive UTC text on SQLite),
    always read back timezone-aware."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UtcDateTime needs a timezone-aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _created() -> sa.Column[datetime]:
    return sa.Column("created_at", UtcDateTime(), nullable=False)


districts = sa.Table(
    "districts",
    metadata,
    sa.Column("code", sa.String(32), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    _created(),
)

units = sa.Table(
    "units",
    metadata,
    sa.Column("code", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    _created(),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("unit", sa.String(64), sa.ForeignKey("units.code"), nullable=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("locked_until", UtcDateTime(), nullable=True),
    sa.Column("last_login_at", UtcDateTime(), nullable=True),
    _created(),
)

user_districts = sa.Table(
    "user_districts",
    metadata,
    sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), primary_key=True),
    sa.Column("district", sa.String(32), sa.ForeignKey("districts.code"), primary_key=True),
)

# A login: only the SHA-256 of the bearer token is kept. A token taken on an enrolled device is
# bound to it and dies with it.
tokens = sa.Table(
    "tokens",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False, index=True),
    sa.Column("device_id", sa.String(64), sa.ForeignKey("devices.id"), nullable=True),
    sa.Column("expires_at", UtcDateTime(), nullable=False),
    _created(),
)

devices = sa.Table(
    "devices",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, server_default=""),
    sa.Column("district", sa.String(32), sa.ForeignKey("districts.code"), nullable=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("public_key", sa.String(200), nullable=True),
    sa.Column("enrolled_at", UtcDateTime(), nullable=False),
    sa.Column("revoked_at", UtcDateTime(), nullable=True),
    sa.Column("last_seen_at", UtcDateTime(), nullable=True),
)

# Every public key a device enrolled with (docs/evidence.md): the history stays, so older signatures
# remain verifiable; a revoked device's keys are refused in whatever arrives after `revoked_at`.
device_keys = sa.Table(
    "device_keys",
    metadata,
    sa.Column("fingerprint", sa.String(64), primary_key=True),
    sa.Column("device_id", sa.String(64), sa.ForeignKey("devices.id"), nullable=False, index=True),
    sa.Column("public_key", sa.String(200), nullable=False),
    sa.Column("enrolled_at", UtcDateTime(), nullable=False),
    sa.Column("revoked_at", UtcDateTime(), nullable=True),
)

enroll_codes = sa.Table(
    "enroll_codes",
    metadata,
    sa.Column("code_hash", sa.String(64), primary_key=True),
    sa.Column("district", sa.String(32), sa.ForeignKey("districts.code"), nullable=True),
    sa.Column("expires_at", UtcDateTime(), nullable=False),
    sa.Column("used_at", UtcDateTime(), nullable=True),
    sa.Column("device_id", sa.String(64), nullable=True),
    _created(),
)

# Photos the server holds complete and verified (the bytes are in the blob store).
blobs = sa.Table(
    "blobs",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.BigInteger(), nullable=False),
    sa.Column("stored_at", UtcDateTime(), nullable=False),
)

# Resumable uploads in progress: the bytes are in partial/<sha256>; `durable_offset` counts the
# bytes fsynced and checksum-verified (anything past it in the file is an unacknowledged chunk).
uploads = sa.Table(
    "uploads",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("length", sa.BigInteger(), nullable=False),
    sa.Column("durable_offset", sa.BigInteger(), nullable=False),
    _created(),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
)

# The cases as the server holds them: `case_json` is the tablet's body of the latest accepted
# revision; the columns beside it are the server's (state, official number, unit, flags) and
# the filters' keys. `pk` orders the queue (newest first) for keyset pagination.
cases = sa.Table(
    "cases",
    metadata,
    sa.Column("pk", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(64), nullable=False, unique=True),
    sa.Column("code", sa.String(64), nullable=False),
    sa.Column("inspector", sa.String(100), nullable=False),  # who reported the case (the figures credit them)
    sa.Column("device", sa.String(64), nullable=True),
    sa.Column("district", sa.String(32), nullable=True),
    sa.Column("grid", sa.String(64), nullable=True),
    sa.Column("type", sa.String(64), nullable=False),
    sa.Column("subtype", sa.String(64), nullable=False),
    sa.Column("hazard", sa.String(32), nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("official_number", sa.String(64), nullable=True, unique=True),
    sa.Column("unit", sa.String(64), nullable=True),
    sa.Column("deferred", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("reworks", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("review_note", sa.Text(), nullable=True),
    sa.Column("lat", sa.Float(), nullable=True),
    sa.Column("lon", sa.Float(), nullable=True),
    sa.Column("revision", sa.Integer(), nullable=False),
    sa.Column("body_hash", sa.String(64), nullable=False),
    sa.Column("case_json", sa.Text(), nullable=False),
    sa.Column("receipt_json", sa.Text(), nullable=False),
    # The audit chain: its head, and how much of it the tablet sent with the latest revision
    # (events after `tablet_seq` are the server's, which the change feed hands back).
    sa.Column("chain_seq", sa.Integer(), nullable=False),
    sa.Column("chain_head", sa.String(64), nullable=False),
    sa.Column("tablet_seq", sa.Integer(), nullable=False),
    # Bumped by every server-side change; a decision names the version it saw (issue 5).
    sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    sa.Column("observed_at", sa.String(40), nullable=True),
    sa.Column("received_at", UtcDateTime(), nullable=False),
    sa.Column("changed_at", UtcDateTime(), nullable=False),
    # When the loop's steps last happened (issue 5's decisions; the evaluation figures count them).
    sa.Column("filed_at", UtcDateTime(), nullable=True),
    sa.Column("dispatched_at", UtcDateTime(), nullable=True),
    sa.Column("disposed_at", UtcDateTime(), nullable=True),
    sa.Column("closed_at", UtcDateTime(), nullable=True),
    sa.Column("hours_to_close", sa.Float(), nullable=True),  # working hours from dispatch to closing
    # The queue's order (0 = the catalogue's most severe hazard level) and the free-text search's
    # columns, copied from the case's body when a revision is accepted.
    sa.Column("priority", sa.SmallInteger(), nullable=False, server_default="4"),
    sa.Column("address", sa.Text(), nullable=False, server_default=""),
    sa.Column("description", sa.Text(), nullable=False, server_default=""),
    # Who holds the case's field work (returned cases, verification tasks) when a supervisor has
    # reassigned it (server/reassign.py); NULL: the reporting inspector still does.
    sa.Column("assignee", sa.String(100), nullable=True),
    sa.Index(None, "inspector", "pk"),
    sa.Index(None, "assignee", "pk"),
    sa.Index(None, "district", "pk"),
    sa.Index(None, "state", "pk"),
    sa.Index(None, "unit", "pk"),
    sa.Index(None, "type", "subtype", "pk"),
    sa.Index(None, "received_at"),
    sa.Index(None, "priority", "pk"),
    sa.Index(None, "state", "priority", "pk"),
    sa.Index(None, "type", "lat"),
    # The desk map's reads (server/mapdata.py): every column they filter on or answer with.
    sa.Index("ix_cases_map", "district", "state", "type", "subtype", "grid", "lat", "lon", "id", "inspector", "unit"),
)

case_photos = sa.Table(
    "case_photos",
    metadata,
    sa.Column("case_pk", sa.Integer(), sa.ForeignKey("cases.pk"), primary_key=True),
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("size", sa.BigInteger(), nullable=False),
    sa.Column("record_json", sa.Text(), nullable=False),
    sa.Index(None, "sha256"),
)

audit_events = sa.Table(
    "audit_events",
    metadata,
    sa.Column("case_pk", sa.Integer(), sa.ForeignKey("cases.pk"), primary_key=True),
    sa.Column("seq", sa.Integer(), primary_key=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("actor", sa.String(100), nullable=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("device", sa.String(64), nullable=True),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("from_state", sa.String(16), nullable=True),
    sa.Column("to_state", sa.String(16), nullable=True),
    sa.Column("changes_json", sa.Text(), nullable=False),
    sa.Column("prev", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    # Who vouches for the event: {"key": fingerprint, "value": base64} as JSON text — the device's
    # signature as the tablet sent it, or the server's on the events it adds; null if unsigned.
    sa.Column("signature", sa.Text(), nullable=True),
    # The events the evaluation figures count (server.evaluation.COUNTED_EVENTS), and only those.
    sa.Index(
        "ix_audit_events_counted",
        "case_pk",
        "action",
        sqlite_where=sa.text("action IN ('return', 'defer', 'dispute')"),
        postgresql_where=sa.text("action IN ('return', 'defer', 'dispute')"),
    ),
)

# Photos recorded with a decision (the unit's disposal photos: `seq` is the decision's audit event),
# readable through GET /blobs by whoever may see the case.
decision_photos = sa.Table(
    "decision_photos",
    metadata,
    sa.Column("case_pk", sa.Integer(), sa.ForeignKey("cases.pk"), primary_key=True),
    sa.Column("seq", sa.Integer(), primary_key=True),
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Index(None, "sha256"),
)

# Deadlines per milestone, counted from dispatch (filled by issue 5's dispatch).
deadlines = sa.Table(
    "deadlines",
    metadata,
    sa.Column("case_pk", sa.Integer(), sa.ForeignKey("cases.pk"), primary_key=True),
    sa.Column("milestone", sa.String(64), primary_key=True),
    sa.Column("due_at", UtcDateTime(), nullable=False),
    sa.Column("met_at", UtcDateTime(), nullable=True),
    sa.Column("deferred_from", UtcDateTime(), nullable=True),
    sa.Column("hours", sa.Float(), nullable=True),  # the milestone's hours (with any deferral's added)
    sa.Index(None, "met_at", "due_at"),
    sa.Index(None, "due_at"),
)

# Named counters (official case numbers per district and year), advanced by an upsert.
counters = sa.Table(
    "counters",
    metadata,
    sa.Column("name", sa.String(120), primary_key=True),
    sa.Column("value", sa.BigInteger(), nullable=False),
)

# Append-only: every case envelope received, whatever became of it. The envelope's text is its
# received-log entry's body (server/received.py); rows from before migration 0010 keep a copy too.
receipts = sa.Table(
    "receipts",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("received_at", UtcDateTime(), nullable=False),
    sa.Column("case_id", sa.String(64), nullable=False),
    sa.Column("revision", sa.Integer(), nullable=False),
    sa.Column("user_name", sa.String(100), nullable=False),
    sa.Column("device_id", sa.String(64), nullable=True),
    sa.Column("outcome", sa.String(16), nullable=False),
    sa.Column("body_hash", sa.String(64), nullable=True),
    sa.Column("message", sa.Text(), nullable=False, server_default=""),
    sa.Column("envelope_json", sa.Text(), nullable=True),
    sa.Column("receipt_json", sa.Text(), nullable=True),
    sa.Index(None, "case_id", "revision"),
)

# The change feeds: one monotonic sequence per audience (an inspector, a unit…), so a
# reader that has seen seq N has seen every change before it once N is visible.
feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("audience", sa.String(120), primary_key=True),
    sa.Column("last_seq", sa.BigInteger(), nullable=False),
)

changes = sa.Table(
    "changes",
    metadata,
    sa.Column("audience", sa.String(120), primary_key=True),
    sa.Column("seq", sa.BigInteger(), primary_key=True),
    sa.Column("case_pk", sa.Integer(), sa.ForeignKey("cases.pk"), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("at", UtcDateTime(), nullable=False),
)

# The bureau's districts and grids (server/grids.py), replaced as a whole by `grid import`: the
# geometry is the feature's GeoJSON geometry as canonical JSON text; `version` is the grids' version
# (the `counters` row `grids`) of the import that last wrote the row.
grids = sa.Table(
    "grids",
    metadata,
    sa.Column("code", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("district", sa.String(32), nullable=True),
    sa.Column("geometry", sa.Text(), nullable=False),
    sa.Column("imported_at", UtcDateTime(), nullable=False),
    sa.Column("version", sa.BigInteger(), nullable=False),
)

# Every key the server signed with (server/keys.py): its exports list those that signed what they
# hold, so signatures stay verifiable after the key file is replaced (a restore onto a new machine).
server_keys = sa.Table(
    "server_keys",
    metadata,
    sa.Column("fingerprint", sa.String(64), primary_key=True),
    sa.Column("public_key", sa.String(200), nullable=False),
    sa.Column("first_used_at", UtcDateTime(), nullable=False),
)

# Append-only: every case envelope received (by sync or by `import`), whatever became of it, as
# canonical JSON, hash-chained like an audit chain (server/received.py): never updated or deleted;
# `fieldcase-server log verify` re-hashes it.
received_log = sa.Table(
    "received_log",
    metadata,
    sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("received_at", UtcDateTime(), nullable=False),
    sa.Column("source", sa.String(16), nullable=False),
    sa.Column("user_name", sa.String(100), nullable=True),
    sa.Column("device_id", sa.String(64), nullable=True),
    sa.Column("case_id", sa.String(64), nullable=True, index=True),
    sa.Column("revision", sa.Integer(), nullable=True),
    sa.Column("outcome", sa.String(32), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("body_hash", sa.String(64), nullable=False),
    sa.Column("prev", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

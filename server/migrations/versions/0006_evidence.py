"""Signed evidence on the server (issue 7): the devices' key history, the server's keys, a signature
beside each audit event, and the append-only, hash-chained log of everything received.

Revision ID: 0006
Revises: 0007
Create Date: 2026-11-26
"""

from __future__ import annotations

import base64
import binascii
import hashlib

import sqlalchemy as sa
from alembic import op

from server.schema import UtcDateTime

revision = "0006"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "device_keys",
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("public_key", sa.String(200), nullable=False),
        sa.Column("enrolled_at", UtcDateTime(), nullable=False),
        sa.Column("revoked_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name="fk_device_keys_device_id_devices"),
        sa.PrimaryKeyConstraint("fingerprint", name="pk_device_keys"),
    )
    op.create_index("ix_device_keys_device_id", "device_keys", ["device_id"])
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("signature", sa.Text(), nullable=True))
    op.create_table(
        "received_log",
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("received_at", UtcDateTime(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("user_name", sa.String(100), nullable=True),
        sa.Column("device_id", sa.String(64), nullable=True),
        sa.Column("case_id", sa.String(64), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("body_hash", sa.String(64), nullable=False),
        sa.Column("prev", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_received_log"),
    )
    op.create_index("ix_received_log_case_id", "received_log", ["case_id"])
    op.create_table(
        "server_keys",
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("public_key", sa.String(200), nullable=False),
        sa.Column("first_used_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name="pk_server_keys"),
    )
    # The keys devices enrolled with before this revision: each becomes the first of its device's history.
    conn = op.get_bind()
    # Typed columns, not CAST: SQLite's CAST(… AS DATETIME) has numeric affinity ('2026-11-20 …' → 2026).
    devices = sa.table(
        "devices",
        sa.column("id"),
        sa.column("public_key"),
        sa.column("enrolled_at", UtcDateTime()),
        sa.column("revoked_at", UtcDateTime()),
    )
    keys = sa.table(
        "device_keys",
        sa.column("fingerprint"),
        sa.column("device_id"),
        sa.column("public_key"),
        sa.column("enrolled_at", UtcDateTime()),
        sa.column("revoked_at", UtcDateTime()),
    )
    rows = []
    for device_id, public_key, enrolled_at, revoked_at in conn.execute(
        sa.select(
            devices.c.id,
            devices.c.public_key,
            devices.c.enrolled_at,
            devices.c.revoked_at,
        ).where(devices.c.public_key.is_not(None))
    ):
        try:
            raw = base64.b64decode(public_key, validate=True)
        except (binascii.Error, ValueError):
            continue
        rows.append(
            {
                "fingerprint": hashlib.sha256(raw).hexdigest(),
                "device_id": device_id,
                "public_key": public_key,
                "enrolled_at": enrolled_at,
                "revoked_at": revoked_at,
            }
        )
    if rows:
        op.bulk_insert(keys, rows)


def downgrade() -> None:
    op.drop_table("server_keys")
    op.drop_index("ix_received_log_case_id", table_name="received_log")
    op.drop_table("received_log")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("signature")
    op.drop_index("ix_device_keys_device_id", table_name="device_keys")
    op.drop_table("device_keys")

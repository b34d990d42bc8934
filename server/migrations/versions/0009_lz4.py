"""PostgreSQL compresses the intake's long texts with LZ4 instead of its own pglz: each accepted case
writes its envelope twice (the receipt's copy and the received log's) and its case JSON, all long enough
to be compressed, and pglz spent about a tenth of the database's CPU on it under bench/server.py.

Only on PostgreSQL built with LZ4 (Debian's is); elsewhere, and on SQLite, nothing changes. Only rows
written afterwards are compressed the new way; older ones are read as they are.

Revision ID: 0009
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = {
    "cases": ("case_json", "receipt_json"),
    "receipts": ("envelope_json", "receipt_json"),
    "received_log": ("body",),
    "audit_events": ("changes_json",),
    "case_photos": ("record_json",),
}


def _lz4_available() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    methods = bind.execute(
        sa.text("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
    ).scalar()
    return "lz4" in (methods or [])


def _set(method: str) -> None:
    for table, columns in COLUMNS.items():
        changes = ", ".join(f"ALTER COLUMN {column} SET COMPRESSION {method}" for column in columns)
        op.execute(f"ALTER TABLE {table} {changes}")


def upgrade() -> None:
    if _lz4_available():
        _set("lz4")


def downgrade() -> None:
    if _lz4_available():
        _set("pglz")

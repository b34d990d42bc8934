"""Initial schema: accounts, devices, blobs and uploads, cases with their photos and audit
chains, deadlines, the append-only receipts and the change feeds.

Revision ID: 0001
Revises:
Create Date: 2026-05-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from server.schema import BigId, UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "districts",
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_districts"),
    )
    op.create_table(
        "units",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_units"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("unit", sa.String(64), nullable=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("disabled", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", UtcDateTime(), nullable=True),
        sa.Column("last_login_at", UtcDateTime(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["unit"], ["units.code"], name="fk_users_unit_units"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.create_table(
        "user_districts",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("district", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["district"], ["districts.code"], name="fk_user_districts_district_districts"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_user_districts_user_id_users"),
        sa.PrimaryKeyConstraint("user_id", "district", name="pk_user_districts"),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), server_default="", nullable=False),
        sa.Column("district", sa.String(32), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("public_key", sa.String(200), nullable=True),
        sa.Column("enrolled_at", UtcDateTime(), nullable=False),
        sa.Column("revoked_at", UtcDateTime(), nullable=True),
        sa.Column("last_seen_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["district"], ["districts.code"], name="fk_devices_district_districts"),
        sa.PrimaryKeyConstraint("id", name="pk_devices"),
        sa.UniqueConstraint("token_hash", name="uq_devices_token_hash"),
    )
    op.create_table(
        "tokens",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=True),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name="fk_tokens_device_id_devices"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_tokens_user_id_users"),
        sa.PrimaryKeyConstraint("token_hash", name="pk_tokens"),
    )
    op.create_index("ix_tokens_user_id", "tokens", ["user_id"])
    op.create_table(
        "enroll_codes",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("district", sa.String(32), nullable=True),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("used_at", UtcDateTime(), nullable=True),
        sa.Column("device_id", sa.String(64), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["district"], ["districts.code"], name="fk_enroll_codes_district_districts"),
        sa.PrimaryKeyConstraint("code_hash", name="pk_enroll_codes"),
    )
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("stored_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_blobs"),
    )
    op.create_table(
        "uploads",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("durable_offset", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_uploads"),
    )
    op.create_table(
        "cases",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("inspector", sa.String(100), nullable=False),
        sa.Column("device", sa.String(64), nullable=True),
        sa.Column("district", sa.String(32), nullable=True),
        sa.Column("grid", sa.String(64), nullable=True),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("subtype", sa.String(64), nullable=False),
        sa.Column("hazard", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("official_number", sa.String(64), nullable=True),
        sa.Column("unit", sa.String(64), nullable=True),
        sa.Column("deferred", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("reworks", sa.Integer(), server_default="0", nullable=False),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("body_hash", sa.String(64), nullable=False),
        sa.Column("case_json", sa.Text(), nullable=False),
        sa.Column("receipt_json", sa.Text(), nullable=False),
        sa.Column("chain_seq", sa.Integer(), nullable=False),
        sa.Column("chain_head", sa.String(64), nullable=False),
        sa.Column("tablet_seq", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("observed_at", sa.String(40), nullable=True),
        sa.Column("received_at", UtcDateTime(), nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_cases"),
        sa.UniqueConstraint("id", name="uq_cases_id"),
        sa.UniqueConstraint("official_number", name="uq_cases_official_number"),
    )
    op.create_index("ix_cases_inspector_pk", "cases", ["inspector", "pk"])
    op.create_index("ix_cases_district_pk", "cases", ["district", "pk"])
    op.create_index("ix_cases_state_pk", "cases", ["state", "pk"])
    op.create_index("ix_cases_unit_pk", "cases", ["unit", "pk"])
    op.create_index("ix_cases_type_subtype_pk", "cases", ["type", "subtype", "pk"])
    op.create_index("ix_cases_received_at", "cases", ["received_at"])
    op.create_table(
        "case_photos",
        sa.Column("case_pk", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("record_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_pk"], ["cases.pk"], name="fk_case_photos_case_pk_cases"),
        sa.PrimaryKeyConstraint("case_pk", "sha256", name="pk_case_photos"),
    )
    op.create_index("ix_case_photos_sha256", "case_photos", ["sha256"])
    op.create_table(
        "audit_events",
        sa.Column("case_pk", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
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
        sa.ForeignKeyConstraint(["case_pk"], ["cases.pk"], name="fk_audit_events_case_pk_cases"),
        sa.PrimaryKeyConstraint("case_pk", "seq", name="pk_audit_events"),
    )
    op.create_table(
        "deadlines",
        sa.Column("case_pk", sa.Integer(), nullable=False),
        sa.Column("milestone", sa.String(64), nullable=False),
        sa.Column("due_at", UtcDateTime(), nullable=False),
        sa.Column("met_at", UtcDateTime(), nullable=True),
        sa.Column("deferred_from", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["case_pk"], ["cases.pk"], name="fk_deadlines_case_pk_cases"),
        sa.PrimaryKeyConstraint("case_pk", "milestone", name="pk_deadlines"),
    )
    op.create_index("ix_deadlines_met_at_due_at", "deadlines", ["met_at", "due_at"])
    op.create_table(
        "receipts",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("received_at", UtcDateTime(), nullable=False),
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("body_hash", sa.String(64), nullable=True),
        sa.Column("message", sa.Text(), server_default="", nullable=False),
        sa.Column("envelope_json", sa.Text(), nullable=False),
        sa.Column("receipt_json", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_receipts"),
    )
    op.create_index("ix_receipts_case_id_revision", "receipts", ["case_id", "revision"])
    op.create_table(
        "feeds",
        sa.Column("audience", sa.String(120), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("audience", name="pk_feeds"),
    )
    op.create_table(
        "changes",
        sa.Column("audience", sa.String(120), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("case_pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_pk"], ["cases.pk"], name="fk_changes_case_pk_cases"),
        sa.PrimaryKeyConstraint("audience", "seq", name="pk_changes"),
    )


def downgrade() -> None:
    for table in (
        "changes",
        "feeds",
        "receipts",
        "deadlines",
        "audit_events",
        "case_photos",
        "cases",
        "uploads",
        "blobs",
        "enroll_codes",
        "tokens",
        "devices",
        "user_districts",
        "users",
        "units",
        "districts",
    ):
        op.drop_table(table)

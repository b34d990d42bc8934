"""The closed loop (issue 5): when each step happened on a case, the milestones' hours, the
official-number counters.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from server.schema import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        for name in ("filed_at", "dispatched_at", "disposed_at", "closed_at"):
            batch.add_column(sa.Column(name, UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("hours_to_close", sa.Float(), nullable=True))
    with op.batch_alter_table("deadlines") as batch:
        batch.add_column(sa.Column("hours", sa.Float(), nullable=True))
    op.create_index("ix_deadlines_due_at", "deadlines", ["due_at"])
    op.create_table(
        "counters",
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_counters"),
    )


def downgrade() -> None:
    op.drop_table("counters")
    op.drop_index("ix_deadlines_due_at", table_name="deadlines")
    with op.batch_alter_table("deadlines") as batch:
        batch.drop_column("hours")
    with op.batch_alter_table("cases") as batch:
        for name in ("hours_to_close", "closed_at", "disposed_at", "dispatched_at", "filed_at"):
            batch.drop_column(name)

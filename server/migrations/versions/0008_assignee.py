"""Reassigning field work: a case's assignee (who holds its field work now), distinct from the
reporting inspector, whom the evaluation figures keep crediting.

Revision ID: 0008
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("assignee", sa.String(100), nullable=True))
    op.create_index("ix_cases_assignee_pk", "cases", ["assignee", "pk"])


def downgrade() -> None:
    op.drop_index("ix_cases_assignee_pk", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("assignee")

"""The supervisor's queue: a case's priority (from its hazard level), its address and description as
columns (free-text search), and the indexes the queue order and the nearby-case search use.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The shipped catalogue's hazard levels, most severe first (server.cases.priority_of computes the
# same from the catalogue in use for every case written from now on).
_PRIORITY = "CASE hazard WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END"


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("priority", sa.SmallInteger(), nullable=False, server_default="4"))
        batch.add_column(sa.Column("address", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))
    if op.get_bind().dialect.name == "postgresql":
        text = "coalesce(case_json::json ->> '{key}', '')"
    else:
        text = "coalesce(json_extract(case_json, '$.{key}'), '')"
    op.execute(
        f"UPDATE cases SET priority = {_PRIORITY}, address = {text.format(key='address')}, "
        f"description = {text.format(key='description')}"
    )
    op.create_index("ix_cases_priority_pk", "cases", ["priority", "pk"])
    op.create_index("ix_cases_state_priority_pk", "cases", ["state", "priority", "pk"])
    op.create_index("ix_cases_type_lat", "cases", ["type", "lat"])


def downgrade() -> None:
    op.drop_index("ix_cases_type_lat", table_name="cases")
    op.drop_index("ix_cases_state_priority_pk", table_name="cases")
    op.drop_index("ix_cases_priority_pk", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        for name in ("description", "address", "priority"):
            batch.drop_column(name)

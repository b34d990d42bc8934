"""Photos recorded with a decision (a unit's disposal photos), so that whoever may see the case may
read them through GET /blobs/{sha256}; the evaluation figures' audit events (return, defer,
dispute) get a partial index.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decision_photos",
        sa.Column("case_pk", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["case_pk"], ["cases.pk"], name="fk_decision_photos_case_pk_cases"),
        sa.PrimaryKeyConstraint("case_pk", "seq", "sha256", name="pk_decision_photos"),
    )
    op.create_index("ix_decision_photos_sha256", "decision_photos", ["sha256"])
    counted = sa.text("action IN ('return', 'defer', 'dispute')")
    op.create_index(
        "ix_audit_events_counted",
        "audit_events",
        ["case_pk", "action"],
        sqlite_where=counted,
        postgresql_where=counted,
    )
    # Disposals recorded before this revision: their photos are in the decision's audit event.
    conn = op.get_bind()
    events = sa.table(
        "audit_events", sa.column("case_pk"), sa.column("seq"), sa.column("action"), sa.column("changes_json")
    )
    rows = []
    for case_pk, seq, changes in conn.execute(
        sa.select(events.c.case_pk, events.c.seq, events.c.changes_json).where(events.c.action == "dispose")
    ):
        photos = json.loads(changes).get("photos") or []
        rows += [{"case_pk": case_pk, "seq": seq, "sha256": h} for h in dict.fromkeys(photos) if isinstance(h, str)]
    if rows:
        op.bulk_insert(sa.table("decision_photos", sa.column("case_pk"), sa.column("seq"), sa.column("sha256")), rows)


def downgrade() -> None:
    op.drop_index("ix_audit_events_counted", table_name="audit_events")
    op.drop_index("ix_decision_photos_sha256", table_name="decision_photos")
    op.drop_table("decision_photos")

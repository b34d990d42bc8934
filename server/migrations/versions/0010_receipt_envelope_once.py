"""An envelope's text is kept once, in the received log: a receipt row no longer keeps a second copy.

Since 0009's session the received log's entry of an envelope holds the very text its receipt row kept
(`receipts.envelope_json`), so every accepted case wrote its envelope twice. `envelope_json` becomes
nullable and new receipt rows leave it empty; rows written before keep theirs. The envelope of a receipt
row is its received-log entry: the same case id, revision, outcome and `received_at`.

A downgrade fills the empty ones back from the received log (an entry that is gone leaves '') and makes
the column required again. It matches a receipt row to its entry by case id, revision, outcome and time,
so two envelopes of the same case and revision with the same outcome in one batch (say, both invalid)
both get the first one's text.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("receipts") as batch:
        batch.alter_column("envelope_json", existing_type=sa.Text(), nullable=True)


def downgrade() -> None:
    op.execute(
        "UPDATE receipts SET envelope_json = COALESCE(("
        " SELECT body FROM received_log l WHERE l.case_id = receipts.case_id AND l.revision = receipts.revision"
        " AND l.outcome = receipts.outcome AND l.received_at = receipts.received_at ORDER BY l.seq LIMIT 1), '')"
        " WHERE envelope_json IS NULL"
    )
    with op.batch_alter_table("receipts") as batch:
        batch.alter_column("envelope_json", existing_type=sa.Text(), nullable=False)

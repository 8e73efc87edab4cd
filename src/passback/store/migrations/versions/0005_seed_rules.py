"""seed rules: assessments.assigned_to

Revision ID: 0005_seed_rules
Revises: 0004

Self-contained (see 0001). Existing rows get NULL: their records never said who was
assigned, so they get no automatic zeros until the platform sends them again (a district
synced before this change sees no new writes for data that did not change).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005_seed_rules"
down_revision = "0004"
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    # a plain ADD COLUMN on both databases (SQLite takes it without rebuilding the table)
    op.add_column("assessments", sa.Column("assigned_to", _json(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("assigned_to")

"""sis_refusals: what a district's SIS refused passback (deletes), learned once

Revision ID: 0005_wire
Revises: 0004

Self-contained (see 0001).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_wire"
down_revision = "0005_seed_rules"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sis_refusals",
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("capability", sa.String(32), nullable=False),
        sa.Column("settings", sa.String(64), nullable=False),
        sa.Column("learned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["districts.id"],
            name=op.f("fk_sis_refusals_district_id_districts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("district_id", "capability", name=op.f("pk_sis_refusals")),
    )


def downgrade() -> None:
    op.drop_table("sis_refusals")

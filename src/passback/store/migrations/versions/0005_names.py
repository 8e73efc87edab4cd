"""names: the SIS roster's names of students, teachers and classes

Revision ID: 0005_names
Revises: 0004

Self-contained (see 0001). The table starts empty; the roster cache's version changed with
it, so each district's next run reads its roster whole and fills it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_names"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = 200


def upgrade() -> None:
    op.create_table(
        "names",
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["districts.id"],
            name=op.f("fk_names_district_id_districts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("district_id", "kind", "id", name=op.f("pk_names")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("names")

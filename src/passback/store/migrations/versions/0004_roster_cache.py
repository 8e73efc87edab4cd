"""roster cache: roster_cache, sis_line_items

Revision ID: 0004
Revises: 0003

Self-contained (see 0001).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = 200


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _district(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["district_id"],
        ["districts.id"],
        name=op.f(f"fk_{table}_district_id_districts"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "roster_cache",
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("collection", sa.String(32), nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("watermark", sa.String(64), nullable=True),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("full_read_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        _district("roster_cache"),
        sa.PrimaryKeyConstraint("district_id", "collection", name=op.f("pk_roster_cache")),
    )
    op.create_table(
        "sis_line_items",
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("sourced_id", sa.String(ID), nullable=False),
        sa.Column("class_id", sa.String(ID), nullable=False),
        sa.Column("data", _json(), nullable=False),
        _district("sis_line_items"),
        sa.PrimaryKeyConstraint("district_id", "sourced_id", name=op.f("pk_sis_line_items")),
        sqlite_with_rowid=False,
    )
    op.create_index(
        op.f("ix_sis_line_items_district_id_class_id"),
        "sis_line_items",
        ["district_id", "class_id"],
    )


def downgrade() -> None:
    op.drop_table("sis_line_items")
    op.drop_table("roster_cache")

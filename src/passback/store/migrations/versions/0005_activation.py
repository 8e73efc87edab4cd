"""activation: districts.active, who activated or paused it and when

Revision ID: 0005_activation
Revises: 0004

A district starts inactive (docs/scheduling.md#activation). Districts of an upgraded database that
have had a successful or partial real run are running in production: they become active
(by "upgrade 0005_activation") so their nightly runs go on; the others stay inactive until
someone runs `passback district activate`.

Self-contained (see 0001).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_activation"
down_revision = "0005_wire"
branch_labels = None
depends_on = None

UPGRADE_ACTOR = "upgrade 0005_activation"


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, never a batch copy: on SQLite a batch would drop and
    # rebuild `districts`, and the drop cascades to every row of every district.
    op.add_column(
        "districts", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("districts", sa.Column("activated_at", sa.DateTime(timezone=True)))
    op.add_column("districts", sa.Column("activated_by", sa.Text()))
    op.add_column("districts", sa.Column("paused_at", sa.DateTime(timezone=True)))
    op.add_column("districts", sa.Column("paused_by", sa.Text()))
    districts = sa.table(
        "districts",
        sa.column("id", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("activated_at", sa.DateTime(timezone=True)),
        sa.column("activated_by", sa.Text),
    )
    runs = sa.table(
        "runs",
        sa.column("district_id", sa.String),
        sa.column("dry_run", sa.Boolean),
        sa.column("status", sa.String),
        sa.column("finished_at", sa.DateTime(timezone=True)),
    )
    synced = (
        sa.select(sa.func.min(runs.c.finished_at))
        .where(
            runs.c.district_id == districts.c.id,
            runs.c.dry_run == sa.false(),
            runs.c.status.in_(("succeeded", "partial")),
        )
        .scalar_subquery()
    )
    op.execute(
        districts.update()
        .where(synced.is_not(None))
        .values(active=True, activated_at=synced, activated_by=UPGRADE_ACTOR)
    )


def downgrade() -> None:
    for column in ("paused_by", "paused_at", "activated_by", "activated_at", "active"):
        op.drop_column("districts", column)

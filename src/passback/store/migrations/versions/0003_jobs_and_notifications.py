"""jobs and notifications: sync_jobs, nightly_state, notification_events, notifications

Revision ID: 0003
Revises: 0002

Self-contained (see 0001). procrastinate's own tables are not created here: they are not
passback's schema, and `passback worker` installs them on PostgreSQL (scheduling.queue).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ID = 200


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _district(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["district_id"],
        ["districts.id"],
        name=op.f(f"fk_{table}_district_id_districts"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "sync_jobs",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("trigger", sa.String(16), nullable=False),
        sa.Column("scope", _json(), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("dedupe_key", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("requested_at"),
        _when("not_before"),
        _when("started_at", nullable=True),
        _when("finished_at", nullable=True),
        _when("heartbeat_at", nullable=True),
        sa.Column("worker", sa.String(200), nullable=True),
        sa.Column("run_id", sa.String(32), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("queue_id", sa.BigInteger(), nullable=True),
        sa.Column("superseded_by", sa.String(32), nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'done', 'failed')", name=op.f("ck_sync_jobs_status")
        ),
        _district("sync_jobs"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_jobs")),
    )
    queued = sa.text("status = 'queued'")
    op.create_index(
        "uq_sync_jobs_pending_dedupe_key",
        "sync_jobs",
        ["dedupe_key"],
        unique=True,
        sqlite_where=queued,
        postgresql_where=queued,
    )
    op.create_index(op.f("ix_sync_jobs_status_not_before"), "sync_jobs", ["status", "not_before"])
    op.create_index(
        op.f("ix_sync_jobs_district_id_requested_at"), "sync_jobs", ["district_id", "requested_at"]
    )
    op.create_table(
        "nightly_state",
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("last_night", sa.Date(), nullable=False),
        _when("updated_at"),
        _district("nightly_state"),
        sa.PrimaryKeyConstraint("district_id", name=op.f("pk_nightly_state")),
    )
    op.create_table(
        "notification_events",
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("event", sa.String(ID), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("run_id", sa.String(32), nullable=True),
        _when("created_at"),
        _district("notification_events"),
        sa.PrimaryKeyConstraint("district_id", "event", name=op.f("pk_notification_events")),
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("district_id", sa.String(64), nullable=False),
        sa.Column("event", sa.String(ID), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("recipient", sa.String(400), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("payload", _json(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("next_attempt_at"),
        _when("locked_until", nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        _when("created_at"),
        _when("sent_at", nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'failed')", name=op.f("ck_notifications_status")
        ),
        sa.CheckConstraint(
            "channel IN ('email', 'webhook')", name=op.f("ck_notifications_channel")
        ),
        _district("notifications"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    op.create_index(
        op.f("ix_notifications_status_next_attempt_at"),
        "notifications",
        ["status", "next_attempt_at"],
    )
    op.create_index(
        op.f("ix_notifications_district_id_event_channel_recipient"),
        "notifications",
        ["district_id", "event", "channel", "recipient"],
        unique=True,
    )


def downgrade() -> None:
    for table in ("notifications", "notification_events", "nightly_state", "sync_jobs"):
        op.drop_table(table)

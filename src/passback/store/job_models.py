"""Tables of scheduling and notifications: sync jobs, nightly schedule state, notification
events and their deliveries. (Imported by `models` so the schema is whole.)

`sync_jobs` is the record of every requested sync in both modes. In embedded mode it is also
the queue; on PostgreSQL procrastinate is the queue and `queue_id` points at its job. The
partial unique index on `dedupe_key` among queued jobs is the queueing lock: a second request
for the same work while one is pending cannot insert a second row.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from passback.store.models import ID, Base

JOB_STATUSES = ("queued", "running", "done", "failed")
QUEUED = "status = 'queued'"


def _district_fk() -> Any:
    return ForeignKey("districts.id", ondelete="CASCADE")


class SyncJobRow(Base):
    """One requested sync: who asked (trigger), what (scope), and how it went."""

    __tablename__ = "sync_jobs"
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="status"),
        Index(
            "uq_sync_jobs_pending_dedupe_key",
            "dedupe_key",
            unique=True,
            sqlite_where=text(QUEUED),
            postgresql_where=text(QUEUED),
        ),
        Index(None, "status", "not_before"),
        Index(None, "district_id", "requested_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    district_id: Mapped[str] = mapped_column(String(64), _district_fk())
    trigger: Mapped[str] = mapped_column(String(16))
    scope: Mapped[dict[str, Any]]
    dry_run: Mapped[bool] = mapped_column(Boolean)
    as_of: Mapped[date | None] = mapped_column(Date)
    dedupe_key: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    requested_at: Mapped[datetime]
    not_before: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    worker: Mapped[str | None] = mapped_column(String(200))
    run_id: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(Text)
    queue_id: Mapped[int | None] = mapped_column(BigInteger)
    superseded_by: Mapped[str | None] = mapped_column(String(32))


class NightlyStateRow(Base):
    """The last local date whose nightly run was queued for a district."""

    __tablename__ = "nightly_state"

    district_id: Mapped[str] = mapped_column(String(64), _district_fk(), primary_key=True)
    last_night: Mapped[date] = mapped_column(Date)
    updated_at: Mapped[datetime]


class NotificationEventRow(Base):
    """An event that notifies people, recorded once (so it is announced at most once)."""

    __tablename__ = "notification_events"

    district_id: Mapped[str] = mapped_column(String(64), _district_fk(), primary_key=True)
    event: Mapped[str] = mapped_column(String(ID), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    run_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]


class NotificationRow(Base):
    """One delivery of an event to one recipient (an e-mail address or a webhook URL),
    kept until it is sent; retried with backoff while the server is unreachable."""

    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'sent', 'failed')", name="status"),
        CheckConstraint("channel IN ('email', 'webhook')", name="channel"),
        Index(None, "status", "next_attempt_at"),
        Index(None, "district_id", "event", "channel", "recipient", unique=True),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    district_id: Mapped[str] = mapped_column(String(64), _district_fk())
    event: Mapped[str] = mapped_column(String(ID))
    kind: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(String(400))
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]

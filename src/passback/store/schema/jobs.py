"""Tables of scheduling: sync jobs and the nightly schedule's state.

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
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from passback.store.schema.base import Base, district_fk

QUEUED = "status = 'queued'"


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
    district_id: Mapped[str] = mapped_column(String(64), district_fk())
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

    district_id: Mapped[str] = mapped_column(String(64), district_fk(), primary_key=True)
    last_night: Mapped[date] = mapped_column(Date)
    updated_at: Mapped[datetime]

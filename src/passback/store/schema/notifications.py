"""Tables of notifications: events (each announced at most once) and their deliveries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from passback.store.schema.base import ID, Base, district_fk


class NotificationEventRow(Base):
    """An event that notifies people, recorded once (so it is announced at most once)."""

    __tablename__ = "notification_events"

    district_id: Mapped[str] = mapped_column(String(64), district_fk(), primary_key=True)
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
    district_id: Mapped[str] = mapped_column(String(64), district_fk())
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

"""Notification events and deliveries in the store.

An event (district + name) is inserted once; only the insert that created it adds the
deliveries, one per recipient. Deliveries stay `pending` until sent; a sender claims a few
at a time with a lease (`locked_until`), so several workers never send the same one at
once, and a sender that dies mid-send only delays it by the lease.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from passback.core.backoff import DELIVERY, Backoff
from passback.notify.messages import Message
from passback.store.db import dialect_insert
from passback.store.schema.notifications import NotificationEventRow, NotificationRow

LEASE = timedelta(minutes=5)


def record_event(
    session: Session,
    *,
    district: str,
    event: str,
    kind: str,
    run_id: str | None,
    message: Message,
    recipients: list[tuple[str, str]],
    now: datetime,
) -> bool:
    """Record the event and its deliveries; False if it was recorded before."""
    insert = dialect_insert(session)
    created = session.execute(
        insert(NotificationEventRow)
        .values(district_id=district, event=event, kind=kind, run_id=run_id, created_at=now)
        .on_conflict_do_nothing()
    )
    if not getattr(created, "rowcount", 0):
        return False
    for channel, recipient in recipients:
        session.add(
            NotificationRow(
                id=uuid.uuid4().hex,
                district_id=district,
                event=event,
                kind=kind,
                channel=channel,
                recipient=recipient,
                subject=message.subject,
                body=message.body,
                payload=message.payload,
                status="pending",
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )
    session.flush()
    return True


def event_recorded(session: Session, district: str, event: str) -> bool:
    return session.get(NotificationEventRow, (district, event)) is not None


def claim_due(
    session: Session, *, now: datetime, channels: set[str], limit: int = 20
) -> list[NotificationRow]:
    """Take up to `limit` due deliveries of these channels for `LEASE`."""
    if not channels:
        return []
    statement = (
        select(NotificationRow)
        .where(
            NotificationRow.status == "pending",
            NotificationRow.next_attempt_at <= now,
            NotificationRow.channel.in_(sorted(channels)),
            or_(NotificationRow.locked_until.is_(None), NotificationRow.locked_until < now),
        )
        .order_by(NotificationRow.next_attempt_at)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True)
    rows = list(session.scalars(statement))
    for row in rows:
        row.locked_until = now + LEASE
    session.flush()
    return rows


def mark_sent(session: Session, delivery_id: str, *, now: datetime) -> None:
    session.execute(
        update(NotificationRow)
        .where(NotificationRow.id == delivery_id)
        .values(
            status="sent", sent_at=now, locked_until=None, attempts=NotificationRow.attempts + 1
        )
    )


def mark_attempt_failed(
    session: Session, delivery_id: str, *, now: datetime, error: str, backoff: Backoff = DELIVERY
) -> bool:
    """Record a failed attempt; True when it will be tried again."""
    row = session.get(NotificationRow, delivery_id)
    if row is None:
        return False
    row.attempts += 1
    row.last_error = error[:2000]
    row.locked_until = None
    retry_at = backoff.next_attempt(row.attempts, now)
    if retry_at is None:
        row.status = "failed"
    else:
        row.next_attempt_at = retry_at
    session.flush()
    return retry_at is not None

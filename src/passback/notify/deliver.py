"""Sending the deliveries that are due, and recording how each went.

Called by the embedded scheduler's tick, by procrastinate's minute tick, and by a worker
right after it finished a job (so "passback is live" goes out seconds after the run), with
the `NotifySettings` their composition root read. A channel that is not configured (no
PASSBACK_SMTP_HOST) is left pending, not failed: setting it up later sends what was
recorded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

import structlog
from sqlalchemy import Engine

from passback.core.backoff import DELIVERY, Backoff
from passback.core.clock import Clock, utc_now
from passback.notify import outbox
from passback.notify.events import FIRST_SYNC
from passback.notify.settings import NotifySettings
from passback.notify.smtp import DeliveryError, send_email
from passback.notify.webhook import post
from passback.onboarding import mark_notified
from passback.store.db import session_scope

log = structlog.get_logger(__name__)
# A delivery that can never go through (its message cannot be written) is failed at once.
GIVE_UP = Backoff(first=timedelta(0), give_up_after=1)


@dataclass
class Delivered:
    sent: int = 0
    failed: int = 0  # attempts that failed (most will be retried)
    # the same by channel (email, webhook), for the metrics
    sent_by_channel: Counter[str] = field(default_factory=Counter)
    failed_by_channel: Counter[str] = field(default_factory=Counter)


def _onboarding_step_done(engine: Engine, district: str) -> None:
    """Onboarding's last step: the district was told its first sync completed."""
    try:
        mark_notified(engine, district)
    except Exception as exc:  # the mail went out; the tracker can be ticked by hand
        log.warning("notify.onboarding_not_updated", district=district, error=type(exc).__name__)


def deliver_due(
    engine: Engine,
    settings: NotifySettings,
    *,
    clock: Clock = utc_now,
    batch: int = 20,
) -> Delivered:
    """Send every due delivery of the configured channels."""
    if settings.problem is not None:
        log.warning("notify.misconfigured", problem=settings.problem)
        return Delivered()
    smtp, webhook = settings.smtp, settings.webhook
    channels = {name for name, on in (("email", smtp), ("webhook", webhook)) if on is not None}
    outcome = Delivered()
    while True:
        with session_scope(engine) as session:
            claimed = [
                (
                    row.id,
                    row.district_id,
                    row.channel,
                    row.recipient,
                    row.kind,
                    row.subject,
                    row.body,
                    dict(row.payload),
                )
                for row in outbox.claim_due(session, now=clock(), channels=channels, limit=batch)
            ]
        if not claimed:
            return outcome
        for delivery_id, district, channel, recipient, kind, subject, body, payload in claimed:
            try:
                if channel == "email":
                    assert smtp is not None
                    send_email(
                        smtp, to=recipient, subject=subject, body=body, message_id=delivery_id
                    )
                else:
                    assert webhook is not None
                    post(webhook, event=kind, delivery_id=delivery_id, payload=payload, now=clock())
            except Exception as exc:
                # DeliveryError says why; anything else is a bug or a message that cannot be
                # written: recorded as failed with its reason, the other rows go on.
                error = (
                    str(exc)
                    if isinstance(exc, DeliveryError)
                    else f"cannot be sent: {type(exc).__name__}: {exc}"
                )
                permanent = not isinstance(exc, DeliveryError) or exc.permanent
                with session_scope(engine) as session:
                    again = outbox.mark_attempt_failed(
                        session,
                        delivery_id,
                        now=clock(),
                        error=error,
                        backoff=GIVE_UP if permanent else DELIVERY,
                    )
                outcome.failed += 1
                outcome.failed_by_channel[channel] += 1
                log.warning(
                    "notify.attempt_failed",
                    district=district,
                    delivery=delivery_id,
                    channel=channel,
                    will_retry=again,
                    error=error,
                )
                continue
            with session_scope(engine) as session:
                outbox.mark_sent(session, delivery_id, now=clock())
            outcome.sent += 1
            outcome.sent_by_channel[channel] += 1
            if kind == FIRST_SYNC and channel == "email":
                _onboarding_step_done(engine, district)
            log.info(
                "notify.sent", district=district, delivery=delivery_id, channel=channel, kind=kind
            )
        if len(claimed) < batch:
            return outcome

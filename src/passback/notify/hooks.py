"""Subscribers to the end of a run. `passback.sync.service.run_sync` calls `run_finished`
with the finished report; the run service knows nothing else about notifications.

A subscriber that fails is logged and ignored: a run's outcome never depends on it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import structlog
from sqlalchemy import Engine

log = structlog.get_logger(__name__)

Subscriber = Callable[[Engine, dict[str, Any]], None]
_subscribers: list[Subscriber] = []


def subscribe(subscriber: Subscriber) -> Callable[[], None]:
    """Add a subscriber; returns a function that removes it."""
    _subscribers.append(subscriber)

    def unsubscribe() -> None:
        if subscriber in _subscribers:
            _subscribers.remove(subscriber)

    return unsubscribe


def _record_notifications(engine: Engine, report: dict[str, Any]) -> None:
    from passback.notify.events import record_run_events

    record_run_events(engine, report)


def run_finished(engine: Engine, report: dict[str, Any]) -> None:
    """Tell every subscriber (the notification recorder first) that a run ended."""
    for subscriber in [_record_notifications, *_subscribers]:
        try:
            subscriber(engine, report)
        except Exception:
            log.exception("hooks.subscriber_failed", district=report.get("district"))

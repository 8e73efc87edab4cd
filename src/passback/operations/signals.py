"""What the metrics read at each scrape: the job queue and each district's nightly runs, in
one read of the database (so every process reports the same, whichever ran the jobs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from passback.store import ops_signals
from passback.store.db import session_scope
from passback.store.ops_signals import NightlyHealth, QueueSnapshot

__all__ = ["NightlyHealth", "QueueSnapshot", "Signals", "read_signals"]


@dataclass(frozen=True)
class Signals:
    queue: QueueSnapshot
    nights: dict[str, NightlyHealth]  # district id -> its nightly runs


def read_signals(engine: Engine, *, now: datetime, stalled_after: timedelta) -> Signals:
    """The queue (a running job silent for `stalled_after` counts as stalled) and every
    district's nightly runs. Raises whatever the database raises."""
    with session_scope(engine, read_only=True) as session:
        queue = ops_signals.queue_snapshot(session, now=now, stalled_after=stalled_after)
        nights = ops_signals.nightly_health(session, now=now)
    return Signals(queue, nights)

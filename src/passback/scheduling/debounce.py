"""Near-real-time syncs (district option `on_change`): pure policy, "now" passed in.

Score changes arrive in batches (an import, several API calls in a row). The first change
queues a sync of the affected classes to start `settle` later; changes that arrive while it
waits join it (their classes are added). A district's on-change runs start at least
`min_gap` apart, which bounds the SIS traffic they cause whatever the platform sends. So a
change reaches the SIS within settle + min_gap + one run, under a minute by default.

When more classes are waiting than one run should take class by class, the job becomes a
whole-district run: it reads the roster once instead of once per class.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class OnChangePolicy:
    settle: timedelta = timedelta(seconds=5)
    min_gap: timedelta = timedelta(seconds=30)
    max_class_runs: int = 4


def start_at(now: datetime, last_started: datetime | None, policy: OnChangePolicy) -> datetime:
    """When a newly queued on-change sync may start."""
    at = now + policy.settle
    if last_started is not None:
        at = max(at, last_started + policy.min_gap)
    return at


def merge_classes(
    waiting: Iterable[str] | None, new: Iterable[str] | None, policy: OnChangePolicy
) -> tuple[str, ...] | None:
    """The classes of a waiting job after `new` joins it; None means the whole district
    (either side already whole, or too many classes to sync one by one)."""
    if waiting is None or new is None:
        return None
    merged = tuple(sorted(set(waiting) | set(new)))
    return None if len(merged) > policy.max_class_runs else merged

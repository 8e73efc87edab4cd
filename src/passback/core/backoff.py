"""Retry timing: pure policy, "now" passed in.

Used for notification deliveries (a mail server or webhook that is down) and for syncs
started by the scheduler that failed (a nightly or on-change run is tried again later; an
on-demand run is not, the person who asked sees the failure).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class Backoff:
    first: timedelta
    factor: float = 2.0
    longest: timedelta = timedelta(hours=1)
    give_up_after: int | None = None  # attempts; None: never

    def delay(self, attempts: int) -> timedelta:
        """The wait after the `attempts`-th failure (1 = the first)."""
        longest = self.longest.total_seconds()
        seconds = self.first.total_seconds()
        for _ in range(max(attempts - 1, 0)):  # a loop, not a power: no overflow
            seconds *= self.factor
            if seconds >= longest:
                return self.longest
        return min(timedelta(seconds=seconds), self.longest)

    def next_attempt(self, attempts: int, now: datetime) -> datetime | None:
        """When to try again after `attempts` failures, or None to stop trying."""
        if self.give_up_after is not None and attempts >= self.give_up_after:
            return None
        return now + self.delay(attempts)


# Mail and webhooks: 30 s, 1 min, 2 min … then hourly, for three days (~80 attempts).
DELIVERY = Backoff(first=timedelta(seconds=30), longest=timedelta(hours=1), give_up_after=80)
# Scheduled syncs that failed: again after 10 and 30 minutes, then wait for the next night.
SCHEDULED_RUN = Backoff(
    first=timedelta(minutes=10), factor=3.0, longest=timedelta(hours=1), give_up_after=3
)
RETRIED_TRIGGERS = frozenset({"nightly", "on_change", "retry"})

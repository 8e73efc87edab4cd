"""When to try a failed OneRoster request again, and how long to wait first.

Pure policy: `RetryPolicy.delay` takes the attempt number, the server's Retry-After and a
random source and returns the wait (or None to give up); the client does the sleeping.
Backoff is exponential with "full jitter" (a uniform draw between 0 and the capped
exponential), so many clients hitting one SIS spread out instead of retrying in lockstep.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How retryable failures (429, 5xx, timeouts, resets) are retried.

    max_attempts:    total sends of one request, the first included.
    base_delay:      backoff before the 2nd attempt; doubles each attempt after.
    max_delay:       cap on the exponential backoff.
    jitter:          draw the backoff uniformly from [0, capped exponential].
    max_retry_after: the longest Retry-After the client will wait for. A server asking for
                     more is not retried sooner than it asked: the request fails with
                     RetryableError straight away, so a silly header cannot hang a run.
    """

    max_attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 30.0
    jitter: bool = True
    max_retry_after: float = 120.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(
                f"RetryPolicy.max_attempts must be at least 1, got {self.max_attempts}"
            )
        if self.base_delay < 0 or self.max_delay < 0 or self.max_retry_after < 0:
            raise ValueError("RetryPolicy delays must not be negative")

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """The backoff after failed attempt number `attempt` (1-based), Retry-After aside."""
        # min() before the power would still overflow for huge attempts; cap the exponent.
        exponent = min(attempt - 1, 64)
        ceiling = min(self.max_delay, self.base_delay * math.pow(2, exponent))
        return rng.uniform(0, ceiling) if self.jitter else ceiling

    def delay(self, attempt: int, retry_after: float | None, rng: random.Random) -> float | None:
        """Seconds to wait before the next attempt after attempt `attempt` failed, or None
        to give up (attempts used up, or the server asked for more than max_retry_after)."""
        if attempt >= self.max_attempts:
            return None
        wait = self.backoff(attempt, rng)
        if retry_after is not None:
            if retry_after > self.max_retry_after:
                return None
            wait = max(wait, retry_after)
        return wait


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date.

    `now` must be timezone-aware. Unparseable values give None (the header is ignored);
    dates in the past give 0.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        if math.isnan(seconds) or math.isinf(seconds):
            return None
        return max(0.0, seconds)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        # RFC 9110: an HTTP-date is always GMT.
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())

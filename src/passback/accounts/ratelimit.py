"""Login rate limiting: after a few failures for one username or from one address, further
attempts are refused for a while. In memory, per process: enough for one `passback serve`;
behind several processes each keeps its own count (documented in docs/console.md)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class LoginLimiter:
    def __init__(
        self,
        *,
        max_failures: int = 5,
        window_s: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > self.window_s:
            times.popleft()
        return times

    def retry_after(self, *keys: str) -> float:
        """Seconds until any of these keys may try again (0: allowed now)."""
        now = self._clock()
        wait = 0.0
        with self._lock:
            for key in keys:
                times = self._recent(key, now)
                if len(times) >= self.max_failures:
                    wait = max(wait, self.window_s - (now - times[0]))
        return wait

    def failed(self, *keys: str) -> None:
        now = self._clock()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

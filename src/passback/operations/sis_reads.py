"""The console's memory of recent SIS reads: a few minutes of answers per district and a
minute of remembered failure, so pages stay quick and opening one again and again cannot
turn into a storm of requests (see `passback.operations.sis`).

One `SisReads` belongs to the process's `Runtime`; it is shared by the web server's worker
threads, hence the lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
CACHE_SECONDS = 300.0
FAILURE_SECONDS = 60.0


class SisUnavailable(Exception):
    """The SIS could not be read for this district; the message says why."""


class SisReads:
    """Answers by (district, what was read), and each district's latest failure."""

    def __init__(
        self,
        *,
        keep_s: float = CACHE_SECONDS,
        failure_s: float = FAILURE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.keep_s = keep_s
        self.failure_s = failure_s
        self._clock = clock
        self._answers: dict[tuple[str, str], tuple[float, Any]] = {}
        self._failures: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def forget(self, district: str) -> None:
        """Drop cached reads of a district (after its connection settings change)."""
        with self._lock:
            for key in [k for k in self._answers if k[0] == district]:
                del self._answers[key]
            self._failures.pop(district, None)

    def cached(self, district: str, what: str, load: Callable[[], T]) -> T:
        """The remembered answer, else `load()` (remembered); a district that failed lately
        fails again at once with the same message, without asking the SIS."""
        now = self._clock()
        with self._lock:
            hit = self._answers.get((district, what))
            if hit is not None and now - hit[0] < self.keep_s:
                return hit[1]  # type: ignore[no-any-return]
            failed = self._failures.get(district)
            if failed is not None and now - failed[0] < self.failure_s:
                raise SisUnavailable(failed[1])
        try:
            value = load()
        except SisUnavailable as exc:
            with self._lock:
                self._failures[district] = (self._clock(), str(exc))
            raise
        with self._lock:
            self._answers[(district, what)] = (self._clock(), value)
        return value

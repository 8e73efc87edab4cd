"""Counters of what the sandbox served, for `GET /sandbox/stats` (tests count API calls)."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any


class Stats:
    """Thread-safe request counters: by kind (read/write/token), method and status."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._kinds: Counter[str] = Counter()
            self._by_method: dict[str, Counter[str]] = {}
            self._faults: Counter[str] = Counter()

    def record(self, kind: str, method: str, status: int | str) -> None:
        """`kind` is "reads", "writes" or "token_calls"; `status` may be "dropped"."""
        with self._lock:
            self._kinds[kind] += 1
            self._by_method.setdefault(method, Counter())[str(status)] += 1

    def fault(self, name: str) -> None:
        with self._lock:
            self._faults[name] += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "reads": self._kinds["reads"],
                "writes": self._kinds["writes"],
                "token_calls": self._kinds["token_calls"],
                "by_method": {
                    m: dict(sorted(c.items())) for m, c in sorted(self._by_method.items())
                },
                "faults": dict(sorted(self._faults.items())),
            }

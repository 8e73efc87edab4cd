"""Live progress of the runs going on in this process, for the console: the same phases
and counts the CLI's progress bar shows (reading the SIS roster, reading the platform's
data, reading the gradebook n of m, writing to the SIS n of m).

One run per district at a time, so a `LiveBoard` is keyed by district. The process's
runtime owns one board: the workers that run jobs write to it, the console's polling reads
it. A run started by a worker in another process is not on this board; the console then
shows elapsed time only.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class LiveProgress:
    """A `Progress` that remembers the current phase and its counts."""

    district: str
    name: str = "starting"
    total: int | None = None
    done: int = 0
    since: float = field(default_factory=time.monotonic)
    # the run's thread writes, the console's request threads read
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def phase(self, name: str, total: int | None = None) -> None:
        with self._lock:
            self.name, self.total, self.done = name, total, 0

    def advance(self, n: int = 1) -> None:
        with self._lock:
            self.done += n

    def as_dict(self) -> dict[str, Any]:
        with self._lock:
            return {"phase": self.name, "done": self.done, "total": self.total}


class LiveBoard:
    """The runs of this process, by district."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._runs: dict[str, LiveProgress] = {}

    def track(self, district: str) -> LiveProgress:
        """A fresh progress for a run of this district, on the board until `forget`."""
        progress = LiveProgress(district)
        with self._lock:
            self._runs[district] = progress
        return progress

    def forget(self, progress: LiveProgress) -> None:
        with self._lock:
            if self._runs.get(progress.district) is progress:
                del self._runs[progress.district]

    def current(self, district: str) -> dict[str, Any] | None:
        """The phase and counts of the district's run going on in this process, if any."""
        with self._lock:
            progress = self._runs.get(district)
        return progress.as_dict() if progress is not None else None

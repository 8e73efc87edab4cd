"""Live progress of the runs going on in this process, for the console: the same phases
and counts the CLI's progress bar shows (reading the SIS roster, reading the platform's
data, reading the gradebook n of m, writing to the SIS n of m).

One run per district at a time, so the board is keyed by district. A run started by a
worker in another process is not on this board; the console then shows elapsed time only.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

_lock = threading.Lock()
_board: dict[str, LiveProgress] = {}


@dataclass
class LiveProgress:
    """A `Progress` that remembers the current phase and its counts."""

    district: str
    name: str = "starting"
    total: int | None = None
    done: int = 0
    since: float = field(default_factory=time.monotonic)

    def phase(self, name: str, total: int | None = None) -> None:
        with _lock:
            self.name, self.total, self.done = name, total, 0

    def advance(self, n: int = 1) -> None:
        with _lock:
            self.done += n

    def as_dict(self) -> dict[str, Any]:
        with _lock:
            return {"phase": self.name, "done": self.done, "total": self.total}


def track(district: str) -> LiveProgress:
    """A fresh progress for a run of this district, on the board until `forget`."""
    progress = LiveProgress(district)
    with _lock:
        _board[district] = progress
    return progress


def forget(progress: LiveProgress) -> None:
    with _lock:
        if _board.get(progress.district) is progress:
            del _board[progress.district]


def current(district: str) -> dict[str, Any] | None:
    """The phase and counts of the district's run going on in this process, if any."""
    with _lock:
        progress = _board.get(district)
    return progress.as_dict() if progress is not None else None

"""What this process remembers of the syncs people asked for: which job was asked for
when (to find the run a running job started before the job knows its run id), and when a
teacher last asked for a sync of a class (one per class every few minutes).

One `RequestBoard` belongs to the process's `Runtime`; the web server's worker threads
share it, hence the lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Requested:
    district: str
    dry_run: bool
    at: datetime


class RequestBoard:
    """Job id -> what was asked; (district, class) -> when a class sync was last asked for."""

    def __init__(self) -> None:
        self._jobs: dict[str, Requested] = {}
        self._classes: dict[tuple[str, str], datetime] = {}
        self._lock = threading.Lock()

    def asked(self, job_id: str, requested: Requested) -> None:
        """Remember the first request that queued this job (a repeat joins the same job)."""
        with self._lock:
            self._jobs.setdefault(job_id, requested)

    def request_of(self, job_id: str) -> Requested | None:
        with self._lock:
            return self._jobs.get(job_id)

    def class_asked_at(self, district: str, class_id: str) -> datetime | None:
        with self._lock:
            return self._classes.get((district, class_id))

    def class_asked(self, district: str, class_id: str, at: datetime) -> None:
        with self._lock:
            self._classes[(district, class_id)] = at

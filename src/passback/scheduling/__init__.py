"""Running syncs outside the request that asked for them: on demand, nightly, on change.

The front ends (console, API, CLI) go through a `Dispatcher` (their runtime's): it queues
a sync and returns at once, reports a job's status, and queues a debounced sync when the
ingest API stored new scores (`on_source_changed`). How a job runs is this package's
business: `EmbeddedScheduler` threads inside `passback serve` on SQLite, procrastinate
workers (`passback worker`) on PostgreSQL. See docs/scheduling.md.
"""

from passback.scheduling.embedded import EmbeddedScheduler
from passback.scheduling.jobs import JobInfo
from passback.scheduling.requests import (
    Dispatcher,
    job_status,
    on_source_changed,
    request_sync,
)

__all__ = [
    "Dispatcher",
    "EmbeddedScheduler",
    "JobInfo",
    "job_status",
    "on_source_changed",
    "request_sync",
]

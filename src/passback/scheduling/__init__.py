"""Running syncs outside the request that asked for them: on demand, nightly, on change.

The front ends (console, API, CLI) call `request_sync` and `job_status`; the ingest API
calls `on_source_changed` after storing scores. How a job runs is this package's business:
`EmbeddedScheduler` threads inside `passback serve` on SQLite, procrastinate workers
(`passback worker`) on PostgreSQL. See docs/scheduling.md.
"""

from passback.scheduling.embedded import EmbeddedScheduler
from passback.scheduling.jobs import JobInfo
from passback.scheduling.requests import (
    job_status,
    on_source_changed,
    request_sync,
    run_soon,
    wake,
)

__all__ = [
    "EmbeddedScheduler",
    "JobInfo",
    "job_status",
    "on_source_changed",
    "request_sync",
    "run_soon",
    "wake",
]

"""Running syncs outside the request that asked for them: on demand, nightly, on change.

The front ends (console, API, CLI) call `request_sync` and `job_status`; how the job runs
(an in-process worker in embedded mode, procrastinate workers on PostgreSQL) is this
package's business.
"""

from passback.scheduling.requests import JobInfo, job_status, request_sync

__all__ = ["JobInfo", "job_status", "request_sync"]

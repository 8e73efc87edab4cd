"""What `passback schedule` shows: each district's next nightly run, and the jobs queued or
running, read in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from passback.scheduling import jobs
from passback.scheduling.jobs import JobInfo
from passback.scheduling.schedule import upcoming
from passback.store.db import session_scope

__all__ = ["JobInfo", "ScheduleOverview", "overview"]


@dataclass(frozen=True)
class ScheduleOverview:
    nightly: list[dict[str, str]]  # each district's next nightly run, soonest first
    jobs: list[JobInfo]  # running first, then queued


def overview(engine: Engine, *, now: datetime, limit: int = 200) -> ScheduleOverview:
    with session_scope(engine, read_only=True) as session:
        nights = upcoming(session, now=now)
        active = jobs.list_jobs(session, status="running", limit=limit) + jobs.list_jobs(
            session, status="queued", limit=limit
        )
    return ScheduleOverview(nights, active)

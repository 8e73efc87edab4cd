"""Running one sync job: the same steps whichever worker (embedded thread or procrastinate
worker) took it.

mark running → (a real job of a district that is not active ends here, failed with the
reason, without a run) → one `run_sync` per class of an on-change job, or one for the job's scope →
record the outcome. A scheduled run (nightly, on change) whose run failed is queued again
with backoff (`backoff.SCHEDULED_RUN`); an on-demand one is not. A worker that is stopped
mid-run puts the job back in the queue; one that dies is noticed by its missing heartbeat.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

import structlog
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from passback.core.backoff import RETRIED_TRIGGERS, SCHEDULED_RUN
from passback.core.clock import Clock, utc_now
from passback.onboarding.activation import DistrictInactive, ensure_active
from passback.scheduling import jobs
from passback.scheduling.jobs import JobInfo, JobSpec
from passback.secrets import SecretBox
from passback.store.db import session_scope
from passback.sync.context import RunListener
from passback.sync.live import LiveBoard
from passback.sync.service import SyncRequest, SyncSettings, UnknownDistrict, run_sync

log = structlog.get_logger(__name__)

HEARTBEAT_SECONDS = 10.0
DEFAULT_SETTINGS = SyncSettings()
STOPPED = "the worker stopped before the run finished"

# told of each finished run's report (notifications); given by the composition root


def requests_for(spec: JobSpec) -> list[SyncRequest]:
    """The runs a job makes: one per class of an on-change job, else one."""
    if spec.classes is not None:
        return [
            SyncRequest(
                spec.district,
                class_id=c,
                dry_run=spec.dry_run,
                as_of=spec.as_of,
                trigger=spec.trigger,
            )
            for c in spec.classes
        ]
    return [
        SyncRequest(
            spec.district,
            class_id=spec.class_id,
            teacher=spec.teacher,
            dry_run=spec.dry_run,
            as_of=spec.as_of,
            trigger=spec.trigger,
        )
    ]


async def _beat(engine: Engine, job_id: str, clock: Clock, every: float) -> None:
    def write() -> None:
        with session_scope(engine) as session:
            jobs.heartbeat(session, job_id, now=clock())

    while True:
        await asyncio.sleep(every)
        await asyncio.to_thread(write)


async def execute(
    engine: Engine,
    box: SecretBox,
    job_id: str,
    *,
    worker: str,
    clock: Clock = utc_now,
    settings: SyncSettings = DEFAULT_SETTINGS,
    heartbeat_seconds: float = HEARTBEAT_SECONDS,
    listeners: Sequence[RunListener] = (),
    live: LiveBoard | None = None,
) -> JobInfo | None:
    """Run the job; None when there was nothing to do (finished already, or taken over).
    `listeners` are told of each finished run; `live` shows the run's progress."""
    board = live if live is not None else LiveBoard()
    with session_scope(engine) as session:
        row = jobs.start(session, job_id, now=clock(), worker=worker)
        if row is None:
            return None
        spec = jobs.spec_of(row)
        try:
            if not spec.dry_run:
                ensure_active(session, spec.district)
        except DistrictInactive as exc:
            # paused after the job was queued: the job ends without a run, and no retry
            jobs.finish(session, job_id, status="failed", now=clock(), error=str(exc))
            log.info("job.refused_inactive", district=spec.district, job=job_id)
            return jobs.get(session, job_id)
    bound = log.bind(district=spec.district, job=job_id, trigger=spec.trigger)
    bound.info("job.started", worker=worker)
    beat = asyncio.create_task(_beat(engine, job_id, clock, heartbeat_seconds))
    status, error, run_id, run_failed, retry = "done", None, None, False, True
    try:
        for request in requests_for(spec):
            progress = board.track(request.district)  # what the console's live panel shows
            try:
                report = await run_sync(
                    engine,
                    request,
                    box=box,
                    settings=settings,
                    progress=progress,
                    listeners=listeners,
                )
            finally:
                board.forget(progress)
            run_id = report["run"]
            run_failed = run_failed or report["status"] == "failed"
    except UnknownDistrict as exc:
        status, error, retry = "failed", str(exc), False
    except Exception as exc:
        status, error = "failed", f"{type(exc).__name__}: {exc}"
        bound.exception("job.crashed")
    except BaseException:
        # cancelled (worker shutdown): hand the job back rather than lose it
        with session_scope(engine) as session:
            jobs.requeue(session, job_id, now=clock(), reason=STOPPED)
        raise
    finally:
        beat.cancel()
    now = clock()
    with session_scope(engine) as session:
        jobs.finish(session, job_id, status=status, now=now, run_id=run_id, error=error)
        if retry and (run_failed or status == "failed") and spec.trigger in RETRIED_TRIGGERS:
            _queue_retry(session, spec, now)
        found = jobs.get(session, job_id)
    bound.info("job.finished", status=status, run=run_id)
    return found


def _queue_retry(session: Session, spec: JobSpec, now: datetime) -> None:
    attempt = spec.retry + 1
    when = SCHEDULED_RUN.next_attempt(attempt, now)
    if when is None:
        log.warning("job.gave_up", district=spec.district, attempts=attempt)
        return
    jobs.enqueue(session, replace(spec, trigger="retry", retry=attempt, not_before=when), now=now)

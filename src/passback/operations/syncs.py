"""Syncs for every front end: on-demand syncs and dry runs queued through the runtime's job
dispatcher (`passback.scheduling.Dispatcher`) from the console and the API, with their live
progress for polling; a sync run here and now (`passback sync`); and `explain`, every
decision for one assessment as a run would make it today."""

from __future__ import annotations

from datetime import date
from typing import Any

import structlog

from passback.core.report import RunSummary
from passback.onboarding.activation import DistrictInactive, ensure_active
from passback.oneroster.errors import OneRosterError
from passback.operations.runtime import Runtime
from passback.operations.sis_reads import SisUnavailable
from passback.operations.sync_requests import Requested
from passback.scheduling import JobInfo
from passback.store import audit, runs
from passback.store.db import session_scope
from passback.store.districts import MissingSecret
from passback.sync import explain as explaining
from passback.sync.context import Progress
from passback.sync.service import (
    SyncRequest,
    SyncSettings,
    UnknownDistrict,
    run_sync,
)

log = structlog.get_logger(__name__)

__all__ = [
    "DistrictInactive",
    "JobInfo",
    "SisUnavailable",
    "SyncRequest",
    "SyncSettings",
    "UnknownDistrict",
    "claim_class_sync",
    "explain",
    "job",
    "progress",
    "run_now",
    "start",
]


def start(
    runtime: Runtime,
    district: str,
    *,
    dry_run: bool,
    by: str,
    trigger: str,
    class_id: str | None = None,
    teacher: str | None = None,
    as_of: date | None = None,
) -> JobInfo:
    """Queue a sync (or a dry run) of the district, one class or one teacher. A real sync
    of a district that is not active raises `DistrictInactive`: nothing is queued."""
    engine = runtime.engine
    request = SyncRequest(
        district,
        class_id=class_id or None,
        teacher=teacher or None,
        dry_run=dry_run,
        as_of=as_of,
        trigger=trigger,
    )
    engine = runtime.engine
    if not dry_run:
        with session_scope(engine, read_only=True) as session:
            ensure_active(session, district)  # DistrictInactive: refused, nothing queued
    job = runtime.jobs.request_sync(request)
    runtime.requests.asked(job.id, Requested(district, dry_run, runtime.clock()))
    with session_scope(engine) as session:
        audit.record(
            session,
            actor=by,
            district=district,
            action="sync.dry_run_requested" if dry_run else "sync.requested",
            target=job.id,
            now=runtime.clock(),
            details=request.scope(),
        )
    log.info("sync.requested", district=district, job=job.id, dry_run=dry_run, by=by)
    return job


async def run_now(
    runtime: Runtime,
    request: SyncRequest,
    *,
    settings: SyncSettings | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Run a sync in this process and return its report (`passback sync`). A real sync of
    a district that is not active raises `DistrictInactive` and writes nothing; dry runs
    always run."""
    if not request.dry_run:
        with session_scope(runtime.engine, read_only=True) as session:
            ensure_active(session, request.district)
    return await run_sync(
        runtime.engine,
        request,
        box=runtime.box,
        settings=settings or SyncSettings(),
        progress=progress,
        listeners=runtime.listeners(),
    )


async def explain(
    runtime: Runtime,
    district: str,
    assessment: str,
    *,
    student: str | None = None,
    as_of: date | None = None,
) -> dict[str, Any]:
    """Every decision for one assessment (and student) as a run would make it now, with
    reasons and how to fix each. Raises `UnknownDistrict`, and `SisUnavailable` when the
    SIS cannot be read (or no client secret is stored yet)."""
    try:
        return await explaining.explain(
            runtime.engine, district, assessment, student=student, as_of=as_of, box=runtime.box
        )
    except (OneRosterError, MissingSecret) as exc:
        raise SisUnavailable(str(exc)) from exc


CLASS_SYNC_EVERY_S = 300.0


def claim_class_sync(runtime: Runtime, district: str, class_id: str) -> float:
    """Seconds until another sync of this class may be requested from the teacher view (0
    when it may now): one per class every five minutes, counting runs of the class that
    started lately whoever asked for them."""
    now = runtime.clock()
    board = runtime.requests
    last = board.class_asked_at(district, class_id)
    with session_scope(runtime.engine, read_only=True) as session:
        for run in runs.list_runs(session, district, limit=20):
            if run.scope.get("class") == class_id and (last is None or run.started_at > last):
                last = run.started_at
    if last is None:
        board.class_asked(district, class_id, now)
        return 0.0
    wait = CLASS_SYNC_EVERY_S - (now - last).total_seconds()
    if wait <= 0:
        board.class_asked(district, class_id, now)
        return 0.0
    return wait


def job(runtime: Runtime, job_id: str) -> JobInfo | None:
    return runtime.jobs.job_status(job_id)


def progress(runtime: Runtime, info: JobInfo) -> dict[str, Any]:
    """The job and, once it has one, its run: status, elapsed time and counts."""
    run: RunSummary | None = None
    with session_scope(runtime.engine, read_only=True) as session:
        if info.run_id:
            run = runs.get_run(session, info.run_id)
        else:
            asked = runtime.requests.request_of(info.id)
            latest = runs.list_runs(session, info.district, limit=1)
            if latest and asked and latest[0].started_at >= asked.at.replace(microsecond=0):
                run = latest[0]
    out: dict[str, Any] = {
        "job": info.id,
        "district": info.district,
        "status": info.status,
        "error": info.error,
        "run": None,
        # the phase and its counts while the run goes on (as the CLI's progress bar shows)
        "progress": runtime.live.current(info.district) if info.status == "running" else None,
    }
    if run is not None:
        finished = run.finished_at or runtime.clock()
        out["run"] = {
            "id": run.id,
            "status": run.status,
            "dry_run": run.dry_run,
            "started_at": run.started_at.isoformat(),
            "elapsed_s": round((finished - run.started_at).total_seconds(), 1),
            "counts": dict(run.counts),
        }
    return out

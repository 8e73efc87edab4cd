"""On-demand syncs and dry runs from the console and the API, through the runtime's job
dispatcher (`passback.scheduling.Dispatcher`), and their live progress for polling."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import structlog
from sqlalchemy import Engine

from passback.core.report import RunSummary
from passback.onboarding.activation import ensure_active
from passback.operations.runtime import Runtime
from passback.scheduling import JobInfo
from passback.store import audit, runs
from passback.store.db import session_scope
from passback.sync.service import SyncRequest

log = structlog.get_logger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Requested:
    district: str
    dry_run: bool
    at: datetime


# Job id -> what was asked, to find the run a running job started.
_requested: dict[str, Requested] = {}


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
    _requested.setdefault(job.id, Requested(district, dry_run, _now()))
    with session_scope(engine) as session:
        audit.record(
            session,
            actor=by,
            district=district,
            action="sync.dry_run_requested" if dry_run else "sync.requested",
            target=job.id,
            now=_now(),
            details=request.scope(),
        )
    log.info("sync.requested", district=district, job=job.id, dry_run=dry_run, by=by)
    return job


CLASS_SYNC_EVERY_S = 300.0
# (district, class) -> when a class sync was last requested from the teacher view
_class_requests: dict[tuple[str, str], datetime] = {}


def claim_class_sync(engine: Engine, district: str, class_id: str) -> float:
    """Seconds until another sync of this class may be requested from the teacher view (0
    when it may now): one per class every five minutes, counting runs of the class that
    started lately whoever asked for them."""
    now = _now()
    last = _class_requests.get((district, class_id))
    with session_scope(engine, read_only=True) as session:
        for run in runs.list_runs(session, district, limit=20):
            if run.scope.get("class") == class_id and (last is None or run.started_at > last):
                last = run.started_at
    if last is None:
        _class_requests[(district, class_id)] = now
        return 0.0
    wait = CLASS_SYNC_EVERY_S - (now - last).total_seconds()
    if wait <= 0:
        _class_requests[(district, class_id)] = now
        return 0.0
    return wait


def job(runtime: Runtime, job_id: str) -> JobInfo | None:
    return runtime.jobs.job_status(job_id)


def progress(runtime: Runtime, info: JobInfo) -> dict[str, Any]:
    """The job and, once it has one, its run: status, elapsed time and counts."""
    engine = runtime.engine
    run: RunSummary | None = None
    with session_scope(engine, read_only=True) as session:
        if info.run_id:
            run = runs.get_run(session, info.run_id)
        else:
            asked = _requested.get(info.id)
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
        finished = run.finished_at or _now()
        out["run"] = {
            "id": run.id,
            "status": run.status,
            "dry_run": run.dry_run,
            "started_at": run.started_at.isoformat(),
            "elapsed_s": round((finished - run.started_at).total_seconds(), 1),
            "counts": dict(run.counts),
        }
    return out

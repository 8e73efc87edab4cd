"""Sync jobs in the store: queue (with collapse), claim, finish, requeue, look up.

One job kind serves every trigger (on demand, nightly, on change, retry). A job is a
district and a scope; `dedupe_key` names the work, so a request for work that is already
pending returns the pending job (the partial unique index on queued jobs makes that hold
across processes too). On-change jobs share one key per district: later changes add their
classes to the waiting job.

On PostgreSQL the job is also handed to procrastinate in the same transaction
(`scheduling.handoff.defer_in_session`); on SQLite this table is the queue itself and
`claim_next` takes the next job whose district is not busy.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

import structlog
from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from passback.scheduling import handoff
from passback.scheduling.debounce import OnChangePolicy, merge_classes
from passback.store.schema.jobs import SyncJobRow
from passback.sync.service import SyncRequest

log = structlog.get_logger(__name__)

ON_CHANGE = "on_change"
ON_CHANGE_POLICY = OnChangePolicy()


@dataclass(frozen=True)
class JobInfo:
    """What the front ends show about a job. `status`: queued | running | done (the run
    finished; its own status is in the run, see `run_id`) | failed (it could not run)."""

    id: str
    district: str
    status: str
    run_id: str | None = None
    error: str | None = None
    trigger: str = ""
    scope: dict[str, Any] = field(default_factory=dict)
    requested_at: datetime | None = None
    not_before: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class JobSpec:
    """The work a job does. `classes` (on-change jobs): these classes one by one; None
    with trigger on_change: the whole district."""

    district: str
    trigger: str
    class_id: str | None = None
    teacher: str | None = None
    classes: tuple[str, ...] | None = None
    dry_run: bool = False
    as_of: date | None = None
    not_before: datetime | None = None
    retry: int = 0  # how many failed runs of the same work came before this one

    @classmethod
    def from_request(cls, request: SyncRequest) -> JobSpec:
        return cls(
            district=request.district,
            trigger=request.trigger,
            class_id=request.class_id,
            teacher=request.teacher,
            dry_run=request.dry_run,
            as_of=request.as_of,
        )

    def scope(self) -> dict[str, Any]:
        scope: dict[str, Any] = {}
        if self.class_id:
            scope["class"] = self.class_id
        if self.teacher:
            scope["teacher"] = self.teacher
        if self.trigger == ON_CHANGE or self.classes is not None:
            scope["classes"] = list(self.classes) if self.classes is not None else None
        if self.retry:
            scope["retry"] = self.retry
        return scope

    def dedupe_key(self) -> str:
        if self.trigger == ON_CHANGE:
            parts = [self.district, ON_CHANGE]
        else:
            parts = [
                self.district,
                "dry" if self.dry_run else "real",
                self.class_id or "",
                self.teacher or "",
                self.as_of.isoformat() if self.as_of else "",
                ",".join(self.classes) if self.classes is not None else "*",
            ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:64]


def spec_of(row: SyncJobRow) -> JobSpec:
    scope = row.scope or {}
    classes = scope.get("classes")
    return JobSpec(
        district=row.district_id,
        trigger=row.trigger,
        class_id=scope.get("class"),
        teacher=scope.get("teacher"),
        classes=tuple(classes) if classes is not None else None,
        dry_run=row.dry_run,
        as_of=row.as_of,
        retry=int(scope.get("retry", 0)),
    )


def info(row: SyncJobRow) -> JobInfo:
    return JobInfo(
        id=row.id,
        district=row.district_id,
        status=row.status,
        run_id=row.run_id,
        error=row.error,
        trigger=row.trigger,
        scope=dict(row.scope or {}),
        requested_at=row.requested_at,
        not_before=row.not_before,
        started_at=row.started_at,
        finished_at=row.finished_at,
    )


def _pending(session: Session, key: str) -> SyncJobRow | None:
    return session.scalars(
        select(SyncJobRow).where(SyncJobRow.dedupe_key == key, SyncJobRow.status == "queued")
    ).one_or_none()


def enqueue(
    session: Session,
    spec: JobSpec,
    *,
    now: datetime,
    policy: OnChangePolicy = ON_CHANGE_POLICY,
) -> tuple[JobInfo, bool]:
    """Queue the work, or join the pending job that does it; (job, created). Runs in the
    caller's transaction, so the request and the data change that caused it commit
    together."""
    key = spec.dedupe_key()
    for _ in range(3):
        pending = _pending(session, key)
        if pending is not None:
            if spec.trigger == ON_CHANGE:
                waiting = pending.scope.get("classes")
                merged = merge_classes(waiting, spec.classes, policy)
                pending.scope = {**pending.scope, "classes": list(merged) if merged else None}
                session.flush()
            return info(pending), False
        row = SyncJobRow(
            id=uuid.uuid4().hex,
            district_id=spec.district,
            trigger=spec.trigger,
            scope=spec.scope(),
            dry_run=spec.dry_run,
            as_of=spec.as_of,
            dedupe_key=key,
            status="queued",
            attempts=0,
            requested_at=now,
            not_before=spec.not_before or now,
        )
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError:
            continue  # another request queued the same work just now: join it
        if session.get_bind().dialect.name == "postgresql":
            row.queue_id = handoff.defer_in_session(session, row.id, spec.district, row.not_before)
            session.flush()
        log.info(
            "job.queued", district=spec.district, job=row.id, trigger=spec.trigger, **row.scope
        )
        return info(row), True
    raise RuntimeError(f"could not queue a job for district {spec.district}")


def get(session: Session, job_id: str) -> JobInfo | None:
    """The job, or the one that took over its work (see `requeue`)."""
    row = session.get(SyncJobRow, job_id)
    for _ in range(10):
        if row is None or row.superseded_by is None:
            break
        row = session.get(SyncJobRow, row.superseded_by)
    if row is None:
        return None
    return replace(info(row), id=job_id)


def list_jobs(
    session: Session, *, district: str | None = None, status: str | None = None, limit: int = 50
) -> list[JobInfo]:
    statement = select(SyncJobRow).order_by(SyncJobRow.requested_at.desc()).limit(limit)
    if district is not None:
        statement = statement.where(SyncJobRow.district_id == district)
    if status is not None:
        statement = statement.where(SyncJobRow.status == status)
    return [info(row) for row in session.scalars(statement)]


def last_on_change_start(session: Session, district: str) -> datetime | None:
    return session.scalar(
        select(func.max(SyncJobRow.started_at)).where(
            SyncJobRow.district_id == district, SyncJobRow.trigger == ON_CHANGE
        )
    )


def claim_next(session: Session, *, now: datetime, worker: str) -> SyncJobRow | None:
    """Embedded mode: take the next due job whose district has no running job. Safe across
    threads and processes because SQLite write transactions are serialised."""
    busy = aliased(SyncJobRow)
    candidate = session.scalars(
        select(SyncJobRow)
        .where(
            SyncJobRow.status == "queued",
            SyncJobRow.not_before <= now,
            ~exists().where(
                and_(busy.district_id == SyncJobRow.district_id, busy.status == "running")
            ),
        )
        .order_by(SyncJobRow.not_before, SyncJobRow.requested_at)
        .limit(1)
    ).first()
    if candidate is None:
        return None
    return start(session, candidate.id, now=now, worker=worker)


def next_due(session: Session) -> datetime | None:
    """When the earliest queued job may start (for sleeping until then)."""
    return session.scalar(
        select(func.min(SyncJobRow.not_before)).where(SyncJobRow.status == "queued")
    )


def start(session: Session, job_id: str, *, now: datetime, worker: str) -> SyncJobRow | None:
    """Mark the job running; None when it is finished already or was taken over (a retried
    queue job whose work another job did)."""
    row = session.get(SyncJobRow, job_id, with_for_update=True)
    if row is None or row.status not in ("queued", "running") or row.superseded_by:
        return None
    if row.status == "running" and row.worker == worker[:200]:
        return row  # claimed by this worker a moment ago (embedded mode)
    row.status = "running"
    row.started_at = now
    row.heartbeat_at = now
    row.worker = worker[:200]
    row.attempts += 1
    row.finished_at = None
    session.flush()
    return row


def heartbeat(session: Session, job_id: str, *, now: datetime) -> None:
    session.execute(
        update(SyncJobRow)
        .where(SyncJobRow.id == job_id, SyncJobRow.status == "running")
        .values(heartbeat_at=now)
    )


def finish(
    session: Session,
    job_id: str,
    *,
    status: str,
    now: datetime,
    run_id: str | None = None,
    error: str | None = None,
) -> None:
    session.execute(
        update(SyncJobRow)
        .where(SyncJobRow.id == job_id)
        .values(status=status, finished_at=now, run_id=run_id, error=error)
    )


def requeue(session: Session, job_id: str, *, now: datetime, reason: str) -> str | None:
    """Put a job whose worker stopped back in the queue. If the same work was requested
    again meanwhile, that pending job covers it: this one is marked as taken over by it
    (its status readers follow). Returns the id of the job that will do the work."""
    row = session.get(SyncJobRow, job_id, with_for_update=True)
    if row is None or row.status != "running":
        return None
    pending = _pending(session, row.dedupe_key)
    if pending is not None:
        if row.trigger == ON_CHANGE:
            merged = merge_classes(
                pending.scope.get("classes"), row.scope.get("classes"), ON_CHANGE_POLICY
            )
            pending.scope = {**pending.scope, "classes": list(merged) if merged else None}
        row.status = "failed"
        row.finished_at = now
        row.error = f"{reason}; job {pending.id} does its work"
        row.superseded_by = pending.id
        session.flush()
        log.info("job.taken_over", district=row.district_id, job=row.id, by=pending.id)
        return pending.id
    row.status = "queued"
    row.worker = None
    row.not_before = now
    row.error = reason
    session.flush()
    log.info("job.requeued", district=row.district_id, job=row.id, reason=reason)
    return row.id


def stalled(session: Session, *, heartbeat_before: datetime) -> list[str]:
    """Embedded mode: running jobs whose worker stopped beating (the process died)."""
    return list(
        session.scalars(
            select(SyncJobRow.id).where(
                SyncJobRow.status == "running", SyncJobRow.heartbeat_at < heartbeat_before
            )
        )
    )

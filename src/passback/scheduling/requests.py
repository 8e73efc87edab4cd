"""On-demand sync requests from the console, API and CLI, and the changes that trigger
near-real-time syncs.

`request_sync` queues a job and returns at once; repeated requests for the same work while
it is pending return the pending job. In embedded mode the job runs in this process: the
`EmbeddedScheduler` of the database if one is running, else a short-lived worker that
stops when the queue is empty. On PostgreSQL it waits for a `passback worker`.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from passback.scheduling import embedded, jobs
from passback.scheduling.debounce import OnChangePolicy, start_at
from passback.scheduling.jobs import JobInfo, JobSpec, utc_now
from passback.secrets import SecretBox
from passback.store import districts as district_store
from passback.store.db import session_scope
from passback.sync.service import SyncRequest

_boxes: dict[str, SecretBox] = {}
_last_engine: list[Engine] = []
_lock = threading.Lock()


def request_sync(
    engine: Engine, box: SecretBox, request: SyncRequest, *, session: Session | None = None
) -> JobInfo:
    """Queue a sync; returns at once. With `session`, the job is queued in that session's
    transaction (it exists only if the caller commits)."""
    spec = JobSpec.from_request(request)
    if session is not None:
        job, _ = jobs.enqueue(session, spec, now=utc_now())
    else:
        with session_scope(engine) as own:
            job, _ = jobs.enqueue(own, spec, now=utc_now())
    _remember(engine, box)
    if session is None:
        run_soon(engine, box)
    return job


def job_status(job_id: str, engine: Engine | None = None) -> JobInfo | None:
    """The job's state. Without `engine`, the database of the last `request_sync` in this
    process."""
    if engine is None:
        with _lock:
            if not _last_engine:
                return None
            engine = _last_engine[0]
    with session_scope(engine, read_only=True) as session:
        return jobs.get(session, job_id)


def on_source_changed(
    engine_or_session: Engine | Session,
    district_id: str,
    class_ids: Collection[str] | None,
    *,
    now: datetime | None = None,
    policy: OnChangePolicy = jobs.ON_CHANGE_POLICY,
) -> JobInfo | None:
    """Scores or assessments of these classes changed (None: unknown, the whole district).
    For an active district with `options.on_change`, queue (or extend) a debounced sync of
    them; otherwise do nothing. Given a session, it joins the caller's transaction; call
    `run_soon(engine, box)` after the commit for embedded mode's immediate pickup."""
    if isinstance(engine_or_session, Session):
        return _changed(engine_or_session, district_id, class_ids, now or utc_now(), policy)
    with session_scope(engine_or_session) as session:
        job = _changed(session, district_id, class_ids, now or utc_now(), policy)
    if job is not None:
        box = _boxes.get(embedded.engine_key(engine_or_session))
        if box is not None:
            run_soon(engine_or_session, box)
    return job


def _changed(
    session: Session,
    district_id: str,
    class_ids: Collection[str] | None,
    now: datetime,
    policy: OnChangePolicy,
) -> JobInfo | None:
    district = district_store.get_district(session, district_id, include_learned=False)
    if district is None or not district.options.on_change:
        return None
    if not district_store.is_active(session, district_id):
        # docs/scheduling.md#activation: no on-change run before the district is activated
        return None
    classes = tuple(sorted(set(class_ids))) if class_ids is not None else None
    if classes == ():
        return None
    when = start_at(now, jobs.last_on_change_start(session, district_id), policy)
    spec = JobSpec(district_id, jobs.ON_CHANGE, classes=classes, not_before=when)
    job, _ = jobs.enqueue(session, spec, now=now, policy=policy)
    return job


def _remember(engine: Engine, box: SecretBox) -> None:
    with _lock:
        _boxes[embedded.engine_key(engine)] = box
        _last_engine[:] = [engine]


def wake(engine: Engine) -> None:
    """After committing jobs queued through a session: in embedded mode, have them picked up
    now by this process (when it knows the database's key box), else leave them to the
    scheduler or workers."""
    box = _boxes.get(embedded.engine_key(engine))
    if box is not None:
        run_soon(engine, box)


def run_soon(engine: Engine, box: SecretBox) -> None:
    """Embedded mode: make sure queued jobs of this database get run by this process."""
    if engine.dialect.name != "sqlite":
        return
    _remember(engine, box)
    with embedded._registry_lock:
        scheduler = embedded._registry.get(embedded.engine_key(engine))
        if scheduler is None:
            scheduler = embedded.EmbeddedScheduler(
                engine, box, nightly=False, deliver=True, exit_when_idle=True
            )
            # registered before its threads start, under the lock its idle exit takes
            embedded._registry[embedded.engine_key(engine)] = scheduler
            starting = True
        else:
            starting = False
    if starting:
        scheduler.start()
    else:
        scheduler.wake()

"""On-demand sync requests from the console, API and CLI, and the changes that trigger
near-real-time syncs.

A request queues a job and returns at once; repeated requests for the same work while it
is pending return the pending job. The `Dispatcher` is the process's side of it, built by
a composition root (the web app, the CLI, a test) and kept in its runtime: in embedded mode
(SQLite) it gets the jobs it queued run in this process — by the running
`EmbeddedScheduler` if there is one, else by a short-lived one that stops when the queue
is empty. On PostgreSQL the jobs wait for a `passback worker`.

The module functions take a session and join the caller's transaction (the job exists only
if the caller commits); call `Dispatcher.wake` after the commit.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from passback.core.clock import Clock, utc_now
from passback.scheduling import jobs, runner
from passback.scheduling.debounce import OnChangePolicy, start_at
from passback.scheduling.embedded import Deliver, EmbeddedScheduler, SchedulerSlot
from passback.scheduling.jobs import JobInfo, JobSpec
from passback.secrets import SecretBox
from passback.store import districts as district_store
from passback.store.db import session_scope
from passback.sync.context import RunListener
from passback.sync.live import LiveBoard
from passback.sync.service import SyncRequest, SyncSettings


def request_sync(session: Session, request: SyncRequest, *, now: datetime) -> JobInfo:
    """Queue a sync in the session's transaction."""
    job, _ = jobs.enqueue(session, JobSpec.from_request(request), now=now)
    return job


def job_status(job_id: str, engine: Engine) -> JobInfo | None:
    """The job's state, or None when the database has no such job."""
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
    them; otherwise do nothing. Given a session, it joins the caller's transaction. Nothing
    is woken: call `Dispatcher.wake` after the commit (or use
    `Dispatcher.on_source_changed`)."""
    if isinstance(engine_or_session, Session):
        return _changed(engine_or_session, district_id, class_ids, now or utc_now(), policy)
    with session_scope(engine_or_session) as session:
        return _changed(session, district_id, class_ids, now or utc_now(), policy)


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
        return None  # no on-change run before the district is activated
    classes = tuple(sorted(set(class_ids))) if class_ids is not None else None
    if classes == ():
        return None
    when = start_at(now, jobs.last_on_change_start(session, district_id), policy)
    spec = JobSpec(district_id, jobs.ON_CHANGE, classes=classes, not_before=when)
    job, _ = jobs.enqueue(session, spec, now=now, policy=policy)
    return job


class Dispatcher:
    """This process's way to queue syncs and have them run: one per database, owned by the
    composition root's runtime. What its schedulers run with (run settings, listeners,
    notification delivery, the live board) is given once here."""

    def __init__(
        self,
        engine: Engine,
        box: SecretBox,
        *,
        clock: Clock = utc_now,
        settings: SyncSettings = runner.DEFAULT_SETTINGS,
        listeners: Sequence[RunListener] = (),
        deliver: Deliver | None = None,
        on_stalled: Callable[[int], object] | None = None,
        live: LiveBoard | None = None,
    ) -> None:
        self.engine = engine
        self.box = box
        self.clock = clock
        self.settings = settings
        self.listeners = tuple(listeners)
        self.deliver = deliver
        self.on_stalled = on_stalled
        self.live = live if live is not None else LiveBoard()
        self.slot = SchedulerSlot()

    def scheduler(self, **options: Any) -> EmbeddedScheduler:
        """An embedded scheduler of this process (not started), with this dispatcher's
        settings unless `options` say otherwise (`EmbeddedScheduler`'s keywords)."""
        chosen: dict[str, Any] = {
            "clock": self.clock,
            "settings": self.settings,
            "deliver": self.deliver,
            "on_stalled": self.on_stalled,
            "listeners": self.listeners,
            "live": self.live,
            **options,
        }
        return EmbeddedScheduler(self.engine, self.box, slot=self.slot, **chosen)

    @property
    def running(self) -> EmbeddedScheduler | None:
        """The embedded scheduler running in this process, if any."""
        with self.slot.lock:
            return self.slot.current

    def request_sync(self, request: SyncRequest, *, session: Session | None = None) -> JobInfo:
        """Queue a sync; returns at once. With `session`, the job is queued in that
        session's transaction (it exists only if the caller commits; `wake` after it)."""
        if session is not None:
            return request_sync(session, request, now=self.clock())
        with session_scope(self.engine) as own:
            job = request_sync(own, request, now=self.clock())
        self.wake()
        return job

    def on_source_changed(
        self,
        district_id: str,
        class_ids: Collection[str] | None,
        *,
        now: datetime | None = None,
        policy: OnChangePolicy = jobs.ON_CHANGE_POLICY,
    ) -> JobInfo | None:
        """`on_source_changed` in a transaction of its own, then `wake`."""
        job = on_source_changed(
            self.engine, district_id, class_ids, now=now or self.clock(), policy=policy
        )
        if job is not None:
            self.wake()
        return job

    def job_status(self, job_id: str) -> JobInfo | None:
        return job_status(job_id, self.engine)

    def wake(self) -> None:
        """Embedded mode: make sure the queued jobs of this database get run by this
        process. On PostgreSQL nothing: the workers take them."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.slot.lock:
            scheduler = self.slot.current
            if scheduler is None:
                scheduler = self.scheduler(nightly=False, exit_when_idle=True)
                # in the slot before its threads start, under the lock its idle exit takes
                self.slot.current = scheduler
                starting = True
            else:
                starting = False
        if starting:
            scheduler.start()
        else:
            scheduler.wake()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the embedded scheduler running in this process, if any."""
        scheduler = self.running
        if scheduler is not None:
            scheduler.stop(timeout)

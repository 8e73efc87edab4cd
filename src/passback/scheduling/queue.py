"""Scale-out mode: the job queue is procrastinate, on passback's own PostgreSQL database.

- A sync job (`sync_jobs` row) is handed to procrastinate in the transaction that queued it
  (`handoff.defer_in_session`, procrastinate's `defer` on the caller's connection), so a
  request and the data change behind it commit or roll back together.
- Every sync task carries the procrastinate `lock` "district:<id>": procrastinate never
  starts a job while another job with the same lock is running, on any worker, and starts
  them in queue order. That is the per-district lock.
- The queueing lock is the `sync_jobs` partial unique index (see `jobs`), not
  procrastinate's `queueing_lock`: pending on-change jobs take more classes in place, and a
  job put back in the queue after a worker died must never collide with a newer request.
- One periodic task, every minute, queues the nightly runs that are due (`nightly`) and
  sends pending notifications; procrastinate defers it once per minute across all workers.
- A worker that dies stops its heartbeat; every worker looks for jobs of stalled workers
  and puts them back in the queue (`reap_stalled`).
- SIGTERM/SIGINT: procrastinate stops fetching and waits `shutdown_timeout` seconds for
  the running jobs; what is still running then is cancelled and put back in the queue.

What a worker needs (engine, key box, run settings, listeners, how to deliver mail) comes
from its composition root (`passback worker`) in a `WorkerState`.
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import structlog
from procrastinate import App, JobContext, PsycopgConnector, RetryStrategy
from procrastinate.exceptions import ConnectorException
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from passback.core.clock import Clock, utc_now
from passback.scheduling import jobs, runner
from passback.scheduling.embedded import Deliver
from passback.scheduling.handoff import QUEUE, SYNC_TASK, TICK_TASK, ensure_schema
from passback.scheduling.schedule import queue_due_nightly
from passback.secrets import SecretBox
from passback.store.db import session_scope
from passback.sync.context import RunListener
from passback.sync.live import LiveBoard
from passback.sync.service import SyncSettings

log = structlog.get_logger(__name__)


class Released(Exception):
    """The worker stopped while the job ran; procrastinate queues the job again."""


def conninfo(url: str) -> str:
    """A libpq connection URI from an SQLAlchemy URL."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


# --- the worker ----------------------------------------------------------------------------


@dataclass
class WorkerState:
    """What the tasks of one worker process share."""

    engine: Engine
    box: SecretBox
    name: str
    settings: SyncSettings = field(default_factory=SyncSettings)
    clock: Clock = utc_now
    deliver: Deliver | None = None
    listeners: Sequence[RunListener] = ()
    live: LiveBoard = field(default_factory=LiveBoard)


def _state(context: JobContext) -> WorkerState:
    state = context.additional_context["passback"]
    assert isinstance(state, WorkerState)
    return state


async def _sync_task(context: JobContext, job: str) -> None:
    state = _state(context)
    try:
        await runner.execute(
            state.engine,
            state.box,
            job,
            worker=state.name,
            clock=state.clock,
            settings=state.settings,
            listeners=state.listeners,
            live=state.live,
        )
    except asyncio.CancelledError:
        raise Released(runner.STOPPED) from None
    if state.deliver is not None:
        await asyncio.to_thread(state.deliver, state.engine)


async def _tick_task(context: JobContext, timestamp: int) -> None:
    state = _state(context)

    def tick() -> None:
        with session_scope(state.engine) as session:
            queue_due_nightly(session, now=state.clock())
        if state.deliver is not None:
            state.deliver(state.engine)

    await asyncio.to_thread(tick)


def make_app(database_url: str, *, pool_size: int = 4) -> App:
    """The procrastinate app of passback: the sync task and the minute tick."""
    connector = PsycopgConnector(conninfo=conninfo(database_url), min_size=1, max_size=pool_size)
    app = App(connector=connector)
    app.task(
        name=SYNC_TASK,
        queue=QUEUE,
        pass_context=True,
        retry=RetryStrategy(retry_exceptions=[Released]),
    )(_sync_task)
    tick = app.task(name=TICK_TASK, queue=QUEUE, pass_context=True)(_tick_task)
    app.periodic(cron="* * * * *", periodic_id="nightly-and-mail")(tick)
    return app


async def reap_stalled(
    app: App,
    engine: Engine,
    *,
    stalled_after: float,
    on_stalled: Callable[[int], object] | None = None,
    clock: Clock = utc_now,
) -> list[str]:
    """Put the jobs of workers that stopped beating back in the queue; the sync job ids."""
    found = await app.job_manager.get_stalled_jobs(
        queue=QUEUE, seconds_since_heartbeat=stalled_after
    )
    requeued = []
    for job in found:
        sync_job = job.task_kwargs.get("job")
        if isinstance(sync_job, str):

            def requeue(job_id: str = sync_job) -> None:
                with session_scope(engine) as session:
                    jobs.requeue(
                        session, job_id, now=clock(), reason="its worker stopped responding"
                    )

            await asyncio.to_thread(requeue)
            requeued.append(sync_job)
        try:
            await app.job_manager.retry_job(job)
        except ConnectorException:
            continue  # another worker put it back first
        log.warning("queue.stalled_job_requeued", queue_job=job.id, job=sync_job)
    if requeued and on_stalled is not None:
        on_stalled(len(requeued))
    return requeued


async def _reap_forever(
    app: App,
    engine: Engine,
    stalled_after: float,
    on_stalled: Callable[[int], object] | None,
    clock: Clock,
) -> None:
    while True:
        await asyncio.sleep(max(stalled_after / 3, 0.5))
        try:
            await reap_stalled(
                app, engine, stalled_after=stalled_after, on_stalled=on_stalled, clock=clock
            )
        except Exception:
            log.exception("queue.reaper_failed")


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class WorkerOptions:
    concurrency: int = 4
    heartbeat_seconds: float = 10.0
    stalled_after: float = 30.0
    shutdown_timeout: float = 60.0
    wait: bool = True  # False: stop when the queue is empty (tests, one-shot draining)
    install_signal_handlers: bool = True
    name: str | None = None


async def run_worker(
    engine: Engine,
    box: SecretBox,
    database_url: str,
    options: WorkerOptions = WorkerOptions(),
    *,
    deliver: Deliver | None = None,
    settings: SyncSettings | None = None,
    on_stalled: Callable[[int], object] | None = None,
    listeners: Sequence[RunListener] = (),
    clock: Clock = utc_now,
) -> None:
    """Run a worker until stopped (SIGTERM/SIGINT) or, with `wait=False`, until idle.
    `on_stalled` is told how many jobs of dead workers this one put back (metrics);
    `listeners` are told of every finished run (notifications)."""
    ensure_schema(engine)
    name = options.name or worker_name()
    state = WorkerState(
        engine=engine,
        box=box,
        name=name,
        deliver=deliver,
        settings=settings if settings is not None else SyncSettings(),
        clock=clock,
        listeners=listeners,
    )
    app = make_app(database_url, pool_size=options.concurrency + 3)
    extra: dict[str, Any] = {"passback": state}
    async with app.open_async():
        await reap_stalled(
            app, engine, stalled_after=options.stalled_after, on_stalled=on_stalled, clock=clock
        )
        reaper = asyncio.create_task(
            _reap_forever(app, engine, options.stalled_after, on_stalled, clock)
        )
        log.info("worker.started", worker=name, concurrency=options.concurrency)
        try:
            await app.run_worker_async(
                queues=[QUEUE],
                name=name,
                concurrency=options.concurrency,
                wait=options.wait,
                additional_context=extra,
                update_heartbeat_interval=options.heartbeat_seconds,
                stalled_worker_timeout=options.stalled_after,
                shutdown_graceful_timeout=options.shutdown_timeout,
                install_signal_handlers=options.install_signal_handlers,
                delete_jobs="successful",
            )
        finally:
            reaper.cancel()
            log.info("worker.stopped", worker=name)

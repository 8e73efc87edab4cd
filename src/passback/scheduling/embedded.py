"""Embedded mode (SQLite): the scheduler and worker inside `passback serve`.

Threads, no extra process:
- the scheduler thread ticks (every `tick_seconds`, and when woken): queues the nightly runs
  that are due, puts back jobs whose worker stopped beating, sends pending notifications;
- `workers` worker threads take queued jobs (`jobs.claim_next`: never a district that has
  a running job) and run them, each in its own event loop.

`stop()` lets running jobs finish for `timeout` seconds, then cancels them: a cancelled job
is put back in the queue, so the next start runs it. On PostgreSQL this class does nothing:
there `passback worker` processes run the jobs (see `scheduling.queue`).

Requests queued from another process (the CLI) are found within `poll_seconds`; requests
from this process wake a worker at once (`wake`). The process's `Dispatcher`
(`scheduling.requests`) knows its running scheduler through a `SchedulerSlot`.
"""

from __future__ import annotations

import asyncio
import functools
import os
import socket
import threading
import time
from collections.abc import Callable, Sequence
from datetime import timedelta

import structlog
from sqlalchemy import Engine

from passback.core.clock import Clock, utc_now
from passback.scheduling import jobs, runner
from passback.scheduling.schedule import queue_due_nightly
from passback.secrets import SecretBox
from passback.store.db import session_scope
from passback.sync.context import RunListener
from passback.sync.live import LiveBoard
from passback.sync.service import SyncSettings

log = structlog.get_logger(__name__)

Deliver = Callable[[Engine], object]  # sends the notifications that are due


class SchedulerSlot:
    """The embedded scheduler running for a database in this process, if any. A scheduler
    takes the slot when it starts and leaves it when it stops or, short-lived, when it
    finds nothing more to do; its owner (the `Dispatcher`) looks here before starting
    another."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.current: EmbeddedScheduler | None = None

    def take(self, scheduler: EmbeddedScheduler) -> None:
        with self.lock:
            self.current = scheduler

    def leave(self, scheduler: EmbeddedScheduler) -> None:
        with self.lock:
            if self.current is scheduler:
                self.current = None


class EmbeddedScheduler:
    """In-process scheduler and worker threads over the `sync_jobs` table."""

    def __init__(
        self,
        engine: Engine,
        box: SecretBox,
        *,
        clock: Clock = utc_now,
        workers: int = 2,
        tick_seconds: float = 15.0,
        poll_seconds: float = 1.0,
        stale_after: timedelta = timedelta(seconds=60),
        heartbeat_seconds: float = runner.HEARTBEAT_SECONDS,
        settings: SyncSettings = runner.DEFAULT_SETTINGS,
        nightly: bool = True,
        deliver: Deliver | None = None,
        exit_when_idle: bool = False,
        on_stalled: Callable[[int], object] | None = None,
        listeners: Sequence[RunListener] = (),
        live: LiveBoard | None = None,
        slot: SchedulerSlot | None = None,
    ) -> None:
        self.engine = engine
        self.box = box
        self.clock = clock
        self.workers = workers
        self.tick_seconds = tick_seconds
        self.poll_seconds = poll_seconds
        self.stale_after = stale_after
        self.heartbeat_seconds = heartbeat_seconds
        self.settings = settings
        self.nightly = nightly
        self.exit_when_idle = exit_when_idle
        self.on_stalled = on_stalled  # told how many stalled jobs a tick put back (metrics)
        self._deliver = deliver
        self.listeners = tuple(listeners)  # told of each finished run (notifications)
        self.live = live if live is not None else LiveBoard()
        self.slot = slot if slot is not None else SchedulerSlot()
        self._stop = threading.Event()
        self._work = threading.Condition()
        self._tick_now = threading.Event()
        self._threads: list[threading.Thread] = []
        self._current: dict[int, tuple[asyncio.AbstractEventLoop, asyncio.Task[object]]] = {}
        self._name = f"{socket.gethostname()}:{os.getpid()}"

    @property
    def external(self) -> bool:
        """True on PostgreSQL, where `passback worker` processes run the jobs."""
        return self.engine.dialect.name != "sqlite"

    # --- life cycle -------------------------------------------------------------------------

    def start(self) -> None:
        if self._threads:
            return
        if self.external:
            log.info("scheduler.external", reason="jobs run in `passback worker` processes")
            return
        self.slot.take(self)
        self._stop.clear()
        if not self.exit_when_idle:
            self._spawn(self._scheduler_loop, "passback-scheduler")
        for number in range(self.workers):
            self._spawn(functools.partial(self._worker_loop, number), f"passback-worker-{number}")
        log.info("scheduler.started", workers=self.workers, nightly=self.nightly)

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop taking jobs; running jobs get `timeout` seconds, then are put back."""
        self._stop.set()
        self.wake()
        self._tick_now.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(deadline - time.monotonic(), 0))
        for loop, task in list(self._current.values()):
            loop.call_soon_threadsafe(task.cancel)
        for thread in self._threads:
            thread.join(10)
        self._threads = []
        self.slot.leave(self)
        log.info("scheduler.stopped")

    def wake(self) -> None:
        """A job was queued: let an idle worker look now."""
        with self._work:
            self._work.notify_all()

    @property
    def alive(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    # --- scheduling -------------------------------------------------------------------------

    def tick(self) -> None:
        """One scheduling pass: nightly runs due, stalled jobs, notifications."""
        now = self.clock()
        with session_scope(self.engine) as session:
            if self.nightly and queue_due_nightly(session, now=now):
                self.wake()
            stalled = jobs.stalled(session, heartbeat_before=now - self.stale_after)
            for job_id in stalled:
                jobs.requeue(session, job_id, now=now, reason="its worker stopped responding")
                self.wake()
        if stalled and self.on_stalled is not None:
            self.on_stalled(len(stalled))
        if self._deliver is not None:
            self._deliver(self.engine)

    def _scheduler_loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:
                log.exception("scheduler.tick_failed")
            self._tick_now.wait(self.tick_seconds)
            self._tick_now.clear()

    # --- working ----------------------------------------------------------------------------

    def _worker_loop(self, number: int) -> None:
        name = f"{self._name}:embedded-{number}"
        while not self._stop.is_set():
            try:
                ran = self._run_one(number, name)
            except Exception:
                log.exception("scheduler.worker_failed")
                ran = False
            if ran:
                self._tick_now.set()  # send the run's notifications soon
                continue
            if self.exit_when_idle and self._idle_exit():
                return
            with self._work:
                self._work.wait(self._sleep_seconds())

    def _sleep_seconds(self) -> float:
        with session_scope(self.engine, read_only=True) as session:
            due = jobs.next_due(session)
        if due is None:
            return self.poll_seconds
        wait = (due - self.clock()).total_seconds()
        return min(max(wait, 0.01), self.poll_seconds)

    def _idle_exit(self) -> bool:
        # under the slot's lock: a job queued meanwhile either is seen here, or finds the
        # slot empty and starts another scheduler
        with self.slot.lock:
            with session_scope(self.engine, read_only=True) as session:
                if jobs.next_due(session) is not None:
                    return False
            if self.slot.current is self:
                self.slot.current = None
            self._stop.set()
        self.wake()
        return True

    def _run_one(self, number: int, name: str) -> bool:
        with session_scope(self.engine) as session:
            row = jobs.claim_next(session, now=self.clock(), worker=name)
            job_id = row.id if row is not None else None
        if job_id is None:
            return False
        loop = asyncio.new_event_loop()
        try:
            task = loop.create_task(
                runner.execute(
                    self.engine,
                    self.box,
                    job_id,
                    worker=name,
                    clock=self.clock,
                    settings=self.settings,
                    heartbeat_seconds=self.heartbeat_seconds,
                    listeners=self.listeners,
                    live=self.live,
                )
            )
            self._current[number] = (loop, task)
            try:
                loop.run_until_complete(task)
            except asyncio.CancelledError:
                log.info("scheduler.job_released", job=job_id)
        finally:
            self._current.pop(number, None)
            loop.close()
        return True

"""What a running passback process holds: built once by a composition root (the CLI entry,
the web server factory, the worker) and handed to the operations, instead of module globals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import Engine

from passback.core.clock import Clock, utc_now
from passback.notify.deliver import deliver_due
from passback.notify.events import run_listener
from passback.notify.settings import NotifySettings
from passback.operations.sis_reads import SisReads
from passback.operations.sync_requests import RequestBoard
from passback.scheduling import Dispatcher
from passback.secrets import SecretBox
from passback.sync.context import RunListener
from passback.sync.live import LiveBoard
from passback.sync.observe import RunObserver, RunOutcome
from passback.sync.service import SyncSettings

__all__ = ["ProcessMetrics", "RunOutcome", "Runtime"]


class ProcessMetrics(RunObserver, Protocol):
    """What the process counts besides runs (`passback.observability.metrics.Metrics` is one,
    handed in by the composition roots that serve /metrics)."""

    def stalled_jobs(self, requeued: int) -> None: ...

    def delivered(self, sent: Mapping[str, int], failed: Mapping[str, int]) -> None: ...


@dataclass
class Runtime:
    """The process's engine, secret box and clock, plus the in-process state the front ends
    share (caches, pending requests), each owned by this object rather than by a module."""

    engine: Engine
    box: SecretBox
    clock: Clock = field(default=utc_now)
    # mail and webhook settings: read from the environment by the composition root
    notify: NotifySettings = field(default_factory=NotifySettings)
    # counts runs, deliveries and stalled jobs for /metrics; None: metrics are off
    metrics: ProcessMetrics | None = None
    # the phase and counts of the runs going on in this process (the console polls them)
    live: LiveBoard = field(default_factory=LiveBoard)
    # queues syncs and, in embedded mode, runs them in this process; built from the above
    jobs: Dispatcher = field(init=False)

    def __post_init__(self) -> None:
        self.jobs = Dispatcher(
            self.engine,
            self.box,
            clock=self.clock,
            settings=self.sync_settings(),
            listeners=self.listeners(),
            deliver=self.deliver,
            on_stalled=self.metrics.stalled_jobs if self.metrics is not None else None,
            live=self.live,
        )

    def listeners(self) -> tuple[RunListener, ...]:
        """What every run of this process tells when it ends: the notifications."""
        return (run_listener(self.notify, clock=self.clock),)

    def sync_settings(self) -> SyncSettings:
        """How this process's queued runs are run (counted in /metrics when on)."""
        return SyncSettings(observer=self.metrics)

    def deliver(self, engine: Engine) -> object:
        """Send the notifications that are due (counted in /metrics when on)."""
        outcome = deliver_due(engine, self.notify, clock=self.clock)
        if self.metrics is not None:
            self.metrics.delivered(outcome.sent_by_channel, outcome.failed_by_channel)
        return outcome

    # recent SIS reads for the console's pickers (a few minutes per district)
    sis_reads: SisReads = field(default_factory=SisReads)
    # syncs asked for from this process: their jobs, and teachers' class syncs
    requests: RequestBoard = field(default_factory=RequestBoard)

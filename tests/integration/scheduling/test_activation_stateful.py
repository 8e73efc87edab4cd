"""A stateful property test of activation (docs/scheduling.md#activation) through the real
scheduling paths.

Random sequences of activating and pausing a district, nights passing (the scheduler's
tick on a fake clock), score changes (on-change requests), "Sync now" from the console's
service, dry runs, and workers running whatever is queued — against the real sandbox over
loopback and a real SQLite database. Invariants: no real run starts and nothing is written
to the SIS while the district is not active; a refused request queues nothing; dry runs
always run; an active district's nights are queued.

`PASSBACK_STATEFUL_EXAMPLES` raises the number of examples (the long variant).
"""

from __future__ import annotations

import asyncio
import base64
import os
import tempfile
from contextlib import ExitStack
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from passback.onboarding import activation
from passback.onboarding.activation import DistrictInactive
from passback.operations import syncs
from passback.scheduling import jobs, on_source_changed, runner
from passback.scheduling.nightly import latest_slot
from passback.secrets import SecretBox
from passback.store.db import make_engine, session_scope, upgrade
from passback.store.schema.jobs import SyncJobRow

from .helpers import AS_OF, FakeClock, Sis, sis

EXAMPLES = int(os.environ.get("PASSBACK_STATEFUL_EXAMPLES", "3"))
DISTRICT = "d1"


class Activation(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.stack = ExitStack()
        tmp = self.stack.enter_context(tempfile.TemporaryDirectory())
        os.environ.setdefault(
            "PASSBACK_SECRET_KEY", base64.urlsafe_b64encode(os.urandom(32)).decode()
        )
        url = f"sqlite:///{tmp}/activation.db"
        engine = make_engine(url)
        upgrade(engine)
        self.stack.callback(engine.dispose)
        self.world: Sis = self.stack.enter_context(sis(engine, SecretBox.for_database(url)))
        self.world.add_district(DISTRICT, active=False, on_change=True, max_scores=6)
        # 09:00 in Chicago: the schedule's first tick records today, the next night runs
        self.clock = FakeClock(datetime(2026, 11, 10, 15, 0, tzinfo=UTC))
        self.scheduler = self.world.jobs.scheduler(clock=self.clock, nightly=True)
        self.scheduler.tick()
        # in the dispatcher's slot but never started: requests from this process wake it (a
        # no-op) instead of starting background workers, so every job runs in
        # `workers_run_the_queue`
        self.world.jobs.slot.take(self.scheduler)
        self.stack.callback(self.scheduler.stop, 1)
        self.active = False
        self.writes_when_paused = self._writes()
        self.real_runs_when_paused = self._real_runs()

    def teardown(self) -> None:
        self.stack.close()

    def _writes(self) -> int:
        stats = httpx.get(self.world.sandbox.root_url + "/sandbox/stats").json()
        return int(stats["writes"])

    def _real_runs(self) -> int:
        return sum(1 for r in self.world.runs(DISTRICT) if not r.dry_run)

    def _queued(self) -> list[jobs.JobInfo]:
        with session_scope(self.world.engine) as session:
            return jobs.list_jobs(session, district=DISTRICT, status="queued")

    # --- moves -----------------------------------------------------------------------------

    @rule()
    def activate(self) -> None:
        activation.activate(self.world.engine, DISTRICT, by="machine")
        self.active = True

    @rule()
    def pause(self) -> None:
        activation.deactivate(self.world.engine, DISTRICT, by="machine")
        if self.active:
            self.writes_when_paused = self._writes()
            self.real_runs_when_paused = self._real_runs()
        self.active = False

    @rule(hours=st.integers(1, 40))
    def time_passes(self, hours: int) -> None:
        before = {j.id for j in self._queued() if j.trigger == "nightly"}
        crossed = self._nights_between(self.clock.now, self.clock.now + timedelta(hours=hours))
        self.clock.advance(timedelta(hours=hours))
        self.scheduler.tick()
        nightly = [j for j in self._queued() if j.trigger == "nightly"]
        if not self.active:
            assert {j.id for j in nightly} == before, "a night was queued for a paused district"
        elif crossed:
            assert nightly, "an active district's night was not queued"

    @staticmethod
    def _nights_between(start: datetime, end: datetime) -> bool:
        """Whether a 02:00 Chicago slot lies in (start, end]."""
        _, slot = latest_slot(end, time(2), ZoneInfo("America/Chicago"))
        return start < slot <= end

    @rule(cls=st.sampled_from(["CLS-HS-1", "CLS-HS-4"]))
    def score_changes(self, cls: str) -> None:
        queued = on_source_changed(
            self.world.engine, DISTRICT, [cls], now=self.clock.now - timedelta(minutes=5)
        )
        assert (queued is not None) == self.active

    @rule(dry_run=st.booleans())
    def sync_now(self, dry_run: bool) -> None:
        before = len(self._queued())

        def start() -> None:
            syncs.start(
                self.world.runtime,
                DISTRICT,
                dry_run=dry_run,
                by="machine",
                trigger="console",
                as_of=AS_OF,
            )

        if dry_run or self.active:
            start()
            return
        with pytest.raises(DistrictInactive, match=f"passback district activate {DISTRICT}"):
            start()
        assert len(self._queued()) == before

    @rule()
    def workers_run_the_queue(self) -> None:
        for job in self._queued():
            with session_scope(self.world.engine) as session:
                row = session.get(SyncJobRow, job.id)
                dry_run = row is not None and row.dry_run
            done = asyncio.run(
                runner.execute(
                    self.world.engine, self.world.box, job.id, worker="machine", clock=self.clock
                )
            )
            assert done is not None
            if dry_run or self.active:
                assert done.status == "done" and done.run_id is not None
            else:  # queued while active, paused since: ends without a run
                assert done.status == "failed" and done.run_id is None
                assert done.error is not None and "not active" in done.error

    # --- what must hold ----------------------------------------------------------------------

    @invariant()
    def nothing_real_while_paused(self) -> None:
        if not self.active:
            assert self._writes() == self.writes_when_paused
            assert self._real_runs() == self.real_runs_when_paused


Activation.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
TestActivation = Activation.TestCase

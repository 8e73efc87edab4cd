"""The scheduler and activation (docs/scheduling.md#activation): no nightly or on-change run is
queued for a district that is not active, a real job of a district paused after it was queued ends
without a run (nothing reaches the SIS), and dry runs still work."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from passback.onboarding import activation
from passback.scheduling import jobs, on_source_changed, runner
from passback.scheduling.jobs import JobSpec
from passback.store.db import session_scope

from .helpers import FakeClock, Sis


def _nightly(world: Sis, district: str) -> list[jobs.JobInfo]:
    with session_scope(world.engine) as session:
        return [j for j in jobs.list_jobs(session, district=district) if j.trigger == "nightly"]


def test_the_nightly_schedule_skips_an_inactive_district(world: Sis) -> None:
    world.add_district("live")  # America/Chicago, nightly at 02:00
    world.add_district("waiting", active=False)
    clock = FakeClock(datetime(2026, 11, 10, 15, 0, tzinfo=UTC))  # 09:00 local
    scheduler = world.jobs.scheduler(clock=clock)
    scheduler.tick()  # both schedules start with the next night
    clock.now = datetime(2026, 11, 11, 8, 0, tzinfo=UTC)  # 02:00 local
    scheduler.tick()
    assert len(_nightly(world, "live")) == 1
    assert _nightly(world, "waiting") == []

    # activated during the day: no catch-up run of the night it missed, the next night runs
    activation.activate(world.engine, "waiting", by="tests")
    clock.now = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)
    scheduler.tick()
    assert _nightly(world, "waiting") == []
    clock.now = datetime(2026, 11, 12, 8, 0, tzinfo=UTC)
    scheduler.tick()
    assert len(_nightly(world, "waiting")) == 1

    # paused again: the following night is not queued for it, and is for the live one
    activation.deactivate(world.engine, "waiting", by="tests")
    with session_scope(world.engine) as session:
        for job in _nightly(world, "live") + _nightly(world, "waiting"):
            jobs.finish(session, job.id, status="done", now=clock())
    clock.now = datetime(2026, 11, 13, 8, 0, tzinfo=UTC)
    scheduler.tick()
    assert len(_nightly(world, "live")) == 2  # the night of the 12th joined the pending job
    assert len(_nightly(world, "waiting")) == 1


def test_on_change_queues_nothing_for_an_inactive_district(world: Sis) -> None:
    world.add_district("d1", active=False, on_change=True)
    t0 = datetime.now(UTC)
    assert on_source_changed(world.engine, "d1", ["CLS-HS-1"], now=t0) is None
    with session_scope(world.engine) as session:
        assert jobs.list_jobs(session, district="d1") == []
    activation.activate(world.engine, "d1", by="tests")
    queued = on_source_changed(world.engine, "d1", ["CLS-HS-1"], now=t0)
    assert queued is not None and queued.trigger == "on_change"


def test_a_real_job_of_a_district_paused_after_queueing_ends_without_a_run(world: Sis) -> None:
    world.add_district("d1")
    now = datetime.now(UTC) - timedelta(seconds=1)
    with session_scope(world.engine) as session:
        real, _ = jobs.enqueue(session, JobSpec("d1", "nightly"), now=now)
        dry, _ = jobs.enqueue(session, JobSpec("d1", "console", dry_run=True), now=now)
    activation.deactivate(world.engine, "d1", by="tests")

    # what the embedded worker thread and a procrastinate worker both do with a job
    refused = asyncio.run(runner.execute(world.engine, world.box, real.id, worker="test"))
    assert refused is not None and refused.status == "failed" and refused.run_id is None
    assert refused.error is not None and "passback district activate d1" in refused.error
    assert world.runs("d1") == []
    assert world.line_items_of("d1") == set()
    with session_scope(world.engine) as session:  # not retried either
        assert jobs.list_jobs(session, district="d1", status="queued") == [
            jobs.get(session, dry.id)
        ]

    planned = asyncio.run(runner.execute(world.engine, world.box, dry.id, worker="test"))
    assert planned is not None and planned.status == "done" and planned.run_id is not None
    runs = world.runs("d1")
    assert len(runs) == 1 and runs[0].dry_run
    assert world.line_items_of("d1") == set()

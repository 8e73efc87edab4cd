"""Embedded mode (SQLite): on-demand requests, one run per district, nightly ticks with an
injected clock, on-change debounce, stopping and dead workers. Real sandbox over loopback."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from passback.sandbox import FaultConfig
from passback.scheduling import job_status, jobs, on_source_changed
from passback.store.db import session_scope
from passback.sync.service import SyncRequest

from .helpers import AS_OF, FakeClock, Sis, overlapping, wait_for


def finished(world: Sis, job_id: str) -> bool:
    info = job_status(job_id, world.engine)
    return info is not None and info.status in ("done", "failed")


def test_repeated_requests_collapse_into_one_job_that_runs(world: Sis) -> None:
    world.add_district("d1")
    request = SyncRequest("d1", as_of=AS_OF, trigger="console")
    ids = set()
    for _ in range(5):
        with session_scope(world.engine) as session:
            ids.add(world.jobs.request_sync(request, session=session).id)
    assert len(ids) == 1
    (job_id,) = ids
    # a different scope is different work
    other = world.jobs.request_sync(SyncRequest("d1", class_id="CLS-HS-1", as_of=AS_OF))
    assert other.id != job_id
    wait_for(lambda: finished(world, job_id) and finished(world, other.id), what="both jobs")
    info = job_status(job_id, world.engine)
    assert info is not None and info.status == "done" and info.run_id
    assert len(world.line_items_of("d1")) == 2
    (first_run,) = [r for r in world.runs("d1") if r.id == info.run_id]
    assert len(world.results_of("d1")) == first_run.counts["created"] - 2
    assert not overlapping(world.runs("d1"))


def test_at_most_one_run_per_district_at_a_time(world: Sis) -> None:
    for name in ("d1", "d2", "d3"):
        world.add_district(name)
    world.sandbox.set_faults(FaultConfig(latency_ms=15))
    scheduler = world.jobs.scheduler(workers=4, nightly=False)
    scheduler.start()
    try:
        queued = []
        for name in ("d1", "d2", "d3"):
            for scope in ({}, {"class_id": "CLS-HS-1"}, {"dry_run": True}):
                req = SyncRequest(name, as_of=AS_OF, trigger="console", **scope)  # type: ignore[arg-type]
                queued.append(world.jobs.request_sync(req).id)
        wait_for(lambda: all(finished(world, j) for j in queued), timeout=60, what="9 jobs")
    finally:
        scheduler.stop()
    for name in ("d1", "d2", "d3"):
        runs = world.runs(name)
        assert len(runs) == 3
        assert not overlapping(runs), f"two runs of {name} overlapped"
        assert len(world.line_items_of(name)) == 2


def test_nightly_runs_at_local_time_and_catches_up_once(world: Sis) -> None:
    world.add_district("d1")  # America/Chicago, nightly_at 02:00
    clock = FakeClock(datetime(2026, 11, 10, 15, 0, tzinfo=UTC))  # 09:00 local
    scheduler = world.jobs.scheduler(clock=clock)

    def nightly_jobs() -> list[jobs.JobInfo]:
        with session_scope(world.engine) as session:
            return [j for j in jobs.list_jobs(session, district="d1") if j.trigger == "nightly"]

    def run_them() -> None:  # as a worker would, so the next night is new work
        with session_scope(world.engine) as session:
            for job in nightly_jobs():
                jobs.finish(session, job.id, status="done", now=clock())

    scheduler.tick()
    assert nightly_jobs() == []  # a new schedule starts with the next night
    clock.now = datetime(2026, 11, 11, 7, 59, tzinfo=UTC)  # 01:59 local
    scheduler.tick()
    assert nightly_jobs() == []
    clock.now = datetime(2026, 11, 11, 8, 0, tzinfo=UTC)  # 02:00 local
    scheduler.tick()
    scheduler.tick()
    assert [j.not_before for j in nightly_jobs()] == [clock.now]
    run_them()
    # the machine is off for four nights and starts at 10:00 local on the 15th
    clock.now = datetime(2026, 11, 15, 16, 0, tzinfo=UTC)
    scheduler.tick()
    scheduler.tick()
    assert len(nightly_jobs()) == 2
    run_them()
    clock.now = datetime(2026, 11, 15, 23, 0, tzinfo=UTC)
    scheduler.tick()
    assert len(nightly_jobs()) == 2  # nothing more that day
    clock.now = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
    scheduler.tick()
    assert len(nightly_jobs()) == 3
    # a night whose job has not run yet is the same work as the next: one pending job
    clock.now = datetime(2026, 11, 17, 8, 0, tzinfo=UTC)
    scheduler.tick()
    with session_scope(world.engine) as session:
        pending = jobs.list_jobs(session, district="d1", status="queued")
    assert len(pending) == 1


def test_a_change_reaches_the_sis_through_a_debounced_sync(world: Sis) -> None:
    world.add_district("d1", on_change=True)
    world.add_district("quiet")  # on_change off
    t0 = datetime.now(UTC)
    assert on_source_changed(world.engine, "quiet", ["CLS-HS-1"], now=t0) is None
    first = on_source_changed(world.engine, "d1", ["CLS-HS-1"], now=t0)
    second = on_source_changed(world.engine, "d1", ["CLS-HS-4"], now=t0 + timedelta(seconds=1))
    assert first is not None and second is not None
    assert first.id == second.id
    assert second.scope["classes"] == ["CLS-HS-1", "CLS-HS-4"]
    assert second.not_before == t0 + timedelta(seconds=5)
    # nothing runs in this process until asked: start the embedded scheduler
    scheduler = world.jobs.scheduler(nightly=False, poll_seconds=0.2)
    scheduler.start()
    try:
        wait_for(lambda: finished(world, first.id), timeout=30, what="the on-change job")
    finally:
        scheduler.stop()
    info = job_status(first.id, world.engine)
    assert info is not None and info.status == "done"
    assert info.started_at is not None and info.started_at >= t0 + timedelta(seconds=5)
    runs = world.runs("d1")
    assert sorted(r.scope.get("class") for r in runs) == ["CLS-HS-1", "CLS-HS-4"]
    assert all(r.trigger == "on_change" for r in runs)


def test_stop_puts_the_running_job_back_and_the_next_start_finishes_it(world: Sis) -> None:
    world.add_district("d1", only=None)
    world.sandbox.set_faults(FaultConfig(latency_ms=40))
    scheduler = world.jobs.scheduler(nightly=False)
    scheduler.start()
    job = world.jobs.request_sync(SyncRequest("d1", as_of=AS_OF))
    wait_for(lambda: (job_status(job.id, world.engine) or job).status == "running")
    wait_for(lambda: world.ours("results"), what="some writes")
    scheduler.stop(timeout=0.1)
    info = job_status(job.id, world.engine)
    assert info is not None and info.status == "queued"
    world.sandbox.set_faults(FaultConfig())
    again = world.jobs.scheduler(nightly=False)
    again.start()
    try:
        wait_for(lambda: finished(world, job.id), timeout=60, what="the released job")
    finally:
        again.stop()
    runs = world.runs("d1")
    assert [r.status for r in runs].count("running") == 0
    assert len(world.line_items_of("d1", only=("A-100", "A-101"))) == 2


def test_a_job_of_a_dead_process_is_run_again(world: Sis) -> None:
    world.add_district("d1")
    clock = FakeClock(datetime.now(UTC))
    with session_scope(world.engine) as session:
        job, _ = jobs.enqueue(session, jobs.JobSpec("d1", "console", as_of=AS_OF), now=clock())
        jobs.start(session, job.id, now=clock() - timedelta(minutes=5), worker="gone:1")
    scheduler = world.jobs.scheduler(clock=clock, nightly=False)
    scheduler.tick()
    info = job_status(job.id, world.engine)
    assert info is not None and info.status == "queued"
    scheduler.start()
    try:
        wait_for(lambda: finished(world, job.id), what="the orphaned job")
    finally:
        scheduler.stop()
    assert len(world.line_items_of("d1")) == 2


def test_the_nightly_date_is_a_local_date() -> None:
    assert date(2026, 11, 10) == AS_OF

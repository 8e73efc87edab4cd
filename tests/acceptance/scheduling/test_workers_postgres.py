"""Scale-out mode: real PostgreSQL, procrastinate, and real `passback worker` processes
against the sandbox in this process."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from integration.scheduling.helpers import AS_OF, Sis, overlapping, sis, wait_for
from passback.core.domain import ObjectKind
from passback.core.writes import fingerprint
from passback.onboarding import activation
from passback.sandbox import FaultConfig
from passback.scheduling import job_status
from passback.secrets import SecretBox
from passback.store.db import make_engine, session_scope, upgrade
from passback.store.schema.jobs import SyncJobRow
from passback.sync.service import SyncRequest

from .workers import workers

pytestmark = pytest.mark.postgres
DISTRICTS = [f"pg-{n:02d}" for n in range(30)]


@pytest.fixture
def pg(postgres_url: str, secret_key: str) -> Iterator[Sis]:
    engine = make_engine(postgres_url)
    upgrade(engine)
    with sis(engine, SecretBox.for_database(postgres_url)) as the_sis:
        yield the_sis
    engine.dispose()


def statuses(engine: Engine) -> dict[str, int]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(SyncJobRow.status, func.count()).group_by(SyncJobRow.status)
        ).all()
    return {status: n for status, n in rows}


def queue_jobs(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(
                text("SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'passback.sync'")
            ).scalar_one()
        )


def test_thirty_districts_two_workers_no_overlap_no_duplicates(
    pg: Sis, postgres_url: str, tmp_path: Path
) -> None:
    for name in DISTRICTS:
        pg.add_district(name, only=("A-100",), max_scores=4)
    clicks = 0
    first: dict[str, set[str]] = {}
    for name in DISTRICTS:
        for _ in range(3):  # "sync now", three times
            job = pg.jobs.request_sync(SyncRequest(name, as_of=AS_OF, trigger="api"))
            first.setdefault(name, set()).add(job.id)
            clicks += 1
    assert all(len(ids) == 1 for ids in first.values())
    assert statuses(pg.engine) == {"queued": 30}

    with workers(postgres_url, tmp_path) as pool:
        pool.start(2)

        # more clicks from several threads while the workers run
        def click(names: list[str]) -> None:
            for name in names:
                pg.jobs.request_sync(SyncRequest(name, as_of=AS_OF, trigger="api"))

        threads = [threading.Thread(target=click, args=(DISTRICTS[i::3] * 2,)) for i in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wait_for(
            lambda: set(statuses(pg.engine)) == {"done"},
            timeout=120,
            what=f"all jobs done (workers said: {pool.logs()[-2000:]})",
        )
        assert all(p.poll() is None for p in pool.procs), pool.logs()
    # SIGTERM with nothing running: both exited cleanly
    assert [p.returncode for p in pool.procs] == [0, 0], pool.logs()

    total = sum(statuses(pg.engine).values())
    assert total <= 30 * 3  # never more jobs than there could be pending at once
    assert queue_jobs(pg.engine) == 0  # every procrastinate job finished (and was cleared)
    for name in DISTRICTS:
        runs = pg.runs(name)
        assert runs and all(r.status == "succeeded" for r in runs), name
        assert not overlapping(runs), f"two runs of {name} overlapped"
        assert len(pg.line_items_of(name, only=("A-100",))) == 1
    with session_scope(pg.engine) as session:
        workers_used = set(session.scalars(select(SyncJobRow.worker).distinct()))
    assert len(workers_used) == 2, "both workers took jobs"


def sis_state(world: Sis) -> dict[str, tuple[Any, ...]]:
    state = {
        sid: fingerprint(ObjectKind.LINE_ITEM, o) for sid, o in world.ours("lineItems").items()
    }
    state.update(
        {sid: fingerprint(ObjectKind.RESULT, o) for sid, o in world.ours("results").items()}
    )
    return state


@pytest.fixture
def expected(tmp_path: Path, secret_key: str) -> dict[str, tuple[Any, ...]]:
    """The SIS after one uninterrupted run of the same district (SQLite, fresh sandbox)."""
    url = f"sqlite:///{tmp_path / 'reference.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with sis(engine, SecretBox.for_database(url)) as ref:
        ref.add_district("pg-kill", only=None)
        import asyncio

        from passback.sync.service import run_sync

        asyncio.run(run_sync(engine, SyncRequest("pg-kill", as_of=AS_OF), box=ref.box))
        return sis_state(ref)


def test_a_worker_killed_mid_job_is_replaced_and_the_sis_is_exact(
    pg: Sis, postgres_url: str, tmp_path: Path, expected: dict[str, tuple[Any, ...]]
) -> None:
    pg.add_district("pg-kill", only=None)
    pg.sandbox.set_faults(FaultConfig(seed=5, latency_ms=30, jitter_ms=10))
    with workers(postgres_url, tmp_path) as pool:
        pool.start(2)
        job = pg.jobs.request_sync(SyncRequest("pg-kill", as_of=AS_OF, trigger="api"))

        def running_worker() -> str | None:
            with session_scope(pg.engine) as session:
                row = session.get(SyncJobRow, job.id)
                return row.worker if row is not None and row.status == "running" else None

        owner = wait_for(running_worker, what="the job to start")
        wait_for(lambda: len(pg.ours("results")) >= 20, what="some writes")
        pid = int(owner.rsplit(":", 1)[1])
        os.kill(pid, signal.SIGKILL)
        pool.by_pid(pid).wait(timeout=10)
        written_at_kill = len(pg.ours("results"))
        pg.sandbox.set_faults(FaultConfig(seed=5))
        wait_for(
            lambda: (job_status(job.id, pg.engine) or job).status == "done",
            timeout=90,
            what=f"the job to be finished by the other worker ({pool.logs()[-2000:]})",
        )
        with session_scope(pg.engine) as session:
            row = session.get(SyncJobRow, job.id)
            assert row is not None
            finisher, attempts = row.worker, row.attempts
    assert finisher != owner and attempts == 2
    assert 0 < written_at_kill < len(expected)
    assert sis_state(pg) == expected
    runs = pg.runs("pg-kill")
    assert [r.status for r in runs].count("running") == 0
    assert any(r.error and r.error.startswith("Interrupted") for r in runs)
    assert not overlapping(runs)


def test_sigterm_puts_the_running_job_back_for_another_worker(
    pg: Sis, postgres_url: str, tmp_path: Path
) -> None:
    pg.add_district("pg-term", only=None)
    pg.sandbox.set_faults(FaultConfig(seed=7, latency_ms=30))
    with workers(postgres_url, tmp_path) as pool:
        (first,) = pool.start(1, "--shutdown-timeout", "0.5")
        job = pg.jobs.request_sync(SyncRequest("pg-term", as_of=AS_OF, trigger="api"))
        wait_for(lambda: (job_status(job.id, pg.engine) or job).status == "running")
        wait_for(lambda: len(pg.ours("results")) >= 10, what="some writes")
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=20) == 0, pool.logs()
        info = job_status(job.id, pg.engine)
        assert info is not None and info.status == "queued", pool.logs()
        assert info.error is not None and "stopped" in info.error
        pg.sandbox.set_faults(FaultConfig(seed=7))
        pool.start(1)
        wait_for(
            lambda: (job_status(job.id, pg.engine) or job).status == "done",
            timeout=60,
            what=f"the job to be finished ({pool.logs()[-2000:]})",
        )
    runs = pg.runs("pg-term")
    assert [r.status for r in runs].count("running") == 0
    assert runs[0].status in ("succeeded", "partial")


def test_a_worker_refuses_the_real_job_of_a_paused_district(
    pg: Sis, postgres_url: str, tmp_path: Path
) -> None:
    pg.add_district("pg-live", only=("A-100",), max_scores=4)
    pg.add_district("pg-paused", only=("A-100",), max_scores=4)
    live = pg.jobs.request_sync(SyncRequest("pg-live", as_of=AS_OF, trigger="api"))
    paused = pg.jobs.request_sync(SyncRequest("pg-paused", as_of=AS_OF, trigger="nightly"))
    activation.deactivate(pg.engine, "pg-paused", by="tests")
    with workers(postgres_url, tmp_path) as pool:
        pool.start(1)

        def both_finished() -> bool:
            found = [job_status(j.id, pg.engine) for j in (live, paused)]
            return all(i is not None and i.status in ("done", "failed") for i in found)

        wait_for(both_finished, timeout=90, what="both jobs")
    refused = job_status(paused.id, pg.engine)
    assert refused is not None and refused.status == "failed" and refused.run_id is None
    assert refused.error is not None and "passback district activate pg-paused" in refused.error
    assert pg.runs("pg-paused") == [] and pg.line_items_of("pg-paused", ("A-100",)) == set()
    ran = job_status(live.id, pg.engine)
    assert ran is not None and ran.status == "done"
    assert pg.line_items_of("pg-live", ("A-100",))


def test_a_request_and_its_queue_job_commit_or_roll_back_together(pg: Sis) -> None:
    """procrastinate's `defer` runs on the caller's connection: a request whose transaction
    rolls back leaves neither a `sync_jobs` row nor a procrastinate job."""
    pg.add_district("pg-tx", only=("A-100",), max_scores=4)
    request = SyncRequest("pg-tx", as_of=AS_OF, trigger="api")
    session = Session(pg.engine)
    try:
        pg.jobs.request_sync(request, session=session)
        assert queue_jobs(pg.engine) == 0  # not visible outside the transaction
        session.rollback()
    finally:
        session.close()
    assert statuses(pg.engine) == {}
    assert queue_jobs(pg.engine) == 0
    with session_scope(pg.engine) as session:
        job = pg.jobs.request_sync(request, session=session)
    assert statuses(pg.engine) == {"queued": 1}
    with pg.engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT lock, queue_name, args FROM procrastinate_jobs "
                "WHERE task_name = 'passback.sync'"
            )
        ).one()
    assert row.lock == "district:pg-tx"
    assert row.queue_name == "passback"
    assert row.args == {"job": job.id}

"""`passback worker --health-port`: a worker in a second process answers the probes and
serves its metrics; killed mid-run, its port stops answering and the worker that puts its
job back counts it as a stalled job requeued. PostgreSQL (scale-out mode)."""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from acceptance.scheduling.workers import workers
from integration.observability.metrics_helpers import parse, total
from integration.scheduling.helpers import AS_OF, Sis, sis, wait_for
from passback.sandbox import FaultConfig
from passback.scheduling import job_status
from passback.secrets import SecretBox
from passback.store.db import make_engine, session_scope, upgrade
from passback.store.schema.jobs import SyncJobRow
from passback.sync.service import SyncRequest

pytestmark = pytest.mark.postgres
TOKEN = "worker-metrics-token"


@pytest.fixture
def pg(postgres_url: str, secret_key: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sis]:
    monkeypatch.setenv("PASSBACK_METRICS", "on")
    monkeypatch.setenv("PASSBACK_METRICS_TOKEN", TOKEN)
    engine = make_engine(postgres_url)
    upgrade(engine)
    with sis(engine, SecretBox.for_database(postgres_url)) as the_sis:
        yield the_sis
    engine.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def health_args(port: int) -> tuple[str, ...]:
    return ("--health-port", str(port), "--health-host", "127.0.0.1")


def get(port: int, path: str, token: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.get(f"http://127.0.0.1:{port}{path}", headers=headers, timeout=5)


def answers(port: int) -> bool:
    try:
        return get(port, "/healthz").status_code == 200
    except httpx.TransportError:
        return False


def running_on(engine: Engine, job_id: str) -> str | None:
    with session_scope(engine) as session:
        row = session.get(SyncJobRow, job_id)
        return row.worker if row is not None and row.status == "running" else None


def test_a_killed_worker_stops_answering_and_shows_as_a_stalled_job(
    pg: Sis, postgres_url: str, tmp_path: Path
) -> None:
    pg.add_district("pg-stall", only=None)
    pg.sandbox.set_faults(FaultConfig(seed=5, latency_ms=30, jitter_ms=10))
    ports = [free_port(), free_port()]
    with workers(postgres_url, tmp_path) as pool:
        procs = [pool.start(1, *health_args(port))[0] for port in ports]
        for port in ports:
            wait_for(lambda p=port: answers(p), what=f"the health port {port} ({pool.logs()})")
            # ready once its queue is there (the worker installs its tables as it starts)
            wait_for(lambda p=port: get(p, "/readyz").status_code == 200, what="readiness")
        ready = get(ports[0], "/readyz")
        assert ready.json()["checks"] == dict.fromkeys(
            ["database", "migrations", "secret_key", "queue"], "ok"
        )
        assert get(ports[0], "/metrics").status_code == 401  # the token is set

        job = pg.jobs.request_sync(SyncRequest("pg-stall", as_of=AS_OF, trigger="api"))
        owner = wait_for(lambda: running_on(pg.engine, job.id), what="the job to start")
        wait_for(lambda: len(pg.ours("results")) >= 10, what="some writes")
        pid = int(owner.rsplit(":", 1)[1])
        dead = next(i for i, p in enumerate(procs) if p.pid == pid)
        dead_port, alive_port = ports[dead], ports[1 - dead]
        os.kill(pid, signal.SIGKILL)
        procs[dead].wait(timeout=10)
        assert running_on(pg.engine, job.id), "the job finished before the kill"
        # the dead worker's port is gone at once; the job shows as stalled, then requeued
        assert not answers(dead_port), "a dead worker's health port still answers"

        def scrape() -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
            return parse(get(alive_port, "/metrics", TOKEN).text)

        wait_for(
            lambda: total(scrape(), "passback_stalled_jobs_requeued_total") >= 1,
            timeout=60,
            what=f"the requeue ({pool.logs()[-2000:]})",
        )
        assert total(scrape(), "passback_stalled_jobs_requeued_total") == 1
        pg.sandbox.set_faults(FaultConfig(seed=5))
        wait_for(
            lambda: (job_status(job.id, pg.engine) or job).status == "done",
            timeout=90,
            what=f"the job to be finished by the second worker ({pool.logs()[-2000:]})",
        )
        samples = scrape()
        assert total(samples, "passback_runs_total", district="pg-stall") == 1
        assert total(samples, "passback_sis_requests_total", district="pg-stall") > 0
        assert total(samples, "passback_jobs_stalled") == 0
        assert total(samples, "passback_queue_jobs", state="running") == 0
        assert get(alive_port, "/readyz").status_code == 200
        procs[1 - dead].send_signal(signal.SIGTERM)
        assert procs[1 - dead].wait(timeout=30) == 0, pool.logs()
    assert not answers(alive_port)

"""/metrics: the Prometheus text format, counters that move by exactly what a run did, no
secrets or student data, and the bearer token."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from integration.scheduling.helpers import AS_OF, Sis, wait_for
from passback.observability.metrics import Metrics
from passback.operations.runtime import Runtime
from passback.sandbox import FaultConfig
from passback.scheduling import job_status, jobs
from passback.scheduling.jobs import JobSpec
from passback.secrets import SecretBox
from passback.store.db import session_scope
from passback.sync.service import SyncRequest, SyncSettings, run_sync
from passback.web import WebSettings, create_app

from .metrics_helpers import Samples, by_label, parse, total

D = "metrics-1"


def client_for(
    engine: Engine, box: SecretBox, metrics: Metrics | None, token: str | None = None
) -> TestClient:
    settings = WebSettings(
        engine=engine, box=box, session_key="k" * 32, metrics=metrics, metrics_token=token
    )
    return TestClient(create_app(settings))


def scrape(client: TestClient, token: str | None = None) -> tuple[str, Samples]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    return response.text, parse(response.text)


def sync(world: Sis, metrics: Metrics, trigger_override: str = "api", **kw: Any) -> dict[str, Any]:
    request = SyncRequest(D, as_of=AS_OF, trigger=trigger_override, **kw)
    return asyncio.run(
        run_sync(world.engine, request, box=world.box, settings=SyncSettings(observer=metrics))
    )


def skip_reasons(report: dict[str, Any]) -> Counter[str]:
    return Counter(i["reasons"][0] for i in report["items"] if i["action"] == "skip")


def test_counters_move_by_exactly_what_each_run_did(world: Sis) -> None:
    # every assessment of the demo: some pass back, some are skipped for a reason
    world.add_district(D, only=None)
    metrics = Metrics(world.engine)
    client = client_for(world.engine, world.box, metrics)
    _, before = scrape(client)

    first = sync(world, metrics)
    _, after = scrape(client)
    counts = first["counts"]
    assert counts["created"] > 0 and counts["skipped"] > 0, counts

    def moved(name: str, **labels: str) -> float:
        return total(after, name, **labels) - total(before, name, **labels)

    assert moved("passback_writes_total", district=D, action="create") == counts["created"]
    assert moved("passback_writes_total", district=D, action="update") == counts["updated"]
    assert moved("passback_skips_total", district=D) == counts["skipped"]
    assert by_label(after, "passback_skips_total", "reason", district=D) == skip_reasons(first)
    assert moved("passback_conflicts_total", district=D) == counts["conflicts"]
    assert moved("passback_runs_total", district=D, trigger="api", outcome=first["status"]) == 1
    assert moved("passback_run_duration_seconds_count", district=D) == 1
    calls = first["api_calls"]
    assert moved("passback_sis_requests_total", district=D) == calls["sis_requests"]
    assert calls["sis_requests"] == calls["reads"] + calls["writes"] + 1  # + the token
    assert moved("passback_sis_requests_total", district=D, method="PUT") == calls["writes"]
    assert (
        moved("passback_sis_request_duration_seconds_count", district=D) == (calls["sis_requests"])
    )
    by_kind = by_label(after, "passback_writes_total", "kind", district=D, action="create")
    created = Counter(i["kind"] for i in first["items"] if i["action"] == "create")
    assert by_kind == created

    # the second run finds everything in place: no writes, the same skips again
    second = sync(world, metrics)
    _, again = scrape(client)
    assert second["counts"]["created"] == 0
    assert total(again, "passback_writes_total", district=D) == counts["created"]
    assert total(again, "passback_skips_total", district=D) == (
        counts["skipped"] + second["counts"]["skipped"]
    )
    assert total(again, "passback_runs_total", district=D) == 2


def test_a_dry_run_counts_as_a_run_but_writes_nothing(world: Sis) -> None:
    world.add_district(D)
    metrics = Metrics(world.engine)
    report = sync(world, metrics, dry_run=True)
    _, samples = scrape(client_for(world.engine, world.box, metrics))
    assert report["counts"]["created"] > 0  # what it would create
    assert total(samples, "passback_writes_total") == 0
    assert total(samples, "passback_runs_total", district=D, outcome=report["status"]) == 1


def test_throttling_and_retries_are_counted(world: Sis) -> None:
    world.add_district(D)
    world.sandbox.set_faults(FaultConfig(seed=3, rate_429=0.3, retry_after_s=0))
    metrics = Metrics(world.engine)
    report = sync(world, metrics)
    _, samples = scrape(client_for(world.engine, world.box, metrics))
    calls = report["api_calls"]
    assert calls["throttled"] > 0
    assert total(samples, "passback_sis_throttled_total", district=D) == calls["throttled"]
    assert (
        total(samples, "passback_sis_requests_total", district=D, status_class="4xx")
        >= (calls["throttled"])
    )
    assert total(samples, "passback_sis_retries_total", district=D) == calls["retries"] > 0


def test_no_secret_student_or_name_in_metrics(world: Sis, secret_key: str) -> None:
    world.add_district(D, only=None)
    metrics = Metrics(world.engine)
    token = "metrics-token-8c1f"
    sync(world, metrics)
    text, samples = scrape(client_for(world.engine, world.box, metrics, token), token)
    assert total(samples, "passback_writes_total") > 0

    secrets = {secret_key, token, "demo-secret"}  # the district's SIS client secret
    students = {s["student"] for s in world.data["scores"]}
    users = world.fixture["users"]
    people = {u[k] for u in users for k in ("givenName", "familyName", "username", "email")}
    people |= {u["sourcedId"] for u in users if u["role"] == "student"}
    people.add(f"District {D}")  # the district's name (its id is the label)
    assert students and people
    for value in sorted(secrets | students | people):
        assert not re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text), (
            f"{value!r} appears in /metrics"
        )
    assert f'district="{D}"' in text  # the id is there, as a label


@pytest.mark.parametrize("token", [None, "s3cret-token"])
def test_the_token_is_required_when_set(world: Sis, token: str | None) -> None:
    client = client_for(world.engine, world.box, Metrics(world.engine), token)
    if token is None:
        assert client.get("/metrics").status_code == 200
        return
    assert client.get("/metrics").status_code == 401
    refused = client.get("/metrics", headers={"Authorization": "Bearer wrong"})
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"].startswith("Bearer")
    assert "passback_" not in refused.text
    assert client.get("/metrics", headers={"Authorization": token}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_metrics_off_is_not_found(world: Sis) -> None:
    assert client_for(world.engine, world.box, None).get("/metrics").status_code == 404


def test_queue_gauges_come_from_the_database(world: Sis) -> None:
    world.add_district(D)
    metrics = Metrics(world.engine)
    client = client_for(world.engine, world.box, metrics)
    _, empty = scrape(client)
    assert total(empty, "passback_store_up") == 1
    assert total(empty, "passback_queue_jobs", state="queued") == 0
    assert total(empty, "passback_queue_oldest_job_age_seconds") == 0

    now = datetime.now(UTC)
    with session_scope(world.engine) as session:  # queued, and no worker runs it
        jobs.enqueue(session, JobSpec(district=D, trigger="api"), now=now)
        later = JobSpec(  # another class's retry, with backoff
            district=D,
            trigger="retry",
            class_id="CLS-HS-1",
            retry=1,
            not_before=now + timedelta(hours=1),
        )
        jobs.enqueue(session, later, now=now)
    _, waiting = scrape(client)
    assert total(waiting, "passback_queue_jobs", state="queued") == 1
    assert total(waiting, "passback_queue_jobs", state="scheduled") == 1
    assert total(waiting, "passback_queue_jobs", state="running") == 0
    wait_for(
        lambda: total(scrape(client)[1], "passback_queue_oldest_job_age_seconds") > 0.3,
        what="the queued job to age",
    )


def test_nightly_gauges_follow_the_nightly_runs(world: Sis) -> None:
    world.add_district(D)
    metrics = Metrics(world.engine)
    client = client_for(world.engine, world.box, metrics)

    good = sync(world, metrics, trigger_override="nightly")
    assert good["status"] == "succeeded"
    _, samples = scrape(client)
    finished = datetime.fromisoformat(good["finished_at"]).timestamp()
    stamp = total(samples, "passback_nightly_last_success_timestamp_seconds", district=D)
    assert stamp == pytest.approx(finished, abs=1)
    assert total(samples, "passback_nightly_failed_in_a_row", district=D) == 0

    world.sandbox.set_faults(FaultConfig(unauthorized_next=10_000))
    for night in (1, 2):
        bad = sync(world, metrics, trigger_override="nightly")
        assert bad["status"] == "failed"
        _, samples = scrape(client)
        assert total(samples, "passback_nightly_failed_in_a_row", district=D) == night
        assert total(samples, "passback_nightly_last_success_timestamp_seconds", district=D) == (
            stamp
        )
    assert (
        total(samples, "passback_runs_total", district=D, trigger="nightly", outcome="failed") == 2
    )


def test_a_run_with_3_creates_and_2_skips_adds_3_and_2(world: Sis) -> None:
    scores = [dict(s) for s in world.data["scores"] if s["assessment"] == "A-100"][:4]
    for score in scores[2:]:  # excluded by the teacher: skipped, with a reason
        score["excluded"] = True
    # assigned to these four students only: no automatic zeros for the rest of the class
    assessments = [
        {**a, "assigned_to": sorted(s["student"] for s in scores)} if a["id"] == "A-100" else a
        for a in world.data["assessments"]
    ]
    world.data = {**world.data, "assessments": assessments, "scores": scores}
    world.add_district(D, only=("A-100",))
    metrics = Metrics(world.engine)
    client = client_for(world.engine, world.box, metrics)
    _, before = scrape(client)
    report = sync(world, metrics)
    _, after = scrape(client)
    assert (report["counts"]["created"], report["counts"]["skipped"]) == (3, 2)  # 1 lineItem
    created = total(after, "passback_writes_total", action="create") - total(
        before, "passback_writes_total", action="create"
    )
    skipped = total(after, "passback_skips_total") - total(before, "passback_skips_total")
    assert (created, skipped) == (3, 2)
    assert by_label(after, "passback_writes_total", "kind", action="create") == {
        "lineItem": 1,
        "result": 2,
    }


def test_serve_counts_the_runs_of_its_embedded_scheduler(sqlite_world: Sis) -> None:
    """What `passback serve` wires: one Metrics for the app and its scheduler's runs."""
    world = sqlite_world
    world.add_district(D)
    metrics = Metrics(world.engine)
    runtime = Runtime(world.engine, world.box, metrics=metrics)
    scheduler = runtime.jobs.scheduler(nightly=False)
    scheduler.start()
    client = client_for(world.engine, world.box, metrics)
    try:
        job = runtime.jobs.request_sync(SyncRequest(D, as_of=AS_OF, trigger="api"))
        wait_for(lambda: (job_status(job.id, world.engine) or job).status == "done")
    finally:
        scheduler.stop(timeout=10)
    _, samples = scrape(client)
    (run,) = world.runs(D)
    assert total(samples, "passback_runs_total", district=D, outcome=run.status) == 1
    assert (
        total(samples, "passback_writes_total", district=D, action="create")
        == (run.counts["created"])
    )
    assert total(samples, "passback_queue_jobs", state="running") == 0

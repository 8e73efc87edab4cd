"""`passback serve` in a process of its own, as the container runs it: probes answer, the
metrics are on with their token, and a sync requested through the API shows in them (the
app and its embedded scheduler share one registry). A bad metrics setting is refused with
its name."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
from typer.testing import CliRunner

from integration.observability.metrics_helpers import parse, total
from integration.scheduling.helpers import AS_OF, Sis, wait_for
from passback.cli import app
from passback.operations.accounts import tokens

from .test_worker_health import free_port

TOKEN = "serve-metrics-token"
D = "serve-1"


def test_serve_answers_probes_and_counts_its_runs(
    sqlite_world: Sis, sqlite_url: str, tmp_path: Path
) -> None:
    sqlite_world.add_district(D)
    _, api_token = tokens.create_token(sqlite_world.engine, D, "ci", by="test")
    port = free_port()
    env = {
        **os.environ,
        "PASSBACK_DATABASE_URL": sqlite_url,
        "PASSBACK_METRICS": "on",
        "PASSBACK_METRICS_TOKEN": TOKEN,
    }
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "passback", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:

        def up() -> bool:
            try:
                return httpx.get(f"{base}/readyz", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        wait_for(up, timeout=30, what=f"serve ({(tmp_path / 'serve.log').read_text()})")
        assert httpx.get(f"{base}/readyz").json()["checks"]["scheduler"] == "ok"
        assert httpx.get(f"{base}/metrics").status_code == 401
        auth = {"Authorization": f"Bearer {TOKEN}"}
        started = httpx.post(
            f"{base}/api/v1/districts/{D}/syncs",
            headers={"Authorization": f"Bearer {api_token}"},
            json={"as_of": AS_OF.isoformat()},
        )
        assert started.status_code in (200, 201, 202), started.text

        def counted() -> float:
            samples = parse(httpx.get(f"{base}/metrics", headers=auth).text)
            return total(samples, "passback_runs_total", district=D)

        wait_for(lambda: counted() == 1, timeout=60, what="the run in /metrics")
        samples = parse(httpx.get(f"{base}/metrics", headers=auth).text)
        assert total(samples, "passback_writes_total", district=D, action="create") > 0
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


def test_a_bad_metrics_setting_is_refused_by_name(sqlite_url: str, secret_key: str) -> None:
    result = CliRunner().invoke(
        app,
        ["serve", "--port", str(free_port()), "--database-url", sqlite_url],
        env={"PASSBACK_METRICS": "maybe"},
    )
    assert result.exit_code != 0
    assert "PASSBACK_METRICS" in result.output

"""`passback worker` (scale-out: run queued and scheduled syncs from PostgreSQL) and
`passback schedule` (each district's next nightly run and the jobs in the queue)."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from sqlalchemy import Engine

from passback.cli import common
from passback.cli.common import CliError, guarded
from passback.cli.database import DatabaseUrl, open_engine, resolve, user_errors
from passback.core.clock import utc_now
from passback.notify.settings import NotifySettings
from passback.operations.runtime import Runtime
from passback.operations.schedule import overview
from passback.scheduling import queue, runner
from passback.secrets import SecretBox
from passback.settings import SettingsError

if TYPE_CHECKING:
    from passback.observability.metrics import Metrics
    from passback.observability.server import HealthServer


def register(app: typer.Typer) -> None:
    app.command("worker")(worker_command)
    app.command("schedule")(schedule_command)


@guarded
def worker_command(
    concurrency: Annotated[
        int, typer.Option(min=1, max=64, help="Jobs run at once by this worker.")
    ] = 4,
    shutdown_timeout: Annotated[
        float,
        typer.Option(help="On SIGTERM, seconds to let running jobs finish before requeueing."),
    ] = 60.0,
    heartbeat: Annotated[float, typer.Option(help="Seconds between heartbeats.")] = 10.0,
    stalled_after: Annotated[
        float, typer.Option(help="A worker silent this long is dead: its jobs are retried.")
    ] = 30.0,
    name: Annotated[str | None, typer.Option(help="Worker name (default host:pid).")] = None,
    once: Annotated[bool, typer.Option("--once", help="Stop when the queue is empty.")] = False,
    health_port: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=65535,
            help="Serve /healthz, /readyz and /metrics (PASSBACK_METRICS=on) on this port.",
        ),
    ] = None,
    health_host: Annotated[str, typer.Option(help="Address of the health port.")] = "0.0.0.0",  # noqa: S104
    database_url: DatabaseUrl = None,
) -> None:
    """Run queued and scheduled syncs (scale-out mode, PostgreSQL). Start any number."""
    url = resolve(database_url)
    with user_errors():
        engine = open_engine(url)
        if engine.dialect.name != "postgresql":
            raise CliError(
                "passback worker needs PostgreSQL (PASSBACK_DATABASE_URL); with SQLite, "
                "`passback serve` runs the scheduler and the jobs itself"
            )
        box = SecretBox.for_database(url)
    from passback.observability.metrics import Metrics
    from passback.observability.settings import MetricsSettings

    try:
        wanted = MetricsSettings.from_env()
    except SettingsError as exc:
        raise CliError(str(exc)) from None
    # a job's own heartbeat (sync_jobs) comes every runner.HEARTBEAT_SECONDS: silent for
    # three of them, or for --stalled-after if longer, its worker is gone
    silent = timedelta(seconds=max(stalled_after, 3 * runner.HEARTBEAT_SECONDS))
    metrics = Metrics(engine, stalled_after=silent) if wanted.enabled else None
    # this process's runtime: what its jobs run with, and how they tell people
    runtime = Runtime(engine, box, notify=NotifySettings.from_env(), metrics=metrics)
    options = queue.WorkerOptions(
        concurrency=concurrency,
        heartbeat_seconds=heartbeat,
        stalled_after=stalled_after,
        shutdown_timeout=shutdown_timeout,
        wait=not once,
        name=name,
    )
    running = threading.Event()
    health = None
    if health_port is not None:
        health = _health_server(
            engine, box, running, metrics, wanted.token, health_host, health_port
        )
    common.stderr.print(f"worker {options.name or queue.worker_name()} started", highlight=False)

    async def work() -> None:
        running.set()
        try:
            await queue.run_worker(
                engine,
                box,
                url,
                options,
                deliver=runtime.deliver,
                settings=runtime.sync_settings(),
                on_stalled=metrics.stalled_jobs if metrics is not None else None,
                listeners=runtime.listeners(),
                clock=runtime.clock,
            )
        finally:
            running.clear()

    try:
        asyncio.run(work())
    finally:
        if health is not None:
            health.stop()
    common.stderr.print("worker stopped", highlight=False)


def _health_server(
    engine: Engine,
    box: SecretBox,
    running: threading.Event,
    metrics: Metrics | None,
    token: str | None,
    host: str,
    port: int,
) -> HealthServer:
    """The worker's probes: its database, migrations, key, and queue (the queue's tables,
    and this worker's loop running)."""
    from passback.observability import health
    from passback.observability.server import HealthServer

    tables = health.queue_tables(engine)

    def queue_check() -> None:
        if not running.is_set():
            raise health.NotReady("the worker's loop is not running")
        tables()

    readiness = health.Readiness(
        {
            "database": health.database(engine),
            "migrations": health.migrations(engine),
            "secret_key": health.secret_key(box),
            "queue": queue_check,
        }
    )
    server = HealthServer(readiness, metrics, token, host=host, port=port)
    try:
        server.start()
    except RuntimeError as exc:
        raise CliError(str(exc)) from None
    common.stderr.print(f"health and metrics on http://{host}:{port}/", highlight=False)
    return server


@guarded
def schedule_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON on stdout.")] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Each district's next nightly run, and the jobs queued or running."""
    with user_errors():
        engine = open_engine(resolve(database_url))
    found = overview(engine, now=utc_now())
    nights, active = found.nightly, found.jobs
    if as_json:
        common.print_json(
            {
                "nightly": nights,
                "jobs": [
                    {
                        "job": j.id,
                        "district": j.district,
                        "status": j.status,
                        "trigger": j.trigger,
                        "scope": j.scope,
                        "not_before": j.not_before,
                        "started_at": j.started_at,
                    }
                    for j in active
                ],
            }
        )
        return
    table = Table(title="Nightly runs", title_justify="left", header_style="bold")
    for column in ("district", "next run (local)", "time zone", "on change", "set up", "active"):
        table.add_column(column, no_wrap=True)
    for row in nights:
        table.add_row(
            row["district"],
            row["next_run_local"][:16].replace("T", " "),
            row["timezone"],
            row["on_change"],
            row["set_up"],
            row["active"],
        )
    common.stdout.print(table)
    jobs_table = Table(title="Jobs queued or running", title_justify="left", header_style="bold")
    for column in ("job", "district", "status", "trigger", "scope", "not before (UTC)"):
        jobs_table.add_column(column, no_wrap=True)
    for j in active:
        jobs_table.add_row(
            j.id[:8],
            j.district,
            j.status,
            j.trigger,
            ", ".join(f"{k}={v}" for k, v in j.scope.items()) or "all",
            j.not_before.strftime("%m-%d %H:%M:%S") if j.not_before else "",
        )
    common.stdout.print(jobs_table)

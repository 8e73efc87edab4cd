"""`passback demo`: the whole product on one machine with no setup.

Starts the SIS sandbox with the sample district, configures the district in an embedded
SQLite database, imports sample assessments and scores, runs a sync, prints the report,
then serves the web console on a printed URL with demo logins (operator, district admin,
teacher) and keeps everything running until Ctrl-C. With `--no-wait` it stops the sandbox
when done and prints only what still works without it (the stored report and history).

The demo evaluates as of `demo_data.AS_OF`, the school day its sample data was made for,
and says so; the console it serves and the commands it prints use the same date.
"""

from __future__ import annotations

import asyncio
import io
import json
import secrets
import socket
import tempfile
import threading
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import Console

from passback.core.report import render
from passback.demo import data as demo_data
from passback.intake.district_file import DistrictConfig
from passback.intake.importer import import_stream
from passback.notify.events import record_run_events
from passback.onboarding import activation
from passback.operations.checks import record_demo_onboarding
from passback.sandbox import SandboxServer, SandboxState, sample_fixture
from passback.secrets import SecretBox
from passback.store import districts
from passback.store.db import open_store, session_scope
from passback.sync.service import SyncRequest, run_sync

DEMO_ROLES = (
    ("operator", "operator"),
    ("district-admin", "district_admin"),
    ("teacher", "teacher"),
)


@dataclass
class DemoResult:
    database_url: str
    sandbox_url: str
    report: dict[str, Any]
    console_url: str | None = None
    logins: dict[str, str] = field(default_factory=dict)


def _demo_users(engine: Any, district: str, teacher: str) -> dict[str, str]:
    """Console users for the demo, each with a fresh password (printed, never stored)."""
    from passback.accounts.users import create_user

    logins = {}
    for username, role in DEMO_ROLES:
        password = secrets.token_urlsafe(9)
        create_user(
            engine,
            username=username,
            password=password,
            role=role,
            district=None if role == "operator" else district,
            sis_user=teacher if role == "teacher" else None,
            display_name=f"Demo {username.replace('-', ' ')}",
            by="demo",
        )
        logins[username] = password
    return logins


def _console(engine: Any, url: str, host: str, port: int) -> Any:
    from passback.web.config import session_key
    from passback.web.server import ConsoleServer
    from passback.web.settings_demo import demo_settings

    settings = demo_settings(engine, SecretBox.for_database(url), session_key(url))
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:  # the usual port is taken: any free one will do
            port = 0
    return ConsoleServer(settings, host=host, port=port)


def _login_lines(logins: dict[str, str]) -> str:
    return "\n".join(
        f"  {name:<15} password {password}"
        + ("  (sees every district)" if name == "operator" else "")
        + ("  (their own classes)" if name == "teacher" else "")
        for name, password in logins.items()
    )


def _server(state: SandboxState, host: str, port: int) -> SandboxServer:
    try:
        return SandboxServer(state, host=host, port=port)
    except OSError:  # the usual port is taken: any free one will do
        return SandboxServer(state, host=host, port=0)


def run_demo(
    console: Console,
    status: Console,
    *,
    host: str = "127.0.0.1",
    port: int = 8900,
    database_url: str | None = None,
    wait: bool = True,
    stop: threading.Event | None = None,
) -> DemoResult:
    workdir = Path(tempfile.mkdtemp(prefix="passback-demo-"))
    url = database_url or f"sqlite:///{workdir / 'demo.db'}"
    engine = open_store(url)
    box = SecretBox.for_database(url)
    fixture = sample_fixture()
    with _server(SandboxState.from_fixture(fixture), host, port) as sandbox:
        status.print(f"SIS sandbox (PowerSchool profile) at {sandbox.base_url}", highlight=False)
        config = demo_data.district_config(sandbox.base_url, sandbox.token_url, fixture)
        district, secret = DistrictConfig.parse(config, source="demo district").to_domain()
        with session_scope(engine) as session:
            districts.save_district(session, district, secret, box)
        status.print(f"District {district.id} configured in {url}", highlight=False)
        activation.activate(engine, district.id, by="demo")
        status.print(
            f"District {district.id} activated (a real district is activated once its "
            f"onboarding is done: passback district activate {district.id})",
            highlight=False,
        )

        platform = demo_data.platform_data(fixture)
        document = json.dumps(platform).encode()
        summary = import_stream(partial(session_scope, engine), None, io.BytesIO(document))
        status.print(
            f"Imported {summary.stored} records of sample assessments and scores", highlight=False
        )
        record_demo_onboarding(engine, box, district.id)  # the console's onboarding shows it
        request = SyncRequest(district.id, as_of=demo_data.AS_OF, trigger="demo")
        report = asyncio.run(run_sync(engine, request, box=box, listeners=(record_run_events,)))
        render(report, console)

        env = f"PASSBACK_DATABASE_URL={url}"
        day = demo_data.AS_OF
        status.print(
            f"\nThe demo evaluates as of {day} (the school day its sample data was made for), "
            "in the console too; the commands below say so with --as-of. Without --as-of, "
            "passback evaluates as of today in the district's time zone.",
            highlight=False,
        )
        reads = (
            f"  {env} passback report {report['run'][:8]} --json\n"
            f"  {env} passback runs {district.id}"
        )
        logins = _demo_users(engine, district.id, platform["assessments"][0]["assigned_by"])
        if not wait:
            # the sandbox stops with the demo: show only what works without it
            status.print(
                "\nThe sandbox SIS has stopped (--no-wait). What the demo stored stays "
                "readable:\n" + reads + "\n"
                f"  {env} passback serve   (the console: its reports "
                "and run history; sign in as\n" + _login_lines(logins) + ")",
                highlight=False,
            )
            result = DemoResult(url, sandbox.base_url, report, None, logins)
        else:
            status.print(
                "\nTry, in another terminal while this runs:\n"
                f"  {env} passback explain {district.id} --assessment A-202 --as-of {day}\n"
                + reads
                + "\n"
                f"  {env} passback sync {district.id} --as-of {day}"
                "   (a second run: nothing to write)",
                highlight=False,
            )
            with _console(engine, url, host, port + 1 if port else 0) as console_server:
                status.print(
                    f"\nThe console: {console_server.url}/  — sign in as\n" + _login_lines(logins),
                    highlight=False,
                )
                result = DemoResult(url, sandbox.base_url, report, console_server.url, logins)
                status.print(
                    f"\nThe console and the sandbox ({sandbox.root_url}) keep running — "
                    "press Ctrl-C to stop.",
                    highlight=False,
                )
                try:
                    (stop or threading.Event()).wait()
                except KeyboardInterrupt:
                    status.print("Stopped.")
    engine.dispose()
    return result

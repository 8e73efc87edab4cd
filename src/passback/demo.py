"""`passback demo`: the whole product on one machine with no setup.

Starts the SIS sandbox with the sample district, configures the district in an embedded
SQLite database, imports sample assessments and scores, runs a sync, prints the report,
and keeps the sandbox running until Ctrl-C.
"""

from __future__ import annotations

import asyncio
import io
import json
import tempfile
import threading
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import Console

from passback import demo_data
from passback.district_config import DistrictConfig
from passback.importer import import_stream
from passback.report import render
from passback.sandbox import SandboxServer, SandboxState, sample_fixture
from passback.secrets import SecretBox
from passback.store import districts
from passback.store.db import open_store, session_scope
from passback.sync.service import SyncRequest, run_sync


@dataclass
class DemoResult:
    database_url: str
    sandbox_url: str
    report: dict[str, Any]


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

        document = json.dumps(demo_data.platform_data(fixture)).encode()
        summary = import_stream(partial(session_scope, engine), None, io.BytesIO(document))
        status.print(
            f"Imported {summary.stored} records of sample assessments and scores", highlight=False
        )
        request = SyncRequest(district.id, as_of=demo_data.AS_OF, trigger="demo")
        report = asyncio.run(run_sync(engine, request, box=box))
        render(report, console)

        env = f"PASSBACK_DATABASE_URL={url}"
        status.print(
            "\nTry, in another terminal while this runs:\n"
            f"  {env} passback explain {district.id} --assessment A-202 --as-of {demo_data.AS_OF}\n"
            f"  {env} passback report {report['run'][:8]} --json\n"
            f"  {env} passback sync {district.id} --as-of {demo_data.AS_OF}"
            "   (a second run: nothing to write)\n"
            f"  {env} passback runs {district.id}",
            highlight=False,
        )
        result = DemoResult(url, sandbox.base_url, report)
        if wait:
            status.print(
                f"\nThe sandbox keeps running at {sandbox.root_url} — press Ctrl-C to stop.",
                highlight=False,
            )
            try:
                (stop or threading.Event()).wait()
            except KeyboardInterrupt:
                status.print("Stopped.")
    engine.dispose()
    return result

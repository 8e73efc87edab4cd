"""A generated district in a real sandbox and a real database, for the engine's batching,
roster cache and benchmark tests."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from passback.intake.district_file import DistrictConfig
from passback.operations.ingest import ingest_file
from passback.sandbox import SandboxServer, SandboxState
from passback.sandbox.synthetic import GeneratedDistrict, generate
from passback.secrets import SecretBox
from passback.store import districts
from passback.store.db import session_scope
from passback.sync.service import SyncRequest, SyncSettings, run_sync


@dataclass
class BenchWorld:
    engine: Engine
    box: SecretBox
    made: GeneratedDistrict
    sandbox: SandboxServer
    district: str

    def sync(self, settings: SyncSettings | None = None, **kw: Any) -> dict[str, Any]:
        kw.setdefault("trigger", "test")
        request = SyncRequest(self.district, as_of=self.made.as_of, **kw)
        return asyncio.run(
            run_sync(self.engine, request, box=self.box, settings=settings or SyncSettings())
        )

    def ours(self) -> dict[str, dict[str, Any]]:
        state = self.sandbox.state
        found = {o["sourcedId"]: o for o in state.values("lineItems")}
        found |= {o["sourcedId"]: o for o in state.values("results")}
        return {k: v for k, v in found.items() if k.startswith(("pbl-", "pbr-"))}


@contextmanager
def bench_world(
    engine: Engine, box: SecretBox, folder: Path, *, students: int = 60, seed: int = 5
) -> Iterator[BenchWorld]:
    made = generate(folder, students=students, seed=seed, per_period=2)
    with SandboxServer(SandboxState.from_file(made.sis)) as srv:
        config = json.loads(made.district.read_text())
        config["sis"]["base_url"], config["sis"]["token_url"] = srv.base_url, srv.token_url
        district, secret = DistrictConfig.parse(config).to_domain()
        with session_scope(engine) as session:
            districts.save_district(session, district, secret, box)
        with made.platform.open("rb") as handle:
            summary = ingest_file(engine, None, handle)
        assert summary.ok, summary.as_dict()
        yield BenchWorld(engine, box, made, srv, district.id)

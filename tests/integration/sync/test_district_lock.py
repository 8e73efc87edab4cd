"""One run per district at a time, whatever starts it: a second run waits for the first (or
is refused), on SQLite and PostgreSQL, and never marks the first as interrupted."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from passback.sandbox import FaultConfig
from passback.store import runs as run_store
from passback.store.db import session_scope
from passback.store.locks import DistrictBusy

from .harness import World


def test_concurrent_runs_of_a_district_take_turns(w: World) -> None:
    w.load_demo()
    w.sandbox.set_faults(FaultConfig(latency_ms=5))

    async def two() -> list[dict[str, Any]]:
        return list(await asyncio.gather(w.async_sync(), w.async_sync()))

    first, second = sorted(asyncio.run(two()), key=lambda r: r["started_at"])
    assert first["finished_at"] <= second["started_at"]
    assert {first["status"], second["status"]} <= {"succeeded", "partial"}
    assert first["counts"]["created"] > 100
    assert second["api_calls"]["writes"] == 0  # the second saw the first's work, no doubles
    with session_scope(w.engine) as session:
        history = run_store.list_runs(session, w.district)
    assert not [r for r in history if r.error and "Interrupted" in r.error]


def test_a_run_that_must_not_wait_is_refused_while_another_runs(w: World) -> None:
    w.load_demo()
    w.sandbox.set_faults(FaultConfig(latency_ms=20))

    async def scenario() -> None:
        running = asyncio.create_task(w.async_sync())
        await asyncio.sleep(0.3)  # let it take the lock
        with pytest.raises(DistrictBusy):
            await w.async_sync(wait_for_lock=False)
        await running

    asyncio.run(scenario())

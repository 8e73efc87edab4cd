"""The SIS misbehaving: lost responses, 429s, outages, expiring tokens. Nothing is lost,
nothing doubled, and a broken SIS is reported clearly."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from passback.oneroster import RetryPolicy
from passback.sandbox import FaultConfig
from passback.secrets import SecretBox
from passback.sync.roster import ROSTER
from passback.sync.service import SyncSettings

from .harness import World, world


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """Fault handling does not depend on the database: SQLite only (the end-to-end suite
    covers PostgreSQL)."""
    return sqlite_url


@pytest.fixture
def sandbox_mode() -> str:
    """Faults are about the wire (a response lost after the commit, retries, timeouts):
    the sandbox serves over a real socket."""
    return "loopback"


FAST_RETRY = RetryPolicy(max_attempts=4, base_delay=0.01, max_delay=0.05)


def stats(w: World) -> dict[str, Any]:
    return dict(httpx.get(w.sandbox.root_url + "/sandbox/stats").json())


@pytest.mark.parametrize("seed", [1, 2])
def test_lost_responses_neither_diverge_nor_duplicate(
    w: World, seed: int, reference: dict[str, tuple[Any, ...]]
) -> None:
    w.load_demo()
    w.sandbox.set_faults(FaultConfig(seed=seed, rate_drop_after_commit=0.05))
    report = w.sync(settings=SyncSettings(retry=FAST_RETRY))
    dropped = stats(w)["by_status"].get("dropped", 0) if "by_status" in stats(w) else None
    assert report["status"] in ("succeeded", "partial")
    assert report["counts"]["errors"] <= 3  # only the demo's closed-period lineItem
    assert w.state() == reference
    w.assert_no_duplicates()
    w.sandbox.set_faults(FaultConfig(seed=seed))
    assert w.sync()["api_calls"]["writes"] == 0
    assert dropped is None or dropped > 0


def test_429_and_5xx_are_retried_to_completion(
    w: World, reference: dict[str, tuple[Any, ...]]
) -> None:
    w.load_demo()
    w.sandbox.set_faults(FaultConfig(seed=5, rate_429=0.1, retry_after_s=0, rate_5xx=0.1))
    report = w.sync(
        settings=SyncSettings(retry=RetryPolicy(max_attempts=8, base_delay=0.01, max_delay=0.05))
    )
    assert report["counts"]["errors"] <= 3
    assert w.state() == reference
    w.assert_no_duplicates()


def test_a_sis_that_is_down_fails_the_run_clearly_and_the_next_run_completes(
    w: World, reference: dict[str, tuple[Any, ...]]
) -> None:
    w.load_demo()
    w.sandbox.set_faults(FaultConfig(seed=3, rate_5xx=1.0))
    settings = SyncSettings(retry=FAST_RETRY, max_unavailable_in_a_row=10)
    down = w.sync(settings=settings)
    assert down["status"] == "failed"
    assert down["error"]
    assert w.ours("lineItems") == {}

    w.sandbox.set_faults(FaultConfig(seed=3))
    up = w.sync(settings=settings)
    assert up["counts"]["errors"] <= 3
    assert w.state() == reference


def test_outage_during_writes_stops_after_a_bounded_number_of_attempts(w: World) -> None:
    w.load_demo()
    w.sync()  # the roster reads and first writes succeed
    w.change_score("A-100", w.data["scores"][0]["student"], points=4)
    w.sandbox.set_faults(FaultConfig(seed=4, rate_5xx=1.0))
    httpx.post(w.sandbox.root_url + "/sandbox/stats/reset")
    report = w.sync(settings=SyncSettings(retry=FAST_RETRY))
    assert report["status"] == "failed"
    # the roster reads were refused too: each tried at most max_attempts times
    assert stats(w)["reads"] <= len(ROSTER) * FAST_RETRY.max_attempts


def test_expiring_tokens_and_forced_401s_lose_no_write(
    w: World, reference: dict[str, tuple[Any, ...]]
) -> None:
    w.load_demo()
    # ~200 writes at 60 ms, 4 at a time: the run outlives several 1-second tokens
    w.sandbox.set_faults(FaultConfig(seed=6, token_lifetime_s=1, latency_ms=60))
    report = w.sync(settings=SyncSettings(concurrency=4))
    assert report["counts"]["errors"] <= 3
    assert w.state() == reference
    assert stats(w)["token_calls"] >= 2

    w.change_score("A-100", w.data["scores"][0]["student"], points=3)
    w.sandbox.set_faults(FaultConfig(seed=6, unauthorized_next=1))
    again = w.sync()
    assert again["counts"]["updated"] == 1
    assert w.result_for("A-100", w.data["scores"][0]["student"])["score"] == 3.0  # type: ignore[index]


def test_one_districts_broken_sis_does_not_hold_up_another(
    engine: Engine, database_url: str, secret_key: str
) -> None:
    box = SecretBox.for_database(database_url)
    with (
        world(engine, box, loopback=True) as healthy,
        world(engine, box, loopback=True) as broken,
    ):
        # both worlds configured the demo district; give the broken one its own, and point
        # the demo district back at the healthy sandbox
        broken.configure(id="broken-1", name="Broken District")
        healthy.configure()
        healthy.load_demo()
        broken.data = copy.deepcopy(healthy.data)
        broken.data["district"] = "broken-1"
        broken.load(broken.data["assessments"], broken.data["scores"])
        broken.sandbox.set_faults(FaultConfig(seed=7, latency_ms=200, rate_5xx=1.0))
        slow_retry = SyncSettings(retry=RetryPolicy(max_attempts=6, base_delay=0.3, max_delay=1.0))

        async def both() -> tuple[dict[str, Any], bool]:
            stuck = asyncio.create_task(broken.async_sync(settings=slow_retry))
            done = await healthy.async_sync()
            still_running = not stuck.done()
            await stuck
            return done, still_running

        report, broken_still_running = asyncio.run(both())
        assert report["counts"]["created"] > 100
        assert broken_still_running

"""The operator overview's "needs attention": districts whose nightly failed or did not
run, slow or failing SIS connections; names shown, ids kept."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from passback.core.domain import District
from passback.oneroster import RetryPolicy
from passback.operations import attention
from passback.operations.accounts import Principal, Role
from passback.operations.districts import next_nightly
from passback.sandbox import FaultConfig
from passback.store import districts as district_store
from passback.store import runs as run_store
from passback.store.db import session_scope
from passback.sync.service import SyncRequest, SyncSettings, run_sync

from .harness import AS_OF, OTHER, World

OPERATOR = Principal(name="op", role=Role.OPERATOR)
FAST = SyncSettings(retry=RetryPolicy(base_delay=0.01, max_delay=0.05))


def nightly(world: World, district: str) -> dict[str, object]:
    request = SyncRequest(district, as_of=AS_OF, trigger="nightly")
    return asyncio.run(run_sync(world.engine, request, box=world.box, settings=FAST))


def kinds(signals: list[attention.Signal], district: str) -> set[str]:
    return {s.kind for s in signals if s.district_id == district}


def just_after_tonight(world: World, district: str) -> datetime:
    """A moment 30 minutes after the district's nightly slot (too early to call it missed)."""
    return next_nightly(_district(world), datetime.now(UTC)) + timedelta(minutes=30)


def test_nightly_failed_twice_shows_on_the_overview(fresh_world: Callable[..., World]) -> None:
    world = fresh_world()
    assert nightly(world, world.district)["status"] == "succeeded"
    world.sandbox.set_faults(FaultConfig(unauthorized_next=10_000))
    for _ in range(2):
        assert nightly(world, world.district)["status"] == "failed"
    world.sandbox.set_faults(FaultConfig())

    signals = attention.needs_attention(world.engine, OPERATOR)
    failed = [s for s in signals if s.kind == "nightly_failed"]
    assert [(s.district_id, s.message) for s in failed] == [
        (world.district, "The nightly run failed 2 nights in a row.")
    ]

    page = world.client("op").get("/districts").text
    section = page[page.index("Needs attention") : page.index("</section>")]
    assert _district(world).name in section and world.district in section
    assert "The nightly run failed 2 nights in a row." in section

    # the next good night clears it
    assert nightly(world, world.district)["status"] == "succeeded"
    assert "nightly_failed" not in kinds(
        attention.needs_attention(world.engine, OPERATOR), world.district
    )


def test_a_nightly_that_did_not_run_shows(fresh_world: Callable[..., World]) -> None:
    world = fresh_world()
    # the world's runs were on demand: no nightly run at all
    soon = just_after_tonight(world, world.district)
    assert "nightly_missing" not in kinds(
        attention.needs_attention(world.engine, OPERATOR, now=soon), world.district
    )
    late = soon + timedelta(hours=2)
    signals = attention.needs_attention(world.engine, OPERATOR, now=late)
    assert "nightly_missing" in kinds(signals, world.district)
    assert "nightly_missing" in kinds(signals, OTHER)
    # a nightly run in the slot's window: nothing missing that night
    with session_scope(world.engine) as session:
        run = run_store.start_run(
            session,
            district=world.district,
            trigger="nightly",
            dry_run=False,
            as_of=AS_OF,
            scope={},
            now=soon - timedelta(minutes=25),
        )
        run_store.finish_run(
            session,
            run.id,
            status="succeeded",
            counts={},
            api_calls={},
            error=None,
            now=soon - timedelta(minutes=20),
        )
    signals = attention.needs_attention(world.engine, OPERATOR, now=late)
    assert "nightly_missing" not in kinds(signals, world.district)
    assert "nightly_missing" in kinds(signals, OTHER)


def _district(world: World) -> District:
    with session_scope(world.engine) as session:
        found = district_store.get_district(session, world.district)
    assert found is not None
    return found


def test_slow_and_failing_sis_connections_show(
    fresh_world: Callable[..., World], monkeypatch: pytest.MonkeyPatch
) -> None:
    world = fresh_world()
    world.sandbox.set_faults(FaultConfig(seed=4, rate_5xx=0.3, latency_ms=40))
    report = nightly(world, world.district)
    calls = report["api_calls"]
    assert isinstance(calls, dict) and calls["sis_failures"] > 0
    monkeypatch.setattr(attention, "SLOW_SIS_SECONDS", 0.03)
    signals = [
        s
        for s in attention.needs_attention(world.engine, OPERATOR)
        if s.district_id == world.district
    ]
    assert {s.kind for s in signals} >= {"sis_failing", "sis_slow"}, (calls, signals)
    failing = next(s for s in signals if s.kind == "sis_failing")
    assert failing.severity == 2
    assert (
        f"{calls['sis_failures']} of {calls['sis_requests']} requests failed in its latest run"
        in failing.message
    )
    # a district admin sees only their own district's signals
    admin = Principal(name="other-admin", role=Role.DISTRICT_ADMIN, district=OTHER)
    assert all(s.district_id == OTHER for s in attention.needs_attention(world.engine, admin))

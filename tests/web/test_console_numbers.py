"""The console's numbers reconcile: the per-night chart counts each score once, by its last
state that night, in the district's time zone."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from zoneinfo import ZoneInfo

from passback.store import runs
from passback.store.db import session_scope
from passback.sync.service import SyncRequest, run_sync
from passback.web.services import reports

from .harness import AS_OF, World


def _distinct_last_states(world: World, run_ids: list[str]) -> dict[tuple[str, str, str], str]:
    """Straight from the runs' reports: every score of these runs, its last action."""
    last: dict[tuple[str, str, str], str] = {}
    with session_scope(world.engine, read_only=True) as session:
        for run_id in run_ids:
            for item in runs.iter_items(session, run_id):
                if item["kind"] == "result":
                    last[(item["assessment"], item["class"], item["student"])] = item["action"]
    return last


def test_the_nightly_chart_counts_each_score_once_by_its_last_state(
    fresh_world: Callable[..., World],
) -> None:
    world = fresh_world()
    district = world.district
    for _ in range(2):  # the same night: two more runs that skip the same scores again
        asyncio.run(
            run_sync(
                world.engine, SyncRequest(district, as_of=AS_OF, trigger="test"), box=world.box
            )
        )
    history = [r for r in reports.history(world.engine, district) if not r.dry_run]
    assert len(history) == 3
    zone = "America/Chicago"
    nights = reports.nightly(world.engine, district, zone)
    by_day: dict[object, list[str]] = {}
    for run in sorted(history, key=lambda r: r.started_at):
        by_day.setdefault(run.started_at.astimezone(ZoneInfo(zone)).date(), []).append(run.id)
    assert [n.day for n in nights] == sorted(by_day)
    for night in nights:
        states = _distinct_last_states(world, by_day[night.day])
        actions = Counter(states.values())
        assert night.skipped == actions["skip"]
        assert night.failed == actions["error"] + actions["conflict"]
        # every score ends the night sent, skipped or failed: nothing counted twice
        assert night.sent + night.skipped + night.failed == len(states)
    # The first run created the scores; the two after it skipped the same ones again.
    # Summed over runs (the old chart) the skips would be about three times as many.
    total_skips = sum(n.skipped for n in nights)
    per_run_skips = sum(
        Counter(i["action"] for i in _report_items(world, r.id))["skip"] for r in history
    )
    assert total_skips > 0 and 2 * total_skips < per_run_skips
    assert sum(n.sent for n in nights) > 0


def _report_items(world: World, run_id: str) -> list[dict[str, object]]:
    with session_scope(world.engine, read_only=True) as session:
        return [i for i in runs.iter_items(session, run_id) if i["kind"] == "result"]

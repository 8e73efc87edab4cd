"""The console's numbers reconcile: the per-night chart counts each score once, by its last
state that night, in the district's time zone."""

from __future__ import annotations

import asyncio
import copy
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

from passback.demo import data as demo_data
from passback.operations import districts as district_service
from passback.operations import history, reports
from passback.operations.ingest import ingest_file
from passback.store import runs
from passback.store.db import session_scope
from passback.store.schema.runs import RunRow
from passback.sync.service import SyncRequest, run_sync

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
    fresh_world: Callable[..., World], database_url: str
) -> None:
    world = fresh_world(database_url)
    district = world.district
    for _ in range(2):  # the same night: two more runs that skip the same scores again
        asyncio.run(
            run_sync(
                world.engine, SyncRequest(district, as_of=AS_OF, trigger="test"), box=world.box
            )
        )
    # The world's first run moves two nights back: a night of one run, a night of two.
    with session_scope(world.engine) as session:
        row = session.get(RunRow, world.run_id)
        assert row is not None
        row.started_at = row.started_at - timedelta(days=2)
        if row.finished_at is not None:
            row.finished_at = row.finished_at - timedelta(days=2)
    real_runs = [r for r in reports.history(world.engine, district) if not r.dry_run]
    assert len(real_runs) == 3
    zone = "America/Chicago"
    nights = history.nightly(world.engine, district, zone)
    by_day: dict[object, list[str]] = {}
    for run in sorted(real_runs, key=lambda r: r.started_at):
        by_day.setdefault(run.started_at.astimezone(ZoneInfo(zone)).date(), []).append(run.id)
    assert [n.day for n in nights] == sorted(by_day) and len(nights) == 2
    for night in nights:
        states = _distinct_last_states(world, by_day[night.day])
        actions = Counter(states.values())
        assert night.skipped == actions["skip"]
        assert night.failed == actions["error"] + actions["conflict"]
        # sent: written that night (created or updated) and not skipped or failed since;
        # scores only found unchanged in the gradebook are not "sent" that night
        written = _written(world, by_day[night.day])
        assert night.sent == sum(
            1
            for key, action in states.items()
            if action in ("create", "update") or (action == "unchanged" and key in written)
        )
    # The second night's two runs skipped the same scores twice: counted once.
    second = by_day[nights[1].day]
    summed = sum(Counter(i["action"] for i in _report_items(world, r))["skip"] for r in second)
    assert nights[1].skipped > 0 and 2 * nights[1].skipped == summed
    assert nights[0].sent > 0 and nights[1].sent == 0  # created the first night only


def _written(world: World, run_ids: list[str]) -> set[tuple[str, str, str]]:
    with session_scope(world.engine, read_only=True) as session:
        return {
            (i["assessment"], i["class"], i["student"])
            for run_id in run_ids
            for i in runs.iter_items(session, run_id)
            if i["kind"] == "result" and i["action"] in ("create", "update")
        }


def _report_items(world: World, run_id: str) -> list[dict[str, object]]:
    with session_scope(world.engine, read_only=True) as session:
        return [i for i in runs.iter_items(session, run_id) if i["kind"] == "result"]


def test_the_overview_says_what_changed_since_the_last_sync(
    fresh_world: Callable[..., World], database_url: str
) -> None:
    world = fresh_world(database_url)
    config = district_service.config_of(world.engine, world.district)
    assert config is not None

    def sync() -> None:
        asyncio.run(
            run_sync(
                world.engine,
                SyncRequest(world.district, as_of=AS_OF, trigger="test"),
                box=world.box,
            )
        )

    def send(document: dict[str, object]) -> None:
        raw = json.dumps({**document, "district": world.district}).encode()
        ingest_file(world.engine, world.district, io.BytesIO(raw))

    admin = world.client("admin")
    assert (
        "Two real syncs of the whole district are needed"
        in admin.get(f"/districts/{world.district}").text
    )
    # A new assessment the SIS cannot take: its title is too long.
    data = demo_data.platform_data(world.fixture)
    first = copy.deepcopy(next(a for a in data["assessments"] if a["id"] == "A-100"))
    scores = [copy.deepcopy(c) for c in data["scores"] if c["assessment"] == "A-100"]
    first.update(id="A-900", title="Unit 9 Test: a title far too long for the SIS gradebook")
    for score in scores:
        score["assessment"] = "A-900"
    send({"assessments": [first], "scores": scores})
    sync()
    changes = history.changes_since_last_night(world.engine, world.district, "America/Chicago")
    assert changes is not None and not changes.new_errors and not changes.resolved
    too_long = {(i["kind"], i["student"]) for i in changes.new_skips if i["assessment"] == "A-900"}
    assert ("lineItem", None) in too_long and len(too_long) == len(scores) + 1
    page = admin.get(f"/districts/{world.district}").text
    assert f'New skips <span class="count">{len(changes.new_skips)}</span>' in page
    assert "Title too long" in page

    first["title"] = "Unit 9 Test"
    send({"assessments": [first]})
    sync()
    back = history.changes_since_last_night(world.engine, world.district, "America/Chicago")
    assert back is not None and not back.new_skips
    resolved = {(i["kind"], i["student"]) for i in back.resolved if i["assessment"] == "A-900"}
    # the assessment and its graded scores went through; excluded or ungraded ones stay skips
    assert ("lineItem", None) in resolved and len(resolved) > 1 and resolved <= too_long
    assert "Resolved" in admin.get(f"/districts/{world.district}").text


def test_counts_are_split_by_kind_and_a_dry_run_says_would(world: World) -> None:
    items = [i for i in _all_items(world, world.run_id)]
    lines = sum(1 for i in items if i["kind"] == "lineItem" and i["action"] == "create")
    scores = sum(1 for i in items if i["kind"] == "result" and i["action"] == "create")
    skipped = sum(1 for i in items if i["kind"] == "result" and i["action"] == "skip")
    admin = world.client("admin")
    overview = admin.get(f"/districts/{world.district}").text
    assert f"{lines} assessments and {scores} scores created" in overview
    report = admin.get(f"/runs/{world.run_id}").text
    assert f"{scores} scores created" in report and f"{skipped} scores skipped" in report
    dry = asyncio.run(
        run_sync(
            world.engine,
            SyncRequest(world.district, as_of=AS_OF, dry_run=True, trigger="test"),
            box=world.box,
        )
    )
    page = admin.get(f"/runs/{dry['run']}").text
    assert "Dry run of" in page and "would create</li>" in re.sub(r"\s+", " ", page).replace(
        "> ", ">"
    ).replace(" <", "<")
    assert " created" not in page.replace("would be created", "")


def _all_items(world: World, run_id: str) -> list[dict[str, object]]:
    with session_scope(world.engine, read_only=True) as session:
        return list(runs.iter_items(session, run_id))

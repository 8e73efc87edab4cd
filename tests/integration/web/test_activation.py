"""Activation through the API and the console (docs/scheduling.md#activation): operators and the
district's admins activate and pause, others may not; both are audited; activating warns about open
onboarding steps 6-7; a real sync of a paused district is refused with a clear message
while dry runs work. Also the onboarding category check per group member × category."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from passback.onboarding import STEPS, Kind
from passback.operations.checks import CHECKS
from passback.store import audit
from passback.store import onboarding as step_store
from passback.store import runs as run_store
from passback.store.db import session_scope
from passback.store.districts import get_district
from passback.store.onboarding import StepRecord

from .harness import OTHER, World, page_csrf


def _audited(world: World) -> list[tuple[str, str]]:
    with session_scope(world.engine, read_only=True) as session:
        entries = audit.recent(session, world.district, limit=200)
    return [
        (e.action, e.actor)
        for e in entries
        if e.action in ("district.activated", "district.deactivated")
    ]


def _real_runs(world: World) -> int:
    with session_scope(world.engine, read_only=True) as session:
        return sum(1 for r in run_store.list_runs(session, world.district) if not r.dry_run)


def test_the_api_activates_pauses_and_refuses_a_paused_districts_sync(
    fresh_world: Callable[..., World],
) -> None:
    world = fresh_world()
    base = f"/api/v1/districts/{world.district}"
    shown = world.api().get(base).json()
    assert shown["activation"]["active"] is True
    # the platform's token and a teacher may not; another district's admin sees nothing
    assert world.api().post(f"{base}/deactivate").status_code == 403
    assert world.client("teacher").post(f"{base}/deactivate").status_code == 403
    assert world.client("other-admin").post(f"{base}/deactivate").status_code == 404

    admin = world.client("admin")
    paused = admin.post(f"{base}/deactivate")
    assert paused.status_code == 200
    body = paused.json()
    assert body["active"] is False and body["changed"] is True and body["paused_by"] == "admin"
    assert admin.post(f"{base}/deactivate").json()["changed"] is False

    runs_before = _real_runs(world)
    refused = world.api().post(f"{base}/syncs", json={"dry_run": False})
    assert refused.status_code == 409
    problem = refused.json()
    assert f"passback district activate {world.district}" in problem["detail"]
    assert "not active" in problem["detail"]
    dry = world.api().post(f"{base}/syncs", json={"dry_run": True})
    assert dry.status_code == 202
    assert _real_runs(world) == runs_before

    activated = world.client("op").post(f"{base}/activate")
    assert activated.status_code == 200
    body = activated.json()
    assert body["active"] is True and body["activated_by"] == "op"
    assert [w.split(" (")[0] for w in body["warnings"]] == ["Step 6", "Step 7"]
    assert world.api().get(base).json()["activation"]["active"] is True
    assert _audited(world)[:2] == [("district.activated", "op"), ("district.deactivated", "admin")]
    # the other district was never touched
    assert (
        world.api(world.other_token)
        .get(f"/api/v1/districts/{OTHER}")
        .json()["activation"]["active"]
    )


def test_the_console_shows_the_state_and_pauses_and_activates(
    fresh_world: Callable[..., World],
) -> None:
    world = fresh_world()
    page_url = f"/districts/{world.district}"
    admin = world.client("admin")
    page = admin.get(page_url).text
    assert 'data-state="active"' in page and ">Pause</button>" in page
    assert ">Sync now</button>" in page

    paused = admin.post(
        f"{page_url}/deactivate",
        data={"csrf_token": page_csrf(admin, page_url)},
        follow_redirects=False,
    )
    assert paused.status_code == 303 and paused.headers["location"] == page_url
    page = admin.get(page_url).text
    assert "is paused: no nightly, on-change or real sync" in page
    assert 'data-state="paused"' in page and "by admin" in page
    assert ">Activate</button>" in page and ">Sync now</button>" not in page
    assert "None while the district is not active." in page

    # "Sync now" from the runs page is refused with the reason; nothing is queued
    runs_before = _real_runs(world)
    runs_url = f"{page_url}/runs"
    refused = admin.post(
        runs_url,
        data={"csrf_token": page_csrf(admin, runs_url), "mode": "sync"},
        follow_redirects=True,
    )
    assert "Sync not started" in refused.text and "is not active" in refused.text
    assert _real_runs(world) == runs_before

    # a teacher cannot press the button (and does not see it)
    teacher = world.client("teacher")
    assert teacher.post(f"{page_url}/activate", data={"csrf_token": "x"}).status_code in (403, 404)

    activated = admin.post(
        f"{page_url}/activate",
        data={"csrf_token": page_csrf(admin, page_url)},
        follow_redirects=True,
    )
    text = activated.text
    main = text[text.index('<main id="main">') :]
    # the warnings come first on the page, above the district's name
    assert main.index("Warning: Step 6 (SIS write access enabled) is not done") < main.index("<h1>")
    assert "Warning: Step 7 (Integration configured) is not done" in main
    assert 'data-state="active"' in text
    assert _audited(world)[:2] == [
        ("district.activated", "admin"),
        ("district.deactivated", "admin"),
    ]


def _dcid(user: dict[str, object]) -> str:
    """PowerSchool's teacher identity as docs/sandbox.md states it, read straight off the record."""
    for entry in user.get("userIds") or []:  # type: ignore[attr-defined]
        if str(entry.get("type", "")).lower() == "dcid":
            return str(entry["identifier"])
    return str(user["sourcedId"])


def _expected_gaps(world: World, district: dict[str, object]) -> set[tuple[str, str]]:
    """Straight from the SIS's records (PowerSchool's shape): member × mapped district
    category without an active copy owned by the member's dcid."""
    state = world.sandbox.state
    categories = state.values("categories")
    dcids = {str(u["sourcedId"]): _dcid(u) for u in state.values("users")}
    district_rows = [c for c in categories if c["metadata"].get("categoryType") != "user"]
    mapped = {
        t for t in district["category_map"].values() if t in {c["title"] for c in district_rows}
    }  # type: ignore[attr-defined]
    have = {
        (c["metadata"].get("userDcid"), c["title"])
        for c in district_rows
        if str(c["metadata"].get("isActive", "true")).lower() == "true"
        and c.get("status", "active") == "active"
    }
    return {
        (member, title)
        for member in district["passback_group"]  # type: ignore[attr-defined]
        for title in mapped
        if (dcids.get(member, member), title) not in have
    }


def test_the_category_check_lists_every_member_without_an_active_copy(world: World) -> None:
    with session_scope(world.engine, read_only=True) as session:
        district = get_district(session, world.district)
    assert district is not None
    document = {
        "category_map": dict(district.category_map),
        "passback_group": sorted(district.passback_group),
    }
    gaps = _expected_gaps(world, document)
    assert ("T-3", "Otus Assessment") in gaps and ("T-8", "Quizzes") in gaps  # the fixture's
    ok, message = CHECKS["categories"](world.engine, world.box, district)
    assert ok is False
    assert f"{len(gaps)} teacher × category pairs lack an active copy" in message
    # by name, id beside
    assert "Yara Ortega (T-3): Otus Assessment" in message
    assert "Rosa Tanaka (T-8): Quizzes" in message
    for member, title in gaps:
        assert f"({member}): " in message and title in message
    # a member with every copy is not listed
    assert "(T-1)" not in message
    # the district-level part of the check still names the wrong mapping
    assert "Project → Projects" in message


def test_onboarding_step_8_activates_then_runs_the_first_sync(
    fresh_world: Callable[..., World],
) -> None:
    """A new district whose steps 1-7 are done: step 8 offers "Activate the district", then
    (active, no real run yet) "Run the first sync"."""
    world = fresh_world()
    op = world.client("op")
    config = op.get(f"/api/v1/districts/{OTHER}/config").json()
    config["sis"].pop("client_secret_stored")
    assert op.put("/api/v1/districts/act-1/config", json={**config, "id": "act-1"}).status_code
    with session_scope(world.engine) as session:
        for step in STEPS:
            if step.kind is not Kind.DERIVED and step.key != "district_notified":
                step_store.save_step(
                    session,
                    "act-1",
                    StepRecord(step.key, status="done", done_on=date(2026, 11, 1)),
                    by="tests",
                    now=datetime.now(UTC),
                )
    url = "/districts/act-1/onboarding"
    steps = op.get("/api/v1/districts/act-1/onboarding").json()["steps"]
    step8 = next(s for s in steps if s["step"] == "first_sync")
    assert step8["status"] == "todo" and step8["title"] == "passback activated and first sync run"
    page = op.get(url).text
    assert ">Activate the district</button>" in page and "Run the first sync" not in page

    activated = op.post(
        "/districts/act-1/activate",
        data={"csrf_token": page_csrf(op, url), "back": "onboarding"},
        follow_redirects=False,
    )
    assert activated.headers["location"] == f"{url}#step-first_sync"
    page = op.get(url).text
    assert "District act-1 is active" in page  # no warnings: steps 6 and 7 are done
    assert "Warning:" not in page
    assert ">Run the first sync</button>" in page and ">Activate the district<" not in page
    steps = op.get("/api/v1/districts/act-1/onboarding").json()["steps"]
    assert next(s for s in steps if s["step"] == "first_sync")["status"] == "in_progress"

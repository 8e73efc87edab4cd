"""The teacher view: a sync of one class on request, queued like any on-demand sync and
at most one per class every few minutes; only for a class the teacher teaches."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from passback.operations import reports, syncs

from .harness import World, page_csrf


def _message(html: str) -> str:
    found = re.search(r'<div class="flash (\w+)"[^>]*>(.*?)</div>', html, re.S)
    assert found
    return f"{found.group(1)}: {found.group(2).strip()}"


def test_a_teacher_requests_a_sync_of_their_class_once_in_a_while(
    fresh_world: Callable[..., World],
) -> None:
    world = fresh_world()
    teacher = world.client("teacher")
    path = f"/districts/{world.district}/teacher"
    page = teacher.get(path).text
    assert "Request a sync of this class" in page and "needs attention" in page
    token = page_csrf(teacher, path)
    asked = teacher.post(f"{path}/sync", data={"csrf_token": token, "class": "CLS-HS-1"})
    assert _message(asked.text) == (
        "ok: A sync of Algebra I - Sec 1 is queued. Reload this page in a minute to see its result."
    )
    again = teacher.post(f"{path}/sync", data={"csrf_token": token, "class": "CLS-HS-1"})
    assert _message(again.text).startswith("info: A sync of Algebra I - Sec 1 was requested")
    # The queued sync runs: a run of that class, started by the teacher view.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        scoped = [r for r in reports.history(world.engine, world.district) if r.scope]
        if scoped and scoped[0].finished_at:
            break
        time.sleep(0.2)
    assert scoped and scoped[0].scope == {"class": "CLS-HS-1"} and scoped[0].trigger == "teacher"
    assert syncs.claim_class_sync(world.runtime, world.district, "CLS-HS-1") > 0
    # The history names the class; the users page names the teacher's SIS user.
    admin = world.client("admin")
    runs_page = admin.get(f"/districts/{world.district}/runs").text
    assert 'class Algebra I - Sec 1 <span class="id">CLS-HS-1</span>' in runs_page
    assert 'Miguel Zhang <span class="id">T-1</span>' in admin.get("/users").text
    # Someone else's class: refused.
    other = teacher.post(f"{path}/sync", data={"csrf_token": token, "class": "CLS-HS-4"})
    assert other.status_code == 403


def test_live_progress_shows_the_phase_and_counts_of_a_requested_run(
    fresh_world: Callable[..., World],
) -> None:
    from passback.sandbox.faults import FaultConfig

    world = fresh_world()
    world.sandbox.set_faults(FaultConfig(latency_ms=120))  # slow enough to watch
    admin = world.client("admin")
    runs_path = f"/districts/{world.district}/runs"
    asked = admin.post(
        runs_path,
        data={"csrf_token": page_csrf(admin, runs_path), "mode": "dry_run"},
        follow_redirects=False,
    )
    job = asked.headers["location"].split("job=")[1]
    seen: list[dict[str, object]] = []
    deadline = time.monotonic() + 60
    info: dict[str, object] = {}
    while time.monotonic() < deadline:
        info = admin.get(f"/api/v1/jobs/{job}").json()
        if info["progress"]:
            seen.append(info["progress"])  # type: ignore[arg-type]
        if info["status"] in ("done", "failed"):
            break
        time.sleep(0.05)
    world.sandbox.set_faults(FaultConfig())
    assert info["status"] == "done"
    phases = {str(p["phase"]) for p in seen}
    assert any("reading the SIS roster" in p for p in phases), phases
    for p in seen:  # counts, when a phase has them, never pass the total
        if p["total"] is not None:
            assert 0 <= p["done"] <= p["total"]  # type: ignore[operator]
    # Once done, the history has the finished run with its counts (no "running" row left).
    history = admin.get(runs_path).text
    assert "s-running" not in history


def test_a_paused_district_queues_no_class_sync_and_says_why(
    fresh_world: Callable[..., World],
) -> None:
    from passback.onboarding import activation

    world = fresh_world()
    activation.deactivate(world.engine, world.district, by="admin")
    before = len(reports.history(world.engine, world.district))
    teacher = world.client("teacher")
    path = f"/districts/{world.district}/teacher"
    token = page_csrf(teacher, path)
    asked = teacher.post(f"{path}/sync", data={"csrf_token": token, "class": "CLS-HS-1"})
    assert asked.status_code == 200
    assert _message(asked.text).startswith(
        "error: No sync of Algebra I - Sec 1 was queued: passback is not active"
    )
    time.sleep(1)  # nothing was queued, so nothing runs
    assert len(reports.history(world.engine, world.district)) == before

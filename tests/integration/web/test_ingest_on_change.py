"""A district with `options.on_change`: scores arriving through the API queue a debounced
sync of their class in the same transaction; without the option, nothing is queued."""

from __future__ import annotations

from passback.scheduling.jobs import list_jobs
from passback.store.db import session_scope

from .harness import World


def _queued(world: World) -> list[object]:
    with session_scope(world.engine) as session:
        return [
            j
            for j in list_jobs(session, district=world.district)
            if j.trigger == "on_change" and j.status in ("queued", "running", "done")
        ]


def test_a_score_change_queues_a_sync_of_its_class_only_with_on_change(fresh_world) -> None:  # type: ignore[no-untyped-def]
    world: World = fresh_world()
    admin = world.client("op")
    score = {
        "assessment": "A-100",
        "student": "S-1",
        "state": "graded",
        "points": 3,
        "updated_at": "2026-11-12T10:00:00Z",
    }
    url = f"/api/v1/districts/{world.district}/scores"
    assert world.api().post(url, json=score).status_code in (200, 201)
    assert _queued(world) == []

    config = admin.get(f"/api/v1/districts/{world.district}/config").json()
    config["sis"].pop("client_secret_stored")
    config["options"]["on_change"] = True
    assert admin.put(f"/api/v1/districts/{world.district}/config", json=config).status_code == 200
    score["points"], score["updated_at"] = 4, "2026-11-12T11:00:00Z"
    assert world.api().post(url, json=score).status_code in (200, 201)
    jobs = _queued(world)
    assert len(jobs) == 1
    assert jobs[0].scope.get("classes") == ["CLS-HS-1"]  # type: ignore[attr-defined]

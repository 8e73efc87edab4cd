"""The platform's side: one record at a time, batches, deletions; bad records name the
record and the field; good ones in a batch are kept."""

from __future__ import annotations

from typing import Any

from passback.store import source
from passback.store.db import session_scope

from .harness import World


def _assessment(**changes: Any) -> dict[str, Any]:
    record = {
        "id": "A-900",
        "classes": ["CLS-HS-1"],
        "title": "API Quiz",
        "type": "Quiz",
        "scoring": "points",
        "points_possible": 10,
        "include_in_final_grade": True,
        "assigned_by": "T-1",
        "assigned_on": "2026-11-01",
        "due_on": "2026-11-05",
        "updated_at": "2026-11-01T15:00:00Z",
    }
    record.update(changes)
    return record


def _stored(world: World, assessment: str) -> Any:
    with session_scope(world.engine) as session:
        found = [a for a in source.load_assessments(session, world.district) if a.id == assessment]
    return found[0] if found else None


def test_one_assessment_is_stored_and_a_stale_resend_ignored(world: World) -> None:
    api = world.api()
    url = f"/api/v1/districts/{world.district}/assessments"
    first = api.post(url, json=_assessment(title="API Quiz v2", updated_at="2026-11-02T15:00:00Z"))
    assert first.json() == {"assessment": "A-900", "stored": True, "stale": False}
    older = api.post(url, json=_assessment())
    assert older.json()["stale"] is True
    assert _stored(world, "A-900").title == "API Quiz v2"


def test_a_bad_assessment_names_the_record_and_field(world: World) -> None:
    response = world.api().post(
        f"/api/v1/districts/{world.district}/assessments",
        json=_assessment(id="A-901", due_on="05/11/2026"),
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    error = response.json()["errors"][0]
    assert error["field"] == "due_on"
    assert "YYYY-MM-DD" in error["message"]
    assert "A-901" in error["record"]
    assert _stored(world, "A-901") is None


def test_unknown_fields_are_errors(world: World) -> None:
    response = world.api().post(
        f"/api/v1/districts/{world.district}/assessments", json=_assessment(colour="red")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "colour"


def test_scores_need_their_assessment_and_can_be_deleted(world: World) -> None:
    api = world.api()
    url = f"/api/v1/districts/{world.district}/scores"
    score = {
        "assessment": "A-902",
        "student": "S-1",
        "state": "graded",
        "points": 8,
        "updated_at": "2026-11-06T10:00:00Z",
    }
    missing = api.post(url, json=score)
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "assessment"
    api.post(f"/api/v1/districts/{world.district}/assessments", json=_assessment(id="A-902"))
    assert api.post(url, json=score).json()["stored"] is True
    graded_without_points = api.post(url, json={**score, "points": None})
    assert graded_without_points.json()["errors"][0]["field"] == "points"
    assert api.delete(f"{url}/A-902/S-1").json()["deleted"] is True
    assert api.delete(f"{url}/A-902/S-1").status_code == 404


def test_a_batch_keeps_good_records_and_lists_bad_ones(world: World) -> None:
    document = {
        "district": world.district,
        "assessments": [_assessment(id="A-910"), _assessment(id="A-911", scoring="letters")],
        "scores": [
            {
                "assessment": "A-910",
                "student": "S-2",
                "state": "graded",
                "points": 9,
                "updated_at": "2026-11-06T10:00:00Z",
            },
            {
                "assessment": "A-910",
                "student": "S-3",
                "state": "graded",
                "points": -1,
                "updated_at": "2026-11-06T10:00:00Z",
            },
        ],
    }
    response = world.api().post(f"/api/v1/districts/{world.district}/import", json=document)
    assert response.status_code == 200
    summary = response.json()
    assert summary["stored"] == 2 and summary["rejected"] == 2
    fields = {(e["record"].split(" ")[0], e["field"]) for e in summary["errors"]}
    assert fields == {("assessments[1]", "scoring"), ("scores[1]", "points")}
    assert _stored(world, "A-910") is not None and _stored(world, "A-911") is None


def test_a_batch_for_another_district_is_refused(world: World) -> None:
    response = world.api().post(
        f"/api/v1/districts/{world.district}/import",
        json={"district": "other-1", "assessments": [_assessment(id="A-920")]},
    )
    assert response.status_code == 422
    assert "other-1" in response.json()["detail"]


def test_deleting_an_assessment_leaves_a_tombstone(world: World) -> None:
    api = world.api()
    api.post(f"/api/v1/districts/{world.district}/assessments", json=_assessment(id="A-930"))
    assert api.delete(f"/api/v1/districts/{world.district}/assessments/A-930").status_code == 200
    assert _stored(world, "A-930").deleted is True
    assert api.delete(f"/api/v1/districts/{world.district}/assessments/A-939").status_code == 404


def test_batch_score_deletion_counts_what_existed(world: World) -> None:
    api = world.api()
    api.post(f"/api/v1/districts/{world.district}/assessments", json=_assessment(id="A-940"))
    api.post(
        f"/api/v1/districts/{world.district}/scores",
        json={
            "assessment": "A-940",
            "student": "S-9",
            "state": "submitted",
            "updated_at": "2026-11-06T10:00:00Z",
        },
    )
    response = api.post(
        f"/api/v1/districts/{world.district}/scores/delete",
        json={
            "scores": [
                {"assessment": "A-940", "student": "S-9"},
                {"assessment": "A-940", "student": "S-404"},
            ]
        },
    )
    assert response.json() == {"requested": 2, "deleted": 1}

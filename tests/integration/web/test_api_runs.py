"""Runs, reports (filters, CSV), "sync now" and dry runs with progress, explain, plots,
and the teacher's status view."""

from __future__ import annotations

import csv
import io
import time
from typing import Any

from fastapi.testclient import TestClient

from .harness import World


def _wait(client: TestClient, job: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        info = client.get(f"/api/v1/jobs/{job}").json()
        if info["status"] in ("done", "failed"):
            return info
        time.sleep(0.2)
    raise AssertionError("the job did not finish")


def test_report_filters_to_one_reason(world: World) -> None:
    api = world.api()
    everything = api.get(f"/api/v1/runs/{world.run_id}").json()
    assert everything["matching"] == len(everything["items"]) > 20
    skipped = api.get(f"/api/v1/runs/{world.run_id}?action=skip&reason=TITLE_TOO_LONG").json()
    assert skipped["matching"] > 0
    assert all("TITLE_TOO_LONG" in i["reasons"] and i["action"] == "skip" for i in skipped["items"])
    expected = sum(
        1 for i in everything["items"] if i["action"] == "skip" and "TITLE_TOO_LONG" in i["reasons"]
    )
    assert skipped["matching"] == expected
    assert "Shorten the assessment's title" in skipped["items"][0]["message"]


def test_report_pages(world: World) -> None:
    api = world.api()
    full = api.get(f"/api/v1/runs/{world.run_id}").json()["items"]
    first = api.get(f"/api/v1/runs/{world.run_id}?limit=10").json()
    second = api.get(f"/api/v1/runs/{world.run_id}?limit=10&offset=10").json()
    assert first["items"] + second["items"] == full[:20]


def test_an_unknown_action_filter_is_a_problem(world: World) -> None:
    response = world.api().get(f"/api/v1/runs/{world.run_id}?action=explode")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "action"
    assert "skip" in response.json()["errors"][0]["message"]


def test_csv_export_has_the_filtered_rows(world: World) -> None:
    response = world.api().get(f"/api/v1/runs/{world.run_id}/items.csv?action=skip")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    report = world.api().get(f"/api/v1/runs/{world.run_id}?action=skip").json()
    assert len(rows) == report["matching"]
    assert {r["action"] for r in rows} == {"skip"}
    assert rows[0]["reasons"] and rows[0]["message"]
    # names for people, ids beside them, and people's words for the kind of row
    by_id = {(i["kind"], i["assessment"], i["student"]): i for i in report["items"]}
    kinds = {"assessment": "lineItem", "score": "result"}
    assert {r["type"] for r in rows} == {"assessment", "score"}
    for row in rows:
        item = by_id[(kinds[row["type"]], row["assessment id"], row["student id"] or None)]
        assert row["assessment"] == item["names"]["assessment"] != row["assessment id"]
        assert row["class"] == item["names"]["class"]
        assert row["student"] == (item["names"]["student"] or "")
    # a class the SIS does not know has no name: its id stands in
    named = [r for r in rows if r["class"] != r["class id"]]
    assert named and all(r["class id"] == "CLS-NOT-IN-SIS" for r in rows if r not in named)
    assert all(r["student"] != r["student id"] for r in rows if r["student id"])


def test_teacher_filter_keeps_only_their_classes_and_assessments(world: World) -> None:
    api = world.api()
    mine = api.get(f"/api/v1/runs/{world.run_id}?teacher={world.teacher}").json()["items"]
    everything = api.get(f"/api/v1/runs/{world.run_id}").json()["items"]
    assert 0 < len(mine) < len(everything)
    assert any(i["assessment"] == "A-100" for i in mine)
    assert not any(i["assessment"] == "A-206" for i in mine)  # another teacher's quiz
    # the teacher by name, as a person types it, finds the same items
    teacher = next(
        u for u in world.sandbox.state.values("users") if u["sourcedId"] == world.teacher
    )
    name = f"{teacher['givenName']} {teacher['familyName']}".upper()
    assert api.get(f"/api/v1/runs/{world.run_id}", params={"teacher": name}).json()["items"] == mine


def test_dry_run_then_sync_through_the_api(world: World) -> None:
    api = world.api(world.other_token)
    started = api.post("/api/v1/districts/other-1/syncs", json={"dry_run": True})
    assert started.status_code == 202
    info = _wait(api, started.json()["job"])
    assert info["status"] == "done" and info["run"]["dry_run"] is True
    report = api.get(f"/api/v1/runs/{info['run']['id']}").json()
    assert report["dry_run"] is True and report["as_of"] == "2026-11-10"
    assert report["counts"]["created"] == 0  # the earlier sync wrote everything already
    synced = _wait(api, api.post("/api/v1/districts/other-1/syncs", json={}).json()["job"])
    assert synced["run"]["dry_run"] is False
    assert synced["run"]["counts"]["unchanged"] > 0


def test_sync_body_is_validated(world: World) -> None:
    response = world.api().post(
        f"/api/v1/districts/{world.district}/syncs", json={"dry_run": "sometimes"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "dry_run"


def test_explain_says_why(world: World) -> None:
    response = world.api().get(f"/api/v1/districts/{world.district}/explain?assessment=A-202")
    items = response.json()["items"]
    assert items and all("TITLE_TOO_LONG" in i["reasons"] for i in items if i["kind"] == "lineItem")


def test_stats_match_the_runs(world: World) -> None:
    stats = world.api().get(f"/api/v1/districts/{world.district}/stats").json()
    report = world.api().get(f"/api/v1/runs/{world.run_id}").json()
    scores = [i for i in report["items"] if i["kind"] == "result"]
    night = stats["nights"][0]
    assert night["sent"] == sum(1 for i in scores if i["action"] in ("create", "update"))
    assert night["skipped"] == sum(1 for i in scores if i["action"] == "skip")
    reasons = {r["code"]: r["count"] for r in stats["top_skip_reasons"]["reasons"]}
    skipped_items = [i for i in report["items"] if i["action"] == "skip"]
    assert reasons["TITLE_TOO_LONG"] == sum(
        1 for i in skipped_items if "TITLE_TOO_LONG" in i["reasons"]
    )


def test_teacher_status_is_their_own(world: World) -> None:
    teacher = world.client("teacher")
    status = teacher.get(f"/api/v1/districts/{world.district}/teacher-status").json()
    assessments = {a["assessment"] for c in status["classes"] for a in c["assessments"]}
    assert "A-100" in assessments and "A-206" not in assessments
    a202 = next(
        a for c in status["classes"] for a in c["assessments"] if a["assessment"] == "A-202"
    )
    assert a202["line_item"]["status"] == "skipped"
    assert a202["line_item"]["reasons"][0]["code"] == "TITLE_TOO_LONG"
    assert "Shorten" in a202["line_item"]["reasons"][0]["message"]
    other = teacher.get(f"/api/v1/districts/{world.district}/teacher-status?teacher=T-2")
    assert other.status_code == 403

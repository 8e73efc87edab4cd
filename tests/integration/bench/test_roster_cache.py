"""The roster and passback's lineItems cached between runs: a run from the cache decides
exactly what a run reading the SIS whole decides, sees every kind of SIS change, and an
unchanged run reads one page per class it touches plus a fixed few."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from passback.sync.roster import ROSTER
from passback.sync.service import SyncSettings
from passback.sync.stats import RunStats

from .harness import BenchWorld

UNCACHED = SyncSettings(roster_cache=False)


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """SQLite only: the cache's storage runs on PostgreSQL in test_batching."""
    return sqlite_url


def cached(**kw: Any) -> tuple[SyncSettings, RunStats]:
    stats = RunStats()
    return SyncSettings(stats=stats, **kw), stats


def same_plan_as_a_full_read(bw: BenchWorld) -> dict[str, Any]:
    """A dry run from the cache, checked against a dry run that reads the SIS whole."""
    settings, _ = cached()
    from_cache = bw.sync(dry_run=True, settings=settings)
    truth = bw.sync(dry_run=True, settings=UNCACHED)
    assert list(from_cache["items"]) == list(truth["items"])
    return from_cache


def stamped(bw: BenchWorld, collection: str, sid: str, **changes: Any) -> None:
    """Change an object in the SIS the way the SIS would: a new dateLastModified."""
    state = bw.sandbox.state
    obj = state.get(collection, sid)
    assert obj is not None
    status = changes.pop("status", None)
    state.upsert(collection, {**obj, **changes})
    if status is not None:  # `upsert` makes objects active; keep its fresh stamp
        again = state.get(collection, sid)
        assert again is not None
        state.upsert(collection, {**again, "status": status}, stamp=False)


def test_an_unchanged_run_reads_one_page_per_class_and_a_fixed_few(bw: BenchWorld) -> None:
    first_settings, first = cached()
    report = bw.sync(settings=first_settings)
    assert report["counts"]["created"] > 50
    assert set(first.roster.values()) == {"full"}

    settings, stats = cached()
    again = bw.sync(settings=settings)
    assert again["api_calls"]["writes"] == 0
    assert set(stats.roster.values()) <= {"cached", "delta"}
    # one results page per class touched; 3 per roster collection (changes, ids, tonight's
    # slice of the rolling content check) and 2 for the lineItems; one token
    assert again["api_calls"]["reads"] <= stats.gradebook_classes + 3 * len(ROSTER) + 2
    assert stats.gradebook_classes > 5


def test_roster_changes_reach_the_rules(bw: BenchWorld) -> None:
    bw.sync()
    state = bw.sandbox.state
    enrollments = [e for e in state.values("enrollments") if e["role"] == "student"]
    # a student leaves one class (soft delete), another's enrollment is deleted outright
    stamped(bw, "enrollments", enrollments[0]["sourcedId"], status="tobedeleted")
    state.delete("enrollments", enrollments[5]["sourcedId"])
    # a teacher's copy of a district category is switched off
    category = next(
        c
        for c in state.values("categories")
        # PowerSchool's shape: a district copy carries neither flag
        if "categoryType" not in c["metadata"] and "isActive" not in c["metadata"]
    )
    stamped(
        bw,
        "categories",
        category["sourcedId"],
        metadata={**category["metadata"], "isActive": "false"},
    )
    report = same_plan_as_a_full_read(bw)
    reasons = {r for item in report["items"] for r in item["reasons"]}
    assert {"STUDENT_NOT_ENROLLED", "CATEGORY_INACTIVE"} <= reasons


def test_teacher_changes_to_our_line_items_are_seen(bw: BenchWorld) -> None:
    bw.sync()
    ours = sorted(k for k in bw.ours() if k.startswith("pbl-"))
    state = bw.sandbox.state
    edited = state.get("lineItems", ours[0])
    assert edited is not None
    owner = state.get("categories", edited["category"]["sourcedId"])
    assert owner is not None
    other = next(
        c["sourcedId"]
        for c in state.values("categories")
        if c["sourcedId"] != edited["category"]["sourcedId"]
        and c["metadata"]["userDcid"] == owner["metadata"]["userDcid"]
    )
    stamped(bw, "lineItems", ours[0], category={"sourcedId": other})
    state.delete("lineItems", ours[1])
    report = same_plan_as_a_full_read(bw)
    conflicts = {i["sourcedId"] for i in report["items"] if i["action"] == "conflict"}
    assert ours[1] in conflicts
    # a teacher's category is kept, not a conflict (docs/sync.md): the report says so
    moved = next(i for i in report["items"] if i["sourcedId"] == ours[0])
    assert moved["message"].startswith("Category kept as the teacher set it in the SIS")


def test_refresh_on_demand_and_on_schedule_read_everything(bw: BenchWorld) -> None:
    bw.sync()
    settings, stats = cached()
    bw.sync(settings=settings, refresh_roster=True)
    assert set(stats.roster.values()) == {"full"}
    settings, stats = cached(roster_full_every=timedelta(0))
    bw.sync(settings=settings)
    assert set(stats.roster.values()) == {"full"}
    settings, stats = cached()
    bw.sync(settings=settings)
    assert "full" not in set(stats.roster.values())


class NoDeltaReads(httpx.AsyncBaseTransport):
    """A SIS that cannot filter on dateLastModified: 400, as OneRoster servers answer an
    unknown filter field (the sandbox behind it serves everything else)."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if "dateLastModified" in request.url.params.get("filter", ""):
            body = {
                "imsx_codeMajor": "failure",
                "imsx_severity": "error",
                "imsx_CodeMinor": {
                    "imsx_codeMinorField": [
                        {"imsx_codeMinorFieldName": "TargetEndSystem",
                         "imsx_codeMinorFieldValue": "invalid_filter_field"}
                    ]
                },
                "imsx_description": "filter: 'dateLastModified' is not a known field",
            }  # fmt: skip
            return httpx.Response(400, json=body, request=request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def test_a_sis_without_delta_reads_is_read_whole_every_run(bw: BenchWorld) -> None:
    first = bw.sync(settings=SyncSettings(transport=NoDeltaReads()))
    assert first["status"] == "succeeded", first["error"]
    settings, stats = cached(transport=NoDeltaReads())
    again = bw.sync(settings=settings)
    assert again["status"] == "succeeded", again["error"]
    assert again["api_calls"]["writes"] == 0
    assert stats.roster["enrollments"] == "full"
    assert stats.roster["lineItems"] == "per class"

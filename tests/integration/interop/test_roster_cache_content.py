"""The roster cache's content check against a SIS whose stamps cannot be trusted: a change
the SIS did not stamp (or stamped in the past) still reaches the cache within a week,
without any night reading a collection whole."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from passback.oneroster import OneRosterClient
from passback.store import districts
from passback.store import roster_cache as cache_store
from passback.store.db import session_scope
from passback.sync.cached_roster import CachePolicy, cached_context, slice_filter

from .quirk_server import BASE_PATH, CLIENT_ID, CLIENT_SECRET, Quirks
from .test_quirks import DISTRICT, HOST, Kit, seed

NIGHT0 = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
POLICY = CachePolicy(full_every=timedelta(days=30))


def refresh(kit: Kit, now: datetime, policy: CachePolicy = POLICY) -> dict[str, str]:
    async def go() -> dict[str, str]:
        report: dict[str, Any] = {}
        async with OneRosterClient(
            base_url=HOST + BASE_PATH,
            token_url=HOST + "/token",
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            transport=httpx.ASGITransport(app=kit.server.app()),
        ) as client:
            with session_scope(kit.engine) as session:
                district = districts.get_district(session, DISTRICT)
            assert district is not None
            await cached_context(
                kit.engine, client, district, policy=policy, now=now, report=report
            )
        return report

    return asyncio.run(go())


def cached(kit: Kit, collection: str) -> dict[str, dict[str, Any]]:
    with session_scope(kit.engine) as session:
        records = cache_store.load_records(session, DISTRICT, collection) or []
    return {r["sourcedId"]: r for r in records}


def test_an_unstamped_change_is_found_within_a_week_without_a_full_read(kit: Kit) -> None:
    kit.server.quirks = Quirks(stale_stamps=True, page_cap=5, links=False)
    seed(kit.server)
    kit.configure()
    assert set(refresh(kit, NIGHT0).values()) == {"full"}
    target = "E-C2-S25"
    kit.server.put("enrollments", {**kit.server.data["enrollments"][target], "primary": "true"})
    assert cached(kit, "enrollments")[target]["primary"] == "false"
    for night in range(1, 8):
        how = refresh(kit, NIGHT0 + timedelta(days=night))
        assert "full" not in how.values()
        if cached(kit, "enrollments")[target]["primary"] == "true":
            break
    else:
        raise AssertionError("the unstamped change was not found in seven nights")


def test_a_change_stamped_in_the_past_is_read_the_next_night(kit: Kit) -> None:
    seed(kit.server)
    kit.configure()
    refresh(kit, NIGHT0)
    # the SIS stamps the change an hour before the newest stamp passback has seen
    record = {**kit.server.data["classes"]["C3"], "title": "Renamed"}
    newest = max(r["dateLastModified"] for r in kit.server.data["classes"].values())
    earlier = datetime.fromisoformat(newest.replace("Z", "+00:00")) - timedelta(hours=1)
    record["dateLastModified"] = earlier.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    kit.server.data["classes"]["C3"] = record
    no_slices = CachePolicy(full_every=timedelta(days=30), slices=0)
    how = refresh(kit, NIGHT0 + timedelta(days=1), no_slices)
    assert how["classes"] == "delta"
    assert cached(kit, "classes")["C3"]["title"] == "Renamed"


def test_the_slices_cover_every_id_in_a_week() -> None:
    ids = [f"E{i:03d}" for i in range(100)]
    covered: list[str] = []
    for night in range(7):
        flt = slice_filter(ids, 7, NIGHT0 + timedelta(days=night))
        assert flt is not None and flt.count("'") <= 4  # at most two predicates
        low = high = None
        for part in flt.split(" AND "):
            value = part.split("'")[1]
            if ">=" in part:
                low = value
            else:
                high = value
        covered += [i for i in ids if (low is None or i >= low) and (high is None or i < high)]
    assert sorted(covered) == ids  # each id in exactly one night's slice

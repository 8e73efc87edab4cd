"""Per-client limits: the concurrency cap, the requests-per-second cap, and the counts."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from .conftest import FakeSis, make_client

pytestmark = pytest.mark.anyio


async def test_no_more_than_max_concurrency_requests_are_in_flight() -> None:
    sis = FakeSis()
    in_flight = 0
    peak = 0
    record = {"sourcedId": "R1", "lineItem": {"sourcedId": "L"}, "student": {"sourcedId": "S"}}

    async def slow(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        return httpx.Response(200, json={"result": record})

    sis.on("GET", "/results/R1", slow)
    async with make_client(sis, max_concurrency=3) as client:
        found = await asyncio.gather(*(client.result("R1") for _ in range(30)))
    assert all(r is not None for r in found)
    assert peak == 3


async def test_requests_per_second_spaces_requests_out() -> None:
    sis = FakeSis()
    sis.on("DELETE", "/results/R1", httpx.Response(204))
    async with make_client(sis, requests_per_second=20) as client:
        await client.get_token_now()
        started = time.monotonic()
        await asyncio.gather(*(client.delete_result("R1") for _ in range(30)))
        elapsed = time.monotonic() - started
    # A bucket of 20 drains at 20/s: the 10 requests beyond the first burst need >= 0.5 s.
    # Only a lower bound: the limit is a correctness property, not a speed claim.
    assert elapsed >= 0.45
    assert client.counts.writes == 30


async def test_counts_split_reads_writes_tokens_and_retries() -> None:
    sis = FakeSis()
    sis.on("GET", "/classes", httpx.Response(200, json={"classes": []}))
    sis.on("PUT", "/results/R1", httpx.Response(503), httpx.Response(201, json={}))
    sis.on("DELETE", "/results/R1", httpx.Response(204))
    async with make_client(sis) as client:
        await client.classes()
        await client.put_result("R1", {"score": 1})
        await client.delete_result("R1")
    counts = client.counts
    assert (counts.reads, counts.writes, counts.token_requests, counts.retries) == (1, 3, 1, 1)

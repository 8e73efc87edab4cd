"""What measuring a run's SIS traffic costs per request: the `MeasuredTransport` every run
wraps around its transport (a tally for the run's `api_calls`), and the same with the
Prometheus observer (`passback.observability.Metrics`: a counter and a histogram per
request). Against httpx's in-process MockTransport, so only passback's side is timed.
CPU microseconds per request; rounds alternate the three ways, medians reported.

    .venv/bin/python benchmarks/metrics_overhead.py [--requests 20000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import httpx

from passback.observability.metrics import Metrics
from passback.sync.observe import MeasuredTransport, SisTally


def handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={})


def transports() -> dict[str, httpx.AsyncBaseTransport]:
    return {
        "plain": httpx.MockTransport(handler),
        "tally": MeasuredTransport(httpx.MockTransport(handler), SisTally(), "d"),
        "tally+prometheus": MeasuredTransport(
            httpx.MockTransport(handler), SisTally(), "d", Metrics()
        ),
    }


async def cpu_per_request(transport: httpx.AsyncBaseTransport, n: int) -> float:
    async with httpx.AsyncClient(transport=transport, base_url="http://sis") as client:
        started = time.process_time()
        for _ in range(n):
            await client.get("/x")
        return (time.process_time() - started) / n * 1e6


async def main(requests: int, rounds: int) -> None:
    seen: dict[str, list[float]] = {}
    for number in range(rounds):
        ways = list(transports().items())
        ways = ways[number % 3 :] + ways[: number % 3]
        for name, transport in ways:
            seen.setdefault(name, []).append(await cpu_per_request(transport, requests))
    plain = statistics.median(seen["plain"])
    for name, values in seen.items():
        median = statistics.median(values)
        print(f"{name:18} {median:7.1f} us/request  (+{median - plain:5.1f} over plain httpx)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.rounds))

"""What the OneRoster client costs per call on top of plain httpx, against the sandbox.

For GET (a class by id) and PUT (a result, replaced each time) at each concurrency, the
same requests are made two ways: through `OneRosterClient` (auth flow, limits, retry loop,
classification, pydantic models) and through a bare `httpx.AsyncClient` loop (bearer header
set once, `raise_for_status()`, `response.json()`). Overhead per call = client time per call
minus bare time per call. Rounds alternate which side goes first; medians are reported.

The sandbox runs in a child process (its own interpreter, so its CPU does not compete with
the client's for the GIL) under uvicorn on 127.0.0.1.

    .venv/bin/python benchmarks/client_overhead.py [--requests 1000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import structlog

from passback.oneroster import OneRosterClient, RetryPolicy

RESULTS = Path(__file__).parent / "results" / "client_overhead.json"
CLASS = "CLS-HS-1"
API = "/ims/oneroster/v1p1"
TOKEN = "/oauth/access_token"  # noqa: S105 - a path
# The sandbox's published demo client, not a secret.
DEMO_ID, DEMO_SECRET = "demo", "demo-secret"

_SERVER = """
import sys, uvicorn
from passback.sandbox import SandboxState, create_app, sample_fixture
app = create_app(SandboxState.from_fixture(sample_fixture()))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def sandbox_process() -> Iterator[str]:
    port = free_port()
    child = subprocess.Popen([sys.executable, "-c", _SERVER, str(port)])  # noqa: S603
    root = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{root}/sandbox/stats", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if child.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the sandbox did not start")
            time.sleep(0.05)
        yield root
    finally:
        child.terminate()
        child.wait(timeout=10)


async def writable_result(root: str) -> tuple[str, dict[str, Any]]:
    """A result the demo client may PUT over and over: an open-period lineItem of the class
    teacher's, and an enrolled student."""
    async with OneRosterClient(
        base_url=root + API, token_url=root + TOKEN, client_id=DEMO_ID, client_secret=DEMO_SECRET
    ) as client:
        enrollments = [e for e in await client.enrollments() if e.class_.sourcedId == CLASS]
        teachers = {e.user.sourcedId for e in enrollments if e.role == "teacher"}
        student = next(e.user.sourcedId for e in enrollments if e.role == "student" and e.active)
        category = next(
            c.sourcedId
            for c in await client.categories()
            if c.teacher in teachers and c.category_type == "district" and c.is_active
        )
        await client.put_line_item(
            "pbl-bench",
            {
                "title": "Benchmark",
                "assignDate": "2026-11-02T12:00:00Z",
                "dueDate": "2026-11-02T12:00:00Z",
                "class": {"sourcedId": CLASS},
                "category": {"sourcedId": category},
                "gradingPeriod": {"sourcedId": "GP-HS-Q2"},
                "resultValueMin": 0,
                "resultValueMax": 20,
            },
        )
    payload = {
        "lineItem": {"sourcedId": "pbl-bench"},
        "student": {"sourcedId": student},
        "score": 15,
        "scoreStatus": "fully graded",
        "scoreDate": "2026-11-02",
    }
    return "pbr-bench", payload


Timing = tuple[float, float]  # (wall seconds per call, client-process CPU seconds per call)


async def run_many(
    call: Callable[[], Awaitable[object]], requests: int, concurrency: int
) -> Timing:
    """Wall and CPU seconds per call for `requests` calls, at most `concurrency` in flight."""
    remaining = requests

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await call()

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall, used = time.perf_counter() - started, time.process_time() - cpu
    return wall / requests, used / requests


Transports = Callable[[int], httpx.AsyncBaseTransport]


def loopback(concurrency: int) -> httpx.AsyncBaseTransport:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    return httpx.AsyncHTTPTransport(limits=limits)


async def recorded(root: str, result_id: str, payload: dict[str, Any]) -> Transports:
    """An in-process transport replaying the sandbox's real answers (token, GET class, PUT
    result): no socket and no server, so what remains is the client side's own CPU."""
    async with httpx.AsyncClient() as http:
        token = await http.post(
            root + TOKEN, auth=(DEMO_ID, DEMO_SECRET), data={"grant_type": "client_credentials"}
        )
        bearer = {"Authorization": f"Bearer {token.json()['access_token']}"}
        got = await http.get(f"{root}{API}/classes/{CLASS}", headers=bearer)
        put = await http.put(
            f"{root}{API}/results/{result_id}",
            headers=bearer,
            json={"result": {**payload, "sourcedId": result_id}},
        )
    answers = {
        "POST": (token.status_code, token.content),
        "GET": (got.status_code, got.content),
        "PUT": (put.status_code, put.content),
    }

    def reply(request: httpx.Request) -> httpx.Response:
        status, content = answers[request.method]
        return httpx.Response(status, content=content, headers={"Content-Type": "application/json"})

    return lambda concurrency: httpx.MockTransport(reply)


async def bare_side(
    root: str,
    op: str,
    concurrency: int,
    requests: int,
    transports: Transports,
    result_id: str,
    payload: dict[str, Any],
) -> Timing:
    async with httpx.AsyncClient(transport=transports(concurrency), timeout=30.0) as http:
        token = await http.post(
            root + TOKEN, auth=(DEMO_ID, DEMO_SECRET), data={"grant_type": "client_credentials"}
        )
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        url_get = f"{root}{API}/classes/{CLASS}"
        url_put = f"{root}{API}/results/{result_id}"
        body = {"result": {**payload, "sourcedId": result_id}}

        async def get() -> object:
            response = await http.get(url_get, headers=headers)
            response.raise_for_status()
            return response.json()

        async def put() -> object:
            response = await http.put(url_put, headers=headers, json=body)
            response.raise_for_status()
            return response.json()

        call = get if op == "GET" else put
        await run_many(call, 20, concurrency)  # warm the pool
        return await run_many(call, requests, concurrency)


async def client_side(
    root: str,
    op: str,
    concurrency: int,
    requests: int,
    transports: Transports,
    result_id: str,
    payload: dict[str, Any],
) -> Timing:
    async with OneRosterClient(
        base_url=root + API,
        token_url=root + TOKEN,
        client_id=DEMO_ID,
        client_secret=DEMO_SECRET,
        transport=transports(concurrency),
        max_concurrency=concurrency,
        retry=RetryPolicy(max_attempts=1),
    ) as client:

        async def get() -> object:
            return await client.class_(CLASS)

        async def put() -> object:
            return await client.put_result(result_id, payload)

        call = get if op == "GET" else put
        await run_many(call, 20, concurrency)
        return await run_many(call, requests, concurrency)


async def measure(root: str, requests: int, rounds: int, levels: list[int]) -> list[dict[str, Any]]:
    result_id, payload = await writable_result(root)
    modes: list[tuple[str, Transports]] = [
        ("loopback", loopback),
        ("in-process", await recorded(root, result_id, payload)),
    ]
    rows = []
    for mode, transports in modes:
        for op in ("GET", "PUT"):
            for concurrency in levels:
                bare: list[Timing] = []
                ours: list[Timing] = []
                for n in range(rounds):
                    sides = [(bare, bare_side), (ours, client_side)]
                    for sink, side in sides if n % 2 == 0 else sides[::-1]:
                        sink.append(
                            await side(
                                root, op, concurrency, requests, transports, result_id, payload
                            )
                        )
                rows.append(summary(mode, op, concurrency, requests, bare, ours))
    return rows


def summary(
    mode: str, op: str, concurrency: int, requests: int, bare: list[Timing], ours: list[Timing]
) -> dict[str, Any]:
    b = statistics.median(t[0] for t in bare)
    c = statistics.median(t[0] for t in ours)
    b_cpu = statistics.median(t[1] for t in bare)
    c_cpu = statistics.median(t[1] for t in ours)
    return {
        "transport": mode,
        "op": op,
        "concurrency": concurrency,
        "requests_per_round": requests,
        "rounds": len(bare),
        "bare_us_per_call": us(b),
        "client_us_per_call": us(c),
        "overhead_us_per_call": us(c - b),
        "overhead_pct": round((c - b) / b * 100, 1),
        "bare_cpu_us_per_call": us(b_cpu),
        "client_cpu_us_per_call": us(c_cpu),
        "cpu_overhead_us_per_call": us(c_cpu - b_cpu),
        "bare_rounds_us": [us(t[0]) for t in bare],
        "client_rounds_us": [us(t[0]) for t in ours],
    }


def us(seconds: float) -> float:
    return round(seconds * 1e6, 1)


def print_table(rows: list[dict[str, Any]]) -> None:
    columns = [
        ("transport", "transport", "<10", ""),
        ("op", "op", "<4", ""),
        ("conc", "concurrency", ">4", ""),
        ("httpx µs", "bare_us_per_call", ">9", ".1f"),
        ("client µs", "client_us_per_call", ">10", ".1f"),
        ("overhead µs", "overhead_us_per_call", ">12", ".1f"),
        ("%", "overhead_pct", ">6", ".1f"),
        ("httpx CPU µs", "bare_cpu_us_per_call", ">13", ".1f"),
        ("client CPU µs", "client_cpu_us_per_call", ">14", ".1f"),
        ("CPU overhead µs", "cpu_overhead_us_per_call", ">16", ".1f"),
    ]
    print(" ".join(f"{title:{align}}" for title, _, align, _ in columns))
    for row in rows:
        print(" ".join(f"{row[key]:{align}{fmt}}" for _, key, align, fmt in columns))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000, help="calls per side per round")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help=f"results JSON (default: {RESULTS})"
    )
    args = parser.parse_args()
    # The client's info events (token fetched) would only add noise to the table.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    with sandbox_process() as root:
        rows = asyncio.run(measure(root, args.requests, args.rounds, args.concurrency))
    print_table(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "benchmark": "client_overhead",
        "command": "python benchmarks/client_overhead.py " + " ".join(sys.argv[1:]),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "httpx": httpx.__version__,
        "rows": rows,
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()

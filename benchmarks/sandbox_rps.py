"""Requests per second the SIS sandbox serves over loopback.

Generates a district (`generate_district`, timed), writes it to a temporary fixture, starts
`passback sandbox serve --data FIXTURE` as a separate process (timed until it answers), then
for each scenario runs N concurrent keep-alive connections (httpx.AsyncClient worker tasks,
spread over --clients processes) for a fixed duration and counts completed requests:

    get_page       GET /users?limit=100&offset=… (a paged collection read, offsets cycling)
    get_singleton  GET /users/S-… (random students)
    put_result     PUT /results/… (results of 20 lineItems in open periods; creates, then
                   replaces)

Client and server share the machine, so req/s is a floor for the server alone; the server's
own CPU time per request (from /proc) gives what it could serve on a core of its own.
Prints a table and writes benchmarks/results/sandbox_rps.json.

    .venv/bin/python benchmarks/sandbox_rps.py [--students 50000] [--concurrency 16]
        [--duration 5] [--seed 1] [--clients 2]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import multiprocessing
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from passback.sandbox import generate_district
from passback.sandbox.persistence import save_fixture

RESULTS = Path(__file__).parent / "results" / "sandbox_rps.json"
API = "/ims/oneroster/v1p1"
# The sandbox's published demo client, not a secret.
DEMO = ("demo", "demo-secret")

Request = tuple[str, str, dict[str, Any] | None]  # method, path, JSON body


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def sandbox_process(fixture: Path, port: int) -> Iterator[tuple[str, float, int]]:
    """`passback sandbox serve` in a child process; yields its root URL, start-up seconds
    and pid."""
    exe = shutil.which("passback", path=str(Path(sys.executable).parent)) or "passback"
    started = time.perf_counter()
    proc = subprocess.Popen(  # noqa: S603 - our own CLI, fixed arguments
        [exe, "sandbox", "serve", "--data", str(fixture), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    root = f"http://127.0.0.1:{port}"
    try:
        # One client for all polls: a new httpx client costs ~0.1 s of CPU, which would be
        # taken from the server's start-up on a small machine.
        with httpx.Client(timeout=1) as poller:
            while True:
                if proc.poll() is not None:
                    raise SystemExit(f"the sandbox exited with {proc.returncode}")
                try:
                    poller.get(f"{root}/sandbox/stats")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
        yield root, time.perf_counter() - started, proc.pid
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def write_workload(fixture: dict[str, Any], items: int) -> tuple[list[Request], list[Request]]:
    """lineItems (in each class's open Q2) to create first, and the result PUTs to time."""
    teachers = {
        e["class"]["sourcedId"]: e["user"]["sourcedId"]
        for e in fixture["enrollments"]
        if e["role"] == "teacher" and e["primary"] == "true"
    }
    inactive = {
        c["sourcedId"] for c in fixture["categories"] if c["metadata"]["isActive"] != "true"
    }
    students: dict[str, list[str]] = {}
    for e in fixture["enrollments"]:
        if e["role"] == "student" and e["status"] == "active":
            students.setdefault(e["class"]["sourcedId"], []).append(e["user"]["sourcedId"])
    setup: list[Request] = []
    puts: list[Request] = []
    year_classes = [
        c
        for c in fixture["classes"]
        if c["status"] == "active" and c["terms"][0]["sourcedId"].startswith("SY-")
    ]
    for klass in year_classes[:items]:
        cid = klass["sourcedId"]
        code = cid.split("-")[1]
        category = next(
            f"CAT-{teachers[cid]}-{t}"
            for t in ("TESTS", "QUIZZES", "HOMEWORK")
            if f"CAT-{teachers[cid]}-{t}" not in inactive
        )
        li = f"BENCH-LI-{cid}"
        setup.append(
            (
                "PUT",
                f"/lineItems/{li}",
                {
                    "lineItem": {
                        "title": "Benchmark test",
                        "assignDate": "2026-10-26T12:00:00Z",
                        "dueDate": "2026-11-02T12:00:00Z",
                        "class": {"sourcedId": cid},
                        "category": {"sourcedId": category},
                        "gradingPeriod": {"sourcedId": f"GP-{code}-Q2"},
                        "resultValueMin": 0,
                        "resultValueMax": 20,
                    }
                },
            )
        )
        for student in students.get(cid, []):
            body = {
                "result": {
                    "lineItem": {"sourcedId": li},
                    "student": {"sourcedId": student},
                    "scoreStatus": "fully graded",
                    "score": 17,
                    "scoreDate": "2026-11-03",
                }
            }
            puts.append(("PUT", f"/results/BENCH-R-{cid}-{student}", body))
    return setup, puts


# Set before the client processes fork; each scenario picks its requests from here.
WORKLOAD: dict[str, Any] = {}


def next_request(scenario: str, n: int, rng: random.Random) -> Request:
    if scenario == "get_page":
        return "GET", f"/users?limit=100&offset={(n * 100) % WORKLOAD['users']}", None
    if scenario == "get_singleton":
        return "GET", f"/users/{rng.choice(WORKLOAD['students'])}", None
    puts: list[Request] = WORKLOAD["puts"]
    return puts[n % len(puts)]


async def client_loop(
    scenario: str, base: str, token: str, connections: int, seconds: float, shard: int
) -> tuple[list[float], int, float]:
    """`connections` workers on one AsyncClient until the deadline: latencies, errors, time."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    headers = {"Authorization": f"Bearer {token}"}
    latencies: list[float] = []
    errors = 0
    rng = random.Random(shard)
    counter = shard * 1_000_003  # shards write different results first
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as http:
        # Open every connection before the clock starts.
        await asyncio.gather(*(http.get("/orgs", params={"limit": 1}) for _ in range(connections)))
        deadline = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors, counter
            while time.perf_counter() < deadline:
                method, path, body = next_request(scenario, counter, rng)
                counter += 1
                started = time.perf_counter()
                response = await http.request(method, path, json=body)
                latencies.append(time.perf_counter() - started)
                if response.status_code >= 300:
                    errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(connections)))
        return latencies, errors, time.perf_counter() - began


def _client_process(job: tuple[str, str, str, int, float, int]) -> tuple[list[float], int, float]:
    return asyncio.run(client_loop(*job))


def run_scenario(
    scenario: str, base: str, token: str, concurrency: int, processes: int, seconds: float
) -> dict[str, Any]:
    """Spread `concurrency` connections over `processes` client processes (httpx's own CPU
    cost would otherwise cap the figure well below what the server can do)."""
    shares = [concurrency // processes + (i < concurrency % processes) for i in range(processes)]
    jobs = [(scenario, base, token, n, seconds, i) for i, n in enumerate(shares) if n]
    with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
        outcomes = pool.map(_client_process, jobs)
    latencies = sorted(x for lat, _e, _t in outcomes for x in lat)
    errors = sum(e for _l, e, _t in outcomes)
    elapsed = max(t for _l, _e, t in outcomes)
    return {
        "requests": len(latencies),
        "errors": errors,
        "seconds": round(elapsed, 2),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 2),
        "p99_ms": round(latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--students", type=int, default=50_000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help=f"results JSON (default: {RESULTS})"
    )
    args = parser.parse_args()

    load_at_start = os.getloadavg()
    started, cpu_started = time.perf_counter(), time.process_time()
    fixture = generate_district(args.students, seed=args.seed)
    generate_s = time.perf_counter() - started
    generate_cpu_s = time.process_time() - cpu_started
    counts = {k: len(v) for k, v in fixture.items() if isinstance(v, list)}
    setup, puts = write_workload(fixture, items=20)
    WORKLOAD.update(
        users=counts["users"],
        students=[u["sourcedId"] for u in fixture["users"] if u["role"] == "student"],
        puts=puts,
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "district.json"
        save_fixture(fixture, path)
        del fixture
        with sandbox_process(path, free_port()) as (root, startup_s, pid):
            startup_cpu_s = cpu_seconds(pid)
            token = httpx.post(
                f"{root}/oauth/access_token", auth=DEMO, data={"grant_type": "client_credentials"}
            ).json()["access_token"]
            auth = {"Authorization": f"Bearer {token}"}
            for method, route, body in setup:
                response = httpx.request(method, root + API + route, json=body, headers=auth)
                response.raise_for_status()
            results = {}
            for name in ("get_page", "get_singleton", "put_result"):
                cpu_before = cpu_seconds(pid)
                row = run_scenario(
                    name, root + API, token, args.concurrency, args.clients, args.duration
                )
                cpu_after = cpu_seconds(pid)
                if cpu_before is not None and cpu_after is not None:
                    # Server CPU per request: what the server could do on a core of its own.
                    per_request = (cpu_after - cpu_before) / max(1, row["requests"])
                    row["server_cpu_ms_per_request"] = round(per_request * 1000, 3)
                    row["server_rps_per_core"] = round(1 / per_request, 1) if per_request else None
                results[name] = row

    report = {
        "command": "python benchmarks/sandbox_rps.py " + " ".join(sys.argv[1:]),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "uvicorn_http": "httptools" if importlib.util.find_spec("httptools") else "h11",
            "uvicorn_loop": "uvloop" if importlib.util.find_spec("uvloop") else "asyncio",
            # Other work on the machine skews req/s; the server CPU per request much less.
            "load_average_at_start": [round(x, 2) for x in load_at_start],
        },
        "district": {"students": args.students, "seed": args.seed, **counts},
        "generate_seconds": round(generate_s, 2),
        "generate_cpu_seconds": round(generate_cpu_s, 2),
        "server_startup_seconds": round(startup_s, 2),
        "server_startup_cpu_seconds": startup_cpu_s,
        "concurrency": args.concurrency,
        "client_processes": args.clients,
        "duration_seconds": args.duration,
        "scenarios": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")

    print(
        f"district: {args.students} students, {counts['classes']} classes, "
        f"{counts['enrollments']} enrollments; generated in {generate_s:.2f} s "
        f"({generate_cpu_s:.2f} s CPU), "
        f"server answering after {startup_s:.2f} s ({startup_cpu_s} s CPU)"
    )
    print(
        f"concurrency {args.concurrency} over {args.clients} client processes, "
        f"{args.duration:g} s per scenario, "
        f"uvicorn {report['machine']['uvicorn_http']}/{report['machine']['uvicorn_loop']}"
    )
    print(
        f"{'scenario':<15}{'requests':>10}{'errors':>8}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'srv cpu ms/req':>16}{'srv req/s/core':>16}"
    )
    for name, row in results.items():
        print(
            f"{name:<15}{row['requests']:>10}{row['errors']:>8}{row['rps']:>10}"
            f"{row['p50_ms']:>9}{row['p99_ms']:>9}"
            f"{row.get('server_cpu_ms_per_request', '-'):>16}"
            f"{row.get('server_rps_per_core', '-'):>16}"
        )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

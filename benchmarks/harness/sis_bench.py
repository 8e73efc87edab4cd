"""The benchmarks against a SIS (the sandbox in its own process): write and read
efficiency, throughput against a slow SIS beside a plain httpx loop, and a district's first
and nightly sync end to end."""

from __future__ import annotations

import asyncio
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from harness.sandbox_proc import RunningSandbox, sandbox_process
from harness.world import BenchDistrict, configure, import_platform
from passback.core.domain import ObjectKind
from passback.core.writes import LINE_ITEM_PREFIX, RESULT_PREFIX, fingerprint
from passback.secrets import SecretBox
from passback.store import roster_cache, source
from passback.store.db import make_engine, open_store, session_scope
from passback.sync.service import SyncRequest, SyncSettings, run_sync
from passback.sync.stats import RunStats

DEMO = ("demo", "demo-secret")  # the sandbox's published demo client


class TimedTransport(httpx.AsyncBaseTransport):
    """The real HTTP transport, adding up the time during which at least one request to the
    SIS is outstanding (sent, answer not yet read): the time a run spends waiting on it."""

    def __init__(self, connections: int) -> None:
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        self.inner = httpx.AsyncHTTPTransport(limits=limits)
        self.in_flight = 0
        self.busy_s = 0.0
        self._since = 0.0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.in_flight == 0:
            self._since = time.perf_counter()
        self.in_flight += 1
        try:
            response = await self.inner.handle_async_request(request)
            body = b"".join([part async for part in response.aiter_raw()])
            return httpx.Response(
                response.status_code,
                headers=response.headers,
                content=body,
                request=request,
                extensions=response.extensions,
            )
        finally:
            self.in_flight -= 1
            if self.in_flight == 0:
                self.busy_s += time.perf_counter() - self._since

    async def aclose(self) -> None:
        await self.inner.aclose()


@dataclass
class Runner:
    """Syncs of one benchmark district against one sandbox."""

    database_url: str
    district: BenchDistrict

    def sync(self, **settings: Any) -> tuple[dict[str, Any], RunStats, float]:
        stats = RunStats()
        request = SyncRequest(self.district.district_id, as_of=self.district.as_of, trigger="bench")
        engine = make_engine(self.database_url)
        started = time.perf_counter()
        try:
            report = asyncio.run(
                run_sync(
                    engine,
                    request,
                    box=SecretBox.for_database(self.database_url),
                    settings=SyncSettings(stats=stats, **settings),
                )
            )
        finally:
            engine.dispose()
        return report, stats, time.perf_counter() - started


def ours(sandbox: RunningSandbox) -> dict[str, tuple[Any, ...]]:
    """passback's objects in the SIS, each as the fields that matter."""
    state = sandbox.dump()
    found = {
        o["sourcedId"]: fingerprint(ObjectKind.LINE_ITEM, o)
        for o in state.get("lineItems", [])
        if o["sourcedId"].startswith(LINE_ITEM_PREFIX)
    }
    found |= {
        o["sourcedId"]: fingerprint(ObjectKind.RESULT, o)
        for o in state.get("results", [])
        if o["sourcedId"].startswith(RESULT_PREFIX)
    }
    return found


def changed_objects(before: dict[str, Any], after: dict[str, Any]) -> int:
    """Objects created, deleted or changed in content between two snapshots."""
    return sum(1 for sid in before.keys() | after.keys() if before.get(sid) != after.get(sid))


def _run_row(
    name: str, report: dict[str, Any], stats: RunStats, seconds: float, changed: int
) -> dict[str, Any]:
    writes = int(report["api_calls"]["writes"])
    reads = int(report["api_calls"]["reads"])
    classes = stats.gradebook_classes
    return {
        "run": name,
        "status": report["status"],
        "writes": writes,
        "objects_changed": changed,
        "write_efficiency": round(writes / changed, 3) if changed else None,
        "reads": reads,
        "classes_touched": classes,
        "reads_per_class": round(reads / classes, 3) if classes else None,
        "reads_beyond_one_per_class": reads - classes,
        # the reads of the classes' gradebooks, and the rest: the roster and the lineItem
        # cache's delta reads, a fixed few per run
        "gradebook_reads": stats.gradebook_reads,
        "gradebook_reads_per_class": round(stats.gradebook_reads / classes, 3) if classes else None,
        "roster_reads": reads - stats.gradebook_reads,
        "roster": dict(stats.roster),
        "counts": dict(report["counts"]),
        "seconds": round(seconds, 2),
    }


def change_scores(database_url: str, district_id: str, fraction: float) -> int:
    """Change the points of every n-th graded score, as a re-sent newer version; returns
    how many changed."""
    engine = make_engine(database_url)
    every = max(1, round(1 / fraction))
    changed = []
    with session_scope(engine) as session:
        assessments = source.load_assessments(session, district_id)
        scores = source.load_scores(session, district_id, [a.id for a in assessments])
        graded = [s for s in scores if s.points is not None]
        for score in graded[::every]:
            changed.append(
                type(score)(
                    district=score.district,
                    assessment=score.assessment,
                    student=score.student,
                    state=score.state,
                    points=max(0.0, score.points - 1) if score.points else 1.0,
                    updated_at=score.updated_at + timedelta(hours=1),
                    excluded=score.excluded,
                    comment=score.comment,
                )
            )
        source.upsert_scores(session, changed)
    engine.dispose()
    return len(changed)


def efficiency(workdir: Path, district: BenchDistrict) -> dict[str, Any]:
    """First run, unchanged run, a run after 1% of the scores changed, and the unchanged
    run without the roster cache (the reads it saves)."""
    workdir.mkdir(parents=True, exist_ok=True)
    district.ensure()
    database_url = f"sqlite:///{workdir / 'efficiency.db'}"
    (workdir / "efficiency.db").unlink(missing_ok=True)
    imported = import_platform(database_url, district)
    rows = []
    with sandbox_process(district.sis) as sandbox:
        configure(database_url, district, sandbox)
        runner = Runner(database_url, district)
        before = ours(sandbox)
        for name in ("first", "unchanged", "1% of scores changed", "unchanged, no roster cache"):
            if name.startswith("1%"):
                change_scores(database_url, district.district_id, 0.01)
            settings = {"roster_cache": False} if "no roster cache" in name else {}
            report, stats, seconds = runner.sync(**settings)
            after = ours(sandbox)
            rows.append(_run_row(name, report, stats, seconds, changed_objects(before, after)))
            before = after
    return {"district": district.summary(), "scores": imported["scores"], "runs": rows}


# --- against a slow SIS ----------------------------------------------------------------


async def plain_httpx_puts(
    sandbox: RunningSandbox, objects: list[tuple[str, str, dict[str, Any]]], concurrency: int
) -> float:
    """The same PUTs with a bare httpx client and `concurrency` workers, lineItems first:
    the practical ceiling on this machine. Returns the seconds the PUTs took."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        token = await client.post(
            sandbox.token_url, data={"grant_type": "client_credentials"}, auth=DEMO
        )
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}

        async def phase(batch: list[tuple[str, str, dict[str, Any]]]) -> None:
            work = iter(batch)

            async def worker() -> None:
                for collection, key, obj in work:
                    url = f"{sandbox.base_url}/{collection}/{obj['sourcedId']}"
                    response = await client.put(url, json={key: obj}, headers=headers)
                    response.raise_for_status()

            await asyncio.gather(*(worker() for _ in range(concurrency)))

        started = time.perf_counter()
        await phase([o for o in objects if o[0] == "lineItems"])
        await phase([o for o in objects if o[0] == "results"])
        return time.perf_counter() - started


def _as_written(sandbox: RunningSandbox) -> list[tuple[str, str, dict[str, Any]]]:
    """passback's objects in the SIS as PUT bodies (server fields dropped)."""
    state = sandbox.dump()
    out = []
    for collection, key, prefix in (
        ("lineItems", "lineItem", LINE_ITEM_PREFIX),
        ("results", "result", RESULT_PREFIX),
    ):
        for obj in state.get(collection, []):
            if obj["sourcedId"].startswith(prefix):
                body = {k: v for k, v in obj.items() if k != "dateLastModified"}
                out.append((collection, key, body))
    return out


def _passback_slow(
    workdir: Path, district: BenchDistrict, latency_ms: float, workers: int
) -> dict[str, Any]:
    """passback's first run of the district against a fresh slow sandbox."""
    path = workdir / f"slow-{workers}.db"
    path.unlink(missing_ok=True)
    database_url = f"sqlite:///{path}"
    import_platform(database_url, district)
    with sandbox_process(district.sis, latency_ms=latency_ms) as sandbox:
        configure(database_url, district, sandbox)
        cpu = time.process_time()
        report, stats, seconds = Runner(database_url, district).sync(concurrency=workers)
        cpu = time.process_time() - cpu
        objects = _as_written(sandbox)
    return {
        "writes": int(report["api_calls"]["writes"]),
        "apply_s": stats.seconds.get("apply", 0.0),
        "seconds": seconds,
        "cpu_s": cpu,
        "objects": objects,
        "phases_s": {k: round(v, 2) for k, v in stats.seconds.items()},
    }


def _plain_slow(
    district: BenchDistrict,
    latency_ms: float,
    workers: int,
    objects: list[tuple[str, str, dict[str, Any]]],
) -> tuple[float, float]:
    """The same PUTs with plain httpx into a fresh slow sandbox (creates, as passback's
    were): seconds and CPU seconds."""
    with sandbox_process(district.sis, latency_ms=latency_ms) as sandbox:
        cpu = time.process_time()
        seconds = asyncio.run(plain_httpx_puts(sandbox, objects, workers))
        return seconds, time.process_time() - cpu


def slow_sis(
    workdir: Path, district: BenchDistrict, *, latency_ms: float, concurrency: list[int]
) -> dict[str, Any]:
    workdir.mkdir(parents=True, exist_ok=True)
    district.ensure()
    rows = []
    for workers in concurrency:
        # each side twice, the better kept: the machine is shared and a run takes seconds
        ours = min(
            (_passback_slow(workdir, district, latency_ms, workers) for _ in range(2)),
            key=lambda r: r["apply_s"],
        )
        plain_s, plain_cpu = min(
            (_plain_slow(district, latency_ms, workers, ours["objects"]) for _ in range(2)),
            key=lambda r: r[0],
        )
        writes, apply_s, objects = ours["writes"], ours["apply_s"], ours["objects"]
        limit = workers / (latency_ms / 1000)
        passback_rate = writes / apply_s if apply_s else 0.0
        plain_rate = len(objects) / plain_s if plain_s else 0.0
        rows.append(
            {
                "concurrency": workers,
                "latency_ms": latency_ms,
                "writes": writes,
                "limit_writes_per_s": round(limit, 1),
                "passback_writes_per_s": round(passback_rate, 1),
                "passback_share_of_limit": round(passback_rate / limit, 3),
                "plain_httpx_writes_per_s": round(plain_rate, 1),
                "passback_vs_plain": round(passback_rate / plain_rate, 3) if plain_rate else None,
                # CPU time of the client's process per write (the whole run for passback:
                # reads, rules, plan, ledger and report included)
                "passback_cpu_ms_per_write": round(ours["cpu_s"] * 1000 / writes, 2),
                "plain_cpu_ms_per_write": round(plain_cpu * 1000 / len(objects), 2),
                "run_seconds": round(ours["seconds"], 2),
                "run_writes_per_s": round(writes / ours["seconds"], 1),
                "phases_s": ours["phases_s"],
            }
        )
    return {"district": district.summary(), "rows": rows}


# --- end to end -------------------------------------------------------------------------


@contextmanager
def _peak_of(section: dict[str, Any]) -> Iterator[None]:
    yield
    section["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def end_to_end(database_url: str, district: BenchDistrict) -> dict[str, Any]:
    """A district's first sync and the nightly sync after it, against the sandbox (no added
    latency), each with the share of its time spent waiting on the SIS. The database must
    hold the district's imported data; run in a child process (peak memory)."""
    out: dict[str, Any] = {"district": district.summary()}
    engine = open_store(database_url)
    with session_scope(engine) as session:  # a first sync reads the roster whole
        roster_cache.forget_district(session, district.district_id)
    engine.dispose()
    with sandbox_process(district.sis) as sandbox:
        configure(database_url, district, sandbox)
        runner = Runner(database_url, district)
        for name in ("first sync", "nightly sync"):
            transport = TimedTransport(connections=16)
            section: dict[str, Any] = {}
            with _peak_of(section):
                report, stats, seconds = runner.sync(transport=transport)
            section.update(
                {
                    "status": report["status"],
                    "seconds": round(seconds, 2),
                    "waiting_on_sis_s": round(transport.busy_s, 2),
                    "waiting_share": round(transport.busy_s / seconds, 3),
                    "writes": report["api_calls"]["writes"],
                    "reads": report["api_calls"]["reads"],
                    "counts": dict(report["counts"]),
                    "phases_s": {k: round(v, 2) for k, v in stats.seconds.items()},
                    "scores": stats.scores,
                    "batches": stats.batches,
                }
            )
            out[name] = section
    return out

"""Plan throughput: the run's own batches (load → rules → plan), for a first run (nothing in
the SIS or the ledger) and for the nightly run after it (the SIS and the ledger hold exactly
what the first run wrote: nothing to write).

The SIS's side of the nightly run is built in memory from the first plan (each written object
as the SIS returns it: references with hrefs, a `dateLastModified`), batch by batch: writing
five million results into a sandbox first would take hours. Everything else is the engine's
code: `passback.sync.batches`, as `run_sync` calls it. Run in a child process: its peak memory
is the plan's.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import resource
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from datetime import time as day_time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from harness.sandbox_proc import sandbox_process
from harness.world import BenchDistrict, configure
from passback.core.plan import PlanItem
from passback.core.sis_view import SisContext
from passback.oneroster import OneRosterClient
from passback.store import districts, roster_cache
from passback.store.db import make_engine, open_store, session_scope
from passback.sync.batch_run import no_collection
from passback.sync.batches import (
    BatchInputs,
    decide,
    expected_scores,
    load_batch,
    load_class_index,
    partition,
    plan_batch,
)
from passback.sync.cached_roster import CachePolicy, cached_context
from passback.sync.context import BatchLimits
from passback.sync.roster import ROSTER, context_from_records

DEMO_SECRET = "demo-secret"  # noqa: S105 - the sandbox's published demo client

_STAMP = "2027-01-01T00:00:00.000Z"


class _Clock:
    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def __call__(self, phase: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall[phase] = self.wall.get(phase, 0.0) + time.perf_counter() - wall
            self.cpu[phase] = self.cpu.get(phase, 0.0) + time.process_time() - cpu


def as_the_sis_returns(payload: Mapping[str, Any]) -> dict[str, Any]:
    """A written payload as the SIS then answers it: references completed with `href` and
    `type`, server fields set."""
    out: dict[str, Any] = {"sourcedId": payload["sourcedId"], "status": "active"}
    out["dateLastModified"] = _STAMP
    for key, value in payload.items():
        if isinstance(value, Mapping) and "sourcedId" in value:
            sid = value["sourcedId"]
            href = f"/ims/oneroster/v1p1/{_COLLECTIONS.get(key, key)}/{sid}"
            value = {"href": href, "sourcedId": sid, "type": value.get("type", key)}
        out.setdefault(key, value)
    return out


_COLLECTIONS = {
    "lineItem": "lineItems",
    "student": "users",
    "class": "classes",
    "category": "categories",
    "gradingPeriod": "academicSessions",
}


def cache_roster(database_url: str, district: BenchDistrict) -> dict[str, Any]:
    """Read the district's roster from the sandbox into the roster cache, as a first run
    does (the plan benchmark then starts from the cache, as a nightly run does)."""
    engine = open_store(database_url)
    with sandbox_process(district.sis) as sandbox:
        configure(database_url, district, sandbox)
        with session_scope(engine, read_only=True) as session:
            found = districts.get_district(session, district.district_id)
        assert found is not None
        report: dict[str, Any] = {}

        async def read() -> None:
            async with OneRosterClient(
                base_url=found.sis.base_url,
                token_url=found.sis.token_url,
                client_id=found.sis.client_id,
                client_secret=DEMO_SECRET,
            ) as client:
                await cached_context(
                    engine, client, found, policy=CachePolicy(), now=datetime.now(UTC),
                    report=report,
                )  # fmt: skip

        started = time.perf_counter()
        asyncio.run(read())
    engine.dispose()
    return {"collections": report, "seconds": round(time.perf_counter() - started, 2)}


def _cached_context(engine: Engine, district_id: str) -> SisContext:
    with session_scope(engine, read_only=True) as session:
        records = {name: roster_cache.load_records(session, district_id, name) for name in ROSTER}
    return context_from_records(records)


def _reset_peak() -> None:
    """Start the process's peak resident memory (VmHWM) afresh (Linux)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _rss_mb(field: str) -> float:
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def plan_throughput(database_url: str, district_id: str, as_of: date) -> dict[str, Any]:
    clock = _Clock()
    engine = make_engine(database_url)
    with clock("roster"):
        ctx = _cached_context(engine, district_id)
    with session_scope(engine, read_only=True) as session:
        district = districts.get_district(session, district_id)
        assert district is not None
        with clock("index"):
            index = load_class_index(session, district.id)
    gc.collect()
    setup_mb = _rss_mb("VmRSS")
    _reset_peak()
    limits = BatchLimits()
    universe = index.classes()
    batches = partition(
        universe,
        expected_scores(index, ctx, universe),
        max_classes=limits.classes,
        max_weight=limits.scores,
    )
    now = datetime.combine(as_of, day_time(12), UTC)
    scores = first_writes = nightly_writes = nightly_unchanged = largest = 0
    for batch in batches:
        with no_collection():
            with clock("load"), session_scope(engine, read_only=True) as session:
                inputs = load_batch(session, district.id, index, batch)
            with clock("rules first"):
                decisions = decide(inputs, district, ctx, as_of)
            with clock("plan first"):
                plan = plan_batch(inputs, decisions, district, {}, now)
            scores += len(decisions.results)
            largest = max(largest, len(decisions.results))
            sis, ledger = _after_first_run(plan.items)
            first_writes += len(ledger)
            del plan, decisions
            nightly = BatchInputs(inputs.classes, inputs.assessments, inputs.scores, ledger)
            with clock("rules nightly"):
                decisions = decide(nightly, district, ctx, as_of)
            with clock("plan nightly"):
                again = plan_batch(nightly, decisions, district, sis, now)
            nightly_writes += sum(1 for item in again.items if item.writes)
            nightly_unchanged += sum(1 for item in again.items if item.action == "unchanged")
            del again, decisions, nightly, inputs, sis, ledger
    engine.dispose()

    def rate(*phases: str, cpu: bool = False) -> int:
        seconds = sum((clock.cpu if cpu else clock.wall)[p] for p in phases)
        return round(scores / seconds) if seconds else 0

    return {
        "scores": scores,
        "classes": len(universe),
        "batches": len(batches),
        "largest_batch_scores": largest,
        "first_run_writes": first_writes,
        "nightly_writes": nightly_writes,
        "nightly_unchanged": nightly_unchanged,
        "first_scores_per_s": rate("rules first", "plan first"),
        "first_scores_per_cpu_s": rate("rules first", "plan first", cpu=True),
        "nightly_scores_per_s": rate("rules nightly", "plan nightly"),
        "nightly_scores_per_cpu_s": rate("rules nightly", "plan nightly", cpu=True),
        "load_scores_per_s": rate("load"),
        "seconds": {k: round(v, 2) for k, v in clock.wall.items()},
        "cpu_seconds": {k: round(v, 2) for k, v in clock.cpu.items()},
        # resident memory once the roster and the class index are loaded, and the peak
        # while the batches were planned (both grow with the district; a batch does not)
        "setup_rss_mb": setup_mb,
        "peak_rss_mb": _rss_mb("VmHWM"),
    }


def _after_first_run(items: list[PlanItem]) -> tuple[dict[str, Any], list[Any]]:
    """What the SIS and the ledger hold once every write of a first plan succeeded."""
    sis: dict[str, Any] = {}
    ledger = []
    for item in items:
        if item.writes and item.payload is not None and item.record is not None:
            sis[item.sourced_id] = as_the_sis_returns(item.payload)
            ledger.append(item.record)
    return sis, ledger

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

import json
import resource
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from datetime import time as day_time
from pathlib import Path
from typing import Any

from passback.plan import PlanItem
from passback.store import districts
from passback.store.db import make_engine, session_scope
from passback.sync.batch_run import BatchLimits, no_collection
from passback.sync.batches import (
    BatchInputs,
    decide,
    expected_scores,
    load_batch,
    load_class_index,
    partition,
    plan_batch,
)
from passback.sync.roster import ROSTER, context_from_records

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


def roster_records(fixture_path: Path) -> dict[str, list[dict[str, Any]]]:
    """The roster collections a run reads, straight from the sandbox's fixture."""
    fixture = json.loads(fixture_path.read_text())
    records = {name: fixture.get(path, []) for name, (path, _key, _flt) in ROSTER.items()}
    records["users"] = [u for u in records["users"] if u.get("role") != "student"]
    return records


def plan_throughput(
    database_url: str, fixture_path: Path, district_id: str, as_of: date
) -> dict[str, Any]:
    clock = _Clock()
    with clock("roster"):
        ctx = context_from_records(roster_records(fixture_path))
    engine = make_engine(database_url)
    with session_scope(engine, read_only=True) as session:
        district = districts.get_district(session, district_id)
        assert district is not None
        with clock("index"):
            index = load_class_index(session, district.id)
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
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
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

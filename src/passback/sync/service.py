"""One sync run, start to finish: the service every front end calls.

read district + secret → read the SIS roster → rules → read the gradebook of the classes
involved → plan against the ledger → apply (unless dry run) → store the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Protocol

import httpx
import structlog
from sqlalchemy import Engine

from passback.domain import Assessment, District
from passback.eligibility import evaluate_assessments, evaluate_scores
from passback.notify import hooks as run_hooks
from passback.oneroster import OneRosterClient, RetryPolicy
from passback.oneroster.errors import OneRosterError
from passback.plan import Action, Plan, count_actions, make_plan
from passback.report import item_row
from passback.secrets import SecretBox
from passback.sis_context import SisContext
from passback.store import districts as district_store
from passback.store import ledger as ledger_store
from passback.store import runs as run_store
from passback.store import source as source_store
from passback.store.db import session_scope
from passback.store.locks import district_run_lock
from passback.sync.apply import apply_plan
from passback.sync.roster import load_context, load_gradebook

log = structlog.get_logger(__name__)


class UnknownDistrict(LookupError):
    def __init__(self, district: str) -> None:
        super().__init__(f"district {district!r} is not configured (passback district apply)")


class Progress(Protocol):
    def phase(self, name: str, total: int | None = None) -> None: ...
    def advance(self, n: int = 1) -> None: ...


@dataclass(frozen=True)
class SyncRequest:
    district: str
    class_id: str | None = None
    teacher: str | None = None
    dry_run: bool = False
    as_of: date | None = None
    trigger: str = "cli"

    def scope(self) -> dict[str, str]:
        scope = {}
        if self.class_id:
            scope["class"] = self.class_id
        if self.teacher:
            scope["teacher"] = self.teacher
        return scope


@dataclass(frozen=True)
class SyncSettings:
    concurrency: int = 8
    requests_per_second: float | None = None
    transport: httpx.AsyncBaseTransport | None = None
    page_size: int = 1000
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    # writes in a row the SIS did not answer (after retries) before the run stops
    max_unavailable_in_a_row: int = 25


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _scope_classes(
    request: SyncRequest, ctx: SisContext, assessments: list[Assessment]
) -> set[str] | None:
    if request.class_id is None and request.teacher is None:
        return None
    classes: set[str] = set()
    if request.class_id is not None:
        classes.add(request.class_id)
    if request.teacher is not None:
        taught = {c for c in ctx.classes if ctx.teaches(request.teacher, c)}
        assigned = {c for a in assessments if a.assigned_by == request.teacher for c in a.classes}
        teacher_classes = taught | assigned
        classes = teacher_classes if request.class_id is None else classes & teacher_classes
    return classes


async def run_sync(
    engine: Engine,
    request: SyncRequest,
    *,
    box: SecretBox,
    settings: SyncSettings = SyncSettings(),
    progress: Progress | None = None,
    now: Callable[[], datetime] = _utc_now,
    wait_for_lock: bool = True,
) -> dict[str, Any]:
    """Run one sync and return its report (also stored), holding the district's run lock:
    one run per district at a time, whatever starts it. Waits for a run in progress unless
    `wait_for_lock` is false (then `DistrictBusy`)."""

    def waiting() -> None:
        log.info("run_waiting_for_lock", district=request.district)
        if progress is not None:
            progress.phase(f"waiting for the run of {request.district} in progress")

    async with district_run_lock(engine, request.district, wait=wait_for_lock, on_wait=waiting):
        return await _run_sync(
            engine, request, box=box, settings=settings, progress=progress, now=now
        )


async def _run_sync(
    engine: Engine,
    request: SyncRequest,
    *,
    box: SecretBox,
    settings: SyncSettings = SyncSettings(),
    progress: Progress | None = None,
    now: Callable[[], datetime] = _utc_now,
) -> dict[str, Any]:
    """Run one sync and return its report (also stored). Raises `UnknownDistrict`; every
    other failure is recorded in the run and its report."""
    with session_scope(engine) as session:
        district = district_store.get_district(session, request.district)
        if district is None:
            raise UnknownDistrict(request.district)
        secret = district_store.client_secret(session, district.id, box)
    as_of = request.as_of or district.local_date(now())
    with session_scope(engine) as session:
        run = run_store.start_run(
            session,
            district=district.id,
            trigger=request.trigger,
            dry_run=request.dry_run,
            as_of=as_of,
            scope=request.scope(),
            now=now(),
        )
    bound = log.bind(district=district.id, run=run.id)
    bound.info("run_started", dry_run=request.dry_run, as_of=as_of.isoformat(), **request.scope())

    rows: list[dict[str, Any]] = []
    status, error = "failed", None
    client = OneRosterClient(
        base_url=district.sis.base_url,
        token_url=district.sis.token_url,
        client_id=district.sis.client_id,
        client_secret=secret,
        transport=settings.transport,
        max_concurrency=settings.concurrency,
        requests_per_second=settings.requests_per_second,
        page_size=settings.page_size,
        retry=settings.retry,
    )
    try:
        async with client:
            plan, fatal, closed = await _plan_and_apply(
                engine, client, district, request, as_of, settings, progress, now
            )
        rows = [item_row(item) for item in plan.items]
        if fatal is not None:
            status, error = "failed", fatal
        elif any(item.action is Action.ERROR for item in plan.items):
            status = "partial"
        else:
            status = "succeeded"
        if closed:
            with session_scope(engine) as session:
                for period, message in closed.items():
                    district_store.mark_period_closed(session, district.id, period, message)
    except OneRosterError as exc:
        status, error = "failed", exc.message
    except Exception as exc:
        status, error = "failed", f"internal error: {type(exc).__name__}: {exc}"
        raise
    finally:
        counts = _counts(rows)
        api_calls = {"reads": client.counts.reads, "writes": client.counts.writes}
        with session_scope(engine) as session:
            run_store.finish_run(
                session,
                run.id,
                status=status,
                counts=counts,
                api_calls=api_calls,
                error=error,
                items=rows,
                now=now(),
            )
        bound.info("run_finished", status=status, **counts, **api_calls)
    with session_scope(engine) as session:
        report = run_store.get_report(session, run.id)
    assert report is not None
    run_hooks.run_finished(engine, report)  # notifications and other subscribers
    return report


def _counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    counts = count_actions([])
    names = {
        "create": "created",
        "update": "updated",
        "delete": "deleted",
        "unchanged": "unchanged",
        "skip": "skipped",
        "conflict": "conflicts",
        "error": "errors",
    }
    for row in rows:
        counts[names[row["action"]]] += 1
    return counts


async def _plan_and_apply(
    engine: Engine,
    client: OneRosterClient,
    district: District,
    request: SyncRequest,
    as_of: date,
    settings: SyncSettings,
    progress: Progress | None,
    now: Callable[[], datetime],
) -> tuple[Plan, str | None, dict[str, str]]:
    plan, ctx = await build_plan(engine, client, district, request, as_of, progress, now)
    if request.dry_run:
        return plan, None, {}
    writes = sum(1 for item in plan.items if item.writes)
    if progress:
        progress.phase("writing to the SIS", writes)
    sink = ledger_store.LedgerWriter(engine, district.id)
    outcome = await apply_plan(
        plan,
        client,
        sink,
        concurrency=settings.concurrency,
        progress=progress.advance if progress else None,
        known_periods=ctx.grading_periods.keys(),
        max_unavailable_in_a_row=settings.max_unavailable_in_a_row,
    )
    return Plan(district.id, outcome.items), outcome.fatal, outcome.closed_periods


async def build_plan(
    engine: Engine,
    client: OneRosterClient,
    district: District,
    request: SyncRequest,
    as_of: date,
    progress: Progress | None = None,
    now: Callable[[], datetime] = _utc_now,
    *,
    only_classes: set[str] | None = None,
) -> tuple[Plan, SisContext]:
    """Read everything a plan needs (roster, source data, ledger, gradebook) and plan.
    `only_classes` narrows the request's scope further (explain uses it)."""
    if progress:
        progress.phase("reading the SIS roster")
    ctx = await load_context(client)
    with session_scope(engine) as session:
        everything = source_store.load_assessments(session, district.id)
        classes = _scope_classes(request, ctx, everything)
        if only_classes is not None:
            classes = only_classes if classes is None else classes & only_classes
        relevant = [
            a for a in everything if classes is None or any(c in classes for c in a.classes)
        ]
        assessments = {a.id: a for a in relevant}
        live_ids = [a.id for a in relevant if not a.deleted]
        scores = source_store.load_scores(session, district.id, live_ids)
        ledger = ledger_store.load_ledger(
            session, district.id, class_ids=sorted(classes) if classes is not None else None
        )
    if progress:
        progress.phase("applying the rules")
    line_items = evaluate_assessments(relevant, district, ctx, as_of)
    results = evaluate_scores(scores, assessments, line_items, district, ctx, as_of)

    touched = {c for (_, c), d in line_items.items() if d.send}
    touched |= {e.class_id for e in ledger}
    touched |= {c for a in relevant if a.deleted for c in a.classes}
    if classes is not None:
        touched &= classes
    if progress:
        progress.phase("reading the gradebook", len(touched))
    sis_state = await load_gradebook(client, sorted(c for c in touched if c in ctx.classes))
    plan = make_plan(
        district=district,
        assessments=assessments,
        line_items=line_items,
        results=results,
        ledger=ledger,
        sis=sis_state,
        now=now(),
        classes=classes,
    )
    return plan, ctx

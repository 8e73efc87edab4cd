"""One sync run, start to finish: the service every front end calls.

read district + secret → read the SIS roster → then batch by batch of classes: the
platform's data and the ledger → rules → the gradebook of the classes involved → plan →
apply (unless dry run) → store the report items (`passback.sync.batch_run`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

import httpx
import structlog
from sqlalchemy import Engine

from passback.domain import District
from passback.notify import hooks as run_hooks
from passback.oneroster import OneRosterClient, RetryPolicy
from passback.oneroster.errors import OneRosterError
from passback.plan import Plan, PlanItem, count_actions
from passback.secrets import SecretBox
from passback.sis_context import SisContext
from passback.store import districts as district_store
from passback.store import runs as run_store
from passback.store.db import session_scope
from passback.store.locks import district_run_lock
from passback.store.names import save_roster_names
from passback.sync.batch_run import BatchLimits, run_batches
from passback.sync.cached_roster import CachedGradebook, CachePolicy, cached_context
from passback.sync.roster import PerClassGradebook, context_from_records, read_roster
from passback.sync.stats import RunStats

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
    # read the whole roster from the SIS now, whatever the cache holds
    refresh_roster: bool = False

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
    # a run plans and applies this many classes at a time (fewer when they hold more
    # scores than `batch_scores`): memory follows the batch, not the district
    batch_classes: int = 200
    batch_scores: int = 100_000
    # filled in by the run when given: seconds per phase and sizes (benchmarks, logs)
    stats: RunStats | None = None
    # the roster and passback's lineItems are cached between runs, refreshed by delta
    # reads and read whole every `roster_full_every` (passback.sync.cached_roster)
    roster_cache: bool = True
    roster_full_every: timedelta = timedelta(days=7)
    # page size of the reads that are usually one page: changes, id lists, a class's results
    bulk_page_size: int = 10_000

    def limits(self) -> BatchLimits:
        return BatchLimits(classes=self.batch_classes, scores=self.batch_scores)

    def cache_policy(self, refresh: bool = False) -> CachePolicy:
        return CachePolicy(
            full_every=self.roster_full_every, refresh=refresh, page_size=self.bulk_page_size
        )


def _utc_now() -> datetime:
    return datetime.now(UTC)


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

    status, error = "failed", None
    stats = settings.stats if settings.stats is not None else RunStats()
    items = run_store.ItemWriter(engine, run.id)
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
            ctx, gradebook = await _sis_reads(
                engine, client, district, settings, request.refresh_roster, now(), progress, stats
            )
            outcome = await run_batches(
                engine,
                district,
                ctx,
                gradebook,
                as_of=as_of,
                planned_at=now(),
                class_id=request.class_id,
                teacher=request.teacher,
                on_items=lambda done: items.add(map(run_store.plan_item, done)),
                writer=None if request.dry_run else client,
                line_items=gradebook if isinstance(gradebook, CachedGradebook) else None,
                concurrency=settings.concurrency,
                max_unavailable_in_a_row=settings.max_unavailable_in_a_row,
                limits=settings.limits(),
                progress=progress,
                stats=stats,
                read_calls=lambda: client.counts.reads,
            )
            if isinstance(gradebook, CachedGradebook) and outcome.fatal is None:
                with stats.timed("gradebook"):
                    await gradebook.finish()
        if outcome.fatal is not None:
            status, error = "failed", outcome.fatal
        elif outcome.errors:
            status = "partial"
        else:
            status = "succeeded"
        if outcome.closed_periods:
            with session_scope(engine) as session:
                for period, message in outcome.closed_periods.items():
                    district_store.mark_period_closed(session, district.id, period, message)
    except OneRosterError as exc:
        status, error = "failed", exc.message
    except Exception as exc:
        status, error = "failed", f"internal error: {type(exc).__name__}: {exc}"
        raise
    finally:
        with stats.timed("report"):
            items.flush()
        counts = _counts(items.actions)
        api_calls = {"reads": client.counts.reads, "writes": client.counts.writes}
        with session_scope(engine) as session:
            run_store.finish_run(
                session,
                run.id,
                status=status,
                counts=counts,
                api_calls=api_calls,
                error=error,
                now=now(),
                by_kind=items.by_kind(),
            )
        bound.info("run_finished", status=status, **counts, **api_calls, stats=stats.as_dict())
    report = run_store.lazy_report(engine, run.id)
    assert report is not None
    run_hooks.run_finished(engine, report)  # notifications and other subscribers
    return report


def _counts(actions: dict[str, int]) -> dict[str, int]:
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
    for action, n in actions.items():
        counts[names[action]] += n
    return counts


async def _sis_reads(
    engine: Engine,
    client: OneRosterClient,
    district: District,
    settings: SyncSettings,
    refresh: bool,
    now: datetime,
    progress: Progress | None,
    stats: RunStats,
) -> tuple[SisContext, CachedGradebook | PerClassGradebook]:
    """The roster, and how batches will read the gradebook: from the cache kept between
    runs (refreshed now), or all from the SIS when the cache is switched off."""
    if progress:
        progress.phase("reading the SIS roster")
    with stats.timed("roster"):
        if not settings.roster_cache:
            records = await read_roster(client)
            save_roster_names(engine, district.id, records)
            return context_from_records(records), PerClassGradebook(client)
        policy = settings.cache_policy(refresh)
        ctx = await cached_context(
            engine, client, district, policy=policy, now=now, report=stats.roster
        )
        gradebook = CachedGradebook(engine, client, district, policy, now)
        await gradebook.prepare()
        stats.roster[LINE_ITEMS_STAT] = gradebook.how
    return ctx, gradebook


LINE_ITEMS_STAT = "lineItems"


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
    """Read everything a plan needs (roster, source data, ledger, gradebook) and plan,
    without writing: the run's own batches, their items gathered in one plan (for scopes
    small enough to hold). `only_classes` narrows the request's scope further (explain)."""
    ctx, gradebook = await _sis_reads(
        engine, client, district, SyncSettings(), False, now(), progress, RunStats()
    )
    planned: list[PlanItem] = []
    await run_batches(
        engine,
        district,
        ctx,
        gradebook,
        as_of=as_of,
        planned_at=now(),
        class_id=request.class_id,
        teacher=request.teacher,
        on_items=planned.extend,
        only_classes=only_classes,
        progress=progress,
    )
    return Plan(district.id, planned), ctx

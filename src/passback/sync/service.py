"""One sync run, start to finish: the service every front end calls.

read district + secret → read the SIS roster → then batch by batch of classes: the
platform's data and the ledger → rules → the gradebook of the classes involved → plan →
apply (unless dry run) → store the report items (`passback.sync.batch_run`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

import httpx
import structlog
from sqlalchemy import Engine

from passback.core.domain import District
from passback.core.plan import COUNT_OF_ACTION, Plan, PlanItem, count_actions
from passback.core.profiles import SCOPE_PREFIX, profile_for
from passback.core.sis_view import SisContext
from passback.oneroster import OneRosterClient, RetryPolicy
from passback.oneroster.errors import OneRosterError
from passback.secrets import SecretBox
from passback.store import districts as district_store
from passback.store import runs as run_store
from passback.store import sis_refusals
from passback.store.db import session_scope
from passback.store.locks import district_run_lock
from passback.store.names import save_roster_names
from passback.sync.batch_run import BatchLimits, run_batches
from passback.sync.cached_roster import CachedGradebook, CachePolicy, cached_context
from passback.sync.observe import (
    MeasuredTransport,
    RunObserver,
    RunOutcome,
    RunTally,
    SisTally,
    default_transport,
)
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
    # rows asked for per page of a whole read; None: the district's SIS profile's
    page_size: int | None = None
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
    # told about each SIS request and each finished run (metrics: passback.observability)
    observer: RunObserver | None = None

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
    listeners: Sequence[Callable[[Engine, dict[str, Any]], None]] = (),
) -> dict[str, Any]:
    """Run one sync and return its report (also stored), holding the district's run lock:
    one run per district at a time, whatever starts it. Waits for a run in progress unless
    `wait_for_lock` is false (then `DistrictBusy`). Each of `listeners` (notifications) is
    told of the finished report; one that fails is logged and ignored."""

    def waiting() -> None:
        log.info("run_waiting_for_lock", district=request.district)
        if progress is not None:
            progress.phase(f"waiting for the run of {request.district} in progress")

    async with district_run_lock(engine, request.district, wait=wait_for_lock, on_wait=waiting):
        report = await _run_sync(
            engine, request, box=box, settings=settings, progress=progress, now=now
        )
        for listener in listeners:
            try:
                listener(engine, report)
            except Exception:  # a run's outcome never depends on its listeners
                log.exception("run_listener_failed", district=report.get("district"))
        return report


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
    started = time.monotonic()
    stats = settings.stats if settings.stats is not None else RunStats()
    items = run_store.ItemWriter(engine, run.id)
    with session_scope(engine, read_only=True) as session:
        cannot_delete = sis_refusals.refused(session, district, sis_refusals.DELETE, now())
    options = client_options(district, can_delete=cannot_delete is None)
    if settings.page_size is not None:
        options["page_size"] = settings.page_size
    sis, tally = SisTally(), RunTally()
    transport = MeasuredTransport(
        settings.transport or default_transport(settings.concurrency),
        sis,
        district.id,
        settings.observer,
    )

    def on_items(done: list[PlanItem]) -> None:
        tally.add(done)
        items.add(map(run_store.plan_item, done))

    client = OneRosterClient(
        client_secret=secret,
        transport=transport,
        max_concurrency=settings.concurrency,
        requests_per_second=settings.requests_per_second,
        retry=settings.retry,
        **options,
    )
    try:
        async with client:
            ctx, gradebook = await _sis_reads(
                engine, client, district, settings, request.refresh_roster, now(), progress, stats
            )
            if client.delete_refused is not None and cannot_delete is None:
                cannot_delete = client.delete_refused
                _learn_cannot_delete(engine, district, cannot_delete, now())
            outcome = await run_batches(
                engine,
                district,
                ctx,
                gradebook,
                as_of=as_of,
                planned_at=now(),
                class_id=request.class_id,
                teacher=request.teacher,
                on_items=on_items,
                writer=None if request.dry_run else client,
                line_items=gradebook if isinstance(gradebook, CachedGradebook) else None,
                concurrency=settings.concurrency,
                max_unavailable_in_a_row=settings.max_unavailable_in_a_row,
                limits=settings.limits(),
                progress=progress,
                stats=stats,
                read_calls=lambda: client.counts.reads,
                cannot_delete=cannot_delete,
            )
            if outcome.cannot_delete is not None and not request.dry_run:
                _learn_cannot_delete(engine, district, outcome.cannot_delete, now())
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
        api_calls = {
            "reads": client.counts.reads,
            "writes": client.counts.writes,
            "retries": client.counts.retries,
            **sis.api_calls(),
        }
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
        if settings.observer is not None:
            outcome_seen = RunOutcome(
                district=district.id,
                trigger=request.trigger,
                status=status,
                dry_run=request.dry_run,
                seconds=time.monotonic() - started,
                tally=tally,
                sis=sis,
                retries=client.counts.retries,
            )
            try:
                settings.observer.run_finished(outcome_seen)
            except Exception:  # metrics never change a run's outcome
                bound.exception("run_observer_failed")
    report = run_store.lazy_report(engine, run.id)
    assert report is not None
    return report


def client_options(district: District, *, can_delete: bool = True) -> dict[str, Any]:
    """How a OneRoster client for the district is built: its SIS connection, and from its
    SIS profile (passback.core.profiles) the page size, whether PUT bodies carry the full 1.1
    object, and the OAuth scopes (the district's own `sis.scopes` when it sets them)."""
    profile = profile_for(district.sis.profile)
    scopes = profile.scopes
    if district.sis.scopes is not None:
        scopes = tuple(s if ":" in s else SCOPE_PREFIX + s for s in district.sis.scopes)
    return {
        "base_url": district.sis.base_url,
        "token_url": district.sis.token_url,
        "client_id": district.sis.client_id,
        "page_size": profile.page_size,
        "scopes": scopes,
        "can_delete": can_delete,
        "full_put_bodies": profile.full_put_bodies,
    }


def _learn_cannot_delete(engine: Engine, district: District, why: str, now: datetime) -> None:
    log.warning("sis_cannot_delete_learned", district=district.id)
    with session_scope(engine) as session:
        sis_refusals.learn(session, district, sis_refusals.DELETE, why, now)


def _counts(actions: dict[str, int]) -> dict[str, int]:
    counts = count_actions([])
    for action, n in actions.items():
        counts[COUNT_OF_ACTION[action]] += n
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
    with session_scope(engine, read_only=True) as session:
        cannot_delete = sis_refusals.refused(session, district, sis_refusals.DELETE, now())
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
        cannot_delete=cannot_delete or client.delete_refused,
    )
    return Plan(district.id, planned), ctx

"""One sync run, start to finish: the service every front end calls.

read district + secret → read the SIS roster → then batch by batch of classes: the
platform's data and the ledger → rules → the gradebook of the classes involved → plan →
apply (unless dry run) → store the report items (`passback.sync.batch_run`, handed one
`passback.sync.context.RunContext`) → tell the run's listeners (notifications).
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import httpx
import structlog
from sqlalchemy import Engine

from passback.core.clock import Clock, utc_now
from passback.core.domain import District
from passback.core.plan import COUNT_OF_ACTION, Plan, PlanItem, count_actions
from passback.core.profiles import SCOPE_PREFIX, profile_for
from passback.core.sis_view import SisContext
from passback.oneroster import OneRosterClient, RetryPolicy
from passback.oneroster.errors import OneRosterError
from passback.secrets import SecretBox
from passback.store import districts as district_store
from passback.store import ledger as ledger_store
from passback.store import runs as run_store
from passback.store import sis_refusals
from passback.store.db import session_scope
from passback.store.locks import district_run_lock
from passback.store.names import save_roster_names
from passback.sync.batch_run import Outcome, run_batches
from passback.sync.cached_roster import CachedGradebook, CachePolicy, cached_context
from passback.sync.context import (
    BatchLimits,
    Progress,
    RunContext,
    RunListener,
    RunScope,
    RunWrites,
)
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

    def run_scope(self, only_classes: Collection[str] | None = None) -> RunScope:
        return RunScope(self.class_id, self.teacher, only_classes)

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


async def run_sync(
    engine: Engine,
    request: SyncRequest,
    *,
    box: SecretBox,
    settings: SyncSettings = SyncSettings(),
    progress: Progress | None = None,
    now: Clock = utc_now,
    wait_for_lock: bool = True,
    listeners: Sequence[RunListener] = (),
) -> dict[str, Any]:
    """Run one sync and return its report (also stored), holding the district's run lock:
    one run per district at a time, whatever starts it. Waits for a run in progress unless
    `wait_for_lock` is false (then `DistrictBusy`). `listeners` are told about the finished
    run, in order (notifications); one that fails is logged and the run's outcome stands."""

    def waiting() -> None:
        log.info("run_waiting_for_lock", district=request.district)
        if progress is not None:
            progress.phase(f"waiting for the run of {request.district} in progress")

    async with district_run_lock(engine, request.district, wait=wait_for_lock, on_wait=waiting):
        report = await _run_sync(
            engine, request, box=box, settings=settings, progress=progress, now=now
        )
        tell_listeners(listeners, engine, report)
        return report


def tell_listeners(
    listeners: Sequence[RunListener], engine: Engine, report: dict[str, Any]
) -> None:
    """Tell each listener about a finished run; a listener that fails is logged and ignored:
    a run's outcome never depends on who is told about it."""
    for listener in listeners:
        try:
            listener(engine, report)
        except Exception:
            log.exception("run_listener_failed", district=report.get("district"))


async def _run_sync(
    engine: Engine,
    request: SyncRequest,
    *,
    box: SecretBox,
    settings: SyncSettings,
    progress: Progress | None,
    now: Clock,
) -> dict[str, Any]:
    """Run one sync and return its report (also stored). Raises `UnknownDistrict`; every
    other failure is recorded in the run and its report."""
    district, secret = _district_and_secret(engine, request.district, box)
    as_of = request.as_of or district.local_date(now())
    with session_scope(engine) as session:
        stored = run_store.start_run(
            session,
            district=district.id,
            trigger=request.trigger,
            dry_run=request.dry_run,
            as_of=as_of,
            scope=request.scope(),
            now=now(),
        )
    run = _Run(engine, request, settings, district, stored.id, as_of, progress, now)
    run.log.info("run_started", dry_run=request.dry_run, as_of=as_of.isoformat(), **request.scope())
    with session_scope(engine, read_only=True) as session:
        cannot_delete = sis_refusals.refused(session, district, sis_refusals.DELETE, now())
    client = run.client(secret, cannot_delete)
    try:
        async with client:
            outcome = await run.sync(client, cannot_delete)
        run.settle(outcome)
    except OneRosterError as exc:
        run.status, run.error = "failed", exc.message
    except Exception as exc:
        run.status, run.error = "failed", f"internal error: {type(exc).__name__}: {exc}"
        raise
    finally:
        run.finish(client)
    report = run_store.lazy_report(engine, run.id)
    assert report is not None
    return report


def _district_and_secret(engine: Engine, district_id: str, box: SecretBox) -> tuple[District, str]:
    with session_scope(engine) as session:
        district = district_store.get_district(session, district_id)
        if district is None:
            raise UnknownDistrict(district_id)
        return district, district_store.client_secret(session, district.id, box)


class _Run:
    """One sync run from its start in the store to its finish there: what it counts on the
    way (report items, SIS traffic, stats) and how it ended."""

    def __init__(
        self,
        engine: Engine,
        request: SyncRequest,
        settings: SyncSettings,
        district: District,
        run_id: str,
        as_of: date,
        progress: Progress | None,
        now: Clock,
    ) -> None:
        self.engine, self.request, self.settings = engine, request, settings
        self.district, self.id, self.as_of = district, run_id, as_of
        self.progress, self.now = progress, now
        self.log = log.bind(district=district.id, run=run_id)
        self.stats = settings.stats if settings.stats is not None else RunStats()
        self.items = run_store.ItemWriter(engine, run_id)
        self.sis, self.tally = SisTally(), RunTally()
        self.started = time.monotonic()
        self.status = "failed"  # until the run says otherwise
        self.error: str | None = None

    def client(self, secret: str, cannot_delete: str | None) -> OneRosterClient:
        """The district's OneRoster client, its requests measured (`SisTally`, observer)."""
        settings = self.settings
        options = client_options(self.district, can_delete=cannot_delete is None)
        if settings.page_size is not None:
            options["page_size"] = settings.page_size
        transport = MeasuredTransport(
            settings.transport or default_transport(settings.concurrency),
            self.sis,
            self.district.id,
            settings.observer,
        )
        return OneRosterClient(
            client_secret=secret,
            transport=transport,
            max_concurrency=settings.concurrency,
            requests_per_second=settings.requests_per_second,
            retry=settings.retry,
            **options,
        )

    def on_items(self, done: list[PlanItem]) -> None:
        """The report sink: a batch's items as they ended, counted and stored."""
        self.tally.add(done)
        self.items.add(map(run_store.plan_item, done))

    async def sync(self, client: OneRosterClient, cannot_delete: str | None) -> Outcome:
        """Read the roster, then plan and (unless a dry run) apply batch by batch."""
        engine, district, request = self.engine, self.district, self.request
        settings = self.settings
        roster, gradebook = await _sis_reads(
            engine,
            client,
            district,
            settings=settings,
            refresh=request.refresh_roster,
            now=self.now(),
            progress=self.progress,
            stats=self.stats,
        )
        if client.delete_refused is not None and cannot_delete is None:
            cannot_delete = client.delete_refused
            _learn_cannot_delete(engine, district, cannot_delete, self.now())
        cached = gradebook if isinstance(gradebook, CachedGradebook) else None
        writes = None
        if not request.dry_run:
            writes = RunWrites(
                client,
                ledger_store.LedgerWriter(engine, district.id),
                line_items=cached,
                concurrency=settings.concurrency,
                max_unavailable_in_a_row=settings.max_unavailable_in_a_row,
            )
        outcome = await run_batches(
            RunContext(
                engine=engine,
                district=district,
                as_of=self.as_of,
                planned_at=self.now(),
                roster=roster,
                gradebook=gradebook,
                on_items=self.on_items,
                scope=request.run_scope(),
                writes=writes,
                limits=settings.limits(),
                progress=self.progress,
                stats=self.stats,
                read_calls=lambda: client.counts.reads,
                cannot_delete=cannot_delete,
            )
        )
        if outcome.cannot_delete is not None and not request.dry_run:
            _learn_cannot_delete(engine, district, outcome.cannot_delete, self.now())
        if cached is not None and outcome.fatal is None:
            with self.stats.timed("gradebook"):
                await cached.finish()
        return outcome

    def settle(self, outcome: Outcome) -> None:
        """The run's status from how its batches ended; closed periods the SIS named kept."""
        if outcome.fatal is not None:
            self.status, self.error = "failed", outcome.fatal
        elif outcome.errors:
            self.status = "partial"
        else:
            self.status = "succeeded"
        if outcome.closed_periods:
            with session_scope(self.engine) as session:
                for period, message in outcome.closed_periods.items():
                    district_store.mark_period_closed(session, self.district.id, period, message)

    def finish(self, client: OneRosterClient) -> None:
        """Store the last items and the run's end; log it and tell the observer."""
        with self.stats.timed("report"):
            self.items.flush()
        counts = _counts(self.items.actions)
        api_calls = {
            "reads": client.counts.reads,
            "writes": client.counts.writes,
            "retries": client.counts.retries,
            **self.sis.api_calls(),
        }
        with session_scope(self.engine) as session:
            run_store.finish_run(
                session,
                self.id,
                status=self.status,
                counts=counts,
                api_calls=api_calls,
                error=self.error,
                now=self.now(),
                by_kind=self.items.by_kind(),
            )
        self.log.info(
            "run_finished", status=self.status, **counts, **api_calls, stats=self.stats.as_dict()
        )
        observer = self.settings.observer
        if observer is None:
            return
        seen = RunOutcome(
            district=self.district.id,
            trigger=self.request.trigger,
            status=self.status,
            dry_run=self.request.dry_run,
            seconds=time.monotonic() - self.started,
            tally=self.tally,
            sis=self.sis,
            retries=client.counts.retries,
        )
        try:
            observer.run_finished(seen)
        except Exception:  # metrics never change a run's outcome
            self.log.exception("run_observer_failed")


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
    *,
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
    now: Clock = utc_now,
    *,
    only_classes: set[str] | None = None,
) -> tuple[Plan, SisContext]:
    """Read everything a plan needs (roster, source data, ledger, gradebook) and plan,
    without writing: the run's own batches, their items gathered in one plan (for scopes
    small enough to hold). `only_classes` narrows the request's scope further (explain)."""
    roster, gradebook = await _sis_reads(
        engine,
        client,
        district,
        settings=SyncSettings(),
        refresh=False,
        now=now(),
        progress=progress,
        stats=RunStats(),
    )
    with session_scope(engine, read_only=True) as session:
        cannot_delete = sis_refusals.refused(session, district, sis_refusals.DELETE, now())
    planned: list[PlanItem] = []
    await run_batches(
        RunContext(
            engine=engine,
            district=district,
            as_of=as_of,
            planned_at=now(),
            roster=roster,
            gradebook=gradebook,
            on_items=planned.extend,
            scope=request.run_scope(only_classes),
            progress=progress,
            cannot_delete=cannot_delete or client.delete_refused,
        )
    )
    return Plan(district.id, planned), roster

"""The body of a run: batch after batch of classes, load → rules → gradebook → plan → apply →
report, each batch freed before the next (see `passback.sync.batches` for why that is
exact). Dry runs and explain go through the same loop without the apply step."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

import structlog
from sqlalchemy import Engine

from passback.core.domain import District
from passback.core.plan import Action, PlanItem
from passback.core.sis_view import SisContext
from passback.store import ledger as ledger_store
from passback.store.db import session_scope
from passback.sync.apply import Applier, GradebookWriter, LineItemSink, without_deletes
from passback.sync.batches import (
    decide,
    expected_scores,
    load_batch,
    load_class_index,
    partition,
    plan_batch,
    scope_classes,
)
from passback.sync.stats import RunStats

log = structlog.get_logger(__name__)


class Progress(Protocol):
    def phase(self, name: str, total: int | None = None) -> None: ...
    def advance(self, n: int = 1) -> None: ...


class GradebookReader(Protocol):
    async def read(self, class_ids: list[str]) -> Mapping[str, Mapping[str, Any]]:
        """The SIS's current lineItems and results (of passback's) of these classes."""
        ...


@dataclass(frozen=True)
class BatchLimits:
    classes: int = 200
    scores: int = 100_000  # expected scores per batch (a class is never split)


@contextmanager
def no_collection() -> Iterator[None]:
    """Automatic garbage collection off for a stretch of CPU-bound work that makes millions
    of short-lived, acyclic objects: with the roster in memory every collection walks
    hundreds of thousands of live objects, a third of the rules' and planner's time. Reference
    counting frees the batch's objects; collection resumes during the SIS reads and writes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Outcome:
    fatal: str | None = None
    closed_periods: dict[str, str] = dataclasses.field(default_factory=dict)
    errors: int = 0
    # why the SIS does not allow deletes, when it said so during this run (405)
    cannot_delete: str | None = None


async def run_batches(
    engine: Engine,
    district: District,
    ctx: SisContext,
    gradebook: GradebookReader,
    *,
    as_of: date,
    planned_at: datetime,
    class_id: str | None,
    teacher: str | None,
    on_items: Callable[[list[PlanItem]], None],
    writer: GradebookWriter | None = None,
    line_items: LineItemSink | None = None,
    concurrency: int = 8,
    max_unavailable_in_a_row: int = 25,
    limits: BatchLimits = BatchLimits(),
    only_classes: Collection[str] | None = None,
    progress: Progress | None = None,
    stats: RunStats | None = None,
    read_calls: Callable[[], int] = lambda: 0,
    cannot_delete: str | None = None,
) -> Outcome:
    """Plan (and, given a `writer`, apply) the district batch by batch; every batch's
    items, as they ended, go to `on_items`. Stops after a batch in which the run had to
    stop (credentials refused, the SIS down). `read_calls` (the client's count of reads so
    far) lets the stats tell the gradebook's reads apart. `cannot_delete` (why the SIS
    does not allow deletes) turns planned deletes into `SIS_CANNOT_DELETE` skips."""
    stats = stats or RunStats()
    with stats.timed("index"), session_scope(engine, read_only=True) as session:
        index = load_class_index(session, district.id, assigners=teacher is not None)
    scope = scope_classes(index, ctx, class_id, teacher)
    if only_classes is not None:
        scope = set(only_classes) if scope is None else scope & set(only_classes)
    universe = index.classes() if scope is None else index.classes() & scope
    batches = partition(
        universe,
        expected_scores(index, ctx, universe),
        max_classes=limits.classes,
        max_weight=limits.scores,
    )
    stats.classes += len(universe)
    stats.batches += len(batches)

    applier = None
    if writer is not None:
        applier = Applier(
            writer,
            ledger_store.LedgerWriter(engine, district.id),
            concurrency=concurrency,
            progress=progress.advance if progress else None,
            max_unavailable_in_a_row=max_unavailable_in_a_row,
            known_periods=ctx.grading_periods.keys(),
            line_items=line_items,
            cannot_delete=cannot_delete,
        )
    outcome = Outcome()
    category_names = {c.sourced_id: c.title for c in ctx.categories}
    for number, batch in enumerate(batches, start=1):
        where = f"batch {number}/{len(batches)}" if len(batches) > 1 else "classes"
        if progress:
            progress.phase(f"{where}: reading the platform's data")
        with no_collection():
            with stats.timed("load"), session_scope(engine, read_only=True) as session:
                inputs = load_batch(session, district.id, index, batch)
            with stats.timed("rules"):
                decisions = decide(inputs, district, ctx, as_of)
        stats.scores += len(decisions.results)
        stats.largest_batch_scores = max(stats.largest_batch_scores, len(decisions.results))
        touched = sorted(c for c in inputs.touched(decisions.line_items) if c in ctx.classes)
        if progress:
            progress.phase(f"{where}: reading the gradebook", len(touched))
        reads_before = read_calls()
        with stats.timed("gradebook"):
            sis = await gradebook.read(touched)
        stats.gradebook_reads += read_calls() - reads_before
        stats.gradebook_classes += len(touched)
        with no_collection(), stats.timed("plan"):
            plan = plan_batch(inputs, decisions, district, sis, planned_at, scope, category_names)
        del inputs, decisions, sis
        skip_deletes = applier.cannot_delete if applier is not None else cannot_delete
        plan.items = without_deletes(plan.items, skip_deletes)
        items = plan.items
        if applier is not None:
            if progress:
                progress.phase(f"{where}: writing to the SIS", sum(1 for i in items if i.writes))
            with stats.timed("apply"):
                items = await applier.apply(plan)
        del plan
        outcome.errors += sum(1 for item in items if item.action is Action.ERROR)
        stats.items += len(items)
        with no_collection(), stats.timed("report"):
            on_items(items)
        del items
        if applier is None:
            continue
        if applier.fatal is not None:
            outcome.fatal = applier.fatal
            break
        learned = set(applier.closed_periods) - district.closed_grading_periods
        if learned:
            # the next batches skip what the SIS just said is closed, as the next run would
            district = dataclasses.replace(
                district, closed_grading_periods=district.closed_grading_periods | learned
            )
    if applier is not None:
        if applier.cannot_delete is not None and applier.cannot_delete != cannot_delete:
            outcome.cannot_delete = applier.cannot_delete
        outcome.closed_periods = dict(applier.closed_periods)
        if outcome.closed_periods:
            log.info("grading_periods_closed_by_sis", periods=sorted(outcome.closed_periods))
    return outcome

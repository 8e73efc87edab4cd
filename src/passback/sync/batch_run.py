"""The body of a run: batch after batch of classes, load → rules → gradebook → plan → apply →
report, each batch freed before the next (see `passback.sync.batches` for why that is
exact). Dry runs and explain go through the same loop without the apply step. All a run
hands down arrives in one `passback.sync.context.RunContext`."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import structlog

from passback.core.plan import Action
from passback.store.db import session_scope
from passback.sync.apply import Applier, without_deletes
from passback.sync.batches import (
    ClassIndex,
    decide,
    expected_scores,
    load_batch,
    load_class_index,
    partition,
    plan_batch,
    scope_classes,
)
from passback.sync.context import RunContext

log = structlog.get_logger(__name__)


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


def _batches(run: RunContext) -> tuple[ClassIndex, set[str] | None, list[tuple[str, ...]]]:
    """The class index, the classes in the run's scope (None: all), and the batches."""
    ctx, stats, teacher = run.roster, run.stats, run.scope.teacher
    with stats.timed("index"), session_scope(run.engine, read_only=True) as session:
        index = load_class_index(session, run.district.id, assigners=teacher is not None)
    scope = scope_classes(index, ctx, run.scope.class_id, teacher)
    if run.scope.only_classes is not None:
        only = set(run.scope.only_classes)
        scope = only if scope is None else scope & only
    universe = index.classes() if scope is None else index.classes() & scope
    batches = partition(
        universe,
        expected_scores(index, ctx, universe),
        max_classes=run.limits.classes,
        max_weight=run.limits.scores,
    )
    stats.classes += len(universe)
    stats.batches += len(batches)
    return index, scope, batches


def _applier(run: RunContext) -> Applier | None:
    """The apply step of an applying run, kept across its batches; None to plan only."""
    if run.writes is None:
        return None
    return Applier(
        run.writes.gradebook,
        run.writes.ledger,
        concurrency=run.writes.concurrency,
        progress=run.progress.advance if run.progress else None,
        max_unavailable_in_a_row=run.writes.max_unavailable_in_a_row,
        known_periods=run.roster.grading_periods.keys(),
        line_items=run.writes.line_items,
        cannot_delete=run.cannot_delete,
    )


async def run_batches(run: RunContext) -> Outcome:
    """Plan (and, given `run.writes`, apply) the district batch by batch; every batch's
    items, as they ended, go to `run.on_items`. Stops after a batch in which the run had to
    stop (credentials refused, the SIS down)."""
    engine, ctx, progress, stats = run.engine, run.roster, run.progress, run.stats
    district = run.district  # learns the grading periods the SIS says are closed
    index, scope, batches = _batches(run)
    applier = _applier(run)
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
                decisions = decide(inputs, district, ctx, run.as_of)
        stats.scores += len(decisions.results)
        stats.largest_batch_scores = max(stats.largest_batch_scores, len(decisions.results))
        touched = sorted(c for c in inputs.touched(decisions.line_items) if c in ctx.classes)
        if progress:
            progress.phase(f"{where}: reading the gradebook", len(touched))
        reads_before = run.read_calls()
        with stats.timed("gradebook"):
            sis = await run.gradebook.read(touched)
        stats.gradebook_reads += run.read_calls() - reads_before
        stats.gradebook_classes += len(touched)
        with no_collection(), stats.timed("plan"):
            plan = plan_batch(
                inputs, decisions, district, sis, run.planned_at, scope, category_names
            )
        del inputs, decisions, sis
        skip_deletes = applier.cannot_delete if applier is not None else run.cannot_delete
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
            run.on_items(items)
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
        if applier.cannot_delete is not None and applier.cannot_delete != run.cannot_delete:
            outcome.cannot_delete = applier.cannot_delete
        outcome.closed_periods = dict(applier.closed_periods)
        if outcome.closed_periods:
            log.info("grading_periods_closed_by_sis", periods=sorted(outcome.closed_periods))
    return outcome

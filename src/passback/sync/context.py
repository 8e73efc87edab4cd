"""What one run hands down to its batches: a `RunContext`, built once per run by
`passback.sync.service` (for a sync, a dry run or an explain) and read by
`passback.sync.batch_run.run_batches`.

It holds the run's fixed facts (district, evaluation date, planning time, scope), where data
comes from (the store for the platform's data and the ledger, the SIS roster, a gradebook
reader), where the run's results go (the writes, when the run applies, and the report sink),
and what watches it (progress, stats). Nothing in it changes during a run except the
counters of `stats`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import Engine

from passback.core.domain import District
from passback.core.plan import PlanItem
from passback.core.sis_view import SisContext
from passback.sync.apply import GradebookWriter, LedgerSink, LineItemSink
from passback.sync.stats import RunStats

# told about every finished run with its report, after the report is stored (notifications:
# `passback.notify.events.record_run_events`); the composition roots choose them. What a
# listener returns is ignored (`object`, so one that returns what it recorded fits).
RunListener = Callable[[Engine, dict[str, Any]], object]


class Progress(Protocol):
    """Where a run says what it is doing (the CLI's progress bar, the console's board)."""

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


@dataclass(frozen=True)
class RunScope:
    """The classes a run is limited to: one class, a teacher's classes, both, or (all None)
    the whole district. `only_classes` narrows it further (explain)."""

    class_id: str | None = None
    teacher: str | None = None
    only_classes: Collection[str] | None = None


@dataclass(frozen=True)
class RunWrites:
    """Where an applying run's writes go: the SIS gradebook, the ledger of what passback
    wrote (each success recorded as it happens), and the gradebook cache (told which
    lineItems were written or removed)."""

    gradebook: GradebookWriter
    ledger: LedgerSink
    line_items: LineItemSink | None = None
    concurrency: int = 8
    # writes in a row the SIS did not answer (after retries) before the run stops
    max_unavailable_in_a_row: int = 25


def _no_reads() -> int:
    return 0


@dataclass(frozen=True)
class RunContext:
    """Everything the batches of one run read; built once per run."""

    # the platform's data and the ledger are read through the store, batch by batch
    engine: Engine
    district: District
    as_of: date  # the rules' evaluation date, in the district's time zone
    planned_at: datetime  # "now" for the planner
    roster: SisContext
    gradebook: GradebookReader
    # the report sink: every batch's items, as they ended
    on_items: Callable[[list[PlanItem]], None]
    scope: RunScope = RunScope()
    # None: plan without applying (a dry run, explain)
    writes: RunWrites | None = None
    limits: BatchLimits = BatchLimits()
    progress: Progress | None = None
    stats: RunStats = field(default_factory=RunStats)
    # the SIS client's count of reads so far, so the stats tell the gradebook's reads apart
    read_calls: Callable[[], int] = _no_reads
    # why the SIS does not allow deletes (known before the run): planned deletes become
    # `SIS_CANNOT_DELETE` skips
    cannot_delete: str | None = None

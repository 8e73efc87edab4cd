"""Applying a plan through the OneRoster client.

Order: lineItems are written before their results; results are deleted before their
lineItem. Writes run with bounded concurrency. Each success is recorded in the ledger as it
happens (through a `LedgerSink`), so a run killed at any point can simply run again.

What a failure does depends on what the caller must do (the client's error tree):
- the SIS refused one record (`RecordRejected`): that item becomes an `error` carrying the
  SIS's message, or GRADING_PERIOD_CLOSED when the SIS says the period is closed (the period
  is then remembered as closed for the district); its dependants are not attempted; the run
  goes on;
- the SIS stayed busy or unreachable through the retries (`RetryableError`): that item is an
  `error`; after too many in a row the SIS is taken to be down and the run stops;
- the district cannot go on (`DistrictFatal`: credentials, permissions): the run stops.
Items not attempted after a stop are reported as errors saying so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import structlog

from passback.core.domain import LedgerEntry, ObjectKind
from passback.core.plan import Action, Plan, PlanItem
from passback.core.reasons import Reason
from passback.core.writes import merge_line_item
from passback.oneroster.errors import DistrictFatal, RecordRejected, RetryableError

log = structlog.get_logger(__name__)

LI = ObjectKind.LINE_ITEM
RES = ObjectKind.RESULT


class GradebookWriter(Protocol):
    async def put_line_item(self, sourced_id: str, payload: Mapping[str, Any]) -> Any: ...
    async def put_result(self, sourced_id: str, payload: Mapping[str, Any]) -> Any: ...
    async def delete_line_item(self, sourced_id: str) -> bool: ...
    async def delete_result(self, sourced_id: str) -> bool: ...


class LedgerSink(Protocol):
    def record(self, entry: LedgerEntry) -> None: ...
    def forget(self, sourced_id: str) -> None: ...
    def flush(self) -> None: ...


class LineItemSink(Protocol):
    """Told what lineItems the run wrote and removed (the gradebook cache)."""

    def written(self, sourced_id: str, class_id: str, payload: Mapping[str, Any]) -> None: ...
    def removed(self, sourced_id: str) -> None: ...


@dataclass
class _Applier:
    writer: GradebookWriter
    sink: LedgerSink
    concurrency: int
    progress: Callable[[int], None] | None
    max_unavailable: int
    known_periods: tuple[str, ...] = ()
    line_items: LineItemSink | None = None
    fatal: str | None = None
    unavailable_in_a_row: int = 0
    closed_periods: dict[str, str] = field(default_factory=dict)
    # why the SIS does not allow deletes (known before the run, or learned from a 405)
    cannot_delete: str | None = None

    async def pool(self, indexes: Sequence[int], work: Callable[[int], Awaitable[None]]) -> None:
        it = iter(indexes)

        async def worker() -> None:
            for index in it:
                if self.fatal is not None:
                    return
                await work(index)
                if self.progress is not None:
                    self.progress(1)

        await asyncio.gather(*(worker() for _ in range(max(1, self.concurrency))))

    async def call(self, item: PlanItem) -> PlanItem:
        """One write. Returns the item as it ended: itself on success, an error otherwise."""
        if item.action is Action.DELETE and self.cannot_delete is not None:
            return cannot_delete_skip(item, self.cannot_delete)
        try:
            if item.action is Action.DELETE:
                delete = (
                    self.writer.delete_line_item if item.kind is LI else self.writer.delete_result
                )
                await delete(item.sourced_id)
                self.forget(item)
            else:
                assert item.payload is not None and item.record is not None
                put = self.writer.put_line_item if item.kind is LI else self.writer.put_result
                payload = item.payload
                if item.kind is LI and item.action is Action.UPDATE:
                    payload = await self.current_line_item(item.sourced_id, payload)
                await put(item.sourced_id, payload)
                self.sink.record(item.record)
                if item.kind is LI and self.line_items is not None:
                    self.line_items.written(item.sourced_id, item.class_id, payload)
            self.unavailable_in_a_row = 0
            return item
        except RecordRejected as exc:
            self.unavailable_in_a_row = 0
            return self.rejected(item, exc)
        except RetryableError as exc:
            self.unavailable_in_a_row += 1
            if self.unavailable_in_a_row >= self.max_unavailable and self.fatal is None:
                self.fatal = (
                    f"The SIS stayed unavailable for {self.unavailable_in_a_row} writes in a "
                    f"row; the run stopped. Last error: {exc.message}"
                )
            return _error(item, (), f"The SIS did not answer after retries: {exc.message}")
        except DistrictFatal as exc:
            if self.fatal is None:
                self.fatal = exc.message
            return _error(item, (), f"The run stopped: {exc.message}")

    async def current_line_item(
        self, sourced_id: str, payload: Mapping[str, Any]
    ) -> Mapping[str, Any]:
        """An update of a lineItem starts from the SIS's object as it is now (docs/sync.md): the
        planner's view of it comes from a cache that keeps only the fields passback reads,
        so the object is read once more right before the PUT, and passback's fields are put
        into it; a weight, a teacher's category and vendor fields go back unchanged. A writer
        that cannot read (a test double) gets the planner's payload."""
        read = getattr(self.writer, "line_item", None)
        if read is None:
            return payload
        current = await read(sourced_id)
        if current is None:
            return payload
        if not isinstance(current, Mapping):
            current = current.model_dump(by_alias=True, exclude_unset=True, mode="json")
        return merge_line_item(current, payload)

    def forget(self, item: PlanItem) -> None:
        self.sink.forget(item.sourced_id)
        if item.kind is LI and self.line_items is not None:
            self.line_items.removed(item.sourced_id)

    def rejected(self, item: PlanItem, exc: RecordRejected) -> PlanItem:
        said = exc.description or exc.message
        if exc.grading_period_closed:
            period = _named_period(said, self.known_periods) or _period_of(item)
            if period:
                self.closed_periods.setdefault(period, said)
            return _error(item, (Reason.GRADING_PERIOD_CLOSED,), f"The SIS said: {said}")
        if item.action is Action.DELETE and exc.status == 404:
            self.forget(item)  # already gone
            return item
        if item.action is Action.DELETE and exc.status == 405:
            # DELETE is not supported: learned once, the run's other deletes are skipped
            self.cannot_delete = self.cannot_delete or f"the SIS answered DELETE with 405: {said}"
            return cannot_delete_skip(item, self.cannot_delete)
        return _error(item, (Reason.SIS_REJECTED,), f"The SIS said: {said}")


def _named_period(message: str, known: Sequence[str]) -> str | None:
    """The grading period the SIS's message names, if it names one we know. An assignment
    straddling two periods is placed in the later one, but the closed one may be the
    earlier: the message says which."""
    for period in sorted(known, key=len, reverse=True):
        at = message.find(period)
        while at >= 0:
            end = at + len(period)
            before = message[at - 1] if at > 0 else " "
            after = message[end] if end < len(message) else " "
            if not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "-_"):
                return period
            at = message.find(period, at + 1)
    return None


def _period_of(item: PlanItem) -> str | None:
    if item.kind is LI and item.payload is not None:
        ref = item.payload.get("gradingPeriod")
        if isinstance(ref, Mapping):
            return str(ref.get("sourcedId") or "") or None
    if item.record is not None:
        return item.record.grading_period
    return None


def cannot_delete_skip(item: PlanItem, why: str) -> PlanItem:
    """A planned delete the SIS does not allow, as the skip a report shows (the ledger
    keeps the entry, so the removal is planned again once deletes work)."""
    return replace(
        item,
        action=Action.SKIP,
        reasons=(Reason.SIS_CANNOT_DELETE,),
        message=f"Not removed: {why}.",
    )


def without_deletes(items: list[PlanItem], why: str | None) -> list[PlanItem]:
    """The plan's items with every delete turned into a `SIS_CANNOT_DELETE` skip when the
    SIS does not allow deletes (`why`); the items as they are otherwise."""
    if why is None:
        return items
    return [cannot_delete_skip(i, why) if i.action is Action.DELETE else i for i in items]


def _error(item: PlanItem, reasons: tuple[Reason, ...], message: str) -> PlanItem:
    return replace(item, action=Action.ERROR, reasons=reasons, message=message)


class Applier:
    """Applies plans one after another (a run's batches), keeping what a run must remember
    across them: how many writes in a row failed, whether the run stopped, and which
    grading periods the SIS said are closed."""

    def __init__(
        self,
        writer: GradebookWriter,
        sink: LedgerSink,
        *,
        concurrency: int = 8,
        progress: Callable[[int], None] | None = None,
        max_unavailable_in_a_row: int = 25,
        known_periods: Iterable[str] = (),
        line_items: LineItemSink | None = None,
        cannot_delete: str | None = None,
    ) -> None:
        self._state = _Applier(
            writer,
            sink,
            concurrency,
            progress,
            max_unavailable_in_a_row,
            tuple(known_periods),
            line_items,
            cannot_delete=cannot_delete,
        )

    @property
    def fatal(self) -> str | None:
        return self._state.fatal

    @property
    def closed_periods(self) -> dict[str, str]:
        return self._state.closed_periods

    @property
    def cannot_delete(self) -> str | None:
        """Why the SIS does not allow deletes, if it said so (before or during the run)."""
        return self._state.cannot_delete

    async def apply(self, plan: Plan) -> list[PlanItem]:
        """Execute the plan's writes; returns every item as it ended."""
        applier = self._state
        sink = applier.sink
        items = list(plan.items)

        # unchanged objects whose ledger lags behind the SIS: record without a write
        for item in items:
            if item.action is Action.UNCHANGED and item.record is not None:
                sink.record(item.record)

        def phase(kind: ObjectKind, actions: Iterable[Action]) -> list[int]:
            wanted = set(actions)
            return [i for i, it in enumerate(items) if it.kind is kind and it.action in wanted]

        failed_line_items: dict[str, PlanItem] = {}
        settled: set[int] = set()

        async def write(index: int) -> None:
            settled.add(index)
            done = await applier.call(items[index])
            items[index] = done
            if done.action is Action.ERROR and done.kind is LI:
                failed_line_items[done.sourced_id] = done

        # 1. lineItems created or updated
        await applier.pool(phase(LI, (Action.CREATE, Action.UPDATE)), write)

        # 2. results written, unless their lineItem was not
        async def write_result(index: int) -> None:
            item = items[index]
            parent = failed_line_items.get(item.line_item or "")
            if parent is not None:
                settled.add(index)
                items[index] = _error(
                    item,
                    parent.reasons,
                    "Not sent: the SIS did not accept its lineItem. " + parent.message,
                )
                return
            await write(index)

        await applier.pool(phase(RES, (Action.CREATE, Action.UPDATE)), write_result)

        # 3. results deleted, then 4. lineItems deleted once all their results are gone
        result_deletes = phase(RES, (Action.DELETE,))
        await applier.pool(result_deletes, write)
        blocked = {items[i].line_item for i in result_deletes if items[i].action is Action.ERROR}

        async def delete_line_item(index: int) -> None:
            item = items[index]
            if item.sourced_id in blocked:
                settled.add(index)
                items[index] = _error(
                    item, item.reasons, "Not removed: some of its results could not be removed."
                )
                return
            await write(index)

        await applier.pool(phase(LI, (Action.DELETE,)), delete_line_item)
        sink.flush()

        if applier.fatal is not None:
            for i, item in enumerate(items):
                if item.writes and i not in settled:
                    items[i] = _error(item, (), f"Not attempted: the run stopped. {applier.fatal}")
        return items

"""Runs and their report items: a run row written when a run starts and ends, its items
streamed in as the run makes them (`ItemWriter`), read by the CLI, console and API.

A large district's run has millions of items, so they are never all in memory: the run
writes them batch by batch, and the report a run returns reads them back lazily
(`StoredItems`).
"""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, overload

from sqlalchemy import Dialect, Engine, Table, func, insert, select, update
from sqlalchemy.orm import Session

from passback.core.clock import utc_now
from passback.core.plan import PlanItem
from passback.core.report import ReportFilter, RunSummary, item_message, report_dict
from passback.store.db import session_scope
from passback.store.names import with_names
from passback.store.schema import Base

_BATCH = 2000


def _runs() -> Table:
    return Base.metadata.tables["runs"]


def _items() -> Table:
    return Base.metadata.tables["run_items"]


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


# the stored counts' split by kind (not one of the counts of docs/sync.md#the-report)
BY_KIND = "by_kind"


def _plain(by_kind: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    return {kind: dict(actions) for kind, actions in by_kind.items()}


def _summary(row: Any) -> RunSummary:
    counts = dict(row.counts or {})
    by_kind = counts.pop(BY_KIND, None) or {}
    return RunSummary(
        id=row.id,
        district=row.district_id,
        trigger=row.trigger,
        dry_run=bool(row.dry_run),
        as_of=row.as_of,
        status=row.status,
        started_at=_aware(row.started_at) or utc_now(),
        finished_at=_aware(row.finished_at),
        scope=row.scope or {},
        counts=counts,
        by_kind=by_kind,
        api_calls=row.api_calls or {},
        error=row.error,
    )


def start_run(
    session: Session,
    *,
    district: str,
    trigger: str,
    dry_run: bool,
    as_of: date,
    scope: Mapping[str, str],
    now: datetime,
) -> RunSummary:
    """Record a new run. A run of the district still marked running was interrupted (the
    process stopped before it finished): it is marked failed so history tells the truth."""
    runs = _runs()
    session.execute(
        update(runs)
        .where(runs.c.district_id == district, runs.c.status == "running")
        .values(
            status="failed",
            finished_at=now,
            error="Interrupted: the process stopped before the run finished.",
        )
    )
    run_id = uuid.uuid4().hex
    session.execute(
        insert(runs).values(
            id=run_id,
            district_id=district,
            trigger=trigger,
            dry_run=dry_run,
            as_of=as_of,
            scope=dict(scope),
            status="running",
            started_at=now,
            counts={},
            api_calls={},
        )
    )
    row = session.execute(select(runs).where(runs.c.id == run_id)).one()
    return _summary(row)


# A report item as stored: kind, assessment, class, student, action, reasons, message,
# details (or None), sourcedId.
StoredItem = tuple[str, str, str, "str | None", str, tuple[str, ...], str, Any, "str | None"]


def stored_item(row: Mapping[str, Any]) -> StoredItem:
    """A report row (as `passback.core.report.item_row` makes them) as stored."""
    return (
        row["kind"],
        row["assessment"],
        row["class"],
        row.get("student"),
        row["action"],
        tuple(row.get("reasons", ())),
        row.get("message", ""),
        row.get("details") or None,
        row.get("sourcedId"),
    )


def plan_item(item: PlanItem) -> StoredItem:
    """A plan item as stored: `stored_item(item_row(item))`, without the dict."""
    return (
        item.kind._value_,
        item.assessment,
        item.class_id,
        item.student,
        item.action._value_,
        tuple([r._value_ for r in item.reasons]) if item.reasons else (),
        item.message,
        item.details or None,
        item.sourced_id,
    )


class _JsonValues:
    """reasons and details as the ORM binds them to this dialect, the repeated ones (a few
    combinations of reasons; details that only name the sourcedId) made cheaply."""

    def __init__(self, table: Table, dialect: Dialect) -> None:
        processor = table.c.reasons.type.dialect_impl(dialect).bind_processor(dialect)
        assert processor is not None
        self.convert: Callable[[Any], Any] = processor
        self.reasons_seen: dict[tuple[str, ...], Any] = {}
        # SQLite stores JSON text (`json.dumps` with its default separators)
        self.text = dialect.name == "sqlite"

    def reasons(self, reasons: tuple[str, ...]) -> Any:
        found = self.reasons_seen.get(reasons)
        if found is None:
            found = self.reasons_seen[reasons] = self.convert(list(reasons))
        return found

    def details(self, details: Mapping[str, Any] | None, sourced_id: str | None) -> Any:
        if (
            details is None
            and self.text
            and sourced_id is not None
            and sourced_id.isascii()
            and not _NEEDS_ESCAPE(sourced_id)
        ):
            return '{"sourcedId": "' + sourced_id + '"}'
        return self.convert({**(details or {}), "sourcedId": sourced_id})


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]').search


def insert_items(
    session: Session, run_id: str, items: Iterable[StoredItem], *, first_seq: int = 0
) -> int:
    """Store report items from position `first_seq` on; returns how many were stored.

    Millions of rows per large run: one multi-row INSERT per chunk on the session's driver
    connection, values converted as the ORM converts them (JSON for reasons and details)."""
    connection = session.connection()
    dialect = connection.dialect
    table = _items()
    json_values = _JsonValues(table, dialect)
    per_statement = min(_BATCH, 30_000 // len(table.columns))
    cursor = connection.connection.cursor()
    stored = 0
    try:
        chunk: list[Any] = []
        rows = 0
        for kind, assessment, class_id, student, action, reasons, message, details, sid in items:
            chunk += (
                run_id,
                first_seq + stored + rows,
                kind,
                assessment,
                class_id,
                student,
                action,
                json_values.reasons(reasons),
                message,
                json_values.details(details, sid),
            )
            rows += 1
            if rows == per_statement:
                cursor.execute(_insert_sql(table, dialect, rows), chunk)
                stored += rows
                chunk, rows = [], 0
        if rows:
            cursor.execute(_insert_sql(table, dialect, rows), chunk)
            stored += rows
    finally:
        cursor.close()
    return stored


@functools.lru_cache(maxsize=16)
def _insert_sql(table: Table, dialect: Dialect, rows: int) -> str:
    quote = dialect.identifier_preparer.quote
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    row = "(" + ", ".join([marker] * len(table.columns)) + ")"
    columns = ", ".join(quote(c.name) for c in table.columns)
    return f"INSERT INTO {quote(table.name)} ({columns}) VALUES {', '.join([row] * rows)}"


class ItemWriter:
    """Streams one run's report items into the store in batches, in order, each batch in
    its own short transaction. Counts the items by kind and action as they go by."""

    def __init__(self, engine: Engine, run_id: str, *, batch: int = 5000) -> None:
        self.engine = engine
        self.run_id = run_id
        self.batch = batch
        self.written = 0
        self.tally: dict[tuple[str, str], int] = {}  # (kind, action) -> items
        self._pending: list[StoredItem] = []

    @property
    def actions(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for (_, action), n in self.tally.items():
            out[action] = out.get(action, 0) + n
        return out

    def by_kind(self) -> dict[str, dict[str, int]]:
        """kind -> action -> items (each item counted once)."""
        out: dict[str, dict[str, int]] = {}
        for (kind, action), n in self.tally.items():
            out.setdefault(kind, {})[action] = n
        return out

    def add(self, items: Iterable[StoredItem]) -> None:
        pending, tally = self._pending, self.tally
        for item in items:
            pending.append(item)
            key = (item[0], item[4])
            tally[key] = tally.get(key, 0) + 1
            if len(pending) >= self.batch:
                self.flush()
                pending = self._pending

    def flush(self) -> None:
        if not self._pending:
            return
        items, self._pending = self._pending, []
        with session_scope(self.engine) as session:
            self.written += insert_items(session, self.run_id, items, first_seq=self.written)


def finish_run(
    session: Session,
    run_id: str,
    *,
    status: str,
    counts: Mapping[str, int],
    api_calls: Mapping[str, int],
    error: str | None,
    items: Iterable[Mapping[str, Any]] = (),
    now: datetime,
    first_seq: int = 0,
    by_kind: Mapping[str, Mapping[str, int]] | None = None,
) -> None:
    """Record how a run ended; `items` (report rows) are stored from position `first_seq`
    (after those an `ItemWriter` streamed in). `by_kind` (kind -> action -> items) is kept
    with the counts, which the report then splits into assessments and scores."""
    insert_items(session, run_id, (stored_item(row) for row in items), first_seq=first_seq)
    runs = _runs()
    session.execute(
        update(runs)
        .where(runs.c.id == run_id)
        .values(
            status=status,
            counts={**counts, **({BY_KIND: _plain(by_kind)} if by_kind else {})},
            api_calls=dict(api_calls),
            error=error,
            finished_at=now,
        )
    )


def get_run(session: Session, run_id: str) -> RunSummary | None:
    runs = _runs()
    row = session.execute(select(runs).where(runs.c.id == run_id)).one_or_none()
    return _summary(row) if row is not None else None


def find_run(session: Session, prefix: str) -> RunSummary | None:
    """A run by its id or an unambiguous prefix of it (as printed in short form)."""
    found = find_runs(session, prefix, limit=2)
    return found[0] if len(found) == 1 else None


def find_runs(session: Session, prefix: str, *, limit: int = 2) -> list[RunSummary]:
    """Runs whose id starts with `prefix` (any case)."""
    runs = _runs()
    wanted = prefix.strip().lower()
    if not wanted:
        return []
    query = select(runs).where(runs.c.id.startswith(wanted, autoescape=True)).limit(limit)
    return [_summary(row) for row in session.execute(query)]


def list_runs(session: Session, district: str, *, limit: int = 20) -> list[RunSummary]:
    runs = _runs()
    query = (
        select(runs)
        .where(runs.c.district_id == district)
        .order_by(runs.c.started_at.desc())
        .limit(limit)
    )
    return [_summary(row) for row in session.execute(query)]


def iter_items(
    session: Session, run_id: str, wanted: ReportFilter | None = None
) -> Iterator[dict[str, Any]]:
    """A run's items in order, as report rows (with their `names`), filtered by `wanted`
    (all but its teacher, which needs the SIS: the operation applies it)."""
    district = session.scalar(select(_runs().c.district_id).where(_runs().c.id == run_id))
    rows = _filtered_items(session, run_id, wanted or ReportFilter())
    return with_names(session, district or "", rows)


def _filtered_items(
    session: Session, run_id: str, wanted: ReportFilter
) -> Iterator[dict[str, Any]]:
    table = _items()
    query = select(table).where(table.c.run_id == run_id).order_by(table.c.seq)
    if wanted.action:
        query = query.where(table.c.action == wanted.action)
    if wanted.class_id:
        query = query.where(table.c.class_id == wanted.class_id)
    if wanted.assessment:
        query = query.where(table.c.assessment_id == wanted.assessment)
    if wanted.student:
        query = query.where(table.c.student_id == wanted.student)
    reason = wanted.reason
    for row in session.execute(query.execution_options(yield_per=_BATCH)):
        reasons = list(row.reasons or ())
        if reason and reason not in reasons:
            continue
        yield _report_row(row, reasons)


def _report_row(row: Any, reasons: list[str]) -> dict[str, Any]:
    details = dict(row.details or {})
    sourced_id = details.pop("sourcedId", None)
    out: dict[str, Any] = {
        "kind": row.kind,
        "assessment": row.assessment_id,
        "class": row.class_id,
        "student": row.student_id,
        "action": row.action,
        "reasons": reasons,
        "message": row.message or "",
        "sourcedId": sourced_id,
    }
    if details:
        out["details"] = details
    return out


def _items_between(
    session: Session, run_id: str, first: int, stop: int | None
) -> Iterator[dict[str, Any]]:
    """Report rows at positions first ≤ seq < stop (to the end when stop is None)."""
    table = _items()
    query = select(table).where(table.c.run_id == run_id, table.c.seq >= first)
    if stop is not None:
        query = query.where(table.c.seq < stop)
    for row in session.execute(query.order_by(table.c.seq).execution_options(yield_per=_BATCH)):
        yield _report_row(row, list(row.reasons or ()))


def get_report(
    session: Session, run_id: str, wanted: ReportFilter | None = None
) -> dict[str, Any] | None:
    run = get_run(session, run_id)
    if run is None:
        return None
    return report_dict(run, iter_items(session, run_id, wanted))


def lazy_report(engine: Engine, run_id: str) -> dict[str, Any] | None:
    """`get_report` with the items left in the store: `items` is a `StoredItems`, read
    when iterated (a large run's items do not fit in memory as dicts)."""
    with session_scope(engine, read_only=True) as session:
        run = get_run(session, run_id)
        if run is None:
            return None
        total = count_items(session, run_id)
    report = report_dict(run, ())
    report["items"] = StoredItems(engine, run_id, total, run.district)
    return report


def count_items(session: Session, run_id: str) -> int:
    table = _items()
    return int(session.scalar(select(func.count()).where(table.c.run_id == run_id)) or 0)


class StoredItems(Sequence[dict[str, Any]]):
    """A run's report items as the report shows them (the fix texts in `message`), read
    from the store in order each time they are iterated. Compares equal to a list of the
    same items; `list(items)` gives them all."""

    def __init__(self, engine: Engine, run_id: str, total: int, district: str = "") -> None:
        self._engine = engine
        self._run_id = run_id
        self._total = total
        self._district = district

    def __repr__(self) -> str:
        return f"StoredItems(run={self._run_id!r}, items={self._total})"

    def __len__(self) -> int:
        return self._total

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self._rows()

    def _rows(self, first: int = 0, stop: int | None = None) -> Iterator[dict[str, Any]]:
        with session_scope(self._engine, read_only=True) as session:
            rows = _items_between(session, self._run_id, first, stop)
            for row in with_names(session, self._district, rows):
                row["message"] = item_message(row["reasons"], row["message"])
                yield row

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._total)
            if step != 1:
                return list(self[start:stop])[::step]
            return list(self._rows(start, stop)) if start < stop else []
        position = index + self._total if index < 0 else index
        if not 0 <= position < self._total:
            raise IndexError("report item index out of range")
        return next(self._rows(position, position + 1))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredItems):
            return (self._run_id, self._total) == (other._run_id, other._total)
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return len(other) == self._total and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

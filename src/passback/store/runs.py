"""Runs and their report items: written when a run starts and ends, read by the CLI,
console and API."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.orm import Session

from passback.report import RunSummary, report_dict
from passback.store.models import Base

_BATCH = 2000


def _runs() -> Table:
    return Base.metadata.tables["runs"]


def _items() -> Table:
    return Base.metadata.tables["run_items"]


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _summary(row: Any) -> RunSummary:
    return RunSummary(
        id=row.id,
        district=row.district_id,
        trigger=row.trigger,
        dry_run=bool(row.dry_run),
        as_of=row.as_of,
        status=row.status,
        started_at=_aware(row.started_at) or datetime.now(UTC),
        finished_at=_aware(row.finished_at),
        scope=row.scope or {},
        counts=row.counts or {},
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


def finish_run(
    session: Session,
    run_id: str,
    *,
    status: str,
    counts: Mapping[str, int],
    api_calls: Mapping[str, int],
    error: str | None,
    items: Iterable[Mapping[str, Any]],
    now: datetime,
) -> None:
    batch: list[dict[str, Any]] = []
    table = _items()
    for seq, item in enumerate(items):
        batch.append(
            {
                "run_id": run_id,
                "seq": seq,
                "kind": item["kind"],
                "assessment_id": item["assessment"],
                "class_id": item["class"],
                "student_id": item.get("student"),
                "action": item["action"],
                "reasons": list(item.get("reasons", ())),
                "message": item.get("message", ""),
                "details": {**(item.get("details") or {}), "sourcedId": item.get("sourcedId")},
            }
        )
        if len(batch) >= _BATCH:
            session.execute(insert(table), batch)
            batch = []
    if batch:
        session.execute(insert(table), batch)
    runs = _runs()
    session.execute(
        update(runs)
        .where(runs.c.id == run_id)
        .values(
            status=status,
            counts=dict(counts),
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
    runs = _runs()
    rows = session.execute(select(runs).where(runs.c.id.startswith(prefix)).limit(2)).all()
    return _summary(rows[0]) if len(rows) == 1 else None


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
    session: Session,
    run_id: str,
    *,
    action: str | None = None,
    reason: str | None = None,
    class_id: str | None = None,
    assessment: str | None = None,
    student: str | None = None,
) -> Iterator[dict[str, Any]]:
    """A run's items in order, as report rows, optionally filtered."""
    table = _items()
    query = select(table).where(table.c.run_id == run_id).order_by(table.c.seq)
    if action:
        query = query.where(table.c.action == action)
    if class_id:
        query = query.where(table.c.class_id == class_id)
    if assessment:
        query = query.where(table.c.assessment_id == assessment)
    if student:
        query = query.where(table.c.student_id == student)
    for row in session.execute(query.execution_options(yield_per=_BATCH)):
        reasons = list(row.reasons or ())
        if reason and reason not in reasons:
            continue
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
        yield out


def get_report(session: Session, run_id: str, **filters: str | None) -> dict[str, Any] | None:
    run = get_run(session, run_id)
    if run is None:
        return None
    return report_dict(run, iter_items(session, run_id, **filters))


def count_runs(session: Session, district: str) -> int:
    runs = _runs()
    return int(session.scalar(select(func.count()).where(runs.c.district_id == district)) or 0)

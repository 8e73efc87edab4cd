"""What an operator watches, read from the store: the job queue, each district's nightly
runs, and how its SIS answered in recent runs. Read by the metrics at scrape time and by the
console's operator overview, so every process shows the same, whichever ran the jobs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from passback.store.schema.jobs import SyncJobRow
from passback.store.schema.runs import RunRow

NIGHTLY = "nightly"
COMPLETED = ("succeeded", "partial")  # the run got through (record errors are per record)
LOOK_BACK = timedelta(days=30)


@dataclass(frozen=True)
class QueueSnapshot:
    queued: int  # due now, waiting for a worker
    scheduled: int  # queued for later (retries with backoff)
    running: int
    oldest_queued_age: float  # seconds the longest-waiting due job has waited; 0 if none
    stalled: int  # running jobs whose worker has not beaten for `stalled_after`


def queue_snapshot(session: Session, *, now: datetime, stalled_after: timedelta) -> QueueSnapshot:
    queued = session.execute(
        select(
            func.count().filter(SyncJobRow.not_before <= now),
            func.count().filter(SyncJobRow.not_before > now),
            func.min(SyncJobRow.not_before).filter(SyncJobRow.not_before <= now),
        ).where(SyncJobRow.status == "queued")
    ).one()
    running = session.execute(
        select(
            func.count(),
            func.count().filter(SyncJobRow.heartbeat_at < now - stalled_after),
        ).where(SyncJobRow.status == "running")
    ).one()
    oldest = queued[2]
    return QueueSnapshot(
        queued=int(queued[0] or 0),
        scheduled=int(queued[1] or 0),
        running=int(running[0] or 0),
        oldest_queued_age=max((now - oldest).total_seconds(), 0.0) if oldest else 0.0,
        stalled=int(running[1] or 0),
    )


@dataclass(frozen=True)
class NightlyHealth:
    """One district's nightly runs (real runs, not dry runs) over the last 30 days."""

    district: str
    last_status: str | None  # of the latest finished nightly run
    last_started: datetime | None
    last_completed: datetime | None  # finish time of the latest succeeded/partial one
    failed_in_a_row: int  # latest finished nightly runs that failed, counted back


def nightly_health(session: Session, *, now: datetime) -> dict[str, NightlyHealth]:
    rows = session.execute(
        select(RunRow.district_id, RunRow.status, RunRow.started_at, RunRow.finished_at)
        .where(
            RunRow.trigger == NIGHTLY,
            RunRow.dry_run.is_(False),
            RunRow.status != "running",
            RunRow.started_at >= now - LOOK_BACK,
        )
        .order_by(RunRow.district_id, RunRow.started_at.desc())
    ).all()
    by_district: dict[str, list[tuple[str, datetime, datetime | None]]] = defaultdict(list)
    for district, status, started, finished in rows:
        by_district[district].append((status, started, finished))
    out: dict[str, NightlyHealth] = {}
    for district, runs in by_district.items():
        streak = 0
        for status, _, _ in runs:
            if status != "failed":
                break
            streak += 1
        completed = next((f for s, _, f in runs if s in COMPLETED), None)
        out[district] = NightlyHealth(district, runs[0][0], runs[0][1], completed, streak)
    return out


@dataclass(frozen=True)
class SisHealth:
    """How one district's SIS answered in its recent runs (the last `runs` finished)."""

    district: str
    runs: int
    requests: int
    seconds_per_request: float | None  # mean time to the SIS's answer
    failures: int  # 5xx answers and requests with no answer
    throttled: int  # 429 answers
    failed_runs: int
    last_error: str | None  # of the latest failed run
    latest_requests: int = 0  # the same for the latest run alone
    latest_failures: int = 0
    latest_seconds_per_request: float | None = None


def sis_health(session: Session, *, now: datetime, runs: int = 5) -> dict[str, SisHealth]:
    """Per district, over its last `runs` finished real runs of the last 30 days."""
    ranked = (
        select(
            RunRow.district_id,
            RunRow.status,
            RunRow.api_calls,
            RunRow.error,
            func.row_number()
            .over(partition_by=RunRow.district_id, order_by=RunRow.started_at.desc())
            .label("n"),
        )
        .where(
            RunRow.dry_run.is_(False),
            RunRow.status != "running",
            RunRow.started_at >= now - LOOK_BACK,
        )
        .subquery()
    )
    rows = session.execute(
        select(ranked.c.district_id, ranked.c.status, ranked.c.api_calls, ranked.c.error)
        .where(and_(ranked.c.n <= runs))
        .order_by(ranked.c.district_id, ranked.c.n)
    ).all()
    grouped: dict[str, list[tuple[str, dict[str, int], str | None]]] = defaultdict(list)
    for district, status, calls, error in rows:
        grouped[district].append((status, dict(calls or {}), error))
    out: dict[str, SisHealth] = {}
    for district, recent in grouped.items():
        requests = sum(int(c.get("sis_requests", 0)) for _, c, _ in recent)
        ms = sum(int(c.get("sis_ms", 0)) for _, c, _ in recent)
        out[district] = SisHealth(
            district=district,
            runs=len(recent),
            requests=requests,
            seconds_per_request=(ms / 1000 / requests) if requests else None,
            failures=sum(int(c.get("sis_failures", 0)) for _, c, _ in recent),
            throttled=sum(int(c.get("throttled", 0)) for _, c, _ in recent),
            failed_runs=sum(1 for s, _, _ in recent if s == "failed"),
            last_error=next((e for s, _, e in recent if s == "failed" and e), None),
            latest_requests=int(recent[0][1].get("sis_requests", 0)),
            latest_failures=int(recent[0][1].get("sis_failures", 0)),
            latest_seconds_per_request=_mean_seconds(recent[0][1]),
        )
    return out


def _mean_seconds(calls: dict[str, int]) -> float | None:
    requests = int(calls.get("sis_requests", 0))
    return int(calls.get("sis_ms", 0)) / 1000 / requests if requests else None

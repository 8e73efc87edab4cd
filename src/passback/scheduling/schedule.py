"""Queueing the nightly runs that are due: the store side of `nightly.decide`.

Called every minute by the embedded scheduler or procrastinate's periodic task. The slot
is claimed with a conditional write on `nightly_state`, so of several schedulers ticking at
once exactly one queues a given night. Districts without a stored SIS secret are not set up
yet and are left alone. A district that is not active (docs/scheduling.md#activation) has its night
marked as handled without a run, so activating it later starts with the next slot rather
than a catch-up run at once.
"""

from __future__ import annotations

from datetime import datetime

import structlog
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from passback.scheduling import jobs
from passback.scheduling.jobs import JobInfo, JobSpec
from passback.scheduling.nightly import decide, next_slot
from passback.store import districts as district_store
from passback.store.db import dialect_insert
from passback.store.schema.jobs import NightlyStateRow

log = structlog.get_logger(__name__)

NIGHTLY = "nightly"


def _claim(session: Session, district: str, night: object, now: datetime, fresh: bool) -> bool:
    if fresh:
        insert = dialect_insert(session)
        result = session.execute(
            insert(NightlyStateRow)
            .values(district_id=district, last_night=night, updated_at=now)
            .on_conflict_do_nothing()
        )
    else:
        result = session.execute(
            update(NightlyStateRow)
            .where(NightlyStateRow.district_id == district, NightlyStateRow.last_night < night)
            .values(last_night=night, updated_at=now)
        )
    return bool(getattr(result, "rowcount", 0))


def queue_due_nightly(session: Session, *, now: datetime) -> list[JobInfo]:
    """Queue every nightly run due at `now` (including one missed night per district)."""
    state = {row.district_id: row.last_night for row in session.scalars(select(NightlyStateRow))}
    queued = []
    active = {d: a.active for d, a in district_store.activations(session).items()}
    for district in district_store.list_districts(session):
        if not district_store.has_client_secret(session, district.id):
            continue
        last = state.get(district.id)
        decision = decide(now, district.options.nightly_at, district.tz, last)
        if decision.record is None:
            continue
        if not _claim(session, district.id, decision.record, now, fresh=last is None):
            continue
        if decision.run_for is not None and not active.get(district.id, False):
            log.info("nightly.skipped_inactive", district=district.id, night=str(decision.run_for))
            continue
        if decision.run_for is not None:
            job, _ = jobs.enqueue(session, JobSpec(district.id, NIGHTLY), now=now)
            queued.append(job)
    return queued


def upcoming(session: Session, *, now: datetime) -> list[dict[str, str]]:
    """Each district's next nightly run, soonest first (for `passback schedule`)."""
    state = {row.district_id: row.last_night for row in session.scalars(select(NightlyStateRow))}
    rows = []
    active = {d: a.active for d, a in district_store.activations(session).items()}
    for district in district_store.list_districts(session):
        _, at = next_slot(now, district.options.nightly_at, district.tz)
        last = state.get(district.id)
        rows.append(
            {
                "district": district.id,
                "timezone": district.timezone,
                "nightly_at": district.options.nightly_at.strftime("%H:%M"),
                "next_run": at.isoformat(),
                "next_run_local": at.astimezone(district.tz).isoformat(),
                "last_night_queued": last.isoformat() if last else "",
                "on_change": str(district.options.on_change).lower(),
                "set_up": str(district_store.has_client_secret(session, district.id)).lower(),
                "active": str(active.get(district.id, False)).lower(),
            }
        )
    rows.sort(key=lambda r: r["next_run"])
    return rows

"""Changing a district's onboarding: people's edits (order enforced), automatic checks'
outcomes, and reading the state for the console and the API.

A step starts only when the steps it needs are done; a done step cannot be reopened while
a later step that needs it is done; checked steps are done only by a passing check;
derived steps are never set by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date
from typing import Any

import structlog
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from passback.core.clock import utc_now
from passback.onboarding.steps import (
    BY_KEY,
    TITLES,
    Kind,
    Progress,
    Status,
    StepDef,
    StepError,
    compute,
)
from passback.store import audit
from passback.store import onboarding as step_store
from passback.store.db import session_scope
from passback.store.districts import activation as district_activation
from passback.store.districts import get_district
from passback.store.onboarding import StepRecord
from passback.store.schema.runs import RunRow

log = structlog.get_logger(__name__)


def first_sync_date(session: Session, district: str, tz_name: str) -> date | None:
    """The local date the district's first real sync finished (succeeded or partial)."""
    from zoneinfo import ZoneInfo

    finished = session.scalar(
        select(RunRow.finished_at)
        .where(
            RunRow.district_id == district,
            RunRow.dry_run.is_(False),
            RunRow.status.in_(("succeeded", "partial")),
        )
        .order_by(RunRow.finished_at)
        .limit(1)
    )
    if finished is None:
        return None
    if finished.tzinfo is None:
        finished = finished.replace(tzinfo=UTC)
    return finished.astimezone(ZoneInfo(tz_name)).date()


def activated_date(session: Session, district: str, tz_name: str) -> date | None:
    """The local date the district was last activated (None: never activated)."""
    from zoneinfo import ZoneInfo

    state = district_activation(session, district)
    if state is None or state.activated_at is None:
        return None
    return state.activated_at.astimezone(ZoneInfo(tz_name)).date()


def progress(engine: Engine, district_id: str, *, today: date | None = None) -> Progress | None:
    """The district's onboarding, or None when the district does not exist."""
    with session_scope(engine, read_only=True) as session:
        found = _read(session, district_id, today)
    return None if found is None else found.progress


@dataclass(frozen=True)
class _Read:
    """One district's steps as stored and as computed for its local `today`."""

    records: dict[str, StepRecord]
    progress: Progress
    today: date
    first_sync: date | None
    activated: date | None

    def recomputed(self) -> Progress:
        """The steps again, after `records` changed."""
        return compute(
            self.records, first_sync=self.first_sync, activated=self.activated, today=self.today
        )


def _read(session: Session, district_id: str, today: date | None = None) -> _Read | None:
    district = get_district(session, district_id, include_learned=False)
    if district is None:
        return None
    day = today or district.local_date(utc_now())
    records = step_store.load_steps(session, district_id)
    first = first_sync_date(session, district_id, district.timezone)
    activated = activated_date(session, district_id, district.timezone)
    computed = compute(records, first_sync=first, activated=activated, today=day)
    return _Read(records, computed, day, first, activated)


def all_progress(engine: Engine) -> dict[str, Progress]:
    """Every district's onboarding (the operator's overview), in one read."""
    with session_scope(engine, read_only=True) as session:
        from passback.store.districts import list_districts

        districts = list_districts(session)
        records = step_store.load_all_steps(session)
        firsts = {d.id: first_sync_date(session, d.id, d.timezone) for d in districts}
        activated = {d.id: activated_date(session, d.id, d.timezone) for d in districts}
    return {
        d.id: compute(
            records.get(d.id, {}),
            first_sync=firsts[d.id],
            activated=activated[d.id],
            today=d.local_date(utc_now()),
        )
        for d in districts
    }


# --- changing it -------------------------------------------------------------------------


@dataclass(frozen=True)
class StepChange:
    """What a person changes on a step; None leaves a field as it is."""

    status: Status | None = None
    owner: str | None = None
    started_on: date | None = None
    done_on: date | None = None
    notes: str | None = None
    data: Mapping[str, Any] | None = None


def update_step(
    engine: Engine, district_id: str, key: str, change: StepChange, *, by: str
) -> Progress:
    """Apply a person's change to a step, enforcing the order. Raises `StepError`, or
    `LookupError` for an unknown district or step."""
    definition = BY_KEY.get(key)
    if definition is None:
        raise LookupError(f"unknown onboarding step {key}")
    with session_scope(engine) as session:
        found = _read(session, district_id)
        if found is None:
            raise LookupError(f"unknown district {district_id}")
        records, before, today = found.records, found.progress, found.today
        record = records.get(key, StepRecord(key))
        updated = _apply(definition, before, record, change, today)
        step_store.save_step(session, district_id, updated, by=by, now=utc_now())
        audit.record(
            session,
            actor=by,
            district=district_id,
            action="onboarding.updated",
            target=key,
            now=utc_now(),
            details={"status": updated.status},
        )
        records[key] = updated
    log.info("onboarding.updated", district=district_id, step=key, status=updated.status)
    return found.recomputed()


def _apply(
    d: StepDef, before: Progress, record: StepRecord, change: StepChange, today: date
) -> StepRecord:
    state = before.step(d.key)
    status = Status(record.status)
    if change.status is not None and change.status is not state.status:
        if d.kind is Kind.DERIVED:
            raise StepError(
                "status",
                f"{TITLES[d.key].capitalize()} follows from the other steps; "
                "it cannot be set by hand.",
            )
        if change.status is Status.DONE and d.kind is Kind.CHECKED:
            raise StepError(
                "status",
                f"{TITLES[d.key].capitalize()} is done when its check passes; run the check.",
            )
        if change.status is not Status.TODO and state.blocked_by:
            names = ", ".join(TITLES[k] for k in state.blocked_by)
            raise StepError(
                "status",
                f"{TITLES[d.key].capitalize()} can start only after {names} "
                f"{'is' if len(state.blocked_by) == 1 else 'are'} done.",
            )
        if change.status is not Status.DONE:
            dependents = [
                s.key
                for s in before.steps
                if d.key in s.definition.requires and s.status is Status.DONE
            ]
            if dependents:
                names = ", ".join(TITLES[k] for k in dependents)
                raise StepError(
                    "status",
                    f"{TITLES[d.key].capitalize()} cannot be reopened while {names} "
                    f"{'is' if len(dependents) == 1 else 'are'} done.",
                )
        status = change.status
    started = change.started_on if change.started_on is not None else record.started_on
    done_on = change.done_on if change.done_on is not None else record.done_on
    if status is Status.TODO:
        started, done_on = None, None
    elif status is Status.IN_PROGRESS:
        started, done_on = started or today, None
    else:
        done_on = done_on or today
        started = started or done_on
    if done_on is not None and started is not None and done_on < started:
        raise StepError("done_on", "the date it was done cannot be before the date it started")
    if done_on is not None and done_on > today:
        raise StepError("done_on", "the date it was done cannot be in the future")
    data = dict(record.data)
    if change.data is not None:
        data.update({k: v for k, v in change.data.items()})
    return replace(
        record,
        status=status.value,
        owner=(change.owner.strip() or None) if change.owner is not None else record.owner,
        started_on=started,
        done_on=done_on if status is Status.DONE else None,
        notes=change.notes if change.notes is not None else record.notes,
        data=data,
    )


def record_check(
    engine: Engine, district_id: str, key: str, *, ok: bool, message: str, by: str
) -> Progress:
    """Store an automatic check's outcome; a passing check marks the step done (when the
    steps it needs are done), a failing one puts it back in progress."""
    definition = BY_KEY[key]
    with session_scope(engine) as session:
        found = _read(session, district_id)
        if found is None:
            raise LookupError(f"unknown district {district_id}")
        records, before, today = found.records, found.progress, found.today
        state = before.step(key)
        record = records.get(key, StepRecord(key))
        check = {"ok": ok, "message": message, "at": utc_now().isoformat(), "by": by}
        if state.blocked_by:
            names = ", ".join(TITLES[k] for k in state.blocked_by)
            check = {**check, "ok": False, "message": f"{message} (not counted: {names} first)"}
            ok = False
        status = Status.DONE if ok else Status.IN_PROGRESS
        if not ok and record.status == Status.DONE.value:
            dependents = [
                s.key
                for s in before.steps
                if key in s.definition.requires and s.status is Status.DONE
            ]
            if dependents:  # a later step relies on it: keep it, but show the failure
                status = Status.DONE
        updated = replace(
            record,
            status=status.value,
            started_on=record.started_on or today,
            done_on=(record.done_on or today) if status is Status.DONE else None,
            last_check=check,
        )
        step_store.save_step(session, district_id, updated, by=by, now=utc_now())
        audit.record(
            session,
            actor=by,
            district=district_id,
            action="onboarding.checked",
            target=definition.key,
            now=utc_now(),
            details={"ok": ok},
        )
        records[key] = updated
    log.info("onboarding.checked", district=district_id, step=key, ok=ok)
    return found.recomputed()


def mark_notified(engine: Engine, district_id: str, *, by: str = "notifications") -> Progress:
    """Step 9, for the notification work to call once the first-sync e-mail went out."""
    return update_step(
        engine, district_id, "district_notified", StepChange(status=Status.DONE), by=by
    )

"""Onboarding steps as recorded by people (docs/console.md#onboarding-steps): status, owner, dates,
notes, data and the last automatic check. The rules (order, derived steps) live in
`passback.onboarding`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from passback.store.schema.onboarding import OnboardingStepRow


@dataclass(frozen=True, slots=True)
class StepRecord:
    step: str
    status: str = "todo"
    owner: str | None = None
    started_on: date | None = None
    done_on: date | None = None
    notes: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    last_check: dict[str, Any] | None = None
    updated_at: datetime | None = None
    updated_by: str | None = None


def _record(row: OnboardingStepRow) -> StepRecord:
    return StepRecord(
        step=row.step,
        status=row.status,
        owner=row.owner,
        started_on=row.started_on,
        done_on=row.done_on,
        notes=row.notes,
        data=dict(row.data or {}),
        last_check=dict(row.last_check) if row.last_check else None,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
    )


def load_steps(session: Session, district: str) -> dict[str, StepRecord]:
    rows = session.scalars(
        select(OnboardingStepRow).where(OnboardingStepRow.district_id == district)
    )
    return {row.step: _record(row) for row in rows}


def load_all_steps(session: Session) -> dict[str, dict[str, StepRecord]]:
    """Every district's recorded steps (the operator's overview)."""
    out: dict[str, dict[str, StepRecord]] = {}
    for row in session.scalars(select(OnboardingStepRow)):
        out.setdefault(row.district_id, {})[row.step] = _record(row)
    return out


def save_step(
    session: Session, district: str, record: StepRecord, *, by: str, now: datetime
) -> None:
    row = session.get(OnboardingStepRow, (district, record.step))
    if row is None:
        row = OnboardingStepRow(district_id=district, step=record.step)
        session.add(row)
    row.status = record.status
    row.owner = record.owner
    row.started_on = record.started_on
    row.done_on = record.done_on
    row.notes = record.notes
    row.data = dict(record.data)
    row.last_check = dict(record.last_check) if record.last_check else None
    row.updated_at = now
    row.updated_by = by
    session.flush()

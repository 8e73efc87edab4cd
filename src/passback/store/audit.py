"""The audit trail: who changed what, when. Never holds secrets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from passback.store.schema.audit import AuditRow


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime
    actor: str
    district: str | None
    action: str
    target: str
    details: dict[str, Any]


def record(
    session: Session,
    *,
    actor: str,
    district: str | None,
    action: str,
    target: str,
    now: datetime,
    details: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditRow(
            at=now,
            actor=actor,
            district_id=district,
            action=action,
            target=target,
            details=dict(details or {}),
        )
    )


def recent(session: Session, district: str, *, limit: int = 50) -> list[AuditEntry]:
    rows = session.scalars(
        select(AuditRow)
        .where(AuditRow.district_id == district)
        .order_by(AuditRow.at.desc(), AuditRow.id.desc())
        .limit(limit)
    )
    return [
        AuditEntry(r.at, r.actor, r.district_id, r.action, r.target, dict(r.details or {}))
        for r in rows
    ]

"""When each SIS user joined a district's passback group (the config holds the set; this
table remembers the dates)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from passback.store.schema.onboarding import GroupMemberRow


@dataclass(frozen=True, slots=True)
class Member:
    sis_user: str
    added_at: datetime
    added_by: str


def members(session: Session, district: str) -> dict[str, Member]:
    rows = session.scalars(
        select(GroupMemberRow)
        .where(GroupMemberRow.district_id == district)
        .order_by(GroupMemberRow.sis_user_id)
    )
    return {r.sis_user_id: Member(r.sis_user_id, r.added_at, r.added_by) for r in rows}


def reconcile(
    session: Session, district: str, current: Collection[str], *, by: str, now: datetime
) -> tuple[list[str], list[str]]:
    """Make the dated members match the configured group: new ones get `now`, removed
    ones are forgotten. Returns (added, removed)."""
    known = members(session, district)
    added = sorted(set(current) - set(known))
    removed = sorted(set(known) - set(current))
    for user in added:
        session.add(
            GroupMemberRow(district_id=district, sis_user_id=user, added_at=now, added_by=by)
        )
    if removed:
        session.execute(
            delete(GroupMemberRow).where(
                GroupMemberRow.district_id == district, GroupMemberRow.sis_user_id.in_(removed)
            )
        )
    session.flush()
    return added, removed

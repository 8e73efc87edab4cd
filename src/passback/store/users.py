"""Console users in the store: create, find, list, update. Passwords arrive hashed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from passback.store.schema.accounts import UserRow


@dataclass(frozen=True, slots=True)
class StoredUser:
    id: int
    username: str
    display_name: str
    role: str
    district: str | None
    sis_user: str | None
    disabled: bool
    session_epoch: int
    created_at: datetime
    last_login_at: datetime | None
    password_hash: str


def _user(row: UserRow) -> StoredUser:
    return StoredUser(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        district=row.district_id,
        sis_user=row.sis_user_id,
        disabled=row.disabled,
        session_epoch=row.session_epoch,
        created_at=row.created_at,
        last_login_at=row.last_login_at,
        password_hash=row.password_hash,
    )


def add_user(
    session: Session,
    *,
    username: str,
    display_name: str,
    password_hash: str,
    role: str,
    district: str | None,
    sis_user: str | None,
    now: datetime,
) -> StoredUser:
    row = UserRow(
        username=username,
        display_name=display_name,
        password_hash=password_hash,
        role=role,
        district_id=district,
        sis_user_id=sis_user,
        disabled=False,
        session_epoch=1,
        created_at=now,
        last_login_at=None,
    )
    session.add(row)
    session.flush()
    return _user(row)


def get_user(session: Session, user_id: int) -> StoredUser | None:
    row = session.get(UserRow, user_id)
    return _user(row) if row is not None else None


def find_user(session: Session, username: str) -> StoredUser | None:
    row = session.scalar(select(UserRow).where(UserRow.username == username))
    return _user(row) if row is not None else None


def list_users(session: Session, *, district: str | None = None) -> list[StoredUser]:
    query = select(UserRow).order_by(UserRow.username)
    if district is not None:
        query = query.where(UserRow.district_id == district)
    return [_user(row) for row in session.scalars(query)]


def set_password_hash(session: Session, user_id: int, password_hash: str) -> None:
    row = session.get(UserRow, user_id)
    if row is not None:
        row.password_hash = password_hash
        row.session_epoch += 1


def set_disabled(session: Session, user_id: int, disabled: bool) -> None:
    row = session.get(UserRow, user_id)
    if row is not None:
        row.disabled = disabled
        row.session_epoch += 1


def record_login(session: Session, user_id: int, now: datetime) -> None:
    row = session.get(UserRow, user_id)
    if row is not None:
        row.last_login_at = now

"""Per-district API tokens in the store: only a hash of each secret is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from passback.store.schema.accounts import ApiTokenRow


@dataclass(frozen=True, slots=True)
class StoredToken:
    id: str
    district: str
    name: str
    hint: str
    created_at: datetime
    created_by: str
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def _token(row: ApiTokenRow) -> StoredToken:
    return StoredToken(
        id=row.id,
        district=row.district_id,
        name=row.name,
        hint=row.hint,
        created_at=row.created_at,
        created_by=row.created_by,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )


def add_token(
    session: Session,
    *,
    token_id: str,
    district: str,
    name: str,
    secret_hash: str,
    hint: str,
    created_by: str,
    now: datetime,
) -> StoredToken:
    row = ApiTokenRow(
        id=token_id,
        district_id=district,
        name=name,
        secret_hash=secret_hash,
        hint=hint,
        created_at=now,
        created_by=created_by,
        last_used_at=None,
        revoked_at=None,
    )
    session.add(row)
    session.flush()
    return _token(row)


def get_token(session: Session, token_id: str) -> StoredToken | None:
    row = session.get(ApiTokenRow, token_id)
    return _token(row) if row is not None else None


def token_by_hash(session: Session, secret_hash: str) -> StoredToken | None:
    row = session.scalar(select(ApiTokenRow).where(ApiTokenRow.secret_hash == secret_hash))
    return _token(row) if row is not None else None


def list_tokens(session: Session, district: str) -> list[StoredToken]:
    query = (
        select(ApiTokenRow)
        .where(ApiTokenRow.district_id == district)
        .order_by(ApiTokenRow.created_at.desc(), ApiTokenRow.id)
    )
    return [_token(row) for row in session.scalars(query)]


def revoke_token(session: Session, token_id: str, now: datetime) -> bool:
    """Revoke; False when it was already revoked (or does not exist)."""
    row = session.get(ApiTokenRow, token_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = now
    return True


def touch_token(session: Session, token_id: str, now: datetime) -> None:
    row = session.get(ApiTokenRow, token_id)
    if row is not None:
        row.last_used_at = now

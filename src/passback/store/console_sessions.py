"""Console sessions in the store: one row per signed-in browser (docs/console.md)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from passback.store.schema.accounts import ConsoleSessionRow


def add_session(
    session: Session, *, id_hash: str, user_id: int, now: datetime, expires_at: datetime
) -> None:
    # expired rows of anyone go when a new session starts: the table stays small
    session.execute(delete(ConsoleSessionRow).where(ConsoleSessionRow.expires_at < now))
    session.add(
        ConsoleSessionRow(id_hash=id_hash, user_id=user_id, created_at=now, expires_at=expires_at)
    )
    session.flush()


def session_valid(session: Session, id_hash: str, user_id: int, now: datetime) -> bool:
    row = session.get(ConsoleSessionRow, id_hash)
    return row is not None and row.user_id == user_id and row.expires_at > now


def end_session(session: Session, id_hash: str) -> None:
    session.execute(delete(ConsoleSessionRow).where(ConsoleSessionRow.id_hash == id_hash))


def end_user_sessions(session: Session, user_id: int) -> None:
    session.execute(delete(ConsoleSessionRow).where(ConsoleSessionRow.user_id == user_id))

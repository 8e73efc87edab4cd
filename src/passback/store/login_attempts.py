"""Sign-in attempts in the store, counted atomically (one upsert) so every process and
worker of a deployment shares the same count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Table, case, delete, literal, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from passback.store.schema.accounts import LoginAttemptRow


@dataclass(frozen=True, slots=True)
class Attempts:
    key: str
    attempts: int  # in the current window, this one included
    lockouts: int
    locked_until: datetime | None


def count_attempt(session: Session, key: str, *, now: datetime, window_start: datetime) -> Attempts:
    """Count one attempt for `key` (a window older than `window_start` starts again at 1)
    and return the row as it is now."""
    table: Table = LoginAttemptRow.__table__  # type: ignore[assignment]
    values = {"key": key, "attempts": 1, "window_start": now, "lockouts": 0, "locked_until": None}
    insert = (
        postgresql.insert(table)
        if session.get_bind().dialect.name == "postgresql"
        else sqlite.insert(table)
    )
    stale = table.c.window_start < window_start
    # attempts while locked are refused without being counted: waiting it out works
    locked = table.c.locked_until > now
    statement = (
        insert.values(values)
        .on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "attempts": case(
                    (locked, table.c.attempts), (stale, 1), else_=table.c.attempts + 1
                ),
                "window_start": case(
                    (locked, table.c.window_start),
                    (stale, literal(now, table.c.window_start.type)),
                    else_=table.c.window_start,
                ),
            },
        )
        .returning(table.c.attempts, table.c.lockouts, table.c.locked_until)
    )
    attempts, lockouts, locked_until = session.execute(statement).one()
    return Attempts(key, attempts, lockouts, locked_until)


def lock(session: Session, key: str, *, until: datetime, now: datetime) -> None:
    session.execute(
        update(LoginAttemptRow)
        .where(LoginAttemptRow.key == key)
        .values(
            locked_until=until,
            lockouts=LoginAttemptRow.lockouts + 1,
            attempts=0,
            window_start=now,
        )
    )


def clear(session: Session, *keys: str) -> None:
    session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.key.in_(keys)))

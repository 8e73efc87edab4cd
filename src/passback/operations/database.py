"""The database as the front ends see it: open it (migrated to the newest schema), and
whether its schema is the one this code needs (the readiness probe)."""

from __future__ import annotations

from sqlalchemy import Engine

from passback.store import db


def open_database(url: str | None = None) -> Engine:
    """The engine for `url` (default: the configured database), migrated to the newest
    revision. SQLAlchemy's errors for a bad URL or an unreachable server pass through."""
    return db.open_store(url)


def schema_revision(engine: Engine) -> str | None:
    """The revision the database's schema is at (None: never migrated)."""
    return db.current_revision(engine)


def head_revision() -> str:
    """The newest revision this code knows."""
    return db.head_revision()

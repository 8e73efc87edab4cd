"""Handing a sync job to procrastinate (PostgreSQL) in the transaction that queued it.

`defer_in_session` defers the job through procrastinate's public API
(`configure(connection=...).defer(...)`) on the caller's own connection, so a request and
the data change behind it commit or roll back together. The names that the worker
(`scheduling.queue`) registers its tasks under live here, so queueing a job needs neither
the worker nor a procrastinate connection pool.
"""

from __future__ import annotations

from datetime import datetime

import structlog
from procrastinate import App, SyncPsycopgConnector
from procrastinate.schema import SchemaManager
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

log = structlog.get_logger(__name__)

QUEUE = "passback"
SYNC_TASK = "passback.sync"
TICK_TASK = "passback.tick"
_SCHEMA_LOCK = 7_302_115_003  # advisory lock serialising the schema install


def district_lock(district: str) -> str:
    """The procrastinate `lock` of a district's jobs: one running at a time, in order."""
    return f"district:{district}"


def defer_in_session(session: Session, job_id: str, district: str, at: datetime) -> int:
    """Queue the procrastinate job of a `sync_jobs` row in the session's transaction; its
    procrastinate id."""
    _ensure_schema_from(session)
    # the deferrer is never opened: with `connection` the insert runs on the caller's
    # connection, not on a pool of its own
    deferrer = App(connector=SyncPsycopgConnector())
    connection = session.connection().connection.dbapi_connection
    configured = deferrer.configure_task(
        SYNC_TASK,
        queue=QUEUE,
        lock=district_lock(district),
        schedule_at=at,
        connection=connection,
    )
    return int(configured.defer(job=job_id))


def _ensure_schema_from(session: Session) -> None:
    found = session.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar()
    if found is None:
        ensure_schema(session.get_bind().engine)


def ensure_schema(engine: Engine) -> bool:
    """Install procrastinate's tables and functions if the database has none; True when
    installed now. Safe from several processes at once (advisory lock)."""
    with engine.begin() as connection:
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_SCHEMA_LOCK})")
        exists = connection.exec_driver_sql("SELECT to_regclass('procrastinate_jobs')").scalar()
        if exists is not None:
            return False
        # the raw cursor with no parameters: the schema's text has `%` signs of its own
        cursor = connection.connection.cursor()
        try:
            cursor.execute(SchemaManager.get_schema())
        finally:
            cursor.close()
    log.info("queue.schema_installed")
    return True

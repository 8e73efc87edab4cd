"""Engines, sessions and schema migrations for SQLite (embedded) and PostgreSQL (scale-out).

SQLite connections run in WAL mode with foreign keys on and a busy timeout. pysqlite's own
transaction handling is switched off so SQLAlchemy's `BEGIN` is real: DDL is transactional
and a write transaction starts with `BEGIN IMMEDIATE`, which takes the write lock up front
and waits for it, instead of failing halfway when another process wrote in between.
Read-only sessions (`session_scope(engine, read_only=True)`) use a plain `BEGIN` and never
wait for writers.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import structlog
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from passback import settings

log = structlog.get_logger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 30_000
_READ_ONLY = "passback_read_only"
# Alembic keeps the running migration in module globals, so one upgrade per process at once.
_UPGRADE_LOCK = threading.Lock()


def normalise_url(url: str | URL) -> URL:
    """Parse a database URL; plain PostgreSQL URLs get the psycopg 3 driver."""
    if isinstance(url, str):
        text = url.strip()
        if text.startswith("postgres://"):
            text = "postgresql://" + text.removeprefix("postgres://")
        url = make_url(text)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def make_engine(url: str | URL) -> Engine:
    """An engine for the URL, set up as described in the module docstring."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return create_engine(parsed, pool_pre_ping=True)


def private_database_files(path: Path) -> None:
    """The SQLite file only its owner can read (0600): created so before SQLite opens it
    (SQLite gives its -wal and -shm files the database's mode), and an existing file of
    ours left readable by others is tightened."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            info = file.stat()
            if info.st_uid == os.getuid() and info.st_mode & 0o077:
                file.chmod(0o600)
        except OSError:
            continue  # not there (yet), or not ours to change


def _wal(cursor: Any) -> None:
    """Put the database in WAL mode. The first connections to a new file switch it at the
    same moment; SQLite then answers "database is locked" at once to all but one (its busy
    timeout does not apply to that deadlock), so a refused switch is tried again. Once the
    file is in WAL mode the pragma changes nothing and takes no lock."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _sqlite_engine(url: URL) -> Engine:
    path = settings.sqlite_file(url.render_as_string(hide_password=False))
    in_memory = path is None
    options: dict[str, Any] = {}
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        private_database_files(path)
    else:
        # One shared connection, or every connection would see its own empty database.
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if not in_memory:
                _wal(cursor)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


@contextmanager
def session_scope(engine: Engine, *, read_only: bool = False) -> Iterator[Session]:
    """A session whose transaction commits when the block ends and rolls back on error.

    Calling `session.commit()` inside the block is fine (a new transaction starts on the
    next statement). `read_only=True` asks the database for a read-only transaction.
    """
    bind = engine
    if read_only:
        bind = engine.execution_options(**{_READ_ONLY: True, "postgresql_readonly": True})
    with Session(bind, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def dialect_insert(session: Session | Connection) -> Any:
    """`insert` of the session's dialect, which has `on_conflict_do_update/nothing`."""
    bind = session.get_bind() if isinstance(session, Session) else session
    return postgresql.insert if bind.dialect.name == "postgresql" else sqlite.insert


# --- migrations ---------------------------------------------------------------------------


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configuration built in code (no alembic.ini). With a connection, commands
    run on it; developers can call e.g. `alembic.command.revision(alembic_config(conn),
    autogenerate=True, message="…")`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@functools.cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no head revision"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        connection = connection.execution_options(**{_READ_ONLY: True})
        heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if len(heads) == 1 else None


def upgrade(engine_or_url: Engine | str) -> None:
    """Bring the schema to the newest revision. One read when it is already there.

    Safe to call from several processes at once: the migration runs in one transaction
    under the SQLite write lock or a PostgreSQL advisory lock (see migrations/env.py), and
    Alembic re-reads the version after taking it.
    """
    engine = engine_or_url if isinstance(engine_or_url, Engine) else make_engine(engine_or_url)
    try:
        if current_revision(engine) == head_revision():
            return
        with _UPGRADE_LOCK, engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        log.info("store.migrated", revision=head_revision(), dialect=engine.dialect.name)
    finally:
        if engine is not engine_or_url:
            engine.dispose()


def open_store(url: str | None = None) -> Engine:
    """The engine every command uses: `url` or the configured database, migrated."""
    engine = make_engine(url or settings.database_url())
    upgrade(engine)
    return engine

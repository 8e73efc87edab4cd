"""Fixtures shared by every test folder: databases (SQLite and PostgreSQL), the secret key
and the anyio backend.

`database_url` runs a test on both databases. The PostgreSQL variant creates a fresh,
uniquely named database from template0 (about 40 ms) and drops it afterwards; it is marked
`postgres`, so `-m "not postgres"` runs SQLite only.

Which PostgreSQL server: `PASSBACK_TEST_PG` (a libpq conninfo of an admin connection) when
set, else the machine's server on 127.0.0.1:5432 (trust auth, user postgres). When none
answers there, the session starts a throwaway server from the `pgserver` package (a test
dependency) in a temporary folder and stops it at the end: PostgreSQL tests are never
skipped for want of a server.
"""

from __future__ import annotations

import base64
import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import structlog
from sqlalchemy import Engine

from passback.settings import SECRET_KEY_ENV
from passback.store.db import make_engine, upgrade

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


class _PgServer:
    """The admin connection and the URL template of the PostgreSQL server tests use."""

    def __init__(self, admin: str, url: str) -> None:
        self.admin = admin
        self.url = url


def _answers(conninfo: str) -> bool:
    try:
        with psycopg.connect(conninfo, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


@pytest.fixture(scope="session")
def pg_server() -> Iterator[_PgServer]:
    """The machine's PostgreSQL server, or a throwaway one when none answers."""
    configured = os.environ.get("PASSBACK_TEST_PG")
    if configured:
        params = psycopg.conninfo.conninfo_to_dict(configured)
        host, port = params.get("host", "127.0.0.1"), params.get("port", "5432")
        user = params.get("user", "postgres")
        yield _PgServer(configured, f"postgresql+psycopg://{user}@{host}:{port}/{{name}}")
        return
    if _answers(PG_ADMIN):
        yield _PgServer(PG_ADMIN, PG_URL)
        return
    import pgserver  # a test dependency: a PostgreSQL build installed from PyPI

    folder = tempfile.mkdtemp(prefix="passback-pg-")
    server = pgserver.get_server(folder, cleanup_mode="delete")
    admin = server.get_uri()  # postgresql://postgres:@/postgres?host=<socket folder>
    socket_dir = psycopg.conninfo.conninfo_to_dict(admin)["host"]
    try:
        yield _PgServer(
            admin,
            f"postgresql+psycopg://postgres@/{{name}}?host={quote(str(socket_dir), safe='/')}",
        )
    finally:
        server.cleanup()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file in the test's temporary folder (not created yet)."""
    return f"sqlite:///{tmp_path / 'passback.db'}"


@pytest.fixture
def postgres_url(pg_server: _PgServer) -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped after the test."""
    name = f"passback_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server.admin, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    try:
        yield pg_server.url.format(name=name)
    finally:
        with psycopg.connect(pg_server.admin, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'passback.db'}"
        return
    yield request.getfixturevalue("postgres_url")


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated engine on `database_url`."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def secret_key(monkeypatch: pytest.MonkeyPatch) -> str:
    """A random `PASSBACK_SECRET_KEY` for the test."""
    key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    monkeypatch.setenv(SECRET_KEY_ENV, key)
    return key


@pytest.fixture(autouse=True)
def _fresh_logging_config() -> Iterator[None]:
    """CLI commands configure structlog globally (level, output); undo that after each test
    so the next one sees the library defaults (and `capture_logs` sees every event)."""
    yield
    structlog.reset_defaults()


# --- tiers ------------------------------------------------------------------------------------

_TIERS = ("unit", "integration", "acceptance", "reliability")
_SLOW_TIERS = ("acceptance", "reliability")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test carries its tier's marker (its folder under tests/), and `slow` in the
    acceptance and reliability tiers: `-m unit`, `-m "not slow"` select by tier."""
    here = Path(__file__).parent
    for item in items:
        try:
            tier = item.path.relative_to(here).parts[0]
        except ValueError:
            continue
        if tier in _TIERS:
            item.add_marker(getattr(pytest.mark, tier))
            if tier in _SLOW_TIERS:
                item.add_marker(pytest.mark.slow)

"""The migrations build exactly the schema of the models, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from passback.store.db import current_revision, head_revision, make_engine, upgrade
from passback.store.schema import Base


def test_migrations_build_the_models_schema(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    assert diffs == []
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert tables == set(Base.metadata.tables)


def test_upgrade_at_head_is_a_no_op(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO districts (id, name, timezone, config, created_at, updated_at) "
                "VALUES ('d', 'D', 'UTC', '{}', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM districts")).scalar_one() == 1


def test_concurrent_first_upgrades_all_succeed(database_url: str) -> None:
    """Several commands starting at once on an empty database all get the schema."""
    script = "import sys; from passback.store.db import upgrade; upgrade(sys.argv[1])"
    processes = [
        subprocess.Popen([sys.executable, "-c", script, database_url], stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    failures = [p.stderr.read() for p in processes if p.wait() != 0 and p.stderr]
    assert failures == []
    engine = make_engine(database_url)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_threads_of_one_process_can_upgrade_together(database_url: str) -> None:
    errors: list[BaseException] = []

    def start() -> None:
        try:
            upgrade(database_url)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_first_connections_to_a_new_sqlite_file_all_open(tmp_path: Path) -> None:
    """Six engines (as six threads' `open_store` make) opening a new database file at the
    same moment, sixty times over: each connection switches the file to WAL, and none is
    refused with "database is locked"."""
    errors: list[BaseException] = []
    for round_ in range(60):
        url = f"sqlite:///{tmp_path / f'new-{round_}.db'}"
        ready = threading.Barrier(6)

        def connect(url: str = url, ready: threading.Barrier = ready) -> None:
            engine = make_engine(url)
            ready.wait()
            try:
                with engine.connect() as connection:
                    assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            except BaseException as exc:
                errors.append(exc)
            finally:
                engine.dispose()

        threads = [threading.Thread(target=connect) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []

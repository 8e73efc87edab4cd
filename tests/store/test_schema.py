"""The migrations build exactly the schema of the models, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import threading

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from passback.store.db import current_revision, head_revision, make_engine, upgrade
from passback.store.models import Base


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

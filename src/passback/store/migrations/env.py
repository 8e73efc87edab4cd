"""Alembic environment: migrations always run on a connection handed in by `store.db`."""

from __future__ import annotations

from alembic import context

from passback.store.schema import Base

# An arbitrary constant: the PostgreSQL advisory lock that serialises concurrent upgrades.
_UPGRADE_LOCK = 7_302_115_001


def _run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("passback migrations run through passback.store.db.upgrade()")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_UPGRADE_LOCK})")
        context.run_migrations()


_run()

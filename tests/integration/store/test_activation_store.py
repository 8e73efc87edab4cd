"""Activation in the store: the 0005 migration on a database written before it (districts
that have run go on running, the others wait for activation), and `set_active`."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import Connection, Engine, text

from passback.store import districts
from passback.store.db import alembic_config, make_engine, session_scope, upgrade

T0 = datetime(2026, 9, 1, tzinfo=UTC)


def _insert_district(connection: Connection, district: str) -> None:
    connection.execute(
        text(
            "INSERT INTO districts (id, name, timezone, config, created_at, updated_at) "
            "VALUES (:id, :name, 'UTC', '{}', :created, :updated)"
        ),
        {"id": district, "name": district, "created": T0, "updated": T0},
    )


def _insert_run(
    connection: Connection,
    run: str,
    district: str,
    *,
    dry_run: bool,
    status: str,
    finished: datetime = T0,
) -> None:
    connection.execute(
        text(
            "INSERT INTO runs (id, district_id, trigger, dry_run, as_of, scope, status, "
            "started_at, finished_at, counts, api_calls) VALUES (:id, :d, 'nightly', :dry, "
            ":as_of, '{}', :status, :started, :finished, '{}', '{}')"
        ),
        {
            "id": run,
            "d": district,
            "dry": dry_run,
            "as_of": finished.date(),
            "status": status,
            "started": finished,
            "finished": finished,
        },
    )


def test_upgrade_activates_exactly_the_districts_that_have_run(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0004")
        with engine.begin() as connection:
            for district in ("live", "partial", "dry-only", "failed-only", "new"):
                _insert_district(connection, district)
            _insert_run(connection, "r1", "live", dry_run=False, status="failed")
            _insert_run(
                connection,
                "r2",
                "live",
                dry_run=False,
                status="succeeded",
                finished=datetime(2026, 9, 2, 2, 10, tzinfo=UTC),
            )
            _insert_run(
                connection,
                "r3",
                "live",
                dry_run=False,
                status="succeeded",
                finished=datetime(2026, 9, 3, 2, 10, tzinfo=UTC),
            )
            _insert_run(
                connection,
                "r4",
                "partial",
                dry_run=False,
                status="partial",
                finished=datetime(2026, 9, 4, 2, 10, tzinfo=UTC),
            )
            _insert_run(connection, "r5", "dry-only", dry_run=True, status="succeeded")
            _insert_run(connection, "r6", "failed-only", dry_run=False, status="failed")
        upgrade(engine)
        with session_scope(engine, read_only=True) as session:
            states = districts.activations(session)
            # the migration keeps every district's rows (a table rebuild would cascade)
            assert session.execute(text("SELECT count(*) FROM runs")).scalar_one() == 6
    finally:
        engine.dispose()
    assert {d for d, s in states.items() if s.active} == {"live", "partial"}
    # activated as of its first successful real run, by the upgrade
    live = states["live"]
    assert live.activated_at == datetime(2026, 9, 2, 2, 10, tzinfo=UTC)
    assert live.activated_by == "upgrade 0005_activation"
    assert states["partial"].activated_at == datetime(2026, 9, 4, 2, 10, tzinfo=UTC)
    for waiting in ("dry-only", "failed-only", "new"):
        assert states[waiting].activated_at is None and states[waiting].activated_by is None


def test_set_active_records_who_and_when_and_ignores_a_repeat(engine: Engine) -> None:
    with engine.begin() as connection:
        _insert_district(connection, "d")
    first, second = datetime(2026, 10, 1, 8, tzinfo=UTC), datetime(2026, 10, 2, 8, tzinfo=UTC)
    with session_scope(engine) as session:
        assert districts.activation(session, "d") == districts.Activation(active=False)
        before = districts.set_active(session, "d", True, by="ana", now=first)
        assert before.active is False
        again = districts.set_active(session, "d", True, by="bo", now=second)
        assert again.active is True
    with session_scope(engine) as session:
        state = districts.activation(session, "d")
        assert state == districts.Activation(True, first, "ana")  # the repeat changed nothing
        assert districts.is_active(session, "d")
        districts.set_active(session, "d", False, by="bo", now=second)
    with session_scope(engine, read_only=True) as session:
        paused = districts.activation(session, "d")
        assert paused == districts.Activation(False, first, "ana", second, "bo")
        assert not districts.is_active(session, "d")
        assert districts.activation(session, "nope") is None

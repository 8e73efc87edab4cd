"""/healthz and /readyz of the web app: readiness names the failing check (503) when the
database is stopped, the schema is behind or the scheduler is down, and recovers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from integration.scheduling.helpers import Sis, wait_for
from passback.scheduling.handoff import ensure_schema
from passback.store.db import alembic_config, current_revision, head_revision, make_engine, upgrade
from passback.web import WebSettings, create_app

from .proxy import TcpProxy


def app_client(world: Sis, engine: Engine | None = None) -> TestClient:
    settings = WebSettings(engine=engine or world.engine, box=world.box, session_key="k" * 32)
    runtime = world.runtime if engine is None else None  # its scheduler is the one probed
    return TestClient(create_app(settings, runtime))


def last_check(engine: Engine) -> str:
    return "scheduler" if engine.dialect.name == "sqlite" else "queue"


@pytest.fixture
def ready(world: Sis) -> Iterator[None]:
    """What `passback serve` has running beside the app: the embedded scheduler (SQLite),
    or the queue's tables made by a worker (PostgreSQL)."""
    if world.engine.dialect.name == "sqlite":
        scheduler = world.jobs.scheduler(nightly=False)
        scheduler.start()
        yield
        scheduler.stop(timeout=5)
    else:
        ensure_schema(world.engine)
        yield


def test_healthz_answers_without_asking_anything(world: Sis) -> None:
    response = app_client(world).get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers["cache-control"] == "no-store"


def test_readyz_names_each_check_and_only_its_status(world: Sis, ready: None) -> None:
    response = app_client(world).get("/readyz")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "migrations": "ok",
            "secret_key": "ok",
            last_check(world.engine): "ok",
        },
    }


def test_readiness_fails_with_the_schema_behind_and_recovers(world: Sis, ready: None) -> None:
    client = app_client(world)
    with world.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "-1")
    assert current_revision(world.engine) != head_revision()

    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["migrations"]
    assert response.json()["checks"]["database"] == "ok"

    upgrade(world.engine)
    assert client.get("/readyz").status_code == 200


def test_readiness_fails_without_the_scheduler(sqlite_world: Sis) -> None:
    client = app_client(sqlite_world)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["scheduler"]
    scheduler = sqlite_world.jobs.scheduler(nightly=False)
    scheduler.start()
    try:
        assert client.get("/readyz").status_code == 200
    finally:
        scheduler.stop(timeout=5)
    assert client.get("/readyz").json()["failing"] == ["scheduler"]


@pytest.mark.postgres
def test_readiness_fails_with_the_database_stopped_and_recovers(
    postgres_url: str, secret_key: str
) -> None:
    from passback.secrets import SecretBox

    direct = make_engine(postgres_url)
    upgrade(direct)
    ensure_schema(direct)
    url = make_url(postgres_url)
    proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    through = make_engine(url.set(port=proxy.port).render_as_string(hide_password=False))
    settings = WebSettings(
        engine=through, box=SecretBox.for_database(postgres_url), session_key="k" * 32
    )
    client = TestClient(create_app(settings))
    try:
        assert client.get("/readyz").status_code == 200

        proxy.stop()
        response = client.get("/readyz")
        assert response.status_code == 503
        body = response.json()
        assert "database" in body["failing"]
        assert body["checks"]["secret_key"] == "ok"
        assert "postgres" not in response.text  # no URL, user or driver text in the body
        assert client.get("/healthz").status_code == 200  # alive, just not ready

        proxy.start()
        wait_for(lambda: client.get("/readyz").status_code == 200, timeout=20, what="recovery")
        assert client.get("/readyz").json()["status"] == "ok"
    finally:
        proxy.stop()
        through.dispose()
        direct.dispose()

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from passback.secrets import SecretBox
from passback.store.db import make_engine, upgrade

from .harness import World, world


@pytest.fixture
def sandbox_mode() -> str:
    """How `w` reaches the sandbox: "in-process" (`httpx.ASGITransport`); a module whose
    tests need a socket overrides this fixture with "loopback"."""
    return "in-process"


@pytest.fixture
def w(engine: Engine, database_url: str, secret_key: str, sandbox_mode: str) -> Iterator[World]:
    box = SecretBox.for_database(database_url)
    with world(engine, box, loopback=sandbox_mode == "loopback") as the_world:
        yield the_world


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Any, ...]]:
    """What the SIS holds after one uninterrupted run of the demo data, on a fresh sandbox
    and database (the state crash and fault tests must converge to)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'reference.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with world(engine, SecretBox.for_database(url)) as w:
        w.load_demo()
        w.sync()
        state = w.state()
    engine.dispose()
    return state

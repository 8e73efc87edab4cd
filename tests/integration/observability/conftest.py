from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from integration.scheduling.helpers import Sis, sis
from passback.secrets import SecretBox
from passback.store.db import make_engine, upgrade


@pytest.fixture
def world(engine: Engine, database_url: str, secret_key: str) -> Iterator[Sis]:
    """The sandbox SIS and a migrated database (SQLite, then PostgreSQL)."""
    with sis(engine, SecretBox.for_database(database_url)) as the_sis:
        yield the_sis


@pytest.fixture
def sqlite_world(sqlite_url: str, secret_key: str) -> Iterator[Sis]:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    with sis(engine, SecretBox.for_database(sqlite_url)) as the_sis:
        yield the_sis
    engine.dispose()

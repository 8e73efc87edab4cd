from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from passback.secrets import SecretBox
from passback.store.db import make_engine, upgrade

from .helpers import Sis, sis


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def world(sqlite_engine: Engine, sqlite_url: str, secret_key: str) -> Iterator[Sis]:
    with sis(sqlite_engine, SecretBox.for_database(sqlite_url)) as the_sis:
        yield the_sis


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    return tmp_path

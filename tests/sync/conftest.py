from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from passback.secrets import SecretBox

from .harness import World, world


@pytest.fixture
def w(engine: Engine, database_url: str, secret_key: str) -> Iterator[World]:
    with world(engine, SecretBox.for_database(database_url)) as the_world:
        yield the_world

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from passback.secrets import SecretBox

from .harness import BenchWorld, bench_world


@pytest.fixture
def bw(engine: Engine, database_url: str, secret_key: str, tmp_path: Path) -> Iterator[BenchWorld]:
    with bench_world(engine, SecretBox.for_database(database_url), tmp_path / "district") as w:
        yield w

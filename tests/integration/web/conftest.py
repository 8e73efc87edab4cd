"""Fixtures of the web tests. The world (sandbox, database, districts, users, one sync
each) is built once for the whole folder on SQLite (tests change only records of their
own); tests that need a world to themselves build one with `fresh_world`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from passback.sandbox import SandboxServer, SandboxState, sample_fixture
from passback.store.db import make_engine, upgrade

from .harness import World, build_world


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    path = tmp_path_factory.mktemp("web") / "passback.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    fixture = sample_fixture()
    with SandboxServer(SandboxState.from_fixture(fixture)) as sandbox:
        yield build_world(engine, sandbox, fixture)
    engine.dispose()


@pytest.fixture
def fresh_world(tmp_path: Path) -> Iterator[Callable[..., World]]:
    """A world of its own on the given database URL (for tests that change things)."""
    stack: list[tuple[SandboxServer, object]] = []

    def make(url: str = "") -> World:
        engine = make_engine(url or f"sqlite:///{tmp_path / 'fresh.db'}")
        upgrade(engine)
        fixture = sample_fixture()
        sandbox = SandboxServer(SandboxState.from_fixture(fixture))
        sandbox.__enter__()
        stack.append((sandbox, engine))
        return build_world(engine, sandbox, fixture)

    yield make
    for sandbox, engine in stack:
        sandbox.__exit__(None, None, None)
        engine.dispose()  # type: ignore[attr-defined]

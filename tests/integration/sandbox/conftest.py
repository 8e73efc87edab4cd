"""Sandbox test fixtures: real servers on loopback (one shared for reads, a fresh one for
tests that write or change faults) and a small httpx-based API helper."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from passback.sandbox import SandboxServer, SandboxState, sample_fixture

from .helpers import Api


@pytest.fixture(scope="session")
def sample() -> dict[str, Any]:
    """The sample fixture, parsed once (loading a state copies it, so sharing is safe)."""
    return sample_fixture()


@pytest.fixture(scope="module")
def shared_server(sample: dict[str, Any]) -> Iterator[SandboxServer]:
    """One server per module for tests that only read, or write only ids of their own."""
    with SandboxServer(SandboxState.from_fixture(sample)) as srv:
        yield srv


@pytest.fixture(scope="module")
def reader(shared_server: SandboxServer) -> Iterator[Api]:
    api = Api(shared_server)
    yield api
    api.close()


@pytest.fixture
def server(sample: dict[str, Any]) -> Iterator[SandboxServer]:
    """A fresh server on the sample district, for tests that write or set faults."""
    with SandboxServer(SandboxState.from_fixture(sample)) as srv:
        yield srv


@pytest.fixture
def api(server: SandboxServer) -> Iterator[Api]:
    client = Api(server)
    yield client
    client.close()


@pytest.fixture(scope="module")
def writer(shared_server: SandboxServer) -> Iterator[Api]:
    """The demo client on the module's shared server: for writes that are refused (they
    change nothing) or that use ids of their own."""
    api = Api(shared_server)
    yield api
    api.close()

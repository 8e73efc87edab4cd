"""The unit tier: pure tests, seconds in all. A test here that opens a
network connection (a database server, the sandbox on loopback, a web request) fails: it
belongs in tests/integration."""

from __future__ import annotations

import socket
from typing import Any

import pytest

_connect = socket.socket.connect


def _refuse(self: socket.socket, address: Any) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        raise RuntimeError(f"a unit test opened a network connection to {address!r}")
    _connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _refuse)

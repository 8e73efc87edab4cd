"""The live parts one sandbox app holds, and the per-call context handlers receive."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from passback.sandbox.auth import TokenStore
from passback.sandbox.faults import FaultConfig, FaultInjector
from passback.sandbox.state import SandboxClient, SandboxState
from passback.sandbox.stats import Stats


@dataclass
class SandboxRuntime:
    """State plus the runtime-only parts (tokens, faults, counters); not persisted."""

    state: SandboxState
    faults: FaultInjector = field(default_factory=FaultInjector)
    tokens: TokenStore = field(default_factory=TokenStore)
    stats: Stats = field(default_factory=Stats)

    def set_faults(self, config: FaultConfig) -> None:
        self.faults.configure(config)


@dataclass(frozen=True, slots=True)
class ApiCall:
    """One authenticated OneRoster call as a handler sees it."""

    runtime: SandboxRuntime
    request: Request
    client: SandboxClient
    body: bytes = b""

    @property
    def state(self) -> SandboxState:
        return self.runtime.state

    @property
    def params(self) -> Mapping[str, str]:
        return self.request.query_params

    def path(self, name: str) -> str:
        value: Any = self.request.path_params[name]
        return str(value)

"""What a run tells whoever watches it: each SIS request as it comes back, and, at the end,
what the run did.

The run always measures its SIS traffic (`SisTally`, through `MeasuredTransport` under the
OneRoster client): the totals go into the run's `api_calls` (so the console can tell a slow
or failing SIS from the runs in the store, whichever process ran them). Metrics subscribe
through the `RunObserver` protocol handed in as `SyncSettings.observer`; the Prometheus side
lives in `passback.observability`, the sync layer only knows this protocol.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

import httpx
import structlog

from passback.core.plan import WRITE_ACTIONS, PlanItem
from passback.oneroster.policy import PolicyTransport

log = structlog.get_logger(__name__)


class RunObserver(Protocol):
    def sis_request(self, district: str, method: str, status: int | None, seconds: float) -> None:
        """One SIS request answered (`status`) or failed without an answer (None)."""
        ...

    def run_finished(self, outcome: RunOutcome) -> None: ...


@dataclass
class RunTally:
    """A run's finished report items, counted: writes by (kind, action), skips by their
    first (main) reason code, conflicts, and items whose write failed, by kind."""

    writes: Counter[tuple[str, str]] = field(default_factory=Counter)
    skips: Counter[str] = field(default_factory=Counter)
    conflicts: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def add(self, items: Iterable[PlanItem]) -> None:
        for item in items:
            action = item.action._value_
            if action in WRITE_ACTIONS:
                self.writes[item.kind._value_, action] += 1
            elif action == "skip":
                self.skips[item.reasons[0]._value_ if item.reasons else "unspecified"] += 1
            elif action == "conflict":
                self.conflicts += 1
            elif action == "error":
                self.errors[item.kind._value_] += 1


@dataclass
class SisTally:
    """The run's SIS traffic: requests sent, seconds until their answers, answers 429,
    failures (5xx, or no answer at all)."""

    requests: int = 0
    seconds: float = 0.0
    throttled: int = 0
    failures: int = 0

    def api_calls(self) -> dict[str, int]:
        """The run report's additions to `api_calls` (whole numbers, milliseconds)."""
        return {
            "sis_requests": self.requests,
            "sis_ms": round(self.seconds * 1000),
            "throttled": self.throttled,
            "sis_failures": self.failures,
        }


class MeasuredTransport(httpx.AsyncBaseTransport):
    """Times each request until its response headers arrive, counts it in the run's tally
    and tells the observer. Request and response pass through untouched."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        tally: SisTally,
        district: str,
        observer: RunObserver | None = None,
    ) -> None:
        self._inner = inner
        self._tally = tally
        self._district = district
        self._observer = observer

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = await self._inner.handle_async_request(request)
        except Exception:
            self._record(request.method, None, time.perf_counter() - started)
            raise
        self._record(request.method, response.status_code, time.perf_counter() - started)
        return response

    def _record(self, method: str, status: int | None, elapsed: float) -> None:
        tally = self._tally
        tally.requests += 1
        tally.seconds += elapsed
        if status == 429:
            tally.throttled += 1
        elif status is None or status >= 500:
            tally.failures += 1
        if self._observer is not None:
            try:
                self._observer.sis_request(self._district, method, status, elapsed)
            except Exception:  # metrics never break a run
                log.exception("observe.sis_request_failed", district=self._district)

    async def aclose(self) -> None:
        await self._inner.aclose()


def default_transport(connections: int) -> httpx.AsyncBaseTransport:
    """What the OneRoster client builds when given no transport."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    # the operator's outbound policy is checked before each connection, as in the client
    return PolicyTransport(httpx.AsyncHTTPTransport(limits=limits))


@dataclass(frozen=True)
class RunOutcome:
    district: str
    trigger: str
    status: str  # succeeded | partial | failed
    dry_run: bool
    seconds: float
    tally: RunTally
    sis: SisTally
    retries: int  # backoff-and-retry cycles of SIS requests

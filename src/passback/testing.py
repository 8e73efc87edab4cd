"""Fakes shipped with passback, for tests of code that runs the sync's steps (passback's own
and a deployment's): an in-memory gradebook, an in-memory ledger, and the sandbox SIS served
in-process.

- `InMemoryGradebook` is both the reader a run plans from (`GradebookReader.read`) and the
  writer its apply step writes through (`GradebookWriter`): lineItems and results in a dict
  by sourcedId, stored the way the sandbox stores a PUT (`status` "active", a fresh
  `dateLastModified`), deleted the way it deletes (a lineItem takes its results with it).
- `InMemoryLedger` is the `LedgerSink` the apply step records its writes in.
- `sandbox_transport()` is an `httpx.ASGITransport` over the sandbox app
  (`passback.sandbox`), so the real `OneRosterClient` and the real run talk to the real SIS
  simulation without a server, a socket or a thread: pass it as `transport=` to the client,
  or in `SyncSettings(transport=...)`, with the `SANDBOX_BASE_URL` and `SANDBOX_TOKEN_URL`
  (any host does; the transport never resolves it).

    gradebook, ledger = InMemoryGradebook(), InMemoryLedger()
    items = await Applier(gradebook, ledger).apply(plan)

Tests that are about the network itself (retries over a real socket, timeouts, dropped
connections) keep the sandbox on loopback (`passback.sandbox.SandboxServer`).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx

from passback.core.clock import Clock, utc_now
from passback.core.domain import LedgerEntry
from passback.core.writes import LINE_ITEM_PREFIX, RESULT_PREFIX
from passback.oneroster.client import WriteOutcome
from passback.sandbox.app import OAUTH_ROUTE, create_app
from passback.sandbox.faults import FaultConfig
from passback.sandbox.fixtures import sample_fixture
from passback.sandbox.runtime import SandboxRuntime
from passback.sandbox.schema import API_PREFIX
from passback.sandbox.state import SandboxState

__all__ = [
    "SANDBOX_BASE_URL",
    "SANDBOX_ROOT",
    "SANDBOX_TOKEN_URL",
    "InMemoryGradebook",
    "InMemoryLedger",
    "sandbox_runtime",
    "sandbox_transport",
]

SANDBOX_ROOT = "http://sandbox.test"
SANDBOX_BASE_URL = SANDBOX_ROOT + API_PREFIX
SANDBOX_TOKEN_URL = SANDBOX_ROOT + OAUTH_ROUTE

Obj = dict[str, Any]


def _ref(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if isinstance(value, Mapping) and value.get("sourcedId") is not None:
        return str(value["sourcedId"])
    return None


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@dataclass
class InMemoryGradebook:
    """A SIS gradebook in a dict: lineItems and results by sourcedId, in one mapping (as the
    planner takes the SIS's objects). Pass `objects` to share a dict the test also edits (a
    teacher's change in the SIS is a change to it).

    `refusals` maps a sourcedId to the error its next writes raise (a `RecordRejected`, a
    `RetryableError`, a `DistrictFatal` from `passback.oneroster.errors`), to drive the
    apply step's failure paths. `writes` counts the PUTs and DELETEs that reached it."""

    objects: MutableMapping[str, Obj] = field(default_factory=dict)
    clock: Clock = utc_now
    refusals: dict[str, Exception] = field(default_factory=dict)
    writes: int = 0
    _last_stamp: datetime | None = field(default=None, repr=False)

    # --- GradebookReader -------------------------------------------------------------------

    async def read(self, class_ids: list[str]) -> dict[str, Obj]:
        """The active lineItems of these classes and their results, as the per-class reads
        (`/classes/{id}/lineItems`, `/classes/{id}/results`) return them."""
        wanted = set(class_ids)
        line_items = {
            sid
            for sid, obj in self.objects.items()
            if _is_line_item(sid, obj) and _ref(obj, "class") in wanted
        }
        found: dict[str, Obj] = {}
        for sid, obj in self.objects.items():
            mine = sid in line_items or _ref(obj, "lineItem") in line_items
            if mine and str(obj.get("status", "active")).lower() == "active":
                found[sid] = copy.deepcopy(obj)
        return found

    async def line_item(self, sourced_id: str) -> Obj | None:
        """The lineItem as the SIS holds it now (the apply step reads it before an update)."""
        obj = self.objects.get(sourced_id)
        return copy.deepcopy(obj) if obj is not None and _is_line_item(sourced_id, obj) else None

    async def result(self, sourced_id: str) -> Obj | None:
        obj = self.objects.get(sourced_id)
        return copy.deepcopy(obj) if obj is not None and "lineItem" in obj else None

    # --- GradebookWriter -------------------------------------------------------------------

    async def put_line_item(self, sourced_id: str, payload: Mapping[str, Any]) -> WriteOutcome:
        """Create or replace, as the client's PUT answers: 201 created, 200 replaced."""
        return self._put(sourced_id, payload)

    async def put_result(self, sourced_id: str, payload: Mapping[str, Any]) -> WriteOutcome:
        return self._put(sourced_id, payload)

    async def delete_line_item(self, sourced_id: str) -> bool:
        """Delete a lineItem and its results; False when it was already gone (a 404)."""
        if not self._delete(sourced_id):
            return False
        for rid in [r for r, obj in self.objects.items() if _ref(obj, "lineItem") == sourced_id]:
            del self.objects[rid]
        return True

    async def delete_result(self, sourced_id: str) -> bool:
        return self._delete(sourced_id)

    # --- inside ----------------------------------------------------------------------------

    def _put(self, sourced_id: str, payload: Mapping[str, Any]) -> WriteOutcome:
        self._refuse(sourced_id)
        given = payload.get("sourcedId")
        if given is not None and str(given) != sourced_id:
            raise ValueError(f"payload sourcedId {given!r} differs from {sourced_id!r}")
        created = sourced_id not in self.objects
        # server-owned fields first, as the sandbox stores them
        self.objects[sourced_id] = {
            "sourcedId": sourced_id,
            "status": "active",
            "dateLastModified": self._next_stamp(),
            **{
                k: copy.deepcopy(v)
                for k, v in payload.items()
                if k not in ("sourcedId", "status", "dateLastModified")
            },
        }
        return WriteOutcome(created=created, status=201 if created else 200)

    def _delete(self, sourced_id: str) -> bool:
        self._refuse(sourced_id)
        return self.objects.pop(sourced_id, None) is not None

    def _refuse(self, sourced_id: str) -> None:
        self.writes += 1
        error = self.refusals.get(sourced_id)
        if error is not None:
            raise error

    def _next_stamp(self) -> str:
        # strictly increasing, like the sandbox's, so delta reads by stamp would see each write
        now = self.clock()
        now = now.replace(microsecond=now.microsecond // 1000 * 1000)
        if self._last_stamp is not None and now <= self._last_stamp:
            now = self._last_stamp + timedelta(milliseconds=1)
        self._last_stamp = now
        return _stamp(now)


def _is_line_item(sourced_id: str, obj: Mapping[str, Any]) -> bool:
    if sourced_id.startswith(LINE_ITEM_PREFIX):
        return True
    if sourced_id.startswith(RESULT_PREFIX):
        return False
    return "class" in obj and "lineItem" not in obj


@dataclass
class InMemoryLedger:
    """What passback wrote, by sourcedId: the apply step's `LedgerSink`. Pass `entries` to
    share a dict the test also reads (or edits, to lose a record as a crash would)."""

    entries: MutableMapping[str, LedgerEntry] = field(default_factory=dict)
    flushes: int = 0

    def record(self, entry: LedgerEntry) -> None:
        self.entries[entry.sourced_id] = entry

    def forget(self, sourced_id: str) -> None:
        self.entries.pop(sourced_id, None)

    def flush(self) -> None:
        self.flushes += 1

    def values(self) -> list[LedgerEntry]:
        """The entries, as the planner takes the ledger."""
        return list(self.entries.values())


def sandbox_runtime(transport: httpx.ASGITransport) -> SandboxRuntime:
    """The sandbox behind a `sandbox_transport()`: `.state` (the SIS's objects; tests may
    read or `upsert` them), `.faults`, `.stats`."""
    app: Any = transport.app
    runtime: SandboxRuntime = app.state.sandbox
    return runtime


def sandbox_transport(
    fixture: Mapping[str, Any] | SandboxState | None = None,
    *,
    faults: FaultConfig | None = None,
    profile: str | None = None,
) -> httpx.ASGITransport:
    """An `httpx.ASGITransport` over a fresh sandbox app loaded with `fixture` (a fixture
    dict, or a `SandboxState` to share; default: the sample district). `faults` and
    `profile` are the sandbox's (`passback.sandbox.create_app`). Faults that answer (429,
    5xx, latency) work in-process; a dropped connection needs a socket (`SandboxServer`)."""
    if isinstance(fixture, SandboxState):
        state = fixture
    else:
        state = SandboxState.from_fixture(
            copy.deepcopy(dict(fixture)) if fixture is not None else sample_fixture()
        )
    return httpx.ASGITransport(app=create_app(state, faults, profile=profile))

"""An end-to-end world: the real sandbox, a real database, a configured district, the
platform's data, and helpers to sync and look at the SIS.

The sandbox runs in-process by default (its ASGI app behind `httpx.ASGITransport`, from
`passback.testing`): the real client and the real run, without a server thread or a socket.
Tests that need a socket (a CLI sync in this or another process, dropped connections,
timeouts) ask for `loopback=True`, or override the `sandbox_mode` fixture in their module:
the sandbox then serves over HTTP on 127.0.0.1 (`SandboxServer`)."""

from __future__ import annotations

import asyncio
import copy
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine

from passback.core.domain import Assessment, ObjectKind, Score
from passback.core.writes import fingerprint
from passback.demo import data as demo_data
from passback.intake.district_file import DistrictConfig
from passback.intake.records import validate_assessment, validate_score
from passback.sandbox import FaultConfig, SandboxServer, SandboxState, sample_fixture
from passback.sandbox.runtime import SandboxRuntime
from passback.secrets import SecretBox
from passback.store import districts, source
from passback.store.db import session_scope
from passback.sync.service import SyncRequest, SyncSettings, run_sync
from passback.testing import (
    SANDBOX_BASE_URL,
    SANDBOX_ROOT,
    SANDBOX_TOKEN_URL,
    sandbox_runtime,
    sandbox_transport,
)

AS_OF = demo_data.AS_OF


class InProcessSandbox:
    """The sandbox app over `httpx.ASGITransport`, with the parts of `SandboxServer` a
    world uses (`state`, `runtime`, `set_faults`, the URLs) and the `transport` to run with."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.transport = sandbox_transport(state)
        self.runtime: SandboxRuntime = sandbox_runtime(self.transport)
        self.root_url, self.base_url, self.token_url = (
            SANDBOX_ROOT,
            SANDBOX_BASE_URL,
            SANDBOX_TOKEN_URL,
        )

    def set_faults(self, faults: FaultConfig) -> None:
        self.runtime.set_faults(faults)


AS_OF = demo_data.AS_OF


@dataclass
class World:
    engine: Engine
    box: SecretBox
    sandbox: SandboxServer | InProcessSandbox
    fixture: dict[str, Any]
    config: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def district(self) -> str:
        return str(self.config["id"])

    # --- configuration and source data --------------------------------------------------

    def configure(self, **changes: Any) -> None:
        """Apply the district config with top-level or option changes."""
        options = changes.pop("options", None)
        self.config.update(changes)
        if options:
            self.config["options"] = {**self.config["options"], **options}
        district, secret = DistrictConfig.parse(self.config).to_domain()
        with session_scope(self.engine) as session:
            districts.save_district(session, district, secret, self.box)

    def load(
        self, assessments: list[dict[str, Any]] = (), scores: list[dict[str, Any]] = ()
    ) -> None:  # type: ignore[assignment]
        """Import platform records (must all be valid)."""
        parsed_a = [
            validate_assessment(o, f"assessments[{i}]", self.district)
            for i, o in enumerate(assessments)
        ]
        parsed_s = [validate_score(o, f"scores[{i}]", self.district) for i, o in enumerate(scores)]
        bad = [x for x in [*parsed_a, *parsed_s] if not isinstance(x, (Assessment, Score))]
        assert not bad, bad
        with session_scope(self.engine) as session:
            source.upsert_assessments(session, parsed_a)  # type: ignore[arg-type]
            source.upsert_scores(session, parsed_s)  # type: ignore[arg-type]

    def load_demo(self) -> None:
        self.data = demo_data.platform_data(self.fixture)
        self.load(self.data["assessments"], self.data["scores"])

    def assessment(self, aid: str) -> dict[str, Any]:
        return next(a for a in self.data["assessments"] if a["id"] == aid)

    def change_assessment(self, aid: str, **changes: Any) -> None:
        a = {**self.assessment(aid), **changes}
        a["updated_at"] = bump(a["updated_at"])
        self.data["assessments"] = [a if x["id"] == aid else x for x in self.data["assessments"]]
        self.load([a])

    def score(self, aid: str, student: str) -> dict[str, Any]:
        return next(
            s for s in self.data["scores"] if s["assessment"] == aid and s["student"] == student
        )

    def change_score(self, aid: str, student: str, **changes: Any) -> None:
        s = {**self.score(aid, student), **changes}
        s["updated_at"] = bump(s["updated_at"])
        self.data["scores"] = [
            s if (x["assessment"], x["student"]) == (aid, student) else x
            for x in self.data["scores"]
        ]
        self.load(scores=[s])

    # --- runs ------------------------------------------------------------------------------

    def sync(
        self, as_of: date = AS_OF, settings: SyncSettings | None = None, **kw: Any
    ) -> dict[str, Any]:
        return asyncio.run(self.async_sync(as_of, settings, **kw))

    async def async_sync(
        self, as_of: date = AS_OF, settings: SyncSettings | None = None, **kw: Any
    ) -> dict[str, Any]:
        kw.setdefault("trigger", "test")
        wait = kw.pop("wait_for_lock", True)
        listeners = kw.pop("listeners", ())
        request = SyncRequest(self.district, as_of=as_of, **kw)
        settings = settings or SyncSettings()
        if isinstance(self.sandbox, InProcessSandbox) and settings.transport is None:
            settings = replace(settings, transport=self.sandbox.transport)
        return await run_sync(
            self.engine,
            request,
            box=self.box,
            settings=settings,
            wait_for_lock=wait,
            listeners=listeners,
        )

    def state(self) -> dict[str, tuple[Any, ...]]:
        """Our objects in the SIS, each as the fields that matter."""
        state = {
            sid: fingerprint(ObjectKind.LINE_ITEM, obj)
            for sid, obj in self.ours("lineItems").items()
        }
        state.update(
            {sid: fingerprint(ObjectKind.RESULT, obj) for sid, obj in self.ours("results").items()}
        )
        return state

    def assert_no_duplicates(self) -> None:
        titles = Counter(
            (li["class"]["sourcedId"], li["title"]) for li in self.ours("lineItems").values()
        )
        assert not titles or max(titles.values()) == 1
        per_student = Counter(
            (r["lineItem"]["sourcedId"], r["student"]["sourcedId"])
            for r in self.ours("results").values()
        )
        assert not per_student or max(per_student.values()) == 1

    # --- the SIS ---------------------------------------------------------------------------

    def sis(self, collection: str) -> dict[str, dict[str, Any]]:
        return {o["sourcedId"]: o for o in self.sandbox.state.values(collection)}

    def ours(self, collection: str) -> dict[str, dict[str, Any]]:
        prefix = "pbl-" if collection == "lineItems" else "pbr-"
        return {k: v for k, v in self.sis(collection).items() if k.startswith(prefix)}

    def sis_writes(self) -> int:
        return int(self.sandbox.runtime.stats.snapshot()["writes"])

    def result_for(self, aid: str, student: str) -> dict[str, Any] | None:
        li = self.line_item_for(aid)
        if li is None:
            return None
        for r in self.sis("results").values():
            if (
                r["lineItem"]["sourcedId"] == li["sourcedId"]
                and r["student"]["sourcedId"] == student
            ):
                return r
        return None

    def line_item_for(self, aid: str, class_id: str | None = None) -> dict[str, Any] | None:
        a = self.assessment(aid)
        cls = class_id or a["classes"][0]
        for li in self.ours("lineItems").values():
            if li["title"] == a["title"] and li["class"]["sourcedId"] == cls:
                return li
        return None


def bump(stamp: str) -> str:
    """A later updated_at (a re-send of a changed record)."""
    day = date.fromisoformat(stamp[:10])
    return f"{day.replace(day=min(day.day + 1, 28)).isoformat()}T20:00:00Z"


def items(report: dict[str, Any], **match: Any) -> list[dict[str, Any]]:
    return [i for i in report["items"] if all(i.get(k) == v for k, v in match.items())]


@contextmanager
def world(
    engine: Engine,
    box: SecretBox,
    fixture: dict[str, Any] | None = None,
    *,
    loopback: bool = False,
) -> Iterator[World]:
    fixture = copy.deepcopy(fixture if fixture is not None else sample_fixture())
    state = SandboxState.from_fixture(fixture)
    with ExitStack() as stack:
        srv: SandboxServer | InProcessSandbox = (
            stack.enter_context(SandboxServer(state)) if loopback else InProcessSandbox(state)
        )
        w = World(engine, box, srv, fixture)
        w.config = demo_data.district_config(srv.base_url, srv.token_url, fixture)
        w.configure()
        with session_scope(engine) as session:  # a live district (see test_activation)
            districts.set_active(session, w.district, True, by="tests", now=datetime.now(UTC))
        yield w

"""A sandbox SIS with districts configured against it, for the scheduling tests."""

from __future__ import annotations

import copy
import itertools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from passback.core.writes import line_item_id
from passback.demo import data as demo_data
from passback.intake.district_file import DistrictConfig
from passback.intake.records import validate_assessment, validate_score
from passback.operations.runtime import Runtime
from passback.sandbox import SandboxServer, SandboxState, sample_fixture
from passback.scheduling import Dispatcher
from passback.secrets import SecretBox
from passback.store import districts, source
from passback.store import runs as run_store
from passback.store.db import session_scope

AS_OF = demo_data.AS_OF
HAPPY = ("A-100", "A-101")  # demo assessments that pass back (class CLS-HS-1)


@dataclass
class Sis:
    engine: Engine
    box: SecretBox
    sandbox: SandboxServer
    fixture: dict[str, Any]
    data: dict[str, Any]
    # what a composition root would build: the test's runtime and its job dispatcher
    runtime: Runtime = field(init=False)

    def __post_init__(self) -> None:
        self.runtime = Runtime(self.engine, self.box)

    @property
    def jobs(self) -> Dispatcher:
        return self.runtime.jobs

    def add_district(
        self,
        district_id: str,
        *,
        only: tuple[str, ...] | None = HAPPY,
        max_scores: int | None = None,
        active: bool = True,
        **options: Any,
    ) -> None:
        config = demo_data.district_config(
            self.sandbox.base_url, self.sandbox.token_url, self.fixture
        )
        config["id"] = district_id
        config["name"] = f"District {district_id}"
        config["options"] = {**config.get("options", {}), **options}
        district, secret = DistrictConfig.parse(config).to_domain()
        assessments = [a for a in self.data["assessments"] if only is None or a["id"] in only]
        ids = {a["id"] for a in assessments}
        scores = [s for s in self.data["scores"] if s["assessment"] in ids]
        scores = scores[:max_scores] if max_scores is not None else scores
        parsed_a = [validate_assessment(a, "a", district_id) for a in assessments]
        parsed_s = [validate_score(s, "s", district_id) for s in scores]
        with session_scope(self.engine) as session:
            districts.save_district(session, district, secret, self.box)
            if active:
                districts.set_active(session, district_id, True, by="tests", now=datetime.now(UTC))
            source.upsert_assessments(session, parsed_a)  # type: ignore[arg-type]
            source.upsert_scores(session, parsed_s)  # type: ignore[arg-type]

    def line_items_of(self, district_id: str, only: tuple[str, ...] = HAPPY) -> set[str]:
        wanted = {
            line_item_id(district_id, a["id"], c)
            for a in self.data["assessments"]
            if a["id"] in only
            for c in a["classes"]
        }
        return wanted & set(self.ours("lineItems"))

    def results_of(self, district_id: str) -> list[dict[str, Any]]:
        items = self.line_items_of(district_id)
        return [r for r in self.ours("results").values() if r["lineItem"]["sourcedId"] in items]

    def ours(self, collection: str) -> dict[str, dict[str, Any]]:
        prefix = "pbl-" if collection == "lineItems" else "pbr-"
        return {
            o["sourcedId"]: o
            for o in self.sandbox.state.values(collection)
            if o["sourcedId"].startswith(prefix)
        }

    def runs(self, district_id: str) -> list[Any]:
        with session_scope(self.engine) as session:
            return run_store.list_runs(session, district_id, limit=1000)


@contextmanager
def sis(engine: Engine, box: SecretBox) -> Iterator[Sis]:
    fixture = copy.deepcopy(sample_fixture())
    with SandboxServer(SandboxState.from_fixture(fixture)) as srv:
        the_sis = Sis(engine, box, srv, fixture, demo_data.platform_data(fixture))
        try:
            yield the_sis
        finally:
            # no scheduler thread of a test may outlive it
            the_sis.jobs.stop(timeout=5)


def wait_for(condition: Callable[[], Any], timeout: float = 30.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what or condition}")


def overlapping(runs: list[Any]) -> list[tuple[str, str]]:
    """Pairs of runs of one district whose [start, finish] intervals overlap."""
    spans = sorted((r.started_at, r.finished_at, r.id) for r in runs if r.finished_at)
    return [(a[2], b[2]) for a, b in itertools.pairwise(spans) if b[0] < a[1]]


class FakeClock:
    """A settable clock for the scheduler (runs themselves keep real time)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta

"""The client against the real sandbox: every read the engine needs, the gradebook writes
and PowerSchool's refusals with the sandbox in-process (`passback.testing.sandbox_transport`);
the sandbox's injected faults (retries, lost responses, tokens) over loopback HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from passback.oneroster import (
    DistrictFatal,
    OneRosterClient,
    RecordRejected,
    RetryPolicy,
    filter_expr,
)
from passback.sandbox import FaultConfig, SandboxServer, SandboxState, sample_fixture
from passback.testing import (
    SANDBOX_BASE_URL,
    SANDBOX_TOKEN_URL,
    sandbox_runtime,
    sandbox_transport,
)

pytestmark = pytest.mark.anyio

CLASS = "CLS-HS-1"
OPEN_PERIOD = "GP-HS-Q2"
CLOSED_PERIOD = "GP-HS-Q1"
FAST_RETRY = RetryPolicy(max_attempts=8, base_delay=0.01, max_delay=0.05)


@dataclass(frozen=True)
class InProcess:
    """The sandbox app behind `httpx.ASGITransport`: no server, no socket."""

    transport: httpx.ASGITransport
    base_url: str = SANDBOX_BASE_URL
    token_url: str = SANDBOX_TOKEN_URL

    @property
    def state(self) -> SandboxState:
        return sandbox_runtime(self.transport).state


@pytest.fixture(scope="module")
def shared() -> InProcess:
    """One sandbox, in-process, for tests that only read or write ids of their own."""
    return InProcess(sandbox_transport())


@pytest.fixture
def fresh() -> Iterator[SandboxServer]:
    """A sandbox of its own, for tests that change faults or count calls."""
    with SandboxServer(SandboxState.from_fixture(sample_fixture())) as srv:
        yield srv


def connect(
    srv: SandboxServer | InProcess, client_id: str = "demo", **kwargs: Any
) -> OneRosterClient:
    options: dict[str, Any] = {"retry": FAST_RETRY, "timeout": 10.0}
    if isinstance(srv, InProcess):
        options["transport"] = srv.transport
    return OneRosterClient(
        base_url=srv.base_url,
        token_url=srv.token_url,
        client_id=client_id,
        client_secret=f"{client_id}-secret",
        **{**options, **kwargs},
    )


async def control(srv: SandboxServer, method: str, route: str) -> dict[str, Any]:
    """Call the sandbox's control API (stats, token expiry)."""
    async with httpx.AsyncClient() as http:
        response = await http.request(method, f"{srv.root_url}/sandbox/{route}")
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


def line_item(
    category: str, period: str = OPEN_PERIOD, title: str = "Unit 3 quiz"
) -> dict[str, Any]:
    due = {"GP-HS-Q1": "2026-09-15", "GP-HS-Q2": "2026-11-02"}[period]
    return {
        "title": title,
        "description": "Sent by passback",
        "assignDate": f"{due}T12:00:00Z",
        "dueDate": f"{due}T12:00:00Z",
        "class": {"sourcedId": CLASS},
        "category": {"sourcedId": category},
        "gradingPeriod": {"sourcedId": period},
        "resultValueMin": 0,
        "resultValueMax": 20,
        "metadata": {"scoreType": "POINTS"},
    }


def result(line_item_id: str, student: str, score: float) -> dict[str, Any]:
    return {
        "lineItem": {"sourcedId": line_item_id},
        "student": {"sourcedId": student},
        "score": score,
        "scoreStatus": "fully graded",
        "scoreDate": "2026-11-02",
    }


async def teacher_category(client: OneRosterClient, class_id: str = CLASS) -> str:
    """The class teacher's active copy of the district "Tests" category, found by reads."""
    enrollments = await client.enrollments(filter=filter_expr("class.sourcedId", "=", class_id))
    if not enrollments:  # a server without nested filters: filter here
        enrollments = [e for e in await client.enrollments() if e.class_.sourcedId == class_id]
    teachers = {e.user.sourcedId for e in enrollments if e.role == "teacher" and e.active}
    dcids = {  # PowerSchool's shape: rows name the teacher's dcid (userIds), else sourcedId
        next((i["identifier"] for i in u.userIds if i.get("type") == "dcid"), u.sourcedId)
        for u in await client.teachers()
        if u.sourcedId in teachers
    }
    for cat in await client.categories():
        mine = cat.user_dcid in dcids or cat.teacher in teachers
        usable = mine and cat.category_type in (None, "district") and cat.is_active
        if usable and cat.title == "Tests":
            return cat.sourcedId
    raise AssertionError(f"no active Tests category for the teachers of {class_id}")


async def test_reads_every_collection_the_engine_needs(shared: InProcess) -> None:
    state = shared.state
    # Pages of 100: several pages per large collection, few enough requests to stay fast.
    async with connect(shared, page_size=100) as client:
        sessions = await client.academic_sessions()
        terms = await client.terms()
        classes = await client.classes()
        klass = await client.class_(CLASS)
        periods = await client.grading_periods_for_term(klass.terms[0].sourcedId)
        users = await client.users()
        teachers = await client.teachers()
        students = await client.students_for_class(CLASS)
        enrollments = await client.enrollments()
        categories = await client.categories()
        line_items = await client.line_items_for_class(CLASS)
        results = await client.results_for_class(CLASS)
    assert len(sessions) == state.count("academicSessions")
    assert {t.type for t in terms} <= {"term", "semester", "schoolYear"} and terms
    assert len(classes) == state.count("classes")
    assert len(users) == state.count("users")
    assert len(enrollments) == state.count("enrollments")
    assert len(categories) == state.count("categories")
    assert len({u.sourcedId for u in users}) == len(users)  # no duplicates across pages
    assert all(t.role == "teacher" for t in teachers) and teachers
    assert klass.sourcedId == CLASS and klass.title
    assert {p.sourcedId for p in periods} >= {CLOSED_PERIOD, OPEN_PERIOD}
    assert all(p.type == "gradingPeriod" for p in periods)
    enrolled = {
        e.user.sourcedId
        for e in enrollments
        if e.class_.sourcedId == CLASS and e.role == "student" and e.active
    }
    assert {s.sourcedId for s in students} >= enrolled
    assert line_items and all(li.class_.sourcedId == CLASS for li in line_items)
    ours = {li.sourcedId for li in line_items}
    assert results and all(r.lineItem.sourcedId in ours for r in results)
    assert any(c.user_dcid and c.term_id and c.category_type is None for c in categories)


async def test_filtered_read_matches_a_local_filter(shared: InProcess) -> None:
    async with connect(shared) as client:
        everyone = await client.users()
        students = await client.users(filter=filter_expr("role", "=", "student"))
    assert students and {u.sourcedId for u in students} == {
        u.sourcedId for u in everyone if u.role == "student"
    }


async def test_line_item_put_201_then_200_result_and_deletes(shared: InProcess) -> None:
    async with connect(shared) as client:
        category = await teacher_category(client)
        student = (await client.students_for_class(CLASS))[0].sourcedId
        first = await client.put_line_item("pbl-test-1", line_item(category))
        second = await client.put_line_item(
            "pbl-test-1", line_item(category, title="Unit 3 quiz v2")
        )
        written = await client.put_result("pbr-test-1", result("pbl-test-1", student, 17))
        stored = await client.result("pbr-test-1")
        as_read = await client.line_item("pbl-test-1")
        assert (first.created, second.created, written.created) == (True, False, True)
        assert as_read is not None and as_read.title == "Unit 3 quiz v2"
        assert as_read.category is not None and as_read.category.sourcedId == category
        assert stored is not None and stored.score == 17 and stored.student.sourcedId == student
        assert await client.delete_result("pbr-test-1") is True
        assert await client.delete_result("pbr-test-1") is False
        assert await client.result("pbr-test-1") is None
        assert await client.delete_line_item("pbl-test-1") is True
        assert await client.delete_line_item("pbl-test-1") is False
    assert shared.state.get("lineItems", "pbl-test-1") is None


async def test_closed_grading_period_is_rejected_and_recognised(shared: InProcess) -> None:
    async with connect(shared) as client:
        category = await teacher_category(client)
        with pytest.raises(RecordRejected) as caught:
            await client.put_line_item("pbl-test-closed", line_item(category, CLOSED_PERIOD))
        assert caught.value.status == 409
        assert caught.value.grading_period_closed
        assert caught.value.description is not None
        assert caught.value.description.startswith(f"Grading period {CLOSED_PERIOD} is closed")
        too_long = line_item(category, title="x" * 50)
        with pytest.raises(RecordRejected) as refused:
            await client.put_line_item("pbl-test-long", too_long)
        assert refused.value.status == 400 and not refused.value.grading_period_closed
        assert "title has 50 characters" in str(refused.value)
    assert shared.state.get("lineItems", "pbl-test-closed") is None


async def test_read_only_client_is_district_fatal_on_write(shared: InProcess) -> None:
    async with connect(shared, client_id="readonly") as client:
        assert await client.classes()  # reading is allowed
        with pytest.raises(DistrictFatal) as caught:
            await client.put_line_item("pbl-test-ro", line_item("CAT-T-1-TESTS"))
    assert caught.value.status == 403
    assert "no write access" in str(caught.value)


async def test_wrong_secret_is_district_fatal(shared: InProcess) -> None:
    client = OneRosterClient(
        base_url=shared.base_url,
        token_url=shared.token_url,
        client_id="demo",
        client_secret="not-the-secret",
        transport=shared.transport,
    )
    async with client:
        with pytest.raises(DistrictFatal, match="refused the credentials of client 'demo'"):
            await client.get_token_now()
    assert "not-the-secret" not in repr(client)


async def test_429_and_5xx_faults_are_ridden_out_and_the_state_is_right(
    fresh: SandboxServer,
) -> None:
    async with connect(fresh, max_concurrency=4) as client:
        category = await teacher_category(client)
        students = [s.sourcedId for s in await client.students_for_class(CLASS)][:24]
        await client.put_line_item("pbl-faults", line_item(category))
        fresh.set_faults(FaultConfig(seed=11, rate_429=0.25, retry_after_s=0, rate_5xx=0.2))
        await control(fresh, "POST", "stats/reset")
        outcomes = await asyncio.gather(
            *(
                client.put_result(f"pbr-faults-{i}", result("pbl-faults", s, i))
                for i, s in enumerate(students)
            )
        )
        back = await client.results_for_class(CLASS)
    assert all(o.created or o.attempts > 1 for o in outcomes)
    stored = {r.sourcedId: r.score for r in back if r.sourcedId.startswith("pbr-faults-")}
    assert stored == {f"pbr-faults-{i}": float(i) for i in range(len(students))}
    stats = await control(fresh, "GET", "stats")
    assert stats["faults"].get("429", 0) > 0 and stats["faults"].get("5xx", 0) > 0
    assert client.counts.retries >= stats["faults"]["429"] + stats["faults"]["5xx"]


async def test_retry_after_from_the_sandbox_is_never_cut_short(fresh: SandboxServer) -> None:
    waits: list[float] = []

    async def record(seconds: float) -> None:  # the sandbox does not enforce it: skip the wait
        waits.append(seconds)

    fresh.set_faults(FaultConfig(seed=3, rate_429=0.5, retry_after_s=2))
    async with connect(fresh, sleep=record) as client:
        await asyncio.gather(*(client.class_(CLASS) for _ in range(10)))
    assert waits and all(w >= 2.0 for w in waits)
    assert len(waits) == client.counts.retries


async def test_drop_after_commit_writes_land_once(fresh: SandboxServer) -> None:
    async with connect(fresh) as client:
        category = await teacher_category(client)
        students = [s.sourcedId for s in await client.students_for_class(CLASS)][:16]
        fresh.set_faults(FaultConfig(seed=5, rate_drop_after_commit=0.4))
        await client.put_line_item("pbl-drops", line_item(category))
        outcomes = [
            await client.put_result(f"pbr-drops-{i}", result("pbl-drops", s, 10 + i))
            for i, s in enumerate(students)
        ]
        retried = [o for o in outcomes if o.attempts > 1]
        assert retried, "the seed should drop some responses"
        assert all(not o.created for o in retried)  # the lost attempt created it
        back = {r.sourcedId: r for r in await client.results_for_class(CLASS)}
        for i, student in enumerate(students):
            stored = back[f"pbr-drops-{i}"]
            assert (stored.student.sourcedId, stored.score) == (student, 10 + i)
        for i in range(len(students)):
            await client.delete_result(f"pbr-drops-{i}")  # True, or False after a lost reply
        assert not any(
            r.sourcedId.startswith("pbr-drops-") for r in await client.results_for_class(CLASS)
        )
    assert (await control(fresh, "GET", "stats"))["faults"]["dropped_after_commit"] > 0


async def test_short_token_lifetime_refreshes_before_expiry(fresh: SandboxServer) -> None:
    fresh.set_faults(FaultConfig(token_lifetime_s=1))
    async with connect(fresh) as client:
        await client.class_(CLASS)
        await asyncio.sleep(1.05)
        await client.class_(CLASS)
    # refreshed ahead of expiry (margin 0.1 s), so no request was refused
    assert client.counts.token_requests == 2
    assert client.counts.reads == 2
    assert (await control(fresh, "GET", "stats"))["token_calls"] == 2


async def test_revoked_tokens_are_refreshed_once_with_a_full_pool(fresh: SandboxServer) -> None:
    async with connect(fresh, max_concurrency=2, timeout=5.0) as client:
        await client.class_(CLASS)
        await control(fresh, "POST", "tokens/expire")
        found = await asyncio.gather(*(client.class_(CLASS) for _ in range(8)))
    assert len(found) == 8
    assert client.counts.token_requests == 2
    stats = await control(fresh, "GET", "stats")
    assert stats["token_calls"] == 2
    assert stats["reads"] == client.counts.reads


async def test_401_twice_from_the_sandbox_is_district_fatal(fresh: SandboxServer) -> None:
    fresh.set_faults(FaultConfig(unauthorized_next=1))
    async with connect(fresh) as client:
        assert (await client.class_(CLASS)).sourcedId == CLASS  # one 401: refreshed
        fresh.set_faults(FaultConfig(unauthorized_next=2))
        with pytest.raises(DistrictFatal) as caught:
            await client.class_(CLASS)
    assert caught.value.status == 401
    assert client.counts.token_requests == 3

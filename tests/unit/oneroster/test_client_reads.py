"""Collection reads through the client: paging stop rules, query parameters, typed results."""

from __future__ import annotations

import json

import httpx
import pytest
from structlog.testing import capture_logs

from passback.oneroster import IncompleteRead, InvalidResponse, and_, filter_expr

from .conftest import BASE, FakeSis, imsx, make_client, page

pytestmark = pytest.mark.anyio


def users(start: int, stop: int) -> list[dict[str, str]]:
    return [{"sourcedId": f"U{i}", "role": "student"} for i in range(start, stop)]


def paged_server(
    records: list[dict[str, str]], *, cap: int, total: bool, honour_offset: bool = True
):
    calls: list[dict[str, str]] = []

    def reply(request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        calls.append(params)
        limit = min(int(params["limit"]), cap)
        offset = int(params["offset"]) if honour_offset else 0
        return page("users", records[offset : offset + limit], len(records) if total else None)

    return reply, calls


async def test_pages_until_x_total_count_with_a_server_capped_page() -> None:
    everyone = users(0, 250)
    reply, calls = paged_server(everyone, cap=100, total=True)
    sis = FakeSis()
    sis.on("GET", "/users", reply)
    async with make_client(sis, page_size=1000) as client:
        found = await client.users()
    assert [u.sourcedId for u in found] == [u["sourcedId"] for u in everyone]
    assert [c["offset"] for c in calls] == ["0", "100", "200"]
    assert client.counts.reads == 3


async def test_a_short_page_without_total_is_not_the_end() -> None:
    everyone = users(0, 25)
    reply, calls = paged_server(everyone, cap=7, total=False)
    sis = FakeSis()
    sis.on("GET", "/users", reply)
    async with make_client(sis, page_size=10) as client:
        found = await client.users()
    assert [u.sourcedId for u in found] == [u["sourcedId"] for u in everyone]
    assert [c["offset"] for c in calls] == ["0", "7", "14", "21", "25"]


async def test_exact_multiple_without_total_ends_on_the_empty_page() -> None:
    reply, calls = paged_server(users(0, 20), cap=1000, total=False)
    sis = FakeSis()
    sis.on("GET", "/users", reply)
    async with make_client(sis, page_size=10) as client:
        assert len(await client.users()) == 20
    assert len(calls) == 3


@pytest.mark.parametrize("total", [True, False])
async def test_a_server_ignoring_offset_fails_the_read_loudly(total: bool) -> None:
    reply, calls = paged_server(users(0, 50), cap=10, total=total, honour_offset=False)
    sis = FakeSis()
    sis.on("GET", "/users", reply)
    with capture_logs() as logs:
        async with make_client(sis, page_size=10) as client:
            with pytest.raises(IncompleteRead) as caught:
                await client.users()
    assert "GET /users" in caught.value.message and "ignores offset" in caught.value.message
    assert len(calls) == 3
    assert any(e["event"] == "oneroster.paging.inconsistent" for e in logs)


async def test_link_next_is_followed_with_its_own_query() -> None:
    everyone = users(0, 5)
    seen: list[str] = []

    def reply(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url.params))
        at = int(request.url.params.get("page", "0"))
        chunk = everyone[at * 2 : at * 2 + 2]
        headers = {}
        if at * 2 + 2 < len(everyone):
            headers["Link"] = f'<{BASE}/users?page={at + 1}>; rel="next"'
        body = json.dumps({"users": chunk}).encode()
        return httpx.Response(200, headers=headers, content=body)

    sis = FakeSis()
    sis.on("GET", "/users", reply)
    async with make_client(sis, page_size=100) as client:
        found = await client.users()
    assert [u.sourcedId for u in found] == [u["sourcedId"] for u in everyone]
    assert seen[1:] == ["page=1", "page=2"]


async def test_a_link_to_another_host_is_not_followed() -> None:
    everyone = users(0, 3)
    hosts: list[str] = []

    def reply(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        offset = int(request.url.params["offset"])
        headers = {"Link": '<https://elsewhere.example/users?offset=1>; rel="next"'}
        body = json.dumps({"users": everyone[offset : offset + 1]}).encode()
        return httpx.Response(200, headers=headers, content=body)

    sis = FakeSis()
    sis.on("GET", "/users", reply)
    async with make_client(sis, page_size=100) as client:
        assert len(await client.users()) == 3
    assert set(hosts) == {"sis.example.test"}


async def test_a_refused_large_limit_is_asked_again_with_the_standard_default() -> None:
    everyone = users(0, 150)
    calls: list[str] = []

    def reply(request: httpx.Request) -> httpx.Response:
        limit, offset = int(request.url.params["limit"]), int(request.url.params["offset"])
        calls.append(f"{limit}@{offset}")
        if limit > 500:
            return httpx.Response(400, json=imsx("limit may not exceed 500"))
        return page("users", everyone[offset : offset + limit], len(everyone))

    sis = FakeSis()
    sis.on("GET", "/users", reply)
    async with make_client(sis, page_size=1000) as client:
        assert len(await client.users()) == 150
    assert calls == ["1000@0", "100@0", "100@100"]


async def test_fewer_records_than_the_total_fail_the_read() -> None:
    def reply(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        return page("users", users(0, 3)[offset:], 4)

    sis = FakeSis()
    sis.on("GET", "/users", reply)
    async with make_client(sis, page_size=100) as client:
        with pytest.raises(IncompleteRead, match="3 of the 4 records"):
            await client.users()


async def test_filter_sort_and_fields_reach_the_server() -> None:
    reply, calls = paged_server(users(0, 3), cap=1000, total=True)
    sis = FakeSis()
    sis.on("GET", "/users", reply)
    wanted = and_(filter_expr("role", "=", "student"), filter_expr("status", "=", "active"))
    async with make_client(sis) as client:
        rows = [
            row
            async for row in client.iter_collection(
                "/users",
                "users",
                filter=wanted,
                sort="familyName",
                order="asc",
                fields=["sourcedId", "role"],
                page_size=50,
            )
        ]
    assert len(rows) == 3
    assert calls[0] == {
        "filter": "role='student' AND status='active'",
        "sort": "familyName",
        "orderBy": "asc",
        "fields": "sourcedId,role",
        "limit": "50",
        "offset": "0",
    }
    # the filter is URL-encoded on the wire
    raw = sis.api_requests[0].url.query.decode()
    assert "filter=role%3D%27student%27+AND+status%3D%27active%27" in raw


async def test_typed_reads_use_the_right_paths_and_keys() -> None:
    sis = FakeSis()
    session = {
        "sourcedId": "GP-Q1",
        "type": "gradingPeriod",
        "startDate": "2026-08-15",
        "endDate": "2026-10-31",
    }
    sis.on("GET", "/terms/T-1/gradingPeriods", page("academicSessions", [session], 1))
    sis.on("GET", "/classes/C1/students", page("users", users(0, 2), 2))
    sis.on(
        "GET",
        "/classes/C1/lineItems",
        page("lineItems", [{"sourcedId": "L1", "class": {"sourcedId": "C1"}}], 1),
    )
    sis.on(
        "GET",
        "/classes/C1/results",
        page(
            "results",
            [
                {
                    "sourcedId": "R1",
                    "lineItem": {"sourcedId": "L1"},
                    "student": {"sourcedId": "U0"},
                    "score": 4,
                    "scoreStatus": "fully graded",
                }
            ],
            1,
        ),
    )
    sis.on("GET", "/categories", page("categories", [{"sourcedId": "K1", "title": "Tests"}], 1))
    sis.on("GET", "/teachers", page("users", [{"sourcedId": "T9", "role": "teacher"}], 1))
    sis.on(
        "GET",
        "/enrollments",
        page(
            "enrollments",
            [
                {
                    "sourcedId": "E1",
                    "user": {"sourcedId": "U0"},
                    "class": {"sourcedId": "C1"},
                    "role": "student",
                }
            ],
            1,
        ),
    )
    async with make_client(sis) as client:
        assert (await client.grading_periods_for_term("T-1"))[0].sourcedId == "GP-Q1"
        assert len(await client.students_for_class("C1")) == 2
        assert (await client.line_items_for_class("C1"))[0].class_.sourcedId == "C1"
        assert (await client.results_for_class("C1"))[0].score == 4.0
        assert (await client.categories())[0].title == "Tests"
        assert (await client.teachers())[0].role == "teacher"
        assert (await client.enrollments())[0].to_domain().class_id == "C1"


async def test_a_wrong_collection_key_is_named() -> None:
    sis = FakeSis()
    sis.on("GET", "/terms", page("terms", [{"sourcedId": "T1"}], 1))
    async with make_client(sis) as client:
        with pytest.raises(
            InvalidResponse, match=r"has no 'academicSessions' list \(found \['terms'\]\)"
        ):
            await client.terms()


async def test_an_invalid_record_names_its_id_and_field() -> None:
    sis = FakeSis()
    sis.on(
        "GET",
        "/academicSessions",
        page(
            "academicSessions",
            [
                {
                    "sourcedId": "GP-2",
                    "type": "gradingPeriod",
                    "startDate": "2026-01-01",
                    "endDate": "soon",
                }
            ],
            1,
        ),
    )
    async with make_client(sis) as client:
        with pytest.raises(InvalidResponse, match=r"academicSessions record 'GP-2'.*field endDate"):
            await client.academic_sessions()

"""The client against a scripted server: every fault kind, how it is retried or reported."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from passback.oneroster import (
    DistrictFatal,
    InvalidResponse,
    RecordRejected,
    RetryableError,
    RetryPolicy,
)

from .conftest import BASE, FakeSis, VirtualClock, imsx, make_client

pytestmark = pytest.mark.anyio

LINE_ITEM = {
    "title": "Unit 3 quiz",
    "class": {"sourcedId": "C1"},
    "category": {"sourcedId": "CAT-1"},
    "gradingPeriod": {"sourcedId": "GP-Q1"},
    "assignDate": "2026-09-01T12:00:00Z",
    "dueDate": "2026-09-08T12:00:00Z",
    "resultValueMin": 0,
    "resultValueMax": 20,
}
OK_CLASS = httpx.Response(200, json={"class": {"sourcedId": "C1", "title": "Algebra"}})


def gaps(sis: FakeSis) -> list[float]:
    times = [t for _, _, t in sis.seen]
    return [b - a for a, b in itertools.pairwise(times)]


async def test_429_retry_after_seconds_is_waited_before_the_next_request() -> None:
    clock = VirtualClock()
    sis = FakeSis(clock=clock)
    busy = httpx.Response(429, headers={"Retry-After": "7"}, json=imsx("slow down", "server_busy"))
    sis.on("GET", "/classes/C1", busy, OK_CLASS)
    async with make_client(sis, clock=clock) as client:
        assert (await client.class_("C1")).title == "Algebra"
    assert clock.sleeps == [7.0]
    assert gaps(sis) == [7.0]
    assert client.counts.retries == 1
    assert client.counts.reads == 2


async def test_429_retry_after_http_date_is_waited_before_the_next_request() -> None:
    clock = VirtualClock()
    sis = FakeSis(clock=clock)
    sent_at: list[datetime] = []

    def busy(request: httpx.Request) -> httpx.Response:
        now = datetime.now(UTC)
        sent_at.append(now)
        until = format_datetime(now + timedelta(seconds=5), usegmt=True)
        return httpx.Response(429, headers={"Retry-After": until}, text="busy")

    sis.on("PUT", "/lineItems/li-1", busy, httpx.Response(201, json={}))
    async with make_client(sis, clock=clock) as client:
        outcome = await client.put_line_item("li-1", LINE_ITEM)
    assert outcome.created and outcome.attempts == 2
    (delay,) = clock.sleeps
    # The header has whole seconds, so the server's moment is 4-5 s away when parsed.
    wanted = (sent_at[0].replace(microsecond=0) + timedelta(seconds=5) - sent_at[0]).total_seconds()
    assert wanted - 0.05 <= delay <= wanted
    assert gaps(sis) == [delay]


async def test_retry_after_beyond_the_limit_fails_fast_with_a_clear_message() -> None:
    clock = VirtualClock()
    sis = FakeSis(clock=clock)
    sis.on("GET", "/classes/C1", httpx.Response(429, headers={"Retry-After": "86400"}))
    async with make_client(sis, clock=clock) as client:
        with pytest.raises(RetryableError) as caught:
            await client.class_("C1")
    assert clock.sleeps == []
    assert caught.value.retry_after == 86400
    assert "asked to wait 86400 s, over the 120 s limit" in str(caught.value)


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_are_retried_with_backoff_then_succeed(status: int) -> None:
    clock = VirtualClock()
    sis = FakeSis(clock=clock)
    failing = httpx.Response(status, json=imsx("oops", "internal_server_error"))
    sis.on("PUT", "/results/r-1", failing, failing, httpx.Response(200, json={}))
    async with make_client(sis, clock=clock) as client:
        outcome = await client.put_result("r-1", {"score": 3, "scoreStatus": "fully graded"})
    assert not outcome.created and outcome.status == 200 and outcome.attempts == 3
    assert clock.sleeps == [0.5, 1.0]  # exponential, jitter off in these tests
    assert client.counts.writes == 3 and client.counts.retries == 2


async def test_server_errors_exhaust_the_policy() -> None:
    clock = VirtualClock()
    sis = FakeSis(clock=clock)
    sis.on("GET", "/classes/C1", httpx.Response(503, text="Service Unavailable"))
    policy = RetryPolicy(max_attempts=4, jitter=False, base_delay=1.0)
    async with make_client(sis, clock=clock, retry=policy) as client:
        with pytest.raises(RetryableError) as caught:
            await client.class_("C1")
    assert caught.value.attempts == 4 and caught.value.status == 503
    assert "gave up after 4 attempts" in str(caught.value)
    assert clock.sleeps == [1.0, 2.0, 4.0]
    assert len(sis.seen) == 4


@pytest.mark.parametrize(
    "fault",
    [
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.ReadError("Connection reset by peer"),
        httpx.ConnectError("Connection refused"),
        httpx.ReadTimeout("timed out"),
        httpx.PoolTimeout("no connection"),
    ],
    ids=lambda e: type(e).__name__,
)
async def test_connection_faults_and_timeouts_are_retried(fault: Exception) -> None:
    clock = VirtualClock()
    sis = FakeSis(clock=clock)
    sis.on("DELETE", "/results/r-1", fault, httpx.Response(204))
    async with make_client(sis, clock=clock) as client:
        assert await client.delete_result("r-1") is True
    assert client.counts.retries == 1 and len(clock.sleeps) == 1


async def test_timeouts_that_never_end_raise_retryable() -> None:
    sis = FakeSis()
    sis.on("GET", "/classes/C1", httpx.ReadTimeout("timed out"))
    async with make_client(sis, retry=RetryPolicy(max_attempts=2, jitter=False)) as client:
        with pytest.raises(RetryableError, match=r"GET .*/classes/C1 timed out \(ReadTimeout\)"):
            await client.class_("C1")


async def test_401_refreshes_once_then_succeeds() -> None:
    sis = FakeSis()
    sis.on("GET", "/classes/C1", OK_CLASS)
    async with make_client(sis) as client:
        await client.get_token_now()
        sis.token_calls += 1  # the server revoked tok-1
        assert (await client.class_("C1")).sourcedId == "C1"
    assert sis.bearers == ["Bearer tok-1", "Bearer tok-3"]
    assert client.counts.token_requests == 2 and client.counts.retries == 0


async def test_401_twice_is_district_fatal() -> None:
    sis = FakeSis()
    sis.on("GET", "/classes/C1", lambda r: httpx.Response(401, text="<html>Unauthorized</html>"))
    async with make_client(sis) as client:
        with pytest.raises(DistrictFatal) as caught:
            await client.class_("C1")
    assert caught.value.status == 401
    assert "401 even with a fresh token: <html>Unauthorized</html>" in str(caught.value)
    assert sis.token_calls == 2 and len(sis.api_requests) == 2


async def test_403_is_district_fatal_and_not_retried() -> None:
    sis = FakeSis()
    sis.on("PUT", "/lineItems/li-1", httpx.Response(403, json=imsx("no write access", "forbidden")))
    async with make_client(sis) as client:
        with pytest.raises(DistrictFatal, match=r"403.*no write access"):
            await client.put_line_item("li-1", LINE_ITEM)
    assert len(sis.api_requests) == 1 and sis.token_calls == 1


@pytest.mark.parametrize(
    ("status", "description"),
    [
        (400, "title must be fewer than 50 characters"),
        (409, "Grading period GP-Q1 is closed"),
        (422, "lineItem.category is required"),
    ],
)
async def test_rejections_keep_status_and_description(status: int, description: str) -> None:
    sis = FakeSis()
    sis.on("PUT", "/lineItems/li-1", httpx.Response(status, json=imsx(description)))
    async with make_client(sis) as client:
        with pytest.raises(RecordRejected) as caught:
            await client.put_line_item("li-1", LINE_ITEM)
    error = caught.value
    assert (error.status, error.description, error.code_minor) == (
        status,
        description,
        ("invalid_data",),
    )
    assert error.grading_period_closed is (status == 409)
    assert len(sis.api_requests) == 1  # never retried


@pytest.mark.parametrize(
    "body",
    [
        {"statusInfoSet": [{"imsx_codeMajor": "failure", "imsx_description": "bad score"}]},
        {"imsx_codeMajor": "failure", "imsx_description": "bad score", "imsx_codeMinor": "x"},
        {"imsx_statusInfo": {"imsx_description": "bad score"}},
        "bad score",
    ],
    ids=["statusInfoSet", "bare-string-minor", "imsx_statusInfo", "plain-text"],
)
async def test_every_envelope_gives_the_description(body: object) -> None:
    sis = FakeSis()
    reply = (
        httpx.Response(422, text=body) if isinstance(body, str) else httpx.Response(422, json=body)
    )
    sis.on("PUT", "/results/r-1", reply)
    async with make_client(sis) as client:
        with pytest.raises(RecordRejected) as caught:
            await client.put_result("r-1", {"score": 1})
    assert caught.value.description == "bad score"


async def test_put_wraps_the_payload_and_reports_created_vs_replaced() -> None:
    sis = FakeSis()
    sis.on("PUT", "/lineItems/li-1", httpx.Response(201, json={}), httpx.Response(200, json={}))
    async with make_client(sis) as client:
        first = await client.put_line_item("li-1", LINE_ITEM)
        second = await client.put_line_item(" li-1 ", {**LINE_ITEM, "sourcedId": "li-1"})
        with pytest.raises(ValueError, match="differs"):
            await client.put_line_item("li-1", {**LINE_ITEM, "sourcedId": "li-2"})
    assert (first.created, second.created) == (True, False)
    sent = sis.api_requests[0]
    body = json.loads(sent.content)["lineItem"]
    # Full 1.1 bodies by default: dateLastModified, and href + type on every reference.
    assert body["dateLastModified"].endswith("Z")
    assert body["class"] == {
        "sourcedId": "C1",
        "type": "class",
        "href": f"{BASE}/classes/C1",
    }
    assert body["gradingPeriod"]["type"] == "academicSession"
    assert body["gradingPeriod"]["href"] == f"{BASE}/academicSessions/GP-Q1"
    assert body["category"]["href"] == f"{BASE}/categories/CAT-1"
    rest = {k: v for k, v in body.items() if k not in ("dateLastModified", *REFS)}
    assert rest == {k: v for k, v in {**LINE_ITEM, "sourcedId": "li-1"}.items() if k not in REFS}
    assert sent.headers["Content-Type"] == "application/json"


REFS = ("class", "category", "gradingPeriod")


async def test_put_bodies_stay_as_given_when_the_profile_says_so() -> None:
    sis = FakeSis()
    sis.on("PUT", "/lineItems/li-1", httpx.Response(201, json={}))
    async with make_client(sis, full_put_bodies=False) as client:
        await client.put_line_item("li-1", LINE_ITEM)
    sent = json.loads(sis.api_requests[0].content)
    assert sent == {"lineItem": {**LINE_ITEM, "sourcedId": "li-1"}}


async def test_get_one_returns_none_on_404_and_delete_false() -> None:
    sis = FakeSis()
    gone = httpx.Response(404, json=imsx("unknown", "unknown object"))
    sis.on("GET", "/lineItems/li-9", gone)
    sis.on("GET", "/results/r-9", gone)
    sis.on("DELETE", "/lineItems/li-9", gone)
    sis.on("GET", "/classes/C9", gone)
    async with make_client(sis) as client:
        assert await client.line_item("li-9") is None
        assert await client.result("r-9") is None
        assert await client.delete_line_item("li-9") is False
        with pytest.raises(RecordRejected, match="class 'C9' does not exist"):
            await client.class_("C9")


async def test_sourced_ids_are_escaped_in_paths() -> None:
    sis = FakeSis()
    sis.on("DELETE", "/results/a/b c", httpx.Response(204))
    async with make_client(sis) as client:
        assert await client.delete_result("a/b c") is True
    assert sis.api_requests[0].url.raw_path.endswith(b"/results/a%2Fb%20c")


async def test_a_200_that_is_not_json_is_invalid_response() -> None:
    sis = FakeSis()
    sis.on("GET", "/classes/C1", httpx.Response(200, text="<html>maintenance</html>"))
    async with make_client(sis) as client:
        with pytest.raises(InvalidResponse, match="not a JSON object"):
            await client.class_("C1")


async def test_unsupported_scheme_is_a_config_error() -> None:
    with pytest.raises(ValueError, match="absolute http"):
        make_client(FakeSis(), base_url="ftp://x/y")

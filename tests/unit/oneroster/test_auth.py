"""OAuth 2 client credentials: the token call, caching, refresh timing, refusals, secrecy."""

from __future__ import annotations

import asyncio
import base64
from urllib.parse import parse_qs

import httpx
import pytest
from pydantic import SecretStr
from structlog.testing import capture_logs

from passback.oneroster import (
    DEFAULT_SCOPES,
    DistrictFatal,
    InvalidResponse,
    RetryableError,
    TokenCache,
)
from passback.oneroster.auth import DELETE_SCOPE, parse_expires_in, refresh_margin

from .conftest import SECRET, TOKEN_URL, FakeSis, VirtualClock, make_client

pytestmark = pytest.mark.anyio


def test_refresh_margin_is_min_of_a_minute_and_a_tenth() -> None:
    assert refresh_margin(3600) == 60.0
    assert refresh_margin(300) == 30.0
    assert refresh_margin(10) == 1.0


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [
        (3600, 3600.0),
        ("1814654", 1814654.0),
        (" 90 ", 90.0),
        (12.5, 12.5),
        ("never", None),
        (None, None),
        (0, None),
        (-5, None),
        (True, None),
    ],
)
def test_expires_in_int_or_string(raw: object, seconds: float | None) -> None:
    assert parse_expires_in(raw) == seconds


async def test_token_call_uses_basic_auth_form_body_and_scopes() -> None:
    sis = FakeSis(expires_in="1814654")  # PowerSchool sends a string
    sis.on("GET", "/classes", httpx.Response(200, json={"classes": []}))
    async with make_client(sis) as client:
        await client.classes()
        await client.classes()
    assert sis.token_calls == 1  # cached between calls
    (request,) = sis.token_requests
    assert request.method == "POST"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    scheme, _, encoded = request.headers["Authorization"].partition(" ")
    assert scheme == "Basic"
    assert base64.b64decode(encoded).decode() == f"district-7:{SECRET}"
    form = parse_qs(request.content.decode())
    assert form["grant_type"] == ["client_credentials"]
    assert form["scope"][0].split(" ") == list(DEFAULT_SCOPES)
    assert all(
        s.startswith("https://purl.imsglobal.org/spec/or/v1p1/scope/") for s in DEFAULT_SCOPES
    )
    assert sis.bearers == ["Bearer tok-1"] * 2


async def test_configured_scopes_are_sent() -> None:
    sis = FakeSis()
    async with make_client(sis, scopes=["urn:custom:a", "urn:custom:b"]) as client:
        await client.get_token_now()
    form = parse_qs(sis.token_requests[0].content.decode())
    assert form["scope"] == ["urn:custom:a urn:custom:b"]
    assert client.counts.token_requests == 1


async def test_a_refused_delete_scope_is_dropped_and_reported() -> None:
    sis = FakeSis()
    refusal = {"error": "invalid_scope", "error_description": "gradebook.delete not granted"}
    sis.token_replies.append(httpx.Response(400, json=refusal))
    sis.on("GET", "/classes", httpx.Response(200, json={"classes": []}))
    async with make_client(sis) as client:
        assert await client.classes() == []
        assert client.delete_refused == (
            "the token endpoint refused the gradebook.delete scope: gradebook.delete not granted"
        )
    first, second = (
        parse_qs(r.content.decode())["scope"][0].split(" ") for r in sis.token_requests
    )
    assert DELETE_SCOPE in first
    assert second == [s for s in DEFAULT_SCOPES if s != DELETE_SCOPE]


async def test_invalid_scope_without_the_delete_scope_stays_fatal() -> None:
    sis = FakeSis()
    sis.token_replies.append(httpx.Response(400, json={"error": "invalid_scope"}))
    async with make_client(sis, can_delete=False) as client:
        with pytest.raises(DistrictFatal):
            await client.get_token_now()
        assert client.delete_refused is None
    form = parse_qs(sis.token_requests[0].content.decode())
    assert DELETE_SCOPE not in form["scope"][0].split(" ")


async def test_token_is_refreshed_a_margin_before_expiry() -> None:
    sis = FakeSis(expires_in=600)  # margin: min(60, 60) = 60 s
    now = [0.0]
    async with httpx.AsyncClient(transport=sis.transport()) as http:
        cache = TokenCache(
            token_url=TOKEN_URL,
            client_id="district-7",
            client_secret=SecretStr(SECRET),
            scopes=DEFAULT_SCOPES,
            send=http.send,
            clock=lambda: now[0],
        )
        assert await cache.current() == "tok-1"
        now[0] = 539.0
        assert await cache.current() == "tok-1"
        now[0] = 540.0  # 600 - 60
        assert await cache.current() == "tok-2"
    assert sis.token_calls == 2


async def test_twenty_concurrent_first_requests_make_one_token_call() -> None:
    sis = FakeSis()
    sis.on("GET", "/classes/C1", httpx.Response(200, json={"class": {"sourcedId": "C1"}}))
    async with make_client(sis, max_concurrency=20) as client:
        found = await asyncio.gather(*(client.class_("C1") for _ in range(20)))
    assert len(found) == 20
    assert sis.token_calls == 1
    assert client.counts.token_requests == 1


async def test_twenty_concurrent_401s_make_exactly_one_refresh() -> None:
    sis = FakeSis()
    sis.on("GET", "/classes/C1", httpx.Response(200, json={"class": {"sourcedId": "C1"}}))
    async with make_client(sis, max_concurrency=20) as client:
        await client.get_token_now()  # tok-1
        sis.token_calls += 1  # the server now only honours tok-2, which it has yet to issue
        sis.token_replies = []
        results = await asyncio.gather(*(client.class_("C1") for _ in range(20)))
    assert [r.sourcedId for r in results] == ["C1"] * 20
    # one call at the start, exactly one refresh for the twenty refused requests
    assert len(sis.token_requests) == 2
    assert client.counts.token_requests == 2
    assert client.counts.reads == 40  # twenty refused, twenty resent


async def test_refused_credentials_are_district_fatal_and_not_asked_again() -> None:
    sis = FakeSis()
    refusal = httpx.Response(401, json={"error": "invalid_client", "error_description": "nope"})
    sis.token_replies = [refusal, refusal, refusal]
    async with make_client(sis, max_concurrency=5) as client:
        outcomes = await asyncio.gather(
            *(client.classes() for _ in range(5)), return_exceptions=True
        )
    assert all(isinstance(o, DistrictFatal) for o in outcomes)
    message = str(outcomes[0])
    assert "refused the credentials of client 'district-7' with 401: nope" in message
    assert len(sis.token_requests) == 1
    assert sis.api_requests == []


async def test_token_endpoint_503_is_retried() -> None:
    sis = FakeSis()
    sis.token_replies = [httpx.Response(503, headers={"Retry-After": "3"}, text="busy")]
    sis.on("GET", "/classes", httpx.Response(200, json={"classes": []}))
    clock = VirtualClock()
    async with make_client(sis, clock=clock) as client:
        assert await client.classes() == []
    assert clock.sleeps == [3.0]
    assert client.counts.retries == 1
    assert client.counts.token_requests == 2


async def test_token_endpoint_connection_failure_is_retryable() -> None:
    sis = FakeSis()
    sis.token_replies = [httpx.ConnectError("refused")] * 6
    async with make_client(sis) as client:
        with pytest.raises(RetryableError, match="token endpoint unreachable"):
            await client.get_token_now()


async def test_token_200_without_access_token_is_invalid_response() -> None:
    sis = FakeSis()
    sis.token_replies = [httpx.Response(200, text="<html>login page</html>")]
    async with make_client(sis) as client:
        with pytest.raises(InvalidResponse, match="without an access_token"):
            await client.get_token_now()


async def test_secret_never_appears_in_reprs_errors_or_logs() -> None:
    sis = FakeSis()
    sis.token_replies = [httpx.Response(400, json={"error": "invalid_client"})]
    with capture_logs() as logs:
        client = make_client(sis)
        async with client:
            with pytest.raises(DistrictFatal) as caught:
                await client.get_token_now()
            second = FakeSis()
            ok_client = make_client(second)
            async with ok_client:
                await ok_client.get_token_now()
    shown = [repr(client), str(client), repr(client._tokens), str(caught.value), repr(caught.value)]
    shown += [repr(entry) for entry in logs]
    shown += [repr(ok_client._tokens._token)]
    assert logs, "expected some structured log events"
    for text in shown:
        assert SECRET not in text
        assert "tok-1" not in text  # nor the bearer token
        assert base64.b64encode(f"district-7:{SECRET}".encode()).decode() not in text

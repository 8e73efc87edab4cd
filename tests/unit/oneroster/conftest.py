"""Shared pieces for the OneRoster client tests: the anyio backend, a scripted OneRoster
server for `httpx.MockTransport`, and a virtual clock whose `sleep` only moves time."""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from passback.oneroster import OneRosterClient, RetryPolicy

BASE = "https://sis.example.test/api/ims/oneroster/v1p1"
TOKEN_URL = "https://sis.example.test/oauth/access_token"
SECRET = "s3cr3t-never-shown"

Reply = (
    httpx.Response
    | Exception
    | Callable[[httpx.Request], httpx.Response | Awaitable[httpx.Response]]
)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@dataclass
class VirtualClock:
    """`sleep` records the delay and advances virtual time; requests read `now`."""

    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def imsx(description: str, code_minor: str = "invalid_data") -> dict[str, Any]:
    return {
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_CodeMinor": {
            "imsx_codeMinorField": [
                {
                    "imsx_codeMinorFieldName": "TargetEndSystem",
                    "imsx_codeMinorFieldValue": code_minor,
                }
            ]
        },
    }


class FakeSis:
    """A scripted OneRoster server. The token endpoint issues tok-1, tok-2, ...; each API
    route answers from a queue (the last reply repeats), after checking the bearer token is
    the newest one issued (else 401), like a server that revokes old tokens."""

    def __init__(self, *, expires_in: object = 3600, clock: VirtualClock | None = None) -> None:
        self.expires_in = expires_in
        self.clock = clock
        self.token_replies: list[httpx.Response | Exception] = []
        self.token_calls = 0
        self.token_requests: list[httpx.Request] = []
        self.routes: dict[tuple[str, str], list[Reply]] = {}
        self.seen: list[tuple[str, str, float]] = []  # method, path, virtual time
        self.api_requests: list[httpx.Request] = []
        self.bearers: list[str] = []

    @property
    def current_token(self) -> str:
        return f"tok-{self.token_calls}"

    def on(self, method: str, path: str, *replies: Reply) -> None:
        self.routes[(method, path)] = list(replies)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    async def handle(self, request: httpx.Request) -> httpx.Response:
        # Yield to the event loop like a real server would, so concurrent requests interleave.
        if str(request.url) == TOKEN_URL:
            await asyncio.sleep(0.005)
            return self._token(request)
        await asyncio.sleep(0)
        path = request.url.path.removeprefix(httpx.URL(BASE).path)
        self.seen.append((request.method, path, self.clock.now if self.clock else 0.0))
        self.api_requests.append(request)
        # The client reuses one Request across the 401 resend, so note the header now.
        self.bearers.append(request.headers.get("Authorization", ""))
        if request.headers.get("Authorization") != f"Bearer {self.current_token}":
            return httpx.Response(401, text="<html>401 Unauthorized</html>")
        queue = self.routes.get((request.method, path))
        if not queue:
            return httpx.Response(404, json=imsx(f"no route {path}", "unknown object"))
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(reply, Exception):
            raise reply
        if callable(reply):
            answer = reply(request)
            return await answer if inspect.isawaitable(answer) else answer
        return reply

    def _token(self, request: httpx.Request) -> httpx.Response:
        self.token_requests.append(request)
        if self.token_replies:
            reply = self.token_replies.pop(0)
            if isinstance(reply, Exception):
                raise reply
            return reply
        self.token_calls += 1
        return httpx.Response(
            200,
            json={
                "access_token": self.current_token,
                "token_type": "Bearer",
                "expires_in": self.expires_in,
            },
        )


def make_client(
    sis: FakeSis,
    *,
    clock: VirtualClock | None = None,
    retry: RetryPolicy | None = None,
    **kwargs: Any,
) -> OneRosterClient:
    options: dict[str, Any] = {
        "base_url": BASE,
        "token_url": TOKEN_URL,
        "client_id": "district-7",
        "client_secret": SECRET,
        "transport": sis.transport(),
        "retry": retry or RetryPolicy(jitter=False, base_delay=0.5),
        "sleep": (clock or VirtualClock()).sleep,
    }
    return OneRosterClient(**{**options, **kwargs})


def page(key: str, items: list[dict[str, Any]], total: int | None = None) -> httpx.Response:
    headers = {"X-Total-Count": str(total)} if total is not None else {}
    return httpx.Response(200, headers=headers, content=json.dumps({key: items}).encode())

"""ASGI middleware of the app: request bodies are bounded, API callers are authenticated
before any body is read, and the security headers every answer carries.

- `BodyLimit`: a `Content-Length` above the limit is refused with 413 at once; a body sent
  without one (chunked) is counted while the app reads it and refused the moment it
  passes the limit. `/import` has its own, larger limit. The answer is a problem body.
- `AuthenticateFirst`: an unsafe API request (POST, PUT, PATCH, DELETE) must show a valid
  token, or a session and its CSRF token, before its body is touched: an anonymous caller
  gets 401 whatever it sends, without the server parsing a byte of it.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from passback.web import problems
from passback.web.security import SAFE_METHODS, api_principal

API_PREFIX = "/api/v1"
IMPORT_SUFFIX = "/import"


class BodyTooLarge(StarletteHTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {_size(limit)}; send less")
        self.limit = limit


def _size(limit: int) -> str:
    if limit >= 1 << 20 and limit % (1 << 20) == 0:
        return f"{limit >> 20} MiB"
    if limit >= 1 << 10 and limit % (1 << 10) == 0:
        return f"{limit >> 10} KiB"
    return f"{limit} bytes"


async def _send_problem(
    scope: Scope, send: Send, status: int, detail: str, kind: str, headers: dict[str, str]
) -> None:
    body = json.dumps(
        {
            "type": problems.TYPE_BASE + kind,
            "title": problems.TITLES.get(status, "Error"),
            "status": status,
            "detail": detail,
            "instance": scope.get("path", ""),
        }
    ).encode()
    raw = [
        (b"content-type", problems.MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *((k.lower().encode(), v.encode()) for k, v in headers.items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    def __init__(self, app: ASGIApp, *, max_body: int, max_import: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_import = max_import

    def limit_for(self, path: str) -> int:
        if path.startswith(API_PREFIX) and path.endswith(IMPORT_SUFFIX):
            return self.max_import
        return self.max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _send_problem(scope, send, 413, BodyTooLarge(limit).detail, "body-too-large", {})
            return
        received = 0
        started = refused = False

        async def counted() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit and not started:
                    # answer now; the app sees the client leave and what it sends is dropped
                    refused = True
                    await _send_problem(
                        scope, send, 413, BodyTooLarge(limit).detail, "body-too-large", {}
                    )
                    return {"type": "http.disconnect"}
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except Exception:
            if not refused:
                raise


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class AuthenticateFirst:
    """Runs inside the session middleware (it needs the decoded session)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope.get("path", "").startswith(API_PREFIX + "/")
            and scope.get("method", "GET") not in SAFE_METHODS
        ):
            request = Request(scope)
            try:
                # the principal is kept on request.state: the route's dependency reuses it
                from starlette.concurrency import run_in_threadpool

                await run_in_threadpool(api_principal, request)
            except problems.ProblemError as exc:
                await _send_problem(
                    scope, send, exc.status, exc.detail, exc.kind or str(exc.status), exc.headers
                )
                return
        await self.app(scope, receive, send)

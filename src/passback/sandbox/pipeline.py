"""What happens around every OneRoster handler: injected latency and faults, the Bearer
check, write access, counters, imsx error bodies, and the "dropped after commit" fault.

A dropped response sends its status line and headers, then raises: uvicorn then closes the
connection mid-response, which a client sees as a transport error although the write was
applied. The matching uvicorn error log line is filtered out (it is intended).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import structlog
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from passback.sandbox import errors, query, schema
from passback.sandbox.auth import TokenRequestError
from passback.sandbox.runtime import ApiCall, SandboxRuntime

log = structlog.get_logger("passback.sandbox")

Handler = Callable[[ApiCall], Response]
Endpoint = Callable[[Request], Any]


class ConnectionDropped(Exception):
    """Raised after the response start to make the server abort the connection."""


class DroppedAfterCommit(Response):
    """Sends a response start that promises a body, then aborts the connection.

    A 204 promises nothing, so a dropped DELETE's cut-off start reads 200 with a 2-byte body
    instead: the client must see an incomplete message, never a complete empty answer.
    """

    def __init__(self, inner: Response) -> None:
        promised = len(inner.body) > 0
        super().__init__(status_code=inner.status_code if promised else 200)
        self.raw_headers = (
            inner.raw_headers
            if promised
            else [(b"content-type", b"application/json"), (b"content-length", b"2")]
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        raise ConnectionDropped("response dropped after commit (fault injection)")


class _HideDroppedConnections(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, ConnectionDropped)


_uvicorn_filter = _HideDroppedConnections()


def install_log_filter() -> None:
    logger = logging.getLogger("uvicorn.error")
    if _uvicorn_filter not in logger.filters:
        logger.addFilter(_uvicorn_filter)


def runtime_of(request: Request) -> SandboxRuntime:
    runtime: SandboxRuntime = request.app.state.sandbox
    return runtime


def api_endpoint(handler: Handler, *, write: bool) -> Endpoint:
    """Wrap a OneRoster handler with faults, auth, counters and error translation."""
    kind = "writes" if write else "reads"

    async def endpoint(request: Request) -> Response:
        runtime = runtime_of(request)
        decision = runtime.faults.decide(write=write)
        if decision.delay_s > 0:
            runtime.stats.fault("latency")
            await asyncio.sleep(decision.delay_s)
        try:
            if decision.unauthorized:
                runtime.stats.fault("unauthorized")
                raise errors.ApiError(
                    401, errors.UNAUTHORIZED, "the access token was rejected (injected fault)"
                )
            client = runtime.tokens.check(
                request.headers.get("authorization"), runtime.state.clients
            )
            if decision.status is not None:
                raise _injected(runtime, decision.status)
            if write and not client.write_access:
                raise errors.ApiError(
                    403,
                    errors.FORBIDDEN,
                    f"client {client.client_id!r} has no write access (read-only plugin)",
                )
            body = await request.body() if request.method == "PUT" else b""
            response = handler(ApiCall(runtime, request, client, body))
        except errors.ApiError as exc:
            response = error_response(exc)
        except ClientDisconnect:
            # the client went away mid-request (a killed sync): nobody to answer, no bug
            log.info("sandbox.client_disconnected", method=request.method, path=request.url.path)
            return Response(status_code=499)
        except Exception:
            # A sandbox bug: still an imsx answer (clients parse those), and a logged trace.
            log.exception("sandbox.handler_failed", method=request.method, path=request.url.path)
            response = error_response(
                errors.ApiError(500, errors.INTERNAL_SERVER_ERROR, "internal sandbox error")
            )
        if decision.drop_after_commit and 200 <= response.status_code < 300:
            runtime.stats.fault("dropped_after_commit")
            runtime.stats.record(kind, request.method, "dropped")
            return DroppedAfterCommit(response)
        runtime.stats.record(kind, request.method, response.status_code)
        return response

    return endpoint


def _injected(runtime: SandboxRuntime, status: int) -> errors.ApiError:
    if status == 429:
        runtime.stats.fault("429")
        retry_after = runtime.faults.config.retry_after_s
        return errors.ApiError(
            429,
            errors.SERVER_BUSY,
            f"too many requests; retry after {retry_after} s (injected fault)",
            {"Retry-After": str(retry_after)},
        )
    runtime.stats.fault("5xx")
    return errors.ApiError(
        status, errors.INTERNAL_SERVER_ERROR, f"server error {status} (injected fault)"
    )


async def token_endpoint(request: Request) -> Response:
    """`POST /oauth/access_token`: client credentials grant (fixed latency only)."""
    runtime = runtime_of(request)
    delay = runtime.faults.token_delay()
    if delay > 0:
        await asyncio.sleep(delay)
    body = await request.body()
    try:
        issued = runtime.tokens.issue(
            body,
            request.headers.get("authorization"),
            runtime.state.clients,
            runtime.faults.config.token_lifetime_s,
        )
    except TokenRequestError as exc:
        headers = {"WWW-Authenticate": 'Basic realm="oauth"'} if exc.status == 401 else {}
        response: Response = JSONResponse(
            {"error": exc.error, "error_description": exc.description}, exc.status, headers
        )
    else:
        response = JSONResponse(
            {
                "access_token": issued.access_token,
                "token_type": "Bearer",
                # PowerSchool sends the lifetime as a string.
                "expires_in": str(issued.expires_in),
                "scope": issued.scope,
            },
            headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
        )
    runtime.stats.record("token_calls", "POST", response.status_code)
    return response


def error_response(exc: errors.ApiError) -> Response:
    return JSONResponse(exc.body(), exc.status, exc.headers)


def _status_info(warnings: list[tuple[str, str]]) -> list[dict[str, Any]]:
    infos = []
    for code_minor, description in warnings:
        info = errors.imsx_failure(description, code_minor)
        info["imsx_codeMajor"], info["imsx_severity"] = "success", "warning"
        infos.append(info)
    return infos


def collection_response(
    call: ApiCall, spec: schema.Collection, objects: list[dict[str, Any]]
) -> Response:
    """A paged, filtered, sorted collection answer with X-Total-Count and Link headers."""
    q = query.parse_query(call.params, spec)
    page, total = query.apply(q, objects)
    body: dict[str, Any] = {spec.name: page}
    if q.warnings:
        body["statusInfoSet"] = _status_info(q.warnings)
    headers = {
        "X-Total-Count": str(total),
        "Link": query.link_header(
            str(call.request.url.replace(query="")),
            call.request.query_params.multi_items(),
            total,
            q.limit,
            q.offset,
        ),
    }
    return JSONResponse(body, headers=headers)


def singleton_response(
    call: ApiCall, spec: schema.Collection, obj: dict[str, Any], status: int = 200
) -> Response:
    q = query.parse_query(call.params, spec, collection=False)
    body: dict[str, Any] = {spec.singular: query.project([obj], q.fields)[0]}
    if q.warnings:
        body["statusInfoSet"] = _status_info(q.warnings)
    return JSONResponse(body, status)

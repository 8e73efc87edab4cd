"""The control API under `/sandbox/`: faults, counters, closed periods, tokens, state dump.

No token needed and never subject to injected faults: tests and the demo steer the sandbox
through it. Errors are `{"error": "..."}` with status 400.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from passback.sandbox.pipeline import runtime_of


async def _json_object(request: Request) -> dict[str, Any]:
    try:
        data = json.loads(await request.body() or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"the request body is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError("the request body must be a JSON object")
    return data


def _bad(message: str) -> Response:
    return JSONResponse({"error": message}, 400)


def _faults_body(request: Request) -> dict[str, Any]:
    injector = runtime_of(request).faults
    return {**injector.config.to_dict(), "unauthorized_left": injector.unauthorized_left}


async def get_faults(request: Request) -> Response:
    return JSONResponse(_faults_body(request))


async def set_faults(request: Request) -> Response:
    """Merge the given settings into the current ones and reseed (see `FaultConfig`)."""
    runtime = runtime_of(request)
    try:
        changes = await _json_object(request)
        runtime.set_faults(runtime.faults.config.merged(changes))
    except (ValueError, TypeError) as exc:
        return _bad(str(exc))
    return JSONResponse(_faults_body(request))


async def get_stats(request: Request) -> Response:
    return JSONResponse(runtime_of(request).stats.snapshot())


async def reset_stats(request: Request) -> Response:
    stats = runtime_of(request).stats
    stats.reset()
    return JSONResponse(stats.snapshot())


async def get_closed_periods(request: Request) -> Response:
    closed = runtime_of(request).state.closed_grading_periods
    return JSONResponse({"closed_grading_periods": sorted(closed)})


async def set_closed_periods(request: Request) -> Response:
    """Body `{"add": [...], "remove": [...]}`; answers the closed set after the change."""
    try:
        data = await _json_object(request)
        unknown = sorted(set(data) - {"add", "remove"})
        if unknown:
            raise ValueError(f"unknown key(s) {', '.join(unknown)}; expected add and remove")
        lists = {key: data.get(key, []) for key in ("add", "remove")}
        for key, value in lists.items():
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{key} must be a list of grading period ids")
        closed = runtime_of(request).state.set_closed_periods(lists["add"], lists["remove"])
    except ValueError as exc:
        return _bad(str(exc))
    return JSONResponse({"closed_grading_periods": sorted(closed)})


async def expire_tokens(request: Request) -> Response:
    return JSONResponse({"expired": runtime_of(request).tokens.expire_all()})


async def dump(request: Request) -> Response:
    """The whole state in fixture format, client secrets masked (the --state file keeps them)."""
    fixture = runtime_of(request).state.to_fixture()
    fixture["sandbox"]["clients"] = [
        {**client, "client_secret": "***"} for client in fixture["sandbox"]["clients"]
    ]
    return JSONResponse(fixture)


ROUTES = [
    Route("/sandbox/faults", get_faults, methods=["GET"]),
    Route("/sandbox/faults", set_faults, methods=["POST"]),
    Route("/sandbox/stats", get_stats, methods=["GET"]),
    Route("/sandbox/stats/reset", reset_stats, methods=["POST"]),
    Route("/sandbox/closed-periods", get_closed_periods, methods=["GET"]),
    Route("/sandbox/closed-periods", set_closed_periods, methods=["POST"]),
    Route("/sandbox/tokens/expire", expire_tokens, methods=["POST"]),
    Route("/sandbox/dump", dump, methods=["GET"]),
]

"""Assembles the sandbox ASGI app: token endpoint, OneRoster routes, control routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from passback.core.profiles import profile_for
from passback.sandbox import control, errors, gradebook, roster
from passback.sandbox.faults import FaultConfig, FaultInjector
from passback.sandbox.persistence import StatePersister
from passback.sandbox.pipeline import (
    api_endpoint,
    error_response,
    install_log_filter,
    token_endpoint,
)
from passback.sandbox.runtime import SandboxRuntime
from passback.sandbox.schema import API_PREFIX
from passback.sandbox.state import SandboxState

OAUTH_ROUTE = "/oauth/access_token"


def create_app(
    state: SandboxState,
    faults: FaultConfig | None = None,
    *,
    state_file: str | Path | None = None,
    profile: str | None = None,
) -> Starlette:
    """The sandbox app over `state`. With `state_file`, the state is saved there shortly after
    each change and on shutdown (the app's lifespan runs the writer). `profile` (a name in
    passback.core.profiles) replaces the state's own (the fixture's `sandbox.profile`);
    KeyError names the known ones."""
    if profile is not None:
        state.profile = profile_for(profile)
    install_log_filter()
    runtime = SandboxRuntime(state=state, faults=FaultInjector(faults))
    routes: list[BaseRoute] = [Route(OAUTH_ROUTE, token_endpoint, methods=["POST"])]
    for path, handler in roster.READS + gradebook.READS:
        routes.append(Route(API_PREFIX + path, api_endpoint(handler, write=False), methods=["GET"]))
    for method, path, handler in gradebook.WRITES:
        routes.append(Route(API_PREFIX + path, api_endpoint(handler, write=True), methods=[method]))
    routes.extend(control.ROUTES)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        persister = StatePersister(state, state_file) if state_file is not None else None
        if persister is not None:
            persister.start()
        try:
            yield
        finally:
            if persister is not None:
                persister.stop()

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={404: _not_found, 405: _not_allowed},
    )
    app.state.sandbox = runtime
    return app


async def _not_found(request: Request, exc: Exception) -> Response:
    return error_response(
        errors.ApiError(404, errors.UNKNOWN_OBJECT, f"no such endpoint: {request.url.path}")
    )


async def _not_allowed(request: Request, exc: Exception) -> Response:
    return error_response(
        errors.ApiError(
            405, errors.INVALID_DATA, f"{request.method} is not allowed on {request.url.path}"
        )
    )

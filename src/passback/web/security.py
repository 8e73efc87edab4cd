"""Who is calling, and may they see this district: one set of checks for the API and the
console.

API callers send `Authorization: Bearer <token>` (the platform's district token) or use
the console's session cookie; a cookie session must also send its CSRF token on every
unsafe method. Console pages take the session only. A district the caller may not see is
reported exactly like one that does not exist (404): no 403 leaks its existence.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from passback.core.domain import District
from passback.operations.accounts import Principal
from passback.operations.accounts import tokens as token_service
from passback.operations.accounts import users as user_service
from passback.operations.districts import get_district
from passback.operations.runtime import Runtime
from passback.web.config import WebSettings
from passback.web.problems import ProblemError, forbidden, not_found

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
_BEARER = {"WWW-Authenticate": 'Bearer realm="passback"'}


class LoginRequired(Exception):
    """A console page needs a signed-in user; the handler redirects to the login page."""


def web_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def runtime_of(request: Request) -> Runtime:
    """The process's runtime, built by the app factory (`passback.web.app.create_app`)."""
    runtime: Runtime = request.app.state.runtime
    return runtime


def engine_of(request: Request) -> Engine:
    return web_settings(request).engine


def csrf_token(request: Request) -> str:
    """The session's CSRF token (created on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def csrf_ok(request: Request, sent: object) -> bool:
    expected = request.session.get("csrf")
    return (
        isinstance(expected, str)
        and isinstance(sent, str)
        and bool(expected)
        and secrets.compare_digest(expected, sent)
    )


def session_principal(request: Request) -> Principal | None:
    """The signed-in user of this request's session cookie, if still valid."""
    if hasattr(request.state, "session_principal"):
        cached: Principal | None = request.state.session_principal
        return cached
    principal: Principal | None = None
    user_id, epoch = request.session.get("uid"), request.session.get("epoch")
    sid = request.session.get("sid")
    if isinstance(user_id, int) and isinstance(epoch, int):
        found = user_service.session_user(
            engine_of(request), user_id, epoch, sid if isinstance(sid, str) else None
        )
        if found is None:
            for key in ("uid", "epoch", "sid"):
                request.session.pop(key, None)
        else:
            principal = found[0]
    request.state.session_principal = principal
    return principal


def sign_in(request: Request, principal: Principal, epoch: int) -> None:
    """Start a fresh session for the user (a new CSRF token too). The session lives on
    the server too: signing out, a password change or disabling the user ends it."""
    assert principal.user_id is not None
    settings = web_settings(request)
    request.session.clear()
    request.session["uid"] = principal.user_id
    request.session["epoch"] = epoch
    request.session["sid"] = user_service.start_session(
        settings.engine, principal.user_id, hours=settings.session_hours
    )
    request.session["csrf"] = secrets.token_urlsafe(32)
    request.state.session_principal = principal


def sign_out(request: Request) -> None:
    """End this session on the server (every copy of the cookie) and clear the cookie."""
    sid = request.session.get("sid")
    if isinstance(sid, str):
        user_service.end_session(engine_of(request), sid)
    request.session.clear()
    request.state.session_principal = None


def api_principal(request: Request) -> Principal:
    """The caller of an API route, or a 401/403 problem (worked out once per request:
    `AuthenticateFirst` already did it for requests with a body)."""
    cached: Principal | None = getattr(request.state, "api_principal", None)
    if cached is not None:
        return cached
    principal = _api_principal(request)
    request.state.api_principal = principal
    return principal


def _api_principal(request: Request) -> Principal:
    authorization = request.headers.get("authorization", "")
    if authorization[:7].lower() == "bearer ":
        principal = token_service.authenticate_token(engine_of(request), authorization[7:].strip())
        if principal is None:
            raise ProblemError(
                401, "the API token is not valid or was revoked", kind="bad-token", headers=_BEARER
            )
        return principal
    principal = session_principal(request)
    if principal is None:
        raise ProblemError(
            401,
            "send a district API token as 'Authorization: Bearer <token>', or sign in",
            kind="sign-in-required",
            headers=_BEARER,
        )
    if request.method not in SAFE_METHODS and not csrf_ok(
        request, request.headers.get(CSRF_HEADER)
    ):
        raise ProblemError(
            403,
            "a console session must send its CSRF token in the X-CSRF-Token header",
            kind="csrf",
        )
    return principal


def console_principal(request: Request) -> Principal:
    principal = session_principal(request)
    if principal is None:
        raise LoginRequired
    return principal


ApiCaller = Annotated[Principal, Depends(api_principal)]
ConsoleUser = Annotated[Principal, Depends(console_principal)]


def visible_district(engine: Engine, principal: Principal, district_id: str) -> District:
    """The district, if this caller may see it; otherwise 404 as if it did not exist."""
    if not principal.sees(district_id):
        raise not_found(f"district {district_id}")
    district = get_district(engine, district_id)
    if district is None:
        raise not_found(f"district {district_id}")
    return district


def managed_district(engine: Engine, principal: Principal, district_id: str) -> District:
    district = visible_district(engine, principal, district_id)
    if not principal.can_manage(district_id):
        raise forbidden("only an operator or the district's admin may change this")
    return district


def run_district(engine: Engine, principal: Principal, district_id: str) -> District:
    district = visible_district(engine, principal, district_id)
    if not principal.can_run(district_id):
        raise forbidden("teachers see their own classes only (the teacher view)")
    return district

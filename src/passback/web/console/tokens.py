"""Console: the district's API tokens for the assessment platform."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from passback.operations.accounts import Principal
from passback.operations.accounts import tokens as token_service
from passback.web.console.forms import Form, text
from passback.web.console.render import flash, redirect, render
from passback.web.problems import not_found
from passback.web.security import ConsoleUser, engine_of, managed_district

router = APIRouter()


NO_STORE = {"Cache-Control": "no-store"}


def _page(
    request: Request,
    me: Principal,
    district: str,
    new_token: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    engine = engine_of(request)
    found = managed_district(engine, me, district)
    response = render(
        request,
        "tokens.html",
        status_code=status,
        district=found,
        section="tokens",
        tokens=token_service.list_tokens(engine, district),
        masked=token_service.masked,
        new_token=new_token,
    )
    response.headers.update(NO_STORE)
    return response


@router.get("/districts/{district}/tokens")
def tokens_page(request: Request, me: ConsoleUser, district: str) -> Response:
    return _page(request, me, district)


@router.post("/districts/{district}/tokens")
def create_token(request: Request, me: ConsoleUser, district: str, form: Form) -> Response:
    engine = engine_of(request)
    managed_district(engine, me, district)
    try:
        stored, plaintext = token_service.create_token(
            engine, district, text(form, "name"), by=me.name
        )
    except ValueError as exc:
        flash(request, str(exc), "error")
        return redirect(f"/districts/{district}/tokens")
    # Shown once, in this very answer (never stored in the cookie), and not cached.
    flash(request, f"Token {stored.id} created. Copy it now: it is not shown again.")
    return _page(request, me, district, {"id": stored.id, "token": plaintext}, status=201)


@router.post("/districts/{district}/tokens/{token}/revoke")
def revoke_token(
    request: Request, me: ConsoleUser, district: str, token: str, form: Form
) -> Response:
    engine = engine_of(request)
    managed_district(engine, me, district)
    stored = token_service.get_token(engine, token)
    if stored is None or stored.district != district:
        raise not_found(f"token {token}")
    token_service.revoke_token(engine, token, by=me.name)
    flash(request, f"Token {token} revoked.")
    return redirect(f"/districts/{district}/tokens")

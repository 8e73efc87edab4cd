"""API: a district's API tokens: create (shown once), list (masked), revoke."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from passback.operations.accounts import tokens as token_service
from passback.operations.accounts.tokens import StoredToken
from passback.web.api.models import TokenIn
from passback.web.problems import invalid, not_found
from passback.web.security import ApiCaller, engine_of, managed_district

router = APIRouter()


def token_dict(token: StoredToken) -> dict[str, Any]:
    return {
        "id": token.id,
        "name": token.name,
        "token": token_service.masked(token),
        "created_at": token.created_at.isoformat(),
        "created_by": token.created_by,
        "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
        "active": token.active,
    }


@router.get("/districts/{district}/tokens", summary="The district's API tokens, masked")
def list_tokens(request: Request, caller: ApiCaller, district: str) -> dict[str, Any]:
    managed_district(engine_of(request), caller, district)
    return {
        "tokens": [token_dict(t) for t in token_service.list_tokens(engine_of(request), district)]
    }


@router.post("/districts/{district}/tokens", status_code=201, summary="A new token (shown once)")
def create_token(
    request: Request, caller: ApiCaller, district: str, body: TokenIn
) -> dict[str, Any]:
    managed_district(engine_of(request), caller, district)
    try:
        stored, plaintext = token_service.create_token(
            engine_of(request), district, body.name, by=caller.name
        )
    except ValueError as exc:
        from passback.intake.plain_errors import Problem

        raise invalid([Problem("name", str(exc).removeprefix("name: "))]) from None
    return {**token_dict(stored), "token": plaintext}


@router.delete("/districts/{district}/tokens/{token}", summary="Revoke a token")
def revoke_token(request: Request, caller: ApiCaller, district: str, token: str) -> dict[str, Any]:
    managed_district(engine_of(request), caller, district)
    stored = token_service.get_token(engine_of(request), token)
    if stored is None or stored.district != district:
        raise not_found(f"token {token}")
    token_service.revoke_token(engine_of(request), token, by=caller.name)
    refreshed = token_service.get_token(engine_of(request), token)
    assert refreshed is not None
    return token_dict(refreshed)

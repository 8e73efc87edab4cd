"""API tokens of the assessment platform, one or more per district.

A token reads `pbt_<id>_<secret>`; the id finds the row, a SHA-256 of the whole token is
compared in constant time. Only the hash is stored; the token is shown once, when created,
and listed masked (`pbt_<id>_…<last 4>`) afterwards.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

import structlog
from sqlalchemy import Engine

from passback.core.clock import utc_now
from passback.operations.accounts.roles import Principal, Role
from passback.store import api_tokens, audit
from passback.store.api_tokens import StoredToken

__all__ = ["StoredToken"]  # the front ends show tokens without reaching into the store
from passback.store.db import session_scope

log = structlog.get_logger(__name__)

PREFIX = "pbt_"
# Writing last_used_at on every request would turn each read into a write; once a minute
# is plenty for "when was this token last used".
_TOUCH_EVERY = timedelta(minutes=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def masked(token: StoredToken) -> str:
    return f"{PREFIX}{token.id}_…{token.hint}"


def create_token(engine: Engine, district: str, name: str, *, by: str) -> tuple[StoredToken, str]:
    """A new token for the district: (its record, the token itself, shown only now)."""
    name = name.strip()
    if not name:
        raise ValueError("name: must not be blank (say what uses the token)")
    token_id = secrets.token_hex(4)
    plaintext = f"{PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
    with session_scope(engine) as session:
        stored = api_tokens.add_token(
            session,
            token_id=token_id,
            district=district,
            name=name[:200],
            secret_hash=_hash(plaintext),
            hint=plaintext[-4:],
            created_by=by,
            now=utc_now(),
        )
        audit.record(
            session,
            actor=by,
            district=district,
            action="token.created",
            target=token_id,
            now=utc_now(),
            details={"name": stored.name},
        )
    log.info("token.created", district=district, token=token_id)
    return stored, plaintext


def list_tokens(engine: Engine, district: str) -> list[StoredToken]:
    with session_scope(engine, read_only=True) as session:
        return api_tokens.list_tokens(session, district)


def get_token(engine: Engine, token_id: str) -> StoredToken | None:
    with session_scope(engine, read_only=True) as session:
        return api_tokens.get_token(session, token_id)


def revoke_token(engine: Engine, token_id: str, *, by: str) -> bool:
    with session_scope(engine) as session:
        token = api_tokens.get_token(session, token_id)
        if token is None:
            return False
        revoked = api_tokens.revoke_token(session, token_id, utc_now())
        if revoked:
            audit.record(
                session,
                actor=by,
                district=token.district,
                action="token.revoked",
                target=token_id,
                now=utc_now(),
            )
    if revoked:
        log.info("token.revoked", district=token.district, token=token_id)
    return revoked


def authenticate_token(engine: Engine, token: str) -> Principal | None:
    """The district principal behind a bearer token, or None."""
    if not token.startswith(PREFIX):
        return None
    digest = _hash(token)
    with session_scope(engine, read_only=True) as session:
        stored = api_tokens.token_by_hash(session, digest)
    if stored is None or stored.revoked_at is not None:
        return None
    # The lookup was by hash already; compare again in constant time for good measure.
    if not hmac.compare_digest(token.split("_", 2)[1] if token.count("_") >= 2 else "", stored.id):
        return None
    now = utc_now()
    if stored.last_used_at is None or now - stored.last_used_at > _TOUCH_EVERY:
        with session_scope(engine) as session:
            api_tokens.touch_token(session, stored.id, now)
    return Principal(
        name=f"token:{stored.id}",
        role=Role.PLATFORM,
        district=stored.district,
        token_id=stored.id,
        display_name=stored.name,
    )

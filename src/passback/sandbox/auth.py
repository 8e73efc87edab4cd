"""OAuth 2 client credentials as PowerSchool plays them, and Bearer checks on API calls.

The token call takes HTTP Basic client authentication (or client_id/client_secret in the
form body) and answers `expires_in` as a *string*. Every call issues a fresh random token;
earlier tokens stay valid until they expire (concurrent workers may share a client).
Token errors follow RFC 6749 (`{"error": ...}`), not imsx: that is what OAuth clients parse.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote_plus

from passback.sandbox import errors
from passback.sandbox.state import SandboxClient

SCOPE_PREFIX = "https://purl.imsglobal.org/spec/or/v1p1/scope/"
READ_SCOPES = (
    "roster-core.readonly",
    "roster.readonly",
    "roster-demographics.readonly",
    "resource.readonly",
    "gradebook.readonly",
)
WRITE_SCOPES = ("gradebook.createput", "gradebook.delete")


class TokenRequestError(Exception):
    """An RFC 6749 §5.2 error answer for the token endpoint."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.error = error
        self.description = description


@dataclass(frozen=True, slots=True)
class IssuedToken:
    access_token: str
    expires_in: int
    scope: str


class TokenStore:
    """Issued tokens and their expiry; `clock` is injectable for tests of expiry logic."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens: dict[str, tuple[str, float]] = {}

    def issue(
        self,
        body: bytes,
        authorization: str | None,
        clients: dict[str, SandboxClient],
        lifetime_s: int,
    ) -> IssuedToken:
        form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        grant = form.get("grant_type")
        if not grant:
            raise TokenRequestError(400, "invalid_request", "grant_type is required")
        if grant != "client_credentials":
            raise TokenRequestError(
                400,
                "unsupported_grant_type",
                f"grant_type must be client_credentials, got {grant!r}",
            )
        client = _authenticate(form, authorization, clients)
        allowed = READ_SCOPES + (WRITE_SCOPES if client.write_access else ())
        requested = [s.removeprefix(SCOPE_PREFIX) for s in form.get("scope", "").split()]
        granted = [s for s in requested if s in allowed] if requested else list(allowed)
        token = secrets.token_urlsafe(32)
        now = self._clock()
        with self._lock:
            # Forget long-expired tokens so a long benchmark does not grow the table forever.
            self._tokens = {t: v for t, v in self._tokens.items() if v[1] > now}
            self._tokens[token] = (client.client_id, now + lifetime_s)
        return IssuedToken(token, lifetime_s, " ".join(SCOPE_PREFIX + s for s in granted))

    def check(self, authorization: str | None, clients: dict[str, SandboxClient]) -> SandboxClient:
        """The client behind a Bearer token, or a 401 ApiError."""
        if not authorization or not authorization[:7].lower() == "bearer ":
            raise errors.ApiError(
                401,
                errors.UNAUTHORIZED,
                "a Bearer access token is required",
                {"WWW-Authenticate": 'Bearer realm="oneroster"'},
            )
        token = authorization[7:].strip()
        with self._lock:
            entry = self._tokens.get(token)
        if entry is None:
            raise errors.ApiError(
                401,
                errors.UNAUTHORIZED,
                "the access token is not valid",
                {"WWW-Authenticate": 'Bearer realm="oneroster", error="invalid_token"'},
            )
        client_id, expires_at = entry
        if self._clock() >= expires_at:
            raise errors.ApiError(
                401,
                errors.UNAUTHORIZED,
                "the access token has expired",
                {"WWW-Authenticate": 'Bearer realm="oneroster", error="invalid_token"'},
            )
        client = clients.get(client_id)
        if client is None:
            raise errors.ApiError(401, errors.UNAUTHORIZED, "the client no longer exists")
        return client

    def expire_all(self) -> int:
        """Expire every issued token (control API); returns how many were live."""
        with self._lock:
            count = len(self._tokens)
            self._tokens.clear()
            return count


def _authenticate(
    form: dict[str, str], authorization: str | None, clients: dict[str, SandboxClient]
) -> SandboxClient:
    client_id = secret = None
    if authorization and authorization[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            decoded = ""
        if ":" not in decoded:
            raise TokenRequestError(401, "invalid_client", "malformed HTTP Basic credentials")
        raw_id, _, raw_secret = decoded.partition(":")
        # RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
        client_id, secret = unquote_plus(raw_id), unquote_plus(raw_secret)
    elif "client_id" in form:
        client_id, secret = form["client_id"], form.get("client_secret", "")
    if client_id is None or secret is None:
        raise TokenRequestError(401, "invalid_client", "client authentication is required")
    client = clients.get(client_id)
    expected = client.client_secret if client is not None else secrets.token_hex(16)
    if not hmac.compare_digest(secret.encode(), expected.encode()) or client is None:
        raise TokenRequestError(401, "invalid_client", "unknown client or wrong secret")
    return client

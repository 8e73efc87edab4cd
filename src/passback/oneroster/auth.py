"""OAuth 2 client-credentials for OneRoster, as an httpx auth flow.

`TokenCache` fetches and keeps one bearer token per client: HTTP Basic on the token call,
`grant_type=client_credentials` with the 1.1 scope URIs, refreshed a margin before it expires
(min(60 s, 10 % of its life)). Concurrent requests share one lock, so however many need a
token at once, exactly one token call is made and the others reuse its result.

`BearerAuth` is the flow: attach the token; on a 401, refresh once (unless another request
already did) and send again once. A second 401 is left for the client to classify.

The secret lives in a `SecretStr` and goes nowhere but the Basic header of the token call.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Sequence
from dataclasses import dataclass, field

import httpx
import structlog
from pydantic import SecretStr

from passback.core.clock import utc_now
from passback.core.profiles import ALL_SCOPES, SCOPE_PREFIX
from passback.oneroster.errors import DistrictFatal, InvalidResponse, RetryableError
from passback.oneroster.imsx import parse_status
from passback.oneroster.retry import parse_retry_after

# what a client asks for unless told otherwise; the delete scope alone, to drop it when refused
DEFAULT_SCOPES: tuple[str, ...] = ALL_SCOPES
DELETE_SCOPE = SCOPE_PREFIX + "gradebook.delete"

_MAX_MARGIN_S = 60.0
_MARGIN_SHARE = 0.10

log = structlog.get_logger("passback.oneroster")

Send = Callable[[httpx.Request], Awaitable[httpx.Response]]


@dataclass(frozen=True, slots=True)
class AccessToken:
    """A bearer token and when (on the monotonic clock) to stop using it."""

    value: str = field(repr=False)
    refresh_at: float | None


def refresh_margin(lifetime: float) -> float:
    """How long before expiry a token is replaced: min(60 s, 10 % of its lifetime)."""
    return min(_MAX_MARGIN_S, _MARGIN_SHARE * lifetime)


def parse_expires_in(value: object) -> float | None:
    """`expires_in` as seconds; servers send an int, a float or a numeric string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        try:
            seconds = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return seconds if seconds > 0 else None


class TokenCache:
    """One client's bearer token: fetched lazily, shared, refreshed at most once at a time."""

    def __init__(
        self,
        *,
        token_url: str,
        client_id: str,
        client_secret: SecretStr,
        scopes: Sequence[str],
        send: Send,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.token_url = token_url
        self.client_id = client_id
        self._secret = client_secret
        self.scopes = tuple(scopes)
        self._send = send
        self._clock = clock
        self._lock = asyncio.Lock()
        self._token: AccessToken | None = None
        # Credentials a token endpoint refused will not work a second later either; remember
        # the refusal so concurrent and later requests fail fast without hammering it.
        self._refused: DistrictFatal | None = None
        # What the token endpoint said when it refused the gradebook.delete scope (the
        # token is then asked for without it, and deletes are not possible), else None.
        self.delete_refused: str | None = None

    def __repr__(self) -> str:
        return f"TokenCache(token_url={self.token_url!r}, client_id={self.client_id!r})"

    def _usable(self, token: AccessToken | None) -> bool:
        return token is not None and (token.refresh_at is None or self._clock() < token.refresh_at)

    async def current(self) -> str:
        """A valid token, fetching one if there is none or it is about to expire."""
        token = self._token
        if token is not None and self._usable(token):
            return token.value
        async with self._lock:
            token = self._token
            if token is not None and self._usable(token):
                return token.value
            return await self._fetch_locked()

    async def refresh(self, stale: str) -> str:
        """Replace `stale` (a token the server refused); if another request already replaced
        it, return the newer token without a call."""
        async with self._lock:
            token = self._token
            if token is not None and token.value != stale and self._usable(token):
                return token.value
            return await self._fetch_locked()

    async def fetch_now(self) -> None:
        """Fetch a new token whatever the cache holds (a connection test)."""
        async with self._lock:
            self._refused = None
            await self._fetch_locked()

    async def _fetch_locked(self) -> str:
        if self._refused is not None:
            refused = self._refused
            raise DistrictFatal(
                refused.message,
                status=refused.status,
                method=refused.method,
                url=refused.url,
                imsx=refused.imsx,
            )
        response, started = await self._ask_for_token()
        if self._refuses_delete_scope(response):
            self.scopes = tuple(s for s in self.scopes if s != DELETE_SCOPE)
            log.warning("oneroster.token.delete_scope_refused", client_id=self.client_id)
            response, started = await self._ask_for_token()
        token = self._read_token(response, started)
        self._token = token
        return token.value

    async def _ask_for_token(self) -> tuple[httpx.Response, float]:
        """One token request with the current scopes: the answer and when it was asked."""
        request = self._token_request()
        started = self._clock()
        try:
            return await self._send(request), started
        except httpx.TransportError as exc:
            raise _transport_failure(request, exc) from exc

    def _refuses_delete_scope(self, response: httpx.Response) -> bool:
        """An OAuth `invalid_scope` answer (RFC 6749 §5.2) to a request that asked for
        gradebook.delete: the SIS does not let this client delete."""
        if DELETE_SCOPE not in self.scopes or response.status_code not in (400, 401, 403):
            return False
        try:
            body = json.loads(response.content)
        except ValueError:
            return False
        if not isinstance(body, dict) or body.get("error") != "invalid_scope":
            return False
        said = body.get("error_description")
        self.delete_refused = "the token endpoint refused the gradebook.delete scope" + (
            f": {said}" if isinstance(said, str) and said.strip() else ""
        )
        return True

    def _token_request(self) -> httpx.Request:
        pair = f"{self.client_id}:{self._secret.get_secret_value()}".encode()
        form = {"grant_type": "client_credentials"}
        if self.scopes:
            form["scope"] = " ".join(self.scopes)
        return httpx.Request(
            "POST",
            self.token_url,
            data=form,
            headers={
                "Authorization": "Basic " + base64.b64encode(pair).decode("ascii"),
                "Accept": "application/json",
            },
        )

    def _read_token(self, response: httpx.Response, started: float) -> AccessToken:
        status = response.status_code
        if status in (408, 429) or status >= 500:
            imsx = parse_status(response.content)
            error = RetryableError(
                f"token endpoint failed with {status}"
                + (f": {imsx.description}" if imsx.description else ""),
                status=status,
                method="POST",
                url=self.token_url,
                imsx=imsx,
            )
            error.retry_after = parse_retry_after(response.headers.get("Retry-After"), utc_now())
            raise error
        if status != 200:
            imsx = parse_status(response.content)
            refused = DistrictFatal(
                f"token endpoint refused the credentials of client {self.client_id!r} "
                f"with {status}" + (f": {imsx.description}" if imsx.description else ""),
                status=status,
                method="POST",
                url=self.token_url,
                imsx=imsx,
            )
            self._refused = refused
            raise refused
        try:
            body = json.loads(response.content)
        except ValueError:
            body = None
        value = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(value, str) or not value.strip():
            raise InvalidResponse(
                "token endpoint answered 200 without an access_token (is the token URL right?)",
                status=status,
                method="POST",
                url=self.token_url,
            )
        lifetime = parse_expires_in(body.get("expires_in")) if isinstance(body, dict) else None
        refresh_at = None if lifetime is None else started + lifetime - refresh_margin(lifetime)
        log.info("oneroster.token.fetched", client_id=self.client_id, expires_in=lifetime)
        return AccessToken(value=value.strip(), refresh_at=refresh_at)


def _transport_failure(request: httpx.Request, exc: httpx.TransportError) -> Exception:
    if isinstance(exc, httpx.UnsupportedProtocol):
        return DistrictFatal(
            f"token URL {request.url} cannot be reached: {exc}", method="POST", url=str(request.url)
        )
    return RetryableError(
        f"token endpoint unreachable ({type(exc).__name__})", method="POST", url=str(request.url)
    )


class BearerAuth(httpx.Auth):
    """httpx auth flow: bearer token from a `TokenCache`, one refresh and resend on 401."""

    def __init__(self, tokens: TokenCache) -> None:
        self.tokens = tokens

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response]:
        raise RuntimeError("the OneRoster client is async only")
        yield request  # pragma: no cover - makes this a generator

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        token = await self.tokens.current()
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code != 401:
            return
        # Read (and so release the connection of) the refused response before refreshing:
        # a pool full of refused requests would otherwise leave no connection for the
        # token call.
        await response.aread()
        log.info("oneroster.token.refused", path=request.url.path)
        token = await self.tokens.refresh(stale=token)
        request.headers["Authorization"] = f"Bearer {token}"
        yield request

"""The OneRoster 1.1 client: typed reads, idempotent gradebook writes, retries and limits.

One `OneRosterClient` per district per run. Everything goes through one `httpx.AsyncClient`
whose transport can be injected (tests plug in a fake server or the sandbox there), with
bearer auth from `passback.oneroster.auth`, a concurrency cap, an optional
requests-per-second cap, and retries of whatever `passback.oneroster.errors.classify` calls
retryable. PUT and DELETE are retried too: passback chooses the sourcedIds, so a repeated
write lands on the same object.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Literal, Self, TypeVar
from urllib.parse import quote

import httpx
import structlog
from aiolimiter import AsyncLimiter
from pydantic import BaseModel, SecretStr

from passback.core.clock import utc_now
from passback.oneroster.auth import DEFAULT_SCOPES, DELETE_SCOPE, BearerAuth, TokenCache
from passback.oneroster.errors import (
    IncompleteRead,
    InvalidResponse,
    OneRosterError,
    RecordRejected,
    RetryableError,
    classify,
    from_transport_error,
)
from passback.oneroster.models import (
    AcademicSession,
    Category,
    Enrollment,
    LineItem,
    OneRosterClass,
    Result,
    User,
)
from passback.oneroster.paging import OffsetPager, next_link, parse_total
from passback.oneroster.query import Filter, filter_expr, query_params
from passback.oneroster.responses import collection_items, json_object, parse_record
from passback.oneroster.retry import RetryPolicy, parse_retry_after

log = structlog.get_logger("passback.oneroster")

DEFAULT_RETRY = RetryPolicy()
# OneRoster 1.1's default `limit` (reference §7), the page size every server accepts.
_SPEC_LIMIT = 100

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
FilterArg = Filter | str | None


@dataclass(slots=True)
class CallCounts:
    """HTTP requests this client sent, for run reports. Every send counts (retries and the
    resend after a token refresh included); `retries` counts the backoff-and-retry cycles."""

    reads: int = 0
    writes: int = 0
    token_requests: int = 0
    retries: int = 0


@dataclass(frozen=True, slots=True)
class WriteOutcome:
    """How a PUT went. `created` is True when the SIS answered 201.

    After a retried write (`attempts` > 1) an earlier attempt may have committed before its
    response was lost, so the final answer can say 200 (replaced) for an object this very
    call created.
    """

    created: bool
    status: int
    attempts: int = 1


class OneRosterClient:
    """Async OneRoster 1.1 client for one district. Use as `async with OneRosterClient(...)`."""

    def __init__(
        self,
        *,
        base_url: str,
        token_url: str,
        client_id: str,
        client_secret: str,
        transport: httpx.AsyncBaseTransport | None = None,
        max_concurrency: int = 8,
        requests_per_second: float | None = None,
        timeout: httpx.Timeout | float = 30.0,
        retry: RetryPolicy = DEFAULT_RETRY,
        page_size: int = 1000,
        scopes: Sequence[str] = DEFAULT_SCOPES,
        can_delete: bool = True,
        full_put_bodies: bool = True,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.base_url = _checked_url("base_url", base_url).rstrip("/")
        self.token_url = _checked_url("token_url", token_url)
        self._token_endpoint = httpx.URL(self.token_url)
        if max_concurrency < 1:
            raise ValueError(f"max_concurrency must be at least 1, got {max_concurrency}")
        if requests_per_second is not None and requests_per_second <= 0:
            raise ValueError(f"requests_per_second must be positive, got {requests_per_second}")
        if page_size < 1:
            raise ValueError(f"page_size must be at least 1, got {page_size}")
        if not client_id:
            raise ValueError("client_id must not be empty")
        self.client_id = client_id
        self.retry = retry
        self.page_size = page_size
        self.full_put_bodies = full_put_bodies
        self.counts = CallCounts()
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._slots = asyncio.Semaphore(max_concurrency)
        self._limiter = _limiter(requests_per_second)
        if transport is None:
            limits = httpx.Limits(
                max_connections=max_concurrency, max_keepalive_connections=max_concurrency
            )
            # the operator's outbound policy is checked before each connection
            from passback.oneroster.policy import PolicyTransport

            transport = PolicyTransport(httpx.AsyncHTTPTransport(limits=limits))
        self._http = httpx.AsyncClient(
            transport=transport,
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
            headers={"Accept": "application/json", "User-Agent": "passback (OneRoster 1.1)"},
            event_hooks={"request": [self._count_request]},
            follow_redirects=False,
        )
        self._tokens = TokenCache(
            token_url=self.token_url,
            client_id=client_id,
            client_secret=SecretStr(client_secret),
            # A district known not to allow deletes does not ask for the scope at all.
            scopes=[s for s in scopes if can_delete or s != DELETE_SCOPE],
            send=self._http.send,
        )
        self._auth = BearerAuth(self._tokens)

    def __repr__(self) -> str:
        return f"OneRosterClient(base_url={self.base_url!r}, client_id={self.client_id!r})"

    @property
    def delete_refused(self) -> str | None:
        """Why this client cannot delete, when its token endpoint refused the
        gradebook.delete scope (known once a token has been fetched); else None."""
        return self._tokens.delete_refused

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- plumbing ---------------------------------------------------------------------

    async def _count_request(self, request: httpx.Request) -> None:
        if request.method == "POST" and request.url == self._token_endpoint:
            self.counts.token_requests += 1
        elif request.method in ("GET", "HEAD"):
            self.counts.reads += 1
        else:
            self.counts.writes += 1

    def _url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    async def _retrying(
        self, method: str, path: str, op: Callable[[], Awaitable[T]]
    ) -> tuple[T, int]:
        """Run `op` until it succeeds, raises a non-retryable error, or the policy gives up."""
        attempt = 0
        while True:
            attempt += 1
            try:
                return await op(), attempt
            except RetryableError as error:
                delay = self.retry.delay(attempt, error.retry_after, self._rng)
                if delay is None:
                    _gave_up(error, attempt, self.retry)
                    log.warning(
                        "oneroster.retry.gave_up",
                        method=method,
                        path=path,
                        status=error.status,
                        attempts=attempt,
                        retry_after=error.retry_after,
                    )
                    raise
                self.counts.retries += 1
                log.info(
                    "oneroster.retry",
                    method=method,
                    path=path,
                    status=error.status,
                    # The class of a transport failure, never the server's text: an imsx
                    # description may quote a record, and logs must not carry names.
                    transport_error=type(error.__cause__).__name__ if error.__cause__ else None,
                    attempt=attempt,
                    delay_s=round(delay, 3),
                )
                await self._sleep(delay)

    async def _attempt(self, request: httpx.Request, allow_404: bool) -> httpx.Response:
        async with self._slots:
            if self._limiter is not None:
                await self._limiter.acquire()
            try:
                response = await self._http.send(request, auth=self._auth)
            except httpx.TransportError as exc:
                raise from_transport_error(request, exc) from exc
        if allow_404 and response.status_code == 404:
            return response
        error = classify(response)
        if error is None:
            return response
        if isinstance(error, RetryableError):
            error.retry_after = parse_retry_after(response.headers.get("Retry-After"), utc_now())
        raise error

    async def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Any = None,
        allow_404: bool = False,
        absolute: bool = False,
    ) -> tuple[httpx.Response, int]:
        url = path if absolute else self._url(path)
        request = self._http.build_request(method, url, params=params, json=body)
        return await self._retrying(
            method, request.url.path, lambda: self._attempt(request, allow_404)
        )

    # --- connection test and raw reads ------------------------------------------------

    async def get_token_now(self) -> None:
        """Fetch a fresh token: the "test connection" check of a district's credentials."""
        await self._retrying("POST", httpx.URL(self.token_url).path, self._tokens.fetch_now)

    async def iter_collection(
        self,
        path: str,
        key: str,
        *,
        filter: FilterArg = None,
        sort: str | None = None,
        order: Literal["asc", "desc"] | None = None,
        fields: Sequence[str] | None = None,
        page_size: int | None = None,
    ) -> AsyncIterator[dict[str, Any]]:
        """Every record of a collection (`path` relative to base_url), page by page.

        `key` is the collection's JSON key (e.g. "academicSessions" for `/terms`).
        """
        base = query_params(filter=filter, sort=sort, order=order, fields=fields)
        pager = OffsetPager(page_size or self.page_size)
        while not pager.done:
            try:
                if pager.next_url is not None:
                    response, _ = await self._send("GET", pager.next_url, absolute=True)
                else:
                    params = {**base, **pager.next_params()}
                    response, _ = await self._send("GET", path, params=params)
            except RecordRejected as exc:
                if exc.status != 400 or pager.pages or pager.page_size <= _SPEC_LIMIT:
                    raise
                # Some servers refuse a large `limit` outright: ask again with the
                # standard's default page size (a bad filter is refused again, and raised).
                log.info("oneroster.paging.limit_refused", path=path, limit=pager.page_size)
                pager.page_size = _SPEC_LIMIT
                continue
            items = collection_items(response, key)
            offered, follow = self._next_page(response)
            fresh = pager.accept(
                items,
                parse_total(response.headers.get("X-Total-Count")),
                follow,
                # pages by Link when it sends Links we can follow (a foreign next link
                # is ignored, and paging goes on by offset)
                linked="link" in response.headers and (follow is not None or not offered),
            )
            for item in fresh:
                yield item
        if pager.inconsistent is not None:
            log.warning(
                "oneroster.paging.inconsistent",
                path=path,
                pages=pager.pages,
                received=pager.received,
                total=pager.total,
            )
            raise IncompleteRead(
                f"the SIS's answer to GET /{path.lstrip('/')} cannot be trusted to be whole: "
                f"{pager.inconsistent} ({pager.received} records in {pager.pages} pages); "
                "the run stops rather than act on part of the data",
                method="GET",
                url=self._url(path),
            )

    def _next_page(self, response: httpx.Response) -> tuple[bool, str | None]:
        """Whether the page offers a Link rel="next", and that link as an absolute URL
        when it stays on the SIS's own origin (the bearer token goes nowhere else)."""
        try:
            link = next_link(response.links)
        except (ValueError, KeyError):
            return False, None
        if link is None:
            return False, None
        try:
            url = response.request.url.join(link)
        except httpx.InvalidURL:
            return True, None
        base = httpx.URL(self.base_url)
        if (url.scheme, url.host, url.port) != (base.scheme, base.host, base.port):
            log.warning("oneroster.paging.foreign_link", host=url.host)
            return True, None
        return True, str(url)

    async def _collect(
        self, path: str, key: str, model: type[M], filter: FilterArg = None
    ) -> list[M]:
        return [
            parse_record(model, item, key)
            async for item in self.iter_collection(path, key, filter=filter)
        ]

    async def _get_one(self, path: str, key: str, model: type[M]) -> M | None:
        response, _ = await self._send("GET", path, allow_404=True)
        if response.status_code == 404:
            return None
        body = json_object(response)
        record = body.get(key)
        if not isinstance(record, Mapping):
            raise InvalidResponse(
                f"GET {response.request.url.path} returned no {key!r} object",
                status=response.status_code,
                method="GET",
                url=str(response.request.url),
            )
        return parse_record(model, record, key)

    # --- typed reads ------------------------------------------------------------------

    async def academic_sessions(self, *, filter: FilterArg = None) -> list[AcademicSession]:
        return await self._collect("academicSessions", "academicSessions", AcademicSession, filter)

    async def terms(self, *, filter: FilterArg = None) -> list[AcademicSession]:
        return await self._collect("terms", "academicSessions", AcademicSession, filter)

    async def grading_periods_for_term(self, term_id: str) -> list[AcademicSession]:
        path = f"terms/{_segment(term_id)}/gradingPeriods"
        return await self._collect(path, "academicSessions", AcademicSession)

    async def classes(self, *, filter: FilterArg = None) -> list[OneRosterClass]:
        return await self._collect("classes", "classes", OneRosterClass, filter)

    async def class_(self, class_id: str) -> OneRosterClass:
        found = await self._get_one(f"classes/{_segment(class_id)}", "class", OneRosterClass)
        if found is None:
            raise _not_found("class", class_id)
        return found

    async def users(self, *, filter: FilterArg = None) -> list[User]:
        return await self._collect("users", "users", User, filter)

    async def teachers(self, *, filter: FilterArg = None) -> list[User]:
        return await self._collect("teachers", "users", User, filter)

    async def students_for_class(self, class_id: str) -> list[User]:
        return await self._collect(f"classes/{_segment(class_id)}/students", "users", User)

    async def enrollments(self, *, filter: FilterArg = None) -> list[Enrollment]:
        return await self._collect("enrollments", "enrollments", Enrollment, filter)

    async def categories(self, *, filter: FilterArg = None) -> list[Category]:
        return await self._collect("categories", "categories", Category, filter)

    async def line_items_for_class(self, class_id: str) -> list[LineItem]:
        return await self._collect(f"classes/{_segment(class_id)}/lineItems", "lineItems", LineItem)

    async def results_for_class(self, class_id: str) -> list[Result]:
        return await self._collect(f"classes/{_segment(class_id)}/results", "results", Result)

    async def line_item(self, sourced_id: str) -> LineItem | None:
        return await self._get_one(f"lineItems/{_segment(sourced_id)}", "lineItem", LineItem)

    async def result(self, sourced_id: str) -> Result | None:
        return await self._get_one(f"results/{_segment(sourced_id)}", "result", Result)

    # --- writes -----------------------------------------------------------------------

    async def put_line_item(self, sourced_id: str, payload: Mapping[str, Any]) -> WriteOutcome:
        """Create or replace a lineItem; `payload` is the inner object (without the wrapper)."""
        return await self._put("lineItems", "lineItem", sourced_id, payload)

    async def put_result(self, sourced_id: str, payload: Mapping[str, Any]) -> WriteOutcome:
        return await self._put("results", "result", sourced_id, payload)

    async def delete_line_item(self, sourced_id: str) -> bool:
        """Delete a lineItem; False when it was already gone (404)."""
        return await self._delete("lineItems", sourced_id)

    async def delete_result(self, sourced_id: str) -> bool:
        return await self._delete("results", sourced_id)

    async def _put(
        self, collection: str, key: str, sourced_id: str, payload: Mapping[str, Any]
    ) -> WriteOutcome:
        sourced_id = _checked_id(sourced_id)
        inner = dict(payload)
        given = inner.get("sourcedId")
        if given is not None and str(given).strip() != sourced_id:
            raise ValueError(
                f"{key} payload sourcedId {given!r} differs from the sourcedId {sourced_id!r} "
                "it is written to"
            )
        inner["sourcedId"] = sourced_id
        if self.full_put_bodies:
            inner = self._complete(inner)
        response, attempts = await self._send(
            "PUT", f"{collection}/{_segment(sourced_id)}", body={key: inner}
        )
        return WriteOutcome(
            created=response.status_code == 201, status=response.status_code, attempts=attempts
        )

    def _complete(self, inner: dict[str, Any]) -> dict[str, Any]:
        """The body as the 1.1 object model requires it of a strict server:
        `dateLastModified` on the object, `href`, `sourcedId` and `type` on each reference.
        Added here, at the wire, so the ledger's content hashes never see them."""
        inner.setdefault("dateLastModified", _wire_time(utc_now()))
        for name, value in list(inner.items()):
            if not isinstance(value, Mapping) or "sourcedId" not in value:
                continue
            kind = str(value.get("type") or _REFERENCE_TYPES.get(name, ""))
            collection = _COLLECTIONS.get(kind)
            if collection is None:
                continue
            ref = dict(value)
            ref.setdefault("type", kind)
            ref.setdefault(
                "href", f"{self.base_url}/{collection}/{_segment(str(ref['sourcedId']))}"
            )
            inner[name] = ref
        return inner

    async def _delete(self, collection: str, sourced_id: str) -> bool:
        sourced_id = _checked_id(sourced_id)
        response, _ = await self._send(
            "DELETE", f"{collection}/{_segment(sourced_id)}", allow_404=True
        )
        return response.status_code != 404


# The reference fields of the gradebook objects passback writes, and the 1.1 `type` of each
# (GUIDRef types), and where an object of that type lives.
_REFERENCE_TYPES = {
    "class": "class",
    "category": "category",
    "gradingPeriod": "academicSession",
    "lineItem": "lineItem",
    "student": "user",
    "school": "org",
}
_COLLECTIONS = {
    "class": "classes",
    "category": "categories",
    "academicSession": "academicSessions",
    "lineItem": "lineItems",
    "user": "users",
    "org": "orgs",
    "course": "courses",
}


def _wire_time(moment: datetime) -> str:
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def modified_since(moment: datetime) -> Filter:
    """The filter for records changed after `moment` (incremental reads)."""
    return filter_expr("dateLastModified", ">", moment)


def _checked_url(name: str, value: str) -> str:
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL as exc:
        raise ValueError(f"{name} {value!r} is not a URL: {exc}") from exc
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"{name} {value!r} must be an absolute http(s) URL")
    return value


def _checked_id(sourced_id: str) -> str:
    cleaned = sourced_id.strip() if isinstance(sourced_id, str) else ""
    if not cleaned:
        raise ValueError(f"sourcedId must be a non-empty string, got {sourced_id!r}")
    return cleaned


def _segment(sourced_id: str) -> str:
    return quote(sourced_id.strip(), safe="")


def _limiter(requests_per_second: float | None) -> AsyncLimiter | None:
    if requests_per_second is None:
        return None
    # Below one per second, allow one request per 1/rate seconds rather than a burst of one.
    if requests_per_second >= 1:
        return AsyncLimiter(requests_per_second, 1.0)
    return AsyncLimiter(1, 1.0 / requests_per_second)


def _gave_up(error: RetryableError, attempts: int, policy: RetryPolicy) -> None:
    error.attempts = attempts
    if error.retry_after is not None and error.retry_after > policy.max_retry_after:
        why = (
            f"the SIS asked to wait {error.retry_after:.0f} s, "
            f"over the {policy.max_retry_after:.0f} s limit"
        )
    else:
        why = f"gave up after {attempts} attempt{'s' if attempts != 1 else ''}"
    error.message = f"{error.message} ({why})"
    error.args = (error.message,)


def _not_found(kind: str, sourced_id: str) -> OneRosterError:
    return RecordRejected(f"{kind} {sourced_id!r} does not exist in the SIS", status=404)

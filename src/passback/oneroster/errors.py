"""The OneRoster client's exceptions, grouped by what the caller must do about them.

    OneRosterError                 anything the client raises on purpose
    ├── RetryableError             the SIS is busy or unreachable (429, 5xx, timeouts, resets);
    │                              raised only once the retry policy has given up: try the
    │                              district again later
    ├── RecordRejected             the SIS refused this one record (400, 404, 409, 422, other
    │                              4xx): report it, skip it, carry on with the run
    └── DistrictFatal              nothing more can be done for this district now (credentials
        │                          refused, 401 after a refresh, 403): stop the district,
        │                          other districts go on
        └── InvalidResponse        the server answered with something that is not OneRoster
            └── IncompleteRead     a paged read that cannot be trusted to be whole

`classify` is the one place an HTTP response is mapped onto this tree, and
`from_transport_error` the one place for httpx's transport failures.
"""

from __future__ import annotations

import re

import httpx

from passback.oneroster.imsx import ImsxStatus, parse_status

# "Grading period GP-Q1 is closed" is the sandbox's wording; real SIS wording is unknown,
# so anything that clearly says a grading period / term is closed or locked counts.
_PERIOD_CLOSED = (
    re.compile(
        r"\b(grading|reporting)\s+(period|term)\b.*?\b(is|was|has\s+been)\s+"
        r"(closed|locked|stored|finali[sz]ed)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(closed|locked)\s+(grading|reporting)\s+(period|term)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(grading|reporting)\s+(period|term|window)\s+(closed|locked)\b", re.IGNORECASE),
)


class OneRosterError(Exception):
    """Base of every error the OneRoster client raises.

    `status` is the HTTP status (None for transport failures), `method`/`url` the request,
    `description` and `code_minor` what the server's imsx status object said.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        method: str | None = None,
        url: str | None = None,
        imsx: ImsxStatus | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.method = method
        self.url = url
        self.imsx = imsx or ImsxStatus()

    @property
    def description(self) -> str | None:
        return self.imsx.description

    @property
    def code_minor(self) -> tuple[str, ...]:
        return self.imsx.code_minor


class RetryableError(OneRosterError):
    """The SIS was busy or unreachable; raised after the retry policy gave up.

    `retry_after` is the server's Retry-After in seconds (if it sent one); `attempts` how
    many times the request was sent before giving up.
    """

    retry_after: float | None = None
    attempts: int = 1


class RecordRejected(OneRosterError):
    """The SIS refused this record; skip it with the reason and continue the run."""

    @property
    def grading_period_closed(self) -> bool:
        """True when the SIS says the record's grading period is closed or locked."""
        text = self.description or ""
        return any(pattern.search(text) for pattern in _PERIOD_CLOSED)


class DistrictFatal(OneRosterError):
    """Nothing more can be done for this district in this run (credentials, permissions)."""


class InvalidResponse(DistrictFatal):
    """A response (or a record in it) is not the OneRoster the client expects."""


class IncompleteRead(InvalidResponse):
    """A paged read ended inconsistent (a repeated page, a shrinking total, fewer records
    than X-Total-Count): acting on part of a collection as if it were whole would plan
    wrong skips and deletions, so the district's run stops instead."""


def classify(response: httpx.Response) -> OneRosterError | None:
    """Map a response onto the error tree: None for success (2xx), else the error to raise.

    The body must already be read.
    """
    status = response.status_code
    if 200 <= status < 300:
        return None
    imsx = parse_status(response.content)
    request = response.request
    where = f"{request.method} {request.url.path}"
    said = f": {imsx.description}" if imsx.description else ""
    cls: type[OneRosterError]
    if status in (408, 429) or status >= 500:
        cls, what = RetryableError, f"failed with {status} (the SIS is busy or failing)"
    elif status == 401:
        cls, what = DistrictFatal, "was refused with 401 even with a fresh token"
    elif status == 403:
        cls, what = DistrictFatal, "was refused with 403 (the client lacks permission)"
    elif 400 <= status < 500:
        cls, what = RecordRejected, f"was rejected with {status}"
    else:
        cls, what = InvalidResponse, f"returned unexpected status {status}"
    return cls(
        f"{where} {what}{said}",
        status=status,
        method=request.method,
        url=str(request.url),
        imsx=imsx,
    )


def from_transport_error(request: httpx.Request, exc: httpx.TransportError) -> OneRosterError:
    """Map an httpx transport failure onto the tree (a bad URL is fatal, the rest retryable)."""
    where = f"{request.method} {request.url.path}"
    method, url = request.method, str(request.url)
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.LocalProtocolError):
        return DistrictFatal(f"{where} cannot be sent: {exc}", method=method, url=url)
    kind = type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return RetryableError(f"{where} timed out ({kind})", method=method, url=url)
    return RetryableError(f"{where} failed: connection problem ({kind})", method=method, url=url)

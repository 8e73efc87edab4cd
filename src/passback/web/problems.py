"""Errors as RFC 9457 problem details (`application/problem+json`), naming the field.

Every API error goes through `ProblemError` or one of the handlers here, so a client always
gets `{type, title, status, detail, instance}` and, for bad input, `errors: [{field,
message}]` (plus `record` for batch records).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from passback.intake.plain_errors import Problem, field_path

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://passback.dev/problems/"

TITLES = {
    400: "Bad request",
    401: "Sign-in required",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    415: "Unsupported media type",
    422: "Invalid input",
    429: "Too many requests",
    500: "Internal error",
    502: "The SIS could not be reached",
}


class ProblemError(Exception):
    def __init__(
        self,
        status: int,
        detail: str,
        *,
        kind: str | None = None,
        errors: Iterable[dict[str, Any]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind
        self.errors = list(errors)
        self.headers = headers or {}


def not_found(what: str) -> ProblemError:
    return ProblemError(404, f"{what} was not found", kind="not-found")


def forbidden(detail: str) -> ProblemError:
    return ProblemError(403, detail, kind="forbidden")


def invalid(problems: Iterable[Problem], detail: str = "") -> ProblemError:
    found = [{"field": p.field, "message": p.message} for p in problems]
    text = detail or "; ".join(
        f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in found
    )
    return ProblemError(422, text, kind="invalid-input", errors=found)


def body(request: Request, exc: ProblemError) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": TYPE_BASE + (exc.kind or str(exc.status)),
        "title": TITLES.get(exc.status, "Error"),
        "status": exc.status,
        "detail": exc.detail,
        "instance": request.url.path,
    }
    if exc.errors:
        out["errors"] = exc.errors
    return out


def response(request: Request, exc: ProblemError) -> JSONResponse:
    return JSONResponse(
        _encodable(body(request, exc)),
        status_code=exc.status,
        media_type=MEDIA_TYPE,
        headers=exc.headers,
    )


def _encodable(value: Any) -> Any:
    """The body with every text UTF-8 can carry: a lone surrogate sent by a client (and
    echoed in a message) becomes U+FFFD instead of failing the answer with a 500."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, dict):
        return {_encodable(k): _encodable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encodable(v) for v in value]
    return value


async def on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return response(request, exc)


def _location(loc: Iterable[int | str]) -> str:
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    return field_path(parts)


async def on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = []
    for error in exc.errors():
        where = error.get("loc", ())
        message = str(error.get("msg", "is not valid"))
        if error.get("type") == "missing":
            message = "is required"
        elif error.get("type") == "extra_forbidden":
            message = "is not a known field"
        errors.append(
            {
                "field": _location(where),
                "message": message,
                "in": str(where[0]) if where else "body",
            }
        )
    detail = "; ".join(f"{e['field'] or '(body)'}: {e['message']}" for e in errors)
    return response(request, ProblemError(422, detail, kind="invalid-input", errors=errors))


async def on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = str(exc.detail) if exc.detail else TITLES.get(exc.status_code, "Error")
    return response(request, ProblemError(exc.status_code, detail, headers=dict(exc.headers or {})))

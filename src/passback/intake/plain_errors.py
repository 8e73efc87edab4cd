"""Pydantic validation errors in plain words: one `Problem(field, message)` per error.

Used by every edge that validates outside input (the import format, district files, the
HTTP API), so a district administrator reads "points: must be 0 or more (got -1)" rather
than a pydantic error dump.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

_NUMBER = "must be a number"
_TIMESTAMP = "must be an ISO 8601 timestamp with a time zone, like 2026-09-01T15:00:00Z"
_DATE = "must be a date written YYYY-MM-DD"

_FIXED = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "string_type": "must be a string",
    "float_type": _NUMBER,
    "int_type": _NUMBER,
    "float_parsing": _NUMBER,
    "int_parsing": _NUMBER,
    "bool_type": "must be true or false",
    "finite_number": "must be a finite number",
    "list_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "typed_dict_type": "must be an object",
    "timezone_aware": "needs a time zone (Z or an offset such as +02:00)",
    "datetime_type": _TIMESTAMP,
    "datetime_parsing": _TIMESTAMP,
    "datetime_from_date_parsing": _TIMESTAMP,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "none_required": "must be null",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one field. `field` is a path such as `sis.base_url` or
    `classes[2]`; empty when the problem is with the record as a whole."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


def field_path(loc: Sequence[int | str]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def problems(exc: ValidationError, *, hide_values_of: Collection[str] = ()) -> list[Problem]:
    """The errors of a validation, in input order. Values of the fields named in
    `hide_values_of` (secrets, free text) are never repeated in the message."""
    out: list[Problem] = []
    for error in exc.errors(include_url=False):
        path = field_path(error["loc"])
        hidden = any(str(part) in hide_values_of for part in error["loc"])
        out.append(Problem(path, _message(error, show_value=not hidden)))
    return out


def _message(error: ErrorDetails, *, show_value: bool) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    text = _FIXED.get(kind)
    if text is None:
        text = _with_context(kind, ctx, error["msg"])
    if show_value and kind not in ("missing", "extra_forbidden"):
        shown = _show(error.get("input"))
        if shown:
            text += f" (got {shown})"
    return text


def _with_context(kind: str, ctx: dict[str, Any], fallback: str) -> str:
    if kind == "greater_than_equal":
        return f"must be {_number(ctx['ge'])} or more"
    if kind == "greater_than":
        return f"must be more than {_number(ctx['gt'])}"
    if kind == "less_than_equal":
        return f"must be {_number(ctx['le'])} or less"
    if kind == "string_too_short":
        return "must not be empty" if ctx.get("min_length") == 1 else fallback.lower()
    if kind == "string_too_long":
        return f"must be at most {ctx['max_length']} characters long"
    if kind == "too_short":
        return "must not be empty" if ctx.get("min_length") == 1 else fallback.lower()
    if kind in ("literal_error", "enum"):
        return f"must be one of {ctx['expected']}"
    if kind == "string_pattern_mismatch":
        return "must not be blank" if ctx.get("pattern") == r"\S" else "is not in the expected form"
    if kind == "value_error":
        return str(ctx.get("error", fallback.removeprefix("Value error, ")))
    return fallback[:1].lower() + fallback[1:]


def _show(value: Any) -> str:
    """A short rendering of a bad value, or "" when it would not help (long or nested)."""
    if isinstance(value, bool) or value is None:
        return "true" if value is True else "false" if value is False else "null"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else ""
    if isinstance(value, list):
        return "a list" if value else "[]"
    if isinstance(value, dict):
        return "an object"
    return ""


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)

"""Building OneRoster 1.1 query strings: `filter`, `sort`/`orderBy` and `fields`.

A 1.1 filter is `<field><predicate>'<value>'`, at most two of them joined by one uppercase
`AND` or `OR`. The spec defines no escape for a quote inside a value, so such values are
refused here rather than sent in a form servers would misread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

Predicate = Literal["=", "!=", ">", ">=", "<", "<=", "~"]
_PREDICATES: frozenset[str] = frozenset({"=", "!=", ">", ">=", "<", "<=", "~"})
_FIELD = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*$")
_MAX_PREDICATES = 2


@dataclass(frozen=True, slots=True)
class Filter:
    """A filter expression ready to send; build with `filter_expr`, `and_` and `or_`."""

    text: str
    predicates: int = 1

    def __str__(self) -> str:
        return self.text


def filter_expr(field: str, op: Predicate | str, value: object) -> Filter:
    """One predicate, e.g. `filter_expr("dateLastModified", ">", since)`.

    Values: str, int, float, bool ('true'/'false'), date (YYYY-MM-DD) and timezone-aware
    datetime (sent as UTC, `...Z`).
    """
    if not _FIELD.match(field):
        raise ValueError(f"filter field {field!r} is not a OneRoster field name")
    if op not in _PREDICATES:
        raise ValueError(f"filter predicate {op!r} is not one of {sorted(_PREDICATES)}")
    text = format_value(value)
    if "'" in text:
        raise ValueError(
            f"filter value for {field!r} contains a single quote, which OneRoster 1.1 "
            "filters cannot express"
        )
    return Filter(f"{field}{op}'{text}'")


def and_(first: Filter, second: Filter) -> Filter:
    """`first AND second`."""
    return _join("AND", first, second)


def or_(first: Filter, second: Filter) -> Filter:
    """`first OR second`."""
    return _join("OR", first, second)


def _join(joiner: Literal["AND", "OR"], first: Filter, second: Filter) -> Filter:
    count = first.predicates + second.predicates
    if count > _MAX_PREDICATES:
        raise ValueError(f"OneRoster 1.1 filters allow at most {_MAX_PREDICATES} predicates")
    return Filter(f"{first.text} {joiner} {second.text}", predicates=count)


def format_value(value: object) -> str:
    """A Python value as OneRoster writes it in filters and payloads."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"datetime {value.isoformat()} has no time zone; use an aware one")
        utc = value.astimezone(UTC)
        stamp = utc.strftime("%Y-%m-%dT%H:%M:%S")
        if utc.microsecond:
            stamp += f".{utc.microsecond // 1000:03d}"
        return stamp + "Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float | str):
        return str(value)
    raise TypeError(f"cannot use a {type(value).__name__} as a OneRoster filter value")


def query_params(
    *,
    filter: Filter | str | None = None,
    sort: str | None = None,
    order: Literal["asc", "desc"] | None = None,
    fields: Sequence[str] | None = None,
) -> dict[str, str]:
    """The query parameters for a collection read (paging parameters aside)."""
    params: dict[str, str] = {}
    if filter is not None:
        text = str(filter)
        if not text.strip():
            raise ValueError("filter must not be empty")
        params["filter"] = text
    if sort is not None:
        if not _FIELD.match(sort):
            raise ValueError(f"sort field {sort!r} is not a OneRoster field name")
        params["sort"] = sort
        if order is not None:
            params["orderBy"] = order
    elif order is not None:
        raise ValueError("order needs a sort field")
    if fields is not None:
        names = [name.strip() for name in fields]
        if not names or not all(_FIELD.match(name) for name in names):
            raise ValueError(f"fields must be a non-empty list of field names, got {fields!r}")
        params["fields"] = ",".join(names)
    return params

"""OneRoster 1.1 collection queries: `filter`, `sort`/`orderBy`, `fields`, `limit`/`offset`.

Pure functions over lists of object dicts. Parse errors raise `ApiError` with the imsx
codeMinor the spec names; ignorable problems (unknown sort or selection field) become
warnings the response carries in a `statusInfoSet`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode

from passback.sandbox import errors, schema

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000

_PREDICATE = re.compile(r"\s*([A-Za-z_][\w.]*)\s*(!=|>=|<=|=|>|<|~)\s*'([^']*)'\s*")
_JOINER = re.compile(r"(AND|OR)\s")


@dataclass(frozen=True, slots=True)
class Predicate:
    path: tuple[str, ...]
    op: str
    value: str
    # the value parsed for the field's kind: datetime (temporal), float (numeric) or str
    typed: Any


@dataclass(frozen=True, slots=True)
class Filter:
    predicates: tuple[Predicate, ...]
    joiner: str | None = None  # "AND" / "OR" when two predicates

    def matches(self, obj: Mapping[str, Any]) -> bool:
        if self.joiner == "OR":
            return any(_holds(obj, p) for p in self.predicates)
        return all(_holds(obj, p) for p in self.predicates)


@dataclass(slots=True)
class Query:
    filter: Filter | None = None
    sort: tuple[tuple[str, ...], ...] = ()
    descending: bool = False
    fields: tuple[str, ...] | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    warnings: list[tuple[str, str]] = field(default_factory=list)


def parse_query(
    params: Mapping[str, str], spec: schema.Collection, *, collection: bool = True
) -> Query:
    """Read the query string for a collection (or, with `collection=False`, a singleton,
    which takes only `fields`)."""
    query = Query()
    query.fields = _parse_fields(params, spec, query.warnings)
    if not collection:
        return query
    if "filter" in params:
        query.filter = parse_filter(params["filter"], spec)
    if params.get("sort"):
        query.sort = _parse_sort(params["sort"], spec, query.warnings)
    order = params.get("orderBy", "asc")
    if order not in ("asc", "desc"):
        raise errors.invalid(f"orderBy must be 'asc' or 'desc', got {order!r}")
    query.descending = order == "desc"
    query.limit = min(_whole(params, "limit", DEFAULT_LIMIT, minimum=1), MAX_LIMIT)
    query.offset = _whole(params, "offset", 0, minimum=0)
    return query


def parse_filter(text: str, spec: schema.Collection) -> Filter:
    """`field op 'value'`, optionally joined to a second predicate by one AND or OR."""
    first = _PREDICATE.match(text)
    if first is None:
        raise errors.invalid(f"filter: cannot parse {text!r}; expected field<op>'value'")
    predicates = [_predicate(first, spec)]
    rest = text[first.end() :]
    joiner = None
    if rest:
        join = _JOINER.match(rest)
        second = _PREDICATE.fullmatch(rest, join.end()) if join else None
        if join is None or second is None:
            raise errors.invalid(
                f"filter: cannot parse {text!r}; at most two predicates joined by AND or OR"
            )
        joiner = join.group(1)
        predicates.append(_predicate(second, spec))
    return Filter(tuple(predicates), joiner)


def apply(query: Query, objects: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Filter, sort, page and project; returns (page, total matching)."""
    if query.filter is not None:
        objects = [obj for obj in objects if query.filter.matches(obj)]
    if query.sort:
        objects = sort_objects(objects, query.sort, query.descending)
    elif query.descending:
        objects = list(reversed(objects))
    total = len(objects)
    page = objects[query.offset : query.offset + query.limit]
    return project(page, query.fields), total


def project(objects: list[dict[str, Any]], fields: tuple[str, ...] | None) -> list[dict[str, Any]]:
    if not fields:
        return objects
    return [{name: obj[name] for name in fields if name in obj} for obj in objects]


def sort_objects(
    objects: list[dict[str, Any]], keys: tuple[tuple[str, ...], ...], descending: bool
) -> list[dict[str, Any]]:
    result = list(objects)
    # Stable sorts from the last key to the first give a multi-key order.
    for path in reversed(keys):
        result.sort(key=functools.partial(_sort_key, path=path), reverse=descending)
    return result


def link_header(
    base: str, params: list[tuple[str, str]], total: int, limit: int, offset: int
) -> str:
    """RFC 8288 Link header with first/prev/next/last for a page.

    `base` is the URL without its query, `params` the request's query pairs; limit and
    offset are replaced. The query is encoded once (this runs on every collection read).
    """
    kept = [(k, v) for k, v in params if k not in ("limit", "offset")]
    prefix = f"{base}?{urlencode([*kept, ('limit', str(limit))])}&offset="
    last = max(0, (total - 1) // limit * limit)
    links = []
    if offset + limit < total:
        links.append(f'<{prefix}{offset + limit}>; rel="next"')
    links.append(f'<{prefix}{last}>; rel="last"')
    links.append(f'<{prefix}0>; rel="first"')
    if offset > 0:
        links.append(f'<{prefix}{max(0, offset - limit)}>; rel="prev"')
    return ", ".join(links)


# --- internals ---------------------------------------------------------------------------


def _whole(params: Mapping[str, str], name: str, default: int, *, minimum: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise errors.invalid(f"{name} must be a whole number >= {minimum}, got {raw!r}")
    return value


def _known(path: tuple[str, ...], spec: schema.Collection) -> bool:
    return path[0] in spec.fields and all(path)


def _parse_fields(
    params: Mapping[str, str], spec: schema.Collection, warnings: list[tuple[str, str]]
) -> tuple[str, ...] | None:
    if "fields" not in params:
        return None
    names = [n.strip() for n in params["fields"].split(",") if n.strip()]
    if not names:
        raise errors.ApiError(
            400, errors.INVALID_BLANK_SELECTION_FIELD, "fields: the selection is empty"
        )
    known = tuple(n for n in names if n in spec.fields)
    for name in names:
        if name not in spec.fields:
            warnings.append(
                ("invalid_selection_field", f"fields: {name!r} is not a {spec.singular} field")
            )
    # Nothing valid left: the selection is ignored and whole objects are returned.
    return known or None


def _parse_sort(
    text: str, spec: schema.Collection, warnings: list[tuple[str, str]]
) -> tuple[tuple[str, ...], ...]:
    keys = []
    for name in (n.strip() for n in text.split(",")):
        path = tuple(name.split("."))
        if name and _known(path, spec):
            keys.append(path)
        else:
            warnings.append(
                ("invalid_sort_field", f"sort: {name!r} is not a {spec.singular} field")
            )
    return tuple(keys)


def _predicate(match: re.Match[str], spec: schema.Collection) -> Predicate:
    name, op, value = match.group(1), match.group(2), match.group(3)
    path = tuple(name.split("."))
    if not _known(path, spec):
        raise errors.ApiError(
            400,
            errors.INVALID_FILTER_FIELD,
            f"filter: {name!r} is not a {spec.singular} field",
        )
    leaf = path[-1]
    typed: Any = value
    if leaf in schema.TEMPORAL_FIELDS:
        typed = parse_instant(value)
        if typed is None:
            raise errors.invalid(f"filter: {name} needs a date or datetime, got {value!r}")
    elif leaf in schema.NUMERIC_FIELDS:
        try:
            typed = float(value)
        except ValueError:
            raise errors.invalid(f"filter: {name} needs a number, got {value!r}") from None
    elif op == "~":
        typed = value.casefold()
    return Predicate(path, op, value, typed)


def parse_instant(value: Any) -> datetime | None:
    """A date or ISO 8601 datetime as an aware UTC datetime (a date is its midnight UTC)."""
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), datetime.min.time(), UTC)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def leaves(obj: Any, path: tuple[str, ...]) -> list[Any]:
    """Values at a dotted path; lists along the way are flattened (any element may match)."""
    current = [obj]
    for part in path:
        nxt: list[Any] = []
        for item in current:
            if isinstance(item, list):
                nxt.extend(x.get(part) for x in item if isinstance(x, dict))
            elif isinstance(item, dict):
                nxt.append(item.get(part))
        current = nxt
    flat: list[Any] = []
    for value in current:
        if isinstance(value, list):
            flat.extend(value)
        elif value is not None:
            flat.append(value)
    return flat


def _holds(obj: Mapping[str, Any], pred: Predicate) -> bool:
    values = leaves(obj, pred.path)
    if pred.op == "!=":
        return not any(_compare(v, "=", pred) for v in values)
    return any(_compare(v, pred.op, pred) for v in values)


def _compare(raw: Any, op: str, pred: Predicate) -> bool:
    if isinstance(pred.typed, datetime):
        left: Any = parse_instant(raw)
        if left is None:
            return False
    elif isinstance(pred.typed, float):
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            return False
        left = float(raw)
    else:
        left = raw if isinstance(raw, str) else str(raw)
    right = pred.typed
    if op == "=":
        return bool(left == right)
    if op == "~":
        return str(right) in str(left).casefold()
    if op == ">":
        return bool(left > right)
    if op == ">=":
        return bool(left >= right)
    if op == "<":
        return bool(left < right)
    return bool(left <= right)


def _sort_key(obj: Mapping[str, Any], path: tuple[str, ...]) -> tuple[Any, ...]:
    values = leaves(obj, path)
    if not values:
        return (3,)
    value = values[0]
    leaf = path[-1]
    if leaf in schema.TEMPORAL_FIELDS:
        instant = parse_instant(value)
        if instant is not None:
            return (0, instant)
    if leaf in schema.NUMERIC_FIELDS and isinstance(value, int | float):
        return (1, float(value))
    return (2, str(value))

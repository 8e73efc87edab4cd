"""Reading OneRoster response bodies: collection lists, singletons and typed records.

Anything that is not the expected shape becomes `InvalidResponse` naming the request, or the
record and the field, so a district's admin can see what the SIS sent wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from passback.oneroster.errors import InvalidResponse

M = TypeVar("M", bound=BaseModel)

# A ValidationError can list every field of a badly broken record; a few say enough.
_MAX_PROBLEMS = 3


def json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise InvalidResponse(
            f"{response.request.method} {response.request.url.path} returned a body that is "
            "not a JSON object",
            status=response.status_code,
            method=response.request.method,
            url=str(response.request.url),
        )
    return body


def collection_items(response: httpx.Response, key: str) -> list[dict[str, Any]]:
    body = json_object(response)
    where = f"GET {response.request.url.path}"
    items = body.get(key)
    if items is None:
        lists = sorted(k for k, v in body.items() if isinstance(v, list))
        if not lists:
            return []  # an empty collection sent as {}
        raise InvalidResponse(f"{where} has no {key!r} list (found {lists})", status=200)
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InvalidResponse(f"{where}: {key!r} is not a list of objects", status=200)
    return items


def parse_record(model: type[M], record: Mapping[str, Any], key: str) -> M:
    try:
        return model.model_validate(record)
    except ValidationError as exc:
        raw_id = record.get("sourcedId")
        who = f"{key} record {raw_id.strip()!r}" if isinstance(raw_id, str) else f"a {key} record"
        problems = "; ".join(
            f"field {'.'.join(str(p) for p in err['loc']) or '(record)'}: {err['msg']}"
            for err in exc.errors()[:_MAX_PROBLEMS]
        )
        raise InvalidResponse(f"{who} is not valid OneRoster: {problems}") from exc

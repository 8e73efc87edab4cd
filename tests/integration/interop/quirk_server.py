"""A small OneRoster 1.1 server with switchable quirks, for interoperability tests.

Written from the OneRoster 1.1 document (shared/reference/oneroster-1.1.md: §4 the REST
binding's paths, §5 the object model and GUIDRefs, §6 OAuth 2 client credentials, §7 paging,
filter and fields, §8 the imsx status payload), not from passback's sandbox: a second,
independent reading of the standard, so the sync is checked against more than the server
passback's own authors wrote. It keeps its objects in memory and serves them as an ASGI app
(Starlette), reached through `httpx.ASGITransport`.

Spec-literal behaviour: `limit` defaults to 100 and `offset` is zero-based; `X-Total-Count`
and RFC 8288 `Link` headers (next/last/first/prev); filters of at most two predicates joined
by one `AND` or `OR`; `fields` selection; PUT creates (201) or replaces (200); DELETE 204;
`dateLastModified` stamped by the server on every change.

Each `Quirks` switch makes it answer like a server seen in the field instead.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

BASE_PATH = "/ims/oneroster/v1p1"
SCOPE_PREFIX = "https://purl.imsglobal.org/spec/or/v1p1/scope/"
DELETE_SCOPE = SCOPE_PREFIX + "gradebook.delete"
CLIENT_ID, CLIENT_SECRET = "quirk-client", "quirk-secret"

# Collection path -> (JSON key of the list, JSON key of one object).
COLLECTIONS = {
    "academicSessions": ("academicSessions", "academicSession"),
    "classes": ("classes", "class"),
    "users": ("users", "user"),
    "enrollments": ("enrollments", "enrollment"),
    "categories": ("categories", "category"),
    "lineItems": ("lineItems", "lineItem"),
    "results": ("results", "result"),
}
# GUIDRef fields of the gradebook objects, per object (1.1 object model).
REFERENCES = {
    "lineItem": ("class", "category", "gradingPeriod"),
    "result": ("lineItem", "student"),
}
_PREDICATE = re.compile(r"^\s*([A-Za-z][\w.]*)\s*(>=|<=|!=|=|>|<|~)\s*'(.*)'\s*$")


@dataclass
class Quirks:
    """How this server departs from the letter of 1.1 (all off: spec-literal)."""

    page_cap: int | None = None  # `limit` silently capped at this many rows
    total_count: bool = True  # send X-Total-Count
    links: bool = True  # send Link headers
    one_based: bool = False  # `offset` counts from 1 (0 is read as 1)
    link_only: bool = False  # pages by an opaque cursor in Link rel="next" only
    max_limit: int | None = None  # a `limit` above this is refused with 400
    refuse_delete_scope: bool = False  # token endpoint: invalid_scope for gradebook.delete
    delete_405: bool = False  # DELETE is not supported
    soft_delete: bool = False  # DELETE marks the object tobedeleted instead of removing it
    strict_bodies: bool = False  # PUT needs dateLastModified and href/type on references
    stale_stamps: bool = False  # changes keep the old dateLastModified
    padded_ids: bool = False  # sourcedIds in answers carry surrounding blanks
    string_expires_in: bool = False  # "expires_in": "3600"
    create_200: bool = False  # a PUT that creates answers 200, not 201
    put_204: bool = False  # PUT answers 204 with no body
    numbers_as_strings: bool = False  # resultValueMax, score... as JSON strings
    extra_fields: bool = False  # unknown fields on every object


@dataclass
class QuirkServer:
    quirks: Quirks = field(default_factory=Quirks)
    data: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {name: {} for name in COLLECTIONS}
    )
    # every request: (method, path, query) and the scopes each token call asked for
    requests: list[tuple[str, str, str]] = field(default_factory=list)
    token_scopes: list[list[str]] = field(default_factory=list)
    clock: datetime = datetime(2026, 9, 1, tzinfo=UTC)
    _tokens: set[str] = field(default_factory=set)

    # --- the state ----------------------------------------------------------------------

    def stamp(self) -> str:
        self.clock += timedelta(seconds=1)
        return self.clock.strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def put(self, collection: str, obj: dict[str, Any]) -> None:
        """Store (seed or change) an object, stamping it unless stamps are stale."""
        old = self.data[collection].get(obj["sourcedId"])
        record = {"status": "active", **obj}
        if self.quirks.stale_stamps and old is not None:
            record["dateLastModified"] = old["dateLastModified"]
        else:
            record["dateLastModified"] = self.stamp()
        self.data[collection][obj["sourcedId"]] = record

    def writes(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p, _ in self.requests if m in ("PUT", "DELETE")]

    # --- the app ------------------------------------------------------------------------

    def app(self) -> Starlette:
        routes = [
            Route("/token", self.token, methods=["POST"]),
            Route(BASE_PATH + "/classes/{cid}/{what}", self.class_part, methods=["GET"]),
            Route(BASE_PATH + "/{collection}", self.collection, methods=["GET"]),
            Route(BASE_PATH + "/{collection}/{sid}", self.one, methods=["GET", "PUT", "DELETE"]),
        ]
        return Starlette(routes=routes)

    async def token(self, request: Request) -> Response:
        self.requests.append(("POST", "/token", ""))
        pair = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {pair}":
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        form = parse_qs((await request.body()).decode())
        if form.get("grant_type") != ["client_credentials"]:
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        scopes = form.get("scope", [""])[0].split()
        self.token_scopes.append(scopes)
        if self.quirks.refuse_delete_scope and DELETE_SCOPE in scopes:
            return JSONResponse(
                {"error": "invalid_scope", "error_description": "gradebook.delete not allowed"},
                status_code=400,
            )
        token = f"tok-{len(self._tokens) + 1}"
        self._tokens.add(token)
        lifetime: Any = "3600" if self.quirks.string_expires_in else 3600
        return JSONResponse({"access_token": token, "token_type": "bearer", "expires_in": lifetime})

    def _authorized(self, request: Request) -> bool:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and token in self._tokens

    def _log(self, request: Request) -> None:
        path = request.url.path.removeprefix(BASE_PATH)
        self.requests.append((request.method, path, request.url.query))

    async def collection(self, request: Request) -> Response:
        self._log(request)
        if not self._authorized(request):
            return _failure(401, "unauthorisedrequest", "no valid bearer token")
        name = request.path_params["collection"]
        if name not in COLLECTIONS:
            return _failure(404, "unknownobject", f"no collection {name}")
        return self._page(request, list(self.data[name].values()), COLLECTIONS[name][0])

    async def class_part(self, request: Request) -> Response:
        self._log(request)
        if not self._authorized(request):
            return _failure(401, "unauthorisedrequest", "no valid bearer token")
        cid, what = request.path_params["cid"].strip(), request.path_params["what"]
        if cid not in self.data["classes"]:
            return _failure(404, "unknownobject", f"class {cid} does not exist")
        if what not in ("lineItems", "results", "students"):
            return _failure(404, "unknownobject", f"no collection {what}")
        if what == "results":
            items = {
                sid for sid, li in self.data["lineItems"].items() if li["class"]["sourcedId"] == cid
            }
            found = [
                r for r in self.data["results"].values() if r["lineItem"]["sourcedId"] in items
            ]
        elif what == "lineItems":
            found = [
                li for li in self.data["lineItems"].values() if li["class"]["sourcedId"] == cid
            ]
        else:
            members = {
                e["user"]["sourcedId"]
                for e in self.data["enrollments"].values()
                if e["class"]["sourcedId"] == cid and e["role"] == "student"
            }
            found = [u for u in self.data["users"].values() if u["sourcedId"] in members]
            what = "users"
        return self._page(request, found, what)

    def _page(self, request: Request, records: list[dict[str, Any]], key: str) -> Response:
        q = self.quirks
        params = dict(request.query_params)
        try:
            records = _filtered(records, params.get("filter"))
        except ValueError as exc:
            return _failure(400, "invalid_filter_field", str(exc))
        records.sort(key=lambda r: r["sourcedId"])
        try:
            limit = int(params.get("limit", "100"))
            offset = int(params.get("cursor" if q.link_only else "offset", "0"))
        except ValueError:
            return _failure(400, "invalid_data", "limit and offset must be whole numbers")
        if limit < 1 or offset < 0:
            return _failure(400, "invalid_data", "limit must be >= 1 and offset >= 0")
        if q.max_limit is not None and limit > q.max_limit:
            return _failure(400, "invalid_data", f"limit may not exceed {q.max_limit}")
        if q.page_cap is not None:
            limit = min(limit, q.page_cap)
        start = max(offset - 1, 0) if q.one_based else offset
        page = records[start : start + limit]
        fields = [f.strip() for f in params.get("fields", "").split(",") if f.strip()]
        body = [
            self._out({k: v for k, v in r.items() if k in fields} if fields else r) for r in page
        ]
        headers: dict[str, str] = {}
        if q.total_count and not q.link_only:
            headers["X-Total-Count"] = str(len(records))
        url = f"{request.url.scheme}://{request.url.netloc}{request.url.path}"
        kept = [(k, v) for k, v in params.items() if k not in ("limit", "offset", "cursor")]
        nxt = start + len(page) + (1 if q.one_based else 0)
        if q.link_only:
            links = [f'<{url}?{urlencode([*kept, ("limit", str(limit))])}>; rel="first"']
            if start + len(page) < len(records):
                query = urlencode([*kept, ("limit", str(limit)), ("cursor", str(nxt))])
                links.insert(0, f'<{url}?{query}>; rel="next"')
            headers["Link"] = ", ".join(links)
        elif q.links:
            links = []
            if start + len(page) < len(records):
                query = urlencode([*kept, ("limit", str(limit)), ("offset", str(nxt))])
                links.append(f'<{url}?{query}>; rel="next"')
            query = urlencode([*kept, ("limit", str(limit)), ("offset", "0")])
            links.append(f'<{url}?{query}>; rel="first"')
            headers["Link"] = ", ".join(links)
        return JSONResponse({key: body}, headers=headers)

    def _out(self, record: dict[str, Any]) -> dict[str, Any]:
        out = dict(record)
        if self.quirks.padded_ids:
            out = _pad(out)
        if self.quirks.numbers_as_strings:
            for name in ("resultValueMin", "resultValueMax", "score"):
                if isinstance(out.get(name), int | float):
                    out[name] = str(out[name])
        if self.quirks.extra_fields:
            out["x-vendorExtension"] = {"note": "unknown to 1.1"}
        return out

    async def one(self, request: Request) -> Response:
        self._log(request)
        if not self._authorized(request):
            return _failure(401, "unauthorisedrequest", "no valid bearer token")
        name, sid = request.path_params["collection"], request.path_params["sid"].strip()
        if name not in COLLECTIONS:
            return _failure(404, "unknownobject", f"no collection {name}")
        single = COLLECTIONS[name][1]
        stored = self.data[name].get(sid)
        if request.method == "GET":
            if stored is None:
                return _failure(404, "unknownobject", f"{single} {sid} does not exist")
            return JSONResponse({single: self._out(stored)})
        if name not in ("lineItems", "results"):
            return _failure(405, "unsupported", f"{name} are read-only")
        if request.method == "DELETE":
            if self.quirks.delete_405:
                return _failure(405, "unsupported", "DELETE is not supported")
            if stored is None or stored.get("status") == "tobedeleted":
                return _failure(404, "unknownobject", f"{single} {sid} does not exist")
            if self.quirks.soft_delete:
                self.put(name, {**stored, "status": "tobedeleted"})
            else:
                del self.data[name][sid]
            return Response(status_code=204)
        return await self._put(request, name, single, sid, stored)

    async def _put(
        self, request: Request, name: str, single: str, sid: str, stored: dict[str, Any] | None
    ) -> Response:
        try:
            body = json.loads(await request.body())
            obj = body[single]
            assert isinstance(obj, dict)
        except (ValueError, KeyError, AssertionError):
            return _failure(400, "invalid_data", f"the body must be {{{single!r}: {{...}}}}")
        if str(obj.get("sourcedId", sid)).strip() != sid:
            return _failure(400, "invalid_data", "sourcedId differs from the URL")
        for ref in REFERENCES[single]:
            value = obj.get(ref)
            if value is None:
                continue
            if not isinstance(value, dict) or not value.get("sourcedId"):
                return _failure(400, "invalid_data", f"{single}.{ref} must be a GUIDRef")
            if self.quirks.strict_bodies and not (value.get("href") and value.get("type")):
                return _failure(400, "invalid_data", f"{single}.{ref}.href and type are required")
        if self.quirks.strict_bodies and not obj.get("dateLastModified"):
            return _failure(400, "invalid_data", f"{single}.dateLastModified is required")
        record = {k: v for k, v in obj.items() if k != "dateLastModified"}
        record["sourcedId"] = sid
        for ref in REFERENCES[single]:
            if isinstance(record.get(ref), dict):
                record[ref] = {"sourcedId": str(record[ref]["sourcedId"]).strip()}
        created = stored is None or stored.get("status") == "tobedeleted"
        self.put(name, {"status": "active", **record})
        if self.quirks.put_204:
            return Response(status_code=204)
        status = 201 if created and not self.quirks.create_200 else 200
        return JSONResponse({single: self._out(self.data[name][sid])}, status_code=status)


def _failure(status: int, code_minor: str, description: str) -> JSONResponse:
    """The 1.1 imsx status payload (§8)."""
    return JSONResponse(
        {
            "imsx_codeMajor": "failure",
            "imsx_severity": "error",
            "imsx_description": description,
            "imsx_CodeMinor": {
                "imsx_codeMinorField": [
                    {
                        "imsx_codeMinorFieldName": "TargetEndSystem",
                        "imsx_codeMinorFieldValue": code_minor,
                    }
                ]
            },
        },
        status_code=status,
    )


def _value(record: dict[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


_TESTS: dict[str, Callable[[str, str], bool]] = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "~": lambda a, b: b.lower() in a.lower(),
}


def _filtered(records: list[dict[str, Any]], expression: str | None) -> list[dict[str, Any]]:
    """§7: `field op 'value'`, at most two predicates joined by one AND or OR."""
    if not expression:
        return list(records)
    joiner = " AND " if " AND " in expression else " OR " if " OR " in expression else None
    parts = expression.split(joiner) if joiner else [expression]
    if len(parts) > 2:
        raise ValueError("at most two predicates may be joined")
    tests = []
    for part in parts:
        match = _PREDICATE.match(part)
        if match is None:
            raise ValueError(f"cannot read the filter {part!r}")
        tests.append(match.groups())

    def keep(record: dict[str, Any]) -> bool:
        found = [
            _TESTS[op](str(v), value)
            for name, op, value in tests
            if (v := _value(record, name)) is not None
        ] + [op == "!=" for name, op, _ in tests if _value(record, name) is None]
        return all(found) if joiner != " OR " else any(found)

    return [r for r in records if keep(r)]


def _pad(value: Any) -> Any:
    """Surround every sourcedId with blanks (the whitespace quirk)."""
    if isinstance(value, dict):
        return {
            k: (f" {v} " if k == "sourcedId" and isinstance(v, str) else _pad(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_pad(v) for v in value]
    return value

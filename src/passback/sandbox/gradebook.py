"""The 16 OneRoster 1.1 gradebook operations (reference §5.1): categories, lineItems and
results, read, PUT (201 created / 200 replaced) and DELETE (204), plus the class-scoped reads.

Writes validate and commit under the state lock, so a check and its commit see the same
world. Deleting a lineItem deletes its results too (PowerTeacher Pro drops an assignment's
scores with it).
"""

from __future__ import annotations

from collections.abc import Callable

import structlog
from starlette.responses import Response

from passback.sandbox import errors, rules, schema
from passback.sandbox.pipeline import singleton_response
from passback.sandbox.roster import collection, everything, require, singleton
from passback.sandbox.runtime import ApiCall
from passback.sandbox.state import Obj, SandboxState, ref_keys

log = structlog.get_logger("passback.sandbox")

Check = Callable[[SandboxState, Obj], Obj]
DeleteCheck = Callable[[SandboxState, str], Obj]


def put(spec: schema.Collection, check: Check) -> Callable[[ApiCall], Response]:
    def handler(call: ApiCall) -> Response:
        sid = call.path("id")
        obj = rules.unwrap(call.body, spec, sid)
        state = call.state
        with state.lock:
            try:
                checked = check(state, obj)
            except errors.ApiError as exc:
                log.debug(
                    "sandbox.write_rejected",
                    collection=spec.name,
                    sourced_id=sid,
                    status=exc.status,
                    client=call.client.client_id,
                )
                raise
            created = state.upsert(spec.name, checked)
            stored = state.peek(spec.name, sid)
        assert stored is not None
        return singleton_response(call, spec, stored, 201 if created else 200)

    return handler


def delete(spec: schema.Collection, check: DeleteCheck) -> Callable[[ApiCall], Response]:
    def handler(call: ApiCall) -> Response:
        sid = call.path("id")
        with call.state.lock:
            check(call.state, sid)
            call.state.delete(spec.name, sid)
        return Response(status_code=204)

    return handler


def line_items_of_class(call: ApiCall) -> list[Obj]:
    klass = require(call.state, "classes", call.path("class_id"), "class")
    return call.state.indexed("lineItems", "class", klass["sourcedId"])


def results_of_class(call: ApiCall) -> list[Obj]:
    state = call.state
    out: list[Obj] = []
    for line_item in line_items_of_class(call):
        out.extend(state.indexed("results", "lineItem", line_item["sourcedId"]))
    return out


def results_of_line_item_in_class(call: ApiCall) -> list[Obj]:
    state = call.state
    klass = require(state, "classes", call.path("class_id"), "class")
    line_item = require(state, "lineItems", call.path("line_item_id"), "lineItem")
    if ref_keys(line_item, "class") != [klass["sourcedId"]]:
        raise errors.unknown("lineItem", f"{line_item['sourcedId']} in class {klass['sourcedId']}")
    return state.indexed("results", "lineItem", line_item["sourcedId"])


def results_of_student_in_class(call: ApiCall) -> list[Obj]:
    state = call.state
    klass = require(state, "classes", call.path("class_id"), "class")
    student = require(
        state, "users", call.path("student_id"), "student", lambda u: u.get("role") == "student"
    )
    class_items = set(state.indexed_ids("lineItems", "class", klass["sourcedId"]))
    return [
        result
        for result in state.indexed("results", "student", student["sourcedId"])
        if ref_keys(result, "lineItem")[0] in class_items
    ]


def get_handler(spec: schema.Collection) -> Callable[[ApiCall], Response]:
    return singleton(spec, spec.singular)


S = schema
READS: list[tuple[str, Callable[[ApiCall], Response]]] = [
    ("/categories", collection(S.CATEGORIES, everything("categories"))),
    ("/categories/{id}", get_handler(S.CATEGORIES)),
    ("/lineItems", collection(S.LINE_ITEMS, everything("lineItems"))),
    ("/lineItems/{id}", get_handler(S.LINE_ITEMS)),
    ("/results", collection(S.RESULTS, everything("results"))),
    ("/results/{id}", get_handler(S.RESULTS)),
    ("/classes/{class_id}/lineItems", collection(S.LINE_ITEMS, line_items_of_class)),
    ("/classes/{class_id}/results", collection(S.RESULTS, results_of_class)),
    (
        "/classes/{class_id}/lineItems/{line_item_id}/results",
        collection(S.RESULTS, results_of_line_item_in_class),
    ),
    (
        "/classes/{class_id}/students/{student_id}/results",
        collection(S.RESULTS, results_of_student_in_class),
    ),
]

WRITES: list[tuple[str, str, Callable[[ApiCall], Response]]] = [
    ("PUT", "/categories/{id}", put(S.CATEGORIES, rules.check_category)),
    ("DELETE", "/categories/{id}", delete(S.CATEGORIES, rules.check_category_delete)),
    ("PUT", "/lineItems/{id}", put(S.LINE_ITEMS, rules.check_line_item)),
    ("DELETE", "/lineItems/{id}", delete(S.LINE_ITEMS, rules.check_line_item_delete)),
    ("PUT", "/results/{id}", put(S.RESULTS, rules.check_result)),
    ("DELETE", "/results/{id}", delete(S.RESULTS, rules.check_result_delete)),
]

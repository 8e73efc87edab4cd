"""The OneRoster 1.1 shapes the sandbox knows: collections, their JSON keys, reference fields
and the field names `filter`, `sort` and `fields` accept.

Pure data, no behaviour beyond building GUIDRefs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

API_PREFIX = "/ims/oneroster/v1p1"

BASE_FIELDS = frozenset({"sourcedId", "status", "dateLastModified", "metadata"})


@dataclass(frozen=True, slots=True)
class Collection:
    """One stored collection: its plural (collection) key, singular key and GUIDRef type."""

    name: str
    singular: str
    ref_type: str
    fields: frozenset[str]
    # field -> (referenced collection, is a list of refs)
    refs: tuple[tuple[str, str, bool], ...] = ()


def _fields(*names: str) -> frozenset[str]:
    return BASE_FIELDS | frozenset(names)


ORGS = Collection(
    "orgs",
    "org",
    "org",
    _fields("name", "type", "identifier", "parent", "children"),
    (("parent", "orgs", False), ("children", "orgs", True)),
)
SESSIONS = Collection(
    "academicSessions",
    "academicSession",
    "academicSession",
    _fields("title", "startDate", "endDate", "type", "schoolYear", "parent", "children"),
    (("parent", "academicSessions", False), ("children", "academicSessions", True)),
)
COURSES = Collection(
    "courses",
    "course",
    "course",
    _fields("title", "schoolYear", "courseCode", "grades", "subjects", "subjectCodes", "org"),
    (("schoolYear", "academicSessions", False), ("org", "orgs", False)),
)
CLASSES = Collection(
    "classes",
    "class",
    "class",
    _fields(
        "title",
        "classCode",
        "classType",
        "location",
        "grades",
        "subjects",
        "subjectCodes",
        "periods",
        "resources",
        "course",
        "school",
        "terms",
    ),
    (("course", "courses", False), ("school", "orgs", False), ("terms", "academicSessions", True)),
)
USERS = Collection(
    "users",
    "user",
    "user",
    _fields(
        "username",
        "userIds",
        "enabledUser",
        "givenName",
        "familyName",
        "middleName",
        "role",
        "identifier",
        "email",
        "sms",
        "phone",
        "agents",
        "orgs",
        "grades",
        "password",
    ),
    (("orgs", "orgs", True), ("agents", "users", True)),
)
ENROLLMENTS = Collection(
    "enrollments",
    "enrollment",
    "enrollment",
    _fields("user", "class", "school", "role", "primary", "beginDate", "endDate"),
    (("user", "users", False), ("class", "classes", False), ("school", "orgs", False)),
)
CATEGORIES = Collection("categories", "category", "category", _fields("title"))
LINE_ITEMS = Collection(
    "lineItems",
    "lineItem",
    "lineItem",
    _fields(
        "title",
        "description",
        "assignDate",
        "dueDate",
        "class",
        "category",
        "gradingPeriod",
        "resultValueMin",
        "resultValueMax",
    ),
    (
        ("class", "classes", False),
        ("category", "categories", False),
        ("gradingPeriod", "academicSessions", False),
    ),
)
RESULTS = Collection(
    "results",
    "result",
    "result",
    _fields("lineItem", "student", "scoreStatus", "score", "scoreDate", "comment"),
    (("lineItem", "lineItems", False), ("student", "users", False)),
)

ALL: tuple[Collection, ...] = (
    ORGS,
    SESSIONS,
    COURSES,
    CLASSES,
    USERS,
    ENROLLMENTS,
    CATEGORIES,
    LINE_ITEMS,
    RESULTS,
)
BY_NAME: dict[str, Collection] = {c.name: c for c in ALL}
COLLECTION_NAMES: tuple[str, ...] = tuple(c.name for c in ALL)

# Fields compared as instants / dates or as numbers by `filter` and `sort`.
TEMPORAL_FIELDS = frozenset(
    {"dateLastModified", "assignDate", "dueDate", "startDate", "endDate", "beginDate", "scoreDate"}
)
NUMERIC_FIELDS = frozenset({"resultValueMin", "resultValueMax", "score"})

TERM_TYPES = frozenset({"term", "semester", "schoolYear"})
SCORE_STATUSES = ("exempt", "fully graded", "not submitted", "partially graded", "submitted")


def guid_ref(collection: str, sourced_id: str) -> dict[str, Any]:
    """A full GUIDRef as the sandbox stores and returns it (href relative to the server)."""
    spec = BY_NAME[collection]
    return {
        "href": f"{API_PREFIX}/{collection}/{sourced_id}",
        "sourcedId": sourced_id,
        "type": spec.ref_type,
    }

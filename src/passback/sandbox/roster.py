"""OneRoster 1.1 rostering reads (reference §5.2): orgs, sessions, courses, classes, users,
enrollments, and the nested paths that select them through another object.

Nested people and class lists follow *active* enrollments only; the flat `/enrollments`
lists every enrollment, `tobedeleted` ones included. `/terms` are the sessions of type
term, semester or schoolYear; `/terms/{id}/gradingPeriods` includes grading periods below
the term at any depth (a school year's quarters sit under its semesters).
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.responses import Response

from passback.sandbox import errors, schema
from passback.sandbox.pipeline import collection_response, singleton_response
from passback.sandbox.runtime import ApiCall
from passback.sandbox.state import Obj, SandboxState, ref_keys

Source = Callable[[ApiCall], list[Obj]]
Accept = Callable[[Obj], bool]


def is_term(obj: Obj) -> bool:
    return obj.get("type") in schema.TERM_TYPES


def is_grading_period(obj: Obj) -> bool:
    return obj.get("type") == "gradingPeriod"


def is_school(obj: Obj) -> bool:
    return obj.get("type") == "school"


def is_student(obj: Obj) -> bool:
    return obj.get("role") == "student"


def is_teacher(obj: Obj) -> bool:
    return obj.get("role") == "teacher"


def collection(spec: schema.Collection, source: Source) -> Callable[[ApiCall], Response]:
    def handler(call: ApiCall) -> Response:
        with call.state.lock:
            objects = source(call)
        return collection_response(call, spec, objects)

    return handler


def singleton(
    spec: schema.Collection, label: str, accept: Accept | None = None, param: str = "id"
) -> Callable[[ApiCall], Response]:
    def handler(call: ApiCall) -> Response:
        sid = call.path(param)
        obj = call.state.peek(spec.name, sid)
        if obj is None or (accept is not None and not accept(obj)):
            raise errors.unknown(label, sid)
        return singleton_response(call, spec, obj)

    return handler


def require(
    state: SandboxState, collection_name: str, sid: str, label: str, accept: Accept | None = None
) -> Obj:
    """The object a nested path names, or 404."""
    obj = state.peek(collection_name, sid)
    if obj is None or (accept is not None and not accept(obj)):
        raise errors.unknown(label, sid)
    return obj


# --- sources: each returns candidate objects in default order -----------------------------


def everything(name: str, accept: Accept | None = None) -> Source:
    def source(call: ApiCall) -> list[Obj]:
        objects = call.state.values(name)
        return objects if accept is None else [o for o in objects if accept(o)]

    return source


def users_with_role(role: str) -> Source:
    return lambda call: call.state.indexed("users", "role", role)


def grading_periods_of_term(call: ApiCall) -> list[Obj]:
    term = require(call.state, "academicSessions", call.path("term_id"), "term", is_term)
    found: dict[str, None] = {}
    frontier = [term["sourcedId"]]
    while frontier:
        children = call.state.indexed("academicSessions", "parent", frontier.pop(0))
        for child in children:
            if child["sourcedId"] not in found:
                found[child["sourcedId"]] = None
                frontier.append(child["sourcedId"])
    return [
        obj
        for obj in call.state.values("academicSessions")
        if obj["sourcedId"] in found and is_grading_period(obj)
    ]


def terms_of_school(call: ApiCall) -> list[Obj]:
    state = call.state
    school = require(state, "orgs", call.path("school_id"), "school", is_school)
    wanted: set[str] = set()
    for klass in state.indexed("classes", "school", school["sourcedId"]):
        for term_id in ref_keys(klass, "terms"):
            current: str | None = term_id
            while current is not None and current not in wanted:
                wanted.add(current)
                session = state.peek("academicSessions", current)
                parents = ref_keys(session, "parent") if session is not None else []
                current = parents[0] if parents else None
    return [o for o in state.values("academicSessions") if o["sourcedId"] in wanted and is_term(o)]


def courses_of_school(call: ApiCall) -> list[Obj]:
    """1.1's getCoursesForSchool: the courses whose `org` is the school."""
    school = require(call.state, "orgs", call.path("school_id"), "school", is_school)
    sid = school["sourcedId"]
    return [c for c in call.state.values("courses") if ref_keys(c, "org") == [sid]]


def classes_by(field: str, param: str, parent: str, label: str, accept: Accept | None) -> Source:
    def source(call: ApiCall) -> list[Obj]:
        owner = require(call.state, parent, call.path(param), label, accept)
        return call.state.indexed("classes", field, owner["sourcedId"])

    return source


def classes_of_user(label: str, accept: Accept | None, role: str | None) -> Source:
    def source(call: ApiCall) -> list[Obj]:
        state = call.state
        user = require(state, "users", call.path("user_id"), label, accept)
        seen: dict[str, None] = {}
        for enrollment in state.indexed("enrollments", "user", user["sourcedId"]):
            if enrollment.get("status") != "active":
                continue
            if role is not None and enrollment.get("role") != role:
                continue
            for class_id in ref_keys(enrollment, "class"):
                seen[class_id] = None
        return [obj for cid in seen if (obj := state.peek("classes", cid)) is not None]

    return source


def people_of_class(role: str, with_school: bool = False) -> Source:
    def source(call: ApiCall) -> list[Obj]:
        state = call.state
        klass = require(state, "classes", call.path("class_id"), "class")
        if with_school:
            school = require(state, "orgs", call.path("school_id"), "school", is_school)
            if ref_keys(klass, "school") != [school["sourcedId"]]:
                raise errors.unknown(
                    "class", f"{klass['sourcedId']} in school {school['sourcedId']}"
                )
        seen: dict[str, None] = {}
        for enrollment in state.indexed("enrollments", "class", klass["sourcedId"]):
            if enrollment.get("status") == "active" and enrollment.get("role") == role:
                for user_id in ref_keys(enrollment, "user"):
                    seen[user_id] = None
        return [obj for uid in seen if (obj := state.peek("users", uid)) is not None]

    return source


def people_of_school(role: str) -> Source:
    def source(call: ApiCall) -> list[Obj]:
        school = require(call.state, "orgs", call.path("school_id"), "school", is_school)
        users = call.state.indexed("users", "orgs", school["sourcedId"])
        return [u for u in users if u.get("role") == role]

    return source


def enrollments_of_school(call: ApiCall) -> list[Obj]:
    school = require(call.state, "orgs", call.path("school_id"), "school", is_school)
    return call.state.indexed("enrollments", "school", school["sourcedId"])


def enrollments_of_school_class(call: ApiCall) -> list[Obj]:
    state = call.state
    school = require(state, "orgs", call.path("school_id"), "school", is_school)
    klass = require(state, "classes", call.path("class_id"), "class")
    if ref_keys(klass, "school") != [school["sourcedId"]]:
        raise errors.unknown("class", f"{klass['sourcedId']} in school {school['sourcedId']}")
    return state.indexed("enrollments", "class", klass["sourcedId"])


# --- the route table ----------------------------------------------------------------------

S = schema
READS: list[tuple[str, Callable[[ApiCall], Response]]] = [
    ("/orgs", collection(S.ORGS, everything("orgs"))),
    ("/orgs/{id}", singleton(S.ORGS, "org")),
    ("/schools", collection(S.ORGS, everything("orgs", is_school))),
    ("/schools/{id}", singleton(S.ORGS, "school", is_school)),
    ("/academicSessions", collection(S.SESSIONS, everything("academicSessions"))),
    ("/academicSessions/{id}", singleton(S.SESSIONS, "academicSession")),
    ("/terms", collection(S.SESSIONS, everything("academicSessions", is_term))),
    ("/terms/{id}", singleton(S.SESSIONS, "term", is_term)),
    ("/gradingPeriods", collection(S.SESSIONS, everything("academicSessions", is_grading_period))),
    ("/gradingPeriods/{id}", singleton(S.SESSIONS, "gradingPeriod", is_grading_period)),
    ("/terms/{term_id}/gradingPeriods", collection(S.SESSIONS, grading_periods_of_term)),
    ("/schools/{school_id}/terms", collection(S.SESSIONS, terms_of_school)),
    ("/courses", collection(S.COURSES, everything("courses"))),
    ("/courses/{id}", singleton(S.COURSES, "course")),
    ("/schools/{school_id}/courses", collection(S.COURSES, courses_of_school)),
    ("/classes", collection(S.CLASSES, everything("classes"))),
    ("/classes/{id}", singleton(S.CLASSES, "class")),
    (
        "/terms/{term_id}/classes",
        collection(S.CLASSES, classes_by("terms", "term_id", "academicSessions", "term", is_term)),
    ),
    (
        "/schools/{school_id}/classes",
        collection(S.CLASSES, classes_by("school", "school_id", "orgs", "school", is_school)),
    ),
    (
        "/courses/{course_id}/classes",
        collection(S.CLASSES, classes_by("course", "course_id", "courses", "course", None)),
    ),
    (
        "/teachers/{user_id}/classes",
        collection(S.CLASSES, classes_of_user("teacher", is_teacher, "teacher")),
    ),
    (
        "/students/{user_id}/classes",
        collection(S.CLASSES, classes_of_user("student", is_student, "student")),
    ),
    ("/users/{user_id}/classes", collection(S.CLASSES, classes_of_user("user", None, None))),
    ("/users", collection(S.USERS, everything("users"))),
    ("/users/{id}", singleton(S.USERS, "user")),
    ("/students", collection(S.USERS, users_with_role("student"))),
    ("/students/{id}", singleton(S.USERS, "student", is_student)),
    ("/teachers", collection(S.USERS, users_with_role("teacher"))),
    ("/teachers/{id}", singleton(S.USERS, "teacher", is_teacher)),
    ("/classes/{class_id}/students", collection(S.USERS, people_of_class("student"))),
    ("/classes/{class_id}/teachers", collection(S.USERS, people_of_class("teacher"))),
    ("/schools/{school_id}/students", collection(S.USERS, people_of_school("student"))),
    ("/schools/{school_id}/teachers", collection(S.USERS, people_of_school("teacher"))),
    (
        "/schools/{school_id}/classes/{class_id}/students",
        collection(S.USERS, people_of_class("student", with_school=True)),
    ),
    (
        "/schools/{school_id}/classes/{class_id}/teachers",
        collection(S.USERS, people_of_class("teacher", with_school=True)),
    ),
    ("/enrollments", collection(S.ENROLLMENTS, everything("enrollments"))),
    ("/enrollments/{id}", singleton(S.ENROLLMENTS, "enrollment")),
    ("/schools/{school_id}/enrollments", collection(S.ENROLLMENTS, enrollments_of_school)),
    (
        "/schools/{school_id}/classes/{class_id}/enrollments",
        collection(S.ENROLLMENTS, enrollments_of_school_class),
    ),
]

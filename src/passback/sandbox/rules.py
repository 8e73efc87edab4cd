"""The write rules for lineItems, results and categories, per the sandbox's SIS profile
(`state.profile`, see passback.core.profiles): PowerSchool's (the default) or spec-literal
OneRoster 1.1's (`oneroster`).

Each check takes the state (the caller holds `state.lock`) and the object a client sent, and
either returns the object to store or raises an `ApiError` whose description names the
record, the field and the value. Status codes: 400 `invalid data` for a malformed body, a
broken PowerSchool rule or a reference to something that does not exist; 409 for anything
touching a closed grading period (description starts `Grading period <id> is closed`).
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from typing import Any

from passback.sandbox import errors, schema
from passback.sandbox.query import parse_instant
from passback.sandbox.state import Obj, SandboxState, ref_keys

MAX_TITLE = 49  # PowerTeacher Pro: assignment names must be *less than* 50 characters
# the first sandbox's owner key (a user sourcedId), still read beside PowerSchool's userDcid
_LEGACY_OWNER = "teacher"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def unwrap(body: bytes, spec: schema.Collection, sourced_id: str) -> Obj:
    """The object under the singular key of a PUT body, its sourcedId set from the path."""
    what = f"{spec.singular} {sourced_id!r}"
    try:
        data = json.loads(body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise errors.invalid(f"{what}: the request body is not valid JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get(spec.singular), dict):
        raise errors.invalid(
            f'{what}: the body must be a JSON object {{"{spec.singular}": {{...}}}}'
        )
    obj: Obj = dict(data[spec.singular])
    given = obj.get("sourcedId")
    if given is not None and given != sourced_id:
        raise errors.invalid(
            f"{what}: sourcedId {given!r} in the body does not match the path id {sourced_id!r}"
        )
    obj["sourcedId"] = sourced_id
    if "metadata" in obj and not isinstance(obj["metadata"], dict):
        raise errors.invalid(f"{what}: metadata must be an object")
    return obj


# --- lineItems ---------------------------------------------------------------------------


def check_line_item(state: SandboxState, obj: Obj) -> Obj:
    sid = obj["sourcedId"]
    what = f"lineItem {sid!r}"
    profile = state.profile
    title = _required_str(obj, "title", what)
    if profile.title_limit is not None and len(title) >= profile.title_limit:
        raise errors.invalid(
            f"{what}: title has {len(title)} characters ({title!r}); {profile.label} requires "
            f"fewer than {profile.title_limit}"
        )
    _optional_str(obj, "description", what)
    assign = _required_instant(obj, "assignDate", what)
    due = _required_instant(obj, "dueDate", what)
    class_id = _required_ref(obj, "class", what)
    category_id = _ref_field(obj, "category", what, profile.requires_category)
    period_id = _ref_field(obj, "gradingPeriod", what, profile.requires_grading_period)
    low = _required_number(obj, "resultValueMin", what)
    high = _required_number(obj, "resultValueMax", what)
    if high < low:
        raise errors.invalid(f"{what}: resultValueMax {high:g} is below resultValueMin {low:g}")
    if assign > due:
        raise errors.invalid(f"{what}: assignDate {assign} is after dueDate {due}")

    klass = _existing(state, "classes", class_id, what, "class")
    if klass.get("status") != "active":
        raise errors.invalid(
            f"{what}: class {class_id!r} is not active (status {klass.get('status')!r})"
        )
    period: Obj | None = None
    if period_id is not None:
        period = _existing(state, "academicSessions", period_id, what, "gradingPeriod")
        if period.get("type") != "gradingPeriod":
            raise errors.invalid(
                f"{what}: gradingPeriod {period_id!r} is a {period.get('type')!r} "
                "academicSession, not a gradingPeriod"
            )
    category = (
        _existing(state, "categories", category_id, what, "category")
        if category_id is not None
        else None
    )

    for touching in (obj, state.peek("lineItems", sid)):
        if touching is not None:
            raise_if_closed(state, touching)

    class_terms = set(ref_keys(klass, "terms"))
    if period is not None and period_id is not None:
        if not class_terms & set(_ancestors(state, period_id)):
            raise errors.invalid(
                f"{what}: gradingPeriod {period_id!r} is not a grading period of class "
                f"{class_id!r} (terms {', '.join(sorted(class_terms))})"
            )
        start, end = period.get("startDate", ""), period.get("endDate", "")
        if not (start <= due.isoformat() <= end):
            raise errors.invalid(
                f"{what}: dueDate {due} is outside gradingPeriod {period_id!r} ({start} to {end})"
            )
    if category is not None:
        if profile.category_style == "powerschool":
            _check_category_for_class(state, category, class_id, what)
        else:
            _check_titled_category_for_class(category, class_id, what)
    return obj


def _check_category_for_class(state: SandboxState, category: Obj, class_id: str, what: str) -> None:
    """PowerSchool: the row must be a class teacher's own (metadata.userDcid, or the first
    sandbox's metadata.teacher), of the class's school year (metadata.TermID, when it names
    a session), a copy of a district category and active (categoryType / isActive, when
    present: PowerSchool documents neither over OneRoster)."""
    cid = category["sourcedId"]
    meta = category.get("metadata") or {}
    label = f"category {cid!r} ({category.get('title')!r})"
    if category.get("status") != "active":
        raise errors.invalid(f"{what}: {label} is not active (status {category.get('status')!r})")
    kind = meta.get("categoryType")
    if kind is not None and kind != "district":
        raise errors.invalid(
            f"{what}: {label} is not a copy of a district category (metadata.categoryType {kind!r})"
        )
    owner_key, owner = _owner(meta)
    if owner is None:
        raise errors.invalid(
            f"{what}: {label} has no metadata.userDcid; PowerSchool ties every category to "
            "one teacher"
        )
    teachers = class_teachers(state, class_id)
    if owner_key == _LEGACY_OWNER:
        teacher = owner
    else:
        found = _teacher_by_dcid(state, owner)
        teacher = found["sourcedId"] if found is not None else owner
    if not any(_is_owner(state, t, owner_key, owner) for t in teachers):
        raise errors.invalid(
            f"{what}: {label} belongs to teacher {teacher!r} (metadata.{owner_key} "
            f"{owner!r}), who does not teach class {class_id!r}"
        )
    term = meta.get("TermID")
    if term is not None and state.peek("academicSessions", str(term)) is not None:
        klass = state.peek("classes", class_id) or {}
        years = {a for t in ref_keys(klass, "terms") for a in _ancestors(state, t)}
        if str(term) not in years:
            raise errors.invalid(
                f"{what}: {label} belongs to term {term!r} (metadata.TermID), not to a school "
                f"year of class {class_id!r}"
            )
    if meta.get("isActive", "true") != "true":
        raise errors.invalid(
            f"{what}: {label} is inactive in teacher {teacher}'s gradebook "
            f"(metadata.isActive {meta.get('isActive')!r})"
        )


def _check_titled_category_for_class(category: Obj, class_id: str, what: str) -> None:
    """Spec-literal: any active category, unless it is scoped to another class."""
    cid = category["sourcedId"]
    meta = category.get("metadata") or {}
    label = f"category {cid!r} ({category.get('title')!r})"
    if category.get("status") != "active" or meta.get("isActive", "true") == "false":
        raise errors.invalid(f"{what}: {label} is not active")
    scoped = meta.get("classId")
    if scoped is not None and scoped != class_id:
        raise errors.invalid(
            f"{what}: {label} belongs to class {scoped!r} (metadata.classId), not {class_id!r}"
        )


def _owner(meta: Obj) -> tuple[str, str | None]:
    """Which key names the owning teacher and its value."""
    if meta.get("userDcid") is not None:
        return "userDcid", str(meta["userDcid"])
    if meta.get(_LEGACY_OWNER) is not None:
        return _LEGACY_OWNER, str(meta[_LEGACY_OWNER])
    return "userDcid", None


def user_dcid(user: Obj) -> str:
    """A user's dcid: the identifier of its `userIds` entry of type "dcid", else its
    sourcedId (docs/sandbox.md)."""
    for entry in user.get("userIds") or ():
        if isinstance(entry, dict) and str(entry.get("type", "")).lower() == "dcid":
            return str(entry.get("identifier", ""))
    return str(user["sourcedId"])


def _is_owner(state: SandboxState, teacher: str, owner_key: str, owner: str) -> bool:
    if owner_key == _LEGACY_OWNER:
        return teacher == owner
    user = state.peek("users", teacher)
    return user is not None and user_dcid(user) == owner


def _teacher_by_dcid(state: SandboxState, dcid: str) -> Obj | None:
    for user in state.indexed("users", "role", "teacher"):
        if user_dcid(user) == dcid:
            return user
    return None


def class_teachers(state: SandboxState, class_id: str) -> set[str]:
    """Users with an active teacher enrollment in the class."""
    return {
        ref_keys(e, "user")[0]
        for e in state.indexed("enrollments", "class", class_id)
        if e.get("role") == "teacher" and e.get("status") == "active" and ref_keys(e, "user")
    }


def check_line_item_delete(state: SandboxState, sourced_id: str) -> Obj:
    line_item = state.peek("lineItems", sourced_id)
    if line_item is None:
        raise errors.unknown("lineItem", sourced_id)
    raise_if_closed(state, line_item)
    return line_item


# --- results -----------------------------------------------------------------------------


def check_result(state: SandboxState, obj: Obj) -> Obj:
    sid = obj["sourcedId"]
    what = f"result {sid!r}"
    line_item_id = _required_ref(obj, "lineItem", what)
    student_id = _required_ref(obj, "student", what)
    status = obj.get("scoreStatus")
    if status not in schema.SCORE_STATUSES:
        allowed = ", ".join(repr(s) for s in schema.SCORE_STATUSES)
        shown = "missing" if "scoreStatus" not in obj else repr(status)
        raise errors.invalid(f"{what}: scoreStatus must be one of {allowed}; got {shown}")
    _required_number(obj, "score", what)
    score_date = obj.get("scoreDate")
    if "scoreDate" not in obj:
        raise errors.invalid(f"{what}: scoreDate is required (YYYY-MM-DD)")
    if state.profile.score_date_datetime and isinstance(score_date, str):
        instant = parse_instant(score_date)
        if instant is not None:  # a datetime is stored as its date, as written
            score_date = obj["scoreDate"] = instant.date().isoformat()
    if not (isinstance(score_date, str) and _DATE.fullmatch(score_date) and _is_date(score_date)):
        raise errors.invalid(f"{what}: scoreDate must be a date YYYY-MM-DD, got {score_date!r}")
    _optional_str(obj, "comment", what)

    line_item = _existing(state, "lineItems", line_item_id, what, "lineItem")
    for touching in (line_item, _line_item_of(state, state.peek("results", sid))):
        if touching is not None:
            raise_if_closed(state, touching)
    student = _existing(state, "users", student_id, what, "student")
    if student.get("role") != "student":
        raise errors.invalid(
            f"{what}: student {student_id!r} is a user with role {student.get('role')!r}, "
            "not a student"
        )
    class_id = ref_keys(line_item, "class")[0]
    enrolled = any(
        e.get("role") == "student" and e.get("status") == "active"
        for e in state.indexed("enrollments", "user", student_id)
        if ref_keys(e, "class") == [class_id]
    )
    if not enrolled:
        raise errors.invalid(
            f"{what}: student {student_id!r} has no active enrollment in class {class_id!r} "
            f"(class of lineItem {line_item_id!r})"
        )
    return obj


def check_result_delete(state: SandboxState, sourced_id: str) -> Obj:
    result = state.peek("results", sourced_id)
    if result is None:
        raise errors.unknown("result", sourced_id)
    line_item = _line_item_of(state, result)
    if line_item is not None:
        raise_if_closed(state, line_item)
    return result


# --- categories --------------------------------------------------------------------------


def check_category(state: SandboxState, obj: Obj) -> Obj:
    sid = obj["sourcedId"]
    what = f"category {sid!r}"
    profile = state.profile
    title = _required_str(obj, "title", what)
    meta = obj.get("metadata") or {}
    teacher = meta.get(_LEGACY_OWNER)
    if teacher is not None:
        user = state.peek("users", teacher) if isinstance(teacher, str) else None
        if user is None:
            raise errors.invalid(f"{what}: metadata.teacher {teacher!r} is not a known user")
    if meta.get("categoryType", "district") not in ("district", "user"):
        raise errors.invalid(
            f"{what}: metadata.categoryType must be 'district' or 'user', got "
            f"{meta['categoryType']!r}"
        )
    if meta.get("isActive", "true") not in ("true", "false"):
        raise errors.invalid(
            f"{what}: metadata.isActive must be 'true' or 'false', got {meta['isActive']!r}"
        )
    if profile.category_style != "powerschool":
        return obj
    limit = profile.category_title_limit
    if limit is not None and len(title) > limit:
        raise errors.invalid(
            f"{what}: title has {len(title)} characters ({title!r}); {profile.label} allows "
            f"at most {limit} in a category title"
        )
    owner_key, owner = _owner(meta)
    if owner is None:
        raise errors.invalid(
            f"{what}: metadata.userDcid is required; PowerSchool ties every category to one teacher"
        )
    if owner_key == "userDcid" and _teacher_by_dcid(state, owner) is None:
        raise errors.invalid(f"{what}: metadata.userDcid {owner!r} is no teacher's dcid")
    existing = state.peek("categories", sid)
    if meta.get("categoryType") == "district" or (
        existing is not None and (existing.get("metadata") or {}).get("categoryType") != "user"
    ):
        raise errors.invalid(
            f"{what}: a copy of a district category cannot be created or changed over "
            "OneRoster, only a teacher's own category"
        )
    if profile.category_titles_unique_per_teacher:
        for other in state.values("categories"):
            other_meta = other.get("metadata") or {}
            if (
                other["sourcedId"] != sid
                and str(other.get("title", "")).strip().casefold() == title.strip().casefold()
                and _owner(other_meta) == (owner_key, owner)
            ):
                raise errors.invalid(
                    f"{what}: teacher {owner!r} already has a category titled {title!r} "
                    f"({other['sourcedId']!r}); titles are unique per teacher"
                )
    # the SIS knows a category made over OneRoster is the teacher's own
    obj["metadata"] = {**meta, "categoryType": "user"}
    return obj


def check_category_delete(state: SandboxState, sourced_id: str) -> Obj:
    category = state.peek("categories", sourced_id)
    if category is None:
        raise errors.unknown("category", sourced_id)
    used = [
        li["sourcedId"]
        for li in state.values("lineItems")
        if ref_keys(li, "category") == [sourced_id]
    ]
    if used:
        raise errors.invalid(
            f"category {sourced_id!r} is used by {len(used)} lineItem(s) (e.g. {used[0]!r}); "
            "PowerTeacher Pro keeps categories that hold assignments"
        )
    return category


# --- closed grading periods --------------------------------------------------------------


def raise_if_closed(state: SandboxState, line_item: Obj) -> None:
    """409 when the lineItem's grading period is closed, or when a closed grading period of
    its class overlaps its assignDate..dueDate (within or straddling)."""
    closed = state.closed_grading_periods
    if not closed:
        return
    sid = line_item.get("sourcedId")
    period = next(iter(ref_keys(line_item, "gradingPeriod")), None)
    if period in closed:
        raise errors.closed_period(period, f"lineItem {sid!r} is in it")
    assign = parse_instant(line_item.get("assignDate"))
    due = parse_instant(line_item.get("dueDate"))
    klass = state.peek("classes", next(iter(ref_keys(line_item, "class")), ""))
    if assign is None or due is None or klass is None:
        return
    terms = set(ref_keys(klass, "terms"))
    first, last = assign.date().isoformat(), due.date().isoformat()
    for candidate in sorted(closed):
        session = state.peek("academicSessions", candidate) or {}
        if not terms & set(_ancestors(state, candidate)):
            continue
        if session.get("startDate", "") <= last and first <= session.get("endDate", ""):
            raise errors.closed_period(
                candidate,
                f"lineItem {sid!r} runs from assignDate {first} to dueDate {last}, "
                f"which overlaps it ({session.get('startDate')} to {session.get('endDate')})",
            )


# --- helpers -----------------------------------------------------------------------------


def _ancestors(state: SandboxState, session_id: str) -> list[str]:
    """The session itself and its parents up the chain (cycles cut)."""
    chain: list[str] = []
    current: str | None = session_id
    while current is not None and current not in chain:
        chain.append(current)
        session = state.peek("academicSessions", current)
        parents = ref_keys(session, "parent") if session is not None else []
        current = parents[0] if parents else None
    return chain


def _line_item_of(state: SandboxState, result: Obj | None) -> Obj | None:
    if result is None:
        return None
    ids = ref_keys(result, "lineItem")
    return state.peek("lineItems", ids[0]) if ids else None


def _existing(state: SandboxState, collection: str, sid: str, what: str, field: str) -> Obj:
    obj = state.peek(collection, sid)
    if obj is None:
        raise errors.invalid(f"{what}: {field} {sid!r} not found")
    return obj


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _required_str(obj: Obj, field: str, what: str) -> str:
    if field not in obj:
        raise errors.invalid(f"{what}: {field} is required")
    value = obj[field]
    if not isinstance(value, str) or not value.strip():
        raise errors.invalid(
            f"{what}: {field} must be a non-empty string, got {_type_name(value)} {value!r}"
        )
    return value


def _optional_str(obj: Obj, field: str, what: str) -> None:
    if obj.get(field) is not None and not isinstance(obj[field], str):
        raise errors.invalid(f"{what}: {field} must be a string, got {_type_name(obj[field])}")


def _required_number(obj: Obj, field: str, what: str) -> float:
    if field not in obj:
        raise errors.invalid(f"{what}: {field} is required (a number)")
    value = obj[field]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise errors.invalid(f"{what}: {field} must be a number, got {_type_name(value)} {value!r}")
    return float(value)


def _required_instant(obj: Obj, field: str, what: str) -> date:
    if field not in obj:
        raise errors.invalid(f"{what}: {field} is required (ISO 8601 date or datetime)")
    instant = parse_instant(obj[field])
    if instant is None:
        raise errors.invalid(
            f"{what}: {field} must be an ISO 8601 date or datetime, got {obj[field]!r}"
        )
    return instant.date()


def _ref_field(obj: Obj, field: str, what: str, required: bool) -> str | None:
    """A GUIDRef field's sourcedId; absent (or null) is refused only when `required`."""
    if not required and obj.get(field) is None:
        obj.pop(field, None)
        return None
    return _required_ref(obj, field, what)


def _required_ref(obj: Obj, field: str, what: str) -> str:
    if field not in obj:
        raise errors.invalid(f"{what}: {field} is required (a GUIDRef with a sourcedId)")
    value = obj[field]
    if not isinstance(value, dict) or not isinstance(value.get("sourcedId"), str):
        raise errors.invalid(
            f"{what}: {field} must be a GUIDRef object with a string sourcedId, got {value!r}"
        )
    return str(value["sourcedId"])


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True

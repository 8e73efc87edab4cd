"""What passback writes to the SIS (docs/sync.md): deterministic sourcedIds, the lineItem and
result payloads, and the fingerprint that tells whether two versions of an object differ.

sourcedIds are derived from district, assessment, class (and student), so every write is an
idempotent PUT: a retry, a replay after a crash or a lost response can never duplicate.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from passback.core.domain import Assessment, ObjectKind
from passback.core.eligibility import LineItemDecision, ResultDecision
from passback.core.profiles import profile_of
from passback.core.refs import ref_id

LINE_ITEM_PREFIX = "pbl-"
RESULT_PREFIX = "pbr-"
_SEP = "\x1f"


# Ids are lower-case hex digits of SHA-256s: safe in a URL path and in any SIS that compares
# ids without regard to case. A lineItem's id is 24 digits (96 bits) of the hash of district,
# assessment and class. A result's id is its lineItem's own 16 digits (64 bits, of a hash of
# the same three) followed by 12 digits (48 bits) of the hash of the student: a run derives
# one result id per score, and both halves repeat (every student of a lineItem, every
# lineItem of a student), so a run hashes each class's assessments and each student once.
# Two results share an id only if two of a district's lineItems share their 64 bits and two
# students their 48 (or two students of one lineItem their 48: for half a million lineItems
# of 40 students each, about one chance in a million).
def _digest(*parts: str) -> str:
    return hashlib.sha256(_SEP.join(parts).encode()).hexdigest()


@functools.lru_cache(maxsize=1 << 16)
def line_item_id(district: str, assessment: str, class_id: str) -> str:
    return LINE_ITEM_PREFIX + _digest("li", district, assessment, class_id)[:24]


@functools.lru_cache(maxsize=1 << 16)
def result_id_prefix(district: str, assessment: str, class_id: str) -> str:
    """What the ids of the results of one lineItem start with."""
    return RESULT_PREFIX + _digest("r", district, assessment, class_id)[:16]


@functools.lru_cache(maxsize=1 << 18)
def student_part(student: str) -> str:
    """How a result id ends: the same for a student under every lineItem."""
    return _digest("s", student)[:12]


def result_id(district: str, assessment: str, class_id: str, student: str) -> str:
    return result_id_prefix(district, assessment, class_id) + student_part(student)


def _noon(day: date) -> str:
    # PowerTeacher Pro stores dates without a time; noon UTC keeps the calendar day the same
    # in every US time zone.
    return f"{day.isoformat()}T12:00:00Z"


def line_item_payload(
    sourced_id: str,
    assessment: Assessment,
    decision: LineItemDecision,
    *,
    profile: str = "powerschool",
) -> dict[str, Any]:
    assert decision.send and assessment.due_on is not None
    assert decision.category is not None and decision.grading_period is not None
    payload: dict[str, Any] = {
        "sourcedId": sourced_id,
        "status": "active",
        "title": assessment.title,
        "description": assessment.description or "",
        "assignDate": _noon(assessment.assigned_on),
        "dueDate": _noon(assessment.due_on),
        "class": {"sourcedId": decision.class_id, "type": "class"},
        "category": {"sourcedId": decision.category, "type": "category"},
        "gradingPeriod": {"sourcedId": decision.grading_period, "type": "academicSession"},
        "resultValueMin": 0.0,
        "resultValueMax": float(assessment.points_possible or 0),
    }
    metadata = profile_of(profile).line_item_metadata
    if metadata:
        payload["metadata"] = dict(metadata)
    return payload


# what passback owns of the objects it writes (docs/sync.md): an update replaces these and keeps
# every other field and metadata key the SIS returned (a weight, a teacher's category)
LINE_ITEM_FIELDS = (
    "title",
    "description",
    "assignDate",
    "dueDate",
    "gradingPeriod",
    "resultValueMin",
    "resultValueMax",
)
LINE_ITEM_METADATA = ("scoreType",)
RESULT_FIELDS = ("score", "scoreStatus", "scoreDate", "comment")


def merge_line_item(current: Mapping[str, Any], payload: Mapping[str, Any]) -> dict[str, Any]:
    """The SIS's lineItem with passback's fields of `payload` put in: everything else the SIS
    holds (the category, a weight in metadata, vendor fields) is kept as it is. A lineItem
    without a category in the SIS gets passback's."""
    merged = _merge(current, payload, LINE_ITEM_FIELDS)
    if not category_of(current) and "category" in payload:
        merged["category"] = payload["category"]
    ours = payload.get("metadata")
    if isinstance(ours, Mapping):
        theirs = current.get("metadata")
        metadata = dict(theirs) if isinstance(theirs, Mapping) else {}
        for key in LINE_ITEM_METADATA:
            if key in ours:
                metadata[key] = ours[key]
        merged["metadata"] = metadata
    return merged


def merge_result(current: Mapping[str, Any], payload: Mapping[str, Any]) -> dict[str, Any]:
    """The SIS's result with passback's fields of `payload` put in (docs/sync.md)."""
    return _merge(current, payload, RESULT_FIELDS)


def _merge(
    current: Mapping[str, Any], payload: Mapping[str, Any], owned: tuple[str, ...]
) -> dict[str, Any]:
    merged = {k: v for k, v in current.items() if k != "dateLastModified"}
    for key in ("sourcedId", "status"):
        if key in payload:
            merged[key] = payload[key]
    for key in owned:
        if key in payload:
            merged[key] = payload[key]
        else:
            merged.pop(key, None)  # passback's field, not set now (e.g. no comment)
    for key in ("class", "lineItem", "student"):
        if key in payload and key not in merged:
            merged[key] = payload[key]
    return merged


def result_payload(
    sourced_id: str, line_item_sourced_id: str, decision: ResultDecision
) -> dict[str, Any]:
    assert decision.send and decision.score_date is not None
    payload: dict[str, Any] = {
        "sourcedId": sourced_id,
        "status": "active",
        "lineItem": {"sourcedId": line_item_sourced_id, "type": "lineItem"},
        "student": {"sourcedId": decision.student, "type": "user"},
        "scoreStatus": decision.status,
        "score": decision.score,
        "scoreDate": decision.score_date.isoformat(),
    }
    if decision.comment:
        payload["comment"] = decision.comment
    return payload


class ResultPayload(Mapping[str, Any]):
    """`result_payload(sourced_id, line_item, decision)`, built when first read. A run plans
    millions of results and writes few of them: most payloads are never read."""

    __slots__ = ("_args", "_built")

    def __init__(self, sourced_id: str, line_item: str, decision: ResultDecision) -> None:
        self._args = (sourced_id, line_item, decision)
        self._built: dict[str, Any] | None = None

    def _payload(self) -> dict[str, Any]:
        if self._built is None:
            self._built = result_payload(*self._args)
        return self._built

    def __getitem__(self, key: str) -> Any:
        return self._payload()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._payload())

    def __len__(self) -> int:
        return len(self._payload())

    def __repr__(self) -> str:
        return repr(self._payload())


def _ref(obj: Mapping[str, Any], key: str) -> str:
    """The id `obj[key]` names, "" for none: a reference object's (`ref_id`), or a bare id
    some SIS answer with instead of a reference."""
    value = obj.get(key)
    if value.__class__ is dict:  # `ref_id`'s usual case inlined: twice per result compared
        sid = value.get("sourcedId")
        if sid.__class__ is str:
            return sid.strip()
    if isinstance(value, Mapping):
        return ref_id(value) or ""
    return str(value or "").strip()


def _num(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _day(value: Any) -> str:
    return str(value or "")[:10]


def _text(value: Any) -> str:
    # `str(value or "")`, without the call for the usual case
    return value if value.__class__ is str else str(value or "")


def fingerprint(kind: ObjectKind, obj: Mapping[str, Any]) -> tuple[Any, ...]:
    """The fields that matter, normalised, so a payload passback built and the object the SIS
    returns compare equal when they say the same thing."""
    get = obj.get
    if kind is ObjectKind.LINE_ITEM:
        return (
            _text(get("title")),
            _text(get("description")),
            _day(get("assignDate")),
            _day(get("dueDate")),
            _ref(obj, "class"),
            _ref(obj, "category"),
            _ref(obj, "gradingPeriod"),
            _num(get("resultValueMin")),
            _num(get("resultValueMax")),
        )
    score = get("score")
    return (
        _ref(obj, "lineItem"),
        _ref(obj, "student"),
        _text(get("scoreStatus")),
        float(score) if score.__class__ is float or score.__class__ is int else _num(score),
        _day(get("scoreDate")),
        _text(get("comment")),
    )


def result_fingerprint(line_item: str, decision: ResultDecision) -> tuple[Any, ...]:
    """`fingerprint(RESULT, result_payload(…, line_item, decision))`, from the decision."""
    assert decision.score_date is not None
    return (
        line_item.strip(),
        decision.student.strip(),
        decision.status or "",
        float(decision.score) if decision.score is not None else None,
        decision.score_date.isoformat(),
        decision.comment or "",
    )


def same_result(obj: Mapping[str, Any], fp: tuple[Any, ...]) -> bool:
    """True when a result object as the SIS returns it (references as objects, the score a
    number) has the fingerprint `fp`. A quick check for the usual shape: False means only
    "not shown here", so callers then compare `fingerprint(obj)` itself. (Where the quick
    check says True, `fingerprint` would agree: a score of 8 or true compares as 8.0 or 1.0
    there too, a missing or empty comment as "".)"""
    return _says(obj, *fp)


def _says(
    obj: Mapping[str, Any],
    line_item: str,
    student: str,
    status: str,
    score: float | None,
    day: str,
    comment: str,
) -> bool:
    """`same_result` of the fingerprint made of these values."""
    try:
        return bool(
            obj["scoreStatus"] == status
            and obj["score"] == score
            and obj["scoreDate"][:10] == day
            and (obj.get("comment") or "") == comment
            and obj["student"]["sourcedId"] == student
            and obj["lineItem"]["sourcedId"] == line_item
        )
    except (KeyError, TypeError):
        return False


_DUMPS = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def fingerprint_hash(fp: tuple[Any, ...]) -> str:
    """`content_hash` of an object with this fingerprint."""
    text: str = _DUMPS(fp)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def result_hash(fp: tuple[Any, ...]) -> str:
    """The ledger's `content_hash` of a result with this fingerprint (once per score).

    The usual content (a status, a score, a day and a short comment, none holding the
    separator) is written out as is after "=": shorter than a digest, and nothing to compute.
    The lineItem and the student are left out of it: the result's sourcedId, the ledger's
    key, is derived from them. Anything else is `fingerprint_hash` of the whole fingerprint
    (hex digits: never "=" first)."""
    return _content_text(*fp[2:]) or fingerprint_hash(fp)


def _content_text(status: str, score: float | None, day: str, comment: str) -> str | None:
    """The "=" form of `result_hash` for these values, None when they do not take it."""
    if (
        score.__class__ is float
        and len(status) <= 24
        and len(comment) <= 64
        and _SEP not in status
        and _SEP not in comment
    ):
        return f"={status}{_SEP}{score!r}{_SEP}{day}{_SEP}{comment}"
    return None


def steady_result(
    obj: Mapping[str, Any], ledger_hash: str, line_item: str, decision: ResultDecision
) -> bool:
    """True in the usual nightly case: the ledger's `content_hash` is the decision's and
    the SIS object says what the decision says (`same_result` of its fingerprint), worked
    out without building the fingerprint. False means only "not shown here"."""
    status, score, day = decision.status, decision.score, decision.score_date
    if status is None or day is None:
        return False
    text, comment = day.isoformat(), decision.comment or ""
    return ledger_hash == _content_text(status, score, text, comment) and _says(
        obj, line_item, decision.student, status, score, text, comment
    )


def content_hash(kind: ObjectKind, obj: Mapping[str, Any]) -> str:
    """The ledger's `content_hash` of an object as it was written."""
    fp = fingerprint(kind, obj)
    return result_hash(fp) if kind is ObjectKind.RESULT else fingerprint_hash(fp)


def category_of(obj: Mapping[str, Any]) -> str:
    return _ref(obj, "category")


def score_of(obj: Mapping[str, Any]) -> tuple[float | None, str]:
    return _num(obj.get("score")), str(obj.get("scoreStatus") or "")

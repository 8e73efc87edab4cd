"""What passback writes to the SIS (SPEC §4): deterministic sourcedIds, the lineItem and
result payloads, and the fingerprint that tells whether two versions of an object differ.

sourcedIds are derived from district, assessment, class (and student), so every write is an
idempotent PUT: a retry, a replay after a crash or a lost response can never duplicate.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from passback.domain import Assessment, ObjectKind
from passback.eligibility import LineItemDecision, ResultDecision

LINE_ITEM_PREFIX = "pbl-"
RESULT_PREFIX = "pbr-"
_SEP = "\x1f"


def _digest(*parts: str) -> str:
    raw = hashlib.sha256(_SEP.join(parts).encode()).digest()
    return base64.b32encode(raw).decode("ascii")[:24].lower()


def line_item_id(district: str, assessment: str, class_id: str) -> str:
    return LINE_ITEM_PREFIX + _digest("li", district, assessment, class_id)


def result_id(district: str, assessment: str, class_id: str, student: str) -> str:
    return RESULT_PREFIX + _digest("r", district, assessment, class_id, student)


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
    if profile == "powerschool":
        payload["metadata"] = {"scoreType": "POINTS"}
    return payload


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


def _ref(obj: Mapping[str, Any], key: str) -> str:
    value = obj.get(key)
    if isinstance(value, Mapping):
        return str(value.get("sourcedId", "")).strip()
    return str(value or "").strip()


def _num(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _day(value: Any) -> str:
    return str(value or "")[:10]


def fingerprint(kind: ObjectKind, obj: Mapping[str, Any]) -> tuple[Any, ...]:
    """The fields that matter, normalised, so a payload passback built and the object the SIS
    returns compare equal when they say the same thing."""
    if kind is ObjectKind.LINE_ITEM:
        return (
            str(obj.get("title") or ""),
            str(obj.get("description") or ""),
            _day(obj.get("assignDate")),
            _day(obj.get("dueDate")),
            _ref(obj, "class"),
            _ref(obj, "category"),
            _ref(obj, "gradingPeriod"),
            _num(obj.get("resultValueMin")),
            _num(obj.get("resultValueMax")),
        )
    return (
        _ref(obj, "lineItem"),
        _ref(obj, "student"),
        str(obj.get("scoreStatus") or ""),
        _num(obj.get("score")),
        _day(obj.get("scoreDate")),
        str(obj.get("comment") or ""),
    )


def content_hash(kind: ObjectKind, obj: Mapping[str, Any]) -> str:
    text = json.dumps(fingerprint(kind, obj), separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def category_of(obj: Mapping[str, Any]) -> str:
    return _ref(obj, "category")


def score_of(obj: Mapping[str, Any]) -> tuple[float | None, str]:
    return _num(obj.get("score")), str(obj.get("scoreStatus") or "")

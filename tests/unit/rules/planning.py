"""Helpers for the planner tests: SIS objects written by hand the way PowerSchool returns them,
ledger entries built from them, one call from platform data to a plan, and the real apply step
over the in-memory gradebook and ledger of `passback.testing`.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from passback.core.domain import Assessment, District, LedgerEntry, ObjectKind, Score
from passback.core.plan import Action, Plan, PlanItem
from passback.core.planner import make_plan
from passback.core.sis_view import SisContext
from passback.core.writes import content_hash, line_item_id, result_id
from passback.sync.apply import Applier
from passback.testing import InMemoryGradebook, InMemoryLedger

from .builders import DISTRICT_ID, TODAY, context, district, run_rules

LI = ObjectKind.LINE_ITEM
RES = ObjectKind.RESULT
BASE = "https://sis.example.org/ims/oneroster/v1p1"

Sis = dict[str, dict[str, Any]]
Ledger = dict[str, LedgerEntry]
WRITTEN_AT = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)


def ref(collection: str, sourced_id: str, type_: str) -> dict[str, str]:
    return {"href": f"{BASE}/{collection}/{sourced_id}", "sourcedId": sourced_id, "type": type_}


def li_id(assessment: str = "A-100", class_id: str = "CLS-7A") -> str:
    return line_item_id(DISTRICT_ID, assessment, class_id)


def res_id(student: str, assessment: str = "A-100", class_id: str = "CLS-7A") -> str:
    return result_id(DISTRICT_ID, assessment, class_id, student)


def sis_line_item(
    assessment: str = "A-100",
    class_id: str = "CLS-7A",
    *,
    title: str = "Unit 1 Test",
    category: str = "CAT-Tests-T-1",
    period: str = "GP-Q2",
    assigned: str = "2026-10-20",
    due: str = "2026-10-27",
    max_points: float = 20,
) -> dict[str, Any]:
    """A lineItem as the SIS returns it (refs with hrefs, its own date format)."""
    sid = li_id(assessment, class_id)
    return {
        "sourcedId": sid,
        "status": "active",
        "dateLastModified": "2026-10-28T07:00:00.000Z",
        "metadata": {"scoreType": "POINTS"},
        "title": title,
        "description": "",
        "assignDate": f"{assigned}T12:00:00.000Z",
        "dueDate": f"{due}T12:00:00.000Z",
        "class": ref("classes", class_id, "class"),
        "category": ref("categories", category, "category"),
        "gradingPeriod": ref("academicSessions", period, "academicSession"),
        "resultValueMin": 0,
        "resultValueMax": max_points,
    }


def sis_result(
    student: str,
    score: float,
    status: str = "fully graded",
    scored: str = "2026-10-28",
    *,
    assessment: str = "A-100",
    class_id: str = "CLS-7A",
    sourced_id: str | None = None,
) -> dict[str, Any]:
    sid = sourced_id or res_id(student, assessment, class_id)
    return {
        "sourcedId": sid,
        "status": "active",
        "dateLastModified": "2026-10-28T07:00:00.000Z",
        "lineItem": ref("lineItems", li_id(assessment, class_id), "lineItem"),
        "student": ref("users", student, "user"),
        "score": score,
        "scoreStatus": status,
        "scoreDate": scored,
    }


def _sid(obj: Mapping[str, Any], key: str) -> str:
    return str(obj[key]["sourcedId"])


def ledger_of(obj: Mapping[str, Any], assessment: str = "A-100") -> LedgerEntry:
    """The ledger entry passback would hold after writing `obj` (a lineItem or a result)."""
    written = datetime(2026, 10, 28, 7, 0, tzinfo=UTC)
    if "lineItem" in obj:
        li = obj["lineItem"]["sourcedId"]
        return LedgerEntry(
            district=DISTRICT_ID,
            sourced_id=obj["sourcedId"],
            kind=RES,
            assessment=assessment,
            class_id=_class_of(li, assessment),
            student=_sid(obj, "student"),
            line_item=li,
            content_hash=content_hash(RES, obj),
            written_at=written,
            score=float(obj["score"]),
            score_status=obj["scoreStatus"],
        )
    return LedgerEntry(
        district=DISTRICT_ID,
        sourced_id=obj["sourcedId"],
        kind=LI,
        assessment=assessment,
        class_id=_sid(obj, "class"),
        student=None,
        line_item=None,
        content_hash=content_hash(LI, obj),
        written_at=written,
        category=_sid(obj, "category"),
        grading_period=_sid(obj, "gradingPeriod"),
    )


def _class_of(line_item: str, assessment: str) -> str:
    for class_id in ("CLS-7A", "CLS-7B", "CLS-S2"):
        if li_id(assessment, class_id) == line_item:
            return class_id
    raise AssertionError(f"no known class for lineItem {line_item}")


def state(
    *objects: dict[str, Any], ledger: Iterable[dict[str, Any]] | None = None
) -> tuple[Sis, Ledger]:
    """SIS holding `objects`; the ledger records `ledger` (default: all of them)."""
    sis = {o["sourcedId"]: copy.deepcopy(o) for o in objects}
    written = objects if ledger is None else ledger
    entries = {o["sourcedId"]: ledger_of(o) for o in written}
    return sis, entries


def plan_for(
    assessments: Sequence[Assessment],
    scores: Sequence[Score] = (),
    *,
    sis: Mapping[str, Mapping[str, Any]] | None = None,
    ledger: Mapping[str, LedgerEntry] | None = None,
    dist: District | None = None,
    ctx: SisContext | None = None,
    today: date = TODAY,
    classes: Iterable[str] | None = None,
) -> Plan:
    """Rules then planner, as a run does it."""
    dist, ctx = dist or district(), ctx or context()
    sent = {
        (e.assessment, e.class_id)
        for e in (ledger or {}).values()
        if e.kind is ObjectKind.LINE_ITEM
    }
    line_items, results = run_rules(assessments, scores, dist=dist, ctx=ctx, today=today, sent=sent)
    return make_plan(
        district=dist,
        assessments={a.id: a for a in assessments},
        line_items=line_items,
        results=results,
        ledger=list((ledger or {}).values()),
        sis=sis or {},
        now=datetime.combine(today, time(12), UTC),
        classes=None if classes is None else set(classes),
        category_names={c.sourced_id: c.title for c in ctx.categories},
    )


def apply(plan: Plan, sis: MutableMapping[str, Any], ledger: MutableMapping[str, Any]) -> None:
    """The apply step itself (`passback.sync.apply.Applier`) over the shipped in-memory
    gradebook and ledger, sharing the test's `sis` and `ledger` dicts: creates and updates
    are PUT (an update starts from the SIS's lineItem as it is), deletes remove, and an
    unchanged object with a record brings the ledger up to date. Every write succeeds."""
    gradebook = InMemoryGradebook(sis, clock=lambda: WRITTEN_AT)
    items = asyncio.run(Applier(gradebook, InMemoryLedger(ledger)).apply(plan))
    assert not [i for i in items if i.action is Action.ERROR], items


def writes(plan: Plan) -> list[PlanItem]:
    return [i for i in plan.items if i.writes]


def actions(plan: Plan) -> dict[tuple[str, str, str | None], Action]:
    """(kind, class, student) -> action; for plans of a single assessment."""
    return {(i.kind.value, i.class_id, i.student): i.action for i in plan.items}


def item(plan: Plan, student: str | None = None, assessment: str = "A-100") -> PlanItem:
    """The one item of a lineItem (student None) or of a student's result."""
    found = [i for i in plan.items if i.student == student and i.assessment == assessment]
    assert len(found) == 1, found
    return found[0]

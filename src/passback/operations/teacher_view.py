"""The teacher's view of the latest run: each of their classes and assessments, every score
with what happened to it and why, in the words a teacher reads (what to fix, not codes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from passback.core.plan import ACTIONS as ACTIONS  # the API and console check filters with it
from passback.core.reasons import Reason
from passback.core.report import (
    ReportFilter,
    RunSummary,
)
from passback.oneroster.errors import OneRosterError
from passback.operations import sis
from passback.operations.names import Names
from passback.operations.reports import Selection, TeacherScope, iter_report, latest_run
from passback.operations.sis import SisUnavailable
from passback.secrets import SecretBox
from passback.store import ledger, source
from passback.store.db import session_scope

STATUS_WORDS = {
    "create": ("sent", "Sent to the gradebook"),
    "update": ("sent", "Sent to the gradebook (updated)"),
    "unchanged": ("sent", "In the gradebook, up to date"),
    "delete": ("removed", "Removed from the gradebook"),
    "skip": ("skipped", "Not sent"),
    "conflict": ("conflict", "Changed in the gradebook by a teacher; left as it is"),
    "error": ("error", "Refused by the SIS"),
}
DRY_WORDS = {
    "create": ("pending", "Will be sent on the next sync"),
    "update": ("pending", "Will be updated on the next sync"),
    "delete": ("pending", "Will be removed on the next sync"),
}


def status_of(item: Mapping[str, Any], dry_run: bool) -> tuple[str, str]:
    action = str(item["action"])
    if dry_run and action in DRY_WORDS:
        return DRY_WORDS[action]
    return STATUS_WORDS.get(action, (action, action))


def reasons_explained(codes: list[str]) -> list[dict[str, str]]:
    out = []
    for code in codes:
        try:
            out.append({"code": code, "message": Reason(code).message})
        except ValueError:
            out.append({"code": code, "message": code})
    return out


@dataclass
class AssessmentStatus:
    assessment: str
    title: str
    class_id: str
    line_item: dict[str, Any] | None = None
    scores: list[dict[str, Any]] = field(default_factory=list)
    # scores not sent because the whole assessment was not: counted, not listed per student
    held_back: int = 0

    @property
    def problems(self) -> int:
        """Scores (and the assessment itself) that did not pass back and need someone."""
        own = 1 if self.line_item and self.line_item["status"] in PROBLEMS else 0
        return own + sum(1 for s in self.scores if s["status"] in PROBLEMS)


PROBLEMS = ("skipped", "conflict", "error")


@dataclass
class ClassStatus:
    class_id: str
    title: str
    assessments: list[AssessmentStatus]

    @property
    def needs_attention(self) -> int:
        return sum(a.problems for a in self.assessments)


@dataclass
class TeacherView:
    run: RunSummary | None
    scope: TeacherScope
    classes: list[ClassStatus]
    names: Names | None = None
    sis_notice: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "teacher": self.scope.teacher,
            "run": self.run.id if self.run else None,
            "dry_run": self.run.dry_run if self.run else None,
            "as_of": self.run.as_of.isoformat() if self.run else None,
            "notice": self.scope.sis_error,
            "classes": [
                {
                    "class": c.class_id,
                    "title": c.title,
                    "needs_attention": c.needs_attention,
                    "assessments": [
                        {
                            "assessment": a.assessment,
                            "title": a.title,
                            "line_item": a.line_item,
                            "scores": a.scores,
                            "held_back": a.held_back,
                        }
                        for a in c.assessments
                    ],
                }
                for c in self.classes
            ],
        }


def _value(score: float | None, status: str | None) -> str:
    if score is None:
        return status.replace("_", " ") if status else ""
    shown = f"{score:g}"
    if status and status not in ("fully graded", "fullyGraded"):
        shown += f" ({status})"
    return shown


def _sis_values(
    engine: Engine, box: SecretBox, district: str, class_ids: list[str]
) -> tuple[dict[str, str], str | None]:
    """What the SIS holds now for the results of these classes: sourcedId -> value."""

    async def work(client: Any) -> dict[str, str]:
        out: dict[str, str] = {}
        for cid in class_ids:
            try:
                results = await client.results_for_class(cid)
            except OneRosterError as exc:
                if exc.status == 404:  # a class the SIS does not know has no results there
                    continue
                raise
            for result in results:
                out[result.sourcedId] = _value(result.score, result.scoreStatus)
        return out

    if not class_ids:
        return {}, None
    try:
        return sis.run(engine, box, district, work), None
    except SisUnavailable as exc:
        return {}, f"The SIS's current values could not be read: {exc}"


def teacher_view(
    engine: Engine,
    district: str,
    scope: TeacherScope,
    *,
    class_id: str | None = None,
    box: SecretBox | None = None,
    names: Names | None = None,
) -> TeacherView:
    run = latest_run(engine, district)
    names = names or Names()
    if run is None:
        return TeacherView(None, scope, [], names)
    with session_scope(engine, read_only=True) as session:
        titles = {a.id: a.title for a in source.load_assessments(session, district)}
    groups: dict[tuple[str, str], AssessmentStatus] = {}
    held: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for item in iter_report(engine, run.id, Selection(ReportFilter(class_id=class_id), scope)):
        key = (item["class"], item["assessment"])
        group = groups.setdefault(
            key,
            AssessmentStatus(item["assessment"], titles.get(item["assessment"], ""), item["class"]),
        )
        status, words = status_of(item, run.dry_run)
        row = {
            "student": item["student"],
            "student_name": (item.get("names") or {}).get("student") or "",
            "sourced_id": item.get("sourcedId"),
            "action": item["action"],
            "status": status,
            "status_text": words,
            "reasons": reasons_explained(item["reasons"]),
            "codes": list(item["reasons"]),
            "message": item["message"],
            "details": item.get("details"),
        }
        if item["kind"] == "lineItem":
            group.line_item = row
        else:
            held.setdefault(key, []).append(row)
    for key, rows in held.items():
        group = groups[key]
        shared = set(group.line_item["codes"]) if group.line_item else set()
        for row in rows:
            # A score skipped only for its assessment's reasons says nothing new per student:
            # the assessment's row carries the reason once.
            if row["action"] == "skip" and shared and set(row["codes"]) <= shared:
                group.held_back += 1
            else:
                group.scores.append(row)
    by_class: dict[str, list[AssessmentStatus]] = {}
    for (cid, _), group in sorted(groups.items()):
        by_class.setdefault(cid, []).append(group)
    sis_notice = None
    if box is not None and by_class:
        with session_scope(engine, read_only=True) as session:
            sent = {
                e.sourced_id: _value(e.score, e.score_status)
                for e in ledger.load_ledger(session, district, class_ids=list(by_class))
            }
        now, sis_notice = _sis_values(engine, box, district, sorted(by_class))
        for groups_of in by_class.values():
            for group in groups_of:
                for row in group.scores:
                    rid = row["sourced_id"]
                    row["sent_value"] = sent.get(rid, "") if rid else ""
                    row["sis_value"] = now.get(rid, "") if rid else ""
    classes = [
        ClassStatus(cid, scope.classes.get(cid) or names.class_title(cid) or cid, assessments)
        for cid, assessments in sorted(by_class.items())
    ]
    return TeacherView(run, scope, classes, names, sis_notice)

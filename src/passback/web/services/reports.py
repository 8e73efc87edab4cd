"""Runs and reports for the console and the API: history, one report filtered (action,
reason, class, teacher, assessment, student) and paged, CSV export, the teacher's view,
and the numbers behind the plots."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine

from passback.reasons import Reason
from passback.report import RunSummary, item_message
from passback.secrets import SecretBox
from passback.store import run_stats, runs, source
from passback.store.db import session_scope
from passback.web.services import sis
from passback.web.services.sis import SisUnavailable

ACTIONS = ("create", "update", "delete", "unchanged", "skip", "conflict", "error")
FILTERS = ("action", "reason", "class_id", "assessment", "student")


@dataclass(frozen=True)
class TeacherScope:
    """What one teacher may see: the classes they teach and the assessments they assigned."""

    teacher: str
    classes: Mapping[str, str]
    assessments: frozenset[str]
    sis_error: str | None = None

    def covers(self, item: Mapping[str, Any]) -> bool:
        return item["class"] in self.classes or item["assessment"] in self.assessments


def teacher_scope(engine: Engine, box: SecretBox, district: str, teacher: str) -> TeacherScope:
    error = None
    try:
        classes = sis.teacher_classes(engine, box, district, teacher)
    except SisUnavailable as exc:
        classes, error = {}, f"Classes taught could not be read from the SIS: {exc}"
    with session_scope(engine, read_only=True) as session:
        assigned = frozenset(
            a.id for a in source.load_assessments(session, district) if a.assigned_by == teacher
        )
    return TeacherScope(teacher, classes, assigned, error)


def run_of(engine: Engine, run_id: str) -> RunSummary | None:
    with session_scope(engine, read_only=True) as session:
        return runs.get_run(session, run_id)


def history(engine: Engine, district: str, *, limit: int = 50) -> list[RunSummary]:
    with session_scope(engine, read_only=True) as session:
        return runs.list_runs(session, district, limit=limit)


@dataclass(frozen=True)
class ReportPage:
    run: RunSummary
    items: list[dict[str, Any]]
    matching: int
    offset: int
    limit: int
    reasons: Counter[str] = field(default_factory=Counter)
    classes: tuple[str, ...] = ()

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.matching


def iter_report(
    engine: Engine,
    run_id: str,
    filters: Mapping[str, str | None],
    scope: TeacherScope | None = None,
) -> Iterator[dict[str, Any]]:
    """A run's items matching the filters (and the teacher's scope), with messages that
    say how to fix each reason."""
    wanted = {k: v for k, v in filters.items() if k in FILTERS and v}
    with session_scope(engine, read_only=True) as session:
        for item in runs.iter_items(session, run_id, **wanted):
            if scope is not None and not scope.covers(item):
                continue
            yield {**item, "message": item_message(item["reasons"], item["message"])}


def report_page(
    engine: Engine,
    run: RunSummary,
    filters: Mapping[str, str | None],
    *,
    scope: TeacherScope | None = None,
    offset: int = 0,
    limit: int = 200,
) -> ReportPage:
    items: list[dict[str, Any]] = []
    matching = 0
    reasons: Counter[str] = Counter()
    classes: set[str] = set()
    for item in iter_report(engine, run.id, filters, scope):
        if offset <= matching < offset + limit:
            items.append(item)
        matching += 1
        classes.add(item["class"])
        if item["action"] == "skip":
            reasons.update(item["reasons"])
    return ReportPage(run, items, matching, offset, limit, reasons, tuple(sorted(classes)))


def report_csv(
    engine: Engine,
    run: RunSummary,
    filters: Mapping[str, str | None],
    scope: TeacherScope | None = None,
) -> Iterator[str]:
    """The filtered report as CSV, a line at a time (for streaming)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    columns = ["run", "kind", "assessment", "class", "student", "action", "reasons", "message"]
    writer.writerow(columns)
    yield _drain(buffer)
    for item in iter_report(engine, run.id, filters, scope):
        writer.writerow(
            [
                run.id,
                item["kind"],
                item["assessment"],
                item["class"],
                item["student"] or "",
                item["action"],
                " ".join(item["reasons"]),
                item["message"],
            ]
        )
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


# --- the teacher's view --------------------------------------------------------------------

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


@dataclass
class TeacherView:
    run: RunSummary | None
    scope: TeacherScope
    classes: list[tuple[str, str, list[AssessmentStatus]]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "teacher": self.scope.teacher,
            "run": self.run.id if self.run else None,
            "dry_run": self.run.dry_run if self.run else None,
            "as_of": self.run.as_of.isoformat() if self.run else None,
            "notice": self.scope.sis_error,
            "classes": [
                {
                    "class": cid,
                    "title": title,
                    "assessments": [
                        {
                            "assessment": a.assessment,
                            "title": a.title,
                            "line_item": a.line_item,
                            "scores": a.scores,
                        }
                        for a in assessments
                    ],
                }
                for cid, title, assessments in self.classes
            ],
        }


def latest_run(engine: Engine, district: str) -> RunSummary | None:
    """The newest finished run that covers the whole district: a real one if any, else a
    dry run (a run of one class or teacher shows only part of the picture)."""
    finished = [r for r in history(engine, district, limit=50) if r.finished_at is not None]
    whole = [r for r in finished if not r.scope] or finished
    real = [r for r in whole if not r.dry_run]
    chosen = real or whole
    return chosen[0] if chosen else None


def teacher_view(
    engine: Engine, district: str, scope: TeacherScope, *, class_id: str | None = None
) -> TeacherView:
    run = latest_run(engine, district)
    if run is None:
        return TeacherView(None, scope, [])
    with session_scope(engine, read_only=True) as session:
        titles = {a.id: a.title for a in source.load_assessments(session, district)}
    groups: dict[tuple[str, str], AssessmentStatus] = {}
    for item in iter_report(engine, run.id, {"class_id": class_id}, scope):
        key = (item["class"], item["assessment"])
        group = groups.setdefault(
            key,
            AssessmentStatus(item["assessment"], titles.get(item["assessment"], ""), item["class"]),
        )
        status, words = status_of(item, run.dry_run)
        row = {
            "student": item["student"],
            "action": item["action"],
            "status": status,
            "status_text": words,
            "reasons": reasons_explained(item["reasons"]),
            "message": item["message"],
            "details": item.get("details"),
        }
        if item["kind"] == "lineItem":
            group.line_item = row
        else:
            group.scores.append(row)
    by_class: dict[str, list[AssessmentStatus]] = {}
    for (cid, _), group in sorted(groups.items()):
        by_class.setdefault(cid, []).append(group)
    classes = [
        (cid, scope.classes.get(cid, cid), assessments)
        for cid, assessments in sorted(by_class.items())
    ]
    return TeacherView(run, scope, classes)


# --- plots -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Night:
    day: date
    sent: int
    skipped: int
    failed: int


def nightly(engine: Engine, district: str, tz: str, *, nights: int = 14) -> list[Night]:
    """Scores sent / skipped / failed per night (the local day in the district's time zone
    on which the real runs started), each score counted once per night by its last state
    that night: a score skipped by three runs is one skip; one that failed and then went
    through is sent. "Sent" means written that night (created or updated) and not failed
    or skipped since; scores already in the gradebook and unchanged are not counted."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    recent = [r for r in history(engine, district, limit=200) if not r.dry_run and r.finished_at]
    by_day: dict[date, list[RunSummary]] = {}
    for run in recent:
        by_day.setdefault(run.started_at.astimezone(zone).date(), []).append(run)
    out = []
    with session_scope(engine, read_only=True) as session:
        for day in sorted(by_day)[-nights:]:
            ordered = sorted(by_day[day], key=lambda r: r.started_at)
            states = run_stats.last_result_states(session, [r.id for r in ordered])
            sent = skipped = failed = 0
            for action, written in states.values():
                if action in ("error", "conflict"):
                    failed += 1
                elif action == "skip":
                    skipped += 1
                elif action in ("create", "update") or (action == "unchanged" and written):
                    sent += 1
            out.append(Night(day, sent=sent, skipped=skipped, failed=failed))
    return out


def top_skip_reasons(engine: Engine, run_id: str, *, top: int = 8) -> list[tuple[str, int]]:
    with session_scope(engine, read_only=True) as session:
        return run_stats.skip_reasons(session, run_id).most_common(top)

"""Runs and reports for every front end: history, one report filtered (a `ReportFilter`:
action, reason, class, teacher, assessment, student) and paged, CSV export, the report as
the CLI prints it, the teacher's view, and the numbers behind the plots."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import Engine

from passback.core.plan import ACTIONS as ACTIONS  # the API and console check filters with it
from passback.core.reasons import Reason
from passback.core.report import (
    ATTENTION,
    SETTLED,
    ReportFilter,
    RunSummary,
    item_message,
    report_dict,
)
from passback.oneroster.errors import OneRosterError
from passback.operations import sis
from passback.operations.names import Names
from passback.operations.runtime import Runtime
from passback.operations.sis import SisUnavailable
from passback.secrets import SecretBox
from passback.store import ledger, names, run_stats, runs, source
from passback.store.db import session_scope


@dataclass(frozen=True)
class TeacherScope:
    """What one teacher may see: the classes they teach and the assessments they assigned."""

    teacher: str
    classes: Mapping[str, str]
    assessments: frozenset[str]
    sis_error: str | None = None

    def covers(self, item: Mapping[str, Any]) -> bool:
        return item["class"] in self.classes or item["assessment"] in self.assessments


def teacher_scope(runtime: Runtime, district: str, teacher: str) -> TeacherScope:
    """`teacher` is a SIS user id or a teacher's exact name (any case)."""
    engine = runtime.engine
    # two teachers of one name: only the id says which
    with session_scope(engine, read_only=True) as session, suppress(names.AmbiguousName):
        teacher = names.resolve(session, district, names.TEACHER, teacher)
    error = None
    try:
        classes = sis.teacher_classes(runtime, district, teacher)
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


def runs_starting(engine: Engine, prefix: str, *, limit: int = 2) -> list[RunSummary]:
    """Runs whose id starts with `prefix` (the short ids `passback runs` prints)."""
    with session_scope(engine, read_only=True) as session:
        return runs.find_runs(session, prefix, limit=limit)


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
    skipped: int = 0  # skipped items, each once however many reasons it has
    by_kind: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, action)

    def kinds(self, action: str) -> tuple[int, int]:
        """(assessments, scores) that ended in this action."""
        return self.by_kind[("lineItem", action)], self.by_kind[("result", action)]

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.matching


def merged_scope(scopes: list[TeacherScope]) -> TeacherScope:
    """What several teachers see together (a name filter that matches more than one)."""
    classes: dict[str, str] = {}
    assessments: set[str] = set()
    errors = [s.sis_error for s in scopes if s.sis_error]
    for s in scopes:
        classes.update(s.classes)
        assessments |= s.assessments
    teacher = ",".join(s.teacher for s in scopes)
    return TeacherScope(teacher, classes, frozenset(assessments), errors[0] if errors else None)


@dataclass(frozen=True)
class Selection:
    """A `ReportFilter` worked out for one district: the ids the store filters by, the
    teachers' scope, and the ids a typed name stands for when it matched more than one."""

    stored: ReportFilter = field(default_factory=ReportFilter)
    scope: TeacherScope | None = None
    students: frozenset[str] = frozenset()
    assessments: frozenset[str] = frozenset()
    teachers: tuple[str, ...] = ()

    def keeps(self, item: Mapping[str, Any]) -> bool:
        """What the store could not filter: the teachers' scope and names meaning several."""
        if self.scope is not None and not self.scope.covers(item):
            return False
        if len(self.students) > 1 and item["student"] not in self.students:
            return False
        return not (len(self.assessments) > 1 and item["assessment"] not in self.assessments)

    def exported(self, wanted: ReportFilter) -> ReportFilter:
        """`wanted` with the ids its names resolved to, where a name meant exactly one (the
        CSV export takes ids)."""
        return replace(
            wanted,
            teacher=self.teachers[0] if len(self.teachers) == 1 else wanted.teacher,
            student=self.stored.student or wanted.student,
            assessment=self.stored.assessment or wanted.assessment,
        )


def select(
    runtime: Runtime, district: str, wanted: ReportFilter, *, by_name: bool = False
) -> Selection:
    """What `wanted` means in this district. Ids (a teacher also by exact name), or with
    `by_name` (the console's filters) names: "Rivera" finds every teacher (student,
    assessment) whose name contains it; an id finds itself."""
    if not by_name:
        scope = teacher_scope(runtime, district, wanted.teacher) if wanted.teacher else None
        return Selection(wanted.in_store, scope)
    names = Names(runtime.engine, district)
    students = names.matching("student", wanted.student) if wanted.student else frozenset()
    titles = names.matching("assessment", wanted.assessment) if wanted.assessment else frozenset()
    teachers = tuple(sorted(names.matching("teacher", wanted.teacher))) if wanted.teacher else ()
    scope = (
        merged_scope([teacher_scope(runtime, district, t) for t in teachers]) if teachers else None
    )
    stored = replace(
        wanted.in_store,
        assessment=next(iter(titles)) if len(titles) == 1 else None,
        student=next(iter(students)) if len(students) == 1 else None,
    )
    return Selection(stored, scope, students, titles, teachers)


def iter_report(engine: Engine, run_id: str, selection: Selection) -> Iterator[dict[str, Any]]:
    """A run's items the selection keeps, with messages that say how to fix each reason."""
    with session_scope(engine, read_only=True) as session:
        for item in runs.iter_items(session, run_id, selection.stored):
            if selection.keeps(item):
                yield {**item, "message": item_message(item["reasons"], item["message"])}


def report(runtime: Runtime, run: RunSummary, wanted: ReportFilter) -> dict[str, Any]:
    """The whole report (its head and the items `wanted` keeps), as `passback report`
    prints it."""
    selection = select(runtime, run.district, wanted)
    with session_scope(runtime.engine, read_only=True) as session:
        rows = runs.iter_items(session, run.id, selection.stored)
        return report_dict(run, (row for row in rows if selection.keeps(row)))


def report_page(
    engine: Engine,
    run: RunSummary,
    selection: Selection,
    *,
    offset: int = 0,
    limit: int = 200,
) -> ReportPage:
    items: list[dict[str, Any]] = []
    matching = 0
    reasons: Counter[str] = Counter()
    skipped = 0
    by_kind: Counter[tuple[str, str]] = Counter()
    classes: set[str] = set()
    for item in iter_report(engine, run.id, selection):
        by_kind[(item["kind"], item["action"])] += 1
        if offset <= matching < offset + limit:
            items.append(item)
        matching += 1
        classes.add(item["class"])
        if item["action"] == "skip":
            skipped += 1
            reasons.update(item["reasons"])
    return ReportPage(
        run, items, matching, offset, limit, reasons, tuple(sorted(classes)), skipped, by_kind
    )


def report_csv(engine: Engine, run: RunSummary, selection: Selection) -> Iterator[str]:
    """The filtered report as CSV, a line at a time (for streaming): for people, so each
    assessment, class and student by name with its id in the next column, and the kind of
    row in people's words (the JSON keeps lineItem / result)."""
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer)
    writer.writerow(CSV_COLUMNS)
    yield _drain(buffer)
    for item in iter_report(engine, run.id, selection):
        names = item.get("names") or {}
        writer.writerow(
            [
                run.id,
                CSV_KINDS.get(item["kind"], item["kind"]),
                names.get("assessment") or item["assessment"],
                item["assessment"],
                names.get("class") or item["class"],
                item["class"],
                names.get("student") or item["student"] or "",
                item["student"] or "",
                item["action"],
                " ".join(item["reasons"]),
                item["message"],
            ]
        )
        yield _drain(buffer)


# OWASP's rule against CSV (formula) injection: a cell starting with one of these is
# read as a formula by spreadsheets; a leading apostrophe makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> object:
    """The cell as a spreadsheet shows it, never run as a formula (text only)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


class SafeCsvWriter:
    """`csv.writer` whose every text cell goes through `neutralise`."""

    def __init__(self, buffer: io.StringIO) -> None:
        self._writer = csv.writer(buffer)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])


CSV_COLUMNS = (
    "run",
    "type",
    "assessment",
    "assessment id",
    "class",
    "class id",
    "student",
    "student id",
    "action",
    "reasons",
    "message",
)
CSV_KINDS = {"lineItem": "assessment", "result": "score"}


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


def latest_run(engine: Engine, district: str) -> RunSummary | None:
    """The newest finished run that covers the whole district: a real one if any, else a
    dry run (a run of one class or teacher shows only part of the picture)."""
    finished = [r for r in history(engine, district, limit=50) if r.finished_at is not None]
    whole = [r for r in finished if not r.scope] or finished
    real = [r for r in whole if not r.dry_run]
    chosen = real or whole
    return chosen[0] if chosen else None


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
            if len(ordered) == 1:
                # one run that night (the usual nightly): its grouped counts are the states
                c = run_stats.result_actions(session, [ordered[0].id])[ordered[0].id]
                out.append(
                    Night(
                        day,
                        sent=c["create"] + c["update"],
                        skipped=c["skip"],
                        failed=c["error"] + c["conflict"],
                    )
                )
                continue
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


@dataclass
class Changes:
    """What changed between two real runs of the whole district: the latest and the last
    one of an earlier night (or the one before it, when all ran the same night)."""

    latest: RunSummary
    baseline: RunSummary
    new_skips: list[dict[str, Any]] = field(default_factory=list)
    new_errors: list[dict[str, Any]] = field(default_factory=list)
    new_conflicts: list[dict[str, Any]] = field(default_factory=list)
    resolved: list[dict[str, Any]] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(self.new_skips or self.new_errors or self.new_conflicts or self.resolved)


def _states(engine: Engine, run_id: str) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    with session_scope(engine, read_only=True) as session:
        return {
            (i["kind"], i["assessment"], i["class"], i["student"] or ""): i
            for i in runs.iter_items(session, run_id)
        }


def changes_since_last_night(engine: Engine, district: str, tz: str) -> Changes | None:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    real = [
        r
        for r in history(engine, district, limit=100)
        if not r.dry_run and r.finished_at and not r.scope
    ]
    if len(real) < 2:
        return None
    latest = real[0]
    night = latest.started_at.astimezone(zone).date()
    earlier = [r for r in real[1:] if r.started_at.astimezone(zone).date() < night]
    baseline = earlier[0] if earlier else real[1]
    now, before = _states(engine, latest.id), _states(engine, baseline.id)
    out = Changes(latest, baseline)
    for key, item in now.items():
        was = before.get(key, {}).get("action")
        action = item["action"]
        if action == "skip" and was != "skip":
            out.new_skips.append(item)
        elif action == "error" and was != "error":
            out.new_errors.append(item)
        elif action == "conflict" and was != "conflict":
            out.new_conflicts.append(item)
        elif action in SETTLED and was in ATTENTION:
            out.resolved.append(item)
    return out


@dataclass(frozen=True)
class KindCounts:
    """A run's items by kind and action, each item once."""

    counts: Counter[tuple[str, str]]

    def kinds(self, action: str) -> tuple[int, int]:
        return self.counts[("lineItem", action)], self.counts[("result", action)]


def kind_counts(engine: Engine, run_id: str) -> KindCounts:
    with session_scope(engine, read_only=True) as session:
        return KindCounts(run_stats.kind_counts(session, run_id))


def top_skip_reasons(engine: Engine, run_id: str, *, top: int = 8) -> list[tuple[str, int]]:
    with session_scope(engine, read_only=True) as session:
        return run_stats.skip_reasons(session, run_id).most_common(top)

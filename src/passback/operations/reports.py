"""Runs and reports for every front end: history, one report filtered (a `ReportFilter`:
action, reason, class, teacher, assessment, student) and paged, CSV export, the report as
the CLI prints it. The teacher's view is `operations.teacher_view`; the numbers behind the
plots are `operations.history`."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Engine

from passback.core.report import (
    ReportFilter,
    RunSummary,
    item_message,
    report_dict,
)
from passback.operations import sis
from passback.operations.names import Names
from passback.operations.runtime import Runtime
from passback.operations.sis import SisUnavailable
from passback.store import names, runs, source
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


def latest_run(engine: Engine, district: str) -> RunSummary | None:
    """The newest finished run that covers the whole district: a real one if any, else a
    dry run (a run of one class or teacher shows only part of the picture)."""
    finished = [r for r in history(engine, district, limit=50) if r.finished_at is not None]
    whole = [r for r in finished if not r.scope] or finished
    real = [r for r in whole if not r.dry_run]
    chosen = real or whole
    return chosen[0] if chosen else None

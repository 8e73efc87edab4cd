"""Sample platform data for the demo and the end-to-end tests.

Built from a sandbox fixture (format: docs/sandbox.md#fixture-format-and-state-files) rather than
hard-coded ids, so it stays right when the sample fixture is regenerated: it finds a teacher with
active copies of the mapped district categories, the classes they teach, the closed grading period,
a teacher whose copy of one category is inactive, and so on, then writes assessments and scores
(format: docs/import-format.md) that exercise the reason codes and the happy path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from passback.core.refs import ref_id
from passback.oneroster.records import category_from_record, user_dcid
from passback.sandbox.fixtures import CATEGORY_MAP as CATEGORY_MAP
from passback.sandbox.fixtures import EFFECTIVE_DATE as EFFECTIVE_DATE
from passback.sandbox.fixtures import district_document

DISTRICT_ID = "unified-1"
AS_OF = date(2026, 11, 10)


def _d(value: Any) -> date:
    return date.fromisoformat(str(value)[:10])


@dataclass
class FixtureFacts:
    """What the sample data needs to know about a fixture."""

    teachers: list[str]
    admins: list[str]
    class_terms: dict[str, list[str]]
    active_classes: list[str]
    inactive_classes: list[str]
    teachers_of: dict[str, list[str]]  # class -> teacher ids (primary first)
    students_of: dict[str, list[str]]  # class -> active student ids
    periods: dict[str, tuple[date, date, str | None]]  # id -> start, end, parent term
    term_parent: dict[str, str | None]
    active_copies: dict[str, set[str]]  # teacher -> titles of active district copies
    inactive_copies: dict[str, set[str]]
    closed: list[str]

    def periods_of(self, class_id: str) -> list[tuple[str, date, date]]:
        out = []
        for pid, (start, end, parent) in self.periods.items():
            term, seen = parent, set()
            while term is not None and term not in seen:
                if term in self.class_terms.get(class_id, []):
                    out.append((pid, start, end))
                    break
                seen.add(term)
                term = self.term_parent.get(term)
        return sorted(out, key=lambda p: p[1])


def facts(fixture: Mapping[str, Any]) -> FixtureFacts:
    users = fixture.get("users", [])
    teachers = sorted(u["sourcedId"] for u in users if u.get("role") == "teacher")
    admins = sorted(u["sourcedId"] for u in users if u.get("role") == "administrator")
    class_terms: dict[str, list[str]] = {}
    active: list[str] = []
    inactive: list[str] = []
    for c in fixture.get("classes", []):
        class_terms[c["sourcedId"]] = [t for t in (ref_id(x) for x in c.get("terms", [])) if t]
        (active if c.get("status", "active") == "active" else inactive).append(c["sourcedId"])
    teachers_of: dict[str, list[tuple[bool, str]]] = defaultdict(list)
    students_of: dict[str, list[str]] = defaultdict(list)
    for e in fixture.get("enrollments", []):
        if e.get("status", "active") != "active":
            continue
        user, cls = ref_id(e.get("user")), ref_id(e.get("class"))
        if not user or not cls:
            continue
        if e.get("role") == "teacher":
            teachers_of[cls].append((str(e.get("primary")) != "true", user))
        elif e.get("role") == "student":
            students_of[cls].append(user)
    periods: dict[str, tuple[date, date, str | None]] = {}
    term_parent: dict[str, str | None] = {}
    for s in fixture.get("academicSessions", []):
        if s.get("type") == "gradingPeriod":
            periods[s["sourcedId"]] = (
                _d(s["startDate"]),
                _d(s["endDate"]),
                ref_id(s.get("parent")),
            )
        else:
            term_parent[s["sourcedId"]] = ref_id(s.get("parent"))
    active_copies: dict[str, set[str]] = defaultdict(set)
    inactive_copies: dict[str, set[str]] = defaultdict(set)
    # whose row a category is: read as the sync reads it (passback.sync.roster)
    by_dcid = {
        user_dcid(u) or u["sourcedId"]: u["sourcedId"] for u in users if u.get("role") == "teacher"
    }
    for record in fixture.get("categories", []):
        cat = category_from_record(record)
        owner = by_dcid.get(cat.teacher_dcid) if cat.teacher_dcid else cat.teacher
        if cat.district_level is False or not owner:
            continue
        target = active_copies if cat.active else inactive_copies
        target[owner].add(cat.title)
    return FixtureFacts(
        teachers=teachers,
        admins=admins,
        class_terms=class_terms,
        active_classes=sorted(active),
        inactive_classes=sorted(inactive),
        teachers_of={k: [u for _, u in sorted(v)] for k, v in teachers_of.items()},
        students_of={k: sorted(v) for k, v in students_of.items()},
        periods=periods,
        term_parent=term_parent,
        active_copies=active_copies,
        inactive_copies=inactive_copies,
        closed=list((fixture.get("sandbox") or {}).get("closed_grading_periods", [])),
    )


def district_config(
    base_url: str,
    token_url: str,
    fixture: Mapping[str, Any],
    *,
    client_id: str = "demo",
    client_secret: str = "demo-secret",  # noqa: S107 - the sandbox's published demo client
) -> dict[str, Any]:
    f = facts(fixture)
    group = [t for t in f.teachers if t != _outsider(f)]
    return district_document(
        DISTRICT_ID,
        "Unified School District (demo)",
        base_url=base_url,
        token_url=token_url,
        passback_group=group,
        contact="it@unified.example.org",
        client_id=client_id,
        client_secret=client_secret,
    )


def _outsider(f: FixtureFacts) -> str:
    """A teacher left out of the passback group: the last one who leads a class in session
    on AS_OF."""
    for teacher in reversed(f.teachers):
        if f.inactive_copies.get(teacher):
            continue
        for class_id in _teaching(f, teacher):
            if any(p[1] <= AS_OF <= p[2] for p in f.periods_of(class_id)):
                return teacher
    return f.teachers[-1]


def _teaching(f: FixtureFacts, teacher: str) -> list[str]:
    return [c for c in f.active_classes if f.teachers_of.get(c, [None])[0] == teacher]


def _pick_main(f: FixtureFacts) -> tuple[str, str]:
    """A teacher with active copies of Tests, Quizzes and Homework, and a class they lead
    whose grading periods include an open one containing AS_OF."""
    fits: list[tuple[bool, str, str]] = []
    for teacher in f.teachers:
        if teacher == _outsider(f):
            continue
        if not {"Tests", "Quizzes", "Homework", "Otus Assessment"} <= f.active_copies[teacher]:
            continue
        for class_id in _teaching(f, teacher):
            periods = f.periods_of(class_id)
            now = [p for p in periods if p[1] <= AS_OF <= p[2] and p[0] not in f.closed]
            if now and len(f.students_of.get(class_id, [])) >= 8:
                # prefer a class that also has a closed period, to show that rule
                has_closed = any(p[0] in f.closed for p in periods)
                fits.append((not has_closed, teacher, class_id))
    if fits:
        _, teacher, class_id = min(fits)
        return teacher, class_id
    raise ValueError("the fixture has no teacher and class fit for the demo")


def _open_dates(f: FixtureFacts, class_id: str) -> tuple[date, date]:
    """An assign and due date inside an open grading period of the class, near AS_OF."""
    periods = [p for p in f.periods_of(class_id) if p[0] not in f.closed]
    current = [p for p in periods if p[1] <= AS_OF <= p[2]]
    _, start, end = (current or [p for p in periods if p[1] > AS_OF] or periods)[0]
    assigned = max(start, min(AS_OF - timedelta(days=14), end))
    return assigned, min(end, assigned + timedelta(days=7))


def platform_data(fixture: Mapping[str, Any]) -> dict[str, Any]:
    """Assessments and scores (docs/import-format.md) exercising the rules against this fixture."""
    f = facts(fixture)
    teacher, cls = _pick_main(f)
    students = f.students_of[cls]
    periods = f.periods_of(cls)
    stamp = "T15:00:00Z"
    assessments: list[dict[str, Any]] = []
    scores: list[dict[str, Any]] = []

    def add(aid: str, title: str, **kw: Any) -> dict[str, Any]:
        a: dict[str, Any] = {
            "id": aid,
            "classes": [cls],
            "title": title,
            "type": "Test",
            "scoring": "points",
            "points_possible": 20,
            "include_in_final_grade": True,
            "assigned_by": teacher,
            "assigned_on": (AS_OF - timedelta(days=14)).isoformat(),
            "due_on": (AS_OF - timedelta(days=7)).isoformat(),
            "updated_at": (AS_OF - timedelta(days=14)).isoformat() + stamp,
        }
        a.update(kw)
        assessments.append(a)
        return a

    def graded(aid: str, who: list[str], points: float = 17) -> None:
        for i, s in enumerate(who):
            scores.append(
                {
                    "assessment": aid,
                    "student": s,
                    "state": "graded",
                    "points": points - (i % 4),
                    "updated_at": (AS_OF - timedelta(days=3)).isoformat() + stamp,
                }
            )

    # the happy path, with every score-level outcome
    add("A-100", "Unit 3 Test")
    graded("A-100", students[:-5])
    extra = students[-5]
    scores.append(_score("A-100", extra, "graded", 22, AS_OF, comment="Extra credit: bonus essay"))
    scores.append(_score("A-100", students[-4], "graded", 15, AS_OF, excluded=True))
    scores.append(_score("A-100", students[-3], "submitted", None, AS_OF))
    scores.append(_score("A-100", students[-2], "not_submitted", None, AS_OF))
    scores.append(_score("A-100", students[-1], "in_progress", None, AS_OF))
    outsider_student = next(
        s for c, ss in sorted(f.students_of.items()) for s in ss if s not in students
    )
    scores.append(_score("A-100", outsider_student, "graded", 12, AS_OF))
    add(
        "A-101",
        "Chapter 7 Quiz",
        type="Quiz",
        points_possible=10,
        due_on=(AS_OF + timedelta(days=2)).isoformat(),
    )
    graded("A-101", students[:5], points=9)
    for s in students[5:8]:
        scores.append(_score("A-101", s, "in_progress", None, AS_OF))
    add("A-102", "Reading Log Week 11", type="Homework", points_possible=5)
    graded("A-102", students, points=5)
    # assigned to ten students, past due, three of them never turned anything in: automatic
    # zeros (they have no score records)
    add(
        "A-103",
        "Reading Log Week 10",
        type="Homework",
        points_possible=5,
        assigned_to=sorted(students[:10]),
    )
    graded("A-103", students[:7], points=5)

    # assessment-level reasons
    add("A-200", "Fractions Standards Check", scoring="standards", points_possible=None)
    add("A-201", "Lab Practical", points_possible=19.5)
    add("A-202", "Unit 3 Test: Ratios, Rates, Proportional Relationships and Percents")
    add("A-203", "Practice Quiz (not counted)", type="Quiz", include_in_final_grade=False)
    add("A-204", "Exit Ticket", type="Quiz", due_on=None)
    add("A-205", "District Benchmark Fall", type="Benchmark", assigned_by="platform-admin-1")
    outsider = _outsider(f)
    outsider_cls = next(
        (c for c in _teaching(f, outsider) if any(p[1] <= AS_OF <= p[2] for p in f.periods_of(c))),
        cls,
    )
    assigned, due = _open_dates(f, outsider_cls)
    add(
        "A-206",
        "Vocabulary Quiz 4",
        type="Quiz",
        assigned_by=outsider,
        classes=[outsider_cls],
        assigned_on=assigned.isoformat(),
        due_on=due.isoformat(),
        updated_at=assigned.isoformat() + stamp,
    )
    graded("A-206", f.students_of.get(outsider_cls, [])[:4], points=9)
    add("A-207", "Unit 3 Test", classes=["CLS-NOT-IN-SIS"])
    add("A-208", "Lab Report 2", type="Lab")
    add("A-209", "Science Fair Project", type="Project")
    inactive_teacher = next(
        (t for t in f.teachers if t != outsider and "Quizzes" in f.inactive_copies.get(t, set())),
        None,
    )
    if inactive_teacher is not None and _teaching(f, inactive_teacher):
        add(
            "A-210",
            "Map Skills Quiz",
            type="Quiz",
            assigned_by=inactive_teacher,
            classes=[_teaching(f, inactive_teacher)[0]],
        )
    early = EFFECTIVE_DATE - timedelta(days=5)
    add(
        "A-211",
        "Summer Reading Check",
        assigned_on=early.isoformat(),
        due_on=(EFFECTIVE_DATE + timedelta(days=3)).isoformat(),
        updated_at=early.isoformat() + stamp,
    )
    year_end = max(p[2] for p in periods)
    add("A-212", "Summer Bridge Packet", due_on=(year_end + timedelta(days=30)).isoformat())
    closed_here = [p for p in periods if p[0] in f.closed]
    if closed_here:
        _, _, end = closed_here[0]
        add(
            "A-213",
            "Long-Term Research Project",
            assigned_on=(end - timedelta(days=3)).isoformat(),
            due_on=(end + timedelta(days=10)).isoformat(),
            updated_at=(AS_OF - timedelta(days=1)).isoformat() + stamp,
            # a project for two students (`assigned_to` narrows the automatic zeros)
            assigned_to=sorted(students[:2]),
        )
    started = [p for p in periods if p[1] <= AS_OF]
    if started:
        # first seen now, but assigned the day before the current grading period began
        current_start = max(p[1] for p in started)
        before = current_start - timedelta(days=1)
        add(
            "A-215",
            "Warm-up Review",
            assigned_on=before.isoformat(),
            due_on=(current_start + timedelta(days=5)).isoformat(),
            updated_at=before.isoformat() + stamp,
        )
    add("A-214", "unit 3 test", assigned_on=(AS_OF - timedelta(days=10)).isoformat())
    graded("A-214", students[:3])
    for a in assessments[3:]:
        if not any(s["assessment"] == a["id"] for s in scores):
            graded(a["id"], students[:2])
    return {"district": DISTRICT_ID, "assessments": assessments, "scores": scores}


def _score(
    assessment: str,
    student: str,
    state: str,
    points: float | None,
    day: date,
    *,
    excluded: bool = False,
    comment: str | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "assessment": assessment,
        "student": student,
        "state": state,
        "points": points,
        "excluded": excluded,
        "updated_at": (day - timedelta(days=2)).isoformat() + "T16:00:00Z",
    }
    if comment:
        out["comment"] = comment
    return out

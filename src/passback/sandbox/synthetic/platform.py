"""Synthetic platform data for a generated SIS fixture: assessments per section per grading
period and their scores, with the mix a real district sends.

Everything is drawn from one `random.Random(seed)` in a fixed order, so a seed gives the same
records. The mix (fractions of assessments or scores, roughly):

- assessments: types Test/Quiz/Homework/Benchmark (mapped to district categories) and
  Project (mapped to a teacher-only category: CATEGORY_NOT_DISTRICT); 2% standards-based,
  2% not in the final grade, 0.5% titles too long, 0.5% without a due date, 0.5% a second
  copy of an earlier title and due date (DUPLICATE_TITLE), 0.5% deleted (tombstones), 0.3%
  assigned by someone the SIS does not know; one assessment per period shared by a
  teacher's two sections of the same term; teachers left out of the passback group; the
  school's closed first quarter; classes and categories the fixture makes inactive;
- scores for every active student of the class: past due 82% graded, 5% submitted (not
  graded yet), 3% in progress and 10% not submitted (automatic zeros), 2% excluded; not yet
  due mostly in progress; plus scores of students who left the class (a `tobedeleted`
  enrollment) or were never in it (STUDENT_NOT_ENROLLED).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from passback.core.refs import ref_id
from passback.sandbox.fixtures import district_document

DEFAULT_AS_OF = date(2027, 2, 26)
TYPES = (("Test", 20), ("Quiz", 35), ("Homework", 33), ("Benchmark", 9), ("Project", 3))
_TOPICS = ("Unit", "Chapter", "Lesson", "Module", "Week")
_KINDS = {"Test": "Test", "Quiz": "Quiz", "Homework": "Practice", "Benchmark": "Benchmark"}
UNKNOWN_ASSIGNER = "T-PLATFORM-ONLY"
# bumped when the same options generate different data (benchmarks regenerate then)
GENERATOR_VERSION = 2
_DAYS = tuple(timedelta(days=n) for n in range(6))


@dataclass(frozen=True)
class PlatformOptions:
    """What to generate. `per_period` assessments per section and grading period, up to
    `as_of` (plus those assigned in the week after it, not due yet)."""

    district: str = "bench-1"
    seed: int = 1
    per_period: int = 8
    as_of: date = DEFAULT_AS_OF
    # every n-th teacher is left out of the passback group
    outside_group_every: int = 20


@dataclass
class PlatformCounts:
    assessments: int = 0
    deleted: int = 0
    scores: int = 0
    pairs: int = 0  # (assessment, class) pairs of live assessments


@dataclass
class _Roster:
    """The fixture facts the generator needs, indexed once."""

    primary: dict[str, str] = field(default_factory=dict)
    students: dict[str, list[str]] = field(default_factory=dict)  # active enrollments
    left: dict[str, list[str]] = field(default_factory=dict)  # tobedeleted enrollments
    periods: dict[str, list[tuple[str, date, date]]] = field(default_factory=dict)
    classes: list[str] = field(default_factory=list)
    span: dict[str, str] = field(default_factory=dict)  # class -> its term


def _roster(fixture: Mapping[str, Any]) -> _Roster:
    sessions = {s["sourcedId"]: s for s in fixture["academicSessions"]}
    under: dict[str, list[str]] = defaultdict(list)
    for s in sessions.values():
        parent = ref_id(s.get("parent"))
        if parent:
            under[parent].append(s["sourcedId"])

    def periods_below(term: str) -> list[tuple[str, date, date]]:
        found: list[tuple[str, date, date]] = []
        stack = [term]
        while stack:
            sid = stack.pop()
            s = sessions.get(sid)
            if s is None:
                continue
            if s["type"] == "gradingPeriod":
                found.append(
                    (sid, date.fromisoformat(s["startDate"]), date.fromisoformat(s["endDate"]))
                )
            stack.extend(under.get(sid, ()))
        return sorted(found, key=lambda p: p[1])

    roster = _Roster()
    term_periods: dict[str, list[tuple[str, date, date]]] = {}
    for c in fixture["classes"]:
        cid = c["sourcedId"]
        terms = [t for t in (ref_id(x) for x in c.get("terms", ())) if t]
        roster.classes.append(cid)
        roster.span[cid] = terms[0] if terms else ""
        periods: list[tuple[str, date, date]] = []
        for term in terms:
            if term not in term_periods:
                term_periods[term] = periods_below(term)
            periods.extend(term_periods[term])
        roster.periods[cid] = periods
    for e in fixture["enrollments"]:
        cid, user = ref_id(e["class"]), ref_id(e["user"])
        if not cid or not user:
            continue
        if e["role"] == "teacher":
            if e.get("primary") == "true":
                roster.primary[cid] = user
        elif e.get("status") == "active":
            roster.students.setdefault(cid, []).append(user)
        else:
            roster.left.setdefault(cid, []).append(user)
    return roster


def passback_group(fixture: Mapping[str, Any], options: PlatformOptions) -> list[str]:
    """The teachers in the passback group: all but every n-th one."""
    teachers = _roster_teachers(fixture)
    every = options.outside_group_every
    return [t for i, t in enumerate(teachers, start=1) if every <= 0 or i % every]


def _roster_teachers(fixture: Mapping[str, Any]) -> list[str]:
    return sorted(
        (u["sourcedId"] for u in fixture["users"] if u["role"] == "teacher"),
        key=lambda t: int(t.split("-")[1]),
    )


def district_config(
    fixture: Mapping[str, Any],
    options: PlatformOptions,
    *,
    base_url: str,
    token_url: str,
    client_id: str = "demo",
    client_secret: str = "demo-secret",  # noqa: S107 - the sandbox's published demo client
) -> dict[str, Any]:
    """The district configuration (`passback district apply`) for a generated district and
    its sandbox."""
    closed = list((fixture.get("sandbox") or {}).get("closed_grading_periods", []))
    return district_document(
        options.district,
        f"Benchmark district {options.district}",
        base_url=base_url,
        token_url=token_url,
        passback_group=passback_group(fixture, options),
        contact=f"it@{options.district}.example.org",
        closed_grading_periods=closed,
        client_id=client_id,
        client_secret=client_secret,
    )


def _stamp(day: date, rng: random.Random) -> str:
    """A UTC instant on `day` between 13:00 and 22:59 (school hours in the US)."""
    minute = int(rng.random() * 600)
    return f"{day.isoformat()}T{13 + minute // 60:02d}:{minute % 60:02d}:00Z"


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    roll = rng.randrange(sum(w for _, w in table))
    for value, weight in table:
        if roll < weight:
            return value
        roll -= weight
    return table[-1][0]


class _Generator:
    def __init__(self, fixture: Mapping[str, Any], options: PlatformOptions) -> None:
        self.o = options
        self.rng = random.Random(options.seed)
        self.roster = _roster(fixture)
        self.counts = PlatformCounts()
        self.serial = 0
        self._last_title: str = ""
        self._last_dates: tuple[str, str | None] = ("", None)
        self.all_students = sorted({s for ss in self.roster.students.values() for s in ss})

    def records(self) -> Iterator[tuple[str, dict[str, Any]]]:
        r = self.roster
        # a teacher's sections of one term, paired: one assessment per period goes to both
        groups: dict[tuple[str, str], list[str]] = defaultdict(list)
        for cid in r.classes:
            teacher = r.primary.get(cid)
            if teacher is not None and r.periods[cid]:
                groups[(teacher, r.span[cid])].append(cid)
        for (teacher, _span), classes in sorted(groups.items(), key=lambda kv: kv[1][0]):
            for i in range(0, len(classes), 2):
                yield from self._sections(teacher, classes[i : i + 2])

    def _sections(self, teacher: str, classes: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        last_window = self.o.as_of + timedelta(days=7)
        for period, start, end in self.roster.periods[classes[0]]:
            if start > self.o.as_of:
                break
            span = (end - start).days
            for k in range(self.o.per_period):
                due = start + timedelta(days=(k + 1) * span // (self.o.per_period + 1))
                assigned = max(start, due - timedelta(days=self.rng.choice((2, 5, 7, 9))))
                if assigned > last_window:
                    break
                if k == 0:  # shared by the teacher's sections
                    yield from self._assessment(teacher, classes, period, k, assigned, due)
                    continue
                for cid in classes:
                    yield from self._assessment(teacher, [cid], period, k, assigned, due)

    def _assessment(
        self,
        teacher: str,
        classes: list[str],
        period: str,
        k: int,
        assigned: date,
        due: date,
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        rng = self.rng
        self.serial += 1
        aid = f"A-{self.serial:07d}"
        kind = _weighted(rng, TYPES)
        title = f"{rng.choice(_TOPICS)} {k + 1} {_KINDS.get(kind, kind)} ({period})"
        roll = rng.random()
        points: float = rng.choice((10, 20, 25, 50, 100))
        record: dict[str, Any] = {
            "id": aid,
            "classes": classes,
            "title": title,
            "type": kind,
            "scoring": "points",
            "points_possible": points,
            "include_in_final_grade": True,
            "assigned_by": teacher,
            "assigned_on": assigned.isoformat(),
            "due_on": due.isoformat(),
            "description": f"{kind} for {period}",
            "updated_at": _stamp(assigned - timedelta(days=1), rng),
            "deleted": False,
        }
        if roll < 0.02:
            record["scoring"] = "standards"
        elif roll < 0.04:
            record["include_in_final_grade"] = False
        elif roll < 0.045:
            record["title"] = f"{title} - extended response and reflection"
        elif roll < 0.05:
            record["due_on"] = None
        elif roll < 0.055 and self._last_title:
            # the teacher's previous assessment again, same title and dates: DUPLICATE_TITLE
            record["title"] = self._last_title
            record["assigned_on"], record["due_on"] = self._last_dates
        elif roll < 0.06:
            record["deleted"] = True
        elif roll < 0.063:
            record["assigned_by"] = UNKNOWN_ASSIGNER
        elif roll < 0.07:
            record["points_possible"] = points + 0.5
        self._last_title = record["title"]
        self._last_dates = (record["assigned_on"], record["due_on"])
        self.counts.assessments += 1
        yield "assessment", record
        if record["deleted"]:
            self.counts.deleted += 1
            return
        self.counts.pairs += len(classes)
        scored_due = date.fromisoformat(record["due_on"]) if record["due_on"] else due
        yield from self._scores(aid, classes, points, scored_due)

    def _scores(
        self, aid: str, classes: list[str], points: float, due: date
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        rng, as_of = self.rng, self.o.as_of
        seen: set[str] = set()
        students: list[str] = []
        for cid in classes:
            for s in self.roster.students.get(cid, ()):
                if s not in seen:
                    seen.add(s)
                    students.append(s)
        strays = [s for cid in classes for s in self.roster.left.get(cid, ()) if s not in seen]
        if rng.random() < 0.2 and self.all_students:
            stray = rng.choice(self.all_students)
            if stray not in seen:
                strays.append(stray)
        past_due = due < as_of
        for student in students + strays:
            seen.add(student)
            roll = rng.random()
            if past_due:
                state = (
                    "graded"
                    if roll < 0.82
                    else "submitted"
                    if roll < 0.87
                    else "in_progress"
                    if roll < 0.90
                    else "not_submitted"
                )
            else:
                if roll < 0.4:
                    continue  # not started: the platform has no record yet
                state = "in_progress" if roll < 0.85 else "submitted" if roll < 0.95 else "graded"
            score: dict[str, Any] = {
                "assessment": aid,
                "student": student,
                "state": state,
                "points": None,
                "excluded": rng.random() < 0.02,
                "updated_at": _stamp(min(as_of, due + _DAYS[int(rng.random() * 6)]), rng),
            }
            if state == "graded":
                low = int(points) // 2
                score["points"] = float(low + int(rng.random() * (int(points) - low + 1)))
                if rng.random() < 0.05:
                    score["comment"] = "Good work; see the feedback in the platform."
            self.counts.scores += 1
            yield "score", score


def platform_records(
    fixture: Mapping[str, Any], options: PlatformOptions
) -> tuple[Iterator[tuple[str, dict[str, Any]]], PlatformCounts]:
    """The records in generation order (each assessment, then its scores) and the counts,
    filled in as the iterator is consumed."""
    generator = _Generator(fixture, options)
    return generator.records(), generator.counts

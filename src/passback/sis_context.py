"""What the rules know about the SIS for one run: classes, terms' grading periods,
enrollments, users and categories, indexed for the lookups the rules make.

Built once per run (by `passback.sync.roster` from OneRoster reads, or directly in tests);
pure and read-only afterwards.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from passback.domain import Enrollment, GradingPeriod, SisCategory, SisClass, SisUser


@dataclass(frozen=True)
class SisContext:
    users: Mapping[str, SisUser]
    classes: Mapping[str, SisClass]
    grading_periods: Mapping[str, GradingPeriod]
    categories: tuple[SisCategory, ...]
    # class id -> enrollments in it (students and teachers)
    enrollments: Mapping[str, tuple[Enrollment, ...]]
    # term id -> its grading periods (children of the term, or of its child terms)
    term_periods: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    _district_titles: frozenset[str] = field(init=False, repr=False)
    _copies: Mapping[tuple[str, str], tuple[SisCategory, ...]] = field(init=False, repr=False)
    # class id -> user id -> that user's enrollments in the class: the rules ask "is this
    # student in this class" once per score
    _members: Mapping[str, Mapping[str, tuple[Enrollment, ...]]] = field(init=False, repr=False)
    # answers computed once per run (the context is read-only after it is built)
    _periods: dict[str, tuple[GradingPeriod, ...]] = field(init=False, repr=False, compare=False)
    _teachers: dict[str, tuple[Enrollment, ...]] = field(init=False, repr=False, compare=False)
    # class id -> (the days its student roster changes, its student members, the roster
    # between two such days): assessments have many due dates, a class few rosters
    _rosters: dict[str, _Rosters] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        titles = {c.title for c in self.categories if c.district_level}
        copies: dict[tuple[str, str], list[SisCategory]] = defaultdict(list)
        for cat in self.categories:
            if cat.teacher is not None:
                copies[(cat.teacher, cat.title)].append(cat)
        object.__setattr__(self, "_district_titles", frozenset(titles))
        object.__setattr__(
            self, "_copies", {k: tuple(sorted(v, key=_cat_key)) for k, v in copies.items()}
        )
        members: dict[str, dict[str, tuple[Enrollment, ...]]] = {}
        for class_id, enrollments in self.enrollments.items():
            by_user: dict[str, tuple[Enrollment, ...]] = {}
            for e in enrollments:
                by_user[e.user] = (*by_user.get(e.user, ()), e)
            members[class_id] = by_user
        object.__setattr__(self, "_members", members)
        object.__setattr__(self, "_periods", {})
        object.__setattr__(self, "_teachers", {})
        object.__setattr__(self, "_rosters", {})

    @classmethod
    def build(
        cls,
        *,
        users: Iterable[SisUser],
        classes: Iterable[SisClass],
        grading_periods: Iterable[GradingPeriod],
        categories: Iterable[SisCategory],
        enrollments: Iterable[Enrollment],
        term_parents: Mapping[str, str | None] | None = None,
    ) -> SisContext:
        """Index plain records. `term_parents` maps each term id to its parent term id, so a
        class that names a school year also sees the grading periods under its semesters."""
        periods = {gp.sourced_id: gp for gp in grading_periods}
        parents = dict(term_parents or {})
        term_periods: dict[str, list[str]] = defaultdict(list)
        for gp in periods.values():
            term, seen = gp.term, set()
            while term is not None and term not in seen:
                seen.add(term)
                term_periods[term].append(gp.sourced_id)
                term = parents.get(term)
        by_class: dict[str, list[Enrollment]] = defaultdict(list)
        for enrollment in enrollments:
            by_class[enrollment.class_id].append(enrollment)
        return cls(
            users={u.sourced_id: u for u in users},
            classes={c.sourced_id: c for c in classes},
            grading_periods=periods,
            categories=tuple(categories),
            enrollments={k: tuple(v) for k, v in by_class.items()},
            term_periods={k: tuple(sorted(set(v))) for k, v in term_periods.items()},
        )

    # --- lookups ---------------------------------------------------------------------------

    def periods_of_class(self, class_id: str) -> list[GradingPeriod]:
        found = self._periods.get(class_id)
        if found is None:
            found = self._periods[class_id] = tuple(self._periods_of_class(class_id))
        return list(found)

    def _periods_of_class(self, class_id: str) -> list[GradingPeriod]:
        cls_ = self.classes.get(class_id)
        if cls_ is None:
            return []
        ids: set[str] = set()
        for term in cls_.terms:
            ids.update(self.term_periods.get(term, ()))
            if term in self.grading_periods:  # a class may name a grading period directly
                ids.add(term)
        return sorted((self.grading_periods[i] for i in ids), key=lambda gp: (gp.start, gp.end))

    def period_for_due_date(self, class_id: str, due: date) -> GradingPeriod | None:
        """The grading period the SIS places an assignment in: the one containing its due
        date; of several, the shortest (a quarter rather than its semester)."""
        matches = [gp for gp in self.periods_of_class(class_id) if gp.contains(due)]
        if not matches:
            return None
        return min(matches, key=lambda gp: ((gp.end - gp.start).days, gp.sourced_id))

    def teachers_of(self, class_id: str) -> list[Enrollment]:
        found = self._teachers.get(class_id)
        if found is None:
            found = self._teachers[class_id] = tuple(
                e for e in self.enrollments.get(class_id, ()) if e.role == "teacher" and e.active
            )
        return list(found)

    def teaches(self, user_id: str, class_id: str) -> bool:
        return any(e.user == user_id for e in self.teachers_of(class_id))

    def primary_teacher(self, class_id: str) -> str | None:
        teachers = self.teachers_of(class_id)
        if not teachers:
            return None
        primaries = [e for e in teachers if e.primary] or teachers
        return min(e.user for e in primaries)

    def class_teacher(self, class_id: str, assigner: str) -> str | None:
        """Whose gradebook category the lineItem uses: the assigner when they teach the
        class, otherwise the class's primary teacher."""
        if self.teaches(assigner, class_id):
            return assigner
        return self.primary_teacher(class_id)

    def student_enrolled(self, class_id: str, student: str, on: date) -> bool:
        members = self._members.get(class_id)
        if members is None:
            return False
        for e in members.get(student, ()):  # noqa: SIM110 - no generator: once per score
            if e.role == "student" and e.current_on(on):
                return True
        return False

    def students_enrolled(self, class_id: str, on: date) -> frozenset[str]:
        """The users `student_enrolled` in the class on that day."""
        rosters = self._rosters.get(class_id)
        if rosters is None:
            rosters = self._rosters[class_id] = _Rosters(self._members.get(class_id, {}))
        return rosters.on(on)

    def is_member(self, class_id: str, user: str) -> bool:
        """Whether the user has any enrollment (any role, any status) in the class."""
        members = self._members.get(class_id)
        return members is not None and user in members

    def is_district_category(self, title: str) -> bool:
        return title in self._district_titles

    def active_district_copy(self, teacher: str, title: str) -> SisCategory | None:
        for cat in self._copies.get((teacher, title), ()):
            if cat.district_level and cat.active:
                return cat
        return None


def _cat_key(cat: SisCategory) -> tuple[bool, str]:
    return (not cat.active, cat.sourced_id)


class _Rosters:
    """The students of one class day by day. Who is enrolled changes only on the first day
    of an enrollment and on the day after its last: between two such days it is one set."""

    __slots__ = ("changes", "members", "sets")

    def __init__(self, members: Mapping[str, tuple[Enrollment, ...]]) -> None:
        self.members = [
            (user, students)
            for user, enrollments in members.items()
            if (students := tuple(e for e in enrollments if e.role == "student"))
        ]
        days: set[date] = set()
        for _, enrollments in self.members:
            for e in enrollments:
                if e.begin is not None:
                    days.add(e.begin)
                if e.end is not None and e.end < date.max:
                    days.add(e.end + timedelta(days=1))
        self.changes = sorted(days)
        self.sets: dict[int, frozenset[str]] = {}

    def on(self, day: date) -> frozenset[str]:
        span = bisect_right(self.changes, day)
        found = self.sets.get(span)
        if found is None:
            found = self.sets[span] = frozenset(
                user
                for user, enrollments in self.members
                if any(e.current_on(day) for e in enrollments)
            )
        return found

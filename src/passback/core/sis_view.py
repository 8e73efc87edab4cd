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

from passback.core.domain import Enrollment, GradingPeriod, SisCategory, SisClass, SisUser
from passback.core.profiles import SisProfile
from passback.core.reasons import Reason


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
    # term id -> its parent term id (a semester's school year)
    term_parents: Mapping[str, str | None] = field(default_factory=dict)
    # category rows indexed for the lookups a run makes once per (assessment, class): the
    # titles any row has, those with a row that may be a district copy, the rows owned by a
    # teacher (by dcid: ("d", dcid, title); by sourcedId: ("t", id, title)) and those owned by
    # nobody (title -> rows); each list active first, then by sourcedId
    _titles: frozenset[str] = field(init=False, repr=False)
    _district_titles: frozenset[str] = field(init=False, repr=False)
    _owned: Mapping[tuple[str, str, str], tuple[SisCategory, ...]] = field(init=False, repr=False)
    _shared: Mapping[str, tuple[SisCategory, ...]] = field(init=False, repr=False)
    # class id -> user id -> that user's enrollments in the class: the rules ask "is this
    # student in this class" once per score
    _members: Mapping[str, Mapping[str, tuple[Enrollment, ...]]] = field(init=False, repr=False)
    # answers computed once per run (the context is read-only after it is built)
    _periods: dict[str, tuple[GradingPeriod, ...]] = field(init=False, repr=False, compare=False)
    _teachers: dict[str, tuple[Enrollment, ...]] = field(init=False, repr=False, compare=False)
    # class id -> (the days its student roster changes, its student members, the roster
    # between two such days): assessments have many due dates, a class few rosters
    _rosters: dict[str, _Rosters] = field(init=False, repr=False, compare=False)
    _class_terms: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    # (style, class, teacher, title) -> the resolution, when the district corrects no dcid
    _resolved: dict[tuple[str, str, str | None, str], CategoryMatch] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        owned: dict[tuple[str, str, str], list[SisCategory]] = defaultdict(list)
        shared: dict[str, list[SisCategory]] = defaultdict(list)
        for cat in self.categories:
            if cat.teacher_dcid is not None:
                owned[("d", cat.teacher_dcid, cat.title)].append(cat)
            elif cat.teacher is not None:
                owned[("t", cat.teacher, cat.title)].append(cat)
            else:
                shared[cat.title].append(cat)
        object.__setattr__(self, "_titles", frozenset(c.title for c in self.categories))
        object.__setattr__(
            self,
            "_district_titles",
            frozenset(c.title for c in self.categories if c.district_level is not False),
        )
        object.__setattr__(self, "_owned", {k: _ordered(v) for k, v in owned.items()})
        object.__setattr__(self, "_shared", {k: _ordered(v) for k, v in shared.items()})
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
        object.__setattr__(self, "_class_terms", {})
        object.__setattr__(self, "_resolved", {})

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
            term_parents=parents,
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

    # --- gradebook categories (per SIS profile) ---------------------------------------------

    def teacher_dcid(self, teacher: str, corrections: Mapping[str, str] | None = None) -> str:
        """Which PowerSchool dcid a teacher is: the district's correction if it has one, else
        the identifier of the user's `userIds` entry of type "dcid", else the sourcedId
        (docs/sandbox.md). The one place that decides it."""
        if corrections and teacher in corrections:
            return corrections[teacher]
        user = self.users.get(teacher)
        if user is not None and user.dcid:
            return user.dcid
        return teacher

    def is_district_category(self, title: str) -> bool:
        """Whether some row with this title may be a district category: one the SIS does
        not mark as a teacher's own (`categoryType` "user")."""
        return title.strip() in self._district_titles

    def _rows_of(self, teacher: str, dcid: str, title: str) -> tuple[SisCategory, ...]:
        """The rows with this title the teacher owns (see `owns`), active first."""
        by_dcid = self._owned.get(("d", dcid, title), ())
        by_id = self._owned.get(("t", teacher, title), ())
        return _ordered([*by_dcid, *by_id]) if by_dcid and by_id else by_dcid or by_id

    def active_district_copy(
        self, teacher: str, title: str, corrections: Mapping[str, str] | None = None
    ) -> SisCategory | None:
        """The teacher's active copy of the district category `title` in any school year
        (for onboarding checks; a run resolves per class with `resolve_category`). A row
        owned by nobody (a spec-literal SIS's category) is everybody's."""
        title = title.strip()
        dcid = self.teacher_dcid(teacher, corrections)
        for cat in (*self._rows_of(teacher, dcid, title), *self._shared.get(title, ())):
            if cat.district_level is not False and cat.active:
                return cat
        return None

    def owns(self, cat: SisCategory, teacher: str, dcid: str) -> bool:
        """Whether a category row is this teacher's (by dcid, or by sourcedId in the first
        sandbox's `metadata.teacher`)."""
        if cat.teacher_dcid is not None:
            return cat.teacher_dcid == dcid
        return cat.teacher == teacher

    def class_terms(self, class_id: str) -> frozenset[str]:
        """The class's terms and every term above them (its school year)."""
        known = self._class_terms.get(class_id)
        if known is None:
            known = self._class_terms[class_id] = self._terms_up(class_id)
        return known

    def _terms_up(self, class_id: str) -> frozenset[str]:
        cls_ = self.classes.get(class_id)
        found: set[str] = set()
        for term in cls_.terms if cls_ is not None else ():
            current: str | None = term
            while current is not None and current not in found:
                found.add(current)
                current = self.term_parents.get(current)
        return frozenset(found)

    def _of_year(self, cat: SisCategory, terms: frozenset[str]) -> bool:
        """Whether a row belongs to the class's school year by its TermID. A TermID that
        names no academicSession passback read cannot be placed (PowerSchool's TermIDs
        need not be sessions' sourcedIds; an assumption, docs/oneroster-client.md): such a
        row counts for every year."""
        if cat.term is None or cat.term in terms:
            return True
        return cat.term not in self.term_parents and cat.term not in self.grading_periods

    def resolve_category(
        self,
        profile: SisProfile,
        class_id: str,
        teacher: str | None,
        title: str,
        corrections: Mapping[str, str] | None = None,
    ) -> CategoryMatch:
        """The category a lineItem of this class uses for the mapped district category
        `title`, or why there is none (a reason code and a message saying which case)."""
        if corrections:
            return self._resolve(profile, class_id, teacher, title.strip(), corrections)
        key = (profile.category_style, class_id, teacher, title)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._resolve(
                profile, class_id, teacher, title.strip(), None
            )
        return found

    def _resolve(
        self,
        profile: SisProfile,
        class_id: str,
        teacher: str | None,
        title: str,
        corrections: Mapping[str, str] | None,
    ) -> CategoryMatch:
        if title not in self._titles:
            return CategoryMatch(
                None,
                Reason.CATEGORY_NOT_DISTRICT,
                f"The SIS has no category titled {title!r}. Check the title in the category "
                "mapping against the SIS, or have the district create the category.",
            )
        if profile.category_style == "title":
            return self._by_title_style(class_id, teacher, title, corrections)
        if title not in self._district_titles:
            return CategoryMatch(
                None,
                Reason.CATEGORY_NOT_DISTRICT,
                f"Categories titled {title!r} exist in the SIS only as teachers' own "
                "categories, not as copies of a district category. Have the district "
                "create it as a district category, or map the type to one.",
            )
        if teacher is None:
            return CategoryMatch(None, Reason.CATEGORY_INACTIVE, _NO_TEACHER)
        dcid = self.teacher_dcid(teacher, corrections)
        terms = self.class_terms(class_id)
        rows = self._rows_of(teacher, dcid, title)
        for cat in rows:  # active first
            if cat.active and cat.district_level is not False and self._of_year(cat, terms):
                return CategoryMatch(cat)
        district = [c for c in rows if c.district_level is not False]
        if any(self._of_year(c, terms) for c in district):
            return CategoryMatch(
                None,
                Reason.CATEGORY_INACTIVE,
                f"The class teacher's copy of the district category {title!r} is inactive "
                "in their gradebook. The teacher should make it active in the SIS gradebook.",
            )
        own = any(c.district_level is False for c in rows)
        return CategoryMatch(
            None,
            Reason.CATEGORY_INACTIVE,
            f"The district category {title!r} exists, but the class teacher has no copy of it"
            + (" for this school year" if district else "")
            + (" (only a category of their own with that title)" if own else "")
            + " in their gradebook. The teacher should add the district category to their "
            "gradebook in the SIS and make it active.",
        )

    def _by_title_style(
        self,
        class_id: str,
        teacher: str | None,
        title: str,
        corrections: Mapping[str, str] | None,
    ) -> CategoryMatch:
        """Spec-literal: the row titled so, the most specific one that applies to the class:
        scoped to it (metadata.classId), to its teacher, or to nobody in particular."""
        mine: tuple[SisCategory, ...] = ()
        if teacher is not None:
            mine = self._rows_of(teacher, self.teacher_dcid(teacher, corrections), title)

        def rank(cat: SisCategory) -> int | None:
            if cat.class_id is not None:
                return 0 if cat.class_id == class_id else None
            return 1 if cat.owned else 2

        rows = (*mine, *self._shared.get(title, ()))
        usable = sorted(((r, c) for c in rows if (r := rank(c)) is not None), key=lambda rc: rc[0])
        for _, cat in usable:
            if cat.active:
                return CategoryMatch(cat)
        if usable:
            return CategoryMatch(
                None,
                Reason.CATEGORY_INACTIVE,
                f"The category {title!r} that applies to this class is not active in the "
                "SIS. Have it made active in the SIS gradebook.",
            )
        return CategoryMatch(
            None,
            Reason.CATEGORY_INACTIVE,
            f"Categories titled {title!r} exist in the SIS, but only for other classes or "
            "teachers, not for this class's teacher. Have one created for this class in the "
            "SIS.",
        )


_NO_TEACHER = (
    "The class has no active teacher in the SIS, so there is no teacher's gradebook whose "
    "category the lineItem could use. Check the class's teacher enrollments in the SIS."
)


@dataclass(frozen=True, slots=True)
class CategoryMatch:
    """The outcome of `SisContext.resolve_category`: the category, or the reason and a
    message saying which of the cases it is."""

    category: SisCategory | None
    reason: Reason | None = None
    message: str = ""


def _cat_key(cat: SisCategory) -> tuple[bool, str]:
    return (not cat.active, cat.sourced_id)


def _ordered(rows: Iterable[SisCategory]) -> tuple[SisCategory, ...]:
    return tuple(sorted(rows, key=_cat_key))


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

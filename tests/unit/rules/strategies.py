"""Hypothesis strategies for random districts, SIS contexts, assessments and scores.

Ids come from tiny alphabets (three teachers, three students, three classes, five
assessments, a handful of titles that collide after normalising) and dates from a window
around two quarters, so duplicates, boundaries and gaps happen often.

With fourteen rules, values drawn independently would almost never pass them all, so each
record starts from values that pass and gets zero, one or two *flaws* (a value that breaks one
rule); the SIS world varies the same way. Strategies are built once at import: Hypothesis
validates each strategy object, and rebuilding them on every draw is slow.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from hypothesis import strategies as st

from passback.core.domain import (
    Assessment,
    District,
    Enrollment,
    ExcludedAs,
    GradingPeriod,
    Score,
    ScoreState,
    Scoring,
    SisCategory,
    SisClass,
    SisEdits,
    SisUser,
)
from passback.core.sis_view import SisContext

from .builders import DISTRICT_ID, district

T = TypeVar("T")

START = date(2026, 8, 10)
WINDOW = 135  # days: to 2026-12-23, past the end of Q2

TEACHERS = ("T-1", "T-2", "T-3")
STUDENTS = ("S-1", "S-2", "S-3")
CLASS_IDS = ("C-1", "C-2", "C-3")
ASSESSMENT_IDS = ("A-1", "A-2", "A-3", "A-4", "A-5")
TITLES = ("Quiz 1", "quiz  1", " Quiz 1 ", "Unit Test")
CATEGORY_TITLES = ("Tests", "Quizzes", "Mine")

PERIODS = (
    GradingPeriod("P-1", "Q1", date(2026, 8, 17), date(2026, 10, 16), "TERM-A"),
    GradingPeriod("P-2", "Q2", date(2026, 10, 19), date(2026, 12, 18), "TERM-A"),
    GradingPeriod("P-3", "Q3", date(2027, 1, 4), date(2027, 3, 12), "TERM-B"),
)


def mostly(value: bool = True, one_in: int = 6) -> st.SearchStrategy[bool]:
    """`value` most of the time, the other value about one time in `one_in`."""
    # the usual value first: Hypothesis shrinks towards the first element
    return st.sampled_from((value,) * (one_in - 1) + (not value,))


def usually(
    good: st.SearchStrategy[T], bad: st.SearchStrategy[T], one_in: int = 6
) -> st.SearchStrategy[T]:
    return mostly(True, one_in).flatmap(lambda ok: good if ok else bad)


DAYS = st.integers(0, WINDOW).map(lambda n: START + timedelta(days=n))
# assign dates from the start of Q1 to ten days before the end of Q2
ASSIGN_DAYS = st.integers(7, 120).map(lambda n: START + timedelta(days=n))
MAYBE_DAY = st.none() | DAYS
MINUTES = st.integers(0, 36 * 60)  # into the next day, across the Chicago offset
BOOLS = st.booleans()
MOSTLY_TRUE = mostly(True)
RARELY = mostly(False, 10)
FEW_FLAWS = st.sampled_from((0, 0, 0, 1, 1, 2))

# --- the SIS ---------------------------------------------------------------------------------
TERMS = usually(st.just(("TERM-A",)), st.sampled_from(((), ("TERM-B",), ("TERM-A", "TERM-B"))))
OTHER_TEACHERS = st.lists(st.sampled_from(TEACHERS[1:]), max_size=2, unique=True)
CLASS_STUDENTS = usually(
    st.just(STUDENTS), st.lists(st.sampled_from(STUDENTS), max_size=3, unique=True), 3
)
CATEGORY_KIND = usually(st.just("district"), st.sampled_from(("none", "district-off", "user")), 8)


@st.composite
def contexts(draw: st.DrawFn) -> SisContext:
    users = [SisUser(t, "teacher") for t in TEACHERS]
    users += [SisUser("ADM-1", "administrator"), *(SisUser(s, "student") for s in STUDENTS)]
    classes = [
        SisClass(c, c, draw(TERMS), active=draw(mostly(True, 10)))
        for c in CLASS_IDS
        if draw(mostly(True, 10))
    ]
    enrollments: list[Enrollment] = []
    for c in CLASS_IDS:
        # T-1 teaches most classes; others join as co-teachers, sometimes as primary
        teachers = [*(["T-1"] if draw(MOSTLY_TRUE) else []), *draw(OTHER_TEACHERS)]
        enrollments += [
            Enrollment(t, c, "teacher", primary=draw(BOOLS), active=draw(MOSTLY_TRUE))
            for t in teachers
        ]
        enrollments += [
            Enrollment(
                s,
                c,
                "student",
                active=draw(MOSTLY_TRUE),
                begin=draw(DAYS) if draw(RARELY) else None,
                end=draw(DAYS) if draw(RARELY) else None,
            )
            for s in draw(CLASS_STUDENTS)
        ]
    categories = []
    for t in TEACHERS:
        for title in CATEGORY_TITLES:
            kind = draw(CATEGORY_KIND)
            if kind != "none":
                categories.append(
                    SisCategory(
                        f"CAT-{title}-{t}-{kind}",
                        title,
                        t,
                        district_level=kind.startswith("district"),
                        active=kind != "district-off",
                    )
                )
    return SisContext.build(
        users=users,
        classes=classes,
        grading_periods=PERIODS,
        categories=categories,
        enrollments=enrollments,
    )


# --- the district ----------------------------------------------------------------------------
CLOSED = usually(st.just(()), st.sampled_from((("P-1",), ("P-2",), ("P-1", "P-3"))), 3)
EFFECTIVE = usually(st.just(START), MAYBE_DAY, 8)
MAPPED_TO = usually(st.sampled_from(("Tests", "Quizzes")), st.sampled_from(CATEGORY_TITLES))
GROUP = usually(
    st.just(frozenset({"T-1", "T-2", "T-3", "ADM-1"})),
    st.lists(st.sampled_from((*TEACHERS, "ADM-1")), max_size=3, unique=True).map(frozenset),
    8,
)


@st.composite
def districts(draw: st.DrawFn) -> District:
    return district(
        effective_date=draw(EFFECTIVE),
        category_map={t: draw(MAPPED_TO) for t in ("Test", "Quiz") if draw(mostly(True, 20))},
        passback_group=draw(GROUP),
        closed_grading_periods=frozenset(draw(CLOSED)),
        options={
            "excluded_as": draw(st.sampled_from(ExcludedAs)),
            "sis_edits": draw(st.sampled_from(SisEdits)),
        },
    )


# --- assessments and scores ------------------------------------------------------------------
ASSESSMENT_CLASSES = st.lists(st.sampled_from(CLASS_IDS), min_size=1, max_size=2, unique=True)
DUE_OFFSET = st.integers(0, 10)
ASSIGNER = st.sampled_from(("T-1", "T-1", "T-2", "T-3", "ADM-1"))
FLAWS: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "scoring": st.just({"scoring": Scoring.STANDARDS}),
    "points": st.sampled_from((19.5, 0, None)).map(lambda p: {"points_possible": p}),
    "title": st.just({"title": "x" * 50}),
    "final grade": st.just({"include_in_final_grade": False}),
    "due date": st.just({"due_on": None}),
    "assigner": st.sampled_from(("PLATFORM-ADMIN", "S-1")).map(lambda u: {"assigned_by": u}),
    "class": st.sampled_from(("C-X", "C-1")).map(lambda c: {"classes": (c, "C-X")[:1]}),
    "type": st.just({"type": "Essay"}),
    "late due": st.integers(30, 150).map(lambda n: {"due_on": START + timedelta(days=n)}),
}
FLAW_NAMES = st.lists(st.sampled_from(sorted(FLAWS)), max_size=2, unique=True)


@st.composite
def assessments(draw: st.DrawFn, id: str) -> Assessment:
    assigned = draw(ASSIGN_DAYS)
    a = Assessment(
        id=id,
        district=DISTRICT_ID,
        classes=tuple(draw(ASSESSMENT_CLASSES)),
        title=draw(st.sampled_from(TITLES)),
        type=draw(st.sampled_from(("Test", "Quiz"))),
        scoring=Scoring.POINTS,
        points_possible=draw(st.sampled_from((20, 10))),
        include_in_final_grade=True,
        assigned_by=draw(ASSIGNER),
        assigned_on=assigned,
        due_on=assigned + timedelta(days=draw(DUE_OFFSET)),
        updated_at=instant(draw, assigned),
        description=draw(st.none() | st.just("Chapters 1-3")),
        deleted=draw(mostly(False, 8)),
    )
    for name in draw(FLAW_NAMES) if draw(FEW_FLAWS) else ():
        a = replace(a, **draw(FLAWS[name]))
    return a


SCORE_STATE = usually(st.just(ScoreState.GRADED), st.sampled_from(ScoreState), 3)
SCORE_POINTS = usually(st.sampled_from((0, 7, 18, 20, 23.5)), st.none(), 8)
SCORED_STUDENTS = st.lists(st.sampled_from((*STUDENTS, "S-9")), max_size=4, unique=True)
ASSESSMENT_ID_SETS = st.lists(st.sampled_from(ASSESSMENT_IDS), min_size=1, max_size=5, unique=True)


def instant(draw: st.DrawFn, on: date | None = None) -> datetime:
    """An instant in UTC, from midnight UTC of a day (given or drawn) to noon the next."""
    day = on if on is not None else draw(DAYS)
    return datetime.combine(day, time(0), UTC) + timedelta(minutes=draw(MINUTES))


def draw_scores(draw: st.DrawFn, assessment_ids: list[str]) -> list[Score]:
    return [
        Score(
            district=DISTRICT_ID,
            assessment=a,
            student=s,
            state=draw(SCORE_STATE),
            points=draw(SCORE_POINTS),
            updated_at=instant(draw),
            excluded=draw(mostly(False, 8)),
            comment=draw(st.none() | st.sampled_from(("", "Good"))),
        )
        for a in assessment_ids
        for s in draw(SCORED_STUDENTS)
    ]


@dataclass(frozen=True)
class Inputs:
    """One platform snapshot: assessments (unique ids, tombstones included) and scores."""

    assessments: tuple[Assessment, ...]
    scores: tuple[Score, ...]


@st.composite
def inputs(draw: st.DrawFn) -> Inputs:
    ids = draw(ASSESSMENT_ID_SETS)
    return Inputs(tuple(draw(assessments(i)) for i in ids), tuple(draw_scores(draw, ids)))


@dataclass(frozen=True)
class World:
    district: District
    ctx: SisContext
    today: date


@st.composite
def friendly_contexts(draw: st.DrawFn) -> SisContext:
    """A SIS where the rules rarely object: every class active in TERM-A with T-1 as its
    primary teacher, every teacher with active copies of the district categories."""
    enrollments = []
    for c in CLASS_IDS:
        enrollments.append(Enrollment("T-1", c, "teacher", primary=True))
        enrollments += [Enrollment(t, c, "teacher") for t in draw(OTHER_TEACHERS)]
        enrollments += [
            Enrollment(s, c, "student", active=draw(MOSTLY_TRUE)) for s in draw(CLASS_STUDENTS)
        ]
    return SisContext.build(
        users=[SisUser(u, "teacher") for u in TEACHERS]
        + [SisUser("ADM-1", "administrator"), *(SisUser(s, "student") for s in STUDENTS)],
        classes=[SisClass(c, c, ("TERM-A",)) for c in CLASS_IDS],
        grading_periods=PERIODS,
        categories=[
            SisCategory(f"CAT-{title}-{t}", title, t, district_level=True, active=True)
            for t in TEACHERS
            for title in ("Tests", "Quizzes")
        ],
        enrollments=enrollments,
    )


@st.composite
def friendly_districts(draw: st.DrawFn) -> District:
    return district(
        effective_date=START,
        category_map={"Test": "Tests", "Quiz": "Quizzes"},
        passback_group=frozenset({*TEACHERS, "ADM-1"}),
        closed_grading_periods=frozenset(draw(st.sampled_from(((), (), ("P-1",))))),
        options={
            "excluded_as": draw(st.sampled_from(ExcludedAs)),
            "sis_edits": draw(st.sampled_from(SisEdits)),
        },
    )


@st.composite
def worlds(draw: st.DrawFn) -> World:
    """Half the time a friendly world, where most assessments pass, so that sending paths
    (and, in the planner, updates and retractions) are exercised as much as skipping ones."""
    if draw(BOOLS):
        return World(draw(friendly_districts()), draw(friendly_contexts()), draw(DAYS))
    return World(draw(districts()), draw(contexts()), draw(DAYS))


ASSESSMENT_CHANGES: tuple[st.SearchStrategy[dict[str, Any]], ...] = (
    st.sampled_from(TITLES).map(lambda t: {"title": t}),
    st.sampled_from((20, 10, 19.5)).map(lambda p: {"points_possible": p}),
    DUE_OFFSET.map(lambda n: {"due_offset": n}),
    st.just({"include_in_final_grade": False}),
    st.just({"deleted": True}),
    st.just({"deleted": False}),
    ASSESSMENT_CLASSES.map(lambda c: {"classes": tuple(c)}),
)
SCORE_CHANGES: tuple[st.SearchStrategy[dict[str, Any]], ...] = (
    SCORE_POINTS.map(lambda p: {"points": p}),
    SCORE_STATE.map(lambda s: {"state": s}),
    st.booleans().map(lambda b: {"excluded": b}),
    st.sampled_from(("Late", None)).map(lambda c: {"comment": c}),
)
ASSESSMENT_FATE = st.sampled_from(("keep", "keep", "keep", "change", "change", "drop"))
SCORE_FATE = st.sampled_from(("keep", "keep", "change", "change", "change", "drop"))


ASSESSMENT_CHANGE = st.one_of(ASSESSMENT_CHANGES)
SCORE_CHANGE = st.one_of(SCORE_CHANGES)


def _evolve(
    draw: st.DrawFn,
    record: Any,
    fates: st.SearchStrategy[str],
    changes: st.SearchStrategy[dict[str, Any]],
) -> Any:
    fate = draw(fates)
    if fate == "drop":
        return None
    if fate == "change":
        change = dict(draw(changes))
        if "due_offset" in change:
            change["due_on"] = record.assigned_on + timedelta(days=change.pop("due_offset"))
        return replace(record, **change)
    return record


@st.composite
def histories(draw: st.DrawFn) -> tuple[Inputs, Inputs]:
    """Two snapshots of the platform a night apart: most records kept, some changed or gone,
    and sometimes new ones."""
    first = draw(inputs())
    kept = [_evolve(draw, a, ASSESSMENT_FATE, ASSESSMENT_CHANGE) for a in first.assessments]
    scores = [_evolve(draw, s, SCORE_FATE, SCORE_CHANGE) for s in first.scores]
    new = draw(inputs()) if draw(mostly(False, 3)) else Inputs((), ())
    taken = {a.id for a in kept if a is not None}
    added = [a for a in new.assessments if a.id not in taken]
    added_ids = {a.id for a in added}
    # an id dropped and drawn again is a new assessment: the old one's scores go with it
    second = Inputs(
        (*(a for a in kept if a is not None), *added),
        (
            *(s for s in scores if s is not None and s.assessment not in added_ids),
            *(s for s in new.scores if s.assessment in added_ids),
        ),
    )
    assert len({(s.assessment, s.student) for s in second.scores}) == len(second.scores)
    return first, second

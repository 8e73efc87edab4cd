"""Small builders for the rules tests: one ordinary district, one SIS world, and records that
differ from the ordinary one only where a test says so, so each test reads like a row of the
table (docs/rules.md).

The world (dates in 2026-27, district in America/Chicago):

- terms TERM-S1 (Q1 closed, Q2 open) and TERM-S2 (Q3); CLS-7A and CLS-7B are in TERM-S1,
  CLS-S2 only in TERM-S2, CLS-OLD is inactive;
- CLS-7A: T-1 primary, T-2 co-teacher, students S-1 and S-2; CLS-7B: T-3 primary, S-3;
- every teacher has an active copy of the district categories "Tests" and "Quizzes"; T-1 has a
  user-level "Projects"; nobody has a district "Projects";
- passback group: T-1, T-2, T-3, ADM-1 (a SIS administrator who teaches no class).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from passback.core.domain import (
    Assessment,
    District,
    DistrictOptions,
    Enrollment,
    GradingPeriod,
    Score,
    ScoreState,
    Scoring,
    SisCategory,
    SisClass,
    SisConnection,
    SisUser,
)
from passback.core.eligibility import (
    LineItemDecision,
    ResultDecision,
    evaluate_assessments,
    evaluate_scores,
)
from passback.core.reasons import Reason
from passback.core.sis_view import SisContext

DISTRICT_ID = "unified-1"
TZ = "America/Chicago"
EFFECTIVE = date(2026, 8, 20)
TODAY = date(2026, 11, 10)  # the evaluation date of most tests: Q2 is open

Q1 = GradingPeriod("GP-Q1", "Q1", date(2026, 8, 17), date(2026, 10, 16), "TERM-S1")
Q2 = GradingPeriod("GP-Q2", "Q2", date(2026, 10, 19), date(2026, 12, 18), "TERM-S1")
Q3 = GradingPeriod("GP-Q3", "Q3", date(2027, 1, 5), date(2027, 3, 12), "TERM-S2")
PERIODS = (Q1, Q2, Q3)

USERS = (
    SisUser("T-1", "teacher"),
    SisUser("T-2", "teacher"),
    SisUser("T-3", "teacher"),
    SisUser("ADM-1", "administrator"),
    SisUser("S-1", "student"),
    SisUser("S-2", "student"),
    SisUser("S-3", "student"),
)
CLASSES = (
    SisClass("CLS-7A", "Math 7 A", ("TERM-S1",)),
    SisClass("CLS-7B", "Math 7 B", ("TERM-S1",)),
    SisClass("CLS-S2", "Math 7 spring", ("TERM-S2",)),
    SisClass("CLS-OLD", "Math 7 (old)", ("TERM-S1",), active=False),
)
ENROLLMENTS = (
    Enrollment("T-1", "CLS-7A", "teacher", primary=True),
    Enrollment("T-2", "CLS-7A", "teacher"),
    Enrollment("S-1", "CLS-7A", "student"),
    Enrollment("S-2", "CLS-7A", "student"),
    Enrollment("T-3", "CLS-7B", "teacher", primary=True),
    Enrollment("S-3", "CLS-7B", "student"),
    Enrollment("T-1", "CLS-S2", "teacher", primary=True),
    Enrollment("S-1", "CLS-S2", "student"),
)


def district_copy(teacher: str, title: str, *, active: bool = True) -> SisCategory:
    """A teacher's copy of a district category; its id says whose and what."""
    return SisCategory(f"CAT-{title}-{teacher}", title, teacher, True, active)


def user_category(teacher: str, title: str, *, active: bool = True) -> SisCategory:
    return SisCategory(f"UCAT-{title}-{teacher}", title, teacher, False, active)


CATEGORIES = (
    *(district_copy(t, title) for t in ("T-1", "T-2", "T-3") for title in ("Tests", "Quizzes")),
    user_category("T-1", "Projects"),
)
CATEGORY_MAP = {"Test": "Tests", "Quiz": "Quizzes", "Project": "Projects"}
GROUP = frozenset({"T-1", "T-2", "T-3", "ADM-1"})


def context(
    *,
    users: Iterable[SisUser] = USERS,
    classes: Iterable[SisClass] = CLASSES,
    periods: Iterable[GradingPeriod] = PERIODS,
    categories: Iterable[SisCategory] = CATEGORIES,
    enrollments: Iterable[Enrollment] = ENROLLMENTS,
    term_parents: Mapping[str, str | None] | None = None,
) -> SisContext:
    return SisContext.build(
        users=users,
        classes=classes,
        grading_periods=periods,
        categories=categories,
        enrollments=enrollments,
        term_parents=term_parents,
    )


def without(records: Iterable[Any], *dropped: Any) -> tuple[Any, ...]:
    return tuple(r for r in records if r not in dropped)


def district(**changes: Any) -> District:
    """The ordinary district; `options=` may be given as a dict of option changes."""
    options = changes.pop("options", {})
    base = District(
        id=DISTRICT_ID,
        name="Unified School District",
        timezone=TZ,
        sis=SisConnection(
            base_url="http://127.0.0.1:9/ims/oneroster/v1p1",
            token_url="http://127.0.0.1:9/oauth/access_token",
            client_id="demo",
        ),
        effective_date=EFFECTIVE,
        category_map=CATEGORY_MAP,
        passback_group=GROUP,
        closed_grading_periods=frozenset({"GP-Q1"}),
        options=replace(DistrictOptions(), **options),
    )
    return replace(base, **changes)


def at(text: str) -> datetime:
    """An instant from `YYYY-MM-DDTHH:MM` in UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def assessment(id: str = "A-100", **changes: Any) -> Assessment:
    """An assessment that passes every rule in CLS-7A: 20 points, assigned by the primary
    teacher in the open Q2, due a week later."""
    base = Assessment(
        id=id,
        district=DISTRICT_ID,
        classes=("CLS-7A",),
        title="Unit 1 Test",
        type="Test",
        scoring=Scoring.POINTS,
        points_possible=20,
        include_in_final_grade=True,
        assigned_by="T-1",
        assigned_on=date(2026, 10, 20),
        due_on=date(2026, 10, 27),
        updated_at=at("2026-10-20T15:00"),
    )
    return replace(base, **changes)


def score(student: str = "S-1", assessment: str = "A-100", **changes: Any) -> Score:
    """A graded score of 18 points, graded on 2026-10-28 (Chicago)."""
    base = Score(
        district=DISTRICT_ID,
        assessment=assessment,
        student=student,
        state=ScoreState.GRADED,
        points=18,
        updated_at=at("2026-10-28T16:00"),
    )
    return replace(base, **changes)


# --- running the rules -------------------------------------------------------------------


def decisions(
    assessments: Sequence[Assessment],
    *,
    dist: District | None = None,
    ctx: SisContext | None = None,
    today: date = TODAY,
    sent: Iterable[tuple[str, str]] = (),
) -> dict[tuple[str, str], LineItemDecision]:
    return evaluate_assessments(
        assessments, dist or district(), ctx or context(), today, sent=frozenset(sent)
    )


def decide(
    a: Assessment,
    class_id: str | None = None,
    *,
    others: Sequence[Assessment] = (),
    dist: District | None = None,
    ctx: SisContext | None = None,
    today: date = TODAY,
    sent: bool = False,
) -> LineItemDecision:
    """The decision for one (assessment, class) pair, the class being its first unless
    named, evaluated together with `others`; `sent`: its lineItem is in the ledger."""
    class_id = class_id or a.classes[0]
    pairs = [(a.id, class_id)] if sent else []
    found = decisions([a, *others], dist=dist, ctx=ctx, today=today, sent=pairs)
    return found[(a.id, class_id)]


def reasons(a: Assessment, **kw: Any) -> set[Reason]:
    return set(decide(a, **kw).reasons)


def run_rules(
    assessments: Sequence[Assessment],
    scores: Sequence[Score],
    *,
    dist: District | None = None,
    ctx: SisContext | None = None,
    today: date = TODAY,
    sent: Iterable[tuple[str, str]] = (),
) -> tuple[dict[tuple[str, str], LineItemDecision], list[ResultDecision]]:
    """Both levels of the rules, as a run makes them (`sent`: the pairs in the ledger)."""
    dist, ctx = dist or district(), ctx or context()
    line_items = evaluate_assessments(assessments, dist, ctx, today, sent=frozenset(sent))
    by_id = {a.id: a for a in assessments}
    return line_items, evaluate_scores(scores, by_id, line_items, dist, ctx, today)


def result_for(
    s: Score,
    a: Assessment | None = None,
    *,
    dist: District | None = None,
    ctx: SisContext | None = None,
    today: date = TODAY,
) -> list[ResultDecision]:
    """The result decisions of one score (one per class it belongs to)."""
    _, results = run_rules([a or assessment()], [s], dist=dist, ctx=ctx, today=today)
    return results

"""docs/rules.md, assessment level: one table row per rule and boundary.

Each case changes the ordinary assessment (which passes every rule) in one way and states the
exact set of reasons expected, so a case shows both that its code appears and that nothing
else does; the passing side of each boundary expects the empty set (the pair is sent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from passback.core.domain import (
    Assessment,
    District,
    Enrollment,
    GradingPeriod,
    Scoring,
    SisClass,
    SisUser,
)
from passback.core.reasons import Reason
from passback.core.sis_view import SisContext

from .builders import (
    CATEGORIES,
    CLASSES,
    ENROLLMENTS,
    PERIODS,
    TODAY,
    USERS,
    assessment,
    at,
    context,
    decide,
    decisions,
    district,
    district_copy,
    user_category,
    without,
)

R = Reason
NO_CLOSED = district(closed_grading_periods=frozenset())
IN_Q1 = date(2026, 9, 1)


@dataclass(frozen=True)
class Row:
    rule: str
    changes: dict[str, Any]
    expected: frozenset[Reason]
    dist: District | None = None
    ctx: SisContext | None = field(default=None, compare=False)
    class_id: str | None = None
    today: date = TODAY
    sent: bool = False


def row(
    rule: str,
    expected: set[Reason] | None = None,
    *,
    dist: District | None = None,
    ctx: SisContext | None = None,
    class_id: str | None = None,
    today: date = TODAY,
    sent: bool = False,
    **changes: Any,
) -> Any:
    return pytest.param(
        Row(rule, changes, frozenset(expected or ()), dist, ctx, class_id, today, sent), id=rule
    )


def ctx_with_categories(*categories: Any, dropped: tuple[Any, ...] = ()) -> SisContext:
    return context(categories=(*without(CATEGORIES, *dropped), *categories))


T1_TESTS = district_copy("T-1", "Tests")
T2_TESTS = district_copy("T-2", "Tests")

ROWS = [
    row("ordinary assessment sends"),
    # title: fewer than 50 characters
    row("title 49 chars sends", title="x" * 49),
    row("title 50 chars", {R.TITLE_TOO_LONG}, title="x" * 50),
    row("title 49 non-ASCII chars sends", title="é" * 49),
    row("title 80 chars", {R.TITLE_TOO_LONG}, title="Unit test " * 8),
    # points: a whole number greater than 0
    row("points 20 sends", points_possible=20),
    row("points 20.0 sends", points_possible=20.0),
    row("points 19.5", {R.POINTS_NOT_WHOLE}, points_possible=19.5),
    row("points 0", {R.POINTS_NOT_WHOLE}, points_possible=0),
    row("points negative", {R.POINTS_NOT_WHOLE}, points_possible=-20),
    row("points None", {R.POINTS_NOT_WHOLE}, points_possible=None),
    row("points NaN", {R.POINTS_NOT_WHOLE}, points_possible=float("nan")),
    row("points infinite", {R.POINTS_NOT_WHOLE}, points_possible=float("inf")),
    row("standards with points", {R.STANDARDS_BASED}, scoring=Scoring.STANDARDS),
    row(
        "standards without points",
        {R.STANDARDS_BASED},
        scoring=Scoring.STANDARDS,
        points_possible=None,
    ),
    row("not in final grade", {R.NOT_IN_FINAL_GRADE}, include_in_final_grade=False),
    row("no due date", {R.MISSING_DUE_DATE}, due_on=None),
    # the assigner
    row(
        "platform-only admin",
        {R.ASSIGNER_NOT_IN_SIS, R.ASSIGNER_NOT_IN_GROUP},
        assigned_by="PLATFORM-ADMIN",
    ),
    row(
        "platform-only admin put in the group",
        {R.ASSIGNER_NOT_IN_SIS},
        dist=district(passback_group=frozenset({"T-1", "PLATFORM-ADMIN"})),
        assigned_by="PLATFORM-ADMIN",
    ),
    row(
        "teacher not in the group",
        {R.ASSIGNER_NOT_IN_GROUP},
        dist=district(passback_group=frozenset({"T-2"})),
    ),
    row("SIS admin in the group sends", assigned_by="ADM-1"),
    # the class
    row("class unknown", {R.CLASS_NOT_IN_SIS}, classes=("CLS-NOPE",)),
    row("class inactive", {R.CLASS_NOT_IN_SIS}, classes=("CLS-OLD",)),
    # the category
    row("type not mapped", {R.CATEGORY_NOT_MAPPED}, type="Essay"),
    row("type mapped case-sensitively", {R.CATEGORY_NOT_MAPPED}, type="test"),
    row("mapped to user-level categories only", {R.CATEGORY_NOT_DISTRICT}, type="Project"),
    row(
        "mapped title nowhere in the SIS",
        {R.CATEGORY_NOT_DISTRICT},
        dist=district(category_map={"Test": "Exams"}),
    ),
    row(
        "teacher's copy inactive",
        {R.CATEGORY_INACTIVE},
        ctx=ctx_with_categories(district_copy("T-1", "Tests", active=False), dropped=(T1_TESTS,)),
    ),
    row(
        "teacher has no copy",
        {R.CATEGORY_INACTIVE},
        ctx=ctx_with_categories(dropped=(T1_TESTS,)),
    ),
    row(
        "teacher has only a user-level category of that title",
        {R.CATEGORY_INACTIVE},
        ctx=ctx_with_categories(user_category("T-1", "Tests"), dropped=(T1_TESTS,)),
    ),
    row(
        "class with no teacher",
        {R.CATEGORY_INACTIVE},
        ctx=context(enrollments=[e for e in ENROLLMENTS if e.role != "teacher"]),
        assigned_by="ADM-1",
    ),
    row(
        "co-teacher without an active copy while the primary has one",
        {R.CATEGORY_INACTIVE},
        ctx=ctx_with_categories(district_copy("T-2", "Tests", active=False), dropped=(T2_TESTS,)),
        assigned_by="T-2",
    ),
    row(
        "primary without a copy does not matter when the co-teacher assigns",
        ctx=ctx_with_categories(dropped=(T1_TESTS,)),
        assigned_by="T-2",
    ),
    row(
        "primary's copy is used when the assigner does not teach the class",
        {R.CATEGORY_INACTIVE},
        ctx=ctx_with_categories(dropped=(T1_TESTS,)),
        assigned_by="T-3",
    ),
    # the effective date (2026-08-20; Q1 is left open and the evaluation date is in Q1, so
    # only this rule is in play)
    row(
        "assigned and updated the day before",
        {R.BEFORE_EFFECTIVE_DATE},
        dist=NO_CLOSED,
        today=IN_Q1,
        assigned_on=date(2026, 8, 19),
        due_on=date(2026, 8, 27),
        updated_at=at("2026-08-19T15:00"),
    ),
    row(
        "updated 03:00Z on the date is still the day before in Chicago",
        {R.BEFORE_EFFECTIVE_DATE},
        dist=NO_CLOSED,
        today=IN_Q1,
        assigned_on=date(2026, 8, 19),
        due_on=date(2026, 8, 27),
        updated_at=at("2026-08-20T03:00"),
    ),
    row(
        "updated 06:00Z on the date is the date in Chicago",
        dist=NO_CLOSED,
        today=IN_Q1,
        assigned_on=date(2026, 8, 19),
        due_on=date(2026, 8, 27),
        updated_at=at("2026-08-20T06:00"),
    ),
    row(
        "assigned on the date, last updated before it",
        dist=NO_CLOSED,
        today=IN_Q1,
        assigned_on=date(2026, 8, 20),
        due_on=date(2026, 8, 27),
        updated_at=at("2026-08-19T15:00"),
    ),
    row(
        "no effective date set",
        {R.BEFORE_EFFECTIVE_DATE},
        dist=district(effective_date=None),
    ),
    # the time window [rev 2026-12]: window start = the later of the effective date and the
    # start of the class's current grading period (Q2 starts 2026-10-19; Q1 ended 10-16)
    row(
        "window start on the day (Q2's first day)",
        assigned_on=date(2026, 10, 19),
        updated_at=at("2026-10-19T15:00"),
    ),
    row(
        "assigned and changed the day before the period started",
        {R.BEFORE_GRADING_PERIOD},
        assigned_on=date(2026, 10, 18),
        updated_at=at("2026-10-18T15:00"),
    ),
    row(
        "assigned in Q1 but changed in Q2 counts as changed in the window",
        dist=NO_CLOSED,
        assigned_on=date(2026, 10, 1),
        updated_at=at("2026-10-19T15:00"),
    ),
    row(
        "a Q1 assessment first seen in Q2",
        {R.BEFORE_GRADING_PERIOD},
        dist=NO_CLOSED,
        assigned_on=date(2026, 9, 1),
        due_on=date(2026, 9, 8),
        updated_at=at("2026-09-01T15:00"),
    ),
    row(
        "in the break between periods the one that just ended is current",
        dist=NO_CLOSED,
        today=date(2026, 10, 17),
        assigned_on=date(2026, 9, 1),
        due_on=date(2026, 9, 8),
        updated_at=at("2026-09-01T15:00"),
    ),
    row(
        "a sent lineItem keeps updating after its period ended",
        dist=NO_CLOSED,
        sent=True,
        assigned_on=date(2026, 9, 1),
        due_on=date(2026, 9, 8),
        updated_at=at("2026-09-01T15:00"),
    ),
    row(
        "a class with no period started: the effective date is the window start",
        classes=("CLS-S2",),
        assigned_on=date(2026, 8, 20),
        due_on=date(2027, 1, 10),
        updated_at=at("2026-08-20T15:00"),
    ),
    row(
        "a class with no period started, assigned before the effective date",
        {R.BEFORE_EFFECTIVE_DATE},
        classes=("CLS-S2",),
        assigned_on=date(2026, 8, 19),
        due_on=date(2027, 1, 10),
        updated_at=at("2026-08-19T15:00"),
    ),
    row(
        "effective date later than the period start is the bound",
        {R.BEFORE_EFFECTIVE_DATE},
        dist=district(effective_date=date(2026, 10, 25)),
    ),
    row(
        "on the effective date when it is later than the period start",
        dist=district(effective_date=date(2026, 10, 20)),
    ),
    row(
        "a future effective date: nothing passes yet",
        {R.BEFORE_EFFECTIVE_DATE},
        dist=district(effective_date=date(2026, 11, 11)),
        assigned_on=date(2026, 11, 10),
        due_on=date(2026, 11, 17),
        updated_at=at("2026-11-10T15:00"),
    ),
    row(
        "a future effective date holds back a sent lineItem too",
        {R.BEFORE_EFFECTIVE_DATE},
        dist=district(effective_date=date(2026, 11, 11)),
        sent=True,
    ),
    # grading periods (Q1 closed, Q2 open, Q3 in another term)
    row("due in winter break", {R.NO_GRADING_PERIOD}, due_on=date(2026, 12, 25)),
    row("due in another term's period", {R.NO_GRADING_PERIOD}, due_on=date(2027, 1, 10)),
    row(
        "due in the class's own spring period",
        classes=("CLS-S2",),
        due_on=date(2027, 1, 10),
    ),
    row(
        "within closed Q1",
        {R.GRADING_PERIOD_CLOSED},
        assigned_on=date(2026, 10, 1),
        due_on=date(2026, 10, 10),
    ),
    row(
        "assigned in closed Q1, due in open Q2",
        {R.GRADING_PERIOD_CLOSED},
        assigned_on=date(2026, 10, 10),
        due_on=date(2026, 10, 20),
    ),
    row(
        "assigned the day after Q1 ends",
        assigned_on=date(2026, 10, 17),
        due_on=date(2026, 10, 20),
    ),
    row(
        "straddling Q1 while it is open",
        dist=NO_CLOSED,
        assigned_on=date(2026, 10, 10),
        due_on=date(2026, 10, 20),
    ),
    row(
        "a closed period of another term does not matter",
        dist=district(closed_grading_periods=frozenset({"GP-Q3"})),
        assigned_on=date(2026, 10, 10),
        due_on=date(2026, 10, 20),
    ),
    row(
        "no due date and assigned in closed Q1",
        {R.MISSING_DUE_DATE, R.GRADING_PERIOD_CLOSED},
        assigned_on=date(2026, 10, 1),
        due_on=None,
    ),
    # the class's problems hide the rules that need the class
    row(
        "unknown class hides category and period rules",
        {R.CLASS_NOT_IN_SIS},
        classes=("CLS-NOPE",),
        assigned_on=date(2026, 10, 1),
        due_on=date(2026, 12, 25),
    ),
    # everything at once
    row(
        "many reasons at once",
        {
            R.STANDARDS_BASED,
            R.TITLE_TOO_LONG,
            R.NOT_IN_FINAL_GRADE,
            R.MISSING_DUE_DATE,
            R.ASSIGNER_NOT_IN_SIS,
            R.ASSIGNER_NOT_IN_GROUP,
            R.CATEGORY_NOT_MAPPED,
            R.BEFORE_EFFECTIVE_DATE,
            R.GRADING_PERIOD_CLOSED,
        },
        scoring=Scoring.STANDARDS,
        title="y" * 60,
        include_in_final_grade=False,
        due_on=None,
        assigned_by="PLATFORM-ADMIN",
        type="Essay",
        assigned_on=date(2026, 8, 18),
        updated_at=at("2026-08-18T12:00"),
    ),
    row(
        "points, category and period at once",
        {R.POINTS_NOT_WHOLE, R.CATEGORY_NOT_DISTRICT, R.NO_GRADING_PERIOD},
        points_possible=19.5,
        type="Project",
        due_on=date(2026, 12, 25),
    ),
]


@pytest.mark.parametrize("case", ROWS)
def test_rule_table(case: Row) -> None:
    a = assessment(**case.changes)
    decision = decide(
        a, case.class_id, dist=case.dist, ctx=case.ctx, today=case.today, sent=case.sent
    )
    assert set(decision.reasons) == case.expected
    assert decision.send is (not case.expected)
    assert len(decision.reasons) == len(set(decision.reasons)), "a reason is listed twice"


def test_the_table_covers_every_assessment_level_code() -> None:
    covered = set().union(*(p.values[0].expected for p in ROWS))
    covered.add(Reason.DUPLICATE_TITLE)  # the duplicate tests below
    # set by the SIS at write time, or by the sync when the SIS cannot delete
    never_from_rules = {Reason.SIS_REJECTED, Reason.SIS_CANNOT_DELETE}
    assessment_level = {r for r in Reason if r.level == "assessment"}
    assert assessment_level - never_from_rules == covered


# --- where a sent lineItem goes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("assigner", "category"),
    [
        pytest.param("T-1", "CAT-Tests-T-1", id="primary teacher's own copy"),
        pytest.param("T-2", "CAT-Tests-T-2", id="co-teacher's own copy"),
        pytest.param("ADM-1", "CAT-Tests-T-1", id="admin: the primary's copy"),
        pytest.param("T-3", "CAT-Tests-T-1", id="another class's teacher: the primary's copy"),
    ],
)
def test_category_is_the_class_teachers_copy(assigner: str, category: str) -> None:
    decision = decide(assessment(assigned_by=assigner))
    assert decision.send
    assert decision.category == category


def test_primary_flag_wins_over_the_order_of_teacher_ids() -> None:
    enrollments = [
        Enrollment("T-1", "CLS-7A", "teacher"),
        Enrollment("T-9", "CLS-7A", "teacher", primary=True),
    ]
    ctx = context(
        users=(*USERS, SisUser("T-9", "teacher")),
        enrollments=enrollments,
        categories=(*CATEGORIES, district_copy("T-9", "Tests")),
    )
    decision = decide(assessment(assigned_by="ADM-1"), ctx=ctx)
    assert decision.category == "CAT-Tests-T-9"


def test_inactive_teacher_enrollment_does_not_make_the_assigner_the_class_teacher() -> None:
    enrollments = [*without(ENROLLMENTS, Enrollment("T-2", "CLS-7A", "teacher"))]
    enrollments.append(Enrollment("T-2", "CLS-7A", "teacher", active=False))
    decision = decide(assessment(assigned_by="T-2"), ctx=context(enrollments=enrollments))
    assert decision.category == "CAT-Tests-T-1"


def test_due_date_places_the_lineitem_in_its_grading_period() -> None:
    assert decide(assessment()).grading_period == "GP-Q2"
    spring = assessment(classes=("CLS-S2",), due_on=date(2027, 1, 10))
    assert decide(spring).grading_period == "GP-Q3"


def test_class_of_a_school_year_sees_the_periods_of_its_semesters() -> None:
    semester = GradingPeriod("GP-S1", "S1", date(2026, 8, 17), date(2026, 12, 18), "TERM-S1")
    ctx = context(
        classes=(*CLASSES, SisClass("CLS-Y", "Math 7 year", ("YEAR-26",))),
        periods=(*PERIODS, semester),
        enrollments=(*ENROLLMENTS, Enrollment("T-1", "CLS-Y", "teacher", primary=True)),
        term_parents={"TERM-S1": "YEAR-26", "TERM-S2": "YEAR-26", "YEAR-26": None},
    )
    decision = decide(assessment(classes=("CLS-Y",)), ctx=ctx)
    # both S1 and Q2 contain the due date; the SIS files it in the shorter one
    assert decision.send
    assert decision.grading_period == "GP-Q2"


def test_each_class_of_an_assessment_is_judged_on_its_own() -> None:
    a = assessment(classes=("CLS-7A", "CLS-OLD", "CLS-7B"))
    found = decisions([a])
    assert found[("A-100", "CLS-7A")].send
    assert found[("A-100", "CLS-7A")].category == "CAT-Tests-T-1"
    assert found[("A-100", "CLS-OLD")].reasons == (Reason.CLASS_NOT_IN_SIS,)
    assert found[("A-100", "CLS-7B")].send
    assert found[("A-100", "CLS-7B")].category == "CAT-Tests-T-3"


def test_deleted_assessments_get_no_decision() -> None:
    assert decisions([assessment(deleted=True)]) == {}


# --- DUPLICATE_TITLE -----------------------------------------------------------------------


def twin(id: str = "A-101", **changes: Any) -> Assessment:
    """Same title (up to case and spacing) and due date as the ordinary one, assigned later."""
    base: dict[str, Any] = {"title": "  unit 1   TEST ", "assigned_on": date(2026, 10, 21)}
    return assessment(id, **(base | changes))


def sent(found: dict[tuple[str, str], Any]) -> dict[tuple[str, str], bool]:
    return {k: d.send for k, d in found.items()}


def test_duplicate_title_sends_the_earliest_assigned() -> None:
    found = decisions([assessment(), twin()])
    assert found[("A-100", "CLS-7A")].send
    assert found[("A-101", "CLS-7A")].reasons == (Reason.DUPLICATE_TITLE,)


def test_duplicate_title_does_not_depend_on_input_order_or_ids() -> None:
    earlier = twin("A-001", assigned_on=date(2026, 10, 19))
    for order in ([assessment(), earlier], [earlier, assessment()]):
        found = decisions(order)
        assert found[("A-001", "CLS-7A")].send
        assert found[("A-100", "CLS-7A")].reasons == (Reason.DUPLICATE_TITLE,)


def test_duplicate_title_tie_on_assign_date_goes_to_the_earlier_update() -> None:
    found = decisions(
        [
            assessment(updated_at=at("2026-10-20T18:00")),
            twin("A-050", assigned_on=date(2026, 10, 20), updated_at=at("2026-10-20T17:00")),
        ]
    )
    assert found[("A-050", "CLS-7A")].send
    assert not found[("A-100", "CLS-7A")].send


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"classes": ("CLS-7B",)}, id="same title in another class"),
        pytest.param({"title": "Unit 1 Test B"}, id="different title"),
    ],
)
def test_not_a_duplicate(changes: dict[str, Any]) -> None:
    found = decisions([assessment(), twin(**changes)])
    assert all(sent(found).values())


def test_same_title_with_another_due_date_is_a_duplicate() -> None:
    """PowerSchool requires names unique in a section, whatever the due dates."""
    found = decisions([assessment(), twin(due_on=date(2026, 10, 28))])
    assert found[("A-100", "CLS-7A")].send
    assert found[("A-101", "CLS-7A")].reasons == (Reason.DUPLICATE_TITLE,)


def test_a_duplicate_already_in_the_sis_keeps_its_title() -> None:
    """The earlier assigned one renamed to a sent one's title does not push it out."""
    earlier = twin("A-001", assigned_on=date(2026, 10, 19))
    found = decisions([assessment(), earlier], sent=[("A-100", "CLS-7A")])
    assert found[("A-100", "CLS-7A")].send
    assert found[("A-001", "CLS-7A")].reasons == (Reason.DUPLICATE_TITLE,)


def test_a_skipped_assessment_does_not_block_its_twin() -> None:
    found = decisions([assessment(include_in_final_grade=False), twin()])
    assert found[("A-100", "CLS-7A")].reasons == (Reason.NOT_IN_FINAL_GRADE,)
    assert found[("A-101", "CLS-7A")].send


def test_duplicate_only_in_the_shared_class() -> None:
    found = decisions([assessment(classes=("CLS-7A", "CLS-7B")), twin()])
    assert sent(found) == {
        ("A-100", "CLS-7A"): True,
        ("A-100", "CLS-7B"): True,
        ("A-101", "CLS-7A"): False,
    }


def test_three_way_duplicate_sends_one() -> None:
    found = decisions([twin("A-103", assigned_on=date(2026, 10, 23)), assessment(), twin("A-102")])
    assert [k for k, v in sent(found).items() if v] == [("A-100", "CLS-7A")]


def test_a_score_changed_in_the_window_does_not_bring_an_old_assessment_into_it() -> None:
    """docs/rules.md: score changes do not count as changing the assessment, so a Q1
    quiz never sent stays out of Q2's window however recently one of its scores changed."""
    from .builders import run_rules, score

    quiz = assessment(
        assigned_on=date(2026, 9, 1), due_on=date(2026, 9, 8), updated_at=at("2026-09-01T15:00")
    )
    regraded = score("S-1", updated_at=at("2026-11-09T15:00"))
    line_items, results = run_rules([quiz], [regraded], dist=NO_CLOSED)
    (decision,) = line_items.values()
    assert not decision.send and set(decision.reasons) == {R.BEFORE_GRADING_PERIOD}
    assert results and not any(r.send for r in results)

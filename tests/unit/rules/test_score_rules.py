"""docs/rules.md, score level: enrollment, exclusion, grading state and the automatic zero, for a
score under the ordinary assessment (20 points, due 2026-10-27 in CLS-7A)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from passback.core.domain import Enrollment, ExcludedAs, ScoreState
from passback.core.eligibility import ResultDecision
from passback.core.reasons import Reason
from passback.core.sis_view import SisContext

from .builders import (
    ENROLLMENTS,
    TODAY,
    assessment,
    at,
    context,
    district,
    result_for,
    run_rules,
    score,
    without,
)

DUE = date(2026, 10, 27)
S1 = Enrollment("S-1", "CLS-7A", "student")
S1_FIELDS: dict[str, Any] = {"user": "S-1", "class_id": "CLS-7A", "role": "student"}


def only(results: list[ResultDecision]) -> ResultDecision:
    assert len(results) == 1, results
    return results[0]


def s1_enrolled(**changes: Any) -> SisContext:
    """The context with S-1's enrollment in CLS-7A changed."""
    return context(enrollments=(*without(ENROLLMENTS, S1), Enrollment(**(S1_FIELDS | changes))))


def test_graded_score_is_sent_as_fully_graded_points() -> None:
    r = only(result_for(score(points=18, comment="Nice work")))
    assert r.send
    assert (r.score, r.status, r.score_date, r.comment) == (
        18.0,
        "fully graded",
        date(2026, 10, 28),
        "Nice work",
    )


def test_extra_credit_above_the_total_is_sent_as_is() -> None:
    r = only(result_for(score(points=23.5)))
    assert (r.score, r.status) == (23.5, "fully graded")


def test_a_graded_zero_is_a_score() -> None:
    r = only(result_for(score(points=0)))
    assert (r.score, r.status) == (0.0, "fully graded")


def test_score_date_is_the_grading_day_in_the_district_time_zone() -> None:
    # 03:00 UTC on the 29th is still the evening of the 28th in Chicago
    r = only(result_for(score(updated_at=at("2026-10-29T03:00"))))
    assert r.score_date == date(2026, 10, 28)


def test_an_empty_comment_is_not_sent() -> None:
    assert only(result_for(score(comment=""))).comment is None


@pytest.mark.parametrize(
    ("ctx_changes", "student", "enrolled"),
    [
        pytest.param({}, "S-1", True, id="active enrollment"),
        pytest.param({}, "S-3", False, id="enrolled in another class only"),
        pytest.param({}, "S-404", False, id="no enrollment anywhere"),
        pytest.param({"active": False}, "S-1", False, id="inactive enrollment"),
        pytest.param({"end": DUE - timedelta(days=1)}, "S-1", False, id="left before the due date"),
        pytest.param({"end": DUE}, "S-1", True, id="left on the due date"),
        pytest.param({"end": date(2026, 11, 1)}, "S-1", True, id="left after the due date"),
        pytest.param({"begin": DUE}, "S-1", True, id="joined on the due date"),
        pytest.param({"begin": DUE + timedelta(days=1)}, "S-1", False, id="joined after due"),
    ],
)
def test_enrollment(ctx_changes: dict[str, Any], student: str, enrolled: bool) -> None:
    r = only(result_for(score(student), ctx=s1_enrolled(**ctx_changes)))
    assert r.send is enrolled
    assert (Reason.STUDENT_NOT_ENROLLED in r.reasons) is not enrolled


def test_a_teacher_enrollment_is_not_a_student_enrollment() -> None:
    r = only(result_for(score("T-2")))
    assert r.reasons == (Reason.STUDENT_NOT_ENROLLED,)


def test_enrollment_before_the_due_date_is_checked_on_the_evaluation_date() -> None:
    # graded early, before the due date: the student must be enrolled today
    early = assessment(due_on=date(2026, 11, 20))
    left = s1_enrolled(end=date(2026, 11, 5))
    assert only(result_for(score(), early, ctx=left)).reasons == (Reason.STUDENT_NOT_ENROLLED,)
    assert only(result_for(score(), early, ctx=s1_enrolled(end=date(2026, 11, 15)))).send


def test_excluded_score_is_skipped() -> None:
    r = only(result_for(score(excluded=True)))
    assert r.reasons == (Reason.EXCLUDED,)
    assert r.score is None


def test_excluded_as_exempt_is_sent_as_exempt() -> None:
    r = only(
        result_for(score(excluded=True), dist=district(options={"excluded_as": ExcludedAs.EXEMPT}))
    )
    assert r.send
    assert r.status == "exempt"
    assert r.score == 0.0


def test_exempt_option_leaves_ordinary_scores_alone() -> None:
    r = only(result_for(score(), dist=district(options={"excluded_as": ExcludedAs.EXEMPT})))
    assert (r.score, r.status) == (18.0, "fully graded")


def test_excluded_and_not_enrolled_gives_both_reasons() -> None:
    r = only(result_for(score("S-404", excluded=True)))
    assert set(r.reasons) == {Reason.STUDENT_NOT_ENROLLED, Reason.EXCLUDED}


def test_exempt_still_needs_an_enrollment() -> None:
    dist = district(options={"excluded_as": ExcludedAs.EXEMPT})
    r = only(result_for(score("S-404", excluded=True), dist=dist))
    assert r.reasons == (Reason.STUDENT_NOT_ENROLLED,)


@pytest.mark.parametrize("today", [DUE - timedelta(days=3), DUE, DUE + timedelta(days=10)])
def test_submitted_but_not_graded_is_never_sent(today: date) -> None:
    r = only(result_for(score(state=ScoreState.SUBMITTED, points=None), today=today))
    assert r.reasons == (Reason.NOT_GRADED,)


def test_graded_state_without_points_is_not_graded() -> None:
    r = only(result_for(score(points=None)))
    assert r.reasons == (Reason.NOT_GRADED,)


@pytest.mark.parametrize("state", [ScoreState.IN_PROGRESS, ScoreState.NOT_SUBMITTED])
def test_never_turned_in_is_not_graded_until_past_due(state: ScoreState) -> None:
    on_due_date = only(result_for(score(state=state, points=None), today=DUE))
    assert on_due_date.reasons == (Reason.NOT_GRADED,)


@pytest.mark.parametrize("state", [ScoreState.IN_PROGRESS, ScoreState.NOT_SUBMITTED])
def test_never_turned_in_past_due_is_an_automatic_zero(state: ScoreState) -> None:
    for today in (DUE + timedelta(days=1), TODAY):
        r = only(result_for(score(state=state, points=None), today=today))
        assert r.send
        # dated on the due date, so it is the same result every night
        assert (r.score, r.status, r.score_date) == (0.0, "not submitted", DUE)


def test_a_partial_score_of_unfinished_work_is_not_sent() -> None:
    r = only(result_for(score(state=ScoreState.IN_PROGRESS, points=7), today=DUE))
    assert r.reasons == (Reason.NOT_GRADED,)
    past_due = only(result_for(score(state=ScoreState.IN_PROGRESS, points=7)))
    assert (past_due.score, past_due.status) == (0.0, "not submitted")


def test_graded_before_the_due_date_is_sent() -> None:
    r = only(result_for(score(), today=DUE - timedelta(days=2)))
    assert r.send


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"title": "x" * 50}, (Reason.TITLE_TOO_LONG,), id="title"),
        pytest.param(
            {"include_in_final_grade": False, "type": "Essay"},
            (Reason.NOT_IN_FINAL_GRADE, Reason.CATEGORY_NOT_MAPPED),
            id="two reasons",
        ),
    ],
)
def test_score_under_a_skipped_assessment_carries_its_reasons(
    changes: dict[str, Any], expected: tuple[Reason, ...]
) -> None:
    r = only(result_for(score(), assessment(**changes)))
    assert r.reasons == expected
    assert r.score is None


def test_score_under_a_duplicate_carries_duplicate_title() -> None:
    dup = assessment("A-101", assigned_on=date(2026, 10, 21))
    _, results = run_rules([assessment(), dup], [score(assessment="A-101")])
    assert only(results).reasons == (Reason.DUPLICATE_TITLE,)


def test_skipped_assessment_reasons_replace_score_reasons() -> None:
    # not enrolled and ungraded, but what the teacher must fix first is the assessment
    r = only(result_for(score("S-404", state=ScoreState.SUBMITTED), assessment(title="x" * 50)))
    assert r.reasons == (Reason.TITLE_TOO_LONG,)


# --- an assessment assigned to several classes ------------------------------------------------

TWO_CLASSES = assessment(classes=("CLS-7A", "CLS-7B"))


@pytest.mark.parametrize(
    ("student", "class_id"), [("S-1", "CLS-7A"), ("S-2", "CLS-7A"), ("S-3", "CLS-7B")]
)
def test_score_lands_in_the_class_the_student_is_on_the_roster_of(
    student: str, class_id: str
) -> None:
    r = only(result_for(score(student), TWO_CLASSES))
    assert r.class_id == class_id
    assert r.send


def test_student_on_no_roster_is_reported_once() -> None:
    r = only(result_for(score("S-404"), TWO_CLASSES))
    assert r.reasons == (Reason.STUDENT_NOT_ENROLLED,)
    assert r.class_id == "CLS-7A"


def test_student_on_both_rosters_gets_a_result_in_each() -> None:
    ctx = context(enrollments=(*ENROLLMENTS, Enrollment("S-1", "CLS-7B", "student")))
    results = result_for(score("S-1"), TWO_CLASSES, ctx=ctx)
    assert sorted(r.class_id for r in results) == ["CLS-7A", "CLS-7B"]
    assert all(r.send for r in results)


def test_score_lands_in_the_sending_class_even_when_another_class_skips() -> None:
    a = assessment(classes=("CLS-OLD", "CLS-7B"))
    r = only(result_for(score("S-3"), a))
    assert (r.class_id, r.send) == ("CLS-7B", True)


def test_scores_of_deleted_or_unknown_assessments_get_no_decision() -> None:
    _, results = run_rules([assessment(deleted=True)], [score(), score(assessment="A-999")])
    assert results == []


# --- automatic zeros for assigned students without a score record [rev 2026-12] ----------


def zeros(
    *,
    assigned_to: Any = "class",
    today: date = TODAY,
    ctx: SisContext | None = None,
    scores: tuple[Any, ...] = (),
    **changes: Any,
) -> dict[str, ResultDecision]:
    """The result decisions by student for the ordinary assessment given `assigned_to`."""
    a = assessment(assigned_to=assigned_to, **changes)
    _, results = run_rules([a], list(scores), ctx=ctx, today=today)
    return {r.student: r for r in results}


def is_zero(r: ResultDecision) -> bool:
    return r.send and r.score == 0.0 and r.status == "not submitted" and r.score_date == DUE


@pytest.mark.parametrize(
    ("case", "today", "assigned_to", "ctx", "expected"),
    [
        pytest.param("past due", DUE + timedelta(days=1), "class", None, {"S-1", "S-2"}),
        pytest.param("on the due date", DUE, "class", None, set(), id="on the due date"),
        pytest.param("before the due date", DUE - timedelta(days=1), "class", None, set()),
        pytest.param("a list narrows it", TODAY, ("S-2",), None, {"S-2"}),
        pytest.param("a listed student not in the class", TODAY, ("S-3",), None, set()),
        pytest.param("not stated (stored before the field)", TODAY, None, None, set()),
        pytest.param(
            "enrolled after the due date",
            TODAY,
            "class",
            "joined",
            {"S-2"},
        ),
        pytest.param("left before the due date", TODAY, "class", "left", {"S-2"}),
        pytest.param(
            "left after the due date keeps it", TODAY, "class", "left late", {"S-1", "S-2"}
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v else None,
)
def test_automatic_zero_boundaries(
    case: str, today: date, assigned_to: Any, ctx: str | None, expected: set[str]
) -> None:
    contexts = {
        None: None,
        "joined": s1_enrolled(begin=DUE + timedelta(days=1)),
        "left": s1_enrolled(end=DUE - timedelta(days=1)),
        "left late": s1_enrolled(end=DUE + timedelta(days=1)),
    }
    found = zeros(assigned_to=assigned_to, today=today, ctx=contexts[ctx])
    assert set(found) == expected, case
    assert all(is_zero(r) for r in found.values())


def test_a_score_record_replaces_the_automatic_zero() -> None:
    late = score("S-2", points=15, updated_at=at("2026-11-09T15:00"))
    found = zeros(scores=(late,))
    assert found["S-2"].send and found["S-2"].score == 15
    assert is_zero(found["S-1"])


def test_a_record_of_a_student_outside_the_list_is_evaluated_as_usual() -> None:
    found = zeros(assigned_to=("S-2",), scores=(score("S-1"),))
    assert found["S-1"].send and found["S-1"].score == 18
    assert is_zero(found["S-2"])


def test_no_automatic_zero_under_a_skipped_assessment() -> None:
    assert zeros(include_in_final_grade=False) == {}

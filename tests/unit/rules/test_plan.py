"""The planner (docs/sync.md) on hand-built SIS objects and ledgers.

The ordinary case: A-100 ("Unit 1 Test", 20 points, due 2026-10-27 in Q2) in CLS-7A; S-1 graded
18 on 2026-10-28, S-2 never turned it in (an automatic zero once past due); today 2026-11-10.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import pytest

from passback.core.domain import Enrollment, ExcludedAs, ObjectKind, ScoreState, SisClass, SisEdits
from passback.core.plan import Action
from passback.core.reasons import Reason
from passback.core.writes import line_item_id, result_id

from .builders import DISTRICT_ID, ENROLLMENTS, assessment, context, district, score, without
from .planning import (
    LI,
    RES,
    actions,
    apply,
    item,
    li_id,
    plan_for,
    res_id,
    sis_line_item,
    sis_result,
    state,
    writes,
)

A = assessment()
SCORES = [score("S-1"), score("S-2", state=ScoreState.NOT_SUBMITTED, points=None)]
LINE_ITEM = sis_line_item()
R1 = sis_result("S-1", 18)
R2 = sis_result("S-2", 0, "not submitted", "2026-10-27")
OVERWRITE = district(options={"sis_edits": SisEdits.OVERWRITE})


def sent() -> tuple[dict[str, Any], dict[str, Any]]:
    """The SIS and ledger after the ordinary case was written."""
    return state(LINE_ITEM, R1, R2)


# --- first run ---------------------------------------------------------------------------------


def test_first_run_creates_the_lineitem_then_its_results() -> None:
    plan = plan_for([A], SCORES)
    assert [(i.kind, i.action, i.student) for i in plan.items] == [
        (LI, Action.CREATE, None),
        (RES, Action.CREATE, "S-1"),
        (RES, Action.CREATE, "S-2"),
    ]
    assert plan.counts()["created"] == 3


def test_lineitem_payload() -> None:
    li = item(plan_for([assessment(description="Ch. 1-3")], SCORES))
    p = dict(li.payload or {})
    assert p["sourcedId"] == li.sourced_id == li_id()
    assert p["title"] == "Unit 1 Test"
    assert p["description"] == "Ch. 1-3"
    assert _day(p["assignDate"]) == date(2026, 10, 20)
    assert _day(p["dueDate"]) == date(2026, 10, 27)
    assert p["class"]["sourcedId"] == "CLS-7A"
    assert p["category"]["sourcedId"] == "CAT-Tests-T-1"  # the class teacher's own copy
    assert p["gradingPeriod"]["sourcedId"] == "GP-Q2"
    assert p["gradingPeriod"]["type"] == "academicSession"
    assert (p["resultValueMin"], p["resultValueMax"]) == (0, 20)
    assert p["metadata"]["scoreType"] == "POINTS"
    assert "weight" not in p and "weight" not in p.get("metadata", {})
    assert li.record is not None
    assert (li.record.category, li.record.grading_period) == ("CAT-Tests-T-1", "GP-Q2")


@pytest.mark.parametrize("points", [1, 35, 100])
def test_result_value_max_is_the_points_possible(points: int) -> None:
    li = item(plan_for([assessment(points_possible=points)]))
    assert li.payload is not None
    assert (li.payload["resultValueMin"], li.payload["resultValueMax"]) == (0, points)


def test_lineitem_category_follows_the_assigning_co_teacher() -> None:
    li = item(plan_for([assessment(assigned_by="T-2")]))
    assert li.payload is not None
    assert li.payload["category"]["sourcedId"] == "CAT-Tests-T-2"


def test_result_payloads() -> None:
    plan = plan_for([A], [score("S-1", comment="Nice"), SCORES[1]])
    r1, r2 = item(plan, "S-1"), item(plan, "S-2")
    for r, student in ((r1, "S-1"), (r2, "S-2")):
        assert r.payload is not None
        assert r.payload["sourcedId"] == r.sourced_id == res_id(student)
        assert r.payload["lineItem"]["sourcedId"] == li_id()
        assert r.payload["student"]["sourcedId"] == student
        assert r.line_item == li_id()
    assert r1.payload is not None and r2.payload is not None
    assert (r1.payload["score"], r1.payload["scoreStatus"]) == (18, "fully graded")
    assert r1.payload["scoreDate"] == "2026-10-28"
    assert r1.payload["comment"] == "Nice"
    assert (r2.payload["score"], r2.payload["scoreStatus"]) == (0, "not submitted")
    assert r2.payload["scoreDate"] == "2026-10-27"
    assert "comment" not in r2.payload
    assert r1.record is not None
    assert (r1.record.score, r1.record.score_status) == (18, "fully graded")


def test_exempt_result_payload() -> None:
    dist = district(options={"excluded_as": ExcludedAs.EXEMPT})
    r = item(plan_for([A], [score("S-1", excluded=True)], dist=dist), "S-1")
    assert r.action is Action.CREATE
    assert r.payload is not None and r.payload["scoreStatus"] == "exempt"


URL_SAFE = re.compile(r"^[A-Za-z0-9._~-]{1,40}$")


def test_sourced_ids_are_deterministic_short_and_url_safe() -> None:
    ids = [
        line_item_id(DISTRICT_ID, "A-100", "CLS-7A"),
        line_item_id(DISTRICT_ID, "A/100 ?&#", "CLS 7A"),
        result_id(DISTRICT_ID, "A-100", "CLS-7A", "S-1"),
        result_id(DISTRICT_ID, "A" * 200, "C" * 200, "S" * 200),
    ]
    assert all(URL_SAFE.match(i) for i in ids), ids
    assert line_item_id(DISTRICT_ID, "A-100", "CLS-7A") == ids[0]
    # every part counts, and the parts cannot be confused with each other
    variants = {
        line_item_id(DISTRICT_ID, "A-100", "CLS-7A"),
        line_item_id("unified-2", "A-100", "CLS-7A"),
        line_item_id(DISTRICT_ID, "A-101", "CLS-7A"),
        line_item_id(DISTRICT_ID, "A-100", "CLS-7B"),
        line_item_id(DISTRICT_ID, "A-100C", "LS-7A"),
        result_id(DISTRICT_ID, "A-100", "CLS-7A", "S-2"),
        result_id(DISTRICT_ID, "A-100", "CLS-7AS", "-1"),
        result_id(DISTRICT_ID, "A-100", "CLS-7A", "S-1"),
    }
    assert len(variants) == 8


def test_two_plans_of_the_same_data_are_equal() -> None:
    assert plan_for([A], SCORES).items == plan_for([A], list(reversed(SCORES))).items


# --- nothing changed -----------------------------------------------------------------------


def test_sis_equal_to_desired_with_ledger_is_unchanged_without_record() -> None:
    sis, ledger = sent()
    plan = plan_for([A], SCORES, sis=sis, ledger=ledger)
    assert {i.action for i in plan.items} == {Action.UNCHANGED}
    assert len(plan.items) == 3
    assert all(i.record is None for i in plan.items)


def test_sis_equal_to_desired_without_ledger_is_adopted_without_a_write() -> None:
    sis, _ = sent()
    plan = plan_for([A], SCORES, sis=sis)
    assert {i.action for i in plan.items} == {Action.UNCHANGED}
    assert all(i.record is not None for i in plan.items)
    assert item(plan, "S-1").record.score == 18  # type: ignore[union-attr]


# --- updates ---------------------------------------------------------------------------------


def test_changed_score_is_an_update() -> None:
    sis, ledger = sent()
    plan = plan_for([A], [score("S-1", points=19), SCORES[1]], sis=sis, ledger=ledger)
    assert actions(plan) == {
        ("lineItem", "CLS-7A", None): Action.UNCHANGED,
        ("result", "CLS-7A", "S-1"): Action.UPDATE,
        ("result", "CLS-7A", "S-2"): Action.UNCHANGED,
    }
    r1 = item(plan, "S-1")
    assert r1.payload is not None and r1.payload["score"] == 19
    assert r1.record is not None and r1.record.score == 19


def test_changed_title_is_a_lineitem_update() -> None:
    sis, ledger = sent()
    plan = plan_for([assessment(title="Unit 1 Test (v2)")], SCORES, sis=sis, ledger=ledger)
    li = item(plan)
    assert li.action is Action.UPDATE
    assert li.payload is not None and li.payload["title"] == "Unit 1 Test (v2)"
    assert [i.action for i in plan.items if i.kind is RES] == [Action.UNCHANGED] * 2


def test_late_work_replaces_the_automatic_zero() -> None:
    sis, ledger = sent()
    late = score("S-2", points=15, updated_at=datetime.fromisoformat("2026-11-09T15:00+00:00"))
    plan = plan_for([A], [SCORES[0], late], sis=sis, ledger=ledger)
    r2 = item(plan, "S-2")
    assert r2.action is Action.UPDATE
    assert r2.payload is not None
    assert (r2.payload["score"], r2.payload["scoreStatus"]) == (15, "fully graded")
    assert r2.payload["scoreDate"] == "2026-11-09"


# --- teacher edits in the SIS --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sis_score", "sis_status"),
    [(17, "fully graded"), (18, "exempt")],
    ids=["score edited", "status edited"],
)
def test_teacher_edited_result_is_a_conflict_with_both_values(
    sis_score: float, sis_status: str
) -> None:
    sis, ledger = sent()
    sis[res_id("S-1")] |= {"score": sis_score, "scoreStatus": sis_status}
    for new_points in (18, 19):  # whether or not passback's own value changed too
        scores = [score("S-1", points=new_points), SCORES[1]]
        plan = plan_for([A], scores, sis=sis, ledger=ledger)
        r1 = item(plan, "S-1")
        assert r1.action is Action.CONFLICT
        assert r1.reasons == (Reason.SIS_EDITED,)
        assert r1.details == {
            "sis": {"score": sis_score, "scoreStatus": sis_status},
            "passback": {"score": 18, "scoreStatus": "fully graded"},
        }
        assert not writes(plan)


def test_overwrite_option_updates_a_teacher_edited_result_when_passback_changed_it() -> None:
    sis, ledger = sent()
    sis[res_id("S-1")]["score"] = 17
    scores = [score("S-1", points=19), SCORES[1]]
    r1 = item(plan_for([A], scores, sis=sis, ledger=ledger, dist=OVERWRITE), "S-1")
    assert r1.action is Action.UPDATE
    assert r1.payload is not None and r1.payload["score"] == 19


def test_overwrite_option_restores_a_teacher_edited_result() -> None:
    sis, ledger = sent()
    sis[res_id("S-1")]["score"] = 17
    r1 = item(plan_for([A], SCORES, sis=sis, ledger=ledger, dist=OVERWRITE), "S-1")
    assert r1.action is Action.UPDATE
    assert r1.payload is not None and r1.payload["score"] == 18


def test_teacher_changed_lineitem_category_is_kept_and_not_a_conflict() -> None:
    sis, ledger = sent()
    sis[li_id()]["category"]["sourcedId"] = "CAT-Quizzes-T-1"
    plan = plan_for([A], SCORES, sis=sis, ledger=ledger)
    li = item(plan)
    assert li.action is Action.UNCHANGED
    assert not li.reasons
    assert li.message == "Category kept as the teacher set it in the SIS: Quizzes."
    assert not writes(plan)


@pytest.mark.parametrize("dist", [district(), OVERWRITE], ids=["preserve", "overwrite"])
def test_teacher_category_is_kept_when_the_platform_changes_the_lineitem(dist: Any) -> None:
    sis, ledger = sent()
    sis[li_id()]["category"]["sourcedId"] = "CAT-Quizzes-T-1"
    sis[li_id()]["metadata"] = {"scoreType": "POINTS", "weight": 2, "vendor": {"x": 1}}
    sis[li_id()]["extension"] = "kept"
    changed = assessment(title="Unit 1 Test (v2)", points_possible=25)
    li = item(plan_for([changed], SCORES, sis=sis, ledger=ledger, dist=dist))
    assert li.action is Action.UPDATE
    assert li.payload is not None
    assert li.payload["category"]["sourcedId"] == "CAT-Quizzes-T-1"
    assert (li.payload["title"], li.payload["resultValueMax"]) == ("Unit 1 Test (v2)", 25)
    assert li.payload["metadata"] == {"scoreType": "POINTS", "weight": 2, "vendor": {"x": 1}}
    assert li.payload["extension"] == "kept"
    assert "Quizzes" in li.message
    # the ledger keeps passback's own category: the next run compares against it
    assert li.record is not None and li.record.category == "CAT-Tests-T-1"


def test_result_update_keeps_fields_passback_does_not_own() -> None:
    sis, ledger = sent()
    sis[res_id("S-1")]["metadata"] = {"teacherNote": "late pass"}
    sis[res_id("S-1")]["textScore"] = "B+"
    plan = plan_for([A], [score("S-1", points=19), SCORES[1]], sis=sis, ledger=ledger)
    r1 = item(plan, "S-1")
    assert r1.action is Action.UPDATE
    assert r1.payload is not None
    assert r1.payload["score"] == 19
    assert r1.payload["metadata"] == {"teacherNote": "late pass"}
    assert r1.payload["textScore"] == "B+"


def test_result_deleted_by_a_teacher_is_not_recreated() -> None:
    sis, ledger = sent()
    del sis[res_id("S-1")]
    r1 = item(plan_for([A], SCORES, sis=sis, ledger=ledger), "S-1")
    assert r1.action is Action.CONFLICT
    assert r1.details is not None and r1.details["sis"] is None


def test_lineitem_deleted_by_a_teacher_is_not_recreated_nor_its_results() -> None:
    sis, ledger = sent()
    del sis[li_id()]
    plan = plan_for([A], SCORES, sis=sis, ledger=ledger)
    assert {i.action for i in plan.items} == {Action.CONFLICT}
    overwrite = plan_for([A], SCORES, sis=sis, ledger=ledger, dist=OVERWRITE)
    assert item(overwrite).action is Action.CREATE


# --- retraction ------------------------------------------------------------------------------


def test_deleted_assessment_deletes_results_then_lineitem() -> None:
    sis, ledger = sent()
    plan = plan_for([assessment(deleted=True)], SCORES, sis=sis, ledger=ledger)
    assert [(i.kind, i.action) for i in plan.items] == [
        (RES, Action.DELETE),
        (RES, Action.DELETE),
        (LI, Action.DELETE),
    ]
    assert {i.sourced_id for i in plan.items} == set(sis)
    assert "Deleted in the assessment platform." in item(plan).message


def test_deleted_assessment_that_was_never_sent_plans_nothing() -> None:
    assert plan_for([assessment(deleted=True)], SCORES).items == []


def test_ineligible_now_retracts_with_reasons() -> None:
    sis, ledger = sent()
    plan = plan_for([assessment(include_in_final_grade=False)], SCORES, sis=sis, ledger=ledger)
    assert [(i.kind, i.action) for i in plan.items] == [
        (RES, Action.DELETE),
        (RES, Action.DELETE),
        (LI, Action.DELETE),
    ]
    assert all(i.reasons == (Reason.NOT_IN_FINAL_GRADE,) for i in plan.items)


@pytest.mark.parametrize(
    ("changes", "dist_changes", "reason"),
    [
        ({}, {"passback_group": frozenset({"T-2", "T-3"})}, Reason.ASSIGNER_NOT_IN_GROUP),
        ({}, {"category_map": {"Quiz": "Quizzes"}}, Reason.CATEGORY_NOT_MAPPED),
        ({}, {"effective_date": date(2026, 11, 20)}, Reason.BEFORE_EFFECTIVE_DATE),
        ({"title": "x" * 50}, {}, Reason.TITLE_TOO_LONG),
        ({"points_possible": 19.5}, {}, Reason.POINTS_NOT_WHOLE),
    ],
    ids=["teacher left the group", "mapping changed", "effective date moved", "title", "points"],
)
def test_stops_qualifying_for_another_reason_is_left_in_the_sis(
    changes: dict[str, Any], dist_changes: dict[str, Any], reason: Reason
) -> None:
    sis, ledger = sent()
    dist = district(**dist_changes)
    plan = plan_for([assessment(**changes)], SCORES, sis=sis, ledger=ledger, dist=dist)
    assert not writes(plan)
    assert [(i.kind, i.action) for i in plan.items] == [
        (LI, Action.SKIP),
        (RES, Action.SKIP),
        (RES, Action.SKIP),
    ]
    assert all(i.reasons == (reason,) for i in plan.items)
    assert all(
        i.message == "Left in the SIS as it is: passback no longer updates it." for i in plan.items
    )


def test_a_result_of_a_student_no_longer_enrolled_is_left() -> None:
    sis, ledger = sent()
    # S-1's enrollment is gone from the SIS (a schedule correction)
    ctx = context(enrollments=without(ENROLLMENTS, Enrollment("S-1", "CLS-7A", "student")))
    plan = plan_for([A], SCORES, sis=sis, ledger=ledger, ctx=ctx)
    r1 = item(plan, "S-1")
    assert r1.action is Action.SKIP
    assert r1.reasons == (Reason.STUDENT_NOT_ENROLLED,)
    assert "Left in the SIS" in r1.message


def test_a_title_held_by_a_lineitem_left_in_the_sis_is_not_taken() -> None:
    """A-100 is in the SIS and left there (its teacher left the group... here: too long a
    title is refused, so it keeps "Unit 1 Test"); A-200, assigned by T-2, takes the same
    title: PowerSchool requires names unique in a section, so it is not created."""
    sis, ledger = sent()
    other = assessment("A-200", assigned_by="T-2", assigned_on=date(2026, 10, 19))
    dist = district(passback_group=frozenset({"T-2", "T-3"}))
    plan = plan_for([A, other], [], sis=sis, ledger=ledger, dist=dist)
    assert item(plan).action is Action.SKIP  # left
    newcomer = item(plan, assessment="A-200")
    assert newcomer.action is Action.SKIP
    assert newcomer.reasons == (Reason.DUPLICATE_TITLE,)
    assert not writes(plan)


def test_ineligible_and_never_sent_is_skipped() -> None:
    plan = plan_for([assessment(title="x" * 50)], SCORES)
    assert [(i.kind, i.action, i.student) for i in plan.items] == [
        (LI, Action.SKIP, None),
        (RES, Action.SKIP, "S-1"),
        (RES, Action.SKIP, "S-2"),
    ]
    assert item(plan).reasons == (Reason.TITLE_TOO_LONG,)


def test_scores_under_a_never_sent_skipped_assessment_carry_its_reasons() -> None:
    plan = plan_for([assessment(title="x" * 50)], SCORES)
    assert all(i.reasons == (Reason.TITLE_TOO_LONG,) for i in plan.items)


def test_retraction_keeps_everything_when_a_teacher_edited_a_result() -> None:
    sis, ledger = sent()
    sis[res_id("S-2")]["score"] = 5  # the teacher entered the late work by hand
    plan = plan_for([assessment(include_in_final_grade=False)], SCORES, sis=sis, ledger=ledger)
    assert not writes(plan)
    li = item(plan)
    assert li.action is Action.CONFLICT
    assert set(li.reasons) == {Reason.NOT_IN_FINAL_GRADE, Reason.SIS_EDITED}
    assert item(plan, "S-2").action is Action.CONFLICT
    assert item(plan, "S-1").action is Action.SKIP


def test_retraction_conflict_of_a_result_names_the_retraction_reasons() -> None:
    sis, ledger = sent()
    sis[res_id("S-2")]["score"] = 5
    plan = plan_for([assessment(include_in_final_grade=False)], SCORES, sis=sis, ledger=ledger)
    assert set(item(plan, "S-2").reasons) == {Reason.NOT_IN_FINAL_GRADE, Reason.SIS_EDITED}


def test_retraction_keeps_a_lineitem_holding_teacher_entered_scores() -> None:
    sis, ledger = sent()
    mine = sis_result("S-3", 9, sourced_id="ps-teacher-entered-1")
    sis[mine["sourcedId"]] = mine
    plan = plan_for([assessment(deleted=True)], SCORES, sis=sis, ledger=ledger)
    assert not writes(plan)
    assert item(plan).action is Action.CONFLICT
    assert "ps-teacher-entered-1" not in {i.sourced_id for i in plan.items}


def test_retraction_keeps_a_lineitem_whose_category_a_teacher_changed() -> None:
    sis, ledger = sent()
    sis[li_id()]["category"]["sourcedId"] = "CAT-Quizzes-T-1"
    plan = plan_for([assessment(include_in_final_grade=False)], SCORES, sis=sis, ledger=ledger)
    assert item(plan).action is Action.CONFLICT
    assert not writes(plan)


def test_score_that_became_ungraded_has_its_result_deleted() -> None:
    sis, ledger = sent()
    regraded = score("S-1", state=ScoreState.SUBMITTED, points=None)
    plan = plan_for([A], [regraded, SCORES[1]], sis=sis, ledger=ledger)
    r1 = item(plan, "S-1")
    assert (r1.action, r1.reasons) == (Action.DELETE, (Reason.NOT_GRADED,))
    assert item(plan).action is Action.UNCHANGED
    assert item(plan, "S-2").action is Action.UNCHANGED


def test_score_that_became_excluded_has_its_result_deleted() -> None:
    sis, ledger = sent()
    plan = plan_for([A], [score("S-1", excluded=True), SCORES[1]], sis=sis, ledger=ledger)
    assert (item(plan, "S-1").action, item(plan, "S-1").reasons) == (
        Action.DELETE,
        (Reason.EXCLUDED,),
    )


def test_ungraded_score_with_a_teacher_edit_is_kept() -> None:
    sis, ledger = sent()
    sis[res_id("S-1")]["score"] = 16
    regraded = score("S-1", state=ScoreState.SUBMITTED, points=None)
    r1 = item(plan_for([A], [regraded, SCORES[1]], sis=sis, ledger=ledger), "S-1")
    assert r1.action is Action.CONFLICT
    assert set(r1.reasons) == {Reason.NOT_GRADED, Reason.SIS_EDITED}


def test_score_removed_from_the_platform_has_its_result_deleted() -> None:
    sis, ledger = sent()
    plan = plan_for([A], [SCORES[1]], sis=sis, ledger=ledger)
    assert item(plan, "S-1").action is Action.DELETE


# --- closed grading periods --------------------------------------------------------------------

Q2_CLOSED = district(closed_grading_periods=frozenset({"GP-Q2"}))


@pytest.mark.parametrize(
    ("assessments", "scores"),
    [
        pytest.param([A], [score("S-1", points=19), SCORES[1]], id="changed score"),
        pytest.param([assessment(title="Unit 1 Test v2")], SCORES, id="changed title"),
        pytest.param([assessment(include_in_final_grade=False)], SCORES, id="ineligible"),
        pytest.param([A], [score("S-1", excluded=True)], id="excluded and removed scores"),
        pytest.param([assessment(deleted=True)], SCORES, id="deleted in the platform"),
    ],
)
def test_closed_grading_period_is_not_written_nor_deleted(
    assessments: list[Any], scores: list[Any]
) -> None:
    sis, ledger = sent()
    plan = plan_for(assessments, scores, sis=sis, ledger=ledger, dist=Q2_CLOSED)
    assert not writes(plan)
    assert Reason.GRADING_PERIOD_CLOSED in item(plan).reasons


def test_new_assessment_in_a_closed_period_is_skipped() -> None:
    plan = plan_for([A], SCORES, dist=Q2_CLOSED)
    assert {i.action for i in plan.items} == {Action.SKIP}


def test_lineitem_in_a_closed_period_is_not_moved_out_of_it() -> None:
    sis, ledger = sent()  # A-100 was sent into Q2; Q2 has closed since
    full_year = context(
        classes=(SisClass("CLS-7A", "Math 7 A", ("TERM-S1", "TERM-S2")),),
    )
    moved = assessment(assigned_on=date(2027, 1, 5), due_on=date(2027, 1, 8))
    later = date(2027, 1, 12)
    # the new dates alone pass every rule: from scratch it would be created in Q3
    fresh = plan_for([moved], SCORES, ctx=full_year, dist=Q2_CLOSED, today=later)
    assert item(fresh).action is Action.CREATE
    plan = plan_for(
        [moved], SCORES, sis=sis, ledger=ledger, ctx=full_year, dist=Q2_CLOSED, today=later
    )
    assert not writes(plan)
    assert Reason.GRADING_PERIOD_CLOSED in item(plan).reasons


# --- scope and crash leftovers -----------------------------------------------------------------


def test_classes_scope_limits_the_plan() -> None:
    b = assessment("A-200", classes=("CLS-7B",), title="Unit 2 Test")
    sis, ledger = sent()
    scores = [*SCORES, score("S-3", assessment="A-200")]
    # A-100 is deleted in the platform, but its class is out of scope: left alone
    plan = plan_for(
        [assessment(deleted=True), b], scores, sis=sis, ledger=ledger, classes={"CLS-7B"}
    )
    assert {i.class_id for i in plan.items} == {"CLS-7B"}
    assert [(i.kind, i.action) for i in plan.items] == [(LI, Action.CREATE), (RES, Action.CREATE)]
    full = plan_for([assessment(deleted=True), b], scores, sis=sis, ledger=ledger)
    assert [i for i in full.items if i.class_id == "CLS-7B"] == plan.items


def test_crash_leftover_result_equal_to_desired_is_adopted() -> None:
    # the run wrote S-1's result but crashed before recording it
    sis, ledger = state(LINE_ITEM, R1, ledger=[LINE_ITEM])
    plan = plan_for([A], SCORES, sis=sis, ledger=ledger)
    r1 = item(plan, "S-1")
    assert r1.action is Action.UNCHANGED and r1.record is not None
    assert item(plan, "S-2").action is Action.CREATE


def test_crash_leftover_result_with_an_older_value_is_updated() -> None:
    sis, ledger = state(LINE_ITEM, sis_result("S-1", 12), ledger=[LINE_ITEM])
    r1 = item(plan_for([A], SCORES, sis=sis, ledger=ledger), "S-1")
    assert r1.action is Action.UPDATE
    assert r1.payload is not None and r1.payload["score"] == 18


def test_crash_leftover_result_whose_score_is_gone_is_deleted() -> None:
    sis, ledger = state(LINE_ITEM, R1, R2, ledger=[LINE_ITEM, R2])
    plan = plan_for([A], [SCORES[1]], sis=sis, ledger=ledger)
    assert item(plan, "S-1").action is Action.DELETE


def test_crash_leftover_lineitem_is_adopted() -> None:
    sis, ledger = state(LINE_ITEM, ledger=[])
    plan = plan_for([A], SCORES, sis=sis, ledger=ledger)
    assert item(plan).action is Action.UNCHANGED and item(plan).record is not None
    assert [i.action for i in plan.items if i.kind is RES] == [Action.CREATE] * 2


def test_crash_leftover_result_under_a_deleted_assessment_is_deleted() -> None:
    sis, ledger = state(LINE_ITEM, R1, R2, ledger=[LINE_ITEM, R2])
    plan = plan_for([assessment(deleted=True)], SCORES, sis=sis, ledger=ledger)
    assert [(i.kind, i.action) for i in plan.items] == [
        (RES, Action.DELETE),
        (RES, Action.DELETE),
        (LI, Action.DELETE),
    ]


def test_the_plan_never_names_sis_objects_of_others() -> None:
    sis, ledger = sent()
    theirs = {
        "ps-li-1": {**sis_line_item("B-1"), "sourcedId": "ps-li-1"},
        "ps-r-1": sis_result("S-1", 3, sourced_id="ps-r-1", assessment="B-1"),
    }
    plan = plan_for([assessment(deleted=True)], SCORES, sis=sis | theirs, ledger=ledger)
    assert not {i.sourced_id for i in plan.items} & set(theirs)


# --- helpers ---------------------------------------------------------------------------------


def _day(text: str) -> date:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).date()


def test_applying_a_first_plan_leaves_nothing_to_do() -> None:
    sis: dict[str, Any] = {}
    ledger: dict[str, Any] = {}
    apply(plan_for([A], SCORES), sis, ledger)
    assert set(sis) == {li_id(), res_id("S-1"), res_id("S-2")}
    assert {e.kind for e in ledger.values()} == {ObjectKind.LINE_ITEM, ObjectKind.RESULT}
    assert not writes(plan_for([A], SCORES, sis=sis, ledger=ledger))


# --- automatic zeros (assigned_to) ------------------------------------------------------------


def test_automatic_zero_is_created_then_replaced_by_late_work_then_withdrawn() -> None:
    whole = assessment(assigned_to="class")
    sis: dict[str, Any] = {}
    ledger: dict[str, Any] = {}
    first = plan_for([whole], [score("S-1")])
    zero = item(first, "S-2")
    assert zero.action is Action.CREATE
    assert zero.payload is not None
    assert (zero.payload["score"], zero.payload["scoreStatus"]) == (0.0, "not submitted")
    apply(first, sis, ledger)

    late = score("S-2", points=15, updated_at=datetime.fromisoformat("2026-11-09T15:00+00:00"))
    second = plan_for([whole], [score("S-1"), late], sis=sis, ledger=ledger)
    replaced = item(second, "S-2")
    assert replaced.action is Action.UPDATE
    assert replaced.payload is not None and replaced.payload["score"] == 15

    # the platform narrows the assignment to S-1: the zero no longer applies
    narrowed = assessment(assigned_to=("S-1",))
    third = plan_for([narrowed], [score("S-1")], sis=sis, ledger=ledger)
    assert item(third, "S-2").action is Action.DELETE

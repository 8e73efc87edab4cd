"""End to end: the real OneRoster client against the real sandbox (in-process), a real
database (SQLite and PostgreSQL), the sample district and the demo's platform data."""

from __future__ import annotations

from passback.core.reasons import Reason
from passback.store import districts
from passback.store.db import session_scope

from .harness import World, items

# set at write time (the SIS refused a write or a delete), not by the first run of the demo
ASSESSMENT_LEVEL = {r for r in Reason if r.level == "assessment"} - {
    Reason.SIS_REJECTED,
    Reason.SIS_CANNOT_DELETE,
}
SCORE_LEVEL = {r for r in Reason if r.level == "score"}


def test_first_run_sends_eligible_scores_and_explains_every_skip(w: World) -> None:
    w.load_demo()
    report = w.sync()

    seen = {code for item in report["items"] for code in item["reasons"]}
    assert {Reason(c) for c in seen} >= ASSESSMENT_LEVEL | SCORE_LEVEL
    # every assessment-class pair is a lineItem item; every score at least one result item
    pairs = {(a["id"], c) for a in w.data["assessments"] for c in a["classes"]}
    assert {(i["assessment"], i["class"]) for i in items(report, kind="lineItem")} == pairs
    scored = {(s["assessment"], s["student"]) for s in w.data["scores"]}
    reported = {(i["assessment"], i["student"]) for i in items(report, kind="result")}
    assert reported >= scored
    # and the assigned students without a record past the due date: automatic zeros
    zeros = items(report, kind="result", assessment="A-103", action="create")
    assert {(i["assessment"], i["student"]) for i in zeros} - scored == reported - scored
    assert len(reported - scored) == 3
    for student in {s for _, s in reported - scored}:
        zero = w.result_for("A-103", student)
        assert zero is not None
        assert (zero["score"], zero["scoreStatus"]) == (0.0, "not submitted")
    for item in report["items"]:
        if item["action"] == "skip":
            assert item["reasons"], item
            assert item["message"], item

    # what reached the SIS
    test = w.line_item_for("A-100")
    assert test is not None
    assert test["resultValueMax"] == 20.0
    assert test["metadata"]["scoreType"] == "POINTS"
    students = w.data["scores"]
    extra = next(s for s in students if s["assessment"] == "A-100" and s.get("comment"))
    result = w.result_for("A-100", extra["student"])
    assert result is not None
    assert (result["score"], result["scoreStatus"]) == (22.0, "fully graded")
    missing = next(
        s for s in students if s["assessment"] == "A-100" and s["state"] == "not_submitted"
    )
    zero = w.result_for("A-100", missing["student"])
    assert zero is not None
    assert (zero["score"], zero["scoreStatus"]) == (0.0, "not submitted")
    started = next(
        x for x in students if x["assessment"] == "A-100" and x["state"] == "in_progress"
    )
    assert w.result_for("A-100", started["student"])["scoreStatus"] == "not submitted"  # type: ignore[index]
    turned_in = next(
        x for x in students if x["assessment"] == "A-100" and x["state"] == "submitted"
    )
    assert w.result_for("A-100", turned_in["student"]) is None  # not graded yet
    not_due = next(
        x for x in students if x["assessment"] == "A-101" and x["state"] == "in_progress"
    )
    assert w.result_for("A-101", not_due["student"]) is None  # not past due yet
    excluded = next(x for x in students if x["assessment"] == "A-100" and x.get("excluded"))
    assert w.result_for("A-100", excluded["student"]) is None
    # nothing of a skipped assessment was written
    assert w.line_item_for("A-202") is None
    # one write per object created, plus the lineItem the SIS refused (its results were
    # not attempted)
    refused = [i for i in items(report, action="error") if not i["message"].startswith("Not sent")]
    assert len(refused) == 1
    assert report["api_calls"]["writes"] == report["counts"]["created"] + 1


def test_second_run_with_no_changes_writes_nothing(w: World) -> None:
    w.load_demo()
    first = w.sync()
    assert first["counts"]["created"] > 100
    second = w.sync()
    assert second["api_calls"]["writes"] == 0
    assert second["counts"]["created"] == second["counts"]["updated"] == 0
    assert second["counts"]["unchanged"] == first["counts"]["created"]


def test_sis_closed_period_is_learned_and_reported(w: World) -> None:
    w.load_demo()
    report = w.sync()
    rejected = items(report, assessment="A-213", kind="lineItem")
    assert rejected[0]["action"] == "error"
    assert rejected[0]["reasons"] == ["GRADING_PERIOD_CLOSED"]
    assert "closed" in rejected[0]["message"]
    with session_scope(w.engine) as session:
        learned = districts.learned_closed_periods(session, w.district)
    assert set(learned) == set(w.fixture["sandbox"]["closed_grading_periods"])
    again = w.sync()
    retry = items(again, assessment="A-213", kind="lineItem")[0]
    assert (retry["action"], retry["reasons"]) == ("skip", ["GRADING_PERIOD_CLOSED"])
    assert again["status"] == "succeeded"


def test_teacher_edit_in_the_sis_is_preserved_and_reported(w: World) -> None:
    w.load_demo()
    w.sync()
    student = w.data["scores"][0]["student"]
    result = w.result_for("A-100", student)
    assert result is not None
    edited = {**result, "score": 19.5}
    w.sandbox.state.upsert("results", edited)
    w.change_score("A-100", student, points=11)

    report = w.sync()
    conflict = items(report, assessment="A-100", student=student, kind="result")[0]
    assert conflict["action"] == "conflict"
    assert conflict["reasons"] == ["SIS_EDITED"]
    assert conflict["details"]["sis"]["score"] == 19.5
    assert conflict["details"]["passback"]["score"] == result["score"]
    assert w.result_for("A-100", student)["score"] == 19.5  # type: ignore[index]

    w.configure(options={"sis_edits": "overwrite"})
    report = w.sync()
    assert (
        items(report, assessment="A-100", student=student, kind="result")[0]["action"] == "update"
    )
    assert w.result_for("A-100", student)["score"] == 11.0  # type: ignore[index]


def test_deleted_and_no_longer_eligible_assessments_are_retracted(w: World) -> None:
    w.load_demo()
    w.sync()
    retracted = {w.line_item_for(a)["sourcedId"] for a in ("A-100", "A-102")}  # type: ignore[index]

    w.change_assessment("A-100", deleted=True)
    w.change_assessment("A-102", include_in_final_grade=False)
    report = w.sync()

    assert w.line_item_for("A-100") is None
    assert w.line_item_for("A-102") is None
    gone = items(report, assessment="A-102", kind="lineItem")[0]
    assert gone["action"] == "delete"
    assert gone["reasons"] == ["NOT_IN_FINAL_GRADE"]
    assert len(items(report, action="delete", kind="result")) > 100
    assert not [r for r in w.ours("results").values() if r["lineItem"]["sourcedId"] in retracted]
    for r in w.ours("results").values():
        assert r["lineItem"]["sourcedId"] in w.ours("lineItems")
    # with its namesake gone, the duplicate-titled assessment is no longer a duplicate
    assert items(report, assessment="A-214", kind="lineItem")[0]["action"] == "create"
    # teacher-made objects of the SIS are never touched
    for li in w.fixture["lineItems"]:
        assert li["sourcedId"] in w.sis("lineItems")


def test_retraction_keeps_everything_when_a_teacher_edited_a_score(w: World) -> None:
    w.load_demo()
    w.sync()
    student = w.data["scores"][0]["student"]
    result = w.result_for("A-100", student)
    assert result is not None
    w.sandbox.state.upsert("results", {**result, "score": 3.0})
    w.change_assessment("A-100", deleted=True)
    report = w.sync()
    li = items(report, assessment="A-100", kind="lineItem")[0]
    assert li["action"] == "conflict"
    assert w.line_item_for("A-100") is not None
    assert w.result_for("A-100", student)["score"] == 3.0  # type: ignore[index]


def test_late_work_replaces_the_automatic_zero(w: World) -> None:
    w.load_demo()
    w.sync()
    late = next(
        s for s in w.data["scores"] if s["assessment"] == "A-100" and s["state"] == "not_submitted"
    )
    assert w.result_for("A-100", late["student"])["score"] == 0.0  # type: ignore[index]
    w.change_score("A-100", late["student"], state="graded", points=16)
    report = w.sync()
    row = items(report, assessment="A-100", student=late["student"])[0]
    assert row["action"] == "update"
    result = w.result_for("A-100", late["student"])
    assert result is not None
    assert (result["score"], result["scoreStatus"]) == (16.0, "fully graded")
    assert report["api_calls"]["writes"] == 1


def test_teacher_added_to_the_group_is_backfilled(w: World) -> None:
    w.load_demo()
    first = w.sync()
    outsider = w.assessment("A-206")["assigned_by"]
    assert items(first, assessment="A-206", kind="lineItem")[0]["reasons"] == [
        "ASSIGNER_NOT_IN_GROUP"
    ]
    assert w.line_item_for("A-206") is None

    w.configure(passback_group=[*w.config["passback_group"], outsider])
    report = w.sync()
    assert items(report, assessment="A-206", kind="lineItem")[0]["action"] == "create"
    assert w.line_item_for("A-206") is not None
    sent = {i["student"] for i in items(report, assessment="A-206", kind="result", action="create")}
    graded = {s["student"] for s in w.data["scores"] if s["assessment"] == "A-206"}
    assert graded < sent
    # the rest of the class never turned it in: past due, each has an automatic zero
    for student in sent - graded:
        zero = w.result_for("A-206", student)
        assert zero is not None
        assert (zero["score"], zero["scoreStatus"]) == (0.0, "not submitted")


def test_dry_run_plans_everything_and_writes_nothing(w: World) -> None:
    w.load_demo()
    w.sandbox.runtime.stats.reset()
    report = w.sync(dry_run=True)
    assert report["dry_run"] is True
    assert report["counts"]["created"] > 100
    assert report["api_calls"]["writes"] == 0
    assert w.sis_writes() == 0
    assert w.ours("lineItems") == {}
    real = w.sync()
    assert real["counts"]["created"] == report["counts"]["created"] - real["counts"]["errors"]


def test_a_record_the_sis_refuses_is_an_error_and_the_run_goes_on(w: World) -> None:
    w.load_demo()
    # the SIS's roster is inconsistent: an enrolled student's user record is gone
    victim = w.data["scores"][0]["student"]
    w.sandbox.state.delete("users", victim)
    report = w.sync()
    row = items(report, assessment="A-100", student=victim, kind="result")[0]
    assert row["action"] == "error"
    assert row["reasons"] == ["SIS_REJECTED"]
    assert victim in row["message"]
    assert report["status"] == "partial"
    assert report["counts"]["created"] > 100


def test_scoped_runs_touch_only_their_classes(w: World) -> None:
    w.load_demo()
    main_class = w.assessment("A-100")["classes"][0]
    report = w.sync(class_id=main_class)
    assert {i["class"] for i in report["items"]} == {main_class}
    teacher = w.assessment("A-100")["assigned_by"]
    by_teacher = w.sync(teacher=teacher)
    assert main_class in {i["class"] for i in by_teacher["items"]}
    assert by_teacher["api_calls"]["writes"] == 0


def test_credentials_refused_fail_the_run_with_a_clear_status(w: World) -> None:
    w.load_demo()
    w.configure(sis={**w.config["sis"], "client_secret": "wrong-secret"})
    report = w.sync()
    assert report["status"] == "failed"
    assert report["error"]
    assert "wrong-secret" not in str(report)
    assert w.ours("lineItems") == {}
